"""The release schedule: once a day (by default) publish a release if the warehouse changed since the
last release this schedule published.

"Changed" is judged on content (``warehouse_digest``: every row of every table), not on the file's
time stamp, so a rebuild that produces the same rows publishes nothing. The digest travels as a run
tag; a successful release run with the current digest means there is nothing new to publish. (The
release asset itself also publishes nothing when nothing changed.)
"""

import dagster as dg
import duckdb

from fyp.orchestration.resources import FypPaths
from fyp.warehouse.store import warehouse_digest

DIGEST_TAG = "fyp/warehouse_digest"
# When the schedule runs unless FYP_RELEASE_CRON / FYP_RELEASE_TIMEZONE say otherwise (fyp.orchestration.definitions).
RELEASE_CRON = "0 6 * * *"
RELEASE_TIMEZONE = "Asia/Shanghai"


def release_request(instance: dg.DagsterInstance, job_name: str, paths: FypPaths) -> dg.RunRequest | dg.SkipReason:
    """A run request for the release job, or why there is nothing to publish."""
    try:
        digest = warehouse_digest(paths.warehouse)
    except duckdb.IOException as err:  # a build is updating the file in place (DuckDB's lock)
        return dg.SkipReason(
            f"the warehouse is being written ({str(err).splitlines()[0]}); looking again at the next tick"
        )
    if digest is None:
        return dg.SkipReason(f"no warehouse at {paths.warehouse} yet")
    done = instance.get_runs(
        filters=dg.RunsFilter(job_name=job_name, tags={DIGEST_TAG: digest}, statuses=[dg.DagsterRunStatus.SUCCESS]),
        limit=1,
    )
    if done:
        return dg.SkipReason(f"the warehouse has not changed since release run {done[0].run_id}")
    return dg.RunRequest(tags={DIGEST_TAG: digest})


def build_release_schedule(
    release_job, cron: str = RELEASE_CRON, timezone: str = RELEASE_TIMEZONE
) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="daily_release",
        job=release_job,
        cron_schedule=cron,
        execution_timezone=timezone,
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="Publishes the next release when the warehouse's content changed since the last one.",
    )
    def daily_release(context: dg.ScheduleEvaluationContext, paths: FypPaths):
        return release_request(context.instance, release_job.name, paths)

    return daily_release
