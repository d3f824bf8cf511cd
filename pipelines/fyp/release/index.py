"""exports/index.json and exports/index.md: every published release, rebuilt from the release folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fyp.release.files import canonical_json, sha256_file
from fyp.release.versioning import parse_version


def release_dirs(exports: Path) -> list[Path]:
    """Published releases (folders named by a semantic version holding a datapackage.json), oldest first."""
    if not exports.is_dir():
        return []
    found = [p for p in exports.iterdir() if p.is_dir() and parse_version(p.name) and (p / "datapackage.json").is_file()]
    return sorted(found, key=lambda p: parse_version(p.name))


def latest_release(exports: Path) -> Path | None:
    dirs = release_dirs(exports)
    return dirs[-1] if dirs else None


def release_entry(release_dir: Path) -> dict:
    package = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r.get("fyp:rows") for r in package.get("resources", [])}
    return {
        "version": package.get("version", release_dir.name),
        "created": package.get("created"),
        "path": f"{release_dir.name}/",
        "notices": rows.get("notices"),
        "rows": rows,
        "datapackage_sha256": sha256_file(release_dir / "datapackage.json"),
    }


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


def write_index(exports: Path) -> list[dict]:
    entries = [release_entry(d) for d in release_dirs(exports)]
    newest_first = list(reversed(entries))
    _atomic_write(exports / "index.json", canonical_json({"name": "fyp-notices", "latest": newest_first[0]["version"] if entries else None, "releases": newest_first}))
    tables = list(dict.fromkeys(t for e in reversed(entries) for t in e["rows"]))
    lines = [
        "# fyp-notices releases",
        "",
        "Every published release, newest first. A release folder never changes once published; check a download with",
        "`fyp verify exports/<version>` (or `sha256sum -c SHA256SUMS` inside it). Cite a release by its version and the",
        "sha256 of its datapackage.json.",
        "",
        "| version | created | " + " | ".join(tables) + " | sha256 of datapackage.json |",
        "|---|---|" + "---|" * len(tables) + "---|",
    ]
    for e in newest_first:
        counts = " | ".join(str(e["rows"].get(t, "")) for t in tables)
        lines.append(f"| [{e['version']}]({e['path']}) | {(e['created'] or '')[:10]} | {counts} | `{e['datapackage_sha256']}` |")
    _atomic_write(exports / "index.md", "\n".join(lines) + "\n")
    return newest_first
