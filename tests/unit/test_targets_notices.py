"""Notices we wrote ourselves (tests/notices/targets/*.txt, other regions/periods/scripts), each with
the targets a reader would list in ``<name>.expected.json``. Every expected target must be found with
its fields, and nothing else may be extracted. The expected lists name each commitment once: a
restatement (``restatement_of`` set) is checked against the statement it names instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fyp.document import document_from_text
from fyp.extract.ids import TARGET_ID_LETTER, span_ids
from fyp.extract.targets import extract_targets

NOTICE_DIR = Path(__file__).resolve().parents[1] / "notices" / "targets"
NOTICES = sorted(NOTICE_DIR.glob("*.txt"))


def _key(r: dict) -> tuple:
    return (round(float(r["value"]), 6), r["unit"], r["target_year"])


@pytest.mark.parametrize("path", NOTICES, ids=[p.stem for p in NOTICES])
def test_notice_targets(path: Path):
    expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))
    doc = document_from_text(path.read_text(encoding="utf-8"), source_file=path.name)
    assert doc.plan_period == expected["plan_period"]
    got = extract_targets(doc)
    for r in got:
        assert doc.source[r["char_start"]:r["char_end"]] == r["evidence"]
    by_id = dict(zip(span_ids(got, doc.notice_id, TARGET_ID_LETTER), got, strict=True))
    problems = []
    for r in got:
        primary = by_id.get(r["restatement_of"]) if r["restatement_of"] is not None else r
        if primary is None or primary["restatement_of"] is not None or _key(primary) != _key(r):
            problems.append(f"restatement of nothing like it: {r['value']} {r['unit']} | {r['evidence']}")
    remaining = [r for r in got if r["restatement_of"] is None]
    for exp in expected["targets"]:
        cands = [r for r in remaining if _key(r) == _key(exp)]
        if "indicator" in exp:
            cands = [r for r in cands if r["indicator"] == exp["indicator"]] or cands
        if not cands:
            problems.append(f"missing {exp}")
            continue
        r = cands[0]
        remaining.remove(r)
        for field, value in exp.items():
            if r[field] != value:
                problems.append(f"{exp['value']} {exp['unit']}: {field} = {r[field]!r}, expected {value!r}")
    for r in remaining:
        problems.append(f"unexpected {r['value']} {r['unit']} {r['target_year']} | {r['evidence']}")
    assert not problems, "\n".join(problems)


def test_there_are_notices():
    assert len(NOTICES) >= 3
