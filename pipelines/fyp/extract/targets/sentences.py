"""One sentence → its targets: quantities, the verbs that govern them, and what makes a number no target."""

from __future__ import annotations

import re

from fyp.extract._quantities import CLAUSE_SAFE, Quantity, find_quantities
from fyp.extract.indicators import OTHER, classify_indicator
from fyp.extract.targets.directions import ASPIRATIONAL_RE as _ASPIRATIONAL_RE, VERB_RE, VERBS, amount_level, aspirational, direction_of, last_verb, pre_qualifier
from fyp.extract.targets.frames import BASELINE_FIRST_RE, BOOK_RE, QL, QR, YEAR, ahead, DocContext, Paragraph, baseline_for, find_baselines, find_frames, resolve_baseline, PREVIOUS_YEAR
from fyp.extract.targets.lists import LIST_MARK_RE, MEASURE_RE, list_clause
from fyp.extract.targets.rows import Row
from fyp.extract.targets.segmentation import clauses
from fyp.extract.targets.subjects import LEAD_QUALIFIER_RE, PLACE_LIST_RE, places_for, clean_subject, evidence_start, pending_subject, per_product, strip_quotes, tail_end, tail_noun

# An indicator that names a rate or share can carry its number without a verb ("占比65%左右").
_RATE_END_RE = re.compile(r"(?:率|比重|占比|比例|水平|份额)\s*$")
# A clause that sums up what the clause before it names: "共计186台", "合计52处".
_TOTAL_LEAD_RE = re.compile(r"\s*(?:共计|合计|总计)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SAVING_END_RE = re.compile(r"(?:节能|节约能源|节能量)\s*$")

# --- what makes a quantity not a target ----------------------------------------------------
# Each pattern opens with a lookahead for the characters its matches start with (see frames.ahead).
_HISTORICAL_AHEAD = ahead("过以近前已业完实下降提增减达削超取去累共仅同未没截止之%仍尚")
_HISTORICAL_RE = re.compile(
    _HISTORICAL_AHEAD +
    r"(?:过去|以来|近年来|前[一两二三四]年|已经|业已|已(?!建|有|列|批|投|纳|核|按|于|分解|下达|明确)|完成了|实现了|下降了|降低了|提高了|增长了|减少了|"
    r"达到了|削减了|超额完成|取得了|去年|累计完成|共完成|仅为|同期|未完成|未能完成|没有完成|没有实现|未实现|未达到|未能达到|没有达到|"
    # a result measured against the goal ("2018年优良天数为182天,距离目标仍有较大差距")
    r"(?:仍有|尚有|仍存在)(?:较大|一定|很大)?差距|"
    # progress to a date within the year, and counts of those in a class ("完成进度30%以上的有15个地区")
    r"(?:截至|截止)(?:目前|\d{1,2}月|\d{4}年\d{1,2}月)|前三季度|(?:以上|以下|之间|%)的有|完成(?:全年|年度)(?:目标)?任务的)"
)
_CONDITIONAL_AHEAD = ahead("如假倘若按预据")
# ... or an estimate of what will follow ("预计到2020年…占比将超过30%", "据测算,…到2025年每年可减少…"); "预计2013年
# 可削减…" without 将 is how an annual plan states what its projects are to deliver.
# "如2019—2020年经济年均增长8%,能源消费总量将达到…": 如 opening a clause is 如果 when a later clause of the
# sentence says what would follow (将/可); "如期完成", "例如", "如下" are no condition.
_CONDITIONAL_RE = re.compile(_CONDITIONAL_AHEAD + r"(?:如果|假如|倘若|假设|(?<![倘假])若(?![干])|按(?:照)?(?:目前|现有|当前|这样|此)的?(?:发展)?(?:速度|趋势|增速|态势|进度)"
                             r"|(?<![^,:;。!?\n])如(?![期下实何同此今若果])[^,;。]{2,40}?,[^;。]*?(?:将|可)"
                             r"|预计[^,;。]{0,30}?将|据测算|据估算)")
# "截至2018年底,…累计下降14.7%": progress up to a date before the notice's year is a result.
_AS_OF_YEAR_RE = re.compile(r"(?:截至|截止)(?:到)?\s*((?:19|20)\d\d)\s*年")
_THRESHOLD_SUBJECT_RE = re.compile(r"新建|新上|新改扩建|改扩建|扩建|准入")
_DOWN_WORD_END_RE = re.compile(r"(?:下降幅度|降低幅度|下降|降低|降幅|削减|减少)$")
_PLACE_GOAL_END_RE = re.compile(r"(?:均|都|也)?(?:下降幅度|降低幅度|下降|降低|降幅|削减|减少|提高|提升|增长)$")
_SHARE_OF_NEW_RE = re.compile(r"执行率|达标率|比例|占比|比重")
_THRESHOLD_MODAL_RE = re.compile(r"必须|不得|不低于|不小于|应当|应达到|须达到|一律|方可")
_BASELINE_VALUE_BEFORE = re.compile(
    rf"(?:由|从|(?<![占对相])比|较)\s*(?:{YEAR}\s*年\s*|{QL}十[一二三四五]?五{QR}\s*(?:期末|时期末|末)?\s*)?的?\s*$"
)
# After "X以上/以下", a noun other than these makes X a size class ("2万吨以下废纸造纸企业").
_CLASS_OK_AFTER = re.compile(r"^\s*的?\s*[^,。;]{0,3}?(?:能力|目标|任务|规模|水平|要求|速度|增速|幅度)|^[^,。;]{0,6}(?:能力|规模)")
# "120万吨甲醇项目", "10吨/时以下燃煤锅炉": the size of a plant, not an amount to deliver.
_PLANT_AFTER = re.compile(r"^[^,。;:、]{0,10}?(?:项目|装置|生产线|机组|企业|锅炉|窑|炉|矿井|电厂|厂)")
_SHARE_VERB_AFTER_RE = re.compile(r"^\s*(?:以上)?(?:的)?\s*(?:执行|使用|采用|实现|达到|完成|建成|开展|配备|安装|实施|纳入|通过)")
_RATE_AFTER_RE = re.compile(r"^\s*的?\s*(?:速度|增速|幅度|速率)")
_STANDARD_AFTER = re.compile(r"^\s*(?:节能)?标准")
_WORD_START_RE = re.compile(r"[\u4e00-\u9fffA-Za-z(]")
_OBJECT_MARK_END_RE = re.compile(r"(?:对|将|把)\s*$")
_LEAD_NOTE_RE = re.compile(r"\([^()]{0,20}\)\s*")
# "达到设计能力的60%", "控制在全省总量的30%以内": a level stated as a fraction of something.
_CLASS_END_RE = re.compile(r"之间的")
_BASE_FIGURE_RE = re.compile(r"基数|基期值|基准值|现状值")
_STATED_GOAL_RE = re.compile(r"目标(?:任务)?(?:为|是|:)")
_YEAR_IN_BOOK_RE = re.compile(r"((?:19|20)\d\d)\s*年")
_DECLINE_NAMED_RE = re.compile(r"(?:降幅|下降幅度|降低幅度|下降率|降低率|削减率|减排率)(?:目标|指标)?$")
_SHARE_OF_UNITS_RE = re.compile(r"的[^,;。的]{1,12}?(?:建成|达到|实现|完成|开展|执行|通过|创建)")
_LEVEL_OF_RE = re.compile(r"(?:达到|达|控制在|保持在|不低于|不超过|提高到|提升到|降低到|下降到|降至)[^,;。]{1,12}的\s*$")
_MARGIN_OVER_RE = re.compile(r"(?:高出|超出|高于|超过|低于)[^,;。]{0,10}?(?:水平|平均值|均值|限额|标准值?)\s*$")
_PER_PLANT_WINDOW_RE = re.compile(r"(?:建成|投运|投产|运行)(?:后)?\s*(?:\d+|[一二三两])\s*(?:年|个月)(?:内|后|以内)")
# The size every single unit must have ("单台容量", "单机规模须达到"): a class or an entry threshold.
_PER_UNIT_SIZE_RE = re.compile(r"单(?:台|机|套|线|座|条)(?:炉|窑|机组|锅炉|设备)?(?:容量|规模|产能|能力|功率|出力)\s*"
                               r"(?:必须|须|应当|应|要)?\s*(?:在|达到|为|不低于|不小于|不超过|大于|小于)?\s*$")
_LISTED_BY_RE = re.compile(r"确定|安排|包括|列入|涉及")
_PHASE_OUT_BEFORE_RE = re.compile(r"淘汰|关停|关闭|拆除|取缔|压减")
# What a phase-out verb governs in a list of products ("淘汰电石12万吨、焦炭30万吨", "关闭小煤矿23处"):
# backward production capacity, unless the item is equipment or vehicles (锅炉, 黄标车), counted apart.
_PHASE_OUT_VERB_RE = re.compile(r"^(?:淘汰|关停|关闭)$")
_EQUIPMENT_RE = re.compile(r"锅炉|车|船|灯|炉灶|茶浴炉|设备|电机")
_GROUP_NOUN_AFTER_RE = re.compile(r"\s*(?:主要|重点|工业|大气|水|专项|保障|政策)?(?:污染物|指标|行业|领域|方面|类|种|大类|行动|措施|举措|环节|结构)")
_DIGIT_RE = re.compile(r"\d")
_ITEM_JOIN_END_RE = re.compile(r"[和及与、]\s*$")
_SAVE_VERBS = frozenset({"节约", "节省"})
_ATTRIBUTE_RE = re.compile(r"^(?:年均)?(?:增速|增幅|降幅|增长率|增长速度|增量)$")
_NOUN_VERBS = frozenset({"改造", "治理", "整治", "建设", "替代", "改建", "推广", "退出"})
_LEAD_VERB_RE = re.compile(r"^(?:完成|实施|开展|推进|推动|加快|实现)")
_SETTLEMENT_END_RE = re.compile(r"(?:县城|农村|乡镇|城镇|城市|市区|城区|镇|山区)$")
# A sentence opening with last year ("去年,", "上年度全市…"): a report of results.
_PAST_OPEN_RE = re.compile(r"(?:去年|上年度|上一年度?)(?:以来)?(?:全年)?[,,\u4e00-\u9fff]")
_SETTLEMENT_START_RE = re.compile(r"^(?:城市|城镇|市区|城区|县城|农村)")


def read_sentence(text: str, s_start: int, s_end: int, para: Paragraph, ctx: DocContext, rows: list[Row],
                  opened: int | None = None) -> None:
    """``opened``: where the sentence began when a line break the page's wrapping left cut it (else s_start)."""
    if para.until is not None and s_start > para.until:
        para.frame, para.frame_since = para.outer
        para.until = None
    para_frame = para.frame
    sent = text[s_start:s_end]  # a sentence with a WORTH_RE character (see worth_sentences)
    has_digit = _DIGIT_RE.search(sent) is not None
    # Cheap tests first: a baseline names a year (digits) or a plan period (十..五); a frame holds
    # 年 or 十 (see BASELINE_RE, _FRAME_RE).
    # BASELINE_FIRST_RE: what every baseline starts with, a faster scan than the whole pattern's.
    baselines = find_baselines(text, s_start, s_end) if (has_digit or "十" in sent) and BASELINE_FIRST_RE.search(sent) else []
    # "2019年PM2.5浓度在50至60微克/立方米之间的乡镇…": a class of places, its year and bounds no target.
    classes = _class_spans(text, s_start, s_end) if "之间的" in sent else []
    if "年" in sent or "十" in sent:
        book = [(m.start() + s_start, m.end() + s_start) for m in BOOK_RE.finditer(sent)] if "《" in sent else []
        frames = find_frames(text, s_start, s_end, [(b, e) for b, e, _ in baselines] + book + classes, ctx, para_frame)
    else:
        frames = []
    book_year = None
    if not frames and "《" in sent:
        for m in BOOK_RE.finditer(sent):
            years = _YEAR_IN_BOOK_RE.findall(m.group(0))
            if years:
                book_year = (s_start + m.start(), int(years[-1]))
    lead = len(sent) - len(sent.lstrip(" —-·•\u3000"))
    para_past = para.past
    if sent.startswith(("去", "上"), lead) and _PAST_OPEN_RE.match(sent, lead):
        para.past, para.frame = True, None  # "去年,…": what the paragraph goes on to say is last year's record
    if frames:
        if frames[-1].year:
            ctx.last_year = frames[-1].year
        # A frame that opens the sentence frames the rest of the paragraph too.
        if frames[0].pos - s_start - lead <= 12:  # frames are in text order: the first opens it or none does
            para.past = False
            if frames[0].deadline or (ctx.plan_year and frames[0].year > ctx.plan_year):
                # A deadline ("2019年底前淘汰…;…") binds the actions of its sentence up to the full stop;
                # the paragraph's horizon holds again after it. So does a later year in an annual plan
                # ("到2015年,…确保完成“十二五”目标。" in a 2014 plan): the year's own tasks follow.
                if para.until is None:
                    para.outer = (para.frame, para.frame_since)
                para.until = _full_stop(text, s_end)
            else:
                para.until = None
            # A sentence that names two horizons ("2013年底前…,2015年底前…") frames no sentence after it.
            several = any(f.year != frames[0].year for f in frames[1:])
            para.frame = None if several else frames[0].year
            para.frame_since = None if several else frames[0].since
    # "比上年" is relative to its own sentence's year: only a named year carries to the sentences after.
    carried = [b for b in baselines if b[2] != PREVIOUS_YEAR] if baselines else baselines
    # Chinese numerals of more than one digit ("六百台", "百分之二十", "十二万公里") hold 十, 百 or 千.
    quantities_any = has_digit or "百" in sent or "十" in sent or "千" in sent
    if not quantities_any:
        if carried:
            para.baseline = carried[-1][2]
        return
    # Quantities are found once per sentence: no quantity pattern matches "," or ":" (see
    # _quantities.CLAUSE_SAFE), so each lies inside one clause and the clause scans would find the same.
    quantities = find_quantities(text, s_start, s_end)
    if not quantities and CLAUSE_SAFE:
        if carried:  # what the clause loop below leaves when no clause has a quantity
            para.baseline = carried[-1][2]
            para.baseline_target = None
        return
    # "比去年同期下降3%" names a baseline, not a past result. A conditional projection ("如果按现有
    #增速,到2010年能源消费总量将达到...") states no commitment either.
    historical_sentence = (any(not any(b <= s_start + m.start() < e for b, e, _ in baselines) for m in _HISTORICAL_RE.finditer(sent))
                           or _CONDITIONAL_RE.search(text, s_start if opened is None else opened, s_end) is not None)
    if "截" in sent and (as_of := _AS_OF_YEAR_RE.search(sent)) and ctx.present_year and int(as_of.group(1)) < ctx.present_year:
        historical_sentence = True
        if as_of.start() - lead <= 2:
            para.past = True  # the paragraph it opens goes on with the same record
    # "新建...项目...必须达到X以上": an entry threshold governs the quantities after it.
    threshold_from = None
    ts = _THRESHOLD_SUBJECT_RE.search(sent)
    if ts:
        tm = _THRESHOLD_MODAL_RE.search(sent, ts.end())
        # "新建建筑节能标准执行率…不低于98%": the share of all new buildings that comply, a target.
        if tm and not _SHARE_OF_NEW_RE.search(sent, ts.end(), tm.start()):
            threshold_from = s_start + ts.start()

    # A task table's row ("序号\t工作任务\t牵头单位\t配合单位\t完成时限"): the date cell that ends it dates the task.
    row_year = _row_date_year(sent) if "\t" in sent else None

    def year_at(pos: int) -> int | None:
        before = [f for f in frames if f.pos < pos]
        if before:
            return before[-1].year
        if row_year is not None:
            return row_year
        # "新增垃圾处理场106座,...,2010年城市垃圾无害化处理率达到70%": the sentence's own date, unless the
        # paragraph is framed already ("…投运率达到95%以上,现役电厂2008年底前完成改造": 2008 is the later clause's).
        if frames and para_frame is None and not frames[0].deadline:
            return frames[0].year
        if para_frame is not None:
            return para_frame
        if book_year is not None and book_year[0] < pos:
            return book_year[1]  # "《2017~2018年秋冬季…行动方案》要求…下降15%": the plan the figures come from
        return None

    def since_at(pos: int) -> int | None:
        """The baseline a plan-period frame implies ("“十二五”单位GDP能耗下降18%": since 2010)."""
        before = [f for f in frames if f.pos < pos]
        if before:
            return before[-1].since
        if frames and para_frame is None and not frames[0].deadline:
            return frames[0].since
        return para.frame_since if para_frame is not None else None

    def frame_year(pos: int) -> int | None:
        y = year_at(pos)
        return y if y is not None else ctx.default_year

    def is_historical(pos: int) -> bool:
        y = year_at(pos)
        if historical_sentence:
            return True
        # Under "去年,…" or a heading of progress or problems ("一、总体进展", "二、存在问题") what no date of its
        # own frames is the record.
        if (para_past or ctx.section_past) and not any(f.pos < pos for f in frames):
            return True
        if y is None or ctx.cutoff is None or y >= ctx.cutoff:
            return False
        # "2018年大气环境质量改善目标为:…下降10.3%" reported after the year: still the year's target
        return not _STATED_GOAL_RE.search(text, s_start, pos)

    sent_rows: list[Row] = []
    list_ctx: tuple[list[str], int] | None = None
    pending: tuple[int, int] | None = None  # a clause naming an indicator, its number in the next clause
    enum_lead: tuple[re.Match, str] | None = None  # "淘汰落后产能目标任务,具体为:" before a list of items
    strive_from: int | None = None
    qi, nq = 0, len(quantities)
    for c_start, c_end in clauses(text, s_start, s_end):
        qj = qi
        while qj < nq and quantities[qj].start < c_end:
            qj += 1
        clause_qs = quantities[qi:qj] if CLAUSE_SAFE else find_quantities(text, c_start, c_end)
        qs = [q for q in clause_qs if _keep_quantity(text, c_start, q, baselines) and not any(a <= q.start < b for a, b in classes)]
        qi = qj
        if not qs:
            # A clause of no-target numbers ("排放基数为800吨") leaves a subject named before it.
            if not clause_qs or pending is None or pending_subject(text, *pending) is None:
                pending = (c_start, c_end)  # read only if a later clause needs it (pending_subject)
            if strive_from is None and _ASPIRATIONAL_RE.search(text, c_start, c_end) and len(clean_subject(text[c_start:c_end])[0]) <= 2:
                strive_from = c_end  # "力争到2025年,A控制在…,B控制在…": 力争 leads what follows
            if c_end < s_end and text[c_end] == ":":
                enum_lead = _enumeration_lead(text, s_start, c_end)
            continue
        clause_baselines = [b for b in baselines if c_start <= b[0] < c_end]
        if threshold_from is not None:
            qs = [q for q in qs if q.start < threshold_from]
            if not qs:
                continue
        produced_before = len(sent_rows)
        mark = LIST_MARK_RE.search(text, c_start, qs[0].start)
        if mark is None and len(qs) > 1 and qs[0].kind == "count" and "均" in text[qs[0].end:qs[-1].start]:
            # "其余15个县城污水处理率、生活垃圾无害化处理率均达到70%": a count of places in the subject, then the list
            later = LIST_MARK_RE.search(text, qs[0].end, qs[-1].start)
            if later is not None and not any(last_verb(text, c_start, q.start) for q in qs if q.start < later.start()):
                mark, qs = later, [q for q in qs if q.start > later.start()]
        if mark:
            produced, list_ctx = list_clause(text, c_start, c_end, mark, qs, list_ctx, sent_rows, ctx, frame_year, is_historical,
                                              clause_baselines, s_start)
            sent_rows.extend(produced)
        else:
            prev_end = c_start
            for q in qs:
                if is_historical(q.start):
                    prev_end = q.end
                    continue
                row = _single(text, c_start, c_end, prev_end, q, sent_rows, ctx, frame_year, clause_baselines, pending, s_start, enum_lead)
                prev_end = q.end
                if row is not None:
                    sent_rows.append(row)
        if len(sent_rows) > produced_before or pending is None:
            # A clause whose numbers are no targets ("2011年排放基数为523吨") leaves the subject named before it.
            pending = None if len(sent_rows) > produced_before else (c_start, c_end)
    if strive_from is not None:
        for r in sent_rows:
            if r.q.start > strive_from:
                r.aspirational = True
    # A relative change without a baseline of its own takes the nearest one of its sentence
    # ("由8.38吨标准煤下降到6.29吨标准煤,比2005年下降25%"), else its paragraph's.
    for r in sent_rows:
        if r.baseline_year is None and r.inherit_baseline:
            if r.to_level and r.q.kind == "relative":
                continue  # a share or rate to bring to a level ("比重提高到46%") is measured from no year
            near = [b for b in baselines if not _other_horizon(frames, b[0], r.q.start, para_frame)]
            if r.q.kind == "relative" and since_at(r.q.start) is not None and _period_frame_before(frames, r.q.start):
                # "…分别比上年下降1.3%和1.2%,确保完成“十三五”累计下降17%": a change over a plan period named right
                # before it is not measured from last year
                near = [b for b in near if b[2] != PREVIOUS_YEAR]
            before = [b for b in near if b[0] < r.start]
            after = [b for b in near if b[0] >= r.start]
            if before:
                r.baseline_year = resolve_baseline(before[-1][2], r.target_year)
            elif after:
                r.baseline_year = resolve_baseline(after[0][2], r.target_year)
            elif para.baseline is not None and para.baseline_target in (None, r.target_year):
                r.baseline_year = resolve_baseline(para.baseline, r.target_year)  # not for a yearly target under a five-year baseline
            elif r.q.kind == "relative" and not r.to_level:
                r.baseline_year = since_at(r.q.start)  # a change in % over a plan period counts from its start
    if carried:
        para.baseline = carried[-1][2]
        para.baseline_target = sent_rows[-1].target_year if sent_rows else None
    rows.extend(sent_rows)


def _other_horizon(frames, b_pos: int, pos: int, para_frame: int | None) -> bool:
    """A baseline at ``b_pos`` was named under another horizon than the one the quantity at ``pos`` stands
    under: a frame of another year stands between them ("今年…比上年下降3%,确保完成“十三五”…下降16%的目标"),
    the horizon at the baseline being the sentence's frame before it, else the paragraph's."""
    lo, hi = min(b_pos, pos), max(b_pos, pos)
    if not any(lo < f.pos < hi for f in frames):
        return False
    at_b = [f.year for f in frames if f.pos < b_pos] or [para_frame]
    at_q = [f.year for f in frames if f.pos < pos] or [para_frame]
    return None not in (at_b[-1], at_q[-1]) and at_b[-1] != at_q[-1]


_DATE_CELL_RE = re.compile(rf"\s*({YEAR})\s*年(?:\s*\d{{1,2}}\s*月)?(?:\s*\d{{1,2}}\s*日)?\s*(?:年?底|年?末)?\s*(?:以前|之前|前)?\s*$")


def _row_date_year(sent: str) -> int | None:
    """The year of a row's last cell when that cell is a date alone ("2024年12月底前", "2025年"); "持续推进" has none."""
    cell = sent[sent.rfind("\t") + 1:]
    m = _DATE_CELL_RE.match(cell) if len(cell) <= 16 else None
    return int(m.group(1)) if m else None


def _period_frame_before(frames, pos: int) -> bool:
    """The frame nearest before ``pos`` is a plan period ("“十三五”")."""
    before = [f for f in frames if f.pos < pos]
    return bool(before) and before[-1].since is not None


def _shared_noun(previous: str, measure: str) -> str | None:
    """``measure`` (a bare "回收利用率") with the noun the previous indicator gives its own measure, when that
    names a known indicator and the bare measure does not."""
    m = MEASURE_RE.search(previous)
    if m is None or m.start() == 0 or classify_indicator(measure) != OTHER:
        return None
    joined = previous[:m.start()] + measure
    return joined if classify_indicator(joined) != OTHER else None


def _involved_work(text: str, s_start: int, c_start: int) -> tuple[re.Match, str] | None:
    """"完成超低排放改造,涉及产能580万吨": the action of the clause before (its verb, and the work it names)
    whose scale a clause opening with 涉及 states."""
    prev_start = max(s_start, text.rfind(",", s_start, c_start - 1) + 1)
    verb = None
    for m in VERB_RE.finditer(text, prev_start, c_start - 1):
        if m.group(0) not in _NOUN_VERBS and not text.startswith("的", m.end()):
            verb = m
    if verb is None:
        return None
    work = text[verb.end():c_start - 1].strip()
    return (verb, work) if work and not _DIGIT_RE.search(work) else None


def _full_stop(text: str, pos: int) -> int:
    """Where the sentence around ``pos`` ends: its full stop (。!?), else its paragraph's end (";" goes on)."""
    ends = [i for i in (text.find(ch, pos) for ch in "。!?\n") if i >= 0]
    return min(ends) if ends else len(text)


def _class_spans(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """Spans from a clause's start to each "之间的" in it: the words that define a class of places."""
    out = []
    for m in _CLASS_END_RE.finditer(text, s_start, s_end):
        start = max(text.rfind(ch, s_start, m.start()) for ch in ",:") + 1
        out.append((max(start, s_start), m.end()))
    return out


def _commits_to(text: str, c_start: int, pos: int) -> bool:
    """A verb of the clause governs the number ("完成节能改造项目120个"), and it does not just say
    what a plan lists ("确定实施减排项目118个")."""
    verb = last_verb(text, c_start, pos)
    return verb is not None and not _LISTED_BY_RE.search(text, c_start, verb.start())


def _keep_quantity(text: str, c_start: int, q: Quantity, baselines) -> bool:
    before = text[max(c_start, q.start - 14):q.start]
    # r"X\s*$" is "ends with X once whitespace is stripped" (re's \s and str.rstrip() agree).
    tail = before.rstrip()
    if tail.endswith(("第", "小于", "大于", "不足")):
        return False  # "第3", "小于10万吨": an ordinal, a strict comparison (a class, not a target)
    if tail.endswith("等"):
        return False  # "...等11项": the size of a list just given
    if q.kind == "count" and _GROUP_NOUN_AFTER_RE.match(text, q.end):
        return False  # "4项污染物", "19个工业行业": how many the list names, not a target
    if ("基" in before or "现状值" in before) and _BASE_FIGURE_RE.search(before):
        return False  # "排放基数为523吨", "现状值": the figure a target is measured from
    if q.kind == "count" and tail.endswith("项目") and not _commits_to(text, c_start, q.start):
        return False  # "减排项目118个", "确定实施减排项目118个": the size of a project list, not a commitment
    if "单" in before and _PER_UNIT_SIZE_RE.search(before):
        return False  # "单台容量6300千伏安以下", "单台炉容量须在25000千伏安以上": the size of each unit, a class or a threshold
    if _PER_PLANT_WINDOW_RE.search(text, c_start, q.start):
        return False  # "建成1年内负荷达到60%": a rule each plant must meet, not a dated target
    if q.kind == "relative" and text.startswith("的", q.end) and _MARGIN_OVER_RE.search(before):
        return False  # "单位产品能耗高出全国平均水平30%以上的企业": a margin over a reference that defines a class
    if q.kind == "relative" and tail.endswith("的") and not _LEVEL_OF_RE.search(text, c_start, q.start):
        return False  # "计划的10%", "全省的30%": a fraction of something else (but "达到设计能力的60%")
    after_all = text[q.end:q.end + 14].lstrip(" )）")
    if q.kind == "relative" and _STANDARD_AFTER.match(after_all):
        return False  # "节能率达到50%标准": names a standard
    if (q.kind not in ("relative", "count") and _PLANT_AFTER.match(after_all) and not _CLASS_OK_AFTER.match(after_all)
            and not _PHASE_OUT_BEFORE_RE.search(text, c_start, q.start)):
        return False  # "120万吨甲醇项目" is a plant's size; "关停1.8万千瓦小火电机组" the amount closed
    if q.kind != "relative" and after_all.startswith("的") and not _CLASS_OK_AFTER.match(after_all):
        return False
    if BASELINE_FIRST_RE.search(before) and _BASELINE_VALUE_BEFORE.search(before):  # it opens with 由/从/比/较
        return False
    if baselines and any(s <= q.start < e for s, e, _ in baselines):
        return False
    if q.qualifier in ("at_least", "at_most") and q.end > q.num_end:
        after = text[q.end:q.end + 40].lstrip(" )）")
        if after.startswith("("):  # "5000千伏安以下(1万吨/年以下)电石炉": the class names its noun after a note
            note = _LEAD_NOTE_RE.match(after)
            if note:
                after = after[note.end():]
        after = after[:12]
        if after and _WORD_START_RE.match(after[0]) and not after.startswith(("的", "(")):
            # "2万吨以下废纸造纸企业": a size class, not a commitment — unless a share of units
            # ("85%以上的县") or a capacity/target noun follows.
            if q.kind != "relative" and not _CLASS_OK_AFTER.match(after):
                return False
        if after.startswith("的") and q.kind != "relative" and not _CLASS_OK_AFTER.match(after):
            return False
    elif (q.kind == "relative" and text.startswith("的", q.end) and not _CLASS_OK_AFTER.match(text[q.end:q.end + 14])
          and not _SHARE_OF_UNITS_RE.match(text, q.end)):
        return False  # "每年20%的累计进度": a modifier (but "100%的县级以上城市建成示范区": a share of units)
    return True



# The object of a lead verb, up to the end of its clause: "淘汰落后产能目标任务" → "落后产能".
_LEAD_OBJECT_RE = re.compile(r"[^,:;。]{1,16}")
_COPULAS = frozenset({"为", "达", "实现", "完成"})
_LEAD_OBJECT_TAIL_RE = re.compile(r"(?:的)?(?:工作)?(?:目标任务|目标|任务|指标|计划)(?:为|是|如下)?$")


def _enumeration_lead(text: str, s_start: int, colon: int) -> tuple[re.Match, str] | None:
    """The verb (and its object) that governs the items listed after a colon, when the sentence
    names it before the colon and no number stands between them."""
    verb = None
    for m in VERB_RE.finditer(text, s_start, colon):
        if m.group(0) not in _COPULAS and not text.startswith("的", m.end()):
            verb = m  # "具体为:" introduces the list; the verb that governs it comes before
    if verb is None or _DIGIT_RE.search(text, verb.end(), colon):
        return None
    m = _LEAD_OBJECT_RE.match(text, verb.end(), colon)
    obj = _LEAD_OBJECT_TAIL_RE.sub("", m.group(0)).strip() if m else ""
    return verb, verb.group(0) + obj


def _single(text, c_start, c_end, prev_end, q: Quantity, sent_rows, ctx, frame_year, clause_baselines, pending, s_start,
            enum_lead=None) -> Row | None:
    if q.unit is None:
        return None
    verb = last_verb(text, prev_end, q.start)
    inherited_verb = False
    lead_text = None
    if verb is None:
        verb = last_verb(text, c_start, prev_end) if prev_end > c_start else None
        inherited_verb = verb is not None
    if verb is None and enum_lead is not None:
        (verb, lead_text), inherited_verb = enum_lead, True  # "具体为:炼铁263万吨": an item of the lead's list
    if verb is None and enum_lead is None and text[c_start:q.start].lstrip().startswith("涉及"):
        involved = _involved_work(text, s_start, c_start)
        if involved is not None:
            (verb, lead_text), inherited_verb = involved, True
    total_of = None
    if verb is None and _TOTAL_LEAD_RE.match(text, c_start):
        # "淘汰10蒸吨及以下燃煤锅炉,共计186台": the total of what the clause before did, its object the indicator
        before = last_verb(text, s_start, c_start)
        if before is not None and text.rfind(",", before.end(), c_start - 1) < 0:
            verb, inherited_verb = before, True
            total_of = (text[before.end():c_start].strip(" ,"), max(s_start, text.rfind(",", s_start, before.start()) + 1))
    seg_start = prev_end
    if verb is not None and not inherited_verb:
        pre_raw = text[seg_start:verb.start()]
        post_raw = text[verb.end():q.start]
    else:
        pre_raw = text[seg_start:q.start]
        post_raw = ""
    pre, scope = clean_subject(pre_raw)
    if lead_text and pre.startswith("涉及"):
        pre = pre[2:]
    post, scope2 = clean_subject(post_raw)
    scope = scope or scope2
    pre = _LEAD_VERB_RE.sub("", pre)
    if prev_end > c_start and _ITEM_JOIN_END_RE.search(pre_raw):
        pre = ""  # "95万平方米沉陷区改造工程和418万平方米…": the words before belong to the item before
    if verb is not None and not inherited_verb and not post and pre and verb.group(0) in _NOUN_VERBS:
        pre = pre + verb.group(0)  # "完成燃煤机组超低排放改造1200万千瓦": the verb names the work
    elif verb is not None and not inherited_verb and post and len(post) <= 2 and (pre or verb.group(0) in _SAVE_VERBS):
        post = pre + verb.group(0) + post  # "既有建筑节能改造面积800万平方米", "节约能源600万吨标准煤"
        pre = ""
    direction = None
    verb_qual = None
    if verb is not None:
        direction, verb_qual = direction_of(verb.group(0), q)
        if enum_lead is not None and verb is enum_lead[0] and text.startswith("量", verb.end()):
            direction = "reach"  # "重点工程减排量:化学需氧量4.6万吨、…": the amounts the lead's noun names, to attain
    elif _RATE_END_RE.search(text, seg_start, q.start) or (q.kind == "relative" and text.startswith("以上的", q.num_end)):
        direction = "reach"
    elif _RATE_END_RE.search(pre or "") and q.kind == "relative":
        direction = "reach"
    elif q.kind == "energy" and _SAVING_END_RE.search(text, seg_start, q.start):
        direction = "reach"  # "企业全年节能2.4万吨标准煤": 节能 before an amount of energy is the amount saved
    elif sent_rows and sent_rows[-1].end >= c_start - 1 - 40 and pre:
        direction = sent_rows[-1].direction
        if q.qualifier == "at_least" and direction == "cap":
            direction = "reach"  # "PM10浓度低于58,优良天数292天以上": its own bound says which way
        elif q.qualifier == "at_most" and direction == "reach":
            direction = "cap"
    else:
        # The verb comes after the number: "对56家企业实施停产治理", "以每年20%的速度增长".
        after = text[q.end:c_end]
        if q.kind == "relative" and (_SHARE_VERB_AFTER_RE.match(after) or _SHARE_OF_UNITS_RE.match(text, q.end, c_end)):
            direction = "reach"  # "城镇新建建筑100%执行绿色建筑标准", "100%的县城建成…": a share of units doing something
        elif _OBJECT_MARK_END_RE.search(text[max(c_start, q.start - 3):q.start]) or _RATE_AFTER_RE.match(after):
            v_after = last_verb(text, q.end, c_end) if not _RATE_AFTER_RE.match(after) else VERB_RE.search(text, q.end, c_end)
            if v_after is not None:
                direction, verb_qual = direction_of(v_after.group(0), q)
                if q.kind == "relative" and not _RATE_AFTER_RE.match(after):
                    direction = "reach"  # "100%执行绿色建筑标准": a share of units doing something
                if not _RATE_AFTER_RE.match(after):
                    post = text[q.end:v_after.start()].strip(" 的")
                    post = LEAD_QUALIFIER_RE.sub("", post)
    if direction is None:
        return None
    # The indicator: the object after a verb ("淘汰落后水泥产能1300万吨"), else the subject before it,
    # else the noun after the number ("建设95万平方米沉陷区二期工程"), else the previous target's.
    ev_start = None
    if post and (VERBS.get(verb.group(0)) in ("complete", "decrease", "increase", "reach", "at_least") if verb else False) and len(post) > 1:
        indicator = post
        ev_start = verb.start() if not pre else seg_start + (len(pre_raw) - len(pre_raw.lstrip(" ,、")))
    elif pre:
        indicator = pre + (post if post else "")
    elif post:
        indicator = post
    else:
        indicator = ""
    if lead_text and indicator:
        indicator = f"{lead_text}({indicator})"
    named_after = False
    if not indicator:
        tail = tail_noun(text, q.end, c_end)
        if tail:
            indicator, named_after = tail, True
    if total_of is not None and not _HAN_RE.search(_TOTAL_LEAD_RE.sub("", text[seg_start:q.start])):
        indicator, ev_start = total_of
        ev_start = evidence_start(text, ev_start, q.start)
    if not indicator and pending is not None:
        named = pending_subject(text, *pending)
        if named is not None:
            indicator, ev_start = named  # "1.单位生产总值能耗:比2010年下降17%"
    if not indicator and sent_rows:
        prev = sent_rows[-1]
        indicator = prev.indicator_text
        scope = scope or prev.scope
        ev_start = prev.start
    if not indicator:
        return None
    if (verb is not None and _PHASE_OUT_VERB_RE.match(verb.group(0)) and q.kind != "relative" and not _EQUIPMENT_RE.search(indicator)
            and classify_indicator(indicator) == OTHER and classify_indicator(f"淘汰({indicator})") != OTHER):
        indicator = f"{verb.group(0)}({indicator})" if verb.group(0) == "淘汰" else f"{verb.group(0)}淘汰({indicator})"
    goes_down = False
    if sent_rows and _ATTRIBUTE_RE.match(indicator) and classify_indicator(sent_rows[-1].indicator_text) != OTHER:
        indicator = sent_rows[-1].indicator_text + indicator  # "能源消费总量控制在X以内,增速不超过Y"
    elif (sent_rows and pre and classify_indicator(indicator) == OTHER
          and PLACE_LIST_RE.match(place := _PLACE_GOAL_END_RE.sub("", indicator)) and place != indicator):
        # "…下降15%以上,其他省辖市下降不低于8%": a place and the way it goes, standing for the indicator before.
        prev = sent_rows[-1]
        if classify_indicator(prev.indicator_text) != OTHER and prev.q.kind == q.kind:
            goes_down = _DOWN_WORD_END_RE.search(indicator) is not None  # "下降不低于8%": a decline of at least 8%
            indicator = places_for(place, prev.indicator_text)
    elif (sent_rows and pre and sent_rows[-1].end >= c_start and MEASURE_RE.match(indicator)
          and (shared := _shared_noun(sent_rows[-1].indicator_text, indicator)) is not None):
        indicator = shared  # "城市生活垃圾无害化处理率达到100%、回收利用率达到35%": the noun before is the measure's too
    elif sent_rows and pre and (len(indicator) <= 4 or PLACE_LIST_RE.match(indicator)) and classify_indicator(indicator) == OTHER:
        # "城市污水处理率达到95%,县城达到85%": a place or group standing for the same indicator.
        prev_ind = sent_rows[-1].indicator_text
        if classify_indicator(prev_ind) != OTHER and sent_rows[-1].q.kind == q.kind:
            if _SETTLEMENT_END_RE.search(indicator):
                prev_ind = _SETTLEMENT_START_RE.sub("", prev_ind)
            if PLACE_LIST_RE.match(indicator):
                indicator = places_for(indicator, prev_ind)
            else:
                indicator = indicator + prev_ind
    if ev_start is None:
        ev_start = evidence_start(text, seg_start, q.start)
    ev_end = q.end
    if ev_end < c_end and text.startswith("的", ev_end) is False and indicator and not pre and not post:
        # The indicator came after the number; extend the evidence over it.
        ev_end = tail_end(text, q.end, c_end)
    if goes_down and direction == "reach":
        direction = "decrease"
    qualifier = q.qualifier or pre_qualifier(text, c_start, q.start) or verb_qual or "exact"
    baseline, inherit = baseline_for(clause_baselines, q.start, direction, text, c_start, frame_year)
    if direction in ("reach", "complete") and named_after and classify_indicator(indicator) == "energy_saving_amount":
        # "实现3000万吨标准煤节能量": the energy saved, stated as what is cut; "实现节能量X", "节能量不低于X"
        # state a level the saving indicator is to reach.
        direction = "decrease"
    direction = amount_level(direction, verb, indicator)
    if direction == "complete" and q.kind != "relative" and not named_after:
        direction = amount_level(direction, verb, tail_noun(text, q.end, c_end))  # "建筑节能形成1.2亿吨标准煤节能能力": the amount's own noun
    if direction == "reach" and _DECLINE_NAMED_RE.search(indicator):
        direction = "decrease"  # "单位GDP能耗降幅目标为3.4%": the indicator names a decline
    return Row(
        start=ev_start,
        end=ev_end,
        order=ctx.next_order(),
        indicator_text=strip_quotes(indicator),
        direction=direction,
        q=per_product(q, indicator),
        qualifier=qualifier,
        aspirational=aspirational(text, s_start, c_start, q.start, bool(pre)),
        baseline_year=baseline,
        inherit_baseline=inherit,
        target_year=frame_year(q.start),
        scope=scope,
        to_level=verb is not None and VERBS.get(verb.group(0)) in ("down_to", "up_to"),
    )
