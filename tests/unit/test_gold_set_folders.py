"""gold/sets.json is the one list of gold sets and the folders of their notices (make evaluate, the floor tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fyp.cli import _parser
from fyp.evaluate.gold import gold_files, set_name
from fyp.evaluate.report import registered_notice_folders

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "gold"


def test_every_gold_set_names_its_notice_folder():
    registry = json.loads((GOLD / "sets.json").read_text(encoding="utf-8"))
    names = {set_name(p) for p in gold_files([GOLD])}
    assert names, "no gold files found"
    without = sorted(n for n in names if not (registry.get(n) or {}).get("notices"))
    assert not without, f"gold sets without a notices folder in gold/sets.json: {without}"


def test_folders_resolve_in_the_project_or_under_shared(tmp_path):
    folders = registered_notice_folders(GOLD, tmp_path / "elsewhere")
    for name, folder in folders.items():
        if str(folder).startswith(str(tmp_path)):
            assert folder.parent == tmp_path / "elsewhere", name
        else:
            # Text written for the project lives in it; third-party text is only read from {shared}/.
            assert folder.is_dir(), f"{name}: {folder} is not a folder of the project"
            assert folder.resolve().is_relative_to(ROOT), name
    assert folders["seeds"] == ROOT / "raw"
    assert folders["dev_notices_2"] == tmp_path / "elsewhere" / "dev-notices-2"


def test_a_registry_elsewhere_resolves_against_its_own_project(tmp_path):
    gold = tmp_path / "proj" / "gold"
    gold.mkdir(parents=True)
    (gold / "sets.json").write_text(
        json.dumps({"a": {"notices": "notices/a"}, "b": {"notices": "{shared}/b"}, "c": {"label": "no folder"}}),
        encoding="utf-8",
    )
    assert registered_notice_folders(gold, tmp_path / "sh") == {
        "a": tmp_path / "proj" / "notices" / "a",
        "b": tmp_path / "sh" / "b",
    }


def test_evaluate_without_notices_scores_the_registered_folders(monkeypatch, tmp_path):
    import fyp.evaluate.report as report

    seen = {}

    def fake_evaluate(gold, notice_dirs, warehouse=None):
        seen["dirs"] = list(notice_dirs)
        return {"sets": {}}

    monkeypatch.setattr(report, "evaluate", fake_evaluate)
    monkeypatch.setattr(report, "format_report", lambda report, verbose=True: "")
    args = _parser().parse_args(["evaluate", "--gold", str(GOLD), "--shared", str(tmp_path)])
    assert args.func(args) == 0
    assert seen["dirs"] == list(registered_notice_folders(GOLD, tmp_path).values())
    assert ROOT / "raw" in seen["dirs"] and tmp_path / "dev-notices" in seen["dirs"]


def test_a_first_run_on_synthetic_text_is_not_called_an_estimate_on_real_notices():
    from fyp.evaluate.report import format_report

    def one(use):
        first = {"date": "2026-01-01", "commit": "abc", "scores": {"targets F1": 0.5}}
        data = {"label": "x", "notices": [], "gold_files": [], "use": use, "first_run": first, "scores": {},
                "notices_missing": [], "notices_set_aside": {}}
        return format_report({"sets": {"x": data}}, verbose=False)

    assert "not an estimate on real notices" in one("synthetic")
    assert "estimate of quality on unseen real notices" not in one("synthetic_development")
    assert "estimate of quality on unseen real notices" in one("development")


def _project_sets() -> list[str]:
    """Gold sets whose notices were written for the project with a SOURCES.jsonl (under tests/notices; the first
    held-out set predates SOURCES.jsonl and keeps its gold in two files)."""
    folders = registered_notice_folders(GOLD, ROOT / "no-shared")
    return sorted(
        n for n, f in folders.items()
        if f.resolve().is_relative_to(ROOT / "tests" / "notices") and (f / "SOURCES.jsonl").is_file()
    )


@pytest.mark.parametrize("name", _project_sets())
def test_every_gold_notice_is_in_its_folder_and_in_its_sources(name):
    folder = registered_notice_folders(GOLD, ROOT / "no-shared")[name]
    files = {p.name for p in folder.iterdir() if p.name != "SOURCES.jsonl"}
    sources = {json.loads(line)["file"] for line in (folder / "SOURCES.jsonl").read_text("utf-8").splitlines() if line}
    assert files == sources
    docs = {json.loads(line)["doc"] for line in (GOLD / f"{name}.jsonl").read_text("utf-8").splitlines() if line}
    assert docs == files
