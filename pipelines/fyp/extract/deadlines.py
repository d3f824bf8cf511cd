"""Deadlines: actions bound to a calendar date ("2008年6月底前全部加装余热发电装置").

What counts (gold/SCHEMA.md and the dev sets' conventions): an action bound to an explicit
calendar bound.

- An explicit bound ("年底前", "6月底前", "7月31日前", "上半年", "2015年前", "在年底") followed by an
  action is a deadline; so is a dated range ("2007年1月1日—3月31日,组织考核"), bound by its end.
  A bound whose first clause sets a level ("到2009年3月底处理能力达到5.2万吨/日", "年底前…控制在
  5891吨以内", "…提高4%") or a count to reach ("年底前淘汰…锅炉43台", "…，共计186台", "对不少于30家
  企业开展监察，11月底前完成") is a quantified *target* (another table), not a deadline, and so is work on
  something whose level a later clause sets ("推进餐厨垃圾资源化利用，利用率达到50%"); sizes of
  what is acted on ("10蒸吨及以下燃煤锅炉") and counts that name it ("所属4条生产线全部完成改造")
  are not quantities.
- A date inside a noun phrase ("淘汰2005年底前注册营运的黄标车": a registration cut-off) binds
  nothing.
- A start date ("自2007年7月1日起") binds nothing: it is not a deadline. Nor is a date in brackets
  ("基数(2010年底)"), nor the start of a year ("2008年年初").
- A bare year ("2007年重点淘汰...", "确保在2008年全部开工", "到2010年中心区全部实现计量供热") is a
  deadline only when the date governs an action that is not a number: "到2010年 X达到Y%" is a
  quantified target, "到2025年 X进一步提升" is a vague aim, and "2005年能源消耗...占68%" is a
  statistic. So the clauses governed by a bare year must include one that is neither quantified,
  nor vague, nor a mere means ("通过..."). A bare year before the notice's own year is history, one
  after the end of its plan period a long-range aim ("力争到2022年…"), and the year an annual plan
  is for frames the whole plan ("2009年…必须于2009年实现…"): none of them is a deadline.
- Relative dates ("今年年底前", "明年") resolve against the notice's year (see
  :func:`fyp.extract._dates.reference_year`); without one they are skipped.

Rows carry the SOURCE span of the clause holding date and action.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from fyp.document import NoticeDocument
from fyp.extract._quantities import CN_PERCENT_RE, CN_QUANTITY_RE, quantity_from_match
from fyp.extract._quantities import QUANTITY_RE as VOCABULARY_QUANTITY_RE
from fyp.extract._dates import DatePhrase, find_dates, find_month_only, notice_year, range_end, reference_year, resolve

# Sentence ends; "." ends a sentence unless it is a decimal point.
_SENTENCE_END_RE = re.compile(r"[。;!?\n]|\.(?!\d)")
_CLAUSE_SEP_RE = re.compile(r"[,]")
_CLAUSE_START_CHARS = frozenset(",;。!?:\n")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _two_cjk(text: str) -> bool:
    """``len(_CJK_RE.findall(text)) >= 2`` without listing every character of a long clause."""
    m = _CJK_RE.search(text)
    return m is not None and _CJK_RE.search(text, m.end()) is not None

# Before a date: words that make it a baseline, a range end ("2007年到2010年"), a title or a past reference.
_BAD_BEFORE = ("每", "比", "较", "与", "同", "截至", "截止", "截止到", "至", "年到", "—", "-", "~", "～", "《", "“", "\"", "第", "和", "、", "或")
_SKIP_BEFORE = " \t"
# After a bare year: a qualifier of a noun or a period, not a bound.
# "2007年至2010年", "2007年到2010年", "2007年至今": the start of a range (its end is excluded by 至 before it).
_BAD_AFTER_BARE_RE = re.compile(
    r"\s*(?:度|的|是|以来|以后|以前|之前|之后|前后|后|起|开始|为|同期|相比|水平|基础|价格|不变价|年?初|[—\-~～]|\d|[)）》”]"
    r"|至(?!少)|到\s*(?:\d|[一二][〇○零O]))"
)
# "已于2018年10月底前全部完成": a bound that was met is a result, not a deadline.
_DONE_BEFORE_RE = re.compile(r"(?:已经|已|均已)\s*(?:于|在|到|提前)?\s*$")
# "在2009年节能基础上": a baseline year.
_BASIS_AFTER_RE = re.compile(r"[^,;。]{0,10}基础上")
_MONTH_END_RE = re.compile(r"月\s*(?:底|末)")
# Clause starting like a means, a condition or a principle: it is not the action.
_MEANS_RE = re.compile(r"^\s*(?:相对于|相比于?|与[^,]{0,12}相比|较|比|通过|按照|根据|依据|结合|围绕|依托|以|坚持|在[^,]{0,20}基础上|为)")
# Wording of vague aims: an improvement without a number.
_VAGUE_RE = re.compile(
    r"进一步|明显|显著|稳步|不断|持续|逐步|有所|合理控制|保持稳定|总体稳定|基本稳定|得到[^,]{0,6}控制|大幅|较大幅度|稳中有降|好转|改善|提升|提高|增强|加强|优化"
    # A state reached in outline, and a target set elsewhere without its number ("完成省下达的目标任务").
    r"|(?:初步|基本)(?:形成|建立)|下达的?[\u4e00-\u9fff]{0,4}?(?:目标|任务|指标)"
    # "确保完成“十二五”节能规划目标": completing a target the clause does not state.
    r"|完成[^,]{0,20}?(?:目标|指标)(?:任务)?\s*$"
    # An assessment of where things stand ("距离目标仍有较大差距", "进度滞后"), not something to do.
    r"|差距|滞后|严峻|艰巨|不容乐观"
)
# Past events and statistics of past years.
_PAST_RE = re.compile(r"已经|已|了|曾")

_UNIT = (
    r"(?:万|亿|千|百)*(?:多|余)?(?:吨标准煤|吨标煤|标准煤|蒸吨/小时|蒸吨|千瓦时|千瓦|立方米|平方米|平方公里|公里|公顷|吨|米|户|个|家|座|台|辆|处|套|项|张|千克|公斤|元|人|所|条|亩|艘|倍|MW|kW|GW|km)"
    r"(?:/(?:年|日|天|小时))?"
)
_QUANTITY_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|个百分点|" + _UNIT + ")")
# "200立方米及以下高炉", "65蒸吨/小时以上的燃煤锅炉": a size threshold describing what is acted on.
_THRESHOLD_AFTER_RE = re.compile(r"\s*(?:\([^)]{0,12}\)\s*)?(?:及|或)?(?:以上|以下|以内)\s*(?:\([^)]{0,12}\)\s*)?的?\s*[\u4e00-\u9fff“]")
_THRESHOLD_BEFORE_RE = re.compile(r"(?:小于|大于|低于|高于|不足|不到|超过|达不到)\s*$")
# After a compared number, what makes it a threshold: the noun it describes ("低于50微克/立方米的乡镇",
# "小于20万吨和环保不达标的企业"). A compared number that ends its clause is a cap ("不超过800万吨").
_DESCRIBED_NOUN_RE = re.compile(r"\s*(?:的|和|或|及|、)?\s*[\u4e00-\u9fff“]")
# A number right after these is a level whatever its unit (the unit may be one the vocabulary lacks).
# A per-unit rate may stand between ("降至每千瓦时355克标准煤", "控制在每吨3400千瓦时以内").
_LEVEL_NUMBER_RE = re.compile(
    r"(?:达到|达|控制在|保持在|稳定在|降至|升至|降到|下降到|上升到|提高到|提高至|提升至|不超过|不高于|不低于)\s*"
    r"(?:每[\u4e00-\u9fff]{1,4}?\s*)?(?<![\d.])\d"
)
# "对56家企业实施停产治理": the number picks out what is acted on, the action has no number.
_PREPOSITION_BEFORE_RE = re.compile(r"(?:对|将|把|使|让|向|给|从)[\u4e00-\u9fff]{0,2}$")
# A number right after these is the amount committed to, even when "以上" follows ("形成10万辆以上租赁规模").
_AMOUNT_VERB_RE = re.compile(r"(?:达到|达|形成|新增|完成|建成|实现|累计|减少|削减|增加|增长|提高到?|降低到?|下降到?|控制在|降至|升至)\s*$")


# A growth of nothing is a number too ("二氧化硫不增长").
_NO_GROWTH_RE = re.compile(r"(?:不|零|负)增长")
# Words before a number that make it a level to reach, hold or change by (a target's value).
_LEVEL_VERB_RE = re.compile(
    r"(?:达到|达|控制在|保持在|稳定在|降至|升至|降到|下降到?|降低到?|提高到?|提升到?|上升到?|增长到?|增加到?|减少|削减|不超过|不高于|不低于|低于|高于|超过)\s*$"
)
_LEVEL_AFTER_RE = re.compile(r"\s*(?:以内|以下|左右)(?!的)")


_CN_MAGNITUDE_CHARS = frozenset("十百千万亿")


def _quantities(clause: str):
    """(number start, number end, quantity end, is a percentage) of each number with a unit in
    ``clause``: the units above, and those of the shared unit vocabulary (vocabularies/units.csv:
    concentrations, ...), in digits or in Chinese numerals as the targets read them ("一百二十台",
    "百分之三十")."""
    seen = set()
    for m in _QUANTITY_RE.finditer(clause):
        seen.add(m.start())
        unit_text = clause[m.end(1) : m.end()]
        yield m.start(), m.end(1), m.end(), "%" in unit_text or "百分点" in unit_text
    for m in VOCABULARY_QUANTITY_RE.finditer(clause):
        if m.start() not in seen:
            yield m.start(), m.end("num"), m.end("unit"), False
    if not _CN_MAGNITUDE_CHARS.isdisjoint(clause):
        for m in CN_QUANTITY_RE.finditer(clause):
            if quantity_from_match(m, chinese=True) is not None:
                yield m.start(), m.end("num"), m.end("unit"), m.group("unit") == "个百分点"
    if "百分之" in clause:
        for m in CN_PERCENT_RE.finditer(clause):
            yield m.start(), m.end("num"), m.end("num"), True


def _is_threshold(before: str, after: str) -> bool:
    if _THRESHOLD_AFTER_RE.match(after):
        return True
    return _THRESHOLD_BEFORE_RE.search(before) is not None and _DESCRIBED_NOUN_RE.match(after) is not None


@lru_cache(maxsize=8192)  # a pure test of a clause; task cells and clauses recur
def _sets_a_level(clause: str) -> bool:
    """Does the clause set a level or a rate ("处理能力达到5.2万吨/日以上", "控制在5891吨以内", "4%")?

    Completing a number of things ("淘汰…机组56万千瓦", "完成改造20万户") is not a level; size
    thresholds of what is acted on ("35蒸吨/小时以下燃煤锅炉") are not either.
    """
    for start, _num_end, end, percent in _quantities(clause):
        before = clause[:start]
        after = clause[end:]
        if _is_threshold(before, after):
            continue
        if percent:
            return True
        if _LEVEL_VERB_RE.search(before[-6:]) or _LEVEL_AFTER_RE.match(after):
            return True
    return _LEVEL_NUMBER_RE.search(clause) is not None


# A water-quality class is a level on a numbered scale ("水质稳定达到Ⅲ类", "达到或优于Ⅲ类").
_CLASS_LEVEL_RE = re.compile(r"(?:达到|优于|好于|保持在?|稳定在)\s*(?:或优于)?\s*[ⅠⅡⅢⅣⅤIV]{1,3}\s*类")


@lru_cache(maxsize=8192)  # a pure test of a clause; task cells and clauses recur
def _is_quantified(clause: str) -> bool:
    """Does the clause commit to a number (a target) rather than to an action?"""
    if _NO_GROWTH_RE.search(clause) or _LEVEL_NUMBER_RE.search(clause) or _CLASS_LEVEL_RE.search(clause):
        return True
    for start, _num_end, end, percent in _quantities(clause):
        if percent:
            return True
        after = clause[end:]
        before = clause[:start]
        if _AMOUNT_VERB_RE.search(before):
            return True
        if _is_threshold(before, after):
            continue
        if _PREPOSITION_BEFORE_RE.search(before[-4:]):
            continue
        return True
    return False


# A count the action is to reach: after 不少于 / 至少, or closing what the action acts on ("淘汰燃煤锅炉
# 43台", "整治企业35家"). A count before a noun names the things acted on ("所属4条生产线全部完成改造",
# "列入规划的98个项目"), and so does one after 对 / 将 ("对56家企业实施停产治理").
_AT_LEAST_BEFORE_RE = re.compile(r"(?:不少于|不低于|不小于|至少|超过)\s*$")
_NOUN_AFTER_RE = re.compile(r"\s*(?:\([^)]{0,12}\))?(?!以上|以下|以内|左右|和|及|并|或)[\u4e00-\u9fff“]")
# "…燃煤锅炉,共计186台、640蒸吨": the size of the action, in a clause of its own.
_COUNT_APPENDIX_RE = re.compile(r"\s*(?:共计|合计|总计|共)\s*\d")


@lru_cache(maxsize=8192)  # a pure test of a clause; task cells and clauses recur
def _counts_to_reach(clause: str) -> bool:
    for start, _num_end, end, percent in _quantities(clause):
        if percent:
            continue
        before, after = clause[:start], clause[end:]
        if before.rfind("(") > before.rfind(")"):
            continue  # "1万吨以下(不含1万吨)": a bracket explains a threshold
        if _AT_LEAST_BEFORE_RE.search(before):
            return True
        if _is_threshold(before, after) or _PREPOSITION_BEFORE_RE.search(before[-4:]):
            continue
        if _AMOUNT_VERB_RE.search(before) or not _NOUN_AFTER_RE.match(after):
            return True
    return False


def _action_clauses(clauses: list[str]) -> list[str]:
    """The first clause after a bound that says what is to be done, with the count clauses that
    follow it ("共计186台")."""
    first = _first_substantive(clauses)
    out = [first]
    for clause in clauses[clauses.index(first) + 1 :]:
        if not _COUNT_APPENDIX_RE.match(clause):
            break
        out.append(clause)
    return out


def _is_action_clause(clause: str) -> bool:
    if not _two_cjk(clause):
        return False
    if _MEANS_RE.match(clause) or _is_quantified(clause) or _VAGUE_RE.search(clause):
        return False
    return True


def _context_ok(work: str, start: int) -> bool:
    """No baseline / range / title word right before the date."""
    i = start
    while i > 0 and work[i - 1] in _SKIP_BEFORE:
        i -= 1
    before = work[max(0, i - 3):i]
    if before.endswith(_BAD_BEFORE):
        return False
    if i > 0 and (work[i - 1].isdigit() or work[i - 1] in "〇○零一二三四五六七八九十"):
        return False
    # Inside a title 《...2007年...》
    open_title = work.rfind("《", max(0, start - 60), start)
    if open_title != -1 and work.find("》", open_title, start) == -1:
        return False
    return True


def _scope_end(work: str, pos: int, limit: int) -> int:
    while True:
        m = _SENTENCE_END_RE.search(work, pos, limit)
        if m is None:
            return limit
        if m.group() != "\n" or not _runs_on(work, m.start()):
            return m.start()
        pos = m.end()


# What a hard-wrapped line is at least as long as (a PDF page's line holds 20-40 characters; headings,
# titles and table cells are shorter).
_WRAPPED_LINE_MIN = 15
# A line that starts something new: a heading label ("三、", "第二条"), an attachment.
_NEW_ITEM_RE = re.compile(r"[一二三四五六七八九十]{1,3}[、.是]|第[一二三四五六七八九十\d]{1,4}[章节条]|附件")


def _runs_on(work: str, nl: int) -> bool:
    """Does the line break at ``nl`` fall inside a sentence that a page wrapped ("…下降14%,能源" /
    "消费总量控制在…以内;")? A long line that stops on a character inside a word, before a line that
    goes on with one, is read as running on; a table row (cells apart by runs of spaces or a tab), a
    short line and a line that starts a heading end where they stand."""
    start = work.rfind("\n", 0, nl) + 1
    line = work[start:nl].rstrip(" \t")
    if len(line) < _WRAPPED_LINE_MIN or not _CJK_RE.match(line[-1]) or "  " in line or "\t" in line:
        return False
    if nl + 1 >= len(work) or not _CJK_RE.match(work[nl + 1]):
        return False
    return _NEW_ITEM_RE.match(work, nl + 1) is None


def _clause_start(work: str, date_start: int) -> int:
    """Start of the clause holding the date: the subject before it belongs to the action."""
    floor = max(0, date_start - 120)
    i = date_start
    while i > floor and work[i - 1] not in _CLAUSE_START_CHARS:
        i -= 1
    if i == floor and floor > 0:
        return date_start
    while i < date_start and work[i].isspace():
        i += 1
    return i


_CLAUSE_OPENERS = ("到", "在", "于", "自", "从", "至", "争取", "力争", "确保")
# Words that may stand between the start of a clause and a bare year that governs the clause.
_BARE_OPENERS = _CLAUSE_OPENERS + ("要在", "应在", "须在", "将在", "并在", "并于", "要", "将", "应", "须", "必须", "并", "计划")
_PREPOSITION_BEFORE_DATE_RE = re.compile(r"(?:在|于|到|至)\s*$")
# Kept in date_text: they are part of the meaning of the date ("到2025年", "自2007年7月1日起").
_DATE_PREFIX_RE = re.compile(r"(?:到|自|从)\s*$")


def _by_last_char(words) -> dict[str, tuple[str, ...]]:
    """Longest first, grouped by last character: a word can only end at i if work[i - 1] is its last
    character, so trying that group alone finds the same (first, longest) word as trying them all."""
    out: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        out.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


_OPENERS_BY_LAST: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}


def _starts_clause(work: str, start: int, openers=_CLAUSE_OPENERS) -> bool:
    """Does a date open a new clause ("...,到2025年,...")? Then it ends the previous date's scope."""
    i = start
    while i > 0 and work[i - 1] in " \t":
        i -= 1
    by_last = _OPENERS_BY_LAST.get(openers)
    if by_last is None:
        by_last = _OPENERS_BY_LAST[openers] = _by_last_char(openers)
    for _ in range(3):  # "并确保在2008年..."
        for w in by_last.get(work[i - 1], ()) if i > 0 else ():
            if work.endswith(w, 0, i):
                i -= len(w)
                break
        else:
            break
        while i > 0 and work[i - 1] in " \t":
            i -= 1
    return i == 0 or work[i - 1] in ",;。!?:\n"


