"""Raw file bytes → decoded source text, or a clear reason why the file was set aside.

Raw files are never modified. A file that cannot be used becomes an :class:`IngestProblem` naming the
file and what is wrong; the rest of the run goes on without it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Larger files are not notices (a notice is tens of kilobytes); reading them would only cost memory.
MAX_BYTES = 5 * 1024 * 1024
NOTICE_SUFFIXES = (".txt", ".text", ".html", ".htm")
# Files in the raw folder that describe the notices rather than being notices.
NOT_NOTICES = {"provenance.csv", "readme.md", "sources.jsonl"}

# Words at least one of which every energy-saving / emission-reduction notice uses (simplified and
# traditional forms).
_DOMAIN_WORDS = ("节能", "節能", "减排", "減排", "能耗", "降耗", "排放", "污染", "汚染", "能源", "节约", "節約")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x7fELF")


@dataclass(frozen=True)
class RawNotice:
    source_file: str  # relative to the raw folder, with forward slashes
    sha256: str
    encoding: str
    source_format: str  # text | html
    source: str  # decoded source text (for HTML: the notice text extracted from the page)
    size_bytes: int

    @property
    def notice_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class IngestProblem:
    source_file: str
    sha256: str | None
    problem: str  # see schemas/ingest_issues.yaml
    detail: str

    def as_row(self) -> dict:
        return {"source_file": self.source_file, "sha256": self.sha256, "problem": self.problem, "detail": self.detail}

    def __str__(self) -> str:
        return f"{self.source_file}: {self.problem}: {self.detail}"


def discover(raw_dir: Path) -> list[Path]:
    """Candidate notice files below ``raw_dir``, in a stable order (hidden files skipped)."""
    out = []
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if path.name.lower() in NOT_NOTICES:
            continue
        out.append(path)
    return out


def read_notice(path: Path, raw_dir: Path) -> RawNotice | IngestProblem:
    rel = path.relative_to(raw_dir).as_posix()
    size = path.stat().st_size
    if size > MAX_BYTES:
        return IngestProblem(rel, None, "too_large", f"{size:,} bytes, more than the {MAX_BYTES:,}-byte limit for one notice")
    data = path.read_bytes()
    return parse_notice_bytes(data, rel)


def parse_notice_bytes(data: bytes, source_file: str) -> RawNotice | IngestProblem:
    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(source_file).suffix.lower()
    if suffix not in NOTICE_SUFFIXES:
        return IngestProblem(source_file, sha, "unsupported_format", f"file type {suffix or '(none)'!r} is not a notice format (.txt, .html, .htm)")
    if len(data) > MAX_BYTES:
        return IngestProblem(source_file, sha, "too_large", f"{len(data):,} bytes, more than the {MAX_BYTES:,}-byte limit for one notice")
    if not data.strip():
        return IngestProblem(source_file, sha, "empty", "the file is empty" if not data else "the file holds only white space")
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
        return IngestProblem(source_file, sha, "binary", "the file holds binary data, not text")
    decoded = decode_bytes(data)
    if decoded is None:
        return IngestProblem(source_file, sha, "undecodable", "the bytes decode as no sensible text in UTF-8, GB18030 or Big5")
    text, encoding = decoded
    fmt = "text"
    if suffix in (".html", ".htm") or re.match(r"\s*<(?:!doctype\s+html|html|head|body)\b", text[:500], re.I):
        from fyp.ingest.html import html_to_text

        fmt = "html"
        text = html_to_text(text)
    if not any(word in text for word in _DOMAIN_WORDS):
        return IngestProblem(
            source_file, sha, "not_a_notice", "the text never mentions energy saving, emissions or pollution (节能/减排/能耗/排放/污染)"
        )
    return RawNotice(source_file, sha, encoding, fmt, text, len(data))


# C0 control bytes other than tab, newlines, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE)):
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.05


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5; None if none fits."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig") if _decodes(data[3:], "utf-8") else None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16"), "utf-16") if _decodes(data, "utf-16") else None
    if _decodes(data, "utf-8"):
        return _checked(data.decode("utf-8"), "utf-8")
    candidates = []
    for encoding in ("gb18030", "big5"):
        if _decodes(data, encoding):
            text = data.decode(encoding)
            candidates.append((_cjk_plausibility(text), encoding, text))
    if not candidates:
        # charset-normalizer copes with text that is mostly one encoding with a few stray bytes.
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8"]).best()
        if best is None:
            return None
        text = str(best)
        encoding = {"gb2312": "gb18030", "gbk": "gb18030", "utf_8": "utf-8", "big5hkscs": "big5"}.get(best.encoding, best.encoding)
        encoding = encoding.replace("_", "-")
        candidates.append((_cjk_plausibility(text), encoding, text))
    score, encoding, text = max(candidates)
    if score < 0.5:
        return None
    return text, encoding if encoding in ("gb18030", "big5", "utf-8") else "gb18030"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str, encoding: str) -> tuple[str, str] | None:
    return (text, encoding) if _cjk_plausibility(text) >= 0.5 else None


def _cjk_plausibility(text: str) -> float:
    """Share of CJK characters that are among the 3,755 common characters (GB2312 level 1).

    Real prose scores above 0.9 in either script; bytes decoded with the wrong codec score far lower.
    """
    from fyp.text.normalize import to_simplified

    import numpy as np

    sample = to_simplified(text[:20000])
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = codes[(codes - 0x4E00) <= 0x9FFF - 0x4E00] - 0x4E00
    if not cjk.size:
        # ASCII-only text is plausible as text; the not-a-notice check judges it.
        return 1.0 if text.isascii() else 0.0
    return int(np.count_nonzero(_common_table()[cjk])) / int(cjk.size)


@lru_cache(maxsize=1)
def _common_table():
    """_is_common of every character U+4E00..U+9FFF, as a boolean array (vectorised lookups)."""
    import numpy as np

    return np.array([_is_common(chr(c)) for c in range(0x4E00, 0xA000)], dtype=bool)


def _is_common(ch: str) -> bool:
    try:
        encoded = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= encoded[0] <= 0xD7
