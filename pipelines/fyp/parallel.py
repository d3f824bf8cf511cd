"""Spread per-notice work over the machine's cores, results in input order (so runs are deterministic).

Extraction is pure Python and CPU-bound, one notice at a time, so processes (not threads) are what
scales it. ``FYP_WORKERS`` sets the number of processes (``1`` = in this process, no pool).

A worker never outlives the process that started the pool: a SIGKILL gives that process no chance to
stop its pool, and a worker left behind would go on extracting, then wait for work forever (holding
whatever it inherited, the warehouse's lock among it). On Linux the kernel kills each worker when its
parent dies (``PR_SET_PDEATHSIG``; a fork server's workers die with it, and it exits with the process
that started it); everywhere, a watchdog thread in each worker ends it once its parent is gone.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

# Below this many items per worker, starting processes costs more than it saves.
MIN_ITEMS_PER_WORKER = 8
# Modules a fresh worker would import anyway: the fork server imports them once for all workers.
_PRELOAD = ["fyp.extract.notice", "fyp.metadata.infer", "fyp.text.normalize"]


def worker_count(n_items: int, workers: int | None = None, min_items_per_worker: int = MIN_ITEMS_PER_WORKER) -> int:
    if workers is None:
        env = os.environ.get("FYP_WORKERS", "").strip()
        workers = (
            int(env)
            if env
            else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        )
    return max(1, min(workers, n_items // min_items_per_worker))


def parallel_map(
    fn: Callable,
    items: Iterable,
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    min_items_per_worker: int = MIN_ITEMS_PER_WORKER,
) -> list:
    """``[fn(x) for x in items]``, computed by a pool of worker processes when that pays.

    ``fn`` must be a module-level function and items and results picklable. Order is kept.
    """
    items = list(items)
    n = worker_count(len(items), workers, min_items_per_worker)
    if n <= 1:
        return [fn(x) for x in items]
    # Small chunks keep both workers busy to the end (a worker left without work waits, on average, half
    # a chunk for the other); big ones cut the per-item messaging. About 32 chunks a worker, at most 64 items.
    chunksize = chunksize or max(1, min(64, len(items) // (n * 32)))
    context = _context()
    if context.get_start_method() == "fork":
        _warm()  # once, here: every forked worker inherits it instead of paying it itself
    with ProcessPoolExecutor(
        max_workers=n, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        return list(pool.map(fn, items, chunksize=chunksize))


def _context():
    methods = multiprocessing.get_all_start_methods()
    # "fork" starts at once and shares what this process has loaded, but a child forked while other
    # threads run (Dagster's) could inherit a lock one of them holds: then a fork server it is.
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _start_worker(pool_owner: int) -> None:
    _die_with_parent(pool_owner)
    _warm()


_PR_SET_PDEATHSIG = 1
# How often the watchdog looks: a worker left behind by a killed run ends within this time.
WATCHDOG_INTERVAL_S = 0.5


def _die_with_parent(pool_owner: int) -> None:
    """End this worker when its parent dies (``pool_owner``: the process that made the pool; the parent
    is that process, or the fork server it started)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    parent = os.getppid()
    if not (pid_alive(pool_owner) and pid_alive(parent)):
        os._exit(1)  # the owner died before the death signal was armed

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_INTERVAL_S)
            if os.getppid() != parent or not pid_alive(pool_owner):
                os._exit(1)

    threading.Thread(target=watch, name="fyp-worker-watchdog", daemon=True).start()


def pid_alive(pid: int | str) -> bool:
    """Whether a process of this id exists (one of another user counts); a malformed id is none."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _warm() -> None:
    """What the first notice of a process would pay (the gazetteer, patterns compiled on first use, the
    character tables): in the parent before a fork, else in each worker before its first notice."""
    from fyp.extract.warm import warm

    warm()
