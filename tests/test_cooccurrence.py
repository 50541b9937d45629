"""Co-occurrence association: the fallback for names no dictionary, gloss or transliteration links."""
from collections import Counter

from glossary.cooccurrence import associate, residual_ngrams


def test_residual_ngrams_skip_explained_words_and_function_characters():
    clause = "比较靛玉红标准品与升血小板胶囊的疗效"
    explained = [(clause.index("升血小板胶囊"), clause.index("升血小板胶囊") + 6)]
    grams = residual_ngrams(clause, explained)
    assert "靛玉红" in grams
    assert not any("升血" in g for g in grams)  # explained by another link
    assert not any("与" in g or "的" in g for g in grams)  # function characters end an n-gram


def test_associate_prefers_the_consistent_pair_and_links_competitively():
    # indirubin is unexplained in three beads; 靛玉红 is in all three, 标准品 in two, 疗效 in one
    term_beads = Counter({"indirubin": 3, "capsule": 2})
    gram_beads = Counter({"靛玉红": 3, "靛玉红标准品": 2, "疗效": 3, "胶囊": 2})
    joint = Counter({("indirubin", "靛玉红"): 3, ("indirubin", "靛玉红标准品"): 2, ("indirubin", "疗效"): 1,
                     ("capsule", "胶囊"): 2, ("capsule", "靛玉红"): 2})
    pairs = {(a.en_key, a.zh): a for a in associate(term_beads, gram_beads, joint)}
    assert ("indirubin", "靛玉红") in pairs and pairs[("indirubin", "靛玉红")].dice == 1.0
    assert ("capsule", "胶囊") in pairs
    assert ("capsule", "靛玉红") not in pairs  # 靛玉红 already went to the better-associated term


def test_associate_needs_repeated_evidence():
    assert associate(Counter({"x": 1}), Counter({"某药": 1}), Counter({("x", "某药"): 1})) == []


def test_a_new_drug_name_repeated_across_beads_pairs_by_association():
    from glossary.builder import build, documents_from_pairs

    rows = [("d", "Patients received zuvolimab for 12 weeks.", "患者接受宏博单抗治疗12周。"),
            ("d", "Zuvolimab reduced proteinuria.", "宏博单抗降低了蛋白尿。"),
            ("d", "Adverse events of zuvolimab were mild.", "宏博单抗的不良事件较轻。")]
    entries = {e.en: e for e in build(documents_from_pairs(rows), min_confidence=0.0).entries}
    assert entries["zuvolimab"].zh == "宏博单抗"  # the whole name, not its 单抗 or the 受 of 接受
    assert entries["zuvolimab"].evidence == ("association",) and entries["zuvolimab"].frequency == 3
