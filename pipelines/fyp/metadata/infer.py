"""Notice metadata inferred from the text: title, issuer, region, level, plan period, plan year, issue date, 文号.

Where the region comes from, most trusted first: the title; the issuer (the title's, the signature's
(落款), a labelled 印发机关); the page's headline lines; the authority a news lead names as the one
acting ("湖北襄樊市政府近日确定…"). Only when none of these names a place does the body decide: its
own wording gives the level (我县/全市/本省, 省政府各部门, 市X局, 地区X局), and the place is the one of
that level it names most, or else the division holding what it names (a province notice that names
only its cities; a county notice that names only its city, whose code then stands for the county).
Notices of the State Council, its ministries or addressed to every province are national (全国).

The plan period comes from the plan-period words of the title or headline, else from the year an
annual plan is for, else the date the notice was issued, else a vote of the body's plan-period words,
baseline years (比2010年 → the plan after 2010) and dated years. A news page's own dateline is when the
page was published, not when the notice was issued: it is only the last resort.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from fyp.plan_periods import PLAN_NAMES, PLAN_YEARS
from fyp.metadata.gazetteer import (
    MUNICIPALITIES,
    Place,
    by_full_name,
    find_place_spans,
    is_full_name,
    counties_of_township,
    county_by_short_name,
    place_by_name,
    shared_county_names,
)
from fyp.text.matching import matches_at
from fyp.text.normalize import NormalizedText
from fyp.text.numerals import chinese_int

NATIONAL = "全国"

# Lines of the head of a notice that decide its metadata.
_HEAD_LINES = 40
# Characters of the opening that a news lead or a plan's preamble states its subject in.
_LEAD_CHARS = 400

_PLAN_RE = re.compile(r"十[一二三四五]五")
_TITLE_KEYWORDS = ("节能", "减排", "降耗", "污染", "能耗", "低碳", "节约")
_TITLE_ENDINGS = ("方案", "计划", "规划", "通知", "意见", "办法", "分工", "安排", "要点")
_ISSUER_RE = re.compile(
    r"^(?P<issuer>[^,，。:;\s《》]{2,24}?(?:人民政府办公厅|人民政府办公室|人民政府|发展和改革委员会|发展改革委|发改委|"
    r"节能减排工作领导小组办公室|节能减排工作领导小组|节能减排办公室|节能减排办|经济和信息化委员会|生态环境厅|生态环境局))"
    r"(?:关于)?印发"
)
# An authority standing alone on a signature line (落款).
_SIGNATURE_RE = re.compile(
    r"[^\d,，。:;《》()]{2,40}?(?:人民政府|办公厅|办公室|委员会|领导小组|行政公署|国务院|总局|[部厅局委院署])"
)
_LABELLED_ISSUER_RE = re.compile(r"(?:印发机关|发文机关|发布机构|发文单位)\s*[::]\s*([^\s,,。;]{2,40})")
# What, written right after a place's name, makes it an authority of that place.
_AUTHORITY_AFTER_PLACE_RE = re.compile(
    r"(?:人民政府|政府|行政公署|行署|发展和改革委员会|发展改革委|发改委|发改局|经济和信息化委员会|经济和信息化厅|经济和信息化局|"
    r"经信委|经信局|工业和信息化厅|工业和信息化局|工信厅|工信局|生态环境厅|生态环境局|环境保护厅|环境保护局|环保厅|环保局|"
    r"节能减排工作领导小组|节能减排领导小组|节能减排办公室|节能减排办|节能办)"
)
# Only the centre addresses every province: "各省、自治区、直辖市人民政府", "向各省(区、市)下达".
_NATIONAL_ADDRESS_RE = re.compile(r"(?:^|向)\s*各省(?:、自治区、直辖市|\(区、市\)|、区、市)", re.M)

# 文号: up to ten characters of issuer, then 〔year〕 and a number (found from the bracket, which is rare).
_DOC_NUMBER_RE = re.compile(r"[〔\[【(]\s*((?:19|20)\d\d)\s*[〕\]】)]\s*第?\s*\d{1,4}\s*号")
_LABELLED_DATE_RE = re.compile(
    r"(?P<label>发布日期|发布时间|成文日期|印发日期|发文日期|印发时间|日期|时间)\s*[:]?\s*((?:19|20)\d\d)[-./年](\d{1,2})[-./月](\d{1,2})"
)
_ISSUING_LABELS = ("成文日期", "印发日期", "发文日期", "印发时间")
_LINE_DATE_RE = re.compile(r"^\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_CN_LINE_DATE_RE = re.compile(r"^\s*([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$")
# A page's dateline: "2009-07-31 02:26:14", "(时间:2010-9-17 17:55:22) |".
_DATELINE_RE = re.compile(
    r"^[\s(]*(?:时间|日期|发布时间|发布日期)?\s*[:]?\s*((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d\d(?::\d\d)?)?[\s)|]*$"
)
_SOURCE_DATE_RE = re.compile(r"(?:来源|来源于)[::]?[^\n]{0,30}?((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
_ISSUING_RE = re.compile(r"关于(?:印发|下达)")
_CITED_ISSUING_RE = re.compile(r"《[^》]*关于(?:印发|下达)")
_NEWS_MARKERS = (
    "获悉", "近日", "记者", "报讯", "日讯", "日电", "据悉", "本报", "新闻中心", "原文如下", "政策原文", "来源:", "要闻",
    "网讯", "昨天", "昨日", "前日",
)

# Years the body speaks of: where the plan's targets are measured from, where they lead to, dates.
_YEAR = r"((?:19|20)\d\d)"
_BASELINE_YEAR_RE = re.compile(rf"(?:比|较|相比|相对|相较于?|对比)\s*{_YEAR}\s*年|在\s*{_YEAR}\s*年(?:底|末)?的?基础上|以\s*{_YEAR}\s*年为基")
_TARGET_YEAR_RE = re.compile(rf"(?:到|至|截至|截止)\s*{_YEAR}\s*年")
_PLAIN_YEAR_RE = re.compile(rf"{_YEAR}\s*年")
_DATED_YEAR_RE = re.compile(rf"{_YEAR}\s*年\s*\d{{1,2}}\s*月")  # not after 到/至/比/较 (checked where used)
_RANGE_RE = re.compile(rf"{_YEAR}\s*年?(?:\s*\d{{1,2}}\s*月(?:份)?)?\s*[-—–~～至到]\s*{_YEAR}\s*年")
_SINGLE_YEAR_RE = re.compile(rf"(?<![\d到至比较])(?<!截至)(?<!截止){_YEAR}\s*年(?![底末]?前)")
# A year written in Chinese numerals ("关于下达二〇〇九年度…的通知"): a 20XX year holds 〇/○/零, the test before the scan.
_CN_SINGLE_YEAR_RE = re.compile(r"(?<![到至比较])(?<!截至)(?<!截止)([一二][〇○零一二三四五六七八九]{3})\s*年(?![底末]?前)")
# "2009年全省节能减排的目标", "下达了2013年19个工业行业淘汰落后产能目标任务", "全县2012年…减排工作";
# not a deadline ("应于2014年一季度前将年度目标分解").
_ANNUAL_SUBJECT_RE = re.compile(
    rf"(?<![\d到至比较于]){_YEAR}\s*年度?(?!底|末|前|\d{{1,2}}\s*月)[^,，。;:、前]{{0,20}}?(?:工作|目标|任务|计划|方案|要点|安排)"
)
# "2020年是…收官之年": the year the opening is about.
_YEAR_OF_RE = re.compile(rf"(?<![\d到至比较]){_YEAR}\s*年(?:是|为)[^,,。;]{{0,30}}?之年")
_THIS_YEAR_RE = re.compile(r"今年|本年度")

# How a notice speaks of its own administration, by level and tier: "我县/本县" say it (tier 0), "全县"
# nearly does (1), and agencies or addressees ("县环保局", "各乡(镇)人民政府") suggest it (2).
_LEVEL_WORDS = {
    "county": (r"我县|本县|我区|本区", r"全县|全区(?!域)", r"各乡(?:\(镇\)|镇)|各(?:乡镇|镇)人民政府"),
    "city": (r"我市|本市", r"全市", r"地区[\u4e00-\u9fff]{1,4}局|行署|各县\(市\)、?区|各区县|各县区|各县(?:\(市\))?人民政府"),
    "province": (r"我省|本省", r"全省", r"各市、?州|各市\(州\)|各地级以上市|各省辖市"),
}
# Tier 2 as well: one government's own bodies ("省政府", "市环保局"). "各市政府", "三市政府", "所在地市政府",
# "市县政府" are several governments below the notice's, so the character before must not make it plural.
_ONE_GOVERNMENT = {"county": "县|区", "city": "市", "province": "省"}
_ONE_GOVERNMENT_BODY = r"(?:人民)?政府|委|[\u4e00-\u9fff]{1,6}?[局厅]"
_PLURAL_BEFORE = frozenset("各两三四五六七八九十几地市县区省、")
_LEVEL_ORDER = ("county", "city", "province")


def _level_word_re() -> re.Pattern:
    groups = []
    for level in _LEVEL_ORDER:
        for tier, pattern in enumerate(_LEVEL_WORDS[level]):
            groups.append(f"(?P<{level}{tier}>{pattern})")
        groups.append(f"(?P<{level}one>(?:{_ONE_GOVERNMENT[level]})(?:{_ONE_GOVERNMENT_BODY}))")
    return re.compile("|".join(groups))


_LEVEL_WORD_RE = _level_word_re()


_LEVEL_WORD_START_RE = re.compile("[我本全县区市省各地行]")


def _level_counts(text: str) -> dict[str, list[int]]:
    """Per level, the number of tier 0, 1 and 2 expressions in ``text``."""
    counts = {level: [0, 0, 0] for level in _LEVEL_ORDER}
    end = 0
    for start in _LEVEL_WORD_START_RE.finditer(text):  # tried only where an expression can start
        if start.start() < end:
            continue
        m = _LEVEL_WORD_RE.match(text, start.start())
        if m is None:
            continue
        end = m.end()
        name = m.lastgroup
        level = next(lv for lv in _LEVEL_ORDER if name.startswith(lv))
        tier = name[len(level) :]
        if tier == "one":
            if m.start() and text[m.start() - 1] in _PLURAL_BEFORE:
                continue
            counts[level][2] += 1
        else:
            counts[level][int(tier)] += 1
    return counts
# Where a short name (河北, 岳阳) stands as a name in running text: beside punctuation, in a list, after a
# preposition or before an admin word ("环保定期" holds 保定 but names no place).
_AFTER_SHORT_NAME = frozenset("、和及与等省市县区州两三四五六七八九十")
_BEFORE_SHORT_NAME = frozenset("、对在向为到与和及从于")
_CITED_RE = re.compile(r"《[^《》\n]{1,80}》")
_ACTING_RE = re.compile(
    r"[^。;\n]{0,24}?(?:发布|印发|下达|公布|出台|召开|部署|确定|制定|提出|要求|明确|说|表示|介绍|公告|通报|发出|联合|批复|审议|分解|下发|获悉)"
)


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

    def with_place(self, place: Place | None, level: str | None = None) -> NoticeMetadata:
        """The metadata with ``place`` as region; ``level`` when the notice is below it (a county of that city)."""
        if place is None:  # a level alone: the notice's own wording says who speaks but names no place
            return replace(self, level=level) if level else self
        return replace(self, region=place.name, province=place.province, admin_code=place.admin_code, level=level or place.level)

    def national(self) -> NoticeMetadata:
        return replace(self, region=NATIONAL, province=None, admin_code=None, level="national")


def infer_metadata(text: NormalizedText, *, source_file: str = "") -> NoticeMetadata:
    work = text.text
    head = _head_lines(work)
    title = _title(head)
    is_news = _is_news(work)
    issue_date, published = _dates(head, is_news)
    issuer = _issuer(title, head, work)
    headline = _headline(head, title)
    lead = work[:_LEAD_CHARS]
    plan_year = _plan_year(title, headline, lead, issue_date or published)
    meta = NoticeMetadata(
        title=title,
        issuer=issuer,
        plan_period=_plan_period(work, title, headline, plan_year, issue_date, published),
        issue_date=issue_date,
        doc_number=_doc_number(head),
        is_news_repost=is_news,
        plan_year=plan_year,
    )
    if _is_national(title, issuer, head, lead, work):
        return meta.national()
    place, level = _region(title, issuer, head, headline, lead, work)
    return meta.with_place(place, level)


# --- lines ---------------------------------------------------------------------------------------

# The line ends str.splitlines knows besides "\n" (normalize maps the last three to "\n"; a lone "\r" stays).
_OTHER_LINE_ENDS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
# The head is read from a prefix of the text this long to start with (doubled while it has too few lines).
_HEAD_PREFIX = 4096


def _nonblank_lines(text: str) -> list[str]:
    """The stripped nonblank lines of ``text`` (of ``text.splitlines()``). ``split("\n")`` finds the same lines
    where no other line end stands, several times faster: splitlines tests every character against each."""
    if any(end in text for end in _OTHER_LINE_ENDS):
        lines = text.splitlines()
    else:
        lines = text.split("\n")
    return [s for ln in lines if (s := ln.strip())]


def _head_lines(work: str) -> list[str]:
    """``_nonblank_lines(work)[:_HEAD_LINES]``, from a prefix of ``work`` (most of a notice lies below its head),
    read in pieces of doubling length that end with "\n": a line end of ``work`` (of a "\r\n" too)."""
    # The lines of consecutive pieces that each end at a line end are the lines of the text they make up.
    lines: list[str] = []
    done = 0  # the lines of work[:done] are read
    cut = _HEAD_PREFIX
    while cut < len(work):
        end = work.rfind("\n", done, cut) + 1
        if end > done:
            lines += _nonblank_lines(work[done:end])
            if len(lines) >= _HEAD_LINES:
                return lines[:_HEAD_LINES]
            done = end
        cut *= 2
    lines += _nonblank_lines(work[done:])
    return lines[:_HEAD_LINES]


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


def _headline(head: list[str], title: str | None) -> str | None:
    """The page's own headline: its first short line that is neither a dateline nor site chrome."""
    for i, line in enumerate(head[:5]):
        if _DATELINE_RE.match(line) or _LINE_DATE_RE.match(line) or _CHROME_RE.search(line):
            continue
        line = line.strip(" |")
        if len(line) < 6:  # a site's section name ("发改要闻")
            continue
        if _continues(head, i):
            return None  # the rest of a sentence a line break cut (a PDF copy)
        return line if len(line) <= 40 and "。" not in line and not line.endswith((",", "、", ";")) else None
    return None


