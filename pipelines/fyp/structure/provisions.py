"""The notice's own structure (一、 / (一) / 1. / —— ...) as a tree of provisions.

Every provision is a span of the notice: from its label to the start of the next label of the same
or a higher level. Depth is the depth in the tree: a depth-0 root covers the whole text, so every
row extracted elsewhere can be linked to the deepest provision that contains it
(:func:`locate_provision`). A notice that skips levels (only "(一)" and "1.") gets a shallower tree
instead of empty intermediate levels.

Label styles are ranked from the outermost to the innermost, which is how Chinese official
documents nest them (GB/T 9704: 一、 → (一) → 1. → (1)); 第X章/节/条 sit above them and
"——" items below everything.

Labels are found at the start of a line, where they are reliable. Notices copied from the web
often lose their line breaks ("...制订本方案。一、进一步...(一)主要目标。..."); there a label is
only accepted inline when it continues its sequence (the next number after its open sibling, or 1
for a new level), which keeps cross-references and enumerations in running text from opening
provisions at random.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from functools import lru_cache

from fyp.document import NoticeDocument
from fyp.structure.codepoints import LABEL_BEGINS, LABEL_OPENS, SPACE_TAB, char_classes
from fyp.text.matching import matches_at
from fyp.text.numerals import chinese_int

_CN_NUM = "零〇○一二三四五六七八九十百"

# style → rank (smaller = outer). Styles of the same rank are alternatives for one level.
_RANK = {
    "chapter": 0,  # 第一章 / 第一编
    "section": 1,  # 第一节
    "article": 2,  # 第一条
    "cn": 3,  # 一、
    "paren_cn": 4,  # (一)
    "arabic": 5,  # 1. / 1、
    "paren_arabic": 6,  # (1)
    "circled": 7,  # ①
    "dash": 8,  # ——火电行业
}

_LABEL = (
    rf"(?P<chapter>第[{_CN_NUM}\d]{{1,4}}[章编])"
    rf"|(?P<section>第[{_CN_NUM}\d]{{1,4}}节)"
    rf"|(?P<article>第[{_CN_NUM}\d]{{1,4}}条)"
    rf"|(?P<cn>[{_CN_NUM}]{{1,4}}[、.](?![{_CN_NUM}]*[、级类]))"
    rf"|(?P<paren_cn>[(〔][{_CN_NUM}]{{1,4}}[)〕])"
    r"|(?P<arabic>\d{1,3}[.、](?![\d%]))"
    r"|(?P<paren_arabic>\(\d{1,3}\)|\d{1,3}\)(?![\d%]))"
    r"|(?P<circled>[\u2460-\u2473\u2776-\u277f])"
    r"|(?P<dash>(?:——|--|－－|―{2}|─{2})(?=\s*[\u4e00-\u9fff“\"]))"
)
_LINE_START_RE = re.compile(rf"^[ \t]*(?:{_LABEL})", re.M)
# Inline labels: after the end of a sentence, or "(一)" anywhere (it is hardly ever running text).
_INLINE_RE = re.compile(
    rf"[。;:!?)〕][ \t]*(?:(?P<cn>[{_CN_NUM}]{{1,4}}、)|(?P<arabic>\d{{1,3}}[.、](?![\d%]))|(?P<article>第[{_CN_NUM}\d]{{1,4}}条)|(?P<paren_arabic>\(\d{{1,3}}\)))"
    rf"|(?P<paren_cn>\([{_CN_NUM}]{{1,4}}\))"
)
_HEADING_END_RE = re.compile(r"[。;:!?\n]")
_MAX_HEADING = 40
_DIGITS_RE = re.compile(r"\d+")


def _label_number(style: str, label: str) -> int | None:
    if style == "dash":
        return None
    if style == "circled":
        code = ord(label.strip()[0])
        return code - 0x245F if code <= 0x2473 else code - 0x2775
    digits = _DIGITS_RE.search(label)
    if digits:
        return int(digits.group())
    core = "".join(ch for ch in label if ch in _CN_NUM)
    return chinese_int(core) if core else None


# Every _INLINE_RE match starts with one of these characters followed by what can begin a label
# (a Chinese or Arabic digit, 第 or "("). The pattern starts with a character set, so the regex
# engine scans for it in C; trying the many-branched _INLINE_RE only there gives the same matches as
# its finditer, which tries every position of the text.
_INLINE_FIRST_RE = re.compile(rf"[。;:!?)〕(](?=[ \t]*[{_CN_NUM}\d第(])")
# _LINE_START_RE after the first line: a pattern that starts with a literal "\n" lets the regex
# engine jump from newline to newline in C, where "^" (multiline) is tried at every position.
_AFTER_NEWLINE_RE = re.compile(rf"\n[ \t]*(?:{_LABEL})")


@lru_cache(maxsize=4096)
def _cached_label_number(style: str, label: str) -> int | None:
    return _label_number(style, label)


def _inline_matches(work: str):
    """``_INLINE_RE.finditer(work)``, trying the pattern only where a match can start."""
    # _INLINE_FIRST_RE matches one character: every possible start.
    return matches_at(_INLINE_RE, work, _inline_starts(work))


# Below this length the regex scan is cheaper than setting up the vectorised one.
_VECTOR_MIN = 500


def _inline_starts(work: str) -> list[int]:
    """The starts of ``_INLINE_FIRST_RE.finditer(work)``: on a long text, the characters that may open
    a label (from the notice's shared class array) whose next character begins one; the lookahead
    itself decides after a space or before an astral character (the regex engine tests the first
    character class at every character, in a slow loop for CJK text)."""
    if len(work) < _VECTOR_MIN:
        return [f.start() for f in _INLINE_FIRST_RE.finditer(work)]
    import numpy as np

    codes, classes = char_classes(work)
    # A match needs a character after its own. (nonzero reads a bool array several times faster than a uint8 one.)
    opens = np.flatnonzero((classes[:-1] & LABEL_OPENS).astype(bool))
    following = classes[opens + 1]
    direct = (following & LABEL_BEGINS) != 0
    undecided = ((following & SPACE_TAB) != 0) | (codes[opens + 1] > 0xFFFF)
    starts = opens[direct].tolist()
    if undecided.any():
        starts.extend(p for p in opens[undecided].tolist() if _INLINE_FIRST_RE.match(work, p))
        starts.sort()
    return starts

def _candidates(work: str) -> list[tuple[int, int, str, int | None, bool]]:
    """(label start, label end, style, number, at_line_start) in text order, one per position."""
    found: dict[int, tuple[int, int, str, int | None, bool]] = {}
    # _LINE_START_RE never consumes a newline, so its finditer matches are the match at 0 and one
    # _AFTER_NEWLINE_RE match after each newline where a label follows (same named groups).
    first = _LINE_START_RE.match(work)
    for m in ([first] if first else []) + list(_AFTER_NEWLINE_RE.finditer(work)):
        style = m.lastgroup
        s, e = m.span(style)
        found[s] = (s, e, style, _cached_label_number(style, m.group(style)), True)
    for m in _inline_matches(work):
        style = m.lastgroup
        s, e = m.span(style)
        if s not in found:
            found[s] = (s, e, style, _cached_label_number(style, m.group(style)), False)
    return [found[k] for k in sorted(found)]


def _heading(work: str, start: int, limit: int) -> tuple[int, int] | None:
    """Working span of the heading after a label: up to the first sentence end, if it is short."""
    while start < limit and work[start] in " \t":
        start += 1
    m = _HEADING_END_RE.search(work, start, limit)
    end = m.start() if m else limit
    while end > start and work[end - 1].isspace():
        end -= 1
    if end <= start or end - start > _MAX_HEADING:
        return None
    return start, end


def extract_provisions(doc: NoticeDocument) -> list[dict]:
    """The provision tree of ``doc`` in document order, root (whole text) first.

    Keys: provision_id, parent_id, label, heading, text, depth, char_start, char_end; offsets are
    SOURCE offsets and ``text == doc.source[char_start:char_end]``.
    """
    work = doc.working
    n = len(work)
    # Each node: [ws, we_label, style, number, parent_index, depth, end]
    nodes: list[list] = [[0, 0, None, None, None, 0, n]]
    stack: list[int] = [0]
    # Numbering often runs on across parents ((四) under 二、 after (三) under 一、).
    last_number: dict[str, int] = {}
    for s, e, style, number, line_start in _candidates(work):
        rank = _RANK[style]
        # Where the label would attach: pop siblings and deeper levels.
        depth_keep = len(stack)
        while depth_keep > 1 and _RANK[nodes[stack[depth_keep - 1]][2]] >= rank:
            depth_keep -= 1
        if not line_start:
            sibling = None
            for idx in stack[depth_keep:]:
                if nodes[idx][2] == style:
                    sibling = idx
                    break
            expected = (nodes[sibling][3] + 1) if sibling is not None and nodes[sibling][3] is not None else 1
            if number != expected and number != last_number.get(style, 0) + 1:
                continue
        for idx in stack[depth_keep:]:
            nodes[idx][6] = s
        del stack[depth_keep:]
        parent = stack[-1]
        nodes.append([s, e, style, number, parent, nodes[parent][5] + 1, n])
        stack.append(len(nodes) - 1)
        if number is not None:
            last_number[style] = number

    provisions = []
    ids = [f"{doc.notice_id}-p{i:04d}" for i in range(len(nodes))]
    source = doc.source
    # NormalizedText.source_span / evidence without their range check: every span here lies in work.
    offsets = doc.text.offsets
    append = provisions.append
    for i, (ws, wle, style, _number, parent, depth, we) in enumerate(nodes):
        if i == 0:
            cs, ce = 0, len(source)
            label = None
            first_line = work.lstrip()
            head = _heading(work, n - len(first_line), n) if first_line else None
        else:
            while we > ws and work[we - 1].isspace():
                we -= 1
            cs = offsets[ws]
            ce = offsets[we - 1] + 1 if we > ws else cs
            label = source[cs : offsets[wle - 1] + 1].strip() if wle > ws else ""
            # In run-together text the next label may come before any punctuation (the root's end, n, is no
            # label: the last node's limit is its own end).
            following = nodes[i + 1][0] if i < len(nodes) - 1 else n
            head = _heading(work, wle, following if following < we else we)
        if head:
            hs, he = head
            heading = source[offsets[hs] : offsets[he - 1] + 1]  # he > hs: _heading spans are never empty
        else:
            heading = None
        append(
            {
                "provision_id": ids[i],
                "parent_id": ids[parent] if parent is not None else None,
                "label": label,
                "heading": heading,
                "text": source[cs:ce],
                "depth": depth,
                "char_start": cs,
                "char_end": ce,
            }
        )
    return provisions


def provision_locator(provisions: list[dict]):
    """``lambda char_start: locate_provision(provisions, char_start)``, with the index built once.

    For the many lookups of one notice (every extracted row); ``provisions`` must not change while
    the locator is in use.
    """
    if not provisions:
        return lambda char_start: None
    starts = [p["char_start"] for p in provisions]
    positions: dict[str, int] | None = None  # built on the first walk up to a parent (rarely needed)
    bisect_right = bisect.bisect_right

    def locate(char_start: int) -> str | None:
        nonlocal positions
        i = bisect_right(starts, char_start) - 1
        while i >= 0:
            p = provisions[i]
            s, e = p["char_start"], p["char_end"]
            if s <= char_start < e or s == char_start == e:
                return p["provision_id"]
            parent = p["parent_id"]
            if parent is None:
                return None
            if positions is None:
                positions = {q["provision_id"]: k for k, q in enumerate(provisions)}
            i = positions.get(parent, -1)
        return None

    return locate


# locate_provision may be called once per extracted row; the locator of a provision list is built once.
_LOCATOR_CACHE: OrderedDict[int, tuple[list, int, object]] = OrderedDict()
_LOCATOR_CACHE_SIZE = 16


def locate_provision(provisions: list[dict], char_start: int) -> str | None:
    """Id of the deepest provision whose source span contains ``char_start`` (None if none does).

    ``provisions`` must be in document order as :func:`extract_provisions` returns them (parents
    before children, nested spans), so the deepest container is the last provision starting at or
    before the offset, or one of its ancestors.
    """
    if not provisions:
        return None
    key = id(provisions)
    hit = _LOCATOR_CACHE.get(key)
    # The cached entry keeps a reference to the list, so its id cannot be reused while cached;
    # the length check catches lists that were appended to since.
    if hit is not None and hit[0] is provisions and hit[1] == len(provisions):
        _LOCATOR_CACHE.move_to_end(key)
        return hit[2](char_start)
    locate = provision_locator(provisions)
    _LOCATOR_CACHE[key] = (provisions, len(provisions), locate)
    if len(_LOCATOR_CACHE) > _LOCATOR_CACHE_SIZE:
        _LOCATOR_CACHE.popitem(last=False)
    return locate(char_start)