_TRAILING_OPENERS = tuple(sorted(_BARE_OPENERS, key=len, reverse=True))
_TRAILING_BY_LAST = _by_last_char(_BARE_OPENERS)


def _trim_end(work: str, floor: int, end: int) -> int:
    """Drop trailing punctuation, and the opener words of the next date (",并确保在" of ",并确保在2008年")."""
    while end > floor and work[end - 1] in " \t,;:":
        end -= 1
    i = end
    for _ in range(3):
        for w in _TRAILING_BY_LAST.get(work[i - 1], ()) if i > 0 else ():
            if i - len(w) > floor and work.startswith(w, i - len(w)):
                i -= len(w)
                break
        else:
            break
        if work[i - 1] in ",;: \t":
            end = i
            while end > floor and work[end - 1] in " \t,;:":
                end -= 1
            break
    return end


_LEADING_PREP_RE = re.compile(r"(?:自|从|在|于|到|至|要在|应在|须在|需在|必须在|将于|将在)\s*$")


def _phrases(work: str, ref_year: int | None, own_year: int | None = None) -> list[DatePhrase]:
    """Date phrases of ``work``; ``own_year`` is the notice's own year as the text states it (a year
    before it is history and dates no month-day bound after it)."""
    phrases: list[DatePhrase] = []
    for m in find_dates(work):
        p = resolve(m, ref_year)
        if p is not None:
            phrases.append(range_end(work, p) or p)
    # Months without a year ("9月底前") take the year of an earlier date in the same sentence,
    # else the notice's year.
    starts = [p.start for p in phrases]
    extra = []
    for m in find_month_only(work):
        s = m.start()
        if s > 0 and work[s - 1] in "0123456789年月":
            continue
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and phrases[i].end > s:
            continue  # part of a full date
        sentence_start = work.rfind("。", 0, s)
        year = ref_year
        for p in reversed(phrases[: i + 1]):
            if p.start <= sentence_start:
                break
            if not p.relative and not _is_baseline(work, p) and (own_year is None or p.date.year >= own_year):
                year = p.date.year
                break
        q = resolve(m, ref_year, default_year=year)
        if q is not None:
            extra.append(q)
    if extra:
        phrases = sorted(phrases + extra, key=lambda p: p.start)
    return phrases


