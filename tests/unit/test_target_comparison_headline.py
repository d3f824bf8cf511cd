"""target_comparison takes the notice's flagged headline target (targets.is_headline)."""

import datetime as dt

import duckdb

from release_samples import build_sample_warehouse, notice, sample_rows, target


def test_target_comparison_shows_the_flagged_headline(tmp_path):
    # The province's COD-intensity goal (50%) comes first in the text, its COD total (8%) later:
    # the comparison must show the COD headline, not the first COD-like row.
    rows = sample_rows()
    rows["notices"][1] = notice(rows["notices"][1]["notice_id"], 12, dt.date(2011, 9, 1))
    nid = rows["notices"][1]["notice_id"]
    cod_intensity = dict(
        target(nid, 7, 50.0, 2015, indicator="cod_intensity"),
        indicator_text="单位工业增加值化学需氧量排放强度", char_start=5
    )
    cod_restated = dict(
        target(nid, 8, 9.0, 2015, indicator="cod", is_headline=False), indicator_text="化学需氧量排放总量", char_start=6
    )
    cod_total = dict(target(nid, 9, 8.0, 2015, indicator="cod"), indicator_text="化学需氧量排放总量", char_start=90)
    rows["targets"] += [cod_intensity, cod_restated, cod_total]
    rows["national_targets"].append(
        dict(rows["national_targets"][1], indicator="cod", indicator_text="化学需氧量排放总量", value=8.0)
    )
    warehouse = build_sample_warehouse(tmp_path / "fyp.duckdb", rows)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        got = con.execute(
            "SELECT indicator, value, national_value FROM target_comparison WHERE plan_period = 12 ORDER BY indicator"
        ).fetchall()
    assert got == [("cod", 8.0, 8.0), ("cod_intensity", 50.0, None), ("energy_intensity_gdp", 16.0, 16.0)]
