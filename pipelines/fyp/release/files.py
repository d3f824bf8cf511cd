"""Deterministic writers: the same frames give the same bytes (Parquet, CSV, JSON) on every run."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from fyp.ingest.scan import file_sha256
from fyp.tables.registry import TableSpec

# Fixed Parquet writer settings: a release rebuilt from the same notices has the same bytes.
PARQUET_OPTIONS = dict(
    compression="zstd",
    compression_level=9,
    use_dictionary=True,
    write_statistics=True,
    version="2.6",
    data_page_version="1.0",
    row_group_size=1_000_000,
    store_schema=True,
)


sha256_file = file_sha256


def to_arrow(spec: TableSpec, df: pl.DataFrame) -> pa.Table:
    """The frame as an Arrow table with the registry's schema (types, nullability, descriptions)."""
    arrow = spec.conform(df).to_arrow()
    schema = spec.pyarrow_schema()
    columns = [arrow.column(f.name).cast(f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def write_parquet(spec: TableSpec, df: pl.DataFrame | pa.Table, path: Path) -> Path:
    """``df`` is a frame, or an Arrow table already in the registry's schema (tables.read_release_table)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(df if isinstance(df, pa.Table) else to_arrow(spec, df), path, **PARQUET_OPTIONS)
    return path


def read_parquet(path: Path) -> pl.DataFrame:
    return pl.from_arrow(pq.read_table(path))


# CSV cells that a spreadsheet would read as a formula (OWASP, "CSV injection"): text starting with
# one of these gets one apostrophe in front. Text starting with an apostrophe gets one too, so that the
# rule can be undone without doubt: drop one leading apostrophe from any text cell that has one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
TEXT_ESCAPE = "'"
_ESCAPED_START = "^[" + "".join("\\" + c if c in "-" else c for c in (*FORMULA_STARTS, TEXT_ESCAPE)) + "]"
CSV_TEXT_RULE = (
    "A text cell whose value starts with =, +, -, @, a tab, a carriage return, a full-width ＝ ＋ － ＠ "
    "or an apostrophe is written with one apostrophe (') in front, so that no spreadsheet runs it as a formula "
    "(OWASP); to read the value as published in Parquet, remove one leading apostrophe from any text cell that "
    "starts with one. Numbers, dates and true/false are written as they are."
)


def neutralise_text(text: str) -> str:
    """``text`` as a CSV cell under CSV_TEXT_RULE."""
    return TEXT_ESCAPE + text if text.startswith((*FORMULA_STARTS, TEXT_ESCAPE)) else text


def restore_text(cell: str) -> str:
    """The published value of a CSV text cell (CSV_TEXT_RULE undone)."""
    return cell[1:] if cell.startswith(TEXT_ESCAPE) else cell


def csv_cell(value) -> str:
    """One value as CSV text: ISO dates, true/false, shortest round-trip floats, empty for null, text by
    CSV_TEXT_RULE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_text(value)
    return str(value)


CSV_BATCH_ROWS = 20_000
_NEEDS_QUOTES = r'[,"\r\n]'  # what the csv module's QUOTE_MINIMAL quotes (delimiter, quote char, line ends)


def frame_batches(source: pl.DataFrame | Path, columns: list[str] | None = None, batch_rows: int = CSV_BATCH_ROWS):
    """A frame, or a Parquet file read a batch at a time (a release table need not fit in memory twice)."""
    if isinstance(source, pl.DataFrame):
        df = source.select(columns) if columns is not None else source
        for start in range(0, df.height, batch_rows):
            yield df.slice(start, batch_rows)
        return
    pf = pq.ParquetFile(source)
    for batch in pf.iter_batches(batch_size=batch_rows, columns=columns, use_threads=False):
        yield pl.from_arrow(pa.Table.from_batches([batch]))


def _csv_texts(series: pl.Series) -> pl.Series:
    """Each value as csv_cell writes it (null: null), vectorised where Polars gives the same text."""
    dtype = series.dtype
    if dtype == pl.String:
        return pl.select(
            pl.when(series.str.contains(_ESCAPED_START)).then(pl.lit(TEXT_ESCAPE) + series).otherwise(series)
        ).to_series().alias(series.name)
    if dtype == pl.Boolean:
        return (
            pl.select(
                pl.when(series.is_null()).then(pl.lit(None, pl.String))
                .when(series).then(pl.lit("true")).otherwise(pl.lit("false"))
            )
            .to_series()
            .alias(series.name)
        )
    if dtype.is_integer():
        return series.cast(pl.String)
    # repr() of floats (shortest round trip) and isoformat() of dates: Python's own text, value by value.
    return pl.Series(series.name, [None if v is None else csv_cell(v) for v in series.to_list()], dtype=pl.String)


def csv_lines(df: pl.DataFrame) -> str:
    """The rows of ``df`` as the csv module writes them (excel dialect, QUOTE_MINIMAL, CRLF), vectorised."""
    if df.width == 0 or df.height == 0:
        return "\r\n" * df.height if df.width == 0 else ""
    cells = []
    for name in df.columns:
        text = _csv_texts(df.get_column(name)).fill_null("")
        cells.append(
            pl.when(text.str.contains(_NEEDS_QUOTES))
            .then(pl.lit('"') + text.str.replace_all('"', '""', literal=True) + pl.lit('"'))
            .otherwise(text)
        )
    line = pl.concat_str(cells, separator=",")
    if df.width == 1:  # the csv module quotes a record that is one empty field
        line = pl.when(line == "").then(pl.lit('""')).otherwise(line)
    return pl.select((line + pl.lit("\r\n")).str.join("")).item()


CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: Excel on a Chinese Windows opens it as UTF-8


def write_csv(spec: TableSpec, df: pl.DataFrame | Path, path: Path) -> Path:
    """UTF-8 CSV with a BOM, as RFC 4180 says: CRLF line ends, a header row, fields quoted when they
    need it; text cells by CSV_TEXT_RULE.

    ``df`` is a frame or a Parquet file of the table, written a batch of rows at a time.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    source = spec.conform(df) if isinstance(df, pl.DataFrame) else df
    with open(path, "w", encoding=CSV_ENCODING, newline="", buffering=1 << 20) as fh:
        writer = csv.writer(fh, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(spec.columns)
        for batch in frame_batches(source, spec.columns):
            fh.write(csv_lines(spec.conform(batch)))
    return path


def canonical_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str) + "\n"


def write_json(data, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(canonical_json(data).encode("utf-8"))
    return path


def write_text(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


SHA256SUMS = "SHA256SUMS"
# Files of a release that SHA256SUMS does not list by their bytes: fyp.duckdb differs byte for byte on
# every write; it is built from the Parquet files and checked by its table digest (fyp.duckdb.json,
# which SHA256SUMS lists). See release/database.py.
NOT_BYTE_LISTED = ("fyp.duckdb", "fyp.duckdb.wal")


def release_files(release_dir: Path) -> list[str]:
    """Every file SHA256SUMS lists: every file of the release, as POSIX paths relative to it, sorted,
    but SHA256SUMS itself and NOT_BYTE_LISTED."""
    return sorted(
        p.relative_to(release_dir).as_posix()
        for p in release_dir.rglob("*")
        if p.is_file() and p.relative_to(release_dir).as_posix() not in (SHA256SUMS, *NOT_BYTE_LISTED)
    )


def write_sha256sums(release_dir: Path) -> Path:
    """``sha256sum``-compatible list of every file (check with `sha256sum -c SHA256SUMS`). Its own
    sha256 is what a consumer cites (exports/index.md): it covers every byte of the release."""
    lines = [f"{sha256_file(release_dir / rel)}  {rel}\n" for rel in release_files(release_dir)]
    return write_text("".join(lines), release_dir / SHA256SUMS)
