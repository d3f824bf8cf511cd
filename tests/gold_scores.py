"""One `fyp evaluate` run per test session, shared by the tests that put floors on its scores."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from fyp.evaluate.report import registered_notice_folders

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FYP_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "gold"
# Each set's folder of notices, as gold/sets.json registers it (the same folders `make evaluate` scores).
FOLDERS = registered_notice_folders(GOLD, SHARED)


def gold_records(name: str) -> list[dict]:
    """The records of gold/<name>.jsonl."""
    return [json.loads(line) for line in (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


@lru_cache(maxsize=None)
def gold_set(name: str) -> dict | None:
    """The report of one gold set (None when its notices are not on this machine)."""
    from fyp.evaluate.report import evaluate

    folder = FOLDERS[name]
    if not folder.is_dir():
        return None
    files = sorted(p for p in GOLD.glob("*.jsonl"))
    report = evaluate(files, [folder])
    return report["sets"].get(name)
