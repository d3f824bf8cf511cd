"""The one module Dagster loads: every asset, check, job, sensor, schedule and resource of the project."""

from __future__ import annotations

import dagster as dg

from fyp.orchestration import assets, release_assets
from fyp.orchestration.resources import FypPaths

ALL_ASSETS = [assets.raw_notices, assets.extracted_tables, assets.national_targets, assets.warehouse, release_assets.release]
ALL_CHECKS = list(assets.schema_checks)

build_job = dg.define_asset_job("build_warehouse", selection=dg.AssetSelection.all() - dg.AssetSelection.assets("release"), description="Raw notices → validated tables → DuckDB warehouse.")

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_job],
    resources={"paths": FypPaths()},
)
