"""Lists: one row per element, each with its own indicator phrase."""

from __future__ import annotations

from snippet_rows import target_rows


def rows(text: str, plan_period: int = 12, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def test_verb_then_item_value_pairs():
    out = rows("“十二五”期间淘汰炼铁120万吨、炼钢80万吨、水泥熟料300万吨。")
    assert [(r["indicator_text"], r["value"], r["unit"], r["direction"]) for r in out] == [
        ("淘汰(炼铁)", 120.0, "万吨", "complete"),  # the verb kept with each item: what is measured is the phase-out
        ("淘汰(炼钢)", 80.0, "万吨", "complete"),
        ("淘汰(水泥熟料)", 300.0, "万吨", "complete"),
    ]
    assert {r["indicator"] for r in out} == {"capacity_phase_out"}


def test_fenbie_pairs_items_and_values_in_order():
    out = rows("到2015年,全县二氧化硫、氮氧化物、化学需氧量排放总量分别下降8%、10%、6%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("so2", 8.0), ("nox", 10.0), ("cod", 6.0)]
    assert all(r["indicator_text"].endswith("排放总量") for r in out)


def test_fenbie_values_run_together():
    out = rows("化学需氧量、氨氮排放量分别削减4.5%5.2%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("cod", 4.5), ("nh3n", 5.2)]


def test_jun_gives_every_pollutant_the_value():
    out = rows("二氧化硫和氮氧化物排放总量均下降12%。")
    assert [(r["indicator"], r["value"], r["direction"]) for r in out] == [("so2", 12.0, "decrease"), ("nox", 12.0, "decrease")]


def test_range_is_its_lower_bound():
    for text in ("到2020年,森林覆盖率达到40%-45%。", "到2020年,森林覆盖率达到40-45%。"):
        out = rows(text, plan_period=13)
        assert [(r["value"], r["unit"], r["qualifier"]) for r in out] == [(40.0, "%", "at_least")], text


def test_items_listed_after_a_colon_take_the_verb_before_it():
    out = rows("今年省里下达我市淘汰落后产能目标任务,具体为:焦炭60万吨,造纸12万吨,印染5000万米。", plan_year=2014)
    assert [(r["indicator_text"], r["value"], r["unit"], r["direction"], r["target_year"]) for r in out] == [
        ("淘汰落后产能(焦炭)", 60.0, "万吨", "complete", 2014),
        ("淘汰落后产能(造纸)", 12.0, "万吨", "complete", 2014),
        ("淘汰落后产能(印染)", 5000.0, "万米", "complete", 2014),
    ]


def test_a_counted_group_takes_the_items_just_named():
    text = "全县化学需氧量排放总量控制在4200吨以内,氨氮排放总量控制在380吨以内,两项主要污染物减排量分别为150吨、20吨。"
    out = rows(text, plan_year=2013)
    assert [(r["indicator_text"], r["value"]) for r in out] == [
        ("化学需氧量排放总量", 4200.0),
        ("氨氮排放总量", 380.0),
        ("化学需氧量减排量", 150.0),
        ("氨氮减排量", 20.0),
    ]


def test_the_count_of_a_group_is_no_target_and_its_noun_is_shared():
    out = rows("化学需氧量、二氧化硫两项主要污染物排放总量分别比上年下降3%和5%。", plan_year=2010, plan_period=11)
    assert [(r["indicator_text"], r["value"], r["baseline_year"]) for r in out] == [
        ("化学需氧量排放总量", 3.0, 2009),
        ("二氧化硫排放总量", 5.0, 2009),
    ]
    out = rows("国家要求本市化学需氧量、氨氮、二氧化硫、氮氧化物4项污染物分别削减9%、11%、12%和15%。")
    assert [(r["indicator"], r["value"]) for r in out] == [("cod", 9.0), ("nh3n", 11.0), ("so2", 12.0), ("nox", 15.0)]


def test_verb_before_items_and_fenbie_wei():
    out = rows("减排项目实施后,削减化学需氧量、氨氮分别为900吨、110吨。", plan_year=2015)
    assert [(r["indicator"], r["value"], r["target_year"]) for r in out] == [("cod", 900.0, 2015), ("nh3n", 110.0, 2015)]


def test_every_product_after_a_phase_out_verb_is_phased_out_capacity():
    out = rows("2012年全市淘汰铁合金8万吨、平板玻璃60万重量箱、焦炭25万吨,关闭小煤窑12处。")
    assert [(r["value"], r["indicator"]) for r in out] == [
        (8.0, "capacity_phase_out"), (60.0, "capacity_phase_out"), (25.0, "capacity_phase_out"), (12.0, "capacity_phase_out"),
    ]


def test_boilers_and_vehicles_phased_out_are_not_production_capacity():
    out = rows("年内淘汰燃煤小锅炉150台、黄标车8000辆。")
    assert [(r["value"], r["indicator"]) for r in out] == [(150.0, "other"), (8000.0, "other")]


def test_places_sharing_one_figure_take_the_indicator_named_before_them():
    text = "各县目标:甲县、乙县单位生产总值能耗分别下降17%、16%,丙县、丁旗、戊镇均下降14%。"
    out = rows(text)
    assert [r["value"] for r in out] == [17.0, 16.0, 14.0]
    assert (out[-1]["indicator"], out[-1]["indicator_text"]) == ("energy_intensity_gdp", "丙县、丁旗、戊镇单位生产总值能耗")


def test_places_without_jun_after_a_place_target():
    out = rows("东湖区万元GDP能耗要下降6%以上,西岭县、北山县下降5%。", plan_year=2009)
    assert [(r["value"], r["indicator"], r["target_year"]) for r in out] == [
        (6.0, "energy_intensity_gdp", 2009), (5.0, "energy_intensity_gdp", 2009),
    ]


def test_targets_already_allocated_are_still_targets():
    out = rows("各区目标已分解落实:东湖区万元GDP能耗下降6%。", plan_year=2009)
    assert [(r["value"], r["target_year"]) for r in out] == [(6.0, 2009)]


def test_unit_written_in_full_after_the_last_element_completes_the_others():
    out = rows("“十二五”期间，三类重点企业分别实现节能450万吨、2.3亿吨和6000万吨标准煤。")
    assert [(r["value"], r["unit"]) for r in out] == [(450.0, "万吨标准煤"), (2.3, "亿吨标准煤"), (6000.0, "万吨标准煤")]


def test_each_element_keeps_its_own_unit_when_the_last_does_not_extend_it():
    out = rows("到2015年，全市化学需氧量和氨氮排放量分别控制在3.2万吨和2800吨以内。")
    assert [(r["value"], r["unit"]) for r in out] == [(3.2, "万吨"), (2800.0, "吨")]


def test_a_total_clause_counts_what_the_clause_before_it_does():
    out = rows("2016年底前，城区全部拆除每小时10蒸吨及以下燃煤锅炉，共计52台、230蒸吨。", plan_period=13)
    assert [(r["indicator_text"], r["value"], r["unit"], r["direction"], r["target_year"]) for r in out] == [
        ("每小时10蒸吨及以下燃煤锅炉", 52.0, "台", "complete", 2016),
        ("每小时10蒸吨及以下燃煤锅炉", 230.0, "蒸吨", "complete", 2016),
    ]
