"""Responsible agencies: who answers for a provision, as the notice writes it.

Work plans name the agencies in a bracket closing the item, on a labelled line of their own, or in
a sentence of the item:

    (省发展改革委、省经信委、省环保厅负责)
    (此项工作由市发改委、市经委牵头,有关部门配合)
    〔省工信厅、省发改委等按职责分工负责,市级及以下政府负责落实。以下均需市级及以下政府落实,不再列出〕
    (牵头单位:市发改委;配合单位:市环保局)
    责任单位:市环保局、市住建局。                      (a line under the item)
    牵头单位:区发改局,责任单位:区财政局、区商务局      (a line, or in a bracket)
    市环保局牵头,市发改委、市经信局等参与。          (a sentence)
    此项工作由市统计局负责。 / 市发改局等部门要……
    市统计局要会同市发改委,按季度公布…… / 市发改委负责统筹协调……
    序号 | 重点任务 | 牵头单位 | 责任单位                (a flattened division-of-work table; cells apart
                                                      by "|", tabs, U+3000 or spaces)
    淘汰工作由市经信委牵头,市发改委、环保局配合。     (a topic before 由: the names follow 由)
    X牵头制定, Y配合 / X为牵头单位,Y为配合单位 / 主办:X 协办:Y / X(牵头),Y、Z

Roles: 牵头 / 牵头单位 → lead; 配合 / 协助 / 参与, the agencies after 会同, and 责任单位 or a 负责
list that follows a 牵头 list → support; the agency before 会同 → lead; a list that answers for the
work by itself ("A、B负责", "由A负责", "A等部门负责", "X、Y等按职责分工负责", "A负责统筹协调") with no
牵头 before it → lead (each answers for it; "A负责,B按职责分工负责" are two leads); in a sentence, a
牵头 / 会同 lead with a task of its own ("A牵头抓总,B负责…", "A会同C负责考核,B负责…") leaves the lists
after it leads; "由A负责,B配合" → B supports; a bare 责任单位 list, "A落实" and "A等部门要……" →
unspecified (they name who acts, not who leads). Ministry departments (司, 局) are named without
the ministry after the first ("农业部科技教育司牵头,计划司配合").
Generic bodies ("有关部门", "各县(市、区)人民政府", "各镇(街道)", "县(市、区)政府") are not agencies.
A "以下均需X落实,不再列出" rule adds X to every later bracket (with the offsets of X in the rule).
Outside brackets and labelled lines only the sentence forms above are read, and only when every
name of the list ends like an institution. Matching runs on the working text (simplified,
half-width), offsets are SOURCE offsets of each agency name as written.
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache

from fyp.document import NoticeDocument
from fyp.structure.provisions import provision_locator
from fyp.text.normalize import to_simplified
from fyp.text.matching import matches_at
from fyp.vocabularies import load_vocabulary

_BRACKET_RE = re.compile(r"[(〔【\[]((?:[^()〔〕【】\[\]\n]|\([^()\n]{0,30}\)){2,400})[)〕】\]]")
_OPENING_BRACKETS = "(〔【["  # the first character of every _BRACKET_RE match


def _bracket_matches(work: str):
    """``_BRACKET_RE.finditer(work)``, with the pattern tried only at opening brackets.

    str.find locates the brackets several times faster than the regex engine's scan for the
    character set that opens the pattern.
    """
    starts = []
    for ch in _OPENING_BRACKETS:
        i = work.find(ch)
        while i != -1:
            starts.append(i)
            i = work.find(ch, i + 1)
    starts.sort()
    return matches_at(_BRACKET_RE, work, starts)

_ROLE_WORD_RE = re.compile(r"负责|牵头|配合|会同|协助|参与|落实|责任单位|主办|协办")
_RULE_RE = re.compile(r"以下(?:各项)?均(?:需|由|要|应)?(?P<who>[^,;。]+?)(?:负责)?(?:落实|实施|执行)[,;。]?\s*不再(?:一一)?列出[。]?")
# A tab: the cell separator of a flattened table (a cell may hold "主办:X\t协办:Y").
_SEGMENT_SEP_RE = re.compile(r"[,;。\t]")
# "主办:X 协办:Y、Z": the bare role word is a label only with its colon.
_LABEL_RE = re.compile(
    r"\s*(?P<label>牵头单位|牵头部门|主办单位|责任单位|责任部门|负责单位|配合单位|配合部门|协办单位|参与单位"
    r"|(?:牵头|主办|配合|协办)(?=\s*[::]))\s*[::]?\s*"
)
_LABEL_ROLE = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "配合单位": "support", "配合部门": "support",
    "协办单位": "support", "参与单位": "support", "牵头": "lead", "主办": "lead", "配合": "support", "协办": "support",
}
_LEAD_IN_RE = re.compile(r"\s*(?:此项工作|该项工作|本项工作|以上工作)?\s*(?:分别|均|统一)?\s*由?\s*")
# A non-empty _LEAD_IN_RE match starts with whitespace or one of these.
_LEAD_IN_FIRST = frozenset("此该本以分均统由")
_VERB_END_RE = re.compile(
    r"(?P<verb>牵头负责|牵头落实|牵头|按职责分工负责|按照职责分工负责|按职责负责|分工负责|分别负责|共同负责|负责落实|负责实施|负责|配合落实|配合|协助|参与|落实"
    r"|(?:作)?为(?:牵头|配合|协办|参与|责任)(?:单位|部门))\s*$"
)
# "X为牵头单位,Y为配合单位": a label's words after the names read as the verb of the same role.
_AS_LABEL_VERB = {"牵头": "牵头", "配合": "配合", "协办": "配合", "参与": "参与", "责任": ""}
# Trailing "等有关部门" / "按职责分工" and the like: not part of the last name.
_TAIL_RE = re.compile(r"(?:等?(?:各)?(?:有关|相关)?(?:部门|单位))?\s*(?:按照?职责分工|按职责|分别|共同|等)?\s*$")
_ITEM_SEP_RE = re.compile(r"[、/]")
_AND_RE = re.compile("和|及|以及")
# Every character a _TAIL_RE match can hold (besides whitespace): a match ends the span, so it can
# only start inside the longest suffix made of these, and the search may begin there.
_TAIL_CHARS = frozenset("等各有关相部门单位按照职责分工别共同")
# A name that answers for something ends like an institution.
_AGENCY_ENDINGS = tuple(
    "委员会|委|厅|局|部|司|办公厅|办公室|办|署|总会|工会|会|院|行|公司|集团|中心|所|站|政府|管委会|团省委|团市委|团委|妇联|联合会|联|室|组|处|队|社|台|海关|监管局|分局|支局".split("|")
)
_AGENCY_END_RE = re.compile("(?:" + "|".join(_AGENCY_ENDINGS) + ")$")


def _ends_like_agency(text: str) -> bool:
    """``_AGENCY_END_RE.search(text)`` with str.endswith ("$" also matches before a final newline)."""
    return text.endswith(_AGENCY_ENDINGS) or (text[-1:] == "\n" and text[:-1].endswith(_AGENCY_ENDINGS))


# Generic bodies, not agencies: "有关部门", "各县(市、区)人民政府" (各: every one of them),
# "县(市、区)政府" / "乡镇(街道)" (a level listed, no name), "市级及以下政府".
_NOT_AGENCY_RE = re.compile(
    r"^(?:有关|相关|其他|其它)?(?:部门|单位|地区|方面)$|^各|^(?:有关|相关|其他|其它)"
    r"|^[省市县区乡镇街道]{1,4}\([^)]*\)|^[省市县区乡镇]{1,3}级.*(?:政府|部门|单位)$"
    # A level of local government with no place named ("街道办事处", "乡镇人民政府" after "各乡镇人民政府、"):
    # every one of them, like 各.
    r"|^(?:乡镇|乡|镇|街道|乡镇街道|镇街)(?:人民政府|政府|办事处|党委|办)?$"
)
# First characters a _NOT_AGENCY_RE match can start with (every branch is anchored at ^).
_NOT_AGENCY_FIRST = frozenset("各有相其部单地方省市县区乡镇街")
# Longer than this, a piece of running text is a clause, not a name.
_MAX_NAME = 20
# 地区: a prefecture (毕节地区) before it became a city.
_LEVEL_PREFIX_RE = re.compile(r"^(?P<prefix>自治区|地区|省|市|县|区|州|盟|旗)?(?P<core>.+)$")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {to_simplified(r["alias"]): to_simplified(r["canonical"]) for r in load_vocabulary("agency_aliases")}


@lru_cache(maxsize=8192)
def canonical_agency(name: str) -> str:
    """Canonical form of an agency name (working text): 省发改委 → 省发展改革委.

    The alias table (vocabularies/agency_aliases.csv) holds the part after the level prefix, so
    one row serves 省/市/县 agencies alike.
    """
    name = to_simplified(name).strip()
    table = _aliases()
    if name in table:
        return table[name]
    m = _LEVEL_PREFIX_RE.match(name)
    prefix, core = m.group("prefix") or "", m.group("core")
    if core in table:
        return prefix + table[core]
    return name


def _list_separators(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the 、 and / that separate names in work[start:end], not those inside "县(市、区)"."""
    if work.find("(", start, end) == -1:
        return [m.span() for m in _ITEM_SEP_RE.finditer(work, start, end)]
    seps = []
    depth = 0
    for i in range(start, end):
        ch = work[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == "、" or ch == "/"):
            seps.append((i, i + 1))
    return seps


