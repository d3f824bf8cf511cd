"""Classes of errors the sixth held-out set showed, on invented sentences of other places, years and numbers."""

from __future__ import annotations

import datetime as dt

from snippet_rows import target_rows

from fyp.metadata.infer import infer_metadata
from fyp.text.normalize import normalize


def rows(text: str, plan_period: int = 14, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def values(text: str, **known) -> list[float]:
    return [r["value"] for r in rows(text, **known)]


def years(text: str, **known) -> list[tuple[float, int]]:
    return [(r["value"], r["target_year"]) for r in rows(text, **known)]


# --- results and progress reports: the record, not targets -------------------------------------------------

def test_figures_under_a_heading_of_results_are_the_record():
    text = ("一、主要成效\n全省城市污水处理率达到88%，新建生活垃圾焚烧厂4座。\n二、存在问题\n一是工业能耗占比偏高，重点行业产能年均增加约200万吨。\n"
            "三、主要目标\n到2025年，全省城市污水处理率达到95%。\n")
    assert values(text) == [95.0]


def test_a_dated_assignment_under_a_results_heading_is_still_read():
    text = "二、主要成效\n2023年省政府下达我县单位地区生产总值能耗下降3.1%。\n"
    assert values(text, plan_year=2023) == [3.1]


def test_progress_as_of_a_past_year_is_a_result_and_so_is_the_rest_of_its_paragraph():
    text = ("截至2022年底，全市累计建成公共充电桩3200个；新能源公交车占比为65%。\n"
            "到2025年，全市新能源公交车占比达到90%。\n")
    assert values(text) == [90.0]


def test_a_figure_that_fell_short_of_its_goal_is_a_result():
    assert values("甲县、乙县单位生产总值能耗分别下降2.1%和2.6%，未达到3%的年度目标。", plan_year=2016, plan_period=13) == []


def test_a_figure_measured_against_the_distance_to_its_goal_is_a_result():
    assert values("2021年全市空气质量优良天数为260天，距离目标仍有较大差距。") == []


def test_ru_opening_a_clause_with_a_consequence_is_a_condition():
    assert values("如“十四五”期间全省经济年均增长6%，能源消费总量将增加约900万吨标准煤。") == []


def test_ruqi_is_no_condition():
    assert values("到2025年，全市如期完成淘汰落后水泥产能60万吨。") == [60.0]


# --- Chinese numerals and count units ----------------------------------------------------------------------

def test_a_chinese_numeral_with_an_inner_wan():
    out = rows("氨氮排放总量控制在一万二千四百吨以内。")
    assert [(r["value"], r["unit"]) for r in out] == [(12400.0, "吨")]


def test_kou_counts_wells_and_pits():
    out = rows("新建户用沼气池八千口，改造农村饮水井2.5万口。")
    assert [(r["value"], r["unit"]) for r in out] == [(8000.0, "口"), (2.5, "万口")]


def test_the_plan_year_of_a_title_in_chinese_numerals():
    meta = infer_metadata(normalize("某某县人民政府关于下达二〇一一年度节能减排目标任务的通知\n某府发〔2011〕3号\n各乡镇：\n今年全县单位生产总值能耗下降3%。\n"))
    assert meta.plan_year == 2011


# --- years: a later horizon in an annual plan, a task table's date cell, a list of years ---------------------

def test_a_later_horizon_in_an_annual_plan_frames_only_its_sentence():
    text = ("2014年，全县单位生产总值能耗比上年下降3%。到2015年，全县单位生产总值能耗比2010年下降16%。"
            "农村沼气池入户率达到30%；县直机关人均综合能耗比上年下降2%。")
    assert years(text, plan_year=2014, plan_period=12) == [(3.0, 2014), (16.0, 2015), (30.0, 2014), (2.0, 2014)]


def test_a_task_rows_date_cell_dates_its_task():
    text = ("序号\t工作任务\t牵头单位\t完成时限\n"
            "1\t推进燃煤锅炉改造，城区集中供热普及率达到85%\t县住建局\t2023年11月底前\n"
            "2\t秸秆综合利用率达到90%\t县农业局\t持续推进\n")
    assert years(text) == [(85.0, 2023), (90.0, 2025)]


def test_a_list_of_years_gives_each_value_its_year():
    out = rows("2022年、2023年全区单位地区生产总值能耗分别比上年下降2.4%和2.2%。")
    assert [(r["value"], r["target_year"], r["baseline_year"]) for r in out] == [(2.4, 2022, 2021), (2.2, 2023, 2022)]


def test_a_plan_period_change_after_yearly_ones_counts_from_the_period_start():
    out = rows("2024年、2025年全省单位生产总值能耗分别比上年下降2.6%和2.5%，确保完成“十四五”累计下降14%的目标。")
    assert [(r["value"], r["baseline_year"]) for r in out][-1] == (14.0, 2020)


# --- 均 over indicators ---------------------------------------------------------------------------------------

def test_jun_over_two_indicators_of_one_code_gives_a_row_each():
    out = rows("到2025年，全县化肥、农药使用量均比2020年减少2%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("agrochemical_use", 2.0), ("agrochemical_use", 2.0)]


def test_jun_after_a_count_of_places():
    out = rows("到2025年，其余8个县城污水处理率、生活垃圾无害化处理率均达到75%以上。")
    assert [(r["indicator"], r["value"]) for r in out] == [("sewage_treatment_rate", 75.0), ("msw_harmless_rate", 75.0)]


# --- quantities: capacity an action covers, margins, a shared noun ------------------------

def test_the_capacity_an_action_covers():
    out = rows("到2025年，全省水泥企业完成超低排放改造，涉及熟料产能1500万吨、粉磨产能600万吨。")
    assert [(r["value"], r["unit"], r["indicator"]) for r in out] == [
        (1500.0, "万吨", "ultra_low_emission"), (600.0, "万吨", "ultra_low_emission")]


def test_a_margin_over_a_reference_level_defines_a_class():
    assert values("单位产品能耗超出行业平均水平20%以上的企业，一律实施差别电价。") == []


def test_a_bare_measure_takes_the_noun_before_it():
    out = rows("到2025年，城镇生活垃圾无害化处理率达到98%、回收利用率达到40%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("msw_harmless_rate", 98.0), ("msw_recycling_rate", 40.0)]


def test_issue_year_bounds_what_as_of_means():
    # Issued in 2021: progress as of 2020 is the record; a goal as of a later year is not.
    text = "截至2020年底，全市光伏装机为80万千瓦。截至2023年底，全市光伏装机达到150万千瓦。"
    assert values(text, issue_date=dt.date(2021, 3, 1)) == [150.0]


def test_a_heading_naming_goals_ends_a_section_of_results_whatever_its_form():
    text = "一、现状与问题\n全市城市污水处理率为80%。\n（一）主要目标\n全市城市污水处理率达到95%。\n"
    assert values(text) == [95.0]
