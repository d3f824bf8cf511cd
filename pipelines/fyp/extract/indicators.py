"""Indicator vocabulary: map an indicator as written to a code of ``vocabularies/indicators.csv``.

The vocabulary lists, for every code, the keywords that select it. The longest keyword found in the
text wins, so specific phrasings beat generic ones (能源消费总量增量 beats 能源消费总量, 主要污染物排放总量
beats 化学需氧量, 单位工业增加值用水量 beats 用水量).
"""

from __future__ import annotations

from functools import lru_cache

from fyp.text.normalize import to_simplified
from fyp.vocabularies import load_vocabulary

OTHER = "other"


@lru_cache(maxsize=1)
def _keywords() -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for row in load_vocabulary("indicators"):
        for kw in (row.get("keywords") or "").split("|"):
            kw = kw.strip()
            if kw:
                pairs.append((_fold(to_simplified(kw)), row["code"]))
    # Longest keyword first; ties keep file order (stable sort).
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple(pairs)


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


@lru_cache(maxsize=8192)
def match_indicator(indicator_text: str) -> tuple[str, str]:
    """(code, keyword that selected it) for ``indicator_text``; (``other``, "") when nothing fits."""
    if not indicator_text:
        return OTHER, ""
    folded = _fold(to_simplified(indicator_text))
    for kw, code in _keywords():
        if kw in folded:
            return code, kw
    return OTHER, ""


def classify_indicator(indicator_text: str) -> str:
    """Vocabulary code for ``indicator_text`` (any script, any width); ``other`` when nothing fits."""
    return match_indicator(indicator_text)[0]


@lru_cache(maxsize=1)
def sector_keyword_codes() -> frozenset[str]:
    """Codes whose keywords name different sectors (落后水泥 vs 落后炼铁), not synonyms of one indicator."""
    return frozenset(row["code"] for row in load_vocabulary("indicators") if row.get("keywords_are_sectors") == "true")


@lru_cache(maxsize=1)
def indicator_labels() -> dict[str, tuple[str, str]]:
    """code → (中文 label, English label)."""
    return {row["code"]: (row["label_zh"], row["label_en"]) for row in load_vocabulary("indicators")}
