"""Targets extractor: one behaviour per test, on short snippets."""

from __future__ import annotations

import datetime as dt

import pytest

from snippet_rows import target_rows
from fyp.document import document_from_text
from fyp.extract.indicators import classify_indicator
from fyp.extract.targets import extract_targets


def rows(text: str, plan_period: int = 11, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def one(text: str, **kw) -> dict:
    out = rows(text, **kw)
    assert len(out) == 1, out
    return out[0]


def test_headline_decrease_with_baseline_and_year():
    r = one("到2025年,全市单位地区生产总值能耗比2020年下降14.5%。", plan_period=14)
    assert (r["indicator"], r["direction"], r["value"], r["unit"]) == ("energy_intensity_gdp", "decrease", 14.5, "%")
    assert (r["baseline_year"], r["target_year"], r["qualifier"]) == (2020, 2025, "exact")
    assert r["evidence"] == "全市单位地区生产总值能耗比2020年下降14.5%"


def test_fenbie_list_gives_one_row_per_element():
    out = rows("化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到7.14万吨、0.2万吨、5.02万吨、0.74万吨。", plan_period=14)
    assert [r["indicator"] for r in out] == ["cod", "nh3n", "nox", "vocs"]
    assert [r["value"] for r in out] == [7.14, 0.2, 5.02, 0.74]
    assert all(r["unit"] == "万吨" and r["direction"] == "reach" and r["target_year"] == 2025 for r in out)
    assert len({(r["char_start"], r["char_end"]) for r in out}) == 1  # they share the clause
    assert out[0]["value_in_base_unit"] == 71400.0 and out[0]["base_unit"] == "吨"


def test_fenbie_list_shares_trailing_qualifier_and_unit():
    out = rows("全市化学需氧量、氨氮排放总量分别控制在13.17万吨、2.10万吨以内,比2015年分别减少11、12%以上。", plan_period=13)
    caps = [r for r in out if r["unit"] == "万吨"]
    cuts = [r for r in out if r["unit"] == "%"]
    assert [r["qualifier"] for r in caps] == ["at_most", "at_most"] and caps[0]["direction"] == "cap"
    assert [r["value"] for r in cuts] == [11.0, 12.0]  # the first number's unit comes from the list
    assert all(r["baseline_year"] == 2015 and r["qualifier"] == "at_least" for r in cuts)
    assert [r["indicator"] for r in cuts] == ["cod", "nh3n"]  # subject inherited from the first clause


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("全省单位生产总值能耗比“十五”末降低20%左右。", "about"),
        ("城市污水处理率达到90%以上。", "at_least"),
        ("能源消费总量控制在1825万吨标准煤以内。", "at_most"),
        ("工业固体废物综合利用率达到85%。", "exact"),
        ("新增及更新车辆中新能源汽车比例不低于30%。", "at_least"),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text)["qualifier"] == qualifier


def test_strive_is_aspirational_and_scoped_to_its_clause():
    out = rows("确保规模以上工业单位增加值能耗下降14.5%,力争下降18%。", plan_period=14)
    assert [(r["value"], r["is_aspirational"]) for r in out] == [(14.5, False), (18.0, True)]


def test_shiwu_end_baseline_is_2005():
    r = one("化学需氧量(COD)排放总量比“十五”末下降15.6%。")
    assert (r["baseline_year"], r["target_year"], r["indicator"]) == (2005, 2010, "cod")


def test_bi_year_baseline():
    r = one("到2020年,全市万元地区生产总值能耗比2015年下降17%。", plan_period=13)
    assert r["baseline_year"] == 2015 and r["target_year"] == 2020


def test_down_to_a_level_and_the_starting_value_is_not_a_target():
    out = rows("全市万元GDP能耗由2005年的2.66吨标准煤下降到2.00吨标准煤,降低25%。")
    assert [(r["value"], r["unit"]) for r in out] == [(2.0, "吨标准煤"), (25.0, "%")]
    assert all(r["direction"] == "decrease" and r["baseline_year"] == 2005 for r in out)
    assert out[1]["indicator"] == "energy_intensity_gdp"  # ",降低25%" takes the previous subject


def test_percentage_points():
    r = one("到2010年管网漏失率要下降10个百分点。")
    assert (r["value"], r["unit"], r["direction"], r["indicator"]) == (10.0, "个百分点", "decrease", "water_network_leakage")


def test_chinese_numeral_percentage_points():
    r = one("煤炭消费比重下降两个百分点。", plan_period=13)
    assert (r["value"], r["unit"], r["indicator"]) == (2.0, "个百分点", "coal_share")


