"""The tables a release publishes, read from the warehouse in a stable order."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from fyp.tables.registry import TABLE_ORDER, TableSpec, all_tables, table

VIEW_ORDER = ("target_comparison", "target_comparison_wide")


def release_table_names() -> list[str]:
    """Every table, then every view, that schemas/ defines: the pipeline's order first, then any others by name."""
    specs = all_tables()
    names = [n for n in TABLE_ORDER if n in specs]
    names += [n for n in VIEW_ORDER if n in specs and n not in names]
    names += sorted(n for n in specs if n not in names)
    return names


def sort_frame(spec: TableSpec, df: pl.DataFrame) -> pl.DataFrame:
    """Rows in primary-key order (then every column, for keys that are not unique in bad data)."""
    keys = list(spec.primary_key) + [c for c in spec.columns if c not in spec.primary_key]
    return df.sort(keys, nulls_last=True, maintain_order=True)


def read_release_tables(warehouse: Path) -> dict[str, pl.DataFrame]:
    """Every table and view of the warehouse, conformed to its definition and sorted by its key."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        present = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for name in release_table_names():
            spec = table(name)
            if name not in present:
                raise ValueError(f"{warehouse}: the warehouse has no {spec.kind} {name!r} (schemas/{name}.yaml); rebuild it with `fyp build`")
            df = con.sql(f"SELECT * FROM {name}").pl()
            out[name] = sort_frame(spec, spec.conform(df))
    return out
