"""pandera validation of each built table, with errors that name table, column, row and rule."""

from __future__ import annotations

import contextlib
from pathlib import Path

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


def cached_table_failures(
    name: str,
    entries: list[tuple[str, str]] | tuple[tuple[str, str], ...],
    memo: Path | None = None,
    batch_size: int = 500,
) -> tuple[int, int, list[dict]]:
    """(entries checked, rows checked, failures) of notice table ``name`` held in the extraction cache
    ``entries`` ((pack file, entry key) pairs).

    The pandera schema runs on batches of notices, so only one batch is in memory at a time; a
    failure's ``row`` is the failing row's primary key (row numbers of a batch mean nothing in the
    warehouse). An entry never changes (its key holds the extractor version's input, and the cache
    folder the version, which covers the table definitions), so entries that passed are listed in
    ``memo`` and not checked again. Keys unique across notices are checked by DuckDB when the
    warehouse is written (``PRIMARY KEY``).
    """
    from fyp.tables.cache import read_entries, rows_of
    from fyp.tables.registry import table

    spec = table(name)
    pk = list(spec.primary_key)
    passed = set(memo.read_text().split("\n")) if memo is not None and memo.is_file() else set()
    todo = [e for e in entries if e[1] not in passed]
    rows, failures, newly_passed = 0, [], []
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        df = rows_of(read_entries(batch, [name]), name)
        df = df.select(spec.columns) if df.height else spec.empty_frame()
        rows += df.height
        found = validation_failures(name, df)
        for f in found:
            index = f.get("row")
            if isinstance(index, int) and 0 <= index < df.height:
                key = df.row(index, named=True)
                f["row"] = ", ".join(f"{c}={key[c]}" for c in pk)
            failures.append(f)
        if not found:
            newly_passed += [key for _, key in batch]
    if memo is not None and newly_passed:
        from fyp.tables.cache import write_atomically

        # A memo: if it cannot be saved (a full disk), those entries are checked again next time.
        with contextlib.suppress(OSError):
            write_atomically(memo, "\n".join(sorted(passed | set(newly_passed))).encode())
    return len(todo), rows, failures
