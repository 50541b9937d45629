"""Segmenting whole documents: language blocks, headers, labels, PDF repair, sentences."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.reading import decode, read_text
from aligner.records import EN, HEADER, LABEL, SENTENCE, ZH
from aligner.segmenting import SegmentOptions, segment_document

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEEDS = ["000", "001", "002", "003", "004"]


def seed_text(prefix: str) -> str:
    return read_text(next(CORPUS_DIR.glob(f"{prefix}_*.txt")))


_SEGMENTS: dict[str, list] = {}


def seed_segments(prefix: str):
    if prefix not in _SEGMENTS:
        _SEGMENTS[prefix] = segment_document(seed_text(prefix), prefix)
    return _SEGMENTS[prefix]


def texts(segments, lang=None, kind=None):
    return [s.text for s in segments if (lang is None or s.lang == lang) and (kind is None or s.kind == kind)]


_SQUEEZE_RE = re.compile(r"[\s\-]+")


def squeeze(text: str) -> str:
    """Whitespace and hyphens removed: what PDF repair may change."""
    return _SQUEEZE_RE.sub("", text)


def assert_lossless(text: str, segments) -> None:
    """Segments are ordered, do not overlap, and together hold all the text; the sentences
    (labels and headers left out) equal the input's non-header, non-label text."""
    previous_end = 0
    for segment in segments:
        assert previous_end <= segment.start < segment.end <= len(text)
        assert squeeze(segment.text) == squeeze(text[segment.start:segment.end])
        assert segment.text == segment.text.strip() and segment.text
        assert not text[previous_end:segment.start].strip(), text[previous_end:segment.start]
        previous_end = segment.end
    assert not text[previous_end:].strip()
    kept = []
    position = 0
    for segment in segments:
        if segment.kind in (HEADER, LABEL):
            kept.append(text[position:segment.start])
            position = segment.end
    kept.append(text[position:])
    sentences = "".join(s.text for s in segments if s.kind == SENTENCE)
    assert squeeze(sentences) == squeeze("".join(kept))


# ----------------------------------------------------------------------------------------------
# The seeds


def test_000_english_abstract_then_chinese():
    segments = seed_segments("000")
    assert texts(segments, EN, HEADER) == [
        "Liu Lijuan, Ma Xiao, Liu Juan, Fu Jinhua, Li Ning, Yuan Guiling, Zhao Long",
        "Department of Obstetrics, Qingdao Jinhua Gynecology Hospital, Qingdao, Shandong, China.",
        "Department of Nephrology, The Affiliated Hospital of Qingdao University, Qingdao, Shandong, China.",
        "BMC Pregnancy Childbirth. 2025 Apr 21;25(1):463. doi: 10.1186/s12884-025-07600-5.",
    ]
    english = texts(segments, EN, SENTENCE)
    chinese = texts(segments, ZH, SENTENCE)
    assert len(english) == 8 and len(chinese) == 8
    assert english[5].endswith("(CI) (1.10-8.87)].")
    assert chinese[0] == "探讨贝利尤单抗对表现出B淋巴细胞功能障碍的复发性自然流产(RSA)女性的影响。"
    assert [s.lang for s in segments] == [EN] * 12 + [ZH] * 8


def test_003_headers_and_trial_registration():
    segments = seed_segments("003")
    assert texts(segments, EN, HEADER)[2] == (
        "Ann Rheum Dis. 2017 Aug;76(8):1436-1439. doi: 10.1136/annrheumdis-2017-211073. Epub 2017 May 6."
    )
    assert segments[-1].text == "NCT01539902;结果。" and segments[-1].kind == HEADER
    assert "NCT01539902; Results." in texts(segments, EN, HEADER)
    assert len(texts(segments, EN, SENTENCE)) == len(texts(segments, ZH, SENTENCE)) == 12
    assert texts(segments, ZH, SENTENCE)[1] == "先前的报告表明 hUC-MSC 可能具有显著的治疗效果。"


