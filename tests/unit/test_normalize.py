from fyp.text.normalize import normalize, to_simplified


def test_full_width_digits_and_percent_become_ascii():
    t = normalize("下降１５．６％")
    assert t.text == "下降15.6%"


def test_mojibake_slash_is_repaired_with_offsets_kept():
    src = "规模达到5万吨燉年以上"
    t = normalize(src)
    assert "5万吨/年" in t.text
    i = t.text.index("/")
    assert t.evidence(i, i + 1) == "燉"


def test_traditional_script_is_simplified_char_for_char():
    t = normalize("單位地區生產總值能耗下降")
    assert t.text == "单位地区生产总值能耗下降"
    assert t.script == "traditional"
    assert len(t.text) == len(t.source)


def test_simplified_text_is_reported_simplified():
    t = normalize("到2025年,全市单位地区生产总值能耗比2020年下降14.5%。")
    assert t.script == "simplified"


def test_private_use_characters_are_dropped_and_offsets_map_back():
    src = "目标任务\ue004\n一、指导思想"
    t = normalize(src)
    assert "\ue004" not in t.text
    start = t.text.index("一、")
    s, e = t.source_span(start, start + 2)
    assert src[s:e] == "一、"


def test_span_across_dropped_character_covers_it_in_source():
    src = "50mg/Nm\ue00b3以下"
    t = normalize(src)
    assert t.text == "50mg/Nm3以下"
    s, e = t.source_span(0, len(t.text))
    assert (s, e) == (0, len(src))


def test_ideographic_space_becomes_space():
    assert normalize("\u3000\u3000一、").text == "  一、"


def test_to_simplified_for_short_strings():
    assert to_simplified("節能減排") == "节能减排"


def _source_of_each_char(t):
    return [t.evidence(i, i + 1) for i in range(len(t.text))]


def test_pinyin_glosses_after_characters_are_read_as_absent():
    src = "全縣節(jié)能目標(biāo):萬(wàn)元產(chǎn)值能耗下降3%"
    t = normalize(src)
    assert t.text == "全县节能目标:万元产值能耗下降3%"
    # The evidence of a span is still the source between its offsets, glosses included.
    start = t.text.index("节能")
    assert t.evidence(start, start + 4) == "節(jié)能目標"
    assert _source_of_each_char(t)[start + 1] == "能"


def test_a_line_break_inside_a_gloss_goes_with_it():
    t = normalize("各企業(yè)要確保穩(w\něn)定達標(biāo)排放")
    assert t.text == "各企业要确保稳定达标排放"
    # One break at most: two lines of lowercase letters in brackets are not one syllable.
    assert normalize("面積(h\na\n)").text == "面积(h\na\n)"


def test_full_width_gloss_parentheses_and_nested_glosses():
    t = normalize("各鄉（xiāng）（鎮（zhèn））人民政府")
    assert t.text == "各乡(镇)人民政府"


def test_toneless_gloss_dropped_only_on_a_page_that_glosses():
    glossed = "我們(men)的節(jié)能任務(wù)要(yào)落實(shí)"
    assert normalize(glossed).text == "我们的节能任务要落实"
    # On an ordinary page lowercase letters in brackets are abbreviations and stay.
    assert normalize("面積50公頃(ha),排放1萬噸(t)").text == "面积50公顷(ha),排放1万吨(t)"
    # Upper-case abbreviations are never glosses.
    assert normalize("節(jié)能(jié)減(jiǎn)排化學需氧量(COD)").text == "节能减排化学需氧量(COD)"


def test_single_space_between_characters_is_dropped():
    t = normalize("氮氧化 物排放量下降 10%,二 〇 一二年四月二十 六 日")
    assert t.text == "氮氧化物排放量下降 10%,二〇一二年四月二十六日"
    i = t.text.index("物")
    assert t.evidence(i - 1, i + 1) == "化 物"


def test_ideographic_space_between_characters_is_dropped_but_cell_gaps_stay():
    assert normalize("河西\u3000区").text == "河西区"
    # Two or more spaces separate the cells of a flattened table.
    assert normalize("化学需氧量  二氧化硫  氨氮").text == "化学需氧量  二氧化硫  氨氮"


def test_spaces_inside_numbers_are_dropped():
    t = normalize("下降6 . 6%,增长2 .5%,201 2年,渑政〔 201 2 〕 24 号")
    assert t.text == "下降6.6%,增长2.5%,2012年,渑政〔 2012 〕 24 号"
    i = t.text.index("6.6%")
    assert t.evidence(i, i + 4) == "6 . 6%"


