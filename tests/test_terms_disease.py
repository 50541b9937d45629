"""The disease vocabulary (glossary/data/terms_disease.tsv) is well formed and right on
well-known pairs: the glossary builder trusts it as dictionary evidence and as the category
decision "disease", so a malformed line, a wrong rendering or an over-broad head word would
mislead it silently."""
import re

import pytest
from table_helpers import DATA_DIR, HAN, assert_clean_forms, assert_unique_keys, scoped_entries, table_rows

DATA = DATA_DIR / "terms_disease.tsv"
SCOPES = {"term", "head"}


def _rows() -> list[tuple[int, list[str]]]:
    return table_rows(DATA)


@pytest.fixture(scope="module")
def entries() -> dict[str, tuple[list[str], str]]:
    return scoped_entries(DATA)


def test_header_explains_the_file():
    header = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "english<TAB>chinese<TAB>scope" in text
    assert "general medical knowledge" in text
    assert sum(line.startswith("# == ") for line in header) >= 15, "chapters are marked"


def test_every_line_has_three_clean_fields_and_a_valid_scope():
    rows = _rows()
    assert len(rows) >= 900
    for number, fields in rows:
        assert len(fields) == 3, f"line {number}: {fields!r}"
        english, chinese, scope = fields
        assert scope in SCOPES, f"line {number}: scope {scope!r}"
        assert english and english == english.strip() and "  " not in english, f"line {number}"
        assert not re.search(r"[\u2010-\u2015]", english), f"line {number}: use a plain hyphen"
        assert not HAN.search(english), f"line {number}: Chinese in the English field"
        assert_clean_forms(number, chinese)


def test_no_duplicate_keys_even_after_case_and_hyphen_folding():
    assert_unique_keys(_rows())


def test_english_keys_are_lower_case_except_proper_names_and_abbreviations(entries):
    # A capital is allowed only in a word that is a name or an abbreviation (Crohn, HIV, COVID-19).
    for english in entries:
        for word in re.split(r"[\s/]+", english):
            if word != word.lower():
                assert word[0].isupper() or any(c.isdigit() for c in word) or "-" in word, english


def test_head_entries_are_single_words_and_ambiguous_heads_are_absent(entries):
    heads = {english for english, (_, scope) in entries.items() if scope == "head"}
    assert all(" " not in head for head in heads)
    assert {"rupture", "occlusion", "degeneration", "distension", "comorbidity", "kyphosis",
            "failure", "syndrome", "disease", "fracture", "infection"} <= heads
    # Words that often name a normal finding, a mechanism or an object must not decide the category.
    assert not {"change", "event", "lesion", "condition", "mass", "arrest", "stone", "calculus",
                "aspiration", "resistance", "weakness", "fall"} & set(entries)


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("systemic lupus erythematosus", "系统性红斑狼疮"),
        ("myocardial infarction", "心肌梗死"),
        ("diabetic retinopathy", "糖尿病视网膜病变"),
        ("pneumonia", "肺炎"),
        ("thrombocytopenia", "血小板减少|血小板减少症"),
        ("age-related macular degeneration", "年龄相关性黄斑变性"),
        ("retinal vein occlusion", "视网膜静脉阻塞"),
        ("hepatocellular carcinoma", "肝细胞癌"),
        ("autism spectrum disorder", "孤独症谱系障碍"),
        ("Crohn's disease", "克罗恩病"),
        ("Crohn disease", "克罗恩病"),
        ("febrile neutropenia", "发热性中性粒细胞减少"),
        ("cleft palate", "腭裂"),
        ("chronic obstructive pulmonary disease", "慢性阻塞性肺疾病"),
        ("heart failure", "心力衰竭"),
        ("Achilles tendon rupture", "跟腱断裂"),
    ],
)
def test_well_known_pairs(entries, english, expected):
    forms, _ = entries[english]
    wanted = expected.split("|")
    assert forms[: len(wanted)] == wanted or wanted[0] == forms[0], (english, forms)
    assert set(wanted) <= set(forms), (english, forms)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("bedsore", "褥疮"),
        ("pressure ulcer", "压疮"),
        ("fever", "发烧"),
        ("pyrexia", "发热"),
        ("abdominal distension", "腹胀"),
    ],
)
def test_common_variants_are_listed(entries, english, chinese):
    assert chinese in entries[english][0]


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("oedema", "edema"),
        ("anaemia", "anemia"),
        ("haemorrhage", "hemorrhage"),
        ("tumour", "tumor"),
        ("oesophageal cancer", "esophageal cancer"),
        ("diarrhoea", "diarrhea"),
        ("macular oedema", "macular edema"),
        ("leukaemia", "leukemia"),
    ],
)
def test_british_and_american_spellings_agree(entries, british, american):
    assert entries[british][0] == entries[american][0]
