"""Headline targets: the notice's own region-wide goal for its horizon, first statement (our own rows)."""

from fyp.document import document_from_text
from fyp.extract.headline import horizon_year, mark_headlines
from fyp.extract.indicators import code_targets

TITLE = "江西省人民政府关于印发江西省“十三五”节能减排综合工作方案的通知\n"


def doc_of(text=TITLE, **known):
    return document_from_text(text, **known)


def row(text, value, unit="%", year=2020, *, start=0, aspirational=False, baseline=2015, scope=None):
    return {
        "indicator_text": text, "value": value, "unit": unit, "target_year": year, "baseline_year": baseline,
        "is_aspirational": aspirational, "scope": scope, "char_start": start, "evidence": text,
    }


def flags(doc, rows, provisions=()):
    return [r["is_headline"] for r in mark_headlines(doc, code_targets(rows), provisions)]


def test_the_metadata_the_tests_rely_on():
    doc = doc_of()
    assert (doc.region, doc.level, doc.plan_period) == ("江西省", "province", 13)


def test_first_statement_is_the_headline_and_restatements_are_not():
    rows = [row("单位生产总值能耗", 16, start=10), row("单位生产总值能耗", 16, start=500), row("万元生产总值能耗", 16, start=900)]
    assert flags(doc_of(), rows) == [True, False, False]


def test_a_restatement_is_never_the_headline_and_the_primary_keeps_its_flag():
    title = dict(row("单位生产总值能耗", 16, start=10, baseline=None), restatement_of="x-t500-0")
    rows = [title, row("单位生产总值能耗", 16, start=500)]
    assert flags(doc_of(), rows) == [False, True]


def test_restatements_do_not_move_the_horizon():
    # a notice none of whose goals reaches the plan's end: its horizon is the year most goals are set for,
    # and a figure stated three times must not outvote the others
    rows = [
        row("单位生产总值能耗", 3, year=2019, start=10),
        row("化学需氧量排放总量", 2, year=2019, start=40),
        row("二氧化硫排放总量", 2, year=2018, start=70),
        dict(row("二氧化硫排放总量", 2, year=2018, start=900), restatement_of="x-t70-0"),
        dict(row("二氧化硫排放总量", 2, year=2018, start=950), restatement_of="x-t70-0"),
    ]
    assert horizon_year(doc_of(), code_targets(rows)) == 2018  # all statements counted
    assert flags(doc_of(), rows) == [True, True, False, False, False]  # only the statements of record


def test_one_headline_per_kind_percent_and_amount():
    rows = [row("化学需氧量排放总量", 4.3, start=10), row("化学需氧量排放总量", 68.9, "万吨", start=20), row("化学需氧量重点工程减排量", 2.1, "万吨", start=30)]
    assert flags(doc_of(), rows) == [True, True, False]


def test_percentage_points_and_percent_are_one_kind():
    rows = [row("溶剂型工业涂料使用比例", 20, "个百分点", start=10), row("溶剂型胶粘剂使用量", 20, "%", start=20)]
    assert flags(doc_of(), rows) == [True, False]


def test_intensity_is_not_the_total_and_both_can_be_headlines():
    rows = [row("单位工业增加值化学需氧量排放强度", 40, start=10), row("化学需氧量排放总量", 8, start=20)]
    out = mark_headlines(doc_of(), code_targets(rows))
    assert [(r["indicator"], r["is_headline"]) for r in out] == [("cod_intensity", True), ("cod", True)]


def test_sub_regions_are_not_headlines():
    rows = [
        row("南昌市、九江市单位生产总值能耗", 17, start=10),
        row("赣南山区城镇生活污水处理率", 80, start=20),
        row("11个设区市单位生产总值能耗", 16, start=30),
        row("单位生产总值能耗", 16, start=40),
        row("城镇生活污水处理率", 85, start=50),
    ]
    assert flags(doc_of(), rows) == [False, False, False, True, True]


def test_sectors_facilities_and_variants_are_not_headlines():
    rows = [
        row("电力行业二氧化硫排放总量", 20, start=10),
        row("公交领域新能源汽车占比", 50, start=20),
        row("重点用能企业节能量", 300, "万吨标准煤", start=30),
        row("城东污水处理厂处理能力", 5, "万吨/日", start=40),
        row("吨钢二氧化硫排放量", 1.0, "千克", start=50),
        row("农村生活污水治理率", 40, start=60),
        row("建筑业单位增加值能耗", 10, start=70),
        row("淘汰落后水泥产能", 300, "万吨", start=80),
        row("非电行业煤炭消费总量", 5, start=85),
        row("非电煤炭消费总量", 5, start=86),
        row("公共机构能源消费总量", 200, "万吨标准煤", start=87),
        row("二氧化硫排放总量", 12, start=90),
        row("公共机构人均综合能耗", 6, start=95),
    ]
    assert flags(doc_of(), rows) == [False] * 11 + [True, True]


