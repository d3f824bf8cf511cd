"""`fyp evaluate`: extraction quality against the gold annotations, per gold set and table.

Gold sets: ``seeds_*.jsonl`` (targets, deadlines of the five seeds), ``seeds_12th_responsibility.jsonl``
(agencies of the 144 numbered items of one seed), ``dev_notices_targets.jsonl`` (targets of 20 other
notices) and ``heldout_*.jsonl`` (targets and deadlines of 10 notices annotated blind). Rows come from
the warehouse where it holds the notice, else the notice is built afresh by the pipeline's own path.
"""

from __future__ import annotations

import json

import polars as pl
from dataclasses import dataclass, field
from pathlib import Path

from fyp.evaluate.gold import USE_NOTES, is_synthetic, load_gold_sets, load_sources


TABLES = ("provisions", "targets", "deadlines", "responsibilities")


@dataclass
class CorpusRows:
    """Rows, notice rows and source texts of the notices the gold files speak of, keyed by file name."""

    rows: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    notices: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # "warehouse" | "extracted"
    set_aside: dict[str, str] = field(default_factory=dict)  # file name → "problem: detail"

    @property
    def plan_end_year(self) -> dict[str, int | None]:
        return {doc: row.get("plan_end_year") for doc, row in self.notices.items()}


def collect_rows(docs, notice_dirs: list[Path], warehouse: Path | None = None) -> CorpusRows:
    """Each gold notice read from the first folder that holds a file of its name, and the rows the
    pipeline publishes for it: a warehouse that holds the same bytes serves its rows; the others are
    built from their folder by the pipeline's own path (fyp.tables.incremental: ingest → extract →
    cache → tables, with the folder's provenance.csv), in a cache of this run's own.
    """
    import tempfile

    from fyp.tables.incremental import build_incremental, ingest_table, scan_raw

    out = CorpusRows()
    folders = [Path(f) for f in notice_dirs if Path(f).is_dir()]
    docs_in: dict[Path, list[str]] = {}
    for doc in docs:
        folder = next((f for f in folders if (f / doc).is_file()), None)
        if folder is not None:
            docs_in.setdefault(folder, []).append(doc)
    with tempfile.TemporaryDirectory(prefix="fyp-evaluate-") as tmp:
        if warehouse is not None and Path(warehouse).exists():
            doc_of_sha = {}
            for folder, names in docs_in.items():
                scan = scan_raw(folder, Path(tmp) / "scan", only_files=names)
                doc_of_sha.update({f.sha256: f.source_file for f in scan.files if f.source_file in names})
            _rows_from_warehouse(Path(warehouse), doc_of_sha, out)
        for i, (folder, names) in enumerate(docs_in.items()):
            todo = [doc for doc in names if doc not in out.rows]
            if not todo:
                continue
            built = build_incremental(folder, Path(tmp) / f"cache-{i}", only_files=todo)
            for issue in built.frames[ingest_table()].iter_rows(named=True):
                if issue["source_file"] in todo:
                    out.set_aside[issue["source_file"]] = f"{issue['problem']}: {issue['detail']}"
            doc_of_id = {}
            for row in built.frames["notices"].iter_rows(named=True):
                if row["source_file"] in todo:
                    doc_of_id[row["notice_id"]] = row["source_file"]
                    out.notices[row["source_file"]] = row
                    out.rows[row["source_file"]] = {t: [] for t in TABLES}
                    out.origin[row["source_file"]] = "extracted"
            for name in TABLES:
                for row in built.frames[name].iter_rows(named=True):
                    doc = doc_of_id.get(row["notice_id"])
                    if doc is not None:
                        out.rows[doc][name].append(row)
    for doc, rows in out.rows.items():
        # The source text: the root provision covers the whole of it.
        out.sources[doc] = next(p["text"] for p in rows["provisions"] if p["depth"] == 0)
    return out


