"""Publish the warehouse as a versioned, immutable release folder ``exports/<version>/``.

The release is written to a hidden temporary folder beside the others and renamed into place only
when every file is written and every check has passed: a crash leaves no half release, and a
published folder is never written again. Publishing with nothing changed publishes nothing.

Determinism: the same raw notices give byte-identical files, except ``fyp.duckdb`` (DuckDB files
carry a random identifier and block checksums that differ on every write): it is built from the
release's Parquet files and checked by its table digest, ``fyp.duckdb.json`` (release/database.py), and
not committed; SHA256SUMS lists every other file. With nothing changed, the latest release is rebuilt
and compared byte for byte, and nothing is published. ``created`` is not the wall clock: it is
``SOURCE_DATE_EPOCH`` when set, else the latest issue date among the notices, never earlier than the
previous release's ``created`` (2006-01-01, the first plan year, when no notice has a date).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from fyp.release import changelog as cl
from fyp.release.citation import CITATION, LICENSE_TEXT, citation_cff, sync_repository_citation
from fyp.release.database import DATABASE, DIGEST, build_database
from fyp.release.datapackage import PACKAGE_TITLE, build_datapackage, deprecations, table_schema
from fyp.release.excel import write_workbook
from fyp.release.expectations import ReleaseValidationError, ValidationReport, validate_release
from fyp.release.files import (
    CSV_TEXT_RULE,
    SHA256SUMS,
    read_parquet,
    release_files,
    sha256_file,
    write_csv,
    write_json,
    write_sha256sums,
    write_text,
)
from fyp.release.index import LedgerError, latest_release, ledger_problems, release_dirs, write_index
from fyp.release.page import build_release_page
from fyp.release.quality import markdown as quality_markdown
from fyp.release.quality import read_quality_file
from fyp.release.tables import stage_release_tables
from fyp.release.verify import verify_release
from fyp.release.versioning import ReleaseDiff, diff_releases, next_version
from fyp.tables.registry import table

FALLBACK_CREATED = dt.datetime(2006, 1, 1, tzinfo=dt.timezone.utc)
WORKBOOK = "fyp-notices.xlsx"


class ReleaseError(RuntimeError):
    pass


class WarehouseInUseError(ReleaseError):
    """A build is writing the warehouse in place: publish again when it has finished."""


@contextlib.contextmanager
def _warehouse_snapshot(warehouse: Path, exports: Path):
    """A private copy of the warehouse in one committed state, for the whole release to be made from.

    A build may update the warehouse file in place while a release is being written; every file of a
    release must come from the same rows. While a read-only connection is open DuckDB lets no other
    process write the file (a build then updates a copy and renames it into place), so the bytes
    copied are one committed state; a checkpoint folds in a write-ahead log copied with them.
    """
    folder = exports / f".tmp-snapshot-{os.getpid()}"  # removed by _clean_stale if this run dies
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy = folder / warehouse.name
    try:
        try:
            with duckdb.connect(str(warehouse), read_only=True):
                shutil.copyfile(warehouse, copy)
                wal = warehouse.with_name(warehouse.name + ".wal")
                if wal.is_file():
                    shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            raise WarehouseInUseError(
                f"{warehouse}: a build is writing the warehouse "
                f"({str(err).splitlines()[0]}); publish again when it has finished"
            ) from None
        with duckdb.connect(str(copy)) as con:
            con.execute("CHECKPOINT")
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class PublishResult:
    version: str | None  # None: nothing changed, nothing published
    path: Path | None  # the new release, or the latest one when nothing changed
    messages: list[str] = field(default_factory=list)
    diff: ReleaseDiff | None = None
    validation: ValidationReport | None = None


@contextlib.contextmanager
def _publish_lock(exports: Path):
    exports.mkdir(parents=True, exist_ok=True)
    fh = open(exports / ".publish.lock", "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReleaseError(
                f"{exports}: another run is publishing a release here; try again when it has finished"
            ) from None
        yield
    finally:
        fh.close()


def derive_created(notices: pl.DataFrame, previous_created: str | None = None) -> dt.datetime:
    """The release's date, from its inputs (see the module docstring), in UTC at midnight."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    dates = notices["issue_date"].drop_nulls() if "issue_date" in notices.columns else pl.Series([])
    created = FALLBACK_CREATED
    if len(dates):
        latest = dates.max()
        created = dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.timezone.utc)
    if previous_created:
        prev = dt.datetime.fromisoformat(previous_created.replace("Z", "+00:00"))
        created = max(created, prev)
    return created


