"""Targets against the gold annotations: the seeds (raw/) and the shared dev notices."""

from __future__ import annotations

import pytest

from gold_scores import gold_set


def _set(name):
    data = gold_set(name)
    if data is None:
        pytest.skip(f"the notices of {name} are not on this machine")
    return data


def test_seeds_f1():
    data = _set("seeds")
    result = data["scores"]["targets"]
    assert len(data["notices"]) == 5
    assert result["tp"] + result["fn"] == 139
    assert result["f1"] >= 0.95, (result["misses"], result["false_hits"])
    for field, acc in result["field_accuracy"].items():
        assert acc >= 0.9, field


def test_dev_notices_f1():
    data = _set("dev_notices")
    result = data["scores"]["targets"]
    assert len(data["notices"]) == 20
    # Measured 1.000 (tp=156, fp=0, fn=0) when this floor was set.
    assert result["f1"] >= 0.95, (result["misses"], result["false_hits"])
    assert result["field_accuracy"]["direction"] >= 0.9
    assert result["field_accuracy"]["baseline_year"] >= 0.9
