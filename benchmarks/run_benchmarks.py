"""Measure the pipeline at national scale and print what it costs (a measuring script, not a test).

    python benchmarks/run_benchmarks.py                  # N = 100, 1,000, 10,000 (≈25 minutes on 2 cores)
    python benchmarks/run_benchmarks.py --sizes 100,1000 # quick

For each corpus size N (synthetic corpora from benchmarks/generate_corpus.py, generated once into
--workdir and reused while the generator is unchanged):

- the floor: one compiled regex finditer over every notice's text (what any extraction must at least cost),
  in passes of at least FLOOR_MIN_S, interleaved with the extraction runs in the same subprocess;
- extraction throughput: every notice extracted in the worker processes (as ``fyp build`` does), in a
  subprocess, characters per second, best of ROUNDS, and its ratio to the best floor pass (with the
  spread of both and of the per-round ratios); also in one process, and through ``extract_all`` (which
  ships every row back to the caller);
- cold build: ``fyp build`` in a subprocess on an empty warehouse folder: wall time, peak RSS of the
  process tree (sum over the process and its children, sampled every 20 ms) and the largest single
  process (getrusage RUSAGE_CHILDREN ru_maxrss);
- correctness at scale: recall and precision of the planted targets (value, unit, target year) in the
  built warehouse;
- refresh: the same build run again with nothing changed, and with one new notice added (at N ≥ 1,000);
- publishing: ``fyp release`` if the CLI has it;
- the three analyst queries of README.md on the warehouse (best of 3).

Results are printed and written to WORKDIR/results.json.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pipelines"))
sys.path.insert(0, str(ROOT / "benchmarks"))

RELEASE_TIMEOUT_S = 1200.0
FLOOR_RE = r"\d+(?:\.\d+)?\s*(?:%|万吨|吨)"

QUERIES = {
    "headline energy-intensity targets": """
        SELECT n.region, n.plan_period, t.value, t.unit, t.baseline_year, t.target_year, t.evidence
        FROM targets t JOIN notices n USING (notice_id)
        WHERE t.indicator = 'energy_intensity_gdp' AND t.unit = '%'
        ORDER BY n.region, n.plan_period""",
    "deadlines by 2008 with agencies": """
        SELECT d.deadline_date, d.action, string_agg(r.agency, '、' ORDER BY r.agency) AS agencies
        FROM deadlines d
        LEFT JOIN responsibilities r USING (notice_id, provision_id)
        WHERE d.deadline_date <= DATE '2008-12-31'
        GROUP BY ALL ORDER BY d.deadline_date""",
    "agencies leading most provisions": """
        SELECT n.region, r.agency, count(*) AS provisions
        FROM responsibilities r JOIN notices n USING (notice_id)
        GROUP BY ALL ORDER BY provisions DESC LIMIT 20""",
}


def env() -> dict:
    python = os.environ.get("FYP_PYTHON") or sys.executable
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "pipelines") + os.pathsep + e.get("PYTHONPATH", "")
    return {"python": python, "env": e}


def run_measured(cmd: list[str], cwd: Path | None = None, timeout: float | None = None) -> dict:
    """Run ``cmd``; wall time, peak RSS of its process tree (sampled) and exit code."""
    before = _children_maxrss()
    cpu_before = _children_cpu()
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env()["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    timed_out = False
    while proc.poll() is None:
        if timeout is not None and time.perf_counter() - start > timeout:
            for p in [*ps.children(recursive=True), ps]:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            timed_out = True
            break
        try:
            tree = [ps, *ps.children(recursive=True)]
            rss = 0
            for p in tree:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    after = _children_maxrss()
    return {
        "wall_s": wall,
        # CPU seconds of the process and the children it waited for (the extraction workers): what the
        # run costs whatever else the machine is doing; wall time depends on the other load too.
        "cpu_s": _children_cpu() - cpu_before,
        "load_avg_1min_at_start": load,
        "peak_tree_rss_mb": peak / 2**20,
        # ru_maxrss of the largest child so far (KiB on Linux); only meaningful when it grew.
        "max_child_rss_mb": after / 1024 if after > before else None,
        "returncode": proc.returncode,
        "timed_out": timed_out,
        "stdout": out,
        "stderr": err,
    }


def _children_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _children_maxrss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def ensure_corpus(n: int, workdir: Path, seed: int) -> Path:
    from generate_corpus import generate

    out = workdir / f"corpus-{n}"
    meta = out / "corpus.json"
    stamp = (ROOT / "benchmarks" / "generate_corpus.py").stat().st_mtime
    if meta.exists():
        info = json.loads(meta.read_text())
        if info.get("n") == n and info.get("seed") == seed and info.get("generator_mtime") == stamp:
            return out
    t = time.perf_counter()
    stats = generate(n, out, seed)
    info = {"n": n, "seed": seed, "generator_mtime": stamp, **stats}
    meta.write_text(json.dumps(info, indent=1))
    took = time.perf_counter() - t
    print(f"  generated corpus of {n} notices ({stats['chars']:,} chars) in {took:.1f} s", flush=True)
    return out


def extra_notice(n: int, seed: int) -> tuple[str, bytes]:
    """Notice number ``n`` of the corpus (the one a corpus of n does not have yet)."""
    import random

    from generate_corpus import corpus_plan, write_notice

    place, period = corpus_plan(n + 1, seed)[n]
    text, _, variant = write_notice(random.Random(f"{seed}-{n}"), place, period, n)
    return f"{n:05d}_{place.admin_code}_{period}.txt", text.encode(variant["encoding"])


# Shortest floor pass: the corpus is matched again and again until this long, so that a pass of the
# 100-notice corpus (≈ 0.02 s once) is not timer resolution, cache warm-up and one scheduler slice.
FLOOR_MIN_S = 0.5
# Extraction rounds; a floor pass runs before the first and after each (F E F E F E F).
ROUNDS = 3

EXTRACT_SNIPPET = r"""
import json, re, sys, time
from pathlib import Path
from fyp.ingest.folder import ingest_folder
from fyp.extract.notice import extract_all, extract_notice
from fyp.metadata.gazetteer import by_full_name
from fyp.parallel import parallel_map, worker_count
raw, floor_re, floor_min_s, rounds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
r = ingest_folder(raw)
notices, prov = r.notices, r.provenance
texts = [n.source for n in notices]
chars = sum(len(t) for t in texts)
by_full_name()  # the gazetteer is loaded once per process, before any notice: start-up, not throughput
rx = re.compile(floor_re)

