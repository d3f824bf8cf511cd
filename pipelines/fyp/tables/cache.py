"""Per-notice extraction results kept on disk, so a run re-extracts only new or changed notices.

Layout (beside the warehouse, ``warehouse/cache/``, never committed)::

    cache/<extractor version>/<id[:2]>/<notice_id>-<input fingerprint>.parquet

* the *extractor version* hashes the source of every module that can change a row (and the table
  definitions in ``schemas/``): editing the extractors invalidates the whole cache at once;
* the *input fingerprint* hashes what else a notice's rows depend on: its file name and its row of
  ``provenance.csv``. The bytes are already named by the notice id.

Each entry is one single-row Parquet file: the notice's status (``ok`` or ``set_aside`` with a problem
and detail) and one list-of-struct column per table holding its rows, typed by the table definition.
The warehouse's notice tables are written by DuckDB reading these entries itself (fyp.warehouse.store.
CachedTable); ``assemble`` still builds them as Polars frames for tests and small folders.
Entries are written to a temporary file and renamed, so a killed run leaves no half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from fyp.ingest.provenance import Provenance, load_provenance
from fyp.ingest.read import IngestProblem, RawNotice, parse_notice_bytes
from fyp.ingest.scan import FolderScan, RawFile, load_memo, save_memo, scan_folder
from fyp.tables.build import NOTICE_TABLES, frame
from fyp.tables.registry import SCHEMAS_DIR, table

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# Parts of the package that cannot change an extracted row: editing them keeps the cache.
_NOT_EXTRACTION = ("orchestration", "release", "evaluate", "warehouse", "cli.py", "__pycache__")
_META_COLUMNS = ("notice_id", "source_file", "sha256", "status", "problem", "detail")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """16 hex digits naming the extraction code and table definitions currently installed."""
    h = hashlib.sha256()
    files = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".yaml", ".json")]
    files += sorted(Path(SCHEMAS_DIR).glob("*.yaml"))
    for path in sorted(files):
        rel = path.relative_to(PACKAGE_DIR).as_posix() if path.is_relative_to(PACKAGE_DIR) else f"schemas/{path.name}"
        if rel.split("/")[0] in _NOT_EXTRACTION:
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def input_fingerprint(source_file: str, provenance: Provenance | None) -> str:
    values = provenance.values if provenance is not None else {}
    payload = json.dumps([source_file, values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


@dataclass
class RefreshStats:
    extracted: list[str] = field(default_factory=list)  # notice ids extracted in this run
    reused: int = 0
    set_aside: list[IngestProblem] = field(default_factory=list)  # newly found problems


class ExtractionCache:
    def __init__(self, root: Path, version: str | None = None):
        self.root = Path(root)
        self.version = version or extractor_version()
        self.dir = self.root / self.version

    def entry_path(self, notice_id: str, fingerprint: str) -> Path:
        return self.dir / notice_id[:2] / f"{notice_id}-{fingerprint}.parquet"

    def has(self, notice_id: str, fingerprint: str) -> bool:
        return self.entry_path(notice_id, fingerprint).is_file()

    def put(self, notice_id: str, fingerprint: str, result: RawNotice | IngestProblem, rows: dict[str, list[dict]] | None = None) -> Path:
        """Store the rows of one notice (or the reason it was set aside)."""
        rows = rows or {}
        meta = {
            "notice_id": notice_id,
            "source_file": result.source_file,
            "sha256": result.sha256,
            "status": "set_aside" if isinstance(result, IngestProblem) else "ok",
            "problem": result.problem if isinstance(result, IngestProblem) else None,
            "detail": result.detail if isinstance(result, IngestProblem) else None,
        }
        data = {k: pl.Series(k, [v], dtype=pl.Utf8) for k, v in meta.items()}
        for name in NOTICE_TABLES:
            data[name] = pl.Series(name, [frame(name, rows.get(name, ())).to_struct(name)])
        path = self.entry_path(notice_id, fingerprint)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            pl.DataFrame(data).write_parquet(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path

    def read(self, entries: Iterable[tuple[str, str]]) -> pl.DataFrame:
        """The stored entries named by (notice_id, fingerprint), one row each."""
        paths = [str(self.entry_path(nid, fp)) for nid, fp in entries]
        if not paths:
            return pl.DataFrame()
        return pl.read_parquet(paths)

    def prune(self, keep: set[tuple[str, str]], min_age_s: float = 600.0) -> int:
        """Delete entries of other extractor versions, and this version's entries not in ``keep`` (older
        than ``min_age_s``, so that a notice being added right now by another run survives), and
        temporary files left by killed runs. Returns how many files were removed."""
        removed = 0
        if not self.root.is_dir():
            return 0
        now = time.time()
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.version and len(child.name) == 16:
                if now - child.stat().st_mtime > min_age_s:
                    shutil.rmtree(child, ignore_errors=True)
                    removed += 1
        if not self.dir.is_dir():
            return removed
        keep_names = {f"{nid}-{fp}.parquet" for nid, fp in keep}
        for path in self.dir.glob("*/*"):
            stale = path.name.startswith(".") and path.name.endswith(".tmp") and not _pid_alive(path.name.rsplit(".", 2)[-2])
            orphan = path.suffix == ".parquet" and path.name not in keep_names
            try:
                if (stale or orphan) and now - path.stat().st_mtime > min_age_s:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        return removed


def _pid_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def extract_one(raw_file: RawFile, provenance: Provenance | None) -> tuple[RawNotice | IngestProblem, dict[str, list[dict]]]:
    """Decode and extract one raw file; never raises for a bad file (the problem is returned)."""
    from fyp.extract.notice import extract_notice

    try:
        data = raw_file.path.read_bytes()
    except OSError as err:
        return IngestProblem(raw_file.source_file, raw_file.sha256, "undecodable", f"could not be read: {err}"), {}
    parsed = parse_notice_bytes(data, raw_file.source_file)
    if isinstance(parsed, IngestProblem):
        return parsed, {}
    try:
        return parsed, extract_notice(parsed, provenance).rows
    except Exception as err:  # noqa: BLE001 - one bad notice must not stop the run
        return IngestProblem(raw_file.source_file, raw_file.sha256, "extraction_error", f"{type(err).__name__}: {err}"), {}


def refresh(
    scan: FolderScan,
    cache: ExtractionCache,
    provenance: dict[str, Provenance],
    only: set[str] | None = None,
    log: Callable[[str], None] | None = None,
) -> RefreshStats:
    """Extract every notice of ``scan`` (or only those whose id is in ``only``) that has no current cache entry."""
    from fyp.parallel import parallel_map

    stats = RefreshStats()
    todo = []
    for raw_file in scan.files:
        if only is not None and raw_file.notice_id not in only:
            continue
        prov = provenance.get(raw_file.source_file)
        fp = input_fingerprint(raw_file.source_file, prov)
        if cache.has(raw_file.notice_id, fp):
            stats.reused += 1
            continue
        todo.append((cache, raw_file, prov, fp))
    # Worker processes extract and write the cache entries; only the set-aside reasons come back.
    for (_, raw_file, _, _), problem in zip(todo, parallel_map(_extract_and_put, todo)):
        stats.extracted.append(raw_file.notice_id)
        if problem is not None:
            stats.set_aside.append(problem)
            if log:
                log(f"set aside: {problem}")
    return stats


def _extract_and_put(item) -> IngestProblem | None:
    cache, raw_file, prov, fp = item
    result, rows = extract_one(raw_file, prov)
    cache.put(raw_file.notice_id, fp, result, rows)
    return result if isinstance(result, IngestProblem) else None


def entry_files(scan: FolderScan, cache: ExtractionCache, provenance: dict[str, Provenance]) -> list[str]:
    """The cache entry of every notice in ``scan``, in scan order (what DuckDB reads to write the warehouse)."""
    return [str(cache.entry_path(f.notice_id, input_fingerprint(f.source_file, provenance.get(f.source_file)))) for f in scan.files]


def assemble(scan: FolderScan, cache: ExtractionCache, provenance: dict[str, Provenance], tables: bool = True) -> dict[str, pl.DataFrame]:
    """The notice tables and ``ingest_issues`` of the notices in ``scan``, from their cache entries
    (only ``ingest_issues`` when ``tables`` is false: the notice tables are then read by DuckDB itself)."""
    paths = entry_files(scan, cache, provenance)
    frames: dict[str, pl.DataFrame] = {}
    if tables:
        entries = pl.read_parquet(paths) if paths else pl.DataFrame()
        for name in NOTICE_TABLES:
            spec = table(name)
            if entries.height == 0:
                frames[name] = spec.empty_frame()
                continue
            rows = entries.select(pl.col(name).explode(empty_as_null=False)).unnest(name)
            frames[name] = rows.select(spec.columns).sort(list(spec.primary_key)) if rows.height else spec.empty_frame()
        meta = entries.select(_META_COLUMNS) if entries.height else entries
    else:
        meta = pl.read_parquet(paths, columns=list(_META_COLUMNS)) if paths else pl.DataFrame()
    issues = [p.as_row() for p in scan.problems]
    problem_of: dict[str, dict] = {}
    if meta.height:
        for row in meta.filter(pl.col("status") == "set_aside").iter_rows(named=True):
            problem_of[row["source_file"]] = row
            issues.append({k: row[k] for k in ("source_file", "sha256", "problem", "detail")})
    for dup, kept in scan.duplicates.items():
        if kept in problem_of:
            # A copy of a file that is itself unusable is unusable for the same reason.
            original = problem_of[kept]
            issues.append({"source_file": dup, "sha256": original["sha256"], "problem": original["problem"], "detail": original["detail"]})
        else:
            sha = next(f.sha256 for f in scan.files if f.source_file == kept)
            issues.append({"source_file": dup, "sha256": sha, "problem": "duplicate", "detail": f"same bytes as {kept}; only that file is used"})
    frames["ingest_issues"] = frame("ingest_issues", issues)
    return frames


@dataclass
class IncrementalBuild:
    scan: FolderScan
    stats: RefreshStats
    frames: dict[str, pl.DataFrame]
    files: list[str] = field(default_factory=list)  # the cache entry of every notice, in scan order


def build_incremental(raw_dir: Path, cache_dir: Path, log: Callable[[str], None] | None = None, tables: bool = True) -> IncrementalBuild:
    """Scan ``raw_dir``, extract what the cache lacks, and assemble every table: the one path used by
    the CLI and by the Dagster assets (a cold build is the same call with an empty cache). With
    ``tables=False`` only ``ingest_issues`` is assembled; the notice tables stay in the entries ``files``."""
    cache_dir = Path(cache_dir)
    memo = load_memo(cache_dir)
    scan = scan_folder(raw_dir, memo)
    save_memo(cache_dir, memo)
    provenance = load_provenance(Path(raw_dir))
    cache = ExtractionCache(cache_dir)
    stats = refresh(scan, cache, provenance, log=log)
    frames = assemble(scan, cache, provenance, tables=tables)
    files = entry_files(scan, cache, provenance)
    keep = {(f.notice_id, input_fingerprint(f.source_file, provenance.get(f.source_file))) for f in scan.files}
    cache.prune(keep)
    return IncrementalBuild(scan, stats, frames, files)
