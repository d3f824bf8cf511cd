"""Dagster asset `release`: publish the warehouse as the next versioned release under FypPaths.exports."""

import dagster as dg

from fyp.orchestration.resources import FypPaths

GROUP = "fyp_notices"


@dg.asset(
    group_name=GROUP,
    deps=["warehouse"],
    description="A versioned, immutable release exports/<version>/ (Parquet, CSV, Excel, DuckDB, datapackage.json, "
    "checksums, changelog, quality report, Data Docs); nothing is published when nothing changed.",
)
def release(context, paths: FypPaths) -> dg.MaterializeResult:
    from fyp.release.publish import WarehouseInUseError, publish_release

    try:
        result = publish_release(paths.warehouse, paths.exports, quality_file=paths.gold / "quality.json")
    except WarehouseInUseError as err:
        # A build holds the file for the seconds of its update: publish once it is done.
        raise dg.RetryRequested(max_retries=10, seconds_to_wait=30) from err
    for message in result.messages:
        context.log.info(message)
    return dg.MaterializeResult(
        metadata={
            "version": result.version or "",
            "published": result.version is not None,
            "path": str(result.path) if result.path else "",
        }
    )