def test_002_title_labels_and_chinese_line_joins():
    segments = seed_segments("002")
    assert segments[0].kind == HEADER and segments[0].lang == ZH
    assert segments[0].text == "利妥昔单抗联合硼替佐米治疗结缔组织病相关难治性血细胞减少的疗效*"
    labels = texts(segments, kind=LABEL)
    assert labels == ["摘 要:", "目的", "方法", "结果", "结论", "Abstract:", "Objective", "Methods",
                      "Results", "Conclusion"]
    chinese = texts(segments, ZH, SENTENCE)
    assert ("治疗1个月的有效率为75.0%(18/24),继发免疫性血小板减少患者治疗中位起效时间为5.0 d,"
            "自身免疫性溶血性贫血患者治疗中位起效时间为21.0 d。") in chinese
    assert "治疗前与维持治疗结束时的CD3+、CD4+、CD8+T淋巴细胞数及IgG、IgA、IgM水平比较,差异均无统计学意义(P>0.05)。" in chinese


def test_002_pdf_english_is_rebuilt():
    english = texts(seed_segments("002"), EN, SENTENCE)
    assert len(english) == 14
    joined = " ".join(english)
    for word in ("collected", "changes", "secondary", "remission,2", "management.", "therapy (P>0.05).",
                 "connective tissue", "require further", "follow-up,one", "long-term", "disease-related"):
        assert word in joined, word
    assert "  " not in joined and "\n" not in joined
    assert english[0] == ("To evaluate the efficacy and safety of rituximab combined with bortezomib in the "
                          "treatment of refractory cytopenia associated with connective tissue diseases.")
    assert english[2].startswith("Clinical data of the patients were collected to assess changes in "
                                 "peripheral blood cell counts,results of")
    assert english[-1] == ("However,its long-term efficacy and adverse effects require further validation "
                           "through more clinical data analysis.")


def test_002_tables_are_not_english_blocks():
    segments = seed_segments("002")
    english = [s for s in segments if s.lang == EN]
    # The English abstract is the only English in 002: one contiguous block.
    indices = [i for i, s in enumerate(segments) if s.lang == EN]
    assert indices == list(range(indices[0], indices[0] + len(indices)))
    assert english[0].text == "Abstract:" and english[-1].text.endswith("clinical data analysis.")
    assert "UCTD 11 5 - 1" in texts(segments, ZH, HEADER)


def test_004_latin_glosses_stay_in_chinese_blocks():
    segments = seed_segments("004")
    chinese = texts(segments, ZH, SENTENCE)
    assert any(t.startswith("• 贝利尤单抗(Belimumab):通过阻断B细胞活化因子(BAFF)") for t in chinese)
    english = [s for s in segments if s.lang == EN]
    assert [s.text for s in english] == [
        "《Clinical and Experimental Medicine》:Refractory lupus nephritis: current Understanding and "
        "emerging treatment strategies",
        "Copyright© eBiotrade.com, All Rights Reserved",
    ]
    assert all(s.kind == HEADER for s in english)
    assert segments[0].text == "综述:难治性狼疮肾炎:当前认知与新兴治疗策略" and segments[0].kind == HEADER
    assert texts(segments, ZH, HEADER)[-1] == "粤ICP备09063491号"


def test_001_chinese_only_with_references():
    segments = seed_segments("001")
    assert {s.lang for s in segments if s.kind == SENTENCE} == {ZH}
    assert segments[0].text == "不明原因反复流产有救了,最新研究再次力证这个药有效!"
    assert "那不明原因反复流产就没有确切的治疗方式了吗?" in texts(segments, ZH, SENTENCE)
    references = [s for s in segments if s.text.startswith("[")]
    assert len(references) == 5 and all(s.kind == HEADER for s in references)


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_segments_are_lossless(prefix):
    assert_lossless(seed_text(prefix), seed_segments(prefix))


@pytest.mark.parametrize("prefix", SEEDS)
def test_segmenting_is_deterministic(prefix):
    assert segment_document(seed_text(prefix), prefix) == seed_segments(prefix)


# ----------------------------------------------------------------------------------------------
# Encodings, Traditional script, one-language files


@pytest.mark.parametrize("prefix", SEEDS)
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-be-bom", "utf-8-sig"])
def test_encoded_copies_segment_identically(tmp_path, prefix, encoding):
    text = seed_text(prefix)
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / f"{prefix}.txt"
    path.write_bytes(data)
    assert segment_document(read_text(path), prefix) == seed_segments(prefix)


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_gbk_copy_segments_identically(tmp_path, prefix):
    path = tmp_path / f"{prefix}.txt"
    path.write_bytes(seed_text(prefix).encode("gbk"))
    assert segment_document(read_text(path), prefix) == seed_segments(prefix)


