"""Form-only changes of a notice's text, for metamorphic checks of the extractor.

Each perturbation changes how a notice is written down (script, character width, line breaks, spaces,
the page or news site around it, the encoding of its bytes) but not what it says, so the rows extracted
from it should be the rows extracted from the original. Every function is ``str -> str`` and
deterministic: where it chooses (which lines, where to break) it draws from a generator seeded by the
``seed`` argument (the notice's file name), so a run can be repeated byte for byte.

:data:`PERTURBATIONS` names each with how its text is saved (file suffix and encoding).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


def _rng(name: str, seed: str) -> random.Random:
    return random.Random(hashlib.sha256(f"{name}\0{seed}".encode()).digest())


# --- script -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def traditional(text: str, seed: str = "") -> str:
    """The text in traditional script (OpenCC s2t, phrase by phrase as a converting site does)."""
    return _s2t().convert(text)


# --- character width --------------------------------------------------------------------------------

# What `fullwidth` turns to its full-width form: digits, Latin letters and the punctuation of numbers
# and clauses that Chinese typesetting also has in full width.
_TO_FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789%():;,"}
_TO_FULL.update({c: chr(ord(c) + 0xFEE0) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})
_TO_FULL_TABLE = str.maketrans(_TO_FULL)
# `halfwidth`: every character of the full-width ASCII block, and the ideographic space.
_TO_HALF_TABLE = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


def fullwidth(text: str, seed: str = "") -> str:
    """Digits, Latin letters and % ( ) : ; , in their full-width forms (２０％, ＣＯＤ, （一）)."""
    return text.translate(_TO_FULL_TABLE)


def halfwidth(text: str, seed: str = "") -> str:
    """Every full-width ASCII form (，：；（）％ and digits, letters) and the ideographic space in half width."""
    return text.translate(_TO_HALF_TABLE)


# --- text copied out of a PDF -----------------------------------------------------------------------

_SENTENCE_END = "。；;！？!?：:\n"
# Characters that belong to a number or a code: no line break between two of them.
_NUMBERISH = re.compile(r"[0-9０-９.．%％A-Za-zＡ-Ｚａ-ｚ]")


def pdf_breaks(text: str, seed: str = "") -> str:
    """A line break inside sentences every 20–60 characters, as text copied from a PDF's fixed-width
    lines has; never between two characters of a number or a code (6.5%, PM2.5), never next to an
    existing break."""
    rng = _rng("pdf_breaks", seed)
    out: list[str] = []
    next_break = rng.randint(20, 60)
    run = 0
    for i, ch in enumerate(text):
        out.append(ch)
        if ch == "\n":
            run = 0
            continue
        run += 1
        if run < next_break or i + 1 >= len(text):
            continue
        after = text[i + 1]
        if ch in _SENTENCE_END or after in _SENTENCE_END or after.isspace() or ch.isspace():
            continue
        if _NUMBERISH.match(ch) and _NUMBERISH.match(after):
            continue
        out.append("\n")
        run = 0
        next_break = rng.randint(20, 60)
    return "".join(out)


def _width(ch: str) -> float:
    """How much of a PDF line a character takes: half a cell for ASCII (digits, Latin, "%"), one otherwise."""
    return 0.5 if ord(ch) < 0x80 else 1.0


def pdf_lines(text: str, seed: str = "") -> str:
    """The text as a PDF text layer gives it: every line of a paragraph ends where the page's fixed width
    (28–36 cells, drawn once per notice; ASCII takes half a cell) is full, wherever that falls (after a
    comma, before a "。", inside a phrase or a date), except between two characters of a number or a code,
    which the line ends after. Headings, list items and other short lines stay as they are."""
    width = _rng("pdf_lines", seed).randint(28, 36)
    out: list[str] = []
    filled = 0.0
    for i, ch in enumerate(text):
        out.append(ch)
        if ch == "\n":
            filled = 0.0
            continue
        filled += _width(ch)
        if filled < width or i + 1 >= len(text) or text[i + 1] in "\r\n":
            continue
        if _NUMBERISH.match(ch) and _NUMBERISH.match(text[i + 1]):
            continue  # a number is not split: the line ends after it
        out.append("\n")
        filled = 0.0
    return "".join(out)


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])")


def spaced(text: str, seed: str = "") -> str:
    """A space between every two CJK characters in about one line of three (PDF text layers that
    place each character on its own)."""
    rng = _rng("spaced", seed)
    lines = text.split("\n")
    return "\n".join(_BETWEEN_CJK.sub(" ", line) if rng.random() < 1 / 3 else line for line in lines)


# --- the notice as a web page or a news repost --------------------------------------------------------


def _title(text: str) -> str:
    """The first line when it reads as a title (short, no sentence end); "" when the text opens with prose."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first if len(first) <= 80 and not first.endswith(("。", "；", "：", ":", ";")) else ""


