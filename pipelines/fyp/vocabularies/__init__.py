"""Controlled vocabularies kept as data files (CSV, UTF-8) beside this module.

- ``indicators.csv``: indicator codes with 中文 and English labels and the keywords that select them.
- ``agency_aliases.csv``: agency names as written → canonical agency name.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCABULARY_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_vocabulary(name: str) -> tuple[dict, ...]:
    """Rows of ``<name>.csv`` as dicts, in file order."""
    path = VOCABULARY_DIR / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(dict(row) for row in csv.DictReader(fh))


def vocabulary_codes(name: str) -> frozenset[str]:
    return frozenset(row["code"] for row in load_vocabulary(name))
