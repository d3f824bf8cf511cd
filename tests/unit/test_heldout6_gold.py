"""The sixth synthetic held-out set (gold/HELDOUT6.md): its scores keep a floor.

Its first run (gold/sets.json) is the blind estimate; the floors below only stop a regression.
"""

from __future__ import annotations

from gold_scores import gold_records, gold_set


def test_heldout6_floors():
    data = gold_set("heldout6")
    assert len(data["notices"]) == 12
    targets = data["scores"]["targets"]
    assert targets["tp"] + targets["fn"] == sum(r["kind"] == "target" for r in gold_records("heldout6"))
    # First run (before any rule looked at the set): P 0.871, R 0.813, F1 0.841; after the h6 rules (a
    # development score from then on) 0.996 / 0.993 / 0.994.
    assert targets["precision"] >= 0.98, targets["false_hits"]
    assert targets["f1"] >= 0.98, targets["misses"]
    # First run: indicator codes 0.968, headline flags 0.931 on matched targets; after the h6 rules 1.000 and 0.996.
    assert targets["indicator_accuracy"] >= 0.98 and targets["headline_accuracy"] >= 0.98, targets
    assert data["metadata"]["all_right"] == 12, data["metadata"]
    scores = data["scores"]
    # First run: deadlines 0.727 / 1.000 / 0.842, agencies 1.000 (roles 0.965); after: deadlines 0.923 (the four
    # left: a convention the gold sets split on, a dated unquantified action before a quantified clause), roles 1.000.
    assert scores["deadlines"]["f1"] >= 0.90, (scores["deadlines"]["misses"], scores["deadlines"]["false_hits"])
    assert scores["agencies"]["f1"] >= 0.98 and scores["agencies"]["f1_with_roles"] >= 0.98, scores["agencies"]
