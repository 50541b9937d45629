"""Reading numbers: reformatted numbers compare equal, names and fixed words are not counts."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.numbers import (
    CITATION,
    CODE,
    NUMBER,
    PERCENT,
    POWER,
    WORD,
    canonical,
    extract_numbers,
    number_values,
    parse_chinese_numeral,
)


def values(text: str, kinds=None) -> list[str]:
    return [m.value for m in extract_numbers(text) if kinds is None or m.kind in kinds]


def mentions(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.value, m.kind) for m in extract_numbers(text)]


@pytest.mark.parametrize(
    "variants",
    [
        ("(1.10-8.87)", "(1.10 - 8.87)", "(1.10～8.87)", "(1.10 to 8.87)", "（1.10~8.87）"),
        ("8400 births", "8,400 births", "8 400 births", "８４００例"),
        ("18.8%", "18.8 %", "１８．８％", "18.8 percent"),
        ("75.0%", "75%"),
        ("P = 0.048", "P=.048", "P＝0.048"),
        ("130,000 patients", "13万例患者", "130 thousand patients"),
        ("3 million cases", "300万例"),
        ("104.8 billion sticks", "1048 亿支"),
    ],
)
def test_reformatted_numbers_have_equal_values(variants):
    first = values(variants[0], (NUMBER, PERCENT))
    assert first
    for variant in variants[1:]:
        assert values(variant, (NUMBER, PERCENT)) == first, variant


def test_powers_of_ten_as_written_and_after_pdf_extraction():
    for text in ("WBC 5.2×10^9/L", "WBC 5.2×109/L", "WBC 5.2×10⁹/L", "WBC 5.2 x 10(9)/L"):
        assert [(m.value, m.kind) for m in extract_numbers(text)] == [
            ("5.2", NUMBER), ("10^9", POWER)
        ], text
    # seed 003: the exponent was lost in extraction; "×10 cells" is the number 10, not a power
    assert values("剂量 2×10 个细胞") == ["2", "10"]


def test_range_ends_share_a_group_and_a_scale():
    ci = extract_numbers("95%置信区间(CI)(1.10 - 8.87)")
    assert [m.value for m in ci] == ["95", "1.1", "8.87"]
    assert ci[1].range_group is not None and ci[1].range_group == ci[2].range_group
    assert ci[0].range_group is None
    assert values("3 to 5 million severe cases") == ["3000000", "5000000"]


def test_chinese_numerals_count_only_before_a_measure_word_or_after_di():
    assert mentions("三例患者") == [("三", "3", WORD)]
    assert mentions("比较两组的妊娠结局") == [("两", "2", WORD)]
    assert mentions("十八岁") == [("十八", "18", WORD)]
    assert mentions("第二") == [("二", "2", WORD)]
    assert mentions("百分之十五") == [("百分之十五", "15", PERCENT)]
    assert mentions("只有大约二十分之一是非法的") == [("二十", "20", WORD), ("一", "1", WORD)]
    for fixed in ("一些患者", "一般情况", "统一标准", "结果一致", "第一时间", "十二指肠", "二甲双胍",
                  "进一步研究", "十分明显", "千万不要"):
        assert extract_numbers(fixed) == [], fixed


@pytest.mark.parametrize("text,expected", [
    ("十八", 18), ("二十", 20), ("一百二十", 120), ("两百", 200), ("十", 10),
    ("三万五千", 35000), ("二〇一七", 2017), ("三七", None), ("两三", None),
])
def test_parse_chinese_numeral(text, expected):
    assert parse_chinese_numeral(text) == expected


def test_english_number_words_months_and_ordinals():
    assert mentions("Eighteen patients") == [("Eighteen", "18", WORD)]
    assert values("at least two consecutive miscarriages") == ["2"]
    assert values("One hundred and thirty-one studies") == ["131"]
    assert values("2017 Aug") == ["2017", "8"]
    assert values("2017年8月") == ["2017", "8"]
    assert values("until the 12th week of pregnancy") == ["12"]
    assert values("for the first 3 doses", (NUMBER,)) == ["3"]
    assert values("by the end of October") == ["10"]
    assert values("you may go") == []  # a modal verb, not May


def test_names_with_digits_are_identifiers():
    text = "CD19+ B cells, IL-6, COVID-19, hUC-MSC, 26S proteasome, NCT01539902, 18F-FDG"
    found = {(text[m.start:m.end], m.kind) for m in extract_numbers(text)}
    assert {("CD19+", CODE), ("IL-6", CODE), ("COVID-19", CODE), ("NCT01539902", CODE),
            ("18F-FDG", CODE)} <= found
    assert ("26", NUMBER) in {(m.value, m.kind) for m in extract_numbers(text)}  # 26S: unit-like
    assert not any("hUC" in text[m.start:m.end] for m in extract_numbers(text))
    # the number that ends a name its abbreviation repeats
    assert [m.kind for m in extract_numbers("receptor 2 (HER2)")] == [CODE, CODE]
    assert [m.kind for m in extract_numbers("受体2（her2）")] == [CODE, CODE]


def test_reference_marks_and_cross_references():
    assert [m.kind for m in extract_numbers("复发性流产[1-2]。")] == [CITATION, CITATION]
    assert [(m.value, m.kind) for m in extract_numbers("in north africa.1")] == [("1", CITATION)]
    assert [m.kind for m in extract_numbers("nasopharyngeal carcinoma11-13 and")] == [CITATION] * 2
    assert [m.kind for m in extract_numbers("患病率最高1。")] == [CITATION]
    assert [m.kind for m in extract_numbers("(table 2 and figure 1)")] == [CITATION] * 2
    assert [m.kind for m in extract_numbers("（表2和图1）")] == [CITATION] * 2
    # a leading-point decimal is a value, not a reference mark, after a comparison sign
    assert [(m.value, m.kind) for m in extract_numbers("P = .04")] == [("0.04", NUMBER)]


def test_spans_point_into_the_original_text():
    text = "贝利尤单抗组45名参与者(88.23%)，ＣＩ １．１０～８．８７"
    for m in extract_numbers(text):
        assert text[m.start:m.end]
    assert [text[m.start:m.end] for m in extract_numbers(text)] == ["45", "88.23%", "１．１０", "８．８７"]


def test_number_values_leaves_out_words_and_reference_marks():
    assert number_values("Eighteen patients, 3 cycles, africa.1") == ["3"]
    assert number_values("18 例 WHO Ⅲ或Ⅳ型 LN 患者") == ["18"]


_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@given(
    integer=st.integers(min_value=0, max_value=10**9),
    fraction=st.one_of(st.none(), st.integers(min_value=0, max_value=999)),
)
def test_formatting_never_changes_a_value(integer, fraction):
    plain = str(integer) + ("" if fraction is None else f".{fraction:03d}")
    grouped = f"{integer:,}" + ("" if fraction is None else f".{fraction:03d}")
    expected = canonical(plain)
    for written in (plain, grouped, plain.translate(_FULLWIDTH), plain + "0" if fraction is not None else plain):
        assert values(f"共 {written} 例", (NUMBER,)) == [expected], written


_PIECES = st.sampled_from(
    ["million", "percent", " per cent", "May ", "two", "hundred", "fold", "第", "分之", "[1-2]",
     "CD19+", "×10^9/L", "×109/L", "⁻³", "‰", "µg", "Eighteen", "stage III", "africa.1", " .20",
     "2019-03-15", "0d0", "例", "组", "一些", "百分之", "万", "至", "～", "-", ".", ",", "%", "(",
     ")", "（", "）", " ", "a", "Z", "十", "两", "三"]
    + list("0123456789０１２")
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_mentions_lie_inside_the_text_and_never_overlap(text):
    spans = sorted((m.start, m.end) for m in extract_numbers(text))
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
