"""Raw file bytes → decoded source text, or a clear reason why the file was set aside.

Raw files are never modified. A file that cannot be used becomes an :class:`IngestProblem` naming the
file and what is wrong; the rest of the run goes on without it. Files are opened one path component
at a time without following symbolic links, so nothing outside the raw folder is read through it.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Larger files are not notices (a notice is tens of kilobytes); reading them would only cost memory.
MAX_BYTES = 5 * 1024 * 1024
NOTICE_SUFFIXES = (".txt", ".text", ".html", ".htm")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x7fELF")
# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# How many CJK characters the plausibility of a decoding is judged on.
_PLAUSIBILITY_SAMPLE = 20000


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


class NotFollowed(OSError):
    """The path leads through a symbolic link, or ends at something that is not a regular file."""


def source_file_name(rel_parts: tuple[str, ...] | list[str]) -> str:
    """The ``source_file`` of a path below the raw folder: its parts joined by "/", and bytes of a name
    that is not valid UTF-8 written as ``\\xNN`` (so the name can be stored and printed, and names it)."""
    return "/".join(os.fsencode(part).decode("utf-8", "backslashreplace") for part in rel_parts)


def read_below(folder: Path, rel_parts: tuple[str, ...] | list[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``folder/rel_parts``, opened without following any symbolic link
    below ``folder``; :class:`NotFollowed` if a part is a link or the end is not a regular file,
    OSError (EFBIG) if it holds more than ``max_bytes``."""
    fd = _open_below(Path(folder), tuple(rel_parts))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotFollowed(errno.EINVAL, "not a regular file", source_file_name(rel_parts))
        if st.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"{st.st_size:,} bytes, more than the {max_bytes:,}-byte limit for one notice")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # grew while being read
                raise OSError(errno.EFBIG, f"more than the {max_bytes:,}-byte limit for one notice")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _open_below(folder: Path, parts: tuple[str, ...]) -> int:
    if not parts or any(p in ("", ".", "..") for p in parts):
        raise NotFollowed(errno.EINVAL, "not a path below the raw folder", "/".join(parts))
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    # O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a regular file).
    leaf_flags = os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not nofollow or os.open not in os.supports_dir_fd:
        # No race-free way here: check each part is no link, then open the path.
        path = folder
        for part in parts:
            path = path / part
            if path.is_symlink():
                raise NotFollowed(errno.ELOOP, "a symbolic link (not followed)", source_file_name(parts))
        return os.open(path, leaf_flags)
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            try:
                sub = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow, dir_fd=fd)
            except OSError as err:
                if err.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise NotFollowed(errno.ELOOP, "a folder on the way is a symbolic link (not followed)", source_file_name(parts)) from None
                raise
            os.close(fd)
            fd = sub
        try:
            return os.open(parts[-1], leaf_flags, dir_fd=fd)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise NotFollowed(errno.ELOOP, "a symbolic link (not followed)", source_file_name(parts)) from None
            raise
    finally:
        os.close(fd)


def read_notice(path: Path, raw_dir: Path) -> RawNotice | IngestProblem:
    """One file of ``raw_dir``, read as the build reads it (links below ``raw_dir`` are not followed)."""
    parts = Path(path).relative_to(raw_dir).parts
    rel = source_file_name(parts)
    try:
        data = read_below(Path(raw_dir), parts)
    except NotFollowed as err:
        return IngestProblem(rel, None, "symlink" if err.errno == errno.ELOOP else "not_a_file", f"{err.strerror}: not read")
    except OSError as err:
        if err.errno == errno.EFBIG:
            return IngestProblem(rel, None, "too_large", err.strerror)
        return IngestProblem(rel, None, "unreadable", f"could not be read: {err.strerror or err}")
    return parse_notice_bytes(data, rel)


def parse_notice_bytes(data: bytes, source_file: str) -> RawNotice | IngestProblem:
    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(source_file).suffix.lower()
    if suffix not in NOTICE_SUFFIXES:
        return IngestProblem(source_file, sha, "unsupported_format", f"file type {suffix or '(none)'!r} is not a notice format (.txt, .html, .htm)")
    if len(data) > MAX_BYTES:
        return IngestProblem(source_file, sha, "too_large", f"{len(data):,} bytes, more than the {MAX_BYTES:,}-byte limit for one notice")
    if not data:
        return IngestProblem(source_file, sha, "empty", "the file is empty")
    decoded = _decode_marked(data) or _decode_unmarked_utf16(data)
    if decoded is None:
        if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
            return IngestProblem(source_file, sha, "binary", "the file holds binary data, not text")
        decoded = decode_bytes(data)
    if decoded is None:
        return IngestProblem(source_file, sha, "undecodable", "the bytes decode as no sensible text in UTF-8, UTF-16, GB18030 or Big5")
    text, encoding = decoded
    if _is_blank(text):
        return IngestProblem(source_file, sha, "empty", "the file holds only white space")
    fmt = "text"
    if suffix in (".html", ".htm") or re.match(r"\s*<(?:!doctype\s+html|html|head|body)\b", text[:500], re.I):
        from fyp.ingest.html import html_to_text

        fmt = "html"
        text = html_to_text(text)
        if _is_blank(text):
            return IngestProblem(source_file, sha, "empty", "the page shows no text (only markup, scripts or page chrome; its content may be loaded by a script)")
    if not is_about_the_domain(text):
        return IngestProblem(
            source_file, sha, "not_a_notice",
            "the text never mentions energy saving, emissions, pollution or what such plans cover (节能/减排/能耗/排放/污染/落后产能/空气质量/碳达峰...)",
        )
    return RawNotice(source_file, sha, encoding, fmt, text, len(data))


