"""The one module Dagster loads: every asset, check, job, sensor, schedule and resource of the project.

Settings come from the environment here, when the definitions are made (the README's settings table
lists every variable): the paths as ``dg.EnvVar`` (read by Dagster when a run or tick starts), the
sensor's interval and the schedule's cron, which Dagster needs in the definition itself.
"""

import os

import dagster as dg

from fyp.orchestration import assets, release_assets
from fyp.orchestration.resources import ENVIRONMENT, FypPaths
from fyp.orchestration.schedules import RELEASE_CRON, RELEASE_TIMEZONE, build_release_schedule
from fyp.orchestration.sensors import SENSOR_INTERVAL, build_raw_folder_sensor

# Runs launched by the daemon log at INFO: Dagster's console logger would print every step at DEBUG.
RUN_LOGGING = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def paths_from_environment() -> FypPaths:
    """The paths resource of `dagster dev`: each FYP_* variable that is set, as an EnvVar; defaults otherwise."""
    return FypPaths(**{name: dg.EnvVar(variable) for name, variable in ENVIRONMENT.items() if os.environ.get(variable)})


def build_definitions(paths: FypPaths | None = None) -> dg.Definitions:
    """The definitions, made from the table registry as it is now (every table asset and check is read from it)."""
    build = assets.build_assets()
    build_job = dg.define_asset_job(
        "build_warehouse",
        selection=dg.AssetSelection.assets(*build.unpartitioned),
        description="Raw notices → validated tables → DuckDB warehouse (extracting only what the cache lacks).",
        config=RUN_LOGGING,
    )
    # The sensor's jobs: new notices (a range of partitions) with everything downstream up to the warehouse;
    # the warehouse alone when notices were only removed or renamed.
    ingest_job = dg.define_asset_job(
        "ingest_notices",
        selection=dg.AssetSelection.assets(assets.raw_notices, *build.unpartitioned),
        partitions_def=assets.notice_partitions,
        config=RUN_LOGGING,
    )
    # The release asset (fyp.orchestration.release_assets) is published by a daily schedule.
    release_job = dg.define_asset_job(
        "publish_release",
        selection=dg.AssetSelection.assets("release"),
        description="Publish the next release if the warehouse changed.",
        config=RUN_LOGGING,
    )
    sensor = build_raw_folder_sensor(
        ingest_job, build_job, interval_s=int(os.environ.get("FYP_SENSOR_INTERVAL") or SENSOR_INTERVAL)
    )
    schedule = build_release_schedule(
        release_job,
        cron=os.environ.get("FYP_RELEASE_CRON") or RELEASE_CRON,
        timezone=os.environ.get("FYP_RELEASE_TIMEZONE") or RELEASE_TIMEZONE,
    )
    return dg.Definitions(
        assets=[assets.raw_notices, *build.unpartitioned, release_assets.release],
        asset_checks=build.schema_checks,
        jobs=[build_job, ingest_job, release_job],
        sensors=[sensor],
        schedules=[schedule],
        resources={"paths": paths or paths_from_environment()},
        # One process per run: the steps are short, and a subprocess per step costs seconds of imports each.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
