"""Direction and qualifier read from the words around a number."""

from __future__ import annotations

import pytest

from fyp.document import document_from_text
from fyp.extract.targets import extract_targets


def one(text: str, plan_period: int = 13, **known) -> dict:
    out = extract_targets(document_from_text(text, plan_period=plan_period, **known))
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize(
    "text, direction, qualifier",
    [
        ("全市细颗粒物年均浓度不高于36微克/立方米。", "cap", "at_most"),
        ("全年重污染天数不能超过5天。", "cap", "at_most"),
        ("全市PM2.5年均浓度保持在28微克/立方米以下。", "cap", "at_most"),
        ("空气质量优良天数比率保持在90%以上。", "reach", "at_least"),
        ("煤炭消费比重下降到55%。", "decrease", "exact"),
        ("非化石能源占能源消费比重提高到18%左右。", "increase", "about"),
        ("城市污水处理率不低于95%。", "reach", "at_least"),
    ],
)
def test_direction_and_qualifier(text, direction, qualifier):
    r = one(text)
    assert (r["direction"], r["qualifier"]) == (direction, qualifier)


def test_the_edition_year_of_a_document_is_no_date():
    r = one("严格执行《产业结构调整指导目录》(2019年本),全年淘汰落后产能企业40家。", plan_year=2020)
    assert (r["value"], r["target_year"]) == (40.0, 2020)


def test_a_class_of_places_defined_by_last_years_level():
    text = "2019年PM2.5平均浓度在50至60微克/立方米之间的甲镇、乙乡的PM2.5平均浓度均下降至目标值50微克/立方米及以下。"
    r = one(text, plan_year=2020)
    assert (r["value"], r["target_year"], r["direction"], r["qualifier"]) == (50.0, 2020, "decrease", "at_most")
    assert r["indicator_text"] == "甲镇、乙乡的PM2.5平均浓度"


def test_a_share_of_units_that_do_something():
    r = one("100%的县级以上城市建成清新空气示范区。", plan_year=2020)
    assert (r["value"], r["unit"], r["direction"]) == (100.0, "%", "reach")


def test_an_indicator_that_names_a_decline():
    r = one("确定2019年全市单位地区生产总值能耗降幅目标为3.4%。", plan_year=2019)
    assert (r["direction"], r["value"]) == ("decrease", 3.4)


def test_a_number_without_a_verb_takes_the_way_its_own_bound_says():
    text = "2019年奋斗目标为:PM2.5年均浓度低于44微克/立方米,空气优良天数292天以上。"
    out = extract_targets(document_from_text(text, plan_period=13, plan_year=2019))
    assert [(r["value"], r["direction"], r["qualifier"]) for r in out] == [(44.0, "cap", "at_most"), (292.0, "reach", "at_least")]


def test_strive_leading_a_sentence_covers_its_clauses():
    text = "力争到2025年,全市公共机构能源消费总量控制在90万吨标准煤以内,用水总量控制在3000万立方米以内。"
    out = extract_targets(document_from_text(text, plan_period=14))
    assert [r["is_aspirational"] for r in out] == [True, True]
    text = "确保规模以上工业单位增加值能耗下降14%,力争下降16%,万元工业增加值用水量下降10%。"
    out = extract_targets(document_from_text(text, plan_period=14))
    assert [(r["value"], r["is_aspirational"]) for r in out] == [(14.0, False), (16.0, True), (10.0, False)]


def test_a_level_to_reach_takes_no_plan_period_baseline():
    r = one("“十四五”期间,全市非化石能源消费比重提高到20%。", plan_period=14)
    assert (r["direction"], r["baseline_year"]) == ("increase", None)


def _years(text: str, plan_period: int, issued) -> list[tuple[float, int]]:
    doc = document_from_text(text, plan_period=plan_period, issue_date=issued)
    return [(r["value"], r["target_year"]) for r in extract_targets(doc)]


def test_undated_targets_of_a_plan_with_its_own_horizon_take_its_last_year():
    from datetime import date

    by_title = "某市清洁空气行动方案（2014—2017年）\n二、主要任务\n城市建成区道路机扫率达到80%。\n"
    assert _years(by_title, 12, date(2014, 3, 1)) == [(80.0, 2017)]
    by_goals = ("某县水污染防治工作方案\n一、工作目标\n到2017年，县城污水处理率达到90%。\n"
                "二、主要任务\n完成农村环境综合整治村庄120个。\n")
    assert _years(by_goals, 12, date(2014, 6, 1)) == [(90.0, 2017), (120.0, 2017)]


def test_a_five_year_plan_whose_goals_name_its_last_year_keeps_it():
    from datetime import date

    text = "一、主要目标\n到2015年，全县单位生产总值能耗比2010年下降16%。\n二、主要任务\n完成农村环境综合整治村庄80个。\n"
    assert _years(text, 12, date(2012, 5, 1)) == [(16.0, 2015), (80.0, 2015)]
    far = "一、主要目标\n到2020年，基本建成资源节约型社会。\n二、主要任务\n完成农村环境综合整治村庄80个。\n"
    assert _years(far, 12, date(2011, 9, 1)) == [(80.0, 2015)]  # a long view, not the plan's own horizon


def test_energy_saved_written_right_after_jieneng():
    out = extract_targets(document_from_text("到2012年，全区重点用能单位节能15万吨标准煤，新建建筑节能标准执行率达到100%。", plan_period=12))
    assert [(r["value"], r["unit"], r["direction"], r["target_year"]) for r in out][0] == (15.0, "万吨标准煤", "reach", 2012)


def test_keeping_a_level_is_a_target():
    from fyp.document import document_from_text
    from fyp.extract.targets import extract_targets

    out = extract_targets(document_from_text("到2015年,县城集中式饮用水水源地水质达标率保持100%,噪声保持55分贝以下。", plan_period=12))
    assert [(r["value"], r["direction"], r["qualifier"]) for r in out] == [(100.0, "reach", "exact"), (55.0, "cap", "at_most")]