def _iso(ts: dt.datetime) -> str:
    return ts.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Previous:
    version: str
    path: Path
    frames: dict[str, Path]  # the Parquet file of each table, read when needed
    schemas: dict[str, dict]
    quality: dict | None
    created: str | None
    changelog: str | None


def _load_previous(path: Path | None) -> _Previous | None:
    if path is None:
        return None
    package = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    frames, schemas = {}, {}
    for res in package["resources"]:
        parquet = (res.get("fyp:parquet") or {}).get("path") or f"parquet/{res['name']}.parquet"
        frames[res["name"]] = path / parquet
        schemas[res["name"]] = res.get("schema") or {}
    quality_path = path / "quality.json"
    quality = json.loads(quality_path.read_text(encoding="utf-8")) if quality_path.is_file() else None
    changelog_path = path / "CHANGELOG.md"
    return _Previous(
        version=package["version"],
        path=path,
        frames=frames,
        schemas=schemas,
        quality=quality,
        created=package.get("created"),
        changelog=changelog_path.read_text(encoding="utf-8") if changelog_path.is_file() else None,
    )


def data_dictionary(names: list[str], version: str) -> str:
    parts = [
        f"# fyp-notices {version}: data dictionary / 数据字典",
        "",
        "Generated from schemas/*.yaml. Every table ships as "
        "csv/<table>.csv, parquet/<table>.parquet and a sheet of the",
        "Excel workbook; fyp.duckdb holds the same tables and views "
        "with these descriptions as COMMENTs (it is built from",
        "the Parquet files; fyp.duckdb.json is its table digest). "
        "target_comparison, target_comparison_wide and agencies",
        "are views of the warehouse, published as tables. Codes decode through the code tables: indicators, units,",
        "agencies (agency_names), plan_periods, regions.",
        "",
        "CSV files: UTF-8 with a byte-order mark, RFC 4180 (comma, double quotes, CRLF), a header row, ISO dates,",
        "`true`/`false`, empty = null, numbers as Python writes them (shortest round trip).",
        "",
        "Formula rule: " + CSV_TEXT_RULE + " Parquet, DuckDB and the workbook keep every text as written.",
        "",
    ]
    for name in names:
        parts.append(table(name).data_dictionary())
        marked = deprecations(name)
        if marked:
            parts.append(
                "Deprecated (removed by a later major version): "
                + "; ".join(f"`{c or name}`: {note}" for c, note in marked.items()) + "\n"
            )
    return "\n".join(parts)


