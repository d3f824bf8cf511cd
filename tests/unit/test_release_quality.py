"""The quality a release reports: the committed gold/quality.json that `make evaluate` writes."""

from __future__ import annotations

import json

from fyp.release.quality import QUALITY_FILE, markdown, summarise, write_quality_file
from conftest import REPO

REPORT = {
    "gold_dir": "/home/someone/gold",
    "sets": {
        "real": {"label": "Real notices (2)", "use": "development",
                 "first_run": {"date": "2026-01-01", "commit": "abc", "scores": {"targets F1": 0.61}},
                 "gold_files": ["real.jsonl"], "notices": ["a.txt", "b.txt"],
                 "notices_total": 2, "notices_set_aside": {}, "notices_missing": [],
                 "scores": {"targets": {"precision": 0.9000000000000001, "recall": 0.8, "f1": 0.8470588235294118,
                                        "tp": 8, "fp": 1, "fn": 2,
                                        "misses": [{"doc": "a.txt", "quote": "到2015年全省单位生产总值能耗下降16%"}],
                                        "false_hits": []}}},
        "made_up": {"label": "Written for the project (3)", "use": "synthetic",
                    "first_run": {"date": "2026-01-01", "commit": "abc", "scores": {"targets F1": 0.97}},
                    "gold_files": ["made_up.jsonl"], "notices": ["c.txt"], "notices_total": 3,
                    "notices_set_aside": {}, "notices_missing": ["d.txt", "e.txt"],
                    "scores": {"targets": {"precision": 0.97, "recall": 0.97, "f1": 0.97, "tp": 30, "fp": 1, "fn": 1}}},
    },
}


def test_the_summary_keeps_scores_and_nothing_of_the_notices_text():
    s = summarise(REPORT, "v1")
    text = json.dumps(s, ensure_ascii=False)
    assert "能耗" not in text and "/home/someone" not in text and "misses" not in text
    assert s["sets"]["real"]["scores"]["targets"] == {
        "precision": 0.9, "recall": 0.8, "f1": 0.847059, "tp": 8, "fp": 1, "fn": 2
    }
    assert s["sets"]["made_up"]["notices_missing"] == 2 and s["extractor_version"] == "v1"


def test_quality_md_names_development_scores_and_the_estimate_on_unseen_notices():
    md = markdown(summarise(REPORT, "v1"))
    estimate = md[md.index("## Estimate on unseen real notices"):md.index("## Scores now")]
    assert "Real notices (2)" in estimate and "0.61" in estimate
    assert "Written for the project" not in estimate  # a synthetic set is no estimate for real text
    assert "| Real notices (2) | development | 2 of 2 | 0.900 / 0.800 / 0.847 |" in md
    assert "not an estimate for real notices" in md


def test_a_first_look_at_the_unfitted_half_of_a_set_is_reported_beside_its_first_run():
    report = json.loads(json.dumps(REPORT))
    report["sets"]["real"]["b_half_first_look"] = {
        "date": "2026-02-01", "what": "half b scored once before any b error was seen", "scores": {"targets F1": 0.79}
    }
    s = summarise(report, "v1")
    assert s["sets"]["real"]["b_half_first_look"]["scores"] == {"targets F1": 0.79}
    md = markdown(s)
    estimate = md[md.index("## Estimate on unseen real notices"):md.index("## Scores now")]
    assert "| Real notices (2) | 2026-01-01 (abc) | targets F1 0.61 |" in estimate
    assert (
        "| Real notices (2), b-half first look | 2026-02-01 (half b scored once before any b error was seen) "
        "| targets F1 0.79 |"
    ) in estimate


def test_a_run_that_could_not_score_a_set_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "quality.json"
    assert write_quality_file(REPORT, path, extractor_version="v1") == []
    before = path.read_bytes()
    without_shared = json.loads(json.dumps(REPORT))
    without_shared["sets"]["real"]["notices"] = []
    problems = write_quality_file(without_shared, path, extractor_version="v2")
    assert problems and "real" in problems[0] and path.read_bytes() == before
    assert write_quality_file(without_shared, path, extractor_version="v2", allow_missing=True) == []


def test_the_repository_holds_the_quality_file_a_release_reports():
    q = json.loads((REPO / QUALITY_FILE).read_text(encoding="utf-8"))
    assert {"seeds", "dev_notices", "dev_notices_2", "heldout"} <= set(q["sets"])
    assert q["sets"]["heldout"]["use"] == "synthetic" and q["sets"]["dev_notices_2"]["first_run"]
    assert all(s["notices_scored"] for s in q["sets"].values())


def test_a_synthetic_sets_blind_first_run_is_shown_apart_from_the_estimate_on_real_notices():
    report = json.loads(json.dumps(REPORT))
    report["sets"]["made_up"]["use"] = "synthetic_development"
    md = markdown(summarise(report, "v1"))
    estimate = md[md.index("## Estimate on unseen real notices"):md.index("## Scores now")]
    assert "Written for the project" not in estimate
    blind = md[md.index("## Blind first runs on synthetic notices"):]
    assert "| Written for the project (3) | 2026-01-01 (abc) | targets F1 0.97 |" in blind
    assert "rules were fixed on their errors, so these are development scores" in md


def test_quality_md_says_how_restated_targets_are_scored():
    # A reader comparing a set's recall with its row count must know a restatement is a row of its own.
    md = markdown(summarise(REPORT, "v1"))
    intro = md[: md.index("## Estimate on unseen real notices")]
    assert "`restatement_of`" in intro and "rows of record only" in intro
