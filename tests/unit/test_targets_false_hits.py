"""Numbers that are no targets: projections, past results, progress reports, counts of lists, per-plant rules."""

from __future__ import annotations

from snippet_rows import target_rows
from fyp.document import document_from_text
from fyp.extract.targets import extract_targets


def rows(text: str, plan_period: int = 12, **known) -> list[dict]:
    return target_rows(text, plan_period, **known)


def values(text: str, **known) -> list[float]:
    return [r["value"] for r in rows(text, **known)]


def test_conditional_projection():
    assert values("如果按现有增速发展,到2015年全市能源消费总量将达到3200万吨标准煤。") == []
    assert values("若不采取有力措施,2015年二氧化硫排放量将增加到9万吨。") == []
    assert values("按照目前的增长态势,全县用电量到2015年将突破20亿千瓦时。") == []
    # 若干 is "several", not "if"
    assert values("出台若干政策措施,到2015年全市单位生产总值能耗下降16%。") == [16.0]


def test_results_of_the_last_plan_in_a_run_on_paragraph():
    text = "“十一五”期间,全市单位生产总值能耗下降了21%,化学需氧量排放量削减了12%。到2015年,全市单位生产总值能耗下降17%。"
    assert values(text) == [17.0]


def test_progress_to_a_date_within_the_year():
    text = "截至8月底,全市万元生产总值能耗下降3.1%,完成全年任务的78%;二氧化硫削减410吨,完成全年任务的90%。"
    assert values(text, plan_year=2012) == []


def test_counts_of_those_in_a_class():
    assert values("考核显示,节能目标完成进度60%以上的有A、B两市;完成进度低于40%的有C、D、E3个县。") == []


def test_size_of_a_project_list_is_no_commitment():
    assert values("方案确定实施污染物减排项目64个,其中水污染减排项目40个。", plan_year=2014) == []
    assert values("全年污染治理减排项目12个。", plan_year=2014) == []
    assert values("年内完成节能技术改造项目80个。", plan_year=2014) == [80.0]


def test_capacity_closed_stands_before_its_units():
    out = rows("年内关停甲电厂5万千瓦和乙公司2.5万千瓦小火电机组。", plan_year=2009, plan_period=11)
    assert [(r["value"], r["unit"], r["direction"]) for r in out] == [(5.0, "万千瓦", "complete"), (2.5, "万千瓦", "complete")]
    # a plant's size when it is to be built
    assert values("禁止新建30万千瓦以下燃煤机组。") == []


def test_a_level_stated_as_a_fraction_of_design_capacity():
    out = rows("到2012年底,各县污水处理厂处理能力达到设计能力的70%以上。")
    assert [(r["value"], r["target_year"], r["qualifier"]) for r in out] == [(70.0, 2012, "at_least")]
    assert values("新建污水处理厂投运后1年内负荷率达到设计能力的60%。") == []
    assert values("工业用水量占全市用水总量的30%。") == []


def test_counts_of_measures_and_of_a_planned_list():
    assert values("以“实施4个专项行动、强化10项保障措施”为抓手,推进大气污染防治。", plan_year=2020) == []
    assert values("2018年共安排能源结构调整、工业企业达标整治等九大类工程项目426项。", plan_year=2018) == []


def test_a_base_figure_is_no_target():
    out = rows("二氧化硫减排目标:2011年二氧化硫排放基数为800吨,2012年较上年削减2%,削减任务为16吨。", plan_period=12)
    assert [(r["value"], r["unit"]) for r in out] == [(2.0, "%"), (16.0, "吨")]


def test_the_size_each_unit_must_have_is_no_target():
    doc = document_from_text("2008年底前，关停单台容量5000千伏安以下的矿热炉。保留的铁合金矿热炉单台容量要达到12500千伏安，"
                             "新建项目单机规模不小于30000千伏安。", plan_period=11)
    assert extract_targets(doc) == []


def test_results_after_last_year_opens_a_paragraph_are_no_targets():
    doc = document_from_text("去年，全县化学需氧量排放量同比下降2.1%；城镇污水处理率达到82%，比上年提高4个百分点。\n到2025年，县城污水处理率达到95%。",
                             plan_period=14)
    assert [(r["value"], r["target_year"]) for r in extract_targets(doc)] == [(95.0, 2025)]


def test_links_to_other_articles_on_a_news_page_are_no_targets():
    text = ("记者获悉，到2025年，全省单位生产总值能耗比2020年下降14%。\n"
            "【相关阅读】\n·2021年全省空气优良天数比例达到88%\n·今年将关停小煤矿30处\n\n"
            "上一篇：全市今年将新增公交车200辆　　下一篇：节能宣传周启动\n")
    assert [r["value"] for r in extract_targets(document_from_text(text, plan_period=14))] == [14.0]
