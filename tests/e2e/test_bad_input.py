"""`fyp build` on a raw folder holding every kind of bad input: each file is set aside with a reason,
the rest is built, and no raw file is touched."""

import hashlib
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
}


def checksums(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    (raw / "sub").mkdir()
    (raw / "sub" / "nested.txt").write_bytes((FORMS / "gbk_city.txt").read_bytes().replace("16%".encode("gbk"), "17%".encode("gbk")))
    return raw


@pytest.fixture(scope="module")
def runs(raw, tmp_path_factory):
    before = checksums(raw)
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
        targets = con.execute("SELECT n.source_file, t.evidence, t.char_start, t.char_end FROM targets t JOIN notices n USING (notice_id)").fetchall()
    assert notices == {
        **{p.name: "utf-8" for p in RAW.glob("*.txt")},
        "gbk_city.txt": "gb18030",
        "big5_traditional.txt": "big5",
        "saved_page.htm": "gb18030",
        "sub/nested.txt": "gb18030",
    }
    files = {f for f, *_ in targets}
    assert {"gbk_city.txt", "big5_traditional.txt", "saved_page.htm", "sub/nested.txt"} <= files
    for source_file, evidence, start, end in targets:
        if source_file.endswith(".txt"):
            data = (raw / source_file).read_bytes()
            text = data.decode(notices[source_file])
            assert text[start:end] == evidence


def test_no_raw_file_is_modified_or_deleted(runs, raw):
    before, _, _, _ = runs
    assert checksums(raw) == before
