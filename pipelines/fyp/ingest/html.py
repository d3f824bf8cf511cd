"""Saved web pages → the notice text: navigation, scripts and boilerplate dropped, paragraphs kept."""

from __future__ import annotations

import re

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "select", "button")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td", "dd", "dt")
_CANDIDATE_TAGS = frozenset(("div", "article", "section", "td", "main"))
_MAX_BLOCK_DEPTH = 48
# Class or id names of page chrome on Chinese government and news sites.
_CHROME = re.compile(r"nav|menu|header|footer|breadcrumb|crumb|sidebar|share|bdshare|copyright|banner|toolbar|login|search|related|recommend|comment|ad-|advert", re.I)
# Elements that make a table cell hold paragraphs rather than one piece of text.
_CELL_BLOCKS = "p, div, li, ul, ol, dl, dd, dt, h1, h2, h3, h4, h5, h6, section, article, blockquote, pre, table"
# Stands for a tab between cells until white space is collapsed (private use: no page text has it).
_CELL_SEP = "\ue000"
# A colspan beyond this is a typo or an attack, not a table (a rowspan stops at the table's last row).
_MAX_COLSPAN = 100


def html_to_text(html: str) -> str:
    """The readable text of the page's main content, one paragraph a line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    if _CELL_SEP in html:
        html = html.replace(_CELL_SEP, "")
    tree = HTMLParser(html)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _CHROME.search(names) and node.tag not in ("body", "html"):
            node.decompose()
    body = tree.body or tree.root
    if body is None:
        return ""
    # The main content is the block holding the most text with the fewest links.
    body_score = _score(body)
    best, best_score = body, body_score
    for node in _blocks(body):
        score = _score(node)
        if score > best_score and score > 0.6 * body_score:
            best, best_score = node, score
    # Decide every table before rewriting any: a layout table holding a data table stays a layout table.
    for table in [t for t in best.css("table") if _is_data_table(t)]:
        table.replace_with("\n" + _table_text(table) + "\n")
    for tag in _BLOCK_TAGS:
        for node in best.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    text = best.text(separator="", strip=False)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.splitlines()]
    title = tree.css_first("title")
    out = "\n".join(ln for ln in lines if ln).replace(_CELL_SEP, "\t")
    if title is not None and title.text(strip=True) and title.text(strip=True)[:10] not in out[:500]:
        out = title.text(strip=True) + "\n" + out
    return out + "\n" if out else ""


def _is_data_table(table) -> bool:
    """A table of data, not of page layout: no table inside it, at least two columns, and every cell
    one piece of text (one <p> or <div> around it at most, as word processors export every cell)."""
    blocks = table.css(_CELL_BLOCKS)  # the table itself among them
    if any(b.tag == "table" for b in blocks[1:]):
        return False
    per_cell: dict[int, int] = {}
    for block in blocks[1:]:
        cell = block.parent
        while cell is not None and cell.tag not in ("td", "th", "table"):
            cell = cell.parent
        if cell is not None and cell.tag != "table":
            per_cell[cell.mem_id] = per_cell.get(cell.mem_id, 0) + 1
            if per_cell[cell.mem_id] > 1:
                return False
    for row in table.css("tr"):
        cells = [c for c in row.iter() if c.tag in ("td", "th")]
        if len(cells) > 1 or any(_span(c, "colspan") > 1 for c in cells):
            return True
    return False


def _span(cell, name: str) -> int:
    value = (cell.attributes.get(name) or "").strip()
    return min(int(value), _MAX_COLSPAN if name == "colspan" else 65534) if value.isdigit() and int(value) > 0 else 1


def _table_text(table) -> str:
    """The table one row a line, its cells apart by _CELL_SEP (a tab in the end). A cell spanning
    rows or columns is written at every row and column it covers, as a reader of the page sees it
    there, so that each line has its cells in the header's columns."""
    for br in table.css("br"):
        br.insert_before(" ")  # a line break inside a cell only wraps its text
    lines = []
    caption = table.css_first("caption")
    if caption is not None and (words := _cell_text(caption)):
        lines.append(words)
    rows = [[c for c in row.iter() if c.tag in ("td", "th")] for row in table.css("tr")]
    pending: dict[int, dict[int, str]] = {}  # row → column → text of a cell spanning into it from above
    for r, cells in enumerate(rows):
        out: list[str] = []
        above = pending.pop(r, {})
        for cell in cells:
            while len(out) in above:
                out.append(above.pop(len(out)))
            text = _cell_text(cell)
            c0 = len(out)
            down = min(_span(cell, "rowspan"), len(rows) - r)
            for dc in range(_span(cell, "colspan")):
                out.append(text)
                for dr in range(1, down):
                    pending.setdefault(r + dr, {})[c0 + dc] = text
        for col in sorted(above):  # cells from above after this row's own, past any it lacks
            out.extend([""] * (col - len(out)))
            out.append(above[col])
        while out and not out[-1]:
            out.pop()
        if out:
            lines.append(_CELL_SEP.join(out))
    return "\n".join(lines)


def _cell_text(cell) -> str:
    return _SPACE_RE.sub(" ", cell.text(separator="", strip=False)).strip()


_SPACE_RE = re.compile(r"\s+")


def _blocks(body):
    """The candidate content blocks below ``body`` in document order, down to _MAX_BLOCK_DEPTH levels:
    the content of a real page lies a few levels down, and scoring every block of a deeply nested
    page (unclosed tags, tens of thousands deep) would cost time in the square of its depth."""
    stack = [(child, 1) for child in reversed(list(body.iter()))]
    while stack:
        node, depth = stack.pop()
        if node.tag in _CANDIDATE_TAGS:
            yield node
        if depth < _MAX_BLOCK_DEPTH:
            stack.extend((child, depth + 1) for child in reversed(list(node.iter())))


def _score(node) -> float:
    text = node.text(separator="", strip=True)
    link_text = sum(len(a.text(strip=True)) for a in node.css("a"))
    return len(text) - 2 * link_text
