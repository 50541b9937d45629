"""Document-level alignment: raw text in, :class:`AlignedDocument` out.

This is the glue between segmentation (:mod:`aligner.segmenting`) and the sentence aligner
(:mod:`aligner.align`):

- the sentence lists of an :class:`AlignedDocument` hold the document's sentences *and*
  headers of each language, in document order (labels such as "Methods" or 目的 are not
  sentences and are left out); bead indices point into these lists;
- every sentence lands in exactly one bead: a one-language document (a Chinese-only article)
  gives one 1-0 / 0-1 bead per sentence rather than nothing, so that "no sentence is ever
  lost" holds for every input, and a translation memory built from the output simply skips
  the unpaired beads;
- in a mixed document with several runs of a language (002: Chinese abstract, English
  abstract, Chinese body), runs that have no counterpart are left out of the search and
  come out as unpaired beads (:func:`select_translated_runs`);
- a corpus is aligned with the aligner's second pass (:func:`align_documents`);
- with ``presegmented`` the texts hold one sentence per line: blank lines are skipped (they
  do not count as sentences), nothing is re-split, and in a mixed file each line's language
  is decided by its script (:func:`line_language`).
"""
from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from aligner.errors import InputError
from aligner.inputs import DocumentInput
from aligner.records import EN, HEADER, LABEL, SENTENCE, ZH, AlignedDocument, Bead, Segment

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _align_module():
    """The aligner module (``aligner.align`` the package attribute may be the function)."""
    return importlib.import_module("aligner.align")


def default_options():
    """The aligner's default options (its own dataclass, so defaults live in one place)."""
    return _align_module().AlignOptions()


# --------------------------------------------------------------------------- segments


def line_language(line: str) -> str:
    """The language of one presegmented line.

    The segmenter's judgement of a line (a Chinese line keeps glosses, journal names and
    statistics in Latin script without turning English); where it is undecided (a short
    line), Chinese when the line has more Han characters than Latin words.
    """
    from aligner.blocks import strong_language

    lang = strong_language(line)
    if lang is not None:
        return lang
    return ZH if len(_HAN.findall(line)) > len(_LATIN_WORD.findall(line)) else EN


def presegmented_segments(text: str, doc: str, lang: str | None = None) -> list[Segment]:
    """One sentence per non-blank line, offsets into ``text``; ``lang=None`` decides per line."""
    segments = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            segments.append(Segment(doc, lang or line_language(stripped), SENTENCE, stripped,
                                    start, start + len(stripped)))
        offset += len(line) + 1
    return segments


def segment_text(text: str, doc: str, segment_options=None) -> list[Segment]:
    """All segments of a raw document, in document order (the segmenter's job)."""
    from aligner.segmenting import segment_document

    return segment_document(text, doc, segment_options)


def sentences_of(segments: Iterable[Segment], lang: str | None = None) -> list[Segment]:
    """The segments that take part in alignment: sentences and headers, not labels."""
    return [s for s in segments if s.kind != LABEL and (lang is None or s.lang == lang)]


# --------------------------------------------------------------------------- alignment


def unpaired_beads(en: Sequence[Segment], zh: Sequence[Segment]) -> list[Bead]:
    """Beads for a document with (at most) one language: every sentence alone, confidence 1.

    Confidence 1 because nothing could have been paired: the bead is certainly right.
    """
    beads = [Bead((i,), (), s.text, "", 1.0) for i, s in enumerate(en)]
    beads += [Bead((), (j,), "", s.text, 1.0) for j, s in enumerate(zh)]
    return beads


def _headers(segments: Sequence[Segment]) -> list[bool]:
    return [s.kind == HEADER for s in segments]


def _texts(segments: Sequence[Segment]) -> list[str]:
    return [s.text for s in segments]


def language_runs(en: Sequence[Segment], zh: Sequence[Segment]) -> tuple[list[int], list[int]]:
    """The run number of every English and Chinese sentence of one mixed document.

    A run is a maximal stretch of one language in document order (by offset): seed 002 has
    three -- Chinese abstract, English abstract, Chinese body.
    """
    order = sorted([(s.start, 0, i) for i, s in enumerate(en)]
                   + [(s.start, 1, j) for j, s in enumerate(zh)])
    runs: tuple[list[int], list[int]] = ([0] * len(en), [0] * len(zh))
    run, last_side = -1, None
    for _, side, index in order:
        if side != last_side:
            run, last_side = run + 1, side
        runs[side][index] = run
    return runs


