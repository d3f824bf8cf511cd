from pathlib import Path

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