def test_full_width_digits():
    r = one("到２０２５年，全市单位地区生产总值能耗比２０２０年下降１４．５％。", plan_period=14)
    assert (r["value"], r["unit"], r["baseline_year"], r["target_year"]) == (14.5, "%", 2020, 2025)
    assert r["evidence"] == "全市单位地区生产总值能耗比２０２０年下降１４．５％"


def test_traditional_script():
    r = one("到2025年,全省單位地區生產總值能源消耗比2020年下降14%。", plan_period=14)
    assert r["indicator"] == "energy_intensity_gdp"
    assert r["indicator_text"] == "单位地区生产总值能源消耗"  # simplified
    assert "單位地區" in r["evidence"]  # evidence stays as in the source


def test_mojibake_slash_in_per_day_unit():
    r = one("新增污水处理能力457万吨燉日。")
    assert (r["value"], r["unit"], r["direction"]) == (457.0, "万吨/日", "increase")
    assert r["value_in_base_unit"] == 4570000.0 and r["base_unit"] == "吨/日"
    assert r["evidence"].endswith("万吨燉日")


def test_historical_statistics_not_extracted():
    text = "“十一五”期间,全省单位GDP能耗累计下降22.09%,超额完成国家下达的目标任务。"
    assert rows(text, plan_period=12) == []
    assert rows("2015年万元地区生产总值能耗降至0.30吨标准煤。", plan_period=13, issue_date=None) == []


def test_entry_thresholds_not_extracted():
    assert rows("新建矿井规模不低于45万吨燉年,新建铅冶炼项目单系统规模必须达到5万吨燉年以上。") == []
    assert rows("2008年年底前关闭年生产能力2万吨以下废纸造纸企业。") == []


def test_a_restated_target_is_a_row_of_its_own_pointing_at_the_fuller_statement():
    text = (
        "南宁:全市单位GDP能耗下降14%\n"
        "《方案》明确,到2025年,全市单位地区生产总值能耗比2020年下降14%,城市污水处理率达到95%。\n"
        "到2025年,全市单位地区生产总值能耗比2020年下降14%。"
    )
    out = extract_notice_rows(text, plan_period=14)
    assert [(r["indicator"], r["value"]) for r in out] == [
        ("energy_intensity_gdp", 14.0), ("energy_intensity_gdp", 14.0), ("sewage_treatment_rate", 95.0),
        ("energy_intensity_gdp", 14.0),
    ]
    title, body, sewage, again = out
    # the fuller statement (it names its baseline) is the primary; the title and the repeat point at it
    assert (body["restatement_of"], sewage["restatement_of"]) == (None, None)
    assert title["restatement_of"] == body["target_id"] and again["restatement_of"] == body["target_id"]
    assert body["baseline_year"] == 2020 and title["baseline_year"] is None
    assert [r for r in out if r["restatement_of"] is None] == [body, sewage]  # one row per commitment


def test_the_first_statement_is_primary_when_neither_is_fuller():
    text = "到2025年,全县单位地区生产总值能耗比2020年下降13%。\n\n二、主要目标\n到2025年,全县单位地区生产总值能耗比2020年下降13%。"
    first, second = extract_notice_rows(text, plan_period=14)
    assert first["restatement_of"] is None
    assert second["restatement_of"] == first["target_id"]
    assert (first["char_start"], second["char_start"]) == (text.index("全县"), text.rindex("全县"))


def test_two_subjects_with_one_figure_in_a_paragraph_are_no_restatement():
    out = rows("到2015年,城市污水处理率达到85%;到2015年,县城污水处理率达到85%。", plan_period=12)
    assert [r["restatement_of"] for r in out] == [None, None]


def extract_notice_rows(text: str, plan_period: int) -> list[dict]:
    """Target rows of ``text`` with the target_id extract_notice gives them."""
    from fyp.extract.ids import TARGET_ID_LETTER, span_ids

    out = rows(text, plan_period=plan_period)
    for r, target_id in zip(out, span_ids(out, "0" * 16, TARGET_ID_LETTER), strict=True):
        r["target_id"] = target_id
    return out


