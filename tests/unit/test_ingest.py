import codecs
from pathlib import Path

import pytest

from fyp.ingest.folder import ingest_folder
from fyp.ingest.read import IngestProblem, RawNotice, parse_notice_bytes

NOTICE = "某市节能减排工作方案\n到2010年,全市单位生产总值能耗比2005年降低20%左右。\n"


def test_utf8_notice_is_read():
    got = parse_notice_bytes(NOTICE.encode("utf-8"), "a.txt")
    assert isinstance(got, RawNotice) and got.encoding == "utf-8" and got.source == NOTICE


def test_gb18030_notice_is_detected():
    got = parse_notice_bytes(NOTICE.encode("gb18030"), "a.txt")
    assert isinstance(got, RawNotice) and got.encoding == "gb18030" and got.source == NOTICE


def test_big5_traditional_notice_is_detected():
    text = "某市節能減排工作方案\n到2010年,全市單位生產總值能耗比2005年降低20%左右。各縣區要在今年年底前完成。\n"
    got = parse_notice_bytes(text.encode("big5"), "a.txt")
    assert isinstance(got, RawNotice) and got.encoding == "big5" and got.source == text


def test_empty_file_is_set_aside():
    got = parse_notice_bytes(b"", "empty.txt")
    assert isinstance(got, IngestProblem) and got.problem == "empty" and "empty.txt" in str(got)


def test_binary_file_is_set_aside():
    got = parse_notice_bytes(b"%PDF-1.4\x00\x01\x02", "scan.txt")
    assert isinstance(got, IngestProblem) and got.problem == "binary"


def test_text_that_is_not_a_notice_is_set_aside():
    got = parse_notice_bytes("今天天气很好,我们去公园散步。".encode(), "diary.txt")
    assert isinstance(got, IngestProblem) and got.problem == "not_a_notice"


def test_wrong_suffix_is_set_aside():
    got = parse_notice_bytes(NOTICE.encode(), "notes.docx")
    assert isinstance(got, IngestProblem) and got.problem == "unsupported_format"


def test_duplicate_under_new_name_is_set_aside(tmp_path: Path):
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NOTICE, encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert [n.source_file for n in result.notices] == ["a.txt"]
    assert [(p.source_file, p.problem) for p in result.problems] == [("b.txt", "duplicate")]


def test_saved_web_page_gives_the_notice_text():
    html = (
        "<html><head><title>通知</title></head><body><div class='nav'>首页 新闻 政务公开</div>"
        "<div id='content'><p>某市节能减排工作方案</p><p>到2010年,全市单位生产总值能耗降低20%。</p></div>"
        "<script>var x=1;</script><div class='footer'>版权所有</div></body></html>"
    )
    got = parse_notice_bytes(html.encode("utf-8"), "page.html")
    assert isinstance(got, RawNotice) and got.source_format == "html"
    assert "到2010年,全市单位生产总值能耗降低20%。" in got.source
    assert "版权所有" not in got.source and "var x" not in got.source and "首页" not in got.source



# --- tables on saved pages: data tables one row a line, layout tables as before ---------------------

def test_html_data_table_is_one_line_a_row_with_spans_written_where_they_reach():
    html = (
        "<html><body><table class='layout'><tr><td><a href='#'>首页</a></td><td><div class='zw'>"
        "<p>某某省2016年度各市淘汰黄标车减排任务</p>"
        "<table border='1'><caption>附表 任务分解</caption>"
        "<thead><tr><th rowspan='2'>片区</th><th rowspan='2'>市</th><th colspan='2'>淘汰黄标车（辆）</th></tr>"
        "<tr><th>上半年</th><th>全年</th></tr></thead>"
        "<tbody><tr><td rowspan='2'>东片</td><td><p>戊市</p></td><td>1200</td><td>2600</td></tr>"
        "<tr><td>己市</td><td>\n  800 </td><td>1700<br>辆</td></tr>"
        "<tr><td colspan='2'>合计</td><td>2000</td><td></td></tr></tbody></table>"
        "<p>某某省环境保护厅</p></div></td></tr></table></body></html>"
    )
    got = parse_notice_bytes(html.encode("utf-8"), "page.html")
    assert isinstance(got, RawNotice)
    assert got.source == (
        "某某省2016年度各市淘汰黄标车减排任务\n附表 任务分解\n"
        "片区\t市\t淘汰黄标车（辆）\t淘汰黄标车（辆）\n"
        "片区\t市\t上半年\t全年\n"
        "东片\t戊市\t1200\t2600\n"
        "东片\t己市\t800\t1700 辆\n"
        "合计\t合计\t2000\n"
        "某某省环境保护厅\n"
    )