def test_crlf_copy_gives_the_same_texts(tmp_path):
    text = seed_text("002")
    decoded = decode(text.replace("\n", "\r\n").encode("utf-8"), "002")
    assert [s.text for s in segment_document(decoded, "002")] == texts(seed_segments("002"))


@pytest.mark.parametrize("prefix", SEEDS)
def test_traditional_copy_has_the_same_structure(prefix):
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert(seed_text(prefix))
    segments = segment_document(traditional, prefix)
    original = seed_segments(prefix)
    assert [(s.lang, s.kind) for s in segments] == [(s.lang, s.kind) for s in original]
    assert [(s.start, s.end) for s in segments] == [(s.start, s.end) for s in original]


def test_one_language_english_file():
    text = "Background\nLupus nephritis is common. It is severe.\n\nMethods: We enrolled 18 patients.\n"
    segments = segment_document(text, "en-only")
    assert [(s.lang, s.kind, s.text) for s in segments] == [
        (EN, LABEL, "Background"),
        (EN, SENTENCE, "Lupus nephritis is common."),
        (EN, SENTENCE, "It is severe."),
        (EN, LABEL, "Methods:"),
        (EN, SENTENCE, "We enrolled 18 patients."),
    ]


def test_one_language_chinese_file():
    segments = segment_document(seed_text("003").split("\n", 8)[-1], "zh-only")
    assert {s.lang for s in segments} == {ZH}
    assert len([s for s in segments if s.kind == SENTENCE]) == 12


def test_blank_document_gives_no_segments():
    assert segment_document("\n \n\u3000\n", "blank") == []


# ----------------------------------------------------------------------------------------------
# Options and smaller behaviours


def test_split_on_semicolon_option():
    text = seed_text("000")
    default = texts(segment_document(text, "000"), ZH, SENTENCE)
    clauses = texts(segment_document(text, "000", SegmentOptions(split_on_semicolon=True)), ZH, SENTENCE)
    assert len(clauses) == len(default) + 1
    assert any(t.endswith("此后每4周一次;") for t in clauses)


def test_without_labels_and_headers():
    options = SegmentOptions(detect_labels=False, detect_headers=False)
    segments = segment_document(seed_text("002"), "002", options)
    assert {s.kind for s in segments} == {SENTENCE}
    assert "Abstract:Objective To evaluate" in " ".join(texts(segments, EN))
    assert_lossless(seed_text("002"), segments)


def test_without_pdf_repair_lines_stay_apart():
    segments = segment_document(seed_text("002"), "002", SegmentOptions(repair_pdf=False))
    assert "col-" in texts(segments, EN) and "lected" in texts(segments, EN)


def test_hyphen_evidence_from_the_document_and_vocabulary():
    text = ("Patients were fol-\nlowed for a long-\nterm follow-\nup and the anti-\ninflammatory "
            "drug was self-\nadministered.\n")
    english = texts(segment_document(text, "h", vocabulary=frozenset({"follow", "followed", "up",
                                                                       "self", "administered", "long", "term"})))
    assert english == ["Patients were followed for a long-term follow-up and the antiinflammatory "
                       "drug was self-administered."]


def test_english_hard_wrapped_paragraphs_are_joined():
    text = ("Background\nLupus nephritis is a severe manifestation of systemic lupus\n"
            "erythematosus and a leading cause of morbidity in patients with\n"
            "the disease. Treatment remains difficult for many of the patients\n"
            "who do not respond to standard therapy.\n"
            "Results\nRemission occurred in nine of twelve patients in the treatment\n"
            "group and five of six patients in the placebo group of the trial.\n")
    segments = segment_document(text, "wrapped")
    assert [(s.kind, s.text) for s in segments] == [
        (LABEL, "Background"),
        (SENTENCE, "Lupus nephritis is a severe manifestation of systemic lupus erythematosus and a "
                   "leading cause of morbidity in patients with the disease."),
        (SENTENCE, "Treatment remains difficult for many of the patients who do not respond to "
                   "standard therapy."),
        (LABEL, "Results"),
        (SENTENCE, "Remission occurred in nine of twelve patients in the treatment group and five of "
                   "six patients in the placebo group of the trial."),
    ]