def test_a_published_restatement_names_the_published_id_of_its_primary():
    from fyp.extract.notice import extract_notice
    from fyp.ingest.read import RawNotice

    text = (
        "临川县:今年万元生产总值能耗下降3.5%\n"
        "临川县人民政府关于印发临川县2012年节能减排工作方案的通知\n"
        "2012年,全县万元生产总值能耗比上年下降3.5%,化学需氧量排放量下降1.5%。\n"
    )
    raw = RawNotice("test.txt", "ab" * 32, "utf-8", "text", text, len(text.encode()))
    targets = extract_notice(raw).rows["targets"]
    ids = {r["target_id"] for r in targets}
    restated = [r for r in targets if r["restatement_of"] is not None]
    assert len(restated) == 1 and restated[0]["restatement_of"] in ids
    primary = next(r for r in targets if r["target_id"] == restated[0]["restatement_of"])
    assert (primary["value"], primary["baseline_year"], restated[0]["baseline_year"]) == (3.5, 2011, None)
    assert not restated[0]["is_headline"]


def test_this_year_is_the_issue_year():
    text = "武汉今年节能目标:万元GDP能耗降低4%\n2006年节能目标为万元GDP能耗降低4%。"
    out = rows(text, plan_period=11, issue_date=dt.date(2006, 7, 9))
    assert [(r["value"], r["target_year"]) for r in out] == [(4.0, 2006), (4.0, 2006)]
    assert out[0]["restatement_of"] is None and out[1]["restatement_of"] is not None


def test_target_without_year_gets_plan_end():
    assert one("县城污水处理率达到95%以上。", plan_period=14)["target_year"] == 2025


def test_deadline_year_sets_target_year():
    out = rows("2007年年底前全部淘汰机立窑,淘汰落后水泥产能1300万吨;2008年年底前,淘汰落后产能400万吨。")
    assert [(r["value"], r["target_year"], r["direction"]) for r in out] == [(1300.0, 2007, "complete"), (400.0, 2008, "complete")]


def test_jun_gives_one_row_per_pollutant():
    out = rows("全省化学需氧量(COD)和二氧化硫排放量在2005年的基础上均削减15%。")
    assert [(r["indicator"], r["value"], r["baseline_year"]) for r in out] == [("cod", 15.0, 2005), ("so2", 15.0, 2005)]


def test_fenbie_with_one_value_and_place_list_is_one_row():
    out = rows("哈尔滨、齐齐哈尔、大庆、绥化4市散煤用量分别减少50%。", plan_period=14)
    assert len(out) == 1 and out[0]["indicator"] == "coal_consumption"


def test_rows_sorted_by_offset():
    out = rows("到2020年,能源消费总量控制在1479万吨标准煤以内,增速不超过15.6%。城市污水处理率达到95%。", plan_period=13)
    assert [r["char_start"] for r in out] == sorted(r["char_start"] for r in out)
    assert [r["value"] for r in out] == [1479.0, 15.6, 95.0]


@pytest.mark.parametrize(
    "text, code",
    [
        ("单位国内生产总值能耗", "energy_intensity_gdp"),
        ("化学需氧量排放总量", "cod"),
        ("重点地区重点行业挥发性有机物排放总量", "vocs"),
        ("能源消费总量", "total_energy_consumption"),
        ("单位工业增加值用水量", "water_intensity_industry"),
        ("城市污水处理率", "sewage_treatment_rate"),
        ("氮氧化物排放總量", "nox"),
        ("二氧化硫(SO2)排放量", "so2"),
        ("氨氮", "nh3n"),
        ("某种没有编码的东西", "other"),
    ],
)
def test_classify_indicator(text, code):
    assert classify_indicator(text) == code


def test_same_size_phase_out_of_two_sectors_are_two_targets():

    doc = document_from_text(
        "某市“十三五”节能减排综合工作方案\n一、主要目标\n到2020年,全市淘汰落后水泥产能317万吨。\n"
        "二、重点任务\n(一)加快淘汰落后产能。到2020年,淘汰落后炼铁产能317万吨。\n"
    )
    got = sorted((r["indicator_text"], r["value"], r["unit"]) for r in extract_targets(doc))
    assert len(got) == 2 and {t for t, _, _ in got} == {"落后水泥产能", "落后炼铁产能"}


def test_the_share_of_new_buildings_meeting_a_standard_is_a_target_not_an_entry_threshold():
    out = rows("今年全市新建民用建筑节能标准执行率设计阶段达到100%,施工阶段不低于96%。", plan_year=2014)
    assert [(r["value"], r["qualifier"], r["target_year"]) for r in out] == [(100.0, "exact", 2014), (96.0, "at_least", 2014)]
    # a rule each new plant must meet stays no target
    assert rows("新建燃煤机组供电煤耗必须低于300克标准煤/千瓦时,脱硫效率不低于95%。") == []
