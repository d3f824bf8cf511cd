"""Deadline classes seen in heldout6's first run, on sentences of our own (other places, years, numbers)."""

import datetime as dt

from snippet_rows import deadline_rows


def _dates(source: str, **known):
    return [(r["deadline_date"], r["action"]) for r in deadline_rows(source, **known)]


# --- work on something (开展 / 推进 …) whose level or count a later clause of the task sets: a target ---

_TABLE = (
    "附件\n"
    "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t开展绿色学校创建，全年创建绿色学校45所\t市教育局\t各区县教育局\t2016年11月底前\n"
    "2\t推进城区建筑垃圾资源化利用，资源化利用率达到40%\t市城管局\t市住建局\t2016年12月底前\n"
    "3\t建成市级能耗在线监测平台，接入重点用能单位80家\t市经信委\t市统计局\t2016年9月30日前\n"
    "4\t修订节能监察办法\t市经信委\t市司法局\t2016年6月底前\n"
)


def test_process_with_a_quantified_result_is_no_deadline_but_an_end_state_is():
    got = _dates(_TABLE, plan_year=2016)
    assert got == [
        (dt.date(2016, 9, 30), "建成市级能耗在线监测平台，接入重点用能单位80家"),
        (dt.date(2016, 6, 30), "修订节能监察办法"),
    ]


def test_process_in_running_text_with_a_rate_is_a_target():
    text = "二、重点任务。10月底前推进农村户厕改造，改造完成率达到85%。12月底前完成县域污水管网排查。"
    got = _dates(text, plan_year=2019)
    assert got == [(dt.date(2019, 12, 31), "完成县域污水管网排查")]


def test_process_alone_keeps_its_deadline():
    text = "三、保障措施。8月底前开展重点用能单位节能监察。"
    assert _dates(text, plan_year=2019) == [(dt.date(2019, 8, 31), "开展重点用能单位节能监察")]


# --- a bare year whose other clauses only complete a target or judge progress ----------------------


def test_bare_year_with_completing_a_stated_target_is_no_deadline():
    text = "到2020年，全县单位生产总值能耗比2015年下降16%，确保完成“十三五”节能规划目标。"
    assert _dates(text, plan_period=13) == []


def test_bare_year_with_an_assessment_is_no_deadline():
    text = "2017年全市PM2.5平均浓度为58微克/立方米，与考核要求仍有较大差距。"
    assert _dates(text, plan_period=13) == []


def test_bare_year_with_a_real_action_stays_a_deadline():
    text = "到2020年，全县单位生产总值能耗比2015年下降16%，全面建成能耗在线监测体系。"
    assert [d for d, _ in _dates(text, plan_period=13)] == [dt.date(2020, 12, 31)]
