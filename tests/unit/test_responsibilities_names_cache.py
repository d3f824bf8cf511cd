"""_names reads each piece between list separators through a cache (_piece_names): it finds what
the plain reading of the whole span finds."""

from __future__ import annotations

import random

import pytest

from fyp.extract import responsibilities as R


def _plain_split_names(work, start, end):
    spans = []
    pos = start
    if work.find("、", start, end) != -1 or work.find("/", start, end) != -1:
        for sep_start, sep_end in R._list_separators(work, start, end):
            spans.append((pos, sep_start))
            pos = sep_end
    spans.append((pos, end))
    out = []
    for s, e in spans:
        piece = work[s:e]
        cut = None
        for hm in R._AND_RE.finditer(piece):
            if R._ends_like_agency(piece[: hm.start()]):
                cut = hm
                break
        if cut is not None:
            out.append((s, s + cut.start()))
            out.append((s + cut.end(), e))
        else:
            out.append((s, e))
    return out


def _plain_names(work, s, e, strict=False):
    """The reading before the cache: every piece cleaned and tested in place."""
    names, pending = [], []
    for ns, ne in _plain_split_names(work, s, e):
        ns, ne = R._clean(work, ns, ne)
        if ne <= ns:
            if strict:
                return None
            continue
        text = work[ns:ne]
        if R._is_generic(text):
            if strict and pending:
                return None
            pending = []
            continue
        if strict and (ne - ns > R._MAX_NAME or "会同" in text or " " in text or "\t" in text or "%" in text):
            return None
        if R._ends_like_agency(text):
            if pending:
                names.append((pending[0][0], ne))
                pending = []
            else:
                names.append((ns, ne))
        elif ne - ns <= 4:
            pending.append((ns, ne))
        elif strict:
            return None
        else:
            pending = []
    if strict and pending:
        return None
    return names


FRAGMENTS = [
    "市发改委", "省经信委", "工业和信息化局", "华中电监局", "机械", "石化行业协会", "县(市、区)政府",
    "各县(市、区)人民政府",
    "有关部门", "相关单位", "乡镇人民政府", "市财政局(牵头)", "此项工作由", "分别由", "等有关部门", "按职责分工", "等",
    "和", "及", "以及", "、", "、", "/", " ", "\t", "削减2%", "会同", "县环保局", "交通运输局", "统计", "市级政府",
    "国网某某供电公司", "市委宣传部", "(", ")", "市", "自治区生态环境厅和", "一二三四五六七八九十一二三四五六七八九十",
]


def _texts(n: int):
    rng = random.Random(20261204)
    for _ in range(n):
        yield "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 7)))


@pytest.mark.parametrize("strict", [False, True])
def test_names_through_the_cache_are_the_plain_reading(strict):
    for text in _texts(4000):
        work = "(" + text + ")"  # spans inside a longer text: offsets must be shifted right
        assert R._names(work, 1, len(work) - 1, strict=strict) == _plain_names(work, 1, len(work) - 1, strict), text