def test_the_urban_area_of_a_city_is_the_city():
    doc = doc_of("九江市人民政府关于印发九江市“十三五”节能减排综合工作方案的通知\n")
    rows = [row("中心城区空气质量优良天数比率", 85, start=10), row("城区生活污水处理率", 95, start=20)]
    assert flags(doc, rows) == [True, True]


def test_intermediate_and_later_years_are_not_headlines():
    rows = [row("细颗粒物年均浓度", 45, "微克/立方米", year=2018, start=10), row("细颗粒物年均浓度", 40, "微克/立方米", year=2020, start=20),
            row("单位生产总值二氧化碳排放", 65, year=2030, start=30)]
    assert flags(doc_of(), rows) == [False, True, False]


def test_annual_plan_year_targets_are_its_headlines():
    doc = doc_of(plan_year=2018)
    rows = [row("单位生产总值能耗", 3.5, year=2018, baseline=2017, start=20), row("化学需氧量排放总量", 2, year=2018, start=30),
            row("化学需氧量排放总量", 3, year=2019, start=40)]
    assert horizon_year(doc, rows) == 2018
    assert flags(doc, rows) == [True, True, False]


def test_an_annual_plan_restating_the_plan_period_goal_has_that_goal_as_headline():
    # README_a: "plan-period region-wide target first, else the year's region-wide target in an annual plan".
    doc = doc_of(plan_year=2018)
    rows = [row("单位生产总值能耗", 3.5, year=2018, baseline=2017, start=10), row("单位生产总值能耗", 16, year=2020, start=20),
            row("二氧化硫排放总量", 2.5, year=2018, baseline=2017, start=30)]
    assert flags(doc, rows) == [False, True, True]


def test_a_goal_set_only_a_little_after_the_period_end_is_the_headline():
    # A 2016–2022 air plan of the 13th plan: its PM2.5 goal is for 2022 only.
    rows = [row("细颗粒物年均浓度", 38, "微克/立方米", year=2022, start=10), row("氮氧化物排放总量", 15, year=2020, start=20)]
    assert flags(doc_of(), rows) == [True, True]


def test_county_towns_and_the_central_urban_area_are_parts_of_a_city_or_county():
    doc = doc_of("赣州市人民政府关于印发赣州市“十三五”节能减排综合工作方案的通知\n")
    rows = [row("县城生活污水处理率", 85, start=10), row("中心城区生活污水处理率", 95, start=20), row("城市生活污水处理率", 90, start=30),
            row("中心城区细颗粒物年均浓度", 35, "微克/立方米", start=40), row("高新技术产业集聚区单位工业增加值能耗", 20, start=50)]
    assert flags(doc, rows) == [False, False, True, True, False]


def test_phase_out_of_one_product_or_trade_is_not_a_headline_the_aggregate_is():
    rows = [row("淘汰(平板玻璃)", 300, "万重量箱", start=10), row("落后焦化产能", 50, "万吨", start=20),
            row("关停淘汰(陶瓷、砖瓦等落后企业)", 40, "家", start=40)]
    assert flags(doc_of(), rows) == [False, False, True]
    assert flags(doc_of(), [row("淘汰(印染)", 2, "亿米", start=10), row("落后产能", 200, "万吨", start=20)]) == [False, True]


def test_values_of_one_phrase_for_several_groups_are_not_headlines():
    # "甲类、乙类企业分别实现节能200万吨、80万吨标准煤": one span and phrase, one value per group.
    ev = "甲类、乙类企业分别实现节能200万吨、80万吨标准煤"
    rows = [dict(row("甲类、乙类企业节能", v, "万吨标准煤", start=10), char_end=40, evidence=ev) for v in (200, 80)]
    rows.append(row("节能量", 300, "万吨标准煤", start=50))
    assert flags(doc_of(), rows) == [False, False, True]


def test_the_clause_naming_plants_before_the_indicator_makes_it_theirs():
    rows = [dict(row("节能量", 8, "万吨标准煤", start=10), evidence="全省30家重点用能企业全年实现节能量8万吨标准煤"),
            dict(row("节能量", 20, "万吨标准煤", start=30), evidence="全省实现节能量20万吨标准煤")]
    out = mark_headlines(doc_of(), code_targets(rows))
    assert [r["is_headline"] for r in out] == [False, True]


def test_farm_sources_and_subsets_of_buildings_and_vehicles_are_not_headlines():
    rows = [row("规模化养殖场氨氮排放量", 8, start=10), row("氨氮排放总量", 9, start=20),
            row("既有公共建筑节能改造", 300, "万平方米", start=30), row("既有建筑节能改造", 900, "万平方米", start=40),
            row("新能源公交车", 200, "辆", start=50), row("新能源汽车", 3, "万辆", start=60)]
    assert flags(doc_of(), rows) == [False, True, False, True, False, True]


def test_a_notice_whose_goals_are_all_for_one_earlier_year_is_read_as_that_years_plan():
    # plan_year unknown (metadata that could not read it): the goals' common year stands in.
    doc = doc_of("江西省2018年节能减排工作要点\n", plan_year=None)
    rows = code_targets([row("单位生产总值能耗", 3.5, year=2018, baseline=2017, start=10), row("化学需氧量排放总量", 2, year=2018, start=20)])
    assert doc.plan_year is None and horizon_year(doc, rows) == 2018
    assert flags(doc, rows) == [True, True]


