"""All tables of a release in one Excel workbook, written so that Excel opens it safely and the same way every time.

- Text is always written as text (strings_to_formulas is off): a cell starting with = + - @ is never a formula,
  and nothing is turned into a number or a link behind the user's back.
- Chinese text is plain UTF-8 inside the xlsx XML, so it opens intact.
- Document properties carry a fixed ``created`` date (the release's), never the wall clock, so the
  workbook of the same data has the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlsxwriter

from fyp.tables.registry import table

EXCEL_MAX_CELL = 32767  # characters Excel holds in one cell
EXCEL_MAX_ROWS = 1_048_576  # rows of one sheet, the header row included
TRUNCATED_MARK = "…[truncated; see the CSV/Parquet file]"


def _shorten_long_text(spec, df: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, int]]:
    """Text cells longer than Excel holds, cut to fit with TRUNCATED_MARK; and how many were cut per column."""
    keep = EXCEL_MAX_CELL - len(TRUNCATED_MARK)
    counts, exprs = {}, []
    for col, dtype in df.schema.items():
        if dtype != pl.String:
            continue
        too_long = pl.col(col).str.len_chars() > EXCEL_MAX_CELL
        n = df.select(too_long.sum()).item() or 0
        if n:
            counts[col] = n
            exprs.append(pl.when(too_long).then(pl.col(col).str.slice(0, keep) + pl.lit(TRUNCATED_MARK)).otherwise(pl.col(col)).alias(col))
    return (df.with_columns(exprs) if exprs else df), counts


def write_workbook(frames: dict[str, pl.DataFrame], path: Path, *, created: dt.datetime, title: str, version: str) -> list[str]:
    """Write one sheet per table (plus a README sheet); return notes on tables or cells that did not fit.

    Written in xlsxwriter's constant_memory mode (each row goes to disk as it is finished), one
    ``write_row`` per row: strings stay strings (strings_to_formulas/urls/numbers are off).
    A table with more rows than a sheet holds is left out of the workbook (its sheet says so); text
    longer than a cell holds is shortened with TRUNCATED_MARK. The README sheet lists both.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    created = created.replace(tzinfo=None)
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "constant_memory": True},
    )
    try:
        wb.set_properties(
            {"title": title, "subject": f"release {version}", "author": "fyp-notices", "company": "", "comments": "", "created": created}
        )
        wb.set_custom_property("version", version)
        bold = wb.add_format({"bold": True})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})

        about = wb.add_worksheet("README")
        for name, df in frames.items():
            spec = table(name)
            ws = wb.add_worksheet(name[:31])
            for c, col in enumerate(spec.columns):
                ws.write_string(0, c, col, bold)
                ws.write_comment(0, c, spec.field(col).description)
            if df.height > EXCEL_MAX_ROWS - 1:
                note = (
                    f"{name}: {df.height} rows, more than an Excel sheet holds ({EXCEL_MAX_ROWS - 1}); "
                    f"left out of the workbook, see csv/{name}.csv or parquet/{name}.parquet"
                )
                notes.append(note)
                ws.write_string(1, 0, note)
                continue
            rows, cut = _shorten_long_text(spec, spec.conform(df))
            for col, n in cut.items():
                notes.append(f"{name}.{col}: {n} cells longer than {EXCEL_MAX_CELL} characters shortened (they end with {TRUNCATED_MARK!r})")
            dates = [c for c, dtype in enumerate(rows.dtypes) if dtype == pl.Date]
            write_row = ws.write_row
            write_datetime = ws.write_datetime
            for r, row in enumerate(rows.iter_rows(), start=1):
                write_row(r, 0, row)  # None → nothing written; str → text, never a formula
                for c in dates:
                    value = row[c]
                    if value is not None:
                        write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
            ws.freeze_panes(1, 0)
            if spec.columns:
                ws.autofilter(0, 0, max(rows.height, 1), len(spec.columns) - 1)

        # constant_memory writes rows in order: the README sheet is written once the notes are known.
        about.set_column(0, 0, 28)
        about.set_column(1, 1, 60)
        about.set_column(2, 2, 90)
        about.write_string(0, 0, title, bold)
        about.write_string(1, 0, "version")
        about.write_string(1, 1, version)
        about.write_string(3, 0, "sheet / 表", bold)
        about.write_string(3, 1, "标题 / title", bold)
        about.write_string(3, 2, "说明 / description", bold)
        for i, name in enumerate(frames, start=4):
            spec = table(name)
            about.write_string(i, 0, name)
            about.write_string(i, 1, f"{spec.title_zh} / {spec.title_en}")
            about.write_string(i, 2, spec.description, wrap)
        if notes:
            about.write_string(len(frames) + 6, 0, "notes", bold)
            for i, note in enumerate(notes):
                about.write_string(len(frames) + 7 + i, 0, note)
    finally:
        wb.close()
    return notes
