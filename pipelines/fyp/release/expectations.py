"""Great Expectations checks of a release as a whole, run before anything is published.

pandera has already checked each table on its own as it was built; here the tables are checked
together: foreign keys between tables, primary keys, value ranges by unit, target years inside the
plan window, no duplicate commitments, and row counts that do not drop unexpectedly against the
previous release. A failure blocks publishing; the Data Docs of every run ship under validation/.

GX is fed little (the release tables can be large): each table with only the columns its expectations
read, never the long text columns; foreign keys are matched by a vectorised Polars join and GX asserts
on the compact frame of the rows without a parent (there must be none; the report lists them).

Data Docs determinism: GX stamps its pages with the wall clock (the validation time and a cache-busting
query on its logo) and random element ids. The run is given a fixed run id (release version + the
release's ``created`` time); the remaining stamps and ids are rewritten to fixed values, and the
remote logo is replaced with the local copy, so the pages are byte-identical between rebuilds and open offline.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from fyp.tables.registry import table

# Plans may set goals for the end of the next plan ("到2015年" in an 11th-plan notice): the window a
# target year must fall in runs from the plan's first year to five years after its last.
YEARS_AFTER_PLAN_END = 5
# Rows of the notices still in the release may shrink by at most this share against the previous release.
MAX_ROW_DROP = 0.2
PERCENT_UNITS = ("%", "个百分点")
# What makes two target rows the same commitment (stated twice in the same provision).
COMMITMENT_KEYS = {
    "targets": [
        "notice_id", "provision_id", "indicator", "indicator_text", "direction",
        "value", "unit", "qualifier", "baseline_year", "target_year", "scope"
    ],
    "deadlines": ["notice_id", "provision_id", "deadline_date", "date_text", "action"],
    "responsibilities": ["notice_id", "provision_id", "agency", "role"],
}
# A row that states again a commitment another row of its table holds (targets.restatement_of).
RESTATEMENT_COLUMN = "restatement_of"
SKIP_ROW_COUNT = ("ingest_issues",)  # fewer files set aside is good news


class ReleaseValidationError(RuntimeError):
    def __init__(self, report: "ValidationReport"):
        self.report = report
        super().__init__(report.format_failures())


@dataclass
class CheckResult:
    table: str
    expectation: str
    description: str
    success: bool
    kwargs: dict = field(default_factory=dict)
    observed: object = None
    unexpected_count: int | None = None
    examples: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "table": self.table,
            "expectation": self.expectation,
            "description": self.description,
            "success": self.success,
            "kwargs": self.kwargs,
            "observed": self.observed,
            "unexpected_count": self.unexpected_count,
            "examples": self.examples,
        }


@dataclass
class ValidationReport:
    results: list[CheckResult]
    run_name: str
    run_time: str

    @property
    def success(self) -> bool:
        return all(r.success for r in self.results)

    @property
    def failures(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    def as_json(self) -> dict:
        return {
            "success": self.success,
            "run_name": self.run_name,
            "run_time": self.run_time,
            "statistics": {
                "evaluated": len(self.results),
                "successful": sum(r.success for r in self.results),
                "unsuccessful": len(self.failures),
            },
            "results": [r.as_dict() for r in self.results],
        }

    def format_failures(self) -> str:
        lines = [
            f"release validation failed: {len(self.failures)} of "
            f"{len(self.results)} expectations not met; nothing was published"
        ]
        for r in self.failures:
            detail = []
            if r.unexpected_count:
                detail.append(f"{r.unexpected_count} unexpected")
            if r.examples:
                detail.append("e.g. " + ", ".join(repr(x) for x in r.examples[:5]))
            if r.observed is not None and not r.examples:
                detail.append(f"observed {r.observed!r}")
            lines.append(
                f"  - {r.table}: {r.description} [{r.expectation}]" + (f": {'; '.join(detail)}" if detail else "")
            )
        return "\n".join(lines)


@dataclass
class _Planned:
    table: str
    description: str
    expectation: object  # a gx.expectations.* instance
    columns: tuple[str, ...] = ()  # the columns of ``table`` the expectation reads (GX is given no others)
    dataset: str | None = None  # the frame GX checks, when it is not ``table`` (a compact frame built here)
    notes: str | None = None  # for the Data Docs, when they need more than the description
    # Set when Polars found the unexpected rows and GX asserts there are none: the report's details.
    unexpected_count: int | None = None
    examples: list | None = None
    kwargs: dict | None = None

    @property
    def data_name(self) -> str:
        return self.dataset or self.table


def _lazy(frame) -> pl.LazyFrame:
    """A frame, a LazyFrame or a Parquet file of a table, as a LazyFrame (only the columns read are loaded)."""
    if isinstance(frame, pl.LazyFrame):
        return frame
    if isinstance(frame, pl.DataFrame):
        return frame.lazy()
    return pl.scan_parquet(frame)


def _height(frame: pl.LazyFrame) -> int:
    return frame.select(pl.len()).collect().item()


def _orphans(child: pl.LazyFrame, col: str, parent: pl.LazyFrame, ref_col: str) -> pl.DataFrame:
    """The rows of ``child`` (only ``col``) whose ``col`` is set and has no row in ``parent``, in row order."""
    known = parent.select(ref_col).collect().get_column(ref_col).drop_nulls().unique()
    return child.select(col).filter(pl.col(col).is_not_null() & ~pl.col(col).is_in(known.implode())).collect()


def _plan(
    frames: dict[str, pl.DataFrame], previous: dict[str, pl.DataFrame] | None
) -> tuple[dict[str, pl.DataFrame], list[_Planned]]:
    """The frames to check and the expectations on each.

    GX is fed little: each table with only the columns its expectations read (never the long text
    columns), and for foreign keys a compact frame of the rows whose key has no parent, found with a
    vectorised Polars join, on which GX asserts that there are none (the report lists them).
    """
    import great_expectations as gx

    E = gx.expectations
    frames = {name: _lazy(df) for name, df in frames.items()}
    previous = {name: _lazy(df) for name, df in previous.items()} if previous else previous
    data: dict[str, pl.DataFrame] = {}
    plans: list[_Planned] = []

    for name, df in frames.items():
        spec = table(name)
        pk = list(spec.primary_key)
        if len(pk) == 1:
            plans.append(
                _Planned(
                    name, f"primary key {pk[0]} is unique", E.ExpectColumnValuesToBeUnique(column=pk[0]), tuple(pk)
                )
            )
        else:
            plans.append(
                _Planned(
                    name, f"primary key ({', '.join(pk)}) is unique",
                    E.ExpectCompoundColumnsToBeUnique(column_list=pk), tuple(pk)
                )
            )
        for fk in spec.foreign_keys:
            (col,), (ref_col,) = fk["fields"], fk["reference"]["fields"]
            parent = fk["reference"]["resource"]
            if parent not in frames:
                continue
            orphans = _orphans(df, col, frames[parent], ref_col)
            dataset = f"{name}__{col}_without_{parent}"
            data[dataset] = orphans
            plans.append(
                _Planned(
                    name,
                    f"foreign key {col} → {parent}.{ref_col}",
                    E.ExpectTableRowCountToEqual(value=0),
                    dataset=dataset,
                    notes=f"foreign key {col} → {parent}.{ref_col}: the rows of {name} whose {col} is not a "
                    f"{parent}.{ref_col} (found by a Polars join); there must be none",
                    unexpected_count=orphans.height,
                    examples=orphans.get_column(col).head(20).to_list(),
                    kwargs={"column": col, "reference": f"{parent}.{ref_col}"},
                )
            )
        if {"value", "unit"} <= set(spec.columns):
            for unit in PERCENT_UNITS:
                plans.append(
                    _Planned(
                        name,
                        f"values in {unit} lie between 0 and 100",
                        E.ExpectColumnValuesToBeBetween(
                            column="value", min_value=0, max_value=100,
                            row_condition=f'unit=="{unit}"', condition_parser="pandas"
                        ),
                        ("value", "unit"),
                    )
                )
        keys = COMMITMENT_KEYS.get(name)
        if keys and all(k in spec.columns for k in keys):
            description = "no commitment appears twice in the same provision (" + ", ".join(keys)
            dataset = None
            if RESTATEMENT_COLUMN in spec.columns:
                # A restatement is the same commitment stated again, by definition: only the rows of record count.
                dataset = f"{name}_of_record"
                data[dataset] = df.filter(pl.col(RESTATEMENT_COLUMN).is_null()).select(keys).collect()
                description += f"; rows of record: {RESTATEMENT_COLUMN} empty"
            plans.append(
                _Planned(
                    name,
                    description + ")",
                    E.ExpectCompoundColumnsToBeUnique(column_list=keys, ignore_row_if="never"),
                    tuple(keys),
                    dataset=dataset,
                )
            )

    if "targets" in frames and "notices" in frames:
        # An eager join: a lazy one may give the rows in another order (GX fingerprints the frame).
        years = (
            frames["targets"]
            .select("target_id", "notice_id", "target_year")
            .collect()
            .join(
                frames["notices"].select("notice_id", "plan_start_year", "plan_end_year").collect(),
                on="notice_id", how="left"
            )
            .with_columns(
                window_start=pl.col("plan_start_year"), window_end=pl.col("plan_end_year") + YEARS_AFTER_PLAN_END
            )
        )
        data["targets_in_plan_window"] = years
        plans.append(
            _Planned(
                "targets_in_plan_window",
                "target year is not before the plan period's first year",
                E.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="target_year", column_B="window_start",
                    or_equal=True, ignore_row_if="either_value_is_missing"
                ),
            )
        )
        plans.append(
            _Planned(
                "targets_in_plan_window",
                f"target year is at most {YEARS_AFTER_PLAN_END} years after the plan period's last year",
                E.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="window_end", column_B="target_year",
                    or_equal=True, ignore_row_if="either_value_is_missing"
                ),
            )
        )
    for name in ("targets", "target_comparison"):
        if name in frames:
            plans.append(
                _Planned(
                    name,
                    "baseline year is before the target year",
                    E.ExpectColumnPairValuesAToBeGreaterThanB(
                        column_A="target_year", column_B="baseline_year",
                        or_equal=False, ignore_row_if="either_value_is_missing"
                    ),
                    ("target_year", "baseline_year"),
                )
            )
    if "target_comparison" in frames:
        plans.append(
            _Planned(
                "target_comparison",
                "headline target year lies inside the plan period",
                E.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="plan_end_year", column_B="target_year",
                    or_equal=True, ignore_row_if="either_value_is_missing"
                ),
                ("plan_end_year", "target_year"),
            )
        )

    if previous:
        current_notices = (
            set(frames["notices"].select("notice_id").collect()["notice_id"].to_list())
            if "notices" in frames else set()
        )
        for name in frames:
            old = previous.get(name)
            if old is None or name in SKIP_ROW_COUNT:
                continue
            if "notice_id" in old.collect_schema().names() and "notices" in previous:
                kept = _height(old.filter(pl.col("notice_id").is_in(sorted(current_notices))))
                basis = "rows of the notices still published"
            else:
                kept = _height(old)
                basis = "rows"
            minimum = math.floor(kept * (1 - MAX_ROW_DROP))
            plans.append(
                _Planned(
                    name,
                    f"row count does not drop by more than {MAX_ROW_DROP:.0%} "
                    f"against the previous release ({basis}: {kept})",
                    E.ExpectTableRowCountToBeBetween(min_value=minimum, max_value=None),
                )
            )

    # Each release table goes to GX with only the columns its expectations read (the primary key at
    # least, so a row-count check still sees every row).
    for name, df in frames.items():
        needed = list(table(name).primary_key)
        for p in plans:
            if p.dataset is None and p.table == name:
                needed += [c for c in p.columns if c not in needed]
        data[name] = df.select(needed).collect()
    return data, plans


def _to_pandas(df: pl.DataFrame):
    return df.to_pandas(use_pyarrow_extension_array=False)


def _jsonable(value):
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return str(value)


def validate_release(
    frames: dict[str, pl.DataFrame],
    previous: dict[str, pl.DataFrame] | None = None,
    *,
    run_name: str,
    run_time: dt.datetime,
    docs_dir: Path | None = None,
) -> ValidationReport:
    """Run every expectation; write the Data Docs to ``docs_dir`` (if given). Never raises on failures."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    data, plans = _plan(frames, previous)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("release")
    run_id = RunIdentifier(run_name=run_name, run_time=run_time)

    # The report lists the checks table by table, each table's in the order planned.
    tables = {t: i for i, t in enumerate(dict.fromkeys(p.table for p in plans))}
    order = {id(p): (tables[p.table], i) for i, p in enumerate(plans)}
    results: dict[tuple[int, int], CheckResult] = {}
    for name in dict.fromkeys(p.data_name for p in plans):
        mine = [p for p in plans if p.data_name == name]
        suite = context.suites.add(gx.ExpectationSuite(name=name))
        for p in mine:
            p.expectation.notes = p.notes or p.description
            suite.add_expectation(p.expectation)
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("release")
        vd = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"release-{name}", data=batch, suite=suite)
        )
        outcome = vd.run(batch_parameters={"dataframe": _to_pandas(data[name])}, run_id=run_id, result_format="SUMMARY")
        by_id = {r.expectation_config.id: r for r in outcome.results}
        for p in mine:
            r = by_id.get(p.expectation.id)
            res = (r.result or {}) if r else {}
            if r is not None and r.exception_info and r.exception_info.get("raised_exception"):
                res = {"observed_value": r.exception_info.get("exception_message")}
            kwargs = {k: v for k, v in p.expectation.configuration.kwargs.items() if k not in ("value_set", "batch_id")}
            results[order[id(p)]] = (
                CheckResult(
                    table=p.table,
                    expectation=p.expectation.expectation_type,
                    description=p.description,
                    success=bool(r.success) if r else False,
                    kwargs=_jsonable({**kwargs, **(p.kwargs or {})}),
                    observed=_jsonable(res.get("observed_value")),
                    unexpected_count=_jsonable(
                        p.unexpected_count if p.unexpected_count is not None else res.get("unexpected_count")
                    ),
                    examples=_jsonable(
                        p.examples if p.examples is not None else (res.get("partial_unexpected_list") or [])
                    )[:20],
                )
            )
    report = ValidationReport([results[i] for i in sorted(results)], run_name=run_name, run_time=run_time.isoformat())
    try:
        if docs_dir is not None:
            _build_docs(context, docs_dir, run_time)
    finally:
        _remove_default_site(context)
    return report