#: A run takes part in alignment when the share of its sentences the first pass paired is at
#: least this fraction of the best share among the runs of its language. Relative, so that a
#: long article whose abstract is a small part of a run is kept when nothing does better.
RUN_SHARE_RATIO = 0.5


def _translated_runs(beads: Sequence[Bead], en_runs: Sequence[int], zh_runs: Sequence[int],
                     ratio: float = RUN_SHARE_RATIO) -> set[int]:
    """The runs whose share of paired sentences is close enough to their language's best."""
    paired: dict[int, int] = {}
    for bead in beads:
        if bead.paired:
            for run in [en_runs[i] for i in bead.en] + [zh_runs[j] for j in bead.zh]:
                paired[run] = paired.get(run, 0) + 1
    kept: set[int] = set()
    for runs in (en_runs, zh_runs):
        sizes: dict[int, int] = {}
        for run in runs:
            sizes[run] = sizes.get(run, 0) + 1
        shares = {run: paired.get(run, 0) / size for run, size in sizes.items()}
        best = max(shares.values(), default=0.0)
        kept.update(run for run, share in shares.items() if share > 0 and share >= ratio * best)
    return kept


def _merge_unpaired(beads: Sequence[Bead], keep_en: Sequence[int], keep_zh: Sequence[int],
                    en: Sequence[Segment], zh: Sequence[Segment]) -> list[Bead] | None:
    """Beads over the kept sentences mapped back to document indices, with every dropped
    sentence as an unpaired bead in its place: monotone on both sides, in document order
    where the two sides leave the choice open.

    A dropped sentence's bead has confidence 1, as in a one-language document: its whole
    run was judged to have no counterpart in the document. None when a bead joins sentences
    on both sides of a left-out run (the caller then keeps the first pass).
    """
    dropped_en = deque(sorted(set(range(len(en))) - set(keep_en)))
    dropped_zh = deque(sorted(set(range(len(zh))) - set(keep_zh)))
    out: list[Bead] = []

    def flush(en_limit: int, zh_limit: int) -> None:
        pending = []
        while dropped_en and dropped_en[0] < en_limit:
            i = dropped_en.popleft()
            pending.append((en[i].start, 0, Bead((i,), (), en[i].text, "", 1.0)))
        while dropped_zh and dropped_zh[0] < zh_limit:
            j = dropped_zh.popleft()
            pending.append((zh[j].start, 1, Bead((), (j,), "", zh[j].text, 1.0)))
        out.extend(bead for *_, bead in sorted(pending, key=lambda item: item[:2]))

    for bead in beads:
        mapped = Bead(tuple(keep_en[i] for i in bead.en), tuple(keep_zh[j] for j in bead.zh),
                      bead.en_text, bead.zh_text, bead.confidence)
        for side in (mapped.en, mapped.zh):
            if side and side[-1] - side[0] != len(side) - 1:
                return None  # the bead straddles a left-out sentence
        flush(min(mapped.en, default=-1), min(mapped.zh, default=-1))
        out.append(mapped)
    flush(len(en), len(zh))
    return out


@dataclass(frozen=True)
class RunSelection:
    """Which sentences of a document take part in alignment, and the beads of the pass
    that decided it (reused as the result when nothing is left out)."""

    keep_en: list[int]
    keep_zh: list[int]
    first_pass: list[Bead] | None

    def complete(self, n_en: int, n_zh: int) -> bool:
        return len(self.keep_en) == n_en and len(self.keep_zh) == n_zh


