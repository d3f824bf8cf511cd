"""The notice tables written by DuckDB straight from the extraction cache, and their validation in batches."""

from pathlib import Path

import duckdb
import pytest

from conftest import RAW
from fyp.reference.national import national_target_rows
from fyp.tables.build import frame
from fyp.tables.cache import ExtractionCache
from fyp.tables.incremental import build_incremental
from fyp.tables.registry import notice_tables
from fyp.tables.validate import TableValidationError, cached_table_failures
from fyp.warehouse.store import CachedTable, warehouse_digest, write_warehouse


def _write_both(tmp_path: Path):
    built = build_incremental(RAW, tmp_path / "cache")
    national = frame("national_targets", national_target_rows())
    frames_path = write_warehouse({**built.frames, "national_targets": national}, tmp_path / "frames.duckdb")
    cached = {name: CachedTable(name, tuple(built.entries)) for name in notice_tables()}
    stream_path = write_warehouse(
        {**cached, "ingest_issues": built.frames["ingest_issues"], "national_targets": national},
        tmp_path / "stream.duckdb",
    )
    return built, frames_path, stream_path


def test_streamed_tables_equal_the_frames_row_for_row_with_the_same_column_types(tmp_path):
    built, frames_path, stream_path = _write_both(tmp_path)
    assert warehouse_digest(stream_path) == warehouse_digest(frames_path)
    with duckdb.connect(str(stream_path), read_only=True) as con:
        for name in notice_tables():
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == built.frames[name].height > 0
    types = (
        "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() ORDER BY table_name, column_index"
    )
    with duckdb.connect(str(frames_path), read_only=True) as a, duckdb.connect(str(stream_path), read_only=True) as b:
        assert a.execute(types).fetchall() == b.execute(types).fetchall()