def _split_names(piece: str) -> list[tuple[int, int]]:
    """Spans of the names in one piece between list separators: "华中电监局和机械..." is split on 和
    only after a complete name (keeps 工业和信息化局 whole)."""
    if "和" not in piece and "及" not in piece:
        return [(0, len(piece))]
    for hm in _AND_RE.finditer(piece):
        if _ends_like_agency(piece[: hm.start()]):
            return [(0, hm.start()), (hm.end(), len(piece))]
    return [(0, len(piece))]


# "市发改委(牵头)、市财政局": the lead marked after its name in a list.
_LEAD_MARK_RE = re.compile(r"\((?:牵头|牵头单位|牵头部门)\)")


def _clean(work: str, s: int, e: int) -> tuple[int, int]:
    while s < e and work[s] in " \t":
        s += 1
    while e > s and work[e - 1] in " \t":
        e -= 1
    if e > s and work[e - 1] == ")":
        mark = work.rfind("(", s, e)
        if mark != -1 and _LEAD_MARK_RE.fullmatch(work, mark, e):
            e = mark
    if s < e and (work[s] in _LEAD_IN_FIRST or work[s].isspace()):
        m = _LEAD_IN_RE.match(work, s, e)
        if m and m.end() > s:
            s = m.end()
    j = e
    while j > s and (work[j - 1] in _TAIL_CHARS or work[j - 1].isspace()):
        j -= 1
    if j < e:  # else the only match is the empty one at e, which changes nothing
        tail = _TAIL_RE.search(work, j, e)
        if tail and tail.start() > s:
            e = tail.start()
    while e > s and work[e - 1] in " \t":
        e -= 1
    return s, e


def _is_generic(text: str) -> bool:
    return text[0] in _NOT_AGENCY_FIRST and _NOT_AGENCY_RE.search(text) is not None


# What _piece_names tells of a name: nothing left once cleaned, a generic body, running text (too
# long, a space, 会同 or a percentage inside), a name ending like an institution.
_EMPTY, _GENERIC, _RUNNING, _AGENCY = 1, 2, 4, 8