# A line that starts with one of these goes on with the line before it: no headline of its own.
_CONTINUATION_STARTS = tuple(",、;:)》”")
_PROSE_MARK_RE = re.compile("[,;。]")


def _continues(head: list[str], i: int) -> bool:
    """Line ``i`` of the head goes on with the one before it (a line break cut a sentence, as in a PDF copy):
    it starts with a comma or a closing mark, or the line before is prose that stops in mid-sentence."""
    if head[i].startswith(_CONTINUATION_STARTS):
        return True
    before = head[i - 1] if i else ""
    return bool(_PROSE_MARK_RE.search(before)) and before[-1:] not in "。;:!?)】」』"


_CHROME_RE = re.compile(r"当前位置|首页|>|您的位置|字号|打印本页|浏览次数")


def _issuer(title: str | None, head: list[str], work: str) -> str | None:
    if title:
        m = _ISSUER_RE.match(title)
        if m:
            return m.group("issuer")
    for line in head:
        m = _LABELLED_ISSUER_RE.search(line)
        if m:
            return m.group(1)
    # A signature: an authority on its own line directly above the date line.
    lines = _nonblank_lines(work)
    for prev, line in zip(lines, lines[1:]):
        if "日" in line and (_LINE_DATE_RE.match(line) or _CN_LINE_DATE_RE.match(line)) and _SIGNATURE_RE.fullmatch(prev):
            return prev
    return None


