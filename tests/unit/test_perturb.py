"""The form-only perturbations of fyp.evaluate.perturb: each changes the form, keeps the words, and is deterministic."""

import re

import pytest

from fyp.evaluate.perturb import (
    PERTURBATIONS,
    crlf,
    fullwidth,
    gb18030,
    halfwidth,
    html,
    pdf_breaks,
    pdf_lines,
    repost,
    spaced,
    traditional,
)
from fyp.ingest.read import RawNotice, parse_notice_bytes
from fyp.text.normalize import normalize

NOTICE = (
    "某市人民政府关于印发节能减排工作方案的通知\n"
    "各县（区）人民政府，市政府各部门：\n"
    "　　到2025年，全市单位地区生产总值能源消耗比2020年下降14.5%，化学需氧量、氨氮排放总量分别减少8%和9%，"
    "PM2.5平均浓度控制在35微克/立方米以下。“十四五”期间节能量达到120万吨标准煤。\n"
    "（市发展改革委牵头，市生态环境局配合）\n"
    "项目    目标值\n"
    "某市人民政府\n"
    "2022年6月30日\n"
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text).text)


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_every_perturbation_is_deterministic_and_seeded_by_the_notice(name):
    p = PERTURBATIONS[name]
    assert p.apply(NOTICE, "a.txt") == p.apply(NOTICE, "a.txt")
    assert isinstance(p.encode(NOTICE, "a.txt"), bytes)


def test_traditional_converts_the_script_and_normalisation_brings_it_back():
    out = traditional(NOTICE)
    assert "單位地區生產總值能源消耗" in out and "節能減排" in out
    assert len(out) == len(NOTICE)
    assert normalize(out).text == normalize(NOTICE).text


def test_fullwidth_widens_digits_letters_and_number_punctuation_only():
    out = fullwidth("下降14.5%（PM2.5）：COD;a,b")
    assert out == "下降１４.５％（ＰＭ２.５）：ＣＯＤ；ａ，ｂ"
    assert normalize(out).text == normalize("下降14.5%（PM2.5）：COD;a,b").text


def test_halfwidth_narrows_every_fullwidth_form_and_the_ideographic_space():
    assert halfwidth("　　下降１４．５％（一），ＣＯＤ：８％；") == "  下降14.5%(一),COD:8%;"


def test_pdf_breaks_break_lines_inside_sentences_but_never_inside_a_number():
    paragraph = "，".join(f"第{i}项到2025年单位产值能耗下降14.5%且PM2.5浓度降至35微克" for i in range(20)) + "。"
    out = pdf_breaks(paragraph, "n.txt")
    assert out.replace("\n", "") == paragraph
    assert 12 <= out.count("\n") <= 60
    for token in ("14.5%", "2025", "PM2.5", "35"):
        assert out.count(token) == paragraph.count(token)
    assert max(map(len, out.split("\n"))) <= 62
    assert pdf_breaks(paragraph, "m.txt") != out  # seeded by the notice


def test_pdf_lines_end_every_line_of_a_paragraph_at_one_width_but_never_inside_a_number():
    paragraph = "，".join(f"第{i}项到2025年单位产值能耗下降14.5%且PM2.5浓度降至35微克" for i in range(20)) + "。"
    text = "一、总体要求\n" + paragraph + "\n二、主要任务"
    out = pdf_lines(text, "n.txt")
    assert out.replace("\n", "") == text.replace("\n", "")
    assert out.startswith("一、总体要求\n") and out.endswith("\n二、主要任务")  # short lines stay
    for token in ("14.5%", "2025", "PM2.5", "35"):
        assert out.count(token) == paragraph.count(token)
    body = out.split("\n")[1:-2]  # the paragraph's full lines (its last one is shorter)
    widths = {round(sum(0.5 if ord(c) < 0x80 else 1 for c in line)) for line in body}
    assert len(body) >= 15 and max(widths) - min(widths) <= 3  # one width, a number may push a line on
    assert pdf_lines(text, "n.txt") == out


