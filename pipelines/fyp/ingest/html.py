"""Saved web pages → the notice text: navigation, scripts and boilerplate dropped, paragraphs kept."""

from __future__ import annotations

import re

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "select", "button")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td", "dd", "dt")
_CANDIDATE_TAGS = frozenset(("div", "article", "section", "td", "main"))
_MAX_BLOCK_DEPTH = 48
# Class or id names of page chrome on Chinese government and news sites.
_CHROME = re.compile(r"nav|menu|header|footer|breadcrumb|crumb|sidebar|share|bdshare|copyright|banner|toolbar|login|search|related|recommend|comment|ad-|advert", re.I)


def html_to_text(html: str) -> str:
    """The readable text of the page's main content, one paragraph a line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

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
    for tag in _BLOCK_TAGS:
        for node in best.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    text = best.text(separator="", strip=False)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.splitlines()]
    title = tree.css_first("title")
    out = "\n".join(ln for ln in lines if ln)
    if title is not None and title.text(strip=True) and title.text(strip=True)[:10] not in out[:500]:
        out = title.text(strip=True) + "\n" + out
    return out + "\n" if out else ""


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
