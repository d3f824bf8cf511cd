"""Deadlines: date phrases bound to actions, dates, precision, targets vs deadlines."""

import datetime as dt

from snippet_rows import deadline_rows


def _rows(source: str, **known):
    return deadline_rows(source, **known)


def test_year_end_before():
    (r,) = _rows("2007年年底前全部淘汰机立窑。")
    assert r["deadline_date"] == dt.date(2007, 12, 31)
    assert r["precision"] == "year" and r["date_text"] == "2007年年底前"
    assert r["action"] == "全部淘汰机立窑"


def test_month_end_is_last_day_of_month():
    (r,) = _rows("现有规模化养殖场要在2008年2月底前建成污染治理设施。")
    assert r["deadline_date"] == dt.date(2008, 2, 29)
    assert r["precision"] == "month"


def test_day_with_subject_in_evidence():
    src = "各市、各部门要在2007年7月31日前提出具体方案。"
    (r,) = _rows(src)
    assert r["deadline_date"] == dt.date(2007, 7, 31) and r["precision"] == "day"
    assert src[r["char_start"]:r["char_end"]].startswith("各市、各部门")


def test_start_date_is_not_a_bound():
    assert _rows("自2012年3月1日起,新建公共建筑一律执行节能设计标准。") == []
    assert _rows("从2016年起,全县停止审批新建燃煤锅炉。", issue_date=dt.date(2015, 11, 2)) == []


def test_relative_year_uses_issue_date():
    (r,) = _rows("今年年底前,完成排污许可证发放工作。", issue_date=dt.date(2009, 3, 2))
    assert r["deadline_date"] == dt.date(2009, 12, 31)


def test_next_year_first_half():
    (r,) = _rows("明年上半年前完成全部改造。", issue_date=dt.date(2012, 9, 1))
    assert r["deadline_date"] == dt.date(2013, 6, 30) and r["precision"] == "month"


def test_relative_year_without_any_year_is_skipped():
    assert _rows("今年年底前完成改造。", issue_date=None) == []


def test_first_quarter():
    (r,) = _rows("2013年一季度前出台实施细则。")
    assert r["deadline_date"] == dt.date(2013, 3, 31)


def test_quantified_goal_is_a_target_not_a_deadline():
    assert _rows("到2010年,全省单位生产总值能耗比“十五”末降低20%左右。") == []


def test_unquantified_goal_with_year_is_a_deadline():
    (r,) = _rows("到2010年中心区全部实现计量供热。")
    assert r["deadline_date"] == dt.date(2010, 12, 31)


def test_mixed_goal_keeps_the_action():
    rows = _rows("到2025年,全市农村生活污水处理率达到35%以上,基本消除较大面积农村黑臭水体。")
    assert len(rows) == 1


def test_vague_aim_is_not_a_deadline():
    assert _rows("到2025年,能效水平较2020年进一步提升。") == []


def test_threshold_number_is_not_a_target():
    (r,) = _rows("2010年要关闭年产3万吨以下小煤矿。")
    assert r["deadline_date"] == dt.date(2010, 12, 31)


def test_baseline_and_statistic_years_are_not_deadlines():
    src = "2005年能源消耗和COD排放量分别占全省工业的68%和67%。单位能耗比2005年下降20%。"
    assert _rows(src, plan_period=11) == []


def test_two_dates_in_one_sentence_split():
    rows = _rows("到2023年,基本完成河流排污口整治,到2025年,基本完成湖库排污口整治。")
    assert [r["deadline_date"].year for r in rows] == [2023, 2025]


def test_event_date_is_not_a_deadline():
    assert _rows("市政府于2008年8月29日签订的责任书要求加快建设。") == []


def test_title_year_is_not_a_deadline():
    assert _rows("全部建成列入《2007年河南省环境综合整治实施方案》的项目。") == []


def test_traditional_and_full_width():
    (r,) = _rows("２００８年６月底前完成所有規模化畜禽養殖污染治理。")
    assert r["deadline_date"] == dt.date(2008, 6, 30)
    assert r["date_text"] == "２００８年６月底前"