def test_spaced_puts_a_space_between_the_cjk_characters_of_some_lines():
    text = "\n".join(f"第{i}条节能减排工作要求" for i in range(30))
    out = spaced(text, "x")
    spaced_lines = [ln for ln in out.split("\n") if "节 能 减 排" in ln]
    assert 3 <= len(spaced_lines) <= 27
    assert out.replace(" ", "") == text
    assert normalize(out).text == normalize(text).text


def test_html_is_a_page_whose_body_is_the_notice_and_ingest_reads_it_back():
    page = html(NOTICE, "n.txt")
    assert '<div class="TRS_Editor">' in page and "&ldquo;十四五&rdquo;" in page and "&nbsp;" in page
    assert "当前位置" in page and "版权所有" in page
    raw = parse_notice_bytes(page.encode("utf-8"), "n.html")
    assert isinstance(raw, RawNotice) and raw.source_format == "html"
    assert "当前位置" not in raw.source and "版权所有" not in raw.source
    assert _compact(NOTICE) in _compact(raw.source)


def test_gb18030_keeps_the_text_and_is_saved_as_gb18030_bytes():
    p = PERTURBATIONS["gb18030"]
    assert gb18030(NOTICE) == NOTICE
    data = p.encode(NOTICE, "n.txt")
    raw = parse_notice_bytes(data, "n.txt")
    assert isinstance(raw, RawNotice) and raw.encoding == "gb18030" and raw.source == NOTICE


def test_crlf_ends_every_line_with_cr_lf():
    assert crlf("甲\n乙\r\n丙") == "甲\r\n乙\r\n丙"


def test_repost_puts_a_news_head_before_the_body_dated_after_the_signature():
    out = repost(NOTICE, "n.txt")
    head, body = out.split("\n\n", 1)
    assert body == NOTICE
    assert head.startswith("某市人民政府关于印发节能减排工作方案的通知\n来源：")
    assert "【字号 大 中 小】" in head and "打印本页" in head
    date = re.search(r"发布时间：(\d{4}-\d\d-\d\d)", head).group(1)
    assert "2022-07-01" <= date <= "2022-07-06"
    assert "发布时间" not in repost("到2025年能耗下降10%。", "n.txt")  # no signature date: none made up
    assert repost("到2025年能耗下降10%。", "n.txt").startswith("来源：")  # prose first: no title line


def test_html_perturbation_changes_the_suffix_only():
    assert PERTURBATIONS["html"].file_name("b07_x_14th.txt") == "b07_x_14th.html"
    assert PERTURBATIONS["traditional"].file_name("a02_page.html") == "a02_page.txt"


def test_write_perturbed_renames_the_notice_its_sources_and_its_gold_records(tmp_path):
    import json

    from fyp.evaluate.robustness import write_perturbed

    notices, gold = tmp_path / "notices", tmp_path / "gold"
    notices.mkdir()
    gold.mkdir()
    (notices / "n1.txt").write_text(NOTICE, encoding="utf-8")
    (notices / "SOURCES.jsonl").write_text(json.dumps({"file": "n1.txt", "period": "14th"}) + "\n", encoding="utf-8")
    record = {"kind": "target", "doc": "n1.txt", "quote": "下降14.5%", "value": 14.5, "unit": "%", "target_year": 2025}
    (gold / "own_targets.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    folders, gold_out = write_perturbed(gold, [notices], PERTURBATIONS["html"], tmp_path / "out")
    (folder,) = folders
    assert (folder / "n1.html").read_text(encoding="utf-8") == html(NOTICE, "n1.txt")
    assert json.loads((folder / "SOURCES.jsonl").read_text(encoding="utf-8"))["file"] == "n1.html"
    assert json.loads((gold_out / "own_targets.jsonl").read_text(encoding="utf-8"))["doc"] == "n1.html"
    assert (notices / "n1.txt").read_text(encoding="utf-8") == NOTICE  # the originals are untouched
