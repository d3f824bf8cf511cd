"""Indicator codes read from the structure of the phrase (our own phrases, one group per rule)."""

import csv
from pathlib import Path

import pytest

from fyp.extract.indicators import classify_indicator, code_targets, match_indicator, read_in_context, read_indicator
from fyp.vocabularies import VOCABULARY_DIR, load_vocabulary

SHARED_CODES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "indicator_codes.csv"


def code(text, unit=None):
    return classify_indicator(text, unit)


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        # an amount per unit of output is an intensity, not the pollutant's total
        ("单位工业增加值二氧化硫排放强度", "%", "so2_intensity"),
        ("万元工业增加值氨氮排放量", "千克/万元", "nh3n_intensity"),
        ("每吨水泥氮氧化物排放量", "千克", "nox_intensity"),
        ("燃煤发电机组氮氧化物排放绩效", "克/千瓦时", "nox_intensity"),
        ("二氧化硫排放", "克/千瓦时", "so2_intensity"),
        ("化学需氧量排放强度", "%", "cod_intensity"),
        ("二氧化硫排放总量", "%", "so2"),
        ("氨氮削减量", "吨", "nh3n"),
        ("工业企业治理项目削减化学需氧量", "吨", "cod"),
        ("氮氧化物重点工程减排量", "万吨", "nox"),
        ("形成年削减二氧化硫的能力", "万吨", "emission_reduction_capacity"),
        # energy per what
        ("万元地区生产总值综合能耗", "%", "energy_intensity_gdp"),
        ("能耗强度", "%", "energy_intensity_gdp"),
        ("规上工业企业单位增加值能耗", "%", "energy_intensity_industry"),
        ("第二产业单位增加值能耗", "%", "energy_intensity_sector"),
        ("批发零售业单位增加值能耗", "%", "energy_intensity_sector"),
        ("机关办公建筑单位建筑面积能耗", "%", "energy_intensity_building"),
        ("人均年综合能耗", "%", "energy_per_capita_public"),
        ("单位GDP二氧化碳排放", "%", "co2_intensity_gdp"),
        ("二氧化碳排放总量", "万吨", "other"),
        ("万元生产总值用水量", "立方米", "water_intensity_gdp"),
        ("能源消费总量", "万吨标准煤", "total_energy_consumption"),
        ("能源消费总量年均增速", "%", "total_energy_consumption"),
        ("能源消费增量", "万吨标准煤", "energy_consumption_increment"),
        # tonnes of coal equivalent say the measure where the phrase names only a total or an increment
        ("增量控制目标", "万吨标准煤", "energy_consumption_increment"),
        ("增量控制目标", "万吨", "other"),
        ("削减量", "万吨标准煤", "other"),
        # shares: what the share is of
        ("非化石能源消费占一次能源消费的比重", "%", "non_fossil_share"),
        ("非化石能源占能源消费总量比重", "%", "non_fossil_share"),
        ("煤炭消费占能源消费总量比重", "%", "coal_share"),
        ("天然气消费占能源消费比重", "%", "other"),
        ("可再生能源消费比重", "%", "other"),
        ("第三产业增加值占地区生产总值比重", "%", "services_share"),
        ("煤炭消费总量", "万吨", "coal_consumption"),
        # 节能 alone: the intensity goal with %, energy saved with an amount
        ("节能", "%", "energy_intensity_gdp"),
        ("节能", "万吨标准煤", "energy_saving_amount"),
        ("节能", None, "other"),
        ("全社会节约标准煤", "万吨", "energy_saving_amount"),
        # concentrations, fees and counts have no pollutant code
        ("出境断面化学需氧量浓度", "毫克/升", "other"),
        ("烟气二氧化硫排放浓度", "毫克/立方米", "other"),
        ("二氧化硫排污费征收标准", "元/千克", "other"),
        ("细颗粒物年均浓度", "微克/立方米", "pm25_concentration"),
        ("可吸入颗粒物年均浓度", "微克/立方米", "other"),
        ("PM2.5未达标县城年均浓度", "微克/立方米", "pm25_concentration"),
        ("氨氮排放总量重点工程减排量", "吨", "nh3n"),
        ("燃煤机组平均供电煤耗", "克标准煤/千瓦时", "other"),
        ("二氧化硫综合去除率", "%", "desulfurization_rate"),
        # a denominator written once before a list of measures applies to each
        ("单位地区生产总值能源消耗和二氧化碳排放", "%", "co2_intensity_gdp"),
        ("单位工业增加值化学需氧量、氨氮排放量", "千克/万元", "nh3n_intensity"),
        ("化学需氧量和氨氮排放量", "%", "nh3n"),
        # a measure that only qualifies what the phrase is about
        ("燃煤锅炉", "台", "other"),
        ("能耗超标的企业", "家", "other"),
    ],
)
def test_structure(text, unit, expected):
    assert code(text, unit) == expected


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("县城生活污水集中处理率", "%", "sewage_treatment_rate"),
        ("城市生活垃圾和餐厨垃圾无害化处理率", "%", "msw_harmless_rate"),
        ("建筑垃圾资源化利用率", "%", "other"),
        ("农作物秸秆综合利用率", "%", "straw_utilization"),
        ("以秸秆为原料的发电项目", "个", "other"),
        ("以沼气为纽带的生态农业模式", "万亩", "other"),
        ("户用沼气", "万户", "biogas"),
        ("新能源汽车新车销售量占比", "%", "new_energy_vehicles"),
        ("新能源汽车充电桩", "个", "other"),
        ("矿井水利用率", "%", "other"),
        ("再生水利用率", "%", "wastewater_reuse"),
        ("新建建筑节能", "%", "green_building"),
        ("污水处理厂处理能力占设计能力比例", "%", "other"),
        ("钢铁行业超低排放改造", "万吨", "ultra_low_emission"),
    ],
)
def test_keyword_heads_the_phrase(text, unit, expected):
    assert code(text, unit) == expected


