"""Score extracted responsibilities: per numbered item (the seeds) and by quote, with roles (the dev sets).

By quote: each gold record quotes an agency phrase of a notice and lists the agencies named in it
with their roles (lead / support / unspecified). A predicted row finds a gold agency when its
evidence lies in a place the quote stands and its ``agency_text`` is the same name (compared in the
working form: simplified script, half-width, no spaces). Matching is one-to-one. Precision counts
every row of the notices that have gold agency phrases (their annotators recorded every phrase);
rows of other notices are not judged.

Per item: the seeds' gold has one record per numbered work item ("1.", "2.", ...) with the agencies as written.
An item is exact when the set of ``agency_text`` of the rows linked to that item's provision
(or to a provision inside it) equals the gold set. Names are compared in the working form
(simplified script, half-width), so script or width differences are not counted as errors.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from fyp.evaluate.quotes import locate_quote, overlaps
from fyp.evaluate.scores import precision_recall_f1
from fyp.text.normalize import to_simplified

_ITEM_LABEL_RE = re.compile(r"^\s*(\d{1,4})\s*[.、]\s*$")


def load_gold(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _item_provisions(provisions: list[dict]) -> dict[int, str]:
    """Item number → provision id of the first provision labelled "N." / "N、"."""
    items: dict[int, str] = {}
    for p in provisions:
        label = to_simplified(p.get("label") or "")
        m = _ITEM_LABEL_RE.match(label)
        if m and int(m.group(1)) not in items:
            items[int(m.group(1))] = p["provision_id"]
    return items


def score_responsibilities(
    predicted_rows_for_doc: list[dict], provisions: list[dict], gold: list[dict], source: str
) -> dict:
    """Share of gold items whose predicted agency set equals the gold set exactly.

    ``source`` is accepted for symmetry with the other scorers (evidence in the report).
    """
    items = _item_provisions(provisions)
    by_id = {p["provision_id"]: p for p in provisions}

    def item_of(provision_id):
        seen = 0
        while provision_id is not None and seen < 50:
            p = by_id.get(provision_id)
            if p is None:
                return None
            if p["provision_id"] in item_ids:
                return item_ids[p["provision_id"]]
            provision_id = p["parent_id"]
            seen += 1
        return None

    item_ids = {pid: n for n, pid in items.items()}
    predicted: dict[int, set[str]] = defaultdict(set)
    unlinked = 0
    for row in predicted_rows_for_doc:
        n = item_of(row.get("provision_id"))
        if n is None:
            unlinked += 1
            continue
        predicted[n].add(to_simplified(row["agency_text"]).strip())

    wrong = []
    exact = tp = fp = fn = 0
    for g in gold:
        n = int(g["item"])
        want = {to_simplified(a).strip() for a in g["agencies"]}
        got = predicted.get(n, set())
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        if got == want:
            exact += 1
        else:
            p = by_id.get(items.get(n))
            wrong.append(
                {
                    "item": n,
                    "missing": sorted(want - got),
                    "extra": sorted(got - want),
                    "provision_found": n in items,
                    "evidence": (p["text"][-120:] if p else None),
                }
            )
    total = len(gold)
    precision, recall, _ = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    return {
        "table": "responsibilities",
        "items_total": total,
        "items_exact": exact,
        "share_exact": exact / total if total else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "rows_outside_items": unlinked,
        "wrong_items": wrong,
        "misses": [(w["item"], a) for w in wrong for a in w["missing"]],
        "false_hits": [(w["item"], a) for w in wrong for a in w["extra"]],
    }


def _name(text: str) -> str:
    return "".join(to_simplified(text or "").split())


def score_agencies(predicted: dict[str, list[dict]], gold: list[dict], sources: dict[str, str]) -> dict:
    """Agency P/R/F1 by quote, and role accuracy on the agencies found.

    ``predicted``: doc → responsibility rows; ``gold``: kind == "responsibility" records;
    ``sources``: doc → source text (only these docs are scored).
    """
    gold = [g for g in gold if g["doc"] in sources]
    wanted: list[dict] = []  # one per gold agency
    unlocated = []
    for g in gold:
        spans = locate_quote(g["quote"], sources[g["doc"]])
        if not spans:
            unlocated.append(g["quote"])
        roles = g.get("roles") or {}
        for agency in g.get("agencies") or ():
            wanted.append(
                {
                    "doc": g["doc"], "spans": spans, "name": _name(agency),
                    "agency": agency, "role": roles.get(agency), "quote": g["quote"]
                }
            )
    judged_docs = sorted({g["doc"] for g in gold})
    found = [None] * len(wanted)
    false_hits = []
    n_pred = 0
    for doc in judged_docs:
        for row in sorted(predicted.get(doc, []), key=lambda r: (r["char_start"], r["char_end"])):
            n_pred += 1
            span = (row["char_start"], row["char_end"])
            name = _name(row.get("agency_text"))
            for i, w in enumerate(wanted):
                if found[i] is None and w["doc"] == doc and w["name"] == name and any(
                    overlaps(span, s) for s in w["spans"]
                ):
                    found[i] = row
                    break
            else:
                false_hits.append(
                    {
                        "doc": doc, "agency": row.get("agency_text"),
                        "role": row.get("role"), "evidence": sources[doc][span[0]:span[1]]
                    }
                )
    tp = sum(r is not None for r in found)
    precision, recall, f1 = precision_recall_f1(tp, n_pred, tp, len(wanted))
    role_pairs = [(w, r) for w, r in zip(wanted, found, strict=True) if r is not None and w["role"]]
    role_right = sum(w["role"] == r.get("role") for w, r in role_pairs)
    tp_roles = sum(1 for w, r in zip(wanted, found, strict=True) if r is not None and w["role"] == r.get("role"))
    _, _, f1_roles = precision_recall_f1(tp_roles, n_pred, tp_roles, len(wanted))
    return {
        "table": "agencies",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "f1_with_roles": f1_roles,
        "tp": tp,
        "fp": n_pred - tp,
        "fn": len(wanted) - tp,
        "role_accuracy": role_right / len(role_pairs) if role_pairs else None,
        "notices": judged_docs,
        "misses": [
            {"doc": w["doc"], "agency": w["agency"], "role": w["role"], "quote": w["quote"]}
            for w, r in zip(wanted, found, strict=True) if r is None
        ],
        "false_hits": false_hits,
        "wrong_roles": [
            {"doc": w["doc"], "agency": w["agency"], "expected": w["role"], "got": r.get("role")}
            for w, r in role_pairs
            if w["role"] != r.get("role")
        ],
        "unlocated_gold": unlocated,
    }