# After a year: words that make it the base a change is measured from ("比2015年下降", "2015年基础上",
# "与2015年相比", "2015年以来", "2015年水平").
_BASELINE_AFTER_RE = re.compile(r"\s*(?:年?底|年?末)?\s*(?:的)?\s*(?:基础上|基数|相比|比较|以来|水平|同期)")


def _is_baseline(work: str, p: DatePhrase) -> bool:
    """Is the date phrase ``p`` a baseline, not a frame? Its year must not date the month-day bounds
    after it ("比2015年削减20%,9月30日前完成…": the bound is in the notice's year)."""
    if not _context_ok(work, p.start) or _BASIS_AFTER_RE.match(work, p.end) or _BASELINE_AFTER_RE.match(work, p.end):
        return True
    i = p.start
    while i > 0 and work[i - 1] in _SKIP_BEFORE:
        i -= 1
    # "在2015年节能工作基础上": 在 … 基础上 around a year
    return work.endswith("在", 0, i) and _BASIS_AFTER_RE.match(work, p.end) is not None


# A projection or a condition, not a commitment: "预计到2020年…将突破…", "据测算,到2025年…",
# "如果…,到2010年可削减…".
_PROJECTION_RE = re.compile(r"预计|预测|预期|估计|估算|测算|如果|假如|倘若")
_PROJECTION_CLAUSE_BEFORE_RE = re.compile(r"(?:据|经|初步)?(?:预计|预测|测算|估算|估计)\s*[,:]\s*$")
# What a text (or an excerpt) that is complete ends with; an excerpt cut off mid-clause ends otherwise.
_TEXT_END_CHARS = frozenset("。;!?.”\"')）】]")


