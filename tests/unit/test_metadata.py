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


# --- rules, each on sentences written for the test ----------------------------------------------


def _meta(text):
    return infer_metadata(normalize(text))


def _where(meta):
    return (meta.region, meta.admin_code, meta.level)


def test_ministry_title_is_national():
    meta = _meta("工业和信息化部关于下达2016年工业行业淘汰落后产能目标任务的通知\n各省、自治区、直辖市工业和信息化主管部门:\n")
    assert _where(meta) == ("全国", None, "national")
    assert (meta.plan_year, meta.plan_period) == (2016, 13)


def test_national_signature_under_a_title_without_issuer():
    text = "关于印发《公共建筑节能改造推进方案》的通知\n现将方案印发给你们,请认真贯彻落实。\n住房和城乡建设部\n2017年4月6日\n"
    meta = _meta(text)
    assert _where(meta) == ("全国", None, "national")
    assert meta.issuer == "住房和城乡建设部" and meta.plan_period == 13


def test_news_lead_whose_acting_authority_is_a_ministry_is_national():
    text = "近日,国家发展改革委发布公告,通报各地区2016年度能耗总量和强度双控考核结果。全国30个省(区、市)中,北京、江苏、福建等地考核等级为超额完成。"
    assert _where(_meta(text)) == ("全国", None, "national")


def test_province_lead_that_mentions_a_ministry_stays_the_province():
    text = "江西省政府日前召开会议,部署落实工业和信息化部下达的2014年淘汰落后产能任务。会议要求,全省各地要按期完成。"
    assert _where(_meta(text)) == ("江西省", "360000", "province")


def test_ministry_departments_of_any_level_are_not_ministries():
    # "财政部门" and "商务部门" are departments, not the Ministry of Finance or of Commerce.
    text = "各市环境保护部门会同财政部门、商务部门做好全市考核工作。我市2011年单位生产总值能耗下降3.5%。株洲市人民政府"
    assert _meta(text).level == "city"


def test_news_lead_names_the_deeper_of_a_chain_as_authority():
    meta = _meta("广东韶关市政府近日确定2010年节能目标:万元GDP能耗比上年下降3.2%。全市将重点抓好工业节能。")
    assert _where(meta) == ("韶关市", "440200", "city")
    assert (meta.plan_year, meta.plan_period) == (2010, 11)


def test_former_names_are_found_as_the_division_they_became():
    assert _where(_meta("云南思茅市政府日前印发2006年节能工作要点,全市万元GDP能耗下降4%。"))[:2] == ("普洱市", "530800")
    meta = _meta("铜仁地区2010年节能减排工作安排\n全区单位生产总值能耗下降4%。地区发改局牵头。")
    assert _where(meta)[:2] == ("铜仁市", "520600")


def test_province_notice_naming_only_its_cities_is_the_province():
    text = "省政府与郴州、永州、怀化等市签订了2008年节能目标责任书。由省政府对未完成任务的市实行问责。"
    assert _where(_meta(text)) == ("湖南省", "430000", "province")


def test_county_notice_naming_only_its_city_is_that_city_at_county_level():
    text = "根据南阳市2016年主要污染物减排工作要求,为确保完成全县2016年减排目标任务,结合我县实际,制定本计划。"
    meta = _meta(text)
    assert _where(meta) == ("南阳市", "411300", "county")
    assert (meta.plan_year, meta.plan_period) == (2016, 13)


def test_county_signature_with_a_two_character_name():
    text = "关于印发2015年节能工作要点的通知\n各乡镇人民政府,县直各单位:\n现将要点印发给你们。\n澧县人民政府\n2015年3月2日\n常德市下达我县的任务要全面完成。"
    meta = _meta(text)
    assert _where(meta) == ("澧县", "430723", "county")
    assert meta.issuer == "澧县人民政府" and meta.plan_year == 2015


def test_district_name_shared_by_several_cities_is_read_in_its_city():
    text = "鼓楼区2018年节能降耗工作要点\n为完成福州市下达我区的年度节能目标,全区要……"
    assert _where(_meta(text)) == ("鼓楼区", "350102", "county")


def test_news_dateline_city_is_not_the_region():
    text = "新华社北京5月6日电 记者从陕西省发展改革委获悉,全省今年将淘汰落后钢铁产能200万吨。"
    assert _where(_meta(text)) == ("陕西省", "610000", "province")


def test_short_name_inside_a_word_names_no_place():
    # "环保定期" holds 保定 and "确保定点" too; neither names the city.
    text = "全市机动车环保定期检测率达到80%,确保定点医院污水处理达标。"
    assert _meta(text).region is None


def test_autonomous_region_speaks_of_itself_as_quanqu():
    text = "全区单位生产总值能耗下降3%,广西壮族自治区各设区市要落实目标。"
    assert _where(_meta(text)) == ("广西壮族自治区", "450000", "province")


def test_level_from_agencies_when_the_notice_never_says_whose():
    text = "(牵头单位:市生态环境局,责任单位:市发展改革委、市交通运输局)\n无锡市区2019年完成老旧车辆淘汰1万辆。"
    assert _where(_meta(text)) == ("无锡市", "320200", "city")


