"""The fast paths of the targets extractor give what the plain rules give."""

from __future__ import annotations

import re
import sys

import pytest

from fyp.document import document_from_text
from fyp.extract import _quantities
from fyp.extract._quantities import CLAUSE_SAFE, QUANTITY_RE, find_quantities, unit_table
from fyp.extract.targets import extract_targets, frames, sentences, subjects
from fyp.extract.targets.segmentation import PARAGRAPH_END, SENTENCE_END, WORTH_RE, clauses, spans, worth_sentences

TEXTS = [
    "到2010年,全省单位生产总值能耗比2005年降低20%左右。各地要加强领导。\n二、主要任务\n(一)调整结构。淘汰落后水泥产能300万吨;关闭小火电机组50万千瓦!",
    "“十一五”期间,全市化学需氧量、二氧化硫排放总量分别削减10%、12%\n\n\n今年年内完成",
    # an HTML entity's ";" ends no sentence
    "到2010年,全市单位生产总值能耗比&#8220;十五&#8221;末降低20%;二氧化硫排放量削减10%。&ldquo;十二五&rdquo;时期;其他",
    "没有数字的句子。也没有。\n",
    "٣ and ५ are decimal digits too;但这里没有。末句无终止符2015",
    "",
    "\n\n;;。。",
]


def _plainworth_sentences(text: str) -> list[tuple[int, int]]:
    return [(s, e) for p_start, p_end in spans(text, 0, len(text), PARAGRAPH_END)
            for s, e in spans(text, p_start, p_end, SENTENCE_END) if WORTH_RE.search(text, s, e)]


@pytest.mark.parametrize("text", TEXTS)
def test_worth_sentences_are_the_sentences_with_a_digit_or_year_word(text):
    assert worth_sentences(text) == _plainworth_sentences(text)


def test_only_worth_sentences_matter():
    # The same targets whether or not digit-free sentences stand between the ones that count.
    plain = "到2010年,全市单位生产总值能耗比2005年降低20%。\n二氧化硫排放量削减10%。"
    padded = "各地要高度重视。到2010年,全市单位生产总值能耗比2005年降低20%。加强领导!\n强化考核。二氧化硫排放量削减10%。"
    got = [(r["indicator"], r["value"], r["target_year"], r["baseline_year"]) for r in extract_targets(document_from_text(padded, plan_period=11))]
    want = [(r["indicator"], r["value"], r["target_year"], r["baseline_year"]) for r in extract_targets(document_from_text(plain, plan_period=11))]
    assert got == want and len(got) == 2


def test_entity_semicolon_keeps_the_sentence_frame():
    out = extract_targets(document_from_text("到2010年,全市单位生产总值能耗比&#8220;十五&#8221;末降低20%。", plan_period=11))
    assert [(r["value"], r["target_year"], r["baseline_year"]) for r in out] == [(20.0, 2010, 2005)]


