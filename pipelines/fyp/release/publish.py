"""Publish the warehouse as a versioned, immutable release folder ``exports/<version>/``.

The release is written to a hidden temporary folder beside the others and renamed into place only
when every file is written and every check has passed: a crash leaves no half release, and a
published folder is never written again. Publishing with nothing changed publishes nothing.

Determinism: the same raw notices give byte-identical files, except ``fyp.duckdb`` (DuckDB files
carry per-file salts and block checksums that differ on every write; its tables are identical and its
sha256 is listed in SHA256SUMS, so SHA256SUMS differs in that one line). ``created`` is not the wall
clock: it is ``SOURCE_DATE_EPOCH`` when set, else the latest issue date among the notices, never
earlier than the previous release's ``created`` (2006-01-01, the first plan year, when no notice has a date).
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
from fyp.release.datapackage import PACKAGE_TITLE, build_datapackage, table_schema
from fyp.release.excel import write_workbook
from fyp.release.expectations import ReleaseValidationError, ValidationReport, validate_release
from fyp.release.files import read_parquet, write_csv, write_json, write_sha256sums, write_text
from fyp.release.index import latest_release, write_index
from fyp.release.tables import stage_release_tables
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
            raise WarehouseInUseError(f"{warehouse}: a build is writing the warehouse ({str(err).splitlines()[0]}); publish again when it has finished") from None
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
            raise ReleaseError(f"{exports}: another run is publishing a release here; try again when it has finished") from None
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


def evaluate_quality(gold_dir: Path | None, raw_dir: Path | None, dev_notices, warehouse: Path) -> tuple[dict, str]:
    """quality.json and quality.md from `fyp evaluate` (or a note saying why there is none)."""
    if gold_dir is None or not Path(gold_dir).is_dir():
        note = {"evaluated": False, "reason": "no gold annotations were given to publish"}
        return note, "# Extraction quality\n\nNot evaluated: no gold annotations were given when this release was published.\n"
    from fyp.evaluate.report import evaluate, format_report

    extra = dev_notices if isinstance(dev_notices, (list, tuple)) else [dev_notices]
    folders = [Path(p) for p in (raw_dir, *extra) if p is not None]
    report = evaluate(Path(gold_dir), folders, warehouse=warehouse)
    report["gold_dir"] = Path(gold_dir).name  # no machine-specific paths in a release
    report = json.loads(json.dumps(report, ensure_ascii=False, default=str))
    return report, format_report(report, verbose=True)


def data_dictionary(names: list[str], version: str) -> str:
    parts = [
        f"# fyp-notices {version}: data dictionary / 数据字典",
        "",
        "Generated from schemas/*.yaml. Every table ships as csv/<table>.csv (UTF-8, RFC 4180, ISO dates, `true`/`false`,",
        "empty = null), parquet/<table>.parquet and a sheet of the Excel workbook; fyp.duckdb holds the same tables and",
        "views with these descriptions as COMMENTs. target_comparison and target_comparison_wide are views of the warehouse.",
        "",
    ]
    for name in names:
        parts.append(table(name).data_dictionary())
    return "\n".join(parts)


def _clean_stale(exports: Path) -> None:
    for p in exports.glob(".tmp-*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


def publish_release(
    warehouse: Path,
    exports: Path,
    *,
    gold_dir: Path | None,
    raw_dir: Path | None,
    dev_notices: Path | list[Path] | None = None,
) -> PublishResult:
    """Publish ``warehouse`` as the next release under ``exports`` (or nothing, when nothing changed).

    Raises ReleaseValidationError (nothing published) when the release-wide expectations fail.
    """
    warehouse, exports = Path(warehouse), Path(exports)
    if not warehouse.is_file():
        raise ReleaseError(f"{warehouse}: no warehouse; run `fyp build` first")
    with _publish_lock(exports), contextlib.ExitStack() as stack:
        _clean_stale(exports)
        warehouse = stack.enter_context(_warehouse_snapshot(warehouse, exports))
        # Each table is read from the warehouse once, sorted and written as its release Parquet file;
        # everything after reads those files a table (or a batch of rows) at a time.
        stage = exports / f".tmp-stage-{os.getpid()}"
        tmp = None
        shutil.rmtree(stage, ignore_errors=True)
        try:
            frames = stage_release_tables(warehouse, stage / "parquet")
            previous = _load_previous(latest_release(exports))
            quality_json, quality_md = evaluate_quality(gold_dir, raw_dir, dev_notices, warehouse)
            names = list(frames)
            schemas = {name: table_schema(name) for name in names}
            diff = diff_releases(
                previous.frames if previous else None,
                frames,
                previous.schemas if previous else None,
                schemas,
                {name: list(table(name).primary_key) for name in names},
                old_quality=previous.quality if previous else None,
                new_quality=quality_json,
            )
            version = next_version(previous.version if previous else None, diff)
            if version is None:
                shutil.rmtree(stage, ignore_errors=True)
                write_index(exports)
                return PublishResult(None, previous.path, [f"nothing changed since release {previous.version}; nothing published"], diff)
            target = exports / version
            if target.exists():
                raise ReleaseError(f"{target} exists already; a published release is never overwritten")

            created = derive_created(read_parquet(frames["notices"]), previous.created if previous else None)
            tmp = exports / f".tmp-{version}-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            os.rename(stage, tmp)
            frames = {name: tmp / "parquet" / path.name for name, path in frames.items()}
            report = validate_release(
                frames, previous.frames if previous else None, run_name=version, run_time=created, docs_dir=tmp / "validation"
            )
            if not report.success:
                raise ReleaseValidationError(report)
            _write_release(tmp, frames, warehouse, version=version, created=created, quality=(quality_json, quality_md), report=report, diff=diff, previous=previous)
            os.rename(tmp, target)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        write_index(exports)
    level = diff.level if previous else "first"
    messages = [f"published release {version} ({level}) at {target}"]
    return PublishResult(version, target, messages, diff, report)


def _write_release(tmp: Path, frames, warehouse: Path, *, version: str, created: dt.datetime, quality, report: ValidationReport, diff: ReleaseDiff, previous: _Previous | None) -> None:
    created_iso = _iso(created)
    for name, source in frames.items():  # parquet/<name>.parquet is written already
        write_csv(table(name), source, tmp / "csv" / f"{name}.csv")
    write_workbook(frames, tmp / WORKBOOK, created=created, title=PACKAGE_TITLE, version=version)
    os.replace(warehouse, tmp / "fyp.duckdb")  # the release's own snapshot (_warehouse_snapshot), moved in
    write_text(data_dictionary(list(frames), version), tmp / "DATA_DICTIONARY.md")
    quality_json, quality_md = quality
    write_json(quality_json, tmp / "quality.json")
    write_text(quality_md, tmp / "quality.md")
    write_json(report.as_json(), tmp / "validation" / "result.json")
    entry = cl.changelog_entry(version, created_iso, previous.version if previous else None, diff)
    write_text(cl.changelog(entry, previous.changelog if previous else None), tmp / "CHANGELOG.md")
    # fyp.duckdb is described in SHA256SUMS only: its bytes differ on every write (see module docstring).
    extra = [WORKBOOK, "DATA_DICTIONARY.md", "CHANGELOG.md", "quality.md", "quality.json", "validation/result.json"]
    write_json(build_datapackage(tmp, frames, version=version, created=created_iso, extra_files=extra), tmp / "datapackage.json")
    _build_page(tmp)
    write_sha256sums(tmp)


def _build_page(release_dir: Path) -> None:
    """The release web page (index.html), when fyp.release.page is installed."""
    import importlib.util

    if importlib.util.find_spec("fyp.release.page") is None:
        return
    from fyp.release.page import build_release_page

    build_release_page(release_dir)
