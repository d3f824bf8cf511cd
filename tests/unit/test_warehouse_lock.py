"""The warehouse lock: one run at a time across processes, re-entrant inside the process that holds it."""

import subprocess
import sys

import pytest

from fyp.warehouse.lock import WarehouseBusyError, lock_path, warehouse_lock

TRY_LOCK = """
import sys
from fyp.warehouse.lock import WarehouseBusyError, warehouse_lock
try:
    with warehouse_lock(sys.argv[1], holder="the other"):
        print("got it")
except WarehouseBusyError as err:
    print(err)
"""


def other_process_tries(path) -> str:
    return subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(path)], capture_output=True, text=True, timeout=120, check=True
    ).stdout.strip()


def test_another_process_is_refused_while_the_lock_is_held_and_told_who_holds_it(tmp_path):
    import os

    warehouse = tmp_path / "wh" / "fyp.duckdb"
    with warehouse_lock(warehouse, holder="fyp build"):
        refused = other_process_tries(warehouse)
        assert refused == (
            f"{warehouse}: another run is writing this warehouse (pid {os.getpid()}, fyp build); "
            "try again when it has finished"
        )
    assert other_process_tries(warehouse) == "got it"
    assert lock_path(warehouse).is_file() and not warehouse.exists()


def test_the_holding_process_may_take_it_again_and_keeps_it_until_the_outermost_release(tmp_path):
    warehouse = tmp_path / "fyp.duckdb"
    with warehouse_lock(warehouse, holder="fyp release"):
        with warehouse_lock(warehouse):  # the warehouse asset, run in-process by the CLI
            assert "another run is writing" in other_process_tries(warehouse)
        assert "another run is writing" in other_process_tries(warehouse)
        # the holder named is still the outer one
        assert "fyp release" in lock_path(warehouse).read_text()
    assert other_process_tries(warehouse) == "got it"


def test_a_lock_that_cannot_be_taken_raises_at_once(tmp_path):
    import fcntl

    warehouse = tmp_path / "fyp.duckdb"
    with open(lock_path(warehouse), "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # A second open file in this same process is another holder as far as flock goes.
        with pytest.raises(WarehouseBusyError):
            with warehouse_lock(warehouse):
                pass
