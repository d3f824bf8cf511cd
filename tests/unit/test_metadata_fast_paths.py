"""The fast scans of metadata inference find what the plain regexes and loops they replace find."""

from __future__ import annotations

import random
import re

import pytest

from fyp.metadata import gazetteer
from fyp.metadata import infer
from fyp.metadata.infer import _NEWS_DATELINE_RE, _national_body_re, _strip_dateline


def _plain_strip_dateline(line: str) -> str:
    return _NEWS_DATELINE_RE.sub(lambda m: " " * len(m.group()), line)


LINES = [
    "新华社北京3月2日电 某省日前印发节能减排工作方案,电力行业要加快改造。",
    "本报讯 电力、钢铁行业节能。某某网武汉电:全市单位产值能耗下降。",
    "中新社广州电电电 人民网长沙12月30日讯",
    "电讯电讯电讯",
    "没有电头的一句话。",
    "",
]


@pytest.mark.parametrize("line", LINES)
def test_dateline_strip_is_the_plain_substitution(line):
    assert _strip_dateline(line) == _plain_strip_dateline(line)


def test_dateline_strip_agrees_on_random_texts():
    rng = random.Random(5)
    pieces = ["新华社", "中新社", "人民", "网", "社", "报", "北京", "武汉", "3", "12", "月", "日", "电", "讯", "。",
              ",", "节能"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert _strip_dateline(line) == _plain_strip_dateline(line), repr(line)


def _plain_place_spans(text: str, aliases: bool) -> list:
    names = gazetteer.by_full_name()
    alias = gazetteer._aliases() if aliases else {}
    heads = gazetteer._heads(aliases)
    found, n, i = [], len(text), 0
    for start in [k for k in range(n - 1) if text[k : k + 2] in heads]:
        if start < i:
            continue
        i, hit = start, None
        for length in range(min(12, n - i), 1, -1):
            chunk = text[i : i + length]
            cands = names.get(chunk)
            if cands:
                upper = [c for c in cands if c.level != "county"]
                if upper:
                    hit = upper[0]
                elif len(cands) == 1 and length >= 3:
                    hit = cands[0]
            elif chunk in alias:
                hit = alias[chunk]
            if hit:
                found.append((i, i + length, hit))
                i += length
                break
        else:
            i += 1
    return found


TEXT = (
    "湖北省人民政府关于印发湖北省节能减排工作方案的通知。武汉市、襄阳市、宜昌市要加快淘汰落后产能,"
    "河北武安、浙江安吉和内蒙古自治区鄂尔多斯市的经验要推广。北京、上海、广州三地先行先试,鼓楼区、朝阳区同步推进。"
) * 3


@pytest.mark.parametrize("aliases", [False, True])
def test_place_spans_are_those_of_the_plain_scan(aliases):
    for text in (TEXT, TEXT[:150], TEXT[7:260]):
        assert gazetteer.find_place_spans(text, aliases=aliases) == _plain_place_spans(text, aliases)
        assert gazetteer._head_positions(text, aliases) == [
            k for k in range(len(text) - 1) if text[k : k + 2] in gazetteer._heads(aliases)
        ]


def test_national_body_pattern_matches_as_the_optional_prefix_form():
    body = _national_body_re()
    names = body.pattern[len("(?:中华人民共和国(?:") : body.pattern.index(")|")]
    plain = re.compile(f"(?:中华人民共和国)?(?:{names})(?!门)")
    for text in (
        "国家发展改革委、工业和信息化部联合印发通知,中华人民共和国生态环境部要求各地落实。财政部门要加强保障。",
        "中华人民共和国财政部门",
        "国务院印发方案",
    ):
        assert [m.span() for m in body.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _plain_nonblank(text: str) -> list[str]:
    return [ln for ln in (ln.strip() for ln in text.splitlines()) if ln]


def test_lines_are_those_of_splitlines(monkeypatch):
    rng = random.Random(11)
    # Every line end splitlines knows, "\r\n" and spaces around lines among them.
    pieces = ["节能", "一、目标", " ", "\u3000", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d",
              "\x1e", "\x85", "\u2028", "\u2029", "2010年5月6日", "x"]
    for _ in range(3000):
        # Short prefixes and heads, so that the head is cut from prefixes of every length and ends anywhere.
        monkeypatch.setattr(infer, "_HEAD_PREFIX", rng.randint(1, 16))
        monkeypatch.setattr(infer, "_HEAD_LINES", rng.choice([1, 2, 3, 5, 40]))
        text = "".join(rng.choice(pieces if rng.random() < 0.5 else pieces[:7]) for _ in range(rng.randint(0, 200)))
        plain = _plain_nonblank(text)
        assert infer._nonblank_lines(text) == plain, repr(text)
        assert infer._head_lines(text) == plain[: infer._HEAD_LINES], repr(text)


def test_assigned_by_scan_finds_the_matches_of_finditer():
    from fyp.text.matching import matches_at

    rng = random.Random(13)
    pieces = ["完成", "落实", "按照", "根据", "承担", "对照", "好", "省", "市", "省和市", "、", "人民", "政府",
              "下达", "的", "给", "我县", "我市", "我区", "各", "全", ",", "任务", "节能"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        starts = (m.start() for m in infer._ASSIGNED_BY_START_RE.finditer(text))
        fast = [(m.span(), m.groupdict()) for m in matches_at(infer._ASSIGNED_BY_RE, text, starts)]
        assert fast == [(m.span(), m.groupdict()) for m in infer._ASSIGNED_BY_RE.finditer(text)], repr(text)


def test_labelled_date_is_the_plain_search():
    rng = random.Random(17)
    pieces = ["发布", "成文", "印发", "发文", "日期", "时间", "日", "期", "时", "间", ":", " ", "2010", "-",
              "年", "5", "月", "12", ".", "/", "节能"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        fast, plain = infer._labelled_date(line), infer._LABELLED_DATE_RE.search(line)
        assert (fast and fast.span()) == (plain and plain.span()), repr(line)


def test_short_county_and_national_address_scans_are_the_plain_ones():
    from fyp.text.matching import matches_at

    rng = random.Random(19)
    pieces = ["县", "沛", "澧县", "沛县", "a", "1", " ", "\n", "向", "各省", "、自治区、直辖市", "(区、市)", "、区、市",
              "人民政府", "政府"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        fast = [m.span() for m in matches_at(infer._SHORT_COUNTY_RE, text, infer._before_county_marks(text))]
        assert fast == [m.span() for m in infer._SHORT_COUNTY_RE.finditer(text)], repr(text)
        assert infer._addresses_every_province(text) == bool(infer._NATIONAL_ADDRESS_RE.search(text)), repr(text)
