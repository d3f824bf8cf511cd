"""Deadlines: date phrases bound to actions, dates, precision, targets vs deadlines."""

import datetime as dt

from fyp.document import document_from_text
from fyp.extract.deadlines import extract_deadlines


def _rows(source: str, **known):
    doc = document_from_text(source, **known)
    rows = extract_deadlines(doc)
    for r in rows:
        assert r["date_text"] in doc.source[r["char_start"]:r["char_end"]]
    return rows


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


def test_start_date_with_qi():
    (r,) = _rows("自2007年7月1日起,新建商品房销售时必须标识节能标准。")
    assert r["deadline_date"] == dt.date(2007, 7, 1)


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
