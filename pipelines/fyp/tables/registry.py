"""The one place each table is defined: ``schemas/<table>.yaml``.

From those files this module generates everything else that describes a table: the Polars dtypes,
the pandera schema that validates each built frame, the DuckDB DDL with bilingual ``COMMENT ON``,
the Frictionless table schema of the datapackage and the Markdown data dictionary. Every list of
tables the pipeline uses (what is extracted per notice, what the warehouse loads, what a release
publishes and in which order, which Dagster assets and checks exist) is read from here, so a new
table is one new YAML file.

A table's YAML says where its rows come from (``rows_from``):

* ``extraction``: rows of each notice, made by ``fyp.extract.notice.extract_notice`` and kept in
  the extraction cache;
* ``ingest``: the files the ingest stage set aside (``ingest_issues``);
* ``{csv: <path>}``: a reference table read from a CSV file (path relative to the ``fyp`` package,
  e.g. ``vocabularies/indicators.csv``): the table's columns are taken from the CSV's columns of the
  same names and typed by the definition (an empty cell is null; other CSV columns are ignored);
* ``{function: <module>:<name>}``: a reference table whose rows a function returns (dicts).

A view (``kind: view``) has ``view_sql`` instead. ``order`` places the table in the warehouse and in
a release (lower first; tables without one follow, by name).

Columns that several tables share (``notice_id``, ``char_start``, ...) are defined once in
``schemas/_fields.yaml``: a field of a table that gives no ``type`` takes its definition from there,
and any key the table does give (its own description, say) replaces the shared one.

``schemas/`` stays at the repository's top level; the package reaches it as ``fyp/schemas`` (a
symlink in the source tree, a folder of package data in the wheel).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parents[1]
SCHEMAS_DIR = PACKAGE_DIR / "schemas"
# Not a table: the column definitions tables share.
SHARED_FIELDS_FILE = "_fields.yaml"
# Where a table's rows come from (see the module docstring).
EXTRACTION, INGEST, CSV, FUNCTION = "extraction", "ingest", "csv", "function"

_POLARS = {"string": "Utf8", "integer": "Int64", "number": "Float64", "boolean": "Boolean", "date": "Date"}
_DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
_PYARROW = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool_", "date": "date32"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    description_zh: str
    description_en: str
    required: bool = False
    unique: bool = False
    enum: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    vocabulary: str | None = None
    # What replaces a deprecated column and when it goes (announced in every release until then).
    deprecated: str | None = None

    @property
    def description(self) -> str:
        return f"{self.description_zh} / {self.description_en}"

    def parse(self, text: str | None):
        """The value of a CSV cell of this column (an empty cell is null)."""
        if text is None or text == "":
            return None
        if self.type == "integer":
            return int(text)
        if self.type == "number":
            return float(text)
        if self.type == "boolean":
            if text.strip().lower() not in _BOOLEANS:
                raise ValueError(f"column {self.name}: {text!r} is not a boolean (true/false)")
            return _BOOLEANS[text.strip().lower()]
        if self.type == "date":
            return dt.date.fromisoformat(text)
        return text

    @property
    def polars_dtype(self):
        import polars as pl

        return getattr(pl, _POLARS[self.type])

    @property
    def duckdb_type(self) -> str:
        return _DUCKDB[self.type]

    @property
    def pyarrow_type(self):
        import pyarrow as pa

        return getattr(pa, _PYARROW[self.type])()


@dataclass(frozen=True)
class TableSpec:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...] = field(default=())
    # "table": built by the pipeline; "view": derived in DuckDB from other tables.
    kind: str = "table"
    view_sql: str | None = None
    # Where a table's rows come from: EXTRACTION, INGEST, or (CSV, path) / (FUNCTION, "module:name").
    rows_from: tuple[str, ...] = ()
    order: int | None = None
    # What replaces a deprecated table and when it goes (announced in every release until then).
    deprecated: str | None = None

    @property
    def source(self) -> str | None:
        """EXTRACTION, INGEST, CSV or FUNCTION (None for a view)."""
        return self.rows_from[0] if self.rows_from else None

    @property
    def is_reference(self) -> bool:
        return self.source in (CSV, FUNCTION)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def description(self) -> str:
        return f"{self.description_zh} / {self.description_en}"

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")

    # --- generated artefacts -------------------------------------------------------------------

    def polars_schema(self) -> dict:
        return {f.name: f.polars_dtype for f in self.fields}

    def pyarrow_schema(self):
        import pyarrow as pa

        return pa.schema(
            [
                pa.field(f.name, f.pyarrow_type, nullable=not f.required, metadata={"description": f.description})
                for f in self.fields
            ],
            metadata={"table": self.name, "description": self.description},
        )

    def empty_frame(self):
        import polars as pl

        return pl.DataFrame(schema=self.polars_schema())

    def conform(self, frame):
        """Select and cast ``frame`` to exactly this table's columns, in order."""
        import polars as pl

        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise ValueError(f"table {self.name}: frame lacks columns {missing}")
        return frame.select([pl.col(f.name).cast(f.polars_dtype) for f in self.fields])

    def pandera_schema(self):
        import pandera.polars as pa

        from fyp.vocabularies import vocabulary_codes

        columns = {}
        for f in self.fields:
            checks = []
            if f.enum is not None:
                checks.append(pa.Check.isin(list(f.enum)))
            if f.vocabulary is not None:
                checks.append(pa.Check.isin(sorted(vocabulary_codes(f.vocabulary)), name=f"vocabulary:{f.vocabulary}"))
            if f.minimum is not None:
                checks.append(pa.Check.ge(f.minimum))
            if f.maximum is not None:
                checks.append(pa.Check.le(f.maximum))
            if f.pattern is not None:
                checks.append(pa.Check.str_matches(f.pattern))
            columns[f.name] = pa.Column(
                f.polars_dtype,
                checks=checks,
                nullable=not f.required,
                unique=f.unique,
                description=f.description,
                title=f.name,
            )
        checks = []
        if {"char_start", "char_end"} <= set(self.columns):
            import polars as pl

            checks.append(
                pa.Check(
                    lambda data: data.lazyframe.select(pl.col("char_start") <= pl.col("char_end")),
                    name="char_start_not_after_char_end",
                    error="char_start must not exceed char_end",
                )
            )
        return pa.DataFrameSchema(
            columns,
            checks=checks,
            unique=list(self.primary_key) if len(self.primary_key) > 1 else None,
            strict=True,
            ordered=True,
            name=self.name,
            description=self.description,
        )

    def duckdb_ddl(self) -> str:
        cols = []
        for f in self.fields:
            col = f"{f.name} {f.duckdb_type}"
            if f.required:
                col += " NOT NULL"
            cols.append(col)
        cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE {self.name} (\n  " + ",\n  ".join(cols) + "\n)"

    def duckdb_comments(self) -> list[str]:
        kind = "VIEW" if self.kind == "view" else "TABLE"
        out = [f"COMMENT ON {kind} {self.name} IS {_sql_str(self.description)}"]
        for f in self.fields:
            out.append(f"COMMENT ON COLUMN {self.name}.{f.name} IS {_sql_str(f.description)}")
        return out

    def frictionless_schema(self) -> dict:
        fields = []
        for f in self.fields:
            item = {"name": f.name, "type": f.type, "description": f.description}
            constraints = {}
            if f.required:
                constraints["required"] = True
            if f.unique:
                constraints["unique"] = True
            if f.enum is not None:
                constraints["enum"] = list(f.enum)
            if f.minimum is not None:
                constraints["minimum"] = f.minimum
            if f.maximum is not None:
                constraints["maximum"] = f.maximum
            if f.pattern is not None:
                constraints["pattern"] = f.pattern
            if constraints:
                item["constraints"] = constraints
            fields.append(item)
        schema = {"fields": fields, "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(fk["fields"]),
                    "reference": {"resource": fk["reference"]["resource"], "fields": list(fk["reference"]["fields"])},
                }
                for fk in self.foreign_keys
            ]
        return schema

    def data_dictionary(self) -> str:
        lines = [
            f"## `{self.name}` — {self.title_zh} / {self.title_en}",
            "",
            self.description_zh,
            "",
            self.description_en,
            "",
            f"Primary key: `{', '.join(self.primary_key)}`",
            "",
            "| column | type | required | constraints | 说明 | description |",
            "|---|---|---|---|---|---|",
        ]
        for f in self.fields:
            cons = []
            if f.unique:
                cons.append("unique")
            if f.enum:
                cons.append("one of " + ", ".join(f"`{v}`" for v in f.enum))
            if f.vocabulary:
                cons.append(f"code in vocabulary `{f.vocabulary}`")
            if f.minimum is not None:
                cons.append(f"≥ {f.minimum:g}")
            if f.maximum is not None:
                cons.append(f"≤ {f.maximum:g}")
            if f.pattern:
                cons.append(f"matches `{f.pattern}`")
            lines.append(
                f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} | {'; '.join(cons)} | "
                f"{f.description_zh} | {f.description_en} |"
            )
        return "\n".join(lines) + "\n"


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
_TABLE_KEYS = {
    "name",
    "title",
    "description",
    "fields",
    "primary_key",
    "foreign_keys",
    "kind",
    "view_sql",
    "rows_from",
    "order",
    "deprecated",
}


