"""The general rules of the glossary builder, each on a real phrase of the kind it handles.

The sentences are ordinary clinical-abstract wording (route words before drugs, institution
names, "in situ" terms, hyphenated receptor status); each test names the rule it pins down.
"""
import pytest

from glossary.anchoring import anchor_term
from glossary.builder import build, documents_from_pairs
from glossary.candidates import english_candidates
from glossary.categories import QUALIFIED_HEADS, english_category
from glossary.lexicon import default_lexicon, singular
from glossary.records import DISEASE, DRUG, OTHER, STATISTIC
from glossary.vocabulary import VocabularyError, parse_table, shipped_vocabulary


def _pairs(en: str, zh: str) -> set[tuple[str, str]]:
    g = build(documents_from_pairs([("d", en, zh)]), min_confidence=0.0)
    return {(e.en, e.zh) for e in g.entries}


def test_shipped_vocabularies_load_with_their_categories():
    by_category = {}
    for entry in shipped_vocabulary():
        by_category.setdefault(entry.category, set()).add(entry.english.lower())
    assert "mycophenolate mofetil" in by_category[DRUG]
    assert "retinal vein occlusion" in by_category[DISEASE]
    assert "intention-to-treat population" in by_category[STATISTIC]


def test_malformed_vocabulary_line_names_file_and_line():
    text = "# header\nbelimumab\t贝利尤单抗\nrituximab 利妥昔单抗\n"
    with pytest.raises(VocabularyError, match=r"drugs\.tsv line 3"):
        parse_table(text, "drugs.tsv", DRUG, 2)
    with pytest.raises(VocabularyError, match="scope"):
        parse_table("kyphosis\t后凸\tmaybe\n", "terms.tsv", DISEASE, 3)


def test_endogenous_substances_are_not_drug_heads():
    # "serum albumin" is a laboratory value, not a drug term
    assert english_category(("serum", "albumin")) != DRUG
    assert english_category(("cyclosporine",)) == DRUG


def test_vocabulary_decides_categories():
    assert english_category(("retinal", "vein", "occlusion")) == DISEASE
    assert english_category(("stratified", "Cox", "proportional-hazards", "model")) == STATISTIC
    assert english_category(("Achilles", "tendon", "rupture")) == DISEASE  # a disease head word
    # a single-word "term" entry matches only the whole term, never as a head
    assert english_category(("double-blind",)) == STATISTIC
    assert english_category(("comparisons", "of", "pregnancy", "outcome")) == OTHER


def test_route_words_are_not_part_of_a_drug_name():
    pairs = _pairs("Maintenance therapy was oral prednisolone.", "维持治疗为口服泼尼松龙。")
    assert ("prednisolone", "泼尼松龙") in pairs
    assert not any(en.startswith("oral") for en, _ in pairs)


def test_drug_class_treatments_are_drugs():
    assert english_category(("antiviral", "therapy")) == DRUG
    assert english_category(("anti-VEGF", "therapy")) == DRUG
    assert english_category(("oxygen", "therapy")) == DRUG
    assert english_category(("anti-vascular", "endothelial", "growth", "factor")) == DRUG
    assert english_category(("mitomycin-C",)) == DRUG


def test_terms_inside_institution_names_are_skipped():
    pairs = _pairs("Patients were treated at Sun Yat-sen University Cancer Center for nasopharyngeal carcinoma.",
                   "患者在中山大学肿瘤防治中心接受鼻咽癌治疗。")
    assert ("nasopharyngeal carcinoma", "鼻咽癌") in pairs
    assert not any("cancer" in en for en, _ in pairs)


def test_in_situ_joins_a_term():
    texts = [c.text for c in english_candidates("ductal carcinoma in situ was found", 7, QUALIFIED_HEADS)]
    assert "ductal carcinoma in situ" in texts
    assert english_category(("melanoma", "in", "situ")) == DISEASE


def test_hyphenated_receptor_status_anchors_both_parts():
    a = anchor_term(("HER2-positive", "breast", "cancer"), "入组HER2阳性乳腺癌患者", default_lexicon())
    assert a is not None and a.text == "HER2阳性乳腺癌"


def test_whole_dictionary_term_wins_and_snaps_to_the_word():
    a = anchor_term(("neovascular", "age-related", "macular", "degeneration"), "其中包括新生血管性年龄相关性黄斑变性", default_lexicon())
    assert a is not None and a.text == "新生血管性年龄相关性黄斑变性"


def test_opening_of_a_form_does_not_render_the_head():
    # 临床 is the "clinical" of 临床试验: "clinical trials" must not anchor on 临床医生 alone
    a = anchor_term(("clinical", "trials"), "为临床医生和研究人员提供了一种方法", default_lexicon())
    assert a is None or "试验" in a.text


