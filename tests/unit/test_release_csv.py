"""Every CSV of a release, read with Python's csv, polars, DuckDB and pandas, agrees with its Parquet file
(text under the one formula rule: a leading apostrophe is dropped)."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from fyp.release.files import restore_text
from fyp.release.publish import publish_release
from fyp.tables.registry import table
from release_samples import N1, build_sample_warehouse, sample_rows

TRICKY = [
    "=HYPERLINK(\"http://x\",\"点击\")", "+cmd|' /C calc'!A0",
    "-负数开头", "@SUM(A1)", "\ttab", "'已有撇号", "逗号,引号\"与\n换行", " 前后空格 "
]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("csv")
    rows = sample_rows()
    for i, text in enumerate(TRICKY):
        rows["provisions"].append(
            dict(
                rows["provisions"][0], provision_id=f"{N1}-x{i}",
                heading=text, text=text, char_start=100 + i, char_end=101 + i
            )
        )
    rows["notices"][0]["source_file"] = "=cmd.txt"
    warehouse = build_sample_warehouse(base / "fyp.duckdb", rows)
    result = publish_release(warehouse, base / "exports", quality_file=None)
    return result.path


def _as_published(value, kind: str):
    """A CSV cell as the value the Parquet file holds (empty = null; text under the formula rule)."""
    if value is None or value == "":
        return None
    if kind == "string":
        return restore_text(value)
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return {"true": True, "false": False}[value]
    if kind == "date":
        return dt.date.fromisoformat(value)
    raise AssertionError(kind)


def _expected(release: Path, name: str) -> list[tuple]:
    df = pl.read_parquet(release / "parquet" / f"{name}.parquet")
    return [
        tuple(None if (isinstance(v, float) and math.isnan(v)) or v == "" else v for v in row) for row in df.iter_rows()
    ]


def _readers(path: Path, columns: list[str]) -> dict[str, list[list]]:
    """Every cell as text, as each library reads the file with no more than 'all text' asked of it."""
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == columns
    out["csv"] = rows[1:]
    df = pl.read_csv(path, infer_schema=False)
    assert df.columns == columns
    out["polars"] = [list(r) for r in df.iter_rows()]
    with duckdb.connect() as con:
        rel = con.sql(f"SELECT * FROM read_csv('{path.as_posix()}', all_varchar = true, header = true)")
        assert rel.columns == columns
        out["duckdb"] = [list(r) for r in rel.fetchall()]
    pdf = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(pdf.columns) == columns
    out["pandas"] = pdf.values.tolist()
    return out


def test_every_csv_agrees_with_its_parquet_in_four_readers(release):
    names = sorted(p.stem for p in (release / "csv").glob("*.csv"))
    assert {"notices", "provisions", "targets", "indicators", "target_comparison"} <= set(names)
    for name in names:
        spec = table(name)
        kinds = [spec.field(c).type for c in spec.columns]
        expected = _expected(release, name)
        path = release / "csv" / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), name  # UTF-8 with a BOM
        for reader, rows in _readers(path, spec.columns).items():
            got = [tuple(_as_published(v, k) for v, k in zip(row, kinds, strict=True)) for row in rows]
            assert got == expected, f"{name} read by {reader}"


def test_no_csv_cell_starts_a_formula_but_parquet_keeps_the_text(release):
    for path in (release / "csv").glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path.name, cell)
    texts = pl.read_parquet(release / "parquet" / "provisions.parquet")["heading"].to_list()
    assert all(t in texts for t in TRICKY)
    assert pl.read_parquet(release / "parquet" / "notices.parquet")["source_file"].to_list().count("=cmd.txt") == 1
    dictionary = (release / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "Formula rule:" in dictionary and "apostrophe" in dictionary
