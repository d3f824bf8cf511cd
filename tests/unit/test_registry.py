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


def write_registry(folder, **tables):
    folder.mkdir(exist_ok=True)
    (folder / "_fields.yaml").write_text(
        "notice_id:\n  type: string\n  required: true\n  description: {zh: 所属通知, en: Notice the row comes from}\n",
        encoding="utf-8",
    )
    for name, text in tables.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


HEAD = "name: {name}\ntitle: {{zh: 表, en: Table}}\ndescription: {{zh: 表, en: Table}}\nprimary_key: [notice_id]\n"


def test_a_field_without_type_takes_the_shared_definition_and_its_own_keys_win(tmp_path):
    from fyp.tables.registry import load_registry

    text = (
        HEAD.format(name="a")
        + "rows_from: extraction\nfields:\n  - name: notice_id\n    unique: true\n"
        + "    description: {zh: 标识, en: Identifier}\n"
    )
    spec = load_registry(write_registry(tmp_path / "s", a=text))["a"]
    f = spec.field("notice_id")
    assert (f.type, f.required, f.unique, f.description) == ("string", True, True, "标识 / Identifier")


@pytest.mark.parametrize(
    "body, message",
    [
        ("rows_from: somewhere\nfields:\n  - name: notice_id\n", "rows_from must be"),
        ("rows_from: extraction\nfields:\n  - name: undefined_column\n", "does not define it"),
        ("rows_from: extraction\ncolour: red\nfields:\n  - name: notice_id\n", "unknown keys"),
        (
            "rows_from: extraction\nforeign_keys:\n  - fields: [notice_id]\n    reference: "
            "{resource: nowhere, fields: [notice_id]}\nfields:\n  - name: notice_id\n",
            "nowhere",
        ),
    ],
)
def test_a_wrong_definition_is_refused_naming_the_file(tmp_path, body, message):
    from fyp.tables.registry import load_registry

    with pytest.raises(ValueError, match=message) as err:
        load_registry(write_registry(tmp_path / "s", b=HEAD.format(name="b") + body))
    assert "schemas/b.yaml" in str(err.value)


def test_tables_are_listed_in_registry_order_and_by_where_their_rows_come_from():
    from fyp.tables.registry import notice_tables, reference_tables, table_names

    assert notice_tables() == ["notices", "provisions", "targets", "deadlines", "responsibilities"]
    assert "national_targets" in reference_tables() and not set(reference_tables()) & set(notice_tables())
    names = table_names()
    assert names[: len(notice_tables())] == notice_tables() and set(table_names("view")) <= set(names)
    assert all(names.index(v) > names.index("targets") for v in table_names("view"))


def test_a_reference_csv_missing_a_column_is_named(tmp_path, monkeypatch):
    from fyp.tables import registry

    (tmp_path / "codes.csv").write_text("notice_id_typo\nx\n", encoding="utf-8")
    text = HEAD.format(name="c") + f'rows_from: {{csv: "{tmp_path / "codes.csv"}"}}\nfields:\n  - name: notice_id\n'
    monkeypatch.setattr(registry, "SCHEMAS_DIR", write_registry(tmp_path / "s", c=text))
    registry.all_tables.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"codes.csv: no column notice_id"):
            registry.reference_rows("c")
    finally:
        registry.all_tables.cache_clear()


def test_extractor_version_changes_with_the_libraries_that_change_rows(monkeypatch):
    import importlib.metadata

    from fyp.tables.cache import ROW_LIBRARIES, extractor_version

    assert set(ROW_LIBRARIES) == {"cn2an", "opencc", "jionlp"}
    now = extractor_version.__wrapped__()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.1" if name == "opencc" else real(name))
    assert extractor_version.__wrapped__() != now