def test_cached_tables_pass_validation_when_the_rows_are_valid(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    for name in notice_tables():
        memo = tmp_path / f"validated-{name}.txt"
        checked, rows, failures = cached_table_failures(name, built.entries, memo=memo, batch_size=2)
        assert failures == [] and rows == built.frames[name].height and checked == 5
        # entries that passed are not checked again
        assert cached_table_failures(name, built.entries, memo=memo, batch_size=2) == (0, 0, [])


def _entry_with(cache: ExtractionCache, built, notice_id: str, table: str, change: dict) -> tuple[str, str]:
    rows = {
        name: built.frames[name]
        .filter(built.frames[name]["notice_id"] == built.frames["notices"]["notice_id"][0])
        .to_dicts()
        for name in notice_tables()
    }
    rows[table][0].update(change)
    notice = rows["notices"][0]
    return cache.put(notice_id, "f" * 12, _fake(notice), rows)


class _fake:
    def __init__(self, notice):
        self.source_file, self.sha256 = notice["source_file"], notice["sha256"]


def test_a_bad_value_in_one_cached_notice_is_reported_with_table_column_row_and_rule(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    bad = _entry_with(
        ExtractionCache(tmp_path / "other"),
        built,
        built.frames["notices"]["notice_id"][0],
        "targets",
        {"direction": "sideways"},
    )
    memo = tmp_path / "validated-targets.txt"
    _, _, failures = cached_table_failures("targets", [*built.entries, bad], memo=memo, batch_size=2)
    assert any(
        f["table"] == "targets"
        and f["column"] == "direction"
        and "isin" in str(f["rule"])
        and f["value"] == "sideways"
        and "target_id=" in f["row"]
        for f in failures
    ), failures
    # the bad entry is not remembered as valid: it fails again
    assert cached_table_failures("targets", [*built.entries, bad], memo=memo, batch_size=2)[2]


def test_a_key_repeated_across_notices_stops_the_write_naming_table_column_and_key(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    # the first notice's rows again, under another notice id: every key is repeated
    twin = _entry_with(ExtractionCache(tmp_path / "other"), built, "0" * 16, "notices", {"notice_id": "0" * 16})
    cached = {name: CachedTable(name, (*built.entries, twin)) for name in notice_tables()}
    target = tmp_path / "w.duckdb"
    with pytest.raises(TableValidationError) as err:
        write_warehouse({**cached, "ingest_issues": built.frames["ingest_issues"]}, target)
    assert err.value.failures[0]["rule"] == "primary_key" and err.value.table in notice_tables()
    assert "column" in str(err.value) and "primary_key" in str(err.value)
    assert not target.exists() and not list(tmp_path.glob(".w.duckdb*"))


def _updates(monkeypatch):
    """Record which way each write_warehouse call went: 'fresh', 'in_place' or 'copy'."""
    from fyp.warehouse import store

    ways = []
    real_plan, real_in_place = store._planned_update, store._update_in_place

    def plan(*a):
        change = real_plan(*a)
        ways.append("fresh" if change is None else "copy")
        return change

    def in_place(*a):
        real_in_place(*a)
        ways[-1] = "in_place"

    monkeypatch.setattr(store, "_planned_update", plan)
    monkeypatch.setattr(store, "_update_in_place", in_place)
    return ways


def _writer(built):
    small = {
        "ingest_issues": built.frames["ingest_issues"],
        "national_targets": frame("national_targets", national_target_rows()),
    }

    def write(entries, path):
        return write_warehouse({**{n: CachedTable(n, tuple(entries)) for n in notice_tables()}, **small}, path)

    return write


def _comments_and_views(path) -> tuple[int, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        comments = con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE comment IS NOT NULL AND table_name = 'targets'"
        ).fetchone()[0]
        views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0]
    return comments, views


def _first_write(tmp_path, monkeypatch):
    """A warehouse of four of the seeds: (how each write went, every seed's entry, the writer, the file)."""
    ways = _updates(monkeypatch)
    built = build_incremental(RAW, tmp_path / "cache")
    entries, write = tuple(built.entries), _writer(built)
    target = tmp_path / "w.duckdb"
    write(entries[:4], target)
    return ways, entries, write, target


def test_adding_and_removing_notices_updates_the_warehouse_in_place_and_equals_a_fresh_write(tmp_path, monkeypatch):
    ways, entries, write, target = _first_write(tmp_path, monkeypatch)
    before = target.stat().st_ino
    write(entries[1:], target)  # one added, one removed: replaced in the file itself
    assert ways == ["fresh", "in_place"] and target.stat().st_ino == before
    assert warehouse_digest(target) == warehouse_digest(write(entries[1:], tmp_path / "fresh.duckdb"))
    assert all(n > 0 for n in _comments_and_views(target))
    # The same notices again: nothing to replace, the content stays.
    write(entries[1:], target)
    assert ways[-1] == "in_place" and warehouse_digest(target) == warehouse_digest(tmp_path / "fresh.duckdb")


def test_an_update_while_an_analyst_has_the_warehouse_open_goes_to_a_copy_and_leaves_their_view(tmp_path, monkeypatch):
    ways, entries, write, target = _first_write(tmp_path, monkeypatch)
    # DuckDB lets one process write a file, or any number read it; another process must hold it.
    count = "print(con.execute('SELECT count(*) FROM notices').fetchone()[0], flush=True)"
    code = f"import duckdb; con = duckdb.connect({str(target)!r}, read_only=True); {count}; input(); {count}"
    import subprocess
    import sys

    reader = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "4"
        write(entries[1:], target)
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "4"  # the analyst's session still sees what it opened
    finally:
        reader.kill()
        reader.wait()
    assert ways == ["fresh", "copy"]
    assert warehouse_digest(target) == warehouse_digest(write(entries[1:], tmp_path / "fresh.duckdb"))
    assert all(n > 0 for n in _comments_and_views(target)) and not list(tmp_path.glob(".w.duckdb*"))


def test_a_new_extractor_version_rewrites_the_warehouse_instead_of_keeping_its_rows(tmp_path, monkeypatch):
    # An entry's key names its notice and input only: the same keys under another extractor version must
    # not pass for "nothing changed" (the rows, even the table's columns, may differ).
    import fyp.tables.cache as cache

    ways, entries, write, target = _first_write(tmp_path, monkeypatch)
    write(entries[:4], target)
    assert ways[-1] == "in_place"
    monkeypatch.setattr(cache, "extractor_version", lambda: "0" * 16)
    write(entries[:4], target)
    assert ways[-1] == "fresh"
