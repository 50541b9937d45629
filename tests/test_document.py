"""Document-level alignment: segmentation → sentence lists → beads, on the real seed files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import AlignOptions
from aligner.document import (
    _merge_unpaired,
    _translated_runs,
    align_documents,
    align_document,
    align_segments,
    align_signature,
    align_texts,
    language_runs,
    line_language,
    presegmented_segments,
)
from aligner.errors import InputError
from aligner.inputs import DocumentInput
from aligner.reading import read_text
from aligner.records import AlignedDocument, Bead, Segment

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
GOLD = ROOT / ".." / "shared" / "data" / "seeds-gold" / "alignment.jsonl"
SEEDS = sorted(CORPORA.glob("*.txt"))


def seed(prefix: str) -> tuple[str, str]:
    (path,) = CORPORA.glob(f"{prefix}_*.txt")
    return read_text(path), prefix


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_complete_and_monotone(aligned: AlignedDocument) -> None:
    """Every sentence of each side in exactly one bead, indices increasing bead after bead."""
    for side, sentences in (("en", aligned.en), ("zh", aligned.zh)):
        seen = [i for bead in aligned.beads for i in getattr(bead, side)]
        assert seen == list(range(len(sentences))), side
    for bead in aligned.beads:
        assert bead.en or bead.zh
        assert bead.en_text == " ".join(aligned.en[i].text for i in bead.en)
        assert bead.zh_text == "".join(aligned.zh[j].text for j in bead.zh)
        assert 0.0 <= bead.confidence <= 1.0


@pytest.fixture(scope="module")
def seed_alignments() -> dict[str, AlignedDocument]:
    return {path.name[:3]: align_document(read_text(path), path.name[:3]) for path in SEEDS}


def test_every_seed_sentence_lands_in_exactly_one_bead(seed_alignments):
    for aligned in seed_alignments.values():
        assert_complete_and_monotone(aligned)
        assert all(s.kind != "label" for s in aligned.en + aligned.zh)
        assert all(s.lang == "en" for s in aligned.en) and all(s.lang == "zh" for s in aligned.zh)


def test_headers_are_sentences_of_their_side_and_labels_are_not(seed_alignments):
    aligned = seed_alignments["000"]
    assert aligned.en[0].kind == "header" and aligned.en[0].text.startswith("Liu Lijuan")
    aligned = seed_alignments["002"]
    texts = {s.text for s in aligned.en}
    assert "Objective" not in texts and "Methods" not in texts


@pytest.mark.skipif(not GOLD.exists(), reason="shared seeds-gold data not available")
def test_002_abstract_pairs_with_the_chinese_abstract_and_the_body_stays_unpaired(seed_alignments):
    aligned = seed_alignments["002"]
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    gold_pairs = {(squash(g["en"]), squash(g["zh"])) for g in gold
                  if g["doc"] == "002" and g["en"] and g["zh"]}
    produced = {(squash(b.en_text), squash(b.zh_text)) for b in aligned.beads if b.paired}
    assert gold_pairs <= produced
    # the Chinese body (everything after the English abstract) has no English: all 0-1,
    # left out of the search, with confidence 1
    last_en = max(s.start for s in aligned.en)
    body = {j for j, s in enumerate(aligned.zh) if s.start > last_en}
    assert len(body) > 100
    body_beads = [b for b in aligned.beads if set(b.zh) & body]
    assert all(not b.en and b.confidence == 1.0 for b in body_beads)
    assert len(body_beads) == len(body)


def test_english_references_and_footers_of_a_chinese_article_stay_unpaired(seed_alignments):
    """001 is Chinese with an English reference and an English copyright footer: neither
    translates a body sentence (they were paired 1-4 and 1-1 at low confidence)."""
    aligned = seed_alignments["001"]
    assert len(aligned.en) == 2 and all(s.kind == "header" for s in aligned.en)
    assert not [bead for bead in aligned.beads if bead.paired]


def test_english_title_pairs_with_the_chinese_title_and_nothing_else(seed_alignments):
    """004: the English title line pairs with the Chinese title, the footer with no body text."""
    aligned = seed_alignments["004"]
    paired = [bead for bead in aligned.beads if bead.paired]
    assert [(bead.en, bead.zh) for bead in paired] == [((0,), (0,))]
    assert aligned.zh[0].text == "综述:难治性狼疮肾炎:当前认知与新兴治疗策略"
    assert aligned.en[0].text.endswith("Refractory lupus nephritis: current Understanding and emerging treatment strategies")


def test_confidence_of_an_unpaired_sentence_is_its_probability_of_being_unpaired():
    """002 aligned whole (no run selection): its long Chinese body is unpaired, and the
    confidence of those 0-1 beads says so (it was the posterior of one lattice edge, near 0
    because the English side could stand anywhere). Dense and banded search agree."""
    from aligner.align import align
    from aligner.document import document_sentences

    text, doc = seed("002")
    en, zh = document_sentences(DocumentInput(doc, text=text))
    texts = ([s.text for s in en], [s.text for s in zh])
    flags = {"en_headers": [s.kind == "header" for s in en], "zh_headers": [s.kind == "header" for s in zh]}
    dense = align(*texts, **flags)
    banded = align(*texts, **flags, max_full_cells=100, max_python_cells=0)
    assert [(b.en, b.zh) for b in dense] == [(b.en, b.zh) for b in banded]
    assert [b.confidence for b in dense] == pytest.approx([b.confidence for b in banded], abs=1e-4)
    body = sorted(b.confidence for b in dense if not b.en and b.zh[0] > 20)
    assert len(body) > 100 and body[len(body) // 2] > 0.9


MEDLINE = ROOT / ".." / "shared" / "data" / "medline-en2zh" / "eval"


@pytest.mark.skipif(not MEDLINE.exists(), reason="shared medline-en2zh data not available")
@pytest.mark.parametrize("k", range(1, 7))
def test_untranslated_chinese_run_after_an_abstract_is_left_out(k):
    """Chinese abstract, English abstract, then three other abstracts' Chinese as an
    untranslated 'body' (the shape of seed 002): the abstract aligns exactly as the pair
    does alone, and the body comes out unpaired."""
    def lines(name):
        return (MEDLINE / name).read_text(encoding="utf-8").strip("\n").split("\n")

    en, zh = lines(f"doc{k}.en"), lines(f"doc{k}.zh")
    body = [line for other in (k + 1, k + 2, k + 3) for line in lines(f"doc{other}.zh")]
    mixed = align_document("\n".join(zh + en + body), f"doc{k}", presegmented=True)
    alone = align_texts("\n".join(en), "\n".join(zh), f"doc{k}", presegmented=True)
    assert len(mixed.en) == len(en) and len(mixed.zh) == len(zh) + len(body)
    assert [b for b in mixed.beads if not set(b.zh) - set(range(len(zh)))] == alone.beads
    body_beads = [b for b in mixed.beads if set(b.zh) - set(range(len(zh)))]
    assert len(body_beads) == len(body)
    assert all(not b.en and b.confidence == 1.0 for b in body_beads)
    assert_complete_and_monotone(mixed)


def test_language_runs_follow_document_order():
    def seg(lang, start):
        return Segment("d", lang, "sentence", f"{lang}{start}", start, start + 1)

    en = [seg("en", 10), seg("en", 11), seg("en", 30)]
    zh = [seg("zh", 0), seg("zh", 20), seg("zh", 21), seg("zh", 40)]
    assert language_runs(en, zh) == ([1, 1, 3], [0, 2, 2, 4])


def test_runs_with_a_small_share_of_pairs_are_left_out():
    # English abstract (run 1) between a Chinese abstract (run 0) and a long Chinese body
    # (run 2), of which the first pass wrongly paired one sentence
    en_runs, zh_runs = [1, 1, 1], [0, 0] + [2] * 8
    beads = [Bead((0,), (0,), "", "", 0.9), Bead((1,), (1,), "", "", 0.9),
             Bead((2,), (5,), "", "", 0.1)]
    assert _translated_runs(beads, en_runs, zh_runs) == {0, 1}
    # a run the first pass paired nothing in is left out even when nothing does better
    assert _translated_runs([Bead((0,), (), "", "", 1.0)], [1], [0, 2]) == set()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_merging_left_out_sentences_keeps_beads_complete_and_monotone(data):
    n = data.draw(st.integers(0, 8), label="n")
    m = data.draw(st.integers(0, 8), label="m")
    en = [Segment("d", "en", "sentence", f"e{i}", 2 * i, 2 * i + 1) for i in range(n)]
    zh = [Segment("d", "zh", "sentence", f"z{j}", 2 * j + 1, 2 * j + 2) for j in range(m)]
    keep_en = sorted(data.draw(st.sets(st.integers(0, n - 1), max_size=n), label="keep_en")) if n else []
    keep_zh = sorted(data.draw(st.sets(st.integers(0, m - 1), max_size=m), label="keep_zh")) if m else []
    # an arbitrary monotone bead sequence over the kept sentences
    beads, i, j = [], 0, 0
    while i < len(keep_en) or j < len(keep_zh):
        a = data.draw(st.integers(0, min(2, len(keep_en) - i)))
        b = data.draw(st.integers(0 if a else 1, min(2, len(keep_zh) - j))) if j < len(keep_zh) else 0
        if a == 0 and b == 0:
            a = 1
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), "", "", 0.5))
        i, j = i + a, j + b
    merged = _merge_unpaired(beads, keep_en, keep_zh, en, zh)
    straddles = any(
        mapped and mapped[-1] - mapped[0] != len(mapped) - 1
        for bead in beads
        for mapped in ([keep_en[i] for i in bead.en], [keep_zh[j] for j in bead.zh]))
    assert (merged is None) == straddles  # then the caller keeps the first pass instead
    if merged is None:
        return
    for side, size in (("en", n), ("zh", m)):
        assert [k for bead in merged for k in getattr(bead, side)] == list(range(size))
    left_out = [b for b in merged if b.confidence == 1.0]
    assert len(left_out) == (n - len(keep_en)) + (m - len(keep_zh))


def _seed_lines() -> list[str]:
    lines = []
    for prefix in ("002", "003"):
        text, _ = seed(prefix)
        lines += [line.strip() for line in text.split("\n") if len(line.strip()) > 8]
    return lines


SEED_LINES = _seed_lines()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=14),
       st.booleans())
def test_any_mix_of_runs_keeps_every_sentence_once_in_order(lines, presegmented):
    """Arbitrary interleavings of English and Chinese lines (many runs, repeated lines,
    untranslated stretches): run selection and merging never lose, duplicate or reorder."""
    aligned = align_document("\n".join(lines), "d", presegmented=presegmented)
    assert_complete_and_monotone(aligned)


def test_one_language_document_gives_unpaired_beads():
    text, _ = seed("001")
    chinese_only = text[: text.index("参考文献")]
    aligned = align_document(chinese_only, "001")
    assert aligned.monolingual and not aligned.en and len(aligned.zh) > 30
    assert [b.zh for b in aligned.beads] == [(j,) for j in range(len(aligned.zh))]
    assert all(not b.en and b.confidence == 1.0 for b in aligned.beads)


def test_presegmented_lines_keep_offsets_and_detect_language():
    text = "  First line.  \n\n第一行。\r\nCD19+ 细胞计数下降。\n"
    segments = presegmented_segments(text, "d")
    assert [(s.lang, s.text) for s in segments] == [
        ("en", "First line."), ("zh", "第一行。"), ("zh", "CD19+ 细胞计数下降。")]
    assert all(text[s.start:s.end] == s.text for s in segments)
    assert [s.lang for s in presegmented_segments(text, "d", "en")] == ["en"] * 3


@pytest.mark.parametrize("line, lang", [
    ("Remission occurred in 9 of 12 patients (75%).", "en"),
    ("以被动免疫造模法建立ITP小鼠模型, 通过观测外周血象 (血小板、血红蛋白、白细胞) (P＞0.05)。", "zh"),
    ("2022年发表在《Journal of Clinical Pharmacy and Therapeutics》的一项Meta分析。", "zh"),
    ("Patients received Tripterygium glycosides (雷公藤多苷) for 12 weeks.", "en"),
    ("结果", "zh"), ("CD19+", "en"),
])
def test_presegmented_line_language(line, lang):
    assert line_language(line) == lang


def test_align_texts_refuses_an_empty_side():
    with pytest.raises(InputError, match="the Chinese text has no sentences"):
        align_texts("One sentence.\n", "\n\n", "d", presegmented=True)


def test_align_texts_pairs_raw_english_and_chinese():
    aligned = align_texts(
        "Remission occurred in 9 of 12 patients (75%). One patient died of severe pneumonia.",
        "12例患者中有9例(75%)缓解。1例患者因严重肺炎死亡。", "d")
    assert_complete_and_monotone(aligned)
    assert [(b.en, b.zh) for b in aligned.beads] == [((0,), (0,)), ((1,), (1,))]


def test_corpus_without_learned_lexicon_equals_documents_one_by_one():
    options = AlignOptions(learn_lexicon=False)
    inputs = [DocumentInput(prefix, text=seed(prefix)[0]) for prefix in ("000", "003", "004")]
    corpus = align_documents(inputs, options)
    assert [d.doc for d in corpus] == ["000", "003", "004"]
    for document, aligned in zip(inputs, corpus):
        alone = align_document(document.text, document.doc, options)
        assert aligned.beads == alone.beads
        assert_complete_and_monotone(aligned)


def test_corpus_second_pass_keeps_every_sentence(seed_alignments):
    inputs = [DocumentInput(path.name[:3], text=read_text(path)) for path in SEEDS]
    corpus = align_documents(inputs)
    assert [d.doc for d in corpus] == ["000", "001", "002", "003", "004"]
    for aligned in corpus:
        assert_complete_and_monotone(aligned)
        assert len(aligned.en) == len(seed_alignments[aligned.doc].en)


def test_signature_names_version_and_changed_options():
    default = align_signature()
    assert default.startswith("duizhao-align|version:") and "options:default" in default
    changed = align_signature(AlignOptions(use_dictionary=False), presegmented=True)
    assert "presegmented:yes" in changed and "use_dictionary=False" in changed


def test_align_segments_without_any_sentence_gives_no_beads():
    assert align_segments("d", [], []).beads == []