def _cut_off(work: str, clause_start: int, end: int) -> bool:
    """Does the clause ending at ``end`` run into the end of an excerpt cut off mid-clause
    ("…;2013年6月底前,单机容量20万千瓦以上的燃煤火电机组" and nothing after)? Its action is missing.
    Only a clause that continues running text on its line counts: a last line of its own without a
    full stop ("5.2025年底前完成改造") is a list item, not a cut."""
    if end < len(work) and not work[end].isspace():  # text after the clause, told without slicing it
        return False
    if work[end:].strip():
        return False
    tail = work.rstrip()
    if not tail or tail[-1] in _TEXT_END_CHARS:
        return False
    line_start = work.rfind("\n", 0, clause_start) + 1
    return any(c in _CLAUSE_START_CHARS for c in work[line_start:clause_start])


def extract_deadlines(doc: NoticeDocument) -> list[dict]:
    """Deadlines of ``doc``, sorted by char_start.

    Keys: deadline_date (datetime.date), precision (year|month|day), date_text (source form),
    action, char_start, char_end (SOURCE span of the clause holding the date and its action).
    """
    work = doc.working
    ref_year = reference_year(doc)
    phrases = [p for p in _phrases(work, ref_year, notice_year(doc)) if _context_ok(work, p.start)]
    # A date's scope ends at the next date that opens a clause of its own ("...,到2025年,...").
    next_opening = [len(work)] * len(phrases)
    following = len(work)
    for i in range(len(phrases) - 1, -1, -1):
        next_opening[i] = following
        if _starts_clause(work, phrases[i].start, _BARE_OPENERS):
            following = phrases[i].start
    rows = []
    for i, p in enumerate(phrases):
        end = _scope_end(work, p.end, next_opening[i])
        after = work[p.end:end]
        bare = p.kind == "year" and p.suffix in ("", "内") or (p.relative and p.kind == "year" and p.suffix == "")
        if p.kind == "year" and p.suffix == "" and _BAD_AFTER_BARE_RE.match(after):
            continue
        if p.suffix in ("以前", "以内") and p.kind == "year":
            continue
        # "2008年8月29日签订的...": a day or month with no 前/底/起 is an event, not a bound.
        if p.kind in ("day", "month") and not p.suffix and not work[p.start:p.end].rstrip().endswith(("底", "末")):
            continue
        if p.suffix in ("起", "开始") or _in_brackets(work, p.start, p.end):
            continue
        # "11月前": before the month or by its end? Not an explicit bound ("11月底前", "11月1日前" are).
        if p.kind == "month" and p.suffix and not _MONTH_END_RE.search(work, p.start, p.end):
            continue
        # "今年我省将…", "年内开工建设": the notice's own year frames what it plans, it is no bound.
        if bare and p.relative and p.date.year == ref_year:
            continue
        if bare and _BASIS_AFTER_RE.match(after):
            continue
        cell = None if bare else _row_action(doc, p)
        if cell is not None:
            # A division-of-work row "任务 | 责任单位 | 2008年6月底前": the date cell bounds the row's task,
            # unless that sets a level or a count (a target, as in running text).
            clause_start, action_end = cell
            clauses = [c for c in _CLAUSE_SEP_RE.split(work[clause_start:action_end]) if c.strip()]
            first = _first_substantive(clauses)
            if _sets_a_level(first) or any(_counts_to_reach(c) for c in _action_clauses(clauses)) or _process_then_quantity(clauses):
                continue
            if p.precision == "year" and not _within_plan(doc, p.date.year):
                continue
            rows.append(_row(doc, p, (clause_start, p.end), p.start, doc.text.evidence(clause_start, action_end)))
            continue
        clause_start = _clause_start(work, p.start)
        pre_text = work[clause_start:p.start]
        if _DONE_BEFORE_RE.search(pre_text):
            continue
        if _inside_noun_phrase(work, p.start, after):
            continue
        if _PROJECTION_RE.search(pre_text) or _PROJECTION_CLAUSE_BEFORE_RE.search(work, max(0, clause_start - 8), clause_start):
            continue
        if _cut_off(work, clause_start, end):
            continue
        if _DATE_IN_PRE_RE.search(pre_text):
            clause_start, pre_text = p.start, ""
        clauses = [c for c in _CLAUSE_SEP_RE.split(after) if c.strip()]
        if not clauses:
            continue
        if bare:
            # "印发江北市2009年节能减排工作安排": a year inside a name, not governing a clause.
            # After a preposition ("洗煤行业在2008年...") the year is a time adverbial all the same.
            # ("今年"/"明年" are never part of a name.)
            if (
                not p.relative
                and not _starts_clause(work, p.start, _BARE_OPENERS)
                and not _PREPOSITION_BEFORE_DATE_RE.search(work, max(0, p.start - 2), p.start)
            ):
                continue
            if _PAST_RE.search(after):
                continue
            if not p.relative and not _bare_year_may_bind(doc, p.date.year):
                continue
            if not any(_is_action_clause(c) for c in clauses):
                continue
        elif not _two_cjk(after) or _sets_a_level(_first_substantive(clauses)):
            continue
        elif any(_counts_to_reach(c) for c in _action_clauses(clauses)) or _process_then_quantity(clauses):
            continue  # "2014年底前淘汰燃煤锅炉186台": a dated count is a target (README_a, HELDOUT2/3)
        elif _COMPLETION_ONLY_RE.fullmatch(_first_substantive(clauses)) and _earlier_clause_counts(work, clause_start):
            continue  # "对不少于30家企业开展监察,11月底前完成": the count of the clause it completes
        elif p.precision == "year" and p.kind == "year" and not _within_plan(doc, p.date.year):
            continue  # "2030年前碳达峰" in a 14th-plan notice: a long-range aim
        end = _trim_end(work, p.end, end)
        prefix = _DATE_PREFIX_RE.search(work, max(0, p.start - 3), p.start)
        pre_action = _LEADING_PREP_RE.sub("", pre_text)
        action = (doc.text.evidence(clause_start, clause_start + len(pre_action)) if pre_action.strip() else "") + doc.text.evidence(
            p.end, end
        ).lstrip(" ,，:：\t")
        rows.append(_row(doc, p, (clause_start, end), prefix.start() if prefix else p.start, action))
    rows.sort(key=lambda r: (r["char_start"], r["char_end"]))
    return rows


