"""The release history of an exports folder: ``index.json`` (the ledger), ``index.md`` and ``index.html``.

The ledger records, for every release when it is published, the sha256 of its SHA256SUMS: the hash a
release is cited by. It is append-only: an entry is never rewritten, so a release folder changed after
publishing (even with SHA256SUMS redone to match) no longer matches its entry, and `fyp verify` and the
next `fyp release` say so. index.md and index.html are rebuilt from the ledger, byte for byte the same
when nothing was published.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from fyp.release.files import SHA256SUMS, canonical_json, sha256_file
from fyp.release.versioning import parse_version
from fyp.release.verify import LEDGER


class LedgerError(RuntimeError):
    """A published release no longer matches what the ledger recorded when it was published."""


def release_dirs(exports: Path) -> list[Path]:
    """Published releases (folders named by a semantic version holding a datapackage.json), oldest first."""
    if not exports.is_dir():
        return []
    found = [
        p for p in exports.iterdir() if p.is_dir() and parse_version(p.name) and (p / "datapackage.json").is_file()
    ]
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
        "sha256sums_sha256": sha256_file(release_dir / SHA256SUMS),
    }


def read_ledger(exports: Path) -> list[dict]:
    path = Path(exports) / LEDGER
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8")).get("releases", [])


def ledger_problems(exports: Path) -> list[str]:
    """Releases that differ from their ledger entry, or that the ledger lists and the folder lacks."""
    exports = Path(exports)
    recorded = {e["version"]: e for e in read_ledger(exports)}
    present = {d.name: d for d in release_dirs(exports)}
    problems = []
    for version, entry in recorded.items():
        if version not in present:
            problems.append(f"{exports / version}: published (in {LEDGER}) but missing")
            continue
        found = sha256_file(present[version] / SHA256SUMS) if (present[version] / SHA256SUMS).is_file() else None
        if found != entry.get("sha256sums_sha256"):
            problems.append(
                f"{exports / version}: SHA256SUMS sha256 is {found}, "
                f"{LEDGER} records {entry.get('sha256sums_sha256')}: "
                "the release changed after it was published"
            )
    return problems


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


def write_index(exports: Path) -> list[dict]:
    """Append the releases the ledger lacks, then write index.json, index.md and index.html; newest first."""
    exports = Path(exports)
    problems = ledger_problems(exports)
    if problems:
        raise LedgerError("; ".join(problems))
    entries = read_ledger(exports)  # newest first, each as recorded
    known = {e["version"] for e in entries}
    for d in release_dirs(exports):
        if d.name not in known:
            entries.append(release_entry(d))
    entries.sort(key=lambda e: parse_version(e["version"]), reverse=True)
    _atomic_write(
        exports / LEDGER,
        canonical_json(
            {"name": "fyp-notices", "latest": entries[0]["version"] if entries else None, "releases": entries}
        )
    )
    _atomic_write(exports / "index.md", index_markdown(entries))
    _atomic_write(exports / "index.html", index_html(entries))
    return entries


def index_markdown(entries: list[dict]) -> str:
    tables = list(dict.fromkeys(t for e in reversed(entries) for t in e["rows"]))
    lines = [
        "# fyp-notices releases",
        "",
        "Every published release, newest first. Cite a release "
        "by its version and the sha256 of its SHA256SUMS (below):",
        "SHA256SUMS lists the sha256 of every other file of the release, so that one hash covers every byte. A release",
        "folder never changes once published; check one with `fyp "
        "verify exports/<version>` (it compares SHA256SUMS with",
        "the hash recorded here, every file with SHA256SUMS, and "
        "fyp.duckdb with its table digest), or `sha256sum -c SHA256SUMS`",
        "inside it for the files it lists.",
        "",
    ]
    if not entries:
        return "\n".join(lines + ["No release has been published yet."]) + "\n"
    lines += [
        "| version | created | sha256 of SHA256SUMS | " + " | ".join(tables) + " |",
        "|---|---|---|" + "---|" * len(tables),
    ]
    for e in entries:
        counts = " | ".join(str(e["rows"].get(t, "")) for t in tables)
        lines.append(
            f"| [{e['version']}]({e['path']}index.html) | "
            f"{(e['created'] or '')[:10]} | `{e['sha256sums_sha256']}` | {counts} |"
        )
    return "\n".join(lines) + "\n"


def index_html(entries: list[dict]) -> str:
    from fyp.release.page import render_template

    return render_template("releases.html", releases=entries)
