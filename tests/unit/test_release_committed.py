"""Committed releases stay as published: a changed release file fails this test (and `fyp verify`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from fyp.release.committed import committed_release_problems
from fyp.release.files import write_sha256sums
from fyp.release.index import write_index
from fyp.release.publish import publish_release
from release_samples import build_sample_warehouse, sample_rows


def test_every_committed_release_is_as_it_was_published():
    assert committed_release_problems(REPO) == []


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "test")
    (repo / "CITATION.cff").write_text("cff-version: 1.2.0\n", encoding="utf-8")
    (repo / ".gitignore").write_text("exports/*/fyp.duckdb\nexports/.publish.lock\nwh/\n", encoding="utf-8")
    warehouse = build_sample_warehouse(repo / "wh" / "fyp.duckdb")
    assert publish_release(warehouse, repo / "exports", quality_file=None).version == "1.0.0"
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "release 1.0.0")
    return repo


def test_a_committed_release_passes_and_its_citation_names_it(repo):
    assert committed_release_problems(repo) == []
    assert 'version: "1.0.0"' in (repo / "CITATION.cff").read_text(encoding="utf-8")
    assert _git(repo, "status", "--porcelain") == ""


def test_a_changed_release_file_fails_even_when_every_hash_is_redone_and_committed(repo):
    rel = repo / "exports" / "1.0.0"
    csv = rel / "csv" / "targets.csv"
    csv.write_bytes(csv.read_bytes().replace("降低20%".encode(), "降低25%".encode()))
    problems = committed_release_problems(repo)
    assert any("csv/targets.csv: sha256 does not match SHA256SUMS" in p for p in problems)
    assert any("changed in the working tree" in p for p in problems)
    # a thorough tamperer: SHA256SUMS redone, the ledger rewritten by hand, all committed
    write_sha256sums(rel)
    (repo / "exports" / "index.json").unlink()
    write_index(repo / "exports")
    _git(repo, "commit", "-qam", "fix a value")
    problems = committed_release_problems(repo)
    assert any("exports/1.0.0: changed by commits after it was published" in p for p in problems), problems


def test_a_second_release_leaves_the_first_untouched(repo, tmp_path):
    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb", sample_rows(extra_notice=True))
    assert publish_release(warehouse, repo / "exports", quality_file=None).version == "1.1.0"
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "release 1.1.0")
    assert committed_release_problems(repo) == []
    assert 'version: "1.1.0"' in (repo / "CITATION.cff").read_text(encoding="utf-8")
