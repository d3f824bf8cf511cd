"""Classes of errors the fifth held-out set showed, on invented sentences of other places, years and numbers."""

from __future__ import annotations

from fyp.document import document_from_text
from fyp.extract.targets import extract_targets


def rows(text: str, **known) -> list[dict]:
    known.setdefault("plan_period", 13)
    doc = document_from_text(text, **known)
    out = extract_targets(doc)
    for r in out:
        assert doc.source[r["char_start"]:r["char_end"]] == r["evidence"]
    return out


def values(text: str, **known) -> list[float]:
    return [r["value"] for r in rows(text, **known)]


# --- an estimate of what will happen is no commitment -------------------------------------------------

def test_an_estimate_with_jiang_is_no_target():
    assert values("到2020年,全州风电装机达到900万千瓦。预计到2020年全州清洁能源发电量比重将达到45%。") == [900.0]


def test_an_estimate_by_calculation_is_no_target():
    text = "到2025年,全县单位生产总值能耗下降13%。据测算,各项措施落实后,全县每年可减少二氧化碳排放约120万吨。"
    assert values(text, plan_period=14) == [13.0]


def test_yuji_without_jiang_in_an_annual_plan_states_what_projects_deliver():
    assert values("实施脱硝工程5个,预计2016年可削减氮氧化物420吨。", plan_year=2016) == [5.0, 420.0]


def test_an_estimate_cut_by_a_page_line_break_is_still_an_estimate():
    # A hard-wrapped page whose break the normaliser left: the estimate word stands on the line before.
    text = "（二）能源结构。到2020年全市光伏装机达到60万千瓦。预计到2020年全市非化石\n能源占比将超过25%。\n"
    assert values(text) == [60.0]
