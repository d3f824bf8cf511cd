"""Chinese numerals before any unit, written-out percentages, and ratios whose denominator comes first
("每吨…千瓦时"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from snippet_rows import target_rows
from fyp.extract._quantities import find_quantities
from fyp.text.normalize import normalize


def rows(text: str, plan_period: int = 12, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def values(text: str) -> list[tuple[float, str, str | None]]:
    working = normalize(text).text  # quantities are read on the working text (full-width marks folded)
    return [(q.value, q.unit, q.qualifier) for q in find_quantities(working)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全县改造老旧燃气锅炉四百台", [(400.0, "台", None)]),
        ("新增锅炉容量二千五百蒸吨", [(2500.0, "蒸吨", None)]),
        ("新铺设供热管道一百八十公里", [(180.0, "公里", None)]),
        ("建设污水管网约十五万公里", [(15.0, "万公里", None)]),
        ("新增处理能力三百二十万吨/日", [(320.0, "万吨/日", None)]),
        ("建成公共充电桩一千个", [(1000.0, "个", None)]),
        ("关停化工企业十五家以上", [(15.0, "家", "at_least")]),
    ],
)
def test_chinese_numerals_before_a_unit(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    ["建成一座垃圾焚烧厂", "统一规划一批项目", "第一百台机组", "“十二五”期间", "两台锅炉之一", "百家企业"],
)
def test_words_with_numeral_characters_are_no_amounts(text):
    assert values(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("再生水利用率达到百分之二十五", [(25.0, "%", None)]),
        ("森林覆盖率不低于百分之四十以上", [(40.0, "%", "at_least")]),
        ("供热普及率达到百分之八十五点五", [(85.5, "%", None)]),
    ],
)
def test_percentages_written_out(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("燃煤机组供电煤耗降至每千瓦时310克标准煤", [(310.0, "克标准煤/千瓦时", None)]),
        ("电解锌直流电耗控制在每吨3000千瓦时以内", [(3000.0, "千瓦时/吨", "at_most")]),
        ("合成氨综合能耗降至每吨一千三百千克标准煤", [(1300.0, "千克标准煤/吨", None)]),
        ("垃圾处理费每吨不低于45元", [(45.0, "元/吨", None)]),
        ("乙烯燃动能耗降至每吨580千克标准油", [(580.0, "千克标准油/吨", None)]),
    ],
)
def test_a_ratio_with_its_denominator_first(text, expected):
    assert values(text) == expected


def test_per_product_units_written_after_the_number():
    assert values("炼油能耗降至8千克标准油/（吨·因数）以下") == [(8.0, "千克标准油/（吨·因数）", "at_most")]
    assert values("乙烯燃动能耗不超过590千克标准油/吨") == [(590.0, "千克标准油/吨", None)]


def test_a_year_money_or_a_number_without_ratio_stays_as_it_was():
    assert values("每年投入资金300万元") == []  # 万元 is no numerator of a ratio unit here
    assert values("每吨钢耗新水4立方米") == [(4.0, "立方米", None)]  # "每吨钢" names a product, not the unit


def test_targets_in_sentences_without_arabic_digits():
    out = rows("到2015年,全市新建污水管网三百四十公里,县城污水处理率达到百分之八十五。")
    assert [(r["value"], r["unit"], r["target_year"]) for r in out] == [(340.0, "公里", 2015), (85.0, "%", 2015)]
    out = rows("今年全县淘汰燃煤小锅炉一百五十台。", plan_period=13, plan_year=2018)
    assert [(r["value"], r["unit"], r["direction"]) for r in out] == [(150.0, "台", "complete")]


def test_a_per_unit_target_in_a_sentence():
    out = rows("到2015年,电解铝交流电耗控制在每吨13500千瓦时以内,吨水泥熟料能耗降至每吨一百一十千克标准煤。")
    assert [(r["value"], r["unit"], r["qualifier"]) for r in out] == [
        (13500.0, "千瓦时/吨", "at_most"), (110.0, "千克标准煤/吨", "exact")]


def test_doubling_is_an_increase_of_one_hundred_percent():
    out = rows("到2015年,全省风电装机容量比2010年翻一番,太阳能热水器集热面积比2010年翻两番。")
    assert [(r["indicator_text"], r["value"], r["unit"], r["direction"], r["baseline_year"]) for r in out] == [
        ("风电装机容量", 100.0, "%", "increase", 2010), ("太阳能热水器集热面积", 300.0, "%", "increase", 2010)]
    assert values("推翻旧说法") == []
