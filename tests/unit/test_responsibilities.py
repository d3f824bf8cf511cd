"""Responsible agencies: bracket forms, roles, canonical names, the 不再列出 rule."""

from fyp.document import document_from_text
from fyp.extract.responsibilities import canonical_agency, extract_responsibilities
from fyp.structure.provisions import extract_provisions


def _rows(source: str):
    doc = document_from_text(source, notice_id="n1")
    provisions = extract_provisions(doc)
    rows = extract_responsibilities(doc, provisions)
    for r in rows:
        # the source span of the name; a PDF line break inside it is not part of the name as written
        assert doc.source[r["char_start"]:r["char_end"]].replace("\n", "") == r["agency_text"]
    return rows, provisions


def _pairs(rows):
    return [(r["agency_text"], r["role"]) for r in rows]


def test_plain_responsible_list_leads():
    # "A、B负责" with no 牵头: each answers for the work (gold/HELDOUT2.md, README_b "按职责分工负责").
    rows, _ = _rows("1.合理分解目标。（省发展改革委、省经信委、省环保厅负责）")
    assert _pairs(rows) == [("省发展改革委", "lead"), ("省经信委", "lead"), ("省环保厅", "lead")]


def test_relevant_departments_are_not_agencies():
    rows, _ = _rows("1.加强统计。（省统计局、省环保厅等有关部门负责）")
    assert [r["agency_text"] for r in rows] == ["省统计局", "省环保厅"]


def test_huitong_lead_and_drops_youguan():
    rows, _ = _rows("6.加强监测。（省环保厅会同有关部门负责）")
    assert _pairs(rows) == [("省环保厅", "lead")]


def test_lead_and_support_wording():
    rows, _ = _rows("推进循环经济。(此项工作由市发改委、市经委牵头,市环保局、市质监局等部门配合)")
    assert _pairs(rows) == [("市发改委", "lead"), ("市经委", "lead"), ("市环保局", "support"), ("市质监局", "support")]


def test_lead_then_by_duty_is_support():
    rows, _ = _rows("（一）完善制度。〔市发展改革委牵头,市统计局等按职责分工负责〕")
    assert _pairs(rows) == [("市发展改革委", "lead"), ("市统计局", "support")]


def test_labelled_form():
    rows, _ = _rows("3.建设监测平台。(牵头单位:区发改局;配合单位:区环保局、区财政局)")
    assert _pairs(rows) == [("区发改局", "lead"), ("区环保局", "support"), ("区财政局", "support")]


def test_canonical_alias():
    assert canonical_agency("省发改委") == canonical_agency("省发展改革委") == "省发展改革委"
    assert canonical_agency("市住房和城乡建设局") == "市住房城乡建设局"
    assert canonical_agency("省發改委") == "省发展改革委"


def test_rows_link_to_item_provision():
    rows, provisions = _rows("（一）分解指标。\n1.分解各市目标。（省发改委负责）\n2.分解行业目标。（省经信委负责）\n")
    labels = {p["provision_id"]: p["label"] for p in provisions}
    assert [(labels[r["provision_id"]], r["agency"]) for r in rows] == [("1.", "省发展改革委"), ("2.", "省经信委")]


def test_not_listed_again_rule_applies_to_later_items():
    src = (
        "（一）工业升级。〔省工信厅、省发改委等按职责分工负责,省统计局负责监测。以下均由省统计局负责落实,不再列出〕\n"
        "（二）园区改造。〔省发改委按职责分工负责〕\n"
    )
    rows, provisions = _rows(src)
    second = provisions[2]["provision_id"]
    later = sorted(r["agency_text"] for r in rows if r["provision_id"] == second)
    assert later == ["省发改委", "省统计局"]


def test_generic_governments_are_not_agencies():
    rows, _ = _rows(
        "1.淘汰落后产能。〔市工信局牵头,市发改委、各县(市、区)人民政府、县(区)政府、各镇(街道)、市级及以下政府配合〕"
    )
    assert _pairs(rows) == [("市工信局", "lead"), ("市发改委", "support")]