def _rows_from_warehouse(path: Path, doc_of_sha: dict[str, str], out: CorpusRows) -> None:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        notices = pl.from_arrow(
            con.sql(
                "SELECT * FROM notices WHERE list_contains(?::VARCHAR[], sha256)", params=[sorted(doc_of_sha)]
            ).to_arrow_table()
        ).to_dicts()
        by_id = {}
        for row in notices:
            doc = doc_of_sha[row["sha256"]]
            by_id[row["notice_id"]] = doc
            out.rows[doc] = {t: [] for t in TABLES}
            out.notices[doc] = row
            out.origin[doc] = "warehouse"
        # Only the rows of the gold notices (in table order): a national warehouse is gigabytes of text.
        ids = sorted(by_id)
        for table in TABLES:
            df = pl.from_arrow(
                con.sql(
                    f"SELECT * FROM {table} WHERE list_contains(?::VARCHAR[], notice_id)", params=[ids]
                ).to_arrow_table()
            )
            for row in df.to_dicts():
                out.rows[by_id[row["notice_id"]]][table].append(row)


def evaluate(gold, notice_dirs: list[Path], warehouse: Path | None = None) -> dict:
    """Scores per gold set; ``gold`` is a folder of gold JSONL files, or a list of files and folders."""
    from fyp.evaluate import deadlines as ev_deadlines
    from fyp.evaluate import responsibilities as ev_resp
    from fyp.evaluate import targets as ev_targets
    from fyp.evaluate.metadata import score_metadata

    gold_sets = load_gold_sets(gold)
    docs = list(dict.fromkeys(d for gs in gold_sets for d in gs.docs))
    corpus = collect_rows(docs, notice_dirs, warehouse)
    known = load_sources(notice_dirs)
    registry = load_set_registry(gold)
    report: dict = {"gold_dir": str(gold), "notices_scored": {}, "sets": {}}
    for gs in gold_sets:
        present = [d for d in gs.docs if d in corpus.rows]
        set_aside = {d: corpus.set_aside[d] for d in gs.docs if d in corpus.set_aside}
        missing = sorted(d for d in gs.docs if d not in corpus.rows and d not in set_aside)
        sources = {d: corpus.sources[d] for d in present}

        def rows_of(table, present=present):
            return {d: corpus.rows[d][table] for d in present}

        scores: dict = {}
        info = registry.get(gs.name, {})
        restatements = info.get("restatements", ev_targets.DEFAULT_RESTATEMENTS)
        gold_targets = [g for g in gs.targets if g["doc"] in present]
        if gs.targets:
            predicted = {d: ev_targets.rows_to_match(rows, restatements) for d, rows in rows_of("targets").items()}
            scores["targets"] = ev_targets.score_targets(
                predicted, gold_targets, {d: corpus.plan_end_year.get(d) for d in present}, sources
            )
            # A notice set aside contributes every gold target as a miss.
            scores["targets"] = _with_set_aside(scores["targets"], [g for g in gs.targets if g["doc"] in set_aside])
        if gs.deadlines:
            scores["deadlines"] = ev_deadlines.score_deadlines(
                rows_of("deadlines"), [g for g in gs.deadlines if g["doc"] in present], sources
            )
        if gs.responsibilities:
            scores["agencies"] = ev_resp.score_agencies(rows_of("responsibilities"), gs.responsibilities, sources)
        item_docs = {g["doc"] for g in gs.responsibility_items}
        for doc in sorted(item_docs & set(present)):
            scores["responsibilities"] = ev_resp.score_responsibilities(
                corpus.rows[doc]["responsibilities"], corpus.rows[doc]["provisions"],
                [g for g in gs.responsibility_items if g["doc"] == doc], corpus.sources[doc]
            )
        judged = {d: corpus.notices.get(d, {}) for d in gs.docs if d in known and (d in present or d in set_aside)}
        metadata = score_metadata(judged, known) if judged else None
        report["sets"][gs.name] = {
            "label": info.get("label", gs.name),
            "use": info.get("use", "unregistered"),
            "restatements": restatements,
            "first_run": info.get("first_run"),
            "b_half_first_look": info.get("b_half_first_look"),
            "gold_files": [p.name for p in gs.files],
            "notices": present,
            "notices_total": len(gs.docs),
            "notices_set_aside": set_aside,
            "notices_missing": missing,
            "metadata": metadata,
            "scores": scores,
        }
    report["notices_scored"] = {d: corpus.origin[d] for d in sorted(corpus.origin)}
    return report


