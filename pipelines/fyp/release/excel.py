"""All tables of a release in one Excel workbook, written so that Excel opens it safely and the same way every time.

- Text is always written as text (``write_string``): a cell starting with = + - @ is never a formula,
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
TRUNCATED_MARK = "…[truncated; see the CSV/Parquet file]"


def write_workbook(frames: dict[str, pl.DataFrame], path: Path, *, created: dt.datetime, title: str, version: str) -> list[str]:
    """Write one sheet per table (plus a README sheet); return notes on cells that had to be shortened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    created = created.replace(tzinfo=None)
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "constant_memory": False},
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

        for name, df in frames.items():
            spec = table(name)
            ws = wb.add_worksheet(name[:31])
            for c, col in enumerate(spec.columns):
                ws.write_string(0, c, col, bold)
                ws.write_comment(0, c, spec.field(col).description)
            for r, row in enumerate(spec.conform(df).iter_rows(), start=1):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        ws.write_boolean(r, c, value)
                    elif isinstance(value, (int, float)):
                        ws.write_number(r, c, value)
                    elif isinstance(value, dt.date):
                        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
                    else:
                        text = str(value)
                        if len(text) > EXCEL_MAX_CELL:
                            text = text[: EXCEL_MAX_CELL - len(TRUNCATED_MARK)] + TRUNCATED_MARK
                            notes.append(f"{name} row {r} column {spec.columns[c]}: text longer than {EXCEL_MAX_CELL} characters shortened")
                        ws.write_string(r, c, text)
            ws.freeze_panes(1, 0)
            if spec.columns:
                ws.autofilter(0, 0, max(df.height, 1), len(spec.columns) - 1)
        if notes:
            about.write_string(len(frames) + 6, 0, "notes", bold)
            for i, note in enumerate(notes):
                about.write_string(len(frames) + 7 + i, 0, note)
    finally:
        wb.close()
    return notes