# --- national notices ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _national_body_re() -> re.Pattern:
    from fyp.text.normalize import to_simplified
    from fyp.vocabularies import load_vocabulary

    names = sorted({to_simplified(row["name"]) for row in load_vocabulary("national_bodies")}, key=len, reverse=True)
    # "财政部门", "商务部门" are any level's departments, not the ministries. The optional
    # "中华人民共和国" is spelt out as an alternative of its own: a pattern that starts with an optional
    # group is tried at every character, one whose alternatives all start with a literal only where one stands.
    alternatives = "|".join(map(re.escape, names))
    return re.compile(f"(?:中华人民共和国(?:{alternatives})|{alternatives})(?!门)")


def _is_national(title: str | None, issuer: str | None, head: list[str], lead: str, work: str) -> bool:
    body = _national_body_re()
    if title and not _first_place(title) and (body.match(title) or title.startswith(NATIONAL)):
        return True
    if issuer and body.match(issuer) and not _first_place(issuer):  # not a branch ("国家税务总局湖北省税务局")
        return True
    if any(_addresses_every_province(line) for line in head[:12]) or _addresses_every_province(_masked(lead)):
        return True
    # A news lead whose first acting authority is a national one, in a text that speaks of the country.
    actor = _lead_actor(lead)
    if actor == NATIONAL:
        national_refs = len(re.findall(r"全国|我国|各地区|各省", work))
        local_refs = sum(c[0] + c[1] for c in _level_counts(work).values())
        return national_refs >= local_refs
    return False


