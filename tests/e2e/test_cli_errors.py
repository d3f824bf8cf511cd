"""Every error of the `fyp` command is one clear line naming the file and the problem (``--verbose``
adds the traceback), a full disk included; `fyp --version` works; a good build prints nothing on stderr."""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import RAW, REPO

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "notices" / "forms"


def fyp(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fyp.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr[-3000:]
    assert lines[0].startswith("error: "), lines
    return lines[0].removeprefix("error: ")


@pytest.fixture
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def test_version():
    proc = fyp("--version")
    assert proc.returncode == 0 and proc.stderr == ""
    assert re.fullmatch(r"fyp-notices \S+ \(extractor [0-9a-f]{16}\)\n", proc.stdout)


def test_a_missing_raw_folder_is_one_line_and_nothing_is_written(tmp_path):
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    for command in ("build", "release"):
        line = one_error_line(fyp(command, "--raw", str(tmp_path / "no such"), "--warehouse", str(warehouse)))
        assert line == f"{tmp_path / 'no such'}: no such folder (--raw, the folder of notices to build)"
    assert not (tmp_path / "wh").exists()


def test_a_raw_path_that_is_a_file_is_one_line(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("节能减排", encoding="utf-8")
    line = one_error_line(fyp("build", "--raw", str(notice), "--warehouse", str(tmp_path / "w.duckdb")))
    assert line == f"{notice}: not a folder (--raw, the folder of notices to build)"


def test_a_warehouse_path_holding_another_file_is_refused_and_the_file_kept(raw, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("not a warehouse", encoding="utf-8")
    line = one_error_line(fyp("build", "--raw", str(raw), "--warehouse", str(other)))
    assert line == f"{other}: exists and is not a DuckDB database; not overwritten (--warehouse)"
    assert other.read_text(encoding="utf-8") == "not a warehouse"
    line = one_error_line(fyp("build", "--raw", str(raw), "--warehouse", str(tmp_path)))
    assert line == f"{tmp_path}: is a folder, not a warehouse file (--warehouse)"


def test_an_error_inside_the_asset_graph_is_one_line_naming_the_file_and_verbose_shows_the_traceback(raw, tmp_path):
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    warehouse.parent.mkdir()
    (warehouse.parent / "cache").write_text("a file where the cache folder goes", encoding="utf-8")
    line = one_error_line(fyp("build", "--raw", str(raw), "--warehouse", str(warehouse)))
    cache = re.escape(str(warehouse.parent / "cache"))
    assert re.fullmatch(rf"{cache}/\S+: could not write a cache pack: Not a directory", line)
    verbose = fyp("build", "--verbose", "--raw", str(raw), "--warehouse", str(warehouse))
    assert verbose.returncode == 1
    assert 'File "' in verbose.stderr and "in write_atomically" in verbose.stderr  # the traceback
    assert verbose.stderr.splitlines()[-1] == f"error: {line}"


def test_other_commands_fail_in_one_line_too(tmp_path):
    assert one_error_line(fyp("verify", str(tmp_path / "1.0.0"))) == f"{tmp_path / '1.0.0'}: no such release folder"
    line = one_error_line(fyp("evaluate", "--gold", str(tmp_path / "gold"), "--notices", str(tmp_path)))
    assert line == f"{tmp_path / 'gold'}: no such file or folder (--gold)"
    usage = fyp("build", "--no-such-option")
    assert usage.returncode == 2
    assert one_error_line(usage) == "unrecognized arguments: --no-such-option (see fyp --help)"


def test_a_good_build_prints_its_summary_once_and_nothing_on_stderr(raw, tmp_path):
    (raw / "empty.txt").write_bytes(b"")
    proc = fyp("build", "--raw", str(raw), "--warehouse", str(tmp_path / "wh" / "fyp.duckdb"))
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.count("set aside: empty.txt: empty") == 1


# --- a full disk: a small tmpfs in a mount namespace of our own (unshare -Urm: no root needed)

DRIVER = textwrap.dedent(
    """
    import json, os, shutil, subprocess, sys
    from pathlib import Path
    from fyp.warehouse.store import warehouse_digest

    mount, raw_seeds, variants, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], check=True)
    raw, warehouse, filler = mount / "raw", mount / "wh" / "fyp.duckdb", mount / "filler"
    shutil.copytree(raw_seeds, raw)

    def build():
        proc = subprocess.run([sys.executable, "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse",
                               str(warehouse)], capture_output=True, text=True, timeout=600)
        return {"rc": proc.returncode, "stderr": proc.stderr, "digest": warehouse_digest(warehouse)}

    def fill(leave_kb):
        st = os.statvfs(mount)
        with open(filler, "wb") as fh:
            fh.write(b"\\0" * max(0, st.f_bavail * st.f_frsize - leave_kb * 1024))

    steps = [{"leave_kb": None, **build()}]
    for variant, leave_kb in zip(sorted(variants.iterdir()), json.loads(sys.argv[5])):
        shutil.copy2(variant, raw / variant.name)
        fill(leave_kb)
        steps.append({"leave_kb": leave_kb, **build()})
        filler.unlink()
    steps.append({"leave_kb": None, **build()})
    out.write_text(json.dumps(steps))
    """
)
# Free space left for each failing build (KiB): none (a cache pack cannot be written), a little (the
# warehouse update cannot be committed), some (committed, but DuckDB cannot fold it into the file).
LEAVE_KB = [0, 20, 48, 400]


def test_a_full_disk_ends_in_one_line_naming_the_file_and_the_previous_warehouse_intact(tmp_path):
    from fyp.warehouse.store import warehouse_digest

    if shutil.which("unshare") is None:
        pytest.skip("unshare(1) is not available")
    probe = subprocess.run(["unshare", "-Urm", "true"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.decode(errors='replace').strip()}")
    variants = tmp_path / "variants"
    variants.mkdir()
    text = (FORMS / "gbk_city.txt").read_bytes().decode("gb18030")
    for i in range(len(LEAVE_KB)):
        (variants / f"city_{i}.txt").write_text(text.replace("16%", f"{20 + i}%"), encoding="utf-8")
    mount, out = tmp_path / "mnt", tmp_path / "steps.json"
    mount.mkdir()
    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    run = subprocess.run(
        ["unshare", "-Urm", sys.executable, str(tmp_path / "driver.py"), str(mount), str(RAW), str(variants),
         str(out), json.dumps(LEAVE_KB)],
        capture_output=True, text=True, cwd=REPO, timeout=1800,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    first, *failing, last = json.loads(out.read_text())
    assert first["rc"] == 0 and first["stderr"] == ""

    previous, kinds = first["digest"], set()
    for step in failing:
        assert step["rc"] == 1, step
        lines = step["stderr"].splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {mount}/"), step
        assert "No space left on device" in lines[0], step
        if "could not write a cache pack" in lines[0]:
            kinds.add("extracting")
            assert step["digest"] == previous, step
        elif "the update was committed" in lines[0]:
            # DuckDB committed the update, then found no room to fold it into the file: the warehouse
            # holds this build (the last step compares it with a build that had room), and says so.
            kinds.add("warehouse")
            assert lines[0].startswith(f"error: {mount / 'wh' / 'fyp.duckdb'}: ")
            assert step["digest"] not in (None, previous), step
        else:
            kinds.add("warehouse")
            assert lines[0].startswith(f"error: {mount / 'wh' / 'fyp.duckdb'}: ")
            assert lines[0].endswith("the previous warehouse is unchanged"), step
            assert step["digest"] == previous, step
        previous = step["digest"]
    assert kinds == {"extracting", "warehouse"}, "the disk should have filled both while extracting and while writing"

    # With room again, the build completes: the same warehouse as a build that never met a full disk.
    assert last["rc"] == 0 and last["stderr"] == "", last
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for variant in variants.iterdir():
        shutil.copy2(variant, raw / variant.name)
    clean = fyp("build", "--raw", str(raw), "--warehouse", str(tmp_path / "clean" / "fyp.duckdb"))
    assert clean.returncode == 0, clean.stderr[-3000:]
    assert last["digest"] == warehouse_digest(tmp_path / "clean" / "fyp.duckdb")