def _field(raw: dict, shared: dict[str, dict], where: str) -> FieldSpec:
    if "type" not in raw:
        base = shared.get(raw["name"])
        if base is None:
            raise ValueError(f"{where}: column {raw['name']} has no type, and {SHARED_FIELDS_FILE} does not define it")
        raw = {**base, **raw}
    if raw["type"] not in _POLARS:
        raise ValueError(f"{where}: column {raw['name']} has unknown type {raw['type']!r}")
    desc = raw.get("description") or {}
    return FieldSpec(
        name=raw["name"],
        type=raw["type"],
        description_zh=desc.get("zh", ""),
        description_en=desc.get("en", ""),
        required=bool(raw.get("required", False)),
        unique=bool(raw.get("unique", False)),
        enum=tuple(raw["enum"]) if raw.get("enum") is not None else None,
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        pattern=raw.get("pattern"),
        vocabulary=raw.get("vocabulary"),
        deprecated=str(raw["deprecated"]) if raw.get("deprecated") else None,
    )


def _rows_from(raw, kind: str, where: str) -> tuple[str, ...]:
    if kind == "view":
        if raw is not None:
            raise ValueError(f"{where}: a view takes its rows from view_sql, not rows_from")
        return ()
    if raw in (EXTRACTION, INGEST):
        return (raw,)
    if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in (CSV, FUNCTION):
        ((how, what),) = raw.items()
        return (how, str(what))
    raise ValueError(
        f"{where}: rows_from must be {EXTRACTION!r}, {INGEST!r}, {{csv: <path>}} or "
        f"{{function: <module>:<name>}}, not {raw!r}"
    )


