"""Calendar-date phrases of notices ("2008年6月底前", "今年年底前", "上半年") → dates.

Shared by the deadline extractor; matches the WORKING text (half-width digits, simplified script).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

from fyp.document import NoticeDocument
from fyp.text.numerals import chinese_int

_CN_YEAR = "[一二][〇○零O一二三四五六七八九]{3}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

# Years of the relative expressions, as offsets from the notice's year.
RELATIVE_YEARS = {"年底": 0, "今年": 0, "本年": 0, "当年": 0, "本年度": 0, "今年度": 0, "年内": 0, "明年": 1, "后年": 2}

# Half-years and quarters → (month, precision). "前三季度" is the end of September.
_PERIOD_END = {
    "上半年": 6, "年中": 6, "下半年": 12,
    "一季度": 3, "第一季度": 3, "二季度": 6, "第二季度": 6, "三季度": 9, "第三季度": 9,
    "四季度": 12, "第四季度": 12, "前三季度": 9,
}

DATE_RE = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d|" + _CN_YEAR + r")\s*年|(?P<rel>今年度?|本年度?|明年|后年|年内|(?<![\d年每])年底(?=前|之前)|(?<=[在于到])年底))"
    r"(?:"
    r"\s*(?P<month>\d{1,2}|" + _CN_SMALL + r")\s*月(?:\s*(?P<day>\d{1,2}|" + _CN_SMALL + r")\s*[日号])?(?P<mend>底|末|份)?"
    r"|\s*(?P<period>上半年|下半年|年中|前三季度|第?[一二三四]季度)(?:末|底)?"
    r"|(?P<yend>年底|年末|底|末)"
    r")?"
    r"(?P<suffix>之前|以前|前|起|开始|以内|内)?"
)
# A month bound without a year ("9月底前", "4月底"): only with an explicit "before" or month end.
# (The character before the month is checked by the caller: a leading look-behind would be
# tried at every position of the text.)
MONTH_ONLY_RE = re.compile(
    r"(?P<month>\d{1,2}|" + _CN_SMALL + r")\s*月(?:(?:\s*(?P<day>\d{1,2}|" + _CN_SMALL + r")\s*[日号])?(?P<mend>底|末)?(?P<suffix>之前|以前|前)|(?P<mend2>底|末)(?!\s*[的以]))"
)
# 国发〔2007〕15号: the issuer's characters before the bracket are checked by the caller.
_DOC_NUMBER_YEAR_RE = re.compile(r"[〔\[【(]((?:19|20)\d\d)[〕\]】)]\s*第?\s*\d{1,4}\s*号")


def notice_year(doc: NoticeDocument) -> int | None:
    """The notice's own year as the text states it: the year an annual plan is for
    (``doc.plan_year``), else the issue date's, else the date line at the head of a page ("2009-04-30",
    "(时间:2010-9-17 17:55:22)"): a news report's "今年" is the year it was written."""
    if doc.plan_year is not None:
        return doc.plan_year
    if doc.issue_date is not None:
        return doc.issue_date.year
    return _head_date_year(doc.working)


def reference_year(doc: NoticeDocument) -> int | None:
    """The year that "今年" means in ``doc``.

    :func:`notice_year` when the text states it. Otherwise the latest year among the document
    numbers the notice cites (国发〔2007〕15号): a notice cannot be older than what it cites, and work
    plans are usually issued within months of the document they implement. None if none of these
    exists: then relative dates are not resolved at all.
    """
    year = notice_year(doc)
    if year is not None:
        return year
    work = doc.working
    years = [int(m.group(1)) for m in _DOC_NUMBER_YEAR_RE.finditer(work) if m.start() > 0 and "\u4e00" <= work[m.start() - 1] <= "\u9fff"]
    return max(years) if years else None


# A full date alone on a short line near the top, maybe labelled and followed by a time, a page
# separator or the page's source ("2014年6月12日 来源:中国政府网"): a page's date line. (A date
# followed by 前/底/起 is a bound, not a date line.)
_HEAD_DATE_RE = re.compile(
    r"^[\s(\[【|]*(?:(?:发布|更新|发表|成文)?(?:时间|日期)\s*[::]\s*)?"
    r"((?:19|20)\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[\s)\]】|]*(?:(?:来源|来自|出处)\s*[::][^\n]*)?$"
)
_HEAD_LINES = 6


def _head_date_year(work: str) -> int | None:
    for line in work[:600].split("\n")[:_HEAD_LINES]:
        if len(line) <= 60:
            m = _HEAD_DATE_RE.match(line)
            if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
                return int(m.group(1))
    return None


_YEAR_BACK_CHARS = frozenset("0123456789一二三四五六七八九〇○零O 今本明后")
_MONTH_BACK_CHARS = frozenset("0123456789一二三四五六七八九十 ")