def _with_set_aside(score: dict, lost: list[dict]) -> dict:
    if not lost:
        return score
    from fyp.evaluate.scores import precision_recall_f1

    fn = score["fn"] + len(lost)
    precision, recall, f1 = precision_recall_f1(score["tp"], score["tp"] + score["fp"], score["tp"], score["tp"] + fn)
    return dict(score, fn=fn, recall=recall, f1=f1, precision=precision, misses=score["misses"] + lost)


REGISTRY_FILE = "sets.json"
# What a set's ``restatements`` convention (gold/sets.json) means for its target scores.
RESTATEMENT_NOTES = {
    "once": "annotated once, so the rows that restate another (restatement_of set) are left out before matching",
    "each": "annotated each time they are stated, so every row is matched",
}


def registry_files(gold) -> list[Path]:
    """The ``sets.json`` beside each of ``gold`` (a gold folder or file, or a list of them) that exists, in order."""
    out = []
    for p in [gold] if isinstance(gold, (str, Path)) else gold:
        path = (Path(p) if Path(p).is_dir() else Path(p).parent) / REGISTRY_FILE
        if path.is_file():
            out.append(path)
    return out


def load_set_registry(gold) -> dict:
    """What is known of each gold set (``sets.json`` beside the gold files): its label, whether rules
    were written against it (``use``: development) and the scores of its first run."""
    out: dict = {}
    for path in registry_files(gold):
        for name, info in json.loads(path.read_text(encoding="utf-8")).items():
            out.setdefault(name, info)
    return out


def registered_notice_folders(gold, shared: Path) -> dict[str, Path]:
    """Each registered gold set's folder of notices (``notices`` in sets.json): relative to the project
    root (the gold folder's parent), or under ``shared`` where it starts with ``{shared}/``, because
    third-party text is read from ../shared and never copied into the project."""
    out: dict[str, Path] = {}
    for path in registry_files(gold):
        for name, info in json.loads(path.read_text(encoding="utf-8")).items():
            where = info.get("notices")
            if not where or name in out:
                continue
            if where.startswith("{shared}/"):
                out[name] = Path(shared) / where.removeprefix("{shared}/")
            else:
                out[name] = path.parent.parent / where
    return out


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"