_DATE_IN_PRE_RE = re.compile(r"\d{4}\s*年")


def _row(doc: NoticeDocument, p: DatePhrase, span: tuple[int, int], date_start: int, action: str) -> dict:
    """The deadline row of ``p``: evidence the source of the working ``span``, its date phrase from ``date_start``."""
    cs, ce = doc.text.source_span(*span)
    ds, de = doc.text.source_span(date_start, p.end)
    return {
        "deadline_date": p.date,
        "precision": p.precision,
        "date_text": doc.source[ds:de],
        "action": action.strip(),
        "char_start": cs,
        "char_end": ce,
    }

# Cell separators of a table flattened to text: a tab, an ideographic space, a run of spaces, "|"; a
# cell is what lies between them (single spaces inside).
_CELL_SEP_CHARS = frozenset("\t\u3000 |")
_CELL_RE = re.compile(r"[^\t\u3000| ]+(?: [^\t\u3000| ]+)*")
_ROW_END_BLANKS = " \t\u3000\r|"


def _row_action(doc: NoticeDocument, p: DatePhrase) -> tuple[int, int] | None:
    """Working-text span of the task cell of the table row whose last cell is the date ``p`` alone
    ("3　建立…报告制度　县经贸委牵头　2008年6月底前"), or None. Read on the source, whose lines and cell
    separators the working text may have joined. The row needs a cell besides the task and the date
    (the agency, a number): a line "发布单位  2008年6月30日" is no row of tasks."""
    src = doc.source
    ds, de = doc.text.source_span(p.start, p.end)
    if ds == 0 or src[ds - 1] not in _CELL_SEP_CHARS or (src[ds - 1] == " " and src[ds - 2 : ds - 1] != " "):
        return None
    line_end = src.find("\n", de)
    line_end = len(src) if line_end == -1 else line_end
    if src[de:line_end].strip(_ROW_END_BLANKS):
        return None
    line_start = src.rfind("\n", 0, ds) + 1
    cells = [(m.start(), m.end()) for m in _CELL_RE.finditer(src, line_start, ds)]
    if len(cells) < 2:
        return None
    for cs, ce in cells:
        if _two_cjk(src[cs:ce]):
            offsets = doc.text.offsets
            ws = bisect.bisect_left(offsets, cs)
            we = bisect.bisect_left(offsets, ce)
            return (ws, we) if we > ws else None
    return None