def _addresses_every_province(text: str) -> bool:
    """``_NATIONAL_ADDRESS_RE.search(text)``, which starts with an optional anchor (tried at every character):
    only where 各省, which every match holds, stands."""
    return "各省" in text and _NATIONAL_ADDRESS_RE.search(text) is not None


@lru_cache(maxsize=8)
def _lead_actor(lead: str) -> str | Place | None:
    """The first authority the opening names outside cited titles: NATIONAL, a Place, or None."""
    masked = _masked(lead)
    # A ministry acting ("国家发改委发布公告", "工业和信息化部向各省…下达"), not one named in passing.
    first_national = None
    for m in _national_body_re().finditer(masked):
        if _ACTING_RE.match(masked, m.end()):
            first_national = m.start()
            break
    # In a chain of names ("湖北襄樊市政府") the authority follows the last, deepest one.
    for start, end, place in _place_spans(masked):
        if first_national is not None and start > first_national:
            break
        if _AUTHORITY_AFTER_PLACE_RE.match(masked, end):
            return place
    return NATIONAL if first_national is not None else None


def _place_spans(text: str) -> list[tuple[int, int, Place]]:
    """find_place_spans with aliases, and two-character county names (沛县, 澧县) where an authority follows."""
    spans = find_place_spans(text, aliases=True)
    if "县" not in text:  # in every _SHORT_COUNTY_RE match
        return sorted(spans, key=lambda s: s[0])
    taken = {i for s, e, _ in spans for i in range(s, e)}
    for m in matches_at(_SHORT_COUNTY_RE, text, _before_county_marks(text)):
        cands = by_full_name().get(m.group(1), ())
        if len(cands) == 1 and cands[0].level == "county" and m.start() not in taken and _AUTHORITY_AFTER_PLACE_RE.match(text, m.end()):
            spans.append((m.start(), m.end(), cands[0]))
    return sorted(spans, key=lambda s: s[0])


_SHORT_COUNTY_RE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]县)")


def _before_county_marks(text: str):
    """Where a _SHORT_COUNTY_RE match can start: just before a 县 (the pattern opens with a lookbehind, so
    the engine would try it at every character)."""
    at = text.find("县", 1)
    while at >= 0:
        yield at - 1
        at = text.find("县", at + 1)


def _masked(text: str) -> str:
    """``text`` with the titles of cited documents (《…》) blanked out, same length."""
    return _CITED_RE.sub(lambda m: " " * len(m.group()), text)


# --- region -------------------------------------------------------------------------------------


