"""Score extracted deadlines against the gold annotations (kind == "deadline").

A gold deadline is found when a predicted row of the same document has the same date and its
evidence span overlaps the gold quote (located in the source; every occurrence counts, since a
news summary may repeat the body). A predicted row is correct when it overlaps a gold deadline of
the same date. Overlap rather than identical spans: annotators and the extractor may cut the
clause differently. Gold records are matched many-to-one on purpose: the gold files sometimes hold
a short and a long quote of the same commitment.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from fyp.evaluate.scores import precision_recall_f1
from fyp.evaluate.quotes import locate_quote, overlaps



def load_gold(paths) -> list[dict]:
    """Deadline records of the JSONL gold files in ``paths`` (a path or an iterable of paths)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    rec = json.loads(line)
                    if rec.get("kind") == "deadline":
                        rows.append(rec)
    return rows


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)[:10]


def score_deadlines(predicted: dict[str, list[dict]], gold: list[dict], sources: dict[str, str]) -> dict:
    """Precision / recall / F1 of ``predicted`` (doc basename → rows) against ``gold``.

    ``sources`` maps doc basename → source text (to locate gold quotes). Only documents present
    in ``sources`` are scored.
    """
    gold = [g for g in gold if g["doc"] in sources]
    gold_spans = []
    unlocated = []
    for g in gold:
        spans = locate_quote(g["quote"], sources[g["doc"]])
        if not spans:
            unlocated.append(g)
        gold_spans.append(spans)

    found = [False] * len(gold)
    misses, false_hits, wrong_date = [], [], []
    n_pred = n_pred_ok = 0
    for doc in sources:
        rows = predicted.get(doc, [])
        for row in rows:
            n_pred += 1
            span = (row["char_start"], row["char_end"])
            date = _iso(row["deadline_date"])
            ok = False
            other_date = None
            for gi, g in enumerate(gold):
                if g["doc"] != doc or not any(overlaps(span, s) for s in gold_spans[gi]):
                    continue
                if g["date"] == date:
                    ok = True
                    found[gi] = True
                else:
                    other_date = g
            if ok:
                n_pred_ok += 1
            else:
                hit = {
                    "doc": doc, "date": date, "date_text": row.get("date_text"),
                    "evidence": sources[doc][span[0]:span[1]]
                }
                if other_date is not None:
                    hit["gold_date"] = other_date["date"]
                    wrong_date.append(hit)
                false_hits.append(hit)
    for gi, g in enumerate(gold):
        if not found[gi]:
            misses.append({"doc": g["doc"], "date": g["date"], "quote": g["quote"], "located": bool(gold_spans[gi])})
    tp = sum(found)
    fn = len(gold) - tp
    fp = n_pred - n_pred_ok
    precision, recall, f1 = precision_recall_f1(n_pred_ok, n_pred, tp, len(gold))
    return {
        "table": "deadlines",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "predicted": n_pred,
        "gold": len(gold),
        "misses": misses,
        "false_hits": false_hits,
        "wrong_date": wrong_date,
        "unlocated_gold": [g["quote"] for g in unlocated],
    }
