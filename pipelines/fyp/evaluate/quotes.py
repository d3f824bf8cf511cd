"""Where a gold quote stands in a notice's source text, and whether two spans meet."""

from __future__ import annotations

import re

from fyp.text.normalize import normalize

_SPACE_RE = re.compile(r"\s+")


def locate_quote(quote: str, source: str) -> list[tuple[int, int]]:
    """Every source span of ``quote``: exact, else in the normalised working text, else ignoring spaces."""
    spans = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), source)]
    if spans:
        return spans
    norm = normalize(source)
    q = normalize(quote).text
    spans = [norm.source_span(m.start(), m.start() + len(q)) for m in re.finditer(re.escape(q), norm.text)]
    if spans:
        return spans
    # Whitespace differences (line breaks, stray spaces between characters).
    compact = _SPACE_RE.sub("", q)
    if not compact:
        return []
    pattern = r"\s*".join(re.escape(ch) for ch in compact)
    return [norm.source_span(m.start(), m.end()) for m in re.finditer(pattern, norm.text)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
