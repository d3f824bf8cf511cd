"""Direction words (下降/提高/达到/控制在/淘汰 ...), the qualifiers they imply, and 力争/争取."""

from __future__ import annotations

import re

from fyp.extract._quantities import Quantity

# --- direction words --------------------------------------------------------------------------
VERBS: dict[str, str] = {}
for _words, _dir in (
    ("下降到|下降至|降低到|降低至|降到|降至|减少到|减少至|减至|削减到|削减至|压减到|压减至|压缩到|压缩至|控制到", "down_to"),
    ("提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|增至|上升到|上升至|扩大到|扩大至", "up_to"),
    ("下降|降低|减少|削减|减排|压减|压缩|节约|节省|减低|缩减", "decrease"),
    ("提高|提升|增加|增长|新增|扩大|上升|翻", "increase"),  # 翻: "翻一番" (see _quantities.DOUBLING_RE)
    ("达到|达|实现|稳定在|保持在|维持在|稳定达到|为|保持", "reach"),
    ("控制在|控制|不超过|不高于|不大于|低于|少于|不得超过|不能超过|不得高于|不能高于|限制在|压减在", "cap"),
    ("不低于|不少于|不小于|超过|高于|至少", "at_least"),
    ("淘汰|关闭|关停|取缔|拆除|退出|消除|建成|建设|完成|创建|改造|建立|培育|遴选|推广|实施|发展|打造|推动|整治|治理|安装|新建|开展|形成|推进|配套|新上|更新|开通", "complete"),
):
    for _w in _words.split("|"):
        VERBS[_w] = _dir
# Verb-looking characters that are part of a noun: 增加值, 达标, 为期, 发展改革委, 治理设施.
_VERB_BLOCK = {"达": "[标成]", "为": "[了期主]", "增加": "值", "增长": "率|点", "发展": "改革|和改革|中国家", "实施": "方案|意见|细则|办法",
               "建设": "厅|局|部门|用地|项目", "下降": "率", "推广": "应用",
               "新建": "建筑|住宅|项目|小区|公共建筑|城区"}
VERB_RE = re.compile(
    "|".join(re.escape(w) + (f"(?!{_VERB_BLOCK[w]})" if w in _VERB_BLOCK else "")
             for w in sorted(VERBS, key=len, reverse=True))
)
_NOUN_AFTER_VERB_RE = re.compile(r"项目|工程|设施|任务|措施|方案|计划|量")
_AT_MOST_VERBS = {"不超过", "不高于", "不大于", "低于", "少于", "不得超过", "不能超过", "不得高于", "不能高于"}
ASPIRATIONAL_RE = re.compile(r"力争|争取|努力实现|努力达到")
_AMOUNT_END_RE = re.compile(r"(?:量|规模|能力)$")
# Words right before a number (spaces aside) that qualify it, in the order they are tried.
# Longest first: "不高于" is at_most although it ends with "高于".
_PRE_QUALIFIERS = tuple(sorted(
    [(w, "at_least") for w in ("不低于", "不少于", "不小于", "超过", "高于", "至少", "多于")]
    + [(w, "at_most") for w in ("不超过", "不高于", "不大于", "低于", "少于", "不到", "不能超过", "不得超过", "不能高于", "不得高于")]
    + [(w, "about") for w in ("约", "大约", "近", "接近")],
    key=lambda p: -len(p[0]),
))
_PRE_QUALIFIER_WORDS = tuple(w for w, _ in _PRE_QUALIFIERS)  # one endswith before the loop: most numbers have none
# "保持在30微克/立方米以下": holding a level under a bound is a cap.
_HOLD_VERBS = frozenset({"保持在", "保持", "稳定在", "维持在"})


def _noun_follows(text: str, pos: int) -> bool:
    """"减排项目", "污染治理减排项目": the verb names a kind of project (alone or with a second verb)."""
    if _NOUN_AFTER_VERB_RE.match(text, pos):
        return True
    second = VERB_RE.match(text, pos)
    return second is not None and _NOUN_AFTER_VERB_RE.match(text, second.end()) is not None


def last_verb(text: str, start: int, end: int) -> re.Match | None:
    last = None
    for m in VERB_RE.finditer(text, start, end):
        # One-character verbs (为, 达) govern only a number right after them ("目标为4%").
        if len(m.group(0)) == 1 and end - m.end() > 2:
            continue
        if text.startswith("的", m.end()) or _noun_follows(text, m.end()):
            continue  # "同比上升的企业", "减排项目", "治理任务": an attribute of a noun, not the predicate
        last = m
    return last


def direction_of(verb: str, q: Quantity) -> tuple[str, str | None]:
    """(direction, qualifier implied by the verb)."""
    kind = VERBS[verb]
    if kind == "down_to":
        return "decrease", None  # "下降到40%": down to a level
    if kind == "up_to":
        return "increase", None
    if kind == "reach" and verb in _HOLD_VERBS and q.qualifier == "at_most":
        return "cap", None
    if kind == "at_least":
        return "reach", "at_least"
    if kind == "cap":
        return "cap", ("at_most" if verb in _AT_MOST_VERBS else None)
    return kind, None


def amount_level(direction: str, verb: re.Match | None, indicator: str) -> str:
    """"完成减排量X", "形成X租赁规模": an amount or scale to attain, not things to build or close."""
    if direction == "complete" and verb is not None and verb.group(0) in ("完成", "形成", "实现") and _AMOUNT_END_RE.search(indicator or ""):
        return "reach"
    return direction


def aspirational(text: str, s_start: int, c_start: int, pos: int, has_subject: bool) -> bool:
    """力争/争取 before the number in its clause, or earlier in the sentence when this clause only
    continues the same predicate ("力争淘汰小火电机组500万千瓦,实现节约能源600万吨标准煤")."""
    if ASPIRATIONAL_RE.search(text, c_start, pos):
        return True
    return not has_subject and bool(ASPIRATIONAL_RE.search(text, s_start, c_start))



def pre_qualifier(text: str, c_start: int, pos: int) -> str | None:
    before = text[max(c_start, pos - 6):pos].rstrip()  # r"X\s*$": re's \s and str.rstrip() agree
    if not before.endswith(_PRE_QUALIFIER_WORDS):
        return None
    for word, qualifier in _PRE_QUALIFIERS:
        if before.endswith(word):
            return qualifier
    return None
