"""The Dagster definitions load, and the whole asset graph materialises in-process on the seeds."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from conftest import RAW, REPO
from fyp.ingest.scan import scan_folder
from fyp.orchestration import definitions
from fyp.orchestration.resources import FypPaths
from fyp.tables.registry import table_names
from fyp.warehouse.store import warehouse_digest

pytestmark = pytest.mark.e2e


def test_definitions_validate_with_the_dagster_cli():
    env = {**os.environ, "PYTHONPATH": str(REPO / "pipelines")}
    proc = subprocess.run(
        [
            str(Path(sys.executable).with_name("dagster")),
            "definitions",
            "validate",
            "-m",
            "fyp.orchestration.definitions",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_definitions_hold_the_partitioned_asset_sensor_and_jobs():
    defs = definitions.defs
    dg.Definitions.validate_loadable(defs)
    assert {"build_warehouse", "ingest_notices", "publish_release"} <= {j.name for j in defs.resolve_all_job_defs()}
    assert defs.get_sensor_def("raw_folder_sensor") is not None
    raw_notices = defs.get_assets_def("raw_notices")
    assert raw_notices.partitions_def == dg.DynamicPartitionsDefinition(name="notices")
    assert raw_notices.backfill_policy == dg.BackfillPolicy.single_run()


def test_full_graph_materialises_on_the_seeds(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    paths = FypPaths(raw_dir=str(raw), warehouse_path=str(tmp_path / "wh" / "fyp.duckdb"))
    local = definitions.build_definitions(paths)
    ids = sorted(scan_folder(raw).notice_ids)
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("notices", ids)
        # One run over every partition (what a cold-start backfill with the single-run policy does).
        result = local.resolve_job_def("ingest_notices").execute_in_process(
            instance=instance,
            tags={"dagster/asset_partition_range_start": ids[0], "dagster/asset_partition_range_end": ids[-1]},
        )
        assert result.success
        assert set(instance.get_materialized_partitions(dg.AssetKey("raw_notices"))) == set(ids)
        assert all(e.passed for e in result.get_asset_check_evaluations())
        with duckdb.connect(str(paths.warehouse), read_only=True) as con:
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in table_names("table")}
            assert sorted(r[0] for r in con.execute("SELECT notice_id FROM notices").fetchall()) == ids
        assert counts["ingest_issues"] == 0 and all(counts[t] > 0 for t in counts if t != "ingest_issues")
        digest = warehouse_digest(paths.warehouse)
        from fyp.tables.cache import ExtractionCache

        assert sorted(k.split("-")[0] for k in ExtractionCache(paths.cache).locations()) == ids
        packs = sorted(paths.cache.rglob("*.parquet"))
        stamps = [p.stat().st_mtime_ns for p in packs]

        # The unpartitioned build reuses every cache entry and gives the same warehouse.
        again = local.resolve_job_def("build_warehouse").execute_in_process(instance=instance)
        assert again.success
        assert warehouse_digest(paths.warehouse) == digest
        assert [p.stat().st_mtime_ns for p in sorted(paths.cache.rglob("*.parquet"))] == stamps
