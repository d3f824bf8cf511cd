"""Tables → the DuckDB warehouse: typed tables with primary keys, bilingual comments, and views.

Small tables arrive as Polars frames. The notice tables arrive as a ``CachedTable``, the entries of
the extraction cache that hold their rows: DuckDB reads and unnests them itself under a memory limit,
so the build never holds a whole notice table (``provisions`` carries every provision's text) in Python.

A new warehouse is written to a temporary file beside the target and renamed into place; an update
(some notices came or went) is one DuckDB transaction. Either way a run that dies half-way, or fails
on a full disk, leaves the previous warehouse as it was; a failure raises WarehouseWriteError, whose
one line names the file and the problem. A lock (fyp.warehouse.lock) keeps two runs from writing the
same warehouse at once. An existing file that is not a DuckDB database is never overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from fyp.parallel import pid_alive
from fyp.tables.registry import all_tables, notice_tables, reference_tables, table

# DuckDB's own budget while writing the warehouse (it spills to disk beyond it); FYP_DUCKDB_MEMORY_LIMIT sets another.
DEFAULT_MEMORY_LIMIT = "1GB"


def configured_memory_limit() -> str:
    return os.environ.get("FYP_DUCKDB_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT


def _connect(path: Path, memory_limit: str) -> duckdb.DuckDBPyConnection:
    # Row order in the warehouse means nothing (the release sorts by key); keeping the order the
    # cache was read in made DuckDB write the notice tables 2x slower at 10,000 notices.
    return duckdb.connect(str(path), config={"memory_limit": memory_limit, "preserve_insertion_order": False})


@dataclass(frozen=True)
class CachedTable:
    """A notice table held in the extraction cache: ``entries`` are (pack file, entry key) pairs, and
    column ``name`` of each entry is the list of that notice's rows."""

    name: str
    entries: tuple[tuple[str, str], ...]

    def select_sql(self) -> str:
        """The table's rows, typed as the table definition says (parameters: see ``parameters``).

        No ORDER BY: sorting every provision's text at 10,000 notices doubled the write, and the
        warehouse's row order means nothing (the release sorts each table by its key)."""
        spec = table(self.name)
        cols = ", ".join(f'CAST(r."{f.name}" AS {f.duckdb_type}) AS "{f.name}"' for f in spec.fields)
        return (
            f"SELECT {cols} FROM (SELECT unnest(p.{self.name}) AS r FROM read_parquet(?::VARCHAR[], filename = true) p "
            f"SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS filename, unnest(?::VARCHAR[]) AS entry) w USING "
            f"(filename, entry))"
        )

    def parameters(self) -> list:
        packs = sorted({pack for pack, _ in self.entries})
        return [packs, [pack for pack, _ in self.entries], [key for _, key in self.entries]]


class WarehouseWriteError(RuntimeError):
    """The warehouse could not be written; the message (one line) names the file and the problem."""


