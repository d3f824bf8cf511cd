"""Deterministic, standard files: CSV by RFC 4180, Parquet with fixed settings, an Excel workbook that is safe to
open."""

import datetime as dt

import openpyxl
import polars as pl

from fyp.release.excel import write_workbook
from fyp.release.files import read_parquet, write_csv, write_parquet
from fyp.tables.build import frame
from fyp.tables.registry import table
from release_samples import sample_rows


def test_csv_is_utf8_rfc4180_with_iso_dates_and_empty_nulls(tmp_path):
    rows = sample_rows()["deadlines"]
    rows[0]["action"] = '完成"淘汰",\n落后产能'
    path = write_csv(table("deadlines"), frame("deadlines", rows), tmp_path / "d.csv")
    raw = path.read_bytes()
    # a BOM: Excel reads UTF-8
    assert raw.startswith("\ufeffdeadline_id,notice_id,provision_id,deadline_date,".encode("utf-8"))
    assert raw.endswith(b"\r\n") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert ',2007-12-31,year,2007年底前,"完成""淘汰"",\n落后产能",50,60\r\n' in text
    notices = write_csv(
        table("notices"), frame("notices", sample_rows()["notices"]), tmp_path / "n.csv"
    ).read_text(encoding="utf-8-sig")
    assert ",false,," in notices  # is_news_repost false, source_url null


def test_no_csv_text_cell_can_start_a_formula(tmp_path):
    from fyp.release.files import restore_text

    texts = [
        "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3",
        "@SUM(A1)", "\tx", "\r=1", "＝1+1", "'quoted", "a=b", "节能"
    ]
    rows = [dict(sample_rows()["deadlines"][0], deadline_id=f"d{i}", action=t) for i, t in enumerate(texts)]
    path = write_csv(table("deadlines"), frame("deadlines", rows), tmp_path / "d.csv")
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        cells = [row[6] for row in csv.reader(fh)][1:]
    assert cells == [
        "'=HYPERLINK(\"http://x\")", "'+cmd|' /C calc'!A0", "'-2+3",
        "'@SUM(A1)", "'\tx", "'\r=1", "'＝1+1", "''quoted", "a=b", "节能"
    ]
    assert [restore_text(c) for c in cells] == texts  # the rule undone gives the text as written


def test_parquet_round_trips_and_has_the_same_bytes_twice(tmp_path):
    df = frame("targets", sample_rows()["targets"])
    a = write_parquet(table("targets"), df, tmp_path / "a.parquet")
    b = write_parquet(table("targets"), df, tmp_path / "b.parquet")
    assert a.read_bytes() == b.read_bytes()
    back = read_parquet(a)
    assert back.equals(df)
    import pyarrow.parquet as pq

    field = pq.read_schema(a).field("value")
    assert field.metadata[b"description"].decode("utf-8") == table("targets").field("value").description


def test_workbook_keeps_chinese_text_and_never_writes_formulas(tmp_path):
    rows = sample_rows()
    rows["ingest_issues"] = [
        {"source_file": "=HYPERLINK(\"http://x\")", "sha256": "+1", "problem": "empty", "detail": "@SUM(A1) -2 空文件"}
    ]
    frames = {n: frame(n, rows[n]) for n in ("notices", "targets", "ingest_issues")}
    created = dt.datetime(2011, 9, 1)
    a = tmp_path / "a.xlsx"
    write_workbook(frames, a, created=created, title="标题", version="1.0.0")
    write_workbook(frames, tmp_path / "b.xlsx", created=created, title="标题", version="1.0.0")
    assert a.read_bytes() == (tmp_path / "b.xlsx").read_bytes()

    wb = openpyxl.load_workbook(a)
    assert wb.sheetnames == ["README", "notices", "targets", "ingest_issues"]
    issues = wb["ingest_issues"]
    cells = {c.value: c.data_type for row in issues.iter_rows(min_row=2) for c in row if c.value is not None}
    assert cells == {"=HYPERLINK(\"http://x\")": "s", "+1": "s", "empty": "s", "@SUM(A1) -2 空文件": "s"}
    notices = wb["notices"]
    header = [c.value for c in notices[1]]
    first = dict(zip(header, [c.value for c in notices[2]], strict=True))
    assert first["region"] == "河南省" and first["title"] == "河南省节能减排工作方案"
    assert first["doc_number"] == "=豫政〔2007〕42号"
    assert notices.cell(2, header.index("doc_number") + 1).data_type == "s"
    dates = [r[header.index("issue_date")] for r in notices.iter_rows(min_row=2, values_only=True)]
    assert dates == [dt.datetime(2011, 9, 1), dt.datetime(2007, 6, 28)]  # rows in primary-key order
    assert wb.properties.created == created
    targets = wb["targets"]
    values = [r[[c.value for c in targets[1]].index("value")] for r in targets.iter_rows(min_row=2, values_only=True)]
    assert values == [16, 20, 15, 30]  # numbers stay numbers, in primary-key order


