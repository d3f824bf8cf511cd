"""The release page: ``exports/<version>/index.html``, a static page people can open from disk.

It reads only what is already in the release folder (``parquet/*.parquet``, ``datapackage.json``,
``SHA256SUMS``, ``quality.json``, ``validation/result.json``; each optional) and writes one
self-contained HTML file. It must work from ``file://`` (where ``fetch()`` of local files is blocked)
and from any static host, so the data the page needs is embedded as JSON inside the HTML and the charts
are drawn as inline SVG by a small vanilla script (no library, nothing from a CDN).

Safety: notice text is third-party. Everything rendered here is HTML-escaped; the embedded JSON has
``<``, ``>`` and ``&`` escaped so no text can close the ``<script>`` element; the script only writes
text through ``textContent``; and a Content-Security-Policy allows just the page's own inline script
and style (by hash), so even a missed escape could not run injected code.

Determinism: same inputs → byte-identical ``index.html`` (sorted inputs, no timestamps, no paths of the
build machine).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Iterable
from pathlib import Path

import polars as pl

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


# ---------------------------------------------------------------------------------------------
# public entry point


def build_release_page(release_dir: Path) -> Path:
    """Write ``release_dir/index.html`` from what the release folder holds; return its path."""
    release_dir = Path(release_dir)
    context = collect(release_dir)
    out = release_dir / PAGE_NAME
    out.write_bytes(render(context).encode("utf-8"))
    return out


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
            elif name in ("notices", "targets", "national_targets", "target_comparison"):
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
    """JSON-safe scalar: NaN/inf → None, dates → ISO text, integral floats kept as floats."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _indicator_labels() -> dict[str, dict]:
    try:
        from fyp.vocabularies import load_vocabulary

        return {row["code"]: {"zh": row.get("label_zh") or "", "en": row.get("label_en") or ""} for row in load_vocabulary("indicators")}
    except Exception:
        return {}


def collect(release_dir: Path) -> dict:
    """Everything the page shows, as plain data (the page is a pure function of this)."""
    release_dir = Path(release_dir)
    frames, counts = _read_tables(release_dir)
    datapackage = _read_json(release_dir / "datapackage.json")
    sums = _read_sha256sums(release_dir / "SHA256SUMS")
    quality = _read_json(release_dir / "quality.json")
    validation = _read_json(release_dir / "validation" / "result.json")
    version = None
    if isinstance(datapackage, dict):
        version = datapackage.get("version")
    version = str(version or release_dir.name)

    notices = sorted(_rows(frames.get("notices")), key=lambda r: str(r.get("notice_id") or ""))
    labels = _indicator_labels()
    targets = _target_rows(frames, notices)
    comparison = _comparison_rows(frames, notices)
    return {
        "version": version,
        "title": (datapackage or {}).get("title") if isinstance(datapackage, dict) else None,
        "counts": counts,
        "notices": notices,
        "downloads": _downloads(release_dir, sums, datapackage),
        "sha256sums_present": sums is not None,
        "quality": quality,
        "quality_md": (release_dir / "quality.md").is_file(),
        "changelog": (release_dir / "CHANGELOG.md").is_file(),
        "validation": validation,
        "data_docs": _data_docs_index(release_dir),
        "labels": labels,
        "targets": targets,
        "texts": _notice_texts(frames, targets),
        "charts": _charts(comparison, notices, labels, _rows(frames.get("national_targets"))),
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
            # A DuckDB file differs byte for byte on every write; a checksum or size on the page
            # would make the page itself differ between identical rebuilds. SHA256SUMS has it.
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
                "period": _clean(n.get("plan_period")),
            }
        )
    return sorted(rows, key=lambda r: (str(r["notice"]), r["start"] if isinstance(r["start"], int) else -1, str(r["id"])))


def _notice_texts(frames: dict[str, pl.DataFrame], targets: list[dict]) -> dict[str, str]:
    """Source text of each notice that has targets (evidence is shown in context)."""
    wanted = {t["notice"] for t in targets}
    texts = {}
    for row in _rows(frames.get("provisions")):
        nid = str(row.get("notice_id"))
        if nid in wanted and isinstance(row.get("text"), str):
            texts[nid] = row["text"]
    return dict(sorted(texts.items()))


