"""The extraction quality a release reports: a committed file (``gold/quality.json``) that `make evaluate` writes.

A release is built from the repository alone: the dev sets live in ../shared, which a clone may not
have (or may have in a newer state), so a release never scores them itself. `make evaluate` runs
`fyp evaluate --json` and this module keeps the scores of that report, nothing of the texts scored
(its lists of misses quote third-party notices), in ``gold/quality.json``, committed:

    python -m fyp.release.quality EVALUATION.json gold/quality.json

The file records the extractor version it measured; `fyp release` warns when it publishes a release
extracted by another version (the release itself does not record which code made it, so that the same
data give the same bytes).
Each gold set keeps what gold/sets.json says of it: its label, its use (``development``: rules were
written with it in view, so its scores are development scores; ``synthetic``: notices written for the
project) and its first run, the scores before any rule looked at it: the estimate of quality on
notices no one has seen.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from fyp.evaluate.gold import USE_NOTES, is_synthetic

QUALITY_FILE = Path("gold") / "quality.json"

# What is kept of each table's scores (the rest of the report lists misses and false hits).
_SCORE_KEYS = (
    "precision", "recall", "f1", "tp", "fp", "fn", "indicator_accuracy", "headline_accuracy", "field_accuracy",
    "f1_with_roles", "role_accuracy", "items_exact", "items_total", "share_exact",
)
_METADATA_KEYS = ("notices", "all_right", "share_all_right", "field_accuracy")


def _round(value):
    """Scores without float noise (0.9729729729729729 → 0.972973), recursively."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def summarise(report: dict, extractor_version: str | None = None) -> dict:
    """The scores of a `fyp evaluate --json` report, per gold set, and nothing of the notices' text."""
    sets = {}
    for name in sorted(report.get("sets", {})):
        data = report["sets"][name]
        scores = {}
        for tbl, s in sorted((data.get("scores") or {}).items()):
            scores[tbl] = {k: s[k] for k in _SCORE_KEYS if s.get(k) is not None}
        meta = data.get("metadata")
        sets[name] = {
            "label": data.get("label", name),
            "use": data.get("use"),
            "first_run": data.get("first_run"),
            # A later look at a part of the set no rule had been fitted to (gold/sets.json), if one was taken.
            "b_half_first_look": data.get("b_half_first_look"),
            "gold_files": data.get("gold_files", []),
            "notices_total": data.get("notices_total", len(data.get("notices", []))),
            "notices_scored": len(data.get("notices", [])),
            "notices_set_aside": len(data.get("notices_set_aside") or {}),
            "notices_missing": len(data.get("notices_missing") or []),
            "scores": scores,
            "metadata": {k: meta[k] for k in _METADATA_KEYS if k in meta} if meta else None,
        }
    return _round({"extractor_version": extractor_version, "sets": sets})


