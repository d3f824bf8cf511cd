"""Frames and baselines: the dates that set a target's year ("到2010年", "“十一五”期间", "今年") and the
years it is measured from ("比2005年", "在“十五”末的基础上", "比上年")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fyp.document import NoticeDocument
from fyp.plan_periods import PLAN_NAMES, PLAN_YEARS

# --- dates, periods, baselines --------------------------------------------------------------
YEAR = r"(?:19|20)\d\d"
QL = r"(?:[“\"「『‘']|&?#8220;|&ldquo;)?"
QR = r"(?:[”\"」』’']|&?#8221;|&rdquo;)?"
# "十五" is the 10th plan (2001-2005); "十五五" the 15th.
_PERIOD_YEARS = dict(PLAN_YEARS) | {10: (2001, 2005)}


def _period(ps: str) -> str:
    return rf"{QL}(?P<{ps}>十[一二三四五]?五){QR}"


def ahead(first_chars: str, classes: str = "") -> str:
    """A lookahead for the characters a pattern's matches can start with: it changes no match but
    lets the scan pass over every other position at once (re finds no such prefix by itself in
    patterns that open with an optional part or a lookbehind)."""
    return "(?=[" + "".join(re.escape(c) for c in first_chars) + classes + "])"


QL_FIRST = "“\"「『‘'&#"  # what an opening quote of QL starts with
_BASELINE_AHEAD = ahead("比较相对同在由从")
# The baseline "上年" (比上年, 较去年同期) is the year before the target year: its rows resolve it.
PREVIOUS_YEAR = -1
BASELINE_RE = re.compile(
    rf"{_BASELINE_AHEAD}(?:(?:比|较|相比|相对于|相较于|对比|同)\s*(?:(?P<by>{YEAR})\s*年?|{_period('bp')}|(?P<prev>上年|去年|上一年)(?:同期)?)"
    rf"\s*(?:年底|年末|期末|时期末|末)?\s*(?:的|水平)?"
    rf"|在\s*(?:(?P<by2>{YEAR})\s*年?|{_period('bp2')})\s*(?:年底|年末|期末|末)?\s*的?\s*基础上"
    rf"|(?:由|从)\s*(?:(?P<by3>{YEAR})\s*年|{_period('bp3')}\s*(?:期末|时期末|末))\s*的?)"
)
# The characters every BASELINE_RE match starts with.
BASELINE_FIRST_RE = re.compile(r"[比较相对同在由从]")
_SAME_PERIOD_RE = re.compile(r"同比")
_ANNUAL_RE = re.compile(r"年均|每年|逐年|年度")
_FRAME_AHEAD = ahead("12" + QL_FIRST + "十" + "全今年本当")
_FRAME_RE = re.compile(
    rf"{_FRAME_AHEAD}(?:(?P<y>{YEAR})\s*(?:[-—–~～至到]\s*(?P<y2>{YEAR})\s*)?年"
    rf"|{_period('p')}(?:期间|时期|期末|末|内|规划期)?"
    r"|(?<![\d一二两三四五六七八九十几数])(?P<cur>全年|今年|年内|本年度|当年))"
)
# Words that make a year something other than a frame: "按2005年不变价格", "2005年的0.79吨".
_NOT_FRAME_BEFORE = ("按", "以")  # the text before the year ends with one (spaces aside)
# ... and "(2019年本)", "2018年版", "2015年修订": the edition of a document.
_NOT_FRAME_AFTER_AT = re.compile(r"\s*(?:年?不变价|价格|可比价|[本版][)）]|版(?![\u4e00-\u9fff])|修订|修正)")  # matched at a position
# "2005年底前注册营运的黄标车": a cut-off that defines what is counted, not the date of a target.
_CUTOFF_AFTER_AT = re.compile(r"\s*(?:底|末)?\s*(?:以前|之前|前)\s*(?:注册|登记|投产|建成|投运|出厂|购置|上牌|核准|审批)[\u4e00-\u9fff]{0,3}的")
# "自2014年1月1日起": the day a rule takes effect.
_SINCE_AFTER_AT = re.compile(r"\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(?:起|开始)")
BOOK_RE = re.compile(r"《[^》]*》")
# After a year: the bound an action is due by ("年底前", "6月底前", "9月30日前", "以前").
_DEADLINE_AFTER_AT = re.compile(r"\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(?:年?底|年?末|份)?\s*(?:以前|之前|前)")
_PERIOD_MARK_AFTER_RE = re.compile(r"[”\"」』’']|&?#8221;|期|时期|末")


@dataclass
class Frame:
    pos: int
    end: int
    year: int
    since: int | None = None  # "“十二五”期间": a plan period counts from the end of the one before (2010)
    deadline: bool = False  # "2019年底前", "2008年6月底前": the date an action is due by, not a horizon


@dataclass
class Paragraph:
    frame: int | None = None  # year set by a date that opened a sentence
    frame_since: int | None = None  # its Frame.since
    baseline: int | None = None  # last baseline year named
    baseline_target: int | None = None  # the target year it was named for
    past: bool = False  # a sentence opening with "去年" set the paragraph in the past: its figures are results
    until: int | None = None  # a deadline's frame holds up to here (its sentence's full stop) ...
    outer: tuple[int | None, int | None] = (None, None)  # ... then this (frame, frame_since) again


class DocContext:
    """What the notice as a whole says about years: the plan period, the year an annual plan is for,
    the year it was issued."""

    def __init__(self, doc: NoticeDocument):
        self.doc = doc
        self.plan_end = doc.plan_end_year
        self.plan_year = doc.plan_year
        # A target without a date of its own is for the plan's year (annual plan), else its horizon (a
        # 2013—2017 action plan inside the 12th period), else the period's last year.
        self.default_year = doc.plan_year or horizon_year(doc) or doc.plan_end_year
        cutoff = doc.issue_date.year if doc.issue_date else doc.plan_start_year
        if doc.plan_start_year and cutoff and cutoff < doc.plan_start_year:
            cutoff = doc.plan_start_year
        if doc.plan_year:
            cutoff = doc.plan_year  # an annual plan's earlier years are its record, not its targets
        self.cutoff = cutoff
        self.order = 0
        self.last_year: int | None = None
        self.section_past = False  # the sentences read are under a heading of progress or problems (see extract_targets)
        self.section_form = ""  # the label form of that heading ("、" for 一、, "(" for (一), ...)

    @property
    def present_year(self) -> int | None:
        """The year the notice speaks from: an annual plan's, else its issue year's, else its period's end."""
        if self.plan_year:
            return self.plan_year
        if self.doc.issue_date:
            return self.doc.issue_date.year
        return self.plan_end

    @property
    def current_year(self) -> int | None:
        """"全年/今年": the year of an annual plan, else the year the notice was issued, else the year it last named."""
        if self.plan_year:
            return self.plan_year
        if self.doc.issue_date:
            return self.doc.issue_date.year
        return self.last_year

    def next_order(self) -> int:
        self.order += 1
        return self.order


