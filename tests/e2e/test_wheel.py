"""The built wheel is the whole pipeline: installed into a fresh virtualenv, `fyp build` runs on the seeds.

The wheel must carry what lives outside the Python modules: the table definitions (schemas/, at the
repository's top level, reached through the symlink pipelines/fyp/schemas), the vocabularies and the
national targets. The fresh virtualenv gets the wheel itself; its dependencies are those this
checkout's virtualenv installed from requirements.lock (a path line in a .pth file, which adds that
folder but runs none of its .pth files, so this checkout's own editable install stays out).
"""

import shutil
import site
import subprocess
import sys
import venv
import zipfile

import duckdb
import pytest

from conftest import RAW, REPO
from fyp.tables.registry import table_names

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "pipelines", src / "pipelines", symlinks=True, ignore=skip)
    shutil.copytree(REPO / "schemas", src / "schemas")
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (path,) = dist.glob("fyp_notices-*.whl")
    return path


def test_the_wheel_holds_the_schemas_vocabularies_and_reference_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    schemas = {p.name for p in (REPO / "schemas").glob("*.yaml")}
    assert schemas and {f"fyp/schemas/{name}" for name in schemas} <= names
    assert "fyp/reference/national_targets.csv" in names
    assert {f"fyp/vocabularies/{p.name}" for p in (REPO / "pipelines" / "fyp" / "vocabularies").glob("*.csv")} <= names


def test_fyp_build_runs_on_the_seeds_from_a_fresh_virtualenv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    purelib = target.stdout.strip()
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    deps = next(p for p in site.getsitepackages() if p.endswith("site-packages"))
    (tmp_path / "venv" / purelib.split(str(env_dir) + "/", 1)[1] / "zz_dependencies.pth").write_text(deps + "\n")

    where = subprocess.run(
        [str(python), "-c", "import fyp; print(fyp.__file__)"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert where.stdout.startswith(str(env_dir)), where.stdout + where.stderr

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    env = {"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    build = subprocess.run(
        [str(env_dir / "bin" / "fyp"), "build", "--raw", str(raw), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = dict(con.execute("SELECT table_name, estimated_size FROM duckdb_tables()").fetchall())
        assert con.execute("SELECT count(*) FROM notices").fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM targets").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM national_targets").fetchone()[0] > 0
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'targets' AND column_name = 'notice_id'"
        ).fetchone()[0]
    assert set(counts) == set(table_names("table"))
    assert comment and " / " in comment