def _num(value):
    value = _clean(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _comparison_rows(frames: dict[str, pl.DataFrame], notices: list[dict]) -> list[dict]:
    """Headline targets per (indicator, region, plan_period) with the national target beside them.

    Taken from the release's ``target_comparison`` table when it has the needed columns; otherwise
    derived the same way from ``targets`` + ``notices`` + ``national_targets`` (first relative decrease
    of the indicator in the notice, by position).
    """
    need = {"indicator", "region", "plan_period", "value", "unit"}
    comp = frames.get("target_comparison")
    if comp is not None and need <= set(comp.columns):
        rows = []
        for r in comp.to_dicts():
            rows.append(
                {
                    "indicator": _clean(r.get("indicator")),
                    "region": _clean(r.get("region")),
                    "period": _num(r.get("plan_period")),
                    "value": _num(r.get("value")),
                    "unit": _clean(r.get("unit")),
                    "national_value": _num(r.get("national_value")),
                    "national_unit": _clean(r.get("national_unit")),
                    "direction": _clean(r.get("direction")),
                    "national_direction": _clean(r.get("national_direction")),
                }
            )
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
            best[key] = (rank, t)
    rows = []
    for (indicator, region, period), (_rank, t) in sorted(best.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
        nat = national.get((period, indicator)) or {}
        rows.append(
            {
                "indicator": indicator,
                "region": region,
                "period": period,
                "value": _num(t.get("value")),
                "unit": _clean(t.get("unit")),
                "national_value": _num(nat.get("value")),
                "national_unit": _clean(nat.get("unit")),
                "direction": _clean(t.get("direction")),
                "national_direction": _clean(nat.get("direction")),
            }
        )
    return rows


def _region_sort_keys(notices: list[dict]) -> dict[str, tuple]:
    keys: dict[str, tuple] = {}
    for n in notices:
        region = n.get("region")
        if region and region not in keys:
            keys[region] = (str(n.get("admin_code") or "999999"), LEVEL_ORDER.get(n.get("level"), 9), region)
    return keys


def _charts(comparison: list[dict], notices: list[dict], labels: dict[str, dict], national_rows: list[dict] = ()) -> dict:
    region_keys = _region_sort_keys(notices)

    def region_key(region: str) -> tuple:
        return region_keys.get(region, ("999999", 9, region))

    def series(indicator: str) -> dict:
        rows = [r for r in comparison if r["indicator"] == indicator]
        # The charts draw reductions in %: other units or directions are listed beside them instead.
        plotted = [r for r in rows if r["unit"] in RELATIVE_UNITS and r["value"] is not None and r.get("direction") in (None, "decrease")]
        national: dict[str, float] = {}
        # The national reference table gives every period, also those no region of this release covers.
        for r in national_rows:
            period, value = _num(r.get("plan_period")), _num(r.get("value"))
            if (r.get("indicator") == indicator and period is not None and value is not None and r.get("unit") in RELATIVE_UNITS
                    and r.get("direction") in (None, "decrease")):
                national[str(int(period))] = value
        for r in rows:
            if (r["national_value"] is not None and r["national_unit"] in RELATIVE_UNITS and r["period"] is not None
                    and r.get("national_direction") in (None, "decrease")):
                national[str(int(r["period"]))] = r["national_value"]
        points = [
            {"region": r["region"], "period": int(r["period"]), "value": r["value"]}
            for r in sorted(plotted, key=lambda r: (r["period"], region_key(r["region"])))
        ]
        other = sorted(
            {
                f'{r["region"]} {CN_NUMERALS.get(int(r["period"]), r["period"])}: {DIRECTION_ZH.get(r.get("direction"), "")} {_fmt(r["value"])} {r["unit"] or ""}'.replace("  ", " ").strip()
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
    regions = sorted({p["region"] for p in energy["points"]}, key=region_key)
    energy["regions"] = regions
    return {
        "periods": list(PLAN_PERIODS),
        "period_labels": {str(p): _period_label(p) for p in PLAN_PERIODS},
        "energy": energy,
        "pollutants": [series(code) for code in POLLUTANTS],
    }


def _period_label(period) -> str:
    try:
        p = int(period)
    except (TypeError, ValueError):
        return ""
    start = 2006 + 5 * (p - 11)
    return f"{CN_NUMERALS.get(p, str(p))} ({start}–{start + 4})"


# ---------------------------------------------------------------------------------------------
# rendering


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.4g}" if abs(value) < 1 else f"{value:.6g}"
    return str(value)


def _size(n: int) -> str:
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


def _na(what_zh: str, what_en: str) -> str:
    return f'<p class="na">{_esc(what_zh)}: 不可用 <span lang="en">/ {_esc(what_en)}: not available</span></p>'


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """An HTML table; header and cell strings must already be escaped HTML."""
    head = "".join(f"<th scope=\"col\">{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cls_attr = f' class="{cls}"' if cls else ""
    return f"<table{cls_attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bi(zh: str, en: str) -> str:
    return f'{_esc(zh)} <span class="en" lang="en">{_esc(en)}</span>'


def _section_summary(ctx: dict) -> str:
    notices = ctx["notices"]
    counts = ctx["counts"]
    regions = sorted({n["region"] for n in notices if n.get("region")})
    periods: dict[int, int] = {}
    for n in notices:
        if n.get("plan_period") is not None:
            periods[int(n["plan_period"])] = periods.get(int(n["plan_period"]), 0) + 1
    stats = [
        (_bi("通知", "notices"), _fmt(len(notices)) if "notices" in counts else "—"),
        (_bi("地区", "regions"), _fmt(len(regions)) if notices else "—"),
        (_bi("规划期", "plan periods"), _fmt(len(periods)) if periods else "—"),
        (_bi("目标", "targets"), _fmt(counts.get("targets")) if counts.get("targets") is not None else "—"),
    ]
    cards = "".join(f'<div class="stat"><div class="stat-v">{v}</div><div class="stat-k">{k}</div></div>' for k, v in stats)
    parts = [f'<div class="stats">{cards}</div>']
    if periods:
        per = " · ".join(f"{_esc(_period_label(p))}: {n}" for p, n in sorted(periods.items()))
        parts.append(f'<p class="regions"><strong>{_bi("各规划期通知数", "notices per plan period")}:</strong> {per}</p>')
    if regions:
        parts.append(f'<p class="regions"><strong>{_bi("地区", "Regions")}:</strong> {_esc("、".join(regions))}</p>')

    # rows per table, with the table's own files beside it
    by_path = {d["path"]: d for d in ctx["downloads"]}
    if counts:
        rows = []
        for name, n in counts.items():
            links = []
            for fmt, rel in (("Parquet", f"parquet/{name}.parquet"), ("CSV", f"csv/{name}.csv")):
                if rel in by_path:
                    links.append(f'<a href="{_esc(rel)}" download>{fmt}</a> <span class="muted">{_esc(_size(by_path[rel]["bytes"]))}</span>')
            rows.append([f"<code>{_esc(name)}</code>", _esc(_fmt(n)) if n is not None else '<span class="bad">unreadable</span>', " · ".join(links)])
        parts.append(_table([_bi("表", "table"), _bi("行数", "rows"), _bi("下载", "download")], rows, "num2"))
    else:
        parts.append(_na("数据表", "tables"))

    if notices:
        target_counts: dict[str, int] = {}
        for t in ctx["targets"]:
            target_counts[str(t["notice"])] = target_counts.get(str(t["notice"]), 0) + 1
        rows = []
        for n in sorted(notices, key=lambda n: (n.get("plan_period") or 0, str(n.get("admin_code") or ""), str(n.get("region") or ""), str(n.get("notice_id")))):
            rows.append(
                [
                    _esc(n.get("title") or n.get("source_file")),
                    _esc(n.get("region")),
                    _esc(_period_label(n.get("plan_period")) if n.get("plan_period") is not None else ""),
                    _esc(_clean(n.get("issue_date")) or ""),
                    _esc(n.get("doc_number") or ""),
                    _esc(target_counts.get(str(n.get("notice_id")), 0)),
                ]
            )
        parts.append(
            '<details><summary>' + _bi("通知列表", "list of notices") + f" ({len(notices)})</summary>"
            + _table([_bi("标题", "title"), _bi("地区", "region"), _bi("规划期", "period"), _bi("发布日期", "issued"), _bi("文号", "doc. no."), _bi("目标数", "targets")], rows)
            + "</details>"
        )
    return "".join(parts)


def _section_downloads(ctx: dict) -> str:
    files = ctx["downloads"]
    if not files:
        return _na("下载文件", "downloads")
    rows = []
    for f in files:
        status = ""
        if f["checksum"] == "ok":
            status = ' <span class="ok" title="matches SHA256SUMS">✓</span>'
        elif f["checksum"] == "mismatch":
            status = ' <span class="bad">≠ SHA256SUMS</span>'
        rows.append(
            [
                f'<a href="{_esc(f["path"])}" download>{_esc(f["path"])}</a>',
                _esc(f["kind"]),
                f'<span title="{_esc(f["bytes"])} bytes">{_esc(_size(f["bytes"]))}</span>' if f["bytes"] is not None else "—",
                f'<code class="hash">{_esc(f["sha256"])}</code>{status}'
                if f["sha256"] is not None
                else _bi("见 SHA256SUMS(每次写入字节不同)", "see SHA256SUMS (not byte-reproducible)"),
            ]
        )
    note = ""
    if not ctx["sha256sums_present"]:
        note = (
            '<p class="muted">' + _bi("SHA-256 为生成本页时对文件计算所得", "SHA-256 computed from the files when this page was built")
            + " · " + _bi("校验:", "verify:") + " <code>sha256sum -c SHA256SUMS</code> / <code>fyp verify</code></p>"
        )
    else:
        note = '<p class="muted">' + _bi("校验:", "verify:") + ' <code>sha256sum -c SHA256SUMS</code></p>'
    return note + _table([_bi("文件", "file"), _bi("格式", "format"), _bi("大小", "size"), "SHA-256"], rows, "downloads")


_METRIC_ORDER = ("precision", "recall", "f1", "share_exact", "tp", "fp", "fn", "n_gold", "n_predicted")


def _metric_key(name: str) -> tuple:
    return (_METRIC_ORDER.index(name) if name in _METRIC_ORDER else len(_METRIC_ORDER), name)


def _is_scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _fmt_metric(v) -> str:
    if isinstance(v, float) and not isinstance(v, bool) and math.isfinite(v) and 0 <= v <= 1 and not v.is_integer():
        return f"{v:.3f}"
    return _fmt(v)


def _section_quality(ctx: dict) -> str:
    q = ctx["quality"]
    link = ' <a href="quality.md">quality.md</a>' if ctx["quality_md"] else ""
    if not isinstance(q, dict):
        return _na("抽取质量报告", "extraction quality report") + (f"<p>{link}</p>" if link else "")
    out = []
    sets = q.get("sets") if isinstance(q.get("sets"), dict) else None
    if sets is None:
        return _generic(q) + link
    for set_name in sorted(sets):
        body = sets[set_name]
        out.append(f"<h3>{_esc(set_name)}</h3>")
        if not isinstance(body, dict):
            out.append(f"<p>{_esc(_fmt(body))}</p>")
            continue
        scores = body.get("scores") if isinstance(body.get("scores"), dict) else {}
        groups = sorted(k for k, v in scores.items() if isinstance(v, dict))
        metrics = sorted({m for g in groups for m, v in scores[g].items() if _is_number(v)}, key=_metric_key)
        if groups:
            rows = [[f"<code>{_esc(g)}</code>"] + [f'<span class="numv">{_esc(_fmt_metric(scores[g].get(m)))}</span>' for m in metrics] for g in groups]
            out.append(_table([_bi("抽取对象", "extracted")] + [_esc(m) for m in metrics], rows, "quality"))
            for g in groups:
                for key, sub in sorted(scores[g].items()):
                    nums = {k: v for k, v in sub.items() if _is_number(v)} if isinstance(sub, dict) else {}
                    if nums:
                        line = " · ".join(f"{_esc(k)} {_esc(_fmt_metric(v))}" for k, v in sorted(nums.items()))
                        out.append(f'<p class="muted"><code>{_esc(g)}</code> {_esc(key)}: {line}</p>')
        extra = {k: (len(v) if isinstance(v, list) else v) for k, v in body.items() if k != "scores" and (_is_scalar(v) or isinstance(v, list))}
        if extra:
            out.append("<p class=\"muted\">" + " · ".join(f"{_esc(k)}: {_esc(_fmt_metric(v))}" for k, v in sorted(extra.items())) + "</p>")
        if not groups and not extra:
            out.append(_generic(body))
    top = {k: v for k, v in q.items() if k != "sets" and _is_scalar(v)}
    if top:
        out.append("<p class=\"muted\">" + " · ".join(f"{_esc(k)}: {_esc(_fmt_metric(v))}" for k, v in sorted(top.items())) + "</p>")
    if link:
        out.append(f"<p>{_bi('完整报告', 'full report')}:{link}</p>")
    return "".join(out)


def _generic(obj, depth: int = 0) -> str:
    """Any JSON value as nested definition lists (for report shapes this page does not know)."""
    if depth > 4:
        return f"<code>{_esc(json.dumps(obj, ensure_ascii=False, sort_keys=True)[:500])}</code>"
    if isinstance(obj, dict):
        items = "".join(f"<dt>{_esc(k)}</dt><dd>{_generic(obj[k], depth + 1)}</dd>" for k in sorted(obj, key=str))
        return f'<dl class="generic">{items}</dl>'
    if isinstance(obj, list):
        return "<ol>" + "".join(f"<li>{_generic(v, depth + 1)}</li>" for v in obj[:200]) + "</ol>"
    return _esc(_fmt_metric(obj))


def _expectation_row(item: dict) -> tuple[bool | None, str, str, str]:
    config = item.get("expectation_config") if isinstance(item.get("expectation_config"), dict) else {}
    kwargs = item.get("kwargs") if isinstance(item.get("kwargs"), dict) else {}
    if not kwargs and isinstance(config.get("kwargs"), dict):
        kwargs = config["kwargs"]
    name = item.get("expectation") or item.get("expectation_type") or item.get("type") or config.get("expectation_type") or config.get("type") or ""
    table = item.get("table") or item.get("resource") or item.get("data_asset") or kwargs.get("table") or ""
    column = item.get("column") or kwargs.get("column") or ""
    if not column and isinstance(kwargs.get("column_list"), list):
        column = ", ".join(map(str, kwargs["column_list"]))
    if not column and kwargs.get("column_A") and kwargs.get("column_B"):
        column = f"{kwargs['column_A']}, {kwargs['column_B']}"
    success = item.get("success")
    detail_src = dict(item.get("result")) if isinstance(item.get("result"), dict) else {}
    for key in ("unexpected_count", "observed"):
        if item.get(key) is not None:
            detail_src.setdefault(key, item[key])
    detail = [item["description"]] if isinstance(item.get("description"), str) and item["description"] else []
    for key in ("unexpected_count", "unexpected_percent", "observed", "observed_value", "element_count"):
        if key in detail_src and detail_src[key] is not None and _is_scalar(detail_src[key]):
            detail.append(f"{key}: {_fmt_metric(detail_src[key])}")
    if isinstance(item.get("examples"), list) and item["examples"]:
        detail.append("e.g. " + ", ".join(str(x) for x in item["examples"][:5]))
    if isinstance(item.get("detail"), str):
        detail.append(item["detail"])
    return (success if isinstance(success, bool) else None, str(name), f"{table}{'.' if table and column else ''}{column}", "; ".join(detail))


def _section_validation(ctx: dict) -> str:
    v = ctx["validation"]
    docs = ctx["data_docs"]
    docs_link = f'<p><a href="{_esc(docs)}">Great Expectations Data Docs</a></p>' if docs else ""
    if not isinstance(v, dict):
        return _na("数据校验结果", "validation result") + docs_link
    success = v.get("success")
    if success is True:
        badge = '<p class="badge ok-bg">✓ 校验通过 <span lang="en">validation passed</span></p>'
    elif success is False:
        badge = '<p class="badge bad-bg">✗ 校验未通过 <span lang="en">validation failed</span></p>'
    else:
        badge = '<p class="badge">校验结果未知 <span lang="en">validation result unknown</span></p>'
    items = v.get("results")
    if not isinstance(items, list):
        items = v.get("expectations") if isinstance(v.get("expectations"), list) else []
    rows = [_expectation_row(i) for i in items if isinstance(i, dict)]
    passed = sum(1 for r in rows if r[0] is True)
    failed = [r for r in rows if r[0] is not True]
    stats = v.get("statistics") if isinstance(v.get("statistics"), dict) else {}
    summary = f"<p>{_bi('期望', 'expectations')}: {len(rows)} · {_bi('通过', 'passed')}: {passed} · {_bi('未通过', 'failed')}: {len(failed)}</p>"
    if stats:
        summary += "<p class=\"muted\">" + " · ".join(f"{_esc(k)}: {_esc(_fmt_metric(x))}" for k, x in sorted(stats.items()) if _is_scalar(x)) + "</p>"

    def table_of(rs):
        return _table(
            [_bi("结果", "result"), _bi("期望", "expectation"), _bi("表.列", "table.column"), _bi("详情", "detail")],
            [[('<span class="ok">✓</span>' if r[0] else '<span class="bad">✗</span>' if r[0] is False else "?"), f"<code>{_esc(r[1])}</code>", _esc(r[2]), _esc(r[3])] for r in rs],
            "validation",
        )

    out = [badge, summary]
    if failed:
        out.append(f"<h3>{_bi('未通过的期望', 'failed expectations')}</h3>" + table_of(failed))
    if passed:
        out.append(f"<details><summary>{_bi('通过的期望', 'passed expectations')} ({passed})</summary>" + table_of([r for r in rows if r[0] is True]) + "</details>")
    out.append(docs_link)
    return "".join(out)


def _page_data(ctx: dict) -> dict:
    labels = {code: ctx["labels"][code] for code in sorted(ctx["labels"])}
    return {
        "version": ctx["version"],
        "labels": labels,
        "charts": ctx["charts"],
        "targets": ctx["targets"],
        "texts": ctx["texts"],
        "titles": {str(n["notice_id"]): _clean(n.get("title") or n.get("source_file")) for n in ctx["notices"] if n.get("notice_id") is not None},
        "has_targets_table": ctx["has_targets_table"],
    }


def render(ctx: dict) -> str:
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "page.js").read_text(encoding="utf-8")
    shell = (TEMPLATES / "page.html").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = f"fyp-notices {ctx['version']}"
    values = {
        "TITLE": _esc(title),
        "VERSION": _esc(ctx["version"]),
        "SUBTITLE": _esc(ctx["title"] or ""),
        "CSP": _esc(csp),
        "CSS": css,
        "JS": js,
        "DATA": _json_for_script(_page_data(ctx)),
        "SUMMARY": _section_summary(ctx),
        "DOWNLOADS": _section_downloads(ctx),
        "QUALITY": _section_quality(ctx),
        "VALIDATION": _section_validation(ctx),
        "CHANGELOG": '<a href="CHANGELOG.md">CHANGELOG.md</a>' if ctx["changelog"] else "CHANGELOG: 不可用 / not available",
    }
    out = shell
    # Single pass over placeholders so inserted content is never re-scanned for placeholders.
    pieces = out.split("{{")
    result = [pieces[0]]
    for piece in pieces[1:]:
        key, sep, rest = piece.partition("}}")
        if sep and key in values:
            result.append(values[key] + rest)
        else:
            result.append("{{" + piece)
    return "".join(result)