def test_workbook_shortens_text_longer_than_a_cell_and_leaves_out_tables_longer_than_a_sheet(tmp_path, monkeypatch):
    from fyp.release import excel

    rows = sample_rows()
    rows["notices"][0]["title"] = "节能" * 20000  # 40,000 characters: more than an Excel cell holds
    frames = {n: frame(n, rows[n]) for n in ("notices", "targets")}
    monkeypatch.setattr(excel, "EXCEL_MAX_ROWS", 4)  # a sheet of a header and 3 rows: targets (4 rows) does not fit
    path = tmp_path / "w.xlsx"
    notes = write_workbook(frames, path, created=dt.datetime(2011, 9, 1), title="标题", version="1.0.0")
    assert any(n.startswith("notices.title: 1 cells longer than 32767") for n in notes)
    assert any(n.startswith("targets: 4 rows, more than an Excel sheet holds (3); left out") for n in notes)

    wb = openpyxl.load_workbook(path)
    titles = [
        r[[c.value for c in wb["notices"][1]].index("title")]
        for r in wb["notices"].iter_rows(min_row=2, values_only=True)
    ]
    long = [t for t in titles if t.startswith("节能节能")]
    assert len(long) == 1 and len(long[0]) == excel.EXCEL_MAX_CELL and long[0].endswith(excel.TRUNCATED_MARK)
    assert wb["targets"].max_row == 2 and wb["targets"]["A2"].value.startswith("targets: 4 rows")
    readme = [c for row in wb["README"].iter_rows(values_only=True) for c in row if c]
    assert all(n in readme for n in notes)


def test_csv_lines_are_what_the_csv_module_writes(tmp_path):
    import csv
    import io

    from fyp.release.files import csv_cell, csv_lines

    df = pl.DataFrame(
        {
            "s": ['a,b', 'say "hi"', "two\nlines", "cr\ronly", "", None, " 空格 ", "_x0001_"],
            "f": [0.1, 1e-05, 3.0, None, float("nan"), float("inf"), -0.0, 1e20],
            "b": [True, False, None, True, False, None, True, False],
            "d": [dt.date(2011, 9, 1), None] * 4,
        }
    )
    out = io.StringIO()
    csv.writer(out, dialect="excel", lineterminator="\r\n").writerows(
        [csv_cell(v) for v in row] for row in df.iter_rows()
    )
    assert csv_lines(df) == out.getvalue()
    assert csv_lines(df.select(pl.Series("s", ["", "x"]))) == '""\r\nx\r\n'  # a lone empty field is quoted


def test_workbook_and_csv_from_a_parquet_file_are_those_from_the_frame(tmp_path):
    rows = sample_rows()
    rows["targets"][0]["evidence"] = " <r>x</r> a&b\x01 _x0041_ "
    frames = {n: frame(n, rows[n]) for n in ("notices", "targets", "deadlines")}
    files = {n: write_parquet(table(n), df, tmp_path / f"{n}.parquet") for n, df in frames.items()}
    created = dt.datetime(2011, 9, 1)
    write_workbook(frames, tmp_path / "a.xlsx", created=created, title="标题", version="1.0.0")
    write_workbook(files, tmp_path / "b.xlsx", created=created, title="标题", version="1.0.0")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    import zipfile

    sheet = zipfile.ZipFile(tmp_path / "b.xlsx").read("xl/worksheets/sheet3.xml").decode("utf-8")
    assert '<t xml:space="preserve"> &lt;r&gt;x&lt;/r&gt; a&amp;b_x0001_ _x005F_x0041_ </t>' in sheet
    for n in frames:
        from_frame = write_csv(table(n), frames[n], tmp_path / f"{n}-a.csv").read_bytes()
        assert from_frame == write_csv(table(n), files[n], tmp_path / f"{n}-b.csv").read_bytes()


def test_workbook_rows_are_the_bytes_xlsxwriters_public_api_writes(tmp_path):
    # release/excel.py builds cell XML itself (for speed); xlsxwriter is pinned, and this is the check
    # that its bytes are still those of write_row: run on an upgrade before unpinning.
    rows = sample_rows()
    rows["targets"][0]["evidence"] = " <r>x</r> a&b\x01 _x0041_ =1+1 "
    rows["targets"][1]["evidence"] = "𠮷" * 17000  # astral characters in a string xlsxwriter must cut
    rows["targets"][2]["value"] = 1e16  # an integer-valued float past 10**15
    rows["targets"][3]["scope"] = "\uffff\ufffe"
    rows["notices"][0]["title"] = "节能" * 20000
    frames = {n: frame(n, rows[n]) for n in ("notices", "targets", "deadlines", "responsibilities")}
    created = dt.datetime(2011, 9, 1)
    write_workbook(frames, tmp_path / "fast.xlsx", created=created, title="标题", version="1.0.0")
    write_workbook(frames, tmp_path / "public.xlsx", created=created, title="标题", version="1.0.0", fast=False)
    assert (tmp_path / "fast.xlsx").read_bytes() == (tmp_path / "public.xlsx").read_bytes()


def test_workbook_columns_are_as_wide_as_their_cells_within_limits(tmp_path):
    from fyp.release.excel import MAX_COLUMN_WIDTH

    rows = sample_rows()
    frames = {n: frame(n, rows[n]) for n in ("notices", "provisions")}
    path = tmp_path / "w.xlsx"
    write_workbook(frames, path, created=dt.datetime(2011, 9, 1), title="标题", version="1.0.0")
    ws = openpyxl.load_workbook(path)["notices"]
    header = [c.value for c in ws[1]]
    width = {name: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i, name in enumerate(header)}
    assert width["region"] >= 2 * len("河南省")  # CJK characters are two columns wide
    assert width["title"] > width["region"] and width["notice_id"] >= 16
    assert all(w <= MAX_COLUMN_WIDTH + 1 for w in width.values())
