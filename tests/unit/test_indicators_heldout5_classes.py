"""Indicator codes for the constructions the fifth held-out set showed (our own phrases, other places and numbers)."""

import pytest

from fyp.extract.indicators import classify_indicator, read_indicator


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        # the share of new buildings that keep the standard is the standard's rate, whatever the stage
        ("城镇新建建筑施工阶段执行节能强制性标准的比例", "%", "green_building"),
        ("新建建筑竣工验收阶段符合绿色建筑标准的比例", "%", "green_building"),
        # the share of a fleet that runs on a clean fuel
        ("全市新增出租车中以液化天然气为燃料的比例", "%", "new_energy_vehicles"),
        # ... but a share of something the keyword only qualifies is not
        ("以沼气为纽带的生态农业模式", "万亩", "other"),
        ("污水处理厂处理能力占设计能力比例", "%", "other"),
    ],
)
def test_a_share_of_what_the_keyword_names_that_keeps_a_standard_or_uses_a_fuel(text, unit, expected):
    assert classify_indicator(text, unit) == expected


@pytest.mark.parametrize(
    "text, unit",
    [
        ("新能源营运车辆", "辆"),
        ("清洁能源营运车辆", "万辆"),
        ("新能源出租车", "辆"),
        ("营运车辆中新能源车辆比例", "%"),
        ("出租车中清洁能源车辆占比", "%"),
    ],
)
def test_new_energy_commercial_vehicles_and_taxis_are_new_energy_vehicles_of_a_fleet(text, unit):
    reading = read_indicator(text, unit)
    assert reading.code == "new_energy_vehicles" and reading.variant  # a part of the fleet, like 新能源公交


@pytest.mark.parametrize(
    "text", ["钢渣综合利用率", "尾矿综合利用率", "磷石膏综合利用率", "赤泥综合利用率", "煤矸石利用率"]
)
def test_the_rate_of_one_kind_of_industrial_solid_waste_is_a_variant_of_the_industrial_rate(text):
    reading = read_indicator(text, "%")
    assert reading.code == "industrial_solid_waste_utilization" and reading.variant


def test_a_kind_named_as_an_example_of_the_whole_is_the_whole():
    # "A等B": A is an example, the phrase measures B
    reading = read_indicator("赤泥、尾矿等工业固体废物综合利用率", "%")
    assert reading.code == "industrial_solid_waste_utilization" and not reading.variant


def test_sulphur_oxides_are_counted_as_sulphur_dioxide():
    assert classify_indicator("内河船舶硫氧化物排放量", "%") == "so2"
    assert classify_indicator("港口船舶SOx排放总量", "%") == "so2"
    assert classify_indicator("硫氧化物排放浓度", "毫克/立方米") == "other"


def test_residential_retrofit_is_the_retrofit_goal_public_buildings_are_a_part():
    residential = read_indicator("既有居住建筑供热计量及节能改造", "万平方米")
    assert residential.code == "building_energy_retrofit" and not residential.variant
    assert not read_indicator("北方既有居住建筑节能改造", "万平方米").variant
    public = read_indicator("既有公共建筑节能改造", "万平方米")
    assert public.code == "building_energy_retrofit" and public.variant