def test_prefixed_words_decompose():
    a = anchor_term(("nonbreast", "cancer"), "第二原发性非乳腺癌症", default_lexicon())
    assert a is not None and a.text.startswith("非乳腺")


@pytest.mark.parametrize("plural, base", [
    ("metastases", "metastasis"), ("diagnoses", "diagnosis"), ("doses", "dose"), ("odds", "odds"),
    ("characteristics", "characteristic"), ("antibiotics", "antibiotic"),  # -ics plurals
    ("statistics", "statistics"), ("pharmacokinetics", "pharmacokinetics"),  # -ics fields
])
def test_singular_of_greek_and_ics_plurals(plural, base):
    assert singular(plural) == base


def test_left_extension_stops_at_words_that_cannot_open_a_term():
    pairs = _pairs("Grade 3 or 4 febrile neutropenia, any neutropenia, and diarrhea were more frequent.",
                   "3或4级伴有发热的粒细胞减少、任何中性粒细胞减少症和腹泻的发生率增高。")
    assert not any(zh.startswith("任何") for _, zh in pairs)


def test_median_of_a_variable_is_not_a_term():
    assert english_category(("median", "follow-up")) == OTHER
    assert english_category(("median", "overall", "survival")) == STATISTIC
    assert english_category(("median", "age")) == STATISTIC


def test_generic_statistic_heads_take_their_modifiers_category():
    assert english_category(("random-effects", "estimate")) == STATISTIC
    assert english_category(("Kaplan-Meier", "approach")) == STATISTIC
    assert english_category(("mouse", "model")) == OTHER
    assert english_category(("visual", "outcome")) == STATISTIC
    assert english_category(("outcome",)) == OTHER


def test_a_generic_modifier_may_start_a_recognised_term():
    from glossary.builder import _is_categorised

    text = "Current guidelines suggest the clinical cure as the ideal therapeutic goal."
    texts = [c.text for c in english_candidates(text, 7, QUALIFIED_HEADS, _is_categorised)]
    assert "clinical cure" in texts
    assert not any(t.startswith("clinical ideal") for t in texts)


def test_time_points_do_not_start_a_term():
    texts = [c.text for c in english_candidates("The 3-year overall survival was 85%.", 7, QUALIFIED_HEADS)]
    assert "overall survival" in texts
    assert not any(t.startswith("3-year") for t in texts)


def test_a_term_before_a_pathogen_or_scale_noun_is_a_modifier():
    pairs = _pairs("Chronic hepatitis B virus infection remains a major problem.", "慢性乙型肝炎病毒感染仍是重大问题。")
    assert not any(en.lower() == "chronic hepatitis b" for en, _ in pairs)


def test_evaluative_adjectives_start_a_term_only_when_listed():
    pairs = _pairs("Effective chemotherapy improved the effective rate.", "有效的化疗提高了有效率。")
    assert ("chemotherapy", "化疗") in pairs
    assert not any(en.startswith("effective chemotherapy") for en, _ in pairs)


def test_a_numbered_kind_sits_inside_a_term():
    texts = [c.text for c in english_candidates("In this phase 3 trial, type 2 diabetes was common.", 7, QUALIFIED_HEADS)]
    assert "phase 3 trial" in texts and "type 2 diabetes" in texts
    assert "3 trial" not in texts


def test_latin_letters_in_a_chinese_form_match_in_any_case():
    a = anchor_term(("Kaplan-Meier", "curve"), "采用kaplan-meier曲线估计生存率", default_lexicon())
    assert a is not None and a.text == "kaplan-meier曲线"


def test_rate_of_brings_its_own_character():
    pairs = _pairs("The rate of pathological complete response was higher.", "病理完全缓解率更高。")
    assert ("pathological complete response", "病理完全缓解") in pairs


def test_a_generic_noun_may_end_a_recognised_term():
    from glossary.builder import _is_categorised

    texts = [c.text for c in english_candidates("the real-world evidence was weak", 7, QUALIFIED_HEADS, _is_categorised)]
    assert "real-world evidence" in texts
    texts = [c.text for c in english_candidates("the prognosis of the patients", 7, QUALIFIED_HEADS, _is_categorised)]
    assert not any(t.endswith(" the") or t.endswith("of") for t in texts)


def test_an_adverb_may_open_a_term_before_an_adjective():
    from glossary.builder import _is_categorised

    text = "patients with locoregionally advanced nasopharyngeal carcinoma were enrolled"
    texts = [c.text for c in english_candidates(text, 7, QUALIFIED_HEADS, _is_categorised)]
    assert "locoregionally advanced nasopharyngeal carcinoma" in texts
    texts = [c.text for c in english_candidates("it significantly reduced mortality", 7, QUALIFIED_HEADS, _is_categorised)]
    assert not any(t.startswith("significantly") for t in texts)


