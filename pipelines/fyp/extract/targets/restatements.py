"""Restatements: a target stated twice in a notice (news summary and body, title and text, a 解读 repeating
the goals). Every statement stays a row; a later one is marked as restating the primary statement (the
fuller one, naming its baseline, else the first), so a reader keeps one row per commitment with one filter."""

from __future__ import annotations

import re

from fyp.extract.indicators import OTHER, classify_indicator, match_indicator, sector_keyword_codes
from fyp.extract.targets.rows import Row
from fyp.extract.targets.subjects import SCOPE_RE

_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_NOT_HAN_RE = re.compile(r"[^\u4e00-\u9fff]")
_GENERIC_SUFFIX_RE = re.compile(r"(?:排放总量|排放量|总量|总体水平|排放|水平)$")


def _residual(indicator: str, region: str | None = None) -> str:
    """What is left of an indicator once its vocabulary keyword and scope words are gone."""
    s = _PAREN_RE.sub("", indicator)
    if region:
        s = s.replace(region, "")
    kw = match_indicator(indicator)[1]
    if kw:
        s = s.casefold().replace(kw, "", 1)
    s = _NOT_HAN_RE.sub("", s)
    s = SCOPE_RE.sub("", s)
    return _GENERIC_SUFFIX_RE.sub("", s)


def restated_by(rows: list[Row], region: str | None = None, text: str = "") -> list[int | None]:
    """For each row of ``rows`` (in text order), the index in ``rows`` of the primary statement it
    restates, or None for a primary (a first statement, or a later fuller one that took the place)."""
    primaries: list[int] = []  # indices into rows, in the order their commitments were first stated
    primary_of: list[int | None] = [None] * len(rows)
    for i, r in enumerate(rows):
        paragraph = text.rfind("\n", 0, r.start)
        code = classify_indicator(r.indicator_text)
        dup = False
        for slot, j in enumerate(primaries):
            k = rows[j]
            if (k.q.value, k.q.unit, k.target_year) != (r.q.value, r.q.unit, r.target_year):
                continue
            if k.start == r.start and k.end == r.end:
                continue  # same clause: distinct list elements
            if text and text.rfind("\n", 0, k.start) == paragraph:
                continue  # a paragraph does not restate its own targets: two subjects with the same figure
            if k.scope != r.scope and k.scope and r.scope and not (SCOPE_RE.match(k.scope) and SCOPE_RE.match(r.scope)):
                continue  # the same figure for two places (rows of a table)
            kcode, kkw = match_indicator(k.indicator_text)
            if kcode != code:
                continue
            if code in sector_keyword_codes() and kkw != match_indicator(r.indicator_text)[1]:
                continue  # 淘汰落后水泥产能 and 淘汰落后炼铁产能 of the same size are two targets
            a, b = _residual(k.indicator_text, region), _residual(r.indicator_text, region)
            if code != OTHER:
                # A regional or sectoral prefix ("珠江三角洲地区城市...") makes it another target.
                if a == b or (not a and len(b) <= 2) or (not b and len(a) <= 2):
                    dup = True
            elif a == b or (len(a) >= 4 and len(b) >= 4 and (a.endswith(b) or b.endswith(a))):
                dup = True
            if dup:
                if k.baseline_year is None and r.baseline_year is not None:
                    # The fuller statement (it names its baseline) becomes the primary; the earlier
                    # one and whatever restated it now restate this one.
                    primaries[slot] = i
                    for m in range(i):
                        if primary_of[m] == j:
                            primary_of[m] = i
                    primary_of[j] = i
                else:
                    primary_of[i] = j
                break
        if not dup:
            primaries.append(i)
    return primary_of