def _table(raw: dict, shared: dict[str, dict] | None = None, where: str = "schemas") -> TableSpec:
    unknown = set(raw) - _TABLE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    title = raw.get("title") or {}
    desc = raw.get("description") or {}
    kind = raw.get("kind", "table")
    spec = TableSpec(
        name=raw["name"],
        title_zh=title.get("zh", ""),
        title_en=title.get("en", ""),
        description_zh=desc.get("zh", ""),
        description_en=desc.get("en", ""),
        fields=tuple(_field(f, shared or {}, where) for f in raw["fields"]),
        primary_key=tuple(raw.get("primary_key") or ()),
        foreign_keys=tuple(raw.get("foreign_keys") or ()),
        kind=kind,
        view_sql=raw.get("view_sql"),
        rows_from=_rows_from(raw.get("rows_from"), kind, where),
        order=raw.get("order"),
        deprecated=str(raw["deprecated"]) if raw.get("deprecated") else None,
    )
    if kind not in ("table", "view"):
        raise ValueError(f"{where}: kind must be table or view, not {kind!r}")
    if kind == "view" and not spec.view_sql:
        raise ValueError(f"{where}: a view needs view_sql")
    if len({f.name for f in spec.fields}) != len(spec.fields):
        raise ValueError(f"{where}: a column is defined twice")
    for key in spec.primary_key:
        spec.field(key)
    return spec


