"""A folder of raw notices → the notices to process and the files set aside (with reasons).

Which files there are, and which of identical files is the notice, is decided by
:func:`fyp.ingest.scan.scan_folder`, the same scan the incremental build and the sensor use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fyp.ingest.provenance import Provenance, load_provenance
from fyp.ingest.read import IngestProblem, RawNotice, parse_notice_bytes
from fyp.ingest.scan import RawFile, scan_folder


@dataclass
class IngestResult:
    raw_dir: Path
    notices: list[RawNotice] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    provenance: dict[str, Provenance] = field(default_factory=dict)


def read_raw_file(raw_file: RawFile) -> RawNotice | IngestProblem:
    """One scanned file decoded, or why it is set aside (it could not be read, or is no notice)."""
    try:
        data = raw_file.read_bytes()
    except OSError as err:
        return IngestProblem(raw_file.source_file, raw_file.sha256, "unreadable", f"could not be read ({err.strerror or err})")
    return parse_notice_bytes(data, raw_file.source_file)


def ingest_folder(raw_dir: Path) -> IngestResult:
    raw_dir = Path(raw_dir)
    scan = scan_folder(raw_dir)
    result = IngestResult(raw_dir=raw_dir, problems=list(scan.problems), provenance=load_provenance(raw_dir))
    sha_of = {f.source_file: f.sha256 for f in scan.files}
    for raw_file in scan.files:
        item = read_raw_file(raw_file)
        (result.problems if isinstance(item, IngestProblem) else result.notices).append(item)
    for dup, kept in sorted(scan.duplicates.items()):
        result.problems.append(IngestProblem(dup, sha_of[kept], "duplicate", f"same bytes as {kept}; only that file is used"))
    return result
