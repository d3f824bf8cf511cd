"""Responsibility forms of the heldout5 error classes, on invented sentences (other regions, other tasks)."""

from fyp.document import document_from_text
from fyp.extract.responsibilities import _spaced_tables, extract_responsibilities
from fyp.structure.provisions import extract_provisions


def _pairs(source: str):
    doc = document_from_text(source, notice_id="n1")
    rows = extract_responsibilities(doc, extract_provisions(doc))
    for r in rows:
        assert doc.source[r["char_start"] : r["char_end"]].replace("\n", "") == r["agency_text"]
    return [(r["agency_text"], r["role"]) for r in rows]


# A topic before 由: the agency is what follows 由, not the topic glued to it.


def test_topic_before_by_lead_and_support():
    text = "三、保障措施\n城镇供热计量改革由州住房城乡建设局牵头，州发展改革委、物价局配合。\n"
    assert _pairs(text) == [("州住房城乡建设局", "lead"), ("州发展改革委", "support"), ("物价局", "support")]


def test_topic_before_by_in_charge_at_sentence_end():
    text = "加强监督。重点用能单位能源审计由省节能监察中心负责。机动车排气检测由市公安局交警支队负责。"
    assert _pairs(text) == [("省节能监察中心", "lead"), ("市公安局交警支队", "lead")]


def test_topic_before_by_in_charge_with_support():
    text = "黄标车淘汰工作由区公安分局负责，区交通局、环保分局配合；其余工作按原分工执行。"
    assert _pairs(text) == [("区公安分局", "lead"), ("区交通局", "support"), ("环保分局", "support")]


def test_by_of_a_word_is_not_cut():
    # 自由 is a word: the name is taken whole, not from after its 由.
    text = "四、组织实施\n临港自由贸易试验区管委会负责园区循环化改造。\n"
    assert _pairs(text) == [("临港自由贸易试验区管委会", "lead")]


# A lead with a task of its own, then the list that supports it.


def test_lead_with_task_then_support():
    text = "县住房城乡建设局牵头编制既有建筑改造计划，县财政局、县发展改革委配合。"
    assert _pairs(text) == [("县住房城乡建设局", "lead"), ("县财政局", "support"), ("县发展改革委", "support")]


def test_charge_with_task_then_support():
    text = "州统计局负责能源消费数据核定，州工信委配合；州环保局负责减排核查。"
    assert _pairs(text) == [("州统计局", "lead"), ("州工信委", "support"), ("州环保局", "lead")]


def test_as_lead_unit_then_as_support_unit():
    text = "推进商贸流通节能。市商务局为牵头单位，市质监局、市工商局为配合单位。"
    assert _pairs(text) == [("市商务局", "lead"), ("市质监局", "support"), ("市工商局", "support")]


# An enterprise named in full answers for a task like a government body.


def test_named_enterprise_in_charge():
    text = "加快清洁能源替代。华东燃气集团负责内河LNG加注站建设，该公司负责日常运营。"
    assert _pairs(text) == [("华东燃气集团", "lead")]


def test_a_facility_before_charge_is_no_enterprise():
    text = "推进数据中心节能。新建数据中心负责配套建设余热回收设施。"
    assert _pairs(text) == []


# Bracket (and table cell) forms.


def test_bracket_lead_mark_then_bare_list_supports():
    text = "2.推进农业面源治理。（区水务局（牵头），区环保局、区农委）\n"
    assert _pairs(text) == [("区水务局", "lead"), ("区环保局", "support"), ("区农委", "support")]


def test_bracket_lead_verb_then_bare_list_supports():
    text = "3.加快林业碳汇建设。（省林业厅牵头，省发展改革委、省财政厅）\n"
    assert _pairs(text) == [("省林业厅", "lead"), ("省发展改革委", "support"), ("省财政厅", "support")]


def test_bracket_bare_host_and_co_host_labels():
    text = "4.开展节能宣传周活动。（主办：区科技局；协办：区总工会、区妇联）\n"
    assert _pairs(text) == [("区科技局", "lead"), ("区总工会", "support"), ("区妇联", "support")]


def test_bracket_as_label_words():
    text = "5.推进绿色商场创建。（市商务局为牵头单位，市市场监管局为配合单位）\n"
    assert _pairs(text) == [("市商务局", "lead"), ("市市场监管局", "support")]


def test_running_text_before_a_lead_mark_is_no_name():
    text = "6.削减排放。（分别比上年削减3%和2.5% 市环保局（牵头））\n"
    assert ("分别比上年削减3%和2.5% 市环保局", "lead") not in _pairs(text)
    assert all("%" not in name for name, _ in _pairs(text))


# A division-of-work table whose cells the source separates by ideographic spaces (U+3000): the working
# text drops a single U+3000 between CJK characters and joins the rows, so the cells are restored.

_IDEOGRAPHIC_TABLE = (
    "某区2015年节能工作任务分解表\n"
    "序号\u3000重点工作\u3000责任单位\u3000完成时间\n"
    "1\u3000淘汰燃煤小锅炉30台\u3000区环保局（牵头），区质监局、区城管局\u30006月底前\n"
    "2\u3000推广LED路灯3000盏\u3000区城管局\u3000全年\n"
    "3\u3000开展能源审计20家\u3000主办：区经信局\u3000协办：区统计局、区电力公司\u30009月底前\n"
    "4\u3000新增公交车全部使用新能源汽车\u3000区交通局牵头，区财政局配合\u3000全年\n"
    "5\u3000完成公共机构节能改造12家\u3000区机关事务局、区教育局负责\u3000全年\n"
    "备注：各责任单位每月5日前报送进展。\n"
)


