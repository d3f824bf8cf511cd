"""Headline classes seen in heldout6's first run, on rows of our own (other regions, years, numbers)."""

from fyp.document import document_from_text
from fyp.extract.headline import horizon_year, mark_headlines
from fyp.extract.indicators import code_targets

TITLE_12 = "某市人民政府关于下达年度节能减排目标任务的通知\n"
TITLE_11 = "某县人民政府关于下达年度节能减排目标任务的通知\n"


def row(text, value, unit="%", year=2015, *, start=0, baseline=None, evidence=None):
    return {
        "indicator_text": text, "value": value, "unit": unit, "target_year": year, "baseline_year": baseline,
        "is_aspirational": False, "scope": None, "char_start": start, "evidence": evidence or text,
    }


def flags(doc, rows, provisions=()):
    return [r["is_headline"] for r in mark_headlines(doc, code_targets(rows), provisions)]


# --- an annual plan whose year the metadata did not read, restating the period's goal ---------------


def test_most_goals_for_one_earlier_year_make_an_annual_plan_that_restates_the_period_goal():
    doc = document_from_text(TITLE_12, plan_period=12, plan_year=None)
    rows = [
        row("单位生产总值能耗", 16, year=2015, baseline=2010, start=10),
        row("单位生产总值能耗", 3.5, year=2013, baseline=2012, start=30),
        row("化学需氧量排放总量", 3200, "吨", year=2013, start=50),
        row("二氧化硫排放总量", 8600, "吨", year=2013, start=70),
        row("单位工业增加值能耗", 4, year=2013, baseline=2012, start=90),
    ]
    assert doc.plan_year is None and horizon_year(doc, code_targets(rows)) == 2013
    # the period's goal is the headline, the year's own change is not; the year's goals are where the
    # period's is not restated
    assert flags(doc, rows) == [True, False, True, True, True]


def test_a_plans_few_intermediate_goals_do_not_make_it_an_annual_plan():
    doc = document_from_text(TITLE_12, plan_period=12, plan_year=None)
    rows = [
        row("单位生产总值能耗", 16, year=2015, baseline=2010, start=10),
        row("能源消费总量", 2600, "万吨标准煤", year=2015, start=20),
        row("单位生产总值能耗", 3.2, year=2013, baseline=2012, start=30),
        row("节能量", 60, "万吨标准煤", year=2013, start=40),
        row("化学需氧量排放总量", 2, year=2013, baseline=2012, start=50),
    ]
    # more goals for 2013 than for 2015, but not twice as many: intermediate goals of the plan
    assert horizon_year(doc, code_targets(rows)) == 2015
    assert flags(doc, rows) == [True, True, False, False, False]


# --- the period's goal before the year's change when both are set for the period's last year --------


def test_the_goal_naming_the_plan_period_comes_before_the_change_on_last_year():
    doc = document_from_text(TITLE_11, plan_period=11, plan_year=None)
    rows = [
        row("单位生产总值能耗", 5.2, year=2010, baseline=2009, start=10),
        # its baseline read as the year before, but the evidence names the period
        row("单位生产总值能耗", 21, year=2010, baseline=2009, start=40,
            evidence="确保实现“十一五”单位生产总值能耗降低21%"),
    ]
    assert flags(doc, rows) == [False, True]


# --- parts of the region the clause names outside the indicator phrase -------------------------------

PROVINCE = "某某省人民政府关于印发某某省“十二五”节能减排综合性工作方案的通知\n"


def _located(text, specs, **known):
    """Rows placed in ``text`` at their evidence (each evidence the first occurrence after the last)."""
    doc = document_from_text(text, **known)
    rows, pos = [], 0
    for indicator, value, unit, evidence in specs:
        at = doc.source.index(evidence, pos)
        pos = at + 1
        rows.append(dict(row(indicator, value, unit, start=at, evidence=evidence), char_end=at + len(evidence)))
    return doc, rows


def test_a_clause_naming_a_class_of_plants_before_the_target_makes_it_theirs():
    text = PROVINCE + ("二、重点任务。装机容量20万千瓦及以上的在役燃煤机组，脱硝设施投运率达到85%以上。"
                       "全省脱硫设施投运率达到95%。\n")
    doc, rows = _located(text, [("脱硝设施投运率", 85, "%", "脱硝设施投运率达到85%以上"),
                                ("脱硫设施投运率", 95, "%", "脱硫设施投运率达到95%")])
    assert flags(doc, rows) == [False, True]


def test_an_action_on_plants_before_the_target_is_no_topic():
    text = PROVINCE + ("二、重点任务。有步骤的关、停一批小造纸、小印染等企业，"
                       "确保全省化学需氧量排放总量比2010年削减9%。\n")
    doc, rows = _located(text, [("化学需氧量排放总量", 9, "%", "确保全省化学需氧量排放总量比2010年削减9%")])
    assert flags(doc, rows) == [True]


def test_the_bodies_of_one_level_of_government_are_a_part_of_the_public_institutions():
    doc = document_from_text(PROVINCE)
    rows = [row("省直机关新购公务用车中新能源汽车比例", 40, start=10),
            row("市本级既有公共机构建筑节能改造", 20, "万平方米", start=30),
            row("新购公务用车中新能源汽车比例", 25, start=50)]
    assert flags(doc, rows) == [False, False, True]


def test_targets_set_for_a_named_place_before_the_rest_of_the_places_are_that_places():
    text = (PROVINCE + "三、城镇环境。省会城市污水处理率达到90%，生活垃圾无害化处理率达到95%；"
            "其他设区城市分别达到85%和90%。全省生活垃圾无害化处理率达到88%。\n")
    doc, rows = _located(text, [("省会城市污水处理率", 90, "%", "省会城市污水处理率达到90%"),
                                ("生活垃圾无害化处理率", 95, "%", "生活垃圾无害化处理率达到95%"),
                                ("生活垃圾无害化处理率", 88, "%", "全省生活垃圾无害化处理率达到88%")])
    assert flags(doc, rows) == [False, False, True]


def test_without_the_rest_of_the_places_a_later_clause_is_the_regions():
    text = PROVINCE + "三、城镇环境。中心城区绿色出行比例达到70%，新能源汽车保有量达到5万辆。\n"
    doc, rows = _located(text, [("中心城区绿色出行比例", 70, "%", "中心城区绿色出行比例达到70%"),
                                ("新能源汽车保有量", 5, "万辆", "新能源汽车保有量达到5万辆")])
    assert flags(doc, rows) == [False, True]
