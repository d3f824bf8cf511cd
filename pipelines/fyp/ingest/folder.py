"""A folder of raw notices → the notices to process and the files set aside (with reasons)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fyp.ingest.provenance import Provenance, load_provenance
from fyp.ingest.read import IngestProblem, RawNotice, discover, read_notice


@dataclass
class IngestResult:
    raw_dir: Path
    notices: list[RawNotice] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)


def ingest_folder(raw_dir: Path) -> IngestResult:
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    result = IngestResult(raw_dir=raw_dir, provenance=load_provenance(raw_dir))
    first_by_sha: dict[str, str] = {}
    for path in discover(raw_dir):
        try:
            item = read_notice(path, raw_dir)
        except OSError as err:
            item = IngestProblem(path.relative_to(raw_dir).as_posix(), None, "undecodable", f"could not be read: {err}")
        if isinstance(item, IngestProblem):
            result.problems.append(item)
            continue
        if item.sha256 in first_by_sha:
            result.problems.append(
                IngestProblem(item.source_file, item.sha256, "duplicate", f"same bytes as {first_by_sha[item.sha256]}; only that file is used")
            )
            continue
        first_by_sha[item.sha256] = item.source_file
        result.notices.append(item)
    return result