def format_report(report: dict, verbose: bool = True) -> str:
    lines = ["# Extraction quality", ""]
    lines.append(
        "Scored against the gold annotations (gold/SCHEMA.md, "
        "gold/INDICATORS.md). A target matches a gold target of the"
    )
    lines.append(
        "same notice when value, unit and target year agree (a gold target year left blank also accepts the plan's end"
    )
    lines.append(
        "year); a deadline matches when the date agrees and the "
        "evidence overlaps the gold quote; an agency matches when"
    )
    lines.append(
        "the name is the same and its evidence lies inside the "
        "gold quote. Notice metadata is scored against the folder's"
    )
    lines.append("SOURCES.jsonl. A notice set aside by ingest counts every one of its gold targets as a miss.")
    lines.append("")
    for set_name, data in report["sets"].items():
        lines.append(
            f"## {data.get('label', set_name)}: {len(data['notices'])} of "
            f"{data.get('notices_total', len(data['notices']))} notices scored"
        )
        lines.append("")
        lines.append(
            f"Gold: {', '.join(data['gold_files'])}. Status: {USE_NOTES.get(data.get('use'), data.get('use'))}."
        )
        if data.get("restatements"):
            lines.append(f"Restated targets: {RESTATEMENT_NOTES.get(data['restatements'], data['restatements'])}.")
        first = data.get("first_run")
        if first:
            lines.append("")
            lines.append(
                f"First run on this set, before any rule looked at it ({first.get('date')}; {first.get('commit')}), "
                + (
                    "a blind run on text written for the project, not an estimate on real notices: "
                    if is_synthetic(data.get("use"))
                    else "an estimate of quality on unseen real notices: "
                )
                + "; ".join(f"{k} {v}" for k, v in first.get("scores", {}).items()) + "."
            )
        look = data.get("b_half_first_look")
        if look:
            lines.append("")
            lines.append(
                f"{look.get('what')} ({look.get('date')}): "
                + "; ".join(f"{k} {v}" for k, v in look.get("scores", {}).items()) + "."
            )
        if data.get("notices_set_aside"):
            lines.append("")
            lines.append(
                "Set aside by ingest: " + "; ".join(f"{d} ({why})" for d, why in data["notices_set_aside"].items())
            )
        if data["notices_missing"]:
            lines.append("")
            lines.append(f"Not found in the notice folders: {', '.join(data['notices_missing'])}")
        lines.append("")
        if not data["notices"]:
            lines.append("Not scored: none of its notices was available to this run.")
            lines.append("")
            continue
        scores = data["scores"]
        table_rows = [(t, s) for t, s in scores.items() if t != "responsibilities"]
        if table_rows:
            lines.append("| table | precision | recall | F1 | matched | false hits | misses |")
            lines.append("|---|---|---|---|---|---|---|")
            for table, s in table_rows:
                lines.append(
                    f"| {table} | {_pct(s['precision'])} | {_pct(s['recall'])} "
                    f"| {_pct(s['f1'])} | {s['tp']} | {s['fp']} | {s['fn']} |"
                )
        t = scores.get("targets")
        if t:
            lines.append("")
            fa = dict(t.get("field_accuracy") or {})
            extra = {"indicator": t.get("indicator_accuracy"), "headline": t.get("headline_accuracy")}
            lines.append(
                "Accuracy on matched targets: " + ", ".join(f"{k} {_pct(v)}" for k, v in {**extra, **fa}.items())
            )
        ag = scores.get("agencies")
        if ag:
            lines.append("")
            lines.append(
                f"Agencies: F1 with roles {_pct(ag['f1_with_roles'])}; role "
                f"accuracy on matched agencies {_pct(ag['role_accuracy'])}."
            )
        resp = scores.get("responsibilities")
        if resp:
            lines.append("")
            lines.append(
                f"Responsibilities: {resp['items_exact']} of {resp['items_total']} "
                f"numbered items have exactly the right agency set "
                f"({_pct(resp['share_exact'])})."
            )
        meta = data.get("metadata")
        if meta:
            lines.append("")
            fa = meta["field_accuracy"]
            lines.append(
                f"Notice metadata (plan period, level, region) all right: {meta['all_right']} "
                f"of {meta['notices']} ({_pct(meta['share_all_right'])}); "
                + ", ".join(f"{k} {_pct(v)}" for k, v in fa.items())
            )
        if verbose:
            lists = []
            for table, s in scores.items():
                lists += [(f"{table}: misses", s.get("misses")), (f"{table}: false hits", s.get("false_hits")),
                          (f"{table}: items with a wrong agency set", s.get("wrong_items")),
                          (f"{table}: wrong indicator codes", s.get("wrong_indicators")),
                          (f"{table}: wrong headline flags", s.get("wrong_headlines")),
                          (f"{table}: wrong roles", s.get("wrong_roles"))]
            if meta:
                lists.append(("notices: wrong metadata", meta["wrong"]))
            for title, items in lists:
                if items:
                    lines.append("")
                    lines.append(f"### {title} ({len(items)})")
                    lines.extend(f"- {_describe(m)}" for m in items)
        lines.append("")
    return "\n".join(lines)


def _describe(rec) -> str:
    if not isinstance(rec, dict):
        return " ".join(map(str, rec))
    doc = rec.get("doc") or rec.get("notice_id") or ""
    parts = [str(doc)]
    for key in (
        "value", "unit", "target_year", "indicator", "date",
        "deadline_date", "item", "agency", "role", "expected", "got"
    ):
        if rec.get(key) is not None:
            parts.append(f"{key}={rec[key]}")
    quote = rec.get("quote") or rec.get("evidence") or rec.get("date_text") or ""
    if quote:
        parts.append("“" + " ".join(quote.split())[:80] + "”")
    return " ".join(parts)