def _remove_default_site(context) -> None:
    """An ephemeral GX context makes a temporary folder for its default docs site and leaves it behind."""
    for site in (context.variables.data_docs_sites or {}).values():
        base = (site.get("store_backend") or {}).get("base_directory")
        if (
            base and Path(base).is_dir() and Path(base).name.startswith("tmp")
            and Path(base).parent == Path(tempfile.gettempdir())
        ):
            shutil.rmtree(base, ignore_errors=True)


_STAMP = re.compile(r"\d{8}T\d{6}\.\d{6}Z")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets\.s3[^\"']*?/([\w.-]+\.(?:png|svg))(\?[^\"']*)?")
_KEEP_STATIC = (
    "static/styles", "static/images/favicon.ico", "static/images/logo-long.png", "static/images/short-logo.png"
)


def _build_docs(context, docs_dir: Path, run_time: dt.datetime) -> None:
    """Data Docs into ``docs_dir``, made deterministic and self-contained (see the module docstring)."""
    fixed = run_time.strftime("%Y%m%dT%H%M%S.%fZ")
    with tempfile.TemporaryDirectory(prefix="fyp-gx-docs-") as tmp:
        context.add_data_docs_site(
            site_name="release",
            site_config={
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": tmp},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        context.build_data_docs(site_names=["release"])
        src = Path(tmp)
        docs_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(src.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(src).as_posix()
            if rel.startswith("static/") and not rel.startswith(_KEEP_STATIC):
                continue
            out = docs_dir / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".html":
                depth = rel.count("/")
                html = path.read_text(encoding="utf-8")
                html = _STAMP.sub(fixed, html)
                ids: dict[str, str] = {}
                html = _UUID.sub(
                    lambda m, ids=ids: ids.setdefault(m.group(0), f"00000000-0000-0000-0000-{len(ids):012d}"), html
                )
                html = _REMOTE_LOGO.sub(lambda m, depth=depth: "../" * depth + f"static/images/{m.group(1)}", html)
                out.write_bytes(html.encode("utf-8"))
            else:
                shutil.copyfile(path, out)
