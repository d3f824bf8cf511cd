"""Headline targets: which target of a notice a reader would quote as "the region's COD target".

A target is the headline of its (indicator, % or amount) when it is the notice's own region-wide goal
for the notice's horizon, and the first such statement of it:

- the horizon is the plan period's last year, or the year of an annual plan (``plan_year``; when the
  metadata does not say, a notice none of whose goals reaches the plan's end, or most of whose goals
  (more than twice those for the end) are for one earlier year, is read as a plan for that year);
- not region-wide: a target naming another place (a city of the province, "11个市", "珠江三角洲地区"),
  a sub-area (山区, 主城区, 功能区), a sector or facility (电力行业, 公交领域, 重点企业, 污水处理厂, 吨钢 …),
  or a variant the vocabulary marks (农村生活污水处理率, 落后水泥产能; 行业单位增加值能耗 always); a seat of
  government (盟所在地), the rest of a list of places (其他设区市), a class of city (特大城市); the later items of a
  list share what its first item names before its indicator ("船舶硫氧化物、氮氧化物…"); a count of the
  enterprises closed (家) is the region's whatever trades it names, and retrofits counted by plant (超低排放改造
  N台) are the region's whatever plant or industry section they name; the bodies of one level of
  government (中央国家机关, 省直机关, 市本级), a class of plants a clause names before the target's
  ("…以上的现役燃煤机组,脱硫设施投运率…"), and what a sentence sets for the place its first target names
  before it turns to the rest (其余15个县城, 其他设区市) are parts too;
- binding before aspirational (力争), then the first in the text; for the period's last year the period's
  cumulative goal (比2005年, "“十一五”…下降20.5%") comes before the year's own change (比上年);
- ``other`` is never a headline, nor is a restatement (a row with ``restatement_of``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from fyp.document import NoticeDocument
from fyp.extract.indicators import OTHER, _fold, plant_codes, read_indicator, sector_codes, sector_keyword_codes
from fyp.plan_periods import PLAN_NAMES
from fyp.text.normalize import to_simplified

# Sub-areas and groups of places: the target is not the whole region's.
_SUB_AREA_RE = re.compile(
    r"(?<!未达标)(?:地区|区域|片区|流域)|山区|镇区|区块|集中区|集聚区|主城区|功能区|核心区|拓展区|涵养区|新区|开发区|"
    r"[东南西北]部|沿(?:江|海|河|湖)|\d+个[\u4e00-\u9fff]{0,3}?(?:省|市|县|区|州)|\d+(?:省|市|县|区|州|地市|城市)|各(?:省|市|县|区)|等(?:省|市|县|区)|"
    # the seat of a government (盟所在地, 旗县所在地, 省会), the rest of a list of places (其他设区市), a class of city by size
    r"所在地|省会|首府|其[他它](?:设区|省辖|地级)?(?:市|县|区|州|盟|旗|城市)|(?:特大|超大|大中|中小)城市"
)
# Sectors and facilities.
_SECTOR_RE = re.compile(r"行业|领域|重点(?:用能|耗能|排污|排放|工业)?(?:企业|单位)|机组|公交|出租车|[工农]业源|生活源|移动源")
# A named plant ("毕节市污水处理厂", "燃煤电厂"), wherever the phrase names it.
_FACILITY_RE = re.compile(r"厂")
# One industry named as the subject of a section ("——火电行业", "(三)钢铁行业") or at the start of the
# sentence ("钢铁行业全面实施烧结机烟气脱硫,脱硫效率达到80%"); not 重点行业, 各行业, 高耗能行业.
_INDUSTRY = r"(?<![重点各等类相关其他耗污染能高])[\u4e00-\u9fff]{1,6}(?<![重点各等类相关其他耗污染能高])行业"
_INDUSTRY_HEADING_RE = re.compile(rf"^\s*(?:\S{{0,4}}[、.)]\s*)?{_INDUSTRY}[。.:;]?\s*$")
_INDUSTRY_SUBJECT_RE = re.compile(rf"^[\s\d.、()（）一二三四五六七八九十]*{_INDUSTRY}")
_SENTENCE_END_RE = re.compile(r"[。;；!?！？\n]")
# A phrase about all of industry (工业固体废物, 规模以上工业…), after the region's own scope word.
_ALL_INDUSTRY_RE = re.compile(r"(?:全[省市县区州盟旗])?(?:大宗|一般|规模以上|规上)?工业")
# A sector written right before a pollutant or energy measure ("工业二氧化硫排放量", "电力二氧化硫").
_SECTOR_BEFORE_RE = re.compile(r"(?:工业|农业|生活|交通|交通运输|机动车|电力|非电|火电|钢铁|建筑|养殖场|养殖小区|养殖业)$")
# The county seat(s): in a city's or a county's notice a part of the region (a province's 县城 rate is
# the rate of all its county towns, read as its own).
_COUNTY_TOWN_RE = re.compile(r"县城")
# The central urban area: a part of the region, except for ambient air, which a city measures at the
# monitoring stations of its urban area ("中心城区空气质量优良天数比率" is the city's air target).
_CENTRAL_AREA_RE = re.compile(r"中心城区|中心市区")
_AMBIENT_AIR_CODES = frozenset({"pm25_concentration", "air_quality_good_days"})
# A phase-out goal is the region's when it names no product or trade: 淘汰落后产能(企业), 落后企业退出;
# 炼钢, 水泥, 造纸企业, 石灰窑 name one.
_GENERIC_PHASE_OUT_RE = re.compile(r"淘汰|关停|关闭|退出|整合|压减|化解|取缔|落后|过剩|产能|企业|全部|的")
_AGGREGATE_PHASE_OUT_RE = re.compile(r"落后|过剩|企业")
# What the clause says before the indicator phrase: "15家重点用能企业今年实现节能量…", "湖口电厂2号机组综合脱硫效率…".
_CLAUSE_START_RE = re.compile(r"[,;:，；：。\n]")
# (Not 行业 nor 重点领域 there: "重点领域和行业节能降碳改造形成节能量" is every key sector's, the whole's.)
_PLANTS_RE = re.compile(r"重点(?:用能|耗能|排污|排放|工业)?(?:企业|单位)|机组|厂")
_COUNTED_PLANTS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*家")
# Fleets and named fields ("城市公交、出租、环卫等公共服务领域累计推广新能源汽车…"), not the key fields at large.
_CLAUSE_SECTOR_RE = re.compile(r"公交|出租|环卫|(?<![重点各等类相关其他全])领域")
# Public institutions are a sector, except in the per-person and per-floor-area rates made for them.
_PUBLIC_RE = re.compile(r"公共机构")
# The bodies of one level of government (中央国家机关, 省直机关, 市级机关) or its own part (市本级): a part of
# the region's public institutions, not all of them.
_ONE_LEVEL_BODIES_RE = re.compile(r"中央国家机关|中直机关|(?:省|市|县|区)(?:直|级)机关|本级")
_OWN_LEVEL_WORDS = {"全国": ("national",), "全省": ("province",), "全自治区": ("province",), "全市": ("province", "city", "county")}


def _is_relative(unit: str | None) -> bool:
    """% and 个百分点 (a change of a share) are one kind; amounts the other."""
    from fyp.extract._quantities import unit_table

    u = (unit or "").strip()
    known = unit_table().get(u)
    return u in ("%", "‰", "个百分点", "百分点") or (known is not None and known.kind == "relative")


def horizon_year(doc: NoticeDocument, rows: list[dict]) -> int | None:
    """The year the notice's own goals are for: ``plan_year``, the plan's last year, or (a notice
    none of whose coded goals reaches the plan's end) the year most of its goals are set for."""
    if doc.plan_year:
        return doc.plan_year
    end = doc.plan_end_year
    years = [r.get("target_year") for r in rows if r.get("indicator", OTHER) != OTHER]
    counted = Counter(y for y in years if y is not None)
    if end is not None and (not years or any(y is None or y == end for y in years)):
        # Most goals for one earlier year of the period (more than twice those for its end): that year's
        # plan, which also restates the period's goals ("二〇〇九年度…目标任务" with the 十一五 goal); fewer
        # are a plan's intermediate goals ("其中2022年…").
        start = doc.plan_start_year
        year, n = max(counted.items(), key=lambda kv: (kv[1], kv[0]), default=(None, 0))
        at_end = sum(1 for y in years if y is None or y == end)
        if year is not None and start is not None and start <= year < end and n > 2 * at_end:
            return year
        return end
    if not counted:
        return end
    # The commonest year; on a tie the later one (a plan's end rather than an intermediate year).
    return max(counted, key=lambda y: (counted[y], y))


def _names_other_place(text: str, doc: NoticeDocument) -> bool:
    from fyp.metadata.gazetteer import find_places

    region = doc.region
    found = [p for _, p in find_places(text, aliases=True)]
    if not found:
        return False
    if region is None:
        return len(found) >= 2
    return any(p.name != region for p in found)


def is_region_wide(doc: NoticeDocument, row: dict) -> bool:
    """Whether ``row`` is a goal for the notice's whole region (not a place, area, sector or facility in it)."""
    text = row.get("indicator_text") or ""
    reading = read_indicator(text, row.get("unit"))
    if reading.variant or reading.code in sector_codes() or reading.per == "output":
        return False
    folded = _fold(text)
    kw = reading.keyword
    at = folded.find(kw) if kw else -1
    before, rest = (folded[:at], folded[:at] + " " + folded[at + len(kw):]) if at >= 0 else (folded, folded)
    plants = reading.code in plant_codes()  # the plants named are what is counted
    if reading.measure and _SECTOR_BEFORE_RE.search(before):
        return False
    if _SUB_AREA_RE.search(rest) or (not plants and (_SECTOR_RE.search(rest) or _FACILITY_RE.search(folded))):
        return False
    if _PUBLIC_RE.search(rest) and reading.per not in ("capita", "floor_area"):
        return False
    if _ONE_LEVEL_BODIES_RE.search(folded):
        return False
    if _COUNTY_TOWN_RE.search(folded) and doc.level in ("city", "county"):
        return False
    if _CENTRAL_AREA_RE.search(folded) and reading.code not in _AMBIENT_AIR_CODES:
        return False
    if reading.code in sector_keyword_codes() and not _names_no_product(folded) and not _counts_enterprises(folded, row.get("unit")):
        return False
    if not plants and (_clause_names_a_part(row, text) or _continues_a_clause_on_plants(doc, row) or _after_a_topic_of_plants(doc, row)):
        return False
    for word, levels in _OWN_LEVEL_WORDS.items():
        if word in rest and doc.level and doc.level not in levels:
            return False
    scope = row.get("scope")
    if scope in _OWN_LEVEL_WORDS and doc.level and doc.level not in _OWN_LEVEL_WORDS[scope]:
        return False  # a city notice quoting "全省" targets: the province's
    if scope and scope != doc.region and _names_other_place(_fold(scope), doc):
        return False
    return not _names_other_place(rest, doc)


# "关闭小造纸企业3家", "关停化工、印染企业12家": a count of the enterprises closed is the region's count,
# whatever trades it names (their capacity in 万吨 stays one product's); enterprises merged or restructured
# (整合, 兼并, 重组) are a trade's restructuring, not closures.
_ENTERPRISES_END_RE = re.compile(r"企业\)?$")
_RESTRUCTURED_RE = re.compile(r"整合|兼并|重组")


def _counts_enterprises(folded: str, unit: str | None) -> bool:
    return ((unit or "").strip() == "家" and _ENTERPRISES_END_RE.search(folded) is not None
            and not _RESTRUCTURED_RE.search(folded))


def _names_no_product(folded: str) -> bool:
    """Whether a phase-out phrase is the aggregate (落后产能, 落后企业) rather than one product's or trade's."""
    bare = re.sub(r"[^\u4e00-\u9fff]", "", folded)
    bare = bare[bare.rfind("等") + 1:]  # "化工、印染、电镀等落后企业": the trades are examples of the whole
    return bool(_AGGREGATE_PHASE_OUT_RE.search(bare)) and not _GENERIC_PHASE_OUT_RE.sub("", bare)


def _clause_names_a_part(row: dict, text: str) -> bool:
    """Whether the clause of the evidence, before the indicator phrase, makes the target a sector's or a
    set of plants' ("全县15家重点用能企业今年实现节能量1.2万吨标准煤")."""
    evidence, text = _fold(row.get("evidence") or ""), _fold(text)
    at = evidence.find(text) if text else -1
    if at <= 0:
        return False
    before = evidence[:at]
    ends = list(_CLAUSE_START_RE.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    # A count of plants other than the target's own number ("按期完成1200家企业退出" counts what is to be done).
    counted = any(float(m.group(1)) != row.get("value") for m in _COUNTED_PLANTS_RE.finditer(clause))
    return bool(_PLANTS_RE.search(clause) or counted or _CLAUSE_SECTOR_RE.search(clause) or _ONE_LEVEL_BODIES_RE.search(clause))


# A clause that goes on from the one before without a subject of its own ("…1000家企业开展节能降碳行动,
# 实现节能量600万吨标准煤"): what it achieves is what the subject before achieves.
_CONTINUING_RE = re.compile(r"(?:实现|形成|完成)")
_PLANTS_COUNTED_RE = re.compile(r"\d+\s*家[^,;。，；]{0,8}?(?:企业|单位)|重点(?:用能|耗能|排污|排放|工业)?(?:企业|单位)")


def _continues_a_clause_on_plants(doc: NoticeDocument, row: dict) -> bool:
    """Whether the target's clause has no subject and continues a clause of the same sentence whose subject
    is a set of plants (a programme of 100家企业, 重点用能单位): then the target is theirs."""
    at = row.get("char_start")
    if not isinstance(at, int) or not _CONTINUING_RE.match(_fold(row.get("evidence") or "")):
        return False
    window = to_simplified(doc.source[max(0, at - 200):at])
    ends = list(_SENTENCE_END_RE.finditer(window))
    sentence = window[ends[-1].end():] if ends else window
    # (Not a plant built: "建成污水处理厂3座,实现…" does not make the rate the plants'.)
    return _PLANTS_COUNTED_RE.search(sentence) is not None


# A clause that only names a class of plants ("单机容量30万千瓦及以上的现役燃煤机组,", "年耗能万吨标准煤以上的
# 企业,"): the topic of the clause after it, not an action on them ("关闭污染企业,", "有步骤的关、停一批…企业,").
_TOPIC_END_RE = re.compile(r"的[\u4e00-\u9fff]{0,8}(?:机组|企业|厂|(?:用能|耗能|排污|排放)单位)$")
_TOPIC_VERB_RE = re.compile(r"淘汰|关闭|关停|取缔|推进|加快|实施|开展|完成|建成|推广|加强|整治|改造")
_TOPIC_CLAUSE_CHARS = "，,；;。：:!?！？\n"


def _after_a_topic_of_plants(doc: NoticeDocument, row: dict) -> bool:
    """Whether the target's clause follows, after a comma, a clause that only names a class of plants."""
    at = row.get("char_start")
    if not isinstance(at, int):
        return False
    source = doc.source
    i = min(at, len(source))
    while i > 0 and source[i - 1] in " \t":
        i -= 1
    if i == 0 or source[i - 1] not in "，,":
        return False
    window = source[max(0, i - 61):i - 1]
    clause = to_simplified(window[max(window.rfind(c) for c in _TOPIC_CLAUSE_CHARS) + 1:]).strip()
    return _TOPIC_END_RE.search(clause) is not None and _TOPIC_VERB_RE.search(clause) is None


def industry_sections(provisions) -> list[tuple[int, int]]:
    """Source spans of the provisions whose heading names one industry ("——钢铁行业", "(三)石化行业挥发性有机物治理")
    or a set of plants ("(一)抓好重点耗能企业节能"): what is set under it is theirs, not the region's."""
    out = []
    for p in provisions:
        if not p.get("depth") or not p.get("heading"):
            continue
        if _is_industry_heading(p["heading"]):
            out.append((p["char_start"], p["char_end"]))
    return out


@lru_cache(maxsize=8192)
def _is_industry_heading(heading: str) -> bool:
    """Whether a provision heading (as written) names one industry or a set of plants. Cached: headings
    ("一、总体要求", "(二)主要任务") repeat across notices, and simplifying each costs more than the test."""
    heading = to_simplified(heading)  # "（二）鋼鐵行業節能減排" too
    return bool(("行业" in heading and (_INDUSTRY_HEADING_RE.match(heading) or _INDUSTRY_SUBJECT_RE.match(heading))) or _PLANTS_RE.search(heading))


def in_industry_context(doc: NoticeDocument, row: dict, sections: list[tuple[int, int]] = ()) -> bool:
    """Whether the target stands in one of ``sections`` (see industry_sections) or in a sentence that
    starts with one industry as its subject."""
    at = row.get("char_start")
    if not isinstance(at, int):
        return False
    if _ALL_INDUSTRY_RE.match(_fold(row.get("indicator_text") or "")):
        return False  # "大宗工业固体废物综合利用率" under "钢铁焦化行业治理": all of industry, not the section's trade
    if any(start <= at < end for start, end in sections):
        return True
    source = doc.source
    window = source[max(0, at - 200):at]
    if "行业" not in window and "行業" not in window:
        return False
    ends = list(_SENTENCE_END_RE.finditer(window))
    sentence = window[ends[-1].end():] if ends else window
    return bool(_INDUSTRY_SUBJECT_RE.match(to_simplified(sentence)))


def mark_headlines(doc: NoticeDocument, rows: list[dict], provisions: list[dict] = ()) -> list[dict]:
    """Set ``is_headline`` on every target row of ``doc`` (rows as extract_targets publishes them;
    ``provisions`` of the notice, for the sections its targets stand in)."""
    # A restatement is never the headline, nor does it count towards the notice's horizon: the
    # flags are those the notice's statements of record get on their own.
    primary = [row for row in rows if row.get("restatement_of") is None]
    horizon = horizon_year(doc, primary)
    sections = industry_sections(provisions)
    start, end = doc.plan_start_year, doc.plan_end_year
    cumulative_base = start - 1 if start is not None else None
    # An annual plan that also restates the plan period's goal: the period's goal is the headline.
    plan_years = {horizon} | ({end} if horizon is not None and end is not None and end > horizon else set())
    spans = Counter(_span_key(r) for r in rows)
    shared = _shared_prefixes(primary)
    before_the_rest = _before_the_rest(doc, primary)
    groups: dict[tuple[str, bool], list[dict]] = {}
    for row in rows:
        row["is_headline"] = False
    for row in primary:
        code = row.get("indicator") or OTHER
        if code == OTHER:
            continue
        if spans[_span_key(row)] > 1:
            continue  # "“百家”“千家”“万家”企业分别实现节能…": one value per group named, none the whole's
        if not is_region_wide(doc, row) or (code not in plant_codes() and in_industry_context(doc, row, sections)):
            continue
        prefix = shared.get(id(row))
        if prefix and not is_region_wide(doc, dict(row, indicator_text=prefix + (row.get("indicator_text") or ""))):
            continue  # "船舶硫氧化物、氮氧化物排放量分别下降…": the ships' NOx too
        if id(row) in before_the_rest:
            continue
        groups.setdefault((code, _is_relative(row.get("unit"))), []).append(row)
    # An annual plan for the period's last year states the period's cumulative goal and the year's own.
    last_year_plan = doc.plan_year is not None and doc.plan_year == end
    period_name = _PERIOD_NAMES.get(doc.plan_period)
    for group in groups.values():
        candidates = _for_the_horizon(group, plan_years, horizon)
        if not candidates:
            continue
        # The period's goal (比2005年, "“十一五”…下降20.5%") before the year's own change (比上年) for the same
        # year: in an annual plan for the period's last year, or wherever both are stated.
        period_goals = [r for r in candidates if r.get("target_year") in (None, end)
                        and (r.get("baseline_year") == cumulative_base or _names_period(r, period_name))]
        cumulative = bool(period_goals) and (last_year_plan or any(_year_on_year(r) for r in candidates))

        def rank(row, cumulative=cumulative, period_goals=period_goals):
            yearly = cumulative and not any(row is r for r in period_goals)
            year = row.get("target_year")
            return (bool(row.get("is_aspirational")), not (end is not None and year == end), yearly, row.get("char_start", 0))

        min(candidates, key=rank)["is_headline"] = True
    return rows


# "…；其余15个县城…", "其他设区市…": the rest of the places, set against one named before in the sentence.
_REST_OF_PLACES_RE = re.compile(
    r"其[余餘他它](?:\d+|[一二三四五六七八九十]+)?[个個]?(?:设区|設區|地级|地級|省辖|省轄)?"
    r"(?:县城|縣城|城市|市|县|縣|区|區|州|地区|地區|乡镇|鄉鎮)"
)


def _before_the_rest(doc: NoticeDocument, rows: list[dict]) -> set[int]:
    """ids of the rows that a sentence sets for the place its first target names, before it turns to the
    rest of the places ("凯里市城市污水处理率达到85%，生活垃圾无害化处理率达到80%；其余15个县城…"): the
    later clauses without a place of their own are that place's too."""
    source = doc.source
    sentences: dict[int, list[dict]] = {}
    for row in rows:
        at = row.get("char_start")
        if isinstance(at, int):
            start = max(source.rfind("。", 0, at), source.rfind("\n", 0, at)) + 1
            sentences.setdefault(start, []).append(row)
    out: set[int] = set()
    for start, items in sentences.items():
        if len(items) < 2:
            continue
        ends = [e for e in (source.find("。", start), source.find("\n", start)) if e != -1]
        end = min(ends) if ends else len(source)
        if source.find("其", start, end) == -1:
            continue
        items = sorted(items, key=lambda r: r["char_start"])
        first = items[0]
        rest = _REST_OF_PLACES_RE.search(source, first["char_start"], end)
        if rest is None or is_region_wide(doc, first):
            continue
        out.update(id(r) for r in items[1:] if r["char_start"] < rest.start())
    return out


_PLAN_YEARS = 5
_PERIOD_NAMES = {number: name for name, number in PLAN_NAMES.items() if number > 10}


def _names_period(row: dict, name: str | None) -> bool:
    """Whether the target's evidence names the notice's own plan period ("确保完成“十一五”…下降20.5%")."""
    return bool(name) and name in _fold(row.get("evidence") or "")


def _year_on_year(row: dict) -> bool:
    """A change on the year before (比上年 in an annual plan)."""
    year, base = row.get("target_year"), row.get("baseline_year")
    return isinstance(year, int) and isinstance(base, int) and base == year - 1


def _shared_prefixes(rows: list[dict]) -> dict[int, str]:
    """id(row) → what the first item of its list writes before its indicator ("北部湾港区域船舶" of
    "北部湾港区域船舶硫氧化物、氮氧化物…分别下降"), for the later items, which share it."""
    lists: dict[tuple, list[dict]] = {}
    for row in rows:
        if row.get("evidence") and isinstance(row.get("char_start"), int):
            lists.setdefault((row["char_start"], row.get("char_end"), row["evidence"]), []).append(row)
    out: dict[int, str] = {}
    for items in lists.values():
        if len(items) < 2:
            continue
        first = items[0]
        text = first.get("indicator_text") or ""
        kw = read_indicator(text, first.get("unit")).keyword
        folded = _fold(text)
        at = folded.find(kw) if kw else -1
        if at <= 0:
            continue
        prefix = folded[:at]
        for row in items[1:]:
            if not _fold(row.get("indicator_text") or "").startswith(prefix):
                out[id(row)] = prefix
    return out


def _span_key(row: dict) -> tuple:
    return (row.get("indicator"), row.get("indicator_text"), row.get("char_start"), row.get("char_end"))


def _for_the_horizon(group: list[dict], plan_years: set, horizon: int | None) -> list[dict]:
    """The rows of ``group`` set for the notice's horizon (or the plan period's end, in an annual plan);
    where the notice sets this indicator only for a year a little later (a 2013–2017 air plan of the 12th
    plan), the rows of the latest such year; a goal for the next period's end or later (2030 in a plan to
    2020 or 2025) is a vision, not the notice's target."""
    if horizon is None:
        return group
    own = [r for r in group if r.get("target_year") is None or r.get("target_year") in plan_years]
    if own:
        return own
    later = [r for r in group if horizon < r["target_year"] < horizon + _PLAN_YEARS]
    if not later:
        return []
    last = max(r["target_year"] for r in later)
    return [r for r in later if r["target_year"] == last]
