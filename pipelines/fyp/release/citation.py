"""LICENSE and CITATION.cff: in each release, and (naming the latest release) in the repository."""

from __future__ import annotations

from pathlib import Path

from fyp.release.datapackage import PACKAGE_TITLE

TEMPLATES = Path(__file__).resolve().parent / "templates"
LICENSE_TEXT = (TEMPLATES / "LICENSE").read_text(encoding="utf-8")
CITATION = "CITATION.cff"


def citation_cff(version: str | None, date_released: str | None) -> str:
    """CITATION.cff (Citation File Format 1.2.0) of the dataset, of one release when a version is given."""
    lines = [
        "cff-version: 1.2.0",
        'message: "Cite a release of fyp-notices by its version and '
        'the sha256 of its SHA256SUMS (listed in exports/index.md)."',
        "type: dataset",
        f'title: "{PACKAGE_TITLE}"',
        "authors:",
        '  - name: "The fyp-notices contributors"',
        "license: CC-BY-4.0",
        "keywords:",
        '  - "节能减排"',
        '  - "energy saving"',
        '  - "emission reduction"',
        '  - "Five-Year Plan"',
        '  - "China"',
    ]
    if version:
        lines.append(f'version: "{version}"')
    if date_released:
        lines.append(f"date-released: {date_released[:10]}")
    return "\n".join(lines) + "\n"


def sync_repository_citation(exports: Path, version: str | None, date_released: str | None) -> bool:
    """Keep a CITATION.cff beside the exports folder (the repository's) naming the latest release;
    True when it was rewritten. Nothing is written where there is none (an exports folder elsewhere)."""
    path = Path(exports).resolve().parent / CITATION
    if not path.is_file():
        return False
    text = citation_cff(version, date_released)
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_bytes(text.encode("utf-8"))
    return True
