"""Dagster assets: thin wiring around the pure transforms in fyp.ingest, fyp.extract, fyp.tables, fyp.warehouse.

(No `from __future__ import annotations` here: Dagster reads the type hints at definition time.)
"""


import dagster as dg
import duckdb
import polars as pl

from fyp.ingest.provenance import load_provenance
from fyp.ingest.scan import load_memo, save_memo, scan_folder
from fyp.orchestration.resources import FypPaths
from fyp.tables.build import NOTICE_TABLES, frame
from fyp.tables.cache import ExtractionCache, build_incremental, extractor_version, refresh
from fyp.tables.registry import table
from fyp.tables.validate import cached_table_failures, validation_failures
from fyp.warehouse.store import CachedTable, WarehouseBusyError, warehouse_lock, write_warehouse

GROUP = "fyp_notices"

# One partition per distinct raw notice; the key is the notice id (first 16 hex of the file's SHA-256).
# The raw-folder sensor adds and deletes them as files arrive, change and go.
notice_partitions = dg.DynamicPartitionsDefinition(name="notices")


@dg.asset(
    group_name=GROUP,
    partitions_def=notice_partitions,
    # A backfill of thousands of notices is one run that loops over them, not thousands of runs.
    backfill_policy=dg.BackfillPolicy.single_run(),
    description="Each raw notice read, decoded and extracted into its rows, kept in the extraction cache "
    "(warehouse/cache/); an unusable file is kept there with the reason it was set aside.",
)
def raw_notices(context: dg.AssetExecutionContext, paths: FypPaths) -> dg.MaterializeResult:
    wanted = set(context.partition_keys)
    memo = load_memo(paths.cache)
    scan = scan_folder(paths.raw, memo)
    save_memo(paths.cache, memo)
    stats = refresh(scan, ExtractionCache(paths.cache), load_provenance(paths.raw), only=wanted, log=context.log.warning)
    gone = sorted(wanted - set(scan.notice_ids))
    if gone:
        context.log.warning(f"{len(gone)} notice(s) are no longer in {paths.raw}: {', '.join(gone[:20])}")
    return dg.MaterializeResult(
        metadata={
            "notices": len(wanted),
            "extracted": len(stats.extracted),
            "already_cached": stats.reused,
            "set_aside": dg.MetadataValue.json([p.as_row() for p in stats.set_aside[:50]]),
            "missing_from_raw": len(gone),
        }
    )


@dg.multi_asset(
    group_name=GROUP,
    outs={name: dg.AssetOut(description=table(name).description, is_required=True) for name in (*NOTICE_TABLES, "ingest_issues")},
    deps=[raw_notices],
    description="Every notice in the raw folder, from the extraction cache (notices it lacks are extracted "
    "first), assembled into the rows of each table; files set aside are listed in ingest_issues.",
)
def extracted_tables(context: dg.AssetExecutionContext, paths: FypPaths):
    # The notice tables stay in the cache entries (a CachedTable names them): holding them as frames
    # would cost memory in proportion to the corpus; DuckDB reads them when writing the warehouse.
    built = build_incremental(paths.raw, paths.cache, log=context.log.warning, tables=False)
    issues = built.frames["ingest_issues"]
    for issue in issues.iter_rows(named=True):
        context.log.warning(f"set aside: {issue['source_file']}: {issue['problem']}: {issue['detail']}")
    context.log.info(f"{len(built.stats.extracted)} notice(s) extracted, {built.stats.reused} from the cache")
    for name in NOTICE_TABLES:
        yield dg.Output(CachedTable(name, tuple(built.entries)), output_name=name, metadata={"cache_entries": len(built.entries)})
    yield dg.Output(issues, output_name="ingest_issues", metadata={"rows": issues.height})


@dg.asset(group_name=GROUP, description=table("national_targets").description)
def national_targets() -> pl.DataFrame:
    from fyp.reference.national import national_target_rows

    return frame("national_targets", national_target_rows())


# The code and reference tables beside national_targets (fyp.reference.code_tables), from data files.
CODE_TABLES = ("provincial_allocations", "indicators", "units", "agency_names", "plan_periods", "regions")


@dg.multi_asset(
    group_name=GROUP,
    outs={name: dg.AssetOut(description=table(name).description, is_required=True) for name in CODE_TABLES},
    description="The code tables (indicators, units, agency names, plan periods, regions) and the provincial allocations, from data files.",
)
def code_tables():
    from fyp.reference.code_tables import reference_frames

    for name, df in reference_frames(CODE_TABLES).items():
        yield dg.Output(df, output_name=name, metadata={"rows": df.height})


def _schema_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=name, name=f"{name}_schema", blocking=True, description=f"pandera schema of {name} (from schemas/{name}.yaml)")
    def _check(paths: FypPaths, df) -> dg.AssetCheckResult:
        extra = {}
        if isinstance(df, CachedTable):
            memo = paths.cache / extractor_version() / f"validated-{name}.txt"
            checked, rows, failures = cached_table_failures(name, df.entries, memo=memo)
            extra = {"notices_checked": checked, "notices_passed_before": len(df.entries) - checked}
        else:
            rows, failures = df.height, validation_failures(name, df)
        return dg.AssetCheckResult(
            passed=not failures,
            metadata=extra | {
                "rows": rows,
                "failures": len(failures),
                "first_failures": dg.MetadataValue.json(
                    [{k: (str(v) if v is not None else None) for k, v in f.items()} for f in failures[:20]]
                ),
            },
        )

    return _check


TABLE_ASSETS = (*NOTICE_TABLES, "ingest_issues", "national_targets", *CODE_TABLES)
schema_checks = [_schema_check(name) for name in TABLE_ASSETS]


@dg.asset(
    group_name=GROUP,
    description="The DuckDB warehouse (warehouse/fyp.duckdb): every table with bilingual comments, and the views.",
)
def warehouse(
    context: dg.AssetExecutionContext,
    paths: FypPaths,
    notices: CachedTable,
    provisions: CachedTable,
    targets: CachedTable,
    deadlines: CachedTable,
    responsibilities: CachedTable,
    ingest_issues: pl.DataFrame,
    national_targets: pl.DataFrame,
    provincial_allocations: pl.DataFrame,
    indicators: pl.DataFrame,
    units: pl.DataFrame,
    agency_names: pl.DataFrame,
    plan_periods: pl.DataFrame,
    regions: pl.DataFrame,
) -> str:
    tables = {
        "notices": notices,
        "provisions": provisions,
        "targets": targets,
        "deadlines": deadlines,
        "responsibilities": responsibilities,
        "ingest_issues": ingest_issues,
        "national_targets": national_targets,
        "provincial_allocations": provincial_allocations,
        "indicators": indicators,
        "units": units,
        "agency_names": agency_names,
        "plan_periods": plan_periods,
        "regions": regions,
    }
    try:
        with warehouse_lock(paths.warehouse):
            path = write_warehouse(tables, paths.warehouse)
    except WarehouseBusyError as err:
        if context.instance.is_ephemeral:
            raise  # `fyp build`: refuse at once and say why
        # Under the Dagster daemon another run (or a `fyp build`) holds the lock: wait for it.
        raise dg.RetryRequested(max_retries=10, seconds_to_wait=15) from err
    with duckdb.connect(str(path), read_only=True) as con:
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables}
    context.add_output_metadata(counts | {"path": str(path)})
    return str(path)


# What `fyp build` and the build job materialise: everything but the per-notice partitions (the
# extracted_tables asset extracts whatever the cache lacks itself) and the release.
BUILD_ASSETS = (extracted_tables, national_targets, code_tables, warehouse)
