"""A published release's fyp.duckdb is rebuilt from the release's own record, not from today's table
definitions: a column added to a table later must not break the rebuild of an older release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

import fyp.release.database as database

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "exports" / "1.0.0"


@pytest.fixture()
def old_release(tmp_path):
    if not (RELEASE / database.DIGEST).is_file():
        pytest.skip("no committed release 1.0.0")
    out = tmp_path / "1.0.0"
    shutil.copytree(RELEASE, out, ignore=shutil.ignore_patterns(database.DATABASE, "*.tmp"))
    return out


def test_rebuild_ignores_todays_table_definitions(old_release, monkeypatch):
    recorded = json.loads((old_release / database.DIGEST).read_text(encoding="utf-8"))

    def todays(name):  # a view without recorded SQL may still take today's; a table never
        spec = table_before(name)
        assert spec.kind == "view", f"table {name} rebuilt from today's definition"
        return spec

    table_before = database.table
    monkeypatch.setattr(database, "table", todays)
    path = database.build_database(old_release, list(recorded["tables"]))
    assert database.compare_digests(recorded, database.database_digest(path)) == []
    with duckdb.connect(str(path), read_only=True) as con:
        keys = dict(con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall())
    assert keys["targets"] == ["target_id"] and keys["notices"] == ["notice_id"]


def test_a_changed_record_is_refused(old_release):
    path = old_release / database.DIGEST
    recorded = json.loads(path.read_text(encoding="utf-8"))
    recorded["tables"]["targets"]["rows"] += 1
    path.write_text(json.dumps(recorded), encoding="utf-8")
    with pytest.raises(RuntimeError, match="targets: rows differs"):
        database.build_database(old_release, list(recorded["tables"]))
    assert not (old_release / database.DATABASE).exists()


def test_recorded_view_sql_is_used(old_release, monkeypatch):
    path = old_release / database.DIGEST
    recorded = json.loads(path.read_text(encoding="utf-8"))
    for name, info in recorded["tables"].items():
        if info["kind"] == "view":  # as a release from 1.1.0 on records them
            info["sql"] = f"SELECT * FROM ({database.table(name).view_sql})"
    path.write_text(json.dumps(recorded), encoding="utf-8")

    def no_definitions(name):
        raise AssertionError(f"{name}: rebuilt from today's definition")

    monkeypatch.setattr(database, "table", no_definitions)
    built = database.build_database(old_release, list(recorded["tables"]))
    assert database.compare_digests(recorded, database.database_digest(built)) == []
