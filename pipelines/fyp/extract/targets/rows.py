"""A target as the stages build it (working-text span) and as it is published (source-text span)."""

from __future__ import annotations

from dataclasses import dataclass

from fyp.document import NoticeDocument
from fyp.extract._quantities import Quantity
from fyp.extract.ids import TARGET_ID_LETTER, span_ids
from fyp.extract.indicators import classify_indicator

ROW_KEYS = (
    "indicator",
    "indicator_text",
    "direction",
    "value",
    "unit",
    "qualifier",
    "is_aspirational",
    "baseline_year",
    "target_year",
    "scope",
    "value_in_base_unit",
    "base_unit",
    "evidence",
    "char_start",
    "char_end",
    "restatement_of",
)

@dataclass
class Row:
    start: int  # working-text evidence span
    end: int
    order: int
    indicator_text: str
    direction: str
    q: Quantity
    qualifier: str
    aspirational: bool
    baseline_year: int | None
    target_year: int | None
    scope: str | None
    inherit_baseline: bool = False  # a relative change with no baseline of its own
    to_level: bool = False  # "下降到X", "提高到X": a level to reach, which a plan period gives no baseline
    restates: Row | None = None  # the primary statement of the target this row states again



def publish(doc: NoticeDocument, r: Row) -> dict:
    """``r`` as a targets row; ``restatement_of`` is set by publish_all, which knows the rows' ids."""
    c_start, c_end = doc.text.source_span(r.start, r.end)
    q = r.q
    scope = r.scope
    if scope and scope[0] in "全本我" and doc.region:
        scope = doc.region
    elif scope is None:
        scope = doc.region
    value_base = None if q.factor is None else round(q.value * q.factor, 6)
    return {
        "indicator": classify_indicator(r.indicator_text),
        "indicator_text": r.indicator_text,
        "direction": r.direction,
        "value": q.value,
        "unit": q.unit,
        "qualifier": r.qualifier,
        "is_aspirational": r.aspirational,
        "baseline_year": r.baseline_year,
        "target_year": r.target_year,
        "scope": scope,
        "value_in_base_unit": value_base,
        "base_unit": q.base_unit,
        "evidence": doc.source[c_start:c_end],
        "char_start": c_start,
        "char_end": c_end,
        "restatement_of": None,
    }


def publish_all(doc: NoticeDocument, rows: list[Row]) -> list[dict]:
    """``rows`` published in their order; a restatement names the target_id of the row it restates
    (the id extract_notice gives that row: same function, same rows, same order)."""
    published = [publish(doc, r) for r in rows]
    if any(r.restates is not None for r in rows):
        ids = span_ids(published, doc.notice_id, TARGET_ID_LETTER, [r.restates is not None for r in rows])
        position = {id(r): i for i, r in enumerate(rows)}
        for r, row in zip(rows, published, strict=True):
            if r.restates is not None:
                row["restatement_of"] = ids[position[id(r.restates)]]
    return published
