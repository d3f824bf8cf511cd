"""The code and reference tables: every code decodable, English beside Chinese, allocations only with a source."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from fyp.plan_periods import PLAN_YEARS
from fyp.reference.code_tables import agency_name_rows, english_place_name, indicator_rows, region_rows, unit_rows
from fyp.tables.build import reference_frame
from fyp.tables.registry import reference_rows, reference_tables
from fyp.tables.validate import validation_failures
from release_samples import N2, build_sample_warehouse, notice, provision, sample_rows, target


def test_every_reference_table_passes_its_schema():
    assert {"indicators", "units", "agency_names", "plan_periods", "regions", "provincial_allocations"} <= set(
        reference_tables()
    )
    for name in reference_tables():
        df = reference_frame(name)
        assert df.height > 0, name
        assert validation_failures(name, df) == [], name


def test_every_indicator_code_has_a_label_in_both_languages_and_a_kind_of_quantity():
    rows = indicator_rows()
    assert {r["code"] for r in rows} >= {"energy_intensity_gdp", "so2", "other"}
    for r in rows:
        assert r["label_zh"] and r["label_en"] and r["quantity_kind"], r
    kinds = {r["code"]: r["quantity_kind"] for r in rows}
    assert kinds["energy_intensity_gdp"] == "intensity" and kinds["so2"] == "total" and kinds["coal_share"] == "share"


def test_plan_periods_are_the_pipelines_own():
    rows = reference_rows("plan_periods")
    assert {r["plan_period"]: (r["start_year"], r["end_year"]) for r in rows} == PLAN_YEARS
    assert rows[0]["name_zh"] == "十一五" and rows[0]["name_en"] == "11th Five-Year Plan"


def test_units_are_those_the_extractor_reads_with_their_factor():
    units = {r["unit"]: r for r in unit_rows()}
    assert units["万吨"]["base_unit"] == "吨" and units["万吨"]["factor"] == 1e4
    assert units["%"]["factor"] == 1 and "万%" not in units  # ratios take no magnitude


def test_agency_names_carry_aliases_and_established_english_names():
    rows = {r["name"]: r for r in agency_name_rows()}
    assert rows["发展改革委"]["name_en"] == "Development and Reform Commission"
    assert "发改委" in rows["发展改革委"]["aliases"].split("|")


@pytest.mark.parametrize(
    "name, english",
    [
        ("葫芦岛市", "Huludao"),
        ("六安市", "Lu'an"),  # an apostrophe before a syllable that starts with a vowel
        ("安吉县", "Anji County"),
        ("朝阳区", "Chaoyang District"),
        ("大厂回族自治县", "Dachang Hui Autonomous County"),
        ("恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"),
        ("阿拉善盟", "Alashan League"),
    ],
)
def test_english_place_names_are_pinyin_with_the_level_in_english(name, english):
    assert english_place_name(name) == english


def test_regions_have_one_row_per_code_and_established_names_for_provinces():
    rows = region_rows()
    codes = [r["admin_code"] for r in rows]
    assert len(codes) == len(set(codes))
    by_code = {r["admin_code"]: r for r in rows}
    assert by_code["410000"]["name_en"] == "Henan" and by_code["410000"]["name_en_source"] == "established"
    assert by_code["150000"]["name_en"] == "Inner Mongolia"
    assert all(r["name_en_source"] == "established" for r in rows if r["level"] == "province")
    assert all(r["province_code"] in by_code for r in rows)


def test_every_allocation_names_its_source_and_a_real_province():
    regions = {r["admin_code"]: r for r in region_rows()}
    rows = reference_rows("provincial_allocations")
    assert len(rows) >= 40
    for r in rows:
        assert r["source_url"].startswith("http") and r["document_number"], r
        assert regions[r["admin_code"]]["level"] == "province" and regions[r["admin_code"]]["name_zh"] == r["region"], r


def _warehouse_with_a_city(tmp_path):
    rows = sample_rows()
    city = "c1c2c3c4c5c6c7c8"
    n = notice(city, 12, dt.date(2012, 1, 5), region="洛阳市")
    n.update(province="河南省", admin_code="410300", level="city")
    rows["notices"].append(n)
    rows["provisions"].append(provision(city, 1))
    rows["targets"].append(target(city, 1, 17.0, 2015))
    rows["responsibilities"].append(
        dict(
            rows["responsibilities"][0], responsibility_id=f"{city}-r1", notice_id=city,
            provision_id=f"{city}-p1", agency_text="市发改委", agency="市发展改革委"
        )
    )
    rows["responsibilities"].append(
        dict(
            rows["responsibilities"][0], responsibility_id=f"{city}-r2", notice_id=city,
            provision_id=f"{city}-p1", agency_text="市城投公司", agency="市城投公司"
        )
    )
    return build_sample_warehouse(tmp_path / "fyp.duckdb", rows), city


def test_target_comparison_puts_the_provinces_allocation_beside_a_city_and_a_province(tmp_path):
    warehouse, city = _warehouse_with_a_city(tmp_path)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        got = con.execute(
            "SELECT notice_id, region, region_en, indicator_label_en, "
            "value, national_value, allocation_region, allocation_value, "
            "comparable_to_allocation, difference_from_allocation FROM "
            "target_comparison WHERE plan_period = 12 ORDER BY level, region"
        ).fetchall()
    assert got == [
        # a city: compared with its province's allocation
        (city, "洛阳市", "Luoyang", "Energy consumption per unit of GDP", 17.0, 16.0, "河南省", 16.0, True, 1.0),
        (N2, "河南省", "Henan", "Energy consumption per unit of GDP", 16.0, 16.0, "河南省", 16.0, True, 0.0),
    ]


def test_agencies_decode_every_agency_of_responsibilities_in_english_where_established(tmp_path):
    warehouse, _ = _warehouse_with_a_city(tmp_path)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        got = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT agency, base_name, level_prefix, name_en, written_as, responsibilities FROM agencies"
            ).fetchall()
        }
        orphans = con.execute(
            "SELECT count(*) FROM responsibilities r ANTI JOIN agencies a USING (agency)"
        ).fetchone()[0]
    assert orphans == 0
    assert got["省发展改革委"] == ("发展改革委", "省", "Provincial Development and Reform Commission", None, 1)
    assert got["市发展改革委"] == ("发展改革委", "市", "Municipal Development and Reform Commission", "市发改委", 1)
    assert got["市城投公司"] == (None, None, None, None, 1)  # no established name: none is made up
