"""Two raw folders holding the same identical files, their mtimes swapped, give the same release
byte for byte (issue 13 item 12): which copy is the notice depends on names and content only."""

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLD, RAW, REPO

pytestmark = pytest.mark.e2e
SEED = RAW / "002_d66e9d18b4beace9.txt"


def release(base: Path, older: str) -> Path:
    raw = base / "raw"
    raw.mkdir(parents=True)
    for name in ("a plan.txt", "b plan.txt"):
        (raw / name).write_bytes(SEED.read_bytes())
    younger = ({"a plan.txt", "b plan.txt"} - {older}).pop()
    os.utime(raw / older, ns=(1_500_000_000 * 10**9,) * 2)
    os.utime(raw / younger, ns=(1_700_000_000 * 10**9,) * 2)
    proc = subprocess.run(
        [
            sys.executable, "-m", "fyp.cli", "release", "--raw", str(raw), "--warehouse",
            str(base / "fyp.duckdb"), "--exports", str(base / "exports"), "--gold", str(GOLD)
        ],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (version,) = [p for p in (base / "exports").iterdir() if p.is_dir()]
    return version


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_identical_files_with_mtimes_swapped_give_the_same_release(tmp_path):
    one, two = release(tmp_path / "one", older="a plan.txt"), release(tmp_path / "two", older="b plan.txt")
    assert files(one) == files(two)
    # fyp.duckdb differs byte for byte on every write (README), and so does its line in SHA256SUMS;
    # its tables are in the Parquet files.
    differ = [
        name for name in files(one) if name not in ("fyp.duckdb", "SHA256SUMS")
        and not filecmp.cmp(one / name, two / name, shallow=False)
    ]
    assert differ == []
    sums = [
        [
            line for line in (v / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
            if not line.endswith(" fyp.duckdb")
        ]
        for v in (one, two)
    ]
    assert sums[0] == sums[1]
    assert "a plan.txt" in (one / "csv" / "notices.csv").read_text(encoding="utf-8")
