"""A new table is one YAML file: a throwaway reference table (its rows in a CSV file) and a view over it,
added to a temporary copy of the registry, reach the Dagster graph (an asset and a blocking schema
check each), the warehouse (with comments), the release's list of tables and the data dictionary,
with no change to any code."""

import shutil

import duckdb
import pytest

from conftest import REPO
from fyp import cli
from fyp.orchestration.definitions import build_definitions
from fyp.release.tables import release_table_names
from fyp.tables import registry

pytestmark = pytest.mark.e2e
FORMS = REPO / "tests" / "notices" / "forms"

PERIOD_NAMES = """name: period_names
title: {zh: 规划期名称, en: Plan period names}
description:
  zh: 每个五年规划期的中文名称(试验表)
  en: The Chinese name of each Five-Year Plan period (a throwaway table)
primary_key: [plan_period]
order: 75
rows_from: {csv: "%s"}
fields:
  - name: plan_period
    required: true
  - name: name_zh
    type: string
    required: true
    pattern: "^十.五$"
    description: {zh: 中文名称, en: Name in Chinese}
"""

NOTICES_BY_PERIOD = """name: notices_by_period
kind: view
title: {zh: 各规划期通知数, en: Notices per plan period}
description: {zh: 每个规划期的通知数(试验视图), en: How many notices each plan period has (a throwaway view)}
primary_key: [plan_period]
order: 95
view_sql: |
  SELECT p.plan_period, p.name_zh, count(n.notice_id) AS notices
  FROM period_names p LEFT JOIN notices n USING (plan_period)
  GROUP BY ALL
fields:
  - name: plan_period
    required: true
  - name: name_zh
    type: string
    description: {zh: 中文名称, en: Name in Chinese}
  - name: notices
    type: integer
    required: true
    description: {zh: 通知数, en: Number of notices}
"""


@pytest.fixture
def temp_registry(tmp_path, monkeypatch):
    schemas = tmp_path / "schemas"
    shutil.copytree(registry.SCHEMAS_DIR, schemas)
    csv_path = tmp_path / "period_names.csv"
    csv_path.write_text(
        "plan_period,name_zh,note\n11,十一五,a column the table does not have\n12,十二五,\n13,十三五,\n14,十四五,\n",
        encoding="utf-8",
    )
    (schemas / "period_names.yaml").write_text(PERIOD_NAMES % csv_path, encoding="utf-8")
    (schemas / "notices_by_period.yaml").write_text(NOTICES_BY_PERIOD, encoding="utf-8")
    monkeypatch.setattr(registry, "SCHEMAS_DIR", schemas)
    registry.all_tables.cache_clear()
    yield schemas, csv_path
    registry.all_tables.cache_clear()


def build(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    shutil.copy2(FORMS / "gbk_city.txt", raw)
    warehouse = tmp_path / "wh" / "fyp.duckdb"
    defs = build_definitions()
    result = cli._materialize(raw, warehouse, selection=cli._build_selection(), defs=defs)
    return defs, result, warehouse


def test_a_throwaway_table_and_view_need_only_their_yaml(temp_registry, tmp_path):
    defs, result, warehouse = build(tmp_path)
    assert cli._report_run(result) == 0
    assert defs.get_assets_def("period_names") is not None
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["period_names_schema"] is True and "notices_schema" in checks
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT * FROM period_names ORDER BY plan_period").fetchall() == [
            (11, "十一五"),
            (12, "十二五"),
            (13, "十三五"),
            (14, "十四五"),
        ]
        assert con.execute("SELECT plan_period, notices FROM notices_by_period WHERE notices > 0").fetchall() == [
            (12, 1)
        ]
        comments = dict(
            con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'period_names'"
            ).fetchall()
        )
    # plan_period took its definition (and description) from schemas/_fields.yaml.
    assert comments == {
        "plan_period": registry.table("notices").field("plan_period").description,
        "name_zh": "中文名称 / Name in Chinese",
    }
    names = release_table_names()
    assert names.index("national_targets") < names.index("period_names") < names.index("target_comparison")
    # order 95: after target_comparison_wide (90), before the agencies view (100)
    assert names.index("target_comparison_wide") + 1 == names.index("notices_by_period") < names.index("agencies")
    assert "`period_names`" in registry.table("period_names").data_dictionary()


def test_a_bad_row_in_the_csv_fails_the_tables_blocking_check(temp_registry, tmp_path):
    _, csv_path = temp_registry
    csv_path.write_text("plan_period,name_zh\n11,十一五\n16,第十六个\n", encoding="utf-8")
    _, result, warehouse = build(tmp_path)
    assert cli._report_run(result) == 1
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["period_names_schema"] is False
    assert not warehouse.exists()
