"""The raw folder as an attacker or an unlucky operator leaves it: every entry ends as a notice or as
an ingest_issues row with a reason, and nothing outside the folder is read through it (issue 13)."""

import os
import shutil
from pathlib import Path

import pytest

from fyp.ingest.folder import ingest_folder
from fyp.ingest.scan import scan_folder
from fyp.tables.incremental import build_incremental

FORMS = Path(__file__).resolve().parents[1] / "notices" / "forms"
NOTICE = "某市节能减排工作方案\n到2015年,全市单位地区生产总值能耗比2010年下降16%。\n"
SECRET = "某省节能减排工作方案(内部)\n到2015年,全省单位地区生产总值能耗比2010年下降99%。\n"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symbolic links")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "city.txt").write_text(NOTICE, encoding="utf-8")
    return raw


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


def issues(raw: Path, tmp_path: Path) -> dict[str, tuple[str, str]]:
    built = build_incremental(raw, tmp_path / "cache")
    texts = built.frames["provisions"].filter(built.frames["provisions"]["depth"] == 0)["text"].to_list()
    assert not any("99%" in t for t in texts), "a file outside the raw folder was read"
    return {r["source_file"]: (r["problem"], r["detail"]) for r in built.frames["ingest_issues"].iter_rows(named=True)}


def notices(raw: Path, tmp_path: Path) -> list[str]:
    return sorted(build_incremental(raw, tmp_path / "cache").frames["notices"]["source_file"].to_list())


@needs_symlinks
def test_a_symlink_out_of_the_folder_is_never_followed(raw, outside, tmp_path):
    (raw / "leak.txt").symlink_to(outside / "secret.txt")
    (raw / "leaked_folder").symlink_to(outside, target_is_directory=True)
    got = issues(raw, tmp_path)
    assert got["leak.txt"][0] == "symlink" and "outside the raw folder" in got["leak.txt"][1]
    assert got["leaked_folder"][0] == "symlink"
    # The published detail does not reveal the path it points to.
    assert str(outside) not in got["leak.txt"][1]
    assert notices(raw, tmp_path) == ["city.txt"]


@needs_symlinks
def test_a_symlink_inside_the_folder_is_set_aside_and_its_target_read_under_its_own_name(raw, tmp_path):
    (raw / "sub").mkdir()
    (raw / "sub" / "county.txt").write_text(NOTICE.replace("16%", "17%").replace("市", "县"), encoding="utf-8")
    (raw / "alias.txt").symlink_to("sub/county.txt")
    (raw / "sub" / "back").symlink_to("..", target_is_directory=True)
    got = issues(raw, tmp_path)
    assert got["alias.txt"][0] == "symlink" and "sub/county.txt" in got["alias.txt"][1]
    assert got["sub/back"][0] == "symlink"
    assert notices(raw, tmp_path) == ["city.txt", "sub/county.txt"]


@needs_symlinks
def test_dangling_and_looping_symlinks_each_get_a_row(raw, tmp_path):
    (raw / "gone.txt").symlink_to("no such file.txt")
    (raw / "loop_a.txt").symlink_to("loop_b.txt")
    (raw / "loop_b.txt").symlink_to("loop_a.txt")
    (raw / "self").symlink_to("self")
    got = issues(raw, tmp_path)
    assert got["gone.txt"][0] == "symlink" and "does not exist" in got["gone.txt"][1]
    for name in ("loop_a.txt", "loop_b.txt", "self"):
        assert got[name][0] == "symlink" and "loop" in got[name][1], name


