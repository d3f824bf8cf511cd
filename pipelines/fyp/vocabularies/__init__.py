"""Controlled vocabularies kept as data files (CSV, UTF-8) beside this module.

- ``indicators.csv``: indicator codes with 中文 and English labels (those of the gold's
  reference/indicator_codes.csv), the keywords that select them, variant keywords (a sector's or a
  sub-area's indicator: 落后水泥产能, 农村生活污水处理率), the codes that always name a sector and those that
  count plants retrofitted (超低排放改造: the plants named are what is counted, not a sector).
- ``indicator_terms.csv`` and ``indicator_structure.csv``: how an indicator phrase is read by its
  structure (measure, denominator, form; % or amount) and which code each reading is.
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
