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