@needs_symlinks
def test_a_file_swapped_for_a_symlink_after_the_scan_is_not_read(raw, outside, tmp_path):
    from fyp.ingest.read import NotFollowed, read_below, read_notice

    scan = scan_folder(raw)
    (raw / "city.txt").unlink()
    (raw / "city.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(OSError):
        scan.files[0].read_bytes()
    (raw / "sub").mkdir()
    (raw / "sub" / "x.txt").write_text(NOTICE, encoding="utf-8")
    shutil.rmtree(raw / "sub")
    (raw / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(NotFollowed):
        read_below(raw, ("sub", "secret.txt"))
    got = read_notice(raw / "sub" / "secret.txt", raw)
    assert got.problem == "symlink"


def test_hidden_files_and_folders_each_get_a_row(raw, tmp_path):
    (raw / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (raw / ".git").mkdir()
    (raw / ".git" / "notice.txt").write_text(NOTICE.replace("16%", "18%"), encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / ".~lock.plan.txt#").write_text("lock", encoding="utf-8")
    got = issues(raw, tmp_path)
    assert {k: v[0] for k, v in got.items()} == {".DS_Store": "hidden", ".git": "hidden", "sub/.~lock.plan.txt#": "hidden"}
    assert "folder" in got[".git"][1]


def test_a_folder_that_cannot_be_listed_gets_a_row_and_the_rest_is_read(raw, tmp_path, monkeypatch):
    (raw / "locked").mkdir()
    (raw / "locked" / "x.txt").write_text(NOTICE.replace("16%", "18%"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = issues(raw, tmp_path)
    assert got["locked"][0] == "unreadable" and "Permission denied" in got["locked"][1]
    assert notices(raw, tmp_path) == ["city.txt"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any folder")
def test_a_folder_without_read_permission_gets_a_row(raw, tmp_path):
    locked = raw / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(NOTICE, encoding="utf-8")
    locked.chmod(0)
    try:
        assert issues(raw, tmp_path)["locked"][0] == "unreadable"
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_set_aside_without_waiting_for_a_writer(raw, tmp_path):
    os.mkfifo(raw / "pipe.txt")
    got = issues(raw, tmp_path)
    assert got["pipe.txt"][0] == "not_a_file" and "FIFO" in got["pipe.txt"][1]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_read_and_named_with_its_bytes_escaped(raw, tmp_path):
    base = os.fsencode(raw)
    os.mkdir(os.path.join(base, "县".encode() + b"\xb1"))  # a UTF-8 name cut short
    with open(os.path.join(base, "县".encode() + b"\xb1", b"plan.txt"), "wb") as fh:
        fh.write(NOTICE.replace("16%", "15%").encode())
    with open(os.path.join(base, b"plan-\xbd\xda.txt"), "wb") as fh:  # a GBK name
        fh.write(NOTICE.replace("16%", "14%").encode())
    with open(os.path.join(base, b"notes \xff.docx"), "wb") as fh:
        fh.write(b"PK\x03\x04")
    assert notices(raw, tmp_path) == ["city.txt", "plan-\\xbd\\xda.txt", "县\\xb1/plan.txt"]
    assert issues(raw, tmp_path) == {"notes \\xff.docx": ("unsupported_format", "file type '.docx' is not a notice format (.txt, .html, .htm)")}


def test_which_of_identical_files_is_the_notice_depends_on_names_not_times(raw, tmp_path):
    (raw / "b copy.txt").write_bytes((raw / "city.txt").read_bytes())

    def build(oldest: str, label: str):
        os.utime(raw / oldest, ns=(10**18, 10**18))
        os.utime(raw / ({"city.txt", "b copy.txt"} - {oldest}).pop(), ns=(2 * 10**18, 2 * 10**18))
        built = build_incremental(raw, tmp_path / label)
        return {name: df for name, df in built.frames.items()}

    first, second = build("city.txt", "one"), build("b copy.txt", "two")
    for name, df in first.items():
        assert df.equals(second[name]), name
    assert first["notices"]["source_file"].to_list() == ["b copy.txt"]
    assert first["ingest_issues"].select("source_file", "problem").rows() == [("city.txt", "duplicate")]


@needs_symlinks
def test_every_entry_of_the_folder_ends_as_a_notice_or_a_row(raw, outside, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "README.md").write_text("# notices", encoding="utf-8")
    (raw / "SOURCES.jsonl").write_text("{}\n", encoding="utf-8")
    (raw / ".hidden.txt").write_text(NOTICE, encoding="utf-8")
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "dangling.txt").symlink_to("nothing.txt")
    (raw / "sub").mkdir()
    (raw / "sub" / "provenance.csv").write_text("source_file\n", encoding="utf-8")
    (raw / "sub" / "copy.txt").write_bytes((raw / "city.txt").read_bytes())
    (raw / "provenance.csv").write_text("source_file,plan_period\ncity.txt,12\n", encoding="utf-8")
    built = build_incremental(raw, tmp_path / "cache")
    accounted = set(built.frames["notices"]["source_file"]) | set(built.frames["ingest_issues"]["source_file"])
    everything = {p.relative_to(raw).as_posix() for p in raw.rglob("*") if not p.is_dir() or p.is_symlink()} - {"provenance.csv"}
    assert everything == accounted
    again = ingest_folder(raw)
    assert {n.source_file for n in again.notices} | {p.source_file for p in again.problems} == accounted
