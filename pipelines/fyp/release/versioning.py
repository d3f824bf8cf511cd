"""What changed between two releases, and the semantic version that follows from it.

- major: a table or column removed, renamed (= removed + added) or retyped — consumers' code breaks;
- minor: new tables, columns, notices or rows, or rows/notices removed — the data grew or shrank;
- patch: values corrected under the same primary key, descriptions or constraints reworded,
  or the extraction quality report changed;
- nothing: no release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
FIRST_VERSION = "1.0.0"


def parse_version(text: str) -> tuple[int, int, int] | None:
    m = _SEMVER.match(text)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def bump(version: str, level: str) -> str:
    major, minor, patch = parse_version(version)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown bump level {level!r}")


@dataclass
class TableDiff:
    name: str
    rows_before: int = 0
    rows_after: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[tuple[str, str, str]] = field(default_factory=list)  # (column, old type, new type)
    changed_columns: dict[str, int] = field(default_factory=dict)  # column -> rows whose value changed
    metadata_changed: bool = False
    is_new: bool = False
    is_removed: bool = False
    examples: dict[str, list[str]] = field(default_factory=dict)  # "added"/"removed"/"changed" -> primary keys

    @property
    def schema_break(self) -> bool:
        return self.is_removed or bool(self.columns_removed or self.columns_retyped)

    @property
    def grew_or_shrank(self) -> bool:
        return self.is_new or bool(self.added or self.removed or self.columns_added)

    @property
    def any_change(self) -> bool:
        return self.schema_break or self.grew_or_shrank or bool(self.changed) or self.metadata_changed


@dataclass
class ReleaseDiff:
    tables: dict[str, TableDiff] = field(default_factory=dict)
    notices_added: list[dict] = field(default_factory=list)  # {notice_id, source_file, region, plan_period}
    notices_removed: list[dict] = field(default_factory=list)
    quality_changed: bool = False

    @property
    def level(self) -> str | None:
        """"major", "minor", "patch", or None when nothing changed."""
        if any(t.schema_break for t in self.tables.values()):
            return "major"
        if self.notices_added or self.notices_removed or any(t.grew_or_shrank for t in self.tables.values()):
            return "minor"
        if any(t.changed or t.metadata_changed for t in self.tables.values()) or self.quality_changed:
            return "patch"
        return None


def _schema_types(schema: dict) -> dict[str, str]:
    return {f["name"]: f["type"] for f in schema.get("fields", [])}


def _key_str(row: dict, keys: list[str]) -> str:
    return ", ".join(f"{k}={row[k]}" for k in keys)


def diff_table(
    name: str, old: pl.DataFrame | None, new: pl.DataFrame | None, old_schema: dict | None,
    new_schema: dict | None, primary_key: list[str], max_examples: int = 10
) -> TableDiff:
    """Rows added, removed and changed by primary key, and columns added, removed or retyped."""
    d = TableDiff(name)
    if old is None:
        d.is_new = True
        d.rows_after = new.height if new is not None else 0
        d.added = d.rows_after
        return d
    if new is None:
        d.is_removed = True
        d.rows_before = old.height
        d.removed = old.height
        return d
    d.rows_before, d.rows_after = old.height, new.height
    old_types, new_types = _schema_types(old_schema or {}), _schema_types(new_schema or {})
    if not old_types:
        old_types = {c: str(t) for c, t in old.schema.items()}
    if not new_types:
        new_types = {c: str(t) for c, t in new.schema.items()}
    d.columns_added = [c for c in new_types if c not in old_types]
    d.columns_removed = [c for c in old_types if c not in new_types]
    d.columns_retyped = [
        (c, old_types[c], new_types[c]) for c in new_types if c in old_types and old_types[c] != new_types[c]
    ]
    if old_schema is not None and new_schema is not None:
        d.metadata_changed = (
            _strip_types(old_schema) != _strip_types(new_schema)
            and not (d.columns_added or d.columns_removed or d.columns_retyped)
        )

    keys = [k for k in primary_key if k in old.columns and k in new.columns]
    if not keys:  # the key itself was renamed: every row is new
        d.added, d.removed = new.height, old.height
        return d
    if any(old.schema[k] != new.schema[k] for k in keys):
        old = old.with_columns([pl.col(k).cast(pl.Utf8) for k in keys])
        new = new.with_columns([pl.col(k).cast(pl.Utf8) for k in keys])
    added = new.join(old.select(keys), on=keys, how="anti")
    removed = old.join(new.select(keys), on=keys, how="anti")
    d.added, d.removed = added.height, removed.height
    d.examples["added"] = [_key_str(r, keys) for r in added.select(keys).head(max_examples).to_dicts()]
    d.examples["removed"] = [_key_str(r, keys) for r in removed.select(keys).head(max_examples).to_dicts()]

    common = [c for c in new.columns if c in old.columns and c not in keys]
    if common:
        both = old.select(keys + common).join(new.select(keys + common), on=keys, how="inner", suffix="__new")
        flags = []
        for c in common:
            a, b = pl.col(c), pl.col(f"{c}__new")
            if both.schema[c] != both.schema[f"{c}__new"]:
                a, b = a.cast(pl.Utf8), b.cast(pl.Utf8)
            flags.append(a.ne_missing(b).alias(c))
        flagged = both.select(keys + flags)
        any_changed = flagged.filter(pl.any_horizontal([pl.col(c) for c in common]))
        d.changed = any_changed.height
        d.changed_columns = {c: int(flagged[c].sum()) for c in common if flagged[c].sum()}
        d.examples["changed"] = [_key_str(r, keys) for r in any_changed.select(keys).head(max_examples).to_dicts()]
    return d


def _strip_types(schema: dict) -> dict:
    fields = [{k: v for k, v in f.items() if k != "type"} for f in schema.get("fields", [])]
    return {**schema, "fields": fields}


def notice_summary(df: pl.DataFrame) -> dict[str, dict]:
    cols = [c for c in ("notice_id", "source_file", "region", "plan_period") if c in df.columns]
    return {r["notice_id"]: r for r in df.select(cols).to_dicts()} if "notice_id" in df.columns else {}


def _frame(source) -> pl.DataFrame | None:
    if source is None or isinstance(source, pl.DataFrame):
        return source
    return pl.read_parquet(source)


def _rows_only(source) -> pl.DataFrame | None:
    """A frame of as many rows as ``source``: enough to diff a new or removed table."""
    if source is None or isinstance(source, pl.DataFrame):
        return source
    import pyarrow.parquet as pq

    return pl.select(pl.repeat(None, pq.ParquetFile(source).metadata.num_rows, dtype=pl.Boolean).alias("_rows"))


def diff_releases(
    old_frames: dict[str, pl.DataFrame] | None,
    new_frames: dict[str, pl.DataFrame],
    old_schemas: dict[str, dict] | None,
    new_schemas: dict[str, dict],
    primary_keys: dict[str, list[str]],
    *,
    old_quality: dict | None = None,
    new_quality: dict | None = None,
) -> ReleaseDiff:
    old_frames = old_frames or {}
    old_schemas = old_schemas or {}
    diff = ReleaseDiff()
    # One table at a time: a frame may be given as its Parquet file, read only while it is compared.
    for name in [*new_frames, *(n for n in old_frames if n not in new_frames)]:
        old, new = old_frames.get(name), new_frames.get(name)
        if old is None or new is None:  # a new or removed table: its row count is all the diff needs
            old, new = _rows_only(old), _rows_only(new)
        diff.tables[name] = diff_table(
            name, _frame(old), _frame(new), old_schemas.get(name), new_schemas.get(name), primary_keys.get(name, [])
        )
    before = notice_summary(_frame(old_frames["notices"])) if "notices" in old_frames else {}
    after = notice_summary(_frame(new_frames["notices"])) if "notices" in new_frames else {}
    diff.notices_added = [after[k] for k in sorted(after) if k not in before]
    diff.notices_removed = [before[k] for k in sorted(before) if k not in after]
    diff.quality_changed = (old_quality or None) != (new_quality or None)
    return diff


def next_version(previous: str | None, diff: ReleaseDiff) -> str | None:
    if previous is None:
        return FIRST_VERSION
    level = diff.level
    return bump(previous, level) if level else None