@lru_cache(maxsize=16384)
def _piece_names(piece: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, flags) of the cleaned names of one piece between list separators, relative to
    the piece. A pure function of the piece (every test looks inside it), and the same agency
    names recur in list after list."""
    out = []
    for s, e in _split_names(piece):
        s, e = _clean(piece, s, e)
        if e <= s:
            out.append((s, e, _EMPTY))
            continue
        text = piece[s:e]
        if _is_generic(text):
            out.append((s, e, _GENERIC))
            continue
        # A space or a percentage inside: running text (cells joined, "削减2%和1.5% 县环保局").
        running = e - s > _MAX_NAME or "会同" in text or " " in text or "\t" in text or "%" in text
        out.append((s, e, (_RUNNING if running else 0) | (_AGENCY if _ends_like_agency(text) else 0)))
    return tuple(out)


def _names(work: str, s: int, e: int, *, strict: bool = False) -> list[tuple[int, int]] | None:
    """Agency names in work[s:e], with elliptical groups merged ("机械、石化行业协会" is one name).

    ``strict``: the span must be nothing but a list of names (generic bodies allowed); None if a
    piece of it is no name. Running text is read only so.
    """
    names: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    pieces = [(s, e)]
    if work.find("、", s, e) != -1 or work.find("/", s, e) != -1:  # else a single piece
        pieces = []
        pos = s
        for sep_start, sep_end in _list_separators(work, s, e):
            pieces.append((pos, sep_start))
            pos = sep_end
        pieces.append((pos, e))
    for ps, pe in pieces:
        for a, b, flags in _piece_names(work[ps:pe]):
            if flags & _EMPTY:
                if strict:
                    return None
                continue
            if flags & _GENERIC:
                if strict and pending:
                    return None
                pending = []
                continue
            if strict and flags & _RUNNING:
                return None
            ns, ne = ps + a, ps + b
            if flags & _AGENCY:
                if pending:
                    names.append((pending[0][0], ne))
                    pending = []
                else:
                    names.append((ns, ne))
            elif b - a <= 4:
                pending.append((ns, ne))
            elif strict:
                return None
            else:
                pending = []
    if strict and pending:
        return None
    return names


def _parse_bracket(
    work: str, s: int, e: int, first_leads: bool = False, after_lead: bool = False
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(agencies with roles, agencies a "以下均需...不再列出" rule hands to later brackets).

    Also reads a labelled line ("牵头单位:X;责任单位:Y、Z"): the same segments without the bracket.
    ``first_leads``: the notice declares the first-listed agency of a 负责 list its lead.
    ``after_lead``: the line right before named a lead by label ("牵头单位:X" above "责任单位:Y"),
    so a 责任单位 list here works under it.
    """
    inherited: list[tuple[int, int]] = []
    rule = _RULE_RE.search(work, s, e)
    end = e
    if rule:
        ws, we = rule.span("who")
        inherited = _names(work, ws, we)
        end = rule.start()
    rows: list[tuple[int, int, str]] = []
    seen_lead = after_lead
    # A lead named by 牵头 (verb, label or mark) or before 会同: a 负责 list after it supports. A lead
    # that is only a 负责 list does not ("X负责,Y、Z按职责分工负责": each answers for its part).
    seen_named_lead = after_lead
    pos = s
    segments = []
    for m in _SEGMENT_SEP_RE.finditer(work, s, end):
        segments.append((pos, m.start()))
        pos = m.end()
    segments.append((pos, end))
    # Every _LABEL_RE label ends in 单位 or 部门, or is followed by a colon.
    may_label = work.find("单位", s, end) != -1 or work.find("部门", s, end) != -1 or work.find(":", s, end) != -1
    list_role = None  # the role of the last label, for a list the writer went on with after a comma
    for ss, se in segments:
        label_role = None
        lm = _LABEL_RE.match(work, ss, se) if may_label else None
        if lm:
            label = lm.group("label")
            label_role = _LABEL_ROLE.get(label) or ("support" if seen_lead else "unspecified")
            ss = lm.end()
        vm = _VERB_END_RE.search(work, ss, se)
        verb = vm.group("verb") if vm else ""
        if vm:
            se = vm.start()
            if verb.endswith(("单位", "部门")):
                verb = _AS_LABEL_VERB[verb[-4:-2]]
            if lm and label not in _LABEL_ROLE and verb:
                # "责任单位:X牵头,Y配合": a label that names no role gives way to the role word of its list.
                label_role = None
        # "县环保局(牵头),县经贸委、县财政局": a lead marked after its name, then the list it leads.
        # Running text before the mark is no name.
        lead_marked = (
            not vm and not lm and _ends_with_lead_mark(work, ss, se) and bool(_names(work, ss, se, strict=True))
        )
        if not vm and not lm and not lead_marked:
            # "责任单位:市环保局,市住建局": a list the comma did not end.
            names = _names(work, ss, se, strict=True) if list_role else None
            for ns, ne in names or ():
                rows.append((ns, ne, list_role))
            if not names:
                list_role = None
            continue
        list_role = label_role if lm and not vm else None
        # "A会同B负责": A leads, B supports.
        with_pos = work.find("会同", ss, se)
        parts = [(ss, se, None)]
        if with_pos != -1:
            lead_end = with_pos - 1 if with_pos > ss and work[with_pos - 1] in "要应须将" else with_pos
            parts = [(ss, lead_end, "lead"), (with_pos + 2, se, "support")]
        for ps, pe, forced in parts:
            by = _after_by(work, ps, pe)  # "(淘汰工作由市经信委负责)": the names follow 由
            if by is not None:
                ps = by
            if forced:
                role = forced
            elif label_role:
                role = label_role
            elif verb.startswith("牵头"):
                role = "lead"
            elif verb in ("配合", "配合落实", "协助", "参与"):
                role = "support"
            elif verb in _BY_DUTY_VERBS or "负责" in verb:
                # "X、Y负责", "X、Y等按职责分工负责": each answers for the work, so leads it, unless a
                # 牵头 list came first.
                # "…负责,各县区政府负责落实": those who carry out what a lead answers for support it.
                carries_out = seen_lead and verb in ("负责落实", "负责实施")
                role = "support" if seen_named_lead or carries_out else "lead"
            else:
                role = "support" if seen_lead else "unspecified"
            names = _names(work, ps, pe)
            marked = [_LEAD_MARK_RE.match(work, ne) is not None for ns, ne in names]
            if first_leads and role == "lead" and not (forced or label_role or verb.startswith("牵头")):
                marked = [i == 0 for i in range(len(names))]
            if any(marked):
                # "责任单位:市发改委(牵头)、市财政局": the marked name leads, the others support.
                for (ns, ne), lead in zip(names, marked):
                    rows.append((ns, ne, "lead" if lead else "support"))
                seen_lead = seen_named_lead = True
                continue
            for ns, ne in names:
                rows.append((ns, ne, role))
            if role == "lead":
                seen_lead = True
                if forced or label_role or verb.startswith("牵头"):
                    seen_named_lead = True
        if not lm and (lead_marked or verb.startswith("牵头")) and seen_named_lead:
            # "X牵头,Y、Z" / "X(牵头),Y、Z": a bare list after the lead works under it.
            list_role = "support"
    return rows, inherited


