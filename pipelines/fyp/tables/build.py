"""Rows → one Polars frame per table, typed and ordered by the table's definition."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from fyp.extract.notice import NoticeExtraction
from fyp.tables.registry import notice_tables, reference_rows, table


def frame(name: str, rows: Iterable[dict]) -> pl.DataFrame:
    """A frame of table ``name`` from dict rows: exactly its columns, its types, sorted by its key."""
    spec = table(name)
    rows = list(rows)
    if not rows:
        return spec.empty_frame()
    data = {col: [row.get(col) for row in rows] for col in spec.columns}
    df = pl.DataFrame(data, schema=spec.polars_schema(), strict=False)
    return df.sort(list(spec.primary_key))


def reference_frame(name: str) -> pl.DataFrame:
    """Reference table ``name`` (rows from its CSV file or function, see fyp.tables.registry)."""
    return frame(name, reference_rows(name))


def build_tables(
    extractions: Iterable[NoticeExtraction], ingest_issues: Iterable[dict] = ()
) -> dict[str, pl.DataFrame]:
    """The notice tables and ``ingest_issues`` of some extractions, held in memory (tests, small folders)."""
    names = notice_tables()
    collected: dict[str, list[dict]] = {name: [] for name in names}
    for extraction in extractions:
        for name in names:
            collected[name].extend(extraction.rows.get(name, ()))
    frames = {name: frame(name, rows) for name, rows in collected.items()}
    frames["ingest_issues"] = frame("ingest_issues", ingest_issues)
    return frames