def write_quality_file(
    report: dict, path: Path, *, extractor_version: str | None, allow_missing: bool = False
) -> list[str]:
    """Write the summary of ``report`` to ``path``; refuse (return why) when a set the file scores
    could not be scored in this run (its notices were not there: ../shared missing)."""
    path = Path(path)
    new = summarise(report, extractor_version)
    problems = []
    if path.is_file() and not allow_missing:
        old = json.loads(path.read_text(encoding="utf-8"))
        for name, data in old.get("sets", {}).items():
            mine = new["sets"].get(name)
            if data.get("notices_scored") and (mine is None or not mine["notices_scored"]):
                problems.append(
                    f"{name}: scored in {path} but none of its notices was found in this run (is ../shared there?)"
                )
    if problems:
        return problems
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((json.dumps(new, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8"))
    return []


def read_quality_file(path: Path | None) -> dict | None:
    if path is None or not Path(path).is_file():
        return None
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _f(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def table_rows(summary: dict) -> list[dict]:
    """One row per gold set: its label, use, notices scored and P/R/F1 of each table (for quality.md and the page)."""
    rows = []
    for name, data in summary.get("sets", {}).items():
        s = data.get("scores", {})
        rows.append(
            {
                "name": name,
                "label": data.get("label", name),
                "use": data.get("use"),
                "use_note": USE_NOTES.get(data.get("use"), USE_NOTES["unregistered"]),
                "notices": f"{data.get('notices_scored', 0)} of {data.get('notices_total', 0)}",
                "targets": s.get("targets"),
                "deadlines": s.get("deadlines"),
                "agencies": s.get("agencies"),
                "responsibilities": s.get("responsibilities"),
                "metadata": data.get("metadata"),
            }
        )
    return rows


def first_runs(summary: dict) -> list[dict]:
    """The first run of each set on real notices (scores before any rule looked at them), and a first look
    at a part of a set that the rules had not been fitted to, where gold/sets.json records one."""
    out = []
    for name, data in summary.get("sets", {}).items():
        if is_synthetic(data.get("use")):
            continue
        label = data.get("label", name)
        first = data.get("first_run")
        if first:
            out.append({"name": name, "label": label, **first})
        look = data.get("b_half_first_look")
        if look:
            out.append(
                {
                    "name": name,
                    "label": f"{label}, b-half first look",
                    "date": look.get("date"),
                    "commit": look.get("what"),
                    "scores": look.get("scores"),
                }
            )
    return out


def synthetic_first_runs(summary: dict) -> list[dict]:
    """The blind first run of each set of notices written for the project: an estimate on unseen writing,
    shown apart from the estimate on real notices."""
    out = []
    for name, data in summary.get("sets", {}).items():
        first = data.get("first_run")
        if is_synthetic(data.get("use")) and first:
            out.append({"name": name, "label": data.get("label", name), **first})
    return out


def prf(score: dict | None) -> str:
    return "—" if not score else f"{_f(score.get('precision'))} / {_f(score.get('recall'))} / {_f(score.get('f1'))}"


def _first_run_table(runs: list[dict]) -> list[str]:
    lines = ["| gold set | first run | scores |", "|---|---|---|"]
    for f in runs:
        scores = "; ".join(f"{k} {v}" for k, v in (f.get("scores") or {}).items())
        lines.append(f"| {f['label']} | {f.get('date') or ''} ({f.get('commit') or ''}) | {scores} |")
    return [*lines, ""]


def markdown(summary: dict | None) -> str:
    """quality.md of a release."""
    lines = ["# Extraction quality", ""]
    if not summary:
        lines += ["Not evaluated: the repository holds no gold/quality.json (`make evaluate` writes it).", ""]
        return "\n".join(lines)
    lines += [
        "Scores of the extractor against the gold annotations (gold/SCHEMA.md), as `make evaluate` measured them and",
        "recorded them in gold/quality.json. A target matches a "
        "gold target of the same notice when value, unit and target",
        "year agree; precision / recall / F1 per gold set.",
        "",
        "A target stated again in the same notice (a news lead restating the body, a 解读 section, a summary",
        "table) is a row of its own whose `restatement_of` names the row of record. Gold sets that annotate",
        "every statement are matched against every row; sets that annotate a commitment once are matched",
        "against the rows of record only (`restatements` in gold/sets.json).",
        "",
    ]
    lines += [
        f"Measured with extractor version `{summary.get('extractor_version')}` "
        f"(`fyp release` warns when the release is",
        "extracted by another).", ""
    ]
    firsts = first_runs(summary)
    if firsts:
        lines += [
            "## Estimate on unseen real notices",
            "",
            "The first run on each set of real notices, before any "
            "rule was written against them: the honest estimate of",
            "quality on notices no one here has seen (later scores on the same sets are development scores).",
            "",
            *_first_run_table(firsts),
        ]
    lines += [
        "## Scores now, per gold set",
        "",
        "| gold set | use | notices scored | targets P / R / F1 | deadlines P / "
        "R / F1 | agencies P / R / F1 | responsibilities | metadata all right |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in table_rows(summary):
        resp = r["responsibilities"]
        resp_text = (
            f"{resp['items_exact']} of {resp['items_total']} items exact" if resp and "items_exact" in resp else "—"
        )
        meta = r["metadata"]
        meta_text = f"{meta['all_right']} of {meta['notices']}" if meta else "—"
        lines.append(
            f"| {r['label']} | {r['use'] or 'unregistered'} | {r['notices']} "
            f"| {prf(r['targets'])} | {prf(r['deadlines'])} | "
            f"{prf(r['agencies'])} | {resp_text} | {meta_text} |"
        )
    lines.append("")
    for r in table_rows(summary):
        lines.append(f"- {r['label']}: {r['use_note']}.")
    lines.append("")
    blind = synthetic_first_runs(summary)
    if blind:
        lines += [
            "## Blind first runs on synthetic notices",
            "",
            "Notices written for the project by someone who had not read the extractor, scored once before any rule",
            "looked at them: an estimate on unseen writing, not on real notices.",
            "",
            *_first_run_table(blind),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fyp.release.quality",
        description="Keep the scores of a `fyp evaluate --json` report in gold/quality.json."
    )
    parser.add_argument("report", type=Path, help="the JSON written by `fyp evaluate --json`")
    parser.add_argument(
        "output", type=Path, nargs="?", default=QUALITY_FILE, help=f"the committed file (default {QUALITY_FILE})"
    )
    parser.add_argument(
        "--allow-missing", action="store_true", help="write even if a set the file scores could not be scored now"
    )
    args = parser.parse_args(argv)
    from fyp.tables.cache import extractor_version

    report = json.loads(args.report.read_text(encoding="utf-8"))
    problems = write_quality_file(
        report, args.output, extractor_version=extractor_version(), allow_missing=args.allow_missing
    )
    for p in problems:
        print(f"error: {p}; {args.output} left as it was (--allow-missing writes it anyway)", file=sys.stderr)
    if not problems:
        print(f"{args.output}: scores of {len(report.get('sets', {}))} gold sets")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
