"""Units Chinese plans use: concentrations, days, counts and sector units, each with base unit and factor."""

from __future__ import annotations

import pytest

from snippet_rows import target_rows
from fyp.extract._quantities import find_quantities, unit_table


def rows(text: str, plan_period: int = 13, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


@pytest.mark.parametrize(
    "text, value, unit, base_unit, in_base",
    [
        ("到2020年,全市细颗粒物年均浓度控制在42μg/m3以下。", 42.0, "微克/立方米", "微克/立方米", 42.0),
        ("到2020年,全市细颗粒物年均浓度下降到38µg/m³。", 38.0, "微克/立方米", "微克/立方米", 38.0),
        ("全市可吸入颗粒物年均浓度控制在70微克/立方米以内。", 70.0, "微克/立方米", "微克/立方米", 70.0),
        ("出境断面化学需氧量浓度低于30毫克/升。", 30.0, "毫克/升", "毫克/升", 30.0),
        ("城市空气质量优良天数达到300天以上。", 300.0, "天", "天", 300.0),
        ("淘汰落后平板玻璃产能500万重量箱。", 500.0, "万重量箱", "重量箱", 5_000_000.0),
        ("淘汰落后制革产能200万标张。", 200.0, "万标张", "标张", 2_000_000.0),
        ("淘汰落后印染产能3亿米。", 3.0, "亿米", "公里", 300_000.0),
        ("推广高效照明产品1000万只。", 1000.0, "万只", "只", 10_000_000.0),
        ("万元工业增加值二氧化硫排放量控制在3.5千克/万元以内。", 3.5, "千克/万元", "千克/万元", 3.5),
        ("区域环境噪声平均值控制在55分贝以内。", 55.0, "分贝", "分贝", 55.0),
        ("火电供电标准煤耗下降到305克标准煤/千瓦时。", 305.0, "克标准煤/千瓦时", "克标准煤/千瓦时", 305.0),
        ("淘汰落后铅蓄电池产能800万千伏安时。", 800.0, "万千伏安时", "千伏安时", 8_000_000.0),
        ("新开通绿色公交线路25条。", 25.0, "条", "条", 25.0),
    ],
)
def test_units_plans_use(text, value, unit, base_unit, in_base):
    out = rows(text)
    assert len(out) == 1, out
    r = out[0]
    assert (r["value"], r["unit"], r["base_unit"], r["value_in_base_unit"]) == (value, unit, base_unit, in_base)


def test_micro_sign_spellings_publish_one_name():
    # μ (Greek mu), µ (micro sign) and an ASCII u all stand for the same unit.
    names = {unit_table()[s].name for s in ("μg/m3", "µg/m3", "ug/m3", "微克/立方米")}
    assert names == {"微克/立方米"}


def test_bare_metres_are_a_dimension_not_an_amount():
    assert rows("鼓励建设炭化室高度6米以上的大型焦炉。") == []
    assert [q.unit for q in find_quantities("淘汰印染落后产能5亿米")] == ["亿米"]


def test_days_after_a_noun_phrase_with_de_are_a_sanction_not_a_target():
    assert rows("对能耗同比上升的重点用能企业停产5天以上。", plan_period=12) == []


def test_words_starting_with_a_unit_character_are_not_units():
    assert find_quantities("全市2天然气管网,5条件,3支持") == []


def test_every_unit_has_a_base_unit_and_factor():
    for text, unit in unit_table().items():
        assert unit.base_unit and unit.factor > 0 and unit.kind and unit.name, text


def test_a_stray_space_inside_a_unit_or_before_it():
    from fyp.extract._quantities import find_quantities

    got = [(q.value, q.unit) for q in find_quantities("改造既有建筑45万平方 米，节能12万吨 标准煤，新增供水8亿立方 米，削减2.3 万吨")]
    assert got == [(45.0, "万平方米"), (12.0, "万吨标准煤"), (8.0, "亿立方米"), (2.3, "万吨")]
    # two spaces or a word between are no unit of the number
    assert [(q.value, q.unit) for q in find_quantities("完成12万吨  标准化改造")] == [(12.0, "万吨")]