def select_translated_runs(en: Sequence[Segment], zh: Sequence[Segment], options=None, *,
                           mixed: bool = True) -> RunSelection:
    """Leave out the language runs of a mixed document that have no counterpart.

    A Chinese article with an English abstract in the middle (seed 002) has a long Chinese
    body that nothing translates. The aligner finds the abstract pairs on its own, but the
    body soaks up probability mass: every bead's confidence collapses (0.0-0.13 on 002
    instead of 0.3-0.94) and the corpus lexicon, learnt from confident beads only, loses
    the document -- and the distracted first pass may even pair an abstract sentence with
    one of the body. So a first pass over everything measures, per run, the share of its
    sentences that got paired; runs with no pair, or with a share under half the best
    share of their language (002's body: 2% against 90% for the Chinese abstract), are
    left out, and the rest is aligned again. Documents with one run per language (the
    common case) are aligned once.
    """
    every_en, every_zh = list(range(len(en))), list(range(len(zh)))
    if not mixed or not en or not zh:
        return RunSelection(every_en, every_zh, None)
    en_runs, zh_runs = language_runs(en, zh)
    if len(set(en_runs)) + len(set(zh_runs)) <= 2:
        return RunSelection(every_en, every_zh, None)
    first = list(_align_module().align(_texts(en), _texts(zh), options,
                                       en_headers=_headers(en), zh_headers=_headers(zh)))
    runs = _translated_runs(first, en_runs, zh_runs)
    keep_en = [i for i in every_en if en_runs[i] in runs]
    keep_zh = [j for j in every_zh if zh_runs[j] in runs]
    return RunSelection(keep_en, keep_zh, first)


def complete_alignment(doc: str, en: list[Segment], zh: list[Segment],
                       selection: RunSelection, beads: Sequence[Bead]) -> AlignedDocument:
    """The document's AlignedDocument from beads over the selected sentences: indices mapped
    back, left-out sentences as unpaired beads (or the first pass, if a bead straddles one).

    Public so that a parallel runner can do selection and alignment in separate steps.
    """
    if selection.complete(len(en), len(zh)):
        return AlignedDocument(doc, en, zh, list(beads))
    merged = _merge_unpaired(beads, selection.keep_en, selection.keep_zh, en, zh)
    if merged is None:
        return AlignedDocument(doc, en, zh, list(selection.first_pass))
    return AlignedDocument(doc, en, zh, merged)


def align_segments(doc: str, en: Sequence[Segment], zh: Sequence[Segment],
                   options=None, *, lexicon=None, mixed: bool = True) -> AlignedDocument:
    """Align the sentence lists of one document (labels already removed).

    Header segments are flagged to the aligner: they pair 1-1 when the other side has them
    and are cheap to leave unpaired, but never join a many-to-one bead. ``mixed`` says both
    lists come from one text, so untranslated language runs can be left out
    (:func:`select_translated_runs`).
    """
    en, zh = list(en), list(zh)
    if not en or not zh:
        return AlignedDocument(doc, en, zh, unpaired_beads(en, zh))
    selection = select_translated_runs(en, zh, options, mixed=mixed)
    if selection.first_pass is not None and lexicon is None and \
            selection.complete(len(en), len(zh)):
        return AlignedDocument(doc, en, zh, selection.first_pass)
    kept_en = [en[i] for i in selection.keep_en]
    kept_zh = [zh[j] for j in selection.keep_zh]
    if not kept_en or not kept_zh:
        beads: list[Bead] = []
    else:
        beads = _align_module().align(_texts(kept_en), _texts(kept_zh), options,
                                      en_headers=_headers(kept_en),
                                      zh_headers=_headers(kept_zh), lexicon=lexicon)
    return complete_alignment(doc, en, zh, selection, beads)


def align_document(text: str, doc: str, options=None, *, segment_options=None,
                   presegmented: bool = False) -> AlignedDocument:
    """Segment one mixed-language document and align its English and Chinese sentences."""
    document = DocumentInput(doc, text=text)
    en, zh = document_sentences(document, presegmented=presegmented,
                                segment_options=segment_options)
    return align_segments(doc, en, zh, options)


def align_texts(en_text: str, zh_text: str, doc: str, options=None,
                presegmented: bool = False, *, segment_options=None) -> AlignedDocument:
    """Align a document given as an English text and a Chinese text.

    Each text is segmented on its own; the side a sentence goes to is the file it came
    from (a Chinese file's English title stays on the Chinese side, with its detected
    ``lang``), and an empty side is an error: there is nothing to align against.
    """
    document = DocumentInput(doc, en_text=en_text, zh_text=zh_text)
    en, zh = document_sentences(document, presegmented=presegmented,
                                segment_options=segment_options)
    return align_segments(doc, en, zh, options, mixed=False)


