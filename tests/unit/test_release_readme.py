"""The README's queries run on a warehouse as the pipeline writes it."""

from __future__ import annotations

import re

import duckdb

from conftest import REPO
from release_samples import build_sample_warehouse


def test_every_sql_example_in_the_readme_runs(tmp_path):
    blocks = re.findall(r"```sql\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 4
    warehouse = build_sample_warehouse(tmp_path / "fyp.duckdb")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        results = [con.sql(sql).fetchall() for sql in blocks]
    assert all(results[:3]), "the first three examples return rows on the sample warehouse"
    # 河南省's 12th-plan allocation
    assert ("Henan" in {r[2] for r in results[0]}) and any(r[6] == 16.0 for r in results[0])