def test_chinese_terms_end_on_their_head():
    # 早 of 早诊 after 胰腺癌 is not the "early" of early pancreatic cancer
    a = anchor_term(("early", "pancreatic", "cancer"), "胰腺癌早诊率仅为5%", default_lexicon())
    assert a is None or a.text.endswith("癌")


def test_a_name_cut_before_its_letter_is_not_a_term():
    pairs = _pairs("Chronic hepatitis B is common.", "慢性乙型肝炎很常见。")
    assert ("chronic hepatitis B", "慢性乙型肝炎") in pairs
    assert not any(en.lower() == "chronic hepatitis" for en, _ in pairs)


def test_a_shared_abbreviation_pairs_a_defined_long_form_the_dictionary_cannot_anchor():
    docs = documents_from_pairs([
        ("d", "We compared two drugs in idiopathic thrombocytopenic purpura (ITP).",
         "比较两种药物对免疫性血小板减少症(ITP)的作用。"),
    ])
    g = build(docs, min_confidence=0.0)
    found = {(e.en, e.zh): e for e in g.entries}
    entry = found.get(("idiopathic thrombocytopenic purpura", "免疫性血小板减少症"))
    assert entry is not None and "abbreviation" in entry.evidence and entry.category == DISEASE


def test_phrase_before_stops_at_words_that_cannot_open_a_term():
    from glossary.anchoring import phrase_before

    assert phrase_before("比较两种药物对免疫性血小板减少症") == "免疫性血小板减少症"


def test_drug_classes_and_unnamed_drugs():
    assert english_category(("taxane",)) == DRUG
    assert english_category(("targeted", "therapy")) == DRUG
    assert english_category(("study", "medication")) == OTHER
    assert english_category(("concomitant", "medication")) == OTHER


def test_numbers_and_numerals_in_terms():
    a = anchor_term(("phase", "3", "clinical", "trial"), "一项3期临床试验", default_lexicon())
    assert a is not None and a.text == "3期临床试验"
    texts = [c.text for c in english_candidates("patients with class iv heart failure", 7, QUALIFIED_HEADS)]
    assert "heart failure" in texts and not any(t.startswith("iv") for t in texts)


def test_trial_arms_named_after_a_drug_are_not_terms():
    assert english_category(("anthracycline", "cohort")) == OTHER
    assert english_category(("control", "group")) == STATISTIC


def test_part_of_a_head_form_must_keep_its_ending():
    # 关节 is inside 骨关节炎 (osteoarthritis) but is the joint, not the disease
    a = anchor_term(("knee", "osteoarthritis"), "术侧膝关节主动屈曲", default_lexicon())
    assert a is None or "炎" in a.text


def test_organ_roots_decompose_with_their_linking_vowel():
    lexicon = default_lexicon()
    assert {"肾", "毒性"} <= set(lexicon.parts("nephrotoxic"))
    a = anchor_term(("nephrotoxic", "effects"), "顺铂的肾毒性作用", lexicon)
    assert a is not None and a.text.startswith("肾毒性")


def test_comma_listed_design_adjectives_make_one_term():
    pairs = _pairs("This was a randomized, double-blind, placebo-controlled trial in 120 patients.",
                   "这是一项纳入120例患者的随机、双盲、安慰剂对照试验。")
    assert ("randomized, double-blind, placebo-controlled trial", "随机、双盲、安慰剂对照试验") in pairs
    # an ordinary comma still ends a term
    texts = [c.text for c in english_candidates("fever, anemia and rash", 7, QUALIFIED_HEADS)]
    assert "fever anemia" not in texts


def test_ment_nouns_share_their_verbs_dictionary_forms():
    a = anchor_term(("improvement", "rate", "of", "hemorrhage"), "升血小板胶囊出血改善率分别为40%", default_lexicon())
    assert a is not None and a.text == "出血改善率"


def test_of_terms_take_a_singular_head_and_end_before_a_second_of():
    from glossary.builder import _is_categorised, en_key

    text = "smaller degrees of freedom of allele-based association analyses"
    texts = [c.text for c in english_candidates(text, 7, QUALIFIED_HEADS, _is_categorised)]
    assert "degrees of freedom" in texts
    assert en_key(("degrees", "of", "freedom")) == "degree of freedom"
    assert english_category(("degrees", "of", "freedom")) == STATISTIC


def test_a_condition_is_a_disease_only_with_a_clinical_qualifier():
    assert english_category(("pulmonary", "condition")) == DISEASE
    assert english_category(("control", "condition")) == OTHER
