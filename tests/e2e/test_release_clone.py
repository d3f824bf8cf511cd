"""A fresh clone's `make run` (here: its `fyp release` line, with the project already installed) rebuilds
the latest committed release byte for byte, publishes nothing and leaves `git status` clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.e2e


def _run(cwd: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _make_run(clone: Path) -> subprocess.CompletedProcess:
    # The Makefile's run line, with this interpreter (a clone's own .venv would take minutes to install).
    return _run(
        clone, sys.executable, "-m", "fyp.cli", "release", "--raw", "raw", "--warehouse",
        "warehouse/fyp.duckdb", "--exports", "exports", "--quality", "gold/quality.json"
    )


def _git(cwd: Path, *args: str) -> str:
    proc = _run(cwd, "git", *args, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    if shutil.which("git") is None or _run(REPO, "git", "rev-parse", "HEAD").returncode != 0:
        pytest.skip("needs git and a git checkout")
    base = tmp_path_factory.mktemp("clone")
    origin = base / "origin"
    _git(base, "clone", "-q", str(REPO), str(origin))
    _git(origin, "config", "user.email", "test@example.org")
    _git(origin, "config", "user.name", "test")
    if not (origin / "exports" / "index.json").read_text().count('"version"'):
        # No release committed yet: publish one the way the lead does, and commit it.
        first = _make_run(origin)
        assert first.returncode == 0, first.stderr[-3000:]
        assert "published release 1.0.0 (first)" in first.stdout
        _git(origin, "add", "-A")
        _git(origin, "commit", "-qm", "release 1.0.0")
    return origin


def test_a_fresh_clone_rebuilds_the_latest_release_and_publishes_nothing(origin, tmp_path):
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    latest = sorted((clone / "exports").glob("[0-9]*.[0-9]*.[0-9]*"))[-1]
    assert not (latest / "fyp.duckdb").exists()  # never committed
    proc = _make_run(clone)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "nothing published" in proc.stdout and "matches it byte for byte" in proc.stdout, proc.stdout
    assert f"rebuilt {Path('exports') / latest.name / 'fyp.duckdb'}" in proc.stdout
    assert _git(clone, "status", "--porcelain") == ""
    for release in sorted((clone / "exports").glob("[0-9]*.[0-9]*.[0-9]*")):
        verify = _run(clone, sys.executable, "-m", "fyp.cli", "verify", str(release))
        assert verify.returncode == 0, verify.stderr
    size = sum(p.stat().st_size for p in latest.rglob("*") if p.is_file() and p.name != "fyp.duckdb")
    assert size < 10 * 2**20  # the committed release of the bundled notices stays small
