"""National targets of each plan period (State Council work plans), as a reference table."""

from __future__ import annotations

import csv
import re
from pathlib import Path

NATIONAL_TARGETS_CSV = Path(__file__).resolve().parent / "national_targets.csv"
_LIST_IN_PARENS = re.compile(r"^(?P<head>.*?)\((?P<items>[^()]+、[^()]+)\)$")


def national_target_rows(path: Path = NATIONAL_TARGETS_CSV) -> list[dict]:
    """One row per (plan period, indicator); "主要污染物排放总量(二氧化硫、化学需氧量)" gives one row per pollutant."""
    from fyp.extract.indicators import classify_indicator

    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for raw in csv.DictReader(fh):
            texts = [raw["indicator_text"]]
            m = _LIST_IN_PARENS.match(raw["indicator_text"].replace("(", "(").replace(")", ")"))
            if m:
                texts = [f"{item}排放总量" for item in m.group("items").split("、")]
            source = raw["source"]
            for text in texts:
                rows.append(
                    {
                        "plan_period": int(raw["plan_period"]),
                        "indicator": classify_indicator(text),
                        "document_number": raw["document_number"],
                        "indicator_text": text,
                        "direction": raw["direction"],
                        "value": float(raw["value"]),
                        "unit": raw["unit"],
                        "qualifier": raw["qualifier"],
                        "baseline_year": int(raw["baseline_year"]) if raw["baseline_year"] else None,
                        "target_year": int(raw["target_year"]),
                        "source": source,
                    }
                )
    # "same" in the source column means: the source named on the row above for that plan.
    last: dict[int, str] = {}
    for row in rows:
        if row["source"].strip().lower() == "same":
            row["source"] = last[row["plan_period"]]
        else:
            last[row["plan_period"]] = row["source"]
    return rows
