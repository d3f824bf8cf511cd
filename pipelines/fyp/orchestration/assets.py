"""Dagster assets: thin wiring around the pure stages (fyp.tables.incremental runs ingest → extract →
cache → tables; fyp.warehouse.store writes DuckDB). Every table asset and check is made from the
table registry (schemas/*.yaml), so a new table needs no change here.

(No `from __future__ import annotations` here: Dagster reads the type hints at definition time.)
"""

import warnings
from dataclasses import dataclass

import dagster as dg
import duckdb
import polars as pl

from fyp.orchestration.resources import FypPaths
from fyp.tables.build import reference_frame
from fyp.tables.cache import extractor_version
from fyp.tables.incremental import build_incremental, ingest_table, update_cache
from fyp.tables.registry import notice_tables, reference_tables, table, table_names
from fyp.tables.validate import cached_table_failures, validation_failures
from fyp.warehouse.lock import WarehouseBusyError, warehouse_lock
from fyp.warehouse.store import CachedTable, write_warehouse

GROUP = "fyp_notices"

# One partition per distinct raw notice; the key is the notice id (first 16 hex of the file's SHA-256).
# The raw-folder sensor adds and deletes them as files arrive, change and go.
notice_partitions = dg.DynamicPartitionsDefinition(name="notices")


# backfill_policy is a Dagster beta parameter: said once here, not on every `fyp build`'s stderr.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", dg.BetaWarning)

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
        update = update_cache(paths.raw, paths.cache, only=wanted, log=context.log.warning)
        gone = sorted(wanted - set(update.scan.notice_ids))
        if gone:
            context.log.warning(f"{len(gone)} notice(s) are no longer in {paths.raw}: {', '.join(gone[:20])}")
        return dg.MaterializeResult(
            metadata={
                "notices": len(wanted),
                "extracted": len(update.stats.extracted),
                "already_cached": update.stats.reused,
                "set_aside": dg.MetadataValue.json([p.as_row() for p in update.stats.set_aside[:50]]),
                "missing_from_raw": len(gone),
                "cache_repairs": dg.MetadataValue.json(update.stats.repaired),
            }
        )


def _extracted_tables() -> dg.AssetsDefinition:
    names = [*notice_tables(), ingest_table()]

    @dg.multi_asset(
        name="extracted_tables",
        group_name=GROUP,
        outs={name: dg.AssetOut(description=table(name).description, is_required=True) for name in names},
        deps=[raw_notices],
        description="Every notice in the raw folder, from the extraction cache (notices it lacks are extracted "
        "first), assembled into the rows of each table; files set aside are listed in ingest_issues.",
    )
    def extracted_tables(context: dg.AssetExecutionContext, paths: FypPaths):
        # The notice tables stay in the cache entries (a CachedTable names them): holding them as frames
        # would cost memory in proportion to the corpus; DuckDB reads them when writing the warehouse.
        built = build_incremental(paths.raw, paths.cache, log=context.log.warning, tables=False)
        issues = built.frames[ingest_table()]
        for issue in issues.iter_rows(named=True):
            context.log.warning(f"set aside: {issue['source_file']}: {issue['problem']}: {issue['detail']}")
        context.log.info(f"{len(built.stats.extracted)} notice(s) extracted, {built.stats.reused} from the cache")
        for name in notice_tables():
            yield dg.Output(
                CachedTable(name, tuple(built.entries)),
                output_name=name,
                metadata={"cache_entries": len(built.entries)},
            )
        # Damaged cache packs found and dropped (their notices extracted again): `fyp build` prints these.
        repairs = dg.MetadataValue.json(built.stats.repaired)
        yield dg.Output(issues, output_name=ingest_table(), metadata={"rows": issues.height, "cache_repairs": repairs})

    return extracted_tables


def _reference_table(name: str) -> dg.AssetsDefinition:
    @dg.asset(name=name, group_name=GROUP, description=table(name).description)
    def _asset() -> pl.DataFrame:
        return reference_frame(name)

    return _asset


def _schema_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=name,
        name=f"{name}_schema",
        blocking=True,
        description=f"pandera schema of {name} (from schemas/{name}.yaml)",
    )
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
            metadata=extra
            | {
                "rows": rows,
                "failures": len(failures),
                "first_failures": dg.MetadataValue.json(
                    [{k: (str(v) if v is not None else None) for k, v in f.items()} for f in failures[:20]]
                ),
            },
        )

    return _check


def _warehouse(names: list[str]) -> dg.AssetsDefinition:
    @dg.asset(
        name="warehouse",
        group_name=GROUP,
        ins={name: dg.AssetIn(key=name) for name in names},
        description="The DuckDB warehouse (warehouse/fyp.duckdb): every table with bilingual comments, and the views.",
    )
    def warehouse(context: dg.AssetExecutionContext, paths: FypPaths, **tables) -> str:
        try:
            with warehouse_lock(paths.warehouse, holder="a Dagster run"):
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

    return warehouse


@dataclass(frozen=True)
class BuildAssets:
    """The assets of the build, made from the registry as it is when this is called."""

    extracted_tables: dg.AssetsDefinition
    reference_tables: list[dg.AssetsDefinition]
    warehouse: dg.AssetsDefinition
    schema_checks: list[dg.AssetChecksDefinition]

    @property
    def unpartitioned(self) -> list[dg.AssetsDefinition]:
        """What `fyp build` and the build job materialise: everything but the per-notice partitions (the
        extracted_tables asset extracts whatever the cache lacks itself) and the release."""
        return [self.extracted_tables, *self.reference_tables, self.warehouse]


def build_assets() -> BuildAssets:
    return BuildAssets(
        extracted_tables=_extracted_tables(),
        reference_tables=[_reference_table(name) for name in reference_tables()],
        warehouse=_warehouse(table_names("table")),
        schema_checks=[_schema_check(name) for name in table_names("table")],
    )
