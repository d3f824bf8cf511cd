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


def write_parquet(spec: TableSpec, df: pl.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(to_arrow(spec, df), path, **PARQUET_OPTIONS)
    return path


def read_parquet(path: Path) -> pl.DataFrame:
    return pl.from_arrow(pq.read_table(path))


def csv_cell(value) -> str:
    """One value as CSV text: ISO dates, true/false, shortest round-trip floats, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def write_csv(spec: TableSpec, df: pl.DataFrame, path: Path) -> Path:
    """UTF-8 CSV as RFC 4180 says: CRLF line ends, a header row, fields quoted when they need it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Streamed to the file: a whole table as one Python string would cost up to 4 bytes a character.
    with open(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as fh:
        writer = csv.writer(fh, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(spec.columns)
        writer.writerows([csv_cell(v) for v in row] for row in spec.conform(df).iter_rows())
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


def release_files(release_dir: Path) -> list[str]:
    """Every file of a release, as POSIX paths relative to it, sorted (SHA256SUMS itself excluded)."""
    return sorted(p.relative_to(release_dir).as_posix() for p in release_dir.rglob("*") if p.is_file() and p.name != "SHA256SUMS")


def write_sha256sums(release_dir: Path) -> Path:
    """``sha256sum``-compatible list of every file (check with `sha256sum -c SHA256SUMS`)."""
    lines = [f"{sha256_file(release_dir / rel)}  {rel}\n" for rel in release_files(release_dir)]
    return write_text("".join(lines), release_dir / "SHA256SUMS")
