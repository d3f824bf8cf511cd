"""pandera validation of each built table, with errors that name table, column, row and rule."""

from __future__ import annotations

import polars as pl


class TableValidationError(ValueError):
    def __init__(self, table: str, failures: list[dict]):
        self.table = table
        self.failures = failures
        lines = [f"table {table!r} failed validation ({len(failures)} problem(s)):"]
        for f in failures[:20]:
            where = f"row {f['row']}" if f.get("row") is not None else "table"
            lines.append(f"  - column {f['column']!r}, {where}: rule {f['rule']!r} failed (value: {f['value']!r})")
        if len(failures) > 20:
            lines.append(f"  … and {len(failures) - 20} more")
        super().__init__("\n".join(lines))


def validation_failures(name: str, df: pl.DataFrame) -> list[dict]:
    """Every rule of table ``name`` that ``df`` breaks, as dicts (table, column, row, rule, value)."""
    import pandera.errors as pae

    from fyp.tables.registry import table

    schema = table(name).pandera_schema()
    try:
        schema.validate(df, lazy=True)
    except pae.SchemaErrors as err:
        out = []
        cases = err.failure_cases
        if not isinstance(cases, pl.DataFrame):
            cases = pl.from_pandas(cases)
        for case in cases.to_dicts():
            out.append(
                {
                    "table": name,
                    "column": case.get("column") or case.get("schema_context"),
                    "row": case.get("index"),
                    "rule": case.get("check"),
                    "value": case.get("failure_case"),
                }
            )
        return out
    except pae.SchemaError as err:  # raised for table-level problems even in lazy mode
        return [{"table": name, "column": None, "row": None, "rule": str(err).splitlines()[0], "value": None}]
    return []


def validate_table(name: str, df: pl.DataFrame) -> pl.DataFrame:
    failures = validation_failures(name, df)
    if failures:
        raise TableValidationError(name, failures)
    return df
