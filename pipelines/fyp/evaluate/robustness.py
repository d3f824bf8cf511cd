"""Metamorphic check: score the gold notices again after changing only their form (fyp.evaluate.perturb).

For each perturbation the gold notices are read as the build reads them (decoded, a saved page reduced
to its text), perturbed, and written to a temporary folder under the same file stem (the ``html``
perturbation changes the suffix to ``.html``), with the folder's ``SOURCES.jsonl`` and
``provenance.csv`` and copies of the gold files whose ``doc`` names are mapped the same way. The normal
evaluation (fyp.evaluate.report.evaluate) then scores them; gold quotes are located in the perturbed
source through the working text, as for any notice (fyp.evaluate.quotes). The ``none`` perturbation
writes the decoded text unchanged, so every other row of the table differs from it by form alone.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from fyp.evaluate.gold import SOURCES_FILE, gold_files, load_gold_sets, read_jsonl
from fyp.evaluate.report import REGISTRY_FILE as REGISTRY_FILE_NAME, registry_files
from fyp.evaluate.perturb import PERTURBATIONS, Perturbation

PROVENANCE_FILE = "provenance.csv"


def notice_folders(docs, notice_dirs) -> dict[str, Path]:
    """The folder each gold notice is read from: the first of ``notice_dirs`` holding a file of its name."""
    folders = [Path(f) for f in notice_dirs if Path(f).is_dir()]
    out = {}
    for doc in docs:
        folder = next((f for f in folders if (f / doc).is_file()), None)
        if folder is not None:
            out[doc] = folder
    return out


def write_perturbed(gold, notice_dirs, perturbation: Perturbation, out: Path) -> tuple[list[Path], Path]:
    """Write the perturbed gold notices and the renamed gold files below ``out``; (notice folders, gold folder)."""
    from fyp.ingest.read import RawNotice, read_notice

    gold_sets = load_gold_sets(gold)
    docs = list(dict.fromkeys(d for gs in gold_sets for d in gs.docs))
    where = notice_folders(docs, notice_dirs)
    folder_out: dict[Path, Path] = {}
    renamed: dict[str, str] = {}
    for doc, folder in where.items():
        target = folder_out.setdefault(folder, out / f"notices-{len(folder_out)}")
        target.mkdir(parents=True, exist_ok=True)
        raw = read_notice(folder / doc, folder)
        name = perturbation.file_name(doc)
        renamed[doc] = name
        if isinstance(raw, RawNotice):
            (target / name).write_bytes(perturbation.encode(raw.source, doc))
        else:  # set aside by ingest: keep its bytes, it is set aside again and scored as such
            (target / name).write_bytes((folder / doc).read_bytes())
    for folder, target in folder_out.items():
        _copy_sources(folder / SOURCES_FILE, target / SOURCES_FILE, renamed)
        _copy_provenance(folder / PROVENANCE_FILE, target / PROVENANCE_FILE, renamed)
    gold_out = out / "gold"
    gold_out.mkdir(parents=True, exist_ok=True)
    for path in gold_files(gold):
        with (gold_out / path.name).open("w", encoding="utf-8") as fh:
            for rec in read_jsonl(path):
                if "doc" in rec:
                    rec = dict(rec, doc=renamed.get(rec["doc"], perturbation.file_name(rec["doc"])))
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    registries = registry_files(gold)
    if registries:  # only the first is copied: a set that only a later one names is scored unregistered
        (gold_out / REGISTRY_FILE_NAME).write_bytes(registries[0].read_bytes())
    return list(folder_out.values()), gold_out


def _copy_sources(src: Path, dst: Path, renamed: dict[str, str]) -> None:
    if not src.is_file():
        return
    with dst.open("w", encoding="utf-8") as fh:
        for rec in read_jsonl(src):
            if rec.get("file") in renamed:
                fh.write(json.dumps(dict(rec, file=renamed[rec["file"]]), ensure_ascii=False) + "\n")


def _copy_provenance(src: Path, dst: Path, renamed: dict[str, str]) -> None:
    if not src.is_file():
        return
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return
    with dst.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            if row.get("source_file") in renamed:
                writer.writerow(dict(row, source_file=renamed[row["source_file"]]))


def evaluate_perturbed(gold, notice_dirs, names) -> dict[str, dict]:
    """perturbation name → the evaluation report (fyp.evaluate.report.evaluate) of the perturbed notices;
    ``original`` is the report on the files as they are."""
    from fyp.evaluate.report import evaluate

    reports = {"original": evaluate(gold, notice_dirs)}
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"fyp-perturb-{name}-") as tmp:
            folders, gold_out = write_perturbed(gold, notice_dirs, PERTURBATIONS[name], Path(tmp))
            reports[name] = evaluate(gold_out, folders)
    return reports


def summary(set_report: dict) -> dict[str, str]:
    """The table's cells for one set of one report."""
    scores = set_report["scores"]

    def f1(table):
        s = scores.get(table)
        return "—" if not s or s.get("f1") is None else f"{s['f1']:.3f}"

    t = scores.get("targets") or {}
    meta = set_report.get("metadata")
    resp = scores.get("responsibilities")
    return {
        "targets F1": f1("targets"),
        "indicators": "—" if t.get("indicator_accuracy") is None else f"{t['indicator_accuracy']:.3f}",
        "deadlines F1": f1("deadlines"),
        "agencies F1": f1("agencies"),
        "items exact": "—" if not resp else f"{resp['items_exact']}/{resp['items_total']}",
        "metadata all right": "—" if not meta else f"{meta['all_right']}/{meta['notices']}",
        "set aside": str(len(set_report.get("notices_set_aside") or {})),
    }


COLUMNS = ("targets F1", "indicators", "deadlines F1", "agencies F1", "items exact", "metadata all right", "set aside")


def format_table(reports: dict[str, dict]) -> str:
    """One markdown table: gold set × perturbation, a cell marked * where it differs from ``none``."""
    lines = ["| set | perturbation | " + " | ".join(COLUMNS) + " |", "|---|---|" + "---|" * len(COLUMNS)]
    base = reports.get("none") or reports["original"]
    for set_name, set_report in base["sets"].items():
        if not set_report["notices"]:
            continue
        reference = summary(set_report)
        for name, report in reports.items():
            data = report["sets"].get(set_name)
            if data is None or not data["notices"] and not data.get("notices_set_aside"):
                continue
            cells = summary(data)
            marked = [c if c == reference[k] or name in ("none", "original") else f"{c} *" for k, c in cells.items()]
            lines.append(f"| {set_name} | {name} | " + " | ".join(marked) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, nargs="+", default=[Path("gold")])
    parser.add_argument("--notices", type=Path, nargs="+", default=[Path("raw")])
    parser.add_argument(
        "--perturb", default=",".join(n for n in PERTURBATIONS if n != "none"),
        help=f"comma-separated perturbations (default: all of {', '.join(PERTURBATIONS)})",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every report (with misses) as JSON")
    args = parser.parse_args(argv)
    names = ["none", *(n for n in args.perturb.split(",") if n and n != "none")]
    unknown = [n for n in names if n not in PERTURBATIONS]
    if unknown:
        parser.error(f"unknown perturbation(s): {', '.join(unknown)} (known: {', '.join(PERTURBATIONS)})")
    reports = evaluate_perturbed(args.gold, args.notices, names)
    print(format_table(reports))
    if args.json:
        text = json.dumps(reports, ensure_ascii=False, indent=1, sort_keys=True, default=str)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0
