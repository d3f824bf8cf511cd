"""Chinese numerals → numbers, with cn2an: the one reader of 二〇〇八, 十二, 一百零五, 1.5万 in the project."""

from __future__ import annotations

from functools import lru_cache

# Imported with this module, not at the first number (≈ 0.3 s): a worker forked after the import inherits it.
import cn2an

# Zeros as they are typed in dates (二〇〇八, 二○○八, 二OO八): cn2an reads only 零.
_ZEROS = str.maketrans({"〇": "零", "○": "零", "O": "零", "o": "零", "Ｏ": "零"})


@lru_cache(maxsize=4096)
def chinese_number(text: str) -> float | None:
    """The value of ``text`` written in Chinese or Arabic numerals, or mixed ("1.5万"); None if it is none.

    Digit-by-digit years (二〇〇八 → 2008) and 两 (= 二) are read too.
    """
    s = text.strip().translate(_ZEROS)
    if not s:
        return None
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def chinese_int(text: str) -> int | None:
    """``chinese_number`` for whole numbers (list labels, months, days, years); None otherwise."""
    value = chinese_number(text)
    return int(value) if value is not None and value == int(value) else None
