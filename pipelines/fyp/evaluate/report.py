"""`fyp evaluate`: extraction quality against the gold annotations, per gold set and table.

Gold sets: ``seeds_*.jsonl`` (targets, deadlines of the five seeds), ``seeds_12th_responsibility.jsonl``
(agencies of the 144 numbered items of one seed), ``dev_notices_targets.jsonl`` (targets of 20 other
notices) and ``heldout_*.jsonl`` (targets and deadlines of 10 notices annotated blind). Rows come from
the warehouse where it holds the notice, else the notice is extracted afresh with the same code the
pipeline runs.
"""

from __future__ import annotations

import json

import polars as pl
from dataclasses import dataclass, field
from pathlib import Path

from fyp.extract.notice import NoticeExtraction, extract_all
from fyp.ingest.folder import ingest_folder


@dataclass
class CorpusRows:
    """Extracted rows and source texts of the notices the gold files speak of, keyed by file name."""

    rows: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    plan_end_year: dict[str, int | None] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # "warehouse" | "extracted"


def _gold_files(gold_dir: Path) -> dict[str, list[Path]]:
    files = sorted(Path(gold_dir).glob("*.jsonl"))
    return {
        "seeds": [p for p in files if p.name.startswith("seeds_") and "responsibility" not in p.name],
        "seeds_responsibility": [p for p in files if p.name.startswith("seeds_") and "responsibility" in p.name],
        "dev": [p for p in files if p.name.startswith("dev_")],
        "heldout": [p for p in files if p.name.startswith("heldout_")],
    }


def _docs(paths: list[Path]) -> set[str]:
    docs = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.add(json.loads(line)["doc"])
    return docs


def collect_rows(docs: set[str], notice_dirs: list[Path], warehouse: Path | None = None) -> CorpusRows:
    out = CorpusRows()
    if warehouse is not None and Path(warehouse).exists():
        _rows_from_warehouse(Path(warehouse), docs, out)
    for folder in notice_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        ingest = ingest_folder(folder)
        wanted = [n for n in ingest.notices if Path(n.source_file).name in docs]
        # Sources are needed to locate gold quotes even when rows come from the warehouse.
        for raw in wanted:
            out.sources.setdefault(Path(raw.source_file).name, raw.source)
        todo = [n for n in wanted if Path(n.source_file).name not in out.rows]
        extractions, problems = extract_all(todo, ingest.provenance)
        for problem in problems:
            print(f"warning: {problem}")
        for ex in extractions:
            _add_extraction(out, ex)
    return out


def _add_extraction(out: CorpusRows, ex: NoticeExtraction) -> None:
    name = Path(ex.source_file).name
    out.rows[name] = {t: list(ex.rows.get(t, ())) for t in ("provisions", "targets", "deadlines", "responsibilities")}
    out.plan_end_year[name] = ex.rows["notices"][0]["plan_end_year"]
    out.origin[name] = "extracted"


def _rows_from_warehouse(path: Path, docs: set[str], out: CorpusRows) -> None:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        notices = con.execute("SELECT notice_id, source_file, plan_end_year FROM notices").fetchall()
        by_id = {nid: Path(sf).name for nid, sf, _ in notices if Path(sf).name in docs}
        for nid, sf, end in notices:
            name = Path(sf).name
            if name in docs:
                out.rows[name] = {t: [] for t in ("provisions", "targets", "deadlines", "responsibilities")}
                out.plan_end_year[name] = end
                out.origin[name] = "warehouse"
        # Only the rows of the gold notices (in table order): a national warehouse is gigabytes of text.
        ids = sorted(by_id)
        for table in ("provisions", "targets", "deadlines", "responsibilities"):
            df = pl.from_arrow(con.sql(f"SELECT * FROM {table} WHERE list_contains(?::VARCHAR[], notice_id)", params=[ids]).to_arrow_table())
            for row in df.to_dicts():
                name = by_id.get(row["notice_id"])
                if name:
                    out.rows[name][table].append(row)


