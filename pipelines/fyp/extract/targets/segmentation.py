"""Paragraphs, sentences and clauses of the working text (the units that dates, subjects and lists live in)."""

from __future__ import annotations

import re

from fyp.structure.codepoints import SENTENCE_END as _END_BIT
from fyp.structure.codepoints import SENTENCE_END_CHARS, WORTH, WORTH_CHARS, char_classes

# --- text structure -------------------------------------------------------------------------
SENTENCE_END = frozenset(SENTENCE_END_CHARS)
PARAGRAPH_END = frozenset("\n")
_CLAUSE_RE = re.compile(r"[,:(《\[【)》\]】]")
_CLAUSE_END = frozenset(",:")
_OPEN = "(《[【"
_CLOSE = ")》]】"

WORTH_RE = re.compile(rf"[\d{WORTH_CHARS}]")
# A sentence without any WORTH_RE character is a no-op in read_sentence (it neither frames, nor sets a
# baseline, nor states a target), so only "worth" sentences are visited. One C-level scan finds
# them: whole sentences without such a character (possessive runs, so no backtracking) are skipped,
# group "s" is the next sentence that has one (optional, so the tail after the last one costs O(n)).
_WORTH_SENTENCE_RE = re.compile(
    rf"(?:[^。;!?\n\d{WORTH_CHARS}]*+[。;!?\n])*+(?P<s>[^。;!?\n\d{WORTH_CHARS}]*+[\d{WORTH_CHARS}][^。;!?\n]*+)?"
)
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


def _worth_sentences_vectorised(text: str) -> list[tuple[int, int]]:
    """The _WORTH_SENTENCE_RE scan with numpy: sentences between sentence ends, kept when one of their
    characters is a WORTH_RE character (the regex engine tests a large class at every character)."""
    import numpy as np

    codes, classes = char_classes(text)
    # A bool mask's nonzero is a fast scan; an int array's counts each element (≈ 3× slower).
    ends = np.flatnonzero((classes & _END_BIT) != 0)
    worth = np.flatnonzero((classes & WORTH) != 0)
    astral = np.flatnonzero(codes > 0xFFFF)
    if astral.size:  # no sentence end there; a decimal digit is possible (U+1D7CE…)
        decimal = [i for i in astral.tolist() if text[i].isdecimal()]
        if decimal:
            worth = np.union1d(worth, decimal)
    if not worth.size:
        return []
    # Sentence k runs from ends[k - 1] + 1 to ends[k] (the last one to the end of the text); a WORTH
    # character at p is in sentence searchsorted(ends, p), p being no end. Those numbers ascend with
    # p: each sentence with one is kept once, in text order.
    k = np.searchsorted(ends, worth)
    k = k[np.concatenate(([True], k[1:] != k[:-1]))]
    starts = np.concatenate(([0], ends + 1))[k]
    stops = np.concatenate((ends, [len(text)]))[k]
    return list(zip(starts.tolist(), stops.tolist()))


# A news page's links to other articles: "上一篇：… 下一篇：…", or a "【延伸阅读】" / "相关新闻" heading over
# a run of headline lines. Their figures are other articles' headlines, not the notice's.
_TAGS = r"(?:<[^>\n]*>\s*)*"
_NEIGHBOUR_LINK = rf"[ \t\u3000]*{_TAGS}(?:上一篇|下一篇|上一条|下一条)[^\n]*"
_LINKS_HEADING = (
    rf"[ \t\u3000]*{_TAGS}[【\[]?(?:延伸阅读|相关阅读|相关新闻|相关链接|相关文章|相关报道|推荐阅读|热点推荐|更多阅读|往期回顾)[】\]]?[:：]?"
    rf"[ \t\u3000]*(?:<[^>\n]*>[ \t\u3000]*)*$")
_NEIGHBOUR_LINK_RE = re.compile(f"^{_NEIGHBOUR_LINK}", re.M)
_LINKS_HEADING_RE = re.compile(f"^{_LINKS_HEADING}", re.M)
# The same after the first line, led by a literal "\n": the regex engine jumps from newline to newline
# in C, where "^" (multiline) is tried at every character (条 and 篇 are in most notices, so the words
# are no prefilter).
_NEIGHBOUR_LINK_NL_RE = re.compile(f"\n{_NEIGHBOUR_LINK}", re.M)
_LINKS_HEADING_NL_RE = re.compile(f"\n{_LINKS_HEADING}", re.M)
# What a line of either kind starts with: one scan tells whether to look for them at all.
_LINK_LINE = rf"[ \t\u3000]*{_TAGS}[【\[]?(?:上一|下一|延伸|相关|推荐|热点|更多|往期)"
_LINK_LINE_RE = re.compile(_LINK_LINE)
_LINK_LINE_NL_RE = re.compile(f"\n{_LINK_LINE}")
_HEADLINE_LINE_MAX = 60


def _line_matches(at_start: re.Pattern, after_newline: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Spans of ``at_start.finditer(text)`` ("^" + a pattern, multiline), found as the match at 0 and the
    ``after_newline`` ("\n" + the same pattern) matches after it, less their newline. Exact because no
    match ends with a newline (each ends with a word or [^\n]*), so the newline before a line is never
    inside the previous match."""
    first = at_start.match(text)
    spans = [first.span()] if first else []
    spans.extend((m.start() + 1, m.end()) for m in after_newline.finditer(text, first.end() if first else 0))
    return spans


def link_zones(text: str) -> list[tuple[int, int]]:
    # Every match of either pattern starts a line with _LINK_LINE (substring tests of the words cost more).
    if not _LINK_LINE_RE.match(text) and not _LINK_LINE_NL_RE.search(text):
        return []
    zones = _line_matches(_NEIGHBOUR_LINK_RE, _NEIGHBOUR_LINK_NL_RE, text)
    for start, end in _line_matches(_LINKS_HEADING_RE, _LINKS_HEADING_NL_RE, text):
        # the headline lines under the heading: short, no sentence end, up to a blank line
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt].strip()
            if not line or len(line) > _HEADLINE_LINE_MAX or "。" in line:
                break
            end = nxt
        zones.append((start, end))
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
