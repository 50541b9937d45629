"""The pieces of ``duizhao run`` on their own: the progress line, order-keeping merges,
chunk sizes, the output folder's staging, run.json formatting."""
from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.lexicon import LexiconCounts
from glossary.progress import Progress, format_duration, render
from glossary.run import (
    MAX_CHUNKSIZE,
    LexiconTally,
    add_counts,
    choose_chunksize,
    chunks,
    json_text,
    staged_output,
)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# --------------------------------------------------------------------------- progress


def test_render_shows_documents_rate_and_time():
    line = render("pass 1/2", 50, 200, 2500, 10.0, width=20)
    assert line == "pass 1/2 [#####...............] 50/200 docs · 250 sent/s · 0:10"
    assert format_duration(3725) == "1:02:05"
    assert render("", 0, 0, 0, 0.0, width=4).startswith("[####] 0/0 docs · 0 sent/s")


def test_progress_redraws_at_most_ten_times_a_second():
    stream, clock = FakeTerminal(), FakeClock()
    progress = Progress(1000, "p", stream=stream, clock=clock)
    for step in range(1000):
        clock.now = step * 0.001  # 1000 documents in one second
        progress.update(1, 10)
    progress.close()
    draws = stream.getvalue().count("\r")
    assert 10 <= draws <= 13  # first draw, ~every 0.1 s, the final state, close
    assert stream.getvalue().endswith("1000/1000 docs · 10,010 sent/s · 0:00\n")


def test_progress_is_silent_off_a_terminal_or_when_disabled():
    for stream, enabled in ((io.StringIO(), None), (FakeTerminal(), False)):
        with Progress(3, "p", stream=stream, enabled=enabled) as progress:
            for _ in range(3):
                progress.update(1, 5)
        assert stream.getvalue() == ""
        assert progress.done == 3 and progress.sentences == 15


def test_shorter_line_overwrites_a_longer_one():
    stream, clock = FakeTerminal(), FakeClock()
    progress = Progress(10, "p", stream=stream, clock=clock)
    clock.now = 1.0
    progress.update(1, 100_000)  # a wide rate
    clock.now = 1000.0
    progress.update(1, 0)  # a narrower rate
    first, second = stream.getvalue().split("\r")[1:]
    assert len(second) >= len(first)


# --------------------------------------------------------------------------- merging


@given(st.lists(st.lists(st.sampled_from("abcde"), max_size=6), max_size=30),
       st.integers(1, 7))
def test_lexicon_tally_equals_the_plain_sum_in_any_chunking(docs, size):
    """Counts summed per chunk (in workers) and then over chunks equal the document-by-document
    sum, keys in the same order: integer counts, so the grouping cannot change a byte."""
    items = [LexiconCounts(1, Counter(d), Counter(d[::-1]), Counter(zip(d, d[1:]))) for d in docs]
    folded = LexiconCounts()
    for item in items:
        folded = folded + item
    total = LexiconTally()
    for chunk in chunks(items, size):
        part = LexiconTally()
        for item in chunk:
            part.add(item)
        total.add(part.total())
    assert total.total() == folded
    assert list(total.total().en) == list(folded.en) and list(total.total().pairs) == list(folded.pairs)


@given(st.lists(st.dictionaries(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz")),
                                st.integers(1, 9), max_size=9), max_size=8))
def test_add_counts_equals_counter_update_with_the_same_key_order(parts):
    expected, total = Counter(), Counter()
    for part in parts:
        expected.update(Counter(part))
        add_counts(total, Counter(part))
    assert total == expected and list(total) == list(expected)
    add_counts(total, total)  # adding a sum to itself doubles it
    assert total == Counter({key: 2 * n for key, n in expected.items()})


def test_chunks_keep_order():
    assert chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks([], 3) == []


def test_chunksize_keeps_tasks_small_and_several_per_worker():
    assert choose_chunksize(5, 2) == 1
    assert choose_chunksize(400, 2) == MAX_CHUNKSIZE
    assert choose_chunksize(40, 2) == 5
    assert choose_chunksize(2000, 2) == MAX_CHUNKSIZE
    assert choose_chunksize(2000, 1) == 1
    assert choose_chunksize(0, 4) == 1


# --------------------------------------------------------------------------- outputs


def test_staged_output_appears_whole_or_not_at_all(tmp_path):
    outdir = tmp_path / "deep" / "out"
    with staged_output(outdir) as staging:
        (staging / "run.json").write_text("{}\n", encoding="utf-8")
        assert not outdir.exists()
    assert [p.name for p in outdir.iterdir()] == ["run.json"]
    assert [p.name for p in outdir.parent.iterdir()] == ["out"]

    with pytest.raises(InputError, match="--force"):
        with staged_output(outdir):
            pass
    with pytest.raises(RuntimeError):
        with staged_output(outdir, force=True) as staging:
            (staging / "run.json").write_text("new\n", encoding="utf-8")
            raise RuntimeError("boom")
    assert (outdir / "run.json").read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in outdir.parent.iterdir()] == ["out"]


