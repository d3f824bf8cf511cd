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
import json
import os
import shutil
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
        if not _update_copy(frames, path, tmp, memory_limit):
            con = duckdb.connect(str(tmp), config={"memory_limit": memory_limit, "preserve_insertion_order": True})
            try:
                load_tables(con, frames)
                con.execute("CHECKPOINT")
            finally:
                con.close()
        _test_pause()
        os.replace(tmp, path)
        _save_state(path, frames)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return path


# Beside the warehouse: the cache entries its notice tables were written from, and the identity of the
# file written, so the next build can update a copy with only the notices that came or went. A state
# whose file identity does not match the warehouse (say the run died between the two renames) is ignored.
def _state_path(path: Path) -> Path:
    return path.with_name(path.name + ".entries.json")


def _file_id(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _code_version() -> str:
    # Editing how the warehouse is written must rewrite it rather than patch a copy.
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _cached_files(frames) -> tuple[str, ...] | None:
    """The one entry list every notice table is read from, or None (frames, or tables from different lists)."""
    from fyp.tables.build import NOTICE_TABLES

    lists = {frames[n].files for n in NOTICE_TABLES if isinstance(frames.get(n), CachedTable)}
    if len(lists) != 1 or not all(isinstance(frames.get(n), CachedTable) for n in NOTICE_TABLES):
        return None
    return lists.pop()


def _save_state(path: Path, frames) -> None:
    state = _state_path(path)
    files = _cached_files(frames)
    if files is None:
        state.unlink(missing_ok=True)
        return
    tmp = state.with_name(f".{state.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"file": _file_id(path), "code": _code_version(), "tables": sorted(frames), "files": list(files)}))
    os.replace(tmp, state)


def _update_copy(frames, path: Path, tmp: Path, memory_limit: str) -> bool:
    """Write ``tmp`` as a copy of the warehouse at ``path`` with only the notices whose cache entries came
    or went replaced (and the small tables rewritten). False, writing nothing, when a full write is due."""
    from fyp.tables.build import NOTICE_TABLES

    files = _cached_files(frames)
    try:
        state = json.loads(_state_path(path).read_text())
        current = path.is_file() and state["file"] == _file_id(path)
    except (OSError, ValueError, KeyError):
        return False
    if files is None or not current or state.get("code") != _code_version() or state.get("tables") != sorted(frames):
        return False
    old, new = set(state["files"]), set(files)
    added = [f for f in files if f not in old]
    removed = old - new
    if len(added) + len(removed) > len(files) // 2:
        return False  # mostly new (a new extractor version renames every entry): write afresh
    shutil.copyfile(path, tmp)
    # An entry is named <notice_id>-<fingerprint>.parquet: a changed notice is removed and added.
    ids = sorted({Path(f).name.rsplit("-", 1)[0] for f in (*added, *removed)})
    con = duckdb.connect(str(tmp), config={"memory_limit": memory_limit, "preserve_insertion_order": True})
    try:
        # DuckDB checks keys eagerly: delete in one statement per table, insert in the next.
        for name in NOTICE_TABLES:
            con.execute(f"DELETE FROM {name} WHERE notice_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        for name, source in frames.items():
            if not isinstance(source, CachedTable):
                con.execute(f"DELETE FROM {name}")
        for name, source in frames.items():
            _insert(con, name, CachedTable(name, tuple(added)) if isinstance(source, CachedTable) else source)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return True


def _insert(con: duckdb.DuckDBPyConnection, name: str, source) -> None:
    """Append ``source`` (a frame or cached table) to table ``name``; a duplicate key fails naming table, column and key."""
    from fyp.tables.validate import TableValidationError

    spec = table(name)
    try:
        if isinstance(source, CachedTable):
            if source.files:
                con.execute(f"INSERT INTO {name} {source.select_sql()}", [list(source.files)])
        else:
            con.register("_incoming", spec.conform(source).to_arrow())
            try:
                con.execute(f"INSERT INTO {name} SELECT * FROM _incoming")
            finally:
                con.unregister("_incoming")
    except duckdb.ConstraintException as err:
        message = str(err).splitlines()[0]
        key = message.split('"')[1] if message.count('"') >= 2 else message
        raise TableValidationError(
            name, [{"table": name, "column": ", ".join(spec.primary_key), "row": key, "rule": "primary_key", "value": message}]
        ) from None


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
        _insert(con, name, frames[name])
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