def _region(title, issuer, head, headline, lead, work) -> tuple[Place | None, str | None]:
    for line in (title, issuer):
        place = _first_place(line, work)
        if place:
            return place, None
    # A headline-like line of the page's first five (short, not a sentence, not the site's own banner or
    # source line), the authority acting in the lead, a notice whose release the lead reports: the
    # first of these that names a place, or a deeper place inside it that a later one names.
    short_lines = [
        _strip_dateline(line)
        for i, line in enumerate(head[:5])
        if len(line) <= 60 and "。" not in line and not _DATELINE_RE.match(line) and not _PUBLISHER_RE.search(line)
        and not _continues(head, i)
    ]
    found = [_first_place(line, work) for line in short_lines]
    actor = _lead_actor(lead)
    found += [actor if isinstance(actor, Place) else None, _released_notice_place(lead)]
    found = [p for p in found if p]
    if found:
        best = found[0]
        for place in found[1:]:
            if _inside(place, best):
                best = place
        return best, None
    place, level = _region_from_body(work)
    if place is None:
        for line in head[:5]:
            if _PUBLISHER_RE.search(line) and (place := _first_place(line, work)):
                return place, level
    return place, level


# The site's banner ("欢迎访问…门户网站", "…无障碍 | English") and source line ("来源:…") name the publisher.
_PUBLISHER_RE = re.compile(r"门户网站|无障碍|English|长者模式|来源\s*[::]|主办单位|版权所有")
# A news lead reporting a notice's release: "日前,《武安市打赢蓝天保卫战三年行动方案》发布实施".
_RELEASED_RE = re.compile(
    r"《([^《》\n]{2,60})》\s*(?:正式|已)?(?:发布|印发|出台|制定出台|公布|发布实施|印发实施|出炉)"
    r"|(?:印发|发布|出台|公布)了?《([^《》\n]{2,60})》"
)
# "为贯彻落实省政府印发《…》": a notice the lead cites, not the one it reports.
_CITING_RE = re.compile(r"贯彻|落实|根据|按照|依据|依照|对照|参照")


def _released_notice_place(lead: str) -> Place | None:
    for m in _RELEASED_RE.finditer(lead):
        clause_start = max(lead.rfind(ch, 0, m.start()) for ch in "。\n!?;") + 1
        if m.group(2) is not None and _CITING_RE.search(lead, clause_start, m.start()):
            continue
        return _first_place(m.group(1) or m.group(2))
    return None


