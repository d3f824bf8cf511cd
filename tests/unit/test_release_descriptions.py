"""Every description in schemas/ is whole: in the YAML (an unquoted ASCII comma in a flow mapping
cuts it), and in what a release publishes from it (DATA_DICTIONARY.md, fyp.duckdb, datapackage.json)."""

from __future__ import annotations

import re

import yaml

from fyp.tables.registry import SCHEMAS_DIR, SHARED_FIELDS_FILE, all_tables

_FLOW_DESCRIPTION = re.compile(r"^\s*description: \{(?P<body>.*)\}\s*$")


def _descriptions(path, raw: dict):
    if path.name == SHARED_FIELDS_FILE:
        for name, f in raw.items():
            yield name, f.get("description")
        return
    yield "table", raw.get("description")
    yield "title", raw.get("title")
    for f in raw["fields"]:
        # A field that gives no type and no description takes both from the shared fields (checked there).
        if "type" in f or "description" in f:
            yield f["name"], f.get("description")


def test_every_description_in_the_yaml_is_a_whole_zh_and_en_pair():
    for path in sorted(SCHEMAS_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, desc in _descriptions(path, raw):
            assert isinstance(desc, dict) and set(desc) == {"zh", "en"}, (
                f"{path.name}: {name}: {desc!r} (an unquoted comma cut it?)"
            )
            assert all(isinstance(desc[k], str) and desc[k].strip() for k in ("zh", "en")), (
                f"{path.name}: {name}: {desc!r}"
            )


def test_every_column_of_the_registry_has_both_descriptions():
    for name, spec in all_tables().items():
        for f in spec.fields:
            assert f.description_zh.strip() and f.description_en.strip(), (name, f.name)


def test_descriptions_written_as_flow_mappings_are_quoted():
    # A plain scalar in {zh: ..., en: ...} ends at the first ASCII comma: quoting is the rule.
    for path in sorted(SCHEMAS_DIR.glob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = _FLOW_DESCRIPTION.match(line)
            if m:
                assert re.fullmatch(r'zh: "(?:[^"\\]|\\.)*", en: "(?:[^"\\]|\\.)*"', m.group("body")), (
                    f"{path.name}:{n}: {line.strip()}"
                )


def test_every_description_reaches_the_data_dictionary_the_duckdb_comments_and_datapackage_whole(tmp_path):
    import json

    import duckdb

    from fyp.release.publish import publish_release
    from fyp.tables.registry import all_tables
    from release_samples import build_sample_warehouse

    warehouse = build_sample_warehouse(tmp_path / "fyp.duckdb")
    rel = publish_release(warehouse, tmp_path / "exports", quality_file=None).path
    dictionary = (rel / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    package = {r["name"]: r for r in json.loads((rel / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    with duckdb.connect(str(rel / "fyp.duckdb"), read_only=True) as con:
        objects = dict(
            con.execute(
                "SELECT table_name, comment FROM duckdb_tables() UNION ALL "
                "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        )
        columns = {
            (t, c): comment
            for t, c, comment in con.execute("SELECT table_name, column_name, comment FROM duckdb_columns()").fetchall()
        }
    for name, spec in all_tables().items():
        assert spec.description_zh in dictionary and spec.description_en in dictionary, name
        assert objects[name] == spec.description, name
        assert package[name]["description"] == spec.description, name
        fields = {f["name"]: f["description"] for f in package[name]["schema"]["fields"]}
        for f in spec.fields:
            assert f"| {f.description_zh} | {f.description_en} |" in dictionary, (name, f.name)
            assert columns[(name, f.name)] == f.description, (name, f.name)
            assert fields[f.name] == f.description, (name, f.name)