def test_in_the_plans_last_year_the_cumulative_goal_comes_before_the_years_own():
    doc = doc_of(plan_year=2020)
    rows = [row("单位生产总值能耗", 3, year=2020, baseline=2019, start=10), row("单位生产总值能耗", 16, year=2020, baseline=2015, start=20)]
    assert flags(doc, rows) == [False, True]


def test_binding_before_aspirational_and_an_aspirational_goal_alone_is_the_headline():
    rows = [row("单位工业增加值能耗", 20, aspirational=True, start=10), row("单位工业增加值能耗", 18, start=20),
            row("城市公共供水管网漏损率", 9, aspirational=True, start=30)]
    assert flags(doc_of(), rows) == [False, True, True]


def test_other_is_never_a_headline():
    rows = [row("地表水达到或好于III类水体比例", 80, start=10)]
    assert flags(doc_of(), rows) == [False]


def test_a_city_notice_quoting_the_province_target_is_not_its_headline():
    doc = doc_of("九江市人民政府关于印发九江市“十三五”节能减排综合工作方案的通知\n")
    assert doc.level == "city"
    rows = [row("单位生产总值能耗", 16, scope="全省", start=10), row("单位生产总值能耗", 17, start=20)]
    assert flags(doc, rows) == [False, True]


def test_targets_under_one_industrys_section_or_with_it_as_subject_are_not_headlines():
    text = TITLE + "一、主要目标\n到2020年,全省二氧化硫排放总量下降12%。\n二、重点行业\n——钢铁行业。到2020年,二氧化硫排放总量下降20%。\n造纸行业全面推行清洁生产,化学需氧量排放总量下降15%。\n"
    doc = doc_of(text)
    from fyp.structure.provisions import extract_provisions

    provisions = extract_provisions(doc)
    src = doc.source
    rows = [row("二氧化硫排放总量", 12, start=src.index("二氧化硫")), row("二氧化硫排放总量", 20, start=src.index("二氧化硫", src.index("钢铁"))),
            row("化学需氧量排放总量", 15, start=src.index("化学需氧量"))]
    out = mark_headlines(doc, code_targets(rows), provisions)
    assert [r["is_headline"] for r in out] == [True, False, False]


def test_at_most_one_headline_per_indicator_and_kind():
    rows = [row(t, v, u, start=i) for i, (t, v, u) in enumerate([("单位生产总值能耗", 16, "%"), ("单位GDP能耗", 0.5, "吨标准煤"), ("能耗强度", 16, "%"),
                                                                 ("单位生产总值能源消耗", 0.5, "吨标准煤"), ("化学需氧量", 5, "%")])]
    out = mark_headlines(doc_of(), code_targets(rows))
    heads = [(r["indicator"], r["unit"] == "%") for r in out if r["is_headline"]]
    assert len(heads) == len(set(heads)) == 3


def test_a_section_headed_by_one_industry_and_its_task_is_that_industrys():
    text = (TITLE + "一、重点任务\n"
            "(一)化工行业挥发性有机物治理。重点企业完成泄漏检测,挥发性有机物排放总量下降25%。\n"
            "(二)全面推进节能。到2020年,全省单位生产总值能耗下降16%。\n")
    doc = doc_of(text)
    from fyp.structure.provisions import extract_provisions

    provisions = extract_provisions(doc)
    src = doc.source
    rows = [row("挥发性有机物排放总量", 25, start=src.index("挥发性有机物排放总量下降25")),
            row("单位生产总值能耗", 16, start=src.index("单位生产总值能耗"))]
    out = mark_headlines(doc, code_targets(rows), provisions)
    assert [r["is_headline"] for r in out] == [False, True]


def test_the_town_seats_of_townships_are_a_part_of_the_county():
    doc = doc_of("某县人民政府关于印发某县2022年节能减排工作要点的通知\n")
    assert flags(doc, [row("乡镇镇区生活污水处理率", 70, year=2022, start=20)]) == [False]
    assert flags(doc, [row("生活污水处理率", 90, year=2022, start=20)]) == [True]


def test_a_section_headed_by_a_set_of_plants_is_theirs():
    text = (TITLE + "一、重点工作\n"
            "(一)抓好重点用能单位节能。对120家重点用能单位实行目标考核,全年实现节能量80万吨标准煤。\n"
            "(二)加强统筹。到2020年,全省节能量达到600万吨标准煤。\n")
    doc = doc_of(text)
    from fyp.structure.provisions import extract_provisions

    provisions = extract_provisions(doc)
    src = doc.source
    rows = [row("节能量", 80, "万吨标准煤", start=src.index("节能量80")), row("节能量", 600, "万吨标准煤", start=src.index("节能量达到600"))]
    out = mark_headlines(doc, code_targets(rows), provisions)
    assert [r["is_headline"] for r in out] == [False, True]
