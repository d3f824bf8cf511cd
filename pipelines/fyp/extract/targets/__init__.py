"""Quantified targets of a notice: one row per distinct commitment (value + unit + date/plan period).

How a target is read (all on the working text; offsets published on the source text):

1. The text is cut into paragraphs (newlines), sentences (。;!?) and clauses (, and : outside
   brackets). Dates frame what follows them: "到2010年", "2008年年底前", "“十一五”期间" set the
   target year for the rest of the sentence, and for the rest of the paragraph when they open a
   sentence (a deadline such as "2008年年底前" only up to its full stop, across ";"); an undated
   target is for the plan's year in an annual plan (``doc.plan_year``), else for the plan period's
   end; a later year opening a sentence of an annual plan frames that sentence only, and a task table's row
   takes the year of its date cell ("…\t2024年12月底前"). Baselines ("比“十五”末", "比2020年", "在2005年的基础上",
   "比上年") are kept apart; a % change over a plan period counts from the period's start; a share brought to
   a level ("提高到46%") has none.
2. A quantity is a number with a unit from ``vocabularies/units.csv`` (万/亿 magnitudes, 以上/以内/
   左右 qualifiers, ranges). It becomes a target when a
   direction word governs it (下降/提高/达到/控制在/淘汰/建成 ..., or a 率/比重/占比 indicator directly before it)
   and the sentence is not a historical statistic (a year before the notice or the plan year, 过去/以来/已经/...了,
   progress to a date such as "截至2018年底", 未达到, a section under a heading of results or problems
   "一、总体进展" / "二、存在问题", a base figure), a conditional projection or estimate (如果/若/clause-initial 如…将,
   预计/据测算), an entry threshold ("新建...必须...", "小于", "X万吨以下的企业", "高出平均水平30%以上的企业"), nor
   the size of a list (4项污染物, 减排项目118个).
3. "A、B分别下降x%、y%" gives one row per list element, "A和B均下降x%" one row per pollutant, and
   "淘汰落后产能,具体为:炼铁X万吨,炼钢Y万吨" one row per item. A clause with no subject of its own
   (",降低25%") takes the indicator named before it in its sentence.
4. Tables flattened to text give one row per place or indicator and column (``tables``).
5. A target stated again in the prose (a news summary and the body, a title and the text, a 解读 repeating
   the goals) is a row of its own whose ``restatement_of`` names the primary statement (the fuller one
   that names its baseline, else the first); one row per commitment is ``restatement_of`` null. A
   table's cells are statements of their own, never marked as restating the prose.

The stages, one module each: ``segmentation`` (paragraphs, sentences, clauses), ``frames`` (dates and
baselines), ``directions`` (verbs and qualifiers), ``subjects`` (the indicator phrase), ``sentences``
(one sentence's quantities), ``lists``, ``tables``, ``restatements``; ``rows`` holds the row and its
publication.
"""

from __future__ import annotations

import re

from fyp.document import NoticeDocument
from fyp.extract.targets.frames import DocContext, Paragraph
from fyp.extract.targets.restatements import restated_by
from fyp.extract.targets.rows import ROW_KEYS, Row, publish_all
from fyp.extract.targets.segmentation import worth_sentences
from fyp.extract.targets.sentences import read_sentence
from fyp.extract.targets.tables import table_rows

__all__ = ["ROW_KEYS", "extract_targets"]


