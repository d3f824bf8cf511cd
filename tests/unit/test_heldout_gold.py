"""The blind held-out gold set (gold/HELDOUT.md): well-formed annotations, and score floors.

Floors sit about 0.05 under what was measured when the set was first scored, so that a regression
on notices the extractor author never saw shows up.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gold_scores import gold_set

ROOT = Path(__file__).resolve().parents[2]
NOTICES = ROOT / "tests" / "notices" / "heldout"
TARGETS_GOLD = ROOT / "gold" / "heldout_targets.jsonl"
DEADLINES_GOLD = ROOT / "gold" / "heldout_deadlines.jsonl"

DIRECTIONS = {"decrease", "increase", "reach", "cap", "complete"}
QUALIFIERS = {"about", "at_least", "at_most", "exact", None}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _source(doc: str) -> str:
    return (NOTICES / doc).read_text(encoding="utf-8")


def test_ten_notices_of_realistic_length():
    files = sorted(NOTICES.glob("*.txt"))
    assert len(files) == 10
    for path in files:
        assert 1500 <= len(path.read_text(encoding="utf-8")) <= 4000, path.name


@pytest.mark.parametrize("path", [TARGETS_GOLD, DEADLINES_GOLD], ids=lambda p: p.name)
def test_quotes_are_exact_substrings(path):
    for rec in _records(path):
        assert rec["quote"] in _source(rec["doc"]), (rec["doc"], rec["quote"])


def test_target_records_follow_schema():
    recs = _records(TARGETS_GOLD)
    assert {r["doc"] for r in recs} == {p.name for p in NOTICES.glob("*.txt")}
    for r in recs:
        assert r["kind"] == "target"
        assert isinstance(r["value"], float)
        assert r["direction"] in DIRECTIONS and r["qualifier"] in QUALIFIERS
        assert isinstance(r["strive"], bool)
        assert r["target_year"] is None or 2005 <= r["target_year"] <= 2025
        assert r["baseline_year"] is None or r["baseline_year"] < (r["target_year"] or 9999)


def test_deadline_records_follow_schema():
    for r in _records(DEADLINES_GOLD):
        assert r["kind"] == "deadline"
        assert r["date_text"] in r["quote"], r["quote"]
        date = dt.date.fromisoformat(r["date"])
        assert r["precision"] in {"year", "month", "day"}
        if r["precision"] == "year":
            assert (date.month, date.day) == (12, 31)


def test_heldout_targets_floor():
    data = gold_set("heldout")
    result = data["scores"]["targets"]
    assert len(data["notices"]) == 10
    assert result["tp"] + result["fn"] == len(_records(TARGETS_GOLD))
    # Measured P=0.973 R=0.973 F1=0.973 (tp=219 fp=6 fn=6) when these floors were set.
    assert result["precision"] >= 0.92, result["false_hits"]
    assert result["recall"] >= 0.92, result["misses"]
    assert result["f1"] >= 0.92
    # Measured direction 0.959, baseline_year 0.973 (several are borderline conventions, see HELDOUT.md).
    assert result["field_accuracy"]["direction"] >= 0.90
    assert result["field_accuracy"]["baseline_year"] >= 0.92


def test_heldout_deadlines_floor():
    result = gold_set("heldout")["scores"]["deadlines"]
    assert result["gold"] == len(_records(DEADLINES_GOLD))
    assert not result["unlocated_gold"]
    # Measured P=0.904 R=0.959 F1=0.931 (tp=47 fp=5 fn=2) when these floors were set.
    assert result["precision"] >= 0.85, result["false_hits"]
    assert result["recall"] >= 0.90, result["misses"]
    assert result["f1"] >= 0.88
