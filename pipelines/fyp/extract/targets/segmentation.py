"""Paragraphs, sentences and clauses of the working text (the units that dates, subjects and lists live in)."""

from __future__ import annotations

import re
from functools import lru_cache

# --- text structure -------------------------------------------------------------------------
SENTENCE_END = frozenset("。;!?\n")
PARAGRAPH_END = frozenset("\n")
_CLAUSE_RE = re.compile(r"[,:(《\[【)》\]】]")
_CLAUSE_END = frozenset(",:")
_OPEN = "(《[【"
_CLOSE = ")》]】"

# 十/百/千: Chinese numerals ("六百台", "十二万公里"); 五/年: dates and plan periods.
WORTH_RE = re.compile(r"[\d五年百十千]")
# A sentence without any WORTH_RE character is a no-op in read_sentence (it neither frames, nor sets a
# baseline, nor states a target), so only "worth" sentences are visited. One C-level scan finds
# them: whole sentences without such a character (possessive runs, so no backtracking) are skipped,
# group "s" is the next sentence that has one (optional, so the tail after the last one costs O(n)).
_WORTH_SENTENCE_RE = re.compile(r"(?:[^。;!?\n\d五年百十千]*+[。;!?\n])*+(?P<s>[^。;!?\n\d五年百十千]*+[\d五年百十千][^。;!?\n]*+)?")
# ";" ending an HTML entity ("#8220;") does not end a sentence (see spans); texts with one take
# the general path.
_ENTITY_SEMICOLON_RE = re.compile(r"(?:#\d{2,5}|&[a-z]{2,6});")


def worth_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (as spans cuts them) that contain a WORTH_RE character,
    outside the links a news page lists to other articles (see link_zones)."""
    if ";" in text and ("#" in text or "&" in text) and _ENTITY_SEMICOLON_RE.search(text):
        found = [(s, e) for p_start, p_end in spans(text, 0, len(text), PARAGRAPH_END)
                 for s, e in spans(text, p_start, p_end, SENTENCE_END) if WORTH_RE.search(text, s, e)]
    elif len(text) < _VECTOR_MIN:
        found = [m.span("s") for m in _WORTH_SENTENCE_RE.finditer(text) if m.start("s") >= 0]
    else:
        found = _worth_sentences_vectorised(text)
    zones = link_zones(text)
    if zones:
        found = [(s, e) for s, e in found if not any(a <= s < b for a, b in zones)]
    return found


# Below this length the regex scan is cheaper than setting up the vectorised one.
_VECTOR_MIN = 500
_SENTENCE_END_CLASS, _WORTH_CLASS = 1, 2


@lru_cache(maxsize=1)
def _char_classes():
    """For every BMP code point: _SENTENCE_END_CLASS, _WORTH_CLASS (what WORTH_RE matches) or 0."""
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint8)
    table[[c for c in range(0x10000) if chr(c).isdecimal()]] = _WORTH_CLASS  # what \d matches in a str pattern
    for ch in "五年百十千":
        table[ord(ch)] = _WORTH_CLASS
    for ch in SENTENCE_END:
        table[ord(ch)] = _SENTENCE_END_CLASS
    return table


def _worth_sentences_vectorised(text: str) -> list[tuple[int, int]]:
    """The _WORTH_SENTENCE_RE scan with numpy: sentences between sentence ends, kept when one of their
    characters is a WORTH_RE character (the regex engine tests a large class at every character)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _char_classes()
    classes = table[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if astral.size:  # no sentence end there; a decimal digit is possible (U+1D7CE…)
        classes[astral] = [_WORTH_CLASS if text[i].isdecimal() else 0 for i in astral.tolist()]
    ends = np.flatnonzero(classes == _SENTENCE_END_CLASS)
    n = len(text)
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [n]))
    worth_before = np.concatenate(([0], np.cumsum(classes == _WORTH_CLASS)))
    keep = worth_before[stops] > worth_before[starts]
    return list(zip(starts[keep].tolist(), stops[keep].tolist()))


# A news page's links to other articles: "上一篇：… 下一篇：…", or a "【延伸阅读】" / "相关新闻" heading over
# a run of headline lines. Their figures are other articles' headlines, not the notice's.
_TAGS = r"(?:<[^>\n]*>\s*)*"
_NEIGHBOUR_LINK_RE = re.compile(rf"^[ \t\u3000]*{_TAGS}(?:上一篇|下一篇|上一条|下一条)[^\n]*", re.M)
_LINKS_HEADING_RE = re.compile(
    rf"^[ \t\u3000]*{_TAGS}[【\[]?(?:延伸阅读|相关阅读|相关新闻|相关链接|相关文章|相关报道|推荐阅读|热点推荐|更多阅读|往期回顾)[】\]]?[:：]?"
    rf"[ \t\u3000]*(?:<[^>\n]*>[ \t\u3000]*)*$", re.M)
_HEADLINE_LINE_MAX = 60


def link_zones(text: str) -> list[tuple[int, int]]:
    if "篇" not in text and "条" not in text and "阅读" not in text and "相关" not in text and "推荐" not in text and "往期" not in text:
        return []
    zones = [m.span() for m in _NEIGHBOUR_LINK_RE.finditer(text)]
    for m in _LINKS_HEADING_RE.finditer(text):
        end = m.end()
        # the headline lines under the heading: short, no sentence end, up to a blank line
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt].strip()
            if not line or len(line) > _HEADLINE_LINE_MAX or "。" in line:
                break
            end = nxt
        zones.append((m.start(), end))
    return zones
_ENTITY_TAIL_RE = re.compile(r"&?#\d{2,5}$|&[a-z]{2,6}$")


_STOP_RES: dict[frozenset, re.Pattern] = {}


def spans(text: str, start: int, end: int, stops) -> list[tuple[int, int]]:
    pat = _STOP_RES.get(stops)
    if pat is None:
        pat = _STOP_RES[stops] = re.compile("[" + re.escape("".join(sorted(stops))) + "]")
    out = []
    s = start
    for m in pat.finditer(text, start, end):
        i = m.start()
        # ";" that closes an HTML entity left in web text ("#8220;") ends nothing.
        if text[i] == ";" and _ENTITY_TAIL_RE.search(text, max(start, i - 7), i):
            continue
        if i > s:
            out.append((s, i))
        s = i + 1
    if end > s:
        out.append((s, end))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    depth = 0
    s = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_END and depth == 0:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out