def _ends_with_lead_mark(work: str, s: int, e: int) -> bool:
    while e > s and work[e - 1] in " \t":
        e -= 1
    if e <= s or work[e - 1] != ")":
        return False
    mark = work.rfind("(", s, e)
    return mark != -1 and _LEAD_MARK_RE.fullmatch(work, mark, e) is not None


_BY_DUTY_VERBS = frozenset(("按职责分工负责", "按照职责分工负责", "按职责负责", "分工负责"))

# A label with its colon outside a bracket: a 责任单位 line under an item.
_LINE_LABEL_RE = re.compile(r"(?:牵头|主办|责任|负责|配合|协办|参与)(?:单位|部门)\s*[::]")
_LINE_END_RE = re.compile(r"[。\n]")
_LEAD_LABEL_RE = re.compile(r"(?:牵头|主办)(?:单位|部门)")
_MAX_LINE = 300

# Sentence forms of running text. Each anchor is a role word; the names stand right before it, back
# to the start of the clause (after a lead-in such as 此项工作由).
_CLAUSE_STARTS = frozenset(",;。:!?\n()〔〕【】[]《》“”")
_SENTENCE_ANCHOR_RE = re.compile(
    r"(?P<lead>(?:负责)?牵头)(?!单位|部门|人)"
    r"|(?P<as_lead>(?:作)?为牵头(?:单位|部门))"
    r"|(?P<as_named>(?:作)?为责任(?:单位|部门))"
    r"|(?P<duty>等(?:有关|相关)?(?:部门|单位)?(?:按照?职责分工|按职责|分工)负责)"
    r"|(?P<group>等(?:有关|相关)?(?:部门|单位))(?=要|应|须|负责|牵头|按|共同|分别|切实|认真|抓紧)"
    r"|(?P<with>(?:要|应|须|将)?会同)"
    r"|(?P<charge>负责)(?!人|制|解释|同志|任)"
)
# After "X牵头,": the supporting list ends in 参与 / 配合 / 协助.
# "X为牵头单位,Y为配合单位": the same list in the words of a label.
_SUPPORT_AFTER_RE = re.compile(
    r"\s*[,、]?\s*(?P<names>[^,;。:!?\n()〔〕【】]{2,160}?)(?:等(?:有关|相关)?(?:部门|单位)?)?\s*"
    r"(?:(?:作)?为(?:配合|协办|参与)(?:单位|部门)|参与|配合|协助)"
)
# Before "X负责" in running text: "由X负责" ("此项工作由市统计局负责"), or a list of one level's
# bodies ("市发改委负责统筹协调").
_BY_RE = re.compile(r"\s*(?:此项工作|该项工作|本项工作|以上工作|具体工作|日常工作)?\s*(?:分别|均|统一)?\s*由")
# A body of one government ("市发改委", "县统计局", "自治区生态环境厅"; "温岭市环保局" by the
# gazetteer): in running text without 由, only lists whose first name starts so are read.
_LEVEL_BODY_RE = re.compile(r"(?:自治区|自治州|地区|[省市县区州盟旗])[\u4e00-\u9fff]")
# "X会同Y制定……": Y, named right after 会同, ends at the first institution ending (the verb follows).
_PARTNER_NAME = (
    r"(?:自治区|自治州|地区|[省市县区州盟旗])?[\u4e00-\u9fff]{1,12}?"
    r"(?:委员会|办公室|办公厅|管委会|领导小组|局|委|厅|办|部(?!门)|司|署|中心|集团|公司|队)"
)
_PARTNERS_RE = re.compile(rf"\s*(?:{_PARTNER_NAME})(?:\s*(?:、|和|及|以及)\s*(?:{_PARTNER_NAME}))*")
# A name closing its clause with one of these endings is taken whole ("市公安局交警大队,"); other
# endings (行, 会, 台) also close verbs ("严格执行").
_STRONG_ENDINGS = ("委员会", "办公室", "办公厅", "管委会", "局", "委", "厅", "办", "部", "司", "署", "中心", "集团", "公司", "队")


def _clause_start(work: str, i: int) -> int:
    floor = max(0, i - 120)
    j = i
    while j > floor and work[j - 1] not in _CLAUSE_STARTS:
        j -= 1
    return j


@lru_cache(maxsize=1)
def _national_bodies() -> tuple[str, ...]:
    return tuple(sorted({to_simplified(r["name"]) for r in load_vocabulary("national_bodies")}, key=len, reverse=True))


def _is_level_body(name: str) -> bool:
    if _LEVEL_BODY_RE.match(name) is not None or name.startswith(_national_bodies()):
        return True
    from fyp.metadata.gazetteer import find_place_spans

    spans = find_place_spans(name, aliases=True)
    return bool(spans) and spans[0][0] == 0 and spans[0][1] < len(name)


def _partners(work: str, pos: int) -> tuple[list[tuple[int, int]], int]:
    """The agencies named after 会同 at ``pos`` and where their list ends."""
    end = pos
    limit = min(len(work), pos + 120)
    while end < limit and work[end] not in _CLAUSE_STARTS:
        end += 1
    s, e = _clean(work, pos, end)
    if e > s and work[s:e].endswith(_STRONG_ENDINGS):
        names = _names(work, s, e, strict=True)
        if names is not None:
            return names, end
    if s < e and _is_generic(work[s:e]):
        return [], end
    m = _PARTNERS_RE.match(work, pos, end)
    if not m:
        return [], pos
    names = _names(work, pos, m.end(), strict=True) or []
    # "国务院有关部委": the relevant bodies of a level, no name.
    return [(ns, ne) for ns, ne in names if "有关" not in work[ns:ne] and "相关" not in work[ns:ne]], m.end()


