"""Notice metadata inferred from the text of each seed, checked against what the text says."""

import datetime as dt

import pytest

from conftest import RAW
from fyp.metadata.infer import infer_metadata, period_of_year
from fyp.text.normalize import normalize

SEEDS = {
    "000_3b636d7faa191cc5.txt": dict(
        title="河南省人民政府关于印发河南省节能减排实施方案的通知",
        issuer="河南省人民政府",
        region="河南省",
        province="河南省",
        admin_code="410000",
        level="province",
        plan_period=11,
        issue_date=dt.date(2007, 6, 14),  # signed 二○○七年六月十四日 (published 2007-06-28)
        doc_number=None,
        is_news_repost=False,
    ),
    "001_d637d2b6bdec1104.txt": dict(
        title=None,  # the text starts with the body; it states no title, issuer or date
        issuer=None,
        region="山西省",
        province="山西省",
        admin_code="140000",
        level="province",
        plan_period=12,
        issue_date=None,
        doc_number=None,  # 晋政发〔2012〕10号 is a cited document, not this one
        is_news_repost=False,
    ),
    "002_d66e9d18b4beace9.txt": dict(
        title="葫芦岛市人民政府关于印发葫芦岛市“十四五”节能减排综合工作方案的通知",
        issuer="葫芦岛市人民政府",
        region="葫芦岛市",
        province="辽宁省",
        admin_code="211400",
        level="city",
        plan_period=14,
        issue_date=dt.date(2023, 12, 6),
        doc_number=None,
        is_news_repost=True,
    ),
    "003_2882663a07db2e4f.txt": dict(
        title="鹤岗市节能减排综合性工作方案",
        issuer=None,
        region="鹤岗市",
        province="黑龙江省",
        admin_code="230400",
        level="city",
        plan_period=11,
        issue_date=None,
        doc_number=None,
        is_news_repost=False,
    ),
    "004_d6cf54a63eb344bb.txt": dict(
        title="黑龙江省人民政府关于印发黑龙江省“十四五”节能减排综合工作实施方案的通知",
        issuer="黑龙江省人民政府",
        region="黑龙江省",
        province="黑龙江省",
        admin_code="230000",
        level="province",
        plan_period=14,
        issue_date=dt.date(2022, 3, 30),
        doc_number=None,
        is_news_repost=True,
    ),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_metadata(name):
    meta = infer_metadata(normalize((RAW / name).read_text(encoding="utf-8")), source_file=name)
    got = {key: getattr(meta, key) for key in SEEDS[name]}
    assert got == SEEDS[name]


def test_title_over_several_lines_is_joined_and_doc_number_found():
    text = "某省人民政府办公厅关于印发某省\n2014—2015年节能减排低碳\n发展行动方案的通知\n琼府办〔2014〕161号\n各市县人民政府:\n"
    text = text.replace("某省", "海南省")
    meta = infer_metadata(normalize(text))
    assert meta.title == "海南省人民政府办公厅关于印发海南省2014—2015年节能减排低碳发展行动方案的通知"
    assert meta.doc_number == "琼府办〔2014〕161号"
    assert meta.plan_period == 12
    assert meta.admin_code == "460000"


def test_traditional_title_and_county_level_region():
    text = "鐵嶺市“十四五”節能減排綜合工作方案\n為深入貫徹落實...全市單位地區生產總值能耗下降14%。"
    meta = infer_metadata(normalize(text))
    assert (meta.region, meta.admin_code, meta.level, meta.plan_period) == ("铁岭市", "211200", "city", 14)


def test_chinese_numeral_signature_date():
    text = "陕西省“十二五”节能减排综合性工作方案\n\n二○一二年一月二十一日\n"
    assert infer_metadata(normalize(text)).issue_date == dt.date(2012, 1, 21)


def test_period_of_year():
    assert [period_of_year(y) for y in (2006, 2010, 2011, 2020, 2025)] == [11, 11, 12, 13, 14]


def test_region_from_short_name_in_body_when_no_title():
    text = "为深入贯彻习近平总书记对甘肃重要指示要求,推动全省节能减排。到2025年,全省单位地区生产总值能耗比2020年下降13.5%。"
    meta = infer_metadata(normalize(text))
    assert (meta.region, meta.admin_code, meta.level) == ("甘肃省", "620000", "province")


def test_municipality_saying_quanshi_is_province_level():
    text = "2007年是奧運籌備決戰之年,建設資源節約型的首都北京;全市萬元地區生產總值能耗下降4%以上。"
    meta = infer_metadata(normalize(text))
    assert (meta.region, meta.admin_code, meta.level) == ("北京市", "110000", "province")


def test_find_places_on_long_text_matches_its_short_pieces():
    from fyp.metadata.gazetteer import find_places

    # Texts of 200+ characters take the vectorised scan; pieces under that take the plain one.
    piece = "近日,辽宁省葫芦岛市召开节能减排工作会议,部署兴城市和绥中县的工作。河南郑州也有进展。"
    text = piece * 8
    assert len(piece) < 200 <= len(text)
    for aliases in (False, True):
        expected = [(i + k * len(piece), p) for k in range(8) for i, p in find_places(piece, aliases=aliases)]
        assert find_places(text, aliases=aliases) == expected
        assert expected  # the test needs places to compare