# After a date: a short verb phrase closed by 的 ("…前注册营运的黄标车").
_MODIFIER_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{1,8}的")
# Work on something without an end state ("开展节水型单位建设", "推进餐厨垃圾资源化利用"): when a later clause
# of the same action sets its level or count ("利用率达到50%", "全年创建示范单位600家"), that is what is due.
_PROCESS_OPEN_RE = re.compile(r"\s*(?:组织|积极|大力|全面|深入|继续|扎实)?(?:开展|推进|推动|加快|加强|深化)")


def _process_then_quantity(clauses: list[str]) -> bool:
    first = _first_substantive(clauses)
    return _PROCESS_OPEN_RE.match(first) is not None and any(_is_quantified(c) for c in clauses[clauses.index(first) + 1:])


# A clause that only says the work is done: what is done is the clause before it.
_COMPLETION_ONLY_RE = re.compile(r"\s*(?:全部|全面|基本)?(?:完成|建成|完工|到位)(?:任务|工作)?\s*")


def _inside_noun_phrase(work: str, start: int, after: str) -> bool:
    """"淘汰2005年底前注册营运的黄标车": a date right after a verb, in a phrase closed by 的, dates
    what is acted on (a registration cut-off), it bounds no action."""
    if start == 0 or not _CJK_RE.match(work[start - 1]) or _LEADING_PREP_RE.search(work, max(0, start - 3), start):
        return False
    return not _starts_clause(work, start, _BARE_OPENERS) and _MODIFIER_AFTER_RE.match(after) is not None


