"""Deadline classes seen in heldout5's first run, on sentences of our own (other places, years, numbers)."""

import datetime as dt

from snippet_rows import deadline_rows


def _rows(source: str, **known):
    return deadline_rows(source, **known)


# --- a division-of-work table flattened to text: the date cell ends the row -------------------------

_TABLE = (
    "附件\n"
    "序号\u3000工作任务\u3000责任单位\u3000完成时限\n"
    "1\u3000全市单位生产总值能耗比上年下降3.6%\u3000市发改委牵头，市统计局配合\u3000全年\n"
    "2\u3000建立重点排污单位在线监控平台\u3000市环保局牵头，市经信委配合\u30002010年9月底前\n"
    "3\u3000关停小水泥企业6家\u3000市经信委\u30002010年10月底前\n"
    "4\u3000市第二污水处理厂投入试运行，日处理能力达到2万吨\u3000市建设局负责\u30002010年11月30日前\n"
)


def test_a_date_cell_at_the_end_of_a_row_bounds_the_rows_task():
    rows = _rows(_TABLE, plan_year=2010)
    got = [(r["deadline_date"], r["action"]) for r in rows]
    assert got == [
        (dt.date(2010, 9, 30), "建立重点排污单位在线监控平台"),
        # the first clause is the action; the capacity after it is a target of its own
        (dt.date(2010, 11, 30), "市第二污水处理厂投入试运行，日处理能力达到2万吨"),
    ]
    # row 3 is a count to reach (a target), row 1 a level: no deadline
    (r,) = [r for r in rows if r["deadline_date"] == dt.date(2010, 9, 30)]
    row = "建立重点排污单位在线监控平台\u3000市环保局牵头，市经信委配合\u30002010年9月底前"
    assert _TABLE[r["char_start"] : r["char_end"]] == row


def test_a_date_cell_in_a_tab_separated_row():
    src = "5\t开展公共机构能源审计\t市机关事务局\t2016年6月底前\n6\t推广节能灯具\t市发改委\t全年\n"
    (r,) = _rows(src, plan_year=2016)
    assert r["deadline_date"] == dt.date(2016, 6, 30) and r["action"] == "开展公共机构能源审计"


def test_a_date_after_a_name_on_a_line_of_two_cells_is_no_row_of_tasks():
    assert _rows("县经贸委\u3000\u30002008年6月底前\n", plan_year=2008) == []


# --- false hits -------------------------------------------------------------------------------------


def test_the_start_of_a_year_range_is_no_deadline():
    src = "2011年至2015年，全省关停小火电机组150万千瓦，淘汰落后造纸产能30万吨，推进重点企业节能改造。"
    assert _rows(src, plan_period=12) == []
    src = "2011年到2015年，全省推进重点企业节能改造，建立能源管理体系。"
    assert _rows(src, plan_period=12) == []


def test_levels_per_unit_of_product_are_targets_not_actions():
    src = "到2015年，火电供电煤耗降至每千瓦时330克标准煤，水泥熟料综合能耗控制在每吨112千克标准煤以内。"
    assert _rows(src, plan_period=12) == []


def test_a_past_result_before_the_pages_date_line_is_history():
    src = (
        "答记者问\n2015年5月20日　来源：某省政府网\n"
        "答：2014年全省单位工业增加值能耗仅比2010年下降9.1%，完成进度滞后。\n"
        "2015年底前，各市要制定实施方案。\n"
    )
    # A Q&A is no annual plan: its year is the page's date line's.
    rows = _rows(src, plan_period=12, plan_year=None)
    assert [(r["deadline_date"], r["action"]) for r in rows] == [(dt.date(2015, 12, 31), "各市要制定实施方案")]


def test_a_target_sentence_a_page_wrapped_mid_word_is_one_sentence():
    # Lines of a PDF page: the break after "能源" falls inside "能源消费总量".
    src = (
        "二、主要目标\n"
        "到2020年，全市单位生产总值能耗比2015年下降15%，能源\n"
        "消费总量控制在860万吨标准煤以内；煤炭消费比重下降到58%。\n"
    )
    assert _rows(src, plan_period=13) == []


def test_a_wrapped_line_does_not_join_a_heading_that_follows():
    src = "2017年底前，全市建成区全面完成燃煤小锅炉淘汰工作和清洁能源替代\n三、保障措施\n"
    (r,) = _rows(src, plan_period=13)
    assert r["action"] == "全市建成区全面完成燃煤小锅炉淘汰工作和清洁能源替代"