def test_spaces_that_are_not_inside_a_number_stay():
    # A list label ("1. "), numbers side by side in a table, a count before a year.
    assert normalize("1. 2项任务").text == "1. 2项任务"
    assert normalize("-5.00 -6.04").text == "-5.00 -6.04"
    assert normalize("完成10 2012年").text == "完成10 2012年"
    assert normalize("第12 34号").text == "第12 34号"


def test_stray_mojibake_is_left_alone():
    src = "鑺傝兘鍑忔帓 (ç¯èƒ½) 目标"
    assert normalize(src).text == src


def test_offsets_stay_monotonic_and_end_at_the_source_length():
    src = "節(jié)能 減排 6 . 6% 201 2年\ue000完成"
    t = normalize(src)
    assert len(t.offsets) == len(t.text) + 1 and t.offsets[-1] == len(src)
    assert all(a < b for a, b in zip(t.offsets, t.offsets[1:], strict=False))
    assert t.text == "节能减排 6.6% 2012年完成"
    # Every working character is the working form of the source character it maps to.
    assert all(normalize(src[t.offsets[i]]).text == ch for i, ch in enumerate(t.text))


def test_to_simplified_is_the_working_text_of_normalize():
    # to_simplified takes a shortcut (str.translate) past normalize's arrays and offsets; it must give
    # the same text: repairs, full width, drops, traditional script, glosses, spaces inside numbers.
    import random

    rng = random.Random(12)
    pieces = list("節能減排萬噸燉万吨 \u3000\u00a0\t\n\r\u2028()āé.56年〔〕０１２％Ａ﹪\ue000\u200b\ufeffak,。") + [
        chr(c) for c in range(0x4E00, 0x4E30)
    ] + ["節(jié)", "(de)", "(mén)", "6 . 6", "3 .5", "201 2年", "〔 200 8 〕", "氮 氧", "(kg)"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert to_simplified(text) == normalize(text).text, text


def test_crlf_line_ends_read_as_newlines_with_offsets_into_the_source():
    src = "表1 各地目标\r\n甲地  -4.20\r\n乙地  -3.90\r\n"
    t = normalize(src)
    assert t.text == "表1 各地目标\n甲地  -4.20\n乙地  -3.90\n"
    i = t.text.index("乙地")
    assert t.evidence(i, i + 9) == "乙地  -3.90"
    assert to_simplified("一\r\n二\r三") == "一\n二\r三"  # a lone CR is left as it is


def test_unicode_line_separators_end_lines():
    assert normalize("一、目标\u2028（一）节能\u2029二、措施").text == "一、目标\n(一)节能\n二、措施"


# A plan copied out of a PDF: lines end wherever the page was full (our own text).
_WRAPPED = (
    "某县人民政府关于印发节能减排工作方案的通知\n"
    "各乡镇人民政府，县直各部门：\n"
    "　　现将方案印发给你们，请认真贯彻执行。到2025年，全县单位地区生产总值能\n"
    "耗比2020年下降13.5%，能源消费总量得到合理控制，化学需氧量、\n"
    "氨氮重点工程减排量分别达到1200吨和150吨，挥发性有机物排放总量\n"
    "比2020年下降10%以上，节能减排政策机制更加健全。\n"
    "一、加快推动重点行业和重点领域的节能降耗工作\n"
    "（一）实施工业能效提升行动。严格控制高耗能项目盲目发展，推进\n"
    "重点用能单位节能改造，到2025年规模以上工业单位增加值能耗下降\n"
    "14%。（县发展改革局牵头）\n"
    "指标名称  单位  目标值\n"
    "单位地区生产总值能耗降低  %  13.5\n"
    "某县人民政府\n"
    "2022年8月1日\n"
)


def test_line_breaks_inside_sentences_of_a_pdf_copy_are_read_as_absent():
    t = normalize(_WRAPPED)
    assert "单位地区生产总值能耗比2020年下降13.5%" in t.text
    assert "化学需氧量、氨氮重点工程减排量" in t.text
    assert "推进重点用能单位节能改造,到2025年规模以上工业单位增加值能耗下降14%。" in t.text
    # What starts a line of its own keeps its break: title, salutation, labels, table rows, signature, date.
    kept = ("某县人民政府关于印发节能减排工作方案的通知\n", "\n一、加快推动", "\n(一)实施",
            "\n指标名称  单位  目标值\n",
            "\n单位地区生产总值能耗降低  %  13.5\n某县人民政府\n2022年8月1日\n")
    for line in kept:
        assert line in t.text
    i = t.text.index("能耗比2020年")
    assert t.evidence(i, i + 8) == "能\n耗比2020年"  # offsets still map into the source, break included


def test_ordinary_notices_keep_every_line_break():
    lines = [
        "某市节能减排工作要点",
        "一、到2025年，全市单位地区生产总值能耗比2020年下降14%。",
        "二、化学需氧量、氨氮排放总量分别比2020年减少8%和9%。",
        "（市生态环境局牵头，市发展改革委配合）",
        "三、推进重点用能单位能耗在线监测系统建设",
        "各县区要按照本要点明确的任务抓好落实，加强统筹协调",
        "某市人民政府办公室",
        "2023年3月1日",
    ]
    text = "\n".join(lines) + "\n"
    assert normalize(text).text.count("\n") == text.count("\n")


# The same kind of plan as a PDF text layer gives it: every line of a paragraph as wide as the page
# (24 cells here; ASCII takes half a cell), wherever that falls, after a comma or a "。" too (our own text).
_PAGE = (
    "某市人民政府关于印发节能降碳工作方案的通知\n"
    "各县(市、区)人民政府，市政府各部门：\n"
    "现将《某市节能降碳工作方案》印发给你们，请认真贯彻\n"
    "执行。\n"
    "某市人民政府\n"
    "2023年5月6日\n"
    "某市节能降碳工作方案\n"
    "一、主要目标\n"
    "到2025年，全市单位地区生产总值能耗比2020年下降\n"
    "14%，化学需氧量、氨氮排放总量分别下降8%和9%。单位\n"
    "工业增加值用水量下降16%，城市污水处理率达到97%以\n"
    "上，工业固体废物综合利用率达到80%以上，新能源车辆\n"
    "比例达到40%。\n"
    "二、重点任务\n"
    "(一)推进工业节能。严格控制高耗能项目，到2024年6\n"
    "月底前完成重点用能单位节能诊断。牵头单位：市工信局\n"
    "责任单位：市发展改革委、市统计局\n"
    "(二)推进建筑节能。新建建筑全面执行绿色建筑标准，\n"
    "完成既有建筑节能改造100万平方米。\n"
)


def test_lines_as_wide_as_a_pdf_page_are_read_as_one_paragraph():
    t = normalize(_PAGE)
    assert "全市单位地区生产总值能耗比2020年下降14%,化学需氧量、氨氮排放总量分别下降8%和9%。单位工业增加值" in t.text
    assert "城市污水处理率达到97%以上,工业固体废物综合利用率达到80%以上,新能源车辆比例达到40%。\n" in t.text
    assert "到2024年6月底前完成重点用能单位节能诊断。" in t.text  # a date the page cut
    assert "请认真贯彻执行。\n某市人民政府\n2023年5月6日\n" in t.text
    # Shorter lines end where the author ended them; so do labels, field lines, titles and signatures.
    for line in ("某市人民政府关于印发节能降碳工作方案的通知\n各县", "\n某市节能降碳工作方案\n一、主要目标\n",
                 "\n二、重点任务\n(一)推进", "节能诊断。牵头单位:市工信局\n责任单位:", "市统计局\n(二)推进建筑节能"):
        assert line in t.text
    i = t.text.index("下降14%")
    assert t.evidence(i, i + 5) == "下降\n14%"  # offsets still index the source


def test_a_title_a_signature_or_a_new_sentence_keeps_its_line_of_a_broken_text():
    # Text broken at varying widths (our own): most long lines stop in mid-sentence.
    text = (
        "某县二〇二三年节能减排工作要点\n"
        "为做好全县节能减排工作，确保完成市政府下达的年度目标任务，根据\n"
        "有关要求，结合我县实际，制定本要点。到2023年底，全县单位地区生产\n"
        "总值能耗比上年下降3%，化学需氧量排放总量比上年削减2%，氨氮\n"
        "排放总量比上年削减2%，二氧化硫排放总量控制在市下达的指标以内，\n"
        "氮氧化物排放总量比上年削减3%，城镇污水处理率达到90%以上，县\n"
        "城建成区生活垃圾无害化处理率达到95%以上，新增绿色建筑面积\n"
        "10万平方米以上，淘汰燃煤小锅炉20台以上，完成节能改造项目5个\n"
        "2022年,全县单位地区生产总值能耗下降2.9%，超额完成目标任务。\n"
        "各乡镇人民政府要按照本要点的要求，认真组织实施，确保各项任务\n"
        "按期完成。\n"
        "某县节能减排工作领导小组办公室\n"
        "2023年3月1日\n"
    )
    t = normalize(text)
    assert "全县单位地区生产总值能耗比上年下降3%,化学需氧量排放总量比上年削减2%,氨氮排放总量" in t.text
    assert "某县二〇二三年节能减排工作要点\n为做好" in t.text  # a title
    assert "节能改造项目5个\n2022年,全县" in t.text  # a year and a comma open a sentence
    assert "确保各项任务按期完成。\n某县节能减排工作领导小组办公室\n2023年3月1日\n" in t.text  # a signature


def test_a_page_repeating_its_title_and_a_source_line_is_not_read_as_hard_wrapped():
    # Four prose lines that stop without a "。" (one ends in an ASCII full stop), a title repeated as the
    # headline and the page's source line: too few lines a page's width cut to say the text is wrapped.
    text = (
        "去年冬季全市空气质量持续改善,优良天数\n"
        "来源:某市生态环境局    浏览次数:1024\n"
        "去年冬季全市空气质量持续改善,优良天数\n"
        "同比增加12天,重污染天数同比减少5天,细颗粒物平均浓度同比下降8%.\n"
        "今年要求全市细颗粒物平均浓度再下降5%,重污染天数控制在10天以内,各区县\n"
        "要制定本地区的工作方案并\n"
        "报市生态环境局备案\n"
    )
    assert normalize(text).text.count("\n") == text.count("\n")


def test_a_page_copy_of_a_text_that_was_hard_wrapped_already_is_read_as_paragraphs():
    # Our own paragraphs (no digits, so that every character takes a cell), wrapped once at 40 characters
    # and then again by a page 30 characters wide: each 40-character line becomes a full line and a rest.
    paragraphs = [
        "全县单位地区生产总值能耗明显下降，能源消费总量得到合理控制，化学需氧量、氨氮、氮氧化物和挥发性"
        "有机物重点工程减排量完成省市下达的任务，节能减排政策机制更加健全，绿色低碳发展水平显著提升。",
        "严格控制高耗能项目盲目发展，推进重点用能单位节能改造，年底前完成全部重点企业的能源审计工作，"
        "规模以上工业单位增加值能耗持续下降，工业固体废物综合利用水平不断提高，培育一批绿色工厂。",
        "加快淘汰老旧柴油货车，推广新能源公交车和出租车，城市新增和更新的公交车全部使用新能源汽车，"
        "公共领域用车电动化水平明显提高，充电设施覆盖全部乡镇，绿色出行比例稳步提高。",
    ]
    lines = []
    for p in paragraphs:
        for once in (p[i:i + 40] for i in range(0, len(p), 40)):
            lines.extend(once[j:j + 30] for j in range(0, len(once), 30))
    text = "某县节能减排工作方案\n" + "\n".join(lines) + "\n"
    assert normalize(text).text == normalize("某县节能减排工作方案\n" + "\n".join(paragraphs) + "\n").text


def test_single_ideographic_spaces_between_table_cells_become_tabs():
    source = (
        "附表\n序号\u3000任务\u3000牵头部门\u3000时限\n"
        "1\u3000万元产值能耗比上年下降5%\u3000市经信局\u30002015年底前\n"
        "2\u3000新建光伏电站三座\u3000市能源局\u3000全年\n"
    )
    n = normalize(source)
    rows = n.text.split("\n")
    assert rows[1] == "序号\t任务\t牵头部门\t时限"
    assert rows[2] == "1\t万元产值能耗比上年下降5%\t市经信局\t2015年底前"
    assert rows[3].count("\t") == 3
    assert len(n.text) == len(source) and n.evidence(0, len(n.text)) == source  # one character for one


def test_an_ideographic_space_outside_a_table_is_still_a_space_between_words():
    # A title with two issuers, a signature, an indent: no row of cells, so the space goes as before.
    title = (
        "某省发展改革委\u3000某省生态环境厅关于开展节能监察的通知\n\u3000\u3000各市:\n"
        "某省发展改革委\u3000某省生态环境厅\n"
    )
    assert "\t" not in normalize(title).text
    # One line with cells and no other such line next to it is no table either.
    lone = "正文一段。\n甲\u3000乙\u3000丙\n正文又一段。\n"
    assert "\t" not in normalize(lone).text
