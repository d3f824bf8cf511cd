"""A folder of raw notices → which files there are and the SHA-256 of each, without decoding anything.

Scanning is the cheap first step of every run and of the Dagster sensor: it decides which notices are
new, changed or gone. Hashes are remembered by (size, mtime) so an unchanged file is not read again.
Raw files are only ever read.

Every entry below the raw folder ends either as a candidate notice or as an :class:`IngestProblem`
with a reason: hidden files and folders, symbolic links (never followed, wherever they point),
folders that cannot be listed, FIFOs and devices, file types that are not notices, files too large.
The raw folder's own ``provenance.csv`` is the one file that is neither: it is read as metadata, and
problems in it are reported here too.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from fyp.ingest.provenance import PROVENANCE_FILE, read_provenance
from fyp.ingest.read import MAX_BYTES, NOTICE_SUFFIXES, IngestProblem, read_below, source_file_name

HASH_MEMO_FILE = "file_hashes.json"


@dataclass(frozen=True)
class RawFile:
    source_file: str  # relative to the raw folder, with forward slashes (see read.source_file_name)
    path: Path
    size: int
    sha256: str
    folder: Path | None = None  # the raw folder (reads do not follow links below it)

    @property
    def notice_id(self) -> str:
        return self.sha256[:16]

    def read_bytes(self) -> bytes:
        """The file's bytes, read without following a symbolic link below the raw folder; OSError if
        that is not possible or the bytes are no longer those scanned (the next scan sees the change)."""
        if self.folder is None:
            data = self.path.read_bytes()
        else:
            data = read_below(self.folder, self.path.relative_to(self.folder).parts)
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise OSError(errno.EAGAIN, "the file changed after the folder was scanned; it is read again on the next run")
        return data


@dataclass
class FolderScan:
    raw_dir: Path
    files: list[RawFile] = field(default_factory=list)  # one per distinct content, first name wins
    duplicates: dict[str, str] = field(default_factory=dict)  # duplicate source_file -> source_file kept
    problems: list[IngestProblem] = field(default_factory=list)  # set aside before reading (type, size, links, ...)
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


def file_sha256(path: Path, folder: Path | None = None) -> str:
    """SHA-256 of the file's bytes; with ``folder``, read without following a link below it."""
    if folder is not None:
        return hashlib.sha256(read_below(folder, Path(path).relative_to(folder).parts)).hexdigest()
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class _Entry:
    parts: tuple[str, ...]  # path below the raw folder, as the file system names it
    path: Path
    stat: os.stat_result

    @property
    def source_file(self) -> str:
        return source_file_name(self.parts)


def walk_folder(raw_dir: Path) -> tuple[list[_Entry], list[IngestProblem]]:
    """Every regular file below ``raw_dir`` that may be a notice, in name order, and a problem for every
    other entry (hidden, a symbolic link, a folder that cannot be listed, not a regular file).
    Links are never followed, so a link loop cannot trap the walk and nothing outside is listed."""
    root = Path(raw_dir)
    real_root = Path(os.path.realpath(root))
    files: list[_Entry] = []
    problems: list[IngestProblem] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        rel = pending.pop()
        folder = root.joinpath(*rel)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            if not rel:
                raise
            problems.append(IngestProblem(source_file_name(rel), None, "unreadable", f"folder could not be listed ({err.strerror or err}); the files in it are not read"))
            continue
        subfolders = []
        for entry in entries:
            parts = (*rel, entry.name)
            name = source_file_name(parts)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as err:
                problems.append(IngestProblem(name, None, "unreadable", f"could not be read ({err.strerror or err})"))
                continue
            if entry.name.startswith("."):
                what = "folder (nothing in it is read)" if stat.S_ISDIR(st.st_mode) else "file"
                problems.append(IngestProblem(name, None, "hidden", f"hidden {what}: its name starts with '.'"))
            elif stat.S_ISLNK(st.st_mode):
                problems.append(IngestProblem(name, None, "symlink", _describe_link(Path(entry.path), real_root)))
            elif stat.S_ISDIR(st.st_mode):
                subfolders.append(parts)
            elif stat.S_ISREG(st.st_mode):
                if not rel and entry.name == PROVENANCE_FILE:
                    continue  # the notices' metadata, read by fyp.ingest.provenance
                files.append(_Entry(parts, Path(entry.path), st))
            else:
                problems.append(IngestProblem(name, None, "not_a_file", f"not a regular file ({_file_kind(st.st_mode)}); not read"))
        pending.extend(reversed(subfolders))
    files.sort(key=lambda e: e.source_file)
    return files, problems


