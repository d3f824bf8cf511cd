"""Tables → the DuckDB warehouse: typed tables with primary keys, bilingual comments, and views.

The warehouse is written to a temporary file beside the target and renamed into place, so a run that
dies half-way leaves the previous warehouse as it was. A lock file keeps two runs from writing the
same warehouse at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

import duckdb
import polars as pl

from fyp.tables.registry import all_tables, table


class WarehouseBusyError(RuntimeError):
    pass


@contextlib.contextmanager
def warehouse_lock(path: Path):
    """Hold an exclusive lock on ``path``'s lock file for the duration, or refuse at once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    fh = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise WarehouseBusyError(f"{path}: another run is writing this warehouse ({holder}); try again when it has finished") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        yield
    finally:
        fh.close()


def write_warehouse(frames: dict[str, pl.DataFrame], path: Path) -> Path:
    """Write every frame as a table of a new DuckDB file at ``path`` (atomically replaced)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            load_tables(con, frames)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def load_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Create and fill the tables (in dependency order), then the views, with comments on both."""
    specs = all_tables()
    for name, spec in specs.items():
        if spec.kind != "table" or name not in frames:
            continue
        con.execute(spec.duckdb_ddl())
        arrow = spec.conform(frames[name]).to_arrow()
        con.register("_incoming", arrow)
        con.execute(f"INSERT INTO {name} SELECT * FROM _incoming")
        con.unregister("_incoming")
        for stmt in spec.duckdb_comments():
            con.execute(stmt)
    for name, spec in specs.items():
        if spec.kind == "view" and spec.view_sql:
            con.execute(f"CREATE VIEW {name} AS {spec.view_sql}")
            for stmt in spec.duckdb_comments():
                con.execute(stmt)


def read_table(path: Path, name: str) -> pl.DataFrame:
    spec = table(name)
    with duckdb.connect(str(path), read_only=True) as con:
        return pl.from_arrow(con.sql(f"SELECT * FROM {name} ORDER BY {', '.join(spec.primary_key)}").to_arrow_table())
