"""The real `dagster dev` (webserver and daemon) picks up a notice dropped into the raw folder.

The sensor's interval is shortened with FYP_SENSOR_INTERVAL; the test polls the DuckDB file (read-only)
for a bounded time and stops every process it started (its whole process group) at the end.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import RAW, REPO

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "notices" / "forms"
WAIT_S = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query(warehouse: Path, sql: str):
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()
    except duckdb.Error:
        return None


def wait_for(what: str, check, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if check():
            print(f"{what}: {WAIT_S - (deadline - time.monotonic()):.0f} s", file=sys.stderr)
            return
        if proc.poll() is not None:
            pytest.fail(f"dagster dev exited ({proc.returncode}) while waiting for {what}:\n{log.read_text()[-4000:]}")
        time.sleep(1)
    pytest.fail(f"no {what} within {WAIT_S} s; dagster dev log:\n{log.read_text()[-4000:]}")


def test_a_dropped_notice_reaches_the_warehouse(tmp_path):
    raw, home = tmp_path / "raw", tmp_path / "dagster_home"
    raw.mkdir()
    home.mkdir()
    shutil.copy2(REPO / "dagster.yaml", home / "dagster.yaml")  # the instance settings `make dagster` uses
    seeds = sorted(RAW.glob("*.txt"))[:2]
    for path in seeds:
        shutil.copy2(path, raw / path.name)
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "FYP_RAW": str(raw),
        "FYP_WAREHOUSE": str(warehouse),
        "FYP_EXPORTS": str(tmp_path / "exports"),
        "FYP_SENSOR_INTERVAL": "2",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "pipelines"), os.environ.get("PYTHONPATH")])),
    }
    log = tmp_path / "dagster.log"
    dagster = str(Path(sys.executable).with_name("dagster"))
    with log.open("w") as out:
        proc = subprocess.Popen(
            [dagster, "dev", "-m", "fyp.orchestration.definitions", "-h", "127.0.0.1", "-p", str(free_port())],
            env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        count_sql = "SELECT count(*) FROM notices"
        wait_for(
            "warehouse with the two notices already there", lambda: query(warehouse, count_sql) == [(2,)], proc, log
        )

        shutil.copy2(FORMS / "gbk_city.txt", raw / "gbk_city.txt")
        targets_sql = (
            "SELECT t.evidence FROM targets t JOIN notices n USING (notice_id) WHERE n.source_file = 'gbk_city.txt'"
        )
        wait_for("targets of the dropped notice", lambda: bool(query(warehouse, targets_sql)), proc, log)
        evidence = {e for (e,) in query(warehouse, targets_sql)}
        assert "全市单位地区生产总值能耗比2010年下降16%" in evidence

        (raw / seeds[0].name).unlink()
        gone_sql = f"SELECT count(*) FROM notices WHERE source_file = '{seeds[0].name}'"
        wait_for("the removed notice leaving the warehouse", lambda: query(warehouse, gone_sql) == [(0,)], proc, log)
        assert query(warehouse, count_sql) == [(2,)]
    finally:
        t0 = time.monotonic()
        for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        print(f"stop: {time.monotonic() - t0:.0f} s", file=sys.stderr)
        # Whatever is left of the group (code server, daemon, run workers) goes too.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
