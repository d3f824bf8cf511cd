"""`fyp verify exports/<version>`: check a release against SHA256SUMS and the hash a consumer cites.

The chain: the sha256 of ``SHA256SUMS`` is what a release is cited by (``exports/index.md`` and
``exports/index.json`` record it when the release is published, and never change it; a file cannot
hold its own hash, so the release's own page cannot). ``SHA256SUMS`` lists the sha256 of every other
file of the release, its page, Data Docs and ``fyp.duckdb.json`` included. ``fyp.duckdb`` differs byte
for byte on every write, so it is checked by its content: the digest of its tables must be the one
``fyp.duckdb.json`` records. Any changed byte of a release therefore breaks one link of the chain.
"""

from __future__ import annotations

import json
from pathlib import Path

from fyp.release.files import NOT_BYTE_LISTED, SHA256SUMS, release_files, sha256_file

LEDGER = "index.json"


def cited_sha256(release_dir: Path) -> tuple[str | None, str | None]:
    """(the sha256 of SHA256SUMS that the exports folder's ledger records for this release, the ledger's path)."""
    release_dir = Path(release_dir)
    ledger = release_dir.parent / LEDGER
    if not ledger.is_file():
        return None, None
    try:
        entries = json.loads(ledger.read_text(encoding="utf-8")).get("releases", [])
    except ValueError:
        return None, str(ledger)
    for entry in entries:
        if entry.get("version") == release_dir.name:
            return entry.get("sha256sums_sha256"), str(ledger)
    return None, str(ledger)


def verify_release(release_dir: Path, cited: str | None = None) -> list[str]:
    """Every problem found, each naming the file at fault; empty when the release is intact.

    ``cited`` is the sha256 of SHA256SUMS to check against; by default the one the ledger
    (``../index.json``) records for this release, when there is one.
    """
    release_dir = Path(release_dir)
    problems: list[str] = []
    sums = release_dir / SHA256SUMS
    if not sums.is_file():
        return [f"{sums}: missing; this folder is not a complete release"]
    if cited is None:
        cited, ledger = cited_sha256(release_dir)
        where = f"{ledger} records" if ledger else None
    else:
        where = "was given"
    if cited is not None:
        found = sha256_file(sums)
        if found != cited.lower().removeprefix("sha256:"):
            problems.append(
                f"SHA256SUMS: its sha256 is {found}, but {cited} {where}: the release changed after it was published"
            )

    listed: dict[str, str] = {}
    for n, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64:
            problems.append(f"SHA256SUMS line {n}: not '<sha256>  <file>'")
            continue
        listed[rel] = digest
    for rel, digest in listed.items():
        path = release_dir / rel
        if not path.is_file():
            problems.append(f"{rel}: listed in SHA256SUMS but missing")
        elif sha256_file(path) != digest:
            problems.append(f"{rel}: sha256 does not match SHA256SUMS (file changed or damaged)")
    for rel in release_files(release_dir):
        if rel not in listed:
            problems.append(f"{rel}: not listed in SHA256SUMS (file added after publishing)")
    problems += _verify_database(release_dir, listed)
    problems += _verify_datapackage(release_dir)
    # One message per file is enough to act on.
    return list(dict.fromkeys(problems))


def _verify_database(release_dir: Path, listed: dict[str, str]) -> list[str]:
    from fyp.release.database import DATABASE, DIGEST, compare_digests, database_digest

    db = release_dir / DATABASE
    if not db.is_file():
        return []  # not committed: built from the Parquet files by `fyp release` (make run)
    if DIGEST not in listed:
        return [f"{DATABASE}: no {DIGEST} listed in SHA256SUMS to check it against"]
    try:
        expected = json.loads((release_dir / DIGEST).read_text(encoding="utf-8"))
        found = database_digest(db)
    except Exception as err:  # a damaged file: say so, naming it
        return [f"{DATABASE}: cannot be read ({str(err).splitlines()[0]})"]
    return [f"{DATABASE}: {p}" for p in compare_digests(expected, found)]


def _verify_datapackage(release_dir: Path) -> list[str]:
    problems = []
    package_path = release_dir / "datapackage.json"
    if not package_path.is_file():
        return ["datapackage.json: missing"]
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except ValueError as err:
        return [f"datapackage.json: not valid JSON ({err})"]
    described = []
    for res in package.get("resources", []):
        described.append(res)
        if isinstance(res.get("fyp:parquet"), dict):
            described.append(res["fyp:parquet"])
    described.extend(package.get("fyp:files", []))
    for item in described:
        rel = item.get("path")
        path = release_dir / rel
        if not path.is_file():
            problems.append(f"{rel}: described in datapackage.json but missing")
            continue
        if item.get("bytes") is not None and path.stat().st_size != item["bytes"]:
            problems.append(f"{rel}: size {path.stat().st_size} bytes, datapackage.json says {item['bytes']}")
        expected = (item.get("hash") or "").removeprefix("sha256:")
        if expected and sha256_file(path) != expected:
            problems.append(f"{rel}: sha256 does not match datapackage.json")
    return problems


def summary_line(release_dir: Path, cited: str | None = None) -> str:
    """What a passing verification checked, in one line."""
    release_dir = Path(release_dir)
    found = sha256_file(release_dir / SHA256SUMS)
    if cited is not None:
        source = "the sha256 given"
    else:
        cited, ledger = cited_sha256(release_dir)
        source = f"the sha256 {ledger} records" if cited else None
    db = " and fyp.duckdb its table digest" if (release_dir / NOT_BYTE_LISTED[0]).is_file() else ""
    head = f"every file matches SHA256SUMS{db}; SHA256SUMS sha256 {found}"
    return head + (f", {source}" if source else " (no cited sha256 to check it against: pass --sha256)")
