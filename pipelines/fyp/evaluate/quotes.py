"""Where a gold quote stands in a notice's source text, and whether two spans meet."""

from __future__ import annotations

import re
from functools import lru_cache

from fyp.text.normalize import normalize

_SPACE_RE = re.compile(r"\s+")


def locate_quote(quote: str, source: str) -> list[tuple[int, int]]:
    """Every source span of ``quote``: exact, in the normalised working text, or ignoring spaces.

    All three together, in source order: a quote stated twice may stand once as written and once broken by a
    line break (text copied from a PDF), and both are where the annotator's words are."""
    spans = {(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), source)}
    norm = _normalized(source)
    q = normalize(quote).text
    spans.update(norm.source_span(m.start(), m.start() + len(q)) for m in re.finditer(re.escape(q), norm.text))
    # Whitespace differences (line breaks, stray spaces between characters).
    compact = _SPACE_RE.sub("", q)
    if compact:
        pattern = r"\s*".join(re.escape(ch) for ch in compact)
        spans.update(norm.source_span(m.start(), m.end()) for m in re.finditer(pattern, norm.text))
    return sorted(spans)


@lru_cache(maxsize=8)
def _normalized(source: str):
    # One normalisation per notice, not per quote: a notice has tens of gold quotes.
    return normalize(source)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