def test_script_width_spaces_and_pinyin_glosses_do_not_matter():
    assert code("單位國內生產總值(GDP)能(néng)耗", "%") == "energy_intensity_gdp"
    assert code("單位工業增加值 化學需氧量排放強度", "％") == "cod_intensity"
    assert code("非化石能源佔能源消費總量比重", "%") == "non_fossil_share"


def test_variant_keywords_keep_their_code_and_say_so():
    rural = read_indicator("农村生活污水治理率", "%")
    assert rural.code == "sewage_treatment_rate" and rural.variant
    assert not read_indicator("城市污水处理率", "%").variant
    assert read_indicator("淘汰落后炼铁产能", "万吨").variant and not read_indicator("淘汰落后产能", "万吨").variant


def test_match_returns_the_part_that_selected_the_code():
    # The keyword is the denominator and measure as written, so a shared suffix ("排放总量") can be
    # carried over to the bare items of a list.
    assert match_indicator("氮氧化物排放总量") == ("nox", "氮氧化物")
    assert match_indicator("单位工业增加值能耗") == ("energy_intensity_industry", "单位工业增加值能耗")
    assert match_indicator("落后水泥产能")[1] == "落后水泥"
    assert match_indicator("没有编码的说法") == ("other", "")


def test_context_only_where_the_phrase_names_nothing():
    assert read_in_context("年", "%", "全市单位生产总值能耗比2020年下降14%").code == "energy_intensity_gdp"
    # a phrase that names its code keeps it
    assert read_in_context("氨氮排放总量", "%", "化学需氧量排放总量下降8%").code == "nh3n"
    # a list item cut from its shared denominator gets it back from the clause
    assert read_in_context("二氧化碳排放", "%", "单位生产总值能耗和二氧化碳排放分别下降13%和16%").code == "co2_intensity_gdp"
    assert read_in_context("二氧化碳排放", "%", "二氧化碳排放总量下降5%").code == "other"
    # the digits of PM2.5 are not the target's number
    assert read_in_context("PM2.5未达标", "微克/立方米", "PM2.5未达标城市平均浓度下降到35微克/立方米").code == "pm25_concentration"
    # a list's clause names several measures: no code is guessed for a fragment of it
    assert read_in_context("项污染物", "%", "化学需氧量、氨氮、二氧化硫分别下降5%、6%、7%").code == "other"


def test_code_targets_sets_every_row():
    rows = [{"indicator_text": "节能", "unit": "%"}, {"indicator_text": "节能", "unit": "万吨标准煤"}, {"indicator_text": "", "unit": "%"}]
    assert [r["indicator"] for r in code_targets(rows)] == ["energy_intensity_gdp", "energy_saving_amount", "other"]


