"""Releases committed to the repository stay as they were published.

A committed release folder is checked three ways: `fyp verify` (every byte against SHA256SUMS and the
ledger's cited hash), the exports folder's history files (index.json / index.md / index.html and the
repository's CITATION.cff are exactly what the releases give), and git itself: no commit after the
one that added a release may touch its files, and the working tree may not either. The test suite runs
this on the repository (tests/unit/test_release_committed.py), so a changed release file fails it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from fyp.release.citation import CITATION, citation_cff
from fyp.release.index import ledger_problems, release_dirs, write_index
from fyp.release.verify import verify_release

HISTORY_FILES = ("index.json", "index.md", "index.html")


def _git(repo: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def history_problems(exports: Path) -> list[str]:
    """index.json, index.md, index.html as the releases give them (rebuilt in a copy and compared)."""
    exports = Path(exports)
    if not (exports / "index.json").is_file():
        return [f"{exports}/index.json: missing"] if release_dirs(exports) else []
    problems = []
    with tempfile.TemporaryDirectory(prefix="fyp-history-") as tmp:
        copy = Path(tmp) / "exports"
        copy.mkdir()
        for name in HISTORY_FILES:
            if (exports / name).is_file():
                shutil.copy2(exports / name, copy / name)
        for d in release_dirs(exports):
            (copy / d.name).symlink_to(d.resolve(), target_is_directory=True)
        try:
            write_index(copy)
        except RuntimeError as err:
            return [str(err)]
        for name in HISTORY_FILES:
            if not (exports / name).is_file() or (exports / name).read_bytes() != (copy / name).read_bytes():
                problems.append(
                    f"{exports / name}: not what the published releases "
                    f"give (it is written by `fyp release`, never by hand)"
                )
    return problems


def citation_problems(exports: Path) -> list[str]:
    """The repository's CITATION.cff names the latest release."""
    path = Path(exports).resolve().parent / CITATION
    if not path.is_file():
        return [f"{path}: missing"]
    entries = (
        json.loads((Path(exports) / "index.json").read_text(encoding="utf-8"))["releases"]
        if (Path(exports) / "index.json").is_file() else []
    )
    latest = entries[0] if entries else None
    want = citation_cff(latest and latest["version"], latest and latest["created"])
    return (
        [] if path.read_text(encoding="utf-8") == want
        else [f"{path}: does not name the latest release ({latest and latest['version']})"]
    )


def git_problems(repo: Path, exports: Path) -> list[str]:
    """Commits after a release was added that changed its files, and uncommitted changes to them."""
    repo, exports = Path(repo), Path(exports)
    if _git(repo, "rev-parse", "--is-inside-work-tree") is None:
        return []  # not a git checkout (a source archive): verify is all there is
    problems = []
    for d in release_dirs(exports):
        rel = d.resolve().relative_to(repo.resolve()).as_posix()
        tracked = _git(repo, "ls-files", "--", rel) or ""
        if not tracked.strip():
            continue  # a release not committed (yet): nothing to hold it to
        added = (_git(repo, "log", "--diff-filter=A", "--format=%H", "--", f"{rel}/SHA256SUMS") or "").split()
        if added:
            later = (_git(repo, "log", "--format=%h %s", f"{added[-1]}..HEAD", "--", rel) or "").strip()
            if later:
                problems.append(f"{rel}: changed by commits after it was published: {later.splitlines()[0]}")
        status = (_git(repo, "status", "--porcelain", "--", rel) or "").strip()
        if status:
            problems.append(f"{rel}: changed in the working tree: {status.splitlines()[0]}")
    return problems


def committed_release_problems(repo: Path, exports: Path | None = None) -> list[str]:
    """Everything that says a committed release is no longer as it was published."""
    repo = Path(repo)
    exports = Path(exports) if exports is not None else repo / "exports"
    problems = ledger_problems(exports)
    for d in release_dirs(exports):
        problems += [f"{d.name}: {p}" for p in verify_release(d)]
    problems += history_problems(exports)
    problems += citation_problems(exports)
    problems += git_problems(repo, exports)
    return problems
