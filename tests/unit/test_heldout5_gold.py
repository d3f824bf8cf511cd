"""The fifth synthetic held-out set (gold/HELDOUT5.md): its scores keep a floor.

Its first run (gold/sets.json) is the blind estimate; the floors below only stop a regression.
"""

from __future__ import annotations

from gold_scores import gold_records, gold_set


def test_heldout5_floors():
    data = gold_set("heldout5")
    assert len(data["notices"]) == 12
    targets = data["scores"]["targets"]
    assert targets["tp"] + targets["fn"] == sum(r["kind"] == "target" for r in gold_records("heldout5"))
    # First run (before any rule looked at the set): P 0.967, R 0.951, F1 0.959; after the h5 rules (a
    # development score from then on) 0.997 / 0.984 / 0.990.
    assert targets["precision"] >= 0.98, targets["false_hits"]
    assert targets["f1"] >= 0.98, targets["misses"]
    # First run: indicator codes 0.958, headline flags 0.931 on matched targets; after the h5 rules 0.997 and 0.970.
    assert targets["indicator_accuracy"] >= 0.98 and targets["headline_accuracy"] >= 0.96, targets
    # First run: 11 of 12 (f06's region was corrected afterwards: the excerpt does not name its city; HELDOUT5.md).
    assert data["metadata"]["all_right"] == 12, data["metadata"]
    scores = data["scores"]
    # First run: deadlines 0.862 / 0.926 / 0.893, agencies 0.902 / 0.579 / 0.705 (roles 0.692); after: 1.000 each.
    assert scores["deadlines"]["f1"] >= 0.97, (scores["deadlines"]["misses"], scores["deadlines"]["false_hits"])
    assert scores["agencies"]["f1"] >= 0.98 and scores["agencies"]["f1_with_roles"] >= 0.98, scores["agencies"]