def test_labels_need_a_separator():
    segments = segment_document("结果显示,这5例患者均有效。\n结果:均有效。\nResults showed no effect.\n", "l")
    assert [(s.kind, s.text) for s in segments] == [
        (SENTENCE, "结果显示,这5例患者均有效。"),
        (LABEL, "结果:"),
        (SENTENCE, "均有效。"),
        (SENTENCE, "Results showed no effect."),
    ]


# ----------------------------------------------------------------------------------------------
# Property: nothing is lost or duplicated, whatever the text


_WORDS = st.sampled_from(
    ["The", "patients", "were", "enrolled.", "Methods", "Results:", "结果", "目的 ", "治疗", "有效。", "细胞",
     "CD19+", "(", ")", "[", "]", "0.05", "et al.", "col-\n", "lected", "follow-\n", "up", "\n", "\n\n",
     " \n \n", "  ", " ", "!", "?", "。", "？", ",", ";", "；", "doi: 10.1000/xyz", "NCT01539902",
     "Liu Lijuan, Ma Xiao, Zhao Long", "参考文献\n", "1 2 3", "贝利尤单抗(Belimumab)", "\u3000", "-", "•"]
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=60).map(" ".join), st.booleans())
def test_mixed_text_is_lossless(text, split_on_semicolon):
    segments = segment_document(text, "h", SegmentOptions(split_on_semicolon=split_on_semicolon))
    assert_lossless(text, segments)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_is_lossless(text):
    assert_lossless(text, segment_document(text, "h"))


def test_long_english_span_on_a_chinese_line_is_split_off():
    text = ("关键词:系统性红斑狼疮;狼疮肾炎 Keywords: systemic lupus erythematosus; lupus nephritis; "
            "rituximab\n本研究纳入102名女性。The study included 102 women who had two miscarriages.\n")
    segments = segment_document(text, "mixed")
    assert [(s.lang, s.text) for s in segments] == [
        (ZH, "关键词:"),
        (ZH, "系统性红斑狼疮;狼疮肾炎"),
        (EN, "Keywords:"),
        (EN, "systemic lupus erythematosus; lupus nephritis; rituximab"),
        (ZH, "本研究纳入102名女性。"),
        (EN, "The study included 102 women who had two miscarriages."),
    ]
    assert_lossless(text, segments)


@pytest.mark.parametrize(
    "line",
    [
        "2022年发表在《Journal of Clinical Pharmacy and Therapeutics and More》的一项Meta分析。",
        "贝利尤单抗(Belimumab is a human monoclonal antibody against BLyS)有效。",
        "贝利尤单抗(Belimumab is a human monoclonal antibody against BLyS)",
        "【字体: 时间:2025年12月29日 来源:Clinical and Experimental Medicine 3.5",
        "来源:Clinical and Experimental Medicine",
    ],
)
def test_glosses_and_short_spans_stay_chinese(line):
    assert {s.lang for s in segment_document(line + "\n", "gloss")} == {ZH}


PUBMED_STYLE = """1. Ann Rheum Dis. 2017 Aug;76(8):1436-1439. doi: 10.1136/annrheumdis-2017-211073. 
Epub 2017 May 6.

Human umbilical cord-derived mesenchymal stem cells for lupus nephritis: a 
randomised, double-blind, placebo-controlled trial.

Deng D(1), Zhang P(2), Guo Y(3), Lim TO(4).

Author information:
(1)Department of Dermatology, 2nd Affiliated Hospital of Kunming Medical 
University, SLE Research Centre, Kunming, Yunnan, China.
(4)ClinResearch Sdn Bhd, Petaling Jaya, Malaysia.

OBJECTIVES: We evaluate the efficacy of human umbilical cord-derived mesenchymal 
stem cell (hUC-MSC) for the treatment of lupus nephritis (LN). Previous reports 
showed hUC-MSC could have dramatic treatment effect.
METHODS: Eighteen patients with WHO class III or IV LN were randomly assigned to 
hUC-MSC (dose 2×10 cells) or placebo. All patients received standard 
immunosuppressive treatment.
CONCLUSIONS: hUC-MSC has no apparent additional effect over and above standard 
immunosuppression.
TRIAL REGISTRATION NUMBER: NCT01539902; Results.

© Article author(s) (or their employer(s) unless otherwise stated in the text of 
the article) 2017. All rights reserved. No commercial use is permitted unless 
otherwise expressly granted.

PMID: 28478399  [Indexed for MEDLINE]
"""


