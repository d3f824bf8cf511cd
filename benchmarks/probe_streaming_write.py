"""What writing the warehouse straight from the extraction cache would cost (a probe, not the pipeline).

    python benchmarks/probe_streaming_write.py RAW_DIR CACHE_DIR OUT.duckdb [--memory-limit 1GB]

Today the notice tables are assembled as Polars frames in the build process (every provision's text
included: three times the corpus) and then copied into DuckDB, so peak memory grows with the corpus.
Here DuckDB reads the per-notice Parquet entries of the cache itself and unnests them into the tables
under a memory limit, never holding a table in Python. Prints wall time and peak RSS, and checks the
tables equal those of the frames path when --compare WAREHOUSE is given.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("raw", type=Path)
    ap.add_argument("cache", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--compare", type=Path, default=None, help="a warehouse built by fyp build from the same raw folder")
    args = ap.parse_args(argv)

    import duckdb

    from fyp.ingest.provenance import load_provenance
    from fyp.ingest.scan import load_memo, scan_folder
    from fyp.tables.build import NOTICE_TABLES
    from fyp.tables.cache import ExtractionCache, input_fingerprint
    from fyp.tables.registry import table

    proc = psutil.Process()
    peak = [proc.memory_info().rss]

    def sample():
        while True:
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.01)

    threading.Thread(target=sample, daemon=True).start()
    start = time.perf_counter()
    scan = scan_folder(args.raw, load_memo(args.cache))
    prov = load_provenance(args.raw)
    cache = ExtractionCache(args.cache)
    files = [str(cache.entry_path(f.notice_id, input_fingerprint(f.source_file, prov.get(f.source_file)))) for f in scan.files]
    args.out.unlink(missing_ok=True)
    con = duckdb.connect(str(args.out), config={"memory_limit": args.memory_limit, "preserve_insertion_order": True})
    con.execute("CREATE TEMP TABLE _files AS SELECT unnest(?::VARCHAR[]) AS f", [files])
    for name in NOTICE_TABLES:
        spec = table(name)
        con.execute(spec.duckdb_ddl())
        cols = ", ".join(f'r."{c}"' for c in spec.columns)
        order = ", ".join(f'"{c}"' for c in spec.primary_key)
        con.execute(
            f"INSERT INTO {name} SELECT * FROM (SELECT {cols} FROM (SELECT unnest({name}) AS r "
            f"FROM read_parquet(?::VARCHAR[]))) ORDER BY {order}",
            [files],
        )
    con.execute("CHECKPOINT")
    con.close()
    wall = time.perf_counter() - start
    print(f"notice tables written from {len(files):,} cache entries in {wall:.1f} s; peak RSS {peak[0] / 2**20:.0f} MB (memory_limit {args.memory_limit})")
    if args.compare:
        con = duckdb.connect()
        con.execute(f"ATTACH '{args.out}' AS s (READ_ONLY)")
        con.execute(f"ATTACH '{args.compare}' AS w (READ_ONLY)")
        for name in NOTICE_TABLES:
            a = con.execute(f"SELECT count(*) FROM (SELECT * FROM s.{name} EXCEPT ALL SELECT * FROM w.{name})").fetchone()[0]
            b = con.execute(f"SELECT count(*) FROM (SELECT * FROM w.{name} EXCEPT ALL SELECT * FROM s.{name})").fetchone()[0]
            print(f"  {name}: {'same rows' if a == b == 0 else f'{a} + {b} rows differ'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