def test_html_layout_tables_keep_their_text():
    # The article inside one cell (its paragraphs), and a one-column table of title and info lines:
    # both lay out the page and read as they always did, one block a line.
    html = (
        "<html><body><table><tr><td>甲县人民政府关于印发节能减排工作方案的通知</td></tr>"
        "<tr><td>发布时间：2012-03-05</td></tr></table>"
        "<table><tr><td>栏目</td><td><p>到2015年,全县单位生产总值能耗比2010年下降16%。</p>"
        "<p>化学需氧量排放总量控制在4200吨以内。</p></td></tr></table></body></html>"
    )
    got = parse_notice_bytes(html.encode("utf-8"), "page.html")
    assert isinstance(got, RawNotice)
    assert "\t" not in got.source
    assert got.source == (
        "甲县人民政府关于印发节能减排工作方案的通知\n发布时间：2012-03-05\n栏目\n"
        "到2015年,全县单位生产总值能耗比2010年下降16%。\n化学需氧量排放总量控制在4200吨以内。\n"
    )

# --- encodings with a byte-order mark, blank files, long page heads (issue 13) ---------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_notice_with_bom_is_read_not_called_binary(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    got = parse_notice_bytes(bom + NOTICE.encode(encoding), "windows.txt")
    assert isinstance(got, RawNotice), got
    assert got.encoding == "utf-16" and got.source == NOTICE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_notice_without_a_mark_is_read_with_its_byte_order(encoding):
    got = parse_notice_bytes(NOTICE.encode(encoding), "export.txt")
    assert isinstance(got, RawNotice), got
    assert got.encoding == encoding and got.source == NOTICE


def test_bytes_with_scattered_zeros_stay_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.choice([0, rng.randrange(256)]) for _ in range(4000))
    got = parse_notice_bytes(data, "blob.txt")
    assert isinstance(got, IngestProblem) and got.problem == "binary", got
    # zeros on one side only, but not text: UTF-16 code units that decode to no Chinese prose
    got = parse_notice_bytes(bytes(b for i in range(2000) for b in (rng.randrange(1, 256), 0)), "blob2.txt")
    assert isinstance(got, IngestProblem) and got.problem in ("binary", "undecodable"), got


def test_utf8_and_utf32_with_bom_are_read_without_the_mark():
    got = parse_notice_bytes(codecs.BOM_UTF8 + NOTICE.encode(), "bom.txt")
    assert isinstance(got, RawNotice) and got.encoding == "utf-8-sig" and got.source == NOTICE
    data = NOTICE.encode("utf-32")  # with its mark
    got = parse_notice_bytes(data, "wide.txt")
    assert isinstance(got, RawNotice) and got.encoding == "utf-32" and got.source == NOTICE == data.decode(got.encoding)


@pytest.mark.parametrize("data", ["\u3000\u3000\r\n".encode("gb18030"), "\ufeff \u3000\n\u00a0\t".encode("utf-8"), codecs.BOM_UTF16_LE + "\u3000\n".encode("utf-16-le")])
def test_white_space_with_ideographic_spaces_is_empty_not_undecodable(data):
    got = parse_notice_bytes(data, "blank.txt")
    assert isinstance(got, IngestProblem) and got.problem == "empty", got


def test_utf16_bytes_that_break_their_mark_are_not_read_as_text():
    got = parse_notice_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00" * 50, "broken.txt")
    assert isinstance(got, IngestProblem) and got.problem in ("binary", "undecodable")


