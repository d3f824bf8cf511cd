"""Gold sets: the hand annotations a notice folder is scored against, and what is known of each notice.

A gold set is one or more JSONL files (gold/SCHEMA.md) about the same notices. Files are grouped by
name: ``seeds_11th.jsonl``, ``seeds_12th_responsibility.jsonl`` … form the set ``seeds``;
``heldout_targets.jsonl`` and ``heldout_deadlines.jsonl`` the set ``heldout``; any other file is a set
of its own (``dev_notices_2.jsonl`` → ``dev_notices_2``). Record kinds: ``target``, ``deadline``,
``responsibility`` (agency phrases located by quote, with roles) and the per-item agency lists of the
seeds (``item`` + ``agencies``, no kind).

A notice folder may hold ``SOURCES.jsonl`` (one line per file: period, level, region as known from
outside the extractor); it is what notice metadata is scored against.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# Name parts that say what a file holds rather than which notices: dropped to find the set's name.
_KIND_SUFFIX_RE = re.compile(r"(?:_(?:targets|deadlines|responsibility|responsibilities|agencies))+$")
_PERIOD_SUFFIX_RE = re.compile(r"_1[0-5]th$")
SOURCES_FILE = "SOURCES.jsonl"

# What gold/sets.json's ``use`` of a set says about its scores (evaluate reports, quality.md, the release page).
USE_NOTES = {
    "development": (
        "development set: the rules were written with these notices in view, so its scores are development scores"
    ),
    "synthetic": (
        "notices written for the project (not real text), never used to tune a rule: "
        "not an estimate for real notices"
    ),
    "synthetic_development": (
        "notices written for the project (not real text); after their blind first run, rules were fixed on their "
        "errors, so these are development scores"
    ),
    "unregistered": (
        "not registered in sets.json: if no rule was ever written against these notices, "
        "this run is an estimate on unseen notices"
    ),
}


def is_synthetic(use: str | None) -> bool:
    """Whether a set of this use holds notices written for the project (its first run is no estimate on real text)."""
    return use in ("synthetic", "synthetic_development")


@dataclass
class GoldSet:
    name: str
    files: list[Path] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    responsibilities: list[dict] = field(default_factory=list)  # by quote, with roles
    responsibility_items: list[dict] = field(default_factory=list)  # per numbered item (seeds)

    @property
    def docs(self) -> list[str]:
        """Every notice the set annotates, in first-seen order."""
        seen: dict[str, None] = {}
        for records in (self.targets, self.deadlines, self.responsibilities, self.responsibility_items):
            for rec in records:
                seen.setdefault(rec["doc"], None)
        return list(seen)


def set_name(path: Path) -> str:
    stem = _KIND_SUFFIX_RE.sub("", Path(path).stem)
    return _PERIOD_SUFFIX_RE.sub("", stem) or Path(path).stem


def gold_files(paths) -> list[Path]:
    """The JSONL files named by ``paths`` (files, or folders whose ``*.jsonl`` are taken)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    return out


def read_jsonl(path: Path) -> list[dict]:
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {n}: not JSON ({err.msg})") from None
    return out


def load_gold_sets(paths) -> list[GoldSet]:
    sets: dict[str, GoldSet] = {}
    for path in gold_files(paths):
        gs = sets.setdefault(set_name(path), GoldSet(set_name(path)))
        gs.files.append(path)
        for rec in read_jsonl(path):
            kind = rec.get("kind")
            if kind == "target":
                gs.targets.append(rec)
            elif kind == "deadline":
                gs.deadlines.append(rec)
            elif kind == "responsibility":
                gs.responsibilities.append(rec)
            elif kind is None and "item" in rec and "agencies" in rec:
                gs.responsibility_items.append(rec)
    return [sets[k] for k in sorted(sets)]


def load_sources(folders) -> dict[str, dict]:
    """``SOURCES.jsonl`` records of the notice folders, keyed by file name (first folder wins)."""
    out: dict[str, dict] = {}
    for folder in map(Path, folders):
        path = folder / SOURCES_FILE
        if path.is_file():
            for rec in read_jsonl(path):
                if rec.get("file"):
                    out.setdefault(rec["file"], rec)
    return out
