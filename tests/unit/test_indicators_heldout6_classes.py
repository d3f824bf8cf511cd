"""Indicator codes for the constructions the sixth held-out set showed (our own phrases, other places and numbers)."""

import pytest

from fyp.extract.indicators import classify_indicator, code_targets


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        # the stage written with 在 before the standard kept
        ("全区新建居住建筑在竣工验收阶段执行节能设计标准的比例", "%", "green_building"),
        ("城镇新建公共建筑在施工阶段执行节能标准的比例", "%", "green_building"),
        # the yearly growth of fertiliser use: the use, capped
        ("农药使用量年均增幅", "%", "agrochemical_use"),
        ("化肥施用量增幅", "%", "agrochemical_use"),
        # a municipal-waste recycling share written as 比例
        ("县城生活垃圾回收利用比例", "%", "msw_recycling_rate"),
        ("城区生活垃圾资源化利用比例", "%", "msw_recycling_rate"),
        # an intensity per unit of transport work is a transport intensity, not CO2 (or energy) per GDP
        ("营运船舶单位运输周转量二氧化碳排放强度", "%", "other"),
        ("营运客车单位换算周转量能耗", "%", "other"),
        # ... while CO2 and energy per GDP stay what they were
        ("单位地区生产总值二氧化碳排放强度", "%", "co2_intensity_gdp"),
        ("能源消费总量年均增幅", "%", "total_energy_consumption"),
    ],
)
def test_heldout6_phrases(text, unit, expected):
    assert classify_indicator(text, unit) == expected


def _row(text, unit, start, end):
    return {"indicator_text": text, "unit": unit, "evidence": text, "char_start": start, "char_end": end}


def test_a_bare_rate_continues_the_subject_of_the_target_before_it():
    # "县城生活垃圾无害化处理率达到90%、资源化利用率达到30%"
    rows = code_targets([_row("县城生活垃圾无害化处理率", "%", 0, 18), _row("资源化利用率", "%", 19, 29)])
    assert [r["indicator"] for r in rows] == ["msw_harmless_rate", "msw_recycling_rate"]


def test_a_stage_continues_the_building_standard_before_it():
    # "新建居住建筑设计阶段执行节能标准的比例达到100%，竣工验收阶段执行比例达到96%"
    rows = code_targets([_row("新建居住建筑设计阶段执行节能标准的比例", "%", 0, 25),
                         _row("竣工验收阶段执行比例", "%", 26, 39)])
    assert [r["indicator"] for r in rows] == ["green_building", "green_building"]


def test_a_phrase_with_its_own_subject_or_in_another_sentence_does_not_continue():
    rows = code_targets([_row("城市生活垃圾无害化处理率", "%", 0, 18), _row("森林覆盖率", "%", 19, 28)])
    assert rows[1]["indicator"] == "other"
    rows = code_targets([_row("城市生活垃圾无害化处理率", "%", 0, 18), _row("回收利用率", "%", 40, 50)])
    assert rows[1]["indicator"] == "other"
    # an amount after a rate is no rate of the same subject
    rows = code_targets([_row("城市生活垃圾无害化处理率", "%", 0, 18), _row("回收利用率", "万吨", 19, 30)])
    assert rows[1]["indicator"] == "other"
