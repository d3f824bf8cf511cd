"""Tables flattened to text: a header of column labels over rows of cells, one row per place or per indicator.

Three layouts are read:

- rows on one line each, cells apart by white space ("北 京 -5.00 -6.04", "城市污水集中处理率(%)   62   85"),
  under a header line whose last labels name the columns ("2007年万元GDP能耗降低目标(%)", "2005年  2010年");
- cells apart by tabs (a saved page's <table>, as ingest writes it): an empty cell keeps its column, a
  row's last label cell names it (the ones before group or number the rows), a cell may hold words,
  and a header of two lines joins the label over several columns to each column's own;
- cells marked by "|" (a page's table pasted as text): a row on one line ("全市 | 3.4 | 42 |"), or one cell
  per line, each cell line opening with "|" and a row opening with its label line ("颍州区" then "| 不低于90%").

Columns are matched to labels from the left. A column is read when it holds targets: a label naming a
year before the notice is a record, and of two columns of one indicator ("降低目标", "降低率") the one
that says 目标 holds the target. A row labelled by a place gives the column's indicator for that place
(its scope); a row labelled by an indicator gives that indicator for the column's year. A cell may say
more than a number ("较2009年削减2%", "不低于90%", "减排量761吨", a clause with its own indicator); its
words give direction, baseline and qualifier as in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fyp.extract._quantities import Quantity, find_quantities, unit_table
from fyp.extract.indicators import OTHER, classify_indicator
from fyp.extract.targets.directions import VERBS, direction_of, last_verb, pre_qualifier
from fyp.extract.targets.frames import YEAR, DocContext, find_baselines, resolve_baseline
from fyp.extract.targets.rows import Row
from fyp.extract.targets.subjects import clean_subject
from fyp.text.matching import matches_at

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_YEAR_RE = re.compile(rf"({YEAR})\s*年")
_SPACE_RE = re.compile(r"\s+")
# A cell that is only a number: "62", "-4.00", "≥90", "85%以上".
# A number in square brackets ("[10]", "【16】") is, by the usual table note, a five-year cumulative figure.
_VALUE_TOKEN_RE = re.compile(r"^(?P<open>[\[【])?(?P<pre>[<>≤≥约]?)(?P<sign>[-−–+]?)(?P<num>\d+(?:\.\d+)?)(?P<pct>%?)(?P<qual>以上|以下|以内|左右)?(?(open)[\]】])$")
# The label of a column that gives each row's change over the period ("累计变化", "“十三五”变化", "增减").
_CHANGE_LABEL_RE = re.compile(rf"(?:{YEAR}\s*[-—–~至]\s*{YEAR}\s*年?|十[一二三四五]五|五年)?(?:累计|期间)?(?:变化|变动|增减|变化量|变化值|增减量|变化幅度)(?:[(（][^()（）]*[)）])?")
# A number a cell states: not a year (2019年) nor part of a name (PM2.5).
_VALUE_IN_CELL_RE = re.compile(r"(?<![A-Za-z.\d])\d+(?:\.\d+)?(?![\d.]|\s*年)")
# "单位：%" or "（单位：万吨标准煤）" ending a caption line: the unit of every cell below.
_CAPTION_UNIT_RE = re.compile(r"[(（]?\s*(?:计量)?单位\s*[:：]\s*([^\s()（）,，;；。]{1,10}?)\s*[)）]?[ \t\u3000]*(?=\n|$)")
_UNIT_PAREN_RE = re.compile(r"[(（]([^()（）]{1,12})[)）]")
# A cell that says "nothing asked here": "-", "—", "/".
_EMPTY_CELL_RE = re.compile(r"^(?:[-−–—－/／]{1,2}|无)$")
# A line whose last token is a number (or an empty-cell mark): a candidate row of a white-space table.
_ROW_END_RE = re.compile(r"[ \t\u3000](?:[<>≤≥约]?[-−–+]?\d+(?:\.\d+)?%?(?:以上|以下|以内|左右)?|[-−–—－/／]{1,2})[ \t\u3000]*$", re.M)
# Latin names with digits in a row label ("PM2.5", "CO2", "SO2") are names, not values.
_LATIN_NAME_RE = re.compile(r"[A-Za-z]+\d+(?:\.\d+)?")
# The column that gives each row's unit ("指标 | 单位 | 2015年 | 2020年").
_UNIT_COLUMN_RE = re.compile(r"(?:计量)?单位")
# A level in a cell with no verb caps a total, an intensity or a concentration; a share or rate is reached.
_CAP_LEVEL_KINDS = frozenset({"intensity", "concentration"})
_TOTAL_END_RE = re.compile(r"(?:总量|排放量|消费量|浓度|能耗)$")
_PROSE_RE = re.compile(r"[,。;:!?]")
_COLUMN_SPLIT_RE = re.compile(r"\s{2,}|\t|\s*\|\s*")
_LABEL_WITH_UNIT_RE = re.compile(r"[^()（）]*?[(（][^()（）]{1,10}[)）]")
# Words heading the column of row labels; a header's labels start after the last of them.
_ROW_HEADER_RE = re.compile(r"县市区|县\(市、区\)|县\(市\)区|区县|地区|地市|城市|省份|省市|省区市|单位|指标名称|指标|项目|名称|类别|行政区")
_ROW_HEADER_WORDS = ("县市区", "区县", "地区", "地市", "城市", "省份", "省市", "单位", "指标名称", "指标", "项目", "名称", "类别", "行政区")
# The same words as a header line may space them out ("地 区").
# A row-header word stands before a space ("地 区 2007年…", "完成情况地区 2007年…"), unlike the 单位 of a label.
_ROW_HEADER_SPACED_RE = re.compile("(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in _ROW_HEADER_WORDS) + ")(?=\\s)")
_QUALIFIERS = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "about",
               ">": "at_least", "≥": "at_least", "<": "at_most", "≤": "at_most", "约": "about"}
_DOWN_WORD_RE = re.compile(r"降低|下降|削减|减少|减排|压减|降幅")
_UP_WORD_RE = re.compile(r"提高|增长(?!率)|增加(?!值)|提升|增幅")
_CAP_WORD_RE = re.compile(r"控制|不超过|上限")
_TARGET_WORD_RE = re.compile(r"目标|任务|计划|要求")
# "上年" heads a column of last year's levels, "比上年降低" one of targets.
_RECORD_WORD_RE = re.compile(r"实际|完成|现状|基数|基期|基准|实绩|进度|(?<![比较])上年")
# What a column label says besides its indicator.
_LABEL_NOISE_RE = re.compile(rf"{YEAR}\s*年(?:底|末)?|[(（][^()（）]*[)）]|目标值|目标|任务|计划|指标|要求|完成情况|情况|实际值|实际|现状值|现状")
_PART_SPLIT_RE = re.compile(r"及|和|与")


@dataclass
class _Cell:
    start: int
    end: int
    text: str  # the cell's words with line breaks and spaces removed


@dataclass
class _Column:
    label: str
    indicator: str
    year: int | None
    unit: str | None
    target: bool
    direction: str | None
    change: bool = False  # the row's change over the period, not a level


@dataclass
class _Table:
    header: list[_Cell]  # the labels of the columns after the row-label column
    rows: list[list[_Cell]] = field(default_factory=list)  # each: row label, then the cells
    caption_year: int | None = None
    unit: str | None = None  # the unit a caption line states for every cell ("单位：%")


def table_rows(text: str, ctx: DocContext) -> tuple[list[Row], list[tuple[int, int]]]:
    """The target rows of the tables of ``text`` and the spans of the table cells they read (what
    the sentence reader must leave to them)."""
    out: list[Row] = []
    claimed: list[tuple[int, int]] = []
    tables = [*_space_tables(text), *(_pipe_tables(text) if "|" in text else ())]
    if "序号" in text:
        tables.extend(_line_tables(text))
    for table in tables:
        rows = _read(text, table, ctx)
        if rows:
            out.extend(rows)
            claimed.extend((row[0].start, row[-1].end) for row in table.rows)
    return out, claimed


# --- layouts → tables -------------------------------------------------------------------------

def _cell(text: str, start: int, end: int) -> _Cell:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Cell(start, end, _SPACE_RE.sub("", text[start:end]))


def _lines(text: str, start: int = 0):
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        yield start, end
        start = end + 1


def _space_row(text: str, start: int, end: int) -> list[_Cell] | None:
    """"北 京 -5.00 -6.04" → [北京, -5.00, -6.04]: a label of Chinese words, then numbers."""
    line = text[start:end]
    if _PROSE_RE.search(line) or "|" in line:  # a row marked by "|" is the pipe reader's
        return None
    if "\t" in line:
        return _tab_row(text, start, end)
    tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", line)]
    cells: list[_Cell] = []
    while tokens:
        s, e = tokens[-1]
        token = text[s:e]
        if _VALUE_TOKEN_RE.match(token):
            cells.insert(0, _Cell(s, e, token))
        elif _EMPTY_CELL_RE.match(token):
            cells.insert(0, _Cell(s, e, ""))  # a cell with nothing asked
        else:
            break
        tokens.pop()
    if not any(c.text for c in cells) or not tokens:
        return None
    label = _cell(text, tokens[0][0], tokens[-1][1])
    if not _HAN_RE.search(label.text) or len(label.text) > 40:
        return None
    return [label, *cells]


def _tab_cells(text: str, start: int, end: int) -> list[_Cell]:
    cells, pos = [], start
    while True:
        tab = text.find("\t", pos, end)
        cells.append(_cell(text, pos, end if tab < 0 else tab))
        if tab < 0:
            return cells
        pos = tab + 1


def _tab_row(text: str, start: int, end: int) -> list[_Cell] | None:
    """A row whose cells are apart by tabs (a page's table): an empty cell keeps its column, and of
    several label cells before the values ("一类地区 | 哈尔滨市", "1 | 哈尔滨市") the row is named by the
    last that has words and is no unit: the ones before it group the rows or number them."""
    cells = _tab_cells(text, start, end)
    while cells and not cells[-1].text:
        cells.pop()
    values: list[_Cell] = []
    while cells:
        c = cells[-1]
        if _VALUE_TOKEN_RE.match(c.text) or _VALUE_IN_CELL_RE.search(_LATIN_NAME_RE.sub("", c.text)):
            values.insert(0, c)  # a number, or words with one ("下降3.5%", "不低于90%"): read as a cell
        elif not c.text or _EMPTY_CELL_RE.match(c.text):
            values.insert(0, _Cell(c.start, c.end, ""))
        else:
            break
        cells.pop()
    labels = [c for c in cells if c.text]
    if not any(c.text for c in values) or not labels:
        return None
    named = [c for c in labels if _HAN_RE.search(c.text) and c.text not in unit_table()]
    text_of = named[-1].text if len(labels) > 1 and named and len(named) == len([c for c in labels if not c.text.isdigit()]) else None
    label = _cell(text, labels[0].start, labels[-1].end)
    if text_of is not None:
        label = _Cell(label.start, label.end, text_of)
    if not _HAN_RE.search(label.text) or len(label.text) > 40:
        return None
    return [label, *values]


_ROW_END_FIRST = (" ", "\t", "\u3000")  # every _ROW_END_RE match starts with one of these
# Above this many possible starts per character of text, the regex engine's own scan is cheaper.
_ROW_END_STARTS_MAX_SHARE = 1 / 50


def _row_end_matches(text: str):
    """``_ROW_END_RE.finditer(text)``, tried only at spaces and tabs: notices hold few of them, and the
    engine's scan for the character set that opens the pattern tests every character."""
    counts = [text.count(ch) for ch in _ROW_END_FIRST]
    if sum(counts) > len(text) * _ROW_END_STARTS_MAX_SHARE:
        return _ROW_END_RE.finditer(text)
    starts = []
    for ch, count in zip(_ROW_END_FIRST, counts):
        i = text.find(ch) if count else -1
        while i != -1:
            starts.append(i)
            i = text.find(ch, i + 1)
    starts.sort()
    return matches_at(_ROW_END_RE, text, starts)


def _row_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that may be rows, in order: those ending with a number or an empty-cell
    mark, and those with a tab (a page's table, whose last cell may be words: "不低于90%")."""
    found: dict[int, int] = {}
    for m in _row_end_matches(text):
        found.setdefault(text.rfind("\n", 0, m.start()) + 1, m.end())
    tab = text.find("\t")
    while tab != -1:
        l_end = text.find("\n", tab)
        l_end = len(text) if l_end < 0 else l_end
        found.setdefault(text.rfind("\n", 0, tab) + 1, l_end)
        tab = text.find("\t", l_end)
    return sorted(found.items())


def _space_tables(text: str) -> list[_Table]:
    tables: list[_Table] = []
    last_row_end = -1
    current: _Table | None = None
    for l_start, l_end in _row_lines(text):
        if l_start <= last_row_end:
            continue
        row = _space_row(text, l_start, l_end)
        if row is None:
            current = None
            continue
        if current is not None and l_start == last_row_end + 1 and len(row) == len(current.rows[-1]):
            current.rows.append(row)  # the next line, with as many cells
        else:
            header = _header_labels(text, l_start, len(row) - 1)
            if header is None:
                current = None
                last_row_end = l_end
                continue
            labels, caption_year = header
            current = _Table(labels, [row], caption_year, _caption_unit(text, labels[0].start))
            tables.append(current)
        last_row_end = l_end
    # One row is a table only under a header that names years ("指标名称  2005年  2010年").
    return [t for t in tables if len(t.rows) > 1 or sum(bool(_YEAR_RE.search(c.text)) for c in t.header) >= 2]


def _header_labels(text: str, row_start: int, k: int) -> tuple[list[_Cell], int | None] | None:
    """The last ``k`` column labels of the line before a table's first row, and a year its caption names."""
    if row_start < 2:
        return None
    h_end = row_start - 1
    h_start = text.rfind("\n", 0, h_end) + 1
    line = text[h_start:h_end]
    cells: list[_Cell] = []
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^\t|]+?(?=\s{2,}|\t|\||$)", line) if line[m.start():m.end()].strip()]
    if len(parts) >= k + 1 or (len(parts) == k and k >= 2):
        cells = [_cell(text, h_start + s, h_start + e) for s, e in parts[-k:]]
    else:
        closed = [(m.start(), m.end()) for m in _LABEL_WITH_UNIT_RE.finditer(line)]
        if len(closed) >= k:
            cells = [_trim_label(text, h_start + s, h_start + e) for s, e in closed[-k:]]
        else:
            years = [(m.start(), m.end()) for m in _YEAR_RE.finditer(line)]
            if len(years) >= k:
                cells = [_cell(text, h_start + s, h_start + e) for s, e in years[-k:]]
    if len(cells) != k or not all(c.text for c in cells):
        return None
    if "\t" in line and h_start >= 2:
        cells = _upper_labels(text, h_start, h_end, cells)
    return cells, _caption_year(text, h_start, cells[0].start)


def _upper_labels(text: str, h_start: int, h_end: int, cells: list[_Cell]) -> list[_Cell]:
    """A header of two tab lines, a label over the columns it spans ("单位GDP能耗降低（%）" over
    "2014年 | 2015年", as a page's colspan is written at each column): each column's label is both."""
    u_end = h_start - 1
    u_start = text.rfind("\n", 0, u_end) + 1
    lower, upper = _tab_cells(text, h_start, h_end), _tab_cells(text, u_start, u_end)
    if len(upper) != len(lower) or _space_row(text, u_start, u_end) is not None:
        return cells
    at = {c.start: i for i, c in enumerate(lower)}
    out = []
    for c in cells:
        above = upper[at[c.start]].text if c.start in at else ""
        out.append(_Cell(c.start, c.end, above + c.text) if above and above != c.text else c)
    return out


def _trim_label(text: str, start: int, end: int) -> _Cell:
    """A label cut out of a header line that runs on from the caption: it starts after the last
    row-header word ("地 区") or sentence mark before it."""
    for m in _ROW_HEADER_SPACED_RE.finditer(text, start, end):
        start = m.end()
    for ch in "。,:;":
        k = text.rfind(ch, start, end)
        if k >= 0:
            start = k + 1
    return _cell(text, start, end)


def _caption_year(text: str, before: int, header_start: int) -> int | None:
    """A year named by the table's caption: the header line before its labels, or the two lines above."""
    lo = before
    for _ in range(2):
        if lo <= 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    years = [int(m.group(1)) for m in _YEAR_RE.finditer(text, lo, header_start)]
    return years[-1] if years else None


def _caption_unit(text: str, header_start: int) -> str | None:
    """The unit a caption states for the whole table, on a line of its own or closing the caption,
    in the two lines above the header: "单位：%", "（单位：万吨）"."""
    h_start = text.rfind("\n", 0, header_start) + 1
    lo = h_start
    for _ in range(2):
        if lo <= 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    found = [m.group(1) for m in _CAPTION_UNIT_RE.finditer(text, lo, h_start)]
    return found[-1] if found and found[-1] in unit_table() else None


def _pipe_tables(text: str) -> list[_Table]:
    """Tables whose cells are marked by "|", on one line or one cell per line."""
    grids: list[list[list[_Cell]]] = []
    rows: list[list[_Cell]] = []
    current: list[_Cell] | None = None
    last_pipe_line = -10
    after_empty_cell = True  # the line before closed a row (or there is none)
    for i, (l_start, l_end) in enumerate(_lines(text)):
        line = text[l_start:l_end]
        stripped = line.strip()
        bar = line.find("|")
        if bar < 0:
            if i - last_pipe_line > 3 or not stripped:
                if rows:
                    grids.append(rows)
                rows, current, after_empty_cell = [], None, True
                if not stripped:
                    continue
                # a line that may open the first row of a table starting below
                rows, current = [], [_cell(text, l_start, l_end)]
                rows.append(current)
                continue
            if current is None or after_empty_cell:
                current = [_cell(text, l_start, l_end)]
                rows.append(current)
            else:
                c = current[-1]
                current[-1] = _cell(text, c.start, l_end)  # the cell runs on over this line
            after_empty_cell = False
            continue
        last_pipe_line = i
        if not stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 3):
            # a whole row on this line: "全市 | 3.4 | 42 |", "| 全市 | 3.4 |"
            bounds = [l_start - 1] + [l_start + j for j, ch in enumerate(line) if ch == "|"] + [l_end]
            cells = [_cell(text, a + 1, b) for a, b in zip(bounds, bounds[1:])]
            if cells and not cells[0].text and stripped.startswith("|"):
                cells = cells[1:]
            while cells and not cells[-1].text:
                cells.pop()
            current = cells
            rows.append(current)
            after_empty_cell = True
            continue
        # one cell per line: "| 不低于90%", or "|" for an empty cell
        if current is None:
            current = []
            rows.append(current)
        pieces = line[bar + 1:].split("|")
        pos = l_start + bar + 1
        for piece in pieces:
            current.append(_cell(text, pos, pos + len(piece)))
            pos += len(piece) + 1
        after_empty_cell = not current[-1].text
    if rows:
        grids.append(rows)
    return [t for g in grids if (t := _grid_table(text, g)) is not None]


