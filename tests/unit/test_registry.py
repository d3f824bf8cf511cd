import polars as pl
import pytest

from fyp.tables.registry import all_tables, table
from fyp.tables.validate import TableValidationError, validate_table


def test_every_table_has_bilingual_descriptions_and_a_key():
    for spec in all_tables().values():
        assert spec.description_zh and spec.description_en, spec.name
        assert spec.primary_key, spec.name
        for f in spec.fields:
            assert f.description_zh and f.description_en, (spec.name, f.name)


def test_generated_ddl_and_frictionless_schema_agree_with_definition():
    spec = table("targets")
    ddl = spec.duckdb_ddl()
    assert "target_id VARCHAR NOT NULL" in ddl and "PRIMARY KEY (target_id)" in ddl
    fl = spec.frictionless_schema()
    assert [f["name"] for f in fl["fields"]] == spec.columns
    assert {"fields": ["notice_id"], "reference": {"resource": "notices", "fields": ["notice_id"]}} in fl["foreignKeys"]


def test_validation_error_names_table_column_row_and_rule():
    spec = table("deadlines")
    df = pl.DataFrame(
        {
            "deadline_id": ["x-d1-0"],
            "notice_id": ["x"],
            "provision_id": [None],
            "deadline_date": [None],
            "precision": ["week"],
            "date_text": ["2008年底前"],
            "action": ["完成"],
            "char_start": [5],
            "char_end": [9],
        },
        schema=spec.polars_schema(),
    )
    with pytest.raises(TableValidationError) as err:
        validate_table("deadlines", df)
    msg = str(err.value)
    assert "deadlines" in msg and "precision" in msg and "isin" in msg and "row 0" in msg


def test_data_dictionary_lists_every_column():
    text = table("notices").data_dictionary()
    for col in table("notices").columns:
        assert f"`{col}`" in text
