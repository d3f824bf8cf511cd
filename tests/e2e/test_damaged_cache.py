"""`fyp build` over a damaged extraction cache: a truncated pack or one flipped byte is reported, the
pack dropped and its notices extracted again; the build succeeds with the right rows, every time."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAW, REPO
from fyp.warehouse.store import warehouse_digest

pytestmark = pytest.mark.e2e


def build(raw: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("built")
    raw, warehouse = root / "raw", root / "wh" / "fyp.duckdb"
    shutil.copytree(RAW, raw)
    proc = build(raw, warehouse)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return raw, warehouse, warehouse_digest(warehouse)


def damaged_copy(first, tmp_path: Path, damage) -> tuple[Path, Path]:
    """A copy of the first build's cache with its largest pack damaged, and no warehouse (so that the
    next build reads every pack)."""
    raw, warehouse, _ = first
    cache = tmp_path / "wh" / "cache"
    shutil.copytree(warehouse.parent / "cache", cache)
    pack = max(cache.glob("*/packs/*.parquet"), key=lambda p: p.stat().st_size)
    damage(pack)
    return pack, tmp_path / "wh" / "fyp.duckdb"


def truncate(pack: Path) -> None:
    with pack.open("r+b") as fh:
        fh.truncate(pack.stat().st_size // 2)


def flip_one_byte(pack: Path) -> None:
    data = bytearray(pack.read_bytes())
    data[len(data) * 2 // 3] ^= 0x04
    pack.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [truncate, flip_one_byte], ids=["truncated", "one_flipped_byte"])
def test_a_damaged_pack_is_reported_dropped_and_re_extracted_and_the_build_gives_the_same_rows(first, tmp_path, damage):
    raw, _, digest = first
    pack, warehouse = damaged_copy(first, tmp_path, damage)
    proc = build(raw, warehouse)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"warning: cache: {pack}: ") and "dropped, its " in line and "extracted again" in line
    assert warehouse_digest(warehouse) == digest
    # And every later build is a clean one.
    again = build(raw, warehouse)
    assert again.returncode == 0 and again.stderr == ""
    assert warehouse_digest(warehouse) == digest
