"""Chinese administrative divisions with their GB/T 2260 codes, from jionlp's location table.

Notices name divisions as they were called when written: a former name (襄樊市, 毕节地区) is found as
the division it became (jionlp's table of changes, and ``vocabularies/former_divisions.csv`` for the
renamed prefectures that table lacks).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    name: str  # full name, e.g. 葫芦岛市
    admin_code: str
    level: str  # province | city | county
    province: str  # full name of the province-level division
    city: str | None  # full name of the prefecture, for counties

    @property
    def is_county_level_city(self) -> bool:
        """A 县级市 (温岭市, 武安市): a county-level division of the table named as a city."""
        return self.level == "county" and self.name.endswith("市")


# Province-level municipalities are "province" level; their districts are counties.
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    return _read_location_table()[0]


@lru_cache(maxsize=1)
def _read_location_table():
    """(places, (autonomous prefecture, its short name) pairs, township name → counties), from one read
    of jionlp's table (its towns and villages are not kept)."""
    # jionlp prints a banner on import; keep the pipeline's output clean.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

        table = jionlp.china_location_loader(detail=True)
    out: list[Place] = []
    prefecture_aliases: list[tuple[Place, str]] = []
    townships: dict[str, list[Place]] = {}
    for prov_name, prov in table.items():
        out.append(Place(prov_name, prov["_admin_code"], "province", prov_name, None))
        for city_name, city in prov.items():
            if city_name.startswith("_"):
                continue
            if prov_name in MUNICIPALITIES:
                # jionlp nests a municipality's districts under a city of the same name.
                city_name = None
            else:
                out.append(Place(city_name, city["_admin_code"], "city", prov_name, None))
                if city_name.endswith("自治州"):
                    aliases = city.get("_alias") or []
                    for alias in [aliases] if isinstance(aliases, str) else aliases:
                        if len(alias) >= 2:
                            prefecture_aliases.append((out[-1], alias))
            for county_name, county in city.items():
                if county_name.startswith("_"):
                    continue
                code = county["_admin_code"] if isinstance(county, dict) else county
                out.append(Place(county_name, code, "county", prov_name, city_name))
                if isinstance(county, dict):
                    for town in county:
                        if not town.startswith("_"):
                            townships.setdefault(town, []).append(out[-1])
    return tuple(out), tuple(prefecture_aliases), {k: tuple(v) for k, v in townships.items()}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, Place]:
    """Short names (河南, 葫芦岛, 北京, 恩施州) of provinces and prefecture cities."""
    out: dict[str, Place] = {}
    for p in places():
        if p.level == "county":
            continue
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "地区", "盟"):
            if p.name.endswith(suffix) and len(p.name) - len(suffix) >= 2:
                out.setdefault(p.name[: -len(suffix)], p)
                break
    # An autonomous prefecture goes by its first name, with or without 州 (恩施州, 黔东南).
    for p, alias in _prefecture_aliases():
        out.setdefault(alias, p)
        out.setdefault(alias + "州", p)
    return out


def _prefecture_aliases():
    return _read_location_table()[1]


@lru_cache(maxsize=1)
def by_full_name() -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for p in places():
        out.setdefault(p.name, []).append(p)
    for former, current in _former_names():
        if former not in out:
            out[former] = [current]
    return {k: tuple(v) for k, v in out.items()}


