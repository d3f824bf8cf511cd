"""Indicator tables flattened to text: a header naming years over rows of cells."""

from __future__ import annotations

import re

from fyp.extract._quantities import Quantity, unit_table
from fyp.extract.targets.frames import YEAR, DocContext
from fyp.extract.targets.rows import Row

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")

# "指标名称   2005年   2010年" over rows "城市污水集中处理率(%)   62   85": the value under the
# latest year column is that year's target level.
_TABLE_HEADER_RE = re.compile(rf"^\s*[^\d。,;]{{0,12}}?(?:[\s|]+{YEAR}\s*年?[^\s|\d。,;]{{0,4}}){{2,}}[\s|]*[^\d。,;]{{0,12}}$")
_TABLE_YEAR_RE = re.compile(rf"{YEAR}")
_CELL_SPLIT_RE = re.compile(r"\s{2,}|\t|\s*\|\s*")
_CELL_NUM_RE = re.compile(r"^(?P<pre>[<>≤≥约]?)(?P<num>\d+(?:\.\d+)?)(?P<qual>以上|以下|以内|左右)?$")
_CELL_UNIT_RE = re.compile(r"[(（]([^()（）]{1,12})[)）]\s*$")


def table_rows(text: str, ctx: DocContext, sentences: list[tuple[int, int]]) -> list[Row]:
    """Rows of the indicator tables of ``text``; ``sentences`` are its worth_sentences: a header
    names two years, so its line holds one of them and no other line needs the header test."""
    out: list[Row] = []
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
            q = Quantity(r_start + cell_at, end, end, float(m.group("num")), unit.name, unit.base_unit, unit.factor, unit.kind, qual)
            out.append(Row(start=start, end=end, order=ctx.next_order(), indicator_text=indicator, direction="reach", q=q,
                            qualifier=qual or "exact", aspirational=False, baseline_year=None, target_year=target_year, scope=None))
    return out