def floor_pass():
    # Whole passes over the decoded texts until FLOOR_MIN_S has gone by: chars/s of one regex finditer.
    passes, hits = 0, 0
    t = time.perf_counter()
    while True:
        for s in texts:
            for _m in rx.finditer(s):
                hits += 1
        passes += 1
        d = time.perf_counter() - t
        if d >= floor_min_s:
            return {"s": d, "passes": passes, "cps": chars * passes / d, "hits": hits // passes}

def rows_of(i):
    x = extract_notice(notices[i], prov.get(notices[i].source_file))
    return sum(len(v) for v in x.rows.values())

def timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value

out = {"chars": chars, "notices": len(notices), "workers": worker_count(len(notices))}
# The floor and the extraction in the workers, interleaved: F E F E ... F, so every extraction round
# has a floor pass just before and just after it, under the same load.
floors = [floor_pass()]
rounds_out = []
for _ in range(rounds):
    s, rows = timed(lambda: sum(parallel_map(rows_of, range(len(notices)))))
    floors.append(floor_pass())
    rounds_out.append({"s": s, "cps": chars / s, "rows": rows})
out["rows"] = rounds_out[0]["rows"]
assert all(x["rows"] == out["rows"] for x in rounds_out)
out["floor_passes"] = floors
out["worker_rounds"] = rounds_out
out["workers_s"] = min(x["s"] for x in rounds_out)
# The other ways, once each, each between two floor passes.
s, rows = timed(lambda: sum(rows_of(i) for i in range(len(notices))))
assert rows == out["rows"]
out["one_process_s"] = s
out["one_process_floor"] = [floors[-1], floor_pass()]
s, (ex, problems) = timed(lambda: extract_all(notices, prov))
out["extract_all_s"] = s
out["extract_all_floor"] = [out["one_process_floor"][-1], floor_pass()]
out["problems"] = len(problems)
# The build's own path (fyp.tables.incremental.refresh): read and decode each file, extract, write the
# cache packs, in the worker processes, into an empty cache.
import tempfile
from fyp.ingest.scan import scan_folder
from fyp.tables.cache import ExtractionCache
from fyp.tables.incremental import refresh
scan = scan_folder(raw)
with tempfile.TemporaryDirectory() as tmp:
    s, stats = timed(lambda: refresh(scan, ExtractionCache(Path(tmp)), prov))
    out["build_path_s"] = s
    out["build_path_floor"] = [out["extract_all_floor"][-1], floor_pass()]
    assert len(stats.extracted) == len(scan.files)
print(json.dumps(out))
"""


def extraction(raw: Path) -> dict:
    """The floor and extraction over the decoded corpus, in one subprocess, interleaved in time.

    The floor: one compiled regex ``finditer`` over every notice's decoded text, in one process, each
    pass at least FLOOR_MIN_S long. Extraction in the worker processes, where the rows stay (as in
    ``fyp build``, whose workers write them to the cache), ROUNDS times, with a floor pass before the
    first round and after each. The ratio is the best floor pass over the best round (best of k for
    both; the floor gets one pass more, which can only raise the ratio); each round's own ratio, to the
    faster of its two adjacent floor passes, gives the spread. Then, once each and between two floor
    passes: in one process; ``extract_all``, which also ships every row back to the calling process; the
    build's own path, which also reads and decodes every file and writes the cache packs (``fyp build``
    and ``fyp evaluate`` run it)."""
    res = run_measured([env()["python"], "-c", EXTRACT_SNIPPET, str(raw), FLOOR_RE, str(FLOOR_MIN_S), str(ROUNDS)])
    if res["returncode"] != 0:
        return {"error": res["stderr"][-2000:]}
    out = json.loads(res["stdout"].strip().splitlines()[-1])
    floors = out["floor_passes"]
    out["floor_cps"] = max(f["cps"] for f in floors)
    out["round_ratios"] = [
        max(floors[i]["cps"], floors[i + 1]["cps"]) / x["cps"] for i, x in enumerate(out["worker_rounds"])
    ]
    out["extract_s"] = out["workers_s"]
    for way in ("workers", "one_process", "extract_all", "build_path"):
        out[f"{way}_cps"] = out["chars"] / out[f"{way}_s"]
    for way in ("one_process", "extract_all", "build_path"):
        out[f"{way}_ratio"] = max(f["cps"] for f in out[f"{way}_floor"]) / out[f"{way}_cps"]
    out["extract_cps"] = out["workers_cps"]
    out["ratio_to_floor"] = out["floor_cps"] / out["extract_cps"]
    out["process_cpu_s"] = res["cpu_s"]
    out["load_avg_1min_at_start"] = res["load_avg_1min_at_start"]
    return out


def build(raw: Path, warehouse: Path) -> dict:
    res = run_measured([env()["python"], "-m", "fyp.cli", "build", "--raw", str(raw), "--warehouse", str(warehouse)])
    if res["returncode"] != 0:
        print(res["stderr"][-3000:], file=sys.stderr)
    return {k: v for k, v in res.items() if k not in ("stdout", "stderr")} | {"summary": res["stdout"].strip()[-300:]}


def release(raw: Path, warehouse: Path, exports: Path) -> dict:
    help_text = subprocess.run(
        [env()["python"], "-m", "fyp.cli", "--help"], env=env()["env"], capture_output=True, text=True
    ).stdout
    if not re.search(r"\brelease\b", help_text):
        return {"measured": False, "why": "`fyp release` is not in this checkout"}
    shutil.rmtree(exports, ignore_errors=True)
    paths = ["--raw", str(raw), "--warehouse", str(warehouse), "--exports", str(exports), "--gold", str(ROOT / "gold")]
    cmd = [env()["python"], "-m", "fyp.cli", "release", *paths]
    res = run_measured(cmd, timeout=RELEASE_TIMEOUT_S)
    if res["timed_out"]:
        return {
            "measured": False,
            "why": f"stopped after {RELEASE_TIMEOUT_S:.0f} s without finishing",
            "peak_tree_rss_mb": res["peak_tree_rss_mb"],
        }
    return {
        "measured": res["returncode"] == 0,
        **{k: v for k, v in res.items() if k in ("wall_s", "cpu_s", "peak_tree_rss_mb", "returncode")},
        "stderr": res["stderr"][-500:],
    }


def queries(warehouse: Path) -> dict:
    import duckdb

    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, sql in QUERIES.items():
            best, rows = None, 0
            for _ in range(3):
                t = time.perf_counter()
                rows = len(con.execute(sql).fetchall())
                d = time.perf_counter() - t
                best = d if best is None else min(best, d)
            out[name] = {"best_s": best, "rows": rows}
    return out


def correctness(corpus: Path, warehouse: Path) -> dict:
    """Recall and precision of the planted targets among the warehouse's target rows."""
    import duckdb

    expected: dict[str, list[tuple]] = collections.defaultdict(list)
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    with (corpus / "expected.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            expected[e["source_file"]].append((e["value"], e["unit"], e["target_year"], e["kind"]))
    got: dict[str, list[tuple]] = collections.defaultdict(list)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for source_file, value, unit, year in con.execute(
            "SELECT n.source_file, t.value, t.unit, t.target_year FROM targets t JOIN notices n USING (notice_id)"
        ).fetchall():
            got[Path(source_file).name].append((value, unit, year))
    tp = fn = extracted = 0
    for source_file, planted in expected.items():
        remaining = collections.Counter(got.get(source_file, []))
        for value, unit, year, kind in planted:
            kinds[kind][1] += 1
            if remaining[(value, unit, year)] > 0:
                remaining[(value, unit, year)] -= 1
                tp += 1
                kinds[kind][0] += 1
            else:
                fn += 1
    extracted = sum(len(v) for v in got.values())
    return {
        "planted": tp + fn,
        "extracted": extracted,
        "found": tp,
        "recall": tp / (tp + fn) if tp + fn else None,
        "precision": tp / extracted if extracted else None,
        "recall_by_kind": {k: f / t for k, (f, t) in kinds.items()},
    }


def bench_size(n: int, workdir: Path, seed: int, incremental: bool, extraction_only: bool = False) -> dict:
    print(f"\n== N = {n:,} ==", flush=True)
    corpus = ensure_corpus(n, workdir, seed)
    raw = corpus / "raw"
    out: dict = {"n": n, "corpus": json.loads((corpus / "corpus.json").read_text())}
    out["extraction"] = extraction(raw)
    x = out["extraction"]
    if "error" not in x:
        floors = x["floor_passes"]
        out["floor"] = {"chars": x["chars"], "floor_cps": x["floor_cps"], "passes": floors}
        print(
            f"  floor regex pass ({len(floors)} passes of >= {FLOOR_MIN_S} s, interleaved): best "
            f"{x['floor_cps'] / 1e6:.1f} M chars/s (range {min(f['cps'] for f in floors) / 1e6:.1f}-"
            f"{max(f['cps'] for f in floors) / 1e6:.1f})",
            flush=True,
        )
        rounds = x["worker_rounds"]
        print(
            f"  extraction ({x['workers']} workers, best of {len(rounds)}): {x['extract_s']:.2f} s = "
            f"{x['extract_cps'] / 1e6:.2f} M chars/s (range {min(r['cps'] for r in rounds) / 1e6:.2f}-"
            f"{max(r['cps'] for r in rounds) / 1e6:.2f}); ratio {x['ratio_to_floor']:.1f}x the floor "
            f"(per round {min(x['round_ratios']):.1f}-{max(x['round_ratios']):.1f}x)",
            flush=True,
        )
        print(
            f"    in one process: {x['one_process_s']:.1f} s = {x['one_process_cps'] / 1e6:.2f} M chars/s "
            f"({x['one_process_ratio']:.1f}x); "
            f"extract_all, every row shipped back to the caller: {x['extract_all_s']:.1f} s = "
            f"{x['extract_all_cps'] / 1e6:.2f} M chars/s "
            f"({x['extract_all_ratio']:.1f}x)",
            flush=True,
        )
        print(
            f"    the build's path (read, decode, extract, write cache packs, {x['workers']} workers): "
            f"{x['build_path_s']:.1f} s = {x['build_path_cps'] / 1e6:.2f} M chars/s "
            f"({x['build_path_ratio']:.1f}x)",
            flush=True,
        )
    else:
        out["floor"] = {"chars": 0, "floor_cps": float("nan")}
        print(f"  extraction failed: {x['error']}")
    if extraction_only:
        return out
    wdir = workdir / f"warehouse-{n}"
    shutil.rmtree(wdir, ignore_errors=True)
    warehouse = wdir / "fyp.duckdb"
    out["cold_build"] = build(raw, warehouse)
    c = out["cold_build"]
    print(
        f"  cold build: {c['wall_s']:.1f} s wall, {c['cpu_s']:.1f} s CPU, peak RSS (process tree) "
        f"{c['peak_tree_rss_mb']:.0f} MB, "
        f"exit {c['returncode']} (load average at start {c['load_avg_1min_at_start']:.1f})",
        flush=True,
    )
    if c["returncode"] != 0:
        return out
    out["correctness"] = correctness(corpus, warehouse)
    k = out["correctness"]
    print(
        f"  planted targets: recall {k['recall']:.4f}, precision {k['precision']:.4f} "
        f"({k['found']:,}/{k['planted']:,} found, {k['extracted']:,} rows)",
        flush=True,
    )
    out["queries"] = queries(warehouse)
    for name, q in out["queries"].items():
        print(f"  query {name!r}: {q['best_s'] * 1000:.1f} ms ({q['rows']} rows)", flush=True)
    out["rebuild_unchanged"] = build(raw, warehouse)
    print(
        f"  rebuild, nothing changed: {out['rebuild_unchanged']['wall_s']:.1f} s wall, "
        f"{out['rebuild_unchanged']['cpu_s']:.1f} s CPU",
        flush=True,
    )
    if incremental:
        name, data = extra_notice(n, seed)
        new = raw / name
        new.write_bytes(data)
        before = _cache_entries(wdir)
        try:
            out["add_one"] = build(raw, warehouse)
        finally:
            new.unlink()
        # Extraction work for the new notice only: the run wrote exactly one new cache entry.
        out["add_one"]["new_cache_entries"] = len(_cache_entries(wdir) - before)
        a = out["add_one"]
        print(
            f"  refresh after adding one notice: {a['wall_s']:.1f} s wall, {a['cpu_s']:.1f} s CPU, peak RSS "
            f"{a['peak_tree_rss_mb']:.0f} MB, "
            f"{a['new_cache_entries']} notice(s) extracted",
            flush=True,
        )
        # Back to the N-notice warehouse (so the next steps see the corpus they expect).
        build(raw, warehouse)
    out["release"] = release(raw, warehouse, workdir / f"exports-{n}")
    r = out["release"]
    if r["measured"]:
        print(
            f"  fyp release: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, peak RSS {r['peak_tree_rss_mb']:.0f} MB",
            flush=True,
        )
    else:
        print(f"  fyp release: not measured ({r.get('why') or r.get('stderr')})", flush=True)
    return out


def _cache_entries(wdir: Path) -> set[str]:
    """The per-notice extraction results in the cache beside the warehouse (fyp.tables.cache): entry keys."""
    from fyp.tables.cache import ExtractionCache

    root = wdir / "cache"
    versions = [d.name for d in root.iterdir() if d.is_dir()] if root.is_dir() else []
    return {f"{v}/{key}" for v in versions for key in ExtractionCache(root, version=v).locations()}


def git_commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        ).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes (default 100,1000,10000)")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=Path(os.environ.get("FYP_BENCH_DIR", "/tmp/fyp-bench")),
        help="where corpora and warehouses go",
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--extraction-only", action="store_true", help="measure the floor and extraction only (no builds, no release)"
    )
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    header = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "workers": os.environ.get("FYP_WORKERS", "default"),
    }
    print("fyp-notices benchmark:", json.dumps(header))
    results = {"header": header, "sizes": []}
    for n in sizes:
        results["sizes"].append(
            bench_size(n, args.workdir, args.seed, incremental=n >= 1000, extraction_only=args.extraction_only)
        )
        (args.workdir / ("results-extraction.json" if args.extraction_only else "results.json")).write_text(
            json.dumps(results, indent=1, ensure_ascii=False, default=str)
        )
    if args.extraction_only:
        return 0
    adds = {r["n"]: r["add_one"]["wall_s"] for r in results["sizes"] if "add_one" in r}
    print("\n== summary ==")
    print(
        f"{'N':>7} {'chars':>12} {'floor Mc/s':>10} {'extract Mc/s':>12} {'ratio':>6} {'cold s':>7} "
        f"{'peak MB':>8} {'recall':>7} {'prec':>7} {'add-1 s':>8}"
    )
    for r in results["sizes"]:
        x, c, k = r.get("extraction", {}), r.get("cold_build", {}), r.get("correctness", {})
        print(
            f"{r['n']:>7,} {r['floor']['chars']:>12,} {r['floor']['floor_cps'] / 1e6:>10.1f} "
            f"{x.get('extract_cps', 0) / 1e6:>12.2f} "
            f"{x.get('ratio_to_floor', float('nan')):>6.1f} {c.get('wall_s', float('nan')):>7.1f} "
            f"{c.get('peak_tree_rss_mb', float('nan')):>8.0f} "
            f"{k.get('recall', float('nan')):>7.4f} {k.get('precision', float('nan')):>7.4f} "
            f"{adds.get(r['n'], float('nan')):>8.1f}"
        )
    if 1000 in adds and 10000 in adds:
        print(f"refresh cost ratio 10,000 / 1,000: {adds[10000] / adds[1000]:.2f} (goal ≤ 1.5)")
    print(f"results: {args.workdir / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
