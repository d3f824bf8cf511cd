"""Tables flattened to text: one row per place or per indicator."""

from __future__ import annotations

from datetime import date

from snippet_rows import target_rows


def rows(text: str, plan_period: int = 12, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def test_place_rows_single_spaced_with_a_target_and_an_achieved_column():
    text = (
        "现将考核结果公布如下:附表 各县2012年节能目标完成情况 地 区 2012年单位生产总值能耗降低目标(%) 2012年单位生产总值能耗降低率(%)\n"
        "东 城 -3.50 -3.81\n"
        "西 城 -3.20 -2.95\n"
        "南 山 -4.00 -4.10\n"
    )
    out = rows(text)
    assert [(r["scope"], r["value"], r["unit"], r["direction"], r["target_year"]) for r in out] == [
        ("东城", 3.5, "%", "decrease", 2012),
        ("西城", 3.2, "%", "decrease", 2012),
        ("南山", 4.0, "%", "decrease", 2012),
    ]
    assert {r["indicator"] for r in out} == {"energy_intensity_gdp"}
    assert out[0]["evidence"] == "东 城 -3.50"


def test_indicator_rows_under_year_columns():
    text = "主要指标\n指标名称    2010年    2015年\n城镇污水处理率(%)    70    85\n单位工业增加值用水量(立方米/万元)    95    70\n"
    out = rows(text)
    assert [(r["indicator_text"], r["value"], r["unit"], r["target_year"], r["direction"]) for r in out] == [
        ("城镇污水处理率", 85.0, "%", 2015, "reach"),
        ("单位工业增加值用水量", 70.0, "立方米/万元", 2015, "cap"),  # a level of an intensity, no verb: a cap
    ]


def test_rows_on_one_line_with_bars():
    text = (
        "各区2019年空气质量改善目标\n"
        "地区 | PM2.5年均浓度(微克/立方米) | 空气质量优良天数比例(%) |\n"
        "甲区 | 41 | 72 |\n"
        "乙区 | 39 | 75 |\n"
    )
    out = rows(text, plan_period=13)
    assert [(r["scope"], r["value"], r["unit"], r["target_year"]) for r in out] == [
        ("甲区", 41.0, "微克/立方米", 2019),
        ("甲区", 72.0, "%", 2019),
        ("乙区", 39.0, "微克/立方米", 2019),
        ("乙区", 75.0, "%", 2019),
    ]
    assert [r["indicator"] for r in out][:2] == ["pm25_concentration", "air_quality_good_days"]


def test_one_cell_per_line_with_words_in_the_cells():
    text = (
        "附件:2011年各区减排任务分解表\n"
        "区县\n| 化学需氧量\n(吨)\n| 二氧化硫\n(吨)\n| 城镇污水处理率\n|\n"
        "东区\n| 减排量120吨\n| 较2010年削减3%\n| 不低于85%\n|\n"
        "西区\n|\n| 较2010年削减2%\n| 不低于80%\n|\n"
    )
    out = rows(text)
    got = [(r["scope"], r["indicator_text"], r["value"], r["unit"], r["direction"], r["qualifier"], r["baseline_year"], r["target_year"])
           for r in out]
    assert got == [
        ("东区", "化学需氧量减排量", 120.0, "吨", "reach", "exact", None, 2011),
        ("东区", "二氧化硫", 3.0, "%", "decrease", "exact", 2010, 2011),
        ("东区", "城镇污水处理率", 85.0, "%", "reach", "at_least", None, 2011),
        ("西区", "二氧化硫", 2.0, "%", "decrease", "exact", 2010, 2011),
        ("西区", "城镇污水处理率", 80.0, "%", "reach", "at_least", None, 2011),
    ]


def test_a_cell_that_states_its_own_indicator():
    text = (
        "2011年各区目标\n"
        "区县\n| 水质目标\n| 空气质量\n|\n"
        "北区\n| 出境断面化学需氧量浓度低于30毫克/升\n| 不低于90%\n|\n"
        "南区\n| 出境断面氨氮浓度低于2毫克/升\n| 不低于85%\n|\n"
    )
    out = rows(text)
    assert [(r["indicator_text"], r["value"], r["direction"]) for r in out[:2]] == [
        ("出境断面化学需氧量浓度", 30.0, "cap"),
        ("空气质量", 90.0, "reach"),
    ]
    assert len(out) == 4


def test_the_same_figure_for_two_places_is_two_targets():
    text = "地区 | 单位GDP能耗降低目标(%) |\n甲县 | 3.5 |\n乙县 | 3.5 |\n"
    out = rows(text, plan_year=2013)
    assert [(r["scope"], r["value"]) for r in out] == [("甲县", 3.5), ("乙县", 3.5)]


def test_prose_lines_are_no_table():
    text = "2015年,全市单位生产总值能耗下降3.5%。\n城市污水处理率达到85%。\n"
    assert [r["value"] for r in rows(text)] == [3.5, 85.0]


def test_a_decline_column_whose_indicator_says_zengjiazhi():
    text = "地区 | 单位规上工业增加值能耗降幅目标(%) |\n全市 | 3.4 |\n甲镇 | 3.0 |\n"
    out = rows(text, plan_year=2019, plan_period=13)
    assert [(r["scope"], r["value"], r["direction"]) for r in out] == [("全市", 3.4, "decrease"), ("甲镇", 3.0, "decrease")]


def test_dash_cells_leave_a_place_row_in_its_table():
    text = (
        "附件 2012年各镇减排任务分解表\n"
        "乡镇 化学需氧量削减量(吨) 氨氮削减量(吨)\n"
        "东坡镇 40 6\n"
        "西岭镇 25 -\n"
        "南湖乡 18 —\n"
        "北山镇 33 4\n"
    )
    out = rows(text, plan_year=2012)
    assert [(r["scope"], r["value"], r["indicator"], r["direction"]) for r in out] == [
        ("东坡镇", 40.0, "cod", "decrease"),
        ("东坡镇", 6.0, "nh3n", "decrease"),
        ("西岭镇", 25.0, "cod", "decrease"),
        ("南湖乡", 18.0, "cod", "decrease"),
        ("北山镇", 33.0, "cod", "decrease"),
        ("北山镇", 4.0, "nh3n", "decrease"),
    ]
    assert all(r["target_year"] == 2012 and r["baseline_year"] is None for r in out)


def test_indicator_table_with_a_unit_column_a_base_year_and_a_change_column():
    text = (
        "为完成“十三五”目标，制定本方案。\n"
        "附表 主要指标\n"
        "指标 | 单位 | 2015年 | 2020年 | 五年变化 | 属性\n"
        "二氧化硫排放总量 | 万吨 | 3.80 | 3.30 | 下降13.2% | 约束性\n"
        "能源消费总量 | 万吨标准煤 | 900 | 1010 | 增加110 | 预期性\n"
        "可吸入颗粒物（PM10）年均浓度 | 微克/立方米 | 70 | 60 | 下降14.3% | 约束性\n"
        "城镇污水处理率 | % | 82 | 92 | — | 预期性\n"
    )
    out = rows(text, plan_period=13, issue_date=date(2016, 9, 1))
    got = [(r["value"], r["unit"], r["direction"], r["baseline_year"], r["target_year"], r["indicator"]) for r in out]
    assert got == [
        (3.3, "万吨", "cap", None, 2020, "so2"),
        (13.2, "%", "decrease", 2015, 2020, "so2"),
        (1010.0, "万吨标准煤", "cap", None, 2020, "total_energy_consumption"),
        (110.0, "万吨标准煤", "increase", 2015, 2020, "energy_consumption_increment"),
        (60.0, "微克/立方米", "cap", None, 2020, "other"),
        (14.3, "%", "decrease", 2015, 2020, "other"),
        (92.0, "%", "reach", None, 2020, "sewage_treatment_rate"),
    ]  # the 2015年 column is the base year's statistics, never a target


def test_a_table_restating_the_prose_is_kept_beside_it():
    text = (
        "到2020年，全市氨氮排放总量控制在0.50万吨以内。\n"
        "附表\n"
        "指标 | 单位 | 2015年 | 2020年\n"
        "氨氮排放总量 | 万吨 | 0.56 | 0.50\n"
        "城市生活污水处理率 | % | 85 | 93\n"
    )
    out = rows(text, plan_period=13, issue_date=date(2016, 9, 1))
    assert [(r["value"], r["evidence"][:4]) for r in out] == [(0.5, "全市氨氮"), (0.5, "氨氮排放"), (93.0, "城市生活")]


def test_place_rows_under_a_caption_that_states_the_unit_once():
    # The header names each column's indicator; "单位：%" on the caption line gives every cell its unit.
    text = (
        "附件\n各县（市）“十三五”主要污染物减排目标分解表\n单位：%\n"
        "县（市）\t氨氮减少\t氮氧化物减少\n"
        "东安县\t12.0\t15.5\n"
        "西平县\t11.5\t14.0\n"
        "全市\t11.8\t14.6\n"
    )
    out = rows(text, plan_period=13)
    assert [(r["evidence"][:3], r["value"], r["unit"], r["direction"], r["target_year"], r["indicator"]) for r in out] == [
        ("东安县", 12.0, "%", "decrease", 2020, "nh3n"),
        ("东安县", 15.5, "%", "decrease", 2020, "nox"),
        ("西平县", 11.5, "%", "decrease", 2020, "nh3n"),
        ("西平县", 14.0, "%", "decrease", 2020, "nox"),
        ("全市\t", 11.8, "%", "decrease", 2020, "nh3n"),
        ("全市\t", 14.6, "%", "decrease", 2020, "nox"),
    ]
    assert out[0]["scope"] == "东安县"


def test_caption_unit_in_brackets_over_a_pipe_table():
    text = (
        "表1 各区能源消费总量控制目标（单位：万吨标准煤）\n"
        "区 | 能源消费总量 | 煤炭消费总量\n"
        "北湖区 | 320 | 150\n"
        "南岭区 | 275 | 90\n"
    )
    out = rows(text, plan_period=14)
    assert [(r["scope"], r["value"], r["unit"], r["target_year"], r["direction"]) for r in out] == [
        ("北湖区", 320.0, "万吨标准煤", 2025, "cap"),
        ("北湖区", 150.0, "万吨标准煤", 2025, "cap"),
        ("南岭区", 275.0, "万吨标准煤", 2025, "cap"),
        ("南岭区", 90.0, "万吨标准煤", 2025, "cap"),
    ]


def test_numbers_without_any_unit_stay_unread():
    text = "各县得分\n县（市）  考核得分  排名\n东安县  92.5  3\n西平县  88.0  7\n"
    assert rows(text) == []


def test_change_column_of_a_rate_is_in_percentage_points():
    text = (
        "附表 主要指标\n"
        "| 指标 | 单位 | 2020年 | 2025年 | “十四五”变化 |\n"
        "| 可再生能源消费比重 | % | 18.4 | 24 | 5.6 |\n"
        "| 重点河湖断面劣Ⅴ类水体比例 | % | 6 | 2 | 4 |\n"
        "| 用水总量 | 亿立方米 | 52 | 56 | 4 |\n"
        "| 单位生产总值二氧化碳排放降低 | % | — | — | [19] |\n"
        "| 县级城市建成区黑臭水体消除比例 | % | 60 | ≥90 | — |\n"
    )
    out = rows(text, plan_period=14)
    got = [(r["value"], r["unit"], r["direction"], r["qualifier"], r["baseline_year"], r["target_year"]) for r in out]
    assert got == [
        (24.0, "%", "reach", "exact", None, 2025),
        (5.6, "个百分点", "increase", "exact", 2020, 2025),
        (2.0, "%", "reach", "exact", None, 2025),
        (4.0, "个百分点", "decrease", "exact", 2020, 2025),  # the levels fall from 6 to 2
        (56.0, "亿立方米", "cap", "exact", None, 2025),
        (4.0, "亿立方米", "increase", "exact", 2020, 2025),
        (19.0, "%", "decrease", "exact", 2020, 2025),  # a reduction named by the row stays in %
        (90.0, "%", "reach", "at_least", None, 2025),
    ]


def test_qualified_cells_with_comparison_marks():
    text = "| 指标 | 2025年 |\n| 城市空气质量优良天数比例(%) | >88 |\n| 细颗粒物浓度(微克/立方米) | <32 |\n"
    out = rows(text, plan_period=14)
    assert [(r["value"], r["qualifier"]) for r in out] == [(88.0, "at_least"), (32.0, "at_most")]


def test_a_table_with_one_cell_per_line_and_serial_numbers():
    # A page's table copied cell by cell: 序号 opens the header, each row opens with its number.
    text = "\n".join([
        "某县“十四五”生态环境保护指标",
        "序号", "指标", "单位", "2020年", "2025年", "属性",
        "1", "单位地区生产总值能耗降低", "%", "—", "[13.5]", "约束性",
        "2", "能源消费总量", "万吨标准煤", "210", "控制在260以内", "预期性",
        "3", "城市细颗粒物(PM2.5)平均浓度", "微克/立方米", "31", "≤28", "约束性",
        "4", "农村生活污水治理率", "%", "35", "≥50", "预期性",
        "注:[ ]内为五年累计数。",
    ])
    out = rows(text, plan_period=14)
    assert [(r["indicator_text"], r["value"], r["unit"], r["qualifier"], r["direction"], r["target_year"]) for r in out] == [
        ("单位地区生产总值能耗降低", 13.5, "%", "exact", "decrease", 2025),
        ("能源消费总量", 260.0, "万吨标准煤", "at_most", "cap", 2025),
        ("城市细颗粒物平均浓度", 28.0, "微克/立方米", "at_most", "cap", 2025),  # a bracket in a row label is dropped
        ("农村生活污水治理率", 50.0, "%", "at_least", "reach", 2025),
    ]
    assert out[0]["baseline_year"] == 2020  # a five-year cumulative decline counts from the period's start


def test_serial_numbers_that_do_not_line_up_make_no_table():
    text = "\n".join(["序号", "指标", "2025年", "1", "森林覆盖率", "2", "湿地保护率", "45"])
    assert [r["value"] for r in rows(text, plan_period=14)] == []


def test_a_cell_per_line_table_whose_label_and_unit_share_a_line():
    # A copy that joined a row's label with its unit ("…降低%") still lines up; a row broken otherwise is left.
    text = "\n".join([
        "序号", "指标", "单位", "2020年", "2025年",
        "1", "单位地区生产总值二氧化碳排放降低%", "—", "[17]",
        "2", "森林覆盖率", "%", "40",
        "3", "城市生活垃圾无害化处理率", "%", "98", "≥99",
    ])
    out = rows(text, plan_period=14)
    assert [(r["indicator_text"], r["value"], r["unit"], r["direction"]) for r in out] == [
        ("单位地区生产总值二氧化碳排放降低", 17.0, "%", "decrease"), ("城市生活垃圾无害化处理率", 99.0, "%", "reach")]
