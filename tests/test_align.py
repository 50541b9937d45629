"""Tests of the sentence aligner: invariants on arbitrary input, behaviour on real documents."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import AlignOptions, align
from aligner.align import align_corpus, count_lexicon, learn_lexicon
from aligner.evaluation import read_gold_folder, score_alignments
from aligner.lexicon import count_bead_pairs

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
PARAMED = DATA / "paramed-dev"
MEDLINE = DATA / "medline-en2zh" / "eval"
needs_paramed = pytest.mark.skipif(not (PARAMED / "gold.jsonl").exists(), reason="paramed-dev data absent")
needs_medline = pytest.mark.skipif(not (MEDLINE / "gold.jsonl").exists(), reason="medline-en2zh data absent")


def check_partition(beads, n_en: int, n_zh: int) -> None:
    """Every sentence in exactly one bead, beads monotone and contiguous, no empty bead."""
    en = [index for bead in beads for index in bead.en]
    zh = [index for bead in beads for index in bead.zh]
    assert en == list(range(n_en))
    assert zh == list(range(n_zh))
    for bead in beads:
        assert bead.en or bead.zh
        assert 0.0 <= bead.confidence <= 1.0
        assert list(bead.en) == list(range(bead.en[0], bead.en[0] + len(bead.en))) if bead.en else True


english_sentence = st.lists(
    st.sampled_from(["the", "patients", "were", "treated", "with", "12", "mg", "IgG", "CD19+", "placebo", "p", "0.05", "."]),
    max_size=12,
).map(" ".join)
chinese_sentence = st.lists(
    st.sampled_from(["患者", "接受", "治疗", "12", "mg", "IgG", "安慰剂", "P", "0.05", "。", "𠀋", " "]), max_size=12
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(english_sentence, max_size=9), st.lists(chinese_sentence, max_size=9))
def test_every_sentence_once_and_monotone(en, zh):
    beads = align(en, zh)
    check_partition(beads, len(en), len(zh))
    for bead in beads:
        assert bead.en_text == " ".join(en[k] for k in bead.en)
        assert bead.zh_text == "".join(zh[k] for k in bead.zh)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(english_sentence, min_size=1, max_size=7),
    st.lists(chinese_sentence, min_size=1, max_size=7),
    st.data(),
)
def test_headers_pair_only_one_to_one_with_headers(en, zh, data):
    en_headers = data.draw(st.lists(st.booleans(), min_size=len(en), max_size=len(en)))
    zh_headers = data.draw(st.lists(st.booleans(), min_size=len(zh), max_size=len(zh)))
    beads = align(en, zh, en_headers=en_headers, zh_headers=zh_headers)
    check_partition(beads, len(en), len(zh))
    for bead in beads:
        headers = [en_headers[k] for k in bead.en] + [zh_headers[k] for k in bead.zh]
        if bead.en and bead.zh and any(headers):
            assert len(bead.en) == len(bead.zh) == 1 and all(headers)
    # the banded search applies the same rule
    banded = align(en, zh, en_headers=en_headers, zh_headers=zh_headers, max_full_cells=12, max_python_cells=0,
                   block_size=2, band_margin=1)
    check_partition(banded, len(en), len(zh))
    for bead in banded:
        headers = [en_headers[k] for k in bead.en] + [zh_headers[k] for k in bead.zh]
        if bead.en and bead.zh and any(headers):
            assert len(bead.en) == len(bead.zh) == 1 and all(headers)


@settings(max_examples=40, deadline=None)
@given(st.lists(english_sentence, max_size=14), st.lists(chinese_sentence, max_size=14))
def test_coarse_to_fine_search_keeps_every_sentence_once(en, zh):
    """The banded path (tiny blocks, tiny corridor) must still cover every sentence in order."""
    beads = align(en, zh, max_full_cells=12, max_python_cells=0, block_size=2, band_margin=1)
    check_partition(beads, len(en), len(zh))


def test_empty_inputs():
    assert align([], []) == []
    only_en = align(["One sentence.", "Another one."], [])
    assert [bead.en for bead in only_en] == [(0,), (1,)] and all(not bead.zh for bead in only_en)
    only_zh = align([], ["一句话。"])
    assert [bead.zh for bead in only_zh] == [(0,)] and only_zh[0].en == ()


def test_untranslated_sentence_is_left_unpaired():
    en = [
        "A total of 120 patients with lupus nephritis were enrolled.",
        "The study was funded by a national grant and approved by the ethics committee of the hospital.",
        "The complete remission rate was 45.5% at 24 weeks.",
    ]
    zh = ["共纳入120例狼疮肾炎患者。", "24周时完全缓解率为45.5%。"]
    beads = align(en, zh)
    assert [(bead.en, bead.zh) for bead in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_header_pairs_one_to_one_when_both_sides_have_it():
    en = ["NCT01539902; Results.", "The remission rate was 63.2% in the treatment group."]
    zh = ["NCT01539902;结果。", "治疗组缓解率为63.2%。"]
    beads = align(en, zh, en_headers=[True, False], zh_headers=[True, False])
    assert [(bead.en, bead.zh) for bead in beads] == [((0,), (0,)), ((1,), (1,))]


def test_options_are_frozen_and_overridable():
    options = AlignOptions()
    with pytest.raises(AttributeError):
        options.skip_cost = 0.0  # type: ignore[misc]
    beads = align(["Ten patients."], ["十名患者。"], options, skip_cost=0.0, header_skip_cost=0.0)
    assert sum(len(bead.en) for bead in beads) == 1


def test_lexicon_counts_merge_by_addition():
    pairs = [
        ("Indirubin raised platelets.", "靛玉红升高血小板。"),
        ("Indirubin was given to mice.", "小鼠给予靛玉红。"),
        ("Indirubin had no effect on bleeding.", "靛玉红对出血无影响。"),
    ]
    whole = count_bead_pairs(pairs)
    parts = count_bead_pairs(pairs[:1]) + count_bead_pairs(pairs[1:])
    assert whole == parts
    lexicon = learn_lexicon(whole)
    assert ("indirubin", "靛玉红") in {(stem, zh) for stem, zh, _ in lexicon.entries}


@needs_paramed
def test_paramed_doc2_aligns_exactly():
    doc = next(doc for doc in read_gold_folder(PARAMED) if doc.name == "doc2")
    beads = align(doc.en, doc.zh)
    assert [(bead.en, bead.zh) for bead in beads] == doc.beads


@needs_paramed
@needs_medline
def test_few_english_sentences_against_a_long_chinese_text():
    """10 English sentences against ~300 Chinese ones (abstract + untranslated body).

    The body is Chinese text on other subjects; a body that restates the abstract (the same
    doses, the same section headers) is genuinely ambiguous for any aligner.
    """
    docs = {doc.name: doc for doc in read_gold_folder(PARAMED)}
    doc1 = docs["doc1"]
    en = doc1.en[:10]
    body = [sentence for doc in read_gold_folder(MEDLINE) for sentence in doc.zh][:300]
    zh = doc1.zh[:10] + body
    beads = align(en, zh)
    check_partition(beads, len(en), len(zh))
    expected = [bead for bead in doc1.beads if bead[0] and bead[0][-1] < 10]
    paired = [(bead.en, bead.zh) for bead in beads if bead.paired]
    assert paired == expected
    assert all(not bead.en for bead in beads if bead.zh and bead.zh[0] >= 10)


def test_alignment_is_deterministic():
    en = ["Patients received 10 mg of drug A.", "The response rate was 45%.", "No deaths occurred."]
    zh = ["患者接受10 mg药物A治疗。", "缓解率为45%。", "无死亡病例。"]
    assert align(en, zh) == align(list(en), list(zh))


@needs_paramed
def test_coarse_to_fine_search_matches_full_search_on_long_document():
    docs = {doc.name: doc for doc in read_gold_folder(PARAMED)}
    en = docs["doc1"].en + docs["doc3"].en
    zh = docs["doc1"].zh + docs["doc3"].zh
    full = align(en, zh)
    banded = align(en, zh, max_full_cells=500, block_size=8, band_margin=8)
    check_partition(banded, len(en), len(zh))
    assert [(b.en, b.zh) for b in banded] == [(b.en, b.zh) for b in full]


@needs_medline
def test_medline_corpus_pass_scores_well():
    documents = read_gold_folder(MEDLINE)
    aligned = align_corpus([(doc.en, doc.zh) for doc in documents])
    gold = {doc.name: doc.beads for doc in documents}
    predicted = {doc.name: [((b.en, b.zh), b.confidence) for b in beads] for doc, beads in zip(documents, aligned)}
    result = score_alignments(gold, predicted)
    assert result["strict_f1"] >= 0.93
    assert result["non_1_1_f1"] >= 0.75
    for (en, zh), beads in zip([(d.en, d.zh) for d in documents], aligned):
        check_partition(beads, len(en), len(zh))
    counts = count_lexicon(documents[0].en, documents[0].zh, aligned[0])
    assert counts.beads >= 1


def test_merge_counts_equals_the_sum_of_the_parts():
    from aligner.lexicon import LexiconCounts, merge_counts

    parts = [
        count_bead_pairs([("Ten patients were treated.", "治疗了十名患者。")]),
        count_bead_pairs([("The patients improved.", "患者病情改善。"), ("No relapse.", "无复发。")]),
        LexiconCounts(),
    ]
    merged = merge_counts(parts)
    assert merged == parts[0] + parts[1] + parts[2]
    assert merged.beads == 3 and merged.en["patient"] == 2


def test_cedict_index_is_cached_on_disk_and_rebuilt_when_unusable(tmp_path):
    import gzip
    import itertools

    from aligner.dictionary import build_cedict_dictionary, cached_cedict_dictionary, cedict_path

    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        lines = list(itertools.islice(handle, 3000))
    source = tmp_path / "cedict.txt.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.writelines(lines)
    built = build_cedict_dictionary(source)
    assert len(built.by_chinese) > 100
    cache = tmp_path / "cache"
    assert cached_cedict_dictionary(source, cache) == built
    (stored,) = cache.glob("cedict-*.pickle")
    assert cached_cedict_dictionary(source, cache) == built
    stored.write_bytes(b"not a pickle")
    assert cached_cedict_dictionary(source, cache) == built
    assert stored.read_bytes() != b"not a pickle"  # rewritten
    # a changed data file gets its own entry
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.writelines(lines[:1000])
    smaller = cached_cedict_dictionary(source, cache)
    assert smaller == build_cedict_dictionary(source) and smaller != built
    assert len(list(cache.glob("cedict-*.pickle"))) == 2
    # a cache folder that cannot be created: built, nothing raised
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cached_cedict_dictionary(source, blocker / "cache") == smaller


@pytest.mark.parametrize("max_python_cells", [2_500, 0])  # dense and banded scoring
def test_untranslated_chinese_sentence_repeating_its_neighbours_words_stays_unpaired(max_python_cells):
    """The second Chinese sentence (an aside with no English) repeats 狼疮肾炎 and 患者 from the
    first: that shared evidence supports neither in a 1-2 bead, so it is left unpaired."""
    en = ["A total of 120 patients with lupus nephritis were enrolled.", "The complete remission rate was 45.5% at 24 weeks."]
    zh = ["共纳入120例狼疮肾炎患者。", "狼疮肾炎患者的治疗仍然是一个难题。", "24周时完全缓解率为45.5%。"]
    beads = align(en, zh, max_python_cells=max_python_cells)
    assert [(bead.en, bead.zh) for bead in beads] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    swallowed = align(en, zh, max_python_cells=max_python_cells, exclusive_zh_evidence=False)
    assert [(bead.en, bead.zh) for bead in swallowed][0] == ((0,), (0, 1))


MEDLINE_EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "medline-en2zh" / "eval"


@pytest.mark.skipif(not MEDLINE_EVAL.exists(), reason="shared medline-en2zh data not available")
def test_dense_and_banded_scoring_agree_on_medline_abstracts():
    for doc in read_gold_folder(MEDLINE_EVAL)[:12]:
        dense = align(doc.en, doc.zh)
        banded = align(doc.en, doc.zh, max_python_cells=0)
        assert [(b.en, b.zh) for b in dense] == [(b.en, b.zh) for b in banded]
        assert [b.confidence for b in dense] == pytest.approx([b.confidence for b in banded], abs=1e-4)
