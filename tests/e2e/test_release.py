"""`fyp release` and `fyp verify` on the seed notices: the real CLI, Dagster graph, GX checks and frictionless."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLD, RAW

pytestmark = pytest.mark.e2e


def fyp(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fyp.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("release")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    args = [
        "release", "--raw", str(raw), "--warehouse", str(base / "fyp.duckdb"),
        "--exports", str(base / "exports"), "--quality", str(GOLD / "quality.json")
    ]
    first = fyp(*args)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "published release 1.0.0 (first)" in first.stdout
    return base / "exports", args


def test_release_of_the_seeds_is_valid_and_verifiable(released):
    exports, _ = released
    rel = exports / "1.0.0"
    proc = fyp("verify", str(rel))
    assert proc.returncode == 0 and "every file matches SHA256SUMS and fyp.duckdb its table digest" in proc.stdout
    assert "index.json records" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(rel / "datapackage.json")],
        capture_output=True, text=True, timeout=600
    )
    assert json.loads(proc.stdout)["valid"] is True, proc.stdout[-3000:]
    quality = json.loads((rel / "quality.json").read_text(encoding="utf-8"))
    assert quality["sets"]["seeds"]["scores"]["targets"]["tp"] > 0
    result = json.loads((rel / "validation" / "result.json").read_text(encoding="utf-8"))
    assert result["success"] is True and result["statistics"]["evaluated"] >= 20
    package = json.loads((rel / "datapackage.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r["fyp:rows"] for r in package["resources"]}
    assert rows["notices"] == 5 and rows["target_comparison"] > 0 and rows["target_comparison_wide"] > 0


def test_releasing_the_same_notices_again_publishes_nothing(released):
    exports, args = released
    proc = fyp(*args)
    assert proc.returncode == 0 and "nothing changed since release 1.0.0; nothing published" in proc.stdout
    assert "matches it byte for byte" in proc.stdout
    assert sorted(p.name for p in exports.iterdir() if p.is_dir()) == ["1.0.0"]