# A header line of a one-cell-per-line table: a short label, no sentence in it.
_LINE_LABEL_RE = re.compile(r"[^,。;:!?]{1,20}")
_SERIAL_HEADER_RE = re.compile(r"序号|编号")


def _line_tables(text: str) -> list[_Table]:
    """Tables with one cell per line and no marks (a page's table copied cell by cell): a header of
    k label lines opening with 序号, then rows opening with their serial numbers 1, 2, 3 … The serial
    numbers fix where each row starts; a row with a cell too few whose label ends with a unit (a label
    and its unit joined on one line) has the unit split off, and any other row that does not line up is
    left unread."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]

    def at(j: int) -> str:
        return text[lines[j][0]:lines[j][1]].strip()

    tables: list[_Table] = []
    i = 0
    while i < len(lines):
        if not _SERIAL_HEADER_RE.fullmatch(at(i)):
            i += 1
            continue
        k = 1
        while i + k < len(lines) and at(i + k) != "1" and _LINE_LABEL_RE.fullmatch(at(i + k)) and k <= 10:
            k += 1
        if k < 3 or i + k >= len(lines) or at(i + k) != "1":
            i += 1
            continue
        header = [_cell(text, *lines[i + j]) for j in range(1, k)]
        unit_col = next((j for j, c in enumerate(header) if _UNIT_COLUMN_RE.fullmatch(c.text)), None)
        rows: list[list[_Cell]] = []
        pos, n = i + k, 1
        while pos < len(lines) and at(pos) == str(n):
            # The next row starts at the line "n+1" nearest to where a full row would end.
            nxt = next((j for d in (0, -1, 1, -2, 2) if pos < (j := pos + k + d) < len(lines) and at(j) == str(n + 1)), None)
            stop = nxt if nxt is not None else min(pos + k, len(lines))
            cells = [_cell(text, *lines[j]) for j in range(pos + 1, stop)]
            if len(cells) == k - 2 and unit_col == 1:
                cells = _split_unit(text, cells)
            if len(cells) == k - 1:
                rows.append(cells)
            if nxt is None:
                pos = stop
                break
            pos, n = nxt, n + 1
        table = _grid_table(text, [header, *rows]) if rows else None
        if table is not None:
            tables.append(table)
        i = pos if rows else i + 1
    return tables


def _split_unit(text: str, cells: list[_Cell]) -> list[_Cell]:
    """A row label that ends with its unit ("单位GDP二氧化碳排放降低%"): the label and a unit cell."""
    label = cells[0]
    for unit in sorted((u for u in unit_table() if label.text.endswith(u) and len(u) < len(label.text)), key=len, reverse=True):
        if text[label.end - len(unit):label.end] == unit:
            return [_cell(text, label.start, label.end - len(unit)), _cell(text, label.end - len(unit), label.end), *cells[1:]]
    return cells


def _grid_table(text: str, grid: list[list[_Cell]]) -> _Table | None:
    data_at = next((i for i, row in enumerate(grid) if _is_data_row(row)), None)
    if data_at is None or data_at == 0:
        return None
    header = [c for c in grid[data_at - 1]]
    while header and not header[-1].text:
        header.pop()
    body = [row for row in grid[data_at:] if _is_data_row(row)]
    if not header or not body:
        return None
    # The first label heads the row labels when it is a row-header word or the header is as wide as a row.
    if _ROW_HEADER_RE.fullmatch(header[0].text or "") or len(header) == max(len(row) for row in body):
        header = header[1:]
    if not header:
        return None
    return _Table(header, body, _caption_year(text, grid[0][0].start, body[0][0].start), _caption_unit(text, header[0].start))


def _is_data_row(row: list[_Cell]) -> bool:
    label = row[0].text
    name = _LATIN_NAME_RE.sub("", label)
    return (len(row) >= 2 and 0 < len(label) <= 24 and _HAN_RE.search(label) is not None and not any(ch.isdigit() for ch in name)
            and any(_VALUE_IN_CELL_RE.search(c.text) for c in row[1:]))


# --- tables → targets ---------------------------------------------------------------------------

def _column(cell: _Cell, table_unit: str | None) -> _Column:
    label = cell.text
    year = _YEAR_RE.search(label)
    unit = None
    for m in _UNIT_PAREN_RE.finditer(label):
        if m.group(1) in unit_table():
            unit = m.group(1)
    indicator = _LABEL_NOISE_RE.sub("", label)
    direction = ("decrease" if _DOWN_WORD_RE.search(label) else "increase" if _UP_WORD_RE.search(label)
                 else "cap" if _CAP_WORD_RE.search(label) else _complete_verb(label))
    indicator = _DOWN_WORD_RE.sub("", indicator) if direction == "decrease" and _DOWN_WORD_RE.sub("", indicator) else indicator
    return _Column(label, indicator, int(year.group(1)) if year else None, unit or table_unit,
                   _TARGET_WORD_RE.search(label) is not None and _RECORD_WORD_RE.search(label) is None, direction,
                   _CHANGE_LABEL_RE.fullmatch(re.sub(r"[\s“”\"]", "", label)) is not None)


def _complete_verb(label: str) -> str | None:
    """"淘汰燃煤小锅炉（蒸吨）", "新建充电桩（个）": a column of things to close or build, as the verb says in prose."""
    verb = last_verb(label, 0, len(label))
    return "complete" if verb is not None and VERBS.get(verb.group(0)) == "complete" else None


def _target_columns(columns: list[_Column], ctx: DocContext) -> list[bool]:
    keep = []
    by_core: dict[str, list[int]] = {}
    for i, col in enumerate(columns):
        by_core.setdefault(_core(col.label), []).append(i)
    years = [c.year for c in columns if c.year]
    for col in columns:
        if _RECORD_WORD_RE.search(col.label) and not col.target:
            keep.append(False)
        elif len(by_core[_core(col.label)]) > 1 and any(columns[j].target for j in by_core[_core(col.label)]) and not col.target:
            keep.append(False)  # "降低率" beside "降低目标": what was achieved
        elif col.year and not col.target and ctx.cutoff is not None and col.year < ctx.cutoff:
            keep.append(False)  # a column of a year before the notice is its record
        elif col.year and not col.target and ctx.cutoff is None and years and col.year != max(years):
            keep.append(False)
        else:
            keep.append(True)
    return keep


def _core(label: str) -> str:
    return re.sub(r"降低|下降|目标|率|完成|实际|情况|值", "", _LABEL_NOISE_RE.sub("", label))


def _read(text: str, table: _Table, ctx: DocContext) -> list[Row]:
    columns = [_column(c, table.unit) for c in table.header]
    keep = _target_columns(columns, ctx)
    unit_at = next((i for i, c in enumerate(columns) if _UNIT_COLUMN_RE.fullmatch(c.label)), None)
    if unit_at is not None:
        keep[unit_at] = False
    year_columns = all((c.year and not c.indicator) or i == unit_at for i, c in enumerate(columns))
    out: list[Row] = []
    for row in table.rows:
        label = row[0]
        label_unit = next((m.group(1) for m in _UNIT_PAREN_RE.finditer(label.text) if m.group(1) in unit_table()), None)
        if label_unit is None and unit_at is not None and unit_at + 1 < len(row) and row[unit_at + 1].text in unit_table():
            label_unit = row[unit_at + 1].text
        row_name = _UNIT_PAREN_RE.sub("", label.text)
        # A row names an indicator (its unit, a vocabulary indicator, or year columns over it), else a place.
        by_indicator = year_columns or label_unit is not None or classify_indicator(row_name) != OTHER
        for i, cell in enumerate(row[1:len(columns) + 1]):
            col = columns[i]
            if not keep[i] or not cell.text:
                continue
            year = col.year or table.caption_year or ctx.default_year
            if year is not None and ctx.cutoff is not None and year < ctx.cutoff and not col.target:
                continue
            indicator = row_name if by_indicator else col.indicator
            scope = None if by_indicator else row_name
            unit = label_unit or col.unit
            trend = _level_trend(row, columns) if col.change else None
            out.extend(_cell_targets(text, label, cell, indicator, scope, unit, year, col, ctx, trend))
    return out


def _level_trend(row: list[_Cell], columns: list[_Column]) -> str | None:
    """Whether a row's levels rise or fall from its first year column to its last ("52 | 85": up)."""
    levels = []
    for i, col in enumerate(columns):
        if col.year and i + 1 < len(row) and (m := _VALUE_TOKEN_RE.match(row[i + 1].text)) and not m.group("open"):
            levels.append(float(m.group("num")) * (-1 if m.group("sign") in ("-", "−", "–") else 1))
    if len(levels) < 2 or levels[-1] == levels[0]:
        return None
    return "increase" if levels[-1] > levels[0] else "decrease"


