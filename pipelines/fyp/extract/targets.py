"""Quantified targets of a notice: one row per distinct commitment (value + unit + date/plan period).

How a target is read (all on the working text; offsets published on the source text):

1. The text is cut into paragraphs (newlines), sentences (。;!?) and clauses (, and : outside
   brackets). Dates frame what follows them: "到2010年", "2008年年底前", "“十一五”期间" set the
   target year for the rest of the sentence, and for the rest of the paragraph when they open a
   sentence. Baselines ("比“十五”末", "比2020年", "在2005年的基础上", "由2005年的") are kept apart.
2. A quantity is a number with a unit from ``vocabularies/units.csv`` (万/亿 magnitudes, 以上/以内/
   左右 qualifiers). It becomes a target when a direction word governs it (下降/提高/达到/控制在/
   淘汰/建成 ..., or a 率/比重/占比 indicator directly before it) and the sentence is not a
   historical statistic (a year before the notice, 过去/以来/已经/...了) nor an entry threshold
   ("新建...必须...", "小于", "X万吨以下的企业").
3. "A、B分别下降x%、y%" gives one row per list element; "A和B均下降x%" one row per pollutant.
   A clause with no subject of its own (",降低25%") takes the indicator of the previous target of
   its sentence.
4. A target restated later in the notice (news summary + body) is kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fyp.document import NoticeDocument
from fyp.extract._quantities import CLAUSE_SAFE, LIST_NUMBER_RE, Quantity, find_quantities, quantity_from_match
from fyp.extract.indicators import OTHER, classify_indicator, match_indicator, sector_keyword_codes
from fyp.plan_periods import PLAN_NAMES, PLAN_YEARS

ROW_KEYS = (
    "indicator",
    "indicator_text",
    "direction",
    "value",
    "unit",
    "qualifier",
    "is_aspirational",
    "baseline_year",
    "target_year",
    "scope",
    "value_in_base_unit",
    "base_unit",
    "evidence",
    "char_start",
    "char_end",
)

# --- text structure -------------------------------------------------------------------------
_SENTENCE_END = frozenset("。;!?\n")
_PARAGRAPH_END = frozenset("\n")
_CLAUSE_RE = re.compile(r"[,:(《\[【)》\]】]")
_CLAUSE_END = frozenset(",:")
_OPEN = "(《[【"
_CLOSE = ")》]】"

# --- dates, periods, baselines --------------------------------------------------------------
_YEAR = r"(?:19|20)\d\d"
_QL = r"(?:[“\"「『‘']|&?#8220;|&ldquo;)?"
_QR = r"(?:[”\"」』’']|&?#8221;|&rdquo;)?"
# "十五" is the 10th plan (2001-2005); "十五五" the 15th.
_PERIOD_YEARS = dict(PLAN_YEARS) | {10: (2001, 2005)}


def _period(ps: str) -> str:
    return rf"{_QL}(?P<{ps}>十[一二三四五]?五){_QR}"


def _ahead(first_chars: str, classes: str = "") -> str:
    """A lookahead for the characters a pattern's matches can start with: it changes no match but
    lets the scan pass over every other position at once (re finds no such prefix by itself in
    patterns that open with an optional part or a lookbehind)."""
    return "(?=[" + "".join(re.escape(c) for c in first_chars) + classes + "])"


_QL_FIRST = "“\"「『‘'&#"  # what an opening quote of _QL starts with
_BASELINE_AHEAD = _ahead("比较相对同在由从")
_BASELINE_RE = re.compile(
    rf"{_BASELINE_AHEAD}(?:(?:比|较|相比|相对于|相较于|对比|同)\s*(?:(?P<by>{_YEAR})\s*年?|{_period('bp')})\s*(?:年底|年末|期末|时期末|末)?\s*(?:的|水平)?"
    rf"|在\s*(?:(?P<by2>{_YEAR})\s*年?|{_period('bp2')})\s*(?:年底|年末|期末|末)?\s*的?\s*基础上"
    rf"|(?:由|从)\s*(?:(?P<by3>{_YEAR})\s*年|{_period('bp3')}\s*(?:期末|时期末|末))\s*的?)"
)
# The characters every _BASELINE_RE match starts with.
_BASELINE_FIRST_RE = re.compile(r"[比较相对同在由从]")
_SAME_PERIOD_RE = re.compile(r"同比")
_ANNUAL_RE = re.compile(r"年均|每年|逐年|年度")
_FRAME_AHEAD = _ahead("12" + _QL_FIRST + "十" + "全今年本当")
_FRAME_RE = re.compile(
    rf"{_FRAME_AHEAD}(?:(?P<y>{_YEAR})\s*(?:[-—–~～至到]\s*(?P<y2>{_YEAR})\s*)?年"
    rf"|{_period('p')}(?:期间|时期|期末|末|内|规划期)?"
    r"|(?<![\d一二两三四五六七八九十几数])(?P<cur>全年|今年|年内|本年度|当年))"
)
# Words that make a year something other than a frame: "按2005年不变价格", "2005年的0.79吨".
_NOT_FRAME_BEFORE = ("按", "以")  # the text before the year ends with one (spaces aside)
_NOT_FRAME_AFTER_AT = re.compile(r"\s*(?:年?不变价|价格|可比价)")  # matched at a position
_BOOK_RE = re.compile(r"《[^》]*》")

# --- direction words --------------------------------------------------------------------------
_VERBS: dict[str, str] = {}
for _words, _dir in (
    ("下降到|下降至|降低到|降低至|降到|降至|减少到|减少至|减至|削减到|削减至|压减到|压减至|压缩到|压缩至|控制到", "down_to"),
    ("提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|增至|上升到|上升至|扩大到|扩大至", "up_to"),
    ("下降|降低|减少|削减|减排|压减|压缩|节约|节省|减低|缩减", "decrease"),
    ("提高|提升|增加|增长|新增|扩大|上升", "increase"),
    ("达到|达|实现|稳定在|保持在|维持在|稳定达到|为", "reach"),
    ("控制在|控制|不超过|不高于|不大于|低于|少于|不得超过|限制在|压减在", "cap"),
    ("不低于|不少于|不小于|超过|高于|至少", "at_least"),
    ("淘汰|关闭|关停|取缔|拆除|退出|消除|建成|建设|完成|创建|改造|建立|培育|遴选|推广|实施|发展|打造|推动|整治|治理|安装|新建|开展|形成|推进|配套|新上|更新", "complete"),
):
    for _w in _words.split("|"):
        _VERBS[_w] = _dir
# Verb-looking characters that are part of a noun: 增加值, 达标, 为期, 发展改革委, 治理设施.
_VERB_BLOCK = {"达": "[标成]", "为": "[了期主]", "增加": "值", "增长": "率|点", "发展": "改革|和改革|中国家", "实施": "方案|意见|细则|办法",
               "建设": "厅|局|部门|用地|项目", "下降": "率", "推广": "应用",
               "新建": "建筑|住宅|项目|小区|公共建筑|城区"}
_VERB_RE = re.compile(
    "|".join(re.escape(w) + (f"(?!{_VERB_BLOCK[w]})" if w in _VERB_BLOCK else "")
             for w in sorted(_VERBS, key=len, reverse=True))
)
_AT_MOST_VERBS = {"不超过", "不高于", "不大于", "低于", "少于", "不得超过"}

_LIST_MARK_RE = re.compile(r"分别|均|各自")
# An indicator that names a rate or share can carry its number without a verb ("占比65%左右").
_RATE_END_RE = re.compile(r"(?:率|比重|占比|比例|水平|份额)\s*$")

# --- what makes a quantity not a target ----------------------------------------------------
_HISTORICAL_RE = re.compile(
    r"过去|以来|近年来|前[一两二三四]年|已经|业已|已(?!建|有|列|批|投|纳|核|按|于)|完成了|实现了|下降了|降低了|提高了|增长了|减少了|"
    r"达到了|削减了|超额完成|取得了|去年|累计完成|共完成|比上年|仅为|分别为|同期"
)
_THRESHOLD_SUBJECT_RE = re.compile(r"新建|新上|新改扩建|改扩建|扩建|准入")
_THRESHOLD_MODAL_RE = re.compile(r"必须|不得|不低于|不小于|应当|应达到|须达到|一律|方可")
_BASELINE_VALUE_BEFORE = re.compile(
    rf"(?:由|从|(?<![占对相])比|较)\s*(?:{_YEAR}\s*年\s*|{_QL}十[一二三四五]?五{_QR}\s*(?:期末|时期末|末)?\s*)?的?\s*$"
)
# After "X以上/以下", a noun other than these makes X a size class ("2万吨以下废纸造纸企业").
_CLASS_OK_AFTER = re.compile(r"^\s*的?\s*[^,。;]{0,3}?(?:能力|目标|任务|规模|水平|要求|速度|增速|幅度)|^[^,。;]{0,6}(?:能力|规模)")
# "120万吨甲醇项目", "10吨/时以下燃煤锅炉": the size of a plant, not an amount to deliver.
_PLANT_AFTER = re.compile(r"^[^,。;:、]{0,10}?(?:项目|装置|生产线|机组|企业|锅炉|窑|炉|矿井|电厂|厂)")
_SHARE_VERB_AFTER_RE = re.compile(r"^\s*(?:以上)?(?:的)?\s*(?:执行|使用|采用|实现|达到|完成|建成|开展|配备|安装|实施|纳入|通过)")
_RATE_AFTER_RE = re.compile(r"^\s*的?\s*(?:速度|增速|幅度|速率)")
_STANDARD_AFTER = re.compile(r"^\s*(?:节能)?标准")
_ASPIRATIONAL_RE = re.compile(r"力争|争取|努力实现|努力达到")

# --- subject cleaning -------------------------------------------------------------------------
_SCOPE_WORDS = (
    "全省|全市|全区|全县|全州|全盟|全旗|本省|本市|本区|本县|我省|我市|我区|我县|全国|各地|全社会|省辖市"
)
_SCOPE_RE = re.compile(rf"^(?:{_SCOPE_WORDS})")
_LEAD_JUNK_RE = re.compile(
    r"^(?:[\s—\-·•●○◆■□*#]+|[(（]?[一二三四五六七八九十\d]+[)）.、]|其中|同时|此外|并且|并|且|另外|以及|和|及|与|"
    r"到|至|在|于|截至|力争|争取|确保|努力|要|须|必须|应|将|使|使得|把|进一步|全面|基本|实现|共|总计|合计|"
    r"按照|根据|目标为|目标是|节能目标为|节能目标是|主要目标|工作目标|总体目标|目标任务是|是|为|:)"
)
_TRAIL_JUNK_RE = re.compile(
    r"(?:要|须|应|将|均|分别|总体|累计|累积|年均|同比|力争|争取|确保|稳定|原则上|进一步|基本|全部|总体上|继续|以上|"
    r"[\s,、:的]|(?<![占对])比|较|约|大约|近|接近)+$"
)
_FRAME_TEXT_AHEAD = _ahead("到至截在12" + _QL_FIRST + "十五全今明年", r"\s")
_FRAME_TEXT_RE = re.compile(
    rf"{_FRAME_TEXT_AHEAD}(?:(?:到|至|截至|在)?\s*{_YEAR}\s*(?:[-—–~～至到]\s*{_YEAR}\s*)?年(?:年底|底|末|年末)?(?:前|以前|之前)?"
    rf"|{_QL}十[一二三四五]?五{_QR}(?:期间|时期|期末|末|内)?|在?五年内|全年|今年|明年|年内)"
)
_SUBJECT_STOP_RE = re.compile(r"[,:;。]")

# --- small patterns of the hot paths, compiled once (re.* calls pay a cache lookup each time) ---
_PERIOD_MARK_AFTER_RE = re.compile(r"[”\"」』’']|&?#8221;|期|时期|末")
_WORD_START_RE = re.compile(r"[\u4e00-\u9fffA-Za-z(]")
_AMOUNT_END_RE = re.compile(r"(?:量|规模)$")
_FROM_VALUE_TAIL_RE = re.compile(r"(?:由|从)[^,]{0,16}?\d+(?:\.\d+)?[^\d,]{0,10}$")
_PRICE_NOTE_RE = re.compile(r"[(（][^()（）]*(?:价格|不变价|可比价)[^()（）]*[)）]")
_FROM_NUMBER_TAIL_RE = re.compile(r"(?:由|从)\s*\d+(?:\.\d+)?\s*[^\d,]{0,8}?$")
_OBJECT_MARK_END_RE = re.compile(r"(?:对|将|把)\s*$")
_LEAD_QUALIFIER_RE = re.compile(r"^(?:以上|以下|左右)的?")
# Words right before a number (spaces aside) that qualify it, in the order they are tried.
_PRE_QUALIFIERS = (
    (("不低于", "不少于", "不小于", "超过", "高于", "至少", "多于"), "at_least"),
    (("不超过", "不高于", "不大于", "低于", "少于", "不到"), "at_most"),
    (("约", "大约", "近", "接近"), "about"),
)
_NOT_HAN_OR_DUN_RE = re.compile(r"[^\u4e00-\u9fff、]")
_HAN_RUN5_RE = re.compile(r"[\u4e00-\u9fff]{5,}")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_NOT_HAN_RE = re.compile(r"[^\u4e00-\u9fff]")
_DIGIT_RE = re.compile(r"\d")
_DENG_RE = re.compile(r"等")
_SHARED_POLLUTANT_RE = re.compile(r"^等?(?:主要)?(?:大气|水)?污染物")


@dataclass
class _Frame:
    pos: int
    end: int
    year: int


@dataclass
class _Paragraph:
    frame: int | None = None  # year set by a date that opened a sentence
    baseline: int | None = None  # last baseline year named
    baseline_target: int | None = None  # the target year it was named for


@dataclass
class _Row:
    start: int  # working-text evidence span
    end: int
    order: int
    indicator_text: str
    direction: str
    q: Quantity
    qualifier: str
    aspirational: bool
    baseline_year: int | None
    target_year: int | None
    scope: str | None
    inherit_baseline: bool = False  # a relative change with no baseline of its own


def extract_targets(doc: NoticeDocument) -> list[dict]:
    """Target rows of ``doc`` (see module docstring), sorted by (char_start, list position)."""
    text = doc.working
    ctx = _DocContext(doc)
    rows: list[_Row] = []
    para = _Paragraph()
    prev_end = 0
    sentences = _worth_sentences(text)
    for s_start, s_end in sentences:
        if text.find("\n", prev_end, s_start) >= 0:
            para = _Paragraph()  # a paragraph's frame and baseline end with it
        prev_end = s_end
        _sentence(text, s_start, s_end, para, ctx, rows)
    rows.extend(_table_rows(text, ctx, sentences))
    rows = _dedupe(rows, doc.region)
    rows.sort(key=lambda r: (r.start, r.order))
    return [_publish(doc, r) for r in rows]


class _DocContext:
    def __init__(self, doc: NoticeDocument):
        self.doc = doc
        self.plan_end = doc.plan_end_year
        cutoff = doc.issue_date.year if doc.issue_date else doc.plan_start_year
        if doc.plan_start_year and cutoff and cutoff < doc.plan_start_year:
            cutoff = doc.plan_start_year
        self.cutoff = cutoff
        self.order = 0
        self.last_year: int | None = None

    @property
    def current_year(self) -> int | None:
        """"全年/今年": the year the notice was issued, else the year it last named."""
        if self.doc.issue_date:
            return self.doc.issue_date.year
        return self.last_year

    def next_order(self) -> int:
        self.order += 1
        return self.order


_WORTH_RE = re.compile(r"[\d五年百]")
# A sentence without any _WORTH_RE character is a no-op in _sentence (it neither frames, nor sets a
# baseline, nor states a target), so only "worth" sentences are visited. One C-level scan finds
# them: whole sentences without such a character (possessive runs, so no backtracking) are skipped,
# group "s" is the next sentence that has one (optional, so the tail after the last one costs O(n)).
_WORTH_SENTENCE_RE = re.compile(r"(?:[^。;!?\n\d五年百]*+[。;!?\n])*+(?P<s>[^。;!?\n\d五年百]*+[\d五年百][^。;!?\n]*+)?")
# ";" ending an HTML entity ("#8220;") does not end a sentence (see _spans); texts with one take
# the general path.
_ENTITY_SEMICOLON_RE = re.compile(r"(?:#\d{2,5}|&[a-z]{2,6});")


def _worth_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (as _spans cuts them) that contain a _WORTH_RE character."""
    if ";" in text and ("#" in text or "&" in text) and _ENTITY_SEMICOLON_RE.search(text):
        return [(s, e) for p_start, p_end in _spans(text, 0, len(text), _PARAGRAPH_END)
                for s, e in _spans(text, p_start, p_end, _SENTENCE_END) if _WORTH_RE.search(text, s, e)]
    return [m.span("s") for m in _WORTH_SENTENCE_RE.finditer(text) if m.start("s") >= 0]
