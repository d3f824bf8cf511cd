"""Regex matching that skips the regex engine's own scan for where a match can start."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, given every position where a match can start, in increasing order.

    Non-overlapping, left to right, like ``finditer``: a start inside the last match is skipped. Worth
    it when the possible starts are rare and cheaper to find (``str.find``, a one-character regex)
    than the engine's trial at every position.
    """
    match = pattern.match
    pos = 0
    for k in starts:
        if k < pos:
            continue
        m = match(text, k)
        if m is not None:
            yield m
            pos = m.end()