def load_registry(folder: Path) -> dict[str, TableSpec]:
    """Every table and view defined in ``folder``, by name, in registry order (``order``, then name)."""
    shared_file = Path(folder) / SHARED_FIELDS_FILE
    shared = yaml.safe_load(shared_file.read_text(encoding="utf-8")) if shared_file.is_file() else {}
    tables = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        where = f"schemas/{path.name}"
        spec = _table(yaml.safe_load(path.read_text(encoding="utf-8")), shared, where)
        if spec.name != path.stem:
            raise ValueError(f"{where}: name {spec.name!r} must match the file name")
        tables[spec.name] = spec
    for spec in tables.values():
        for fk in spec.foreign_keys:
            parent = tables.get(fk["reference"]["resource"])
            if parent is None:
                raise ValueError(
                    f"schemas/{spec.name}.yaml: foreign key to {fk['reference']['resource']!r}, which "
                    f"schemas/ does not define"
                )
            for column in fk["fields"]:
                spec.field(column)
            for column in fk["reference"]["fields"]:
                parent.field(column)
    return dict(sorted(tables.items(), key=lambda item: (item[1].order is None, item[1].order or 0, item[0])))


@lru_cache(maxsize=1)
def all_tables() -> dict[str, TableSpec]:
    """Every table and view defined under schemas/, by name, in registry order (the order tables are
    loaded into the warehouse and published in)."""
    return load_registry(SCHEMAS_DIR)


def table(name: str) -> TableSpec:
    try:
        return all_tables()[name]
    except KeyError:
        raise KeyError(f"no table {name!r} in {SCHEMAS_DIR}") from None


def table_names(kind: str | None = None) -> list[str]:
    """Names of every table and view (or of one kind), in registry order."""
    return [name for name, spec in all_tables().items() if kind is None or spec.kind == kind]


def tables_from(*sources: str) -> list[str]:
    """Names of the tables whose rows come from one of ``sources`` (EXTRACTION, INGEST, CSV, FUNCTION)."""
    return [name for name, spec in all_tables().items() if spec.source in sources]


def notice_tables() -> list[str]:
    """The tables every notice contributes rows to (held per notice in the extraction cache)."""
    return tables_from(EXTRACTION)


def reference_tables() -> list[str]:
    return tables_from(CSV, FUNCTION)


def schema_file(name: str) -> Path:
    """The YAML file of table ``name`` (or ``SHARED_FIELDS_FILE``) in the registry."""
    return SCHEMAS_DIR / (name if name.endswith(".yaml") else f"{name}.yaml")


def reference_rows(name: str) -> list[dict]:
    """The rows of reference table ``name``: read from its CSV file, or returned by its function."""
    spec = table(name)
    how, what = spec.rows_from
    if how == FUNCTION:
        module, _, attr = what.partition(":")
        return list(getattr(importlib.import_module(module), attr)())
    if how != CSV:
        raise ValueError(f"table {name} is not a reference table (rows from {how})")
    path = PACKAGE_DIR / what
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [f.name for f in spec.fields if f.name not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)} (schemas/{name}.yaml)")
        rows = []
        for line, raw in enumerate(reader, start=2):
            try:
                rows.append({f.name: f.parse(raw[f.name]) for f in spec.fields})
            except ValueError as err:
                raise ValueError(f"{path}, line {line}: {err}") from None
    return rows
