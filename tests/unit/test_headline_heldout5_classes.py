"""Headline flags for the constructions the fifth held-out set showed (our own rows: other places, numbers, years)."""

from fyp.document import document_from_text
from fyp.extract.headline import mark_headlines
from fyp.extract.indicators import code_targets
from fyp.structure.provisions import extract_provisions

PROVINCE = "湖南省人民政府关于印发湖南省“十三五”节能减排综合工作方案的通知\n"
CITY = "株洲市人民政府关于印发株洲市“十三五”节能减排综合工作方案的通知\n"


def row(text, value, unit="%", *, start=0, evidence=None, end=None, year=2020):
    return {"indicator_text": text, "value": value, "unit": unit, "target_year": year, "baseline_year": None,
            "is_aspirational": False, "scope": None, "char_start": start, "char_end": end, "evidence": evidence or text}


def flags(doc, rows, provisions=()):
    return [r["is_headline"] for r in mark_headlines(doc, code_targets(rows), provisions)]


def at(doc, text, rows_spec):
    """Rows placed where their evidence stands in ``doc``'s source."""
    src = doc.source
    return [row(t, v, u, start=src.index(ev), evidence=ev) for t, v, u, ev in rows_spec]


def test_seats_of_government_the_other_places_and_classes_of_city_are_parts_of_the_region():
    doc = document_from_text(PROVINCE)
    rows = [row("州府所在地城市生活污水处理率", 92, start=10), row("其他地级市公共交通出行分担率", 25, start=20),
            row("大中城市公共交通出行分担率", 35, start=30), row("城市生活污水处理率", 90, start=40),
            row("公共交通出行分担率", 30, start=50)]
    assert flags(doc, rows) == [False, False, False, True, True]


def test_a_section_headed_by_one_industry_in_traditional_script_is_that_industrys():
    text = (PROVINCE + "一、主要目標\n到2020年，全省化學需氧量排放總量下降10%。\n"
            "二、重點任務\n（一）水泥行業節能減排。窯爐脫硝效率達到70%以上。\n（二）全面推進減排。全省脫硝設施投運率達到95%。\n")
    doc = document_from_text(text)
    rows = at(doc, text, [("窯爐脫硝效率", 70, "%", "窯爐脫硝效率達到70%以上"),
                          ("脫硝設施投運率", 95, "%", "全省脫硝設施投運率達到95%")])
    assert flags(doc, rows, extract_provisions(doc)) == [False, True]


def test_the_later_items_of_a_list_share_what_the_first_item_names_before_its_indicator():
    ev = "洞庭湖区域渔船二氧化硫、氮氧化物排放量分别下降40%、15%"
    listed = [row("洞庭湖区域渔船二氧化硫排放量", 40, start=10, end=40, evidence=ev),
              row("氮氧化物排放量", 15, start=10, end=40, evidence=ev)]
    ev2 = "全省二氧化硫、氮氧化物排放总量分别下降12%、10%"
    region = [row("全省二氧化硫排放总量", 12, start=60, end=90, evidence=ev2),
              row("氮氧化物排放总量", 10, start=60, end=90, evidence=ev2)]
    assert flags(document_from_text(PROVINCE), listed + region) == [False, False, True, True]


def test_a_count_of_enterprises_closed_is_the_regions_whatever_trades_it_names():
    doc = document_from_text(PROVINCE)
    rows = [row("关停(小化肥、小农药企业)", 14, "家", start=10), row("落后合成氨产能", 30, "万吨", start=20)]
    assert flags(doc, rows) == [True, False]
    assert flags(doc, [row("关停(制革企业)", 6, "家", start=10)]) == [True]
    # merged or restructured enterprises are a trade's restructuring, not closures
    assert flags(doc, [row("关停淘汰(兼并重组水泥企业)", 4, "家", start=10)]) == [False]


def test_retrofits_counted_by_plant_are_the_regions_whatever_plant_or_industry_section_they_name():
    text = CITY + "一、重点任务\n（一）钢铁行业治理。完成球团竖炉超低排放改造3座，一般工业固体废物综合利用率达到90%。\n"
    doc = document_from_text(text)
    rows = at(doc, text, [("球团竖炉超低排放改造", 3, "座", "完成球团竖炉超低排放改造3座"),
                          ("一般工业固体废物综合利用率", 90, "%", "一般工业固体废物综合利用率达到90%")])
    assert flags(doc, rows, extract_provisions(doc)) == [True, True]
    assert flags(document_from_text(CITY), [row("燃煤发电机组超低排放改造", 260, "万千瓦", start=10)]) == [True]


def test_a_clause_naming_fleets_or_a_field_before_the_indicator_makes_it_theirs():
    doc = document_from_text(PROVINCE)
    rows = [row("新能源汽车", 2, "万辆", start=10, evidence="出租、物流配送等城市服务领域推广新能源汽车2万辆"),
            row("新能源汽车", 5, "万辆", start=60, evidence="全省累计推广新能源汽车5万辆")]
    assert flags(doc, rows) == [False, True]


def test_a_saving_that_continues_a_clause_on_a_programme_of_counted_plants_is_theirs():
    text = (PROVINCE + "组织年耗能5万吨标准煤以上的80家企业开展能效提升行动，实现节能量45万吨标准煤。"
            "全省实现节能量700万吨标准煤。\n")
    doc = document_from_text(text)
    rows = at(doc, text, [("节能量", 45, "万吨标准煤", "实现节能量45万吨标准煤"),
                          ("节能量", 700, "万吨标准煤", "全省实现节能量700万吨标准煤")])
    assert flags(doc, rows) == [False, True]
    # plants built are no subject that achieves the goal
    text = PROVINCE + "新建城镇污水处理厂12座，实现城市生活污水处理率达到93%。\n"
    doc = document_from_text(text)
    assert flags(doc, at(doc, text, [("城市生活污水处理率", 93, "%", "实现城市生活污水处理率达到93%")])) == [True]


def test_a_residential_retrofit_is_the_regions_a_public_buildings_one_is_not():
    doc = document_from_text(CITY)
    rows = [row("既有公共建筑节能改造", 20, "万平方米", start=10),
            row("既有居住建筑节能改造", 60, "万平方米", start=20)]
    assert flags(doc, rows) == [False, True]