_ENTITY_TAIL_RE = re.compile(r"&?#\d{2,5}$|&[a-z]{2,6}$")


_STOP_RES: dict[frozenset, re.Pattern] = {}


def _spans(text: str, start: int, end: int, stops) -> list[tuple[int, int]]:
    pat = _STOP_RES.get(stops)
    if pat is None:
        pat = _STOP_RES[stops] = re.compile("[" + re.escape("".join(sorted(stops))) + "]")
    out = []
    s = start
    for m in pat.finditer(text, start, end):
        i = m.start()
        # ";" that closes an HTML entity left in web text ("#8220;") ends nothing.
        if text[i] == ";" and _ENTITY_TAIL_RE.search(text, max(start, i - 7), i):
            continue
        if i > s:
            out.append((s, i))
        s = i + 1
    if end > s:
        out.append((s, end))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    depth = 0
    s = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_END and depth == 0:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


def _period_end(token: str) -> int | None:
    n = PLAN_NAMES.get(token)
    return _PERIOD_YEARS[n][1] if n in _PERIOD_YEARS else None


def _baselines(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    for m in _BASELINE_RE.finditer(text, start, end):
        y = m.group("by") or m.group("by2") or m.group("by3")
        if y:
            year = int(y)
        else:
            token = m.group("bp") or m.group("bp2") or m.group("bp3")
            year = _period_end(token) if token else None
        if year:
            out.append((m.start(), m.end(), year))
    return out


def _frames(text: str, start: int, end: int, skip: list[tuple[int, int]], ctx: _DocContext) -> list[_Frame]:
    out = []
    for m in _FRAME_RE.finditer(text, start, end):
        m_start, m_end = m.span()
        if skip and any(s <= m_start < e for s, e in skip):
            continue
        if text[max(start, m_start - 3):m_start].rstrip().endswith(_NOT_FRAME_BEFORE):
            continue
        if _NOT_FRAME_AFTER_AT.match(text, m_end, m_end + 8):
            continue
        if m.group("cur"):
            year = ctx.current_year
        elif m.group("y"):
            year = int(m.group("y2") or m.group("y"))
        else:
            token = m.group("p")
            if token == "十五" and not _PERIOD_MARK_AFTER_RE.match(text, m.end("p"), min(m.end("p") + 6, len(text))):
                continue  # a bare 十五 is the number fifteen
            year = _period_end(token)
        if year:
            out.append(_Frame(m_start, m_end, year))
    return out


def _sentence(text: str, s_start: int, s_end: int, para: _Paragraph, ctx: _DocContext, rows: list[_Row]) -> None:
    para_frame = para.frame
    sent = text[s_start:s_end]  # a sentence with a _WORTH_RE character (see _worth_sentences)
    has_digit = _DIGIT_RE.search(sent) is not None
    # Cheap tests first: a baseline names a year (digits) or a plan period (十..五); a frame holds
    # 年 or 十 (see _BASELINE_RE, _FRAME_RE).
    baselines = _baselines(text, s_start, s_end) if has_digit or "十" in sent else []
    if "年" in sent or "十" in sent:
        book = [(m.start() + s_start, m.end() + s_start) for m in _BOOK_RE.finditer(sent)] if "《" in sent else []
        frames = _frames(text, s_start, s_end, [(b, e) for b, e, _ in baselines] + book, ctx)
    else:
        frames = []
    if frames:
        if frames[-1].year:
            ctx.last_year = frames[-1].year
        # A frame that opens the sentence frames the rest of the paragraph too.
        lead = len(sent) - len(sent.lstrip(" —-·•"))
        if frames[0].pos - s_start - lead <= 12:  # frames are in text order: the first opens it or none does
            para.frame = frames[0].year
    quantities_any = has_digit or "百分点" in sent
    if not quantities_any:
        if baselines:
            para.baseline = baselines[-1][2]
        return
    # Quantities are found once per sentence: no quantity pattern matches "," or ":" (see
    # _quantities.CLAUSE_SAFE), so each lies inside one clause and the clause scans would find the same.
    quantities = find_quantities(text, s_start, s_end)
    if not quantities and CLAUSE_SAFE:
        if baselines:  # what the clause loop below leaves when no clause has a quantity
            para.baseline = baselines[-1][2]
            para.baseline_target = None
        return
    historical_sentence = bool(_HISTORICAL_RE.search(sent))
    # "新建...项目...必须达到X以上": an entry threshold governs the quantities after it.
    threshold_from = None
    ts = _THRESHOLD_SUBJECT_RE.search(sent)
    if ts:
        tm = _THRESHOLD_MODAL_RE.search(sent, ts.end())
        if tm:
            threshold_from = s_start + ts.start()

    def year_at(pos: int) -> int | None:
        before = [f for f in frames if f.pos < pos]
        if before:
            return before[-1].year
        if frames:  # "新增垃圾处理场106座,...,2010年城市垃圾无害化处理率达到70%": the sentence's own date
            return frames[0].year
        if para_frame is not None:
            return para_frame
        return None

    def frame_year(pos: int) -> int | None:
        y = year_at(pos)
        return y if y is not None else ctx.plan_end

    def is_historical(pos: int) -> bool:
        y = year_at(pos)
        return historical_sentence or (y is not None and ctx.cutoff is not None and y < ctx.cutoff)

    sent_rows: list[_Row] = []
    list_ctx: tuple[list[str], int] | None = None
    pending: tuple[int, int] | None = None  # a clause naming an indicator, its number in the next clause
    qi, nq = 0, len(quantities)
    for c_start, c_end in _clauses(text, s_start, s_end):
        qj = qi
        while qj < nq and quantities[qj].start < c_end:
            qj += 1
        clause_qs = quantities[qi:qj] if CLAUSE_SAFE else find_quantities(text, c_start, c_end)
        qs = [q for q in clause_qs if _keep_quantity(text, c_start, q, baselines)]
        qi = qj
        if not qs:
            pending = (c_start, c_end)  # read only if a later clause needs it (_pending_subject)
            continue
        clause_baselines = [b for b in baselines if c_start <= b[0] < c_end]
        if threshold_from is not None:
            qs = [q for q in qs if q.start < threshold_from]
            if not qs:
                continue
        mark = _LIST_MARK_RE.search(text, c_start, qs[0].start)
        if mark:
            produced, list_ctx = _list_clause(text, c_start, c_end, mark, qs, list_ctx, sent_rows, ctx, frame_year, is_historical,
                                              clause_baselines, s_start)
            sent_rows.extend(produced)
        else:
            prev_end = c_start
            for q in qs:
                if is_historical(q.start):
                    prev_end = q.end
                    continue
                row = _single(text, c_start, c_end, prev_end, q, sent_rows, ctx, frame_year, clause_baselines, pending, s_start)
                prev_end = q.end
                if row is not None:
                    sent_rows.append(row)
        pending = None
    # A relative change without a baseline of its own takes the nearest one of its sentence
    # ("由8.38吨标准煤下降到6.29吨标准煤,比2005年下降25%"), else its paragraph's.
    for r in sent_rows:
        if r.baseline_year is None and r.inherit_baseline:
            before = [b for b in baselines if b[0] < r.start]
            after = [b for b in baselines if b[0] >= r.start]
            if before:
                r.baseline_year = before[-1][2]
            elif after:
                r.baseline_year = after[0][2]
            elif para.baseline_target in (None, r.target_year):
                r.baseline_year = para.baseline  # not for a yearly target under a five-year baseline
    if baselines:
        para.baseline = baselines[-1][2]
        para.baseline_target = sent_rows[-1].target_year if sent_rows else None
    rows.extend(sent_rows)


def _keep_quantity(text: str, c_start: int, q: Quantity, baselines) -> bool:
    before = text[max(c_start, q.start - 14):q.start]
    # r"X\s*$" is "ends with X once whitespace is stripped" (re's \s and str.rstrip() agree).
    tail = before.rstrip()
    if tail.endswith(("第", "小于", "大于", "不足")):
        return False  # "第3", "小于10万吨": an ordinal, a strict comparison (a class, not a target)
    if tail.endswith("等"):
        return False  # "...等11项": the size of a list just given
    if q.kind == "relative" and tail.endswith("的"):
        return False  # "设计能力的60%", "计划的10%": a fraction of something else
    after_all = text[q.end:q.end + 14].lstrip(" )）")
    if q.kind == "relative" and _STANDARD_AFTER.match(after_all):
        return False  # "节能率达到50%标准": names a standard
    if q.kind not in ("relative", "count") and _PLANT_AFTER.match(after_all) and not _CLASS_OK_AFTER.match(after_all):
        return False
    if q.kind != "relative" and after_all.startswith("的") and not _CLASS_OK_AFTER.match(after_all):
        return False
    if _BASELINE_VALUE_BEFORE.search(before):
        return False
    if any(s <= q.start < e for s, e, _ in baselines):
        return False
    if q.qualifier in ("at_least", "at_most") and q.end > q.num_end:
        after = text[q.end:q.end + 12].lstrip(" )）")
        if after and _WORD_START_RE.match(after[0]) and not after.startswith(("的", "(")):
            # "2万吨以下废纸造纸企业": a size class, not a commitment — unless a share of units
            # ("85%以上的县") or a capacity/target noun follows.
            if q.kind != "relative" and not _CLASS_OK_AFTER.match(after):
                return False
        if after.startswith("的") and q.kind != "relative" and not _CLASS_OK_AFTER.match(after):
            return False
    elif q.kind == "relative" and text.startswith("的", q.end) and not _CLASS_OK_AFTER.match(text[q.end:q.end + 14]):
        return False  # "每年20%的累计进度": a modifier
    return True


def _last_verb(text: str, start: int, end: int) -> re.Match | None:
    last = None
    for m in _VERB_RE.finditer(text, start, end):
        # One-character verbs (为, 达) govern only a number right after them ("目标为4%").
        if len(m.group(0)) == 1 and end - m.end() > 2:
            continue
        last = m
    return last


def _direction(verb: str, q: Quantity) -> tuple[str, str | None]:
    """(direction, qualifier implied by the verb)."""
    kind = _VERBS[verb]
    if kind == "down_to":
        return ("reach" if q.kind == "relative" else "decrease"), None
    if kind == "up_to":
        return ("reach" if q.kind == "relative" else "increase"), None
    if kind == "at_least":
        return "reach", "at_least"
    if kind == "cap":
        return "cap", ("at_most" if verb in _AT_MOST_VERBS else None)
    return kind, None


def _amount_level(direction: str, verb: re.Match | None, indicator: str) -> str:
    """"完成减排量X", "形成X租赁规模": an amount or scale to attain, not things to build or close."""
    if direction == "complete" and verb is not None and verb.group(0) in ("完成", "形成", "实现") and _AMOUNT_END_RE.search(indicator or ""):
        return "reach"
    return direction


def _aspirational(text: str, s_start: int, c_start: int, pos: int, has_subject: bool) -> bool:
    """力争/争取 before the number in its clause, or earlier in the sentence when this clause only
    continues the same predicate ("力争淘汰小火电机组500万千瓦,实现节约能源600万吨标准煤")."""
    if _ASPIRATIONAL_RE.search(text, c_start, pos):
        return True
    return not has_subject and bool(_ASPIRATIONAL_RE.search(text, s_start, c_start))


def _clean_subject(text: str) -> tuple[str, str | None]:
    """Strip frames, baselines, scope words and modal words; return (indicator, scope word)."""
    if not text:
        return "", None
    # Each pattern is tried only when a character it needs is there (their first characters,
    # 年/十 for a frame, a bracket for a price note).
    has_from = "由" in text or "从" in text
    s = _FROM_VALUE_TAIL_RE.sub("", text) if has_from else text  # "由2005年的2.66吨标准煤"
    if _BASELINE_FIRST_RE.search(s):
        s = _BASELINE_RE.sub("", s)
    if "年" in s or "十" in s:
        s = _FRAME_TEXT_RE.sub("", s)
    if "(" in s or "（" in s:
        s = _PRICE_NOTE_RE.sub("", s)
    if has_from:
        s = _FROM_NUMBER_TAIL_RE.sub("", s)
    scope = None
    prev = None
    while prev != s:
        prev = s
        s = s.strip(" ,、:;")
        m = _SCOPE_RE.match(s)
        if m:
            scope = scope or m.group(0)
            s = s[m.end():]
        s = _LEAD_JUNK_RE.sub("", s, count=1)
    s = _TRAIL_JUNK_RE.sub("", s)
    return s.strip(), scope


def _pending_subject(text: str, c_start: int, c_end: int) -> tuple[str, int] | None:
    """The indicator named by a clause without a number of its own, for the number of a later clause."""
    subj, _ = _clean_subject(text[c_start:c_end])
    if subj and len(subj) <= 30 and not _VERB_RE.search(subj):
        return subj, _evidence_start(text, c_start, c_end)
    return None


def _strip_quotes(s: str) -> str:
    return s.replace("#8220;", "“").replace("#8221;", "”").replace("&", "")


def _single(text, c_start, c_end, prev_end, q: Quantity, sent_rows, ctx, frame_year, clause_baselines, pending, s_start) -> _Row | None:
    if q.unit is None:
        return None
    verb = _last_verb(text, prev_end, q.start)
    inherited_verb = False
    if verb is None:
        verb = _last_verb(text, c_start, prev_end) if prev_end > c_start else None
        inherited_verb = verb is not None
    seg_start = prev_end
    if verb is not None and not inherited_verb:
        pre_raw = text[seg_start:verb.start()]
        post_raw = text[verb.end():q.start]
    else:
        pre_raw = text[seg_start:q.start]
        post_raw = ""
    pre, scope = _clean_subject(pre_raw)
    post, scope2 = _clean_subject(post_raw)
    scope = scope or scope2
    pre = _LEAD_VERB_RE.sub("", pre)
    if verb is not None and not inherited_verb and not post and pre and verb.group(0) in _NOUN_VERBS:
        pre = pre + verb.group(0)  # "完成燃煤机组超低排放改造1200万千瓦": the verb names the work
    direction = None
    verb_qual = None
    if verb is not None:
        direction, verb_qual = _direction(verb.group(0), q)
    elif _RATE_END_RE.search(text, seg_start, q.start) or (q.kind == "relative" and text.startswith("以上的", q.num_end)):
        direction = "reach"
    elif _RATE_END_RE.search(pre or "") and q.kind == "relative":
        direction = "reach"
    elif sent_rows and sent_rows[-1].end >= c_start - 1 - 40 and pre:
        direction = sent_rows[-1].direction
    else:
        # The verb comes after the number: "对56家企业实施停产治理", "以每年20%的速度增长".
        after = text[q.end:c_end]
        if q.kind == "relative" and _SHARE_VERB_AFTER_RE.match(after):
            direction = "reach"  # "城镇新建建筑100%执行绿色建筑标准": a share of units doing something
        elif _OBJECT_MARK_END_RE.search(text[max(c_start, q.start - 3):q.start]) or _RATE_AFTER_RE.match(after):
            v_after = _last_verb(text, q.end, c_end) if not _RATE_AFTER_RE.match(after) else _VERB_RE.search(text, q.end, c_end)
            if v_after is not None:
                direction, verb_qual = _direction(v_after.group(0), q)
                if q.kind == "relative" and not _RATE_AFTER_RE.match(after):
                    direction = "reach"  # "100%执行绿色建筑标准": a share of units doing something
                if not _RATE_AFTER_RE.match(after):
                    post = text[q.end:v_after.start()].strip(" 的")
                    post = _LEAD_QUALIFIER_RE.sub("", post)
    if direction is None:
        return None
    # The indicator: the object after a verb ("淘汰落后水泥产能1300万吨"), else the subject before it,
    # else the noun after the number ("建设95万平方米沉陷区二期工程"), else the previous target's.
    ev_start = None
    if post and (_VERBS.get(verb.group(0)) in ("complete", "decrease", "increase", "reach", "at_least") if verb else False) and len(post) > 1:
        indicator = post
        ev_start = verb.start() if not pre else seg_start + (len(pre_raw) - len(pre_raw.lstrip(" ,、")))
    elif pre:
        indicator = pre + (post if post else "")
    elif post:
        indicator = post
    else:
        indicator = ""
    if not indicator:
        tail = _tail_noun(text, q.end, c_end)
        if tail:
            indicator = tail
    if not indicator and pending is not None:
        named = _pending_subject(text, *pending)
        if named is not None:
            indicator, ev_start = named  # "1.单位生产总值能耗:比2010年下降17%"
    if not indicator and sent_rows:
        prev = sent_rows[-1]
        indicator = prev.indicator_text
        scope = scope or prev.scope
        ev_start = prev.start
    if not indicator:
        return None
    if sent_rows and pre and len(indicator) <= 4 and classify_indicator(indicator) == OTHER:
        # "城市污水处理率达到95%,县城达到85%": a place or group standing for the same indicator.
        prev_ind = sent_rows[-1].indicator_text
        if classify_indicator(prev_ind) != OTHER and sent_rows[-1].q.kind == q.kind:
            if _SETTLEMENT_END_RE.search(indicator):
                prev_ind = _SETTLEMENT_START_RE.sub("", prev_ind)
            indicator = indicator + prev_ind
    if ev_start is None:
        ev_start = _evidence_start(text, seg_start, q.start)
    ev_end = q.end
    if ev_end < c_end and text.startswith("的", ev_end) is False and indicator and not pre and not post:
        # The indicator came after the number; extend the evidence over it.
        ev_end = _tail_end(text, q.end, c_end)
    qualifier = q.qualifier or _pre_qualifier(text, c_start, q.start) or verb_qual or "exact"
    baseline, inherit = _baseline_for(clause_baselines, q.start, direction, text, c_start, frame_year)
    if direction in ("reach", "complete") and classify_indicator(indicator) == "energy_saving_amount":
        direction = "decrease"  # "实现3000万吨标准煤节能量": energy saved is a cut in consumption
    direction = _amount_level(direction, verb, indicator)
    return _Row(
        start=ev_start,
        end=ev_end,
        order=ctx.next_order(),
        indicator_text=_strip_quotes(indicator),
        direction=direction,
        q=q,
        qualifier=qualifier,
        aspirational=_aspirational(text, s_start, c_start, q.start, bool(pre)),
        baseline_year=baseline,
        inherit_baseline=inherit,
        target_year=frame_year(q.start),
        scope=scope,
    )


_NOUN_VERBS = frozenset({"改造", "治理", "整治", "建设", "替代", "改建", "推广", "退出"})
_LEAD_VERB_RE = re.compile(r"^(?:完成|实施|开展|推进|推动|加快|实现)")
_SETTLEMENT_END_RE = re.compile(r"(?:县城|农村|乡镇|城镇|城市|市区|城区|镇|山区)$")
_SETTLEMENT_START_RE = re.compile(r"^(?:城市|城镇|市区|城区|县城|农村)")
_TAIL_RE = re.compile(r"^\s*的?\s*([^,。;:]{1,30}?)(?:的目标|目标|任务|工作|$)")


def _tail_noun(text: str, start: int, c_end: int) -> str:
    m = _TAIL_RE.match(text[start:c_end])
    if not m:
        return ""
    s = m.group(1).strip()
    s = _LEAD_QUALIFIER_RE.sub("", s)
    return s


def _tail_end(text: str, start: int, c_end: int) -> int:
    m = _TAIL_RE.match(text[start:c_end])
    return start + m.end(1) if m else start


def _evidence_start(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i] in " ,、:;·—-":
        i += 1
    return i


def _pre_qualifier(text: str, c_start: int, pos: int) -> str | None:
    before = text[max(c_start, pos - 6):pos].rstrip()  # r"X\s*$": re's \s and str.rstrip() agree
    for words, qualifier in _PRE_QUALIFIERS:
        if before.endswith(words):
            return qualifier
    return None


def _baseline_for(clause_baselines, pos, direction, text, c_start, frame_year) -> tuple[int | None, bool]:
    """(baseline year written for this quantity, whether it may inherit one from its context)."""
    own = [b for b in clause_baselines if b[0] < pos]
    if own:
        return own[-1][2], False
    if direction not in ("decrease", "increase"):
        return None, False
    if _SAME_PERIOD_RE.search(text, c_start, pos):
        y = frame_year(pos)
        return (y - 1 if y else None), False
    if _ANNUAL_RE.search(text, c_start, pos):
        return None, False  # "年均下降2.6%": a yearly rate has no base year
    return None, True


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
    last_qual = filled[-1].qualifier
    if last_qual:
        filled = [Quantity(v.start, v.end, v.num_end, v.value, v.unit, v.base_unit, v.factor, v.kind, v.qualifier or last_qual, v.is_range)
                  for v in filled]
    return filled


def _list_clause(text, c_start, c_end, mark, qs, list_ctx, sent_rows, ctx, frame_year, is_historical, clause_baselines, s_start):
    verb = _VERB_RE.search(text, mark.end(), qs[0].start) or _last_verb(text, c_start, mark.start())
    if verb is None:
        return [], list_ctx
    values = _list_values(text, max(verb.end(), mark.end()), c_end)
    if not values or is_historical(values[0].start):
        return [], list_ctx
    subj_end = min(mark.start(), verb.start())
    subject, scope = _clean_subject(text[c_start:subj_end])
    ev_start = _evidence_start(text, c_start, subj_end)
    if subject:
        items = _split_items(subject)
        items = _bare_items(items)
        list_ctx = (items, ev_start, scope)
    elif list_ctx:
        items, ev_start, scope = list_ctx
    elif sent_rows:
        items, ev_start, scope = [sent_rows[-1].indicator_text], sent_rows[-1].start, sent_rows[-1].scope
    else:
        return [], list_ctx
    ev_end = values[-1].end
    rows = []
    if len(values) == 1 and len(items) > 1:
        codes = [classify_indicator(it) for it in items]
        distinct = {c for c in codes if c != OTHER}
        if len(distinct) >= 2 and len(distinct) == len([c for c in codes if c != OTHER]):
            pairs = [(it, values[0]) for it in items]
        else:
            pairs = [(subject, values[0])]
    elif len(values) == len(items):
        pairs = list(zip(items, values))
    elif len(items) > len(values) and len(values) > 1:
        pairs = list(zip(items[-len(values):], values))
    else:
        pairs = [(items[i] if i < len(items) else subject, v) for i, v in enumerate(values)]
    for item, v in pairs:
        direction, verb_qual = _direction(verb.group(0), v)
        direction = _amount_level(direction, verb, subject or item)
        base, inherit = _baseline_for(clause_baselines, values[0].start, direction, text, c_start, frame_year)
        rows.append(
            _Row(
                start=ev_start,
                end=ev_end,
                order=ctx.next_order(),
                indicator_text=_strip_quotes(item),
                direction=direction,
                q=v,
                qualifier=v.qualifier or _pre_qualifier(text, c_start, values[0].start) or verb_qual or "exact",
                aspirational=_aspirational(text, s_start, c_start, v.start, bool(subject)),
                baseline_year=base,
                inherit_baseline=inherit,
                target_year=frame_year(v.start),
                scope=scope,
            )
        )
    return rows, list_ctx


def _bare_items(items: list[str]) -> list[str]:
    """"化学需氧量、氨氮、氮氧化物排放总量": the last item carries the noun shared by all
    ("排放总量"), which the bare items before it get too."""
    if len(items) < 2:
        return items
    last = items[-1]
    cut = _DENG_RE.search(last)
    if cut:
        head, suffix = last[:cut.start()], _SHARED_POLLUTANT_RE.sub("", last[cut.start():])
    else:
        kw = match_indicator(last)[1]
        folded = last.casefold()
        if not kw or not folded.startswith(kw):
            return items
        head, suffix = last[:len(kw)], last[len(kw):]
    out = []
    for it in items[:-1] + [head]:
        code, kw = match_indicator(it)
        if suffix and code != OTHER and len(it) <= len(kw) + 4 and not it.endswith(suffix):
            it = it + suffix
        out.append(it)
    return [it for it in out if it]


# --- indicator tables -----------------------------------------------------------------------
# "指标名称   2005年   2010年" over rows "城市污水集中处理率(%)   62   85": the value under the
# latest year column is that year's target level.
_TABLE_HEADER_RE = re.compile(rf"^\s*[^\d。,;]{{0,12}}?(?:[\s|]+{_YEAR}\s*年?[^\s|\d。,;]{{0,4}}){{2,}}[\s|]*[^\d。,;]{{0,12}}$")
_TABLE_YEAR_RE = re.compile(rf"{_YEAR}")
_CELL_SPLIT_RE = re.compile(r"\s{2,}|\t|\s*\|\s*")
_CELL_NUM_RE = re.compile(r"^(?P<pre>[<>≤≥约]?)(?P<num>\d+(?:\.\d+)?)(?P<qual>以上|以下|以内|左右)?$")
_CELL_UNIT_RE = re.compile(r"[(（]([^()（）]{1,12})[)）]\s*$")


def _table_rows(text: str, ctx: _DocContext, sentences: list[tuple[int, int]]) -> list[_Row]:
    """Rows of the indicator tables of ``text``; ``sentences`` are its _worth_sentences: a header
    names two years, so its line holds one of them and no other line needs the header test."""
    from fyp.extract._quantities import unit_table

    out: list[_Row] = []
    n = len(text)
    free = 0  # lines before this offset were read as rows of a table
    prev_end = -1
    for s_start, s_end in sentences:
        if prev_end >= 0 and text.find("\n", prev_end, s_start) < 0:
            prev_end = s_end
            continue  # on the line of the previous sentence
        l_start = text.rfind("\n", max(prev_end, 0), s_start) + 1
        prev_end = s_end
        if l_start < free:
            continue
        l_end = text.find("\n", s_end)
        if l_end < 0:
            l_end = n
        if text.find(",", l_start, l_end) >= 0 or text.find("。", l_start, l_end) >= 0:
            continue  # prose: a header line holds no "," or "。" (see _TABLE_HEADER_RE)
        line = text[l_start:l_end]
        if not _TABLE_HEADER_RE.match(line):
            continue
        years = [int(y) for y in _TABLE_YEAR_RE.findall(line)]
        target_year = max(years)
        col = years.index(target_year)
        if ctx.cutoff is not None and target_year < ctx.cutoff:
            continue
        next_line = l_end + 1
        while next_line <= n:
            r_start = next_line
            r_end = text.find("\n", r_start)
            if r_end < 0:
                r_end = n
            row = text[r_start:r_end]
            cells = [c for c in _CELL_SPLIT_RE.split(row.strip()) if c]
            if len(cells) < len(years) + 1 or not _HAN_RE.search(cells[0]):
                break
            nums = [_CELL_NUM_RE.match(c) for c in cells[1:1 + len(years)]]
            if not all(nums):
                break
            next_line = free = r_end + 1
            name = cells[0]
            um = _CELL_UNIT_RE.search(name)
            unit_text = um.group(1).replace(" ", "") if um else None
            unit = unit_table().get(unit_text) if unit_text else None
            if unit is None:
                continue
            indicator = name[:um.start()].strip()
            m = nums[col]
            cell_text = cells[1 + col]
            cell_at = row.find(cell_text, row.find(cells[col]) + len(cells[col]))
            start = r_start + (len(row) - len(row.lstrip()))
            end = r_start + cell_at + len(cell_text)
            qual = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "about"}.get(m.group("qual") or "")
            qual = qual or {">": "at_least", "≥": "at_least", "<": "at_most", "≤": "at_most", "约": "about"}.get(m.group("pre") or "")
            q = Quantity(r_start + cell_at, end, end, float(m.group("num")), unit.text, unit.base_unit, unit.factor, unit.kind, qual)
            out.append(_Row(start=start, end=end, order=ctx.next_order(), indicator_text=indicator, direction="reach", q=q,
                            qualifier=qual or "exact", aspirational=False, baseline_year=None, target_year=target_year, scope=None))
    return out


