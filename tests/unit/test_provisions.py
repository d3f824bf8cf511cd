"""Provision tree: labels, nesting, offsets, locate_provision."""

from fyp.document import document_from_text
from fyp.structure.provisions import extract_provisions, locate_provision


def _tree(source: str):
    doc = document_from_text(source, notice_id="n1")
    return doc, extract_provisions(doc)


def test_root_covers_whole_text():
    doc, ps = _tree("某市节能减排工作方案\n一、总体要求\n坚持节约优先。\n")
    root = ps[0]
    assert root["provision_id"] == "n1-p0000"
    assert root["depth"] == 0 and root["parent_id"] is None
    assert (root["char_start"], root["char_end"]) == (0, len(doc.source))


def test_standard_levels_nest():
    src = "一、重点工作\n（一）工业节能。加快改造。\n1.淘汰落后产能。\n2.推广节能技术。\n（二）建筑节能。\n二、保障措施\n"
    _, ps = _tree(src)
    labels = [(p["label"], p["depth"]) for p in ps[1:]]
    assert labels == [("一、", 1), ("（一）", 2), ("1.", 3), ("2.", 3), ("（二）", 2), ("二、", 1)]
    by_label = {p["label"]: p for p in ps}
    assert by_label["1."]["parent_id"] == by_label["（一）"]["provision_id"]
    assert by_label["（二）"]["parent_id"] == by_label["一、"]["provision_id"]


def test_text_is_source_slice_and_subtree():
    src = "一、重点工作\n（一）工业节能。\n1.淘汰落后产能。\n二、保障措施\n"
    doc, ps = _tree(src)
    for p in ps:
        assert p["text"] == doc.source[p["char_start"]:p["char_end"]]
    first = next(p for p in ps if p["label"] == "一、")
    assert first["text"] == "一、重点工作\n（一）工业节能。\n1.淘汰落后产能。"


def test_heading_is_first_short_sentence():
    _, ps = _tree("（一）主要目标。到2010年,全省单位生产总值能耗降低20%。\n")
    assert ps[1]["heading"] == "主要目标"


def test_dash_items_are_children():
    src = "（四）推进重点行业节能减排。\n——火电行业。加快脱硫。\n——钢铁行业。淘汰落后。\n（五）加强管理。\n"
    _, ps = _tree(src)
    dashes = [p for p in ps if p["label"] == "——"]
    assert [d["heading"] for d in dashes] == ["火电行业", "钢铁行业"]
    assert all(d["parent_id"] == ps[1]["provision_id"] for d in dashes)


def test_skipped_levels_give_shallower_tree():
    _, ps = _tree("（一）工业节能\n1.淘汰落后\n（二）建筑节能\n")
    assert [(p["label"], p["depth"]) for p in ps[1:]] == [("（一）", 1), ("1.", 2), ("（二）", 1)]


def test_article_style():
    _, ps = _tree("第一条 为推进节能减排,制定本办法。\n第二条 本办法适用于本市。\n")
    assert [p["label"] for p in ps[1:]] == ["第一条", "第二条"]
    assert all(p["depth"] == 1 for p in ps[1:])


def test_run_together_text_finds_inline_labels_in_sequence():
    src = "为推进工作,制定本方案。一、主要目标(一)节能目标。到2010年降低20%。(二)减排目标。削减10%。二、主要任务(三)调整结构。"
    _, ps = _tree(src)
    assert [p["label"] for p in ps[1:]] == ["一、", "(一)", "(二)", "二、", "(三)"]


def test_inline_cross_reference_is_not_a_label():
    _, ps = _tree("一、主要任务\n按照本方案第(三)项的要求执行。\n")
    assert [p["label"] for p in ps[1:]] == ["一、"]


def test_decimal_is_not_a_label():
    _, ps = _tree("一、目标\n2.5万吨以上的企业要完成改造。\n")
    assert [p["label"] for p in ps[1:]] == ["一、"]


def test_traditional_and_full_width_labels():
    _, ps = _tree("一、總體要求\n（一）節能目標。\n１．淘汰落後產能。\n")
    assert [(p["label"], p["depth"]) for p in ps[1:]] == [("一、", 1), ("（一）", 2), ("１．", 3)]


def test_locate_provision_deepest():
    src = "一、重点工作\n（一）工业节能。\n1.淘汰落后产能。\n二、保障措施\n"
    doc, ps = _tree(src)
    item = doc.source.index("淘汰")
    assert locate_provision(ps, item) == next(p["provision_id"] for p in ps if p["label"] == "1.")
    assert locate_provision(ps, 0) == ps[1]["provision_id"]
    # between a subtree's end and the next sibling: the parent (root here)
    gap = doc.source.index("\n二、")
    assert locate_provision(ps, gap) == ps[0]["provision_id"]
    assert locate_provision([], 3) is None


def test_half_paren_arabic_items():
    _, ps = _tree("1.加强管理\n1)建立台账。\n2)定期检查。\n")
    assert [(p["label"], p["depth"]) for p in ps[1:]] == [("1.", 1), ("1)", 2), ("2)", 2)]


def test_labels_on_first_line_after_blank_lines_and_indented():
    _, ps = _tree("一、总体要求\n\n\n  (一)指导思想。\n\t1.坚持节约优先。\n")
    assert [(p["label"], p["depth"]) for p in ps[1:]] == [("一、", 1), ("(一)", 2), ("1.", 3)]


def test_inline_label_inside_a_nested_enumeration_is_found_once():
    # "(一)" is tried where a sentence ends and where "(" opens; either way it is one provision.
    _, ps = _tree("为推进工作制定本方案。一、主要目标。(一)节能目标;(二)减排目标。")
    assert [p["label"] for p in ps[1:]] == ["一、", "(一)", "(二)"]


def test_provision_locator_agrees_with_locate_provision():
    from fyp.structure.provisions import provision_locator

    src = "前言。\n一、重点工作\n（一）工业节能。\n1.淘汰落后产能。\n\n二、保障措施\n加强领导。\n"
    doc, ps = _tree(src)
    locate = provision_locator(ps)
    for offset in range(len(doc.source) + 1):
        assert locate(offset) == locate_provision(ps, offset)
    assert provision_locator([])(0) is None


def test_inline_label_starts_are_the_regex_scan():
    # Long texts take the numpy path (the notice's shared class array); it must give every start
    # _INLINE_FIRST_RE's finditer gives: spaces before the label, "((", astral digits and characters,
    # an opener at the very end.
    import random

    from fyp.structure import provisions

    rng = random.Random(20261204)
    pieces = ["。", ";", ":", "!", "?", ")", "〕", "(", " ", "\t", "  ", "一", "十", "○", "3", "٣", "第", "条", "的", "地区",
              "\U0001d7ce", "\U0001f600", "\n", "a", ","]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 1500)))
        want = [m.start() for m in provisions._INLINE_FIRST_RE.finditer(text)]
        assert provisions._inline_starts(text) == want
    assert len(provisions._inline_starts("正文。一" * 200)) == 200