def _clean_stale(exports: Path) -> None:
    for p in exports.glob(".tmp-*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


def restore_databases(exports: Path) -> list[Path]:
    """Build fyp.duckdb from the Parquet files for every release that lacks it (it is not committed:
    a fresh clone has none); each is checked against its table digest. Returns those built."""
    built = []
    for release in release_dirs(exports):
        if not (release / DATABASE).is_file() and (release / DIGEST).is_file():
            digest = json.loads((release / DIGEST).read_text(encoding="utf-8"))
            try:
                build_database(release, list(digest["tables"]))
            except (RuntimeError, KeyError, duckdb.Error) as err:
                raise ReleaseError(f"{release}: cannot rebuild {DATABASE} from its Parquet files: {err}") from None
            built.append(release / DATABASE)
    return built


def _check_published(exports: Path) -> None:
    """Refuse to go on when a published release is not as it was published (before diffing against it)."""
    problems = ledger_problems(exports)
    latest = latest_release(exports)
    if latest is not None:
        problems += [f"{latest}: {p}" for p in verify_release(latest)]
    if problems:
        raise ReleaseError(
            "a published release fails verification, so nothing can be diffed against it and nothing was published: "
            + "; ".join(problems[:10])
            + (" (and more)" if len(problems) > 10 else "")
            + ". Restore the release as published (git checkout -- exports/) and try again."
        )


def publish_release(warehouse: Path, exports: Path, *, quality_file: Path | None = None) -> PublishResult:
    """Publish ``warehouse`` as the next release under ``exports`` (or nothing, when nothing changed).

    ``quality_file`` is the committed summary of `make evaluate` (gold/quality.json) the release
    reports. Raises ReleaseValidationError (nothing published) when the release-wide expectations
    fail, and ReleaseError when the previous release does not verify.
    """
    warehouse, exports = Path(warehouse), Path(exports)
    if not warehouse.is_file():
        raise ReleaseError(f"{warehouse}: no warehouse; run `fyp build` first")
    messages: list[str] = []
    with _publish_lock(exports), contextlib.ExitStack() as stack:
        _clean_stale(exports)
        messages += [
            f"rebuilt {p} from its Parquet files (checked against its table digest)" for p in restore_databases(exports)
        ]
        _check_published(exports)
        quality = read_quality_file(quality_file)
        messages += _quality_warnings(quality, quality_file)
        quality = quality if quality is not None else NO_QUALITY
        warehouse = stack.enter_context(_warehouse_snapshot(warehouse, exports))
        # Each table is read from the warehouse once, sorted and written as its release Parquet file;
        # everything after reads those files a table (or a batch of rows) at a time.
        stage = exports / f".tmp-stage-{os.getpid()}"
        tmp = None
        shutil.rmtree(stage, ignore_errors=True)
        try:
            frames = stage_release_tables(warehouse, stage / "parquet")
            dirs = release_dirs(exports)
            previous = _load_previous(dirs[-1] if dirs else None)
            diff = _diff(previous, frames, quality)
            version = next_version(previous.version if previous else None, diff)
            if version is None:
                # Nothing changed: rebuild the latest release as it was made, to say whether it is the same to the byte.
                before = _load_previous(dirs[-2] if len(dirs) > 1 else None)
                tmp = exports / f".tmp-rebuild-{os.getpid()}"
                shutil.rmtree(tmp, ignore_errors=True)
                os.rename(stage, tmp)
                frames = {name: tmp / "parquet" / path.name for name, path in frames.items()}
                _make_release(
                    tmp, frames, version=previous.version, previous=before,
                    quality=quality, diff=_diff(before, frames, quality)
                )
                differ = _differing_files(previous.path, tmp)
                messages.append(f"nothing changed since release {previous.version}; nothing published")
                if differ:
                    messages.append(
                        f"warning: a rebuild of release {previous.version} "
                        f"from the same data differs in {len(differ)} file(s) "
                        f"({', '.join(differ[:8])}{', ...' if len(differ) > 8 else ''}): "
                        f"the release code changed since it was published"
                    )
                else:
                    messages.append(
                        f"a rebuild of release {previous.version} from the same data matches it byte for byte"
                    )
                _write_history(exports)
                return PublishResult(None, previous.path, messages, diff)
            target = exports / version
            if target.exists():
                raise ReleaseError(f"{target} exists already; a published release is never overwritten")
            tmp = exports / f".tmp-{version}-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            os.rename(stage, tmp)
            frames = {name: tmp / "parquet" / path.name for name, path in frames.items()}
            report = _make_release(tmp, frames, version=version, previous=previous, quality=quality, diff=diff)
            os.rename(tmp, target)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        _write_history(exports)
    level = diff.level if previous else "first"
    messages.append(
        f"published release {version} ({level}) at {target}; cite "
        f"it by SHA256SUMS sha256 {sha256_file(target / SHA256SUMS)}"
    )
    return PublishResult(version, target, messages, diff, report)


NO_QUALITY = {"evaluated": False, "reason": "the repository held no gold/quality.json (`make evaluate` writes it)"}


def _quality_warnings(quality: dict | None, quality_file: Path | None) -> list[str]:
    if quality is None:
        return [
            f"warning: no quality file at {quality_file} (`make evaluate` "
            f"writes it): the release reports no extraction quality"
        ]
    from fyp.tables.cache import extractor_version

    measured, current = quality.get("extractor_version"), extractor_version()
    if measured != current:
        return [
            f"warning: {quality_file} was measured with extractor version {measured}, "
            f"this build is {current}: run `make evaluate` and commit it before publishing"
        ]
    return []


def _diff(previous: _Previous | None, frames: dict[str, Path], quality: dict | None) -> ReleaseDiff:
    names = list(frames)
    return diff_releases(
        previous.frames if previous else None,
        frames,
        previous.schemas if previous else None,
        {name: table_schema(name) for name in names},
        {name: list(table(name).primary_key) for name in names},
        old_quality=previous.quality if previous else None,
        new_quality=quality,
    )


def _differing_files(published: Path, rebuilt: Path) -> list[str]:
    """Files (SHA256SUMS lists) whose bytes differ between two folders, or that only one has."""
    a, b = set(release_files(published)), set(release_files(rebuilt))
    differ = sorted((a ^ b) | {rel for rel in a & b if (published / rel).read_bytes() != (rebuilt / rel).read_bytes()})
    if (published / SHA256SUMS).read_bytes() != (rebuilt / SHA256SUMS).read_bytes():
        differ.append(SHA256SUMS)
    return differ


def _write_history(exports: Path) -> None:
    try:
        entries = write_index(exports)
    except LedgerError as err:
        raise ReleaseError(str(err)) from None
    latest = entries[0] if entries else None
    sync_repository_citation(exports, latest and latest["version"], latest and latest["created"])


def _make_release(
    tmp: Path, frames: dict[str, Path], *, version: str,
    previous: _Previous | None, quality: dict | None, diff: ReleaseDiff
) -> ValidationReport:
    """Every file of release ``version`` in ``tmp`` (which holds its parquet/ already), checked before anything is
    written."""
    created = derive_created(read_parquet(frames["notices"]), previous.created if previous else None)
    report = validate_release(
        frames, previous.frames if previous else None, run_name=version, run_time=created, docs_dir=tmp / "validation"
    )
    if not report.success:
        raise ReleaseValidationError(report)
    _write_release(
        tmp, frames, version=version, created=created, quality=quality, report=report, diff=diff, previous=previous
    )
    return report


def _write_release(
    tmp: Path, frames, *, version: str, created: dt.datetime, quality: dict,
    report: ValidationReport, diff: ReleaseDiff, previous: _Previous | None
) -> None:
    created_iso = _iso(created)
    for name, source in frames.items():  # parquet/<name>.parquet is written already
        write_csv(table(name), source, tmp / "csv" / f"{name}.csv")
    write_workbook(frames, tmp / WORKBOOK, created=created, title=PACKAGE_TITLE, version=version)
    write_text(data_dictionary(list(frames), version), tmp / "DATA_DICTIONARY.md")
    write_json(quality, tmp / "quality.json")
    write_text(quality_markdown(quality if quality.get("sets") else None), tmp / "quality.md")
    write_json(report.as_json(), tmp / "validation" / "result.json")
    entry = cl.changelog_entry(version, created_iso, previous.version if previous else None, diff)
    write_text(cl.changelog(entry, previous.changelog if previous else None), tmp / "CHANGELOG.md")
    write_text(LICENSE_TEXT, tmp / "LICENSE")
    write_text(citation_cff(version, created_iso), tmp / CITATION)
    build_database(tmp, list(frames))  # writes fyp.duckdb.json, the digest it is checked by
    extra = [
        WORKBOOK, "DATA_DICTIONARY.md", "CHANGELOG.md", "quality.md",
        "quality.json", "validation/result.json", DIGEST, "LICENSE", CITATION
    ]
    write_json(
        build_datapackage(tmp, frames, version=version, created=created_iso, extra_files=extra),
        tmp / "datapackage.json"
    )
    build_release_page(tmp)
    write_sha256sums(tmp)