def _inside(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` is a division strictly inside ``outer``."""
    if inner == outer or inner.province != outer.province:
        return False
    if outer.level == "province":
        return inner.level in ("city", "county") and outer.name not in MUNICIPALITIES or inner.level == "county"
    return outer.level == "city" and inner.level == "county" and inner.city == outer.name


def _first_place(text: str | None, context: str = "") -> Place | None:
    """The most specific place ``text`` names; a district name several cities share (鼓楼区) is the
    one whose city or province the ``context`` names."""
    if not text:
        return None
    found, shared = _places_named(text)
    if shared:
        found = list(found)
        named = _names_in(context or text)
        for start, cands in shared:
            fitting = [c for c in cands if c.city in named or c.province in named]
            if len(fitting) == 1:
                found.append((start, fitting[0]))
    return _most_specific(sorted(found, key=lambda x: x[0]))


@lru_cache(maxsize=32)
def _places_named(text: str) -> tuple[tuple[tuple[int, Place], ...], tuple[tuple[int, tuple[Place, ...]], ...]]:
    """What _first_place reads from ``text`` alone: (start, place) of the places it names, and the district
    names several divisions share. Cached: a notice's title is often one of its first lines too."""
    spans = _place_spans(text)
    found = [(start, place) for start, _, place in spans]
    # "河北武安", "浙江安吉": a county's short name right after its province's or city's name.
    for _, end, place in spans:
        county = county_by_short_name(text[end : end + 6], place)
        if county:
            found.append((end, county))
    return tuple(found), tuple(shared_county_names(text))


@lru_cache(maxsize=4)
def _names_in(context: str) -> frozenset[str]:
    """The names of the places ``context`` names (read once for a notice's several lines that need them)."""
    return frozenset(p.name for _, _, p in find_place_spans(context, aliases=True))


# A news dateline ("人民网北京3月2日电", "新华社武汉电") names where the story was filed, not whose notice it is.
_NEWS_DATELINE_RE = re.compile(r"(?:新华社|中新社|[\u4e00-\u9fff]{1,6}(?:网|社|报))[\u4e00-\u9fff]{2,4}(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")


# A dateline ends in 电 or 讯 and is at most this long (新华社 or six characters and 网, four, a date, 电).
_NEWS_DATELINE_MAX = 7 + 4 + 6 + 1
_DATELINE_END_RE = re.compile("[电讯]")


def _strip_dateline(line: str) -> str:
    """``line`` with news datelines blanked out (same length). The regex starts with a CJK class, so it
    is tried only just before a 电 or 讯: no dateline starts earlier than _NEWS_DATELINE_MAX - 1 before one."""
    out: list[str] = []
    done = 0  # matches are final before here
    tried = 0  # no match starts in [done, tried)
    for end in _DATELINE_END_RE.finditer(line):
        e = end.start()
        if e < done:
            continue
        # A search limited to e + _NEWS_DATELINE_MAX reads every match that starts at or before e in full;
        # one it finds after e may be cut short, and the next 电 or 讯 looks there again.
        m = _NEWS_DATELINE_RE.search(line, max(done, tried, e - _NEWS_DATELINE_MAX + 1), e + _NEWS_DATELINE_MAX)
        if m is None or m.start() > e:
            tried = e + 1
            continue
        out += (line[done : m.start()], " " * (m.end() - m.start()))
        done = tried = m.end()
    if not out:
        return line
    out.append(line[done:])
    return "".join(out)


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


def _level_from_wording(work: str) -> str | None:
    """The level the notice speaks as: the lowest with 我X/本X, else the most frequent 全X, else agencies;
    always below a level it says assigns it tasks ("完成省、市下达的任务": a county-level notice)."""
    masked = _masked(work)
    counts = _level_counts(masked)
    level = next((lv for lv in _LEVEL_ORDER if counts[lv][0]), None)
    for tier in (1, 2):
        if level is None:
            best = max(_LEVEL_ORDER, key=lambda lv: counts[lv][tier])
            level = best if counts[best][tier] else None
    assigned = matches_at(_ASSIGNED_BY_RE, masked, (m.start() for m in _ASSIGNED_BY_START_RE.finditer(masked)))
    superiors = {_SUPERIOR_LEVEL[ch] for m in assigned for ch in m.group("by") or m.group("by2") if ch in _SUPERIOR_LEVEL}
    if superiors:
        below = _LEVEL_ORDER[min(_LEVEL_ORDER.index(lv) for lv in superiors) - 1]
        if level is None or _LEVEL_ORDER.index(level) > _LEVEL_ORDER.index(below):
            level = below
    return level


# A superior assigning the notice's own tasks: "完成省、市下达的…任务", "按照市政府下达的计划", "市下达我县的".
_ASSIGNED_BY_RE = re.compile(
    r"(?:完成|落实|按照|根据|承担|对照)好?(?P<by>省和市|省、市|[省市])(?:人民)?(?:政府)?[^,,。;]{0,4}?下达的"
    r"|(?<![各全])(?P<by2>[省市])(?:人民)?(?:政府)?下达(?:给)?我[市县区]"
)
_SUPERIOR_LEVEL = {"省": "province", "市": "city"}
# The first characters of _ASSIGNED_BY_RE's matches. Its second branch opens with a lookbehind, so the engine
# tries the whole pattern at every character; a one-class scan finds where it can match far faster.
_ASSIGNED_BY_START_RE = re.compile("[完落按根承对省市]")


def _places_in_body(work: str) -> list[Place]:
    """Places the body names: full names anywhere, short names only where they stand as names."""
    out = []
    work = _strip_dateline(work)
    spans = find_place_spans(work, aliases=True)
    starts = {s for s, _, _ in spans}
    for start, end, place in spans:
        after = work[end] if end < len(work) else "\n"
        before = work[start - 1] if start else "\n"
        if (
            is_full_name(work[start:end])
            or after in _AFTER_SHORT_NAME or not _is_cjk(after) or end in starts
            or before in _BEFORE_SHORT_NAME or not _is_cjk(before)
        ):
            out.append(place)
    return out


# A prefecture-level city's divisions, county-level cities among them: a 直辖市 has only 区 and 县, and
# speaks as "全市" with 市X局 agencies and "各区县" too, so those alone do not tell a city from it.
_COUNTY_LEVEL_CITIES_RE = re.compile(r"县\s*\(\s*市\s*[、,]?\s*区?\s*\)|县\s*\(\s*区\s*[、,]\s*市\s*\)|县市区|县级市")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _region_from_body(work: str) -> tuple[Place | None, str | None]:
    level = _level_from_wording(work)
    named = _places_in_body(work)
    if level == "county" and any(p.level == "province" and p.name.endswith("自治区") for p in named) and not any(p.level == "county" for p in named):
        level = "province"  # 全区/我区 of an autonomous region
    if level == "county" and not any(p.level == "county" for p in named):
        county = _county_of_townships(work)
        if county:
            return county, None
    if not named:
        # No place named: the level the issuer speaks as, with the region left empty, where it cannot be a
        # municipality's (直辖市) "全市": a city whose counties include county-level cities ("各县(市、区)").
        if level == "city" and _COUNTY_LEVEL_CITIES_RE.search(work):
            return None, "city"
        return None, None
    if level == "city":
        # "我市/全市" of a 县级市: a county-level city named in a notice whose prefecture assigns it
        # tasks ("完成台州市下达的目标") is the notice's own, not one of the prefecture's cities.
        assigning = _assigning_places(work)
        superiors = {p.name for p in assigning}
        own = [p for p in named if p.is_county_level_city and p.city in superiors]
        if own:
            return _most_named(own), None
        # The 市 that a named prefecture assigns tasks to ("超额完成唐山市下达的任务", "我市", "市环保局"),
        # naming no county-level city: one of that prefecture's 县级市, which is as far as the text goes.
        # (A prefecture's own notice telling its counties to meet its targets addresses them: "各县区".)
        prefectures = [p for p in assigning if p.level == "city" and p.name not in MUNICIPALITIES]
        if prefectures and not any(w in work for w in _COUNTIES_ADDRESSED):
            return prefectures[0], "county"
    if level is None:
        return _most_named(named), None
    same = [p for p in named if p.level == level or (level == "city" and p.name in MUNICIPALITIES)]
    if same:
        return _most_named(same), None
    lower = [p for p in named if _LEVEL_ORDER.index(_level(p)) < _LEVEL_ORDER.index(level)]
    higher = [p for p in named if _LEVEL_ORDER.index(_level(p)) > _LEVEL_ORDER.index(level)]
    if lower:
        # A notice that names only divisions below it: the one division holding (nearly) all of them.
        if level == "province":
            holders = Counter(p.province for p in lower)
        else:
            holders = Counter(p.city for p in lower if p.city)
        if holders:
            name, count = holders.most_common(1)[0]
            place = place_by_name(name)
            if place and count * 3 >= len(lower) * 2:
                return place, None
    if higher:
        # Below every division it names (a county naming only its city): that division, at the notice's level.
        deepest = min(_LEVEL_ORDER.index(_level(p)) for p in higher)
        return _most_named([p for p in higher if _LEVEL_ORDER.index(_level(p)) == deepest]), level
    return None, None


_COUNTIES_ADDRESSED = ("各县", "各区县", "各县区", "各市县", "各市、县")
# A named division assigning the notice's tasks: "完成台州市下达的目标", "按照无锡市政府下达的计划".
_ASSIGNING_PLACE_RE = re.compile(
    r"(?:完成|落实|按照|根据|承担|对照)好?(?P<place>[\u4e00-\u9fff]{2,12}?)(?:人民)?(?:政府)?[^,,。;]{0,4}?下达(?:的|给)"
)


def _assigning_places(work: str) -> list[Place]:
    out = []
    for m in _ASSIGNING_PLACE_RE.finditer(_masked(work)):
        spans = find_place_spans(m.group("place"), aliases=True)
        if spans and spans[0][0] == 0:
            out.append(spans[0][2])
    return out


def _county_of_townships(work: str) -> Place | None:
    """The county whose townships (镇, 乡, 街道) a county-level notice that never names itself names:
    one township whose name no other county has, or the county most of the named ones belong to."""
    votes: Counter[Place] = Counter()
    for m in re.finditer(r"(?:镇|乡|街道)", work):
        for length in range(6, 1, -1):
            name = work[max(0, m.end() - length) : m.end()]
            counties = counties_of_township(name)
            if counties:
                for county in set(counties):
                    votes[county] += 1 / len(set(counties))
                break
    ranked = votes.most_common(2) + [(None, 0.0), (None, 0.0)]
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    return best if score >= 1 and score > runner_up else None


def _level(place: Place) -> str:
    return place.level


def _most_named(places: list[Place]) -> Place:
    counts = Counter(places)
    top = max(counts.values())
    return next(p for p in places if counts[p] == top)  # ties: the first named


# --- plan period, plan year and dates -----------------------------------------------------------


def _plan_period(work, title, headline, plan_year, issue_date, published) -> int | None:
    # "十五" alone names the 10th plan, a baseline ("比“十五”末"), never the period of the notice.
    for line in (title, headline):
        if line:
            named = {PLAN_NAMES[m] for m in _PLAN_RE.findall(line) if m in PLAN_NAMES}
            if len(named) == 1:
                return named.pop()
    if plan_year:
        return period_of_year(plan_year)
    for line in (title, headline):
        periods = {period_of_year(int(y)) for y in re.findall(_YEAR, line or "")} - {None}
        if len(periods) == 1:
            return periods.pop()
    if issue_date:
        return period_of_year(issue_date.year)
    votes: Counter[int] = Counter()
    for m in _PLAN_RE.findall(work):
        if m in PLAN_NAMES and PLAN_NAMES[m] in PLAN_YEARS:
            votes[PLAN_NAMES[m]] += 2
    for m in _BASELINE_YEAR_RE.finditer(work):
        year = int(next(g for g in m.groups() if g))
        _vote(votes, period_of_year(year + 1), 2)
    for m in _TARGET_YEAR_RE.finditer(work):
        _vote(votes, period_of_year(int(m.group(1))), 1)
    for m in _DATED_YEAR_RE.finditer(work):
        if not (m.start() and work[m.start() - 1] in "0123456789到至比较"):
            _vote(votes, period_of_year(int(m.group(1))), 0.5)
    for m in _PLAIN_YEAR_RE.finditer(work):  # any other year the text speaks of
        if not (m.start() and work[m.start() - 1] in "0123456789到至比较"):
            _vote(votes, period_of_year(int(m.group(1))), 0.25)
    if votes:
        return max(sorted(votes), key=lambda p: votes[p])
    if published:
        return period_of_year(published.year)
    return None


def _vote(votes: Counter, period: int | None, weight: float) -> None:
    if period:
        votes[period] += weight


def period_of_year(year: int) -> int | None:
    for period, (start, end) in PLAN_YEARS.items():
        if start <= year <= end:
            return period
    return None


def _plan_year(title: str | None, headline: str | None, lead: str, date: dt.date | None) -> int | None:
    """The year an annual plan is for: a single year in its title or headline, or its opening's subject year."""

    def plausible(year: int) -> bool:
        # An annual plan is issued in its year or late in the year before.
        return date is None or year in (date.year, date.year + 1)

    lines = [line for line in (title, headline) if line]
    if any(_PLAN_RE.search(line) for line in lines):
        return None
    for line in lines:
        if _RANGE_RE.search(line):
            return None
        years = {int(y) for y in _SINGLE_YEAR_RE.findall(line)}
        if not years and ("〇" in line or "○" in line or "零" in line):
            years = {y for c in _CN_SINGLE_YEAR_RE.findall(line) if (y := chinese_int(c))}
        if len(years) == 1 and plausible(year := years.pop()):
            return year
    masked = _masked_keep_years(lead)
    for m in sorted([*_ANNUAL_SUBJECT_RE.finditer(masked), *_YEAR_OF_RE.finditer(masked)], key=lambda m: m.start()):
        year = int(m.group(1))
        clause = _clause_at(masked, m.start())
        if not _PLAN_RE.search(clause) and not _RANGE_RE.search(clause) and plausible(year):
            return year
    if date and any(_THIS_YEAR_RE.search(line) for line in lines + [_first_sentence(lead)]):
        return date.year
    return None


def _masked_keep_years(text: str) -> str:
    """Cited titles blanked, except those naming an annual plan (《泰安市2015年主要污染物减排计划》)."""
    def keep(m: re.Match) -> str:
        inner = m.group()
        if re.search(rf"{_YEAR}\s*年", inner) and not _PLAN_RE.search(inner) and not _ISSUING_RE.search(inner):
            return inner
        return " " * len(inner)

    return _CITED_RE.sub(keep, text)


def _clause_at(text: str, pos: int, stops: str = "。\n!?;,,") -> str:
    start = max(text.rfind(ch, 0, pos) for ch in stops) + 1
    ends = [i for i in (text.find(ch, pos) for ch in stops) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _first_sentence(text: str) -> str:
    return _clause_at(text, 0, "。\n!?;")


def _dates(lines: list[str], is_news: bool) -> tuple[dt.date | None, dt.date | None]:
    """(issue date, the page's publication date).

    A date alone on a line is the signature's (落款) and so the issue date, except in the first
    lines of a news page, where it is the page's dateline. Labelled 成文/印发 dates are issue dates;
    a page's 发布时间, a "来源:… 2016-08-23" line and a bare dateline are publication dates, taken
    for the issue date only on pages that are not news reposts (a government site's own release).
    """
    head = lines[:_HEAD_LINES]
    issue = published = None
    for i, line in enumerate(head):
        if "日" not in line:  # both date lines end in 日
            continue
        m = _LINE_DATE_RE.match(line)
        date = _date(*m.groups()) if m else None
        if date is None:
            m = _CN_LINE_DATE_RE.match(line)
            date = _date(chinese_int(m.group(1)), chinese_int(m.group(2)), chinese_int(m.group(3))) if m else None
        if date is None:
            continue
        if is_news and i < 3:
            published = published or date
            continue
        issue = date
        break
    if issue is None:
        for line in head:
            m = _labelled_date(line)
            if m and m.group("label") in _ISSUING_LABELS:
                issue = _date(*m.groups()[1:])
                break
    if published is None:
        for line in head:
            # (A dateline's date is written with "-".)
            m = ("-" in line and _DATELINE_RE.match(line)) or _labelled_date(line) or ("来源" in line and _SOURCE_DATE_RE.search(line))
            if m:
                groups = [g for g in m.groups() if g and g[0].isdigit()]
                published = _date(*groups[:3])
                if published:
                    break
    if issue is None and not is_news:
        issue = published
    return issue, published


def _labelled_date(line: str) -> re.Match | None:
    """``_LABELLED_DATE_RE.search(line)``: each of its labels holds 日期 or 时间, which a plain ``in`` finds
    faster than the regex's scan of the line."""
    if "日期" in line or "时间" in line:
        return _LABELLED_DATE_RE.search(line)
    return None


def _date(year, month, day) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


# --- 文号 and news ------------------------------------------------------------------------------


_NOT_IN_DOC_PREFIX = frozenset("的及和与以据照按为将对是在号知")


def _doc_number(head: list[str]) -> str | None:
    for line in head[:15]:
        for m in _DOC_NUMBER_RE.finditer(line):
            end = len(line[: m.start()].rstrip())
            start = end
            # The issuer's abbreviation (常发, 石政办函, 岳节能减排办): characters back to a word that is no part of one.
            while start > 0 and end - start < 10 and "\u4e00" <= line[start - 1] <= "\u9fff" and line[start - 1] not in _NOT_IN_DOC_PREFIX:
                start -= 1
            if start == end:
                continue
            before = line[:start].rstrip("(〔[ ")
            if before.endswith("》"):
                continue  # a citation of another document: 《…》(国发〔2007〕15号)
            number = re.sub(r"\s+", "", line[start : m.end()])
            return number.replace("[", "〔").replace("]", "〕").replace("【", "〔").replace("】", "〕")
    return None


def _is_news(work: str) -> bool:
    lead = work[:300]
    return any(marker in lead for marker in _NEWS_MARKERS)


__all__ = ["NATIONAL", "NoticeMetadata", "infer_metadata", "period_of_year", "place_by_name"]
