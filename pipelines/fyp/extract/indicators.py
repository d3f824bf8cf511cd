"""Indicator meaning: map an indicator phrase as written to a code of ``vocabularies/indicators.csv``.

A phrase is read by its structure, what is measured per what, not by the first keyword in it:

- the *measure* (energy, water, COD, SO2, coal, non-fossil energy …) is the last measure term of the
  phrase that heads it: what follows may only be a *form* (排放总量, 强度, 比重, 增量, 浓度, 能力, 费 …)
  and words saying it is a goal (指标, 目标, 下降幅度 …). "燃煤锅炉", "能耗高的企业…" name no measure;
- the *denominator* stands right before the measure: 单位/万元 GDP, 工业增加值, a sector's 增加值,
  建筑面积, 人均, 吨钢 (or a unit such as 克/千瓦时, 千克/万元);
- a share ("A占B比重") measures A: 非化石能源占能源消费总量比重 is the non-fossil share, not energy use.

``indicator_structure.csv`` maps (measure, denominator, form, % or amount) to a code; the terms are in
``indicator_terms.csv``. Indicators that are not built that way (污水处理率, 秸秆综合利用率, 淘汰落后产能 …)
are found by keyword (``keywords`` of indicators.csv; "A…B" allows a few characters between A and B),
and only where the keyword heads the phrase. When both readings fit, the longer one wins
(建筑节能 is a green-building standard, not energy saved). A fee, a price, an investment, a pollutant's
concentration in water or anything else without a fitting code is ``other``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from fyp.text.normalize import to_simplified
from fyp.vocabularies import load_vocabulary

OTHER = "other"

_HAN = r"\u4e00-\u9fff"
_HAN_RE = re.compile(rf"[{_HAN}]")
# Pinyin glosses of mirror pages ("节(jié)能"): a parenthesised latin syllable after a character.
_PINYIN_RE = re.compile(r"\([a-zàáâãäåāăąèéêëēĕėęěìíîïĩīĭįòóôõöōŏőùúûüũūŭůűųǎǐǒǔǖǘǚǜńňǹ]{1,7}\)")
_PAREN_RE = re.compile(r"\([^()]*\)")
_QUOTES_RE = re.compile(r"[“”\"'‘’《》「」『』〈〉【】]")
# 吨 before a product names a denominator (吨钢二氧化硫排放量); 吨标准煤 is an amount of energy.
_PER_TONNE_RE = re.compile(rf"(?:每)?吨(?!标)[{_HAN}]{{1,3}}$")
# A denominator after a sector ("第三产业单位GDP", "建筑业增加值", "交通运输业单位增加值").
_SECTOR_END_RE = re.compile(r"(?:产业|[^工企]业)$")
_GAP = "…"
# Not across a list mark, nor across 等: "煤矸石等工业固体废物综合利用率" is about the whole, not its example.
_GAP_RE = "[^,;。，；、等]{0,10}?"


@dataclass(frozen=True)
class Reading:
    """How a phrase was read: the code, the span of the phrase that selected it (``keyword``, the
    denominator and measure, or the keyword, as written in the folded phrase) and why."""

    code: str
    keyword: str
    measure: str | None = None
    per: str | None = None
    form: str | None = None
    variant: bool = False  # selected by a variant keyword (a sector's or a sub-area's indicator)
    unfit: bool = False  # the phrase names a code its unit cannot be (淘汰黄标车 in 辆)


_NOTHING = Reading(OTHER, "")


def _alternation(terms) -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _terms() -> dict:
    parts: dict[str, dict[str, list[str]]] = {}
    for row in load_vocabulary("indicator_terms"):
        terms = [_fold(t) for t in row["terms"].split("|") if t.strip()]
        parts.setdefault(row["part"], {}).setdefault(row["name"] or "", []).extend(terms)
    measure_of = {t: name for name, terms in parts["measure"].items() for t in terms}
    return {
        "measure_of": measure_of,
        "measure_re": _alternation(measure_of),
        "per": {name: sorted(terms, key=len, reverse=True) for name, terms in parts["per"].items()},
        "filler": sorted(parts["filler"][""], key=len, reverse=True),
        "form_of": {t: name for name, terms in parts["form"].items() for t in terms},
        "forms": sorted({t for terms in parts["form"].values() for t in terms}, key=len, reverse=True),
        "totals": sorted(parts["form"]["total"], key=len, reverse=True),
        "tail": sorted(parts["tail"][""], key=len, reverse=True),
        "head": sorted(parts["head"][""], key=len, reverse=True),
    }


@lru_cache(maxsize=1)
def _structure() -> tuple[tuple[str, str, frozenset[str], str, str], ...]:
    return tuple(
        (r["measure"], r["per"], frozenset(r["form"].split("|")), r["unit_kind"], r["code"]) for r in load_vocabulary("indicator_structure")
    )


@lru_cache(maxsize=1)
def _keywords() -> tuple[tuple[re.Pattern, str, str, bool], ...]:
    """(pattern, keyword, code, variant) for every keyword, longest first (ties keep file order)."""
    out = []
    for row in load_vocabulary("indicators"):
        for column, variant in (("keywords", False), ("variant_keywords", True)):
            for kw in (row.get(column) or "").split("|"):
                parts = [_fold(p) for p in kw.split(_GAP)]
                if all(parts):
                    pattern = _GAP_RE.join(re.escape(p) for p in parts)
                    out.append((re.compile(pattern), _GAP.join(parts), row["code"], variant))
    out.sort(key=lambda k: -len(k[1].replace(_GAP, "")))
    return tuple(out)


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    """Simplified script, half width, lower case, no spaces, no pinyin glosses or quote marks."""
    text = unicodedata.normalize("NFKC", to_simplified(text or "")).casefold()
    text = "".join(text.split())
    text = _PINYIN_RE.sub("", text)
    return _QUOTES_RE.sub("", text)


def _without_brackets(text: str) -> str:
    """``text`` without its bracketed parts, nested ones too ("淘汰(水泥(熟料及磨机))" → "淘汰")."""
    while True:
        stripped = _PAREN_RE.sub("", text)
        if stripped == text:
            return text
        text = stripped


def _strip_words(text: str, words) -> str:
    """``text`` without the words of ``words`` at its start (repeatedly) and without non-Han marks."""
    changed = True
    while changed and text:
        changed = False
        text = re.sub(rf"^[^{_HAN}]+", "", text)
        for w in words:
            if text.startswith(w):
                text = text[len(w):]
                changed = True
                break
    return text


def _is_goal_words(rest: str, also=()) -> bool:
    """Whether ``rest`` (what follows an indicator) only says it is a goal (or is a stray character)."""
    t = _terms()
    left = _strip_words(rest, t["tail"] + list(also))
    return len(_HAN_RE.findall(left)) <= 1


def _unit_kind(unit: str | None) -> tuple[str | None, str | None]:
    """(relative | amount, unit_table kind) of ``unit``; (None, None) when no unit was given."""
    if not unit:
        return None, None
    from fyp.extract._quantities import unit_table

    u = _fold(unit)
    known = unit_table().get(u)
    kind = known.kind if known else None
    if kind == "relative" or u in ("%", "‰", "个百分点", "百分点"):
        return "relative", "relative"
    return "amount", kind


def _per_before(prefix: str) -> tuple[str | None, int]:
    """The denominator that ``prefix`` ends with (fillers allowed) and where it starts."""
    t = _terms()
    end = len(prefix)
    for f in t["filler"]:
        if prefix.endswith(f) and len(prefix) > len(f):
            end -= len(f)
            break
    head = prefix[:end]
    m = _PER_TONNE_RE.search(head)
    if m:
        return "output", m.start()
    for name in ("industry", "value_added", "gdp", "floor_area", "capita", "output"):
        for term in t["per"].get(name, ()):
            if head.endswith(term):
                start = end - len(term)
                if name in ("value_added", "gdp") and _SECTOR_END_RE.search(head[:start]):
                    return "sector", start
                if name == "value_added":
                    return "sector", start
                return name, start
    return None, end


_LIST_JOIN_RE = re.compile(r"(?:和|与|及|以及|、)$")


def _shared_per(text: str, measures, i: int) -> str | None:
    """The denominator written once before a list of measures: "单位GDP能耗和二氧化碳排放" is CO2 per GDP."""
    while i > 0:
        start = measures[i][0]
        p_start, p_end, _ = measures[i - 1]
        between = text[p_end:start]
        form, form_end = _form_after(text, p_end)
        if not _LIST_JOIN_RE.search(between) or len(_HAN_RE.findall(text[form_end:start])) > 2:
            return None
        per, _ = _per_before(text[:p_start])
        if per is not None:
            return per
        i -= 1
    return None


def _form_after(text: str, pos: int) -> tuple[str, int]:
    """The form (total, share, intensity …) written at ``pos``, after optional fillers; ("none", pos)."""
    t = _terms()
    for f in [""] + t["filler"]:
        if not text.startswith(f, pos):
            continue
        at = pos + len(f)
        for form in t["forms"]:
            if text.startswith(form, at):
                return t["form_of"][form], at + len(form)
    return "none", pos


def _structural(text: str, unit: str | None, only: str | None = None) -> tuple[Reading, int]:
    """The reading of ``text`` by measure, denominator and form, and the length of the span read
    (with ``only``, the reading of that measure where the text names it)."""
    t = _terms()
    measures = [(m.start(), m.end(), t["measure_of"][m.group(0)]) for m in t["measure_re"].finditer(text)]
    if not measures:
        if unit and _ENERGY_UNIT_RE.search(_fold(unit)):
            # "增量控制目标为28万吨标准煤": a total or increment of tonnes of coal equivalent is energy use.
            form, form_end = _form_after(text, 0)
            if text.startswith(_ENERGY_AMOUNT_WORDS) and _is_goal_words(text[form_end:]):
                return _lookup("energy", None, form, "amount", ""), 0
        return _NOTHING, 0
    rel, unit_table_kind = _unit_kind(unit)
    share = _share_of(text, measures, rel) if only is None else None
    if share is not None:
        return share
    for i in range(len(measures) - 1, -1, -1):
        start, end, measure = measures[i]
        if only is not None and measure != only:
            continue
        form, form_end = _form_after(text, end)
        rest = text[form_end:]
        core = _without_goal_words_at_end(rest)
        if form == "none" and (late := _CONCENTRATION_END_RE.search(core)) and not _MODIFIER_RE.search(core[:late.start()]):
            form, rest = "concentration", ""  # "PM2.5未达标城市浓度": the places stand between
        # After a total another total may follow ("排放总量重点工程减排量"), then only goal words.
        if not _is_goal_words(rest, t["totals"] if form in ("total", "none") else ()):
            continue  # the measure only qualifies what the phrase is about ("燃煤锅炉", "能耗高的企业")
        per, per_start = _per_before(text[:start])
        if per is None:
            per = _shared_per(text, measures, i)
        if per is None and unit:
            u = _fold(unit)
            if "/" in u and unit_table_kind not in ("capacity", "concentration", "price"):
                if not re.search(r"/(?:日|天|年|时|小时|月)$", u):
                    per = "gdp" if u.endswith("/万元") else "output"
            if form == "none" and unit_table_kind == "concentration":
                form = "concentration"
            if unit_table_kind == "price":
                form = "money"
        if form == "money":
            return Reading(OTHER, text[per_start:end], measure, per, form), form_end - per_start
        return _lookup(measure, per, form, rel, text[per_start:end]), form_end - per_start
    return _NOTHING, 0


_SHARE_WORDS = ("比重", "比例", "占比", "份额", "比率")
_ENERGY_UNIT_RE = re.compile(r"标准?煤$")
_ENERGY_AMOUNT_WORDS = ("总量", "消费总量", "消费量", "增量", "消费增量", "总量增量")
_CONCENTRATION_END_RE = re.compile(r"(?:年均|平均)?浓度$")


def _share_of(text: str, measures, rel) -> tuple[Reading, int] | None:
    """"A占B(的)比重" is the share of A (B is only the whole it is a share of)."""
    at = text.rfind("占")
    if at <= 0:
        return None
    after = text[at + 1:]
    ends = [after.rfind(w) + len(w) for w in _SHARE_WORDS if w in after]
    if not ends or not _is_goal_words(after[max(ends):]):
        return None
    before = [m for m in measures if m[1] <= at]
    if not before:
        return None
    start, end, measure = before[-1]
    if not _is_goal_words(text[end:at], ("消费", "消耗", "使用", "利用")):
        return None
    return _lookup(measure, None, "share", rel, text[start:end]), at + 1 + max(ends) - start


def _lookup(measure: str, per: str | None, form: str, rel: str | None, span: str) -> Reading:
    for r_measure, r_per, r_forms, r_unit_kind, code in _structure():
        if r_measure != measure or form not in r_forms:
            continue
        if r_per == "*":
            if per is None:
                continue
        elif (r_per or None) != per:
            continue
        if r_unit_kind and r_unit_kind != rel:
            continue  # a rule for % (or for amounts) only: not when the unit is another or unknown
        return Reading(code, span, measure, per, form)
    return Reading(OTHER, span, measure, per, form)


_MODIFIER_RE = re.compile(r"的|为|占(?!比)")


def _without_goal_words_at_end(rest: str) -> str:
    """The Han characters of ``rest`` without the goal words (达到, 目标 …) it ends with."""
    core = re.sub(rf"[^{_HAN}]", "", rest)
    tails = _terms()["tail"]
    changed = True
    while changed and core:
        changed = False
        for w in tails:
            if core.endswith(w):
                core, changed = core[: -len(w)], True
                break
        else:
            if core[-1] in "到至在为":  # the preposition before the number ("下降到", "控制在")
                core, changed = core[:-1], True
    return core


# "新建建筑设计阶段执行节能标准的比例", "出租车中以天然气为燃料的比例": the share of what the keyword names
# that does something (keeps a standard, uses a fuel), not a share of something the keyword qualifies;
# the stage may be written with 在 ("在设计阶段执行…的比例").
_CONFORMING_SHARE_RE = re.compile(r"(?:在[^的占]{1,6}?阶段)?(?:执行|采用|使用|改用|达到|符合|满足|为)[^的占]{0,8}的(?:比例|比重|占比|比率)$")


def _heads_phrase(rest: str) -> bool:
    """Whether a keyword followed by ``rest`` is what the phrase measures: ``rest`` holds only generic
    heads (率, 比例, 规模 …) and goal words, or ends in such a head without turning the keyword into a
    modifier ("新能源汽车新车销售量占比" yes; "沼气为纽带的…模式", "…处理能力占设计能力比例" no)."""
    t = _terms()
    if rest.startswith("的") and any(rest.startswith(h, 1) for h in t["head"] if len(h) >= 2):
        rest = rest[1:]  # "公交车改用天然气的比例": the share of what the keyword names
    if _is_goal_words(rest, t["head"]):
        return True
    core = _without_goal_words_at_end(rest)
    if _CONFORMING_SHARE_RE.match(_without_goal_words_at_end(_strip_words(rest, t["tail"]))):
        return True
    return not _MODIFIER_RE.search(core) and any(core.endswith(h) for h in t["head"] if len(h) >= 2)


def _by_keyword(text: str) -> tuple[Reading, int]:
    best: tuple[Reading, int] = (_NOTHING, 0)
    for pattern, _keyword, code, variant in _keywords():
        for m in pattern.finditer(text):
            if _heads_phrase(text[m.end():]) and len(m.group(0)) > best[1]:
                best = (Reading(code, m.group(0), variant=variant), len(m.group(0)))
    reading, length = best
    if reading.code != OTHER and not reading.variant and _names_variant(reading):
        # "既有公共建筑节能改造": the general keyword (既有…改造) spans a variant one (既有公共建筑).
        best = (Reading(reading.code, reading.keyword, variant=True), length)
    return best


def _names_variant(reading: Reading) -> bool:
    return any(variant and code == reading.code and pattern.search(reading.keyword)
               for pattern, _keyword, code, variant in _keywords())


@lru_cache(maxsize=1)
def _excluded_units() -> dict[str, frozenset[str]]:
    """code → the base units it is never measured in (``excluded_units`` of indicators.csv)."""
    return {row["code"]: frozenset(u for u in (row.get("excluded_units") or "").split("|") if u)
            for row in load_vocabulary("indicators")}


def _base_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    from fyp.extract._quantities import unit_table

    u = _fold(unit)
    known = unit_table().get(u) or unit_table().get(unit.strip())
    return known.base_unit if known else u


def fits_unit(code: str, unit: str | None) -> bool:
    """Whether a target in ``unit`` can be of ``code``: 淘汰 of 黄标车 (辆), tractors (台) or boats (艘) is no
    phase-out of production capacity, nor is a share of capacity (%); days are no PM2.5 concentration."""
    excluded = _excluded_units().get(code)
    return not excluded or _base_unit(unit) not in excluded


@lru_cache(maxsize=16384)
def read_indicator(indicator_text: str, unit: str | None = None) -> Reading:
    """How ``indicator_text`` (any script, any width) reads; ``unit`` (as written: %, 万吨, 克/千瓦时 …)
    tells a relative goal from an amount (节能20% is the energy-intensity goal, 节能300万吨标准煤 energy
    saved) and gives the denominator of a per-unit amount. A code the unit cannot be (see fits_unit)
    reads as ``other`` with ``unfit`` set."""
    reading = _read_phrase(indicator_text, unit)
    if reading.code != OTHER and not fits_unit(reading.code, unit):
        return Reading(OTHER, "", unfit=True)
    return reading


def _read_phrase(indicator_text: str, unit: str | None) -> Reading:
    if not indicator_text:
        return _NOTHING
    folded = _fold(indicator_text)
    bare = _without_brackets(folded)
    uncoded = _NOTHING
    for text in dict.fromkeys((bare, folded.replace("(", "").replace(")", ""))):
        structural, s_len = _structural(text, unit)
        keyword, k_len = _by_keyword(text)
        if structural.code != OTHER and s_len >= k_len:
            return structural
        if keyword.code != OTHER:
            return keyword
        if structural.form == "money":
            return structural
        if uncoded.measure is None:
            uncoded = structural  # other, but what it measures is known (二氧化碳排放总量)
    return uncoded


_DIGIT_RE = re.compile(r"(?<![a-z.])\d")  # a number, not the digits of pm2.5, so2, nh3-n


def read_in_context(indicator_text: str, unit: str | None, context: str | None) -> Reading:
    """``read_indicator``, and where the phrase names no code, the words of ``context`` (the clause
    that states the target) before its first number, if they name one measure or keyword only:
    a phrase cut short ("年" of "单位地区生产总值能源消耗…年均下降2.6%") still gets its code, a list
    ("化学需氧量、氨氮…分别削减10%、12.9%") does not get its last item's."""
    reading = read_indicator(indicator_text, unit)
    if reading.code != OTHER or reading.form == "money" or not context:
        return reading
    folded = _fold(context)
    if reading.unfit:
        return _nearest_fitting_clause(folded, unit) or reading
    cut = _DIGIT_RE.search(folded)
    head = _PAREN_RE.sub("", folded[: cut.start()] if cut else folded)
    if not head:
        return reading
    if reading.measure:
        # The phrase names its measure but not all of it ("二氧化碳排放" of "单位GDP能耗和二氧化碳排放
        # 分别下降…"): that measure as the clause writes it.
        again, _ = _structural(head, unit, only=reading.measure)
        return again if again.code != OTHER else reading
    if len({_terms()["measure_of"][m.group(0)] for m in _terms()["measure_re"].finditer(head)}) > 1:
        return reading
    return read_indicator(head, unit)


