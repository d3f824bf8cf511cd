"""One character-class array of a working text, shared by the scans of one notice.

The targets' sentence scan and the provisions' inline label starts both class every character of the
same working text with a lookup table; here it is one table (a bit per class) and one lookup per text:
the last text asked for is remembered (a notice's stages run one after the other on the same str).
Only BMP code points are classed: an astral one reads as class 0 and its callers class it themselves.
"""

from __future__ import annotations

from functools import lru_cache

SENTENCE_END = 1  # a sentence end of the targets' segmentation: one of SENTENCE_END_CHARS
SENTENCE_END_CHARS = "。;!?\n"
WORTH = 2  # what targets.segmentation.WORTH_RE matches: a decimal digit (\d) or one of WORTH_CHARS
# 十/百/千: Chinese numerals ("六百台", "十二万公里"); 五/年: dates and plan periods.
WORTH_CHARS = "五年百十千"
LABEL_OPENS = 4  # what may stand before an inline provision label: 。;:!?)〕(
LABEL_BEGINS = 8  # what an inline label begins with: a Chinese numeral, \d, 第 or "("
SPACE_TAB = 16  # " " and "\t"

_CN_NUM = "零〇○一二三四五六七八九十百"  # structure.provisions._CN_NUM

_last: tuple[str, object, object] | None = None


@lru_cache(maxsize=1)
def _table():
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint8)
    decimal = [c for c in range(0x10000) if chr(c).isdecimal()]  # what \d matches in a str pattern
    table[decimal] |= WORTH | LABEL_BEGINS
    for ch in WORTH_CHARS:
        table[ord(ch)] |= WORTH
    for ch in SENTENCE_END_CHARS:
        table[ord(ch)] |= SENTENCE_END
    for ch in "。;:!?)〕(":
        table[ord(ch)] |= LABEL_OPENS
    for ch in _CN_NUM + "第(":
        table[ord(ch)] |= LABEL_BEGINS
    for ch in " \t":
        table[ord(ch)] |= SPACE_TAB
    return table


def char_classes(text: str):
    """(code points as ``numpy.uint32``, class bits as ``numpy.uint8``) of ``text``; read-only, shared."""
    global _last
    if _last is not None and _last[0] is text:
        return _last[1], _last[2]
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # "clip" reads an astral code point as U+FFFF, which has no class.
    classes = np.take(_table(), codes, mode="clip")
    classes.flags.writeable = False
    _last = (text, codes, classes)
    return codes, classes