def _anchored(regex: re.Pattern, work: str, anchor: str, back_chars: frozenset, window: int):
    """``regex.finditer(work)`` for a regex whose every match contains ``anchor``.

    Scanning a 10k-character notice position by position with a many-branched regex costs more
    than all the rest of the extraction; jumping from one "年" to the next and trying only the few
    starts that can reach it gives the same matches (leftmost first, not overlapping).
    """
    pos = 0
    last_end = 0
    find = work.find
    while True:
        k = find(anchor, pos)
        if k == -1:
            return
        s = k
        floor = max(last_end, k - window)
        while s > floor and work[s - 1] in back_chars:
            s -= 1
        for start in range(s, k + 1):
            m = regex.match(work, start)
            if m and m.end() > k:
                yield m
                last_end = pos = m.end()
                break
        else:
            pos = k + 1


def find_dates(work: str):
    """DATE_RE matches in ``work``, in order."""
    return _anchored(DATE_RE, work, "年", _YEAR_BACK_CHARS, 10)


def find_month_only(work: str):
    """MONTH_ONLY_RE matches in ``work``, in order."""
    return _anchored(MONTH_ONLY_RE, work, "月", _MONTH_BACK_CHARS, 5)


class DatePhrase(NamedTuple):  # immutable; a tuple is several times cheaper to build than a frozen dataclass
    start: int  # working-text span of the phrase
    end: int
    date: dt.date
    precision: str  # year | month | day
    kind: str  # "year" (bare year), "year_end", "period", "month", "day"
    relative: bool
    suffix: str  # 前 / 起 / "" ...


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# Fields after the span of resolved phrases, by (pattern, text matched, ref_year, default_year).
_RESOLVED: dict = {}
_MISSING = object()


def resolve(m: re.Match, ref_year: int | None, *, default_year: int | None = None) -> DatePhrase | None:
    """The date a DATE_RE / MONTH_ONLY_RE match stands for; None if it cannot be resolved.

    The same date texts recur ("年底前", "2025年") and a match's groups are a function of its pattern
    and the text it matched (the look-arounds only choose which way 年底 is matched as "rel"), so
    each is resolved once.
    """
    key = (m.re.pattern, m.group(), ref_year, default_year)  # a Pattern hashes its compiled code each time
    fields = _RESOLVED.get(key, _MISSING)
    if fields is _MISSING:
        if len(_RESOLVED) >= 8192:
            _RESOLVED.clear()
        phrase = _resolve_plain(m, ref_year, default_year)
        fields = _RESOLVED[key] = phrase[2:] if phrase is not None else None
    return DatePhrase(m.start(), m.end(), *fields) if fields is not None else None


def _resolve_plain(m: re.Match, ref_year: int | None, default_year: int | None) -> DatePhrase | None:
    groups = m.groupdict()
    relative = False
    if groups.get("year"):
        year = chinese_int(groups["year"])
    elif groups.get("rel"):
        relative = True
        year = ref_year + RELATIVE_YEARS[groups["rel"]] if ref_year is not None else None
    else:
        year = default_year
    if year is None or not 1949 <= year <= 2100:
        return None
    suffix = groups.get("suffix") or ""
    starting = suffix in ("起", "开始")
    try:
        if groups.get("month"):
            month = chinese_int(groups["month"])
            if month is None or not 1 <= month <= 12:
                return None
            if groups.get("day"):
                day = chinese_int(groups["day"])
                date = dt.date(year, month, day)
                return DatePhrase(m.start(), m.end(), date, "day", "day", relative, suffix)
            date = dt.date(year, month, 1) if starting else _month_end(year, month)
            return DatePhrase(m.start(), m.end(), date, "month", "month", relative, suffix)
        if groups.get("period"):
            month = _PERIOD_END[groups["period"]]
            return DatePhrase(m.start(), m.end(), _month_end(year, month), "month", "period", relative, suffix)
    except (TypeError, ValueError):
        return None
    date = dt.date(year, 1, 1) if starting else dt.date(year, 12, 31)
    kind = "year_end" if groups.get("yend") or groups.get("rel") == "年底" else "year"
    return DatePhrase(m.start(), m.end(), date, "year", kind, relative, suffix)


# The end of a dated range: "2006年11月-12月", "2007年1月1日—3月31日", "2007年4月至6月".
_RANGE_END_RE = re.compile(
    r"\s*(?:-|—|–|－|~|～|至|到)+\s*(?P<month>\d{1,2}|" + _CN_SMALL + r")\s*月(?:\s*(?P<day>\d{1,2}|" + _CN_SMALL + r")\s*[日号])?(?P<mend>底|末)?"
)


def range_end(work: str, phrase: DatePhrase) -> DatePhrase | None:
    """A month or day phrase that opens a range ("2007年1月1日—3月31日") → the range's end, as a bound.

    The phrase's span grows to cover the whole range; kind "range", suffix "至". None if no range
    follows, or its end is not after its start.
    """
    if phrase.kind not in ("month", "day") or phrase.suffix:
        return None
    m = _RANGE_END_RE.match(work, phrase.end)
    if m is None:
        return None
    month = chinese_int(m.group("month"))
    if month is None or not 1 <= month <= 12:
        return None
    year = phrase.date.year
    try:
        if m.group("day"):
            day = chinese_int(m.group("day"))
            date, precision = dt.date(year, month, day), "day"
        else:
            date, precision = _month_end(year, month), "month"
    except (TypeError, ValueError):
        return None
    if date <= phrase.date:
        return None
    return DatePhrase(phrase.start, m.end(), date, precision, "range", phrase.relative, "至")
