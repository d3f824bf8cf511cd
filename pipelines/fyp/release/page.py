"""The release page: ``exports/<version>/index.html``, a static page people can open from disk.

It reads only what is already in the release folder (``parquet/*.parquet``, ``datapackage.json``,
``SHA256SUMS``, ``quality.json``, ``validation/result.json``; each optional) and writes one
self-contained HTML file, rendered by a Jinja2 template (``templates/page.html``) with autoescaping.
It must work from ``file://`` (where ``fetch()`` of local files is blocked) and from any static
host, so the data the page needs is embedded as JSON inside the HTML and the charts are drawn as
inline SVG by a small vanilla script (no library, nothing from a CDN).

Safety: notice text is third-party. The template escapes everything it is given; the embedded JSON
has ``<``, ``>`` and ``&`` escaped so no text can close the ``<script>`` element; the script only
writes text through ``textContent``; and a Content-Security-Policy allows just the page's own inline
script and style (by hash), so even a missed escape could not run injected code.

Text as shown: a private-use character of the source (a glyph only its publisher's font had) shows as
〓 (the geta mark, the typesetter's sign for a missing glyph), one character for one, so every offset
still addresses the same character. Numbers show as written (no float noise).

Determinism: same inputs → byte-identical ``index.html`` (sorted inputs, no timestamps, no paths of the
build machine).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from fyp.ingest.scan import file_sha256
from fyp.tables.registry import table_names

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_NAME = "index.html"

ENERGY_INDICATOR = "energy_intensity_gdp"
POLLUTANTS = ("cod", "so2", "nh3n", "nox", "vocs")
PLAN_PERIODS = (11, 12, 13, 14)
# Units whose values are reductions/changes relative to a baseline, and so comparable across regions.
RELATIVE_UNITS = ("%",)
CN_NUMERALS = {11: "十一五", 12: "十二五", 13: "十三五", 14: "十四五", 15: "十五五"}
DIRECTION_ZH = {"decrease": "降低", "increase": "提高", "reach": "达到", "cap": "控制在", "complete": "完成"}
LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3}
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
MISSING_GLYPH = "\u3013"  # 〓


def visible(text):
    """``text`` with each private-use character shown as 〓 (one for one: offsets stay true)."""
    return PRIVATE_USE.sub(MISSING_GLYPH, text) if isinstance(text, str) else text


# ---------------------------------------------------------------------------------------------
# public entry points


def build_release_page(release_dir: Path) -> Path:
    """Write ``release_dir/index.html`` from what the release folder holds; return its path."""
    release_dir = Path(release_dir)
    context = collect(release_dir)
    out = release_dir / PAGE_NAME
    out.write_bytes(render(context).encode("utf-8"))
    return out


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(fmt=_fmt, metric=_fmt_metric, size=_size, period=_period_label, prf=_prf)
    return env


def render_template(name: str, **context) -> str:
    """A template of templates/ with its own stylesheet's CSP hash (``css``, ``csp``) in the context."""
    env = _environment()
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    csp = f"default-src 'none'; style-src {_csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
    return env.get_template(name).render(css=Markup(css), csp=csp, **context)


# ---------------------------------------------------------------------------------------------
# reading the release folder


def _read_json(path: Path):
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_sha256sums(path: Path) -> dict[str, str] | None:
    if not path.is_file():
        return None
    sums: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and len(parts[0]) == 64:
            sums[parts[1].lstrip("*").removeprefix("./")] = parts[0].lower()
    return sums


def _table_order(name: str) -> tuple[int, str]:
    # Tables in the order a reader meets them (the registry's); any other table found follows in name order.
    order = table_names()
    return (order.index(name) if name in order else len(order), name)


_READ_WHOLE = ("notices", "targets", "national_targets", "target_comparison", "indicators", "plan_periods")


def _read_tables(release_dir: Path) -> tuple[dict[str, pl.DataFrame], dict[str, int | None]]:
    """Frames of the tables the page needs, and the row count of every parquet table (None: unreadable)."""
    frames: dict[str, pl.DataFrame] = {}
    counts: dict[str, int | None] = {}
    parquet_dir = release_dir / "parquet"
    paths = sorted(parquet_dir.glob("*.parquet"), key=lambda p: _table_order(p.stem)) if parquet_dir.is_dir() else []
    for path in paths:
        name = path.stem
        try:
            counts[name] = int(pl.scan_parquet(path).select(pl.len()).collect().item())
        except Exception:  # a broken file must not take the page down; the page says so
            counts[name] = None
            continue
        try:
            if name == "provisions":
                frames[name] = _root_provisions(pl.scan_parquet(path))
            elif name == "regions":
                frames[name] = pl.read_parquet(path, columns=["admin_code", "name_en"])
            elif name in _READ_WHOLE:
                frames[name] = pl.read_parquet(path)
        except Exception:
            counts[name] = None
    return frames, counts


