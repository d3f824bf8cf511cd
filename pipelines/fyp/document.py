"""What every extractor receives: one decoded, normalised notice and what is known about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fyp.plan_periods import PLAN_YEARS
from fyp.text.normalize import NormalizedText


@dataclass(frozen=True)
class NoticeDocument:
    notice_id: str
    source_file: str
    text: NormalizedText
    plan_period: int | None = None
    issue_date: dt.date | None = None
    region: str | None = None
    level: str | None = None
    # The year an annual plan (年度计划, 工作要点, 2009年节能减排工作安排) is for; None for a plan-period notice.
    plan_year: int | None = None

    @property
    def plan_start_year(self) -> int | None:
        return PLAN_YEARS[self.plan_period][0] if self.plan_period in PLAN_YEARS else None

    @property
    def plan_end_year(self) -> int | None:
        return PLAN_YEARS[self.plan_period][1] if self.plan_period in PLAN_YEARS else None

    @property
    def source(self) -> str:
        return self.text.source

    @property
    def working(self) -> str:
        return self.text.text


def document_from_text(
    source: str, *, notice_id: str = "0" * 16, source_file: str = "test.txt", **known
) -> NoticeDocument:
    """A document for tests and tools: normalise ``source`` and infer metadata the extractors use.

    Keyword arguments (plan_period, issue_date, region, level, plan_year) override what is inferred.
    """
    from fyp.metadata.infer import infer_metadata
    from fyp.text.normalize import normalize

    text = normalize(source)
    meta = infer_metadata(text, source_file=source_file)
    fields = {
        "plan_period": meta.plan_period,
        "issue_date": meta.issue_date,
        "region": meta.region,
        "level": meta.level,
        "plan_year": meta.plan_year,
    }
    fields.update(known)
    return NoticeDocument(notice_id=notice_id, source_file=source_file, text=text, **fields)