# --- dedupe and publishing --------------------------------------------------------------------
_GENERIC_SUFFIX_RE = re.compile(r"(?:排放总量|排放量|总量|总体水平|排放|水平)$")


def _residual(indicator: str, region: str | None = None) -> str:
    """What is left of an indicator once its vocabulary keyword and scope words are gone."""
    s = _PAREN_RE.sub("", indicator)
    if region:
        s = s.replace(region, "")
    kw = match_indicator(indicator)[1]
    if kw:
        s = s.casefold().replace(kw, "", 1)
    s = _NOT_HAN_RE.sub("", s)
    s = _SCOPE_RE.sub("", s)
    return _GENERIC_SUFFIX_RE.sub("", s)


def _dedupe(rows: list[_Row], region: str | None = None) -> list[_Row]:
    kept: list[_Row] = []
    for r in rows:
        code = classify_indicator(r.indicator_text)
        dup = False
        for k in kept:
            if (k.q.value, k.q.unit, k.target_year) != (r.q.value, r.q.unit, r.target_year):
                continue
            if k.start == r.start and k.end == r.end:
                continue  # same clause: distinct list elements
            kcode, kkw = match_indicator(k.indicator_text)
            if kcode != code:
                continue
            if code in sector_keyword_codes() and kkw != match_indicator(r.indicator_text)[1]:
                continue  # 淘汰落后水泥产能 and 淘汰落后炼铁产能 of the same size are two targets
            a, b = _residual(k.indicator_text, region), _residual(r.indicator_text, region)
            if code != OTHER:
                # A regional or sectoral prefix ("珠江三角洲地区城市...") makes it another target.
                if a == b or (not a and len(b) <= 2) or (not b and len(a) <= 2):
                    dup = True
            elif a == b or (len(a) >= 4 and len(b) >= 4 and (a.endswith(b) or b.endswith(a))):
                dup = True
            if dup:
                # Keep the fuller statement of the two (the one that names its baseline).
                if k.baseline_year is None and r.baseline_year is not None:
                    kept[kept.index(k)] = r
                break
        if not dup:
            kept.append(r)
    return kept


def _publish(doc: NoticeDocument, r: _Row) -> dict:
    c_start, c_end = doc.text.source_span(r.start, r.end)
    q = r.q
    scope = r.scope
    if scope and scope[0] in "全本我" and doc.region:
        scope = doc.region
    elif scope is None:
        scope = doc.region
    value_base = None if q.factor is None else round(q.value * q.factor, 6)
    return {
        "indicator": classify_indicator(r.indicator_text),
        "indicator_text": r.indicator_text,
        "direction": r.direction,
        "value": q.value,
        "unit": q.unit,
        "qualifier": r.qualifier,
        "is_aspirational": r.aspirational,
        "baseline_year": r.baseline_year,
        "target_year": r.target_year,
        "scope": scope,
        "value_in_base_unit": value_base,
        "base_unit": q.base_unit,
        "evidence": doc.source[c_start:c_end],
        "char_start": c_start,
        "char_end": c_end,
    }
