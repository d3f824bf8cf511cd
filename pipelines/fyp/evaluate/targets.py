"""Score extracted targets against the gold annotations (gold/SCHEMA.md).

A predicted row matches a gold target when the document, the value, the unit and the target year
agree (a missing target year on either side counts as the plan period's end year). Matching is
one-to-one; among candidates with the same key the one with the same indicator code is preferred.

    python -m fyp.evaluate.targets --notices raw /work/shared/dev-notices \
        --gold gold/seeds_11th.jsonl gold/seeds_12th.jsonl gold/seeds_14th.jsonl gold/dev_notices_targets.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from fyp.evaluate.scores import precision_recall_f1
from fyp.extract.indicators import classify_indicator
from fyp.text.normalize import to_simplified

FIELDS = ("direction", "baseline_year", "is_aspirational")


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


def match_targets(predicted: dict[str, list[dict]], gold: list[dict], plan_end_year: dict[str, int | None]):
    """One-to-one matching: (pairs of (gold, predicted row), misses, false hits)."""
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
        gcode = classify_indicator(g.get("indicator_text") or "")
        cands.sort(key=lambda c: (c[2].get("indicator") != gcode, c[1]))
        doc_, i, row = cands[0]
        used.add((doc_, i))
        pairs.append((g, row))
    false_hits = [
        dict(row, doc=doc) for doc, rows in predicted.items() for i, row in enumerate(rows) if (doc, i) not in used
    ]
    return pairs, misses, false_hits


def score_targets(predicted: dict[str, list[dict]], gold: list[dict], plan_end_year: dict[str, int | None]) -> dict:
    pairs, misses, false_hits = match_targets(predicted, gold, plan_end_year)
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
    return {
        "table": "targets",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "field_accuracy": field_accuracy,
        "misses": misses,
        "false_hits": false_hits,
    }


def run(notice_dirs: list[Path], gold_paths: list[Path]) -> tuple[dict, dict[str, list[dict]]]:
    from fyp.document import document_from_text
    from fyp.extract.targets import extract_targets

    gold = load_gold(gold_paths)
    gold_docs = {g["doc"] for g in gold}
    predicted: dict[str, list[dict]] = {}
    plan_end: dict[str, int | None] = {}
    for d in notice_dirs:
        for path in sorted(Path(d).glob("*.txt")):
            if path.name not in gold_docs:
                continue
            doc = document_from_text(path.read_text(encoding="utf-8"), source_file=path.name)
            predicted[path.name] = extract_targets(doc)
            plan_end[path.name] = doc.plan_end_year
    # Gold records of documents that were not found are not scored.
    gold = [g for g in gold if g["doc"] in predicted]
    return score_targets(predicted, gold, plan_end), predicted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fyp.evaluate.targets", description=__doc__.split("\n\n")[0])
    ap.add_argument("--notices", nargs="+", required=True, type=Path, help="directories of notice .txt files")
    ap.add_argument("--gold", nargs="+", required=True, type=Path, help="gold JSONL files")
    ap.add_argument("--quiet", action="store_true", help="print only the scores")
    args = ap.parse_args(argv)
    result, _ = run(args.notices, args.gold)
    fa = result["field_accuracy"]
    print(
        f"targets: P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f} "
        f"(tp={result['tp']} fp={result['fp']} fn={result['fn']})"
    )
    print("field accuracy on matched pairs: " + ", ".join(f"{k}={'n/a' if v is None else f'{v:.3f}'}" for k, v in fa.items()))
    if not args.quiet:
        print(f"\nmisses ({len(result['misses'])}):")
        for g in result["misses"]:
            print(f"  {g['doc']}: {g['value']:g} {g['unit']} {g.get('target_year')} | {g.get('quote')}")
        print(f"\nfalse hits ({len(result['false_hits'])}):")
        for r in result["false_hits"]:
            print(f"  {r['doc']}: {r['value']:g} {r['unit']} {r['target_year']} | {r['evidence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
