"""Target tables of saved pages (a real <table>, rendered one row a line with tabs between cells)."""

from __future__ import annotations

from snippet_rows import target_rows

from fyp.extract.notice import extract_notice
from fyp.ingest.read import RawNotice, parse_notice_bytes

# An annual assignment of a province, its table inside the page's layout table: a group column
# (rowspan), a column of last year's levels, a target column, a column of things to close, a 全省 row
# (colspan over the two label columns).
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>江西省2016年度节能目标任务</title></head><body>
<div class="nav"><a href="#">首页</a></div>
<table class="main" width="980"><tr><td class="side"><a href="#">通知公告</a></td><td class="body"><div class="zw">
<p>江西省人民政府办公厅关于下达2016年度各设区市节能目标任务的通知</p>
<p>各设区市人民政府，省政府各部门：</p>
<p>2016年，全省单位生产总值能耗比上年下降3.9%以上。各设区市目标见附表。</p>
<p>附表：2016年度各设区市节能目标任务</p>
<table border="1">
<tr><td>分组</td><td>设区市</td><td>2015年单位生产总值能耗（吨标准煤/万元）</td><td>上年能耗降低率（%）</td><td>2016年单位生产总值能耗降低目标（%）</td><td>关停燃煤小锅炉（蒸吨）</td></tr>
<tr><td rowspan="2">第一组</td><td>赣州市</td><td>0.52</td><td>4.61</td><td>4.15</td><td>215</td></tr>
<tr><td>九江市</td><td>0.71</td><td>4.33</td><td>—</td><td>185</td></tr>
<tr><td>第二组</td><td>萍乡市</td><td>0.83</td><td>3.72</td><td>3.65</td><td>95</td></tr>
<tr><td colspan="2">全省</td><td>0.64</td><td>4.27</td><td>3.95</td><td>495</td></tr>
</table>
<p>江西省人民政府办公厅</p><p>2016年4月12日</p>
</div></td></tr></table></body></html>"""


def test_a_page_table_gives_one_target_per_target_cell_named_by_its_row():
    raw = parse_notice_bytes(PAGE.encode("utf-8"), "jiangxi_2016.html")
    assert isinstance(raw, RawNotice)
    rows = extract_notice(raw).rows["targets"]
    cells = [(r["scope"], r["value"], r["unit"], r["direction"], r["target_year"], r["indicator"])
             for r in rows if "\t" in r["evidence"]]
    assert cells == [
        ("赣州市", 4.15, "%", "decrease", 2016, "energy_intensity_gdp"),
        ("赣州市", 215.0, "蒸吨", "complete", 2016, "other"),
        ("九江市", 185.0, "蒸吨", "complete", 2016, "other"),
        ("萍乡市", 3.65, "%", "decrease", 2016, "energy_intensity_gdp"),
        ("萍乡市", 95.0, "蒸吨", "complete", 2016, "other"),
        ("江西省", 3.95, "%", "decrease", 2016, "energy_intensity_gdp"),
        ("江西省", 495.0, "蒸吨", "complete", 2016, "other"),
    ]
    # Neither the 2015 levels nor last year's rates are targets; the body's own target is still read.
    values = {r["value"] for r in rows}
    assert not values & {0.52, 0.71, 0.83, 0.64, 4.61, 4.33, 3.72, 4.27}
    assert 3.9 in values


def test_a_label_over_two_columns_names_both_year_columns_under_it():
    text = (
        "某州2014年度减排任务分解表\n"
        "县市\t氨氮排放量削减（%）\t氨氮排放量削减（%）\n"
        "县市\t2013年\t2014年\n"
        "甲县\t1.8\t2.3\n"
        "乙县\t1.5\t2.1\n"
    )
    out = target_rows(text, 12, plan_year=2014)
    assert [(r["scope"], r["value"], r["unit"], r["direction"], r["target_year"], r["indicator"]) for r in out] == [
        ("甲县", 2.3, "%", "decrease", 2014, "nh3n"),
        ("乙县", 2.1, "%", "decrease", 2014, "nh3n"),
    ]


def test_tab_cells_keep_their_columns_and_a_worded_last_cell_is_read():
    text = (
        "附件 各区2020年目标\n"
        "区\t单位地区生产总值二氧化碳排放降低（%）\t城镇生活垃圾无害化处理率\n"
        "东湖区\t\t不低于95%\n"
        "西湖区\t19.5\t达到98%\n"
    )
    out = target_rows(text, 13)
    assert [(r["scope"], r["value"], r["qualifier"], r["indicator"]) for r in out] == [
        ("东湖区", 95.0, "at_least", "msw_harmless_rate"),
        ("西湖区", 19.5, "exact", "co2_intensity_gdp"),
        ("西湖区", 98.0, "exact", "msw_harmless_rate"),
    ]
