"""provenance.csv as people really leave it: a mistake in a side file stops nothing and loses no
notice; each bad cell is reported (file, row, column) and ignored (issue 13)."""

import os
import shutil
from pathlib import Path

import pytest

from fyp.ingest.provenance import load_provenance
from fyp.tables.incremental import build_incremental

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"
HEADER = "source_file,title,issuer,region,plan_period,issue_date,doc_number,source_url,accessed_date,licence,notes\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(FORMS / "gbk_city.txt", raw / "gbk_city.txt")  # inferred: 绵阳市, 12th plan
    shutil.copy2(FORMS / "big5_traditional.txt", raw / "big5_traditional.txt")  # inferred: 广东省, 13th plan
    return raw


def build(raw: Path, tmp_path: Path):
    built = build_incremental(raw, tmp_path / "cache")
    notices = {r["source_file"]: r for r in built.frames["notices"].iter_rows(named=True)}
    issues = {r["source_file"]: r for r in built.frames["ingest_issues"].iter_rows(named=True)}
    return notices, issues


def test_bad_cells_are_reported_by_row_and_column_and_the_notice_keeps_its_inferred_metadata(raw, tmp_path):
    (raw / "provenance.csv").write_text(
        HEADER
        + "gbk_city.txt,,绵阳市发改委,,十二五,2012-02-30,,,,,\n"
        + "big5_traditional.txt,,,火星省,13,2017-01-05,,,,,\n",
        encoding="utf-8",
    )
    notices, issues = build(raw, tmp_path)
    assert set(notices) == {"gbk_city.txt", "big5_traditional.txt"}
    city, province = notices["gbk_city.txt"], notices["big5_traditional.txt"]
    assert (city["region"], city["plan_period"], city["issuer"]) == ("绵阳市", 12, "绵阳市发改委")  # the good cell applies
    assert (province["region"], province["plan_period"], str(province["issue_date"])) == ("广东省", 13, "2017-01-05")
    (problem,) = issues.values()
    assert (problem["source_file"], problem["problem"]) == ("provenance.csv", "bad_provenance")
    for words in ("row 2 (gbk_city.txt), column plan_period: '十二五'", "row 2 (gbk_city.txt), column issue_date: '2012-02-30'", "row 3 (big5_traditional.txt), column region: '火星省'"):
        assert words in problem["detail"], (words, problem["detail"])


def test_provenance_saved_as_gbk_by_a_spreadsheet_is_read_and_reported(raw, tmp_path):
    (raw / "provenance.csv").write_bytes((HEADER + "gbk_city.txt,,绵阳市人民政府,,,,绵府发〔2012〕3号,,,,\n").encode("gbk"))
    notices, issues = build(raw, tmp_path)
    assert notices["gbk_city.txt"]["issuer"] == "绵阳市人民政府" and notices["gbk_city.txt"]["doc_number"] == "绵府发〔2012〕3号"
    assert issues["provenance.csv"]["problem"] == "bad_provenance" and "not UTF-8" in issues["provenance.csv"]["detail"]


def test_provenance_that_decodes_as_nothing_is_ignored_and_reported(raw, tmp_path):
    (raw / "provenance.csv").write_bytes(HEADER.encode() + bytes([0xC3, 0x28, 0xFE, 0x81, 0xFF, 0x80]) * 50 + b"\n")
    notices, issues = build(raw, tmp_path)
    assert len(notices) == 2 and notices["gbk_city.txt"]["region"] == "绵阳市"
    assert "the file is ignored" in issues["provenance.csv"]["detail"]


def test_unknown_columns_missing_names_and_repeated_rows_are_reported_not_fatal(raw, tmp_path):
    (raw / "provenance.csv").write_text(
        "source_file,issuer,publisher\n"
        "gbk_city.txt,绵阳市人民政府,someone\n"
        ",广东省人民政府,\n"
        "gbk_city.txt,另一个机关,\n",
        encoding="utf-8",
    )
    notices, issues = build(raw, tmp_path)
    assert notices["gbk_city.txt"]["issuer"] == "绵阳市人民政府"
    detail = issues["provenance.csv"]["detail"]
    assert "'publisher'" in detail and "row 3: no source_file" in detail and "row 4 (gbk_city.txt)" in detail


def test_a_provenance_file_without_a_source_file_column_is_ignored(raw, tmp_path):
    (raw / "provenance.csv").write_text("file,issuer\ngbk_city.txt,x\n", encoding="utf-8")
    notices, issues = build(raw, tmp_path)
    assert len(notices) == 2 and "no source_file column" in issues["provenance.csv"]["detail"]


@pytest.mark.skipif(os.name == "nt", reason="needs POSIX symbolic links")
def test_a_provenance_file_that_is_a_symlink_is_not_followed(raw, tmp_path):
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("source_file,issuer\ngbk_city.txt,某机关\n", encoding="utf-8")
    (raw / "provenance.csv").symlink_to(elsewhere)
    notices, issues = build(raw, tmp_path)
    assert notices["gbk_city.txt"]["issuer"] != "某机关"
    assert issues["provenance.csv"]["problem"] == "symlink"
    assert load_provenance(raw) == {}


def test_good_provenance_gives_no_issue(raw, tmp_path):
    (raw / "provenance.csv").write_text(HEADER + "gbk_city.txt,,,四川省,12,2012-03-01,,https://example.org/a,2024-01-02,,\n", encoding="utf-8")
    notices, issues = build(raw, tmp_path)
    assert issues == {}
    assert (notices["gbk_city.txt"]["region"], str(notices["gbk_city.txt"]["issue_date"])) == ("四川省", "2012-03-01")