def test_ideographic_space_table_cells():
    assert _pairs(_IDEOGRAPHIC_TABLE) == [
        ("区环保局", "lead"),
        ("区质监局", "support"),
        ("区城管局", "support"),
        ("区城管局", "unspecified"),
        ("区经信局", "lead"),
        ("区统计局", "support"),
        ("区电力公司", "support"),
        ("区交通局", "lead"),
        ("区财政局", "support"),
        ("区机关事务局", "lead"),
        ("区教育局", "lead"),
    ]


def test_ideographic_space_table_in_traditional_script():
    text = (
        "序號\u3000工作任務\u3000責任單位\u3000完成時限\n"
        "1\u3000推廣節能燈10萬只\u3000縣發改局\u3000全年\n"
        "2\u3000建成沼氣池800戶\u3000縣農業局\u3000全年\n"
    )
    assert _pairs(text) == [("縣發改局", "unspecified"), ("縣農業局", "unspecified")]


def test_ideographic_spaces_outside_a_table_change_nothing():
    # Indents, a U+3000 inside a line and a label with a single other cell are no table.
    text = "\u3000\u3000三、保障措施\n\u3000\u3000市发改委负责统筹\u3000协调。\n责任单位\u3000市环保局\n"
    doc = document_from_text(text, notice_id="n1")
    assert _spaced_tables(doc.working, doc.text.offsets, doc.source) == (doc.working, doc.text.offsets)


def test_ideographic_table_rows_are_lines_again():
    doc = document_from_text(_IDEOGRAPHIC_TABLE, notice_id="n1")
    work, offsets = _spaced_tables(doc.working, doc.text.offsets, doc.source)
    assert "2\t推广LED路灯3000盏\t区城管局\t全年\n" in work
    assert len(offsets) == len(work) + 1 and offsets[-1] == len(doc.source)
    assert all(doc.source[offsets[i]] in "\u3000\n" for i, ch in enumerate(work) if ch in "\t\n")


def test_plain_space_table_cells():
    # The same table with every U+3000 a plain space (a page that wrote half-width spaces).
    text = _IDEOGRAPHIC_TABLE.replace("\u3000", " ")
    assert _pairs(text) == _pairs(_IDEOGRAPHIC_TABLE)


def test_numbered_table_rows_broken_over_lines():
    # A PDF page broke the rows where its line was full, inside cells and at a separator.
    text = (
        "序号\u3000重点工作\u3000责任单位\u3000完成时间\n"
        "1\u3000淘汰燃煤小锅炉30台，改造集中供热管\n网15公里\u3000区环保局（牵头），区质监局、区城\n管局\u30006月底前\n"
        "2\u3000推广LED路灯3000盏\u3000\n区城管局\u3000全\n年\n"
        "3\u3000完成公共机构节能改造12家\u3000区机关事务局、区教育局负责\u3000全年\n"
        "备注：各责任单位每月5日前报送进展。\n"
    )
    assert _pairs(text) == [
        ("区环保局", "lead"),
        ("区质监局", "support"),
        ("区城管局", "support"),
        ("区城管局", "unspecified"),
        ("区机关事务局", "lead"),
        ("区教育局", "lead"),
    ]


def test_plain_spaces_inside_cells_of_an_ideographic_table():
    # A plain space between two CJK characters of a cell (a PDF's) separates nothing when the header
    # separates its cells by U+3000.
    text = _IDEOGRAPHIC_TABLE.replace("推广LED路灯3000盏", "推广 LED 路 灯 3000盏")
    assert _pairs(text) == _pairs(_IDEOGRAPHIC_TABLE)


def test_a_spaced_labelled_list_is_no_table_header():
    # Spaces around every word (a PDF's text layer) make no table of a labelled list.
    text = "（二）治理扬尘。年底前完成整治。（责任单位 ：县环保局 、县住建局）\n"
    assert _pairs(text) == [("县环保局", "unspecified"), ("县住建局", "unspecified")]
    text = "（二）治理扬尘。年底前完成整治。\n责任单位 ：县环保局 、县住建局\n"
    assert _pairs(text) == [("县环保局", "unspecified"), ("县住建局", "unspecified")]


def test_numbered_header_whose_rows_open_otherwise_is_read_line_by_line():
    # Under 序号 the rows open with (一), (二): no row number, so each line is a row.
    text = (
        "序号\u3000任务\u3000责任单位\n"
        "（一）\u3000推广节能灯\u3000县发改局\n"
        "（二）\u3000建设沼气池\u3000县农业局\n"
    )
    assert _pairs(text) == [("县发改局", "unspecified"), ("县农业局", "unspecified")]


def test_topic_before_by_in_a_bracket_and_a_cell():
    text = "3.淘汰落后产能。（淘汰工作由市经信委负责，市环保局配合）\n"
    assert _pairs(text) == [("市经信委", "lead"), ("市环保局", "support")]
    text = "序号\u3000任务\u3000责任单位\n1\u3000推广节能灯\u3000考核工作由市统计局负责\n"
    assert _pairs(text) == [("市统计局", "lead")]
