"""Chinese administrative divisions with their GB/T 2260 codes, from jionlp's location table."""

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


# Province-level municipalities are "province" level; their districts are counties.
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    # jionlp prints a banner on import; keep the pipeline's output clean.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

        table = jionlp.china_location_loader(detail=True)
    out: list[Place] = []
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
            for county_name, county in city.items():
                if county_name.startswith("_"):
                    continue
                code = county["_admin_code"] if isinstance(county, dict) else county
                out.append(Place(county_name, code, "county", prov_name, city_name))
    return tuple(out)


@lru_cache(maxsize=1)
def _aliases() -> dict[str, Place]:
    """Short names (河南, 葫芦岛, 北京) of provinces and prefecture cities."""
    import jionlp  # noqa: F401  (loaded by places())

    out: dict[str, Place] = {}
    for p in places():
        if p.level == "county":
            continue
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "地区", "盟"):
            if p.name.endswith(suffix) and len(p.name) - len(suffix) >= 2:
                out.setdefault(p.name[: -len(suffix)], p)
                break
    return out


@lru_cache(maxsize=1)
def by_full_name() -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for p in places():
        out.setdefault(p.name, []).append(p)
    return {k: tuple(v) for k, v in out.items()}


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


# Below this length the plain scan is cheaper than setting up the vectorised one.
_VECTOR_MIN = 200


def _head_positions(text: str, aliases: bool) -> list[int]:
    """Every i where text[i : i + 2] is in _heads(aliases), in order (vectorised over the text)."""
    import numpy as np

    keys = _head_keys(aliases)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    if codes.size < 2 or not keys.size:
        return []
    pairs = (codes[:-1] << np.uint64(21)) | codes[1:]  # code points are below 2**21
    idx = np.searchsorted(keys, pairs)
    idx[idx == keys.size] = 0
    return np.flatnonzero(keys[idx] == pairs).tolist()


def find_places(text: str, *, aliases: bool = False) -> list[tuple[int, Place]]:
    """Every place named in ``text`` with its position, longest name first at each position.

    Counties are only reported under their full name and when the name is unique in China;
    with ``aliases`` the short names of provinces and cities count too (for titles and headlines).
    """
    names = by_full_name()
    alias = _aliases() if aliases else {}
    heads = _heads(aliases)
    found: list[tuple[int, Place]] = []
    n = len(text)
    if n >= _VECTOR_MIN:
        starts = _head_positions(text, aliases)
    else:
        starts = [i for i in range(n - 1) if text[i : i + 2] in heads]
    # Only where a name can start are the eleven lookups tried; elsewhere the scan moves on.
    i = 0
    for start in starts:
        if start < i:  # inside the name found last
            continue
        i = start
        hit = None
        for length in range(min(12, n - i), 1, -1):
            chunk = text[i : i + length]
            cands = names.get(chunk)
            if cands:
                upper = [c for c in cands if c.level != "county"]
                if upper:
                    hit = upper[0]
                elif len(cands) == 1 and length >= 3:
                    hit = cands[0]
            elif chunk in alias:
                hit = alias[chunk]
            if hit:
                found.append((i, hit))
                i += length
                break
        else:
            i += 1
    return found


def place_by_name(name: str) -> Place | None:
    cands = by_full_name().get(name)
    if cands:
        return cands[0]
    return _aliases().get(name)