def _sentence_forms(work: str, covered, first_leads: bool = False) -> list[tuple[int, int, str]]:
    """Agencies of the sentence forms, outside the spans in ``covered`` (brackets, labelled lines)."""
    rows: list[tuple[int, int, str]] = []
    last_end = 0
    led_until = -1  # end of the sentence of the last 牵头 / 会同 list
    for m in _anchor_matches(work):
        a_start = m.start()
        if a_start < last_end or covered(a_start):
            continue
        start = _clause_start(work, a_start)
        kind = m.lastgroup
        by = None
        if kind == "charge":
            by = _BY_RE.match(work, start, a_start)
            if by:
                start = by.end()
        if not by:
            # "淘汰工作由市经信委牵头", "能耗数据核算由县统计局负责": the names follow 由, the topic stands before it.
            after_by = _after_by(work, start, a_start)
            if after_by is not None:
                start = after_by
                by = True
        names_end = a_start
        if kind in ("lead", "charge", "as_lead"):
            # "X将牵头建立…", "X要负责…": a modal between the names and the role word.
            modal = _MODAL_BEFORE_RE.search(work, max(start, a_start - 2), a_start)
            if modal:
                names_end = modal.start()
        names = _names(work, start, names_end, strict=True)
        if not names:
            continue
        if kind in ("with", "charge") and not by and not _is_level_body(work[names[0][0] : names[0][1]]):
            if kind == "with" or not _is_named_enterprise(work[names[0][0] : names[0][1]]):
                continue
        if kind in ("lead", "as_lead", "with"):
            found = [(ns, ne, "lead") for ns, ne in names]
            last_end = m.end()
            if kind == "with":
                partners, partners_end = _partners(work, m.end())
                found += [(ns, ne, "support") for ns, ne in partners]
                last_end = max(last_end, partners_end)
                charge = _CHARGE_AFTER_RE.match(work, last_end)  # "X会同Y负责……"
                if charge:
                    last_end = charge.end()
                task_from = last_end
            else:
                task_from = m.end()
                support = _support_after(work, m.end())
                if support:
                    found += [(ns, ne, "support") for ns, ne in support[0]]
                    last_end = support[1]
            # The lists after a lead in its sentence share its task ("X牵头,Y负责") only when its
            # clause ends with the role word; a lead with a task of its own ("X牵头抓总,",
            # "X会同Y负责节能考核,") is one assignment among several.
            if _closes_clause(work, task_from):
                sentence_end = _SENTENCE_END_RE.search(work, m.end())
                led_until = sentence_end.start() if sentence_end else len(work)
        else:
            charge_after = _CHARGE_AFTER_RE.match(work, m.end()) if kind == "group" else None
            answers = kind in ("duty", "charge") or charge_after is not None
            if answers:
                # "X负责", "X等按职责分工负责": X answers for the work, so leads it; after a lead in the
                # same sentence ("X牵头,Y负责…") it supports.
                role = "support" if a_start < led_until else "lead"
            else:
                role = "unspecified"
            found = [(ns, ne, role) for ns, ne in names]
            if first_leads and role == "lead":
                found = [(ns, ne, "lead" if i == 0 else "support") for i, (ns, ne) in enumerate(names)]
            last_end = charge_after.end() if charge_after else m.end()
            if role == "lead":
                # "由X负责,Y、Z配合": the bodies named after the one in charge support it.
                support = _support_after(work, last_end)
                if support:
                    found += [(ns, ne, "support") for ns, ne in support[0]]
                    last_end = support[1]
        rows.extend(found)
    return rows


def _support_after(work: str, pos: int) -> tuple[list[tuple[int, int]], int] | None:
    """The list "，Y、Z配合" (参与, 协助) right after a lead's role word at ``pos``, and its end.

    A lead with a task of its own ("X牵头制定,Y配合", "X负责能耗双控,Y配合"): the list after the
    comma that ends the task supports it on that task.
    """
    sm = _SUPPORT_AFTER_RE.match(work, pos)
    if not sm:
        task_end = _task_end(work, pos)
        sm = _SUPPORT_AFTER_RE.match(work, task_end) if task_end is not None else None
    if not sm:
        return None
    support = _names(work, *sm.span("names"), strict=True)
    return (support, sm.end()) if support else None


# Longer than this, what follows a lead's role word is more than its task.
_MAX_TASK = 40


def _task_end(work: str, pos: int) -> int | None:
    """The comma that ends the lead's task starting at ``pos`` ("制定,"), if the task holds no other
    clause mark and no role word of its own; None otherwise."""
    if pos >= len(work) or work[pos] in _CLAUSE_STARTS or work[pos] == "、":
        return None
    comma = work.find(",", pos, pos + _MAX_TASK + 1)
    if comma == -1:
        return None
    for i in range(pos, comma):
        if work[i] in _CLAUSE_STARTS:
            return None
    task = work[pos:comma]
    if "配合" in task or "协助" in task or "参与" in task or "牵头" in task or "会同" in task:
        return None
    return comma


def _after_by(work: str, start: int, end: int) -> int | None:
    """Where the names start after the last 由 of work[start:end] ("…工作由X"), or None: 由 of a
    word (自由, 理由, 经由, 缘由, 由于, 由此) does not count."""
    k = work.rfind("由", start, end)
    if k <= start:  # none, or a 由 opening the clause, which _clean strips
        return None
    if work[k - 1] in "自理经缘" or work[k + 1 : k + 2] in ("于", "此"):
        return None
    return k + 1


# An enterprise or body named in full ("北部湾港务集团", "国网某某供电公司") answers for a task in
# running text like a body of one government ("X负责港口岸电设施建设"). Not 中心: also a facility
# ("新建数据中心负责…" is no organ).
_ENTERPRISE_ENDINGS = ("集团", "公司", "管委会", "委员会")


def _is_named_enterprise(name: str) -> bool:
    return len(name) >= 4 and name.endswith(_ENTERPRISE_ENDINGS) and name[0] not in "该本其此各每"


# After a lead's role word, what may stand before its clause ends ("X牵头负责,").
_CLAUSE_CLOSE_RE = re.compile(r"\s*(?:负责|落实|实施)?\s*(?:$|[,;。、!?\n)〕】\]])")


def _closes_clause(work: str, pos: int) -> bool:
    return _CLAUSE_CLOSE_RE.match(work, pos) is not None


_CHARGE_AFTER_RE = re.compile(r"负责(?!人|制|解释|同志|任)")
_MODAL_BEFORE_RE = re.compile(r"(?:应当|必须|将要|将|要|应|须)$")
# "列第一位者为牵头部门": the notice's own rule that the first agency of each list leads.
_FIRST_LEADS_RE = re.compile(r"(?:列|排)在?(?:第一位|首位)(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:单位|部门)")
_SENTENCE_END_RE = re.compile(r"[。;!?\n]")