def _root_provisions(scan: pl.LazyFrame) -> pl.DataFrame:
    """The depth-0 provision of each notice: its ``text`` is the notice's whole source text."""
    columns = scan.collect_schema().names()
    if not {"notice_id", "text"} <= set(columns):
        return pl.DataFrame()
    is_root = pl.lit(False)
    if "depth" in columns:
        is_root = is_root | (pl.col("depth") == 0)
    if "provision_id" in columns:
        is_root = is_root | pl.col("provision_id").str.ends_with("-p0000")
    roots = scan.filter(is_root).select("notice_id", "text").collect()
    # The longest root text per notice is the whole source text.
    return (
        roots.with_columns(pl.col("text").str.len_chars().alias("_n"))
        .sort(["notice_id", "_n", "text"], descending=[False, True, False])
        .unique(subset="notice_id", keep="first", maintain_order=True)
        .drop("_n")
    )


def _rows(frame: pl.DataFrame | None) -> list[dict]:
    if frame is None or frame.is_empty():
        return []
    return frame.to_dicts()


def _clean(value):
    """JSON-safe scalar: NaN/inf → None, dates → ISO text, float noise rounded away, text made visible."""
    if isinstance(value, float):
        return _plain(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return visible(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _plain(value: float) -> float:
    """A value as the notice wrote it: 7.399999999999999 (a difference of two written values) → 7.4."""
    return round(value, 6)


def _labels(frames: dict[str, pl.DataFrame]) -> dict[str, dict]:
    """Indicator code → 中文 and English label: the release's indicators table, else the vocabulary."""
    rows = _rows(frames.get("indicators"))
    if not rows:
        try:
            from fyp.vocabularies import load_vocabulary

            rows = [
                {"code": r["code"], "label_zh": r.get("label_zh"), "label_en": r.get("label_en")}
                for r in load_vocabulary("indicators")
            ]
        except Exception:
            rows = []
    return {r["code"]: {"zh": r.get("label_zh") or "", "en": r.get("label_en") or ""} for r in rows if r.get("code")}


def _period_names(frames: dict[str, pl.DataFrame]) -> dict[str, dict]:
    out = {
        str(p): {"zh": CN_NUMERALS[p], "en": _ordinal(p) + " Five-Year Plan", "years": _years(p)} for p in CN_NUMERALS
    }
    for r in _rows(frames.get("plan_periods")):
        out[str(r["plan_period"])] = {
            "zh": r["name_zh"], "en": r["name_en"], "years": f"{r['start_year']}–{r['end_year']}"
        }
    return out


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _years(p: int) -> str:
    start = 2006 + 5 * (p - 11)
    return f"{start}–{start + 4}"


def collect(release_dir: Path) -> dict:
    """Everything the page shows, as plain data (the page is a pure function of this)."""
    release_dir = Path(release_dir)
    frames, counts = _read_tables(release_dir)
    datapackage = _read_json(release_dir / "datapackage.json")
    sums = _read_sha256sums(release_dir / "SHA256SUMS")
    quality = _read_json(release_dir / "quality.json")
    validation = _read_json(release_dir / "validation" / "result.json")
    version = datapackage.get("version") if isinstance(datapackage, dict) else None
    version = str(version or release_dir.name)

    region_en = {r["admin_code"]: r["name_en"] for r in _rows(frames.get("regions")) if r.get("name_en")}
    notices = sorted(_rows(frames.get("notices")), key=lambda r: str(r.get("notice_id") or ""))
    for n in notices:
        n["region_en"] = region_en.get(n.get("admin_code"))
    labels = _labels(frames)
    periods = _period_names(frames)
    targets = _target_rows(frames, notices)
    comparison = _comparison_rows(frames, notices)
    return {
        "version": version,
        "title": datapackage.get("title") if isinstance(datapackage, dict) else None,
        "counts": counts,
        "notices": notices,
        "downloads": _downloads(release_dir, sums, datapackage),
        "sha256sums_present": sums is not None,
        "quality": quality if isinstance(quality, dict) else None,
        "quality_md": (release_dir / "quality.md").is_file(),
        "changelog": (release_dir / "CHANGELOG.md").is_file(),
        "validation": validation if isinstance(validation, dict) else None,
        "data_docs": _data_docs_index(release_dir),
        "labels": labels,
        "periods": periods,
        "targets": targets,
        "texts": _notice_texts(frames, targets),
        "charts": _charts(comparison, notices, labels, _rows(frames.get("national_targets"))),
        "allocations": _allocation_rows(comparison),
        "has_targets_table": "targets" in frames,
    }


def _downloads(release_dir: Path, sums: dict[str, str] | None, datapackage) -> list[dict]:
    """Every published file except the page itself and the validation Data Docs (linked separately)."""
    declared: dict[str, str] = {}
    if isinstance(datapackage, dict):
        for res in datapackage.get("resources") or []:
            if isinstance(res, dict) and isinstance(res.get("path"), str) and isinstance(res.get("hash"), str):
                declared[res["path"]] = res["hash"]
    files = []
    for path in sorted(p for p in release_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(release_dir).as_posix()
        if rel == PAGE_NAME or rel.startswith("validation/") or any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.suffix.lower() in _NOT_BYTE_REPRODUCIBLE:
            # A DuckDB file differs byte for byte on every write: fyp.duckdb.json is its table digest.
            files.append({"path": rel, "bytes": None, "sha256": None, "checksum": None, "kind": _kind(rel)})
            continue
        digest = file_sha256(path)
        expected = (sums or {}).get(rel)
        dp_hash = declared.get(rel, "")
        if dp_hash.startswith("sha256:") and expected is None:
            expected = dp_hash.split(":", 1)[1].lower()
        files.append(
            {
                "path": rel,
                "bytes": path.stat().st_size,
                "sha256": digest,
                "checksum": None if expected is None else ("ok" if expected == digest else "mismatch"),
                "kind": _kind(rel),
            }
        )
    return sorted(files, key=lambda f: (_KIND_ORDER.index(f["kind"]), f["path"]))


_KIND_ORDER = ("Parquet", "CSV", "Excel", "DuckDB", "metadata", "other")
_NOT_BYTE_REPRODUCIBLE = {".duckdb"}


def _kind(rel: str) -> str:
    suffix = Path(rel).suffix.lower()
    return {
        ".parquet": "Parquet",
        ".csv": "CSV",
        ".xlsx": "Excel",
        ".duckdb": "DuckDB",
        ".json": "metadata",
        ".md": "metadata",
        ".cff": "metadata",
        "": "metadata",
    }.get(suffix, "other")


def _data_docs_index(release_dir: Path) -> str | None:
    vdir = release_dir / "validation"
    if not vdir.is_dir():
        return None
    candidates = sorted(vdir.rglob("index.html"), key=lambda p: (len(p.parts), p.as_posix()))
    return candidates[0].relative_to(release_dir).as_posix() if candidates else None


def _notice_lookup(notices: list[dict]) -> dict[str, dict]:
    return {str(n.get("notice_id")): n for n in notices if n.get("notice_id") is not None}


def _target_rows(frames: dict[str, pl.DataFrame], notices: list[dict]) -> list[dict]:
    by_id = _notice_lookup(notices)
    rows = []
    for t in _rows(frames.get("targets")):
        if _clean(t.get("restatement_of")) is not None:
            continue  # one row per commitment: a restatement's evidence is its primary's, said again
        n = by_id.get(str(t.get("notice_id")), {})
        rows.append(
            {
                "id": _clean(t.get("target_id")),
                "notice": _clean(t.get("notice_id")),
                "indicator": _clean(t.get("indicator")),
                "indicator_text": _clean(t.get("indicator_text")),
                "direction": _clean(t.get("direction")),
                "value": _clean(t.get("value")),
                "unit": _clean(t.get("unit")),
                "qualifier": _clean(t.get("qualifier")),
                "aspirational": _clean(t.get("is_aspirational")),
                "baseline_year": _clean(t.get("baseline_year")),
                "target_year": _clean(t.get("target_year")),
                "scope": _clean(t.get("scope")),
                "evidence": _clean(t.get("evidence")),
                "start": _clean(t.get("char_start")),
                "end": _clean(t.get("char_end")),
                "region": _clean(n.get("region")),
                "region_en": _clean(n.get("region_en")),
                "period": _clean(n.get("plan_period")),
            }
        )
    return sorted(
        rows, key=lambda r: (str(r["notice"]), r["start"] if isinstance(r["start"], int) else -1, str(r["id"]))
    )


def _notice_texts(frames: dict[str, pl.DataFrame], targets: list[dict]) -> dict[str, str]:
    """Source text of each notice that has targets (evidence is shown in context)."""
    wanted = {t["notice"] for t in targets}
    texts = {}
    for row in _rows(frames.get("provisions")):
        nid = str(row.get("notice_id"))
        if nid in wanted and isinstance(row.get("text"), str):
            texts[nid] = visible(row["text"])
    return dict(sorted(texts.items()))


def _num(value):
    value = _clean(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


_COMPARISON_FIELDS = (
    "direction", "national_direction", "national_unit", "region_en", "allocation_region", "allocation_unit",
    "allocation_direction", "allocation_document_number", "allocation_source_url",
)


def _comparison_rows(frames: dict[str, pl.DataFrame], notices: list[dict]) -> list[dict]:
    """Headline targets per (indicator, region, plan_period) with the national target (and the province's
    allocation) beside them.

    Taken from the release's ``target_comparison`` table when it has the needed columns; otherwise
    derived from ``targets`` + ``notices`` + ``national_targets`` (first relative decrease of the
    indicator in the notice, by position).
    """
    need = {"indicator", "region", "plan_period", "value", "unit"}
    comp = frames.get("target_comparison")
    if comp is not None and need <= set(comp.columns):
        rows = []
        for r in comp.to_dicts():
            row = {
                "indicator": _clean(r.get("indicator")),
                "region": _clean(r.get("region")),
                "period": _num(r.get("plan_period")),
                "value": _num(r.get("value")),
                "unit": _clean(r.get("unit")),
                "national_value": _num(r.get("national_value")),
                "allocation_value": _num(r.get("allocation_value")),
                "comparable_to_allocation": bool(r.get("comparable_to_allocation")),
            }
            row.update({k: _clean(r.get(k)) for k in _COMPARISON_FIELDS})
            rows.append(row)
        return [r for r in rows if r["indicator"] and r["region"] and r["period"] is not None]

    national: dict[tuple, dict] = {}
    for r in _rows(frames.get("national_targets")):
        national[(_num(r.get("plan_period")), r.get("indicator"))] = r
    by_id = _notice_lookup(notices)
    best: dict[tuple, tuple] = {}
    for t in _rows(frames.get("targets")):
        n = by_id.get(str(t.get("notice_id")))
        if not n or not n.get("region") or n.get("plan_period") is None or _num(t.get("value")) is None:
            continue
        if _clean(t.get("restatement_of")) is not None:
            continue
        key = (t.get("indicator"), n["region"], _num(n["plan_period"]))
        # Prefer a relative decrease (the usual headline form), then the earliest mention.
        rank = (
            0 if (t.get("unit") in RELATIVE_UNITS and t.get("direction") == "decrease") else 1,
            1 if t.get("is_aspirational") else 0,
            str(t.get("notice_id")),
            t.get("char_start") if isinstance(t.get("char_start"), int) else 0,
            str(t.get("target_id")),
        )
        if key not in best or rank < best[key][0]:
            best[key] = (rank, t, n)
    rows = []
    for (indicator, region, period), (_rank, t, n) in sorted(best.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
        nat = national.get((period, indicator)) or {}
        row = {
            "indicator": indicator,
            "region": visible(region),
            "period": period,
            "value": _num(t.get("value")),
            "unit": _clean(t.get("unit")),
            "national_value": _num(nat.get("value")),
            "allocation_value": None,
            "comparable_to_allocation": False,
        }
        row.update({k: None for k in _COMPARISON_FIELDS})
        row.update(
            direction=_clean(t.get("direction")), national_direction=_clean(nat.get("direction")),
            national_unit=_clean(nat.get("unit")), region_en=n.get("region_en")
        )
        rows.append(row)
    return rows


def _region_sort_keys(notices: list[dict]) -> dict[str, tuple]:
    keys: dict[str, tuple] = {}
    for n in notices:
        region = n.get("region")
        if region and region not in keys:
            keys[region] = (str(n.get("admin_code") or "999999"), LEVEL_ORDER.get(n.get("level"), 9), region)
    return keys


def _is_reduction(unit, direction) -> bool:
    """A reduction in %: the one form of headline target that compares across regions and plans."""
    return unit in RELATIVE_UNITS and direction in (None, "decrease")


def _charts(
    comparison: list[dict], notices: list[dict], labels: dict[str, dict], national_rows: list[dict] = ()
) -> dict:
    region_keys = _region_sort_keys(notices)

    def region_key(region: str) -> tuple:
        return region_keys.get(region, ("999999", 9, region))

    def series(indicator: str) -> dict:
        rows = [r for r in comparison if r["indicator"] == indicator]
        # Only comparable headline values are drawn: reductions in %; other units or directions are listed beside them.
        plotted = [r for r in rows if r["value"] is not None and _is_reduction(r["unit"], r.get("direction"))]
        national: dict[str, float] = {}
        # The national reference table gives every period, also those no region of this release covers.
        for r in national_rows:
            period, value = _num(r.get("plan_period")), _num(r.get("value"))
            if (
                r.get("indicator") == indicator and period is not None
                and value is not None and _is_reduction(r.get("unit"), r.get("direction"))
            ):
                national[str(int(period))] = value
        for r in rows:
            if (
                r["national_value"] is not None and r["period"] is not None
                and _is_reduction(r["national_unit"], r.get("national_direction"))
            ):
                national[str(int(r["period"]))] = r["national_value"]
        points = [
            {
                "region": r["region"],
                "region_en": r.get("region_en"),
                "period": int(r["period"]),
                "value": r["value"],
                "allocation": r["allocation_value"] if r["comparable_to_allocation"] else None,
                "allocation_region": r.get("allocation_region") if r["comparable_to_allocation"] else None,
            }
            for r in sorted(plotted, key=lambda r: (r["period"], region_key(r["region"])))
        ]
        other = sorted(
            {
                (
                    f'{r["region"]} {CN_NUMERALS.get(int(r["period"]), r["period"])}: '
                    f'{DIRECTION_ZH.get(r.get("direction"), "")} {_fmt(r["value"])} {r["unit"] or ""}'
                ).replace("  ", " ").strip()
                for r in rows
                if r not in plotted
            }
        )
        label = labels.get(indicator, {})
        return {
            "code": indicator,
            "label_zh": label.get("zh") or indicator,
            "label_en": label.get("en") or "",
            "points": points,
            "national": dict(sorted(national.items())),
            "not_plotted": other,
        }

    energy = series(ENERGY_INDICATOR)
    energy["regions"] = sorted({p["region"] for p in energy["points"]}, key=region_key)
    energy["regions_en"] = {p["region"]: p["region_en"] for p in energy["points"] if p.get("region_en")}
    return {
        "periods": list(PLAN_PERIODS),
        "period_labels": {str(p): _period_label(p) for p in PLAN_PERIODS},
        "energy": energy,
        "pollutants": [series(code) for code in POLLUTANTS],
    }


def _allocation_rows(comparison: list[dict]) -> list[dict]:
    """Headline targets beside what the State Council allocated to the province (a city: its province)."""
    rows = [r for r in comparison if r.get("allocation_value") is not None]
    return sorted(rows, key=lambda r: (r["indicator"], r["period"], str(r.get("allocation_region")), r["region"]))


def _period_label(period) -> str:
    try:
        p = int(period)
    except (TypeError, ValueError):
        return ""
    start = 2006 + 5 * (p - 11)
    return f"{CN_NUMERALS.get(p, str(p))} ({start}–{start + 4})"


# ---------------------------------------------------------------------------------------------
# rendering


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        value = _plain(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return visible(str(value))


def _fmt_metric(v) -> str:
    if isinstance(v, float) and math.isfinite(v) and 0 <= v <= 1 and not v.is_integer():
        return f"{v:.3f}"
    return _fmt(v)


def _prf(score) -> str:
    if not isinstance(score, dict) or score.get("f1") is None:
        return "—"
    return " / ".join(
        _fmt_metric(score.get(k)) if score.get(k) is not None else "—" for k in ("precision", "recall", "f1")
    )


def _size(n) -> str:
    if n is None:
        return "—"
    units = ("B", "KB", "MB", "GB")
    size = float(n)
    for unit in units:
        if size < 1024 or unit == units[-1]:
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def _json_for_script(obj) -> str:
    """JSON that cannot end or comment out its <script> element, whatever text it carries."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _page_data(ctx: dict) -> dict:
    labels = {code: ctx["labels"][code] for code in sorted(ctx["labels"])}
    return {
        "version": ctx["version"],
        "labels": labels,
        "periods": ctx["periods"],
        "charts": ctx["charts"],
        "allocations": ctx["allocations"],
        "targets": ctx["targets"],
        "texts": ctx["texts"],
        "titles": {
            str(n["notice_id"]): _clean(n.get("title") or n.get("source_file"))
            for n in ctx["notices"] if n.get("notice_id") is not None
        },
        "has_targets_table": ctx["has_targets_table"],
    }


def _quality_view(q: dict | None) -> dict | None:
    """The quality summary (release/quality.py) as the template shows it; None when there is none."""
    if not isinstance(q, dict) or not isinstance(q.get("sets"), dict):
        return None
    from fyp.release.quality import first_runs, synthetic_first_runs, table_rows

    return {
        "extractor_version": q.get("extractor_version"), "sets": table_rows(q), "first_runs": first_runs(q),
        "synthetic_first_runs": synthetic_first_runs(q),
    }


def _validation_rows(v: dict | None) -> list[dict]:
    if not isinstance(v, dict):
        return []
    items = (
        v.get("results") if isinstance(v.get("results"), list)
        else v.get("expectations") if isinstance(v.get("expectations"), list) else []
    )
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        config = item.get("expectation_config") if isinstance(item.get("expectation_config"), dict) else {}
        kwargs = (
            item.get("kwargs") if isinstance(item.get("kwargs"), dict)
            else config.get("kwargs") if isinstance(config.get("kwargs"), dict) else {}
        )
        name = (
            item.get("expectation") or item.get("expectation_type")
            or config.get("expectation_type") or config.get("type") or ""
        )
        tbl = item.get("table") or kwargs.get("table") or ""
        column = item.get("column") or kwargs.get("column") or ""
        if not column and isinstance(kwargs.get("column_list"), list):
            column = ", ".join(map(str, kwargs["column_list"]))
        if not column and kwargs.get("column_A") and kwargs.get("column_B"):
            column = f"{kwargs['column_A']}, {kwargs['column_B']}"
        result = dict(item.get("result")) if isinstance(item.get("result"), dict) else {}
        for key in ("unexpected_count", "observed"):
            if item.get(key) is not None:
                result.setdefault(key, item[key])
        detail = [item["description"]] if isinstance(item.get("description"), str) and item["description"] else []
        for key in ("unexpected_count", "observed", "observed_value", "element_count"):
            value = result.get(key)
            if value is not None and (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
                detail.append(f"{key}: {_fmt_metric(value)}")
        if isinstance(item.get("examples"), list) and item["examples"]:
            detail.append("e.g. " + ", ".join(str(x) for x in item["examples"][:5]))
        success = item.get("success")
        out.append(
            {
                "success": success if isinstance(success, bool) else None,
                "expectation": str(name),
                "where": f"{tbl}{'.' if tbl and column else ''}{column}",
                "detail": visible("; ".join(detail)),
            }
        )
    return out


def render(ctx: dict) -> str:
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "page.js").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    notices = ctx["notices"]
    periods: dict[int, int] = {}
    for n in notices:
        if n.get("plan_period") is not None:
            periods[int(n["plan_period"])] = periods.get(int(n["plan_period"]), 0) + 1
    target_counts: dict[str, int] = {}
    for t in ctx["targets"]:
        target_counts[str(t["notice"])] = target_counts.get(str(t["notice"]), 0) + 1
    regions = {}
    for n in notices:
        if n.get("region"):
            regions.setdefault(n["region"], n.get("region_en"))
    validation_rows = _validation_rows(ctx["validation"])
    return _environment().get_template("page.html").render(
        ctx=ctx,
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        data=Markup(_json_for_script(_page_data(ctx))),
        regions=sorted(regions.items()),
        periods=sorted(periods.items()),
        period_names=ctx["periods"],
        notice_rows=sorted(
            notices,
            key=lambda n: (
                n.get("plan_period") or 0, str(n.get("admin_code") or ""),
                str(n.get("region") or ""), str(n.get("notice_id"))
            )
        ),
        target_counts=target_counts,
        downloads_by_path={d["path"]: d for d in ctx["downloads"]},
        quality=_quality_view(ctx["quality"]),
        validation_rows=validation_rows,
        validation_passed=[r for r in validation_rows if r["success"] is True],
        validation_failed=[r for r in validation_rows if r["success"] is not True],
        visible=visible,
    )