_CLAUSE_SPLIT_RE = re.compile(r"[,;:，；：。]")


def _nearest_fitting_clause(folded_context: str, unit: str | None) -> Reading | None:
    """The reading of the nearest clause before the number that names a code ``unit`` fits: the phrase
    inherited from a clause before ("PM2.5年均浓度控制在60微克/立方米,优良天数逐年提高,2017年达到280天")
    cannot be a number of days, the clause that names the days can."""
    for clause in reversed(_CLAUSE_SPLIT_RE.split(folded_context)):
        cut = _DIGIT_RE.search(clause)
        head = _PAREN_RE.sub("", clause[: cut.start()] if cut else clause)
        if head:
            found = read_indicator(head, unit)
            if found.code != OTHER:
                return found
    return None


def match_indicator(indicator_text: str, unit: str | None = None) -> tuple[str, str]:
    """(code, the part of the folded phrase that selected it); (``other``, "") when nothing fits."""
    r = read_indicator(indicator_text, unit)
    return (r.code, r.keyword) if r.code != OTHER else (OTHER, "")


def classify_indicator(indicator_text: str, unit: str | None = None) -> str:
    """Vocabulary code for ``indicator_text``; ``other`` when nothing fits. Pass ``unit`` when known."""
    return read_indicator(indicator_text, unit).code


