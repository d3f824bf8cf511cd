"""The provenance file beside the raw notices: what is known about each file from outside its text.

``provenance.csv`` (UTF-8, one row per raw file, columns below) records where a notice came from and
may override metadata the pipeline infers from the text. Empty cells override nothing.

A mistake in the file stops nothing: a cell that is not a valid value (a plan period that is not one,
a date that is not ISO ``YYYY-MM-DD``, a region that is no known administrative division), a column
that is not one of these, a row without a file name or a repeated one is left out and reported as one
``ingest_issues`` row for ``provenance.csv`` naming each row and column; the notices concerned keep
what was inferred from their text. A file that is not UTF-8 is read as GB18030 or Big5 when it
decodes cleanly as one (as spreadsheets on Chinese systems save CSV), and that is reported too.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from fyp.document import PLAN_YEARS
from fyp.ingest.read import IngestProblem, NotFollowed, decode_bytes, read_below
from fyp.metadata.gazetteer import place_by_name
from fyp.metadata.infer import NoticeMetadata

PROVENANCE_FILE = "provenance.csv"
COLUMNS = ("source_file", "title", "issuer", "region", "plan_period", "issue_date", "doc_number", "source_url", "accessed_date", "licence", "notes")
OVERRIDABLE = ("title", "issuer", "region", "plan_period", "issue_date", "doc_number")
# More than this is not a provenance file of notices (and reading it would only cost memory).
MAX_PROVENANCE_BYTES = 64 * 1024 * 1024
_PROBLEM = "bad_provenance"


@dataclass(frozen=True)
class Provenance:
    source_file: str
    values: dict = field(default_factory=dict)  # only cells that passed the checks of _check_cell

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


@dataclass(frozen=True)
class ProvenanceFile:
    rows: dict[str, Provenance] = field(default_factory=dict)
    problems: tuple[IngestProblem, ...] = ()  # at most one, for provenance.csv, naming every bad cell
    sha256: str | None = None  # of the file's bytes; None when there is no file


def load_provenance(raw_dir: Path) -> dict[str, Provenance]:
    """The usable rows of ``raw_dir/provenance.csv`` by file name (bad cells left out; see read_provenance)."""
    return read_provenance(raw_dir).rows


def read_provenance(raw_dir: Path) -> ProvenanceFile:
    """``raw_dir/provenance.csv``: its usable rows, and what was wrong with it as an ingest problem."""
    path = Path(raw_dir) / PROVENANCE_FILE
    if not path.exists() and not path.is_symlink():
        return ProvenanceFile()
    try:
        data = read_below(Path(raw_dir), (PROVENANCE_FILE,), max_bytes=MAX_PROVENANCE_BYTES)
    except NotFollowed as err:
        kind = "symlink" if err.errno == errno.ELOOP else "not_a_file"
        return ProvenanceFile(problems=(IngestProblem(PROVENANCE_FILE, None, kind, f"{err.strerror}: not read, so no notice's metadata comes from it"),))
    except OSError as err:
        return ProvenanceFile(problems=(IngestProblem(PROVENANCE_FILE, None, "unreadable", f"could not be read ({err.strerror or err}); no notice's metadata comes from it"),))
    return parse_provenance(data)


@lru_cache(maxsize=4)
def parse_provenance(data: bytes) -> ProvenanceFile:
    """The rows of a provenance file's bytes and one problem listing what was left out (a file seen
    again, as on every sensor tick, is not parsed again)."""
    sha = hashlib.sha256(data).hexdigest()
    notes: list[str] = []
    text = _decode(data, notes)
    if text is None:
        return _result({}, notes, sha)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as err:
        notes.append(f"the header row is not CSV ({err}); the file is ignored")
        return _result({}, notes, sha)
    if "source_file" not in header:
        notes.append(f"no source_file column (columns are {', '.join(COLUMNS)}); the file is ignored")
        return _result({}, notes, sha)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        notes.append(f"unknown column(s) {', '.join(map(repr, unknown))} ignored (columns are {', '.join(COLUMNS)})")
    repeated = sorted({h for h in header if h in COLUMNS and header.count(h) > 1})
    if repeated:
        notes.append(f"column(s) {', '.join(repeated)} appear more than once; only the first is read")
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in COLUMNS:
            where.setdefault(name, index)
    rows: dict[str, Provenance] = {}
    row_number = 1  # the header is row 1, as a spreadsheet numbers them
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            notes.append(f"row {row_number + 1}: not CSV ({err}); the rest of the file is ignored")
            break
        row_number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            notes.append(f"row {row_number}: {len(cells)} cells for {len(header)} columns; the extra cells are ignored")
        name = cells[where["source_file"]].strip() if where["source_file"] < len(cells) else ""
        if not name:
            notes.append(f"row {row_number}: no source_file; the row is ignored")
            continue
        if name in rows:
            notes.append(f"row {row_number} ({name}): the file has a row above already; this one is ignored")
            continue
        values = {}
        for column, index in where.items():
            if column == "source_file":
                continue
            value = cells[index].strip() if index < len(cells) else ""
            reason = _check_cell(column, value) if value else None
            if reason:
                notes.append(f"row {row_number} ({name}), column {column}: {value!r} {reason}; ignored")
                value = ""
            values[column] = value
        rows[name] = Provenance(name, values)
    return _result(rows, notes, sha)


def _decode(data: bytes, notes: list[str]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        decoded = decode_bytes(data)
        if decoded is not None and decoded[1] in ("gb18030", "big5"):
            notes.append(f"not UTF-8 (byte {err.start:,} is not UTF-8); read as {decoded[1].upper()}: save it as UTF-8")
            return decoded[0]
        notes.append(f"not UTF-8 (byte {err.start:,} is not UTF-8) nor cleanly any other encoding; the file is ignored")
        return None


@lru_cache(maxsize=1)
def _plan_periods() -> tuple[int, ...]:
    from fyp.tables.registry import table

    return tuple(table("notices").field("plan_period").enum)


def _check_cell(column: str, value: str) -> str | None:
    """Why ``value`` cannot be used in ``column`` (None when it can)."""
    if column == "plan_period":
        periods = _plan_periods()
        if not (value.isascii() and value.isdigit() and int(value) in periods):
            return f"is not a plan period (one of {', '.join(map(str, periods))}, 11 = the 11th Five-Year Plan)"
    elif column in ("issue_date", "accessed_date"):
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return "is not a date written YYYY-MM-DD"
        if len(value) != 10:
            return "is not a date written YYYY-MM-DD"
        # From the year before the first plan period to the end of the last: a typo'd year shows.
        first, last = PLAN_YEARS[min(PLAN_YEARS)][0] - 1, PLAN_YEARS[max(PLAN_YEARS)][1]
        if column == "issue_date" and not first <= date.year <= last:
            return f"is not a date from {first} to {last}"
    elif column == "region":
        if place_by_name(value) is None:
            return "is not a known administrative division"
    return None


def _result(rows: dict[str, Provenance], notes: list[str], sha: str) -> ProvenanceFile:
    if not notes:
        return ProvenanceFile(rows, (), sha)
    detail = "; ".join(notes) + ". Where provenance.csv gives nothing usable, notices keep the metadata inferred from their text"
    return ProvenanceFile(rows, (IngestProblem(PROVENANCE_FILE, sha, _PROBLEM, detail),), sha)
