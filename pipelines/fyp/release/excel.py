"""All tables of a release in one Excel workbook, written so that Excel opens it safely and the same way every time.

- Text is always written as text (strings_to_formulas is off): a cell starting with = + - @ is never a formula,
  and nothing is turned into a number or a link behind the user's back.
- Chinese text is plain UTF-8 inside the xlsx XML, so it opens intact.
- Document properties carry a fixed ``created`` date (the release's), never the wall clock, so the
  workbook of the same data has the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple

from fyp.release.files import frame_batches
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
            exprs.append(
                pl.when(too_long).then(
                    pl.col(col).str.slice(0, keep) + pl.lit(TRUNCATED_MARK)
                ).otherwise(pl.col(col)).alias(col)
            )
    return (df.with_columns(exprs) if exprs else df), counts


def _height(source) -> int:
    return source.height if isinstance(source, pl.DataFrame) else pq.ParquetFile(source).metadata.num_rows


# Strings xlsxwriter writes in a way the vectorised path does not copy: control characters and the
# two non-characters (escaped as _xHHHH_), and rich-string markup left unescaped.
_PY_STRING = r"[\x00-\x08\x0b-\x1f\x{FFFE}\x{FFFF}]|^<r>|</r>$"
_ASTRAL = r"[\x{10000}-\x{10FFFF}]"
_INT_SAFE = 10**15  # integers below this print the same with str() as with xlsxwriter's "{:.16G}"


class _RowWriter:
    """Rows of a constant_memory worksheet written as xlsxwriter writes them, a batch at a time.

    ``write_row`` costs a dozen Python calls per cell; here the cell XML of a batch is built with Polars
    expressions that give xlsxwriter's exact text (inline strings, escapes, xml:space, numbers), and
    the cells that need xlsxwriter's own code (control characters, floats, dates, ...) are written by
    it into a buffer. Rows that xlsxwriter treats specially (a string it must truncate, which ends
    write_row early; NaN/inf, which it refuses) go through write_row itself.
    """

    def __init__(self, ws, columns: list[str], date_fmt):
        self.ws, self.columns, self.date_fmt = ws, columns, date_fmt
        self.letters = [xl_col_to_name(c) for c in range(len(columns))]
        ws._write_single_row(1)  # the header row goes out as it would before row 1

    def _cell_xml(self, series: pl.Series, c: int, refs: pl.Series, first_row: int) -> tuple[pl.Series, pl.Series]:
        """Cell XML of one column (null: no cell) and the rows that must go through write_row."""
        ws, n = self.ws, len(series)
        slow = pl.Series([False] * n)
        dtype = series.dtype
        if dtype == pl.String:
            text = series
            present = text.is_not_null() & (text != "")
            by_python = present & text.str.contains(_PY_STRING)
            slow = present & (text.str.len_chars() > ws.xls_strmax // 2) & text.str.contains(_ASTRAL)
            esc = text.str.replace_all(r"(_x[0-9a-fA-F]{4}_)", "_x005F${1}")
            preserve = esc.str.contains(r"^\s") | esc.str.contains(r"\s$")
            body = (
                esc.str.replace_all("&", "&amp;", literal=True)
                .str.replace_all("<", "&lt;", literal=True).str.replace_all(">", "&gt;", literal=True)
            )
            xml = pl.select(
                pl.when(present & ~by_python)
                .then(
                    pl.lit('<c r="') + refs + pl.lit('" t="inlineStr"><is><t')
                    + pl.when(preserve).then(pl.lit(' xml:space="preserve"')).otherwise(pl.lit(""))
                    + pl.lit(">") + body + pl.lit("</t></is></c>")
                )
                .otherwise(pl.lit(None, pl.String))
            ).to_series()
            idx = by_python.arg_true().to_list()
            if idx:
                values = text.gather(idx).to_list()
                xml = xml.scatter(
                    idx,
                    [
                        self._python_cell(first_row + i, c, CellStringTuple(v, None))
                        for i, v in zip(idx, values, strict=True)
                    ]
                )
            return xml, slow
        if dtype == pl.Boolean:
            xml = pl.select(
                pl.when(series.is_null()).then(pl.lit(None, pl.String)).otherwise(
                    pl.lit('<c r="') + refs + pl.lit('" t="b"><v>')
                    + series.cast(pl.Int8).cast(pl.String) + pl.lit("</v></c>")
                )
            ).to_series()
            return xml, slow
        if dtype.is_integer() and not ((series.abs() >= _INT_SAFE).any()):
            xml = pl.select(
                pl.when(series.is_null()).then(pl.lit(None, pl.String)).otherwise(
                    pl.lit('<c r="') + refs + pl.lit('"><v>') + series.cast(pl.String) + pl.lit("</v></c>")
                )
            ).to_series()
            return xml, slow
        # Floats, dates and anything else: xlsxwriter's own conversion, value by value.
        out, flags = [], []
        for row, value in enumerate(series.to_list(), start=first_row):
            if value is None:
                out.append(None)
                flags.append(False)
            elif isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
                out.append(None)
                flags.append(True)
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                number = ws._convert_date_time(dt.datetime(value.year, value.month, value.day))
                out.append(self._python_cell(row, c, CellDatetimeTuple(number, self.date_fmt)))
                flags.append(False)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append(self._python_cell(row, c, CellNumberTuple(value, None)))
                flags.append(False)
            else:
                out.append(None)
                flags.append(True)
        return pl.Series(out, dtype=pl.String), pl.Series(flags, dtype=pl.Boolean)

    def _python_cell(self, row: int, col: int, cell) -> str:
        ws = self.ws
        fh, ws.fh = ws.fh, io.StringIO()
        try:
            ws._write_cell(row, col, cell)
            return ws.fh.getvalue()
        finally:
            ws.fh = fh

    def write(self, batch: pl.DataFrame, first_row: int, dates: list[int]) -> None:
        ws, n = self.ws, batch.height
        if n == 0:
            return
        numbers = pl.int_range(first_row + 1, first_row + 1 + n, eager=True).cast(pl.String)
        cells, slow = [], pl.Series([False] * n)
        for c, name in enumerate(batch.columns):
            refs = pl.select(pl.lit(self.letters[c]) + numbers).to_series()
            xml, s = self._cell_xml(batch.get_column(name), c, refs, first_row)
            cells.append(xml.alias(f"c{c}"))
            slow = slow | s
        frame = pl.DataFrame(cells)
        any_cell = pl.any_horizontal([pl.col(f"c{c}").is_not_null() for c in range(len(cells))])
        rows = frame.select(
            pl.when(any_cell & ~pl.lit(slow))
            .then(
                pl.lit('<row r="') + pl.lit(numbers) + pl.lit('">')
                + pl.concat_str([pl.col(f"c{c}") for c in range(len(cells))], ignore_nulls=True) + pl.lit("</row>")
            )
            .otherwise(pl.lit(""))
        ).to_series()
        last = frame.select(any_cell | pl.lit(slow)).to_series().arg_true()
        slow_rows = slow.arg_true().to_list()
        start = 0
        for i in slow_rows + [n]:
            if i > start:
                ws.fh.write(rows.slice(start, i - start).str.join("").item())
            if i == n:
                break
            r = first_row + i
            row = batch.row(i)
            ws.write_row(r, 0, row)
            for c in dates:
                value = row[c]
                if value is not None:
                    ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), self.date_fmt)
            ws._write_single_row(r + 1)
            start = i + 1
        if len(last):
            ws.dim_rowmax = max(ws.dim_rowmax, first_row + int(last[-1]))


MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 6, 60  # in characters of the default font; a CJK character counts two


def _write_rows_public(ws, rows: pl.DataFrame, first: int, dates: list[int], date_fmt) -> None:
    """The rows through xlsxwriter's public API only: what _RowWriter must give byte for byte."""
    for i, row in enumerate(rows.iter_rows()):
        r = first + i
        ws.write_row(r, 0, row)
        for c in dates:
            if row[c] is not None:
                ws.write_datetime(r, c, dt.datetime(row[c].year, row[c].month, row[c].day), date_fmt)


