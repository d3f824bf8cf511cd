"""The raw-folder sensor: new, changed and removed notices → partitions and runs.

Each tick scans the raw folder (hashes are remembered by size and mtime, so only new or touched files
are read) and compares the notice ids found with the dynamic partitions:

* new ids (a new file, or new bytes under an old name) are added as partitions and requested in ONE
  run over the range of partitions just added (the asset's single-run backfill policy), which also
  rebuilds the warehouse from the extraction cache;
* ids no longer present are deleted as partitions and the warehouse is rebuilt without them;
* a rename or a change to provenance.csv alone rebuilds the warehouse.

The cursor holds a sequence number and the digest of the folder state last acted on. Run keys are
``<what>-<digest of the ids>-<seq>``: a tick that is evaluated again after a crash asks for the same
run keys and Dagster runs them once; a notice removed and later dropped in again gets a new run.
While a run this sensor asked for is still queued or running, the sensor waits (so warehouse builds
never overlap); the files are picked up on the next tick.
"""

import hashlib
import json

import dagster as dg

from fyp.orchestration.assets import notice_partitions
from fyp.orchestration.resources import FypPaths
from fyp.tables.cache import extractor_version
from fyp.tables.incremental import scan_raw

SENSOR_TAG = "fyp/trigger"
# Seconds between ticks unless FYP_SENSOR_INTERVAL says otherwise (fyp.orchestration.definitions; tests use a few
# seconds).
SENSOR_INTERVAL = 60
_ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def _digest(ids) -> str:
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]


def plan_tick(current: list[str], existing: list[str], state: str, cursor: dict) -> dict:
    """What one tick should do, as plain data (pure: tested without Dagster).

    Returns {"added": [...], "removed": [...], "rebuild": bool, "seq": int, "state": str}.
    """
    existing_set, current_set = set(existing), set(current)
    added = sorted(current_set - existing_set)
    removed = sorted(existing_set - current_set)
    changed = state != cursor.get("state")
    return {
        "added": added,
        "removed": removed,
        "rebuild": bool(added or removed or changed),
        "seq": int(cursor.get("seq", 0)) + 1,
        "state": state,
    }


def build_raw_folder_sensor(ingest_job, rebuild_job, interval_s: int = SENSOR_INTERVAL) -> dg.SensorDefinition:
    """The sensor, asking for ``ingest_job`` (per-notice partitions and everything downstream up to the
    warehouse) when notices arrive and ``rebuild_job`` (the warehouse only) otherwise."""
    ingest_job_name, rebuild_job_name = ingest_job.name, rebuild_job.name

    @dg.sensor(
        name="raw_folder_sensor",
        jobs=[ingest_job, rebuild_job],
        minimum_interval_seconds=interval_s,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Watches the raw folder: new or changed notices become partitions and are extracted, "
        "removed ones leave the warehouse; each change rebuilds the warehouse from the extraction cache.",
    )
    def raw_folder_sensor(context: dg.SensorEvaluationContext, paths: FypPaths):
        cursor = json.loads(context.cursor) if context.cursor else {}
        scan = scan_raw(paths.raw, paths.cache)
        # A new extractor version changes the state too: the warehouse is rebuilt with the new code.
        state = f"{scan.state_digest()}-{extractor_version()}"
        plan = plan_tick(
            scan.notice_ids, context.instance.get_dynamic_partitions(notice_partitions.name), state, cursor
        )
        if not plan["rebuild"]:
            return dg.SkipReason("no new, changed or removed notices")
        active = context.instance.get_runs(
            filters=dg.RunsFilter(tags={SENSOR_TAG: "raw_folder_sensor"}, statuses=_ACTIVE), limit=1
        )
        if active:
            return dg.SkipReason(f"waiting for run {active[0].run_id} to finish before acting on the folder's changes")
        seq, added, removed = plan["seq"], plan["added"], plan["removed"]
        tags = {SENSOR_TAG: "raw_folder_sensor"}
        if added:
            context.log.info(f"{len(added)} new notice(s): {', '.join(added[:20])}")
            # Partitions are added in this order before the run request is resolved, so the new ones
            # are a contiguous range at the end of the partition list.
            range_tags = {
                "dagster/asset_partition_range_start": added[0],
                "dagster/asset_partition_range_end": added[-1],
            }
            request = dg.RunRequest(
                run_key=f"notices-{_digest(added)}-{seq}", job_name=ingest_job_name, tags=tags | range_tags
            )
        else:
            request = dg.RunRequest(
                run_key=f"rebuild-{_digest(scan.notice_ids)}-{seq}", job_name=rebuild_job_name, tags=tags
            )
        if removed:
            context.log.info(f"{len(removed)} notice(s) gone from the raw folder: {', '.join(removed[:20])}")
        dynamic = []
        if added:
            dynamic.append(notice_partitions.build_add_request(added))
        if removed:
            dynamic.append(notice_partitions.build_delete_request(removed))
        return dg.SensorResult(
            run_requests=[request],
            dynamic_partitions_requests=dynamic,
            cursor=json.dumps({"seq": seq, "state": state}),
        )

    return raw_folder_sensor
