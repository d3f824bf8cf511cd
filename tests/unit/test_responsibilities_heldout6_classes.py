"""Responsibility forms of the heldout6 error classes, on invented sentences (other regions, other tasks)."""

from fyp.document import document_from_text
from fyp.extract.responsibilities import extract_responsibilities
from fyp.structure.provisions import extract_provisions


def _pairs(source: str):
    doc = document_from_text(source, notice_id="n1")
    rows = extract_responsibilities(doc, extract_provisions(doc))
    for r in rows:
        assert doc.source[r["char_start"] : r["char_end"]].replace("\n", "") == r["agency_text"]
    return [(r["agency_text"], r["role"]) for r in rows]


# A "责任单位：" line under a numbered task: the label names no role, so a 牵头 / 配合 in the line decides;
# a bare list stays unspecified and "X、Y按职责分工负责" makes both lead.


def test_responsibility_line_with_lead_and_support():
    text = "三、推进工业节能。全年完成重点企业节能改造四十项。\n责任单位：区工信局牵头，区财政局、区统计局配合\n"
    assert _pairs(text) == [("区工信局", "lead"), ("区财政局", "support"), ("区统计局", "support")]


def test_responsibility_line_bare_list_stays_unspecified():
    text = "五、加强监测。建立能耗月报制度。\n责任单位：区统计局、区工信局\n"
    assert _pairs(text) == [("区统计局", "unspecified"), ("区工信局", "unspecified")]


def test_responsibility_line_by_duty_makes_both_lead():
    text = "六、绿色交通。推广新能源公交车二百辆。\n责任单位：县交通局、县住建局按职责分工负责\n"
    assert _pairs(text) == [("县交通局", "lead"), ("县住建局", "lead")]
