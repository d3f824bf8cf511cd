"""The notice tables written by DuckDB straight from the extraction cache, and their validation in batches."""

from pathlib import Path

import duckdb

from conftest import RAW
from fyp.reference.national import national_target_rows
from fyp.tables.build import NOTICE_TABLES, frame
from fyp.tables.cache import ExtractionCache, build_incremental
from fyp.tables.validate import cached_table_failures
from fyp.warehouse.store import CachedTable, warehouse_digest, write_warehouse


def _write_both(tmp_path: Path):
    built = build_incremental(RAW, tmp_path / "cache")
    national = frame("national_targets", national_target_rows())
    frames_path = write_warehouse({**built.frames, "national_targets": national}, tmp_path / "frames.duckdb")
    cached = {name: CachedTable(name, tuple(built.files)) for name in NOTICE_TABLES}
    stream_path = write_warehouse({**cached, "ingest_issues": built.frames["ingest_issues"], "national_targets": national}, tmp_path / "stream.duckdb")
    return built, frames_path, stream_path


def test_streamed_tables_equal_the_frames_row_for_row_with_the_same_column_types(tmp_path):
    built, frames_path, stream_path = _write_both(tmp_path)
    assert warehouse_digest(stream_path) == warehouse_digest(frames_path)
    with duckdb.connect(str(stream_path), read_only=True) as con:
        for name in NOTICE_TABLES:
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == built.frames[name].height > 0
    types = "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() ORDER BY table_name, column_index"
    with duckdb.connect(str(frames_path), read_only=True) as a, duckdb.connect(str(stream_path), read_only=True) as b:
        assert a.execute(types).fetchall() == b.execute(types).fetchall()


def test_cached_tables_pass_validation_when_the_rows_are_valid(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    for name in NOTICE_TABLES:
        rows, failures = cached_table_failures(name, built.files, batch_size=2)
        assert failures == [] and rows == built.frames[name].height


def _entry_with(cache: ExtractionCache, built, notice_id: str, table: str, change: dict) -> str:
    rows = {name: built.frames[name].filter(built.frames[name]["notice_id"] == built.frames["notices"]["notice_id"][0]).to_dicts() for name in NOTICE_TABLES}
    rows[table][0].update(change)
    notice = rows["notices"][0]
    cache.put(notice_id, "f" * 12, _fake(notice), rows)
    return str(cache.entry_path(notice_id, "f" * 12))


class _fake:
    def __init__(self, notice):
        self.source_file, self.sha256 = notice["source_file"], notice["sha256"]


def test_a_bad_value_in_one_cached_notice_is_reported_with_table_column_row_and_rule(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    bad = _entry_with(ExtractionCache(tmp_path / "other"), built, built.frames["notices"]["notice_id"][0], "targets", {"direction": "sideways"})
    rows, failures = cached_table_failures("targets", [*built.files, bad], batch_size=2)
    assert any(f["table"] == "targets" and f["column"] == "direction" and "isin" in str(f["rule"]) and f["value"] == "sideways" and "target_id=" in f["row"] for f in failures), failures
    # the same notice twice (its rows in two entries) breaks the primary key across batches
    assert any(f["rule"] == "primary_key" and f["table"] == "targets" for f in failures), failures