def test_vocabulary_codes_and_labels_are_the_published_ones():
    codes = [r["code"] for r in load_vocabulary("indicators")]
    assert len(codes) == len(set(codes)) and codes[-1] == "other"
    structure_codes = {r["code"] for r in load_vocabulary("indicator_structure")}
    assert structure_codes <= set(codes)
    measures = {r["name"] for r in load_vocabulary("indicator_terms") if r["part"] == "measure"}
    assert {r["measure"] for r in load_vocabulary("indicator_structure")} <= measures
    if SHARED_CODES.is_file():
        with SHARED_CODES.open(encoding="utf-8", newline="") as fh:
            shared = [(r["code"], r["label_zh"], r["label_en"]) for r in csv.DictReader(fh)]
        assert [(r["code"], r["label_zh"], r["label_en"]) for r in load_vocabulary("indicators")] == shared
    assert (VOCABULARY_DIR / "indicator_terms.csv").is_file()


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        # 淘汰 of vehicles, machines, boats and boilers is counted apart from production capacity
        ("淘汰(老旧柴油货车)", "辆", "other"),
        ("淘汰(老旧农用运输车和拖拉机)", "万台", "other"),
        ("淘汰老旧渔船", "艘", "other"),
        ("淘汰(燃煤锅炉)", "蒸吨", "other"),
        ("淘汰(落后平板玻璃)", "万重量箱", "capacity_phase_out"),
        ("关停(小造纸企业)", "家", "capacity_phase_out"),
        # a share of capacity at a benchmark is no phase-out
        ("水泥行业能效达到标杆水平的产能比例", "%", "other"),
        ("能效基准水平以下产能占比", "个百分点", "other"),
        # a list item with a bracket after its name keeps the list's phase-out (nested brackets)
        ("淘汰(平板玻璃(浮法))", "万重量箱", "capacity_phase_out"),
        ("淘汰(焦炭（含半焦）)", "万吨", "capacity_phase_out"),
        # standard agriculture terms
        ("测土配方施肥技术推广覆盖率", "%", "agrochemical_use"),
        ("规模化养殖小区沼气工程", "处", "biogas"),
        # the change column of a total of energy use is its increment; of a rate, the rate
        ("能源消费总量累计变化", "万吨标准煤", "energy_consumption_increment"),
        ("城市污水处理率累计变化", "个百分点", "sewage_treatment_rate"),
        # days are never a concentration
        ("细颗粒物年均浓度", "天", "other"),
        ("空气质量优良天数逐步增加", "天", "air_quality_good_days"),
    ],
)
def test_codes_that_the_unit_or_a_list_decides(text, unit, expected):
    assert code(text, unit) == expected


def test_a_phrase_inherited_by_a_clause_it_cannot_measure_gives_way_to_the_clause_naming_it():
    evidence = "可吸入颗粒物年均浓度下降10%，细颗粒物年均浓度控制在48微克/立方米，重污染天数逐年减少，优良天数达到300天"
    assert read_in_context("细颗粒物年均浓度", "天", evidence).code == "air_quality_good_days"
    assert read_in_context("细颗粒物年均浓度", "微克/立方米", evidence).code == "pm25_concentration"


def _listed(text, values, year):
    ev = f"{text}分别下降" + "、".join(f"{v}%" for v in values)
    return [{"indicator_text": text.split("分别")[0], "unit": "%", "value": v, "target_year": year, "evidence": ev,
             "char_start": 5, "char_end": 5 + len(ev)} for v in values]


def test_the_values_of_n_major_pollutants_take_the_codes_of_the_plan_periods_pollutants():
    assert [r["indicator"] for r in code_targets(_listed("全市四项主要污染物排放总量", (9, 8, 7, 6), 2015))] == ["cod", "nh3n", "so2", "nox"]
    assert [r["indicator"] for r in code_targets(_listed("全县4项主要污染物排放量", (9, 8, 7, 6), 2025))] == ["cod", "nh3n", "nox", "vocs"]
    # named in the clause: its own order
    named = code_targets(_listed("两项主要污染物(二氧化硫、化学需氧量)排放总量", (10, 8), 2010))
    assert [r["indicator"] for r in named] == ["so2", "cod"]
    # nothing to go by, or values that do not add up: the total
    assert {r["indicator"] for r in code_targets(_listed("两项主要污染物排放总量", (10, 8), 2010))} == {"major_pollutants_total"}
    assert {r["indicator"] for r in code_targets(_listed("四项主要污染物排放总量", (10, 8, 7), 2015))} == {"major_pollutants_total"}


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        # energy-saving products counted are no energy saved
        ("推广高效节能灯", "万只", "other"),
        ("节能家电下乡", "万台", "other"),
        ("企业节能量", "万吨标准煤", "energy_saving_amount"),
        # a building standard's rate is given per stage of building
        ("城镇新建建筑节能标准执行率施工阶段", "%", "green_building"),
        ("新建居住建筑节能标准执行率竣工验收阶段", "%", "green_building"),
        # gas-fuelled buses are clean-energy vehicles (a part of the fleet: a variant)
        ("新增燃气公交车", "辆", "new_energy_vehicles"),
        ("天然气公交车保有量", "辆", "new_energy_vehicles"),
        ("新建公交专用道", "公里", "green_transport"),
        ("公交车和出租车改用天然气的比例", "%", "new_energy_vehicles"),  # the share of what the keyword names
        ("城市公交车使用清洁能源的比例", "%", "new_energy_vehicles"),
        ("建制镇生活污水收集处理率", "%", "sewage_treatment_rate"),
    ],
)
def test_codes_for_wording_of_annual_plans(text, unit, expected):
    assert code(text, unit) == expected
    if expected == "new_energy_vehicles":
        assert read_indicator(text, unit).variant