def _cell_targets(text, label: _Cell, cell: _Cell, indicator: str, scope, unit, year, col: _Column, ctx: DocContext,
                  trend: str | None = None) -> list[Row]:
    token = _VALUE_TOKEN_RE.match(cell.text)
    if token:
        u = unit_table().get("%" if token.group("pct") else (unit or ""))
        if u is None:
            return []
        value = float(token.group("num"))
        negative = token.group("sign") in ("-", "−", "–")
        # "单位GDP能耗降低 | [14.5]": a row whose indicator says which way it goes gives its cells' direction.
        direction = "decrease" if negative else (col.direction or (_label_direction(indicator) if token.group("open") else None)
                                                 or _level_direction(indicator, u.kind))
        if col.change and scope is None:
            own_direction = _label_direction(indicator)
            direction = "decrease" if negative else own_direction or trend or "increase"
            if own_direction is None and u.name == "%":
                u = unit_table()["个百分点"]  # the change of a rate or share over the period: points, not %
            elif own_direction is None and u.kind != "relative" and _TOTAL_RE.search(indicator) and direction == "increase":
                indicator = f"{indicator}增量"
        qual = _QUALIFIERS.get(token.group("qual") or "") or _QUALIFIERS.get(token.group("pre") or "") or "exact"
        q = Quantity(cell.start, cell.end, cell.end, value, u.name, u.base_unit, u.factor, u.kind, None)
        baseline = _period_baseline(direction, u.kind, year, ctx)
        return [Row(start=label.start, end=cell.end, order=ctx.next_order(), indicator_text=indicator, direction=direction, q=q,
                    qualifier=qual, aspirational=False, baseline_year=baseline, target_year=year, scope=scope)]
    # A cell with words: read like a clause ("较2009年削减2%", "不低于90%", "减排量761吨").
    qs = find_quantities(text, cell.start, cell.end)
    if not qs and unit in unit_table():
        qs = _bare_quantity(text, cell, unit_table()[unit])  # "增加190" in a row whose unit column says 万吨标准煤
    parts = [p for p in _PART_SPLIT_RE.split(indicator) if p] if len(qs) > 1 else [indicator]
    if len(parts) != len(qs):
        parts = [indicator] * len(qs)
    baselines = find_baselines(text, cell.start, cell.end)
    out = []
    prev = cell.start
    for q, part in zip(qs, parts):
        verb = last_verb(text, prev, q.start)
        direction, verb_qual = direction_of(verb.group(0), q) if verb else (col.direction or "reach", None)
        own, _ = clean_subject(text[prev:verb.start() if verb else q.start].strip(" ;。,、|"))
        if own and (classify_indicator(own) != OTHER and len(own) > 3 or len(own) >= 6):
            name = own  # the cell states its own indicator
        elif own and own.casefold() in part.casefold():
            name = part  # "COD削减761吨" under "COD消减量"
        elif own and not any(ch.isdigit() for ch in own):
            name = part + own  # "减排量761吨" under 化学需氧量
        else:
            name = part
        if direction == "increase" and q.kind != "relative" and _TOTAL_RE.search(name):
            name = f"{name}增量"  # "能源消费总量 … 增加190": the increment of the total, not the total
        base = [b for b in baselines if prev <= b[0] < q.start]
        baseline = resolve_baseline(base[-1][2], year) if base else _period_baseline(direction, q.kind, year, ctx)
        qualifier = q.qualifier or pre_qualifier(text, prev, q.start) or verb_qual or "exact"
        out.append(Row(start=label.start, end=q.end, order=ctx.next_order(), indicator_text=name, direction=direction, q=q,
                       qualifier=qualifier, aspirational=False, baseline_year=baseline, target_year=year, scope=scope))
        prev = q.end
    return out