def _names_first_place(work: str) -> bool:
    """``"首位" in work or "第一位" in work``, from the 位s (a single character is found far faster)."""
    i = work.find("位")
    while i != -1:
        if work[i - 1 : i] == "首" or work[i - 2 : i] == "第一":
            return True
        i = work.find("位", i + 1)
    return False


def _anchor_matches(work: str):
    """``_SENTENCE_ANCHOR_RE.finditer(work)``, tried only where a match can start: at 牵 / 负 / 等
    (single characters, which str.find locates fastest), before 为牵头 / 为责任 (作为 included) and
    before 会同 (要会同 included)."""
    # The literals are found from one of their characters: str.find of a single character is many
    # times faster than of a word.
    starts = []
    for ch in "牵负等":
        i = work.find(ch)
        while i != -1:
            starts.append(i)
            i = work.find(ch, i + 1)
    for middle, literal in (("牵", "为牵头"), ("责", "为责任")):
        j = work.find(middle)
        while j != -1:
            i = j - 1
            if i >= 0 and work.startswith(literal, i):
                starts.append(i - 1 if i > 0 and work[i - 1] == "作" else i)
            j = work.find(middle, j + 1)
    i = work.find("会")
    while i != -1:
        if work.startswith("会同", i):
            starts.append(i - 1 if i > 0 and work[i - 1] in "要应须将" else i)
        i = work.find("会", i + 1)
    starts.sort()
    return matches_at(_SENTENCE_ANCHOR_RE, work, starts)


def _line_label_matches(work: str):
    """``_LINE_LABEL_RE.finditer(work)``, tried only where a colon can close a label (4 characters
    before it, spaces aside)."""
    starts = []
    i = work.find(":")
    while i != -1:
        j = i
        while j > 0 and work[j - 1] in " \t":
            j -= 1
        if j >= 4:
            starts.append(j - 4)
        i = work.find(":", i + 1)
    return matches_at(_LINE_LABEL_RE, work, starts)


_ENUMERATION_LABEL_RE = re.compile(r"^\s*(?:\(\d{1,3}\)|[\u2460-\u2473\u2776-\u277f]|—|-|－)")


def _alone_on_line(work: str, start: int, end: int) -> bool:
    line_start = work.rfind("\n", 0, start) + 1
    line_end = work.find("\n", end)
    if line_end == -1:
        line_end = len(work)
    return not work[line_start:start].strip() and not work[end:line_end].strip(" \t。.;")


def _enclosing_item(provisions: list[dict], provision_id: str | None) -> str | None:
    """A bracket on its own line after "(1)...(2)..." sub-items answers for the item holding them."""
    if provision_id is None:
        return None
    for p in provisions:
        if p["provision_id"] == provision_id:
            if p["label"] and p["parent_id"] and _ENUMERATION_LABEL_RE.match(to_simplified(p["label"])):
                return p["parent_id"]
            break
    return provision_id


def extract_responsibilities(doc: NoticeDocument, provisions: list[dict]) -> list[dict]:
    """Agencies answering for the provisions of ``doc``, sorted by char_start.

    Keys: provision_id, agency_text (as written, source form; a line break inside the name that the
    working text drops, a PDF page's, is left out), agency (canonical), role
    (lead | support | unspecified), char_start, char_end (SOURCE span of the name as written).
    """
    source = doc.source
    # NormalizedText.source_span without its range check: every span here is a non-empty span of work.
    work, offsets = _spaced_tables(doc.working, doc.text.offsets, source)
    rows = []
    inherited: list[tuple[int, int]] = []
    role_word = _ROLE_WORD_RE.search
    locate_provision = provision_locator(provisions)

    def add(ns: int, ne: int, role: str, provision_id: str | None) -> None:
        cs, ce = offsets[ns], offsets[ne - 1] + 1
        written = source[cs:ce]
        if "\n" in written:  # a PDF line break inside the name, which the working text reads as absent
            kept = set(offsets[ns:ne])
            written = "".join(c for k, c in enumerate(written, cs) if k in kept or c not in "\r\n")
        rows.append(
            {
                "provision_id": provision_id,
                "agency_text": written,
                "agency": canonical_agency(work[ns:ne]),
                "role": role,
                "char_start": cs,
                "char_end": ce,
            }
        )

    # Every _FIRST_LEADS_RE match holds 第一位 or 首位: str.find rules most notices out at once (the
    # pattern's leading alternation makes the regex engine try every position).
    first_leads = _names_first_place(work) and _FIRST_LEADS_RE.search(work) is not None
    read_spans: list[tuple[int, int]] = []  # brackets and labelled lines read (working offsets)
    for m in _bracket_matches(work):
        s, e = m.span(1)
        if not role_word(work, s, e):
            continue
        found, new_rule = _parse_bracket(work, s, e, first_leads)
        if not found and not new_rule:
            continue
        read_spans.append(m.span())
        bracket_start = m.start()
        provision_id = locate_provision(offsets[bracket_start])
        if _alone_on_line(work, bracket_start, m.end()):
            provision_id = _enclosing_item(provisions, provision_id)
        names_here = set()
        for ns, ne, role in found:
            names_here.add(work[ns:ne])
            add(ns, ne, role, provision_id)
        # Earlier rules apply to this bracket; a rule applies to the brackets after it.
        for ns, ne in inherited:
            if work[ns:ne] not in names_here:
                add(ns, ne, "unspecified", provision_id)
        if new_rule:
            inherited = new_rule

    covered = _span_test(read_spans)
    # Table cells before labelled lines: a "牵头单位:X" cell ends at its cell, not at the line's end.
    table_rows, table_spans = _table_forms(work, covered)
    for ns, ne, role in table_rows:
        add(ns, ne, role, locate_provision(offsets[ns]))
    covered = _span_test(sorted(read_spans + table_spans))
    line_spans: list[tuple[int, int]] = []
    lead_line_end = -1  # end of the last labelled line that named a lead by its label
    for m in _line_label_matches(work):
        s = m.start()
        if covered(s) or (line_spans and s < line_spans[-1][1]):
            continue
        end_match = _LINE_END_RE.search(work, s, min(len(work), s + _MAX_LINE))
        e = end_match.start() if end_match else min(len(work), s + _MAX_LINE)
        # "牵头单位:X" on one line, "责任单位:Y、Z" on the next: the second line supports the first.
        after_lead = lead_line_end >= 0 and not work[lead_line_end:s].strip(" \t\n。;")
        found, _ = _parse_bracket(work, s, e, first_leads, after_lead)
        if not found:
            continue
        line_spans.append((s, e))
        lead_line_end = e if _LEAD_LABEL_RE.match(work, s) and any(role == "lead" for _, _, role in found) else -1
        # A 责任单位 line under an item answers for the item it closes (and a line of its own after
        # "(1)...(2)..." sub-items for the item holding them).
        provision_id = locate_provision(offsets[s])
        if _alone_on_line(work, s, e):
            provision_id = _enclosing_item(provisions, provision_id)
        for ns, ne, role in found:
            add(ns, ne, role, provision_id)

    read_spans = sorted(read_spans + table_spans + line_spans)
    covered = _span_test(read_spans)
    for ns, ne, role in _sentence_forms(work, covered, first_leads):
        add(ns, ne, role, locate_provision(offsets[ns]))

    rows.sort(key=lambda r: (r["char_start"], r["char_end"], r["provision_id"] or ""))
    return rows


