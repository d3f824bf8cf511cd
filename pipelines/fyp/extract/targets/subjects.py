"""Subjects: the indicator phrase of a target, cleaned of frames, baselines, scope and modal words."""

from __future__ import annotations

import re

from fyp.extract._quantities import Quantity, per
from fyp.extract.targets.frames import BASELINE_FIRST_RE, BASELINE_RE, QL, QL_FIRST, QR, YEAR, ahead
from fyp.extract.targets.directions import VERB_RE

# "吨钢综合能耗", "吨水泥熟料综合能耗", "吨纸耗电": energy per tonne of a product named before the indicator
# (not "5000吨标准煤以上企业…": a number's unit).
_PER_TONNE_RE = re.compile(r"(?<![万亿\d.])吨[\u4e00-\u9fff]{1,4}?(?:综合)?(?:能耗|煤耗|电耗|耗煤|耗电|耗能)")


def per_product(q: Quantity, indicator: str) -> Quantity:
    """An amount of energy stated for an indicator per tonne of product ("吨钢综合能耗降至680千克标准煤") in
    the unit per tonne the figure means (千克标准煤/吨), as when the text writes it so ("每吨…", ".../吨")."""
    if q.kind == "energy" and "吨" in indicator and _PER_TONNE_RE.search(indicator):
        return per(q, "吨")
    return q

# --- subject cleaning -------------------------------------------------------------------------
_SCOPE_WORDS = (
    "全省|全市|全区|全县|全州|全盟|全旗|本省|本市|本区|本县|我省|我市|我区|我县|全国|各地|全社会|省辖市"
)
SCOPE_RE = re.compile(rf"^(?:{_SCOPE_WORDS})")
_LEAD_JUNK_RE = re.compile(
    r"^(?:[\s—\-·•●○◆■□*#]+|[(（]?[一二三四五六七八九十\d]+[)）.、]|其中|同时|此外|并且|并|且|另外|以及|和|及|与|"
    r"到|至|在|于|截至|力争|争取|确保|努力|要|须|必须|应|将|使|使得|把|进一步|全面|基本|实现|共|总计|合计|即|"
    r"按期|按时|如期|按计划|切实|积极|加快|大力|全力|着力|继续|认真|严格|坚决|"
    r"按照|根据|目标为|目标是|节能目标为|节能目标是|主要目标|工作目标|总体目标|目标任务是|是|为|:)"
)
_TRAIL_JUNK_RE = re.compile(
    r"(?:要|须|应|将|均|分别|总体|累计|累积|年均|同比|力争|争取|确保|稳定|原则上|进一步|基本|全部|总体上|继续|以上|"
    r"[\s,、:的]|(?<![占对])比|较|约|大约|近|接近)+$"
)
_FRAME_TEXT_AHEAD = ahead("到至截在123456789" + QL_FIRST + "十五全今明年", r"\s")
_MONTH = r"\d{1,2}\s*月(?:份)?(?:底|末|上旬|中旬|下旬)?"
_FRAME_TEXT_RE = re.compile(
    rf"{_FRAME_TEXT_AHEAD}(?:(?:到|至|截至|在)?\s*{YEAR}\s*(?:[-—–~～至到]\s*{YEAR}\s*)?年(?:年底|底|末|年末|{_MONTH})?(?:前|以前|之前)?"
    rf"|(?:到|至|截至|在)?\s*{_MONTH}(?:前|以前|之前)?"
    rf"|{QL}十[一二三四五]?五{QR}(?:期间|时期|期末|末|内)?|在?五年内|全年|今年|明年|年内)"
)
_FROM_VALUE_TAIL_RE = re.compile(r"(?:由|从)[^,]{0,16}?\d+(?:\.\d+)?[^\d,]{0,10}$")
_PRICE_NOTE_RE = re.compile(r"[(（][^()（）]*(?:价格|不变价|可比价)[^()（）]*[)）]")
_FROM_NUMBER_TAIL_RE = re.compile(r"(?:由|从)\s*\d+(?:\.\d+)?\s*[^\d,]{0,8}?$")
LEAD_QUALIFIER_RE = re.compile(r"^(?:以上|以下|左右)的?")
# A table row's number before its first cell ("3\t建立…", "12 单位工业增加值能耗…", as a 序号 column comes out):
# no count, since no unit follows it.
_ROW_NUMBER_RE = re.compile(r"\s*\d{1,3}[ \t]+(?=[\u4e00-\u9fff])(?![万亿千百吨蒸个家台套座项条户辆米]|公里|公顷)")
# What is left when the subject was only a baseline's value ("比2010年的1.034吨标准煤").
_ONLY_VALUE_RE = re.compile(r"^\s*的?\s*\d+(?:\.\d+)?(?!\s*[年月日\d.])\s*[万亿]?[^\d\s,、]{0,8}$")
# "《方案》还提出力争…", "会议明确…": who says it, before what is said.
_SAID_RE = re.compile(r"^(?:《[^》]{1,20}》)?[^,;。《]{0,8}?(?:提出|明确|要求|指出|强调|规定)(?:了)?")


