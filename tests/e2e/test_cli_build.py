"""`fyp build` on a folder of notices: the real CLI, the real Dagster graph, a real DuckDB file."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import RAW

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in RAW.iterdir():
        shutil.copy2(path, raw / path.name)
    (raw / "empty.txt").write_bytes(b"")
    warehouse = tmp_path_factory.mktemp("wh") / "fyp.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "set aside: empty.txt: empty" in proc.stdout
    return warehouse


def test_notices_table_is_right_for_the_seeds(built):
    with duckdb.connect(str(built), read_only=True) as con:
        rows = con.execute(
            "SELECT source_file, region, province, admin_code, level, plan_period, issue_date::VARCHAR, "
            "issuer, encoding, script, metadata_source "
            "FROM notices ORDER BY source_file"
        ).fetchall()
    assert rows == [
        (
            "000_3b636d7faa191cc5.txt",
            "河南省",
            "河南省",
            "410000",
            "province",
            11,
            "2007-06-14",
            "河南省人民政府",
            "utf-8",
            "simplified",
            "inferred",
        ),
        (
            "001_d637d2b6bdec1104.txt",
            "山西省",
            "山西省",
            "140000",
            "province",
            12,
            None,
            "山西省",
            "utf-8",
            "simplified",
            "inferred; provenance.csv: issuer",
        ),
        (
            "002_d66e9d18b4beace9.txt",
            "葫芦岛市",
            "辽宁省",
            "211400",
            "city",
            14,
            "2023-12-06",
            "葫芦岛市人民政府",
            "utf-8",
            "simplified",
            "inferred",
        ),
        (
            "003_2882663a07db2e4f.txt",
            "鹤岗市",
            "黑龙江省",
            "230400",
            "city",
            11,
            None,
            "鹤岗市",
            "utf-8",
            "simplified",
            "inferred; provenance.csv: issuer",
        ),
        (
            "004_d6cf54a63eb344bb.txt",
            "黑龙江省",
            "黑龙江省",
            "230000",
            "province",
            14,
            "2022-03-30",
            "黑龙江省人民政府",
            "utf-8",
            "simplified",
            "inferred",
        ),
    ]


def test_notice_ids_derive_from_content(built):
    import hashlib

    with duckdb.connect(str(built), read_only=True) as con:
        for notice_id, source_file, sha in con.execute("SELECT notice_id, source_file, sha256 FROM notices").fetchall():
            digest = hashlib.sha256((RAW / source_file).read_bytes()).hexdigest()
            assert sha == digest and notice_id == digest[:16]


def test_every_extracted_row_points_at_its_evidence(built):
    with duckdb.connect(str(built), read_only=True) as con:
        sources = dict(con.execute("SELECT notice_id, text FROM provisions WHERE depth = 0").fetchall())
        assert len(sources) == 5
        for notice_id, text in sources.items():
            source_file = con.execute("SELECT source_file FROM notices WHERE notice_id = ?", [notice_id]).fetchone()[0]
            assert text == (RAW / source_file).read_text(encoding="utf-8")
        for table in ("targets", "deadlines", "responsibilities"):
            rows = con.execute(f"SELECT notice_id, char_start, char_end, provision_id FROM {table}").fetchall()
            assert rows, table
            for notice_id, start, end, provision_id in rows:
                assert 0 <= start < end <= len(sources[notice_id])
                assert provision_id is not None and provision_id.startswith(notice_id)
        for evidence, notice_id, start, end in con.execute(
            "SELECT evidence, notice_id, char_start, char_end FROM targets"
        ).fetchall():
            assert sources[notice_id][start:end] == evidence


def test_tables_carry_bilingual_comments(built):
    with duckdb.connect(str(built), read_only=True) as con:
        missing = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND (comment IS NULL "
            "OR comment = '')"
        ).fetchall()
        table_comments = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal").fetchall()
    assert missing == []
    assert len(table_comments) >= 7
    assert all(comment and " / " in comment for _, comment in table_comments)


def test_the_set_aside_file_is_recorded(built):
    with duckdb.connect(str(built), read_only=True) as con:
        assert con.execute("SELECT source_file, problem FROM ingest_issues").fetchall() == [("empty.txt", "empty")]