def is_duckdb_file(path: Path) -> bool:
    """Whether ``path`` holds a DuckDB database (its header: an 8-byte checksum, then ``DUCK``)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def check_target(path: Path) -> None:
    """Refuse a warehouse path that must not be written: a folder, or a file that is not a DuckDB database
    (a notice or a spreadsheet given as ``--warehouse`` by mistake must not be overwritten)."""
    path = Path(path)
    if path.is_dir():
        raise WarehouseWriteError(f"{path}: is a folder, not a warehouse file")
    if path.exists() and not is_duckdb_file(path):
        raise WarehouseWriteError(f"{path}: exists and is not a DuckDB database; not overwritten")


def write_warehouse(frames: dict[str, pl.DataFrame | CachedTable], path: Path, memory_limit: str | None = None) -> Path:
    """Write every frame (or cached table) as a table of the DuckDB file at ``path``.

    When the warehouse was last written from the same cache and only some notices came or went, just
    their rows are replaced, in one transaction on the file itself: DuckDB's write-ahead log makes it
    all or nothing, and the cost follows the change, not the corpus. If another process has the file
    open (an analyst), the same update goes to a copy renamed into place, so their session keeps its
    view. Otherwise a new file is written beside the old one and renamed into place.
    """
    path = Path(path)
    memory_limit = memory_limit or configured_memory_limit()
    check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        problem = err.strerror or err
        raise WarehouseWriteError(f"{path.parent}: cannot create the warehouse's folder: {problem}") from err
    remove_leftovers(path)
    frames = _with_reference_tables(frames)
    change = _planned_update(frames, path)
    if change is not None:
        try:
            _update_in_place(frames, path, change, memory_limit)
            _save_state(path, frames)
            return path
        except _FileInUse:
            pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for leftover in (tmp, _wal(tmp)):
        leftover.unlink(missing_ok=True)
    try:
        try:
            if change is not None:
                shutil.copyfile(path, tmp)
                if _wal(path).is_file():  # committed work not yet folded into the file is part of it
                    shutil.copyfile(_wal(path), _wal(tmp))
            con = _connect(tmp, memory_limit)
            try:
                if change is not None:
                    _apply_update(con, frames, change)
                else:
                    load_tables(con, frames)
                con.execute("CHECKPOINT")
            finally:
                con.close()
        except (duckdb.Error, OSError) as err:
            if isinstance(err, duckdb.ConstraintException):
                raise
            raise WarehouseWriteError(f"{path}: could not write the warehouse: {_problem(err)}; {_UNCHANGED}") from err
        _test_pause()
        # A write-ahead log left beside the old file (a checkpoint that failed on a full disk) belongs to it,
        # not to the new file: DuckDB would refuse to open the new file with it.
        _wal(path).unlink(missing_ok=True)
        os.replace(tmp, path)
        _save_state(path, frames)
    finally:
        for leftover in (tmp, _wal(tmp)):
            leftover.unlink(missing_ok=True)
    return path


_UNCHANGED = "the previous warehouse is unchanged"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _problem(err: BaseException) -> str:
    """The problem an error names, on one line (DuckDB's messages carry a type prefix and sometimes more lines)."""
    if isinstance(err, OSError) and err.strerror:
        where = f" ({err.filename})" if err.filename else ""
        return f"{err.strerror}{where}"
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    # DuckDB's kinds of error ("IO Error: ", "TransactionContext Error: ", ...) say nothing to a user.
    return re.sub(r"^(?:(?:[A-Z][A-Za-z]* )+Error: )+", "", text)


def _with_reference_tables(frames):
    """``frames`` and every reference table of the registry it lacks (static data the views join to)."""
    from fyp.tables.build import reference_frame

    missing = [name for name in reference_tables() if name not in frames]
    return {**frames, **{name: reference_frame(name) for name in missing}} if missing else frames


class _FileInUse(Exception):
    pass


def _update_in_place(frames, path: Path, change, memory_limit: str) -> None:
    try:
        con = _connect(path, memory_limit)
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise _FileInUse(str(err)) from None
        raise WarehouseWriteError(f"{path}: could not open the warehouse: {_problem(err)}; {_UNCHANGED}") from err
    committed = False
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _apply_update(con, frames, change)
            _test_pause()
            con.execute("COMMIT")
            committed = True
        except BaseException:
            # After a fatal error (a full disk) DuckDB has already ended the transaction and refuses a
            # ROLLBACK ("no transaction is active"): the error to report is the first one.
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")
    except (duckdb.Error, OSError) as err:
        if isinstance(err, duckdb.ConstraintException):
            raise
        if committed:
            # The commit is durable in the write-ahead log, which DuckDB folds into the file when it next
            # opens it with room to do so; the warehouse holds this build's rows.
            raise WarehouseWriteError(
                f"{path}: {_problem(err)}: the update was committed (to {_wal(path).name}) but not folded into "
                "the file; the warehouse holds this build's rows, and DuckDB folds them in when it next opens it"
            ) from err
        raise WarehouseWriteError(f"{path}: could not update the warehouse: {_problem(err)}; {_UNCHANGED}") from err
    finally:
        with contextlib.suppress(duckdb.Error):
            con.close()


# Beside the warehouse: the cache entries its notice tables were written from, and the identity of the
# file written, so the next build can replace only the notices that came or went. A state whose file
# identity does not match the warehouse (say the run died before saving it) is ignored.
def _state_path(path: Path) -> Path:
    return path.with_name(path.name + ".entries.json")


def _file_id(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _code_version() -> str:
    # Editing how the warehouse is written, or how rows are extracted (the table definitions included),
    # must rewrite it rather than patch it: an entry's key names its notice and input, not the extractor.
    from fyp.tables.cache import extractor_version

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + "-" + extractor_version()


def _cached_entries(frames) -> tuple[tuple[str, str], ...] | None:
    """The one entry list every notice table is read from, or None (frames, or tables from different lists)."""
    names = notice_tables()
    lists = {frames[n].entries for n in names if isinstance(frames.get(n), CachedTable)}
    if len(lists) != 1 or not all(isinstance(frames.get(n), CachedTable) for n in names):
        return None
    return lists.pop()


def _save_state(path: Path, frames) -> None:
    state = _state_path(path)
    entries = _cached_entries(frames)
    if entries is None:
        state.unlink(missing_ok=True)
        return
    tmp = state.with_name(f".{state.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(
            json.dumps(
                {
                    "file": _file_id(path),
                    "code": _code_version(),
                    "tables": sorted(frames),
                    "entries": [k for _, k in entries],
                }
            )
        )
        os.replace(tmp, state)
    except OSError:
        # Only a shortcut for the next build (a full disk): without it, that build writes the file afresh.
        state.unlink(missing_ok=True)
    finally:
        tmp.unlink(missing_ok=True)


def _planned_update(frames, path: Path) -> tuple[list[str], tuple[tuple[str, str], ...]] | None:
    """(ids of the notices to replace, entries to insert) when the warehouse at ``path`` can be brought
    up to date by replacing some notices; None when a full write is due."""
    entries = _cached_entries(frames)
    try:
        state = json.loads(_state_path(path).read_text())
        current = path.is_file() and state["file"] == _file_id(path)
    except (OSError, ValueError, KeyError):
        return None
    if entries is None or not current or state.get("code") != _code_version() or state.get("tables") != sorted(frames):
        return None
    # An entry key is <notice_id>-<fingerprint>: a changed notice is one removed and one added.
    old, new = set(state.get("entries", ())), {k for _, k in entries}
    added = tuple(e for e in entries if e[1] not in old)
    removed = old - new
    if len(added) + len(removed) > len(entries) // 2:
        return None  # mostly new: write afresh
    ids = sorted({k.rsplit("-", 1)[0] for k in (*(k for _, k in added), *removed)})
    return ids, added


def _apply_update(con: duckdb.DuckDBPyConnection, frames, change) -> None:
    ids, added = change
    # DuckDB checks keys eagerly: delete in one statement per table, insert in the next.
    for name in notice_tables():
        con.execute(f"DELETE FROM {name} WHERE notice_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    for name, source in frames.items():
        if not isinstance(source, CachedTable):
            con.execute(f"DELETE FROM {name}")
    for name, source in frames.items():
        _insert(con, name, CachedTable(name, added) if isinstance(source, CachedTable) else source)


def _insert(con: duckdb.DuckDBPyConnection, name: str, source) -> None:
    """Append ``source`` (a frame or cached table) to table ``name``; a duplicate key fails naming table, column
    and key."""
    from fyp.tables.validate import TableValidationError

    spec = table(name)
    try:
        if isinstance(source, CachedTable):
            if source.entries:
                con.execute(f"INSERT INTO {name} {source.select_sql()}", source.parameters())
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
            name,
            [
                {
                    "table": name,
                    "column": ", ".join(spec.primary_key),
                    "row": key,
                    "rule": "primary_key",
                    "value": message,
                }
            ],
        ) from None


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files that runs killed while writing ``path`` left behind (their process is gone)."""
    removed = []
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*.tmp*"):
        pid = tmp.name[len(Path(path).name) + 2 :].split(".")[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed




def _test_pause() -> None:
    # Only the crash and concurrency tests set these: the run stops at the worst moment, the new content
    # written but not yet in effect (file not renamed into place, or transaction not committed), holding
    # the lock, until FYP_TEST_PAUSE_UNTIL exists or the time is up.
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
        names = [
            n
            for (n,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
            ).fetchall()
        ]
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
