"""Score extracted targets against the gold annotations (gold/SCHEMA.md).

A predicted row matches a gold target when the document, the value, the unit and the target year
agree (a missing target year on either side counts as the plan period's end year). Matching is
one-to-one; among candidates with the same key the one with the same indicator code is preferred.

Gold sets differ on restatements (a target stated twice in a notice), and each says which it follows in
gold/sets.json (``restatements``): ``once`` (gold/SCHEMA.md: annotated once), so the rows that restate
another (``restatement_of`` set) are left out before matching; or ``each`` (every statement annotated, as
dev-notices-2's README_a/README_b do), so every row is matched. A set that does not say follows ``each``,
the newest convention.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from fyp.evaluate.quotes import locate_quote, overlaps
from fyp.evaluate.scores import precision_recall_f1
from fyp.extract.indicators import classify_indicator
from fyp.text.normalize import to_simplified

FIELDS = ("direction", "baseline_year", "is_aspirational")
RESTATEMENT_CONVENTIONS = ("once", "each")
DEFAULT_RESTATEMENTS = "each"


def rows_to_match(rows: list[dict], restatements: str) -> list[dict]:
    """The target rows a gold set following ``restatements`` (``once`` or ``each``) is scored against."""
    if restatements not in RESTATEMENT_CONVENTIONS:
        raise ValueError(f"restatements must be one of {', '.join(RESTATEMENT_CONVENTIONS)}, not {restatements!r}")
    if restatements == "each":
        return rows
    return [row for row in rows if row.get("restatement_of") is None]


def load_gold(paths) -> list[dict]:
    """The kind == "target" records of the given JSONL files."""
    out: list[dict] = []
    for path in paths:
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                if rec.get("kind") == "target":
                    out.append(rec)
    return out


def _unit(u) -> str:
    return "".join(to_simplified(u or "").split())


def _key(doc: str, value, unit, year, plan_end: int | None) -> tuple:
    y = year if year is not None else plan_end
    return (doc, round(float(value), 6), _unit(unit), y)


def match_targets(
    predicted: dict[str, list[dict]], gold: list[dict],
    plan_end_year: dict[str, int | None], sources: dict[str, str] | None = None
):
    """One-to-one matching: (pairs of (gold, predicted row), misses, false hits).

    Among rows with the same key, the one whose evidence meets the gold quote is preferred, then
    the one with the gold's indicator code, then the first in the text.
    """
    pred_by_key: dict[tuple, list[tuple[str, int, dict]]] = defaultdict(list)
    for doc, rows in predicted.items():
        for i, row in enumerate(rows):
            k = _key(doc, row["value"], row["unit"], row.get("target_year"), plan_end_year.get(doc))
            pred_by_key[k].append((doc, i, row))
    used: set[tuple[str, int]] = set()
    pairs: list[tuple[dict, dict]] = []
    misses: list[dict] = []
    for g in gold:
        doc = g["doc"]
        k = _key(doc, g["value"], g["unit"], g.get("target_year"), plan_end_year.get(doc))
        cands = [c for c in pred_by_key.get(k, []) if (c[0], c[1]) not in used]
        if not cands:
            misses.append(g)
            continue
        gcode = g.get("indicator") or classify_indicator(g.get("indicator_text") or "")
        spans = locate_quote(g["quote"], sources[doc]) if sources and doc in sources and g.get("quote") else []

        def rank(c, spans=spans, gcode=gcode):
            span = (c[2].get("char_start", -1), c[2].get("char_end", -1))
            return (not any(overlaps(span, s) for s in spans), c[2].get("indicator") != gcode, c[1])

        doc_, i, row = min(cands, key=rank)
        used.add((doc_, i))
        pairs.append((g, row))
    false_hits = [
        dict(row, doc=doc) for doc, rows in predicted.items() for i, row in enumerate(rows) if (doc, i) not in used
    ]
    return pairs, misses, false_hits


def score_targets(
    predicted: dict[str, list[dict]], gold: list[dict],
    plan_end_year: dict[str, int | None], sources: dict[str, str] | None = None
) -> dict:
    pairs, misses, false_hits = match_targets(predicted, gold, plan_end_year, sources)
    tp = len(pairs)
    fp = len(false_hits)
    fn = len(misses)
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    field_accuracy = {}
    for f in FIELDS:
        gf = "strive" if f == "is_aspirational" else f
        if not pairs:
            field_accuracy[f] = None
            continue
        ok = sum(1 for g, row in pairs if (g.get(gf) if gf != "strive" else bool(g.get(gf))) == row.get(f))
        field_accuracy[f] = ok / len(pairs)
    coded = [(g, row) for g, row in pairs if g.get("indicator")]
    indicator_accuracy = sum(g["indicator"] == row.get("indicator") for g, row in coded) / len(coded) if coded else None
    headlined = [(g, row) for g, row in pairs if "headline" in g]
    headline_accuracy = (
        sum(bool(g["headline"]) == bool(row.get("is_headline")) for g, row in headlined) / len(headlined)
        if headlined else None
    )
    return {
        "table": "targets",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "field_accuracy": field_accuracy,
        "indicator_accuracy": indicator_accuracy,
        "headline_accuracy": headline_accuracy,
        "wrong_indicators": [
            {
                "doc": g["doc"], "value": g["value"], "unit": g["unit"],
                "expected": g["indicator"], "got": row.get("indicator"), "quote": g.get("quote")
            }
            for g, row in coded
            if g["indicator"] != row.get("indicator")
        ],
        "wrong_headlines": [
            {
                "doc": g["doc"], "value": g["value"], "unit": g["unit"], "expected": bool(g["headline"]),
                "got": bool(row.get("is_headline")), "quote": g.get("quote")
            }
            for g, row in headlined
            if bool(g["headline"]) != bool(row.get("is_headline"))
        ],
        "misses": misses,
        "false_hits": false_hits,
    }