def code_targets(rows: list[dict]) -> list[dict]:
    """Set each target row's ``indicator`` from its ``indicator_text`` and ``unit`` (and, where the
    phrase names nothing, from its ``evidence``: see read_in_context); the values of "N项主要污染物…分别…"
    get the codes of the pollutants they stand for (see _split_pollutant_groups)."""
    prev = None
    for row in rows:
        reading = read_in_context(row.get("indicator_text") or "", row.get("unit"), row.get("evidence"))
        if reading.code == OTHER and prev is not None:
            reading = _continued(prev, row) or reading
        row["indicator"] = reading.code
        prev = row
    _split_pollutant_groups(rows)
    return rows


def _continued(prev: dict, row: dict) -> Reading | None:
    """"城市生活垃圾无害化处理率达到100%、回收利用率达到35%", "新建建筑设计阶段执行标准的比例达到100%,施工阶段
    执行比例达到95%": a phrase that is only what is measured (a rate, a stage) continues the subject of the
    target stated right before it: the shortest start of that target's phrase that, put before it, names a code."""
    cur = _fold(row.get("indicator_text") or "")
    before = _fold(prev.get("indicator_text") or "")
    end, start = prev.get("char_end"), row.get("char_start")
    if not cur or not before or prev.get("indicator", OTHER) == OTHER:
        return None
    if not (isinstance(end, int) and isinstance(start, int) and 0 < start - end <= 2):
        return None  # not the next clause of the same sentence ("，" or "、" between)
    if _unit_kind(prev.get("unit"))[0] != _unit_kind(row.get("unit"))[0]:
        return None
    if not _is_goal_words(cur, _terms()["head"]):
        return None  # the phrase names a subject of its own ("森林覆盖率")
    for i in range(1, len(before)):
        reading = read_indicator(before[:i] + cur, row.get("unit"))
        if reading.code != OTHER:
            return reading
    return None


