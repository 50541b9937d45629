"""Glossary builder: end to end on the sample corpus, and its parts on real phrases."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.anchoring import anchor_term
from glossary.association import Proposal, competitive_link
from glossary.builder import BuildOptions, TermStats, build, collect, documents_from_pairs, finalize
from glossary.categories import categorize, english_category
from glossary.lexicon import default_lexicon
from glossary.records import DISEASE, DRUG, OTHER, STATISTIC
from glossary.transliteration import drug_stem, transliteration_score

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="module")
def seed_documents():
    from aligner.document import align_documents
    from aligner.inputs import DocumentInput

    inputs = [DocumentInput(p.name[:3], text=p.read_text(encoding="utf-8"))
              for p in sorted(CORPORA.glob("*.txt"))]
    return align_documents(inputs)


@pytest.fixture(scope="module")
def seed_glossary(seed_documents):
    return build(seed_documents)


def _entry(glossary, en):
    found = [e for e in glossary.entries if e.en.lower() == en.lower()]
    assert found, f"{en} not in the glossary: {[e.en for e in glossary.entries]}"
    return found[0]


def test_belimumab_is_a_drug_with_gloss_and_aligned_evidence(seed_glossary):
    e = _entry(seed_glossary, "belimumab")
    assert e.zh == "贝利尤单抗"
    assert e.category == DRUG
    assert {"gloss", "aligned"} <= set(e.evidence)
    assert {"000", "004"} <= set(e.docs)
    assert e.example is not None and "贝利尤单抗" in e.example[1]


def test_statistics_with_abbreviations(seed_glossary):
    e = _entry(seed_glossary, "odds ratio")
    assert (e.zh, e.category, e.abbr) == ("优势比", STATISTIC, "OR")
    ci = _entry(seed_glossary, "confidence interval")
    assert (ci.zh, ci.category) == ("置信区间", STATISTIC)


def test_nested_terms_are_both_kept(seed_glossary):
    long = _entry(seed_glossary, "secondary immune thrombocytopenia")
    assert long.zh == "继发免疫性血小板减少" and long.category == DISEASE
    assert _entry(seed_glossary, "autoimmune hemolytic anemia").zh == "自身免疫性溶血性贫血"
    assert _entry(seed_glossary, "hemolytic anemia").zh == "溶血性贫血"


def test_chinese_only_document_contributes_glosses(seed_glossary):
    e = _entry(seed_glossary, "telitacicept")
    assert e.zh == "泰它西普" and e.category == DRUG
    assert e.docs == ("004",) and "gloss" in e.evidence and e.frequency == 0


def test_default_output_has_no_other_and_is_ordered(seed_glossary):
    cats = [e.category for e in seed_glossary.entries]
    assert OTHER not in cats
    order = {DRUG: 0, DISEASE: 1, STATISTIC: 2}
    keys = [(order[e.category], -e.confidence, e.en.lower()) for e in seed_glossary.entries]
    assert keys == sorted(keys)
    for e in seed_glossary.entries:
        assert 0.0 <= e.confidence <= 1.0 and 0.0 <= e.consistency <= 1.0
        assert e.evidence and e.zh and e.en


def test_min_confidence_filters(seed_documents, seed_glossary):
    high = build(seed_documents, min_confidence=0.8)
    assert 0 < len(high) < len(seed_glossary)
    assert all(e.confidence >= 0.8 for e in high.entries)


def test_collect_merge_is_order_independent(seed_documents):
    stats = [collect(d) for d in seed_documents]
    forward = TermStats()
    for s in stats:
        forward = forward + s
    backward = TermStats()
    for s in reversed(stats):
        backward = backward.merge(s)
    assert finalize(forward).entries == finalize(backward).entries
    assert build(list(reversed(seed_documents))).entries == build(seed_documents).entries


def test_documents_from_pairs_and_one_pair():
    docs = documents_from_pairs([
        ("d1", "Rituximab was given to patients with systemic lupus erythematosus.",
         "系统性红斑狼疮患者接受利妥昔单抗治疗。"),
        ("d1", "Title only", ""),
    ])
    assert len(docs) == 1 and len(docs[0].beads) == 2 and len(docs[0].zh) == 1
    g = build(docs)
    pairs = {(e.en, e.zh, e.category) for e in g.entries}
    assert ("rituximab", "利妥昔单抗", DRUG) in pairs
    assert ("systemic lupus erythematosus", "系统性红斑狼疮", DISEASE) in pairs


def test_options_override_and_signature():
    g = build([], include_other=True)
    assert g.entries == [] and g.signature["include_other"] is True
    with pytest.raises(TypeError):
        build([], no_such_option=1)
    assert BuildOptions().include_other is False


# --------------------------------------------------------------- parts


@pytest.mark.parametrize("en,clause,expected", [
    ("lupus nephritis", "我们评估人脐带间充质干细胞治疗狼疮肾炎", "狼疮肾炎"),
    ("pulmonary infection", "肺部感染4例", "肺部感染"),
    ("confidence interval", "95%置信区间", "置信区间"),
    ("complete remission", "达到完全缓解", "完全缓解"),
    ("thrombocytopenia", "继发免疫性血小板减少", "血小板减少"),
    ("Sheng-Xue-Xiao-Ban Capsule", "比较靛玉红标准品与升血小板胶囊对免疫性血小板减少症", "升血小板胶囊"),
])
def test_anchor_term_on_real_phrases(en, clause, expected):
    a = anchor_term(tuple(en.split()), clause, default_lexicon())
    assert a is not None and a.text == expected


def test_a_conjunction_inside_a_span_makes_it_a_phrase_not_a_term():
    # medline: "the intervention groups" ↔ 干预各组 ("each intervention group")
    a = anchor_term(("intervention", "groups"), "干预各组的心理测量特性", default_lexicon())
    assert a is None or "各" not in a.text
    assert anchor_term(("control", "group"), "与对照组比较", default_lexicon()).text == "对照组"


def test_transliteration_prefers_the_matching_name():
    assert drug_stem("rituximab")[0] == "ximab"
    assert transliteration_score("rituximab", "利妥昔单抗") > 0.7
    assert transliteration_score("rituximab", "利妥昔单抗") > transliteration_score("rituximab", "贝利尤单抗")
    assert transliteration_score("bortezomib", "硼替佐米") > transliteration_score("bortezomib", "泰它西普")


@pytest.mark.parametrize("words,expected", [
    ("bortezomib", DRUG), ("influenza vaccine", DRUG), ("placebo", DRUG),
    ("lupus nephritis", DISEASE), ("urinary tract infection", DISEASE), ("adverse events", DISEASE),
    ("odds ratio", STATISTIC), ("control group", STATISTIC), ("improvement rate of hemorrhage", STATISTIC),
    ("group", OTHER), ("treatment group", OTHER), ("concept", OTHER), ("renal function", OTHER),
])
def test_english_category(words, expected):
    assert english_category(tuple(words.split())) == expected


def test_chinese_ending_decides_when_english_is_silent():
    assert categorize(("systemic", "lupus", "erythematosus"), "系统性红斑狼疮")[0] == DISEASE
    assert categorize(("renal", "function"), "肾功能")[0] == OTHER


spans = st.tuples(st.integers(0, 20), st.integers(1, 6), st.integers(0, 30), st.integers(1, 6),
                  st.floats(0, 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=12))
def test_competitive_linking_never_shares_chinese_between_unrelated_terms(raw):
    props = [Proposal(f"t{i}", f"t{i}", a, a + la, f"z{i}", b, b + lb, s, "dictionary")
             for i, (a, la, b, lb, s) in enumerate(raw)]
    links = competitive_link(props, 0.5)
    assert all(l.proposal.score >= 0.5 for l in links)
    for i, x in enumerate(links):
        for y in links[i + 1:]:
            p, q = x.proposal, y.proposal
            zh_overlap = p.zh_start < q.zh_end and q.zh_start < p.zh_end
            en_nested = (q.en_start <= p.en_start and p.en_end <= q.en_end) or \
                        (p.en_start <= q.en_start and q.en_end <= p.en_end)
            if zh_overlap:
                assert en_nested


def test_package_level_build_is_callable():
    import glossary

    # a name the shipped drug list does not hold is paired by transliteration alone
    docs = documents_from_pairs([("d", "Zetomipzomib was added.", "加用泽托米佐米。")])
    g = glossary.build(docs, min_confidence=0.0)
    assert [(e.en, e.zh) for e in g.entries] == [("zetomipzomib", "泽托米佐米")]
    assert "transliteration" in g.entries[0].evidence
    # a listed one by the dictionary
    g = glossary.build(documents_from_pairs([("d", "Bortezomib was added.", "加用硼替佐米。")]), min_confidence=0.0)
    assert [(e.en, e.zh, "dictionary" in e.evidence) for e in g.entries] == [("bortezomib", "硼替佐米", True)]


def test_generic_nouns_start_a_term_only_as_attributive_modifiers():
    from glossary.candidates import english_candidates

    # a medline sentence: "model" qualifies "control group"; "patients" (plural) never starts one
    texts = [c.text for c in english_candidates("Compared with the model control group, the WBC in each group was significantly lower")]
    assert "model control group" in texts and "control group" in texts
    assert "model" not in texts and "group" not in texts
    texts = [c.text for c in english_candidates("Time to response was shorter; patients received rituximab.")]
    assert "Time to response" in texts
    assert not any(t.lower().startswith("patients") for t in texts)


def test_package_exports_the_builder_api():
    import glossary
    from glossary import builder

    assert glossary.build is builder.build and glossary.collect is builder.collect
    assert glossary.finalize is builder.finalize and glossary.BuildOptions is builder.BuildOptions


def test_a_generic_qualifier_starts_only_a_term_ending_on_its_head():
    from glossary.candidates import english_candidates
    from glossary.categories import QUALIFIED_HEADS

    # medline: "novel agents" ↔ 新药; "clinical" qualifies trial/response/outcome only
    texts = [c.text for c in english_candidates("novel agents in clinical trials of clinical importance", 7, QUALIFIED_HEADS)]
    assert "novel agents" in texts and "clinical trials" in texts
    assert "clinical importance" not in texts and "novel" not in texts
    assert "novel agents" not in [c.text for c in english_candidates("novel agents")]