_TOTAL_RE = re.compile(r"总量")


def _label_direction(label: str) -> str | None:
    """The direction an indicator's own words give ("单位GDP能耗降低"): its figures are changes."""
    return "decrease" if _DOWN_WORD_RE.search(label) else "increase" if _UP_WORD_RE.search(label) else None


def _level_direction(indicator: str, unit_kind: str) -> str:
    """A level in a cell, no verb: a cap on a total, an intensity or a concentration, else a share or rate to reach."""
    if unit_kind != "relative" and (unit_kind in _CAP_LEVEL_KINDS or _TOTAL_END_RE.search(_UNIT_PAREN_RE.sub("", indicator))):
        return "cap"
    return "reach"


def _period_baseline(direction: str, unit_kind: str, year: int | None, ctx: DocContext) -> int | None:
    """A change in % over a plan period's columns ("“十三五”变化 | 下降16%") counts from the period's start;
    a yearly table (an annual plan's) names no baseline."""
    doc = ctx.doc
    if (direction in ("decrease", "increase") and not ctx.plan_year and year is not None and year == ctx.plan_end
            and doc.plan_start_year):
        return doc.plan_start_year - 1
    return None


def _bare_quantity(text: str, cell: _Cell, unit) -> list[Quantity]:
    """The one number of a worded cell, in the unit its row gives."""
    found = list(_VALUE_IN_CELL_RE.finditer(text, cell.start, cell.end))
    if len(found) != 1:
        return []
    m = found[0]
    # "控制在780以内": the bound after the number is its qualifier, as after a unit.
    qual = next((_QUALIFIERS[w] for w in ("以上", "以下", "以内", "左右") if text.startswith(w, m.end(), cell.end)), None)
    end = m.end() + (2 if qual else 0)
    return [Quantity(m.start(), end, m.end(), float(m.group(0)), unit.name, unit.base_unit, unit.factor, unit.kind, qual)]
