"""The extraction cache cannot lie: a damaged pack (truncated, one byte flipped) or memo is found by its
checksum, reported and dropped, and its notices are extracted again; it never stops a build and never
gives it wrong rows."""

import json
import re
import shutil
from pathlib import Path

import pytest

from fyp.tables.cache import ExtractionCache, pack_problem
from fyp.tables.incremental import build_incremental

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("gbk_city.txt", "big5_traditional.txt", "saved_page.htm"):
        shutil.copy2(FORMS / name, raw / name)
    return raw


@pytest.fixture
def built(raw, tmp_path):
    return build_incremental(raw, tmp_path / "cache")


def packs(cache_dir: Path) -> list[Path]:
    return sorted(ExtractionCache(cache_dir).packs_dir.glob("*.parquet"))


def assert_same_tables(again, first):
    for name in first.frames:
        assert again.frames[name].equals(first.frames[name]), name


def test_a_pack_is_named_by_the_sha256_of_its_bytes(built, tmp_path):
    import hashlib

    for pack in packs(tmp_path / "cache"):
        assert pack.name == hashlib.sha256(pack.read_bytes()).hexdigest() + ".parquet"
        assert pack_problem(pack) is None


def test_a_truncated_pack_is_reported_dropped_and_its_notices_extracted_again(raw, built, tmp_path):
    pack = max(packs(tmp_path / "cache"), key=lambda p: p.stat().st_size)
    size = pack.stat().st_size
    with pack.open("r+b") as fh:
        fh.truncate(size // 3)
    again = build_incremental(raw, tmp_path / "cache")
    (line,) = again.stats.repaired
    assert line.startswith(f"{pack}: truncated ({size // 3:,} of the {size:,} bytes written); dropped")
    assert again.stats.extracted and again.stats.reused == 3 - len(again.stats.extracted)
    assert_same_tables(again, built)
    # Repaired once: the next build takes everything from the cache and reports nothing.
    third = build_incremental(raw, tmp_path / "cache")
    assert third.stats.repaired == [] and third.stats.extracted == []


@pytest.mark.parametrize("where", [0.05, 0.3, 0.5, 0.7, 0.97])
def test_one_flipped_byte_anywhere_in_a_pack_gives_a_re_extraction_and_a_report(raw, built, tmp_path, where):
    pack = max(packs(tmp_path / "cache"), key=lambda p: p.stat().st_size)
    data = bytearray(pack.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    pack.write_bytes(bytes(data))
    again = build_incremental(raw, tmp_path / "cache")
    (line,) = again.stats.repaired
    assert f"{pack}: its bytes do not match the checksum it was written with" in line
    assert "extracted again" in line and again.stats.extracted
    assert_same_tables(again, built)
    assert not pack.exists() or pack_problem(pack) is None


def test_an_unreadable_pack_is_dropped_not_a_reason_to_stop(raw, built, tmp_path):
    pack = packs(tmp_path / "cache")[0]
    pack.write_bytes(b"")
    again = build_incremental(raw, tmp_path / "cache")
    assert len(again.stats.repaired) == 1 and again.stats.extracted
    assert_same_tables(again, built)


def test_a_damaged_memo_of_the_packs_is_rebuilt_from_the_packs_without_extracting(raw, built, tmp_path):
    memo = ExtractionCache(tmp_path / "cache").dir / "packs.json"
    text = memo.read_text(encoding="utf-8")
    # A flipped bit in an entry key keeps the JSON valid but would point a notice at a pack without it.
    key = built.entries[0][1]
    damaged = key[:-1] + ("0" if key[-1] != "0" else "1")
    memo.write_text(text.replace(key, damaged, 1), encoding="utf-8")
    again = build_incremental(raw, tmp_path / "cache")
    assert again.stats.repaired == [f"{memo}: does not match its checksum; rebuilt from the packs"]
    assert again.stats.extracted == []
    assert_same_tables(again, built)


def test_a_damaged_pack_found_while_rebuilding_the_memo_is_dropped_too(raw, built, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    (cache.dir / "packs.json").unlink()
    pack = packs(tmp_path / "cache")[0]
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0x80
    pack.write_bytes(bytes(data))
    again = build_incremental(raw, tmp_path / "cache")
    assert [line.split(": ")[0] for line in again.stats.repaired] == [str(pack)]
    # Extracted again, the same notices make the same bytes: the pack may be back, whole.
    assert again.stats.extracted and (not pack.exists() or pack_problem(pack) is None)
    assert_same_tables(again, built)


def test_a_flipped_hex_digit_in_the_memo_of_file_hashes_never_gives_a_notice_a_wrong_id(raw, built, tmp_path):
    memo = tmp_path / "cache" / "file_hashes.json"
    text = memo.read_text(encoding="utf-8")
    sha = built.frames["notices"]["sha256"][0]
    assert sha in text
    flipped = ("0" if sha[0] != "0" else "1") + sha[1:]
    memo.write_text(text.replace(sha, flipped, 1), encoding="utf-8")
    again = build_incremental(raw, tmp_path / "cache")
    assert again.stats.extracted == []
    assert_same_tables(again, built)
    assert json.loads(memo.read_text(encoding="utf-8"))  # saved again, with the true hashes
    assert flipped not in memo.read_text(encoding="utf-8")


def test_packs_of_another_name_in_the_packs_folder_are_not_trusted(raw, built, tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    (cache.dir / "packs.json").unlink()
    pack = packs(tmp_path / "cache")[0]
    renamed = pack.with_name("0" * 64 + ".parquet")
    pack.rename(renamed)
    again = build_incremental(raw, tmp_path / "cache")
    assert len(again.stats.repaired) == 1 and re.search(r"do not match the checksum", again.stats.repaired[0])
    assert_same_tables(again, built)