SENTENCES = [
    "到2010年,单位生产总值能耗降低20%左右,二氧化硫削减5-10万吨:化学需氧量下降两个百分点",
    "新增3万吨/日污水处理能力,建成10座(其中,县城5座)垃圾处理场",
    "1.2.3%与2010年,20余万吨,3.5%以上,三万吨标准煤,4 吨 / 时以下的锅炉,2个月",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_sentence_quantities_are_the_clause_quantities(sentence):
    assert CLAUSE_SAFE
    by_clause = [q for c_start, c_end in clauses(sentence, 0, len(sentence)) for q in find_quantities(sentence, c_start, c_end)]
    assert find_quantities(sentence, 0, len(sentence)) == by_clause
    assert by_clause


@pytest.mark.parametrize("sentence", SENTENCES)
def test_fast_quantity_pattern_matches_like_the_plain_one(sentence):
    plain = re.compile(QUANTITY_RE.pattern.replace(_quantities._UNIT_AHEAD, "").replace(r"\d++", r"\d+"))
    assert plain.pattern != QUANTITY_RE.pattern
    fast = [(m.span(), m.groupdict()) for m in QUANTITY_RE.finditer(sentence)]
    assert fast == [(m.span(), m.groupdict()) for m in plain.finditer(sentence)]
    assert fast


def test_no_unit_reaches_a_clause_separator():
    # The premise of CLAUSE_SAFE and of the possessive digits in QUANTITY_RE.
    assert not any(c in unit for unit in unit_table() for c in ",:")
    assert not any(u[0].isdecimal() or u[0] == "." for u in unit_table())


def test_regex_whitespace_is_what_rstrip_strips():
    # Fast paths replace r"X\s*$" searches by rstrip().endswith(X).
    chars = "".join(map(chr, range(sys.maxunicode + 1)))
    assert "".join(re.findall(r"\s", chars)) == "".join(c for c in chars if c.isspace())


def test_table_rows_after_prose_and_at_end_of_text():
    text = "一、目标。到2010年完成。\n指标名称    2005年    2010年\n城市污水集中处理率(%)    62    85\n单位工业增加值用水量(立方米/万元)    120    80"
    out = extract_targets(document_from_text(text, plan_period=11))
    assert [(r["indicator_text"], r["value"], r["unit"], r["target_year"]) for r in out] == [
        ("城市污水集中处理率", 85.0, "%", 2010),
        ("单位工业增加值用水量", 80.0, "立方米/万元", 2010),
    ]


def test_table_before_the_plan_is_skipped_and_the_next_one_read():
    text = "指标    2000年    2003年\n城市污水集中处理率(%)    62    75\n指标名称    2005年    2010年\n工业固体废物综合利用率(%)    50    70\n"
    out = extract_targets(document_from_text(text, plan_period=11))
    assert [(r["indicator_text"], r["value"], r["target_year"]) for r in out] == [("工业固体废物综合利用率", 70.0, 2010)]


GUARDED = [
    (frames, "BASELINE_RE", "_BASELINE_AHEAD"),
    (frames, "_FRAME_RE", "_FRAME_AHEAD"),
    (subjects, "_FRAME_TEXT_RE", "_FRAME_TEXT_AHEAD"),
    (sentences, "_HISTORICAL_RE", "_HISTORICAL_AHEAD"),
    (sentences, "_CONDITIONAL_RE", "_CONDITIONAL_AHEAD"),
]
DATED = TEXTS + SENTENCES + [
    "比2005年末下降,较“十五”末,相对于2010年,相较于十二五期末,对比2015年,同2019年水平,在2005年的基础上,由2005年的,从“十一五”末的",
    "“十一五”期间,&#8220;十二五&#8221;时期,&ldquo;十三五&rdquo;末,‘十四五’内,十五规划期,2006-2010年,2010 至 2015 年,全年,今年,年内,本年度,当年,两年内,明年,在五年内",
    "到2010年底前,至2015年末以前,截至2020年年底之前, 2025年,在2005年",
    "过去五年以来,近年来前两年已经业已已完成,完成了实现了下降了降低了提高了增长了减少了达到了削减了超额完成取得了去年累计完成共完成仅为同期",
    "未完成未能完成没有完成没有实现未实现,截至目前截止9月截至2011年9月底,前三季度,60%以上的有,以下的有,之间的有,20%的有,完成全年任务的,完成年度目标任务的",
    "如果假如倘若假设,若不,若干,按照目前的速度,按现有增速,按当前的发展态势,按此趋势",
]


@pytest.mark.parametrize("module, name, ahead", GUARDED)
def test_first_character_lookahead_changes_no_match(module, name, ahead):
    fast = getattr(module, name)
    guard = getattr(module, ahead)
    assert fast.pattern.startswith(guard)
    plain = re.compile(fast.pattern.removeprefix(guard))
    found = 0
    for text in DATED:
        got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        found += len(got)
    assert found >= 5


def test_chinese_numeral_lookahead_changes_no_match():
    fast = _quantities.CN_QUANTITY_RE
    guard = "(?=[零〇一二两三四五六七八九十])"
    assert fast.pattern.startswith(guard)
    plain = re.compile(fast.pattern.removeprefix(guard))
    text = "下降两个百分点,三万吨标准煤,十二万千瓦,一百五十亿立方米,零点五个百分点以上,二十多万户,五万辆左右,万吨,六百台,第一百台"
    got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
    assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert len(got) >= 6


def test_vectorised_worth_sentences_are_the_regex_scan():
    # Long texts take the numpy path; it must cut and keep exactly what _WORTH_SENTENCE_RE does, astral
    # decimal digits (U+1D7CE) and other astral characters included.
    import random

    from fyp.extract.targets import segmentation

    rng = random.Random(20261203)
    alphabet = "。;!?\n五年百十千0123456789٣५一二的地区\U0001d7ce\U0001f600a ,"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 1500)))
        regex = [m.span("s") for m in segmentation._WORTH_SENTENCE_RE.finditer(text) if m.start("s") >= 0]
        assert segmentation._worth_sentences_vectorised(text) == regex
        assert worth_sentences(text) == regex


@pytest.mark.parametrize("share", [0.0, 1.0])  # the engine's scan, and the starts tried one by one
def test_row_ends_tried_at_spaces_are_the_regex_scan(monkeypatch, share):
    import random

    from fyp.extract.targets import tables

    monkeypatch.setattr(tables, "_ROW_END_STARTS_MAX_SHARE", share)
    rng = random.Random(7)
    alphabet = ["  ", " ", "\t", "\u3000", "\n", "12", "3.5", "%", "-", "—", "/", "以上", "约", "北京", "下降", ","]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        want = [m.span() for m in tables._ROW_END_RE.finditer(text)]
        assert [m.span() for m in tables._row_end_matches(text)] == want


