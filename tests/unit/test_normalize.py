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
