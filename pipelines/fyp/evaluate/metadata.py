"""Score notice metadata (plan period, level, region) against a folder's SOURCES.jsonl.

SOURCES.jsonl says, from outside the extractor, which plan period, level (national / province /
city / county; districts and county-level cities are ``county``) and region each file belongs to.
Regions are compared by administrative division, not by spelling: the gold region and the
predicted ``admin_code`` must name the same division (全国 for national notices). A gold region
with a note that the excerpt does not name it ("(某县,县名未见于摘录)", "(据…推定)") also accepts a
division that contains it, since the text gives nothing more specific.
"""

from __future__ import annotations

import re

from fyp.metadata.gazetteer import find_places

NATIONAL = "全国"
FIELDS = ("plan_period", "level", "region")
_NOTE_RE = re.compile(r"[((]([^))]*)[))]")
# Notes saying the excerpt does not state the (most specific) region.
_UNSTATED_WORDS = ("某", "未见", "推定", "删去", "inferred")


def _period(value) -> int | None:
    m = re.match(r"\s*(\d{1,2})", str(value or ""))
    return int(m.group(1)) if m else None


def gold_region(text: str) -> tuple[str, str | None, bool]:
    """(region as named, its admin code or None, whether the excerpt leaves it unstated)."""
    notes = " ".join(_NOTE_RE.findall(text or ""))
    named = _NOTE_RE.sub("", text or "").strip()
    unstated = any(w in notes for w in _UNSTATED_WORDS)
    if named == NATIONAL:
        return named, None, unstated
    found = find_places(named, aliases=True)
    # The last division named is the most specific ("湖北省宜昌市" → 宜昌市).
    code = found[-1][1].admin_code if found else None
    return named, code, unstated


def _contains(outer: str, inner: str) -> bool:
    """Whether division ``outer`` is ``inner`` or contains it (by GB/T 2260 code prefix)."""
    if outer == inner:
        return True
    if outer.endswith("0000"):
        return inner[:2] == outer[:2]
    if outer.endswith("00"):
        return inner[:4] == outer[:4]
    return False


def region_right(notice: dict, gold_text: str) -> bool:
    named, code, unstated = gold_region(gold_text)
    if named == NATIONAL:
        return notice.get("region") == NATIONAL
    predicted = notice.get("admin_code")
    if not predicted or not code:
        return False
    return predicted == code or (unstated and _contains(predicted, code))


def score_metadata(notices: dict[str, dict], sources: dict[str, dict]) -> dict:
    """Per field and all-three accuracy over the notices that have a SOURCES record.

    ``notices``: file name → the notice's row of the ``notices`` table (absent when set aside).
    """
    judged = sorted(doc for doc in notices if doc in sources)
    right = {f: 0 for f in FIELDS}
    all_right = 0
    wrong = []
    for doc in judged:
        row, src = notices[doc], sources[doc]
        ok = {
            "plan_period": row.get("plan_period") == _period(src.get("period")),
            "level": row.get("level") == src.get("level"),
            "region": region_right(row, src.get("region") or ""),
        }
        for f in FIELDS:
            right[f] += ok[f]
        if all(ok.values()):
            all_right += 1
        else:
            wrong.append(
                {
                    "doc": doc,
                    "expected": f"{_period(src.get('period'))} {src.get('level')} {src.get('region')}",
                    "got": f"{row.get('plan_period')} {row.get('level')} {row.get('region')} ({row.get('admin_code')})",
                    "fields": [f for f in FIELDS if not ok[f]],
                }
            )
    n = len(judged)
    return {
        "table": "notices",
        "notices": n,
        "all_right": all_right,
        "share_all_right": all_right / n if n else None,
        "field_accuracy": {f: (right[f] / n if n else None) for f in FIELDS},
        "wrong": wrong,
    }
