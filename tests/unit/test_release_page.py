"""The release page (index.html) built from a small release folder, checked without a browser.

``make_release`` builds the fixture release folder; the browser test in tests/e2e reuses it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import polars as pl
import pytest

from fyp.release.page import build_release_page
from fyp.tables.build import frame

ASTRAL = "\U00020bb7"  # 𠮷, outside the BMP: two UTF-16 code units, one Python character
XSS = '</script><script>alert("xss")</script><img src=x onerror=alert(1)>'

# Notices written for this test in the style of provincial/city work plans (not copied from any source).
NOTICES = [
    {
        "notice_id": "a1b2c3d4e5f60001",
        "region": "河南省", "province": "河南省", "admin_code": "410000", "level": "province", "plan_period": 11,
        "script": "simplified", "doc_number": "豫政〔2007〕58号", "issue_date": "2007-08-10",
        "title": "河南省节能减排综合性工作方案",
        "text": (
            "河南省人民政府关于印发河南省节能减排综合性工作方案的通知\n豫政〔2007〕58号\n"
            "一、主要目标\n到2010年,全省单位生产总值能耗比2005年降低20%左右;"
            "化学需氧量排放总量比2005年减少10.8%,二氧化硫排放总量减少14%。\n"
            "二、工作要求\n各省辖市人民政府要在2007年9月底前制定本地区实施方案。\n"
        ),
        "targets": [
            (
                "energy_intensity_gdp", "单位生产总值能耗", "decrease", 20.0,
                "%", "about", 2005, 2010, "单位生产总值能耗比2005年降低20%左右"
            ),
            (
                "cod", "化学需氧量排放总量", "decrease", 10.8, "%",
                "exact", 2005, 2010, "化学需氧量排放总量比2005年减少10.8%"
            ),
            ("so2", "二氧化硫排放总量", "decrease", 14.0, "%", "exact", 2005, 2010, "二氧化硫排放总量减少14%"),
        ],
    },
    {
        "notice_id": "a1b2c3d4e5f60002",
        "region": "广东省", "province": "广东省", "admin_code": "440000", "level": "province", "plan_period": 12,
        "script": "traditional", "doc_number": "粵府〔2012〕20號", "issue_date": "2012-03-05",
        "title": "广东省“十二五”节能减排综合性工作方案",
        # a news repost in traditional script
        "text": (
            "廣東省印發「十二五」節能減排綜合性工作方案\n(記者 陳小明)\n"
            "到2015年,全省單位生產總值能耗比2010年下降18%,"
            "化學需氧量、二氧化硫排放總量分別比2010年減少12.0%和14.8%;氨氮、氮氧化物排放總量分別減少13.3%、16.9%。\n"
        ),
        "targets": [
            (
                "energy_intensity_gdp", "单位生产总值能耗", "decrease", 18.0,
                "%", "exact", 2010, 2015, "全省單位生產總值能耗比2010年下降18%"
            ),
            (
                "cod", "化学需氧量", "decrease", 12.0, "%", "exact", 2010,
                2015, "化學需氧量、二氧化硫排放總量分別比2010年減少12.0%"
            ),
            (
                "so2", "二氧化硫", "decrease", 14.8, "%", "exact", 2010,
                2015, "二氧化硫排放總量分別比2010年減少12.0%和14.8%"
            ),
            ("nh3n", "氨氮", "decrease", 13.3, "%", "exact", 2010, 2015, "氨氮、氮氧化物排放總量分別減少13.3%"),
            ("nox", "氮氧化物", "decrease", 16.9, "%", "exact", 2010, 2015, "氮氧化物排放總量分別減少13.3%、16.9%"),
        ],
    },
    {
        "notice_id": "a1b2c3d4e5f60003",
        "region": "浙江省", "province": "浙江省", "admin_code": "330000", "level": "province", "plan_period": 13,
        "script": "simplified", "doc_number": "浙政发〔2017〕19号", "issue_date": "2017-05-02",
        "title": "浙江省“十三五”节能减排综合工作方案",
        # an astral character before the evidence: UTF-16 offsets would be off by one
        "text": (
            f"浙江省人民政府关于印发浙江省“十三五”节能减排综合工作方案的通知\n联系人:{ASTRAL}先生\n"
            "(一)主要目标。到2020年,全省单位生产总值能耗比2015年下降17%,"
            "挥发性有机物排放总量比2015年下降20%以上,氮氧化物排放总量控制在54.9万吨以内。\n"
        ),
        "targets": [
            (
                "energy_intensity_gdp", "单位生产总值能耗", "decrease", 17.0,
                "%", "exact", 2015, 2020, "全省单位生产总值能耗比2015年下降17%"
            ),
            (
                "vocs", "挥发性有机物排放总量", "decrease", 20.0, "%",
                "at_least", 2015, 2020, "挥发性有机物排放总量比2015年下降20%以上"
            ),
            (
                "nox", "氮氧化物排放总量", "cap", 54.9, "万吨", "at_most",
                None, 2020, "氮氧化物排放总量控制在54.9万吨以内"
            ),
        ],
    },
    {
        "notice_id": "a1b2c3d4e5f60004",
        "region": "浙江省", "province": "浙江省", "admin_code": "330000", "level": "province", "plan_period": 14,
        "script": "simplified", "doc_number": "浙政发〔2022〕11号", "issue_date": "2022-06-20",
        "title": "浙江省“十四五”节能减排综合工作方案",
        "text": (
            "浙江省“十四五”节能减排综合工作方案\n"
            "到2025年,全省单位地区生产总值能耗比2020年下降14.5%,"
            "化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到9.3万吨、0.5万吨、5.1万吨、3.8万吨。\n"
        ),
        "targets": [
            (
                "energy_intensity_gdp", "单位地区生产总值能耗", "decrease", 14.5,
                "%", "exact", 2020, 2025, "全省单位地区生产总值能耗比2020年下降14.5%"
            ),
            (
                "cod", "化学需氧量重点工程减排量", "reach", 9.3, "万吨", "exact", None, 2025,
                "化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到9.3万吨"
            ),
        ],
    },
    {
        "notice_id": "a1b2c3d4e5f60005",
        "region": "唐山市", "province": "河北省", "admin_code": "130200", "level": "city", "plan_period": 13,
        "script": "simplified", "doc_number": None, "issue_date": "2017-09-01",
        "title": f"唐山市节能减排实施方案{XSS}",
        # third-party text may carry markup; it must show as text, never run
        "text": (
            f"唐山市“十三五”节能减排实施方案 {XSS}\n"
            "到2020年,全市单位生产总值能耗比2015年降低17%,二氧化硫排放总量比2015年减少28%。<b>加粗</b>\n"
        ),
        "targets": [
            (
                "energy_intensity_gdp", "单位生产总值能耗", "decrease", 17.0,
                "%", "exact", 2015, 2020, "全市单位生产总值能耗比2015年降低17%"
            ),
            ("so2", "二氧化硫排放总量", "decrease", 28.0, "%", "exact", 2015, 2020, "二氧化硫排放总量比2015年减少28%"),
        ],
    },
]

# National targets of the State Council's comprehensive work plans (reduction in % over the period).
NATIONAL = [
    (11, "energy_intensity_gdp", 20.0), (11, "cod", 10.0), (11, "so2", 10.0),
    (12, "energy_intensity_gdp", 16.0), (12, "cod", 8.0), (12, "so2", 8.0), (12, "nh3n", 10.0), (12, "nox", 10.0),
    (13, "energy_intensity_gdp", 15.0), (13, "cod", 10.0), (13, "so2", 15.0),
    (13, "nh3n", 10.0), (13, "nox", 15.0), (13, "vocs", 10.0),
    (14, "energy_intensity_gdp", 13.5), (14, "cod", 8.0), (14, "nh3n", 8.0), (14, "nox", 10.0), (14, "vocs", 10.0),
]


def fixture_rows() -> dict[str, list[dict]]:
    notices, provisions, targets = [], [], []
    for n in NOTICES:
        nid, text = n["notice_id"], n["text"]
        start_year = 2006 + 5 * (n["plan_period"] - 11)
        notices.append(
            {
                "notice_id": nid, "source_file": f"{n['region']}_{n['plan_period']}.txt", "sha256": nid * 4,
                "encoding": "utf-8", "source_format": "text", "script": n["script"], "title": n["title"],
                "issuer": f"{n['region']}人民政府", "region": n["region"], "province": n["province"],
                "admin_code": n["admin_code"], "level": n["level"], "plan_period": n["plan_period"],
                "plan_start_year": start_year, "plan_end_year": start_year + 4,
                "issue_date": n["issue_date"], "doc_number": n["doc_number"],
                "is_news_repost": n["script"] == "traditional",
                "char_count": len(text), "metadata_source": "inferred",
            }
        )
        provisions.append(
            {"provision_id": f"{nid}-p0000", "notice_id": nid, "parent_id": None, "label": None, "heading": None,
             "text": text, "depth": 0, "char_start": 0, "char_end": len(text)}
        )
        first_line = text.index("\n") + 1
        provisions.append(
            {"provision_id": f"{nid}-p0001", "notice_id": nid, "parent_id": f"{nid}-p0000", "label": None,
             "heading": None,
             "text": text[first_line:], "depth": 1, "char_start": first_line, "char_end": len(text)}
        )
        for i, (ind, ind_text, direction, value, unit, qualifier, base, year, evidence) in enumerate(n["targets"]):
            start = text.index(evidence)  # Python str offsets: code points, as the pipeline publishes them
            targets.append(
                {
                    "target_id": f"{nid}-t{i:03d}", "notice_id": nid, "provision_id": f"{nid}-p0001",
                    "indicator": ind, "indicator_text": ind_text, "direction": direction, "value": value, "unit": unit,
                    "qualifier": qualifier, "is_aspirational": False, "is_headline": True, "baseline_year": base,
                    "target_year": year,
                    "scope": n["region"], "evidence": evidence, "char_start": start, "char_end": start + len(evidence),
                }
            )
    national = [
        {"plan_period": p, "indicator": ind, "document_number": f"国发〔{2002 + 5 * (p - 11) + 5}〕号",
         "indicator_text": ind,
         "direction": "decrease", "value": v, "unit": "%", "qualifier": "exact", "baseline_year": 2005 + 5 * (p - 11),
         "target_year": 2010 + 5 * (p - 11), "source": "国务院节能减排综合性工作方案"}
        for p, ind, v in NATIONAL
    ]
    return {"notices": notices, "provisions": provisions, "targets": targets, "deadlines": [], "responsibilities": [],
            "ingest_issues": [], "national_targets": national}


# The shape `fyp evaluate` reports (per set: gold files, notices, scores per table); a release keeps its summary.
QUALITY = {
    "gold_dir": "gold",
    "sets": {
        "seeds": {"label": "Seed notices (5)", "use": "development", "first_run": None,
                  "gold_files": ["seeds_targets.jsonl"], "notices": ["n1", "n2", "n3", "n4", "n5"], "notices_total": 5,
                  "notices_missing": [], "scores": {
            "targets": {"table": "targets", "precision": 0.912, "recall": 0.874, "f1": 0.8926, "tp": 83, "fp": 8,
                        "fn": 12, "field_accuracy": {"value": 0.98, "unit": 0.96},
                        "misses": [{"doc": "n1", "quote": "third-party text"}], "false_hits": []},
            "deadlines": {"table": "deadlines", "precision": 0.95, "recall": 0.9, "f1": 0.9243},
            "responsibilities": {
                "table": "responsibilities", "items_exact": 102, "items_total": 144, "share_exact": 0.71
            },
        }},
        "dev": {"label": "Dev notices (3 real notices)", "use": "development",
                "first_run": {"date": "2026-11-20", "commit": "before any rule", "scores": {"targets F1": 0.612}},
                "gold_files": ["dev_notices_targets.jsonl"], "notices": ["d1", "d2"],
                "notices_total": 3, "notices_missing": ["d3"],
                "scores": {"targets": {"table": "targets", "precision": 0.81, "recall": 0.7, "f1": 0.751}}},
        "heldout": {"label": "Synthetic held-out (2)", "use": "synthetic",
                    "first_run": {"date": "2026-11-20", "commit": "first", "scores": {"targets F1": 0.973}},
                    "gold_files": ["heldout_targets.jsonl"], "notices": ["h1", "h2"],
                    "notices_total": 2, "notices_missing": [],
                    "scores": {"targets": {"table": "targets", "precision": 0.973, "recall": 0.973, "f1": 0.973}}},
    },
}

# As `fyp release` writes validation/result.json (flat items), plus one item in GX's own shape.
VALIDATION = {
    "success": False,
    "run_name": "v0.0.1-test",
    "statistics": {"evaluated": 4, "successful": 3, "unsuccessful": 1},
    "results": [
        {"table": "targets", "expectation": "expect_column_values_to_not_be_null",
         "description": "target_id is never empty",
         "success": True, "kwargs": {"column": "target_id"}, "observed": None, "unexpected_count": 0, "examples": []},
        {"table": "targets", "expectation": "expect_column_values_to_be_between",
         "description": "percentages between 0 and 100",
         "success": False, "kwargs": {"column": "value", "min_value": 0, "max_value": 100}, "observed": None,
         "unexpected_count": 1, "examples": [120.0]},
        {"table": "targets", "expectation": "expect_column_pair_values_a_to_be_greater_than_b",
         "description": "baseline year is before the target year",
         "success": True, "kwargs": {"column_A": "target_year", "column_B": "baseline_year"}, "unexpected_count": 0},
        {"success": True,
         "expectation_config": {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "notice_id"}},
         "result": {"element_count": 5}},
    ],
}


_BUILT: dict[tuple, Path] = {}


def make_release(root: Path, *, with_reports: bool = True, without: tuple[str, ...] = ()) -> Path:
    """A small release folder like `fyp release` publishes: the fixture notices built into a warehouse
    (with its reference tables and views) and published table by table, checksums and reports.
    Built once per process and copied (the tests change their copy)."""
    import shutil
    import tempfile

    key = (with_reports, without)
    if key not in _BUILT:
        import atexit

        folder = Path(tempfile.mkdtemp(prefix="fyp-page-fixture-"))
        atexit.register(shutil.rmtree, folder, True)
        _BUILT[key] = _make_release(folder, with_reports=with_reports, without=without)
    release = Path(root) / _BUILT[key].name
    shutil.copytree(_BUILT[key], release)
    return release


def _make_release(root: Path, *, with_reports: bool, without: tuple[str, ...]) -> Path:
    from fyp.release.files import write_csv
    from fyp.release.quality import summarise
    from fyp.release.tables import stage_release_tables
    from fyp.tables.registry import table
    from fyp.warehouse.store import write_warehouse

    release = root / "v0.0.1-test"
    root.mkdir(parents=True, exist_ok=True)
    warehouse = write_warehouse(
        {name: frame(name, rows) for name, rows in fixture_rows().items()}, root / "fixture.duckdb"
    )
    for name, path in stage_release_tables(warehouse, release / "parquet").items():
        if name in without:
            path.unlink()
        elif name not in ("regions",):  # the largest code table: its CSV is not needed here
            write_csv(table(name), path, release / "csv" / f"{name}.csv")
    (release / "CHANGELOG.md").write_text("# Changelog\n\n## v0.0.1-test\n- first\n", encoding="utf-8")
    if with_reports:
        (release / "quality.json").write_text(
            json.dumps(summarise(QUALITY, "0123456789abcdef"), ensure_ascii=False), encoding="utf-8"
        )
        (release / "quality.md").write_text("# 抽取质量\n", encoding="utf-8")
        (release / "validation").mkdir()
        (release / "validation" / "result.json").write_text(json.dumps(VALIDATION), encoding="utf-8")
        (release / "validation" / "index.html").write_text("<html><body>Data Docs</body></html>", encoding="utf-8")
    files = sorted(
        p for p in release.rglob("*") if p.is_file() and not p.relative_to(release).as_posix().startswith("validation/")
    )
    resources = [
        {"name": p.stem, "path": p.relative_to(release).as_posix(), "bytes": p.stat().st_size,
         "hash": "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()}
        for p in files if p.suffix in (".parquet", ".csv")
    ]
    (release / "datapackage.json").write_text(
        json.dumps(
            {"name": "fyp-notices", "version": "v0.0.1-test", "title": "测试发布 test release", "resources": resources},
            ensure_ascii=False
        ),
        encoding="utf-8",
    )
    sums = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}"
        for p in sorted(release.rglob("*")) if p.is_file()
    ]
    (release / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return release


def page_data(html_text: str) -> dict:
    m = re.search(r'<script type="application/json" id="fyp-data">(.*?)</script>', html_text, re.S)
    assert m, "embedded data block missing"
    return json.loads(m.group(1))


@pytest.fixture
def release(tmp_path) -> Path:
    return make_release(tmp_path)


def test_page_is_written_and_deterministic(release, tmp_path):
    out = build_release_page(release)
    assert out == release / "index.html"
    first = out.read_bytes()
    # A second build, and a build of an identical copy elsewhere, give the same bytes.
    assert build_release_page(release).read_bytes() == first
    other = make_release(tmp_path / "copy")
    assert build_release_page(other).read_bytes() == first


def test_page_declares_utf8_chinese_and_a_cjk_font_stack(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert '<meta charset="utf-8">' in text
    assert "Noto Sans CJK SC" in text and "WenQuanYi Zen Hei" in text and "Droid Sans Fallback" in text


def test_page_loads_nothing_from_outside(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "fetch(" not in text and "XMLHttpRequest" not in text
    assert "default-src &#39;none&#39;" in text


def test_third_party_markup_is_escaped_everywhere(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    # exactly the page's own two script elements (the JSON block and the program)
    assert len(re.findall(r"<script\b", text, re.I)) == 2
    # no markup from the data survives as markup: every "<" of it is escaped (&lt; in HTML, \u003c in JSON)
    assert "<img" not in text and "<b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the title, shown as text in the notice list
    # the embedded JSON still carries the text exactly
    data = page_data(text)
    assert XSS in data["texts"]["a1b2c3d4e5f60005"]
    assert data["titles"]["a1b2c3d4e5f60005"].endswith(XSS)


def test_embedded_offsets_address_the_evidence_in_code_points(release):
    data = page_data(build_release_page(release).read_text(encoding="utf-8"))
    assert len(data["targets"]) == sum(len(n["targets"]) for n in NOTICES)
    for t in data["targets"]:
        assert data["texts"][t["notice"]][t["start"]:t["end"]] == t["evidence"]
    zj = [t for t in data["targets"] if t["notice"] == "a1b2c3d4e5f60003"]
    assert ASTRAL in data["texts"]["a1b2c3d4e5f60003"][: zj[0]["start"]]


def test_charts_compare_regions_with_the_national_target(release):
    charts = page_data(build_release_page(release).read_text(encoding="utf-8"))["charts"]
    energy = charts["energy"]
    assert energy["national"] == {"11": 20.0, "12": 16.0, "13": 15.0, "14": 13.5}
    assert {(p["region"], p["period"], p["value"]) for p in energy["points"]} == {
        ("河南省", 11, 20.0), ("广东省", 12, 18.0), ("浙江省", 13, 17.0), ("浙江省", 14, 14.5), ("唐山市", 13, 17.0)
    }
    # regions in administrative-code order (GB/T 2260), so a city sits near its province
    assert energy["regions"] == ["唐山市", "浙江省", "河南省", "广东省"]
    by_code = {s["code"]: s for s in charts["pollutants"]}
    assert [s["code"] for s in charts["pollutants"]] == ["cod", "so2", "nh3n", "nox", "vocs"]
    assert {(p["region"], p["period"], p["value"]) for p in by_code["so2"]["points"]} == {
        ("河南省", 11, 14.0), ("广东省", 12, 14.8), ("唐山市", 13, 28.0)
    }
    # absolute amounts (万吨) are not mixed into a % chart, but are named
    assert {(p["region"], p["period"]) for p in by_code["nox"]["points"]} == {("广东省", 12)}
    assert any("浙江省" in s and "万吨" in s for s in by_code["nox"]["not_plotted"])


def test_without_a_comparison_table_the_headlines_are_derived_from_the_targets(tmp_path):
    release = make_release(tmp_path, without=("target_comparison",))
    energy = page_data(build_release_page(release).read_text(encoding="utf-8"))["charts"]["energy"]
    assert {(p["region"], p["period"], p["value"]) for p in energy["points"]} == {
        ("河南省", 11, 20.0), ("广东省", 12, 18.0), ("浙江省", 13, 17.0), ("浙江省", 14, 14.5), ("唐山市", 13, 17.0)
    }
    assert energy["national"] == {"11": 20.0, "12": 16.0, "13": 15.0, "14": 13.5}


def test_downloads_list_sizes_and_verified_checksums(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    path = release / "parquet" / "targets.parquet"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert 'href="parquet/targets.parquet"' in text and 'href="csv/targets.csv"' in text
    assert digest in text
    assert "≠ SHA256SUMS" not in text
    path.write_bytes(path.read_bytes() + b"tampered")
    assert "≠ SHA256SUMS" in build_release_page(release).read_text(encoding="utf-8")


def test_summary_quality_and_validation_are_shown(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    assert "v0.0.1-test" in text
    assert re.search(r"<code>targets</code></td><td>15</td>", text)
    # quality: P / R / F1 per gold set, what each set's scores are, and the first run named as the estimate
    assert "0.912 / 0.874 / 0.893" in text and "0.950 / 0.900 / 0.924" in text and "102 / 144" in text
    assert "development scores" in text and "synthetic notices, not an estimate for real text" in text
    estimate = text[text.index("Estimate on unseen real notices"):text.index("Scores now")]
    assert "Dev notices (3 real notices)" in estimate and "0.612" in estimate
    assert "0.973" not in estimate  # the synthetic set is not presented as the estimate for real text
    assert "third-party text" not in text and "gold_dir" not in text and "tp fp fn" not in text
    assert "校验未通过" in text and "expect_column_values_to_be_between" in text
    assert "targets.value" in text and "percentages between 0 and 100" in text and "e.g. 120.0" in text
    assert "expect_column_values_to_be_unique" in text  # GX's own result shape is read too
    assert "targets.target_year, baseline_year" in text
    assert 'href="validation/index.html"' in text
    assert "广东省" in text and "唐山市" in text


def test_english_names_stand_beside_the_chinese(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    assert '广东省 <span class="en" lang="en">Guangdong</span>' in text
    assert '唐山市 <span class="en" lang="en">Tangshan</span>' in text
    assert "12th Five-Year Plan, 2011–2015" in text
    data = page_data(text)
    assert data["labels"]["so2"]["en"].startswith("Sulphur dioxide")
    assert data["periods"]["13"] == {"zh": "十三五", "en": "13th Five-Year Plan", "years": "2016–2020"}
    assert {t["region_en"] for t in data["targets"]} == {"Henan", "Guangdong", "Zhejiang", "Tangshan"}


def test_the_provinces_allocation_is_drawn_beside_its_headline(release):
    text = build_release_page(release).read_text(encoding="utf-8")
    data = page_data(text)
    # 广东省's 12th-plan energy intensity: 18% of its own, 18% allocated (国发〔2011〕26号), 16% national
    got = [
        (a["region"], a["period"], a["value"], a["allocation_value"], a["national_value"]) for a in data["allocations"]
    ]
    assert ("广东省", 12, 18.0, 18.0, 16.0) in got
    point = next(p for p in data["charts"]["energy"]["points"] if p["region"] == "广东省")
    assert point["allocation"] == 18.0 and point["allocation_region"] == "广东省"
    assert "国发〔2011〕26号" in text[text.index('id="allocation"'):text.index('id="targets"')]


def test_private_use_characters_show_as_a_placeholder_and_offsets_stay_true(tmp_path):
    rows = fixture_rows()
    nid = rows["notices"][0]["notice_id"]
    root = rows["provisions"][0]
    root["text"] = "\ue123" + root["text"][1:]  # the source's first character is a private-use one
    from fyp.release.page import MISSING_GLYPH, collect

    release = make_release(tmp_path)
    prov = pl.read_parquet(release / "parquet" / "provisions.parquet")
    prov = prov.with_columns(
        pl.when(pl.col("depth") == 0).then(
            pl.lit("\ue123") + pl.col("text").str.slice(1)
        ).otherwise(pl.col("text")).alias("text")
    )
    prov.write_parquet(release / "parquet" / "provisions.parquet")
    ctx = collect(release)
    text = ctx["texts"][nid]
    assert text[0] == MISSING_GLYPH and "\ue123" not in text and len(text) == len(root["text"])
    for t in ctx["targets"]:
        if t["notice"] == nid:
            assert text[t["start"]:t["end"]] == t["evidence"]


def test_values_show_as_written_without_float_noise():
    from fyp.release.page import _fmt

    assert _fmt(17.4 - 10.0) == "7.4" and _fmt(20.0) == "20" and _fmt(0.1 + 0.2) == "0.3" and _fmt(54.9) == "54.9"


def test_missing_parts_say_not_available(tmp_path):
    release = make_release(tmp_path, with_reports=False)
    (release / "SHA256SUMS").unlink()
    (release / "datapackage.json").unlink()
    text = build_release_page(release).read_text(encoding="utf-8")
    assert text.count("not available") >= 3
    assert "extraction quality report: not available" in text
    assert "validation result: not available" in text


def test_empty_folder_still_gives_a_page(tmp_path):
    empty = tmp_path / "v9"
    empty.mkdir()
    text = build_release_page(empty).read_text(encoding="utf-8")
    assert "tables: not available" in text and "v9" in text
    assert page_data(text)["targets"] == []


def test_the_table_of_targets_lists_a_restated_target_once():
    from fyp.release.page import _target_rows
    from release_samples import N1, sample_rows

    rows = sample_rows()
    again = dict(rows["targets"][0], target_id=f"{N1}-t90", char_start=90, char_end=110)
    rows["targets"].append(dict(again, restatement_of=rows["targets"][0]["target_id"], is_headline=False))
    frames = {"targets": frame("targets", rows["targets"])}
    listed = [t["id"] for t in _target_rows(frames, rows["notices"])]
    assert f"{N1}-t90" not in listed and rows["targets"][0]["target_id"] in listed
    assert len(listed) == len(rows["targets"]) - 1