# Division-of-work tables flattened to text, one row a line, cells split by "|" or tabs:
#     序号 | 重点任务 | 牵头单位 | 责任单位
#     1 | 淘汰燃煤小锅炉 | 市环保局 | 市质监局、各县(市、区)政府
_CELL_SEP_RE = re.compile(r"[|\t]")
_COLUMN_ROLE = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead",
    "责任单位": None, "责任部门": None, "负责单位": None,
    "配合单位": "support", "配合部门": "support", "参与单位": "support", "协办单位": "support",
}
# Every column label in one scan: a loop over each 单位 / 部门 costs more, and most close other words
# (单位生产总值, 有关部门).
_COLUMN_LABEL_RE = re.compile("|".join(_COLUMN_ROLE))


def _spaced_tables(work: str, offsets, source: str):
    """``work`` and ``offsets`` with the cells and rows of tables that the source separates by spaces
    (U+3000 or plain) restored: a tab for each run of spaces between two cells, a line break at the
    end of each row.

    The working text reads a single space between two CJK characters as nothing and joins rows
    that end without a sentence end; a table with a 责任单位 / 牵头单位 column then runs on as one
    sentence ("…标准煤牵头单位:县经贸委;…全年2 化学需氧量…"). A table is a line with three or more
    cells, one of them a column label, and the lines under it that have two or more cells; when the
    header opens with 序号 each row opens with its number, and a line that does not is the rest of a
    row a PDF page broke (its break is dropped).
    """
    edits: list[tuple[int, int, str, int]] = []  # working span to replace, by what, its source index
    table_end = -1
    for j in _column_labels(work):
        if offsets[j] >= table_end and _may_be_cell(source, offsets[j], offsets[j + 3] + 1):
            table = _spaced_table(source, offsets[j], offsets[j + 3] + 1)
            if table is not None:
                source_edits, table_end = table
                for ss, se, ch in source_edits:
                    edits.append((bisect.bisect_left(offsets, ss), bisect.bisect_left(offsets, se), ch, ss))
    if not edits:
        return work, offsets
    edits.sort()
    pieces = []
    new_offsets = array("l")
    pos = 0
    for wa, wb, ch, k in edits:
        if wa < pos:
            continue
        pieces.append(work[pos:wa])
        new_offsets.extend(offsets[pos:wa])
        if ch:
            pieces.append(ch)
            new_offsets.append(k)
        pos = wb
    pieces.append(work[pos:])
    new_offsets.extend(offsets[pos:])  # with the final len(source)
    return "".join(pieces), new_offsets


def _column_labels(work: str) -> list[int]:
    """Starts of the column labels (牵头单位, ...) in ``work``: those closing in 单位, then those closing
    in 部门, each in order (the order a table's end is carried in)."""
    labels = [m.start() for m in _COLUMN_LABEL_RE.finditer(work)]
    return [j for j in labels if work[j + 2] == "单"] + [j for j in labels if work[j + 2] == "部"]


def _may_be_cell(source: str, start: int, end: int) -> bool:
    """Whether source[start:end] stands between separators or line ends (a space-separated cell),
    the cheap test before a header is looked at."""
    before = source[start - 1 : start]
    after = source[end : end + 1]
    return before in ("", "\n", " ", "\u3000") and after in ("", "\n", "\r", " ", "\u3000", ":", "：")


# Runs of U+3000 or plain spaces: the separators of a table's cells. A table whose header separates
# its cells by U+3000 alone has no plain space between cells (one inside a cell is a PDF's).
_GAP_RE = re.compile("[\u3000 ]+")
_IDEOGRAPHIC_GAP_RE = re.compile("\u3000+")
# A row of a numbered table opens with its number and a separator.
_ROW_NUMBER_RE = re.compile(r"[ \u3000]*\d{1,3}[.、]?[ \u3000]")


def _gap_runs(source: str, start: int, end: int, gap_re: re.Pattern = _GAP_RE) -> list[tuple[int, int]]:
    """Source spans of the runs of spaces in source[start:end] that stand between two cells (an
    indent or a trailing blank separates nothing)."""
    return [
        m.span()
        for m in gap_re.finditer(source, start, end)
        if m.start() > start and m.end() < end and not source[m.start() - 1].isspace() and not source[m.end()].isspace()
    ]


def _line_end(source: str, pos: int) -> int:
    end = source.find("\n", pos)
    return len(source) if end == -1 else end


