"""Dagster assets: thin wiring around the pure transforms in fyp.ingest, fyp.extract, fyp.tables, fyp.warehouse.

(No `from __future__ import annotations` here: Dagster reads the type hints at definition time.)
"""


import dagster as dg
import polars as pl

from fyp.extract.notice import extract_all
from fyp.ingest.folder import IngestResult, ingest_folder
from fyp.orchestration.resources import FypPaths
from fyp.tables.build import NOTICE_TABLES, build_tables, frame
from fyp.tables.registry import table
from fyp.tables.validate import validation_failures
from fyp.warehouse.store import warehouse_lock, write_warehouse

GROUP = "fyp_notices"


@dg.asset(group_name=GROUP, description="Raw notice files read and decoded; unusable files set aside with a reason.")
def raw_notices(context: dg.AssetExecutionContext, paths: FypPaths) -> IngestResult:
    result = ingest_folder(paths.raw)
    for problem in result.problems:
        context.log.warning(f"set aside: {problem}")
    context.add_output_metadata({"notices": len(result.notices), "set_aside": len(result.problems)})
    return result


@dg.multi_asset(
    group_name=GROUP,
    outs={name: dg.AssetOut(description=table(name).description, is_required=True) for name in (*NOTICE_TABLES, "ingest_issues")},
    description="Every notice normalised and extracted into the rows of each table.",
)
def extracted_tables(context: dg.AssetExecutionContext, raw_notices: IngestResult):
    extractions, problems = extract_all(raw_notices.notices, raw_notices.provenance)
    for problem in problems:
        context.log.warning(f"set aside: {problem}")
    issues = [p.as_row() for p in [*raw_notices.problems, *problems]]
    frames = build_tables(extractions, issues)
    for name in (*NOTICE_TABLES, "ingest_issues"):
        yield dg.Output(frames[name], output_name=name, metadata={"rows": frames[name].height})


@dg.asset(group_name=GROUP, description=table("national_targets").description)
def national_targets() -> pl.DataFrame:
    from fyp.reference.national import national_target_rows

    return frame("national_targets", national_target_rows())


def _schema_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=name, name=f"{name}_schema", blocking=True, description=f"pandera schema of {name} (from schemas/{name}.yaml)")
    def _check(df: pl.DataFrame) -> dg.AssetCheckResult:
        failures = validation_failures(name, df)
        return dg.AssetCheckResult(
            passed=not failures,
            metadata={
                "rows": df.height,
                "failures": len(failures),
                "first_failures": dg.MetadataValue.json(
                    [{k: (str(v) if v is not None else None) for k, v in f.items()} for f in failures[:20]]
                ),
            },
        )

    return _check


TABLE_ASSETS = (*NOTICE_TABLES, "ingest_issues", "national_targets")
schema_checks = [_schema_check(name) for name in TABLE_ASSETS]


@dg.asset(
    group_name=GROUP,
    description="The DuckDB warehouse (warehouse/fyp.duckdb): every table with bilingual comments, and the views.",
)
def warehouse(
    context: dg.AssetExecutionContext,
    paths: FypPaths,
    notices: pl.DataFrame,
    provisions: pl.DataFrame,
    targets: pl.DataFrame,
    deadlines: pl.DataFrame,
    responsibilities: pl.DataFrame,
    ingest_issues: pl.DataFrame,
    national_targets: pl.DataFrame,
) -> str:
    tables = {
        "notices": notices,
        "provisions": provisions,
        "targets": targets,
        "deadlines": deadlines,
        "responsibilities": responsibilities,
        "ingest_issues": ingest_issues,
        "national_targets": national_targets,
    }
    with warehouse_lock(paths.warehouse):
        path = write_warehouse(tables, paths.warehouse)
    context.add_output_metadata({name: df.height for name, df in tables.items()} | {"path": str(path)})
    return str(path)
