"""Two builds at once, and a build killed with SIGKILL half-way: the warehouse is never corrupted, a
second build is refused at once, and no worker process outlives a killed build.

The builds are real `fyp build` processes. A hook used only by these tests
(FYP_TEST_PAUSE_BEFORE_REPLACE in fyp.warehouse.store) holds a build still at the worst moment: the
new content is written but not yet in effect (a new file not renamed into place, or an update of the
file not committed), and the build holds the lock.
"""

import contextlib
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


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder``: (size, mtime_ns), to show a refused run touched nothing."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def assert_refused(proc: subprocess.CompletedProcess, warehouse: Path, holder: int) -> None:
    assert proc.returncode == 75, proc.stderr[-3000:]
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr[-3000:]
    assert lines[0].startswith(f"error: {warehouse}: another run is writing this warehouse (pid {holder}, fyp ")
    assert lines[0].endswith("try again when it has finished")


def test_a_second_build_while_one_is_writing_is_refused_at_once_every_time_before_it_does_any_work(raw, tmp_path):
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    first, marker, until = start_paused(raw, warehouse, tmp_path)
    try:
        before = snapshot(warehouse.parent)
        exports = tmp_path / "exports"
        for attempt in [command(raw, warehouse)] * 3 + [release_command(raw, warehouse, exports)]:
            start = time.monotonic()
            second = subprocess.run(attempt, capture_output=True, text=True, cwd=REPO, timeout=120)
            assert_refused(second, warehouse, first.pid)
            # Refused before Dagster is even imported, let alone the folder scanned.
            assert time.monotonic() - start < 60
            assert snapshot(warehouse.parent) == before  # no cache file, memo or warehouse touched
            assert not exports.exists()
        assert not warehouse.exists()
        until.touch()
        out, err = first.communicate(timeout=600)
        assert first.returncode == 0, err[-3000:]
        assert err == ""
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert counts(warehouse)["notices"] == 5
    # Once the first build is done, the next one goes through.
    assert (
        subprocess.run(command(raw, warehouse), capture_output=True, text=True, cwd=REPO, timeout=600).returncode == 0
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough synthetic notices that extraction keeps two worker processes busy for a while."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "--n", "40", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / "raw"


def start_extracting(raw: Path, warehouse: Path) -> tuple[subprocess.Popen, list]:
    """A `fyp build` with two extraction workers, once they are running: (the build, its descendants)."""
    import psutil

    proc = subprocess.Popen(
        command(raw, warehouse),
        env={**os.environ, "FYP_WORKERS": "2"},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while True:
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the build never started its workers"
        children = psutil.Process(proc.pid).children(recursive=True)
        if len(children) >= 2:
            return proc, children
        time.sleep(0.05)


def test_after_a_sigkill_of_fyp_build_no_worker_outlives_it(corpus, tmp_path):
    import psutil

    warehouse = tmp_path / "wh" / "fyp.duckdb"
    proc, workers = start_extracting(corpus, warehouse)
    try:
        # Only the build itself is killed, as `kill -9 <pid>` does (not its process group).
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        alive = workers
        while alive and time.monotonic() < deadline:
            alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
            time.sleep(0.1)
        assert alive == [], f"worker processes outlived the killed build: {[p.pid for p in alive]}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    # Nothing holds the lock: the next build runs, and takes what the killed one's workers cached.
    again = subprocess.run(command(corpus, warehouse), capture_output=True, text=True, cwd=REPO, timeout=900)
    assert again.returncode == 0, again.stderr[-3000:]
    assert counts(warehouse)["notices"] == 40


def test_a_second_build_during_extraction_is_refused_and_the_first_completes(corpus, tmp_path):
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    first, _ = start_extracting(corpus, warehouse)
    try:
        second = subprocess.run(command(corpus, warehouse), capture_output=True, text=True, cwd=REPO, timeout=120)
        assert_refused(second, warehouse, first.pid)
        _, err = first.communicate(timeout=900)
        assert first.returncode == 0, err[-3000:]
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert counts(warehouse)["notices"] == 40


# A pool made while other threads run uses a fork server: its workers are the server's children, not the
# caller's. They must die with the caller all the same.
POOL_SCRIPT = """
import sys, threading, time
from fyp.parallel import parallel_map

def slow(x):
    time.sleep(120)
    return x

if __name__ == "__main__":
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()  # so the pool uses a fork server
    print("start", flush=True)
    parallel_map(slow, range(4), workers=2, min_items_per_worker=1)
"""


def test_workers_of_a_fork_server_pool_die_with_the_process_that_made_it(tmp_path):
    import psutil

    script = tmp_path / "pool.py"
    script.write_text(POOL_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=REPO, start_new_session=True
    )
    try:
        assert proc.stdout.readline().strip() == "start"
        deadline = time.monotonic() + 120
        while True:
            kids = psutil.Process(proc.pid).children(recursive=True)
            # the fork server (and the resource tracker), and two workers below the server
            if sum(1 for k in kids if k.ppid() != proc.pid) >= 2:
                break
            assert time.monotonic() < deadline, [k.cmdline() for k in kids]
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        alive = kids
        while alive and time.monotonic() < deadline:
            alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
            time.sleep(0.1)
        assert alive == [], [p.cmdline() for p in alive]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


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
