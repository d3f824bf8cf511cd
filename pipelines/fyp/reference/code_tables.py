"""The rows of the code tables whose rows a function makes (``rows_from: {function: ...}`` in their
schemas/<table>.yaml): ``indicators``, ``units``, ``agency_names`` and ``regions``, so that a consumer
can decode every code and read it in English. (``plan_periods`` and ``provincial_allocations`` are read
straight from their CSV files in this folder; ``national_targets`` is in ``fyp.reference.national``.)

Each is built from data files: the pipeline's own vocabularies (``vocabularies/indicators.csv``,
``units.csv``, ``agency_aliases.csv``) with what a consumer needs beside them kept in files of this
folder (an indicator's kind of quantity, English agency and region names).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent


def _csv(name: str) -> list[dict]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


def indicator_rows() -> list[dict]:
    """Every indicator code of the vocabulary with its 中文 and English label and its kind of quantity."""
    from fyp.vocabularies import load_vocabulary

    kinds = {row["code"]: row["quantity_kind"] for row in _csv("indicator_kinds.csv")}
    return [
        {
            "code": row["code"],
            "label_zh": row["label_zh"],
            "label_en": row["label_en"],
            "quantity_kind": kinds.get(row["code"]),
        }
        for row in load_vocabulary("indicators")
    ]


def unit_rows() -> list[dict]:
    """Every unit the extractor reads (vocabularies/units.csv and its 万/亿 multiples) with its base unit and factor."""
    from fyp.extract._quantities import unit_table

    return [
        {"unit": u.text, "base_unit": u.base_unit, "factor": u.factor, "kind": u.kind}
        for u in sorted(unit_table().values(), key=lambda u: u.text)
    ]


def agency_name_rows() -> list[dict]:
    """Canonical agency names without their level prefix (发展改革委 in 省发展改革委), the aliases that
    vocabularies/agency_aliases.csv reads as each, and the English name where one is established."""
    from fyp.vocabularies import load_vocabulary

    english = {row["name"]: row["name_en"] for row in _csv("agency_names_en.csv")}
    aliases: dict[str, list[str]] = {}
    for row in load_vocabulary("agency_aliases"):
        names = aliases.setdefault(row["canonical"], [])
        if row["alias"] != row["canonical"] and row["alias"] not in names:
            names.append(row["alias"])
    for name in english:
        aliases.setdefault(name, [])
    return [
        {"name": name, "name_en": english.get(name), "aliases": "|".join(sorted(aliases[name])) or None}
        for name in sorted(aliases)
    ]


# --- regions ------------------------------------------------------------------------------------


def _romanise(syllables: list[str]) -> str:
    """Hanyu Pinyin of a place name as maps write it: one word, capitalised, no tones, an apostrophe
    before a syllable that starts with a vowel (Lu'an, Xi'an)."""
    word = "".join(("'" + s) if i and s[:1] in ("a", "o", "e") else s for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)


@lru_cache(maxsize=1)
def _name_parts() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(level suffixes, ethnic group names) as (中文, English), longest first so that 自治县 wins over 县."""
    suffixes = [(row["suffix"], row["name_en"]) for row in _csv("region_suffixes.csv")]
    groups = []
    for row in _csv("ethnic_groups.csv"):
        groups.append((row["name_zh"], row["name_en"]))
        short = row["name_zh"].removesuffix("族")
        if len(short) >= 2:  # 巴音郭楞蒙古自治州, 伊犁哈萨克自治州 write the name without 族
            groups.append((short, row["name_en"]))
    return sorted(suffixes, key=lambda s: -len(s[0])), sorted(groups, key=lambda g: -len(g[0]))


def english_place_name(name: str) -> str | None:
    """名 + level → Pinyin of the name + the level in English (朝阳区 → Chaoyang District); an
    autonomous division names its peoples (长阳土家族自治县 → Changyang Tujia Autonomous County)."""
    suffixes, groups = _name_parts()
    suffix, suffix_en = next(((s, e) for s, e in suffixes if name.endswith(s) and len(name) > len(s)), ("", ""))
    stem = name[: len(name) - len(suffix)]
    peoples: list[str] = []
    if suffix.startswith("自治"):
        while True:
            group = next(((g, e) for g, e in groups if stem.endswith(g) and len(stem) > len(g)), None)
            if group is None:
                break
            peoples.insert(0, group[1])
            stem = stem[: -len(group[0])]
    # The whole name gives pypinyin the context it reads polyphones by.
    syllables = _pinyin(name)
    syllables = syllables[: len(stem)] if len(syllables) == len(name) else _pinyin(stem)
    if len(syllables) != len(stem) or not all(s.isalpha() for s in syllables):
        return None
    people = " and ".join(peoples) if len(peoples) <= 2 else ", ".join(peoples[:-1]) + " and " + peoples[-1]
    return " ".join(p for p in (_romanise(syllables), people, suffix_en) if p)


@lru_cache(maxsize=1)
def region_rows() -> tuple[dict, ...]:
    """Every administrative division of the gazetteer (GB/T 2260 codes, as metadata uses them) with an
    English name: established for the province-level divisions (region_names_en.csv), Pinyin of the
    name with its level in English for the others (``name_en_source`` says which)."""
    from fyp.metadata.gazetteer import places

    established = {row["admin_code"]: row["name_en"] for row in _csv("region_names_en.csv")}
    province_code = {p.name: p.admin_code for p in places() if p.level == "province"}
    order = {"province": 0, "city": 1, "county": 2}
    rows: dict[str, dict] = {}
    # One row per code: a code the gazetteer lists twice (a city and its 市直辖行政区划) keeps the higher level.
    for p in sorted(places(), key=lambda p: (p.admin_code, order[p.level], p.name)):
        if p.admin_code in rows or p.name.endswith("直辖行政区划"):
            continue
        name_en = established.get(p.admin_code)
        rows[p.admin_code] = {
            "admin_code": p.admin_code,
            "name_zh": p.name,
            "name_en": name_en if name_en else english_place_name(p.name),
            "name_en_source": "established" if name_en else "pinyin",
            "level": p.level,
            "province_code": province_code.get(p.province),
        }
    for row in rows.values():
        if row["name_en"] is None:
            row["name_en_source"] = None
    return tuple(rows.values())
