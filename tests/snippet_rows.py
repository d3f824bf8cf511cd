"""The rows a snippet gives, each checked for what every row must have (the targets and deadlines tests' reader)."""

from __future__ import annotations

from fyp.document import document_from_text
from fyp.extract.deadlines import extract_deadlines
from fyp.extract.targets import ROW_KEYS, extract_targets


def target_rows(text: str, plan_period: int, **known) -> list[dict]:
    """extract_targets on ``text`` as a notice of ``plan_period``; every row has the published keys and its
    evidence is the source text at its offsets."""
    doc = document_from_text(text, plan_period=plan_period, **known)
    out = extract_targets(doc)
    for r in out:
        assert set(r) == set(ROW_KEYS)
        assert doc.source[r["char_start"]:r["char_end"]] == r["evidence"]
    return out


def deadline_rows(text: str, **known) -> list[dict]:
    """extract_deadlines on ``text``; every row's date phrase lies inside its evidence span."""
    doc = document_from_text(text, **known)
    out = extract_deadlines(doc)
    for r in out:
        assert r["date_text"] in doc.source[r["char_start"]:r["char_end"]]
    return out