def _earlier_clause_counts(work: str, clause_start: int) -> bool:
    """Does the clause before the one at ``clause_start`` (same sentence) set a count or a level?"""
    if clause_start == 0 or work[clause_start - 1] != ",":
        return False
    start = _clause_start(work, clause_start - 1)
    earlier = work[start : clause_start - 1]
    return _counts_to_reach(earlier) or _sets_a_level(earlier)


# "按实况计算", "按2015年价格计算": how a figure is counted, not what is done.
_COUNTING_RE = re.compile(r"\s*按[^,]{0,10}(?:计算|统计|核算)\s*$")


def _first_substantive(clauses: list[str]) -> str:
    """The first clause after a date that says what is to be done or reached."""
    for clause in clauses:
        if "按" not in clause or not _COUNTING_RE.match(clause):  # every match holds 按
            return clause
    return clauses[0]


def _within_plan(doc: NoticeDocument, year: int) -> bool:
    return doc.plan_end_year is None or year <= doc.plan_end_year


def _bare_year_may_bind(doc: NoticeDocument, year: int) -> bool:
    """Can a bare year bind an action of ``doc``? Not one before the notice's own year or its plan
    period (history), after the end of its plan period (a long-range aim), nor the year an annual
    plan is for (it frames every item of the plan)."""
    # The year of the notice as the text states it, not as estimated from the documents it cites
    # (a notice may restate what its sources set for the year before it).
    known_year = notice_year(doc)
    floors = [y for y in (doc.plan_start_year, known_year) if y is not None]
    if floors and year < max(floors):
        return False
    if not _within_plan(doc, year):
        return False
    return doc.plan_year is None or year != doc.plan_year


def _in_brackets(work: str, start: int, end: int) -> bool:
    """"基数(2010年底)": a date alone in brackets annotates a figure, it binds nothing."""
    i = start
    while i > 0 and work[i - 1] in " \t":
        i -= 1
    j = end
    while j < len(work) and work[j] in " \t":
        j += 1
    return i > 0 and work[i - 1] in "([〔【" and j < len(work) and work[j] in ")]〕】"
