"""The one module Dagster loads: every asset, check, job, sensor, schedule and resource of the project."""

import dagster as dg

from fyp.orchestration import assets, release_assets
from fyp.orchestration.resources import FypPaths
from fyp.orchestration.schedules import build_release_schedule
from fyp.orchestration.sensors import build_raw_folder_sensor

ALL_ASSETS = [assets.raw_notices, assets.extracted_tables, assets.national_targets, assets.code_tables, assets.warehouse, release_assets.release]
ALL_CHECKS = list(assets.schema_checks)

build_job = dg.define_asset_job("build_warehouse", selection=dg.AssetSelection.assets(*assets.BUILD_ASSETS), description="Raw notices → validated tables → DuckDB warehouse (extracting only what the cache lacks).")
# The sensor's jobs: new notices (a range of partitions) with everything downstream up to the warehouse;
# the warehouse alone when notices were only removed or renamed.
ingest_job = dg.define_asset_job("ingest_notices", selection=dg.AssetSelection.assets(assets.raw_notices, *assets.BUILD_ASSETS), partitions_def=assets.notice_partitions)
JOBS = [build_job, ingest_job]
SENSORS = [build_raw_folder_sensor(ingest_job, build_job)]
SCHEDULES = []
# The release asset (fyp.orchestration.release_assets) is published by a daily schedule.
release_job = dg.define_asset_job("publish_release", selection=dg.AssetSelection.assets("release"), description="Publish the next release if the warehouse changed.")
JOBS.append(release_job)
SCHEDULES.append(build_release_schedule(release_job))

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=JOBS,
    sensors=SENSORS,
    schedules=SCHEDULES,
    resources={"paths": FypPaths()},
    # One process per run: the steps are short, and a subprocess per step costs seconds of imports each.
    executor=dg.in_process_executor,
)
