"""The incremental build, the one path every notice takes: ingest → extract → cache → tables.

1. *ingest*: the raw folder is scanned (fyp.ingest.scan: which files, their hashes, duplicates) and
   each new file is read and decoded (fyp.ingest.read);
2. *extract*: a decoded notice becomes its rows in every notice table (fyp.extract.notice);
3. *cache*: the rows are kept per notice in the extraction cache (fyp.tables.cache), so only notices
   the cache lacks are extracted, in worker processes (fyp.parallel), each writing one pack; the packs
   this build will read are checked against their checksums first, and the notices of a damaged one
   are extracted again (``RefreshStats.repaired`` says which pack and why);
4. *tables*: the notice tables are read back from the cache entries (by DuckDB when the warehouse is
   written, or as Polars frames here) and ``ingest_issues`` lists every file set aside.

``fyp build`` and the Dagster assets (fyp.orchestration.assets), ``fyp evaluate`` and the benchmark
all go through :func:`build_incremental` (the partitioned Dagster asset through :func:`update_cache`,
its first half), so what is scored and measured is what is published.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from fyp.ingest.provenance import Provenance, load_provenance
from fyp.ingest.read import IngestProblem, RawNotice, parse_notice_bytes
from fyp.ingest.scan import FolderScan, RawFile, load_memo, save_memo, scan_folder
from fyp.tables.build import frame
from fyp.tables.cache import PACK_SIZE, EntryRef, ExtractionCache, entry_key, input_fingerprint, read_entries, rows_of
from fyp.tables.registry import INGEST, notice_tables, table, tables_from

Log = Callable[[str], None]


@dataclass
class RefreshStats:
    extracted: list[str] = field(default_factory=list)  # notice ids extracted in this run
    reused: int = 0
    set_aside: list[IngestProblem] = field(default_factory=list)  # newly found problems
    repaired: list[str] = field(default_factory=list)  # damaged cache files found and dropped, one line each


@dataclass
class CacheUpdate:
    """A scanned raw folder whose notices the cache now holds."""

    scan: FolderScan
    provenance: dict[str, Provenance]
    cache: ExtractionCache
    stats: RefreshStats


@dataclass
class IncrementalBuild:
    scan: FolderScan
    stats: RefreshStats
    frames: dict[str, pl.DataFrame]
    entries: list[EntryRef] = field(default_factory=list)  # where every notice's rows are, in scan order


def extract_file(
    raw_file: RawFile, provenance: Provenance | None
) -> tuple[RawNotice | IngestProblem, dict[str, list[dict]]]:
    """Ingest and extract one raw file; never raises for a bad file (the problem is returned)."""
    from fyp.extract.notice import extract_notice

    try:
        data = raw_file.read_bytes()
    except OSError as err:
        return IngestProblem(raw_file.source_file, raw_file.sha256, "unreadable", f"could not be read: {err}"), {}
    parsed = parse_notice_bytes(data, raw_file.source_file)
    if isinstance(parsed, IngestProblem):
        return parsed, {}
    try:
        return parsed, extract_notice(parsed, provenance).rows
    except Exception as err:  # noqa: BLE001 - one bad notice must not stop the run
        return IngestProblem(
            raw_file.source_file, raw_file.sha256, "extraction_error", f"{type(err).__name__}: {err}"
        ), {}


def refresh(
    scan: FolderScan,
    cache: ExtractionCache,
    provenance: dict[str, Provenance],
    only: set[str] | None = None,
    log: Log | None = None,
) -> RefreshStats:
    """Extract every notice of ``scan`` (or only those whose id is in ``only``) that has no current cache entry."""
    from fyp.parallel import parallel_map, worker_count

    stats = RefreshStats()
    wanted = []
    for raw_file in scan.files:
        if only is not None and raw_file.notice_id not in only:
            continue
        prov = provenance.get(raw_file.source_file)
        wanted.append((raw_file, prov, input_fingerprint(raw_file.source_file, prov)))
    # A pack that fails its checksum is dropped here, so its notices are extracted below like new ones.
    cache.drop_damaged(entry_key(raw_file.notice_id, fp) for raw_file, _, fp in wanted)
    stats.repaired = list(cache.reports)
    for line in stats.repaired:
        if log:
            log(f"cache: {line}")
    todo = []
    for raw_file, prov, fp in wanted:
        if cache.has(raw_file.notice_id, fp):
            stats.reused += 1
            continue
        todo.append((raw_file, prov, fp))
    if not todo:
        return stats
    # Worker processes extract a chunk each and write it as one pack; the packs' summaries come back.
    workers = worker_count(len(todo))
    size = max(1, min(PACK_SIZE, -(-len(todo) // (workers * 4))))
    chunks = [(cache, todo[i : i + size]) for i in range(0, len(todo), size)]
    for name, summary, problems in parallel_map(
        _extract_pack, chunks, workers=workers, chunksize=1, min_items_per_worker=1
    ):
        cache._record(name, summary)
        for problem in problems:
            stats.set_aside.append(problem)
            if log:
                log(f"set aside: {problem}")
    cache._save_index(cache.index())
    stats.extracted = [raw_file.notice_id for raw_file, _, _ in todo]
    return stats


def _extract_pack(item) -> tuple[str, dict, list[IngestProblem]]:
    cache, chunk = item
    results = []
    for raw_file, prov, fp in chunk:
        result, rows = extract_file(raw_file, prov)
        results.append((raw_file.notice_id, fp, result, rows))
    name, summary = cache.write_pack(results)
    return name, summary, [r for _, _, r, _ in results if isinstance(r, IngestProblem)]


def scan_raw(raw_dir: Path, cache_dir: Path, only_files: Iterable[str] | None = None) -> FolderScan:
    """The scan of ``raw_dir`` (hashes remembered in ``cache_dir``), or of just the files named in
    ``only_files`` (and the files they duplicate); the memo of hashes is then left alone."""
    if only_files is None:
        memo = load_memo(cache_dir)
        scan = scan_folder(raw_dir, memo)
        with contextlib.suppress(OSError):  # a memo: unsaved (a full disk), the next run hashes the files again
            save_memo(cache_dir, memo)
        return scan
    scan = scan_folder(raw_dir)
    wanted = set(only_files)
    duplicates = {dup: kept for dup, kept in scan.duplicates.items() if dup in wanted}
    keep = wanted | set(duplicates.values())
    return FolderScan(
        raw_dir=scan.raw_dir,
        files=[f for f in scan.files if f.source_file in keep],
        duplicates=duplicates,
        problems=[p for p in scan.problems if p.source_file in wanted],
        provenance_sha256=scan.provenance_sha256,
    )


def update_cache(
    raw_dir: Path,
    cache_dir: Path,
    only: set[str] | None = None,
    log: Log | None = None,
    only_files: Iterable[str] | None = None,
) -> CacheUpdate:
    """Scan ``raw_dir`` and extract into the cache what it lacks (only the notice ids in ``only``, if given)."""
    scan = scan_raw(raw_dir, cache_dir, only_files)
    provenance = load_provenance(Path(raw_dir))
    cache = ExtractionCache(cache_dir)
    stats = refresh(scan, cache, provenance, only=only, log=log)
    return CacheUpdate(scan, provenance, cache, stats)


def entry_refs(scan: FolderScan, cache: ExtractionCache, provenance: dict[str, Provenance]) -> list[EntryRef]:
    """Where the rows of every notice in ``scan`` are, in scan order (what DuckDB reads to write the warehouse)."""
    where = cache.locations()
    return [
        cache.ref(entry_key(f.notice_id, input_fingerprint(f.source_file, provenance.get(f.source_file))), where)
        for f in scan.files
    ]


def ingest_table() -> str:
    """The table of files set aside (the one whose rows come from the ingest stage)."""
    (name,) = tables_from(INGEST)
    return name


def ingest_issue_rows(scan: FolderScan, cache: ExtractionCache, refs: list[EntryRef]) -> list[dict]:
    """Every file of ``scan`` set aside, with its reason: by the scan, when read or extracted, or as a duplicate."""
    issues = [p.as_row() for p in scan.problems]
    problem_of: dict[str, dict] = {}
    where = cache.locations()
    for _, key in refs:
        # The set-aside reasons are in the cache's index: no entry is read for them.
        problem = cache.problem_of(key, where)
        if problem is not None:
            problem_of[problem["source_file"]] = problem
            issues.append(problem)
    for dup, kept in scan.duplicates.items():
        if kept in problem_of:
            # A copy of a file that is itself unusable is unusable for the same reason.
            original = problem_of[kept]
            issues.append(
                {
                    "source_file": dup,
                    "sha256": original["sha256"],
                    "problem": original["problem"],
                    "detail": original["detail"],
                }
            )
        else:
            sha = next(f.sha256 for f in scan.files if f.source_file == kept)
            issues.append(
                {
                    "source_file": dup,
                    "sha256": sha,
                    "problem": "duplicate",
                    "detail": f"same bytes as {kept}; only that file is used",
                }
            )
    return issues


def notice_frames(refs: list[EntryRef]) -> dict[str, pl.DataFrame]:
    """The notice tables of the cache entries ``refs`` as Polars frames, sorted by key."""
    entries = read_entries(refs)
    frames: dict[str, pl.DataFrame] = {}
    for name in notice_tables():
        spec = table(name)
        rows = rows_of(entries, name) if entries.height else None
        frames[name] = (
            rows.select(spec.columns).sort(list(spec.primary_key))
            if rows is not None and rows.height
            else spec.empty_frame()
        )
    return frames


def assemble(
    scan: FolderScan, cache: ExtractionCache, provenance: dict[str, Provenance], tables: bool = True
) -> dict[str, pl.DataFrame]:
    """The notice tables and ``ingest_issues`` of the notices in ``scan``, from their cache entries
    (only ``ingest_issues`` when ``tables`` is false: the notice tables are then read by DuckDB itself)."""
    refs = entry_refs(scan, cache, provenance)
    frames = notice_frames(refs) if tables else {}
    frames[ingest_table()] = frame(ingest_table(), ingest_issue_rows(scan, cache, refs))
    return frames


def build_incremental(
    raw_dir: Path, cache_dir: Path, log: Log | None = None, tables: bool = True, only_files: Iterable[str] | None = None
) -> IncrementalBuild:
    """Scan ``raw_dir``, extract what the cache lacks, and assemble every table (a cold build is the
    same call with an empty cache). With ``tables=False`` only ``ingest_issues`` is assembled; the
    notice tables stay in the cache's ``entries``. With ``only_files`` just those files of the folder
    are built (``fyp evaluate``), and the cache is not pruned of the others."""
    update = update_cache(raw_dir, cache_dir, log=log, only_files=only_files)
    frames = assemble(update.scan, update.cache, update.provenance, tables=tables)
    entries = entry_refs(update.scan, update.cache, update.provenance)
    if only_files is None:
        update.cache.prune({key for _, key in entries})
    return IncrementalBuild(update.scan, update.stats, frames, entries)
