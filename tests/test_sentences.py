"""English and Chinese sentence splitting (pure functions over one string)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.sentences import bracket_spans, split_chinese, split_english


def sentences(splitter, text, **kwargs):
    return [text[start:end] for start, end in splitter(text, **kwargs)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Healthy newborns were delivered by 45 participants (88.23%) in belimumab group "
            "[P = 0.048, odds ratio (OR) = 3.13; 95% confidence interval (CI) (1.10-8.87)]. "
            "The belimumab group exhibited lower counts (P < 0.05).",
            [
                "Healthy newborns were delivered by 45 participants (88.23%) in belimumab group "
                "[P = 0.048, odds ratio (OR) = 3.13; 95% confidence interval (CI) (1.10-8.87)].",
                "The belimumab group exhibited lower counts (P < 0.05).",
            ],
        ),
        ("Smith et al. Reported this. Then vs. Placebo it was.", ["Smith et al. Reported this.", "Then vs. Placebo it was."]),
        ("See Fig. 2 and e.g. The case, i.e. The other. Done.", ["See Fig. 2 and e.g. The case, i.e. The other.", "Done."]),
        ("Ann Rheum Dis. 2017 Aug;76(8):1436-1439.", ["Ann Rheum Dis. 2017 Aug;76(8):1436-1439."]),
        ("As shown by J. K. Rowling. It works.", ["As shown by J. K. Rowling.", "It works."]),
        ("It infects hepatitis B. The next one.", ["It infects hepatitis B.", "The next one."]),
        ("Patients were enrolled.Clinical data were collected.", ["Patients were enrolled.", "Clinical data were collected."]),
        ("The rate was 75.0% (18/24).The median was 5.0 d.", ["The rate was 75.0% (18/24).", "The median was 5.0 d."]),
        ("Lower (P<0.05).There were none.", ["Lower (P<0.05).", "There were none."]),
        ("Blood cell counts,results of tests were observed.", ["Blood cell counts,results of tests were observed."]),
        ("It had effect. hUC-MSC has no effect.", ["It had effect.", "hUC-MSC has no effect."]),
        ("Is it safe? Yes! It is.", ["Is it safe?", "Yes!", "It is."]),
        ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
        ("(Both groups improved. See below.) Next.", ["(Both groups improved. See below.)", "Next."]),
        ("Dose was 10 mg/kg. No. 5 was given.", ["Dose was 10 mg/kg.", "No. 5 was given."]),
        ("The QT interval lasted 450 ms. The next had none.", ["The QT interval lasted 450 ms.", "The next had none."]),
        ("It was given i.v. twice daily.", ["It was given i.v. twice daily."]),
        ("Visit eBiotrade.com today. Thanks.", ["Visit eBiotrade.com today.", "Thanks."]),
        ("Patients were enrolled. 30 patients were analyzed.", ["Patients were enrolled.", "30 patients were analyzed."]),
        ("BMC Pregnancy Childbirth. 2025 Apr 21;25(1):463.", ["BMC Pregnancy Childbirth. 2025 Apr 21;25(1):463."]),
        ("It was lower (P < 0.05). 95% CI was wide.", ["It was lower (P < 0.05). 95% CI was wide."]),
        ("in leukemia (PCL). 30 patients were enrolled.", ["in leukemia (PCL).", "30 patients were enrolled."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_english(text, expected):
    assert sentences(split_english, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "贝利尤单抗组45名参与者(88.23%)分娩出健康新生儿[P = 0.048,优势比(OR)= 3.13;95%置信区间(CI)(1.10 - 8.87)]。在妊娠第2 - 12周期间显著低于对照组(P < 0.05)。",
            ["贝利尤单抗组45名参与者(88.23%)分娩出健康新生儿[P = 0.048,优势比(OR)= 3.13;95%置信区间(CI)(1.10 - 8.87)]。", "在妊娠第2 - 12周期间显著低于对照组(P < 0.05)。"],
        ),
        ("那就没有确切的治疗方式了吗?还真有一个!并不是!", ["那就没有确切的治疗方式了吗?", "还真有一个!", "并不是!"]),
        ("他说:“这是真的。”然后离开。", ["他说:“这是真的。”", "然后离开。"]),
        ("有效率为75.0%(18/24),起效时间为5.0 d。", ["有效率为75.0%(18/24),起效时间为5.0 d。"]),
        ("治疗失败;其次是复发。", ["治疗失败;其次是复发。"]),
        ("治疗后痊愈.此外无不良反应。", ["治疗后痊愈.", "此外无不良反应。"]),
        ("使用SPSS25.0统计软件。见Fig. 1。", ["使用SPSS25.0统计软件。", "见Fig. 1。"]),
        ("注意(见下文。第二句)继续。", ["注意(见下文。第二句)继续。"]),
        ("完全缓解。(详见表2。)继续。", ["完全缓解。", "(详见表2。)", "继续。"]),
        ("NCT01539902;结果。", ["NCT01539902;结果。"]),
        ("沒有明顯的額外效果。試驗被放棄！", ["沒有明顯的額外效果。", "試驗被放棄！"]),
        ("", []),
    ],
)
def test_split_chinese(text, expected):
    assert sentences(split_chinese, text) == expected


def test_split_chinese_on_semicolon_option():
    text = "前3剂每2周一次;此后每4周一次；对照组仅接受标准治疗。用法(1;2)不变。"
    assert sentences(split_chinese, text) == ["前3剂每2周一次;此后每4周一次；对照组仅接受标准治疗。", "用法(1;2)不变。"]
    assert sentences(split_chinese, text, split_on_semicolon=True) == [
        "前3剂每2周一次;",
        "此后每4周一次；",
        "对照组仅接受标准治疗。",
        "用法(1;2)不变。",
    ]


def test_bracket_spans_ignore_unmatched():
    assert bracket_spans("a) (b [c] d) (e") == [(6, 8), (3, 11)]


_PIECES = st.sampled_from(
    ["The", "cell", "count", "P", "0.05", "et al.", "Fig.", ".", "!", "?", " ", "  ", "\n", "(", ")",
     "[", "]", "。", "！", "？", ";", "；", "”", "细胞", "治疗", "CD19+", "hUC-MSC", "e.g.", "A.", "-", ","]
)


def _check_cover(text, spans):
    assert spans == sorted(spans)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert text[start:end] == text[start:end].strip()
        assert not text[previous_end:start].strip()
        previous_end = end
    assert not text[previous_end:].strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_spans_cover_every_character_once(text):
    _check_cover(text, split_english(text))
    _check_cover(text, split_chinese(text))
    _check_cover(text, split_chinese(text, split_on_semicolon=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_spans_cover_arbitrary_text(text):
    _check_cover(text, split_english(text))
    _check_cover(text, split_chinese(text))


def test_no_split_inside_decimals():
    text = "The value was 0.048 and 3.13 at 1.10-8.87 overall."
    assert len(split_english(text)) == 1
    assert not re.search(r"\d\.$", sentences(split_english, text)[0][:-1])
