"""One run at a time on a warehouse: an exclusive lock on ``<warehouse>.lock`` beside it.

`fyp build` and `fyp release` take it before they do anything else and hold it to the end, so a second
run is refused at once, before it scans, extracts or writes a byte, and can never disturb the first.
The warehouse asset takes it too (for runs of the Dagster daemon); in a process that already holds it
(the CLI running the asset graph in-process) taking it again is a no-op, because flock locks belong to
open files and a second open of the lock file in the same process would refuse its own holder.

The kernel releases the lock when the holder dies, however it dies (kill -9 included): no stale lock
file ever needs removing by hand. Only this module's standard-library imports are needed to refuse.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path


class WarehouseBusyError(RuntimeError):
    pass


_held: dict[str, int] = {}
_guard = threading.Lock()


def lock_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


@contextlib.contextmanager
def warehouse_lock(path: Path, holder: str = ""):
    """Hold the exclusive lock of warehouse ``path`` for the duration, or raise WarehouseBusyError at once.
    ``holder`` (e.g. the command) is written into the lock file, for the message another run shows."""
    lock = lock_path(path)
    key = os.path.abspath(lock)
    with _guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key] -= 1
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            who = fh.read().strip() or "another process"
            raise WarehouseBusyError(
                f"{path}: another run is writing this warehouse ({who}); try again when it has finished"
            ) from None
        # Who holds it, for the message of a refused run; only a hint (a full disk may keep it from being written).
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()}{', ' + holder if holder else ''}")
            fh.flush()
        with _guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _guard:
                del _held[key]
    finally:
        with contextlib.suppress(OSError):
            fh.close()