def document_sentences(document: DocumentInput, *, presegmented: bool = False,
                       segment_options=None) -> tuple[list[Segment], list[Segment]]:
    """The English and Chinese sentence lists (headers included, labels not) of an input."""
    if document.is_pair:
        sides = []
        for lang, text in ((EN, document.en_text), (ZH, document.zh_text)):
            if presegmented:
                segments = presegmented_segments(text, document.doc, lang)
            else:
                segments = sentences_of(segment_text(text, document.doc, segment_options))
            if not segments:
                name = "English" if lang == EN else "Chinese"
                raise InputError(f"{document.doc}: the {name} text has no sentences")
            sides.append(segments)
        return sides[0], sides[1]
    if presegmented:
        segments = presegmented_segments(document.text, document.doc)
    else:
        segments = segment_text(document.text, document.doc, segment_options)
    return sentences_of(segments, EN), sentences_of(segments, ZH)


def align_input(document: DocumentInput, options=None, *, presegmented: bool = False,
                segment_options=None) -> AlignedDocument:
    """Align one :class:`~aligner.inputs.DocumentInput` (mixed text or a pair)."""
    en, zh = document_sentences(document, presegmented=presegmented,
                                segment_options=segment_options)
    return align_segments(document.doc, en, zh, options, mixed=not document.is_pair)


def align_documents(documents: Iterable[DocumentInput], options=None, *,
                 presegmented: bool = False, segment_options=None) -> list[AlignedDocument]:
    """Align many documents, in order, with the aligner's corpus pass.

    With ``options.learn_lexicon`` (the default) the aligner learns a translation lexicon from
    the confident 1-1 beads of a first pass over *all* bilingual documents and realigns
    with it (Moore 2002), so a corpus aligns better than its documents one by one.
    One-language documents take no part in that and come out as unpaired beads.
    """
    module = _align_module()
    options = options if options is not None else module.AlignOptions()
    prepared = []
    for document in documents:
        en, zh = document_sentences(document, presegmented=presegmented,
                                    segment_options=segment_options)
        selection = select_translated_runs(en, zh, options, mixed=not document.is_pair)
        kept = ([en[i] for i in selection.keep_en], [zh[j] for j in selection.keep_zh])
        prepared.append((document.doc, en, zh, selection, kept))
    bilingual = [k for k, (_, _, _, _, kept) in enumerate(prepared) if kept[0] and kept[1]]
    corpus_beads = module.align_corpus(
        [(_texts(prepared[k][4][0]), _texts(prepared[k][4][1])) for k in bilingual],
        options,
        headers=[(_headers(prepared[k][4][0]), _headers(prepared[k][4][1])) for k in bilingual],
    ) if bilingual else []
    beads_by_doc = dict(zip(bilingual, corpus_beads))
    aligned = []
    for k, (doc, en, zh, selection, _) in enumerate(prepared):
        if not en or not zh:
            aligned.append(AlignedDocument(doc, en, zh, unpaired_beads(en, zh)))
        else:
            aligned.append(complete_alignment(doc, en, zh, selection, beads_by_doc.get(k, [])))
    return aligned


# Former private names, still used by glossary.run.
_unpaired = unpaired_beads
_finish = complete_alignment
_Selection = RunSelection


# --------------------------------------------------------------------------- signature


def _signature_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _changed_fields(options) -> str:
    defaults = type(options)()
    return ",".join(f"{f.name}={getattr(options, f.name)!r}" for f in fields(options)
                    if getattr(options, f.name) != getattr(defaults, f.name)) or "default"


def align_signature(options=None, *, presegmented: bool = False, segment_options=None) -> str:
    """A sacreBLEU-style signature: toolkit version plus the options that shaped the result.

    ``duizhao-align|version:0.1.0|presegmented:no|segment:default|options:default``;
    non-default segmenter and aligner options are listed by name (the version pins every
    default), in their dataclass order, so the same run always prints the same signature.
    """
    from aligner import __version__  # late: the package imports this module

    options = options if options is not None else default_options()
    changed = options.signature() if hasattr(options, "signature") else _changed_fields(options)
    segment = "default" if segment_options is None else _changed_fields(segment_options)
    return (f"duizhao-align|version:{__version__}|presegmented:{_signature_value(presegmented)}"
            f"|segment:{segment}|options:{changed}")
