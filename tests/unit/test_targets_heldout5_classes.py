"""Classes of errors the fifth held-out set showed, on invented sentences of other places, years and numbers."""

from __future__ import annotations

from snippet_rows import target_rows


def rows(text: str, plan_period: int = 13, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def values(text: str, **known) -> list[float]:
    return [r["value"] for r in rows(text, **known)]


# --- an estimate of what will happen is no commitment -------------------------------------------------

def test_an_estimate_with_jiang_is_no_target():
    assert values("到2020年,全州风电装机达到900万千瓦。预计到2020年全州清洁能源发电量比重将达到45%。") == [900.0]


def test_an_estimate_by_calculation_is_no_target():
    text = "到2025年,全县单位生产总值能耗下降13%。据测算,各项措施落实后,全县每年可减少二氧化碳排放约120万吨。"
    assert values(text, plan_period=14) == [13.0]


def test_yuji_without_jiang_in_an_annual_plan_states_what_projects_deliver():
    assert values("实施脱硝工程5个,预计2016年可削减氮氧化物420吨。", plan_year=2016) == [5.0, 420.0]


def test_an_estimate_cut_by_a_page_line_break_is_still_an_estimate():
    # A hard-wrapped page whose break the normaliser left: the estimate word stands on the line before.
    text = "（二）能源结构。到2020年全市光伏装机达到60万千瓦。预计到2020年全市非化石\n能源占比将超过25%。\n"
    assert values(text) == [60.0]


# --- target years: the frame of the paragraph, and deadlines that bind their own sentence ----------------

def years(text: str, **known) -> list[tuple[float, int]]:
    return [(r["value"], r["target_year"]) for r in rows(text, **known)]


def test_a_later_clause_date_does_not_frame_back_over_a_framed_paragraph():
    text = ("“十三五”期间新建垃圾焚烧厂6座,到2020年城市生活垃圾无害化处理率达到95%。"
            "全市燃煤电厂脱硝设施投运率达到98%以上,其余机组2018年底前全部完成脱硝改造。")
    assert years(text) == [(6.0, 2020), (95.0, 2020), (98.0, 2020)]


def test_a_deadline_frames_its_sentence_not_the_next():
    text = "（二）绿色出行。2018年底前更新新能源公交车800辆。中心城区公共自行车站点覆盖率达到90%。"
    assert years(text) == [(800.0, 2018), (90.0, 2020)]


def test_a_deadline_frames_the_clauses_after_a_semicolon():
    text = "——造纸行业。2014年重点淘汰草浆生产线。2015年年底前淘汰落后造纸产能40万吨;废水循环利用率达到85%以上。"
    assert years(text, plan_period=12) == [(40.0, 2015), (85.0, 2015)]


def test_a_later_period_frame_does_not_reframe_an_annual_plans_list():
    text = ("《计划》提出,今年全市单位生产总值能耗比上年下降3.5%;全市二氧化硫、氮氧化物排放量较上年分别减少2.5%和4%,"
            "确保完成“十三五”节能目标。")
    assert years(text, plan_year=2018) == [(3.5, 2018), (2.5, 2018), (4.0, 2018)]


# --- "A、B和C…均下降x%": one row per subject when no known indicator names the whole ----------------------

def test_jun_gives_each_subject_of_a_long_compound_its_row():
    text = "到2020年,城市公交、出租车和物流配送车辆单位运输周转量能耗均下降5%。"
    out = rows(text)
    assert [(r["indicator_text"], r["value"]) for r in out] == [
        ("城市公交", 5.0), ("出租车", 5.0), ("物流配送车辆单位运输周转量能耗", 5.0)]


def test_jun_over_a_known_indicator_stays_one_row():
    out = rows("到2020年,城镇生活垃圾和医疗废物无害化处理率均达到95%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("msw_harmless_rate", 95.0)]


def test_jun_over_places_stays_one_row():
    out = rows("甲县、乙县、丙县均下降12%。")
    assert len(out) <= 1


# --- baselines -----------------------------------------------------------------------------------------

def baselines(text: str, **known) -> list[tuple[float, int | None]]:
    return [(r["value"], r["baseline_year"]) for r in rows(text, **known)]


def test_a_share_brought_to_a_level_takes_no_baseline_of_its_sentence():
    text = "到2025年,全省单位生产总值能耗比2020年下降12.5%,非化石能源消费比重提高到25%。"
    assert baselines(text, plan_period=14) == [(12.5, 2020), (25.0, None)]


def test_a_share_brought_to_a_level_takes_no_baseline_of_its_paragraph():
    text = "到2020年,全市煤炭消费总量比2015年下降8%;力争煤炭占能源消费比重下降到58%以下。"
    assert baselines(text) == [(8.0, 2015), (58.0, None)]


def test_a_baseline_named_under_another_horizon_is_not_inherited():
    text = "今年全县单位生产总值能耗比上年下降3%,确保完成“十四五”单位生产总值能耗下降14%的目标。"
    assert baselines(text, plan_period=14, plan_year=2023) == [(3.0, 2022), (14.0, 2020)]


def test_a_baseline_before_the_first_frame_still_counts():
    text = "在2015年的基础上,到2020年全区化学需氧量排放总量下降10%。"
    assert baselines(text) == [(10.0, 2015)]


def test_the_amounts_a_colon_list_of_reductions_names_are_to_attain():
    text = "到2025年,全市单位生产总值能耗比2020年下降14%。重点工程减排量:化学需氧量1.2万吨、氮氧化物0.8万吨。"
    out = rows(text, plan_period=14)
    assert [(r["value"], r["direction"], r["baseline_year"]) for r in out] == [
        (14.0, "decrease", 2020), (1.2, "reach", None), (0.8, "reach", None)]


# --- energy per tonne of a product named before the indicator ---------------------------------------

def test_energy_per_tonne_of_a_product_is_in_its_per_tonne_unit():
    text = "到2015年,全省吨水泥熟料综合能耗降至108千克标准煤,吨纸综合能耗降至0.62吨标准煤,吨钢耗电控制在450千瓦时以内。"
    out = rows(text, plan_period=12)
    assert [(r["value"], r["unit"], r["base_unit"]) for r in out] == [
        (108.0, "千克标准煤/吨", "千克标准煤/吨"), (0.62, "吨标准煤/吨", "千克标准煤/吨"), (450.0, "千瓦时/吨", "千瓦时/吨")]
    assert out[1]["value_in_base_unit"] == 620.0


def test_other_per_tonne_figures_and_energy_totals_keep_their_unit():
    text = "到2015年,吨钢耗新水控制在3.5立方米以内。年综合能耗5000吨标准煤以上企业能耗总量控制在90万吨标准煤以内。"
    out = rows(text, plan_period=12)
    assert [(r["value"], r["unit"]) for r in out] == [(3.5, "立方米"), (90.0, "万吨标准煤")]


def test_a_baseline_named_under_the_paragraphs_horizon_is_not_inherited_past_another():
    text = ("今年全市单位生产总值能耗比上年下降3.6%;全市化学需氧量排放量较上年减少2%,"
            "确保完成“十三五”单位生产总值能耗下降17%的目标。")
    assert baselines(text, plan_year=2018) == [(3.6, 2017), (2.0, 2017), (17.0, 2015)]


# --- directions of saved amounts and capacities ---------------------------------------------------------

def directions(text: str, **known) -> list[tuple[float, str]]:
    return [(r["value"], r["direction"]) for r in rows(text, **known)]


def test_a_saving_indicator_brought_to_an_amount_is_a_level_to_reach():
    text = "今年全市重点用能企业实现节能量4.5万吨标准煤,公共机构节能量不低于0.3万吨标准煤。"
    assert directions(text, plan_year=2016) == [(4.5, "reach"), (0.3, "reach")]


def test_an_amount_saved_stated_before_its_noun_stays_a_cut():
    assert directions("“十二五”期间实现2200万吨标准煤节能量。", plan_period=12) == [(2200.0, "decrease")]


def test_a_capacity_to_form_is_a_level_to_reach():
    assert directions("到2015年,全省建筑节能形成800万吨标准煤节能能力。", plan_period=12) == [(800.0, "reach")]


def test_the_seats_of_places_stand_for_the_indicator_before():
    text = "到2020年,州所在地城市生活垃圾无害化处理率达到95%,各县所在地达到80%。"
    out = rows(text)
    assert [(r["value"], r["indicator"]) for r in out] == [(95.0, "msw_harmless_rate"), (80.0, "msw_harmless_rate")]
    assert out[1]["indicator_text"] == "各县所在地城市生活垃圾无害化处理率"