# --- is the text a notice of this dataset? --------------------------------------------------------

# A reading in brackets after a character, as traditional pages gloss rare characters: 萬(wàn)噸.
_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}[1-5]?\)")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _domain_words() -> re.Pattern:
    from fyp.text.normalize import to_simplified
    from fyp.vocabularies import load_vocabulary

    words = sorted({to_simplified(row["word"]) for row in load_vocabulary("notice_domain_words")}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE)


def is_about_the_domain(text: str) -> bool:
    """Whether ``text`` uses a word of what energy-saving and emission-reduction plans are about
    (vocabularies/notice_domain_words.csv), judged on the working text: simplified script, half-width,
    with white space and pinyin glosses taken out (节 能, 節(jié)能 and ＰＭ２.５ all count)."""
    words = _domain_words()
    if words.search(text):  # most notices say it plainly: no need to build the working text
        return True
    from fyp.text.normalize import normalize

    work = _PINYIN_GLOSS.sub("", normalize(text).text)
    return words.search(_SPACES.sub("", work)) is not None


# --- bytes → text ---------------------------------------------------------------------------------

# C0 control bytes other than tab, newlines, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
# White space (any Unicode space, U+3000 included) and characters that show nothing.
_BLANK = re.compile("[\\s\ufeff\u200b\u200c\u200d\u2060\u00ad]*")


def _is_blank(text: str) -> bool:
    return _BLANK.fullmatch(text) is not None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.05


def _decode_marked(data: bytes) -> tuple[str, str] | None:
    """Text that starts with a byte-order mark, decoded by it (the mark dropped); None without a mark
    or when the bytes do not follow it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding, errors="strict")
            except UnicodeDecodeError:
                return None
            text = text.removeprefix("\ufeff")
            return (text, encoding) if _is_blank(text) or _cjk_plausibility(text) >= 0.5 else None
    return None


def _decode_unmarked_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark (some export tools write it so), told from binary data by where its
    zero bytes fall: the high byte of every ASCII character (digits, line breaks) is zero, so in UTF-16-LE
    nearly all zeros stand at odd offsets, in UTF-16-BE at even ones. Binary files scatter them. The text
    must then decode strictly, hold no control characters and read as Chinese prose."""
    sample = data[:8192]
    zeros = sample.count(0)
    if len(data) % 2 or zeros < 8:
        return None
    odd = sample[1::2].count(0)
    if odd >= 0.95 * zeros:
        encoding = "utf-16-le"
    elif zeros - odd >= 0.95 * zeros:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        return None
    if text.startswith(("\ufeff", "\ufffe")) or _looks_binary(text.encode("utf-8")):
        return None
    return (text, encoding) if not text.isascii() and _cjk_plausibility(text) >= 0.9 else None


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, GB18030 or Big5;
    None if none gives sensible text."""
    marked = _decode_marked(data)
    if marked is not None or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return marked
    if _decodes(data, "utf-8"):
        text = data.decode("utf-8")
        return (text, "utf-8") if _is_blank(text) or _cjk_plausibility(text) >= 0.5 else None
    candidates = []
    for encoding in ("gb18030", "big5"):
        if _decodes(data, encoding):
            text = data.decode(encoding)
            candidates.append((1.0 if _is_blank(text) else _cjk_plausibility(text), encoding, text))
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


def _cjk_plausibility(text: str) -> float:
    """Share of CJK characters that are among the 3,755 common characters (GB2312 level 1), judged on
    the first CJK characters wherever they stand (a page may open with tens of kilobytes of markup).

    Real prose scores above 0.9 in either script; bytes decoded with the wrong codec score far lower.
    """
    from fyp.text.normalize import to_simplified

    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = codes[(codes - 0x4E00) <= 0x9FFF - 0x4E00][:_PLAUSIBILITY_SAMPLE]
    if not cjk.size:
        # ASCII-only text is plausible as text; the not-a-notice check judges it.
        return 1.0 if text.isascii() else 0.0
    simplified = to_simplified(cjk.tobytes().decode("utf-32-le"))
    codes = np.frombuffer(simplified.encode("utf-32-le"), dtype=np.uint32)
    cjk = codes[(codes - 0x4E00) <= 0x9FFF - 0x4E00] - 0x4E00
    return int(np.count_nonzero(_common_table()[cjk])) / max(1, int(cjk.size))


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
