"""The one place each table is defined: ``schemas/<table>.yaml``.

From those files this module generates everything else that describes a table: the Polars dtypes,
the pandera schema that validates each built frame, the DuckDB DDL with bilingual ``COMMENT ON``,
the Frictionless table schema of the datapackage and the Markdown data dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

SCHEMAS_DIR = Path(__file__).resolve().parents[3] / "schemas"

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

    @property
    def description(self) -> str:
        return f"{self.description_zh} / {self.description_en}"

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
                {"fields": list(fk["fields"]), "reference": {"resource": fk["reference"]["resource"], "fields": list(fk["reference"]["fields"])}}
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
                f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} | {'; '.join(cons)} | {f.description_zh} | {f.description_en} |"
            )
        return "\n".join(lines) + "\n"


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _field(raw: dict) -> FieldSpec:
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
    )


def _table(raw: dict) -> TableSpec:
    title = raw.get("title") or {}
    desc = raw.get("description") or {}
    spec = TableSpec(
        name=raw["name"],
        title_zh=title.get("zh", ""),
        title_en=title.get("en", ""),
        description_zh=desc.get("zh", ""),
        description_en=desc.get("en", ""),
        fields=tuple(_field(f) for f in raw["fields"]),
        primary_key=tuple(raw.get("primary_key") or ()),
        foreign_keys=tuple(raw.get("foreign_keys") or ()),
        kind=raw.get("kind", "table"),
        view_sql=raw.get("view_sql"),
    )
    for f in spec.fields:
        if f.type not in _POLARS:
            raise ValueError(f"schemas/{spec.name}.yaml: column {f.name} has unknown type {f.type!r}")
    for key in spec.primary_key:
        spec.field(key)
    return spec


@lru_cache(maxsize=1)
def all_tables() -> dict[str, TableSpec]:
    """Every table and view defined under schemas/, by name, in a stable order."""
    tables = {}
    for path in sorted(SCHEMAS_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec = _table(raw)
        if spec.name != path.stem:
            raise ValueError(f"{path}: name {spec.name!r} must match the file name")
        tables[spec.name] = spec
    return tables


def table(name: str) -> TableSpec:
    try:
        return all_tables()[name]
    except KeyError:
        raise KeyError(f"no table {name!r} in {SCHEMAS_DIR}") from None


# The order tables are built, loaded and published in (parents before children).
TABLE_ORDER = ("notices", "provisions", "targets", "deadlines", "responsibilities", "ingest_issues", "national_targets")
