"""resolve() reuses what it found for the same pattern and matched text: the phrases are those the
plain reading of each match's groups gives, whatever stands around the date."""

from __future__ import annotations

import random

import pytest

from fyp.extract import _dates

PIECES = [
    "2025", "二〇二五", "2008", "年", "年底", "年末", "今年", "明年", "后年", "年内", "本年度", "6", "十二", "13", "月",
    "底", "末", "份", "前", "之前", "以前", "起", "开始", "内", "以内", "30", "31", "日", "号", "上半年", "第三季度",
    "前三季度", "在", "于", "到", "每", "的", "以", " ", "。", "完成", "—", "3月",
]


def _texts(n: int):
    rng = random.Random(1204)
    for _ in range(n):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9)))


@pytest.mark.parametrize("ref_year", [None, 2021])
def test_resolved_phrases_are_the_plain_reading(ref_year):
    _dates._RESOLVED.clear()
    seen = 0
    for text in _texts(3000):
        for m in _dates.find_dates(text):
            assert _dates.resolve(m, ref_year) == _dates._resolve_plain(m, ref_year, None), text
            seen += 1
        for m in _dates.find_month_only(text):
            for year in (None, 2019):
                got = _dates.resolve(m, ref_year, default_year=year)
                assert got == _dates._resolve_plain(m, ref_year, year), text
    assert seen > 1000 and len(_dates._RESOLVED) < seen  # the cache was hit
