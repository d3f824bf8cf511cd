"""Each input form people really have, read from a notice of that form (tests/notices/forms/)."""

import json
from pathlib import Path

import pytest

from fyp.extract.notice import extract_notice
from fyp.ingest.read import RawNotice, read_notice

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"
EXPECTED = {k: v for k, v in json.loads((FORMS / "expected.json").read_text(encoding="utf-8")).items() if not k.startswith("_")}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def form(request):
    raw = read_notice(FORMS / request.param, FORMS)
    assert isinstance(raw, RawNotice), raw
    return request.param, raw, extract_notice(raw)


def test_encoding_and_format_are_detected_and_recorded(form):
    name, raw, extraction = form
    want = EXPECTED[name]
    notice = extraction.rows["notices"][0]
    assert (raw.encoding, raw.source_format) == (want["encoding"], want["source_format"])
    assert (notice["encoding"], notice["source_format"], notice["script"]) == (want["encoding"], want["source_format"], want["script"])
    assert (notice["region"], notice["plan_period"]) == (want["region"], want["plan_period"])


def test_targets_come_out_with_offsets_into_the_source(form):
    name, raw, extraction = form
    targets = extraction.rows["targets"]
    got = {(t["indicator"], t["value"], raw.source[t["char_start"] : t["char_end"]]) for t in targets}
    for want in EXPECTED[name]["targets"]:
        assert (want["indicator"], want["value"], want["evidence"]) in got
    for t in targets:
        assert raw.source[t["char_start"] : t["char_end"]] == t["evidence"]


def test_text_files_decode_to_exactly_their_bytes(form):
    name, raw, _ = form
    if raw.source_format == "text":
        assert raw.source == (FORMS / name).read_bytes().decode(raw.encoding)


def test_saved_page_keeps_the_notice_and_drops_the_page_chrome():
    raw = read_notice(FORMS / "saved_page.htm", FORMS)
    assert raw.source.startswith("湖州市人民政府关于印发湖州市“十四五”节能减排综合工作方案的通知\n")
    assert "（市经信局牵头，各区县人民政府负责）" in raw.source and raw.source.rstrip().endswith("2022年6月30日")
    for chrome in EXPECTED["saved_page.htm"]["page_chrome"]:
        assert chrome not in raw.source


def test_traditional_evidence_stays_traditional():
    raw = read_notice(FORMS / "big5_traditional.txt", FORMS)
    extraction = extract_notice(raw)
    evidence = [t["evidence"] for t in extraction.rows["targets"]]
    assert evidence and all("单位" not in e and "总量" not in e for e in evidence)
    assert any("總量" in e for e in evidence)
