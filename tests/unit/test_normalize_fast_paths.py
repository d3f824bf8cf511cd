"""The fast scans of normalize's line joining find what the plain regexes they replace find."""

from __future__ import annotations

import random
import re

import pytest

from fyp.text.normalize import (
    _MIN_WRAPPED_LINE,
    _SENTENCE_ENDS,
    _STANDALONE_LINE_RE,
    _STANDALONE_NEXT_RE,
    _long_mid_sentence_breaks,
    _search_standalone,
)

# The scan as a regex led by the line's last character (tried at every character of the text).
_PLAIN_MID_SENTENCE_BREAK_RE = re.compile(f"[^\\s{_SENTENCE_ENDS}][ \\t]*\\r?\\n(?=[^\\s])")


def _plain_long_mid_sentence_breaks(text: str) -> list[int]:
    return [
        m.end() - 1 for m in _PLAIN_MID_SENTENCE_BREAK_RE.finditer(text)
        if m.start() - text.rfind("\n", 0, m.start()) > _MIN_WRAPPED_LINE
    ]


TEXTS = [
    "各区县要把节能减排工作摆在更加突出的位置上并\n认真抓好落实,确保完成全年目标任务。\n二、主要任务\n",
    "全市规模以上工业企业单位增加值能耗同比下降 \t\r\n百分之五以上的目标要在年底前完成\r\n 缩进的一行\n",
    "这一行在句号前换行的长句子写到这里就结束了。\n下一行\n这一行以冒号结束并且足够长的一行文字:\n内容",
    "一行以回车结束但后面又有回车的很长的一行字\r\r\n下一行\n空格之后是回车的长长长长长长长长长一行\r \n下",
    "短行\n短行\n\n\n",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_breaks_after_long_lines_in_mid_sentence_are_those_the_plain_regex_finds(text):
    assert _long_mid_sentence_breaks(text) == _plain_long_mid_sentence_breaks(text)


def test_breaks_after_long_lines_agree_on_random_texts():
    rng = random.Random(7)
    alphabet = [*"节能降耗。;:)\r\n \t\u3000", "\r\n", "x", "x", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert _long_mid_sentence_breaks(text) == _plain_long_mid_sentence_breaks(text), repr(text)


LINES = [
    "某市节能办〔2011〕 12 号",
    "2012年3月5日  ",
    "降低目标(%) 2007",
    "单位  指标  目标",
    "指标\t目标",
    "| 指标 | 目标 |",
    "发布时间:2013-05-06 10:30",
    "单位生产总值能耗下降 16.5%,",
    "全市要加快淘汰落后产能,确保完成目标任务。",
    "第三章 主要任务",
    "阿拉伯文数字 ٣",
    "",
]


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("pattern", [_STANDALONE_LINE_RE, _STANDALONE_NEXT_RE])
def test_standalone_search_is_the_plain_search(pattern, line):
    assert bool(_search_standalone(pattern, line)) == bool(pattern.search(line))


def test_standalone_search_agrees_on_random_lines():
    rng = random.Random(11)
    pieces = ["2012", "19", "年", "月", "日", "号", "〔", "〕", "[", "]", " ", "  ", "\t", "|", "-", "5", "%", ".",
              ",", "能耗", "\u3000", "٣", ":", "30", "。"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for pattern in (_STANDALONE_LINE_RE, _STANDALONE_NEXT_RE):
            assert bool(_search_standalone(pattern, line)) == bool(pattern.search(line)), repr(line)


def _plain_cell_separators(source: str) -> list[int]:
    """Table cells' single ideographic spaces, line by line: what normalize._cell_separators finds."""
    from fyp.text.normalize import _MIN_ROW_SEPARATORS

    blank = " \t\r\n\u3000\u00a0"
    lines, start = [], 0
    for k, line in enumerate(source.split("\n")):
        seps = [start + i for i, ch in enumerate(line) if ch == "\u3000" and 0 < i < len(line) - 1
                and line[i - 1] not in blank and line[i + 1] not in blank]
        lines.append((k, seps, not line.strip()))
        start += len(line) + 1
    rows = [k for k, seps, _ in lines if len(seps) >= _MIN_ROW_SEPARATORS]
    empty = {k for k, _, is_blank in lines if is_blank}
    near = set()
    for a, b in zip(rows, rows[1:], strict=False):
        if all(k in empty for k in range(a + 1, b)):
            near |= {a, b}
    return [p for k, seps, _ in lines if k in near for p in seps]


def test_cell_separators_match_the_line_by_line_reading():
    from fyp.text.normalize import _cell_separators

    rng = random.Random(7)
    for _ in range(4000):
        text = "".join(rng.choice("甲乙丙\u3000\u3000 \n\t\r\u00a01a") for _ in range(rng.randint(0, 60)))
        assert _cell_separators(text) == _plain_cell_separators(text), repr(text)
