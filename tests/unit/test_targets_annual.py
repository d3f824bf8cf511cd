"""Annual plans and yearly targets: 比上年 / 同比 / 今年, and the plan's own year as target year."""

from __future__ import annotations

import datetime as dt

from snippet_rows import target_rows
from fyp.document import document_from_text
from fyp.extract.targets import extract_targets


def rows(text: str, plan_period: int = 12, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def test_undated_target_of_an_annual_plan_is_for_the_plan_year():
    out = rows("一、年度目标\n全县二氧化硫排放总量控制在3200吨以内,化学需氧量排放总量控制在1500吨以内。", plan_year=2013)
    assert [(r["value"], r["target_year"], r["direction"], r["qualifier"]) for r in out] == [
        (3200.0, 2013, "cap", "at_most"),
        (1500.0, 2013, "cap", "at_most"),
    ]


def test_without_a_plan_year_the_plan_end_stays_the_default():
    out = rows("全县二氧化硫排放总量控制在3200吨以内。")
    assert [r["target_year"] for r in out] == [2015]


def test_bi_shangnian_is_the_year_before_the_target_year():
    out = rows("全市氨氮排放量比上年削减1.8%,单位地区生产总值能耗较上年下降3.2%。", plan_year=2014)
    assert [(r["value"], r["baseline_year"], r["target_year"]) for r in out] == [(1.8, 2013, 2014), (3.2, 2013, 2014)]


def test_bi_shangnian_with_its_own_year():
    r = rows("2012年,全区万元生产总值能耗比上年降低3.5%以上。", plan_period=12)[0]
    assert (r["baseline_year"], r["target_year"], r["qualifier"]) == (2011, 2012, "at_least")


def test_bi_qunian_tongqi_is_a_baseline_not_a_past_result():
    r = rows("今年全市规模以上工业增加值能耗比去年同期下降4%。", plan_year=2016, plan_period=13)[0]
    assert (r["value"], r["baseline_year"], r["target_year"]) == (4.0, 2015, 2016)


def test_tongbi_in_an_annual_plan():
    r = rows("全区重点企业煤炭消费量同比减少5%。", plan_year=2019, plan_period=13)[0]
    assert (r["baseline_year"], r["target_year"], r["direction"]) == (2018, 2019, "decrease")


def test_jinnian_is_the_plan_year_before_the_issue_year():
    out = rows("今年全市化学需氧量排放量削减2%。", plan_year=2010, plan_period=11, issue_date=dt.date(2010, 3, 1))
    assert [(r["value"], r["target_year"]) for r in out] == [(2.0, 2010)]


def test_earlier_years_of_an_annual_plan_are_its_record():
    text = "2012年全县二氧化硫排放量为2650吨。2013年二氧化硫排放量较上年削减3%,控制在2570吨以内。"
    out = rows(text, plan_year=2013)
    assert [(r["value"], r["unit"], r["target_year"]) for r in out] == [(3.0, "%", 2013), (2570.0, "吨", 2013)]
    assert out[0]["baseline_year"] == 2012


def test_shangnian_baseline_does_not_carry_to_the_next_sentence():
    text = "2008年全省化学需氧量排放量比上年减少2.1%,未完成年度目标。2009年全省化学需氧量排放量削减3%。"
    out = rows(text, plan_period=11)
    assert [(r["value"], r["target_year"], r["baseline_year"]) for r in out] == [(3.0, 2009, None)]


def test_a_percent_change_over_a_plan_period_counts_from_its_start():
    r = rows("“十二五”期间,全省单位生产总值能耗下降16%。")[0]
    assert (r["baseline_year"], r["target_year"]) == (2010, 2015)
    r = rows("国家要求我市“十三五”单位GDP二氧化碳排放下降20.5%。", plan_period=13)[0]
    assert (r["baseline_year"], r["target_year"]) == (2015, 2020)
    # A year frame states no base; an amount needs none.
    assert rows("到2015年,全省单位生产总值能耗下降16%。")[0]["baseline_year"] is None
    assert rows("“十二五”期间,全省淘汰落后水泥产能800万吨。")[0]["baseline_year"] is None


def test_a_years_stated_target_reported_after_the_year():
    text = "省里下达我市2018年空气质量改善目标为:PM2.5年均浓度比2015年下降9%。2018年全市PM2.5年均浓度为48微克/立方米。"
    out = rows(text, plan_period=13, issue_date=dt.date(2019, 2, 1), plan_year=None)
    assert [(r["value"], r["unit"], r["target_year"], r["baseline_year"]) for r in out] == [(9.0, "%", 2018, 2015)]


def test_the_plan_a_requirement_comes_from_dates_it():
    text = "环境部印发《某地区2019~2020年秋冬季大气污染综合治理攻坚行动方案》,要求全市秋冬季PM2.5平均浓度同比下降4%。"
    r = rows(text, plan_period=13, plan_year=None)[0]
    assert (r["value"], r["target_year"], r["baseline_year"]) == (4.0, 2020, 2019)


def test_a_line_broken_mid_sentence_keeps_its_date():
    text = "2019年,市政府要求\n全市重污染天数同比下降20%。\n二、重点任务\n城市污水处理率达到95%。"
    out = rows(text, plan_period=13, plan_year=None)
    assert [(r["value"], r["target_year"], r["baseline_year"]) for r in out] == [(20.0, 2019, 2018), (95.0, 2020, None)]


def test_quannian_after_a_named_year_is_that_year_not_the_issue_year():
    text = "一、目标\n到2015年,全县PM10年均浓度控制在90微克/立方米以内;全年环境空气质量良好天数达到300天以上。"
    out = rows(text, issue_date=dt.date(2013, 8, 1))
    assert [(r["value"], r["target_year"]) for r in out] == [(90.0, 2015), (300.0, 2015)]


def test_quannian_without_a_named_year_is_the_current_year():
    out = rows("全年完成燃煤锅炉改造40台。", plan_year=2014)
    assert [(r["value"], r["target_year"]) for r in out] == [(40.0, 2014)]


def test_a_sentence_with_two_horizons_frames_no_sentence_after_it():
    text = "(二)车辆。2014年底前完成加气站建设8座,2015年底前建成充电桩500个。公交车中清洁能源车辆比例达到70%。"
    out = rows(text, issue_date=dt.date(2013, 8, 1))
    assert [(r["value"], r["target_year"]) for r in out] == [(8.0, 2014), (500.0, 2015), (70.0, 2015)]


def test_a_registration_cut_off_is_no_date_of_the_target():
    out = rows("2014年底前淘汰2007年底前注册营运的老旧客车3000辆。", issue_date=dt.date(2013, 8, 1))
    assert [(r["value"], r["unit"], r["target_year"]) for r in out] == [(3000.0, "辆", 2014)]


def test_a_rule_taking_effect_after_the_notice_frames_nothing():
    text = "(三)机动车。自2015年7月1日起,新注册车辆执行国Ⅴ标准。出租车中清洁能源车辆比例达到80%。"
    out = rows(text, issue_date=dt.date(2013, 8, 1))
    assert [(r["value"], r["target_year"]) for r in out] == [(80.0, 2015)]
    later = rows(text.replace("2015年7月1日", "2014年7月1日"), issue_date=dt.date(2013, 8, 1))
    assert [(r["value"], r["target_year"]) for r in later] == [(80.0, 2015)]


def test_a_hard_wrapped_record_of_the_last_period_stays_a_record():
    # Lines cut at a fixed width: one ends after a unit's slash ("吨标准煤/"), one starts with a decimal
    # ("1.50吨"): neither starts a new paragraph, so the period's frame (十一五, past) covers them all.

    text = ("一、回顾\n“十一五”期间，全市以年均10.2%的能源消费增速支撑了年\n"
            "均12.1%的经济增长，单位地区生产总值能耗由2005年的\n"
            "1.50吨标准煤/万元下降到2010年的1.20吨标准煤/\n"
            "万元，累计下降20%，淘汰落后水泥产能900万吨、造纸产能\n"
            "50万吨，但仍有较大差距。\n二、主要目标\n到2015年，全市单位地区生产总值能耗比2010年下降16%。\n")
    out = extract_targets(document_from_text(text, plan_period=12))
    assert [(r["value"], r["target_year"]) for r in out] == [(16.0, 2015)]
