"""Quantities in working text: a number, an optional magnitude (万/亿), a unit and a qualifier.

Units come from ``vocabularies/units.csv`` (unit as written → base unit and factor); 万 and 亿 in
front of a countable/measurable unit multiply the factor. Chinese numerals are read by
``fyp.text.numerals.chinese_number`` (cn2an) where they stand before 个百分点, a 万/亿 unit (两个百分点, 三万吨)
or, holding 十/百/千, any unit (六百台, 一千八百蒸吨); 百分之N is N %, 翻一番 100 %. A ratio unit may be written
with its denominator first ("每千瓦时365克标准煤", "每吨不低于0.8元").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fyp.text.numerals import chinese_number
from fyp.vocabularies import load_vocabulary

_MAGNITUDES = {"万": 1e4, "亿": 1e8}
# Unit kinds that take a 万/亿 magnitude ("万吨", "亿立方米"); ratios and prices do not.
_SCALABLE = {"energy", "mass", "volume", "area", "length", "count", "power", "capacity"}

# Count units that start a longer word rather than end a quantity ("2个月", "50万人口", "处理").
_UNIT_BLOCKERS = {
    "个": "月|工作日|季度|小时|百分点",
    "人": "口|员|民|次|均",
    "处": "理|置|罚|分",
    "所": "有|属|在|需|得",
    "台": "账|阶",
    "户": "籍|口",
    "家": "庭|用|居",
    "项": "目",
    "座": "谈",
    "套": "餐",
    "亩": "产",
    "天": "然|津|数|空|气|地|平|下",
    "条": "件|例|款|规|线",
    "支": "持|付|出|撑|援|柱|流|队",
    "只": "要|有|能|是",
    "口": "径|岸|罩|号|子|头|碑|味|感|腔|令|气",  # "沼气池3000口" (wells, pits), not "3个口径"
}

_QUALIFIERS = {
    "及以上": "at_least",
    "以上": "at_least",
    "及以下": "at_most",
    "以下": "at_most",
    "以内": "at_most",
    "之内": "at_most",
    "左右": "about",
    "上下": "about",
}
# The qualifier words as a pattern, longer first where one ends another (及以上 before 以上).
_QUALIFIER_WORDS = "(?:" + "|".join(_QUALIFIERS) + ")"


@dataclass(frozen=True)
class Unit:
    text: str  # as written in working text, spaces removed
    name: str  # as published: the written form, or the name units.csv gives a symbol spelled several ways (μg/m3)
    base_unit: str
    factor: float
    kind: str


@lru_cache(maxsize=1)
def unit_table() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for row in load_vocabulary("units"):
        base = Unit(row["unit"], row.get("name") or row["unit"], row["base_unit"], float(row["factor"]), row["kind"])
        table[base.text] = base
        if base.kind in _SCALABLE:
            for mag, mult in _MAGNITUDES.items():
                table[mag + base.text] = Unit(mag + base.text, mag + base.name, base.base_unit, base.factor * mult, base.kind)
    return table


def _unit_spellings() -> set[str]:
    """What a unit pattern matches after the optional 万/亿: a unit the table lists only with its
    magnitude ("万米": a bare 米 is a dimension, not an amount) is matched without it, and
    quantity_from_match finds no unit for the bare form."""
    return {u.text[1:] if u.text[0] in _MAGNITUDES else u.text for u in unit_table().values()}


_INNER_SPACE = "[ \u3000]?"


def _unit_alternation() -> str:
    parts = []
    for text in sorted(_unit_spellings(), key=len, reverse=True):
        # A stray space may split a unit's characters ("30万平方 米", "万吨 标准煤": a page's spacing or a wrap).
        pat = _INNER_SPACE.join(r"\s*/\s*" if ch == "/" else re.escape(ch) for ch in text).replace(
            _INNER_SPACE + r"\s*/\s*" + _INNER_SPACE, r"\s*/\s*")
        blocker = _UNIT_BLOCKERS.get(text) if len(text) == 1 else None
        if blocker:
            pat += f"(?!{blocker})"
        parts.append(pat)
    return "|".join(parts)


_NUM = r"\d+(?:\.\d+)?"
# "一万零五百", "三万五千": a numeral with an inner 万 (the 万 of "三万吨" is the magnitude, no digit after it).
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:万[零〇一二两三四五六七八九十百千]+)?(?:点[零〇一二三四五六七八九]+)?"

# Speed-ups of QUANTITY_RE that match exactly what the plain pattern matches: a lookahead for the
# first characters of the units spares trying every unit in turn after each number, and, as long
# as no unit starts with a digit or ".", giving digits back (backtracking) can never help a match.
_UNIT_FIRST = sorted({t[0] for t in _unit_spellings()})
_UNIT_AHEAD = "(?=[" + "".join(re.escape(c) for c in _UNIT_FIRST) + "])"
_NUM_FAST = r"\d++(?:\.\d+)?" if not any(c.isdecimal() or c == "." for c in _UNIT_FIRST) else _NUM

QUANTITY_RE = re.compile(
    # A range ("1—2个", "40%-45%") is read as its lower bound, at_least.
    rf"(?P<num>{_NUM_FAST})(?:\s*%?\s*[-—–~～至]\s*(?P<num2>{_NUM_FAST}))?\s*(?P<mag>[万亿])?(?P<duo>多|余)?\s*"
    rf"{_UNIT_AHEAD}(?P<unit>{_unit_alternation()})"
    rf"(?P<qual>\s*{_QUALIFIER_WORDS})?"
)
CN_QUANTITY_RE = re.compile(
    # The lookahead (the first characters of _CN_NUM) lets the scan skip other positions at once.
    # A numeral starts with a digit word or 十 ("百家", "千瓦" are words); 第 before it is an ordinal.
    rf"(?=[零〇一二两三四五六七八九十])(?<![零〇一二两三四五六七八九十百千万亿第])(?P<num>{_CN_NUM})(?P<mag>[万亿])?(?P<duo>多|余)?"
    rf"{_UNIT_AHEAD}(?P<unit>个百分点|{_unit_alternation()})"
    rf"(?P<qual>{_QUALIFIER_WORDS})?"
)
# "比2010年翻一番": doubling is an increase of 100%, 翻两番 of 300% (the span is the 番 count, 翻 its verb).
DOUBLING_RE = re.compile(r"(?<=翻)(?P<num>[一两二三])番")
_DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3}
# "百分之二十", "百分之七以上": a percentage written out.
CN_PERCENT_RE = re.compile(
    rf"百分之(?P<num>{_CN_NUM}|{_NUM})(?P<qual>{_QUALIFIER_WORDS})?"
)


def _per_units() -> tuple[str, str]:
    """Numerators and denominators of the ratio units ("克标准煤/千瓦时" → 克标准煤, 千瓦时)."""
    nums, dens = set(), set()
    for text in unit_table():
        if text.count("/") == 1:
            a, b = text.split("/")
            nums.add(a)
            dens.add(b)
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    return alt(nums), alt(dens)


_PER_NUMS, _PER_DENS = _per_units()
# Lazy, so that a numerator starting with 千 stays the unit's: "三百二十千克标准煤" is 320 千克标准煤.
_CN_NUM_LAZY = _CN_NUM.replace("]+", "]+?", 1)
# A ratio with its denominator written first ("降至每千瓦时365克标准煤", "控制在每吨14200千瓦时以内",
# "每吨不低于0.8元"): the unit is numerator/denominator when units.csv lists that ratio.
PER_QUANTITY_RE = re.compile(
    rf"每(?P<den>{_PER_DENS})(?P<modal>不低于|不少于|不超过|不高于|不大于|约为|约|为)?"
    rf"(?P<num>{_NUM}|{_CN_NUM_LAZY})(?P<unit>{_PER_NUMS})"
    rf"(?P<qual>{_QUALIFIER_WORDS})?"
)
# Bare numbers inside a 分别 list, where the unit may be written once for the whole list or garbled.
LIST_NUMBER_RE = re.compile(
    rf"(?P<num>{_NUM})\s*(?P<mag>[万亿])?(?P<duo>多|余)?\s*(?P<unit>{_unit_alternation()})?"
    rf"(?P<qual>\s*{_QUALIFIER_WORDS})?"
)


# No quantity pattern can match or look ahead at a clause separator ("," or ":"): the rest of each
# pattern is digits, numerals, magnitudes, qualifiers and whitespace. Then a scan of a whole sentence
# finds exactly the quantities that scans of its clauses find (targets.py relies on it).
CLAUSE_SAFE = not any(sep in t for t in [*unit_table(), *_UNIT_BLOCKERS.values()] for sep in ",:")


@dataclass(frozen=True)
class Quantity:
    start: int  # working-text span of number+unit+qualifier
    end: int
    num_end: int  # end of number+unit, before the qualifier
    value: float
    unit: str | None  # as published (Unit.name, magnitude included); None when a list element lacks one
    base_unit: str | None
    factor: float | None
    kind: str | None
    qualifier: str | None  # from a trailing 以上/以内/左右/多; None when absent
    is_range: bool = False


def quantity_from_match(m: re.Match, *, chinese: bool = False) -> Quantity | None:
    num, unit_text, mag, duo, qual_text = m.group("num", "unit", "mag", "duo", "qual")
    if chinese:
        # A one-digit numeral without 万/亿 is a word more often than an amount ("一座城市", "两台锅炉
        # 之一"): only numerals that hold 十/百/千 are read before an ordinary unit.
        if not mag and unit_text != "个百分点" and not _several_digits(num):
            return None
        value = chinese_number(num)
        if value is None:
            return None
    else:
        value = float(num)
    mag = mag or ""
    qual_text = (qual_text or "").strip()
    qualifier = _QUALIFIERS.get(qual_text)
    if duo:
        qualifier = qualifier or "at_least"
    is_range = "num2" in m.re.groupindex and bool(m.group("num2"))
    if is_range:
        qualifier = qualifier or "at_least"
    num_end = m.end("unit") if unit_text else m.end("num")
    if unit_text is None:
        return Quantity(m.start(), m.end(), num_end, value, None, None, None, None, qualifier, is_range)
    unit_text = "".join(unit_text.split())
    full = mag + unit_text if mag else unit_text
    unit = unit_table().get(full)
    if unit is None:
        return None
    return Quantity(m.start(), m.end(), num_end, value, unit.name, unit.base_unit, unit.factor, unit.kind, qualifier, is_range)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text, start, end):
        q = quantity_from_match(m)
        if q is not None:
            out.append(q)
    # The substring tests below on one slice: a sentence is short, and one `in` costs less than a find.
    seg = text[start:end]
    if _may_hold_chinese_quantity(seg):
        taken = [(q.start, q.end) for q in out]
        for m in CN_QUANTITY_RE.finditer(text, start, end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            q = quantity_from_match(m, chinese=True)
            if q is not None:
                out.append(q)
        out.sort(key=lambda q: q.start)
    if "百分之" in seg:
        _add_over(out, [q for m in CN_PERCENT_RE.finditer(text, start, end) if (q := _percent(m)) is not None])
    if "番" in seg:
        pct = unit_table()["%"]
        _add_over(out, [Quantity(m.start(), m.end(), m.end(), 100.0 * (2 ** _DOUBLINGS[m.group("num")] - 1), pct.name, pct.base_unit,
                                 pct.factor, pct.kind, None) for m in DOUBLING_RE.finditer(text, start, end)])
    if "每" in seg:
        _add_over(out, [q for m in PER_QUANTITY_RE.finditer(text, start, end) if (q := _per_quantity(m)) is not None])
    return out


def _several_digits(numeral: str) -> bool:
    """Does a Chinese numeral hold 十/百/千? A one-digit numeral is a word more often than an amount."""
    return any(c in numeral for c in "十百千")


def _add_over(out: list[Quantity], found: list[Quantity]) -> None:
    """Put ``found`` into ``out`` (sorted by start), in place of the quantities they overlap."""
    if not found:
        return
    kept = [q for q in out if not any(f.start < q.end and q.start < f.end for f in found)]
    out[:] = sorted(kept + found, key=lambda q: q.start)


def _value(num: str) -> float | None:
    return float(num) if num[0].isdigit() else chinese_number(num)


def _percent(m: re.Match) -> Quantity | None:
    value = _value(m.group("num"))
    if value is None:
        return None
    unit = unit_table()["%"]
    qual = _QUALIFIERS.get(m.group("qual") or "")
    return Quantity(m.start(), m.end(), m.end("num"), value, unit.name, unit.base_unit, unit.factor, unit.kind, qual)


def _per_quantity(m: re.Match) -> Quantity | None:
    unit = unit_table().get(f"{m.group('unit')}/{m.group('den')}")
    num = m.group("num")
    value = _value(num)
    if unit is None or value is None or (not num[0].isdigit() and not _several_digits(num)):
        return None
    qual = _QUALIFIERS.get(m.group("qual") or "")
    # The span starts at the number when a modal stands between ("每吨不低于0.8元": the verb governs it).
    start = m.start("num") if m.group("modal") else m.start()
    return Quantity(start, m.end(), m.end("unit"), value, unit.name, unit.base_unit, unit.factor, unit.kind, qual)


def per(q: Quantity, den: str) -> Quantity:
    """``q`` in its unit per ``den`` ("680千克标准煤" of a 吨钢综合能耗 → 千克标准煤/吨) when units.csv lists that
    ratio, else ``q`` unchanged."""
    unit = unit_table().get(f"{q.unit}/{den}") if q.unit and "/" not in q.unit else None
    if unit is None:
        return q
    return Quantity(q.start, q.end, q.num_end, q.value, unit.name, unit.base_unit, unit.factor, unit.kind, q.qualifier, q.is_range)


_CN_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千")


def _may_hold_chinese_quantity(seg: str) -> bool:
    """False where CN_QUANTITY_RE cannot match in ``seg`` (a slice of the text): its unit is 个百分点, or
    follows a magnitude 万/亿 that follows the numeral directly. "万" alone is in most sentences ("300万吨"),
    so the magnitude is looked at too (substring tests, before the regex scans every position)."""
    # "六百台", "一千八百蒸吨": a numeral of more than one digit before any unit; 个百分点 holds 百.
    if "十" in seg or "百" in seg or "千" in seg:
        return True
    for mag in "万亿":
        i = seg.find(mag, 1)
        while i >= 0:
            if seg[i - 1] in _CN_NUMERAL_CHARS:
                return True
            i = seg.find(mag, i + 1)
    return False