def extract_targets(doc: NoticeDocument) -> list[dict]:
    """Target rows of ``doc`` (see module docstring), sorted by (char_start, list position), restatements
    included (``restatement_of`` set)."""
    text = doc.working
    ctx = DocContext(doc)
    rows: list[Row] = []
    para = Paragraph()
    prev_end = 0
    opened = 0
    sentences = worth_sentences(text)
    sections = _past_sections(text) if ("情况" in text or "问题" in text or "进展" in text or "成效" in text or "回顾" in text
                                        or "现状" in text or "形势" in text or "考核" in text) else []
    hi = 0
    for s_start, s_end in sentences:
        while hi < len(sections) and sections[hi][0] <= s_start:
            ctx.section_past = sections[hi][1]
            hi += 1
        if text.find("\n", prev_end, s_start) >= 0:
            if not _soft_break(text, prev_end, s_start):
                para = Paragraph()  # a paragraph's frame and baseline end with it
                opened = s_start
            elif s_start != prev_end + 1:
                opened = s_start
            # else a wrapped line goes on with the sentence the line before began ("预计到2020年…\n…将超过30%")
        else:
            opened = s_start
        prev_end = s_end
        read_sentence(text, s_start, s_end, para, ctx, rows, opened)
    tabled, cells = table_rows(text, ctx)
    if cells:  # a number in a table's cells is the table's to read
        rows = [r for r in rows if not any(s <= r.q.start < e for s, e in cells)]
    # A table restating the prose is a second statement of its own (its row, its column), kept as such.
    for row, primary in zip(rows, restated_by(rows, doc.region, text), strict=True):
        row.restates = None if primary is None else rows[primary]
    rows.extend(tabled)
    rows.sort(key=lambda r: (r.start, r.order))
    return publish_all(doc, rows)


# A line that ends mid-sentence (no closing mark) and goes on without a heading label: a page's column
# width or a hard wrap broke it ("…要求山东省\n7个传输通道城市…下降15%").
_LINE_GOES_ON_RE = re.compile(r"[\u4e00-\u9fff\d,、(（》)）/]$")  # "/": a unit cut after its slash (吨标准煤/ 万元)
_HEADING_START_RE = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、](?!\d)|第[一二三四五六七八九十\d]+)")  # "1.50吨" is a number, not a label


# A heading over a section of results or problems ("一、总体进展", "二、存在问题", "一、“十一五”工作回顾", "一、现状与形势"):
# its figures are the record, up to the next heading of the same form. One naming goals or tasks is not.
_PAST_HEADING_RE = re.compile(r"进展|成效|回顾|完成情况|存在(?:的)?问题|主要问题|基本情况|现状|形势|考核(?:结果|等级)")
_GOAL_HEADING_RE = re.compile(r"目标|任务|措施|要求|安排|重点|思路")
_HEADING_TEXT_MAX = 24
# A heading label at a line's start (as _HEADING_START_RE), led by the newline: one scan of the text.
_HEADING_LINE_RE = re.compile(r"\n[ \t\u3000]*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、](?!\d)|第[一二三四五六七八九十\d]+)")


def _past_sections(text: str) -> list[tuple[int, bool]]:
    """(line start, whether what follows is the record) at each heading that opens or closes a section of
    results or problems: a past heading holds up to the next heading of its own form (一、 / (一) / 1.)."""
    out: list[tuple[int, bool]] = []
    past_form = None
    for m in _HEADING_LINE_RE.finditer("\n" + text):  # the text's first line is a line too
        label = m.group(1)
        form = "、" if label.endswith("、") else label[:1] if label[:1] in "(（第" else "."
        stop = min(i for i in (text.find("\n", m.end() - 1), text.find("。", m.end() - 1), m.end() - 1 + _HEADING_TEXT_MAX) if i >= 0)
        title = text[m.end() - 1:stop]
        goals = _GOAL_HEADING_RE.search(title) is not None
        if past_form is not None and form != past_form and form != "第" and not goals:
            continue  # a sub-heading inside a past section (one naming goals or tasks ends it, whatever its form)
        past = not goals and _PAST_HEADING_RE.search(title) is not None
        if past or past_form is not None:
            out.append((m.start(), past))
        past_form = form if past else None
    return out


def _soft_break(text: str, start: int, end: int) -> bool:
    nl = text.find("\n", start, end)
    if nl < 0 or text.find("\n", nl + 1, end) >= 0:
        return False
    before = text[max(0, nl - 4):nl].rstrip()
    return bool(before) and _LINE_GOES_ON_RE.search(before) is not None and not _HEADING_START_RE.match(text, nl + 1)
