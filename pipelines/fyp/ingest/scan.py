"""A folder of raw notices → which files there are and the SHA-256 of each, without decoding anything.

Scanning is the cheap first step of every run and of the Dagster sensor: it decides which notices are
new, changed or gone. Hashes are remembered by (size, mtime) so an unchanged file is not read again.
Raw files are only ever read.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from fyp.ingest.read import MAX_BYTES, NOTICE_SUFFIXES, IngestProblem, discover

HASH_MEMO_FILE = "file_hashes.json"


@dataclass(frozen=True)
class RawFile:
    source_file: str  # relative to the raw folder, with forward slashes
    path: Path
    size: int
    sha256: str

    @property
    def notice_id(self) -> str:
        return self.sha256[:16]


@dataclass
class FolderScan:
    raw_dir: Path
    files: list[RawFile] = field(default_factory=list)  # one per distinct content, first name wins
    duplicates: dict[str, str] = field(default_factory=dict)  # duplicate source_file -> source_file kept
    problems: list[IngestProblem] = field(default_factory=list)  # set aside before reading (type, size)
    provenance_sha256: str | None = None

    def by_notice_id(self) -> dict[str, RawFile]:
        return {f.notice_id: f for f in self.files}

    @property
    def notice_ids(self) -> list[str]:
        return [f.notice_id for f in self.files]

    def state_digest(self) -> str:
        """Changes whenever a notice is added, changed, removed or renamed, or provenance.csv changes."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.source_file):
            h.update(f"{f.source_file}\0{f.sha256}\n".encode())
        for dup, kept in sorted(self.duplicates.items()):
            h.update(f"dup\0{dup}\0{kept}\n".encode())
        for p in self.problems:
            h.update(f"problem\0{p.source_file}\0{p.problem}\n".encode())
        h.update(f"provenance\0{self.provenance_sha256}".encode())
        return h.hexdigest()[:16]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scan_folder(raw_dir: Path, memo: dict | None = None) -> FolderScan:
    """Every candidate notice below ``raw_dir`` with its hash; ``memo`` (rel path → [size, mtime_ns, inode, sha])
    is consulted and updated in place."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    memo = {} if memo is None else memo
    scan = FolderScan(raw_dir)
    seen: set[str] = set()
    found: dict[str, list[tuple[int, str, RawFile]]] = {}
    for path in discover(raw_dir):
        rel = path.relative_to(raw_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix not in NOTICE_SUFFIXES:
            scan.problems.append(IngestProblem(rel, None, "unsupported_format", f"file type {suffix or '(none)'!r} is not a notice format (.txt, .html, .htm)"))
            continue
        try:
            st = path.stat()
            if st.st_size > MAX_BYTES:
                scan.problems.append(IngestProblem(rel, None, "too_large", f"{st.st_size:,} bytes, more than the {MAX_BYTES:,}-byte limit for one notice"))
                continue
            known = memo.get(rel)
            stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
            if known and known[:3] == stamp:
                sha = known[3]
            else:
                sha = file_sha256(path)
                memo[rel] = [*stamp, sha]
        except OSError as err:
            scan.problems.append(IngestProblem(rel, None, "undecodable", f"could not be read: {err}"))
            continue
        seen.add(rel)
        found.setdefault(sha, []).append((st.st_mtime_ns, rel, RawFile(rel, path, st.st_size, sha)))
    # Of files with the same bytes the one that was there first (oldest, then by name) is the notice;
    # a copy dropped in later under another name is the duplicate.
    for copies in found.values():
        copies.sort(key=lambda c: (c[0], c[1]))
        kept = copies[0][2]
        scan.files.append(kept)
        for _, rel, _ in copies[1:]:
            scan.duplicates[rel] = kept.source_file
    scan.files.sort(key=lambda f: f.source_file)
    for rel in set(memo) - seen:
        del memo[rel]
    prov = raw_dir / "provenance.csv"
    scan.provenance_sha256 = file_sha256(prov) if prov.is_file() else None
    return scan


def load_memo(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / HASH_MEMO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_memo(folder: Path, memo: dict) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{HASH_MEMO_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(memo, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / HASH_MEMO_FILE)