_CN_COUNT = {"两": 2, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4, "五": 5, "5": 5}
_POLLUTANT_COUNT_RE = re.compile(r"([两二三四五2-5])(?:项|种|大)主要污染物")


@lru_cache(maxsize=1)
def _standard_pollutant_sets() -> tuple[tuple[int, int, int, tuple[str, ...]], ...]:
    return tuple((int(r["count"]), int(r["first_target_year"]), int(r["last_target_year"]), tuple(r["codes"].split("|")))
                 for r in load_vocabulary("major_pollutant_sets"))


def _pollutants_named(text: str) -> list[str]:
    """The pollutant codes ``text`` names, in its order, each once."""
    t = _terms()
    named = []
    for m in t["measure_re"].finditer(text):
        code = t["measure_of"][m.group(0)]
        if code in ("cod", "nh3n", "so2", "nox", "vocs", "total_phosphorus") and code not in named:
            named.append(code)
    return named


def _split_pollutant_groups(rows: list[dict]) -> None:
    """"四项主要污染物排放量分别下降a%、b%、c%和d%": one value per pollutant, in the order the plan lists
    them; the pollutants named in the clause itself ("两项主要污染物(化学需氧量、二氧化硫)") or else the
    plan period's standard four (vocabularies/major_pollutant_sets.csv). Rows stay the total where the
    count, the values or the pollutants do not add up."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if row.get("indicator") == "major_pollutants_total":
            key = (row.get("char_start"), row.get("char_end"), row.get("indicator_text"), row.get("evidence"))
            groups.setdefault(key, []).append(row)
    for (_, _, _, evidence), group in groups.items():
        folded = _fold(evidence or "")
        m = _POLLUTANT_COUNT_RE.search(folded)
        if not m or "分别" not in folded[m.end():] or len(group) != _CN_COUNT[m.group(1)]:
            continue
        count = len(group)
        named = _pollutants_named(folded[: folded.find("分别", m.end())])
        if len(named) != count:
            year = group[0].get("target_year")
            standard = [codes for n, first, last, codes in _standard_pollutant_sets()
                        if n == count and isinstance(year, int) and first <= year <= last]
            if len(standard) != 1:
                continue
            named = list(standard[0])
        for row, code in zip(group, named):
            row["indicator"] = code


@lru_cache(maxsize=None)
def _codes_flagged(column: str) -> frozenset[str]:
    """Codes whose row of indicators.csv says "true" in ``column``."""
    return frozenset(row["code"] for row in load_vocabulary("indicators") if row.get(column) == "true")


def sector_keyword_codes() -> frozenset[str]:
    """Codes whose keywords name different sectors (落后水泥 vs 落后炼铁), not synonyms of one indicator."""
    return _codes_flagged("keywords_are_sectors")


def sector_codes() -> frozenset[str]:
    """Codes that always name a sector's indicator, never the region's (行业单位增加值能耗)."""
    return _codes_flagged("names_a_sector")


def plant_codes() -> frozenset[str]:
    """Codes that count plants retrofitted (超低排放改造): the plants, industry or section a target names
    (烧结机, 燃煤锅炉, 钢铁行业) are what is counted, not a sector the target belongs to."""
    return _codes_flagged("counts_plants")


@lru_cache(maxsize=1)
def indicator_labels() -> dict[str, tuple[str, str]]:
    """code → (中文 label, English label)."""
    return {row["code"]: (row["label_zh"], row["label_en"]) for row in load_vocabulary("indicators")}
