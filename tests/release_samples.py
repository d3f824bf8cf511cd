"""Small synthetic warehouses for the release tests: two notices of one region, two plan periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fyp.tables.build import frame
from fyp.warehouse.store import write_warehouse

N1 = "a1b2c3d4e5f60718"
N2 = "0f1e2d3c4b5a6978"
N3 = "1234567890abcdef"


def notice(
    nid: str, period: int, issue: dt.date | None, region: str = "河南省", source_file: str | None = None
) -> dict:
    start = {11: 2006, 12: 2011, 13: 2016, 14: 2021}[period]
    return {
        "notice_id": nid,
        "source_file": source_file or f"{nid}.txt",
        "sha256": (nid * 4)[:64],
        "encoding": "utf-8",
        "source_format": "text",
        "script": "simplified",
        "title": f"{region}节能减排工作方案",
        "issuer": f"{region}人民政府",
        "region": region,
        "province": region,
        "admin_code": "410000",
        "level": "province",
        "plan_period": period,
        "plan_start_year": start,
        "plan_end_year": start + 4,
        "issue_date": issue,
        "doc_number": "=豫政〔2007〕42号",  # a formula-looking text cell, on purpose
        "is_news_repost": False,
        "source_url": None,
        "char_count": 1000,
        "metadata_source": "inferred",
    }


def provision(nid: str, i: int) -> dict:
    return {
        "provision_id": f"{nid}-p{i}",
        "notice_id": nid,
        "parent_id": None,
        "label": f"{i}.",
        "heading": None,
        "text": "+到2010年,全省单位生产总值能耗降低20%左右。",
        "depth": 1,
        "char_start": 10 * i,
        "char_end": 10 * i + 9,
    }


def target(
    nid: str, i: int, value: float, year: int, unit: str = "%",
    indicator: str = "energy_intensity_gdp", scope=None, is_headline: bool = True
) -> dict:
    return {
        "target_id": f"{nid}-t{i}",
        "notice_id": nid,
        "provision_id": f"{nid}-p1",
        "indicator": indicator,
        "indicator_text": "单位生产总值能耗",
        "direction": "decrease",
        "value": value,
        "unit": unit,
        "qualifier": "about",
        "is_aspirational": False,
        "is_headline": is_headline,
        "baseline_year": year - 5,
        "target_year": year,
        "scope": scope,
        "value_in_base_unit": None,
        "base_unit": None,
        "evidence": f"单位生产总值能耗降低{value:g}{unit}左右",
        "char_start": 20 + i,
        "char_end": 40 + i,
    }


def national() -> list[dict]:
    return [
        {
            "plan_period": p,
            "indicator": "energy_intensity_gdp",
            "document_number": doc,
            "indicator_text": "单位国内生产总值能耗",
            "direction": "decrease",
            "value": v,
            "unit": "%",
            "qualifier": "about" if p == 11 else "exact",
            "baseline_year": base,
            "target_year": base + 5,
            "source": "State Council",
        }
        for p, doc, v, base in ((11, "国发〔2007〕15号", 20.0, 2005), (12, "国发〔2011〕26号", 16.0, 2010))
    ]


def sample_rows(*, value_11: float = 20.0, extra_notice: bool = False) -> dict[str, list[dict]]:
    notices = [notice(N1, 11, dt.date(2007, 6, 28)), notice(N2, 12, dt.date(2011, 9, 1))]
    provisions = [provision(N1, 1), provision(N2, 1)]
    targets = [
        target(N1, 1, value_11, 2010),
        target(N1, 2, 15.0, 2008, is_headline=False),  # interim milestone: not the headline
        target(N1, 3, 30.0, 2010, unit="万吨"),
        target(N2, 1, 16.0, 2015),
    ]
    deadlines = [
        {
            "deadline_id": f"{N1}-d1",
            "notice_id": N1,
            "provision_id": f"{N1}-p1",
            "deadline_date": dt.date(2007, 12, 31),
            "precision": "year",
            "date_text": "2007年底前",
            "action": "-完成淘汰落后产能",
            "char_start": 50,
            "char_end": 60,
        }
    ]
    responsibilities = [
        {
            "responsibility_id": f"{N1}-r1",
            "notice_id": N1,
            "provision_id": f"{N1}-p1",
            "agency_text": "省发展改革委",
            "agency": "省发展改革委",
            "role": "lead",
            "char_start": 61,
            "char_end": 67,
        }
    ]
    if extra_notice:
        notices.append(notice(N3, 11, dt.date(2007, 8, 1), region="辽宁省", source_file="liaoning.txt"))
        provisions.append(provision(N3, 1))
        targets.append(target(N3, 1, 18.0, 2010))
    return {
        "notices": notices,
        "provisions": provisions,
        "targets": targets,
        "deadlines": deadlines,
        "responsibilities": responsibilities,
        "ingest_issues": [],
        "national_targets": national(),
    }


def build_sample_warehouse(path: Path, rows: dict[str, list[dict]] | None = None) -> Path:
    rows = rows if rows is not None else sample_rows()
    return write_warehouse({name: frame(name, r) for name, r in rows.items()}, path)
