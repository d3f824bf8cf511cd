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
from fyp.tables.registry import _sql_str, table

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
            if spec.kind == "view":
                out[name]["sql"] = spec.view_sql  # so that the release rebuilds its views as they were
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
    with every comment; check it against ``fyp.duckdb.json`` (written here when absent).

    A published release (its ``fyp.duckdb.json`` present) is rebuilt from its own record: the columns,
    types and comments of that file, the keys of its ``datapackage.json`` and the SQL of its views where
    recorded, so that a release published before a table definition changed rebuilds as it was."""
    release_dir = Path(release_dir)
    target = release_dir / DATABASE
    tmp = release_dir / f".{DATABASE}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    digest_path = release_dir / DIGEST
    published = digest_path.is_file()
    expected = json.loads(digest_path.read_text(encoding="utf-8")) if published else expected_digest(release_dir, names)
    plans = _recorded_plans(release_dir, expected) if published else _current_plans(names)
    try:
        with duckdb.connect(str(tmp), config={"threads": 1}) as con:
            for plan in (p for p in plans if p["kind"] != "view"):
                con.execute(plan["ddl"])
                parquet = (release_dir / "parquet" / f"{plan['name']}.parquet").as_posix().replace("'", "''")
                cols = ", ".join(_q(c) for c in plan["columns"])
                con.execute(f"INSERT INTO {_q(plan['name'])} ({cols}) SELECT {cols} FROM read_parquet('{parquet}')")
            for plan in (p for p in plans if p["kind"] == "view"):
                con.execute(f"CREATE VIEW {_q(plan['name'])} AS {plan['sql']}")
            for plan in plans:
                for stmt in plan["comments"]:
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
    if not published:
        write_json(expected, digest_path)
    return target


def _current_plans(names: list[str]) -> list[dict]:
    """How to build each table and view of a new release: today's table definitions."""
    plans = []
    for spec in (table(n) for n in names):
        plans.append({
            "name": spec.name, "kind": spec.kind, "columns": list(spec.columns),
            "ddl": spec.duckdb_ddl() if spec.kind != "view" else None,
            "sql": spec.view_sql if spec.kind == "view" else None,
            "comments": spec.duckdb_comments(),
        })
    return plans


def _recorded_plans(release_dir: Path, expected: dict) -> list[dict]:
    """How to rebuild each table and view of a published release, from what the release records."""
    package_path = release_dir / "datapackage.json"
    schemas = {}
    if package_path.is_file():
        for res in json.loads(package_path.read_text(encoding="utf-8")).get("resources", []):
            schemas[res.get("name")] = res.get("schema") or {}
    plans = []
    for name, info in expected["tables"].items():
        kind = info["kind"]
        columns = [c[0] for c in info["columns"]]
        comments = [f"COMMENT ON {'VIEW' if kind == 'view' else 'TABLE'} {_q(name)} IS {_sql_str(info['comment'])}"]
        comments += [f"COMMENT ON COLUMN {_q(name)}.{_q(c)} IS {_sql_str(d)}" for c, _t, d in info["columns"]]
        plan = {"name": name, "kind": kind, "columns": columns, "comments": comments, "ddl": None, "sql": None}
        if kind == "view":
            # Releases record their views' SQL since 1.1.0; an earlier one takes today's (checked by the digest).
            plan["sql"] = info.get("sql") or table(name).view_sql
        else:
            schema = schemas.get(name, {})
            required = {f["name"] for f in schema.get("fields", []) if (f.get("constraints") or {}).get("required")}
            cols = [f"{_q(c)} {t}" + (" NOT NULL" if c in required else "") for c, t, _d in info["columns"]]
            key = schema.get("primaryKey")
            if key:
                cols.append(f"PRIMARY KEY ({', '.join(_q(k) for k in ([key] if isinstance(key, str) else key))})")
            plan["ddl"] = f"CREATE TABLE {_q(name)} (\n  " + ",\n  ".join(cols) + "\n)"
        plans.append(plan)
    return plans


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
