"""Two builds at once, and a build killed with SIGKILL half-way: the warehouse is never corrupted.

The builds are real `fyp build` processes. A hook used only by these tests
(FYP_TEST_PAUSE_BEFORE_REPLACE in fyp.warehouse.store) holds a build still at the worst moment: the
new content is written but not yet in effect (a new file not renamed into place, or an update of the
file not committed), and the build holds the lock.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import RAW, REPO
from fyp.tables.registry import table_names

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "notices" / "forms"
TABLES = table_names("table")


def command(raw: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)]


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def start_paused(raw: Path, warehouse: Path, tmp: Path) -> tuple[subprocess.Popen, Path, Path]:
    marker, until = tmp / "paused", tmp / "go-on"
    env = {
        **os.environ,
        "FYP_TEST_PAUSE_BEFORE_REPLACE": "300",
        "FYP_TEST_PAUSE_MARKER": str(marker),
        "FYP_TEST_PAUSE_UNTIL": str(until),
    }
    proc = subprocess.Popen(
        command(raw, warehouse),
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached the warehouse write"
        time.sleep(0.2)
    return proc, marker, until


@pytest.fixture
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def test_a_second_build_while_one_is_writing_is_refused_clearly(raw, tmp_path):
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    first, _, until = start_paused(raw, warehouse, tmp_path)
    try:
        second = subprocess.run(command(raw, warehouse), capture_output=True, text=True, cwd=REPO, timeout=600)
        assert second.returncode != 0
        assert "another run is writing this warehouse" in second.stderr
        assert not warehouse.exists()  # the refused build wrote nothing
        until.touch()
        out, err = first.communicate(timeout=600)
        assert first.returncode == 0, err[-3000:]
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert counts(warehouse)["notices"] == 5
    # Once the first build is done, the next one goes through.
    assert (
        subprocess.run(command(raw, warehouse), capture_output=True, text=True, cwd=REPO, timeout=600).returncode == 0
    )


def release_command(raw: Path, warehouse: Path, exports: Path) -> list[str]:
    paths = ["--raw", str(raw), "--warehouse", str(warehouse), "--exports", str(exports), "--gold", str(REPO / "gold")]
    return [sys.executable, "-m", "fyp.cli", "release", *paths]


def verify(release: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fyp.cli", "verify", str(release)], capture_output=True, text=True, cwd=REPO, timeout=600
    )


@pytest.mark.parametrize("way", ["in_place", "copy"])
def test_a_run_killed_half_way_leaves_warehouse_and_releases_intact_and_the_next_run_recovers(raw, tmp_path, way):
    """``in_place``: adding a notice is one DuckDB transaction on the warehouse, killed before it commits.
    ``copy``: an analyst has the warehouse open, so the update goes to a copy, killed before its rename."""
    from fyp.warehouse.store import warehouse_digest

    warehouse, exports = tmp_path / "wh" / "fyp.duckdb", tmp_path / "exports"
    done = subprocess.run(
        release_command(raw, warehouse, exports), capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (first_release,) = [p for p in exports.iterdir() if p.is_dir()]
    old, old_digest, old_bytes = counts(warehouse), warehouse_digest(warehouse), warehouse.read_bytes()

    shutil.copy2(FORMS / "gbk_city.txt", raw)
    (tmp_path / "kill").mkdir()
    reader = None
    if way == "copy":
        code = (
            f"import duckdb, time; con = duckdb.connect({str(warehouse)!r}, read_only=True); "
            "print('open', flush=True); time.sleep(600)"
        )
        reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert reader.stdout.readline().strip() == "open"
    env = {
        **os.environ,
        "FYP_TEST_PAUSE_BEFORE_REPLACE": "300",
        "FYP_TEST_PAUSE_MARKER": str(tmp_path / "kill" / "paused"),
    }
    proc = subprocess.Popen(
        release_command(raw, warehouse, exports),
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not (tmp_path / "kill" / "paused").exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the run never reached the warehouse write"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if reader is not None:
            reader.kill()
            reader.wait()
    if way == "copy":
        assert list(warehouse.parent.glob(".fyp.duckdb.*.tmp*")), (
            "the killed run should have left its unfinished copy behind"
        )
        assert warehouse.read_bytes() == old_bytes
    # Opening the file replays only committed work: the notice added by the killed run is not there.
    assert counts(warehouse) == old and warehouse_digest(warehouse) == old_digest
    assert [p for p in exports.iterdir() if p.is_dir()] == [first_release]
    assert verify(first_release).returncode == 0

    again = subprocess.run(
        release_command(raw, warehouse, exports), capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert again.returncode == 0, again.stderr[-3000:]
    new = counts(warehouse)
    assert new["notices"] == old["notices"] + 1 and new["targets"] > old["targets"]
    assert list(warehouse.parent.glob(".fyp.duckdb.*.tmp*")) == []
    releases = sorted(p for p in exports.iterdir() if p.is_dir())
    assert len(releases) == 2 and all(verify(r).returncode == 0 for r in releases)
