"""Every byte of a release is verified: SHA256SUMS covers every file, its own sha256 is the cited one
(recorded in the exports folder's ledger), fyp.duckdb is checked by its table digest; `fyp release`
verifies the previous release before it diffs against it, and rebuilds a fyp.duckdb a clone lacks."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fyp.release.files import write_sha256sums
from fyp.release.index import LedgerError, write_index
from fyp.release.publish import ReleaseError, publish_release
from fyp.release.verify import verify_release
from release_samples import build_sample_warehouse, sample_rows


def publish(warehouse: Path, exports: Path):
    return publish_release(warehouse, exports, quality_file=None)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("verify")
    warehouse = build_sample_warehouse(base / "wh" / "fyp.duckdb")
    exports = base / "exports"
    assert publish(warehouse, exports).version == "1.0.0"
    return exports


@pytest.fixture
def exports(published, tmp_path) -> Path:
    copy = tmp_path / "exports"
    shutil.copytree(published, copy)
    return copy


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fix_sums(release: Path) -> None:
    """What a careful tamperer does: recompute SHA256SUMS over the changed files."""
    write_sha256sums(release)


def test_sha256sums_lists_every_file_but_itself_and_the_duckdb_file(exports):
    rel = exports / "1.0.0"
    listed = {line.split("  ", 1)[1] for line in (rel / "SHA256SUMS").read_text().splitlines()}
    files = {p.relative_to(rel).as_posix() for p in rel.rglob("*") if p.is_file()}
    assert files - listed == {"SHA256SUMS", "fyp.duckdb"}
    assert {"index.html", "fyp.duckdb.json", "LICENSE", "CITATION.cff", "datapackage.json"} <= listed
    assert any(f.startswith("validation/") for f in listed)
    ledger = json.loads((exports / "index.json").read_text())
    assert ledger["releases"][0]["sha256sums_sha256"] == _sha(rel / "SHA256SUMS")
    assert verify_release(rel) == []
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=rel, capture_output=True).returncode == 0


def test_one_changed_byte_anywhere_fails_verify(exports):
    rel = exports / "1.0.0"
    files = sorted(p for p in rel.rglob("*") if p.is_file() and p.name != "fyp.duckdb")
    assert len(files) > 40
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        try:
            assert verify_release(rel), path
        finally:
            path.write_bytes(original)
    assert verify_release(rel) == []


def test_a_tampered_duckdb_file_fails_verify_even_with_sha256sums_redone(exports):
    rel = exports / "1.0.0"
    with duckdb.connect(str(rel / "fyp.duckdb")) as con:
        con.execute("UPDATE targets SET value = value * 10")
    _fix_sums(rel)
    # SHA256SUMS comes out the same (fyp.duckdb is not listed by its bytes): its table digest catches it
    problems = verify_release(rel)
    assert "fyp.duckdb: targets: rows_sha256 differs from fyp.duckdb.json" in problems
    assert all(p.startswith("fyp.duckdb: ") for p in problems)  # the views over targets differ too


def test_a_page_edited_with_its_line_in_sha256sums_fixed_fails_against_the_cited_hash(exports):
    rel = exports / "1.0.0"
    page = rel / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("节能减排", "节能"), encoding="utf-8")
    _fix_sums(rel)
    problems = verify_release(rel)
    assert len(problems) == 1
    assert problems[0].startswith("SHA256SUMS: its sha256 is") and "index.json records" in problems[0]
    # the cited hash can also be given by hand (a download outside its exports folder)
    cited = json.loads((exports / "index.json").read_text())["releases"][0]["sha256sums_sha256"]
    alone = shutil.copytree(rel, exports.parent / "download" / "1.0.0")
    assert verify_release(alone) == []  # nothing to check the sums against ...
    assert verify_release(alone, cited=cited)  # ... unless the cited hash is given
    proc = subprocess.run(
        [sys.executable, "-m", "fyp.cli", "verify", str(alone), "--sha256", cited],
        capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1 and "the release changed after it was published" in proc.stderr


def test_digest_and_database_tampered_together_still_fail(exports):
    from fyp.release.database import database_digest
    from fyp.release.files import write_json

    rel = exports / "1.0.0"
    with duckdb.connect(str(rel / "fyp.duckdb")) as con:
        con.execute("UPDATE targets SET value = value * 10")
    write_json(database_digest(rel / "fyp.duckdb"), rel / "fyp.duckdb.json")
    _fix_sums(rel)
    problems = verify_release(rel)
    assert problems and problems[0].startswith("SHA256SUMS: its sha256 is")


def test_a_file_added_or_removed_fails_verify(exports):
    rel = exports / "1.0.0"
    (rel / "extra.txt").write_text("x")
    assert verify_release(rel) == ["extra.txt: not listed in SHA256SUMS (file added after publishing)"]
    (rel / "extra.txt").unlink()
    (rel / "LICENSE").unlink()
    assert "LICENSE: listed in SHA256SUMS but missing" in verify_release(rel)


def test_the_ledger_never_rewrites_a_published_entry(exports):
    rel = exports / "1.0.0"
    before = (exports / "index.md").read_bytes()
    (rel / "quality.md").write_text("# better scores\n", encoding="utf-8")
    _fix_sums(rel)
    with pytest.raises(LedgerError, match="changed after it was published"):
        write_index(exports)
    assert (exports / "index.md").read_bytes() == before


def test_release_refuses_to_diff_against_a_tampered_previous_release(exports, tmp_path):
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    rel = exports / "1.0.0"
    path = rel / "parquet" / "targets.parquet"
    t = pq.read_table(path)
    pq.write_table(
        t.set_column(t.schema.get_field_index("value"), t.schema.field("value"), pc.multiply(t["value"], 10)), path
    )
    _fix_sums(rel)
    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb", sample_rows(extra_notice=True))
    with pytest.raises(ReleaseError, match="a published release fails verification") as err:
        publish(warehouse, exports)
    assert "1.0.0" in str(err.value) and "nothing was published" in str(err.value)
    assert sorted(p.name for p in exports.iterdir() if p.is_dir()) == ["1.0.0"]


def test_a_clone_without_the_duckdb_file_gets_it_rebuilt_from_the_parquet_files(exports, tmp_path):
    rel = exports / "1.0.0"
    before = {p.relative_to(rel): p.read_bytes() for p in rel.rglob("*") if p.is_file() and p.name != "fyp.duckdb"}
    (rel / "fyp.duckdb").unlink()
    assert verify_release(rel) == []  # not committed: nothing to check until it is built
    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb")
    result = publish(warehouse, exports)
    assert result.version is None and any("rebuilt" in m and "fyp.duckdb" in m for m in result.messages)
    assert "a rebuild of release 1.0.0 from the same data matches it byte for byte" in result.messages
    assert (rel / "fyp.duckdb").is_file() and verify_release(rel) == []
    assert {
        p.relative_to(rel): p.read_bytes() for p in rel.rglob("*") if p.is_file() and p.name != "fyp.duckdb"
    } == before
    with duckdb.connect(str(rel / "fyp.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == 4
        assert "headline" in con.execute(
            "SELECT comment FROM duckdb_views() WHERE view_name = 'target_comparison'"
        ).fetchone()[0]