def clean_subject(text: str) -> tuple[str, str | None]:
    """Strip frames, baselines, scope words and modal words; return (indicator, scope word)."""
    if not text:
        return "", None
    # Each pattern is tried only when a character it needs is there (their first characters,
    # 年/十 for a frame, a bracket for a price note).
    if text[:1].isdigit() or text[:1].isspace():
        row = _ROW_NUMBER_RE.match(text)
        if row:
            text = text[row.end():]
    has_from = "由" in text or "从" in text
    s = _FROM_VALUE_TAIL_RE.sub("", text) if has_from else text  # "由2005年的2.66吨标准煤"
    if BASELINE_FIRST_RE.search(s):
        s = BASELINE_RE.sub("", s)
        if _ONLY_VALUE_RE.match(s):
            s = ""
    if "年" in s or "十" in s:
        s = _FRAME_TEXT_RE.sub("", s)
    if "(" in s or "（" in s:
        s = _PRICE_NOTE_RE.sub("", s)
    if has_from:
        s = _FROM_NUMBER_TAIL_RE.sub("", s)
    if "之间的" in s:
        s = s[s.rindex("之间的") + 3:]  # "浓度在50至60之间的乡镇的PM2.5浓度": the class is not the indicator
    if s[:1] in "(（" and not any(c in s for c in ")）"):
        s = s[1:]  # "(即全年污染天数": a bracket the clause opened and did not close
    said = _SAID_RE.match(s)
    if said and said.end() < len(s):
        s = s[said.end():]
    scope = None
    prev = None
    while prev != s:
        prev = s
        s = s.strip(" ,、:;")
        m = SCOPE_RE.match(s)
        if m:
            scope = scope or m.group(0)
            s = s[m.end():]
        s = _LEAD_JUNK_RE.sub("", s, count=1)
    s = _TRAIL_JUNK_RE.sub("", s)
    return s.strip(), scope


# "二氧化硫减排目标:", "节能指标:": a heading that names the indicator of the numbers after it.
_HEADING_TAIL_RE = re.compile(r"(?:减排|削减|控制|节能|降耗)?(?:工作)?(?:目标任务|目标|任务|指标)$")


def pending_subject(text: str, c_start: int, c_end: int) -> tuple[str, int] | None:
    """The indicator named by a clause without a number of its own, for the number of a later clause."""
    subj, _ = clean_subject(text[c_start:c_end])
    if subj and len(subj) > 2:
        subj = _HEADING_TAIL_RE.sub("", subj) or subj
    if subj and len(subj) <= 30 and not VERB_RE.search(subj):
        return subj, evidence_start(text, c_start, c_end)
    return None


def strip_quotes(s: str) -> str:
    return s.replace("#8220;", "“").replace("#8221;", "”").replace("&", "")


# The noun after a number ("建成1个垃圾填埋场渗滤液处理项目"), up to the next item ("和418万平方米…").
_TAIL_RE = re.compile(r"^\s*的?\s*((?:(?![和及与、]\s*\d)[^,。;:]){1,30}?)(?:的目标|目标|任务|工作|(?=[和及与、]\s*\d)|$)")
_GENERIC_NOUN_RE = re.compile(r"^(?:目标|任务|工作|指标|要求)+$")


def tail_noun(text: str, start: int, c_end: int) -> str:
    m = _TAIL_RE.match(text[start:c_end])
    if not m:
        return ""
    s = m.group(1).strip()
    s = LEAD_QUALIFIER_RE.sub("", s)
    return "" if _GENERIC_NOUN_RE.match(s) else s


def tail_end(text: str, start: int, c_end: int) -> int:
    m = _TAIL_RE.match(text[start:c_end])
    return start + m.end(1) if m else start


def evidence_start(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i] in " ,、:;·—-":
        i += 1
    return i


# "长白山管委会、梅河口市、公主岭市均下降15%": places standing for the indicator named before them.
# "盟所在地", "旗县所在地": the seat of a 盟, of each 旗 and 县.
_PLACE = r"(?:[\u4e00-\u9fff]{0,8}?[市县区旗州盟]所在地|[\u4e00-\u9fff]{1,8}?(?:市|县|区|旗|州|盟|镇|乡|管委会|街道))"
PLACE_LIST_RE = re.compile(rf"^(?:{_PLACE}[、,和及与])*{_PLACE}(?:均|都|也)?$")
_PLACE_LIST_START_RE = re.compile(rf"^(?:{_PLACE}[、,和及与])*{_PLACE}(?=.)")


def places_for(places: str, previous_indicator: str) -> str:
    """The places with the indicator of the target before them (less the places that one names)."""
    return places + _PLACE_LIST_START_RE.sub("", previous_indicator)
