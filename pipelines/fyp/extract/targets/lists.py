"""Lists: "A、B分别下降x%、y%", "A和B均下降x%", "淘汰炼铁X万吨、炼钢Y万吨" — one row per element."""

from __future__ import annotations

import re

from fyp.extract._quantities import LIST_NUMBER_RE, Quantity, quantity_from_match, unit_table
from fyp.extract.indicators import OTHER, classify_indicator, match_indicator
from fyp.text.numerals import chinese_int
from fyp.extract.targets.directions import amount_level, aspirational, direction_of, last_verb, pre_qualifier, VERB_RE
from fyp.extract.targets.frames import baseline_for
from fyp.extract.targets.rows import Row
from fyp.extract.targets.subjects import PLACE_LIST_RE, clean_subject, evidence_start, per_product, places_for, strip_quotes

# 均 of 年均/平均/人均 is part of a word, not "each".
LIST_MARK_RE = re.compile(r"分别|(?<![年平人日月户亩])均(?![值衡匀])|各自")
_NOT_HAN_OR_DUN_RE = re.compile(r"[^\u4e00-\u9fff、]")
_HAN_RUN5_RE = re.compile(r"[\u4e00-\u9fff]{5,}")
# Where the items of "化学需氧量、氨氮等主要污染物排放总量" / "化学需氧量、二氧化硫两项主要污染物排放总量"
# end and the noun they share begins.
_GROUP_CUT_RE = re.compile(r"等|(?:[两二三四五六七八九十]|\d{1,2})(?:项|种|类|个)(?=(?:主要)?(?:大气|水)?(?:污染物|指标))")
_SHARED_POLLUTANT_RE = re.compile(r"^(?:等|(?:[两二三四五六七八九十]|\d{1,2})(?:项|种|类|个))?(?:主要)?(?:大气|水)?(?:污染物|指标)?")
# A subject that only counts the items ("四项主要污染物净减排量"): the items are the ones just named.
_COUNTED_GROUP_RE = re.compile(r"^(?P<n>[两二三四五六七八九十]|\d{1,2})(?:项|种|类)(?:主要)?(?:大气|水)?(?:污染物|指标)(?P<noun>.*)$")
_GENERIC_TAIL_RE = re.compile(r"(?:排放总量|排放量|总量|排放)$")
MEASURE_RE = re.compile(r"(?:综合利用|资源化利用|无害化处理|集中处理|回收利用|处理|利用|回收|排放|覆盖|普及|达标|使用|替代)(?:率|量|比例)$"
                         r"|(?:年均|平均)?浓度$")