def _display_widths(batch: pl.DataFrame) -> list[int]:
    """The widest cell of each column of ``batch``, in display columns (a CJK character is two)."""
    out = []
    for name, dtype in batch.schema.items():
        col = pl.col(name)
        if dtype == pl.String:
            # UTF-8 bytes + characters, halved: 1 for ASCII, 2 for a (3-byte) CJK character
            expr = ((col.str.len_bytes() + col.str.len_chars()) // 2).max()
        elif dtype == pl.Date:
            expr = pl.lit(10)
        elif dtype == pl.Boolean:
            expr = pl.lit(5)
        else:
            expr = col.cast(pl.String).str.len_chars().max()
        out.append(int(batch.select(expr).item() or 0))
    return out


def write_workbook(
    frames: dict[str, pl.DataFrame | Path], path: Path, *,
    created: dt.datetime, title: str, version: str, fast: bool = True
) -> list[str]:
    """Write one sheet per table (plus a README sheet); return notes on tables or cells that did not fit.

    Written in xlsxwriter's constant_memory mode (each row goes to disk as it is finished): strings
    stay strings (strings_to_formulas/urls/numbers are off). Rows are written by _RowWriter, which
    gives the bytes xlsxwriter's own ``write_row`` gives (xlsxwriter is pinned, and
    tests/unit/test_release_files.py compares the two); ``fast=False`` writes every row through
    ``write_row`` itself. Each column is as wide as its widest cell, within limits.
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
            {
                "title": title, "subject": f"release {version}", "author": "fyp-notices",
                "company": "", "comments": "", "created": created
            }
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
            height = _height(df)
            if height > EXCEL_MAX_ROWS - 1:
                note = (
                    f"{name}: {height} rows, more than an Excel sheet holds ({EXCEL_MAX_ROWS - 1}); "
                    f"left out of the workbook, see csv/{name}.csv or parquet/{name}.parquet"
                )
                notes.append(note)
                ws.write_string(1, 0, note)
                continue
            cut: dict[str, int] = {}
            writer = _RowWriter(ws, spec.columns, date_fmt) if spec.columns and fast else None
            widths = [len(col) for col in spec.columns]
            first = 1
            source = spec.conform(df) if isinstance(df, pl.DataFrame) else df
            for batch in frame_batches(source, spec.columns):
                rows, batch_cut = _shorten_long_text(spec, spec.conform(batch))
                for col, n in batch_cut.items():
                    cut[col] = cut.get(col, 0) + n
                dates = [c for c, dtype in enumerate(rows.dtypes) if dtype == pl.Date]
                widths = [max(w, b) for w, b in zip(widths, _display_widths(rows), strict=True)]
                if writer is not None:
                    writer.write(rows, first, dates)
                elif spec.columns:
                    _write_rows_public(ws, rows, first, dates, date_fmt)
                first += rows.height
            for c, width in enumerate(widths):
                ws.set_column(c, c, min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, width + 2)))
            # In column order, as a whole-table pass would have found them.
            for col in spec.columns:
                if col in cut:
                    notes.append(
                        f"{name}.{col}: {cut[col]} cells longer than {EXCEL_MAX_CELL} "
                        f"characters shortened (they end with {TRUNCATED_MARK!r})"
                    )
            ws.freeze_panes(1, 0)
            if spec.columns:
                ws.autofilter(0, 0, max(height, 1), len(spec.columns) - 1)

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
