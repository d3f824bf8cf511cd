"""Notice metadata inferred from the text: title, issuer, region, plan period, issue date, 文号."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from fyp.plan_periods import PLAN_NAMES, PLAN_YEARS
from fyp.metadata.gazetteer import MUNICIPALITIES, Place, find_places, place_by_name
from fyp.text.normalize import NormalizedText

# Lines of the head of a notice that decide its metadata.
_HEAD_LINES = 40

_PLAN_RE = re.compile(r"十[一二三四五]五")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_TITLE_KEYWORDS = ("节能", "减排", "降耗", "污染", "能耗", "低碳", "节约")
_TITLE_ENDINGS = ("方案", "计划", "规划", "通知", "意见", "办法", "分工", "安排", "要点")
_ISSUER_RE = re.compile(
    r"^(?P<issuer>[^,，。:;\s《》]{2,24}?(?:人民政府办公厅|人民政府办公室|人民政府|发展和改革委员会|发展改革委|发改委|"
    r"节能减排工作领导小组办公室|节能减排工作领导小组|节能减排办公室|节能减排办|经济和信息化委员会|生态环境厅|生态环境局))"
    r"(?:关于)?印发"
)
_DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(]((?:19|20)\d\d)[〕\]】)]\s*第?\s*\d{1,4}\s*号")
_LABELLED_DATE_RE = re.compile(
    r"(?:发布日期|发布时间|成文日期|印发日期|发文日期|日期|时间)\s*[:]?\s*((?:19|20)\d\d)[-./年](\d{1,2})[-./月](\d{1,2})"
)
_LINE_DATE_RE = re.compile(r"^\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_CN_LINE_DATE_RE = re.compile(r"^\s*([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$")
_SOURCE_DATE_RE = re.compile(r"(?:来源|来源于)[::]?[^\n]{0,30}?((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
_ISSUING_RE = re.compile(r"关于(?:印发|下达)")
_CITED_ISSUING_RE = re.compile(r"《[^》]*关于(?:印发|下达)")
_TARGET_YEAR_RE = re.compile(r"(?:到|至|在)((?:19|20)\d\d)年")
_NEWS_MARKERS = ("获悉", "近日", "记者", "报讯", "日讯", "日电", "据悉", "本报", "新闻中心", "原文如下", "政策原文", "来源:", "要闻")


@dataclass(frozen=True)
class NoticeMetadata:
    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    province: str | None = None
    admin_code: str | None = None
    level: str | None = None
    plan_period: int | None = None
    issue_date: dt.date | None = None
    doc_number: str | None = None
    is_news_repost: bool = False
    plan_year: int | None = None  # the year an annual plan is for (see NoticeDocument.plan_year)

    @property
    def plan_start_year(self) -> int | None:
        return PLAN_YEARS.get(self.plan_period, (None, None))[0]

    @property
    def plan_end_year(self) -> int | None:
        return PLAN_YEARS.get(self.plan_period, (None, None))[1]

    def with_place(self, place: Place | None) -> NoticeMetadata:
        if place is None:
            return self
        return replace(self, region=place.name, province=place.province, admin_code=place.admin_code, level=place.level)


def infer_metadata(text: NormalizedText, *, source_file: str = "") -> NoticeMetadata:
    work = text.text
    lines = [ln.strip() for ln in work.splitlines()]
    head = [ln for ln in lines if ln][:_HEAD_LINES]
    title = _title(head)
    issue_date = _issue_date(head, work)
    return NoticeMetadata(
        title=title,
        issuer=_issuer(title, head),
        plan_period=_plan_period(work, title, issue_date),
        issue_date=issue_date,
        doc_number=_doc_number(head),
        is_news_repost=_is_news(work),
    ).with_place(_region(title, head, work))


# --- title and issuer ---------------------------------------------------------------------------


def _title(head: list[str]) -> str | None:
    # A title printed over several short lines ("…关于印发海南省" / "2014—2015年…" / "…方案的通知") is joined.
    # Lines that cite another notice (根据《…关于印发…》) are not titles; a standalone title line
    # is preferred to a news lead that names the notice in passing.
    candidates = [
        i
        for i, line in enumerate(head)
        if _ISSUING_RE.search(line) and not _CITED_ISSUING_RE.search(line)
    ]
    candidates.sort(key=lambda i: (not _ISSUER_RE.match(head[i]) and not head[i].startswith("关于"), i))
    for i in candidates:
        line = head[i]
        title = line
        j = i + 1
        while not title.endswith(_TITLE_ENDINGS) and j < len(head) and len(head[j]) <= 30 and j - i <= 3:
            title += head[j]
            j += 1
        return _clean_title(title)
    for line in head:
        if len(line) <= 60 and "。" not in line and line.endswith(_TITLE_ENDINGS) and any(k in line for k in _TITLE_KEYWORDS):
            return _clean_title(line)
    return None


def _clean_title(title: str) -> str:
    title = re.sub(r"^(?:近日|日前)[,，]?", "", title)
    # A news lead ("…获悉,3月31日,黑龙江省人民政府发布…的通知。方案中提出…") keeps only the notice's name.
    m = re.search(r"([^,，。]*?关于(?:印发|下达)[^。,，]*(?:方案|计划|规划|通知|意见))", title)
    if m:
        title = m.group(1)
    title = re.sub(r"[(〔\[][^()]*?\d{4}[^()]*?号[)〕\]]$", "", title)  # trailing (文号)
    return title.strip(" ,,。") or None


def _issuer(title: str | None, head: list[str]) -> str | None:
    if title:
        m = _ISSUER_RE.match(title)
        if m:
            return m.group("issuer")
    # A signature: an authority on its own line directly above the date line.
    for prev, line in zip(head, head[1:]):
        if (_LINE_DATE_RE.match(line) or _CN_LINE_DATE_RE.match(line)) and re.fullmatch(
            r".{2,20}(?:人民政府|人民政府办公厅|人民政府办公室|委员会|办公室|领导小组)", prev
        ):
            return prev
    return None


# --- region -------------------------------------------------------------------------------------


def _region(title: str | None, head: list[str], work: str) -> Place | None:
    if title:
        place = _most_specific(find_places(title, aliases=True))
        if place:
            return place
    for line in head[:5]:
        place = _most_specific(find_places(line, aliases=True))
        if place and len(line) <= 60:
            return place
    # No title: the place the body speaks of most, at the level its "全省/全市" wording implies
    # (a municipality such as 北京市 says "全市" but is a province-level division).
    level = "province" if work.count("全省") + work.count("我省") >= work.count("全市") + work.count("我市") else "city"
    for aliases in (False, True):  # full names first; short names (甘肃, 北京) only if none
        mentions = [p for _, p in find_places(work[:5000], aliases=aliases) if p.level == level or (level == "city" and p.name in MUNICIPALITIES)]
        if mentions:
            return Counter(mentions).most_common(1)[0][0]
    return None


def _most_specific(found: list[tuple[int, Place]]) -> Place | None:
    """The deepest place of the first chain of nested places (辽宁省葫芦岛市 → 葫芦岛市)."""
    if not found:
        return None
    best = found[0][1]
    for _, place in found[1:]:
        if place.level == "city" and best.level == "province" and place.province == best.province:
            best = place
        elif place.level == "county" and best.level in ("province", "city") and place.province == best.province:
            if best.level == "province" or place.city == best.name:
                best = place
    return best


# --- plan period and dates ----------------------------------------------------------------------


def _plan_period(work: str, title: str | None, issue_date: dt.date | None) -> int | None:
    # "十五" alone names the 10th plan, a baseline ("比“十五”末"), never the period of the notice.
    if title:
        named = {PLAN_NAMES[m] for m in _PLAN_RE.findall(title) if m in PLAN_NAMES}
        if len(named) == 1:
            return named.pop()
    votes: Counter[int] = Counter()
    for m in _PLAN_RE.findall(work):
        if m in PLAN_NAMES:
            votes[PLAN_NAMES[m]] += 2
    for m in _TARGET_YEAR_RE.finditer(work):
        period = period_of_year(int(m.group(1)))
        if period:
            votes[period] += 1
    if title:
        for m in re.finditer(r"((?:19|20)\d\d)", title):
            period = period_of_year(int(m.group(1)))
            if period:
                votes[period] += 3
    if votes:
        return votes.most_common(1)[0][0]
    if issue_date:
        return period_of_year(issue_date.year)
    return None


def period_of_year(year: int) -> int | None:
    for period, (start, end) in PLAN_YEARS.items():
        if start <= year <= end:
            return period
    return None


def _issue_date(head: list[str], work: str) -> dt.date | None:
    for line in head:
        m = _LINE_DATE_RE.match(line)
        if m:
            return _date(*m.groups())
        m = _CN_LINE_DATE_RE.match(line)
        if m:
            return _date(_cn_year(m.group(1)), _cn_number(m.group(2)), _cn_number(m.group(3)))
    for pattern in (_LABELLED_DATE_RE, _SOURCE_DATE_RE):
        for line in head:
            m = pattern.search(line)
            if m:
                return _date(*m.groups())
    return None


def _date(year, month, day) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS[s[1]]
    if s.endswith("十"):
        return _CN_DIGITS[s[0]] * 10
    if "十" in s:
        return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS[s[2]]
    return _CN_DIGITS[s]


# --- 文号 and news ------------------------------------------------------------------------------


def _doc_number(head: list[str]) -> str | None:
    for line in head[:15]:
        for m in _DOC_NUMBER_RE.finditer(line):
            before = line[: m.start()].rstrip("(〔[ ")
            if before.endswith("》"):
                continue  # a citation of another document: 《…》(国发〔2007〕15号)
            number = re.sub(r"\s+", "", m.group(0))
            return number.replace("[", "〔").replace("]", "〕").replace("【", "〔").replace("】", "〕")
    return None


def _is_news(work: str) -> bool:
    lead = work[:300]
    return any(marker in lead for marker in _NEWS_MARKERS)


__all__ = ["NoticeMetadata", "infer_metadata", "period_of_year", "place_by_name"]
