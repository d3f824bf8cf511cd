"""The incremental path: only new or changed notices are extracted; the rest come from the cache."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import RAW
from fyp.extract.notice import extract_all
from fyp.ingest.folder import ingest_folder
from fyp.ingest.scan import scan_folder
from fyp.tables.build import build_tables
from fyp.tables.cache import ExtractionCache
from fyp.tables.incremental import build_incremental

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"
NOTICE = "某市节能减排工作方案\n到2015年,全市单位地区生产总值能耗比2010年下降16%。\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("gbk_city.txt", "big5_traditional.txt", "saved_page.htm"):
        shutil.copy2(FORMS / name, raw / name)
    return raw


def ids(frames, table="notices"):
    return sorted(frames[table]["notice_id"].to_list())


def test_cold_build_extracts_everything_and_matches_a_fresh_extraction(tmp_path):
    built = build_incremental(RAW, tmp_path / "cache")
    assert len(built.stats.extracted) == 5 and built.stats.reused == 0
    ingest = ingest_folder(RAW)
    extractions, problems = extract_all(ingest.notices, ingest.provenance)
    fresh = build_tables(extractions, [p.as_row() for p in problems])
    for name, df in fresh.items():
        assert built.frames[name].equals(df), name
        assert built.frames[name].schema == df.schema


def test_second_build_extracts_nothing(raw, tmp_path):
    first = build_incremental(raw, tmp_path / "cache")
    second = build_incremental(raw, tmp_path / "cache")
    assert second.stats.extracted == [] and second.stats.reused == 3
    for name in first.frames:
        assert second.frames[name].equals(first.frames[name])


def test_a_new_notice_costs_only_its_own_extraction(raw, tmp_path):
    build_incremental(raw, tmp_path / "cache")
    (raw / "new.txt").write_text(NOTICE, encoding="utf-8")
    built = build_incremental(raw, tmp_path / "cache")
    new_id = scan_folder(raw).by_notice_id()
    assert [new_id[i].source_file for i in built.stats.extracted] == ["new.txt"]
    assert built.stats.reused == 3 and len(ids(built.frames)) == 4


def test_a_changed_notice_replaces_its_old_rows(raw, tmp_path):
    first = build_incremental(raw, tmp_path / "cache")
    old_id = first.frames["notices"].filter(first.frames["notices"]["source_file"] == "gbk_city.txt")["notice_id"][0]
    data = (raw / "gbk_city.txt").read_bytes().replace("16%".encode("gbk"), "18%".encode("gbk"))
    (raw / "gbk_city.txt").write_bytes(data)
    built = build_incremental(raw, tmp_path / "cache")
    assert len(built.stats.extracted) == 1 and old_id not in ids(built.frames)
    assert old_id not in built.frames["targets"]["notice_id"].to_list()
    assert 18.0 in built.frames["targets"]["value"].to_list() and 16.0 not in built.frames["targets"]["value"].to_list()


def test_a_removed_notice_leaves_every_table(raw, tmp_path):
    first = build_incremental(raw, tmp_path / "cache")
    gone = first.frames["notices"].filter(first.frames["notices"]["source_file"] == "saved_page.htm")["notice_id"][0]
    (raw / "saved_page.htm").unlink()
    built = build_incremental(raw, tmp_path / "cache")
    assert built.stats.extracted == []
    for name in ("notices", "provisions", "targets", "deadlines", "responsibilities"):
        assert gone not in built.frames[name]["notice_id"].to_list(), name


def test_a_provenance_change_re_extracts_that_notice_only(raw, tmp_path):
    build_incremental(raw, tmp_path / "cache")
    (raw / "provenance.csv").write_text("source_file,issuer\ngbk_city.txt,绵阳市政府办公室\n", encoding="utf-8")
    built = build_incremental(raw, tmp_path / "cache")
    assert len(built.stats.extracted) == 1
    row = built.frames["notices"].filter(built.frames["notices"]["source_file"] == "gbk_city.txt").row(0, named=True)
    assert row["issuer"] == "绵阳市政府办公室" and "provenance.csv: issuer" in row["metadata_source"]


def test_new_extractor_code_re_extracts_everything(raw, tmp_path):
    build_incremental(raw, tmp_path / "cache")
    cache = ExtractionCache(tmp_path / "cache", version="0123456789abcdef")
    assert not any(cache.has(f.notice_id, "x") for f in scan_folder(raw).files)
    from fyp.tables.cache import extractor_version

    assert len(extractor_version()) == 16 and extractor_version() != cache.version


def test_bad_files_are_set_aside_with_reasons_and_the_rest_is_built(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (raw / "garbage.txt").write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1, 0xFE, 0x81]) * 200)
    (raw / "diary.txt").write_text("今天天气很好,我们去公园散步。", encoding="utf-8")
    (raw / "gbk_city_copy.txt").write_bytes((raw / "gbk_city.txt").read_bytes())
    (raw / "also empty.txt").write_bytes(b"")
    (raw / "notes.docx").write_bytes(b"PK\x03\x04")
    with (raw / "huge.txt").open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    built = build_incremental(raw, tmp_path / "cache")
    issues = {
        r["source_file"]: (r["problem"], r["detail"]) for r in built.frames["ingest_issues"].iter_rows(named=True)
    }
    assert {k: v[0] for k, v in issues.items()} == {
        "empty.txt": "empty",
        "also empty.txt": "empty",
        "scan.txt": "binary",
        "garbage.txt": "undecodable",
        "diary.txt": "not_a_notice",
        "gbk_city_copy.txt": "duplicate",
        "notes.docx": "unsupported_format",
        "huge.txt": "too_large",
    }
    assert "gbk_city.txt" in issues["gbk_city_copy.txt"][1]
    assert all(detail for _, detail in issues.values())
    assert sorted(built.frames["notices"]["source_file"].to_list()) == [
        "big5_traditional.txt",
        "gbk_city.txt",
        "saved_page.htm",
    ]
    again = build_incremental(raw, tmp_path / "cache")
    assert again.stats.extracted == [] and again.frames["ingest_issues"].equals(built.frames["ingest_issues"])


def test_an_extractor_crash_sets_that_notice_aside(raw, tmp_path, monkeypatch):
    import fyp.extract.notice as notice

    real = notice.extract_notice

    def flaky(raw_notice, provenance=None):
        if raw_notice.source_file == "gbk_city.txt":
            raise RuntimeError("boom")
        return real(raw_notice, provenance)

    monkeypatch.setattr(notice, "extract_notice", flaky)
    built = build_incremental(raw, tmp_path / "cache")
    assert built.frames["ingest_issues"].select("source_file", "problem").rows() == [
        ("gbk_city.txt", "extraction_error")
    ]
    assert "RuntimeError: boom" in built.frames["ingest_issues"]["detail"][0]
    assert built.frames["notices"].height == 2


def test_unchanged_files_are_not_hashed_again(raw, monkeypatch):
    import fyp.ingest.scan as scan

    memo: dict = {}
    scan_folder(raw, memo)
    calls = []
    real = scan.file_sha256
    monkeypatch.setattr(scan, "file_sha256", lambda p, *a: calls.append(p.name) or real(p, *a))
    scan_folder(raw, memo)
    assert calls == []
    os.utime(raw / "gbk_city.txt", ns=(1, 1))
    scan_folder(raw, memo)
    assert calls == ["gbk_city.txt"]


def test_temp_files_of_killed_runs_are_pruned(raw, tmp_path):
    build_incremental(raw, tmp_path / "cache")
    cache = ExtractionCache(tmp_path / "cache")
    leftover = next(cache.packs_dir.glob("*.parquet")).with_name(".x.parquet.999999999.tmp")
    leftover.write_bytes(b"half")
    os.utime(leftover, (0, 0))
    build_incremental(raw, tmp_path / "cache")
    assert not leftover.exists()


def test_raw_files_are_never_modified(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()}
    build_incremental(raw, tmp_path / "cache")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()} == before


def test_a_lost_or_stale_cache_index_is_rebuilt_from_the_packs_without_extracting_again(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "diary.txt").write_text("今天天气很好,我们去公园散步。", encoding="utf-8")
    first = build_incremental(raw, tmp_path / "cache")
    cache = ExtractionCache(tmp_path / "cache")
    index_file = cache.dir / "packs.json"
    # Another run saved its index over ours (a lost update): our packs are missing from it.
    index_file.write_text("{}")
    again = build_incremental(raw, tmp_path / "cache")
    assert again.stats.extracted == [] and again.frames["ingest_issues"].equals(first.frames["ingest_issues"])
    for name in ("notices", "targets", "provisions"):
        assert again.frames[name].equals(first.frames[name])
    # Lost altogether: the same.
    index_file.unlink()
    assert build_incremental(raw, tmp_path / "cache").stats.extracted == []
    assert set(ExtractionCache(tmp_path / "cache").locations()) == {key for _, key in first.entries}


def test_packs_of_notices_that_left_the_folder_are_pruned_once_old(raw, tmp_path):
    built = build_incremental(raw, tmp_path / "cache")
    cache = ExtractionCache(tmp_path / "cache")
    gone_id, gone_file = min((f.notice_id, f.source_file) for f in scan_folder(raw).files)
    gone = next(ref for ref in built.entries if ref[1].startswith(gone_id))
    (raw / gone_file).unlink()
    build_incremental(raw, tmp_path / "cache")
    assert Path(gone[0]).exists()  # young packs stay: another run may be reading them
    for pack in cache.packs_dir.glob("*.parquet"):
        os.utime(pack, (0, 0))
    after = build_incremental(raw, tmp_path / "cache")
    assert not Path(gone[0]).exists() and all(Path(p).exists() for p, _ in after.entries)
    assert gone[1] not in ExtractionCache(tmp_path / "cache").locations()