def test_hard_wrapped_pubmed_record():
    segments = segment_document(PUBMED_STYLE, "pubmed")
    assert [s.kind for s in segments] == [HEADER] * 6 + [LABEL, SENTENCE, SENTENCE, LABEL, SENTENCE,
                                                         SENTENCE, LABEL, SENTENCE] + [HEADER] * 3
    assert segments[0].text.endswith("doi: 10.1136/annrheumdis-2017-211073. Epub 2017 May 6.")
    assert segments[4].text == ("(1)Department of Dermatology, 2nd Affiliated Hospital of Kunming Medical "
                                "University, SLE Research Centre, Kunming, Yunnan, China.")
    assert segments[8].text == "Previous reports showed hUC-MSC could have dramatic treatment effect."
    assert segments[-2].text.startswith("© Article author(s)") and segments[-2].text.endswith("granted.")
    assert_lossless(PUBMED_STYLE, segments)


CHINESE_PDF = """利妥昔单抗治疗难治性狼疮肾炎的临床
观察*
张三1,李四2,王五1
(1.重庆医科大学附属第二医院血液内科,重庆 400010;2.重庆市开州区人民医院
血液风湿免疫科,重庆 405400)
  [摘要] 目的 探讨利妥昔单抗治疗难治性狼疮肾炎的疗效及安全性。方法 回顾性分析
2021年1月至2024年11月收治的患者30例,观察其尿蛋白变化。结果 治疗6个月的有效率
为70.0%(21/30)。结论 利妥昔单抗治疗难治性狼疮肾炎安全、有效。
  [关键词] 利妥昔单抗; 狼疮肾炎; 疗效
  中图法分类号:R593.2 文献标识码:A 文章编号:1009-5519(2025)11-1234-05
  狼疮肾炎是系统性红斑狼疮最常见的严重并发症之一,约有40%~60%的患者在病程中出现
肾脏受累[1]。尽管标准免疫抑制治疗已广泛应用,但仍有部分患者对治疗反应不佳,被称为
·1234· 现代医药卫生 2025年6月第41卷第11期 J Mod Med Health,June 2025,Vol.41,No.11
难治性狼疮肾炎[2]。本研究回顾性分析了30例患者的资料,现报道如下。
1 资料与方法
1.1 一般资料 选择2021年1月至2024年11月在本院治疗的难治性狼疮肾炎患者30例作为研
究对象。
"""


def test_chinese_pdf_front_matter_labels_and_running_head():
    segments = segment_document(CHINESE_PDF, "zhpdf")
    assert {s.lang for s in segments} == {ZH}
    kinds = [(s.kind, s.text) for s in segments]
    assert kinds[:4] == [
        (HEADER, "利妥昔单抗治疗难治性狼疮肾炎的临床观察*"),
        (HEADER, "张三1,李四2,王五1"),
        (HEADER, "(1.重庆医科大学附属第二医院血液内科,重庆 400010;2.重庆市开州区人民医院血液风湿免疫科,"
                 "重庆 405400)"),
        (LABEL, "[摘要]"),
    ]
    assert (SENTENCE, "回顾性分析2021年1月至2024年11月收治的患者30例,观察其尿蛋白变化。") in kinds
    assert (SENTENCE, "治疗6个月的有效率为70.0%(21/30)。") in kinds
    assert (LABEL, "[关键词]") in kinds
    assert (HEADER, "中图法分类号:R593.2 文献标识码:A 文章编号:1009-5519(2025)11-1234-05") in kinds
    running_head = next(s for s in segments if s.text.startswith("·1234·"))
    assert running_head.kind == HEADER
    assert kinds[-1] == (SENTENCE, "1.1 一般资料 选择2021年1月至2024年11月在本院治疗的难治性狼疮肾炎患者30例作为研究对象。")
    assert_lossless(CHINESE_PDF, segments)


