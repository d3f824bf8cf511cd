"""The `fyp` command: build the warehouse, evaluate it against the gold files, publish and verify releases.

Every error ends the command with one line on stderr, ``error: <file>: <problem>``, whether it happens
here or inside the Dagster asset graph; ``--verbose`` adds the traceback (and Dagster's log). A second
`fyp build` or `fyp release` on a warehouse another run is writing is refused at once (exit status 75),
before it reads or writes anything.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

# Exit status of a run refused because another holds the warehouse (EX_TEMPFAIL: try again later).
BUSY = 75


class CliError(Exception):
    """A problem the user can fix (a missing folder, a file that must not be overwritten); one line."""


def _materialize(
    raw: Path,
    warehouse: Path,
    exports: Path | None = None,
    gold: Path | None = None,
    selection=None,
    defs=None,
    verbose: bool = False,
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
        # Dagster's console logger says every step at DEBUG and every failure with its traceback; the CLI
        # prints what went wrong itself, in one line (with --verbose, Dagster's log at INFO as well).
        run_config={"loggers": {"console": {"config": {"log_level": "INFO" if verbose else "CRITICAL"}}}},
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
    failed_steps = 0
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            repairs = event.event_specific_data.materialization.metadata.get("cache_repairs")
            for line in repairs.value if repairs is not None else ():
                print(f"warning: cache: {line}", file=sys.stderr)
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            failed_steps += 1
            # (With --verbose, Dagster's log above has shown the whole error and its traceback.)
            error = _user_error(event.event_specific_data.error)
            print(f"error: {_step_error_line(event.step_key, error)}", file=sys.stderr)
    if not result.success and not failed_steps and not failed_checks:
        print("error: the build did not complete (--verbose shows Dagster's log)", file=sys.stderr)
    return 0 if result.success and not failed_checks else 1


def _user_error(error):
    """The exception raised by our code, inside the errors Dagster wraps it in."""
    while error.cause is not None and error.cls_name.startswith("Dagster"):
        error = error.cause
    return error


# Errors whose message already names the file and the problem.
_CLEAR_ERRORS = {"WarehouseWriteError", "WarehouseBusyError", "TableValidationError", "ReleaseError", "CliError"}
_OS_ERROR = re.compile(r"\[Errno \d+\] (?P<problem>.*?)(?:: '(?P<file>.*)')?")


def _one_line(message: str) -> str:
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    # "table 'x' failed validation (1 problem(s)):" is followed by the problem itself.
    return f"{lines[0]} {lines[1]}" if lines[0].endswith(":") and len(lines) > 1 else lines[0]


def _describe(cls_name: str, message: str, step: str | None = None) -> str:
    """One line for an exception (class name and message), naming the file and the problem."""
    line = _one_line(message)
    # Dagster's record of an exception starts "<module.>Class: ".
    line = re.sub(rf"^(\w+\.)*{re.escape(cls_name)}: ", "", line)
    match = _OS_ERROR.fullmatch(line)
    if match:
        return f"{match['file']}: {match['problem']}" if match["file"] else match["problem"]
    if cls_name in _CLEAR_ERRORS or (cls_name in ("FileNotFoundError", "NotADirectoryError") and line):
        return line
    where = f"step {step} failed: " if step else ""
    return f"{where}{cls_name}: {line} (--verbose shows the traceback)"


def _step_error_line(step: str, error) -> str:
    return _describe(error.cls_name, error.message, step)


def _error_line(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        files = " -> ".join(str(f) for f in (err.filename, err.filename2) if f is not None)
        return f"{files}: {err.strerror}" if files else err.strerror
    return _describe(type(err).__name__, str(err))


def _check_build_paths(args) -> None:
    """Before anything is read or written: the raw folder exists, and the warehouse may be written."""
    from fyp.warehouse.store import WarehouseWriteError, check_target

    if not args.raw.exists():
        raise CliError(f"{args.raw}: no such folder (--raw, the folder of notices to build)")
    if not args.raw.is_dir():
        raise CliError(f"{args.raw}: not a folder (--raw, the folder of notices to build)")
    try:
        check_target(args.warehouse)
    except WarehouseWriteError as err:
        raise CliError(f"{err} (--warehouse)") from None


def _build_selection():
    """Every asset but the release: `fyp build` never publishes."""
    import dagster as dg

    return dg.AssetSelection.all() - dg.AssetSelection.assets("release")


def cmd_build(args) -> int:
    from fyp.warehouse.lock import warehouse_lock

    _check_build_paths(args)
    # Held to the end (of the release too, for `fyp release`): a second run is refused before it does anything.
    with warehouse_lock(args.warehouse, holder=f"fyp {args.command}"):
        result = _materialize(args.raw, args.warehouse, selection=_build_selection(), verbose=args.verbose)
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

    for path in args.gold:
        if not path.exists():
            raise CliError(f"{path}: no such file or folder (--gold)")
    if args.notices is None:
        from fyp.evaluate.report import registered_notice_folders

        args.notices = list(registered_notice_folders(args.gold, args.shared).values())
    for path in args.notices:
        if not path.is_dir():
            print(f"warning: {path}: no such folder (--notices); its notices are not scored", file=sys.stderr)
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
    from fyp.warehouse.lock import warehouse_lock

    _check_build_paths(args)
    with warehouse_lock(args.warehouse, holder="fyp release"):
        code = cmd_build(args)
        if code != 0:
            print("error: the build failed; nothing was published", file=sys.stderr)
            return code
        try:
            quality = args.quality or args.gold / "quality.json"
            result = publish_release(args.warehouse, args.exports, quality_file=quality)
        except (ReleaseValidationError, ReleaseError) as err:
            print(f"error: {_one_line(str(err))}", file=sys.stderr)
            return 1
    for message in result.messages:
        print(message)
    return 0


def cmd_verify(args) -> int:
    from fyp.release.verify import summary_line, verify_release

    if not args.release.is_dir():
        raise CliError(f"{args.release}: no such release folder")
    problems = verify_release(args.release, cited=args.sha256)
    for problem in problems:
        print(f"error: {args.release}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.release}: {summary_line(args.release, cited=args.sha256)}")
    return 1 if problems else 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # One line, like every other error of the command (argparse would print the usage first).
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


class _VersionAction(argparse.Action):
    """`fyp --version`: the package's version and the extractor version that names the extraction cache."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        from fyp.tables.cache import extractor_version

        try:
            package = version("fyp-notices")
        except PackageNotFoundError:
            package = "(not installed)"
        print(f"fyp-notices {package} (extractor {extractor_version()})")
        parser.exit(0)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fyp", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction)
    # --verbose is taken before or after the command (fyp --verbose build, fyp build --verbose).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help="on an error, also print the traceback"
    )
    parser.add_argument(
        "--verbose", action="store_true", default=argparse.SUPPRESS, help="on an error, also print the traceback"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "build",
        parents=[common],
        help="run the whole pipeline on a folder of notices and write the warehouse (no release)",
    )
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw notices (default: raw)")
    p.add_argument("--warehouse", type=Path, default=Path("warehouse/fyp.duckdb"), help="DuckDB file to write")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "evaluate", parents=[common], help="score extraction against the gold annotations (P/R/F1 per table)"
    )
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
        default=None,
        help="folders of notices the gold files annotate "
        "(SOURCES.jsonl in a folder is what metadata is scored against; "
        "default: the folder of every set in the gold folder's sets.json)",
    )
    p.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("FYP_SHARED", "../shared")),
        help="where the third-party notices are read from, for sets.json's {shared}/ folders "
        "(default: $FYP_SHARED or ../shared)",
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
        "release",
        parents=[common],
        help="build the warehouse as `fyp build` does, then publish it as the next versioned release",
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
        "verify",
        parents=[common],
        help="check a release against the sha256 it is cited by, its SHA256SUMS and fyp.duckdb's table digest",
    )
    p.add_argument("release", type=Path, help="a release folder, e.g. exports/1.0.0")
    p.add_argument(
        "--sha256",
        default=None,
        help="the sha256 of SHA256SUMS the release is cited by (default: the one ../index.json records)",
    )
    p.set_defaults(func=cmd_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.verbose = getattr(args, "verbose", False)
    from fyp.warehouse.lock import WarehouseBusyError

    try:
        return args.func(args)
    except WarehouseBusyError as err:
        print(f"error: {err}", file=sys.stderr)
        return BUSY
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - every error ends as one line (the traceback with --verbose)
        if args.verbose:
            import traceback

            traceback.print_exc()
        print(f"error: {_error_line(err)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