def test_annual_plan_year_decides_the_period():
    for title, year, period in (("2012年全市节能减排工作要点", 2012, 12), ("2019年大气污染防治工作实施方案", 2019, 13), ("2022年全县节能减排工作安排", 2022, 14)):
        meta = _meta(f"某地人民政府办公室关于印发{title}的通知\n各单位:\n")
        assert (meta.plan_year, meta.plan_period) == (year, period), title


def test_a_multi_year_plan_has_no_plan_year():
    meta = _meta("关于印发2018—2019年秋冬季大气污染综合治理攻坚行动方案的通知\n全市各单位:\n")
    assert (meta.plan_year, meta.plan_period) == (None, 13)


def test_plan_period_from_the_baseline_year_when_nothing_else_says_it():
    # An excerpt without title or date: targets measured from 2015 belong to the plan after it.
    meta = _meta("主要目标:全市化学需氧量排放量在2015年的基础上减少10%,到2022年空气质量进一步改善。")
    assert meta.plan_period == 13


def test_issue_date_decides_the_period_over_a_later_target_year():
    text = "关于印发大气污染防治行动计划实施细则的通知\n现印发给你们。\n山西省人民政府\n2013年12月10日\n到2017年,全省可吸入颗粒物浓度比2012年下降20%。"
    meta = _meta(text)
    assert (meta.issue_date, meta.plan_period) == (dt.date(2013, 12, 10), 12)


def test_news_page_dateline_is_not_the_issue_date():
    text = "今年我省加快淘汰落后产能\n2013-05-20 10:12:33\n本报讯 今年我省将淘汰落后水泥产能300万吨。"
    meta = _meta(text)
    assert meta.is_news_repost and meta.issue_date is None
    assert (meta.plan_year, meta.plan_period) == (2013, 12)


def test_deadline_year_in_the_opening_is_not_the_plan_year():
    meta = _meta("某县节能考核办法\n各乡镇应于2014年一季度前将年度节能目标分解到重点用能单位。")
    assert meta.plan_year is None


def test_chinese_numeral_dates_use_the_one_numeral_reader():
    text = "江苏省“十二五”节能工作方案\n\n二〇一一年十二月三十一日\n"
    assert _meta(text).issue_date == dt.date(2011, 12, 31)


def test_site_banner_and_source_line_name_the_publisher_not_the_region():
    text = "欢迎访问浙江省生态环境厅门户网站 | 无障碍\n西湖区部署2019年蓝天保卫战\n来源:浙江省生态环境厅\n2月3日,杭州市西湖区召开会议,部署2019年大气污染防治工作。"
    meta = _meta(text)
    assert _where(meta) == ("西湖区", "330106", "county")
    assert meta.plan_year == 2019


def test_province_name_followed_by_a_county_short_name_in_a_headline():
    meta = _meta("浙江安吉发布清洁空气行动方案\n日前,安吉出台方案,推进清洁能源替代。")
    assert _where(meta) == ("安吉县", "330523", "county")


def test_news_lead_reporting_a_notices_release_names_its_place():
    meta = _meta("节能新闻\n日前,《滕州市打赢蓝天保卫战三年行动方案》正式发布,提出加快清洁取暖。")
    assert _where(meta) == ("滕州市", "370481", "county")


def test_tasks_assigned_by_the_city_make_a_county_level_notice():
    # A county-level city says 全市 of itself; that the 市 assigns it tasks puts it below the city.
    text = "根据《衢州市2019年大气污染防治实施计划》,制定本计划。全市PM2.5平均浓度下降5%,完成省、市下达的减排任务。"
    assert _where(_meta(text)) == ("衢州市", "330800", "county")


def test_county_that_never_names_itself_is_found_by_its_townships():
    text = "为做好全县2019年大气污染防治工作,结合我县实际,制定本方案。西柏坡镇、岗南镇、宅北乡PM2.5浓度下降10%。"
    assert _where(_meta(text)) == ("平山县", "130131", "county")


def test_national_source_of_a_news_report():
    text = "记者近日从生态环境部获悉,《重点行业挥发性有机物综合治理方案》印发实施,全国重点区域将率先完成治理。"
    assert _where(_meta(text)) == ("全国", None, "national")


def test_year_the_opening_is_about():
    meta = _meta("2021年是“十四五”开局之年。\n2019年是打赢蓝天保卫战的关键之年,全县要确保细颗粒物浓度下降。")
    assert meta.plan_year == 2019 and meta.plan_period == 13
    # In a five-year plan's own preamble the year names the plan period, not an annual plan.
    assert _meta("2016年是“十三五”开局之年,全省要完成节能目标。").plan_year is None


def test_a_season_from_one_year_into_the_next_is_no_plan_year():
    meta = _meta("2019年10月至2020年3月,全省\n空气质量同比改善。")
    assert meta.plan_year is None and meta.plan_period == 13


def test_years_spoken_of_decide_the_period_when_nothing_else_does():
    meta = _meta("2019年,全县关停小锅炉50台;2019年全县新建充电桩20个。")
    assert meta.plan_period == 13


