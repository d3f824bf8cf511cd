"""The literal scans of the responsibilities extractor find what the plain scans they replace find."""

from __future__ import annotations

import pytest

from fyp.extract.responsibilities import _SENTENCE_ANCHOR_RE, _anchor_matches, _names_first_place

TEXTS = [
    "市发改委作为牵头单位,会同市财政局负责节能考核;各区县政府要会同有关部门抓好落实,市统计局为责任单位。",
    "列第一位的部门为牵头单位。单位首位负责人,第一位,首位。",
    "位于城区的单位",
    "位",
    "会同",
    "为牵头为责任会",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_anchor_matches_are_the_plain_finditer(text):
    assert [m.span() for m in _anchor_matches(text)] == [m.span() for m in _SENTENCE_ANCHOR_RE.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_names_first_place_is_the_plain_test(text):
    assert _names_first_place(text) == ("首位" in text or "第一位" in text)


def _plain_column_labels(work):
    """The scan _column_labels replaces: every 单位, then every 部门, kept where a label closes."""
    from fyp.extract.responsibilities import _COLUMN_ROLE

    out = []
    for tail in ("单位", "部门"):
        i = work.find(tail, 2)
        while i != -1:
            if work[i - 2 : i + 2] in _COLUMN_ROLE:
                out.append(i - 2)
            i = work.find(tail, i + 2)
    return out


def test_column_labels_are_the_plain_scan():
    import random

    from fyp.extract.responsibilities import _column_labels

    pieces = ["牵头", "主办", "责任", "负责", "配合", "参与", "协办", "单位", "部门", "有关"]
    pieces += ["单", "位", "部", "门", " ", "\t", "市"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _column_labels(text) == _plain_column_labels(text), text
