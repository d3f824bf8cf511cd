"""`fyp verify exports/<version>`: check a downloaded release against its SHA256SUMS and datapackage.json."""

from __future__ import annotations

import json
from pathlib import Path

from fyp.release.files import release_files, sha256_file


def verify_release(release_dir: Path) -> list[str]:
    """Every problem found, each naming the file at fault; empty when the release is intact."""
    release_dir = Path(release_dir)
    problems: list[str] = []
    sums = release_dir / "SHA256SUMS"
    if not sums.is_file():
        return [f"{sums}: missing; this folder is not a complete release"]
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

    package_path = release_dir / "datapackage.json"
    if not package_path.is_file():
        problems.append("datapackage.json: missing")
        return problems
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except ValueError as err:
        return problems + [f"datapackage.json: not valid JSON ({err})"]
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
    # One message per file is enough to act on.
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
