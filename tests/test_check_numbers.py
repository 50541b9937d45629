"""Check number-mismatch on real sentence pairs of the sample corpus and the shared data."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.checks.numbers import CHECK_ID, NumberCheckOptions, number_findings

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

# Seed 000 (belimumab), a 1-1 bead: CI written 1.10-8.87 in English, 1.10 - 8.87 in Chinese.
EN_000 = (
    "Healthy newborns were delivered by 45 participants (88.23%) in belimumab group and 36 "
    "participants (70.59%) in control group [P = 0.048, odds ratio (OR) = 3.13; 95% confidence "
    "interval (CI) (1.10-8.87)]."
)
ZH_000 = (
    "贝利尤单抗组45名参与者(88.23%)和对照组36名参与者(70.59%)分娩出健康新生儿[P = 0.048,"
    "优势比(OR)= 3.13;95%置信区间(CI)(1.10 - 8.87)]。"
)
# Seed 000: number words, "first 3 doses" ↔ 前3剂, 12th week ↔ 第12周, mg/kg.
EN_000_DOSE = (
    "Participants were separated into two distinct groups: the belimumab group (n = 51), which "
    "received basic treatment supplemented with belimumab (BENLYSTA) at a dosage of 10 mg/kg BW "
    "at 2-week intervals for the first 3 doses and at 4-week intervals thereafter, from the end "
    "of menstrual period until the 12th week of pregnancy, if necessary; and the control group "
    "(n = 51), which received only standard treatment."
)
ZH_000_DOSE = (
    "参与者被分为两个不同的组:贝利尤单抗组(n = 51),在必要时,从月经周期结束至妊娠第12周,接受基础"
    "治疗并补充贝利尤单抗(倍力腾),前3剂每2周一次,剂量为10 mg/kg体重,此后每4周一次;对照组"
    "(n = 51),仅接受标准治疗。"
)
# Seed 002, a 2-1 bead (two English sentences joined with a space).
EN_002 = (
    "Among the 18 patients who responded to treatment,16 received maintenance therapy. Of "
    "these,11 (68.8%) achieved complete remission,2 (12.5%) achieved partial remission,and 3 "
    "(18.8%) experienced relapse."
)
ZH_002 = (
    "18例有效的患者中,16例接受了维持治疗,其中11例(68.8%)为完全缓解,2例(12.5%)为部分缓解,"
    "3例(18.8%)出现复发。"
)
# Seed 003: Eighteen ↔ 18 例, class III or IV ↔ Ⅲ或Ⅳ型, hUC-MSC.
EN_003 = (
    "Eighteen patients with WHO class III or IV LN were randomly assigned to hUC-MSC "
    "(dose 2×10 cells) or placebo."
)
ZH_003 = "18 例 WHO Ⅲ或Ⅳ型 LN 患者被随机分为 hUC-MSC(剂量 2×10 个细胞)或安慰剂组。"
EN_003_AE = "One patient on placebo had a stroke and another had ascites."
ZH_003_AE = "安慰剂组 1 例患者发生中风,另 1 例患者发生腹水。"
EN_002_CD = (
    "At the end of maintenance therapy,CD19+ and CD20+ B lymphocyte counts were significantly "
    "lower than those before treatment (P<0.05)."
)
ZH_002_CD = "与治疗前对比,患者维持治疗结束时CD19+、CD20+B淋巴细胞计数均明显降低(P<0.05)。"

CLEAN_PAIRS = [
    (EN_000, ZH_000), (EN_000_DOSE, ZH_000_DOSE), (EN_002, ZH_002), (EN_003, ZH_003),
    (EN_003_AE, ZH_003_AE), (EN_002_CD, ZH_002_CD),
]


@pytest.mark.parametrize("en,zh", CLEAN_PAIRS)
def test_faithful_translations_raise_nothing(en, zh):
    assert number_findings("seed", 0, en, zh) == []


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_changed_value_is_an_error_located_in_both_languages():
    zh = _replace(ZH_002, "3例(18.8%)", "3例(18.7%)")
    findings = number_findings("002", 9, EN_002, zh)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.severity, finding.doc, finding.bead) == (CHECK_ID, "error", "002", 9)
    assert finding.message == "English has 18.8% but the Chinese has 18.7%"
    assert EN_002[slice(*finding.en_span)] == "18.8%"
    assert zh[slice(*finding.zh_span)] == "18.7%"


@pytest.mark.parametrize("old,new,en_number,zh_number", [
    ("(88.23%)", "(88.32%)", "88.23%", "88.32%"),  # digits swapped
    ("3.13", "31.3", "3.13", "31.3"),  # decimal point moved
    ("45名", "46名", "45", "46"),  # a count changed
    ("8.87)", "8.97)", "8.87", "8.97"),  # a confidence limit changed
])
def test_edits_of_one_number_are_errors(old, new, en_number, zh_number):
    zh = _replace(ZH_000, old, new)
    findings = number_findings("000", 9, EN_000, zh)
    assert [(f.severity, EN_000[slice(*f.en_span)], zh[slice(*f.zh_span)]) for f in findings] == [
        ("error", en_number, zh_number)
    ]


def test_dropped_percent_sign_is_an_error():
    zh = _replace(ZH_000, "(70.59%)", "(70.59)")
    [finding] = number_findings("000", 9, EN_000, zh)
    assert finding.severity == "error"
    assert "percent" in finding.message
    assert zh[slice(*finding.zh_span)] == "70.59"


def test_percent_sign_on_the_first_end_of_a_range_only_is_an_error():
    [finding] = number_findings("d", 0, "80.0% to 89.3%", "80.0%～89.3")
    assert finding.message == "English has 89.3% but the Chinese has 89.3 (percent sign on one side only)"


def test_percent_signs_added_to_a_range_are_not_a_mismatch():
    # paramed-dev doc1 style: "100% (interquartile range, 100 to 100)" ↔ "100%（四分位距，100%～100%）"
    en = "the median relative dose intensity was 100% (interquartile range, 100 to 100) for gemcitabine"
    zh = "吉西他滨的中位相对剂量强度为100%（四分位距，100%～100%）"
    assert number_findings("d", 0, en, zh) == []


def test_a_number_on_one_side_only_is_a_warning():
    zh = _replace(ZH_003_AE, "另 1 例患者发生腹水", "另 1 例患者发生腹水(第12天)")
    [finding] = number_findings("003", 11, EN_003_AE, zh)
    assert finding.severity == "warning"
    assert finding.en_span is None and zh[slice(*finding.zh_span)] == "12"
    assert finding.message == "Chinese has 12, not found in the English"
    assert number_findings("003", 11, EN_003_AE, zh, NumberCheckOptions(report_missing=False)) == []


def test_changed_number_word_against_digits():
    zh = _replace(ZH_003, "18 例", "19 例")
    [finding] = number_findings("003", 5, EN_003, zh)
    assert finding.message == "English has Eighteen but the Chinese has 19"


def test_changed_identifier_digit_is_an_error_but_a_dropped_identifier_is_not_reported():
    zh = _replace(ZH_002_CD, "CD20+", "CD21+")
    [finding] = number_findings("002", 12, EN_002_CD, zh)
    assert finding.message == "English has CD20+ but the Chinese has CD21+"
    # COVID-19 rendered as 新冠肺炎: a name, not a number that went missing
    assert number_findings("d", 0, "COVID-19 spread in 2020.", "2020年新冠肺炎流行。") == []


def test_reference_marks_may_be_dropped_but_not_changed():
    en = "Recurrent spontaneous abortion affects 1%-2% of couples [1-2]."
    assert number_findings("d", 0, en, "复发性流产影响1%~2%的夫妇。") == []
    [finding] = number_findings("d", 0, en, "复发性流产影响1%~2%的夫妇[1-3]。")
    assert finding.severity == "error" and finding.message == "English has 2 but the Chinese has 3"


def test_powers_of_ten_match_across_pdf_extraction():
    en = "platelet count rose to 52×10^9/L"
    assert number_findings("d", 0, en, "血小板计数升至52×109/L") == []
    [finding] = number_findings("d", 0, en, "血小板计数升至52×108/L")
    assert finding.severity == "error"


@given(
    rate=st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    count=st.integers(min_value=2, max_value=100000),
)
def test_same_numbers_in_a_template_pair_never_alarm_and_a_changed_one_always_does(rate, count):
    en = f"The response rate was {rate}% in {count:,} patients."
    zh = f"{count}例患者的缓解率为{rate}%。"
    assert number_findings("t", 0, en, zh) == []
    changed = f"{count + 10}例患者的缓解率为{rate}%。"
    findings = number_findings("t", 0, en, changed)
    assert findings and all(f.check == CHECK_ID for f in findings)
    assert any(f.zh_span and changed[slice(*f.zh_span)] == str(count + 10) for f in findings)


def _seed_gold_pairs():
    path = DATA / "seeds-gold" / "alignment.jsonl"
    if not path.exists():
        pytest.skip(f"shared data absent: {path}")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["doc"], r["en"], r["zh"]) for r in records if r["en"] and r["zh"]]


def test_no_findings_on_the_gold_pairs_of_the_sample_corpus():
    pairs = _seed_gold_pairs()
    assert len(pairs) == 29
    flagged = [(doc, en) for doc, en, zh in pairs if number_findings(doc, 0, en, zh)]
    assert flagged == []


def test_translation_error_in_paramed_dev_is_found():
    """doc1 of paramed-dev: the Chinese repeats "95% ci，0.34～0.77" — a real translation slip."""
    root = DATA / "paramed-dev"
    if not root.exists():
        pytest.skip(f"shared data absent: {root}")
    en_lines = (root / "doc1.en").read_text(encoding="utf-8").split("\n")
    zh_lines = (root / "doc1.zh").read_text(encoding="utf-8").split("\n")
    zh = next(line for line in zh_lines if line.count("0.34～0.77") == 2)
    en = next(line for line in en_lines if "80.0 to 89.3" in line)
    findings = number_findings("doc1", 121, en, zh)
    assert [zh[slice(*f.zh_span)] for f in findings] == ["95%", "0.34", "0.77"]
    assert all(f.severity == "warning" and f.en_span is None for f in findings)
    assert all(re.match(r"Chinese has .+, not found in the English", f.message) for f in findings)


@pytest.mark.parametrize("en,zh", [
    ("Patients with T2DM had a twofold risk.", "2型糖尿病患者的风险增加2倍。"),
    ("Type II diabetes was present in both groups.", "2组均有2型糖尿病。"),
    ("The dose was 1.5 mg/kg/d.", "剂量为1.5 mg·kg-1·d-1。"),
    ("It affected an estimated 130,000 patients in 2018.", "估计2018年有13万患者。"),
    ("from 99.4 to 88.5 billion sticks", "从 994 下降至 885 亿支"),
    ("in 10-20% of cases", "10%~20%的病例"),
    ("χ2 = 4.56, P = 0.03", "χ²=4.56，P=0.03"),
    ("β2-microglobulin rose", "β2微球蛋白升高"),
    ("the risk doubled over the past decade", "近10年风险增加2倍"),
    ("WBC 5.2×10⁹/L", "WBC 5.2×10^9/L"),
    ("aged 45.2 ± 3.1 years, 12 males and 8 females", "年龄(45.2±3.1)岁，男12例，女8例"),
    ("n = 1,024", "共1 024例"),
])
def test_rewritten_but_equal_numbers_raise_nothing(en, zh):
    assert number_findings("d", 0, en, zh) == []


def test_one_digit_numbers_pair_only_within_one_slot():
    # the English 3 and the Chinese 4 both sit before the shared 18.8%: one changed count
    [finding] = number_findings("d", 0, "and 3 (18.8%) experienced relapse", "4例(18.8%)出现复发")
    assert finding.severity == "error" and finding.message == "English has 3 but the Chinese has 4"
    # of two English candidates, the 7 pairs with the one after the shared 45, as it does
    findings = number_findings("d", 0, "Stage 3 tumours in 45 patients and 2 deaths", "45例患者中7例死亡")
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "English has 3, not found in the Chinese"),
        ("error", "English has 2 but the Chinese has 7"),
    ]


def test_a_changed_comparison_sign_is_an_error():
    [finding] = number_findings("002", 12, EN_002_CD, ZH_002_CD.replace("(P<0.05)", "(P>0.05)"))
    assert finding.severity == "error"
    assert finding.message == "English has < 0.05 but the Chinese has > 0.05"
    assert number_findings("d", 0, "P <= 0.05 in patients aged >= 60", "P≤0.05，年龄≥60岁") == []


@pytest.mark.parametrize("en,zh", [
    ("half of the patients", "50%的患者"),
    ("the half-life was 12 h", "半衰期为12 h"),
    ("a quarter of patients", "四分之一的患者"),
])
def test_shares_in_words(en, zh):
    assert number_findings("d", 0, en, zh) == []
