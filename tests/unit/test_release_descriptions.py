"""Every description in schemas/ is whole: in the YAML (an unquoted ASCII comma in a flow mapping
cuts it), and in what a release publishes from it (DATA_DICTIONARY.md, fyp.duckdb, datapackage.json)."""

from __future__ import annotations

import re

import yaml

from fyp.tables.registry import SCHEMAS_DIR

_FLOW_DESCRIPTION = re.compile(r"^\s*description: \{(?P<body>.*)\}\s*$")


def _descriptions(raw: dict):
    yield "table", raw.get("description")
    yield "title", raw.get("title")
    for f in raw["fields"]:
        yield f["name"], f.get("description")


def test_every_description_in_the_yaml_is_a_whole_zh_and_en_pair():
    for path in sorted(SCHEMAS_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, desc in _descriptions(raw):
            assert isinstance(desc, dict) and set(desc) == {"zh", "en"}, f"{path.name}: {name}: {desc!r} (an unquoted comma cut it?)"
            assert all(isinstance(desc[k], str) and desc[k].strip() for k in ("zh", "en")), f"{path.name}: {name}: {desc!r}"


def test_descriptions_written_as_flow_mappings_are_quoted():
    # A plain scalar in {zh: ..., en: ...} ends at the first ASCII comma: quoting is the rule.
    for path in sorted(SCHEMAS_DIR.glob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = _FLOW_DESCRIPTION.match(line)
            if m:
                assert re.fullmatch(r'zh: "(?:[^"\\]|\\.)*", en: "(?:[^"\\]|\\.)*"', m.group("body")), f"{path.name}:{n}: {line.strip()}"
