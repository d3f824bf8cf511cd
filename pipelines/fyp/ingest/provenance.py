"""The provenance file beside the raw notices: what is known about each file from outside its text.

``provenance.csv`` (UTF-8, one row per raw file, columns below) records where a notice came from and
may override metadata the pipeline infers from the text. Empty cells override nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from fyp.metadata.gazetteer import place_by_name
from fyp.metadata.infer import NoticeMetadata

PROVENANCE_FILE = "provenance.csv"
COLUMNS = ("source_file", "title", "issuer", "region", "plan_period", "issue_date", "doc_number", "source_url", "accessed_date", "licence", "notes")
OVERRIDABLE = ("title", "issuer", "region", "plan_period", "issue_date", "doc_number")


@dataclass(frozen=True)
class Provenance:
    source_file: str
    values: dict = field(default_factory=dict)

    @property
    def source_url(self) -> str | None:
        return self.values.get("source_url") or None

    def apply(self, meta: NoticeMetadata) -> tuple[NoticeMetadata, list[str]]:
        """``meta`` with this row's non-empty fields put in, and the names of the fields overridden."""
        changes: dict = {}
        for name in OVERRIDABLE:
            value = (self.values.get(name) or "").strip()
            if not value:
                continue
            if name == "plan_period":
                changes[name] = int(value)
            elif name == "issue_date":
                changes[name] = dt.date.fromisoformat(value)
            else:
                changes[name] = value
        out = replace(meta, **{k: v for k, v in changes.items() if k != "region"})
        if "region" in changes:
            place = place_by_name(changes["region"])
            if place is None:
                raise ValueError(f"{PROVENANCE_FILE}: {self.source_file}: region {changes['region']!r} is not a known administrative division")
            out = out.with_place(place)
        return out, sorted(changes)


def load_provenance(raw_dir: Path) -> dict[str, Provenance]:
    path = raw_dir / PROVENANCE_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        unknown = set(reader.fieldnames or ()) - set(COLUMNS)
        if "source_file" not in (reader.fieldnames or ()) or unknown:
            raise ValueError(f"{path}: expected columns {', '.join(COLUMNS)}; unknown: {sorted(unknown)}")
        rows = {}
        for row in reader:
            name = (row.get("source_file") or "").strip()
            if name:
                rows[name] = Provenance(name, {k: (v or "").strip() for k, v in row.items() if k != "source_file"})
        return rows
