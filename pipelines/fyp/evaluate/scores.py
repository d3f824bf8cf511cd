"""Precision, recall and F1, the way every evaluation here reports them."""

from __future__ import annotations


def precision_recall_f1(
    right_predictions: int, predictions: int, found_gold: int, gold: int
) -> tuple[float, float, float]:
    """Precision = right predictions / predictions; recall = gold items found / gold items
    (0.0 when nothing to divide by).

    The two numerators differ when one gold item can be matched by several predictions (deadlines).
    """
    precision = right_predictions / predictions if predictions else 0.0
    recall = found_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