def test_chinese_numeral_year():
    (r,) = _rows("二〇〇八年年底前关闭全部小火电机组。")
    assert r["deadline_date"] == dt.date(2008, 12, 31)


def test_bare_year_end_means_this_year():
    (r,) = _rows("各县区年底前完成锅炉排查。", issue_date=dt.date(2016, 4, 1))
    assert r["deadline_date"] == dt.date(2016, 12, 31) and r["date_text"] == "年底前"


def test_recurring_yearly_bound_is_not_a_calendar_date():
    assert _rows("各县区每年年底前报送节能目标完成情况。", issue_date=dt.date(2016, 4, 1)) == []


def test_year_inside_a_name_is_not_a_deadline():
    assert _rows("现将江北市2009年节能减排工作安排印发给你们。") == []


def test_bound_that_sets_a_level_is_a_target_only():
    assert _rows("确保县污水处理厂到2013年6月底处理能力达到3万吨/日以上。") == []
    assert _rows("到2016年底,全区二氧化硫排放量要控制在1200吨以内。") == []
    assert _rows("2019年9月底前,重点企业清洁生产审核完成率提高5个百分点。") == []


def test_dated_count_to_reach_is_a_target_not_a_deadline():
    # README_a / README_b / HELDOUT2 / HELDOUT3: a dated clause that carries a quantity is a target only.
    assert _rows("2014年底前淘汰10蒸吨/小时以下燃煤锅炉120台。") == []
    assert _rows("2016年9月底前，全县完成涉VOCs企业综合治理28家。") == []
    # The count in a clause of its own after the action ("共计…").
    assert _rows("2016年底前，城区全部淘汰分散燃煤锅炉，共计64台、210蒸吨。") == []
    # Sizes of what is acted on stay deadlines, and so does a count that names the things acted on.
    (r,) = _rows("2012年6月底前关闭年产能3万吨以下(不含3万吨)的小造纸企业。")
    assert r["deadline_date"] == dt.date(2012, 6, 30)
    (r,) = _rows("2016年10月底前，开发区所属3座污水处理厂全部完成提标改造。")
    assert r["deadline_date"] == dt.date(2016, 10, 31)


def test_completion_clause_takes_the_count_of_the_clause_it_completes():
    year = {"issue_date": dt.date(2016, 3, 8)}
    assert _rows("对不少于20家重点企业开展能源审计，10月底前完成。", **year) == []
    (r,) = _rows("组织开展重点企业能源审计，10月底前完成。", **year)
    assert r["deadline_date"] == dt.date(2016, 10, 31)


def test_date_inside_a_noun_phrase_bounds_nothing():
    # "…前建成的…": a cut-off describing what is acted on, not a bound on the action.
    rows = _rows("2016年6月底前，拆除2010年底前建成的城区燃煤茶浴炉。")
    assert [r["deadline_date"] for r in rows] == [dt.date(2016, 6, 30)]


def test_task_handed_down_without_its_number_is_no_action():
    # "完成市下达的…任务": a target set elsewhere, not an action bound to the year.
    assert _rows("到2015年，全区单位生产总值能耗下降16%，完成市下达的节能降耗任务。") == []


def test_dated_range_binds_by_its_end():
    rows = _rows("2011年3月-5月,各乡镇完成燃煤小锅炉摸底登记。2011年6月1日—9月30日,县政府组织集中整治。")
    assert [(r["deadline_date"], r["precision"]) for r in rows] == [(dt.date(2011, 5, 31), "month"), (dt.date(2011, 9, 30), "day")]
    assert rows[0]["date_text"] == "2011年3月-5月"


def test_date_in_brackets_annotates_a_figure():
    assert _rows("全市化学需氧量排放基数(2015年底)为3.2万吨。", issue_date=dt.date(2016, 5, 1)) == []


def test_start_of_a_year_is_not_a_bound():
    assert _rows("2012年年初,县政府组织开展全面检查验收。", plan_period=12) == []


def test_year_end_after_zai_is_a_bound():
    (r,) = _rows("县城第二污水处理厂力争在年底建成投运。", issue_date=dt.date(2013, 4, 8))
    assert r["deadline_date"] == dt.date(2013, 12, 31) and r["date_text"] == "年底"