def test_a_ministrys_provincial_branch_is_the_province():
    text = "关于做好2019年节能减排税收工作的通知\n现印发给你们。\n国家税务总局湖北省税务局\n2019年3月1日\n"
    assert _where(_meta(text)) == ("湖北省", "420000", "province")


def test_news_lead_saying_who_issued_the_notice_names_its_place():
    meta = _meta("本地要闻\n近日,县政府办公室印发《德清县“十四五”节能减排综合工作方案》,明确全县单位GDP能耗下降15%。")
    assert _where(meta) == ("德清县", "330521", "county")


def test_a_notice_the_lead_cites_is_not_the_one_it_reports():
    text = "为贯彻落实省政府印发《浙江省节能减排综合工作方案》,结合嘉兴市实际,制定本方案。全市单位GDP能耗下降15%。"
    assert _where(_meta(text)) == ("嘉兴市", "330400", "city")


def test_county_level_city_whose_prefecture_assigns_its_tasks_is_the_county_level_city():
    # 我市/全市 of a 县级市: the prefecture it names assigns it tasks, so the notice is the county-level city's.
    text = (
        "为确保完成全市2019年节能目标,结合我市实际,制定本方案。全市单位GDP能耗下降3.5%,"
        "全面完成嘉兴市下达的减排任务。海宁市各镇(街道)要加快淘汰落后产能。"
    )
    assert _where(_meta(text)) == ("海宁市", "330481", "county")


def test_prefecture_listing_its_county_level_cities_stays_the_prefecture():
    text = "全市单位GDP能耗下降3.5%。海宁市、平湖市、桐乡市要加快淘汰落后产能,嘉兴市将对各县(市、区)进行考核,我市将完成省下达的任务。"
    assert _where(_meta(text)) == ("嘉兴市", "330400", "city")


def test_a_city_that_names_no_place_gets_its_level_and_no_region():
    # An excerpt of a city's task division (our own sentences): its agencies are 市X局, it addresses its
    # 县(市、区) (county-level cities: not a 直辖市), and it never names the city.
    text = (
        "一、推进工业节能。全市规模以上工业单位增加值能耗下降4%。(市经信局牵头,市发改委配合)\n"
        "二、加强大气污染防治。各县(市、区)要完成燃煤锅炉淘汰任务。(市生态环境局负责)\n"
    )
    meta = infer_metadata(normalize(text))
    assert (meta.level, meta.region, meta.admin_code) == ("city", None, None)


def test_a_municipality_like_city_that_names_no_place_gets_no_level():
    # "全市", 市X局 and 各区县 are also how a 直辖市 writes: no level is guessed.
    text = (
        "一、推进工业节能。全市规模以上工业单位增加值能耗下降4%。(市经信委牵头,市发展改革委配合)\n"
        "二、加强大气污染防治。各区县要完成燃煤锅炉淘汰任务。(市环保局负责)\n"
    )
    meta = infer_metadata(normalize(text))
    assert (meta.level, meta.region) == (None, None)


def test_a_line_that_goes_on_with_the_one_before_is_no_headline():
    # A news item copied with a line break inside its first sentence (our own sentences): the second line
    # starts with a comma and names a district, but the notice is the municipality's.
    text = (
        "天津市政府近日发布《天津市节能降碳三年行动计划》。计划中明确了各区目标:到2025年\n"
        ",武清区、宝坻区控制在40微克/立方米左右;其他各区控制在45微克/\n立方米左右。\n"
    )
    meta = infer_metadata(normalize(text))
    assert (meta.level, meta.region) == ("province", "天津市")


def test_a_head_line_after_prose_that_stops_in_mid_sentence_is_no_headline():
    text = (
        "天津市政府近日发布《天津市节能降碳三年行动计划》。计划中明确了各区目标:到2025年,武清区控制在40微克/\n"
        "立方米左右;宝坻区、蓟州区控制在45微克/立方米左右\n"
    )
    meta = infer_metadata(normalize(text))
    assert (meta.level, meta.region) == ("province", "天津市")


def test_city_whose_named_prefecture_assigns_its_tasks_is_one_of_its_county_level_cities():
    # Our own sentences: a 县级市 speaks of itself as 我市/全市 with 市X局 agencies, names no county-level
    # city, and says its prefecture (赣州市) assigned its tasks: it is below 赣州市, county level.
    text = (
        "“十一五”期间全市单位生产总值能耗累计下降19.3%,圆满完成赣州市下达的目标任务。我市工业结构偏重。\n"
        "到2015年,全市单位生产总值能耗比2010年下降16%。淘汰工作由市工业和信息化局负责。\n"
    )
    assert _where(_meta(text)) == ("赣州市", "360700", "county")


def test_prefecture_telling_its_counties_to_meet_its_own_targets_stays_the_prefecture():
    text = "到2015年,全市单位生产总值能耗比2010年下降16%。各县(市、区)要全面完成赣州市下达的目标任务。市发改委负责考核。"
    assert _where(_meta(text)) == ("赣州市", "360700", "city")
