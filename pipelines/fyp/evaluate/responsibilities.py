"""Score extracted responsibilities against the per-item gold (seeds_12th_responsibility.jsonl).

The gold has one record per numbered work item ("1.", "2.", ...) with the agencies as written.
An item is exact when the set of ``agency_text`` of the rows linked to that item's provision
(or to a provision inside it) equals the gold set. Names are compared in the working form
(simplified script, half-width), so script or width differences are not counted as errors.

    python -m fyp.evaluate.responsibilities [--notices raw] [--gold gold/seeds_12th_responsibility.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from fyp.evaluate.scores import precision_recall_f1
from fyp.text.normalize import to_simplified

DEFAULT_GOLD = "gold/seeds_12th_responsibility.jsonl"
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


def score_responsibilities(predicted_rows_for_doc: list[dict], provisions: list[dict], gold: list[dict], source: str) -> dict:
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


def run(notices_dir: str | Path, gold_path) -> dict:
    from fyp.document import document_from_text
    from fyp.extract.responsibilities import extract_responsibilities
    from fyp.structure.provisions import extract_provisions

    gold = load_gold(gold_path)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    results = {}
    for name, records in by_doc.items():
        path = Path(notices_dir) / name
        source = path.read_text(encoding="utf-8")
        doc = document_from_text(source, notice_id=path.stem, source_file=name)
        provisions = extract_provisions(doc)
        rows = extract_responsibilities(doc, provisions)
        results[name] = score_responsibilities(rows, provisions, records, source)
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notices", default="raw")
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    args = ap.parse_args(argv)
    for name, r in run(args.notices, args.gold).items():
        print(
            f"responsibilities {name}: {r['items_exact']}/{r['items_total']} items exact "
            f"(share {r['share_exact']:.3f}); agency P={r['precision']:.3f} R={r['recall']:.3f} "
            f"(tp={r['tp']} fp={r['fp']} fn={r['fn']}); rows outside items: {r['rows_outside_items']}"
        )
        for w in r["wrong_items"]:
            print(f"  ITEM {w['item']}: missing {w['missing']} extra {w['extra']}" + ("" if w["provision_found"] else " [item provision not found]"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