# A plan's own span in its title: "(2013—2017年)", "2018-2020年".
_TITLE_SPAN_RE = re.compile(rf"({YEAR})\s*年?\s*[-—–~～至到]\s*({YEAR})\s*年")
# The goals section opening with the year they are for: "一、工作目标 到2017年,".
_GOALS_WORD_RE = re.compile("目标")
_GOALS_HEADING_BEFORE_RE = re.compile(r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*(?:工作|主要|总体|奋斗|行动)?$")
_GOALS_HEADING_LAST = "、)）作要体斗动"  # what a _GOALS_HEADING_BEFORE_RE match ends with, whitespace aside
_GOALS_YEAR_AFTER_RE = re.compile(rf"(?:任务)?[^。\d]{{0,40}}?(?:到|至)\s*({YEAR})\s*年")
_TITLE_CHARS = 600  # where the title lines are (a saved page's head and navigation included)


def horizon_year(doc: NoticeDocument) -> int | None:
    """The last year of a plan whose horizon is not its five-year period's end: the span its title
    names, or the year its goals section opens with when that lies beyond the period (a 2013 action
    plan "到2017年" inside the 12th period). None when the period's end is the horizon."""
    start, end = doc.plan_start_year, doc.plan_end_year
    if start is None or end is None:
        return None
    text = doc.working
    head = text[:_TITLE_CHARS]
    for m in _TITLE_SPAN_RE.finditer(head):
        first, last = int(m.group(1)), int(m.group(2))
        if start - 1 <= first < last <= end + 5 and last - first <= 5 and last >= start:
            return last
    issued = doc.issue_date.year if doc.issue_date else None
    if issued is None:
        return None
    for w in _GOALS_WORD_RE.finditer(text):
        # A heading match ends right before 目标 with 、, a bracket, a space or a word of the heading.
        if w.start() and (text[w.start() - 1] in _GOALS_HEADING_LAST or text[w.start() - 1].isspace()) and _GOALS_HEADING_BEFORE_RE.search(text, max(0, w.start() - 8), w.start()):
            m = _GOALS_YEAR_AFTER_RE.match(text, w.end())  # the first goals heading only
            if m and end < int(m.group(1)) <= issued + 5:
                return int(m.group(1))
            return None
    return None


def _period_end(token: str) -> int | None:
    n = PLAN_NAMES.get(token)
    return _PERIOD_YEARS[n][1] if n in _PERIOD_YEARS else None


def _period_since(token: str) -> int | None:
    n = PLAN_NAMES.get(token)
    return _PERIOD_YEARS[n][0] - 1 if n in _PERIOD_YEARS else None


def find_baselines(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    for m in BASELINE_RE.finditer(text, start, end):
        y = m.group("by") or m.group("by2") or m.group("by3")
        if y:
            year = int(y)
        elif m.group("prev"):
            year = PREVIOUS_YEAR
        else:
            token = m.group("bp") or m.group("bp2") or m.group("bp3")
            year = _period_end(token) if token else None
        if year:
            out.append((m.start(), m.end(), year))
    return out


def find_frames(text: str, start: int, end: int, skip: list[tuple[int, int]], ctx: DocContext,
                context_year: int | None = None) -> list[Frame]:
    """The dates of text[start:end] that frame what follows them; ``context_year`` is the year the
    paragraph is framed by (what "全年" means when no year of the sentence comes before it)."""
    out = []
    for m in _FRAME_RE.finditer(text, start, end):
        m_start, m_end = m.span()
        if skip and any(s <= m_start < e for s, e in skip):
            continue
        if text[max(start, m_start - 3):m_start].rstrip().endswith(_NOT_FRAME_BEFORE):
            continue
        if _NOT_FRAME_AFTER_AT.match(text, m_end, m_end + 8):
            continue
        y, y2, cur = m.group("y", "y2", "cur")
        if y and _CUTOFF_AFTER_AT.match(text, m_end, m_end + 12):
            continue
        if (y and ctx.cutoff is not None and int(y) > ctx.cutoff
                and text[max(start, m_start - 2):m_start].rstrip().endswith("自") and _SINCE_AFTER_AT.match(text, m_end, m_end + 10)):
            continue  # "自2014年1月1日起" in a 2013 notice: a rule taking effect later, not the year of what follows
        if cur:
            if cur == "全年" and (out or context_year is not None):
                if out:
                    continue  # "到2015年,…,全年…达到220天": the whole of the year just named
                year = context_year
            else:
                year = ctx.current_year
        elif y:
            year = int(y2 or y)
            if not y2 and _DEADLINE_AFTER_AT.match(text, m_end, m_end + 12):
                out.append(Frame(m_start, m_end, year, deadline=True))
                continue
        else:
            token = m.group("p")
            if token == "十五" and not _PERIOD_MARK_AFTER_RE.match(text, m.end("p"), min(m.end("p") + 6, len(text))):
                continue  # a bare 十五 is the number fifteen
            year = _period_end(token)
            if year:
                out.append(Frame(m_start, m_end, year, _period_since(token)))
            continue
        if year:
            out.append(Frame(m_start, m_end, year))
    return out


def baseline_for(clause_baselines, pos, direction, text, c_start, frame_year) -> tuple[int | None, bool]:
    """(baseline year written for this quantity, whether it may inherit one from its context)."""
    own = [b for b in clause_baselines if b[0] < pos]
    if own:
        return resolve_baseline(own[-1][2], frame_year(pos)), False
    if direction not in ("decrease", "increase"):
        return None, False
    if _SAME_PERIOD_RE.search(text, c_start, pos):
        y = frame_year(pos)
        return (y - 1 if y else None), False
    if _ANNUAL_RE.search(text, c_start, pos):
        return None, False  # "年均下降2.6%": a yearly rate has no base year
    return None, True


def resolve_baseline(year: int | None, target_year: int | None) -> int | None:
    """A baseline year as a row carries it: "上年" (PREVIOUS_YEAR) is the year before the target's."""
    if year == PREVIOUS_YEAR:
        return target_year - 1 if target_year else None
    return year