def test_month_without_end_or_day_is_no_explicit_bound():
    assert _rows("城东垃圾处理场要在10月前建成投运。", issue_date=dt.date(2013, 4, 8)) == []
    (r,) = _rows("城东垃圾处理场要在10月底前建成投运。", issue_date=dt.date(2013, 4, 8))
    assert r["deadline_date"] == dt.date(2013, 10, 31)


def test_this_year_without_a_bound_frames_the_plan():
    src = "今年全县将继续加大结构减排力度。刘家湾污水处理厂年内开工建设。"
    assert _rows(src, issue_date=dt.date(2014, 3, 1)) == []


def test_relative_dates_resolve_against_the_plan_year_first():
    (r,) = _rows("今年10月底前,全部燃煤机组完成脱硝改造。", plan_year=2015, issue_date=dt.date(2014, 12, 20))
    assert r["deadline_date"] == dt.date(2015, 10, 31)


def test_relative_dates_resolve_against_a_page_date_line():
    src = "我市部署年度减排任务\n2014-03-18 09:12:40\n会议要求,今年6月底前全部钢铁企业建成烧结烟气脱硫设施。"
    (r,) = _rows(src, issue_date=None)
    assert r["deadline_date"] == dt.date(2014, 6, 30)


def test_bare_year_before_the_notice_year_is_history():
    src = "2012年,全区新增机动车3万多辆。2012年,全区完成燃煤锅炉改造。"
    assert _rows(src, issue_date=dt.date(2013, 5, 6)) == []


def test_bare_year_of_the_annual_plan_frames_it():
    src = "所有砖瓦企业必须于2014年完成脱硫设施建设。"
    assert _rows(src, plan_year=2014) == []
    assert len(_rows(src, plan_period=12)) == 1


def test_bare_year_beyond_the_plan_period_is_a_long_range_aim():
    assert _rows("力争到2022年或更长时间,基本消除重污染天气。", plan_period=12) == []


def test_baseline_year_with_jichu_shang():
    assert _rows("这是在2013年节能基础上的再节能。", plan_period=12) == []


def test_no_growth_is_a_number():
    assert _rows("2013年化学需氧量削减2%,二氧化硫不增长。", plan_period=12) == []


def test_level_with_a_unit_the_vocabulary_lacks_is_still_a_number():
    src = "到2020年,全县环境空气优良天数达到300天,PM10浓度明显下降。"
    assert _rows(src, plan_period=13) == []
    assert _rows("2019年全县PM2.5年均浓度降到45μg/m3及以下。", plan_period=13) == []


def test_a_compared_number_that_ends_its_clause_is_a_cap():
    assert _rows("到2015年,全市煤炭消费增量不超过300万吨标准煤,煤炭消费量比2010年削减800万吨。", plan_period=12) == []


def test_compared_number_before_a_noun_is_a_threshold():
    (r,) = _rows("2016年底前淘汰排放低于国三标准的营运柴油货车。")
    assert r["deadline_date"] == dt.date(2016, 12, 31)
    (r,) = _rows("2017年底前关闭年产能小于10万吨的砖瓦窑。")
    assert r["deadline_date"] == dt.date(2017, 12, 31)


def test_target_set_elsewhere_without_its_number_is_not_an_action():
    src = "到2020年,全区单位生产总值能耗完成市下达的目标任务,能源消费总量得到合理控制。"
    assert _rows(src, plan_period=13) == []


def test_counting_clause_does_not_hide_the_level():
    assert _rows("到2016年底,按实况计算,城区空气质量优良天数比率不低于80%。", plan_period=13) == []


def test_month_end_without_qian_is_a_bound():
    (r,) = _rows("3.整治小作坊。5月底,全面完成小作坊关停整治。", plan_year=2019)
    assert r["deadline_date"] == dt.date(2019, 5, 31) and r["date_text"] == "5月底"
    assert _rows("截至5月底,全县已完成整治企业36家。", plan_year=2019) == []


def test_year_bound_beyond_the_plan_period_is_a_long_range_aim():
    assert _rows("确保如期实现2030年前碳达峰目标。", plan_period=14) == []
    (r,) = _rows("2025年前,全面完成县级以上园区循环化改造。", plan_period=14)
    assert r["deadline_date"] == dt.date(2025, 12, 31)