CNKI_STYLE = """贝利尤单抗治疗复发性自然流产的临床研究
刘丽娟1,马晓2,赵龙1*
(1.青岛锦华妇产医院产科,山东 青岛 266000;2.青岛大学附属医院肾内科,山东 青岛 266003)
【摘要】目的:探讨贝利尤单抗对B淋巴细胞功能障碍的复发性自然流产(RSA)女性的影响。方法:回顾性分析102例RSA患者的资料。
【关键词】贝利尤单抗;复发性自然流产;B淋巴细胞
Clinical study of belimumab in the treatment of recurrent spontaneous abortion
LIU Lijuan1, MA Xiao2, ZHAO Long1*
(1. Department of Obstetrics, Qingdao Jinhua Gynecology Hospital, Qingdao, Shandong 266000, China; 2. Department of Nephrology, The Affiliated Hospital of Qingdao University, Qingdao, Shandong 266003, China)
[Abstract] Objective: To examine the impact of belimumab on women with recurrent spontaneous abortion (RSA). Methods: The data of 102 RSA patients were retrospectively analyzed.
[Key words] belimumab; recurrent spontaneous abortion; B lymphocyte
"""


def test_bilingual_journal_abstract_with_bracketed_labels():
    segments = segment_document(CNKI_STYLE, "cnki")
    assert [(s.lang, s.kind, s.text) for s in segments if s.kind == LABEL] == [
        (ZH, LABEL, "【摘要】"), (ZH, LABEL, "目的:"), (ZH, LABEL, "方法:"), (ZH, LABEL, "【关键词】"),
        (EN, LABEL, "[Abstract]"), (EN, LABEL, "Objective:"), (EN, LABEL, "Methods:"), (EN, LABEL, "[Key words]"),
    ]
    assert [s.text for s in segments[:3]] == CNKI_STYLE.splitlines()[:3]
    assert all(s.kind == HEADER for s in segments[:3])
    english_headers = texts(segments, EN, HEADER)
    assert english_headers[:2] == ["Clinical study of belimumab in the treatment of recurrent spontaneous abortion",
                                   "LIU Lijuan1, MA Xiao2, ZHAO Long1*"]
    assert english_headers[2].startswith("(1. Department of Obstetrics")
    assert "To examine the impact of belimumab on women with recurrent spontaneous abortion (RSA)." in texts(segments, EN, SENTENCE)
    assert_lossless(CNKI_STYLE, segments)


def test_a_list_of_terms_is_not_joined_like_pdf_words():
    text = "belimumab\nrituximab\nbortezomib\nlupus nephritis\ncyclophosphamide\nprednisolone\n"
    assert texts(segment_document(text, "terms")) == text.split("\n")[:-1]


def test_short_wrapped_paragraphs_are_joined():
    text = ("目的 探讨利妥昔单抗联合硼替佐米治疗结缔组织病相关难治性血细胞减少的疗效及\n"
            "安全性。方法 筛选2021年1月至2024年11月重庆市开州区人民医院血液风湿免疫科的\n患者24例。\n")
    assert [(s.kind, s.text) for s in segment_document(text, "short")] == [
        (LABEL, "目的"),
        (SENTENCE, "探讨利妥昔单抗联合硼替佐米治疗结缔组织病相关难治性血细胞减少的疗效及安全性。"),
        (LABEL, "方法"),
        (SENTENCE, "筛选2021年1月至2024年11月重庆市开州区人民医院血液风湿免疫科的患者24例。"),
    ]


@pytest.mark.parametrize("document", [CHINESE_PDF, CNKI_STYLE], ids=["chinese-pdf", "cnki"])
def test_traditional_copies_of_journal_layouts_keep_their_structure(document):
    from opencc import OpenCC

    traditional = segment_document(OpenCC("s2t").convert(document), "t")
    simplified = segment_document(document, "s")
    assert [(s.lang, s.kind, s.start, s.end) for s in traditional] == [
        (s.lang, s.kind, s.start, s.end) for s in simplified]


def test_a_heading_between_the_languages_takes_the_language_of_its_words():
    text = "研究结果表明,贝利尤单抗既安全又有效。\nAbstract\nBelimumab is safe and effective for treating RSA.\n"
    assert [(s.lang, s.kind) for s in segment_document(text, "h")] == [(ZH, SENTENCE), (EN, LABEL), (EN, SENTENCE)]
