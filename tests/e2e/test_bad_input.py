"""`fyp build` on a raw folder holding every kind of bad input: each file is set aside with a reason,
the rest is built, and no raw file is touched."""

import codecs
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import RAW, REPO

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "notices" / "forms"
BAD = {
    "empty.txt": "empty",
    "scan.txt": "binary",
    "garbage.txt": "undecodable",
    "diary.txt": "not_a_notice",
    "copy of 002.txt": "duplicate",
    "huge.txt": "too_large",
    "table.xlsx": "unsupported_format",
    "blank.txt": "empty",
    ".~lock.notice.txt#": "hidden",
    "leak.txt": "symlink",
    "dangling.txt": "symlink",
    "provenance.csv": "bad_provenance",
}
SECRET = "某省节能减排工作方案(不应发布)\n到2015年,全省单位地区生产总值能耗比2010年下降99%。\n"
# A file name in GBK bytes (节能.txt as a Windows zip leaves it), and how it is named in the tables.
GBK_NAME, GBK_SOURCE_FILE = "节能".encode("gbk") + b".txt", "\\xbd\\xda\\xc4\\xdc.txt"


def walk(folder: Path) -> dict[str, str]:
    out = {}
    for dirpath, _, files in os.walk(os.fsencode(folder)):
        for name in files:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                with open(path, "rb") as fh:
                    out[os.fsdecode(os.path.relpath(path, os.fsencode(folder)))] = hashlib.sha256(fh.read()).hexdigest()
    return out


def fyp_build(raw: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in RAW.iterdir():
        shutil.copy2(path, raw / path.name)
    for name in ("gbk_city.txt", "big5_traditional.txt", "saved_page.htm"):
        shutil.copy2(FORMS / name, raw / name)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    (raw / "garbage.txt").write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1, 0xFE, 0x81, 0xFF, 0x80]) * 300)
    (raw / "diary.txt").write_text("今天天气很好,我们去公园散步,晚上看了一场电影。", encoding="utf-8")
    (raw / "copy of 002.txt").write_bytes((RAW / "002_d66e9d18b4beace9.txt").read_bytes())
    with (raw / "huge.txt").open("wb") as fh:
        fh.write("节能减排".encode() * 10)
        fh.truncate(8 * 1024 * 1024)
    (raw / "table.xlsx").write_bytes(b"PK\x03\x04 not a notice")
    (raw / "blank.txt").write_bytes("\u3000\u3000\r\n".encode("gb18030"))
    (raw / ".~lock.notice.txt#").write_text("lock", encoding="utf-8")
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (raw / "leak.txt").symlink_to(secret)
    (raw / "dangling.txt").symlink_to("no such notice.txt")
    (raw / "windows.txt").write_bytes(
        codecs.BOM_UTF16_LE
        + (FORMS / "gbk_city.txt").read_bytes().decode("gb18030").replace("16%", "15%").encode("utf-16-le")
    )
    with open(os.path.join(os.fsencode(raw), GBK_NAME), "wb") as fh:
        fh.write((FORMS / "gbk_city.txt").read_bytes().decode("gb18030").replace("16%", "14%").encode("utf-8"))
    with (raw / "provenance.csv").open("a", encoding="utf-8") as fh:
        fh.write("gbk_city.txt,,,,13th,,,,,,a typo in a side file\n")
    (raw / "sub").mkdir()
    (raw / "sub" / "nested.txt").write_bytes(
        (FORMS / "gbk_city.txt").read_bytes().replace("16%".encode("gbk"), "17%".encode("gbk"))
    )
    return raw


@pytest.fixture(scope="module")
def runs(raw, tmp_path_factory):
    before = walk(raw)
    warehouse = tmp_path_factory.mktemp("wh") / "fyp.duckdb"
    first = fyp_build(raw, warehouse)
    second = fyp_build(raw, warehouse)  # incremental: everything from the cache
    return before, warehouse, first, second


def test_the_run_completes_and_prints_every_file_set_aside(runs):
    _, _, first, second = runs
    for proc in (first, second):
        assert proc.returncode == 0, proc.stderr[-3000:]
        for name, problem in BAD.items():
            assert f"set aside: {name}: {problem}: " in proc.stdout, (name, proc.stdout)


def test_ingest_issues_records_each_bad_file_with_a_reason(runs):
    _, warehouse, _, _ = runs
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT source_file, problem, detail FROM ingest_issues ORDER BY source_file").fetchall()
    assert {r[0]: r[1] for r in rows} == BAD
    details = {r[0]: r[2] for r in rows}
    assert "002_d66e9d18b4beace9.txt" in details["copy of 002.txt"]
    assert "8,388,608 bytes" in details["huge.txt"]
    assert all(len(d) > 10 for d in details.values())


def test_the_good_notices_are_all_in_the_warehouse(runs, raw):
    _, warehouse, _, _ = runs
    with duckdb.connect(str(warehouse), read_only=True) as con:
        notices = dict(con.execute("SELECT source_file, encoding FROM notices").fetchall())
        targets = con.execute(
            "SELECT n.source_file, t.evidence, t.char_start, t.char_end FROM targets t JOIN notices n USING (notice_id)"
        ).fetchall()
    assert notices == {
        **{p.name: "utf-8" for p in RAW.glob("*.txt")},
        "gbk_city.txt": "gb18030",
        "big5_traditional.txt": "big5",
        "saved_page.htm": "gb18030",
        "sub/nested.txt": "gb18030",
        "windows.txt": "utf-16",
        GBK_SOURCE_FILE: "utf-8",
    }
    files = {f for f, *_ in targets}
    assert {
        "gbk_city.txt", "big5_traditional.txt", "saved_page.htm", "sub/nested.txt", "windows.txt", GBK_SOURCE_FILE
    } <= files
    for source_file, evidence, start, end in targets:
        if source_file.endswith(".txt") and source_file != GBK_SOURCE_FILE:
            data = (raw / source_file).read_bytes()
            text = data.decode(notices[source_file])
            assert text[start:end] == evidence


def test_no_raw_file_is_modified_or_deleted(runs, raw):
    before, _, _, _ = runs
    assert walk(raw) == before


def test_nothing_outside_the_raw_folder_is_read_and_a_bad_side_file_loses_nothing(runs):
    _, warehouse, _, _ = runs
    with duckdb.connect(str(warehouse), read_only=True) as con:
        leaked = con.execute("SELECT count(*) FROM provisions WHERE text LIKE '%不应发布%'").fetchone()[0]
        plan_period, region = con.execute(
            "SELECT plan_period, region FROM notices WHERE source_file = 'gbk_city.txt'"
        ).fetchone()
        detail = con.execute("SELECT detail FROM ingest_issues WHERE source_file = 'provenance.csv'").fetchone()[0]
    assert leaked == 0
    assert (plan_period, region) == (12, "绵阳市")  # inferred from the text; the typo is ignored
    assert "(gbk_city.txt), column plan_period: '13th'" in detail