def evaluate(gold_dir: Path, notice_dirs: list[Path], warehouse: Path | None = None) -> dict:
    from fyp.evaluate import deadlines as ev_deadlines
    from fyp.evaluate import responsibilities as ev_resp
    from fyp.evaluate import targets as ev_targets

    gold_files = _gold_files(Path(gold_dir))
    docs = set().union(*(_docs(paths) for paths in gold_files.values()))
    corpus = collect_rows(docs, notice_dirs, warehouse)
    report: dict = {"gold_dir": str(gold_dir), "notices_scored": {}, "sets": {}}
    for set_name in ("seeds", "dev", "heldout"):
        paths = gold_files[set_name]
        if not paths:
            continue
        set_docs = _docs(paths)
        present = sorted(d for d in set_docs if d in corpus.rows)
        missing = sorted(set_docs - set(present))
        predicted_targets = {d: corpus.rows[d]["targets"] for d in present}
        gold_targets = [g for g in ev_targets.load_gold(paths) if g["doc"] in present]
        scores = {"targets": ev_targets.score_targets(predicted_targets, gold_targets, {d: corpus.plan_end_year.get(d) for d in present})}
        gold_deadlines = [g for g in ev_deadlines.load_gold(paths) if g["doc"] in present]
        if gold_deadlines:
            predicted_deadlines = {d: corpus.rows[d]["deadlines"] for d in present}
            scores["deadlines"] = ev_deadlines.score_deadlines(predicted_deadlines, gold_deadlines, {d: corpus.sources.get(d, "") for d in present})
        if set_name == "seeds" and gold_files["seeds_responsibility"]:
            gold_resp = ev_resp.load_gold(gold_files["seeds_responsibility"][0])
            resp_doc = gold_resp[0]["doc"] if gold_resp else None
            if resp_doc in corpus.rows:
                scores["responsibilities"] = ev_resp.score_responsibilities(
                    corpus.rows[resp_doc]["responsibilities"], corpus.rows[resp_doc]["provisions"], gold_resp, corpus.sources.get(resp_doc, "")
                )
        report["sets"][set_name] = {"gold_files": [p.name for p in paths], "notices": present, "notices_missing": missing, "scores": scores}
    report["notices_scored"] = {d: corpus.origin[d] for d in sorted(corpus.origin)}
    return report


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def format_report(report: dict, verbose: bool = True) -> str:
    lines = ["# Extraction quality", ""]
    lines.append("Scored against the gold annotations (gold/SCHEMA.md). A target matches a gold target of the same notice")
    lines.append("when value, unit and target year agree (a gold target year left blank also accepts the plan's end year);")
    lines.append("a deadline matches when the date agrees and the evidence overlaps the gold quote.")
    lines.append("")
    for set_name, data in report["sets"].items():
        label = {"seeds": "Seed notices", "dev": "Dev notices (20 notices of other regions and periods)",
                 "heldout": "Held-out notices (10 notices annotated blind, gold/HELDOUT.md)"}.get(set_name, set_name)
        lines.append(f"## {label}: {len(data['notices'])} notices")
        if data["notices_missing"]:
            lines.append(f"(not available to score: {', '.join(data['notices_missing'])})")
        lines.append("")
        if not data["notices"]:
            lines.append("Not scored: none of its notices was available to this run.")
            lines.append("")
            continue
        lines.append("| table | precision | recall | F1 | matched | false hits | misses |")
        lines.append("|---|---|---|---|---|---|---|")
        for table, s in data["scores"].items():
            if table == "responsibilities":
                continue
            lines.append(f"| {table} | {_pct(s['precision'])} | {_pct(s['recall'])} | {_pct(s['f1'])} | {s['tp']} | {s['fp']} | {s['fn']} |")
        resp = data["scores"].get("responsibilities")
        if resp:
            lines.append("")
            lines.append(
                f"Responsibilities: {resp['items_exact']} of {resp['items_total']} numbered items have exactly the right agency set "
                f"({_pct(resp['share_exact'])})."
            )
        fa = data["scores"]["targets"].get("field_accuracy") or {}
        if fa:
            lines.append("")
            lines.append("Field accuracy on matched targets: " + ", ".join(f"{k} {_pct(v)}" for k, v in fa.items()))
        if verbose:
            for table, s in data["scores"].items():
                misses = s.get("misses") or []
                false_hits = s.get("false_hits") or []
                wrong = s.get("wrong_items") or []
                if misses:
                    lines.append("")
                    lines.append(f"### {table}: misses ({len(misses)})")
                    lines.extend(f"- {_describe(m)}" for m in misses)
                if false_hits:
                    lines.append("")
                    lines.append(f"### {table}: false hits ({len(false_hits)})")
                    lines.extend(f"- {_describe(m)}" for m in false_hits)
                if wrong:
                    lines.append("")
                    lines.append(f"### {table}: items with a wrong agency set ({len(wrong)})")
                    lines.extend(f"- {_describe(m)}" for m in wrong)
        lines.append("")
    return "\n".join(lines)


def _describe(rec: dict) -> str:
    doc = rec.get("doc") or rec.get("notice_id") or ""
    parts = [str(doc)]
    for key in ("value", "unit", "target_year", "date", "deadline_date", "item", "expected", "got"):
        if rec.get(key) is not None:
            parts.append(f"{key}={rec[key]}")
    quote = rec.get("quote") or rec.get("evidence") or rec.get("date_text") or ""
    if quote:
        parts.append(f"“{quote[:80]}”")
    return " ".join(parts)