def _former_names():
    """(former name, the Place it is now) for renamed prefectures and counties."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

        changes = jionlp.china_location_change_loader()
    current: dict[tuple[str, str], Place] = {}
    for p in places():
        current.setdefault((p.province, p.name), p)
    for change in changes:
        (province, _), (old_city, _), (old_county, _) = change["old_loc"]
        new_province, new_city, new_county = change["new_loc"]
        old, new = (old_county, new_county) if old_county else (old_city, new_city)
        place = current.get((new_province, new))
        if old and place and old != new:
            yield old, place
    from fyp.vocabularies import load_vocabulary

    for row in load_vocabulary("former_divisions"):
        place = current.get((row["province"], row["current_name"]))
        if place:
            yield row["former_name"], place


@lru_cache(maxsize=2)
def _heads(aliases: bool) -> frozenset[str]:
    """The first two characters of every name find_places can report."""
    keys = list(by_full_name()) + (list(_aliases()) if aliases else [])
    return frozenset(k[:2] for k in keys if len(k) >= 2)


@lru_cache(maxsize=2)
def _head_keys(aliases: bool):
    """_heads(aliases) as sorted integer keys (first code point << 21 | second code point)."""
    import numpy as np

    return np.array(sorted((ord(h[0]) << 21) | ord(h[1]) for h in _heads(aliases)), dtype=np.uint64)


@lru_cache(maxsize=2)
def _lengths_by_head(aliases: bool) -> dict[str, tuple[int, ...]]:
    """For each of _heads(aliases), the lengths (2 to 12, longest first) of the names that start with it."""
    keys = list(by_full_name()) + (list(_aliases()) if aliases else [])
    out: dict[str, set[int]] = {}
    for k in keys:
        if 2 <= len(k) <= 12:
            out.setdefault(k[:2], set()).add(len(k))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in out.items()}


# Below this length the plain scan is cheaper than setting up the vectorised one.
_VECTOR_MIN = 200


@lru_cache(maxsize=2)
def _first_chars(aliases: bool):
    """A boolean table over every code point: whether one of _heads(aliases) starts with it."""
    import numpy as np

    table = np.zeros(0x110000, dtype=bool)
    table[[ord(h[0]) for h in _heads(aliases)]] = True
    return table


def _head_positions(text: str, aliases: bool) -> list[int]:
    """Every i where text[i : i + 2] is in _heads(aliases), in order (vectorised over the text)."""
    import numpy as np

    keys = _head_keys(aliases)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size < 2 or not keys.size:
        return []
    # The pairs are looked up only where a head's first character stands (a table lookup is far
    # cheaper than a binary search over the heads at every character).
    at = np.flatnonzero(_first_chars(aliases)[codes[:-1]])
    pairs = (codes[at].astype(np.uint64) << np.uint64(21)) | codes[at + 1]  # code points are below 2**21
    idx = np.searchsorted(keys, pairs)
    idx[idx == keys.size] = 0
    return at[keys[idx] == pairs].tolist()


def find_places(text: str, *, aliases: bool = False) -> list[tuple[int, Place]]:
    """Every place named in ``text`` with its position, longest name first at each position.

    Counties are only reported under their full name and when the name is unique in China;
    with ``aliases`` the short names of provinces and cities count too (for titles and headlines).
    """
    return [(start, place) for start, _, place in find_place_spans(text, aliases=aliases)]


def find_place_spans(text: str, *, aliases: bool = False) -> list[tuple[int, int, Place]]:
    """``find_places`` with the end of each name as written: (start, end, place)."""
    hits = _hits(aliases)
    heads = _heads(aliases)
    found: list[tuple[int, int, Place]] = []
    n = len(text)
    if n >= _VECTOR_MIN:
        starts = _head_positions(text, aliases)
    else:
        starts = [i for i in range(n - 1) if text[i : i + 2] in heads]
    # Only where a name can start are lookups tried, one for each length a name with that head has
    # (of the eleven from 12 down to 2); elsewhere the scan moves on.
    lengths_by_head = _lengths_by_head(aliases)
    i = 0
    for start in starts:
        if start < i:  # inside the name found last
            continue
        i = start
        hit = None
        room = n - i
        for length in lengths_by_head.get(text[i : i + 2], ()):
            if length > room:
                continue
            hit = hits.get(text[i : i + length])
            if hit:
                found.append((i, i + length, hit))
                i += length
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=2)
def _hits(aliases: bool) -> dict[str, Place]:
    """What find_place_spans reports for a name as written: a province or city it names (the first), else a
    county whose full name is unique and at least three characters long; a short name only where no
    division has it as full name."""
    names = by_full_name()
    alias = _aliases() if aliases else {}
    out: dict[str, Place] = {}
    for chunk in [*names, *alias]:
        hit = None
        cands = names.get(chunk)
        if cands:
            upper = [c for c in cands if c.level != "county"]
            if upper:
                hit = upper[0]
            elif len(cands) == 1 and len(chunk) >= 3:
                hit = cands[0]
        elif chunk in alias:
            hit = alias[chunk]
        if hit:
            out[chunk] = hit
    return out


def shared_county_names(text: str) -> list[tuple[int, tuple[Place, ...]]]:
    """Districts and counties named in ``text`` whose name several divisions share (鼓楼区, 朝阳区)."""
    shared = _shared_county_names()
    out = []
    for length in _shared_name_lengths():
        for i in range(len(text) - length + 1):
            cands = shared.get(text[i : i + length])
            if cands and not any(j <= i < j + len(c[0].name) for j, c in out):
                out.append((i, cands))
    return sorted(out, key=lambda x: x[0])


@lru_cache(maxsize=1)
def _shared_name_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in _shared_county_names()}, reverse=True))


@lru_cache(maxsize=1)
def _shared_county_names() -> dict[str, tuple[Place, ...]]:
    return {
        name: cands
        for name, cands in by_full_name().items()
        if len(name) >= 3 and len(cands) > 1 and all(c.level == "county" for c in cands) and "直辖" not in name
    }


def county_by_short_name(text: str, parent: Place) -> Place | None:
    """The county of ``parent`` whose short name (武安 of 武安市, 安吉 of 安吉县) ``text`` starts with."""
    if parent.level == "county":
        return None
    for length in (4, 3, 2):
        for county in _counties_by_short_name().get(text[:length], ()):
            if county.province == parent.province and (parent.level == "province" or county.city == parent.name):
                return county
    return None


@lru_cache(maxsize=1)
def _counties_by_short_name() -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for p in places():
        if p.level != "county":
            continue
        for suffix in ("自治县", "县", "市", "区", "旗"):
            if p.name.endswith(suffix) and len(p.name) - len(suffix) >= 2:
                out.setdefault(p.name[: -len(suffix)], []).append(p)
                break
    return {k: tuple(v) for k, v in out.items()}


def counties_of_township(name: str) -> tuple[Place, ...]:
    """The counties that have a township (镇, 乡, 街道) of this name."""
    return _townships().get(name, ())


def _townships() -> dict[str, tuple[Place, ...]]:
    return _read_location_table()[2]


def is_full_name(name: str) -> bool:
    """Whether ``name`` is a division's full (current or former) name rather than a short one."""
    return name in by_full_name()


def place_by_name(name: str) -> Place | None:
    cands = by_full_name().get(name)
    if cands:
        return cands[0]
    return _aliases().get(name)
