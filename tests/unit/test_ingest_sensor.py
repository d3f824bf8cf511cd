"""The raw-folder sensor and the release schedule, evaluated directly on an ephemeral Dagster instance."""

import json
import shutil
from pathlib import Path

import dagster as dg
import pytest

from fyp.orchestration.definitions import defs
from fyp.orchestration.resources import FypPaths
from fyp.orchestration.sensors import plan_tick

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"


def write_built(raw, paths):
    from fyp.reference.national import national_target_rows
    from fyp.tables.build import frame
    from fyp.tables.incremental import build_incremental
    from fyp.warehouse.store import write_warehouse

    frames = build_incremental(raw, paths.cache).frames
    write_warehouse({**frames, "national_targets": frame("national_targets", national_target_rows())}, paths.warehouse)


def test_plan_tick_adds_new_and_removes_gone_ids():
    plan = plan_tick(["b", "c", "a"], ["a", "z"], "s2", {"seq": 4, "state": "s1"})
    assert (plan["added"], plan["removed"], plan["rebuild"], plan["seq"]) == (["b", "c"], ["z"], True, 5)


def test_plan_tick_without_change_does_nothing():
    assert plan_tick(["a"], ["a"], "s1", {"seq": 1, "state": "s1"})["rebuild"] is False


def test_plan_tick_rebuilds_on_a_rename_or_provenance_change():
    plan = plan_tick(["a"], ["a"], "s2", {"seq": 1, "state": "s1"})
    assert plan["rebuild"] and plan["added"] == [] and plan["removed"] == []


@pytest.fixture
def setup(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(FORMS / "gbk_city.txt", raw)
    paths = FypPaths(raw_dir=str(raw), warehouse_path=str(tmp_path / "wh" / "fyp.duckdb"))
    return raw, paths, dg.DagsterInstance.ephemeral()


@pytest.fixture
def persistent(setup):
    # Schedule contexts need a persistent instance (a temporary DAGSTER_HOME).
    raw, paths, _ = setup
    with dg.instance_for_test() as instance:
        yield raw, paths, instance


def tick(instance, paths, cursor):
    sensor = defs.get_sensor_def("raw_folder_sensor")
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"paths": paths}, definitions=defs)
    result = sensor(context)
    if isinstance(result, dg.SensorResult):
        # Apply what the daemon would: the partition changes.
        for req in result.dynamic_partitions_requests or []:
            if isinstance(req, dg.AddDynamicPartitionsRequest):
                instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
            else:
                for key in req.partition_keys:
                    instance.delete_dynamic_partition(req.partitions_def_name, key)
    return result


def test_sensor_turns_new_changed_and_removed_files_into_partitions_and_runs(setup):
    raw, paths, instance = setup
    first = tick(instance, paths, None)
    (request,) = first.run_requests
    (only_id,) = instance.get_dynamic_partitions("notices")
    assert request.job_name == "ingest_notices"
    assert (
        request.tags["dagster/asset_partition_range_start"]
        == request.tags["dagster/asset_partition_range_end"]
        == only_id
    )
    assert isinstance(tick(instance, paths, first.cursor), dg.SkipReason)

    shutil.copy2(FORMS / "big5_traditional.txt", raw)
    shutil.copy2(FORMS / "saved_page.htm", raw)
    second = tick(instance, paths, first.cursor)
    (request,) = second.run_requests
    new_ids = sorted(set(instance.get_dynamic_partitions("notices")) - {only_id})
    assert len(new_ids) == 2
    assert (
        request.tags["dagster/asset_partition_range_start"],
        request.tags["dagster/asset_partition_range_end"],
    ) == tuple(new_ids)
    assert request.run_key != first.run_requests[0].run_key

    (raw / "gbk_city.txt").unlink()
    third = tick(instance, paths, second.cursor)
    (request,) = third.run_requests
    assert request.job_name == "build_warehouse"
    assert only_id not in instance.get_dynamic_partitions("notices")
    assert json.loads(third.cursor)["seq"] == 3


def test_sensor_evaluated_again_asks_for_the_same_run_key(setup):
    _, paths, instance = setup
    sensor = defs.get_sensor_def("raw_folder_sensor")
    keys = [
        sensor(dg.build_sensor_context(instance=instance, cursor=None, resources={"paths": paths}, definitions=defs))
        .run_requests[0]
        .run_key
        for _ in range(2)
    ]
    assert keys[0] == keys[1]


def test_a_duplicate_under_a_new_name_adds_no_partition(setup):
    raw, paths, instance = setup
    first = tick(instance, paths, None)
    (raw / "copy.txt").write_bytes((raw / "gbk_city.txt").read_bytes())
    second = tick(instance, paths, first.cursor)
    assert len(instance.get_dynamic_partitions("notices")) == 1
    # The folder did change (a file to record in ingest_issues): the warehouse is rebuilt.
    assert [r.job_name for r in second.run_requests] == ["build_warehouse"]


@pytest.mark.skipif(
    "daily_release" not in {s.name for s in defs.schedules or []},
    reason="the release asset is not in the definitions yet",
)
def test_release_schedule_publishes_only_when_the_warehouse_changed(persistent):
    from fyp.orchestration.schedules import DIGEST_TAG

    raw, paths, instance = persistent
    schedule = defs.get_schedule_def("daily_release")
    context = dg.build_schedule_context(instance=instance, resources={"paths": paths})
    assert isinstance(schedule.evaluate_tick(context).skip_message, str)  # no warehouse yet
    write_built(raw, paths)
    (request,) = schedule.evaluate_tick(context).run_requests
    assert request.tags[DIGEST_TAG]


def test_release_schedule_skips_a_tick_while_a_build_updates_the_warehouse(persistent):
    import subprocess
    import sys

    raw, paths, instance = persistent
    write_built(raw, paths)
    schedule = defs.get_schedule_def("daily_release")
    context = dg.build_schedule_context(instance=instance, resources={"paths": paths})
    # An update in place holds DuckDB's write lock on the file, as this process does.
    code = (
        f"import duckdb, time; con = duckdb.connect({str(paths.warehouse)!r}); "
        "print('open', flush=True); time.sleep(60)"
    )
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        assert "being written" in schedule.evaluate_tick(context).skip_message
    finally:
        writer.kill()
        writer.wait()
    assert schedule.evaluate_tick(context).run_requests


def test_release_schedule_logic_on_a_stand_in_release_job(persistent):
    from fyp.orchestration.schedules import DIGEST_TAG, build_release_schedule

    raw, paths, instance = persistent

    @dg.asset(name="release")
    def stand_in():
        return None

    job = dg.define_asset_job("publish_release", selection="release")
    schedule = build_release_schedule(job)
    local = dg.Definitions(assets=[stand_in], jobs=[job], schedules=[schedule], resources={"paths": paths})
    schedule = local.get_schedule_def("daily_release")

    def evaluate():
        return schedule.evaluate_tick(dg.build_schedule_context(instance=instance, resources={"paths": paths}))

    assert "no warehouse" in evaluate().skip_message
    write_built(raw, paths)
    (request,) = evaluate().run_requests
    local.resolve_job_def("publish_release").execute_in_process(instance=instance, tags=request.tags)
    assert "has not changed" in evaluate().skip_message
    write_built(raw, paths)  # same rows again
    assert "has not changed" in evaluate().skip_message
    shutil.copy2(FORMS / "big5_traditional.txt", raw)
    write_built(raw, paths)
    (again,) = evaluate().run_requests
    assert again.tags[DIGEST_TAG] != request.tags[DIGEST_TAG]
