"""The tables a release publishes, read from the warehouse in a stable order."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl

from fyp.tables.registry import TableSpec, table, table_names


def release_table_names() -> list[str]:
    """Every table and view that schemas/ defines, in registry order (each YAML's ``order``, then by name)."""
    return table_names()


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
                raise ValueError(
                    f"{warehouse}: the warehouse has no {spec.kind} {name!r} "
                    f"(schemas/{name}.yaml); rebuild it with `fyp build`"
                )
            df = con.sql(f"SELECT * FROM {name}").pl()
            out[name] = sort_frame(spec, spec.conform(df))
    return out


_BATCH_ROWS = 2**31 - 1
DUCKDB_MEMORY_LIMIT = "512MB"


def _key_order(spec: TableSpec, arrow) -> list[int] | None:
    """Row order of ``arrow`` that sort_frame gives, found from the primary key alone; None when the key
    cannot decide it (a repeated or missing key, or a float key), and the whole frame must be sorted."""
    keys = list(spec.primary_key)
    if not keys:
        return None
    frame = pl.from_arrow(arrow.select(keys)).select([pl.col(k).cast(spec.field(k).polars_dtype) for k in keys])
    if (
        any(dtype.is_float() for dtype in frame.dtypes)
        or frame.null_count().sum_horizontal().item() or frame.is_duplicated().any()
    ):
        return None
    # With a unique key, sorting by every column after the key changes nothing.
    return frame.with_row_index("_i").sort(keys, nulls_last=True, maintain_order=True).get_column("_i").to_list()


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def read_release_table(con, name: str):
    """One table or view as an Arrow table with the registry's schema, in the order sort_frame gives.

    Same values and order as ``to_arrow(spec, sort_frame(spec, spec.conform(df)))`` of the whole frame,
    without a Polars copy of the (long) text columns: the order comes from the key columns only.
    """
    import pyarrow as pa

    spec = table(name)
    present = con.sql(f'SELECT * FROM "{name}" LIMIT 0').columns
    missing = [c for c in spec.columns if c not in present]
    if missing:
        raise ValueError(f"table {spec.name}: frame lacks columns {missing}")
    keys = list(spec.primary_key)
    order = (
        _key_order(spec, con.sql(f"SELECT {', '.join(_q(k) for k in keys)} FROM {_q(name)}").to_arrow_table())
        if keys else None
    )
    query = f"SELECT * FROM {_q(name)}"
    if order is not None and order != list(range(len(order))):
        # DuckDB sorts within its memory limit (spilling to disk); the order is checked below all the same.
        query += " ORDER BY " + ", ".join(f"{_q(k)} ASC NULLS LAST" for k in keys)
    # One batch (with one thread, DuckDB returns the rows as one Arrow chunk): Parquet page boundaries
    # follow chunk boundaries, and the release's bytes are those of a single-chunk table.
    arrow = con.sql(query).to_arrow_table(_BATCH_ROWS)
    if order is not None:
        order = _key_order(spec, arrow)
    if order is None:
        from fyp.release.files import to_arrow

        return to_arrow(spec, sort_frame(spec, spec.conform(pl.from_arrow(arrow)))).combine_chunks()
    if order != list(range(len(order))):
        arrow = arrow.take(pa.array(order, type=pa.uint32() if len(order) < 2**32 else pa.uint64()))
    schema = spec.pyarrow_schema()
    columns = [arrow.column(f.name).cast(f.type) for f in schema]
    out = pa.Table.from_arrays(columns, schema=schema)
    return out.combine_chunks() if any(c.num_chunks > 1 for c in out.columns) else out


def stage_release_tables(warehouse: Path, parquet_dir: Path) -> dict[str, Path]:
    """Write ``parquet_dir/<table>.parquet`` of every release table, one table at a time; return their paths."""
    from fyp.release.files import write_parquet

    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # DuckDB would otherwise keep every block it read cached (the file is gigabytes at national scale).
        con.execute(f"SET memory_limit='{DUCKDB_MEMORY_LIMIT}'")
        con.execute("SET threads=1")
        spill = parquet_dir.parent / "duckdb-spill"  # not beside the warehouse, whose folder may be read-only
        con.execute("SET temp_directory=" + "'" + spill.as_posix().replace("'", "''") + "'")
        present = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for name in release_table_names():
            spec = table(name)
            if name not in present:
                raise ValueError(
                    f"{warehouse}: the warehouse has no {spec.kind} {name!r} "
                    f"(schemas/{name}.yaml); rebuild it with `fyp build`"
                )
            out[name] = write_parquet(spec, read_release_table(con, name), parquet_dir / f"{name}.parquet")
    shutil.rmtree(spill, ignore_errors=True)
    return out
