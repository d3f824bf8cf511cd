"""The `fyp` command: build the warehouse, evaluate it against the gold files, publish and verify releases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _materialize(
    raw: Path, warehouse: Path, exports: Path | None = None, gold: Path | None = None, selection=None, defs=None
):
    """Run the Dagster asset graph in-process: the same assets `dagster dev` shows (``defs``: other
    definitions, e.g. made from another table registry by fyp.orchestration.definitions.build_definitions)."""
    import dagster as dg

    from fyp.orchestration.resources import FypPaths

    if defs is None:
        from fyp.orchestration.definitions import defs

    paths = FypPaths(
        raw_dir=str(raw.resolve()),
        warehouse_path=str(warehouse.resolve()),
        **({"exports_dir": str(exports.resolve())} if exports else {}),
        **({"gold_dir": str(gold.resolve())} if gold else {}),
    )
    # The per-notice partitions are the Dagster daemon's unit of work; here the extracted_tables asset
    # extracts whatever notices the cache lacks itself, so they are left out.
    unpartitioned = [a for a in defs.assets if getattr(a, "partitions_def", None) is None]
    return dg.materialize(
        [*unpartitioned, *(defs.asset_checks or [])],
        # One process holds every output anyway: hand frames to the next asset in memory instead of
        # pickling each to disk and reading it back once per consumer.
        resources={"paths": paths, "io_manager": dg.mem_io_manager},
        selection=selection,
        raise_on_error=False,
        # Dagster's console logger says every step at DEBUG; a CLI user wants warnings and errors.
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )


def _report_run(result) -> int:
    import dagster as dg

    failed_checks = [evaluation for evaluation in result.get_asset_check_evaluations() if not evaluation.passed]
    for evaluation in failed_checks:
        meta = evaluation.metadata.get("first_failures")
        print(
            f"error: check {evaluation.check_name} failed on {evaluation.asset_key.to_user_string()}: "
            f"{meta.value if meta else ''}",
            file=sys.stderr,
        )
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            print(
                f"error: step {event.step_key} failed: {event.event_specific_data.error.message.strip()}",
                file=sys.stderr,
            )
    return 0 if result.success and not failed_checks else 1


def _build_selection():
    """Every asset but the release: `fyp build` never publishes."""
    import dagster as dg

    return dg.AssetSelection.all() - dg.AssetSelection.assets("release")


def cmd_build(args) -> int:
    result = _materialize(args.raw, args.warehouse, selection=_build_selection())
    code = _report_run(result)
    if code == 0:
        _print_summary(args.warehouse)
    return code


def _print_summary(warehouse: Path) -> None:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = {
            name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for (name,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()
        }
        issues = con.execute("SELECT source_file, problem, detail FROM ingest_issues ORDER BY source_file").fetchall()
    print(f"warehouse {warehouse}: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    for source_file, problem, detail in issues:
        print(f"set aside: {source_file}: {problem}: {detail}")


def cmd_evaluate(args) -> int:
    from fyp.evaluate.report import evaluate, format_report

    report = evaluate(args.gold, args.notices, warehouse=args.warehouse)
    text = format_report(report, verbose=not args.quiet)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    if args.json:
        import json

        args.json.write_text(
            json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8"
        )
    return 0


def cmd_release(args) -> int:
    from fyp.release.expectations import ReleaseValidationError
    from fyp.release.publish import ReleaseError, publish_release

    code = cmd_build(args)
    if code != 0:
        print("error: the build failed; nothing was published", file=sys.stderr)
        return code
    try:
        result = publish_release(args.warehouse, args.exports, quality_file=args.quality or args.gold / "quality.json")
    except (ReleaseValidationError, ReleaseError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for message in result.messages:
        print(message)
    return 0


def cmd_verify(args) -> int:
    from fyp.release.verify import summary_line, verify_release

    problems = verify_release(args.release, cited=args.sha256)
    for problem in problems:
        print(f"error: {args.release}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.release}: {summary_line(args.release, cited=args.sha256)}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fyp", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "build", help="run the whole pipeline on a folder of notices and write the warehouse (no release)"
    )
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw notices (default: raw)")
    p.add_argument("--warehouse", type=Path, default=Path("warehouse/fyp.duckdb"), help="DuckDB file to write")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("evaluate", help="score extraction against the gold annotations (P/R/F1 per table)")
    p.add_argument(
        "--gold",
        type=Path,
        nargs="+",
        default=[Path("gold")],
        help="gold JSONL files, or folders of them (default: gold)",
    )
    p.add_argument(
        "--notices",
        type=Path,
        nargs="+",
        default=[Path("raw")],
        help="folders of notices the gold files annotate "
        "(SOURCES.jsonl in a folder is what metadata is scored against)",
    )
    p.add_argument(
        "--warehouse",
        type=Path,
        default=None,
        help="score this warehouse's rows where it holds the notice (else extract afresh)",
    )
    p.add_argument("--output", type=Path, default=None, help="also write the report to this file")
    p.add_argument("--json", type=Path, default=None, help="also write the scores as JSON to this file")
    p.add_argument("--quiet", action="store_true", help="scores only, no list of misses and false hits")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "release", help="build the warehouse as `fyp build` does, then publish it as the next versioned release"
    )
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw notices (default: raw)")
    p.add_argument("--warehouse", type=Path, default=Path("warehouse/fyp.duckdb"), help="DuckDB file to write")
    p.add_argument("--exports", type=Path, default=Path("exports"), help="folder of releases (default: exports)")
    p.add_argument(
        "--quality",
        type=Path,
        default=None,
        help="the extraction quality the release reports, as `make evaluate` wrote it (default: GOLD/quality.json)",
    )
    p.add_argument(
        "--gold",
        type=Path,
        default=Path("gold"),
        help="the gold folder whose quality.json the release reports, when --quality is not given (default: gold)",
    )
    p.set_defaults(func=cmd_release)

    p = sub.add_parser(
        "verify", help="check a release against the sha256 it is cited by, its SHA256SUMS and fyp.duckdb's table digest"
    )
    p.add_argument("release", type=Path, help="a release folder, e.g. exports/1.0.0")
    p.add_argument(
        "--sha256",
        default=None,
        help="the sha256 of SHA256SUMS the release is cited by (default: the one ../index.json records)",
    )
    p.set_defaults(func=cmd_verify)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
