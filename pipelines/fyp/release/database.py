"""``fyp.duckdb`` of a release: built from the release's own Parquet files, checked by a table digest.

A DuckDB file differs byte for byte on every write (its header carries a random identifier and block
checksums), so it cannot be committed and rebuilt to the same bytes. A release therefore holds
``fyp.duckdb.json`` instead, covered by SHA256SUMS: every table and view with its comment, its columns
(name, type, comment), its row count and a SHA-256 over its rows. ``fyp.duckdb`` is built from the
Parquet files (the same tables, keys, views and comments as the warehouse), checked against that
digest, and rebuilt where it is missing (a fresh clone: ``make run``); ``fyp verify`` recomputes the
digest of the file it finds.

The row digest: each row as DuckDB prints it as a struct of the table's columns (names, values, in the
schema's order and types), hashed; the hashes sorted and hashed again, so row order does not matter
and any changed value does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from fyp.release.files import write_json
from fyp.tables.registry import table

DATABASE = "fyp.duckdb"
DIGEST = "fyp.duckdb.json"


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _rows_digest(con, source: str, columns: list[tuple[str, str]]) -> tuple[int, str]:
    """(rows, digest) of ``source`` (a table, a view or a read_parquet call) read as ``columns`` (name, DuckDB type)."""
    struct = ", ".join(f"{_q(name)} := CAST({_q(name)} AS {dtype})" for name, dtype in columns)
    count, digest = con.execute(
        f"SELECT count(*), sha256(coalesce(string_agg(h, '' ORDER BY h), '')) "
        f"FROM (SELECT sha256(CAST(struct_pack({struct}) AS VARCHAR)) AS h FROM {source})"
    ).fetchone()
    return int(count), digest


def expected_digest(release_dir: Path, names: list[str]) -> dict:
    """What fyp.duckdb must hold, from the release's Parquet files and the table definitions."""
    out = {}
    with duckdb.connect(":memory:") as con:
        con.execute("SET threads=1")
        for name in names:
            spec = table(name)
            parquet = (Path(release_dir) / "parquet" / f"{name}.parquet").as_posix()
            rows, digest = _rows_digest(
                con, "read_parquet(" + "'" + parquet.replace("'", "''") + "')",
                [(f.name, f.duckdb_type) for f in spec.fields]
            )
            out[name] = {
                "kind": spec.kind,
                "comment": spec.description,
                "columns": [[f.name, f.duckdb_type, f.description] for f in spec.fields],
                "rows": rows,
                "rows_sha256": digest,
            }
    return {"file": DATABASE, "tables": out}


def database_digest(path: Path) -> dict:
    """The same description, read from a DuckDB file."""
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        objects = con.execute(
            "SELECT table_name, 'table', comment FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
            "UNION ALL SELECT view_name, 'view', comment FROM "
            "duckdb_views() WHERE NOT internal AND schema_name = 'main' "
            "ORDER BY 1"
        ).fetchall()
        for name, kind, comment in objects:
            columns = con.execute(
                "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE "
                "table_name = ? AND schema_name = 'main' ORDER BY column_index",
                [name],
            ).fetchall()
            try:  # the file's own columns: a release is checked by what it holds, not by today's schemas
                rows, digest = _rows_digest(con, _q(name), [(c[0], c[1]) for c in columns])
            except duckdb.Error as err:
                rows, digest = None, f"unreadable: {str(err).splitlines()[0]}"
            out[name] = {
                "kind": kind, "comment": comment, "columns": [list(c) for c in columns],
                "rows": rows, "rows_sha256": digest
            }
    return {"file": DATABASE, "tables": out}


def build_database(release_dir: Path, names: list[str]) -> Path:
    """Write ``release_dir/fyp.duckdb`` from its Parquet files (tables with their keys, then the views),
    with every comment; check it against ``fyp.duckdb.json`` (written here when absent)."""
    release_dir = Path(release_dir)
    target = release_dir / DATABASE
    tmp = release_dir / f".{DATABASE}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    digest_path = release_dir / DIGEST
    expected = (
        json.loads(digest_path.read_text(encoding="utf-8"))
        if digest_path.is_file() else expected_digest(release_dir, names)
    )
    specs = [table(n) for n in names]
    try:
        with duckdb.connect(str(tmp), config={"threads": 1}) as con:
            for spec in (s for s in specs if s.kind != "view"):
                con.execute(spec.duckdb_ddl())
                parquet = (release_dir / "parquet" / f"{spec.name}.parquet").as_posix().replace("'", "''")
                cols = ", ".join(_q(c) for c in spec.columns)
                con.execute(f"INSERT INTO {_q(spec.name)} ({cols}) SELECT {cols} FROM read_parquet('{parquet}')")
            for spec in (s for s in specs if s.kind == "view"):
                con.execute(f"CREATE VIEW {spec.name} AS {spec.view_sql}")
            for spec in specs:
                for stmt in spec.duckdb_comments():
                    con.execute(stmt)
            con.execute("CHECKPOINT")
        problems = compare_digests(expected, database_digest(tmp))
        if problems:
            raise RuntimeError(
                f"{target}: built from the Parquet files but differs from {DIGEST}: " + "; ".join(problems[:5])
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    if not digest_path.is_file():
        write_json(expected, digest_path)
    return target


def compare_digests(expected: dict, found: dict) -> list[str]:
    """What differs between two digests, one line per table or view."""
    problems = []
    want, got = expected.get("tables", {}), found.get("tables", {})
    for name in sorted(set(want) | set(got)):
        if name not in got:
            problems.append(f"{name}: missing from {DATABASE}")
        elif name not in want:
            problems.append(f"{name}: in {DATABASE} but not in {DIGEST}")
        else:
            for key in ("kind", "comment", "columns", "rows", "rows_sha256"):
                if want[name].get(key) != got[name].get(key):
                    problems.append(f"{name}: {key} differs from {DIGEST}")
                    break
    return problems
