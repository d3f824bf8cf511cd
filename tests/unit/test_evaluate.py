"""The evaluation itself: gold sets found by file name, metadata and agencies scored as documented."""

from __future__ import annotations

import json

from fyp.evaluate.gold import load_gold_sets, set_name
from fyp.evaluate.metadata import region_right, score_metadata
from fyp.evaluate.responsibilities import score_agencies
from fyp.evaluate.targets import score_targets


def test_files_about_the_same_notices_form_one_set(tmp_path):
    assert set_name(tmp_path / "seeds_12th_responsibility.jsonl") == "seeds"
    assert set_name(tmp_path / "seeds_14th.jsonl") == "seeds"
    assert set_name(tmp_path / "heldout_deadlines.jsonl") == "heldout"
    assert set_name(tmp_path / "dev_notices_2.jsonl") == "dev_notices_2"
    assert set_name(tmp_path / "blind.jsonl") == "blind"
    (tmp_path / "x_targets.jsonl").write_text(json.dumps({"kind": "target", "doc": "a.txt"}) + "\n", encoding="utf-8")
    (tmp_path / "x_deadlines.jsonl").write_text(
        json.dumps({"kind": "deadline", "doc": "b.txt"}) + "\n\n", encoding="utf-8"
    )
    (gs,) = load_gold_sets(tmp_path)
    assert (gs.name, gs.docs, len(gs.targets), len(gs.deadlines)) == ("x", ["a.txt", "b.txt"], 1, 1)


def test_region_is_compared_by_division_not_spelling():
    notice = {"region": "宜昌市", "admin_code": "420500"}
    assert region_right(notice, "湖北省宜昌市")
    assert not region_right(notice, "湖北省武汉市")
    # A county the excerpt never names: the city that holds it is all the text can give.
    assert region_right(notice, "湖北省宜昌市(某县,县名未见于摘录)")
    assert not region_right({"region": "湖北省", "admin_code": "420000"}, "湖北省宜昌市")
    assert region_right({"region": "全国", "admin_code": None}, "全国(工业和信息化部)")
    assert not region_right({"region": "北京市", "admin_code": "110000"}, "全国")


def test_metadata_counts_a_notice_right_only_when_all_three_fields_are():
    sources = {
        "a.txt": {"period": "12th", "level": "city", "region": "湖北省宜昌市"},
        "b.txt": {"period": "13th", "level": "county", "region": "天津市河西区"}
    }
    notices = {"a.txt": {"plan_period": 12, "level": "city", "region": "宜昌市", "admin_code": "420500"}, "b.txt": {}}
    result = score_metadata(notices, sources)
    assert (result["notices"], result["all_right"]) == (2, 1)
    assert result["wrong"][0]["doc"] == "b.txt" and result["wrong"][0]["fields"] == ["plan_period", "level", "region"]


def test_agencies_match_by_name_inside_the_quote_and_roles_are_scored_apart():
    source = "一、治理(牵头单位:市环保局,责任单位:市公安局)。二、另见市环保局。"
    gold = [{"kind": "responsibility", "doc": "a.txt", "quote": "牵头单位:市环保局,责任单位:市公安局",
             "agencies": ["市环保局", "市公安局"],
             "roles": {"市环保局": "lead", "市公安局": "support"}}]
    at = source.index
    rows = [
        {"agency_text": "市环保局", "role": "lead", "char_start": at("市环保局"), "char_end": at("市环保局") + 4},
        {"agency_text": "市公安局", "role": "lead", "char_start": at("市公安局"), "char_end": at("市公安局") + 4},
        # The same name outside the quote is no match.
        {
            "agency_text": "市环保局", "role": "lead",
            "char_start": source.rindex("市环保局"), "char_end": source.rindex("市环保局") + 4
        },
    ]
    result = score_agencies({"a.txt": rows}, gold, {"a.txt": source})
    assert (result["tp"], result["fp"], result["fn"]) == (2, 1, 0)
    assert result["role_accuracy"] == 0.5
    assert result["wrong_roles"] == [{"doc": "a.txt", "agency": "市公安局", "expected": "support", "got": "lead"}]