def test_parenthetical_without_role_is_ignored():
    rows, _ = _rows("成立领导小组(以下简称领导小组),由省长任组长。")
    assert rows == []


def test_traditional_full_width():
    rows, _ = _rows("1.推進節能。（省發展改革委、省環保廳負責）")
    assert [r["agency"] for r in rows] == ["省发展改革委", "省环保厅"]
    assert rows[0]["agency_text"] == "省發展改革委"


def test_elliptical_group_is_one_agency():
    rows, _ = _rows("（十）强化工业节能。(省经委、华中电监局和机械、石化、轻工行业协会负责)")
    assert [r["agency_text"] for r in rows] == ["省经委", "华中电监局", "机械、石化、轻工行业协会"]


def test_brackets_of_every_kind():
    rows, _ = _rows(
        "一、淘汰落后产能(省经信委负责)\n二、推进循环经济〔省发展改革委牵头,省环保厅配合〕\n"
        "三、加强计量【省质监局负责】\n四、统计监测[省统计局负责]\n"
    )
    assert _pairs(rows) == [
        ("省经信委", "lead"),
        ("省发展改革委", "lead"),
        ("省环保厅", "support"),
        ("省质监局", "lead"),
        ("省统计局", "lead"),
    ]


def test_labelled_line_lead_then_responsible_units_support():
    rows, provisions = _rows(
        "一、重点工作\n1.推进燃煤锅炉改造。全面完成改造任务。\n牵头单位:县发改局;责任单位:县财政局、县住建局\n"
        "2.加强监测。完善监测网络。\n"
    )
    assert _pairs(rows) == [("县发改局", "lead"), ("县财政局", "support"), ("县住建局", "support")]
    labels = {p["provision_id"]: p["label"] for p in provisions}
    assert {labels[r["provision_id"]] for r in rows} == {"1."}


def test_labelled_line_with_comma_in_a_bracket():
    rows, _ = _rows("5.推广清洁能源。新建加气站3座。(牵头单位:区商务局,责任单位:区城管局、各街道办事处)")
    assert _pairs(rows) == [("区商务局", "lead"), ("区城管局", "support")]


def test_bare_responsible_units_line_is_unspecified():
    rows, provisions = _rows(
        "3.治理工业污染。督促重点企业稳定达标排放。\n责任单位:各县(市、区)人民政府、州环保局、州工信委。\n"
        "4.整治城市扬尘。\n责任单位:州住建局\n"
    )
    assert _pairs(rows) == [("州环保局", "unspecified"), ("州工信委", "unspecified"), ("州住建局", "unspecified")]
    labels = {p["provision_id"]: p["label"] for p in provisions}
    assert [labels[r["provision_id"]] for r in rows] == ["3.", "3.", "4."]


def test_lead_then_participants_in_a_sentence():
    rows, _ = _rows("(三)推进园区循环化改造。县工信局牵头,县发改局、县自然资源局等参与。")
    assert _pairs(rows) == [("县工信局", "lead"), ("县发改局", "support"), ("县自然资源局", "support")]
    rows, _ = _rows("加强秸秆综合利用,由市农业农村局牵头,市生态环境局配合。")
    assert _pairs(rows) == [("市农业农村局", "lead"), ("市生态环境局", "support")]


def test_you_x_fuze_sentence():
    rows, _ = _rows("2.建立能耗统计制度。此项工作由区统计局负责,每季度通报一次。")
    assert _pairs(rows) == [("区统计局", "lead")]


def test_by_duty_list_without_lead_is_lead():
    rows, _ = _rows("(二)推动建筑节能。〔市住建局、市自然资源局等按职责分工负责,各县(市、区)人民政府负责落实〕")
    assert _pairs(rows) == [("市住建局", "lead"), ("市自然资源局", "lead")]


def test_x_deng_bumen_yao_sentence():
    rows, _ = _rows("(二)控制高耗能项目。县经信局、县环保局等部门要严格项目准入,加强事中事后监管。")
    assert _pairs(rows) == [("县经信局", "unspecified"), ("县环保局", "unspecified")]


