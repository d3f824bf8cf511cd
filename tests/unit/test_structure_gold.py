"""Quality floors of provisions / deadlines / responsibilities.

- On the seeds (raw/ + gold/): deadlines F1 >= 0.95 with exact dates; responsibilities: >= 95% of
  the 144 numbered items of 001 with exactly the right agency set.
- On notices we wrote ourselves (tests/notices/structure/*.txt with *.expected.json), in forms the
  seeds lack: exact provisions tree, deadlines and responsibilities.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from fyp.document import document_from_text
from fyp.extract.deadlines import extract_deadlines
from fyp.extract.responsibilities import extract_responsibilities
from fyp.structure.provisions import extract_provisions
from gold_scores import gold_set

REPO = Path(__file__).resolve().parents[2]
OWN_NOTICES = sorted((REPO / "tests" / "notices" / "structure").glob("*.txt"))


def test_deadlines_floor_on_seeds():
    result = gold_set("seeds")["scores"]["deadlines"]
    assert result["gold"] >= 50
    assert not result["unlocated_gold"]
    assert result["f1"] >= 0.95, (result["misses"], result["false_hits"])


def test_responsibilities_floor_on_seed_001():
    r = gold_set("seeds")["scores"]["responsibilities"]
    assert r["items_total"] == 144
    assert r["share_exact"] >= 0.95, r["wrong_items"]


def _load(path: Path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    known = {}
    if expected["known"].get("issue_date"):
        known["issue_date"] = dt.date.fromisoformat(expected["known"]["issue_date"])
    doc = document_from_text(path.read_text(encoding="utf-8"), notice_id=path.stem, source_file=path.name, **known)
    return doc, expected


@pytest.mark.parametrize("path", OWN_NOTICES, ids=lambda p: p.stem)
def test_own_notice_provisions(path):
    doc, expected = _load(path)
    provisions = extract_provisions(doc)
    labels = {p["provision_id"]: p["label"] for p in provisions}
    got = [[p["label"], p["depth"], labels.get(p["parent_id"])] for p in provisions[1:]]
    assert got == expected["provisions"]


@pytest.mark.parametrize("path", OWN_NOTICES, ids=lambda p: p.stem)
def test_own_notice_deadlines(path):
    doc, expected = _load(path)
    got = Counter((r["deadline_date"].isoformat(), r["date_text"], r["precision"]) for r in extract_deadlines(doc))
    want = Counter((d["date"], d["date_text"], d["precision"]) for d in expected["deadlines"])
    assert got == want


@pytest.mark.parametrize("path", OWN_NOTICES, ids=lambda p: p.stem)
def test_own_notice_responsibilities(path):
    doc, expected = _load(path)
    provisions = extract_provisions(doc)
    by_id = {p["provision_id"]: p for p in provisions}

    def key(pid, qualified):
        p = by_id[pid]
        if not qualified:
            return p["label"]
        parent = by_id.get(p["parent_id"])
        return f"{p['label']}@{parent['label'] if parent else None}"

    qualified = any("@" in r["item"] for r in expected["responsibilities"])
    rows = extract_responsibilities(doc, provisions)
    got = Counter((key(r["provision_id"], qualified), r["agency_text"], r["agency"], r["role"]) for r in rows)
    want = Counter((r["item"], r["agency_text"], r["agency"], r["role"]) for r in expected["responsibilities"])
    assert got == want