def _plain_link_zones(text: str) -> list[tuple[int, int]]:
    """link_zones with its "^" (multiline) patterns tried at every character, as before the fast path."""
    from fyp.extract.targets import segmentation as seg

    zones = [m.span() for m in seg._NEIGHBOUR_LINK_RE.finditer(text)]
    for m in seg._LINKS_HEADING_RE.finditer(text):
        end = m.end()
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt].strip()
            if not line or len(line) > seg._HEADLINE_LINE_MAX or "。" in line:
                break
            end = nxt
        zones.append((m.start(), end))
    return zones


_LINK_PIECES = ["上一篇:", "下一条", "上一年", "【延伸阅读】", "相关新闻:", "推荐阅读", "往期", "<a href=x>", "<p>", "\n", "\n\n",
                " ", "\u3000", "\t", "全市削减10%。", "淘汰300万吨", "第三条", "本篇", "相关", "[", "】", ":", "。", "短标题"]


def test_link_zones_are_the_plain_scan():
    import random

    from fyp.extract.targets.segmentation import link_zones

    rng = random.Random(12)
    texts = ["上一篇:某文\n正文10%", "<p>\n下一篇:2020年目标", "正文。\n  【相关阅读】\n标题一\n标题二\n\n正文20%", ""]
    texts += ["".join(rng.choice(_LINK_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for text in texts:
        assert link_zones(text) == _plain_link_zones(text), text
    assert link_zones(texts[0]) == [(0, 6)] and link_zones(texts[2])


def _plain_may_hold_chinese_quantity(text: str, start: int, end: int) -> bool:
    """_quantities._may_hold_chinese_quantity as it was, with str.find over the text."""
    if text.find("个百分点", start, end) >= 0:
        return True
    if any(text.find(c, start, end) >= 0 for c in "十百千"):
        return True
    for mag in "万亿":
        i = text.find(mag, start + 1, end)
        while i >= 0:
            if text[i - 1] in _quantities._CN_NUMERAL_CHARS:
                return True
            i = text.find(mag, i + 1, end)
    return False


def test_chinese_quantity_gate_on_a_slice_is_the_plain_one_and_misses_no_match():
    import random

    rng = random.Random(20261204)
    pieces = ["一", "两", "三", "十", "百", "千", "零", "万", "亿", "吨", "台", "个百分点", "个", "百分之", "点五", "第", "的", "年", "5", ","]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        fast = _quantities._may_hold_chinese_quantity(text[start:end])
        assert fast == _plain_may_hold_chinese_quantity(text, start, end), (text, start, end)
        if not fast:  # the premise of the gate: no Chinese-numeral quantity where it says none
            found = [_quantities.quantity_from_match(m, chinese=True) for m in _quantities.CN_QUANTITY_RE.finditer(text, start, end)]
            assert found == [None] * len(found), (text, start, end)


# Each gate: (pattern, how its scan is tried, the cheap test that must hold wherever it matches).
_GATES = [
    (frames.BASELINE_RE, "search", lambda s: frames.BASELINE_FIRST_RE.search(s) is not None),
    (sentences._BASELINE_VALUE_BEFORE, "search", lambda s: frames.BASELINE_FIRST_RE.search(s) is not None),
    (sentences._BASE_FIGURE_RE, "search", lambda s: "基" in s or "现状值" in s),
    (sentences._PER_UNIT_SIZE_RE, "search", lambda s: "单" in s),
    (sentences._PAST_OPEN_RE, "match", lambda s: s.startswith(("去", "上"))),
    (frames._GOALS_HEADING_BEFORE_RE, "search", lambda s: bool(s) and (s[-1] in frames._GOALS_HEADING_LAST or s[-1].isspace())),
]
_GATE_PIECES = ["比", "较", "相对于", "同", "在", "由", "从", "占比", "2005", "年", "“十五”", "末", "的", "基础上", "基数", "现状值",
                "单台", "容量", "单台容量", "单机规模", "须", "达到", "去年", "上年度", "全市", "一、", "(二)", "工作", "主要", " ", "\u3000", "\n", "目标", "下降", "3%"]


@pytest.mark.parametrize("pattern, how, gate", _GATES)
def test_cheap_gates_hold_wherever_their_pattern_matches(pattern, how, gate):
    import random

    rng = random.Random(len(pattern.pattern))
    matched = 0
    for _ in range(4000):
        s = "".join(rng.choice(_GATE_PIECES) for _ in range(rng.randint(0, 8)))
        if getattr(pattern, how)(s) is not None:
            matched += 1
            assert gate(s), s
    assert matched >= 20