def test_running_text_without_a_list_of_institutions_is_not_read():
    rows, _ = _rows(
        "各级政府对本地区节能减排负总责,主要负责人是第一责任人。企业负责落实主体责任。"
        "重点用能单位要明确能源管理负责人。本方案由县发改局负责解释。本方案自印发之日起施行,由县发改局负责解释。"
    )
    assert rows == []


def test_responsible_units_line_after_sub_items_answers_for_the_item():
    rows, provisions = _rows(
        "一、重点任务\n1.整治燃煤锅炉。\n(1)淘汰城区小锅炉。\n(2)改造工业窑炉。\n责任单位:区环保局、区质监局\n2.推广新能源汽车。\n"
    )
    labels = {p["provision_id"]: p["label"] for p in provisions}
    assert [(r["agency_text"], labels[r["provision_id"]]) for r in rows] == [("区环保局", "1."), ("区质监局", "1.")]


def test_lead_marked_after_its_name_in_a_list():
    rows, _ = _rows("2.推进煤改气工程。\n责任单位:县发改局(牵头)、县住建局、县财政局\n")
    assert _pairs(rows) == [("县发改局", "lead"), ("县住建局", "support"), ("县财政局", "support")]
    assert rows[0]["agency_text"] == "县发改局"


def test_fuze_qiantou_and_wei_qiantou_danwei():
    rows, _ = _rows("(四)完善统计制度。市统计局负责牵头,市发改委、市工信局配合。")
    assert _pairs(rows) == [("市统计局", "lead"), ("市发改委", "support"), ("市工信局", "support")]
    rows, _ = _rows("(五)建立考核机制。由市发改委作为牵头单位,制定考核办法。")
    assert _pairs(rows) == [("市发改委", "lead")]


def test_flattened_division_of_work_table():
    src = (
        "附件:重点任务分工表\n"
        "序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限\n"
        "1 | 淘汰燃煤小锅炉 | 市环保局 | 市质监局、各县(市、区)政府 | 2016年底\n"
        "2 | 推广新能源公交车 | 市交通局 | 市财政局、市发改委 | 2017年底\n"
        "3 | 建设监测网络\n"
        "说明:各地要按时报送进展。\n"
        "4 | 推进 | 市住建局 | 市规划局 | 长期\n"
    )
    rows, _ = _rows(src)
    assert _pairs(rows) == [
        ("市环保局", "lead"), ("市质监局", "support"),
        ("市交通局", "lead"), ("市财政局", "support"), ("市发改委", "support"),
    ]


def test_by_duty_list_after_a_lead_in_a_sentence_supports():
    rows, _ = _rows("(六)推进绿色建筑。市住建局牵头,市自然资源局、市发改委等按职责分工负责。市统计局等按职责分工负责。")
    assert _pairs(rows) == [("市住建局", "lead"), ("市自然资源局", "support"), ("市发改委", "support"), ("市统计局", "lead")]


def test_prefecture_prefix_and_city_level_full_name():
    assert canonical_agency("地区发改局") == "地区发展改革局"
    assert canonical_agency("市经济和信息化局") == canonical_agency("市经信局") == "市经信局"


def test_yao_huitong_sentence_lead_and_partners():
    rows, _ = _rows("(三)加强资金监管。市财政局要会同市住建局、市国资委，每半年核查一次补助资金使用情况。")
    assert _pairs(rows) == [("市财政局", "lead"), ("市住建局", "support"), ("市国资委", "support")]


def test_huitong_sentence_without_a_comma_ends_at_the_partner_name():
    rows, _ = _rows("区交通局会同区公安分局制定老旧车辆淘汰补贴办法,报区政府批准后实施。")
    assert _pairs(rows) == [("区交通局", "lead"), ("区公安分局", "support")]


def test_huitong_relevant_departments_give_no_partner():
    rows, _ = _rows("县应急管理局应会同有关部门开展专项检查。国家能源局会同国务院有关部门,对各地进展进行评估。")
    assert _pairs(rows) == [("县应急管理局", "lead"), ("国家能源局", "lead")]