def test_page_with_a_long_ascii_head_before_its_first_chinese_is_read():
    style = "<style>" + "".join(f".c{i} {{ margin: 0 auto; padding: {i}px; }}\n" for i in range(1200)) + "</style>"
    script = "<script>" + "var counter = 0; function tick() { counter += 1; }\n" * 400 + "</script>"
    html = f"<!DOCTYPE html><html><head>{style}{script}</head><body><div><p>某县节能减排实施方案</p><p>到2020年,全县单位生产总值能耗比2015年下降15%。</p></div></body></html>"
    assert html.index("某") > 20000
    got = parse_notice_bytes(html.encode("utf-8"), "page.html")
    assert isinstance(got, RawNotice), got
    assert "全县单位生产总值能耗比2015年下降15%。" in got.source and "margin" not in got.source


def test_deeply_nested_page_is_read_in_reasonable_work():
    import time

    body = "<p>某市节能减排工作方案</p><p>到2015年,全市单位地区生产总值能耗下降16%。</p>"
    html = "<html><body>" + "<div><font>" * 4000 + body + "</font></div>" * 4000 + "</body></html>"
    start = time.process_time()
    got = parse_notice_bytes(html.encode("utf-8"), "deep.html")
    assert isinstance(got, RawNotice) and "能耗下降16%" in got.source
    assert time.process_time() - start < 20  # scoring every block was quadratic in the depth


def test_page_that_shows_no_text_is_empty():
    html = "<html><head><title></title><script>document.write('节能减排')</script></head><body><div id='app'></div></body></html>"
    got = parse_notice_bytes(html.encode(), "app.html")
    assert isinstance(got, IngestProblem) and got.problem == "empty" and "script" in got.detail


# --- which texts are notices of this dataset (issue 12) --------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        # A plan about eliminating outdated capacity, naming no 节能 or 排放.
        "省工业和信息化厅下达2014年淘汰落后产能目标任务:炼铁120万吨、水泥熟料300万吨、平板玻璃80万重量箱。",
        # An air plan that speaks only of concentrations.
        "市政府印发《打赢蓝天保卫战三年行动计划》:到2020年,全市细颗粒物年均浓度控制在50微克/立方米左右。",
        "到2017年,全省可吸入颗粒物浓度比2012年下降10%,空气质量优良天数逐年提高。",
        # Traditional script, including a form absent from a simplified word list.
        "縣人民政府關於印發大氣汙染防治行動計劃的通知:到2017年,全縣重汙染天數明顯減少。",
        "各區要完成碳達峰目標,推進綠色低碳發展。",
        # Characters spaced out, full-width letters, pinyin glosses.
        "关于印发节 能 减 排综合工作方案的通知:到2025年完成省下达目标。",
        "全市ＰＭ２.５年均浓度下降到35微克/立方米。",
        "萬(wàn)元生產總值能(néng)耗(hào)下降3.5%。",
    ],
)
def test_plans_of_this_dataset_are_notices(text):
    got = parse_notice_bytes(text.encode("utf-8"), "plan.txt")
    assert isinstance(got, RawNotice), got


@pytest.mark.parametrize(
    "text",
    [
        "今天天气很好,我们去公园散步,晚上看了一场电影。",
        "本店新到一批春装,全场八折,欢迎选购。营业时间:每天九点至晚上十点。",
        "市第十五届运动会昨日闭幕,共有2300名运动员参加了42个项目的比赛。",
        "关于召开2019年度教职工代表大会的通知:请各部门于3月5日前报送代表名单。",
        "The quick brown fox jumps over the lazy dog. Annual report of the chess club.",
    ],
)
def test_text_plainly_not_such_a_plan_is_set_aside(text):
    got = parse_notice_bytes(text.encode("utf-8"), "other.txt")
    assert isinstance(got, IngestProblem) and got.problem == "not_a_notice", got


def test_html_table_row_short_of_cells_keeps_a_rowspan_in_its_column():
    from fyp.ingest.html import html_to_text

    html = ("<html><body><div><p>某县节能减排责任分工</p><table><tr><th>任务</th><th>时限</th><th>牵头单位</th></tr>"
            "<tr><td>锅炉改造</td><td>6月底前</td><td rowspan='2'>县发改局</td></tr><tr><td>余热利用</td></tr></table></div></body></html>")
    assert html_to_text(html).splitlines()[1:] == ["任务\t时限\t牵头单位", "锅炉改造\t6月底前\t县发改局", "余热利用\t\t县发改局"]
