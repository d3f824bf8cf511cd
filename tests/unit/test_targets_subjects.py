"""indicator_text is the indicator phrase as written: no fragments of dates, values, list words or sayers."""

from __future__ import annotations

import pytest

from fyp.document import document_from_text
from fyp.extract.targets import extract_targets


def texts(text: str, plan_period: int = 13, **known) -> list[tuple[str, float]]:
    doc = document_from_text(text, plan_period=plan_period, **known)
    out = extract_targets(doc)
    for r in out:
        assert doc.source[r["char_start"]:r["char_end"]] == r["evidence"]
    return [(r["indicator_text"], r["value"]) for r in out]


@pytest.mark.parametrize(
    "text, expected",
    [
        # 均 of 年均/人均/平均 is part of the word
        ("全市公共机构人均综合能耗下降6%。", [("公共机构人均综合能耗", 6.0)]),
        ("全市PM2.5平均浓度控制在35微克/立方米以内。", [("PM2.5平均浓度", 35.0)]),
        # the baseline's own value is no subject
        ("全市万元生产总值能耗下降到0.52吨标准煤,比2015年的0.61吨标准煤下降15%。",
         [("万元生产总值能耗", 0.52), ("万元生产总值能耗", 15.0)]),
        # adverbs before the verb, and the noun after the number
        ("按期完成2家污水处理厂提标改造。", [("污水处理厂提标改造", 2.0)]),
        # the words before "和" belong to the item before
        ("加快建设60万平方米老旧小区改造工程和25万平方米棚户区改造工程。",
         [("老旧小区改造工程", 60.0), ("棚户区改造工程", 25.0)]),
        # an attribute of the indicator just named
        ("能源消费总量控制在2100万吨标准煤以内,增速不超过3.5%。", [("能源消费总量", 2100.0), ("能源消费总量增速", 3.5)]),
        # a bare measure noun after a verb keeps the words that make it whole
        ("完成既有公共建筑节能改造面积120万平方米。", [("既有公共建筑节能改造面积", 120.0)]),
        ("“十三五”期间节约能源80万吨标准煤。", [("节约能源", 80.0)]),
        # a month is a date, not part of the subject
        ("确保城东污水处理厂到2010年9月底处理能力达到4万吨/日以上。", [("城东污水处理厂处理能力", 4.0)]),
        # who says it is not what is said
        ("《方案》还提出力争城市生活垃圾无害化处理率达到95%以上。", [("城市生活垃圾无害化处理率", 95.0)]),
        # the measure named once is shared by the bare items of a list
        ("钢渣、粉煤灰综合利用率分别达到90%和85%。", [("钢渣综合利用率", 90.0), ("粉煤灰综合利用率", 85.0)]),
    ],
)
def test_indicator_phrase(text, expected):
    assert texts(text, plan_period=11 if "2010年" in text else 13) == expected


def test_a_list_after_its_items_were_named():
    out = texts("化学需氧量排放量削减10%,二氧化硫排放量削减12%,分别控制在8万吨和6万吨以内。", plan_period=12)
    assert out == [("化学需氧量排放量", 10.0), ("二氧化硫排放量", 12.0), ("化学需氧量排放量", 8.0), ("二氧化硫排放量", 6.0)]


def test_a_place_and_the_way_it_goes_stand_for_the_indicator_before():
    from fyp.document import document_from_text
    from fyp.extract.targets import extract_targets

    text = "到2020年,东部各市煤炭消费总量比2015年下降12%以上,其余地级市下降不低于6%,西部各县降低不低于3%。"
    out = extract_targets(document_from_text(text, plan_period=13))
    assert [(r["indicator"], r["value"], r["direction"], r["baseline_year"]) for r in out] == [
        ("coal_consumption", 12.0, "decrease", 2015), ("coal_consumption", 6.0, "decrease", 2015),
        ("coal_consumption", 3.0, "decrease", 2015)]
    assert out[1]["indicator_text"].startswith("其余地级市")


def test_a_table_rows_number_is_not_part_of_the_indicator_nor_a_count():
    from fyp.document import document_from_text
    from fyp.extract.targets import extract_targets

    text = "2016年重点工作\n4\t机关人均能耗比上年下降2.5%\t市机关事务局\t全年\n11 单位增加值能耗比2015年下降3.6%。\n"
    rows = extract_targets(document_from_text(text, plan_period=13, plan_year=2016))
    assert [(r["value"], r["indicator_text"]) for r in rows] == [(2.5, "机关人均能耗"), (3.6, "单位增加值能耗")]
    # A number with its unit after a space is a quantity of the subject, not a row number.
    rows = extract_targets(document_from_text("2016年重点工作\n20 蒸吨以下燃煤锅炉淘汰率达到100%。\n", plan_period=13, plan_year=2016))
    assert rows and rows[0]["indicator_text"].startswith("20 蒸吨")