def test_huitong_in_a_bracket_with_yao():
    rows, _ = _rows("4.排查隐患。（区应急局要会同区消防救援大队负责）")
    assert _pairs(rows) == [("区应急局", "lead"), ("区消防救援大队", "support")]


def test_body_fuze_a_task_in_running_text_leads():
    rows, _ = _rows("五、保障措施\n县工信局负责统筹协调,按月调度各乡镇进度。县教育局、县科技局等部门负责组织宣传活动。")
    assert _pairs(rows) == [("县工信局", "lead"), ("县教育局", "lead"), ("县科技局", "lead")]


def test_fuze_after_a_lead_in_the_same_sentence_supports():
    rows, _ = _rows("(二)治理黑臭水体。市水利局牵头,市农业农村局负责具体实施。")
    assert _pairs(rows) == [("市水利局", "lead"), ("市农业农村局", "support")]


def test_fuze_that_assigns_nothing_is_not_read():
    rows, _ = _rows(
        "记者采访时,市环保局负责人介绍了进展,县发改委负责同志表示将加快推进。企业负责落实主体责任。"
        "各乡镇负责组织实施。本办法由县发改局负责解释。以高度负责任的态度抓好落实。"
    )
    assert rows == []


def test_notice_rule_first_listed_leads():
    rows, _ = _rows(
        "（一）推进园区改造。（县发改局、县财政局、县住建局负责，列第一位者为牵头部门，下同）\n"
        "（二）加强监测。（县环保局负责）\n（三）推广节能产品。（县商务局、县市场监管局负责）\n"
    )
    assert _pairs(rows) == [
        ("县发改局", "lead"), ("县财政局", "support"), ("县住建局", "support"),
        ("县环保局", "lead"), ("县商务局", "lead"), ("县市场监管局", "support"),
    ]


def test_ministry_departments_without_the_ministry_prefix_are_agencies():
    # A ministry's 司 / 局 named after the first without the ministry ("规划司", not "国家林业局规划司").
    rows, _ = _rows("（一）推进造林绿化。（国家林业局造林司牵头，规划司、科技司配合）")
    assert _pairs(rows) == [("国家林业局造林司", "lead"), ("规划司", "support"), ("科技司", "support")]
    rows, _ = _rows("（二）加强水土保持。（水保司、农水局按职责分工负责）")
    assert _pairs(rows) == [("水保司", "lead"), ("农水局", "lead")]


def test_by_x_in_charge_then_supporters_in_running_text():
    rows, _ = _rows("5.整治农村环境。由区农业农村局负责，区水务局、团区委配合，每季度通报一次进展。")
    assert _pairs(rows) == [("区农业农村局", "lead"), ("区水务局", "support"), ("团区委", "support")]


def test_lead_with_a_task_of_its_own_does_not_subordinate_the_next_assignments():
    # "X牵头抓总": X leads the whole; the 负责 clauses after it are assignments of their own.
    rows, _ = _rows("六、保障措施。区发展改革局牵头抓总，区工信局负责工业节能，区机关事务局负责公共机构节能。")
    assert _pairs(rows) == [("区发展改革局", "lead"), ("区工信局", "lead"), ("区机关事务局", "lead")]
    # "X负责牵头<task>，A、B等部门按职责分工负责": each answers for its part, once.
    rows, _ = _rows("四、组织实施。区经信局负责牵头推进本方案，区农业局、区商务局等部门按职责分工负责。")
    assert _pairs(rows) == [("区经信局", "lead"), ("区农业局", "lead"), ("区商务局", "lead")]
    # A lead that ends its clause still shares its task with what follows.
    rows, _ = _rows("（五）治理扬尘。区城管局牵头，区住建局负责施工工地管控。")
    assert _pairs(rows) == [("区城管局", "lead"), ("区住建局", "support")]


def test_huitong_then_in_charge_is_two_agencies_not_one_name():
    rows, _ = _rows("三、强化落实。区公安分局会同区城管局负责渣土车整治，区住建局负责工地扬尘管控。")
    assert _pairs(rows) == [("区公安分局", "lead"), ("区城管局", "support"), ("区住建局", "lead")]


