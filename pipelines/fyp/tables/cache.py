"""The extraction cache: per-notice extraction results kept on disk, so a run re-extracts only new or
changed notices. This module is the store; the build that fills and reads it is fyp.tables.incremental.

Layout (beside the warehouse, ``warehouse/cache/``, never committed)::

    cache/<extractor version>/packs/<sha256>.parquet  one row per notice entry; named by the SHA-256 of its bytes
    cache/<extractor version>/packs.json              which entries each pack holds (a memo, rebuilt from the packs)

* the *extractor version* hashes the source of every module that can change a row, the definitions
  of the tables the entries hold and the versions of the libraries that change rows (cn2an, OpenCC,
  jionlp): editing the extractors or upgrading those invalidates the whole cache at once;
* an *entry* is one notice's result, keyed ``<notice_id>-<input fingerprint>``; the fingerprint hashes
  what else the rows depend on: the file name and its row of ``provenance.csv``. The bytes are
  already named by the notice id.

An entry holds the notice's status (``ok`` or ``set_aside`` with a problem and detail) and one
list-of-struct column per notice table holding its rows, typed by the table definition and sorted by
key. Entries are written in *packs*: each worker writes the notices of its chunk (up to 64) as one
Parquet file, because reading ten thousand tiny files costs far more than reading their rows (at
10,000 notices, 0.5 ms of file overhead per file and pass). A run that adds one notice writes a pack
of one. The warehouse's notice tables are written by DuckDB reading the packs itself
(fyp.warehouse.store.CachedTable). Packs are written to a temporary file and renamed, so a killed run
leaves no half-written pack; the memo only saves reading the packs' key columns, so a lost update of
it costs a re-read, never a row.

A cache that cannot lie: a pack's name is the SHA-256 of its bytes, the checksum of every entry it
holds. Before a build reads an entry, its pack is hashed (:meth:`ExtractionCache.drop_damaged`); a
pack that is truncated, has a flipped byte or cannot be read is reported, deleted and forgotten, and
its notices are extracted again, so a damaged pack never stops a build nor gives it wrong rows. The
memo carries a checksum of its own; a memo that fails it is rebuilt from the (checked) packs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import os
import re
import shutil
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import polars as pl

from fyp.ingest.provenance import Provenance
from fyp.ingest.read import IngestProblem, RawNotice
from fyp.parallel import pid_alive
from fyp.tables.registry import PACKAGE_DIR, SHARED_FIELDS_FILE, notice_tables, schema_file, table

# Parts of the package that cannot change an extracted row: editing them keeps the cache. (The table
# definitions are hashed on their own: only those of the notice tables shape an entry.)
_NOT_EXTRACTION = ("orchestration", "release", "evaluate", "warehouse", "reference", "schemas", "cli.py", "__pycache__")
# Libraries whose upgrade can change a row (numerals, script conversion, places and dates).
ROW_LIBRARIES = ("cn2an", "opencc", "jionlp")
_META_COLUMNS = ("notice_id", "source_file", "sha256", "status", "problem", "detail")
_PROBLEM_COLUMNS = ("source_file", "sha256", "problem", "detail")
PACK_SIZE = 64
INDEX_FILE = "packs.json"
_PACK_NAME = re.compile(r"[0-9a-f]{64}\.parquet")

# Where one notice's rows are: (path of the pack, entry key).
EntryRef = tuple[str, str]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """16 hex digits naming the extraction code, the notice tables' definitions and the versions of the
    row-changing libraries currently installed."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    files = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".yaml", ".json")]
    for path in sorted(files):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        if rel.split("/")[0] in _NOT_EXTRACTION:
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in (SHARED_FIELDS_FILE, *notice_tables()):
        path = schema_file(name)
        h.update(f"schemas/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ROW_LIBRARIES:
        try:
            installed = version(library)
        except PackageNotFoundError:
            installed = "absent"
        h.update(f"{library}=={installed}\n".encode())
    return h.hexdigest()[:16]


def input_fingerprint(source_file: str, provenance: Provenance | None) -> str:
    values = provenance.values if provenance is not None else {}
    payload = json.dumps([source_file, values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def entry_key(notice_id: str, fingerprint: str) -> str:
    return f"{notice_id}-{fingerprint}"


def notice_id_of(key: str) -> str:
    return key.rsplit("-", 1)[0]


def _entry_schema():
    """One cache entry: its key, the status columns, then per notice table a list of its rows (typed by the table
    definition)."""
    return _entry_schema_of(tuple((name, table(name).fields) for name in notice_tables()))


@lru_cache(maxsize=4)
def _entry_schema_of(tables: tuple[tuple[str, tuple], ...]):
    import pyarrow as pa

    fields = [pa.field("entry", pa.string())] + [pa.field(k, pa.string()) for k in _META_COLUMNS]
    for name, columns in tables:
        row = pa.struct([pa.field(f.name, f.pyarrow_type) for f in columns])
        fields.append(pa.field(name, pa.list_(row)))
    return pa.schema(fields)


def _primary_key(spec):
    # Rows sorted by key in the entry, as the table's frames are.
    return operator.itemgetter(*spec.primary_key)


def _meta(notice_id: str, result: RawNotice | IngestProblem) -> dict:
    problem = isinstance(result, IngestProblem)
    return {
        "notice_id": notice_id,
        "source_file": result.source_file,
        "sha256": result.sha256,
        "status": "set_aside" if problem else "ok",
        "problem": result.problem if problem else None,
        "detail": result.detail if problem else None,
    }


class ExtractionCache:
    def __init__(self, root: Path, version: str | None = None):
        self.root = Path(root)
        self.version = version or extractor_version()
        self.dir = self.root / self.version
        self.packs_dir = self.dir / "packs"
        self._index: dict[str, dict] | None = None
        self._locations: dict[str, str] | None = None
        # What was found damaged and dropped (one line each), for the build to report.
        self.reports: list[str] = []

    def __getstate__(self):
        # Worker processes only write packs: they need the paths, not the parent's index.
        return {**self.__dict__, "_index": None, "_locations": None, "reports": []}

    # --- the index: pack name -> {"entries": [key, ...], "set_aside": {key: [source_file, sha256, problem, detail]}}

    def index(self) -> dict[str, dict]:
        if self._index is None:
            self._index = self._load_index()
        return self._index

    def _load_index(self) -> dict[str, dict]:
        memo = self._read_memo()
        on_disk = {p.name for p in self.packs_dir.glob("*.parquet")} if self.packs_dir.is_dir() else set()
        changed = False
        for name in set(memo) - on_disk:
            del memo[name]
            changed = True
        for name in sorted(on_disk - set(memo)):
            # Written by a run that died before saving the memo, or by another run at the same time.
            path = self.packs_dir / name
            problem = pack_problem(path)
            if problem is not None:
                self._drop_file(path, problem, held=None)
                continue
            summary = _read_summary(path)
            if summary is not None:
                memo[name] = summary
                changed = True
        if changed:
            self._save_index(memo)
        self._locations = None
        return memo

    def _read_memo(self) -> dict[str, dict]:
        path = self.dir / INDEX_FILE
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            self.reports.append(f"{path}: unreadable ({err}); rebuilt from the packs")
            return {}
        packs = stored.get("packs") if isinstance(stored, dict) else None
        if not isinstance(packs, dict) or stored.get("sha256") != _memo_checksum(packs):
            self.reports.append(f"{path}: does not match its checksum; rebuilt from the packs")
            return {}
        return packs

    def _save_index(self, memo: dict) -> None:
        # A memo: if it cannot be saved (a full disk), the next run reads the packs' keys again.
        payload = {"sha256": _memo_checksum(memo), "packs": memo}
        with contextlib.suppress(OSError):
            write_atomically(self.dir / INDEX_FILE, json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())

    def _record(self, name: str, summary: dict) -> None:
        self.index()[name] = summary
        self._locations = None

    def locations(self) -> dict[str, str]:
        """Entry key -> the pack that holds it (of two packs with the same entry, the first by name)."""
        if self._locations is None:
            where: dict[str, str] = {}
            for name in sorted(self.index(), reverse=True):
                for key in self.index()[name]["entries"]:
                    where[key] = name
            self._locations = where
        return self._locations

    def has(self, notice_id: str, fingerprint: str) -> bool:
        return entry_key(notice_id, fingerprint) in self.locations()

    def ref(self, key: str, locations: dict[str, str] | None = None) -> EntryRef:
        where = (locations or self.locations())[key]
        return str(self.packs_dir / where), key

    def problem_of(self, key: str, locations: dict[str, str] | None = None) -> dict | None:
        """The set-aside reason stored for entry ``key`` (source_file, sha256, problem, detail), or None."""
        where = (locations or self.locations()).get(key)
        found = self.index()[where]["set_aside"].get(key) if where else None
        return dict(zip(_PROBLEM_COLUMNS, found, strict=True)) if found else None

    # --- checking

    def drop_damaged(self, keys: Iterable[str]) -> list[str]:
        """Check the checksum of every pack that holds one of the entries ``keys`` (as this build will
        read them); drop each damaged pack, so that its notices count as not cached and are extracted
        again. Returns one line per pack dropped (also kept in ``reports``)."""
        keys = set(keys)
        checked: set[str] = set()
        before = len(self.reports)
        while True:
            # Of two packs holding an entry, the one read is the first by name: if it is dropped, the other is next.
            where = self.locations()
            todo = sorted({where[k] for k in keys if k in where} - checked)
            if not todo:
                return self.reports[before:]
            for name in todo:
                checked.add(name)
                path = self.packs_dir / name
                problem = pack_problem(path, self.index()[name].get("bytes"))
                if problem is not None:
                    held = sum(1 for k in self.index()[name]["entries"] if k in keys)
                    self._drop_file(path, problem, held)
                    self.index().pop(name, None)
                    self._locations = None
            if len(self.reports) > before:
                self._save_index(self.index())

    def _drop_file(self, path: Path, problem: str, held: int | None) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
        again = f"its {held} notice(s) are extracted again" if held is not None else "its notices are extracted again"
        self.reports.append(f"{path}: {problem}; dropped, {again}")

    # --- writing

    def write_pack(
        self, results: list[tuple[str, str, RawNotice | IngestProblem, dict[str, list[dict]]]]
    ) -> tuple[str, dict]:
        """Store the rows of some notices (notice_id, fingerprint, result, rows) as one pack; (pack name, its
        summary)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _entry_schema()
        metas = [_meta(nid, result) for nid, _, result, _ in results]
        keys = [entry_key(nid, fp) for nid, fp, _, _ in results]
        columns = [pa.array(keys, pa.string())] + [pa.array([m[k] for m in metas], pa.string()) for k in _META_COLUMNS]
        for name in notice_tables():
            key = _primary_key(table(name))
            lists = [sorted((rows or {}).get(name, ()), key=key) for _, _, _, rows in results]
            columns.append(pa.array(lists, schema.field(name).type))
        buffer = pa.BufferOutputStream()
        # Small files read once or twice: zstd, dictionaries and statistics would triple the time to write them.
        pq.write_table(
            pa.Table.from_arrays(columns, schema=schema),
            buffer,
            compression="snappy",
            use_dictionary=False,
            write_statistics=False,
        )
        data = memoryview(buffer.getvalue())
        # Named by the SHA-256 of its bytes: the checksum it is checked against before it is read (and the
        # same notices extracted twice make the same pack).
        name = hashlib.sha256(data).hexdigest() + ".parquet"
        write_atomically(self.packs_dir / name, data, what="a cache pack")
        summary = {
            "bytes": data.nbytes,
            "entries": keys,
            "set_aside": {
                k: [m[c] for c in _PROBLEM_COLUMNS]
                for k, m in zip(keys, metas, strict=True)
                if m["status"] == "set_aside"
            },
        }
        return name, summary

    def put(
        self,
        notice_id: str,
        fingerprint: str,
        result: RawNotice | IngestProblem,
        rows: dict[str, list[dict]] | None = None,
    ) -> EntryRef:
        """Store one notice as a pack of its own; where its rows are."""
        name, summary = self.write_pack([(notice_id, fingerprint, result, rows or {})])
        self._record(name, summary)
        self._save_index(self.index())
        return str(self.packs_dir / name), entry_key(notice_id, fingerprint)

    def prune(self, keep: set[str], min_age_s: float = 600.0) -> int:
        """Delete other extractor versions, packs that hold no entry in ``keep`` (nor any entry another
        pack holds first), older than ``min_age_s`` so that a pack written right now by another run
        survives, and temporary files left by killed runs. Returns how many files were removed."""
        removed = 0
        if not self.root.is_dir():
            return 0
        now = time.time()
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.version and len(child.name) == 16:
                if now - child.stat().st_mtime > min_age_s:
                    shutil.rmtree(child, ignore_errors=True)
                    removed += 1
        if not self.packs_dir.is_dir():
            return removed
        live = {pack for key, pack in self.locations().items() if key in keep}
        index = self.index()
        for path in self.packs_dir.iterdir():
            stale = (
                path.name.startswith(".")
                and path.name.endswith(".tmp")
                and not pid_alive(path.name.rsplit(".", 2)[-2])
            )
            orphan = path.suffix == ".parquet" and path.name not in live
            try:
                if (stale or orphan) and now - path.stat().st_mtime > min_age_s:
                    path.unlink()
                    index.pop(path.name, None)
                    self._locations = None
                    removed += 1
            except OSError:
                pass
        if removed:
            self._save_index(index)
        return removed


def write_atomically(path: Path, data: bytes | memoryview, what: str | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place (a killed run leaves no
    half-written file). A failure (a full disk) raises OSError naming ``path``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as err:
        problem = err.strerror or str(err)
        raise OSError(err.errno, f"could not write {what}: {problem}" if what else problem, str(path)) from err
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def pack_problem(path: Path, expected_bytes: int | None = None) -> str | None:
    """What is wrong with the pack at ``path`` (its name is the SHA-256 of its bytes), or None if nothing."""
    if not _PACK_NAME.fullmatch(path.name):
        return "not a pack of this cache (its name is not a SHA-256)"
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as err:
        return f"could not be read ({err.strerror or err})"
    if expected_bytes is not None and size < expected_bytes:
        return f"truncated ({size:,} of the {expected_bytes:,} bytes written)"
    if digest != path.name.removesuffix(".parquet"):
        return "its bytes do not match the checksum it was written with (SHA-256)"
    return None


def _memo_checksum(packs: dict) -> str:
    return hashlib.sha256(json.dumps(packs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def read_entries(refs: list[EntryRef], columns: list[str] | None = None) -> pl.DataFrame:
    """The stored entries ``refs``, one row each, in the order given (only ``columns`` and the key, if named)."""
    if not refs:
        return pl.DataFrame()
    by_pack: dict[str, set[str]] = {}
    for pack, key in refs:
        by_pack.setdefault(pack, set()).add(key)
    wanted = None if columns is None else ["entry", *columns]
    parts = [
        pl.read_parquet(pack, columns=wanted).filter(pl.col("entry").is_in(list(keys)))
        for pack, keys in by_pack.items()
    ]
    order = pl.DataFrame({"entry": [k for _, k in refs], "_order": range(len(refs))})
    return (
        pl.concat(parts, how="vertical")
        .unique("entry", keep="first")
        .join(order, on="entry")
        .sort("_order")
        .drop("_order")
    )


def rows_of(entries: pl.DataFrame, name: str) -> pl.DataFrame:
    """The rows of table ``name`` held in ``entries`` (each entry holds a list of them)."""
    return entries.select(pl.col(name).explode(empty_as_null=False)).unnest(name)


def _read_summary(path: Path) -> dict | None:
    import pyarrow.parquet as pq

    try:
        t = pq.read_table(path, columns=["entry", "status", *_PROBLEM_COLUMNS]).to_pylist()
    except Exception:  # noqa: BLE001 - an unreadable pack is as good as absent: its notices are extracted again
        return None
    return {
        "bytes": path.stat().st_size,
        "entries": [r["entry"] for r in t],
        "set_aside": {r["entry"]: [r[c] for c in _PROBLEM_COLUMNS] for r in t if r["status"] == "set_aside"},
    }