def _split_items(subject: str) -> list[str]:
    items: list[str] = []
    depth = 0
    buf = []
    i = 0
    while i < len(subject):
        ch = subject[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and (ch in "、和及与" or subject.startswith("以及", i)):
            items.append("".join(buf))
            buf = []
            i += 2 if subject.startswith("以及", i) else 1
            continue
        buf.append(ch)
        i += 1
    items.append("".join(buf))
    return [it.strip() for it in items if it.strip()]


def _list_values(text: str, start: int, end: int) -> list[Quantity]:
    vals: list[Quantity] = []
    prev_end = None
    for m in LIST_NUMBER_RE.finditer(text, start, end):
        if prev_end is not None:
            gap = text[prev_end:m.start()]
            core = _NOT_HAN_OR_DUN_RE.sub("", gap)
            if core not in ("", "、", "和", "及", "与", "以及"):
                break
        elif _HAN_RUN5_RE.search(text, start, m.start()):
            break
        q = quantity_from_match(m)
        if q is None:
            break
        vals.append(q)
        prev_end = m.end()
    if not vals or all(v.unit is None for v in vals):
        return []
    # A unit written once (or garbled) for several numbers is shared by its neighbours.
    filled: list[Quantity] = []
    for i, v in enumerate(vals):
        if v.unit is None:
            donor = next((w for w in vals[i + 1:] if w.unit), None) or next((w for w in reversed(vals[:i]) if w.unit), None)
            v = Quantity(v.start, v.end, v.num_end, v.value, donor.unit, donor.base_unit, donor.factor, donor.kind, v.qualifier, v.is_range)
        filled.append(v)
    filled = _last_unit_completes(filled)
    last_qual = filled[-1].qualifier
    if last_qual:
        filled = [Quantity(v.start, v.end, v.num_end, v.value, v.unit, v.base_unit, v.factor, v.kind, v.qualifier or last_qual, v.is_range)
                  for v in filled]
    return filled


def _last_unit_completes(values: list[Quantity]) -> list[Quantity]:
    """"3000万吨、1.1亿吨和1.2亿吨标准煤": a unit written in full only after the last element completes
    the shorter unit each element before it was cut to (吨 → 吨标准煤), each keeping its own 万/亿."""
    table = unit_table()
    last_mag, last_unit = _magnitude_split(values[-1].unit)
    out = []
    for v in values[:-1]:
        mag, unit = _magnitude_split(v.unit)
        full = table.get(mag + last_unit) if unit and last_unit and unit != last_unit and last_unit.startswith(unit) else None
        if full is not None:
            v = Quantity(v.start, v.end, v.num_end, v.value, full.name, full.base_unit, full.factor, full.kind, v.qualifier, v.is_range)
        out.append(v)
    return [*out, values[-1]]


def _magnitude_split(unit: str | None) -> tuple[str, str | None]:
    if unit and unit[0] in "万亿" and unit[1:] in unit_table():
        return unit[0], unit[1:]
    return "", unit


def list_clause(text, c_start, c_end, mark, qs, list_ctx, sent_rows, ctx, frame_year, is_historical, clause_baselines, s_start):
    verb = VERB_RE.search(text, mark.end(), qs[0].start) or last_verb(text, c_start, mark.start())
    if verb is None:
        return [], list_ctx
    values = _list_values(text, max(verb.end(), mark.end()), c_end)
    if not values or is_historical(values[0].start):
        return [], list_ctx
    subj_end = min(mark.start(), verb.start())
    subject, scope = clean_subject(text[c_start:subj_end])
    ev_start = evidence_start(text, c_start, subj_end)
    if subject:
        items = _split_items(subject)
        items = _bare_items(items)
        if len(items) == 1:
            items = _counted_items(items[0], len(values), sent_rows) or items
        list_ctx = (items, ev_start, scope)
    elif list_ctx:
        items, ev_start, scope = list_ctx
    elif len(values) > 1 and len(sent_rows) >= len(values) and len({r.indicator_text for r in sent_rows[-len(values):]}) == len(values):
        # "A削减26%,B削减55%,分别控制在10万吨和9万吨以内": the list is of the items just named
        named = sent_rows[-len(values):]
        items, scope = [r.indicator_text for r in named], named[0].scope
    elif sent_rows:
        items, ev_start, scope = [sent_rows[-1].indicator_text], sent_rows[-1].start, sent_rows[-1].scope
    else:
        return [], list_ctx
    ev_end = values[-1].end
    rows = []
    if len(values) == 1 and len(items) > 1:
        codes = [classify_indicator(it) for it in items]
        distinct = {c for c in codes if c != OTHER}
        if (len(distinct) >= 2 and len(distinct) == len([c for c in codes if c != OTHER])) or (
                OTHER not in codes and not any(PLACE_LIST_RE.match(it) for it in _split_items(subject))):
            # "化学需氧量、二氧化硫排放总量均…", "化肥、农药使用量均…": each item names an indicator of its own
            # (not "甲县、乙县PM2.5浓度均…": places sharing one)
            pairs = [(it, values[0]) for it in items]
        elif subject and PLACE_LIST_RE.match(subject) and not distinct and sent_rows and classify_indicator(sent_rows[-1].indicator_text) != OTHER \
                and sent_rows[-1].q.kind == values[0].kind:
            pairs = [(places_for(subject, sent_rows[-1].indicator_text), values[0])]  # "A市、B市、C市均下降15%": one figure for the group
        elif subject and not distinct and classify_indicator(subject) == OTHER and not PLACE_LIST_RE.match(subject):
            # "营运车辆、营运船舶和港口…二氧化碳排放均下降8%": no known indicator names the whole (as "生活垃圾和
            # 医疗废物无害化处理率" does), so each item is a subject of its own with the same figure.
            pairs = [(it, values[0]) for it in items]
        else:
            pairs = [(subject, values[0])]
    elif len(values) == len(items):
        pairs = list(zip(items, values))
    elif len(items) > len(values) and len(values) > 1:
        pairs = list(zip(items[-len(values):], values))
    else:
        pairs = [(items[i] if i < len(items) else subject or items[-1], v) for i, v in enumerate(values)]
    years = _listed_years(text, c_start, subj_end) if len(pairs) > 1 else None
    if years is not None and len(years) != len(pairs):
        years = None
    for i, (item, v) in enumerate(pairs):
        # "2019年、2020年…分别比上年下降1.3%和1.2%": each value is for its own year
        year_of = frame_year if years is None else (lambda _pos, y=years[i]: y)
        direction, verb_qual = direction_of(verb.group(0), v)
        direction = amount_level(direction, verb, subject or item)
        base, inherit = baseline_for(clause_baselines, values[0].start, direction, text, c_start, year_of)
        rows.append(
            Row(
                start=ev_start,
                end=ev_end,
                order=ctx.next_order(),
                indicator_text=strip_quotes(item),
                direction=direction,
                q=per_product(v, item),
                qualifier=v.qualifier or pre_qualifier(text, c_start, values[0].start) or verb_qual or "exact",
                aspirational=aspirational(text, s_start, c_start, v.start, bool(subject)),
                baseline_year=base,
                inherit_baseline=inherit,
                target_year=year_of(v.start),
                scope=scope,
            )
        )
    return rows, list_ctx


_YEAR_LIST_RE = re.compile(r"((?:19|20)\d\d)\s*年(?:\s*[、和及与]\s*(?:19|20)\d\d\s*年)+")
_YEAR_IN_LIST_RE = re.compile(r"(?:19|20)\d\d")


def _listed_years(text: str, start: int, end: int) -> list[int] | None:
    """The years a list's subject names one by one ("2019年、2020年全市…分别…"), else None."""
    if "年" not in text[start:end]:
        return None
    m = _YEAR_LIST_RE.search(text, start, end)
    return [int(y) for y in _YEAR_IN_LIST_RE.findall(m.group(0))] if m else None


def _bare_items(items: list[str]) -> list[str]:
    """"化学需氧量、氨氮、氮氧化物排放总量": the last item carries the noun shared by all
    ("排放总量"), which the bare items before it get too."""
    if len(items) < 2:
        return items
    last = items[-1]
    cut = _GROUP_CUT_RE.search(last)
    if cut:
        head, suffix = last[:cut.start()], _SHARED_POLLUTANT_RE.sub("", last[cut.start():])
    else:
        kw = match_indicator(last)[1]
        folded = last.casefold()
        if kw and folded.startswith(kw) and len(kw) < len(last):
            head, suffix = last[:len(kw)], last[len(kw):]
        else:
            # "钢渣、粉煤灰综合利用率": the measure the last item names is shared by the bare items before it
            m = MEASURE_RE.search(last)
            if m is None or m.start() == 0 or any(MEASURE_RE.search(it) for it in items[:-1]):
                return items
            return [it + last[m.start():] for it in items[:-1]] + [last]
    out = []
    for it in items[:-1] + [head]:
        code, kw = match_indicator(it)
        bare = (code != OTHER and len(it) <= len(kw) + 4) or (code == OTHER and len(it) <= 6 and MEASURE_RE.search(suffix)
                                                              and not MEASURE_RE.search(it))
        if suffix and bare and not it.endswith(suffix):
            it = it + suffix
        out.append(it)
    return [it for it in out if it]


def _counted_items(subject: str, n_values: int, sent_rows: list[Row]) -> list[str] | None:
    """"四项主要污染物净减排量分别为a、b、c、d" after the four pollutants were named: one item per
    pollutant, with the noun the subject gives them ("化学需氧量净减排量", ...)."""
    m = _COUNTED_GROUP_RE.match(subject)
    if m is None:
        return None
    n = chinese_int(m.group("n"))
    if n is None or n != n_values or len(sent_rows) < n:
        return None
    named = [r.indicator_text for r in sent_rows[-n:]]
    codes = [classify_indicator(t) for t in named]
    if OTHER in codes or len(set(codes)) != n:
        return None
    noun = m.group("noun")
    return [_GENERIC_TAIL_RE.sub("", t) + noun if noun else t for t in named]