def _spaced_table(source: str, label_start: int, label_end: int):
    """(source edits, end) of the table whose header holds the column label at
    source[label_start:label_end], or None when the label is no cell of a space-separated header."""
    line_start = source.rfind("\n", 0, label_start) + 1
    line_end = _line_end(source, label_start)
    if source.find("|", line_start, line_end) != -1 or source.find("\t", line_start, line_end) != -1:
        return None  # cells the working text keeps apart already
    runs = _gap_runs(source, line_start, line_end)
    gap_re = _IDEOGRAPHIC_GAP_RE if all(" " not in source[rs:re_] for rs, re_ in runs) else _GAP_RE
    if gap_re is _IDEOGRAPHIC_GAP_RE:
        runs = _gap_runs(source, line_start, line_end, gap_re)
    if len(runs) < 2:
        return None
    before = source[line_start:label_start]
    after = source[label_end:line_end]
    # The label is a whole cell (a colon may close it).
    if before.strip() and not any(re_ == label_start for _, re_ in runs):
        return None
    if after.strip(" \r:：") and not any(rs == label_end + (after[:1] in ":：") for rs, _ in runs):
        return None
    # A header's cells are column names ("序号", "工作任务", "完成时限"), not a labelled list written
    # with spaces ("责任单位 :市环保局 、市住建局").
    bounds = [line_start] + [x for run in runs for x in run] + [line_end]
    for cs, ce in zip(bounds[::2], bounds[1::2]):
        cell = source[cs:ce].strip().rstrip(":：")
        if not cell or len(cell) > _MAX_HEADER_CELL or any(ch in _HEADER_PUNCTUATION for ch in cell):
            return None
    width = len(runs) + 1
    # Rows open with their number under a 序号 column (the first row says so).
    numbered = to_simplified(source[line_start : line_start + 8].lstrip(" \u3000")).startswith(("序号", "编号"))
    if numbered:
        first = line_end
        while first < len(source) and not source[first + 1 : _line_end(source, first + 1)].strip():
            first = _line_end(source, first + 1)
        numbered = _opens_numbered_row(source, first)
    edits = [(rs, re_, "\t") for rs, re_ in runs]
    if line_start:
        edits.append((line_start - 1, line_start, "\n"))
    pos = line_end  # the break after the last line read
    n = len(source)
    cells = width  # of the row being read
    while pos < n:
        nxt = _line_end(source, pos + 1)
        line_runs = _gap_runs(source, pos + 1, nxt, gap_re)
        blank = not source[pos + 1 : nxt].strip()
        opens_row = not numbered or _ROW_NUMBER_RE.match(source, pos + 1, nxt) is not None
        if blank or opens_row and (line_runs or not numbered):
            if not blank and not line_runs:
                break  # the table ended
            edits.append((pos, pos + 1, "\n"))
            cells = len(line_runs) + 1 if not blank else width
        elif numbered and (cells < width or _opens_numbered_row(source, nxt)):
            # The rest of a row broken over lines: its break is no break; a separator at the break
            # separates two cells.
            gap_start, gap_end = pos, pos + 1
            while gap_start > 0 and source[gap_start - 1] in " \u3000\r":
                gap_start -= 1
            while gap_end < nxt and source[gap_end] in " \u3000":
                gap_end += 1
            gap = source[gap_start:gap_end].strip("\r\n") != ""
            edits.append((gap_start, gap_end, "\t" if gap else ""))
            cells += len(line_runs) + gap
        else:
            break
        edits.extend((rs, re_, "\t") for rs, re_ in line_runs)
        pos = nxt
    if pos < n:
        edits.append((pos, pos + 1, "\n"))
    return edits, pos


_MAX_HEADER_CELL = 12
_HEADER_PUNCTUATION = frozenset(",，、;；:：()（）。.!！?？“”|")


def _opens_numbered_row(source: str, pos: int) -> bool:
    """Whether the line after the break at ``pos`` opens a numbered row."""
    if pos >= len(source):
        return False
    return _ROW_NUMBER_RE.match(source, pos + 1, _line_end(source, pos + 1)) is not None


def _cells(work: str, start: int, end: int) -> list[tuple[int, int]]:
    cells = []
    pos = start
    for m in _CELL_SEP_RE.finditer(work, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    return cells


def _table_forms(work: str, covered) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Agencies in the 牵头单位 / 责任单位 / 配合单位 columns of flattened tables (a 责任单位 column
    beside a 牵头单位 column supports; alone it is unspecified), and the cell spans read.

    A cell that says who leads ("X牵头,Y配合", "X(牵头),Y", "主办:X 协办:Y") is read like a bracket;
    a bare list takes the column's role. Rows with fewer cells than the header (a cell broken over
    lines) are not read; a row with more cells (a separator inside a cell) is read when the header
    has one agency column, whose cell is what lies between the cells of the columns before and after
    it. Names inside ``covered`` (brackets already read) are left out.
    """
    if work.find("|") == -1 and work.find("\t") == -1:
        return [], []
    rows: list[tuple[int, int, str]] = []
    read: list[tuple[int, int]] = []
    header: tuple[int, dict[int, str | None]] | None = None
    pos = 0
    n = len(work)
    while pos <= n:
        end = work.find("\n", pos)
        if end == -1:
            end = n
        if work.find("|", pos, end) == -1 and work.find("\t", pos, end) == -1:
            if work[pos:end].strip():
                header = None  # the table ended
        else:
            cells = _cells(work, pos, end)
            columns = {}
            for i, (cs, ce) in enumerate(cells):
                label = work[cs:ce].strip().rstrip(":")
                if label in _COLUMN_ROLE:
                    columns[i] = _COLUMN_ROLE[label]
            if columns:
                header = (len(cells), columns)
            elif header is not None and len(cells) >= header[0]:
                width, roles = header
                extra = len(cells) - width
                has_lead = "lead" in roles.values()
                if not extra or len(roles) == 1:
                    for i, role in roles.items():
                        cs, ce = (cells[i][0], cells[i + extra][1]) if extra else cells[i]
                        found = _cell_agencies(work, cs, ce, role or ("support" if has_lead else "unspecified"), bool(extra))
                        found = [row for row in found if not covered(row[0])]
                        if found:
                            rows.extend(found)
                            read.append((cs, ce))
        pos = end + 1
    return rows, read


def _cell_agencies(work: str, s: int, e: int, column_role: str, strict: bool) -> list[tuple[int, int, str]]:
    """The agencies of one table cell: read like a bracket when it names roles, else a list in the
    column's role (``strict``: nothing but names, for a cell put together from pieces)."""
    if _ROLE_WORD_RE.search(work, s, e):
        found, _ = _parse_bracket(work, s, e)
        if found:
            return [(ns, ne, column_role if role == "unspecified" else role) for ns, ne, role in found]
    return [(ns, ne, column_role) for ns, ne in _names(work, s, e, strict=strict) or ()]


def _span_test(spans: list[tuple[int, int]]):
    """``lambda i: any(s <= i < e for s, e in spans)`` for sorted ``spans``."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:  # a bracket inside a table cell read
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    spans = merged
    starts = [s for s, _ in spans]

    def inside(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and i < spans[k][1]

    return inside
