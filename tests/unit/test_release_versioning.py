"""Diff between two releases and the semantic version it implies (pure functions, no files)."""

import polars as pl

from fyp.release.changelog import changelog, changelog_entry
from fyp.release.datapackage import table_schema
from fyp.release.versioning import bump, diff_releases, next_version
from fyp.tables.build import frame
from release_samples import N3, sample_rows

NAMES = ["notices", "targets"]


def frames(rows):
    return {n: frame(n, rows[n]) for n in NAMES}


def schemas():
    return {n: table_schema(n) for n in NAMES}


def keys():
    return {"notices": ["notice_id"], "targets": ["target_id"]}


def test_bump_levels():
    assert bump("1.2.3", "major") == "2.0.0"
    assert bump("1.2.3", "minor") == "1.3.0"
    assert bump("1.2.3", "patch") == "1.2.4"


def test_first_release_is_1_0_0_and_unchanged_data_gives_no_version():
    old = frames(sample_rows())
    assert next_version(None, diff_releases(None, old, None, schemas(), keys())) == "1.0.0"
    same = diff_releases(old, frames(sample_rows()), schemas(), schemas(), keys())
    assert same.level is None and next_version("1.0.0", same) is None


def test_corrected_value_is_a_patch_and_names_row_and_column():
    d = diff_releases(frames(sample_rows()), frames(sample_rows(value_11=21.0)), schemas(), schemas(), keys())
    t = d.tables["targets"]
    assert (t.added, t.removed, t.changed) == (0, 0, 1)
    assert t.changed_columns == {"value": 1, "evidence": 1}
    assert d.level == "patch" and next_version("1.0.0", d) == "1.0.1"
    entry = changelog_entry("1.0.1", "2011-09-01T00:00:00Z", "1.0.0", d)
    assert "| targets | 4 | 4 | 0 | 0 | 1 | value (1), evidence (1) |" in entry
    assert "a1b2c3d4e5f60718-t1" in entry


def test_new_notice_is_a_minor_bump_listed_in_the_changelog():
    d = diff_releases(frames(sample_rows()), frames(sample_rows(extra_notice=True)), schemas(), schemas(), keys())
    assert [n["notice_id"] for n in d.notices_added] == [N3] and not d.notices_removed
    assert d.tables["targets"].added == 1
    assert next_version("1.3.2", d) == "1.4.0"
    entry = changelog_entry("1.4.0", "2011-09-01T00:00:00Z", "1.3.2", d)
    assert "### Notices added (1)" in entry and "liaoning.txt (辽宁省, plan 11)" in entry
    # and the other way round: the notice removed, still a minor release
    back = diff_releases(frames(sample_rows(extra_notice=True)), frames(sample_rows()), schemas(), schemas(), keys())
    assert [n["notice_id"] for n in back.notices_removed] == [N3] and back.level == "minor"


def test_removed_or_retyped_column_is_major():
    old, new = frames(sample_rows()), frames(sample_rows())
    new_schemas = schemas()
    new["targets"] = new["targets"].drop("base_unit")
    new_schemas["targets"] = {
        **new_schemas["targets"], "fields": [f for f in new_schemas["targets"]["fields"] if f["name"] != "base_unit"]
    }
    d = diff_releases(old, new, schemas(), new_schemas, keys())
    assert d.tables["targets"].columns_removed == ["base_unit"] and d.level == "major"
    assert next_version("1.4.2", d) == "2.0.0"

    retyped = schemas()
    retyped["targets"] = {
        **retyped["targets"],
        "fields": [dict(f, type="string") if f["name"] == "value" else f for f in retyped["targets"]["fields"]]
    }
    new2 = frames(sample_rows())
    new2["targets"] = new2["targets"].with_columns(pl.col("value").cast(pl.Utf8))
    d2 = diff_releases(old, new2, schemas(), retyped, keys())
    assert d2.tables["targets"].columns_retyped == [("value", "number", "string")] and d2.level == "major"
    assert "`targets.value`: type number → string (breaking)" in changelog_entry("2.0.0", "2011-09-01", "1.4.2", d2)


def test_added_column_is_minor_and_description_change_is_patch():
    new_schemas = schemas()
    new_schemas["notices"] = {
        **new_schemas["notices"], "fields": [*new_schemas["notices"]["fields"], {"name": "extra", "type": "string"}]
    }
    new = frames(sample_rows())
    new["notices"] = new["notices"].with_columns(extra=pl.lit("x"))
    assert diff_releases(frames(sample_rows()), new, schemas(), new_schemas, keys()).level == "minor"

    reworded = schemas()
    reworded["notices"] = {
        **reworded["notices"],
        "fields": [dict(f, description="changed") if f["name"] == "title" else f for f in reworded["notices"]["fields"]]
    }
    assert diff_releases(frames(sample_rows()), frames(sample_rows()), schemas(), reworded, keys()).level == "patch"


def test_quality_report_change_alone_is_a_patch():
    d = diff_releases(
        frames(sample_rows()), frames(sample_rows()), schemas(),
        schemas(), keys(), old_quality={"a": 1}, new_quality={"a": 2}
    )
    assert d.level == "patch"


def test_changelog_keeps_older_entries_below_the_new_one():
    first = changelog("## 1.0.0 — 2011-09-01\n\nFirst release.\n", None)
    second = changelog("## 1.0.1 — 2011-09-01\n\nfix\n", first)
    assert second.index("## 1.0.1") < second.index("## 1.0.0")
    assert second.count("# Changelog") == 1
