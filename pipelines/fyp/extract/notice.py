"""One raw notice → its rows in every table (the unit of work of the pipeline)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Imported with this module, not at the first notice: a worker forked after the import (or started by
# the fork server, which preloads this module) then inherits them instead of importing them itself.
from fyp.document import NoticeDocument
from fyp.extract.deadlines import extract_deadlines
from fyp.extract.headline import mark_headlines
from fyp.extract.ids import EXTRACTED_TABLES, span_ids
from fyp.extract.indicators import code_targets
from fyp.extract.responsibilities import extract_responsibilities
from fyp.extract.targets import extract_targets
from fyp.ingest.provenance import Provenance
from fyp.ingest.read import RawNotice
from fyp.metadata.infer import infer_metadata
from fyp.structure.provisions import extract_provisions, provision_locator
from fyp.text.normalize import normalize


@dataclass
class NoticeExtraction:
    notice_id: str
    source_file: str
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


def extract_notice(raw: RawNotice, provenance: Provenance | None = None) -> NoticeExtraction:
    """Every row that ``raw`` contributes to notices, provisions, targets, deadlines, responsibilities."""
    text = normalize(raw.source)
    meta = infer_metadata(text, source_file=raw.source_file)
    overridden: list[str] = []
    if provenance is not None:
        meta, overridden = provenance.apply(meta)
    doc = NoticeDocument(
        notice_id=raw.notice_id,
        source_file=raw.source_file,
        text=text,
        plan_period=meta.plan_period,
        issue_date=meta.issue_date,
        region=meta.region,
        level=meta.level,
        plan_year=meta.plan_year,
    )
    notice_row = {
        "notice_id": raw.notice_id,
        "source_file": raw.source_file,
        "sha256": raw.sha256,
        "encoding": raw.encoding,
        "source_format": raw.source_format,
        "script": text.script,
        "title": meta.title,
        "issuer": meta.issuer,
        "region": meta.region,
        "province": meta.province,
        "admin_code": meta.admin_code,
        "level": meta.level,
        "plan_period": meta.plan_period,
        "plan_start_year": meta.plan_start_year,
        "plan_end_year": meta.plan_end_year,
        "plan_year": meta.plan_year,
        "issue_date": meta.issue_date,
        "doc_number": meta.doc_number,
        "is_news_repost": meta.is_news_repost,
        "source_url": provenance.source_url if provenance else None,
        "char_count": len(raw.source),
        "metadata_source": "inferred" + (f"; provenance.csv: {', '.join(overridden)}" if overridden else ""),
    }
    notice_id = raw.notice_id
    provisions = extract_provisions(doc)
    for row in provisions:
        row["notice_id"] = notice_id
    out = NoticeExtraction(raw.notice_id, raw.source_file, {"notices": [notice_row], "provisions": provisions})
    extracted = {
        # The indicator code is read from each target's phrase and unit, then its headline flag.
        "targets": mark_headlines(doc, code_targets(extract_targets(doc)), provisions),
        "deadlines": extract_deadlines(doc),
        "responsibilities": extract_responsibilities(doc, provisions),
    }
    locate_provision = provision_locator(provisions)
    for table, rows in extracted.items():
        id_column, letter = EXTRACTED_TABLES[table]
        for row, row_id in zip(rows, span_ids(rows, notice_id, letter), strict=True):
            row[id_column] = row_id
            row["notice_id"] = notice_id
            if not row.get("provision_id"):
                row["provision_id"] = locate_provision(row["char_start"])
        out.rows[table] = rows
    return out


def extract_all(notices, provenance: dict[str, Provenance] | None = None, *, workers: int | None = None):
    """Extract every notice; a notice whose extraction fails is set aside with the error, not fatal.

    Notices are spread over ``workers`` processes (default: ``FYP_WORKERS`` or every core); the
    results come back in the order of ``notices``. Returns (extractions, problems).
    """
    from fyp.ingest.read import IngestProblem
    from fyp.parallel import parallel_map

    provenance = provenance or {}
    extractions: list[NoticeExtraction] = []
    problems: list[IngestProblem] = []
    results = parallel_map(_extract_or_problem, [(raw, provenance.get(raw.source_file)) for raw in notices], workers=workers)
    for result in results:
        (problems if isinstance(result, IngestProblem) else extractions).append(result)
    return extractions, problems


def _extract_or_problem(item):
    from fyp.ingest.read import IngestProblem

    raw, provenance = item
    try:
        return extract_notice(raw, provenance)
    except Exception as err:  # noqa: BLE001 - one bad notice must not stop the run
        return IngestProblem(raw.source_file, raw.sha256, "extraction_error", f"{type(err).__name__}: {err}")