def test_a_bound_already_met_is_a_result():
    assert _rows("全县燃煤小锅炉已于2018年10月底前全部拆除。") == []
    assert len(_rows("全县燃煤小锅炉要于2018年10月底前全部拆除。")) == 1


# --- heldout4 classes (own sentences) ---


def test_month_without_year_takes_the_plan_year_not_a_baseline_year():
    # "比2016年" is a baseline: the month-day bound that follows is in the year the plan is for.
    src = "全县工业企业二氧化硫排放量比2016年下降8%以上,10月15日前完成脱硫设施验收。"
    rows = _rows(src, plan_year=2019)
    assert [(r["deadline_date"], r["date_text"]) for r in rows] == [(dt.date(2019, 10, 15), "10月15日前")]
    src2 = "在2017年节能工作基础上,11月底前完成重点用能单位能源审计。"
    rows = _rows(src2, plan_year=2019)
    assert [r["deadline_date"] for r in rows] == [dt.date(2019, 11, 30)]


def test_month_without_year_takes_no_year_of_past_results():
    # In a 2019 plan, "2018年" reports a result: the bound after it is in 2019.
    src = "2018年全县淘汰燃煤小锅炉86台,基本完成清洁取暖改造任务,8月底前全面完成散煤治理。"
    rows = _rows(src, plan_year=2019)
    assert [r["deadline_date"] for r in rows if r["date_text"] == "8月底前"] == [dt.date(2019, 8, 31)]


def test_month_without_year_still_takes_a_target_year_of_its_sentence():
    rows = _rows("2021年全面推进清洁取暖,6月底前完成管网铺设。", plan_period=14, issue_date=dt.date(2020, 12, 1))
    assert [r["deadline_date"] for r in rows if r["date_text"] == "6月底前"] == [dt.date(2021, 6, 30)]


def test_dated_count_in_chinese_numerals_is_a_target():
    assert _rows("年底前全县拆除每小时4蒸吨以下燃煤小锅炉三百四十台。", plan_year=2016) == []
    assert _rows("2017年底前关停砖瓦窑二十家。", plan_period=13) == []


def test_dated_chinese_percentage_is_a_target():
    src = "到2025年,全区可再生能源发电装机占比达到百分之四十五。"
    assert _rows(src, plan_period=14, issue_date=dt.date(2022, 3, 1)) == []


def test_bare_year_over_levels_without_an_action_is_a_target_statement():
    # Water classes are levels on a scale, "保持稳定" a vague aim: no clause is an action.
    src = "到2020年,全县河流水质总体保持稳定,出境断面水质稳定达到Ⅲ类,集中式饮用水水源地水质达标率达到100%。"
    assert _rows(src, plan_period=13, issue_date=dt.date(2017, 5, 1)) == []
    src2 = "到2025年,中心城区公交车新能源比例达到85%,新改建县乡公路三百二十公里。"
    assert _rows(src2, plan_period=14, issue_date=dt.date(2022, 3, 1)) == []


def test_projection_is_not_a_deadline():
    src = "预计到2020年全县用电量将突破45亿千瓦时,节能形势十分严峻。"
    assert _rows(src, plan_period=13, issue_date=dt.date(2017, 5, 1)) == []
    src2 = "预计2018年底前全市燃煤电厂改造全部完成。"
    assert _rows(src2, plan_period=13, issue_date=dt.date(2017, 5, 1)) == []


def test_clause_cut_off_at_the_end_of_the_text_binds_no_action():
    src = "一、主要任务\n2015年底前,全市完成燃煤锅炉整治。2016年3月底前,年产50万吨以上的水泥粉磨站"
    rows = _rows(src, plan_period=13)
    assert [r["deadline_date"] for r in rows] == [dt.date(2015, 12, 31)]
    # A last list item without a full stop is whole.
    (r,) = _rows("二、工作安排\n1.2015年底前完成燃煤锅炉整治", plan_period=13)
    assert r["deadline_date"] == dt.date(2015, 12, 31)