# A line that is only a date: the signature date of a notice.
_DATE_LINE = re.compile(
    r"^[ \t\u3000]*(20[0-2]\d|199\d)\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日[ \t\u3000]*$", re.M
)


def _publication_date(text: str, rng: random.Random) -> str | None:
    """When a site plausibly published the text: a few days after its signature date (the last line that
    is only a date); None when it has none (a date made up from the text's years could be wrong)."""
    import datetime as dt

    for m in reversed(list(_DATE_LINE.finditer(text))):
        try:
            signed = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        day = signed + dt.timedelta(days=rng.randint(1, 6))
        return f"{day.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    return None


_OUTLETS = ("新华网", "人民网", "中国经济网", "中国环境报", "中国能源网")


def repost(text: str, seed: str = "") -> str:
    """The text as a news site reposts it: the title (when the text opens with one), a source and date
    line, the font-size and print links, then the body."""
    rng = _rng("repost", seed)
    source = f"来源：{rng.choice(_OUTLETS)}"
    published = _publication_date(text, rng)
    if published:
        source += f"    发布时间：{published}"
    head = [source + f"    浏览次数：{rng.randint(40, 9000)}", "【字号 大 中 小】 【打印本页】 【关闭窗口】", ""]
    title = _title(text)
    return "\n".join([title, *head] if title else head) + "\n" + text


_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\u201c": "&ldquo;", "\u201d": "&rdquo;", "\u2014": "&mdash;",
    "\u00a0": "&nbsp;", "\u3000": "&#12288;",
}
_ENTITY_RE = re.compile("[&<>\u201c\u201d\u2014\u00a0\u3000]")
# Runs of two or more blanks (the cell separators of flattened tables): one &nbsp; per blank, as
# word processors save them, so that the page shows the same gaps.
_BLANK_RUN = re.compile(r"[ \t]{2,}")


def _escape(line: str) -> str:
    line = _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], line)
    return _BLANK_RUN.sub(lambda m: "&nbsp;" * len(m.group()), line)


def html(text: str, seed: str = "") -> str:
    """The text saved as a government web page: header, navigation and breadcrumb, the title, the body
    one ``<p>`` a line inside ``<div class="TRS_Editor">`` (entities for quotes, dashes and spaces),
    and a footer."""
    rng = _rng("html", seed)
    title = _escape(_title(text))
    site = rng.choice(("人民政府门户网站", "发展和改革委员会", "生态环境厅"))
    paragraphs = "\n".join(f"<p>{_escape(ln)}</p>" for ln in text.split("\n") if ln.strip())
    page_title = f"{title}_{site}" if title else site
    site_code, icp = rng.randint(1000000000, 9999999999), rng.randint(10000000, 99999999)
    heading = f'<h1 class="article-title">{title}</h1>' if title else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{page_title}</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<span>加载中</span>");</script>
<style>.TRS_Editor p {{ text-indent: 2em; }}</style>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>
&nbsp;&gt;&nbsp;<a href="/zwgk/tzgg/">通知公告</a></div>
<div class="article">
{heading}
<div class="article-info">信息来源：本网&nbsp;&nbsp;&nbsp;&nbsp;
<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="TRS_Editor">
{paragraphs}
</div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="footer"><p>主办：{site}办公室&nbsp;&nbsp;版权所有</p>
<p>网站标识码：{site_code}&nbsp;&nbsp;ICP备{icp}号</p></div>
</body>
</html>
"""


def gb18030(text: str, seed: str = "") -> str:
    """The text unchanged: :data:`PERTURBATIONS` saves it in GB18030 instead of UTF-8."""
    return text


def crlf(text: str, seed: str = "") -> str:
    """CR LF line ends, as files saved by Windows editors have."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


@dataclass(frozen=True)
class Perturbation:
    name: str
    apply: Callable[[str, str], str]
    suffix: str = ".txt"
    encoding: str = "utf-8"

    def file_name(self, name: str) -> str:
        """The file name a notice called ``name`` gets under this perturbation (same stem)."""
        stem = name.rsplit(".", 1)[0] if "." in name else name
        return stem + self.suffix

    def encode(self, text: str, seed: str) -> bytes:
        return self.apply(text, seed).encode(self.encoding)


def unchanged(text: str, seed: str = "") -> str:
    """The text as decoded, saved as UTF-8 text: the baseline every perturbation is compared with."""
    return text


PERTURBATIONS: dict[str, Perturbation] = {
    p.name: p
    for p in (
        Perturbation("none", unchanged),
        Perturbation("traditional", traditional),
        Perturbation("fullwidth", fullwidth),
        Perturbation("halfwidth", halfwidth),
        Perturbation("pdf_breaks", pdf_breaks),
        Perturbation("pdf_lines", pdf_lines),
        Perturbation("spaced", spaced),
        Perturbation("html", html, suffix=".html"),
        Perturbation("gb18030", gb18030, encoding="gb18030"),
        Perturbation("crlf", crlf),
        Perturbation("repost", repost),
    )
}