def test_in_charge_then_by_duty_in_a_bracket_all_lead():
    # Only a 牵头 lead makes the 负责 lists after it support; a 负责 lead is one of several.
    rows, _ = _rows("（七）完善计量。（州发展改革委负责，州统计局、州市场监管局按职责分工负责）")
    assert _pairs(rows) == [("州发展改革委", "lead"), ("州统计局", "lead"), ("州市场监管局", "lead")]
    # Those who carry out what the leads answer for support them.
    rows, _ = _rows("（八）推进节水。（市水务局、市农业局按职责分工负责，市属园区管委会负责落实）")
    assert _pairs(rows) == [("市水务局", "lead"), ("市农业局", "lead"), ("市属园区管委会", "support")]


def test_a_pdf_line_break_inside_an_agency_name_is_not_part_of_the_name():
    # A plan copied out of a PDF page (our own sentences): the page ended lines inside two names.
    source = (
        "某县节能减排重点工作分工\n"
        "1.推进既有建筑节能改造，完成老旧小区改造任务，新建\n"
        "建筑全面执行节能标准，提高绿色建筑占比。（县住房城乡\n"
        "建设局牵头，县发展改革局配合）\n"
        "2.加快淘汰老旧柴油货车，推广新能源公交车和出租车，到\n"
        "2025年新能源车辆比例达到40%以上。（县交通运输局、县\n"
        "公安局负责）\n"
        "3.推进重点用能单位节能诊断和能效对标，开展能源审计，\n"
        "督促企业完成节能改造项目建设任务，建立健全企业能源管\n"
        "理体系，提高能源计量器具配备率，落实能源统计制度和能\n"
        "耗在线监测。（县工业和信息化局、县统计局负责）\n"
        "4.严格执行固定资产投资项目节能审查制度，对新上高耗能\n"
        "项目实行能耗等量或减量替代，坚决遏制两高项目盲目发\n"
        "展。（县发展改革局负责）\n"
    )
    rows, _ = _rows(source)
    names = sorted(r["agency_text"] for r in rows)
    assert names == sorted(["县住房城乡建设局", "县发展改革局", "县交通运输局", "县公安局", "县工业和信息化局",
                            "县统计局", "县发展改革局"])
    split = next(r for r in rows if r["agency_text"] == "县住房城乡建设局")
    assert source[split["char_start"]:split["char_end"]] == "县住房城乡\n建设局"  # the offsets cover the source


# --- heldout4 classes (own sentences) ---


def test_named_line_after_a_lead_line_supports():
    # "牵头单位:X" and, on the next line, "责任单位:Y、Z": the 责任单位 line works under the lead.
    src = "一、推进工业节能\n1.开展能效对标。\n牵头单位:县工信局\n责任单位:县发改局、县统计局\n2.加强监察。\n责任单位:县环保局\n"
    rows, _ = _rows(src)
    assert _pairs(rows) == [("县工信局", "lead"), ("县发改局", "support"), ("县统计局", "support"), ("县环保局", "unspecified")]


def test_support_label_line_after_a_lead_line_supports():
    src = "1.推广节能灯具。\n牵头单位:市住建局\n配合单位:市财政局\n"
    rows, _ = _rows(src)
    assert _pairs(rows) == [("市住建局", "lead"), ("市财政局", "support")]


def test_modal_before_lead_word():
    rows, _ = _rows("据了解,市工信局将牵头组建能源监测平台,年底前投入运行。")
    assert _pairs(rows) == [("市工信局", "lead")]
    rows, _ = _rows("县住建局要牵头制定绿色建筑推广方案。")
    assert _pairs(rows) == [("县住建局", "lead")]


def test_unnamed_township_bodies_are_not_agencies():
    rows, _ = _rows("1.整治散煤。\n责任单位:县环保局、县质监局,各乡镇人民政府、街道办事处\n")
    assert [r["agency_text"] for r in rows] == ["县环保局", "县质监局"]
