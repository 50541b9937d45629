"""The statistic vocabulary (glossary/data/terms_statistic.tsv) is well formed and right on
well-known pairs: the glossary builder trusts it as dictionary evidence and as the category
decision "statistic", so a malformed line or a wrong rendering would mislead it silently."""
import re

import pytest
from table_helpers import DATA_DIR, HAN, assert_clean_forms, assert_unique_keys, scoped_entries, table_rows

DATA = DATA_DIR / "terms_statistic.tsv"
SCOPES = {"term", "head", "word"}  # word: dictionary evidence only


def _rows() -> list[tuple[int, list[str]]]:
    return table_rows(DATA)


@pytest.fixture(scope="module")
def entries() -> dict[str, tuple[list[str], str]]:
    return scoped_entries(DATA)


def test_every_line_has_three_clean_fields_and_a_valid_scope():
    rows = _rows()
    assert len(rows) >= 500
    for number, fields in rows:
        assert len(fields) == 3, f"line {number}: {fields!r}"
        english, chinese, scope = fields
        assert scope in SCOPES, f"line {number}: scope {scope!r}"
        assert english == english.strip() and "  " not in english, f"line {number}"
        assert english and not re.search(r"[\u2010-\u2015]", english), f"line {number}: dash"
        assert english.isascii(), f"line {number}: {english!r}"
        assert_clean_forms(number, chinese)


def test_no_duplicate_keys_even_after_case_and_hyphen_folding():
    assert_unique_keys(_rows())


def test_head_entries_are_single_words_and_ambiguous_heads_are_absent(entries):
    heads = {english for english, (_, scope) in entries.items() if scope == "head"}
    assert {"ratio", "regression", "endpoint", "covariate", "randomization"} <= heads
    assert all(" " not in head for head in heads)
    ambiguous = {"model", "population", "group", "curve", "analysis", "test", "rate", "effect",
                 "design", "outcome", "difference", "level", "range", "response", "interaction",
                 "compliance", "threshold", "coefficient", "survival", "score"}
    assert not ambiguous & set(entries), "ambiguous single words must stay multi-word terms"


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("confidence interval", {"置信区间"}),
        ("hazard ratio", {"风险比"}),
        ("odds ratio", {"优势比", "比值比"}),
        ("interquartile range", {"四分位距"}),
        ("intention-to-treat population", {"意向治疗人群"}),
        ("randomized controlled trial", {"随机对照试验"}),
        ("progression-free survival", {"无进展生存期"}),
        ("overall survival", {"总生存期"}),
        ("standard deviation", {"标准差"}),
        ("primary end point", {"主要终点"}),
        ("per-protocol population", {"符合方案人群", "符合方案集"}),
        ("log-rank test", {"对数秩检验"}),
        ("Cox proportional-hazards model", {"Cox比例风险模型"}),
        ("excellent and good rate", {"优良率"}),
        ("total effective rate", {"总有效率"}),
        ("allocation concealment", {"分配隐藏"}),
        ("positive predictive value", {"阳性预测值"}),
        ("Fisher exact test", {"Fisher确切概率法", "Fisher精确检验"}),
    ],
)
def test_well_known_pairs(entries, english, expected):
    forms, scope = entries[english]
    assert scope == "term"
    assert expected & set(forms), f"{english}: {forms}"


def test_requested_alternatives_are_listed(entries):
    assert entries["confidence interval"][0][:2] == ["置信区间", "可信区间"]
    assert "危险比" in entries["hazard ratio"][0]
    assert "终点指标" in entries["end point"][0]
    assert "无进展生存" in entries["progression-free survival"][0]
    # 生存率 appears only where the English names a rate
    for english, (forms, _) in entries.items():
        if any(form.endswith("生存率") for form in forms):
            assert english.endswith("rate"), english
    assert not any(form.endswith("率") for form in entries["overall survival"][0])


def test_every_entry_sits_under_a_topic_heading():
    topic = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("# =="):
            topic = line
        elif line.strip() and not line.startswith("#"):
            assert topic is not None, f"entry before any topic heading: {line!r}"
