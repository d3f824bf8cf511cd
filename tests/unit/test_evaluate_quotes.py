"""Where the evaluator finds a gold quote in a notice's source text."""

from __future__ import annotations

from fyp.evaluate.quotes import locate_quote


def test_a_quote_stated_twice_is_found_also_where_a_line_break_cuts_it():
    source = "到2015年,全县秸秆综合利用率达到85%。\n新闻摘要:全县秸秆综合\n利用率达到85%。"
    spans = locate_quote("全县秸秆综合利用率达到85%", source)
    assert len(spans) == 2
    first, second = spans
    assert source[first[0]:first[1]] == "全县秸秆综合利用率达到85%"
    assert source[second[0]:second[1]] == "全县秸秆综合\n利用率达到85%"


def test_a_quote_in_full_width_digits_is_found_in_the_source_as_written():
    source = "单位生产总值能耗下降１６％。"
    (span,) = locate_quote("单位生产总值能耗下降16%", source)
    assert source[span[0]:span[1]] == "单位生产总值能耗下降１６％"


def test_a_quote_not_in_the_notice_is_nowhere():
    assert locate_quote("化学需氧量排放总量下降8%", "氨氮排放总量下降10%。") == []
