"""publish_release on small synthetic warehouses: versions, no-op, immutability, atomicity, determinism, checks."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from fyp.release.expectations import ReleaseValidationError
from fyp.release.publish import publish_release
from fyp.release.verify import verify_release
from fyp.tables import registry
from release_samples import N1, N3, build_sample_warehouse, sample_rows


def publish(warehouse: Path, exports: Path):
    return publish_release(warehouse, exports, quality_file=None)


@pytest.fixture
def first(tmp_path):
    """A warehouse and exports/ holding release 1.0.0 of it."""
    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb")
    exports = tmp_path / "exports"
    result = publish(warehouse, exports)
    assert result.version == "1.0.0"
    return warehouse, exports


def test_first_release_has_every_file_and_a_second_publish_is_a_no_op(first):
    warehouse, exports = first
    rel = exports / "1.0.0"
    names = ["notices", "provisions", "targets", "deadlines", "responsibilities", "ingest_issues", "national_targets",
             "provincial_allocations", "indicators", "units", "agency_names", "plan_periods", "regions",
             "target_comparison", "target_comparison_wide", "agencies"]
    for name in names:
        assert (rel / "parquet" / f"{name}.parquet").is_file() and (rel / "csv" / f"{name}.csv").is_file()
    for f in (
        "fyp.duckdb", "fyp-notices.xlsx", "datapackage.json", "SHA256SUMS", "CHANGELOG.md", "quality.md",
        "quality.json", "DATA_DICTIONARY.md", "validation/result.json", "validation/index.html"
    ):
        assert (rel / f).is_file(), f
    package = json.loads((rel / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "1.0.0" and package["created"] == "2011-09-01T00:00:00Z"  # the latest issue date
    assert [r["name"] for r in package["resources"]] == names
    targets = next(r for r in package["resources"] if r["name"] == "targets")
    assert targets["hash"].startswith("sha256:") and targets["bytes"] == (rel / "csv/targets.csv").stat().st_size
    assert {
        "fields": ["notice_id"], "reference": {"resource": "notices", "fields": ["notice_id"]}
    } in targets["schema"]["foreignKeys"]
    assert all(f["description"] for f in targets["schema"]["fields"])
    assert verify_release(rel) == []

    # the views of the warehouse, published as tables: one headline per (indicator, region, plan), national beside it
    cmp = (rel / "csv/target_comparison.csv").read_text(encoding="utf-8").splitlines()
    assert len(cmp) == 3
    assert cmp[1].startswith(
        f"11,河南省,energy_intensity_gdp,河南省,410000,province,2006,2010,{N1},{N1}-t1,"
    ) and ",国发〔2007〕15号," in cmp[1]
    assert ",true,0.0,Henan,单位地区生产总值能耗,Energy consumption per unit of GDP," in cmp[1]
    assert cmp[1].endswith(",,,,,,,,,false,")  # no allocation to 河南省 of the 11th plan's energy intensity is sourced
    # the 12th plan's allocation to 河南省 (国发〔2011〕26号), beside its own headline target
    assert cmp[2].endswith(",河南省,410000,国发〔2011〕26号,decrease,16.0,%,2010,2015,http://lakalal8.com/news/content/46188.html,true,0.0")
    wide = (rel / "csv/target_comparison_wide.csv").read_text(encoding="utf-8").splitlines()
    assert wide[1].startswith(
        "河南省,energy_intensity_gdp,河南省,410000,province,Henan,20.0,%,decrease,20.0,,,16.0,%,decrease,16.0,16.0,%,"
    )
    with duckdb.connect(str(rel / "fyp.duckdb"), read_only=True) as con:
        comments = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert "headline" in comments["target_comparison"]

    index = json.loads((exports / "index.json").read_text(encoding="utf-8"))
    assert index["latest"] == "1.0.0" and index["releases"][0]["rows"]["targets"] == 4
    cited = hashlib.sha256((rel / "SHA256SUMS").read_bytes()).hexdigest()
    assert index["releases"][0]["sha256sums_sha256"] == cited
    assert cited in (exports / "index.md").read_text(encoding="utf-8")
    assert cited in (exports / "index.html").read_text(encoding="utf-8")
    for f in ("LICENSE", "CITATION.cff", "fyp.duckdb.json"):
        assert f in (rel / "SHA256SUMS").read_text(encoding="utf-8")
    assert 'version: "1.0.0"' in (rel / "CITATION.cff").read_text(encoding="utf-8")

    before = {
        p.relative_to(exports): p.read_bytes() for p in exports.rglob("*") if p.is_file() and p.name != "fyp.duckdb"
    }
    again = publish(warehouse, exports)
    assert again.version is None and "nothing changed since release 1.0.0; nothing published" in again.messages
    assert "a rebuild of release 1.0.0 from the same data matches it byte for byte" in again.messages
    assert {
        p.relative_to(exports): p.read_bytes() for p in exports.rglob("*") if p.is_file() and p.name != "fyp.duckdb"
    } == before


def test_corrected_value_is_a_patch_and_a_new_notice_a_minor_release(first):
    warehouse, exports = first
    build_sample_warehouse(warehouse, sample_rows(value_11=21.0))
    patch = publish(warehouse, exports)
    assert patch.version == "1.0.1"
    log = (exports / "1.0.1" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Changes against 1.0.0 (patch release)." in log
    assert "| targets | 4 | 4 | 0 | 0 | 1 | value (1), evidence (1) |" in log
    assert "## 1.0.0" in log  # history kept below

    build_sample_warehouse(warehouse, sample_rows(value_11=21.0, extra_notice=True))
    minor = publish(warehouse, exports)
    assert minor.version == "1.1.0"
    log = (exports / "1.1.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"### Notices added (1)\n- `{N3}` liaoning.txt (辽宁省, plan 11)" in log
    assert "| targets | 4 | 5 | 1 | 0 | 0 |" in log
    assert [
        r["version"] for r in json.loads((exports / "index.json").read_text(encoding="utf-8"))["releases"]
    ] == ["1.1.0", "1.0.1", "1.0.0"]
    # published folders are left as they were
    assert verify_release(exports / "1.0.0") == [] and verify_release(exports / "1.0.1") == []


def test_schema_change_is_a_major_release(first, tmp_path, monkeypatch):
    warehouse, exports = first
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    for path in registry.SCHEMAS_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "targets.yaml":  # drop the column base_unit
            text = text.replace(
                '  - name: base_unit\n    type: string\n    required: false\n'
                '    description: {zh: "基本单位", en: "Base unit of value_in_base_unit"}\n',
                "",
            )
            assert "- name: base_unit\n" not in text
        (schemas / path.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(registry, "SCHEMAS_DIR", schemas)
    registry.all_tables.cache_clear()
    try:
        build_sample_warehouse(warehouse)
        result = publish(warehouse, exports)
    finally:
        registry.all_tables.cache_clear()
    assert result.version == "2.0.0"
    log = (exports / "2.0.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "(major release)" in log and "`targets.base_unit`: column removed (breaking)" in log


def test_same_notices_give_byte_identical_files(tmp_path):
    a = publish(build_sample_warehouse(tmp_path / "a" / "fyp.duckdb"), tmp_path / "a" / "exports").path
    b = publish(build_sample_warehouse(tmp_path / "b" / "fyp.duckdb"), tmp_path / "b" / "exports").path
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    # DuckDB files differ on every write (documented; SHA256SUMS lists their table digest instead); nothing else may.
    for rel in files:
        if rel != "fyp.duckdb":
            assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    assert "fyp.duckdb.json" in (a / "SHA256SUMS").read_text()
    assert "  fyp.duckdb\n" not in (a / "SHA256SUMS").read_text()
    with (
        duckdb.connect(str(a / "fyp.duckdb"), read_only=True) as ca,
        duckdb.connect(str(b / "fyp.duckdb"), read_only=True) as cb,
    ):
        q = "SELECT * FROM target_comparison ORDER BY ALL"
        assert ca.execute(q).fetchall() == cb.execute(q).fetchall()


def test_crash_while_publishing_leaves_no_partial_release(first, monkeypatch):
    warehouse, exports = first
    build_sample_warehouse(warehouse, sample_rows(value_11=21.0))
    index_before = (exports / "index.json").read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr("fyp.release.publish.write_workbook", boom)
    with pytest.raises(OSError, match="simulated"):
        publish(warehouse, exports)
    assert sorted(
        p.name for p in exports.iterdir() if not p.name.startswith(".publish")
    ) == ["1.0.0", "index.html", "index.json", "index.md"]
    assert (exports / "index.json").read_bytes() == index_before
    monkeypatch.undo()
    assert publish(warehouse, exports).version == "1.0.1"


def test_failed_release_checks_block_publishing_with_a_clear_report(tmp_path):
    rows = sample_rows()
    rows["targets"][0]["value"] = 150.0  # 150 % passes pandera (value ≥ 0) but not the release checks
    rows["targets"][1]["notice_id"] = "ffffffffffffffff"  # a target of no notice
    warehouse = build_sample_warehouse(tmp_path / "fyp.duckdb", rows)
    exports = tmp_path / "exports"
    with pytest.raises(ReleaseValidationError) as err:
        publish(warehouse, exports)
    msg = str(err.value)
    assert "nothing was published" in msg
    assert "targets: values in % lie between 0 and 100" in msg and "150.0" in msg
    assert "targets: foreign key notice_id → notices.notice_id" in msg and "ffffffffffffffff" in msg
    assert not any(p.is_dir() for p in exports.iterdir())


def test_frictionless_validate_passes_and_verify_names_a_damaged_file(first):
    _, exports = first
    rel = exports / "1.0.0"
    proc = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(rel / "datapackage.json")],
        capture_output=True, text=True, timeout=300
    )
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["valid"] is True, proc.stdout[-2000:]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(
        r["name"] for r in json.loads((rel / "datapackage.json").read_text())["resources"]
    )

    wb = openpyxl.load_workbook(rel / "fyp-notices.xlsx")
    assert wb["notices"]["I2"].value == "河南省" and wb["target_comparison"]["B2"].value == "河南省"

    csv = rel / "csv" / "targets.csv"
    csv.write_bytes(csv.read_bytes().replace("降低20%".encode(), "降低25%".encode()))
    problems = verify_release(rel)
    assert problems and all(p.startswith("csv/targets.csv:") for p in problems)
    proc = subprocess.run(
        [sys.executable, "-m", "fyp.cli", "verify", str(rel)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1 and "csv/targets.csv: sha256 does not match SHA256SUMS" in proc.stderr


def test_dagster_release_asset_publishes_and_then_does_nothing(tmp_path):
    import dagster as dg

    from fyp.orchestration.release_assets import release
    from fyp.orchestration.resources import FypPaths

    warehouse = build_sample_warehouse(tmp_path / "fyp.duckdb")
    paths = FypPaths(
        raw_dir=str(tmp_path / "raw"), warehouse_path=str(warehouse),
        exports_dir=str(tmp_path / "exports"), gold_dir=str(tmp_path / "no-gold")
    )
    versions = []
    for _ in range(2):
        # An instance of its own: Dagster keeps the last entered instance's state storage in a
        # process-wide context variable, which an earlier test's temporary instance can leave stale.
        with dg.instance_for_test() as instance:
            result = dg.materialize([release], resources={"paths": paths}, instance=instance)
        assert result.success
        (event,) = result.get_asset_materialization_events()
        versions.append(event.materialization.metadata["version"].value)
    assert versions == ["1.0.0", ""]
    assert (tmp_path / "exports" / "1.0.0" / "SHA256SUMS").is_file()


def _hold_open(warehouse: Path, read_only: bool) -> subprocess.Popen:
    """Another process with the warehouse open: an analyst (read-only) or a build updating it in place."""
    code = (
        f"import duckdb, time; con = duckdb.connect({str(warehouse)!r}, read_only={read_only}); "
        "print('open', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_release_while_a_build_writes_the_warehouse_is_refused_clearly_and_publishes_nothing(tmp_path):
    from fyp.release.publish import WarehouseInUseError

    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb")
    exports = tmp_path / "exports"
    writer = _hold_open(warehouse, read_only=False)
    try:
        with pytest.raises(WarehouseInUseError, match="a build is writing the warehouse"):
            publish(warehouse, exports)
    finally:
        writer.kill()
        writer.wait()
    assert [p.name for p in exports.iterdir() if p.name != ".publish.lock"] == []  # no release, no snapshot left
    assert publish(warehouse, exports).version == "1.0.0"


def test_a_release_while_an_analyst_has_the_warehouse_open_is_made_from_one_snapshot(tmp_path):
    warehouse = build_sample_warehouse(tmp_path / "wh" / "fyp.duckdb")
    exports = tmp_path / "exports"
    reader = _hold_open(warehouse, read_only=True)
    try:
        result = publish(warehouse, exports)
    finally:
        reader.kill()
        reader.wait()
    assert result.version == "1.0.0" and verify_release(exports / "1.0.0") == []
    assert not list(exports.glob(".tmp-*"))  # the snapshot is gone
    with duckdb.connect(str(exports / "1.0.0" / "fyp.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM notices").fetchone()[0] > 0


def test_a_deprecated_column_is_announced_in_the_changelog_dictionary_and_datapackage(first, tmp_path, monkeypatch):
    warehouse, exports = first
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    for path in registry.SCHEMAS_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "targets.yaml":
            text = text.replace(
                "  - name: base_unit\n",
                '  - name: base_unit\n    deprecated: "use units.base_unit; removed in 2.0.0"\n'
            )
        (schemas / path.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(registry, "SCHEMAS_DIR", schemas)
    registry.all_tables.cache_clear()
    try:
        result = publish(warehouse, exports)
    finally:
        registry.all_tables.cache_clear()
    assert result.version == "1.0.1"  # the marking alone is a patch
    rel = exports / "1.0.1"
    changelog = (rel / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "### Deprecated\n- `targets.base_unit`: use units.base_unit; removed in 2.0.0" in changelog
    dictionary = (rel / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "`base_unit`: use units.base_unit; removed in 2.0.0" in dictionary
    targets = next(
        r for r in json.loads((rel / "datapackage.json").read_text(encoding="utf-8"))["resources"]
        if r["name"] == "targets"
    )
    base_unit = next(f for f in targets["schema"]["fields"] if f["name"] == "base_unit")
    assert base_unit["fyp:deprecated"].startswith("use units.base_unit")
