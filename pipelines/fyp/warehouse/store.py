"""Tables → the DuckDB warehouse: typed tables with primary keys, bilingual comments, and views.

Small tables arrive as Polars frames. The notice tables arrive as a ``CachedTable``, the list of the
extraction cache's per-notice Parquet entries: DuckDB reads and unnests them itself under a memory
limit, so the build never holds a whole notice table (``provisions`` carries every provision's text)
in Python.

The warehouse is written to a temporary file beside the target and renamed into place, so a run that
dies half-way leaves the previous warehouse as it was. A lock file keeps two runs from writing the
same warehouse at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from fyp.tables.registry import all_tables, table

# DuckDB's own budget while writing the warehouse: it spills to disk beyond it.
MEMORY_LIMIT = os.environ.get("FYP_DUCKDB_MEMORY_LIMIT", "1GB")


@dataclass(frozen=True)
class CachedTable:
    """A notice table held in the extraction cache: column ``name`` of each Parquet entry in ``files``
    is a list of that notice's rows."""

    name: str
    files: tuple[str, ...]

    def select_sql(self) -> str:
        """The table's rows, typed and ordered as the table definition says (one parameter: the file list)."""
        spec = table(self.name)
        cols = ", ".join(f'CAST(r."{f.name}" AS {f.duckdb_type}) AS "{f.name}"' for f in spec.fields)
        order = ", ".join(f'"{c}"' for c in spec.primary_key)
        return f"SELECT {cols} FROM (SELECT unnest({self.name}) AS r FROM read_parquet(?::VARCHAR[])) ORDER BY {order}"


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


def write_warehouse(frames: dict[str, pl.DataFrame | CachedTable], path: Path, memory_limit: str = MEMORY_LIMIT) -> Path:
    """Write every frame (or cached table) as a table of a new DuckDB file at ``path`` (atomically replaced)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    remove_leftovers(path)
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp), config={"memory_limit": memory_limit, "preserve_insertion_order": True})
        try:
            load_tables(con, frames)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _test_pause()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return path


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files that runs killed while writing ``path`` left behind (their process is gone)."""
    removed = []
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*.tmp*"):
        pid = tmp.name[len(Path(path).name) + 2 :].split(".")[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _test_pause() -> None:
    # Only the crash and concurrency tests set these: the run stops while the new file is complete but
    # not yet renamed into place (and holds the lock), until FYP_TEST_PAUSE_UNTIL exists or the time is up.
    pause = os.environ.get("FYP_TEST_PAUSE_BEFORE_REPLACE")
    if not pause:
        return
    marker, until = os.environ.get("FYP_TEST_PAUSE_MARKER"), os.environ.get("FYP_TEST_PAUSE_UNTIL")
    if marker:
        Path(marker).write_text(str(os.getpid()))
    deadline = time.monotonic() + float(pause)
    while time.monotonic() < deadline and not (until and Path(until).exists()):
        time.sleep(0.1)


def warehouse_digest(path: Path) -> str | None:
    """A digest of the warehouse's content (every row of every table), or None if there is no warehouse.

    Two builds of the same data give the same digest even though the files differ byte for byte.
    """
    path = Path(path)
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with duckdb.connect(str(path), read_only=True) as con:
        names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name").fetchall()]
        for name in names:
            count, xor = con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{name}" t').fetchone()
            h.update(f"{name}\0{count}\0{xor}\n".encode())
    return h.hexdigest()[:16]


def load_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame | CachedTable]) -> None:
    """Create and fill the tables (in dependency order), then the views, with comments on both."""
    specs = all_tables()
    for name, spec in specs.items():
        if spec.kind != "table" or name not in frames:
            continue
        con.execute(spec.duckdb_ddl())
        source = frames[name]
        if isinstance(source, CachedTable):
            if source.files:
                con.execute(f"INSERT INTO {name} {source.select_sql()}", [list(source.files)])
        else:
            arrow = spec.conform(source).to_arrow()
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