def _describe_link(path: Path, real_root: Path) -> str:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a symbolic link in a loop of links; links are not followed"
        return "a symbolic link to nothing (its target does not exist); links are not followed"
    if target != real_root and not target.is_relative_to(real_root):
        # Where it points is not published: it is a path of this machine outside the raw folder.
        return "a symbolic link to a path outside the raw folder; links are not followed and nothing outside the folder is read"
    if target == real_root:
        return "a symbolic link to the raw folder itself; links are not followed"
    inside = source_file_name(target.relative_to(real_root).parts)
    what = "folder" if target.is_dir() else "file"
    return f"a symbolic link to {inside}, inside the raw folder; links are not followed (that {what} is read under its own name)"


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "an unknown kind of file"


def scan_folder(raw_dir: Path, memo: dict | None = None) -> FolderScan:
    """Every candidate notice below ``raw_dir`` with its hash, and every other entry as a problem;
    ``memo`` (rel path → [size, mtime_ns, inode, ctime_ns, sha]) is consulted and updated in place."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    memo = {} if memo is None else memo
    scan = FolderScan(raw_dir)
    seen: set[str] = set()
    found: dict[str, list[RawFile]] = {}
    entries, scan.problems = walk_folder(raw_dir)
    for entry in entries:
        rel, st = entry.source_file, entry.stat
        suffix = Path(rel).suffix.lower()
        if suffix not in NOTICE_SUFFIXES:
            scan.problems.append(IngestProblem(rel, None, "unsupported_format", f"file type {suffix or '(none)'!r} is not a notice format (.txt, .html, .htm)"))
            continue
        if st.st_size > MAX_BYTES:
            scan.problems.append(IngestProblem(rel, None, "too_large", f"{st.st_size:,} bytes, more than the {MAX_BYTES:,}-byte limit for one notice"))
            continue
        known = memo.get(rel)
        # The change time too: a rewrite that keeps size and mtime (cp -p) still changes it.
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
        if known and known[:-1] == stamp:
            sha = known[-1]
        else:
            try:
                sha = file_sha256(entry.path, raw_dir)
            except OSError as err:
                scan.problems.append(IngestProblem(rel, None, "unreadable", f"could not be read ({err.strerror or err})"))
                continue
            memo[rel] = [*stamp, sha]
        seen.add(rel)
        found.setdefault(sha, []).append(RawFile(rel, entry.path, st.st_size, sha, raw_dir))
    # Of files with the same bytes the first by name is the notice, the others its duplicates: which
    # copy is the notice depends on names and content only, never on times.
    for copies in found.values():
        kept = copies[0]  # entries come in name order
        scan.files.append(kept)
        for copy in copies[1:]:
            scan.duplicates[copy.source_file] = kept.source_file
    scan.files.sort(key=lambda f: f.source_file)
    for rel in set(memo) - seen:
        del memo[rel]
    provenance = read_provenance(raw_dir)
    scan.provenance_sha256 = provenance.sha256
    scan.problems.extend(provenance.problems)
    scan.problems.sort(key=lambda p: p.source_file)
    return scan


def load_memo(folder: Path) -> dict:
    """The remembered hashes; none if the memo is missing or fails its checksum (a flipped byte in a
    remembered hash would give a notice a wrong id: the files are hashed again instead)."""
    try:
        stored = json.loads((Path(folder) / HASH_MEMO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = stored.get("files") if isinstance(stored, dict) else None
    if not isinstance(files, dict) or stored.get("sha256") != _memo_checksum(files):
        return {}
    return files


def save_memo(folder: Path, memo: dict) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{HASH_MEMO_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps({"sha256": _memo_checksum(memo), "files": memo}, sort_keys=True), encoding="utf-8")
        os.replace(tmp, folder / HASH_MEMO_FILE)
    finally:
        tmp.unlink(missing_ok=True)


def _memo_checksum(memo: dict) -> str:
    return hashlib.sha256(json.dumps(memo, sort_keys=True).encode()).hexdigest()
