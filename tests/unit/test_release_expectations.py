"""Release-wide Great Expectations checks: what Polars finds is what GX reports, and failures name the rows."""

import datetime as dt
import json

from fyp.release.expectations import validate_release
from fyp.tables.build import frame
from release_samples import N1, sample_rows

RUN_TIME = dt.datetime(2011, 9, 1, tzinfo=dt.timezone.utc)


def _frames(rows):
    return {name: frame(name, r) for name, r in rows.items()}


def _failed(report):
    return {(r.table, r.description): r for r in report.failures}


def test_sample_release_passes_and_ships_data_docs(tmp_path):
    report = validate_release(_frames(sample_rows()), run_name="1.0.0", run_time=RUN_TIME, docs_dir=tmp_path / "docs")
    assert report.success, report.format_failures()
    assert (tmp_path / "docs" / "index.html").is_file()
    fk = [
        r for r in report.results if r.table == "targets"
        and r.description == "foreign key provision_id → provisions.provision_id"
    ]
    assert len(fk) == 1 and fk[0].unexpected_count == 0 and fk[0].kwargs["reference"] == "provisions.provision_id"


def test_orphans_duplicates_and_years_outside_the_plan_are_reported_with_examples(tmp_path):
    rows = sample_rows()
    rows["targets"][0]["provision_id"] = "no-such-provision"
    rows["targets"][1]["target_year"] = 2030  # an 11th-plan target: window ends 2015
    rows["targets"].append(dict(rows["targets"][2]))  # the same target twice (same id, same commitment)
    report = validate_release(_frames(rows), run_name="1.0.0", run_time=RUN_TIME, docs_dir=None)
    failed = _failed(report)
    fk = failed[("targets", "foreign key provision_id → provisions.provision_id")]
    assert fk.unexpected_count == 1 and fk.examples == ["no-such-provision"]
    pk = failed[("targets", "primary key target_id is unique")]
    assert pk.unexpected_count == 2 and pk.examples == [f"{N1}-t3", f"{N1}-t3"]
    assert any(d.startswith("no commitment appears twice") for (t, d) in failed if t == "targets")
    window = failed[("targets_in_plan_window", "target year is at most 5 years after the plan period's last year")]
    assert window.unexpected_count == 1
    assert ("targets", "foreign key notice_id → notices.notice_id") not in failed
    msg = report.format_failures()
    assert "nothing was published" in msg and "no-such-provision" in msg
    json.dumps(report.as_json())  # the report ships as validation/result.json


def test_a_restatement_in_the_same_provision_is_not_a_commitment_stated_twice():
    rows = sample_rows()
    primary = rows["targets"][2]
    rows["targets"].append(dict(primary, target_id=f"{N1}-t90", char_start=90, char_end=110, is_headline=False,
                                restatement_of=primary["target_id"]))
    report = validate_release(_frames(rows), run_name="1.0.0", run_time=RUN_TIME, docs_dir=None)
    assert report.success, report.format_failures()
    checked = [r for r in report.results if r.table == "targets" and r.description.startswith("no commitment")]
    assert len(checked) == 1 and "restatement_of empty" in checked[0].description
    # pointing at no target of the release is an orphan
    rows["targets"][-1]["restatement_of"] = f"{N1}-t404"
    failed = _failed(validate_release(_frames(rows), run_name="1.0.0", run_time=RUN_TIME, docs_dir=None))
    assert failed[("targets", "foreign key restatement_of → targets.target_id")].examples == [f"{N1}-t404"]