def test_indicator_and_headline_accuracy_on_matched_targets():
    source = "化学需氧量排放总量下降8%,单位工业增加值化学需氧量排放强度下降50%。"
    gold = [
        {
            "doc": "a.txt", "quote": "化学需氧量排放总量下降8%", "value": 8.0, "unit": "%",
            "target_year": None, "indicator": "cod", "headline": True
        },
        {
            "doc": "a.txt", "quote": "单位工业增加值化学需氧量排放强度下降50%", "value": 50.0, "unit": "%",
            "target_year": None, "indicator": "cod_intensity", "headline": False
        },
    ]
    rows = [
        {
            "value": 8.0, "unit": "%", "target_year": 2015, "indicator": "cod",
            "is_headline": True, "char_start": 0, "char_end": 13
        },
        {
            "value": 50.0, "unit": "%", "target_year": 2015, "indicator": "cod",
            "is_headline": True, "char_start": 14, "char_end": 36
        },
    ]
    result = score_targets({"a.txt": rows}, gold, {"a.txt": 2015}, {"a.txt": source})
    assert result["tp"] == 2
    assert result["indicator_accuracy"] == 0.5 and result["headline_accuracy"] == 0.5
    assert [w["expected"] for w in result["wrong_indicators"]] == ["cod_intensity"]


def _restated_notice():
    """A title restating the body's target: rows as the pipeline publishes them, and both gold conventions."""
    source = "某县:能耗下降3%\n某县2012年万元生产总值能耗比上年下降3%。"
    rows = [
        {"target_id": "n-t3-0", "value": 3.0, "unit": "%", "target_year": 2012, "char_start": 3, "char_end": 9,
         "restatement_of": "n-t10-0"},
        {"target_id": "n-t10-0", "value": 3.0, "unit": "%", "target_year": 2012, "char_start": 10, "char_end": 31,
         "restatement_of": None},
    ]
    body = {"doc": "a.txt", "quote": "万元生产总值能耗比上年下降3%", "value": 3.0, "unit": "%", "target_year": 2012}
    title = dict(body, quote="能耗下降3%", repeated=True)
    return source, rows, body, title


def test_a_set_annotating_restatements_once_is_scored_without_the_rows_that_restate():
    from fyp.evaluate.targets import rows_to_match

    source, rows, body, _title = _restated_notice()
    once = score_targets({"a.txt": rows_to_match(rows, "once")}, [body], {"a.txt": 2012}, {"a.txt": source})
    assert (once["tp"], once["fp"], once["fn"]) == (1, 0, 0)
    # the same gold scored as if it annotated each statement would count the title's row a false hit
    each = score_targets({"a.txt": rows_to_match(rows, "each")}, [body], {"a.txt": 2012}, {"a.txt": source})
    assert (each["tp"], each["fp"], each["fn"]) == (1, 1, 0)


def test_a_set_annotating_each_statement_matches_every_row():
    from fyp.evaluate.targets import rows_to_match

    source, rows, body, title = _restated_notice()
    each = score_targets({"a.txt": rows_to_match(rows, "each")}, [title, body], {"a.txt": 2012}, {"a.txt": source})
    assert (each["tp"], each["fp"], each["fn"]) == (2, 0, 0)
    once = score_targets({"a.txt": rows_to_match(rows, "once")}, [title, body], {"a.txt": 2012}, {"a.txt": source})
    assert (once["tp"], once["fn"]) == (1, 1)


def test_a_restatement_convention_must_be_once_or_each():
    import pytest

    from fyp.evaluate.targets import rows_to_match

    with pytest.raises(ValueError, match="once, each"):
        rows_to_match([], "twice")


def test_evaluate_follows_each_sets_convention_in_sets_json(tmp_path):
    from fyp.evaluate.report import evaluate

    notices = tmp_path / "notices"
    notices.mkdir()
    text = (
        "临川县:今年万元生产总值能耗下降3.5%\n"
        "临川县人民政府关于印发临川县2012年节能减排工作方案的通知\n"
        "2012年,全县万元生产总值能耗比上年下降3.5%,化学需氧量排放量下降1.5%。\n"
    )
    (notices / "a.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    target = {"kind": "target", "doc": "a.txt", "value": 3.5, "unit": "%", "target_year": 2012}
    records = [
        dict(target, quote="今年万元生产总值能耗下降3.5%", repeated=True),
        dict(target, quote="全县万元生产总值能耗比上年下降3.5%"),
        dict(target, quote="化学需氧量排放量下降1.5%", value=1.5),
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (gold / "each.jsonl").write_text(lines, encoding="utf-8")
    (gold / "once.jsonl").write_text(lines.split("\n", 1)[1], encoding="utf-8")  # the title left out
    (gold / "sets.json").write_text(json.dumps({"once": {"restatements": "once"}}), encoding="utf-8")
    report = evaluate(gold, [notices])
    once, each = report["sets"]["once"], report["sets"]["each"]
    assert (once["restatements"], each["restatements"]) == ("once", "each")  # "each" when a set does not say
    for data in (once, each):
        t = data["scores"]["targets"]
        assert (t["fp"], t["fn"]) == (0, 0), (t["misses"], t["false_hits"])
    assert (once["scores"]["targets"]["tp"], each["scores"]["targets"]["tp"]) == (2, 3)
