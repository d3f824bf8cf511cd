"""Targets F1 against the gold annotations: seeds (raw/) and the shared dev notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from fyp.evaluate.targets import run

ROOT = Path(__file__).resolve().parents[2]
DEV_NOTICES = ROOT.parent / "shared" / "dev-notices"
SEED_GOLD = [ROOT / "gold" / f"seeds_{p}.jsonl" for p in ("11th", "12th", "14th")]
DEV_GOLD = ROOT / "gold" / "dev_notices_targets.jsonl"


def test_seeds_f1():
    result, predicted = run([ROOT / "raw"], SEED_GOLD)
    assert len(predicted) == 5
    assert result["tp"] + result["fn"] == 139
    assert result["f1"] >= 0.95, (result["misses"], result["false_hits"])
    for field, acc in result["field_accuracy"].items():
        assert acc >= 0.9, field


def test_dev_notices_f1():
    if not DEV_NOTICES.is_dir() or not DEV_GOLD.is_file():
        pytest.skip("shared dev notices not available")
    result, predicted = run([DEV_NOTICES], [DEV_GOLD])
    assert len(predicted) == 20
    # Measured 1.000 (tp=156, fp=0, fn=0) when this floor was set.
    assert result["f1"] >= 0.95, (result["misses"], result["false_hits"])
    assert result["field_accuracy"]["direction"] >= 0.9
    assert result["field_accuracy"]["baseline_year"] >= 0.9