def test_staged_output_into_an_empty_existing_folder(tmp_path):
    outdir = tmp_path / "out"
    outdir.mkdir()
    with staged_output(outdir) as staging:
        (staging / "aligned.jsonl").write_text("", encoding="utf-8")
    assert [p.name for p in outdir.iterdir()] == ["aligned.jsonl"]


def test_json_text_is_json_with_short_lists_on_one_line():
    value = {"a": [[1, 1], [1, 0]], "b": {"c": [1, 2], "d": []}, "e": [{"f": "中"}], "g": {}}
    text = json_text(value)
    assert json.loads(text) == value
    assert '"a": [[1, 1], [1, 0]]' in text and '"f": "中"' in text
    assert text.endswith("}\n")


# --------------------------------------------------------------------------- check index


@given(st.lists(st.tuples(st.text("ab 泼尼松\0", max_size=12), st.text("ab 泼尼松\0", max_size=12)),
                max_size=12),
       st.sampled_from(["a", "ab", "a b", "泼尼", "松", "尼松", " ", "b\0a"]))
def test_indexed_units_find_the_same_forms_as_a_plain_scan(texts, form):
    """The corpus check's index (joined matching keys searched in C) is a pure speed-up:
    every occurrence a unit-by-unit scan finds, in the same order, and nothing else."""
    from glossary.checks.text import Unit, Units, find_form, matching_key

    units = [Unit(f"d{i // 3}", i % 3, en, zh, matching_key(en), matching_key(zh))
             for i, (en, zh) in enumerate(texts)]
    for bound in (False, True):
        assert find_form(Units(units), form, bound) == find_form(units, form, bound)


# --------------------------------------------------------------------------- pass 2 evidence


def test_realignment_with_the_merged_evidence_equals_aligning_with_the_lexicon():
    """Pass 2 merges the corpus lexicon into the aligner's dictionary once per run and passes
    the result to every document: each document's beads are those of the aligner's own
    ``align(..., lexicon=...)``, which merges them itself document by document."""
    from pathlib import Path

    from aligner.align import align, learn_lexicon
    from aligner.inputs import plan_inputs
    from glossary.run import (
        RunOptions,
        _headers,
        _texts,
        first_pass,
        realignment_evidence,
        second_pass,
    )

    corpus = Path(__file__).resolve().parents[1] / "corpora"
    options = RunOptions(workers=1)
    firsts = [first_pass(planned, options) for planned in plan_inputs([corpus])]
    tally = LexiconTally()
    for result in firsts:
        tally.add(result.counts)
    lexicon = learn_lexicon(tally.total(), options.align)
    evidence = realignment_evidence(options, lexicon)
    assert lexicon.dictionary.by_chinese and len(evidence.by_chinese) > 1000
    assert set(lexicon.dictionary.by_chinese) <= set(evidence.by_chinese)
    realigned = 0
    for result in firsts:
        prepared = result.prepared
        kept_en, kept_zh = prepared.kept
        if not (kept_en and kept_zh):
            continue
        expected = align(_texts(kept_en), _texts(kept_zh), options.align,
                         en_headers=_headers(kept_en), zh_headers=_headers(kept_zh),
                         lexicon=lexicon)
        shared = second_pass(prepared, options, lexicon, evidence)
        own = second_pass(prepared, options, lexicon)
        assert shared.error is None and shared.aligned == own.aligned
        assert shared.stats == own.stats and shared.findings == own.findings
        paired = [b for b in shared.aligned.beads if b.en and b.zh]
        assert [(b.en_text, b.zh_text, b.confidence) for b in paired] == \
            [(b.en_text, b.zh_text, b.confidence) for b in expected if b.en and b.zh]
        realigned += 1
    assert realigned >= 4


def test_first_pass_chunks_add_their_counts_into_a_running_tally():
    """A worker's chunks add each document's lexicon counts straight into its running sum
    (nothing returned per chunk); the sum equals the chunk-by-chunk and the document-by-document
    sums."""
    from pathlib import Path

    from aligner.inputs import plan_inputs
    from glossary.run import RunOptions, first_pass_chunk

    planned = plan_inputs([Path(__file__).resolve().parents[1] / "corpora"])
    options = RunOptions(workers=1)
    running = LexiconTally()
    returned = [first_pass_chunk(chunk, options, running) for chunk in chunks(planned, 2)]
    assert all(chunk.merged is None for chunk in returned)
    assert [r.doc for chunk in returned for r in chunk.results] == [p.doc for p in planned]
    assert all(r.counts is None for chunk in returned for r in chunk.results)
    own = [first_pass_chunk([item], options) for item in planned]
    folded = LexiconCounts()
    for chunk in own:
        folded = folded + chunk.merged
    assert folded.beads > 0 and folded.pairs
    assert running.total() == folded
