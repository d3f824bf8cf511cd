"""Source text → working text, with a map from every working-text position back to the source.

Extractors match patterns on the *working* text (simplified script, half-width digits and
punctuation, known mojibake repaired, invisible junk removed) but every row they publish carries
offsets into the *source* text, so that ``source[char_start:char_end]`` is the evidence a reader
can check. The two are linked by :class:`NormalizedText.offsets`.

Every transformation here is character-for-character (one source character becomes zero or one
working character) so the map is exact; that is why traditional→simplified conversion uses
OpenCC one character at a time instead of OpenCC's phrase mode, which may change lengths.

A second pass drops characters that only make sense in context, so that the working text reads as
the words the page spells:

- pinyin glosses that mirror sites print after characters ("節(jié)能", "萬(wàn)噸" → "节能", "万吨");
- a single space between two CJK characters ("氮氧化 物", "二 〇 一二年");
- spaces inside a number: around a decimal point ("6 . 6%") and inside a year ("201 2年", "〔 201 2 〕");
- the carriage return of a CR LF line end (files saved on Windows), so that every line ends in "\n" alone;
- the line breaks of text copied out of a PDF, which ends lines wherever the page was full, inside
  sentences and phrases ("单位生产总值能耗\n降低20%"). A PDF page's text layer has lines as wide as the page
  (ASCII half a cell, measured on the source characters): there a break after a full line is read as
  absent whatever the line ends with, and a shorter line ends where its author ended it. In a text broken
  at varying widths, where most long lines stop in mid-sentence, a break after a long line that ends
  without a sentence end, before a line that goes on, is read as absent. Either way list labels, table
  rows, document numbers, dates, field labels (牵头单位:), titles, salutations and signatures keep their
  breaks, and ordinary notices (whose long lines end in "。" or ":") are left as they are.

Runs of two or more spaces (the cell separators of flattened tables) are kept, and so is a single ideographic
space (U+3000) that separates the cells of a table's rows (a line with two or more such spaces next to another
such line): it becomes a tab, as a word processor's or a page's table comes out when its cells are joined by one.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache

# Characters that stand for something else in notices as they are found on the web.
#  - "燉" is what "/" becomes when GBK text is mis-decoded ("万吨燉年" = "万吨/年").
#  - U+3000 ideographic space and NBSP are plain spaces for matching purposes.
_REPAIRS = {
    "燉": "/",
    "\u3000": " ",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "﹪": "%",
    # Unicode line and paragraph separators and NEL end lines like "\n" (pages and word processors use them).
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
}

# Zero-width and private-use characters carry nothing a reader sees; they are dropped.
_DROP_CATEGORIES = {"Co", "Cf"}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _map_char(ch: str) -> str:
    """The working-text form of one source character ("" to drop it)."""
    if ch in _REPAIRS:
        return _REPAIRS[ch]
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block → ASCII
        ch = chr(code - 0xFEE0)
        return _REPAIRS.get(ch, ch)
    if unicodedata.category(ch) in _DROP_CATEGORIES and ch not in "\n\t":
        return ""
    if _is_ideograph(ch):  # traditional → simplified, one character at a time
        simplified = _t2s().convert(ch)
        if len(simplified) == 1:
            return simplified
    return ch


def _is_ideograph(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


@dataclass(frozen=True)
class NormalizedText:
    """A notice's decoded source text and the working text extractors read."""

    source: str
    text: str
    # offsets[i] is the source index of working character i; offsets[len(text)] == len(source).
    offsets: array
    # Number of CJK characters that traditional→simplified conversion changed.
    converted_chars: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a working-text span [start, end) to the source span covering the same characters."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside working text of length {len(self.text)}")
        if start == end:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1

    def evidence(self, start: int, end: int) -> str:
        """The source text behind a working-text span."""
        s, e = self.source_span(start, end)
        return self.source[s:e]

    @property
    def script(self) -> str:
        """'traditional' when a noticeable share of CJK characters needed converting."""
        if not self.converted_chars:  # a share of nothing: no need to count the CJK characters
            return "simplified"
        import numpy as np

        codes = np.frombuffer(self.source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cjk = int(np.count_nonzero((codes - 0x4E00) <= 0x9FFF - 0x4E00))
        if cjk and self.converted_chars / cjk > 0.02:
            return "traditional"
        return "simplified"


# One lookup table over every code point, filled lazily from _map_char: the working code point of
# each source code point in the low 21 bits, and flags above them. A single gather gives all a
# notice needs (a gather from a table this size costs about as much as the rest of normalize).
_CODE = 0x1FFFFF
_CONVERTS = 1 << 21  # a traditional→simplified conversion
_DROPPED = 1 << 22  # the character is dropped
_UNKNOWN = 1 << 23  # not filled in yet
_LUT = None


def _lookup(codes):
    """(table entry of every code point in ``codes``, bitwise OR of them all)."""
    global _LUT
    import numpy as np

    if _LUT is None:
        _LUT = np.full(0x110000, _UNKNOWN, dtype=np.uint32)
    values = _LUT[codes]
    flags = int(np.bitwise_or.reduce(values)) if values.size else 0
    if flags & _UNKNOWN:
        for code in np.unique(codes[(values & _UNKNOWN) != 0]).tolist():
            ch = chr(code)
            m = _map_char(ch)
            entry = ord(m) if m else _DROPPED
            if m and m != ch and _is_ideograph(ch) and ch not in _REPAIRS:
                entry |= _CONVERTS
            _LUT[code] = entry
        values = _LUT[codes]
        flags = int(np.bitwise_or.reduce(values))
    return values, flags


_IDENTITY = array("l")


def _identity(n: int) -> array:
    """array("l", range(n)), copied from a cached one (a memcpy instead of building it)."""
    global _IDENTITY
    if len(_IDENTITY) < n:
        _IDENTITY = array("l", range(max(n, 2 * len(_IDENTITY))))
    return _IDENTITY[:n]


def normalize(source: str) -> NormalizedText:
    """Build the working text of ``source``; see the module docstring for what changes."""
    # Vectorised over the code points (numpy): one table lookup per character instead of a Python
    # loop. Gives exactly what mapping each character with _map_char in turn gives.
    import numpy as np

    codes = np.frombuffer(source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    values, flags = _lookup(codes)
    n = len(source)
    # Without flags an entry is the working code point itself.
    mapped = values & _CODE if flags & (_CONVERTS | _DROPPED) else values
    if "\u3000" in source:
        cells = _cell_separators(source)
        if cells:
            mapped = mapped.copy() if mapped is values else mapped
            mapped[cells] = 9  # "\t": a cell separator, which no later pass reads as a space between words
    if flags & _DROPPED:
        keep = (values & _DROPPED) == 0
        text = mapped[keep].tobytes().decode("utf-32-le", "surrogatepass")
        offsets = array("l", np.append(np.flatnonzero(keep), n).astype(np.dtype("l")).tobytes())
    else:
        text = mapped.tobytes().decode("utf-32-le", "surrogatepass")
        offsets = _identity(n + 1)
    converted = int(np.count_nonzero(values & _CONVERTS)) if flags & _CONVERTS else 0
    # Which working characters were ASCII in the source (half a cell wide on a page: "，" became "," but
    # was as wide as a character).
    kept = keep if flags & _DROPPED else None
    drops = _context_drops(text, lambda: codes < 0x80 if kept is None else (codes < 0x80)[kept])
    if drops:
        keep = np.ones(len(text), dtype=bool)
        keep[drops] = False
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        text = codes[keep].tobytes().decode("utf-32-le", "surrogatepass")
        positions = np.frombuffer(offsets, dtype=np.dtype("l"))
        offsets = array("l", np.append(positions[:-1][keep], n).astype(np.dtype("l")).tobytes())
    return NormalizedText(source=source, text=text, offsets=offsets, converted_chars=converted)


# A row needs this many single ideographic spaces between its cells (three cells or more).
_MIN_ROW_SEPARATORS = 2


def _cell_separators(source: str) -> list[int]:
    """Source positions of the single ideographic spaces that separate the cells of table rows: on lines
    with at least _MIN_ROW_SEPARATORS of them between two other characters, next to (blank lines aside)
    another such line. A title or a signature with one such space between two issuers is no row."""
    # Most ideographic spaces are indents ("\u3000\u3000一、"): the pattern, led by the space itself, is searched
    # for in C and keeps only those with a character other than a blank on both sides.
    single = [m.start() for m in _INNER_IDEOGRAPHIC_SPACE_RE.finditer(source)]
    if len(single) < 2 * _MIN_ROW_SEPARATORS:
        return []
    rows: list[tuple[int, list[int]]] = []  # (line number, separators) of the lines that read as rows
    line_no, last, seps = 0, 0, []
    for pos in single:
        breaks = source.count("\n", last, pos)
        if breaks:
            if len(seps) >= _MIN_ROW_SEPARATORS:
                rows.append((line_no, seps))
            line_no, seps = line_no + breaks, []
        seps.append(pos)
        last = pos
    if len(seps) >= _MIN_ROW_SEPARATORS:
        rows.append((line_no, seps))
    if len(rows) < 2:
        return []
    blank_lines = _blank_line_numbers(source)
    out: list[int] = []
    for i, (k, seps) in enumerate(rows):
        before = i > 0 and _adjacent(rows[i - 1][0], k, blank_lines)
        after = i + 1 < len(rows) and _adjacent(k, rows[i + 1][0], blank_lines)
        if before or after:
            out.extend(seps)
    return out


_INNER_IDEOGRAPHIC_SPACE_RE = re.compile("\u3000(?<=[^ \t\r\n\u3000\u00a0]\u3000)(?=[^ \t\r\n\u3000\u00a0])")


def _adjacent(a: int, b: int, blank_lines: set[int]) -> bool:
    return all(k in blank_lines for k in range(a + 1, b))


def _blank_line_numbers(source: str) -> set[int]:
    return {k for k, line in enumerate(source.split("\n")) if not line.strip()}


# --- characters dropped in context (on the working text of the first pass) ----------------------

_IDEOGRAPHS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
# A parenthesised pinyin syllable (the character before it is checked where it is used: a regex that
# starts with a look-behind is tried at every position, one that starts with "(" only at brackets).
# A line break may fall inside the gloss, as in a PDF copy of such a page ("穩(w" then "ěn)定"): it goes with it.
_GLOSS_RE = re.compile(f"\\((?=[a-zü{_TONE_MARKED}\\n]{{1,7}}\\))\\n?(?:[a-zü{_TONE_MARKED}]\\n?){{1,6}}\\)")
_TONE_MARK_RE = re.compile(f"[{_TONE_MARKED}]")
# Toneless glosses ("(de)", "(men)") are dropped only on a page that glosses with tone marks this often,
# so that "(kg)" or "(ha)" after a unit on an ordinary page stays.
_TONED_GLOSSES_FOR_TONELESS = 3
_SPACE_BEFORE_IDEOGRAPH_RE = re.compile(f" (?=[{_IDEOGRAPHS}])")
_IDEOGRAPH_RE = re.compile(f"[{_IDEOGRAPHS}]")
# "6 . 6" and "6 .6": a space before the point (a point followed by a space alone may end a list label).
_SPACED_POINT_RE = re.compile(r"\d( +)\.( *)(?=\d)")
# Four digits of a year with spaces among them, then 年 or the closing bracket of a document number.
_SPACED_YEAR_RE = re.compile(r"(?<![\d.])(?:1 ?9|2 ?0) ?\d ?\d(?![\d.])(?=\s*[年〕\]】)])")
_SPACE_BEFORE_DIGIT_RE = re.compile(r" (?=\d)")
_CR_BEFORE_LF_RE = re.compile(r"\r(?=\n)")


def _context_drops(text: str, narrow=None) -> list[int]:
    """Indices of working-text characters to drop because of what stands around them (``narrow``, when
    the source is known: a function giving which characters were ASCII in it)."""
    drops: list[int] = []
    if "\r\n" in text:
        drops.extend(m.start() for m in _CR_BEFORE_LF_RE.finditer(text))
    if "\n" in text:
        drops.extend(_soft_breaks(text, narrow))
    if "(" in text:
        glosses = [
            m for m in _GLOSS_RE.finditer(text)
            if m.start() and _IDEOGRAPH_RE.match(text, m.start() - 1) and m.group().count("\n") <= 1
        ]
        if glosses:
            toned = sum(1 for m in glosses if _TONE_MARK_RE.search(m.group()))
            for m in glosses:
                if toned >= _TONED_GLOSSES_FOR_TONELESS or _TONE_MARK_RE.search(m.group()):
                    drops.extend(range(m.start(), m.end()))
    if " " in text:
        for m in _SPACE_BEFORE_IDEOGRAPH_RE.finditer(text):
            i = m.start()
            if i and _IDEOGRAPH_RE.match(text, i - 1):
                drops.append(i)
        if " ." in text:
            for m in _SPACED_POINT_RE.finditer(text):
                drops.extend(range(m.start(1), m.end(1)))
                drops.extend(range(m.start(2), m.end(2)))
        if any(m.start() and text[m.start() - 1].isdigit() for m in _SPACE_BEFORE_DIGIT_RE.finditer(text)):
            for m in _SPACED_YEAR_RE.finditer(text):
                drops.extend(i for i in range(m.start(), m.end()) if text[i] == " ")
    if not drops:
        return drops
    return sorted(set(drops))


# --- line breaks of text copied from a PDF --------------------------------------------------------

# A line that ends with none of these stops in mid-sentence (")" ends a heading or an agency note).
_SENTENCE_ENDS = "。;:!?…)】〕」』"
# A break before a line that starts without an indent (the line before it is looked at from the break:
# a regex led by the line's last character would be tried at every character of the text).
_BREAK_BEFORE_TEXT_RE = re.compile(r"\n(?=\S)")
# What a soft-broken line is at least as long as (a line of a PDF page holds 20-40 characters).
_MIN_WRAPPED_LINE = 15
# Only a text whose long lines mostly end in mid-sentence is hard-wrapped: at least this many such
# lines, and at least this share of the long lines.
_MIN_WRAPPED_LINES = 5
_MIN_WRAPPED_SHARE = 0.45
_CN_DIGITS = "一二三四五六七八九十百零〇"
# The start of a line that begins something new: a list label, an attachment or copy note, a date line,
# a document number line, a table row.
_NEW_LINE_START_RE = re.compile(
    f"(?:第[{_CN_DIGITS}\\d]{{1,4}}[章节条编]|[{_CN_DIGITS}]{{1,3}}[、.]|\\([{_CN_DIGITS}\\d]{{1,3}}\\)"
    f"|\\d{{1,3}}[、)]|\\d{{1,3}}\\.(?!\\d)|[\u2460-\u2473\u2776-\u277f\u25cf\u25a0\u2022]|——|--"
    f"|附件|抄送|(?:19|20)\\d\\d\\s*年\\s*\\d{{1,2}}\\s*月\\s*\\d{{1,2}}\\s*日\\s*$"
    f"|\\S{{1,12}}[〔\\[]\\s*(?:19|20)\\d\\d\\s*[〕\\]]\\s*\\d+\\s*号\\s*$|.*\\|)"
)
_LABELLED_LINE_RE = re.compile(
    f"[ \\t]*(?:第[{_CN_DIGITS}\\d]{{1,4}}[章节条编]|[{_CN_DIGITS}]{{1,3}}[、.]"
    f"|\\([{_CN_DIGITS}\\d]{{1,3}}\\)|\\d{{1,3}}[.、])"
)
_CLAUSE_MARK_RE = re.compile("[,、。;:]")
# Lines that stand alone whatever they end with: a document number, a date, a table row (cells apart
# by runs of spaces or "|", or a number after a space at the end).
# Pieces of the stand-alone lines below: a document number ("〔2007〕15号"), a date ("2007年6月3日",
# "2023-03-09 16:42:07"), table cells (a run of spaces or a tab between two characters, "|").
_DOC_NUMBER = r"[〔\[]\s*(?:19|20)\d\d\s*[〕\]]\s*\d+\s*号"
_DATE_CN = r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_DATE_ISO = r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?"
_CELLS = r"\S(?: {2,}|\t)\S|\|"
_STANDALONE_LINE_RE = re.compile(rf"(?:{_DOC_NUMBER}|{_DATE_CN}|\s-?\d[\d.,]*%?|{_DATE_ISO})\s*$|{_CELLS}")
# A line's own field label: "牵头单位:", "【责任单位:", "完成时限:" (such a line starts anew).
_FIELD_LINE_RE = re.compile(
    r"[【\[(]?(?:(?:牵头|责任|配合|协办|主办|参与|实施|主管)(?:单位|部门)|(?:完成|实施)?(?:时限|时间)|(?:发布|印发|成文)?日期|来源)"
    r"\s*:\s*\S"
)
# What a line that follows stands alone as: a table row, a date, a document number (a number at its end
# alone is not enough: a wrapped line may end in one).
_STANDALONE_NEXT_RE = re.compile(rf"(?:{_DOC_NUMBER}|{_DATE_CN}|{_DATE_ISO})\s*$|{_CELLS}")
# The last characters (before trailing blanks) the end-anchored alternatives of the two above end with
# (with any decimal digit): a line that ends otherwise and holds no "|", double space or tab cannot match.
_STANDALONE_ENDS = "号日%.,"


def _search_standalone(pattern: re.Pattern, line: str) -> re.Match | None:
    """``pattern.search(line)`` for _STANDALONE_LINE_RE and _STANDALONE_NEXT_RE, tried only when a cheap
    look at the line's end and a few literals says it can match (each starts with a character class,
    so a search is tried at every character of a long line)."""
    # The runs of spaces or tabs the patterns look for stand between two characters: a line's indent
    # (two spaces in most notices) is no such run.
    core = line.strip()
    last = core[-1:]
    if last and (last in _STANDALONE_ENDS or last.isdecimal()) or "|" in core or "  " in core or "\t" in core:
        return pattern.search(line)
    return None


# An attachment note ends where its title does ("附件:某市节能减排工作方案"); a page's source line where
# its furniture does ("来源:某市生态环境局 【字体:大 中 小】 打印本页").
_ATTACHMENT_LINE_RE = re.compile(r"\s*(?:附件\s*\d*|来源)\s*:")
_SIGNATURE_MAX = 25
_OPENING = "([【〔《“‘"
# A year and a comma open a sentence ("2009年,全市…"); inside one a year follows a word like 到 or 比.
_YEAR_OPENING_RE = re.compile(r"(?:19|20)\d\d年(?:[一二三四]季度|上半年|以来)?,")
_BEFORE_YEAR = "到至于在截比自从前止底和、与及或"
_SALUTATION_MAX = 40
_NUMBER_END_RE = re.compile(r"\s-?\d[\d.,]*%?\s*$")
# What goes on after a number: its unit, or the 年 of a year.
_UNIT_STARTS = "年月日号%万亿千百个吨元米度倍项家户台辆座处类种批条所名人次块"
_DATE_LINE_RE = re.compile(
    f"\\s*(?:{_DATE_CN}|[{_CN_DIGITS}○ ]{{4,8}}年[{_CN_DIGITS}○ ]{{1,4}}月[{_CN_DIGITS}○ ]{{1,5}}日)\\s*$"
)


# The last words of a title: a notice's title ends with the kind of document it is.
_TITLE_ENDS = (
    "通知", "方案", "计划", "意见", "办法", "规划", "要点", "细则", "决定", "通告", "公告", "规定", "纲要",
    "表", "清单", "名单",
)
# What goes on a sentence: a line that starts with one of these continues the line before it.
_CONTINUES = "的》”’)】〕」』,、。;:!?%"
_SENTENCE_MARK_RE = re.compile("[,;。:]")
# A parenthesised pinyin gloss at the end of a line ("節(jié)"): dropped later, so the line ends in mid-word.
_GLOSS_END_RE = re.compile(f"[{_IDEOGRAPHS}]\\([a-zü{_TONE_MARKED}]{{1,6}}\\)$")
# A line of a fixed-width page is within this many cells of the page's width (a number that may not be
# split pushes a line past it, ASCII takes half a cell, a justified line may hold one character less).
_FULL_BELOW, _FULL_ABOVE = 1.0, 3.0
# A fixed-width page: at least this many long lines are full, at least this share of the long lines,
# and most of them stop in mid-sentence ...
_MIN_FULL_LINES = 3
_MIN_FULL_SHARE = 0.35
_MIN_FULL_MID_SHARE = 0.6
# ... and most of the long lines that stop in mid-sentence are full (text broken at varying widths has a
# few lines of any one width).
_MIN_FULL_OF_MID = 0.6


# Characters that take half a cell on a page (the working text has made "，" ":" half-width: they were
# full-width on the page, so only these count as narrow).
_HALF_CELL_RE = re.compile(r"[0-9A-Za-z .%]")


def _widths(raw_lines: list[str], which: list[int], narrow) -> dict[int, float]:
    """Cells lines ``which`` of ``text.split("\\n")`` take on a page (trailing blanks aside): one per
    character, half for an ASCII one (``narrow``, a boolean array over the text, says which were; without
    it digits, Latin letters, spaces, "." and "%" are)."""
    if narrow is None:
        return {k: len(t) - 0.5 * _HALF_CELL_RE.subn("", t)[1] for k, t in ((k, raw_lines[k].rstrip()) for k in which)}
    import numpy as np

    starts = list(accumulate((len(line) + 1 for line in raw_lines), initial=0))
    first = [starts[k] for k in which]
    lengths = [len(raw_lines[k].rstrip()) for k in which]
    counts = np.concatenate(([0], np.cumsum(narrow, dtype=np.int64)))
    at = np.asarray(first, dtype=np.int64)
    narrow_chars = (counts[at + np.asarray(lengths, dtype=np.int64)] - counts[at]).tolist() if which else []
    return {k: n - 0.5 * c for k, n, c in zip(which, lengths, narrow_chars, strict=True)}


def _ends_mid_sentence(line: str) -> bool:
    tail = line.rstrip(" \t")
    if tail[-1:] == "." and not tail[-2:-1].isdigit():
        return False  # a full stop typed as ASCII ("…改善目标."); "6." may be a number the line cut
    if not tail:
        return False
    return tail[-1] not in _SENTENCE_ENDS or tail[-1] == ")" and _GLOSS_END_RE.search(tail[-9:]) is not None


def _is_title(line: str, following: str) -> bool:
    """``line`` (which ends in a kind of document) reads as a title of its own: no clause marks, and the
    next line does not go on with it ("的通知", "》")."""
    return not _SENTENCE_MARK_RE.search(line) and following[:1] not in _CONTINUES


def _long_mid_sentence_breaks(text: str) -> list[int]:
    """Positions of the breaks after a line longer than _MIN_WRAPPED_LINE (trailing blanks and a CR aside)
    that stops in mid-sentence (its last character is no sentence end), before a line that starts
    without an indent."""
    found: list[int] = []
    for m in _BREAK_BEFORE_TEXT_RE.finditer(text):
        at = m.start()
        j = at - 1  # the line's last character, a CR and trailing blanks aside
        if j >= 0 and text[j] == "\r":
            j -= 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j - text.rfind("\n", 0, at) > _MIN_WRAPPED_LINE and not text[j].isspace() and text[j] not in _SENTENCE_ENDS:
            found.append(at)
    return found


def _soft_breaks(text: str, narrow=None) -> list[int]:
    """Indices of the line breaks (and their carriage returns) of a hard-wrapped text that fall inside a sentence.

    Two kinds of hard-wrapped text: a PDF page's text layer, whose lines are all as wide as the page
    (within a cell or two) save a paragraph's last; there a break after a full line is soft whatever the
    line ends with, and a break after a shorter line is real (a heading, a title, a paragraph's end). And
    text broken at varying widths (copied out of a viewer, re-flowed), where a break is soft when the line
    before it is long and stops in mid-sentence.
    """
    first = _long_mid_sentence_breaks(text)
    if len(first) < _MIN_FULL_LINES:
        return []
    raw_lines = text.split("\n")
    lines = [line.rstrip("\r") for line in raw_lines]
    long_lines = [k for k, line in enumerate(lines) if len(line.strip()) >= _MIN_WRAPPED_LINE]
    n_long = len(long_lines)
    widths = _widths(raw_lines, long_lines, narrow() if narrow is not None else None)
    page = _page_width([widths[k] for k in long_lines])
    # A fixed-width page needs this many full lines; fewer lines share any width at all: no page.
    needed = max(_MIN_FULL_LINES, _MIN_FULL_OF_MID * len(first))
    if sum(1 for k in long_lines if page - _FULL_BELOW <= widths[k] <= page + _FULL_ABOVE) >= needed:
        # Table rows and date lines stand alone whatever their width (rows of one table are often as wide).
        long_lines = [k for k in long_lines if not _stands_alone(lines[k], lines[k + 1] if k + 1 < len(lines) else "")]
        page = _page_width([widths[k] for k in long_lines])
    else:
        page = -10.0  # no line is full
    full = [
        k for k in long_lines
        if page - _FULL_BELOW <= widths[k] <= page + _FULL_ABOVE and k + 1 < len(lines)
        and (lines[k + 1][:1].strip() or lines[k + 1][:2].startswith(" ") and lines[k + 1][1:2].strip())
        and not lines[k].rstrip().endswith(":")  # "通知如下:", a salutation: what follows starts anew
    ]
    full_mid = sum(1 for k in full if _ends_mid_sentence(lines[k]))
    fixed = (
        len(full) >= _MIN_FULL_LINES
        and len(full) >= _MIN_FULL_SHARE * len(long_lines)
        and full_mid >= _MIN_FULL_MID_SHARE * len(full)
        and full_mid >= _MIN_FULL_OF_MID * len(first)
    )
    if fixed:
        # Full lines, and lines wider than the page that stop in mid-sentence (a page's lines are never
        # wider: such a line was broken some other way); a shorter line ends where its author ended it.
        wide = [k for k in long_lines if widths[k] > page + _FULL_ABOVE and _ends_mid_sentence(lines[k])]
        # A page's copy of a text that was hard-wrapped already (a PDF of a PDF copy): the rest of each
        # of its lines stands on a short line after a full one; when most such lines stop in
        # mid-sentence, they are read as lines of varying width.
        full_lines = set(full)
        tails = [k for k in range(1, len(lines)) if k - 1 in full_lines and lines[k].strip() and k not in full_lines]
        mid_tails = [
            k for k in tails if k + 1 < len(lines) and lines[k + 1][:1].strip() and _ends_mid_sentence(lines[k])
        ]
        if len(mid_tails) >= _MIN_WRAPPED_LINES and len(mid_tails) >= _MIN_WRAPPED_SHARE * len(tails):
            wide += mid_tails
        breaks = sorted(set(full) | {k for k in wide if k + 1 < len(lines) and lines[k + 1][:1].strip()})
    else:
        if len(first) < _MIN_WRAPPED_LINES or len(first) < _MIN_WRAPPED_SHARE * n_long:
            return []
        breaks = [
            k for k in long_lines
            if k + 1 < len(lines) and lines[k + 1][:1].strip() and _ends_mid_sentence(lines[k])
        ]
        # Counted again without the lines that stand alone (a page's source line, a table row, a date)
        # and once each (a page repeats its title as its headline): a page's furniture does not make a
        # text hard-wrapped.
        own = {
            lines[k].strip() for k in breaks
            if not _ATTACHMENT_LINE_RE.match(lines[k]) and not _stands_alone(lines[k], lines[k + 1])
        }
        if len(own) < _MIN_WRAPPED_LINES:
            return []
    full_set = set(full) if fixed else set()
    newline_at = [m.start() for m in re.finditer("\n", text)]
    drops: list[int] = []
    for k in breaks:
        line, following = lines[k], lines[k + 1]
        if _stands_alone(line, following) or _NEW_LINE_START_RE.match(following):
            continue
        field = _FIELD_LINE_RE.match(following) and line.rstrip()[-1:] not in _OPENING
        if _search_standalone(_STANDALONE_NEXT_RE, following) or field or _ATTACHMENT_LINE_RE.match(line):
            continue  # a table row, a date, a field's label, an attachment's title: lines of their own
        if _is_signature(lines, k + 1):
            continue  # the issuer's name above the date that ends a notice
        if _YEAR_OPENING_RE.match(following) and line.rstrip()[-1:] not in _BEFORE_YEAR:
            continue  # "2009年," opens a sentence: the line before ended one (a headline: "…能耗要下降3%")
        stripped = line.strip()
        if stripped.endswith(_TITLE_ENDS) and _is_title(line, following):
            continue  # a title before the text or its salutation: "某省节能减排工作方案"
        if len(following.strip()) <= _SALUTATION_MAX and following.rstrip().endswith(":"):
            if not _SENTENCE_MARK_RE.search(line):
                continue  # the title before "各市人民政府:" (a salutation's first line has commas)
        if not fixed or k not in full_set:
            short = len(following.strip()) < _MIN_WRAPPED_LINE and following.rstrip()[-1:] not in _SENTENCE_ENDS
            if short and not (stripped + following.strip()).endswith(_TITLE_ENDS):
                continue  # a short line of its own (a table's header cell), not a paragraph's or a title's last words
            if _LABELLED_LINE_RE.match(line) and not _CLAUSE_MARK_RE.search(line):
                continue  # a heading: "(三)加快淘汰落后产能和推进重点领域节能"
        nl = newline_at[k]
        drops.extend((nl - 1, nl) if text[nl - 1] == "\r" else (nl,))
        if following[:1] == " " and _IDEOGRAPH_RE.match(following, 1) and _IDEOGRAPH_RE.match(line[-1:] or "-"):
            drops.append(nl + 1)  # "氮氧化\n 物": one space (no indent) between the words a page ran on
    return drops


def _stands_alone(line: str, following: str) -> bool:
    """``line`` is a line of its own (a table row, a date, a document number); one that ends in a number
    is not when the next line goes on with the number's unit ("降低目标(%) 2007" then "年万元GDP能耗")."""
    if not _search_standalone(_STANDALONE_LINE_RE, line):
        return False
    number = _NUMBER_END_RE.search(line)
    if not number or following[:1] not in _UNIT_STARTS:
        return True
    return _search_standalone(_STANDALONE_LINE_RE, line[: number.start()]) is not None


def _is_signature(lines: list[str], k: int) -> bool:
    """Line ``k`` is a signature: a short line without clause marks just above a date line."""
    name = lines[k].strip()
    if not name or len(name) > _SIGNATURE_MAX or _SENTENCE_MARK_RE.search(name):
        return False
    after = next((lines[j] for j in range(k + 1, min(k + 3, len(lines))) if lines[j].strip()), "")
    return _DATE_LINE_RE.match(after) is not None


def _page_width(widths: list[float]) -> float:
    """The width most long lines share (the page's, in a text copied out of a PDF): the whole number of
    cells W with the most lines between W - _FULL_BELOW and W + _FULL_ABOVE, the narrower on a tie."""
    if not widths:
        return 0.0
    low, below, above = int(min(widths)), int(_FULL_BELOW), int(_FULL_ABOVE)
    counts = [0] * (int(max(widths)) - low + 1)
    for w in widths:
        counts[int(w) - low] += 1
    prefix = [0, *accumulate(counts)]  # prefix[i]: lines narrower than low + i cells

    def band(i: int) -> int:
        return prefix[min(i + above + 1, len(counts))] - prefix[max(i - below, 0)]

    best = max((i for i, n in enumerate(counts) if n), key=lambda i: (band(i), -i))
    return float(low + best)


class _WorkingChars(dict):
    """``str.translate`` table of _map_char, filled as characters are met (None drops one)."""

    def __missing__(self, code: int) -> str | None:
        value = self[code] = _map_char(chr(code)) or None
        return value


_WORKING_CHARS = _WorkingChars()


def to_simplified(text: str) -> str:
    """Working form of a short string (e.g. a gold annotation or a vocabulary entry): ``normalize(text).text``.

    Extractors call it on short phrases many times a notice; ``str.translate`` skips building the
    arrays and offsets of ``normalize``, which cost tens of microseconds even for a few characters.
    """
    text = text.translate(_WORKING_CHARS)
    drops = _context_drops(text)
    if not drops:
        return text
    dropped = set(drops)
    return "".join(ch for i, ch in enumerate(text) if i not in dropped)
