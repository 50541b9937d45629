"""``duizhao run``: the whole job over a corpus -- align, build the glossary, check -- in parallel.

The work is split so that the same code could run on a distributed engine:

1. **pass 1, per document** (:func:`first_pass`, pure): read and decode, segment, leave out
   untranslated language runs, first-pass alignment, and the document's lexicon counts
   (summed in each worker across all its tasks and sent to the parent once, at the end of the
   pass: integer counts, so any grouping gives the same sums, and the lexicon sorts its
   candidates, so the order in which keys arrive does not matter);
2. **lexicon**: sum the counts (:class:`LexiconTally`) and learn the corpus translation lexicon
   once (Moore 2002's second pass, exactly as :func:`aligner.align_documents`); it reaches the
   workers once, through the pool initializer;
3. **pass 2, per document** (:func:`second_pass`, pure): realign with the lexicon, collect the
   glossary statistics (:class:`~glossary.builder.TermStats`), and the parts of the check that
   need no corpus view: number and unit findings of each pair, probable slips within the
   document, the checker's text units;
4. **corpus** (parent): add the statistics up document by document in input order (they hold
   float sums, whose value depends on the order of additions), finalize the glossary, run the
   corpus-level checks (renderings, glossary compliance, abbreviations), write every output.

Results come back in input order whatever the number of workers and documents per task, so
``workers=1`` and ``workers=N`` write the same bytes (run.json's ``execution`` section aside).
Workers are forked after the parent has loaded the dictionaries (:func:`warm_up`), so they
share them instead of each loading its own. The outputs are built in a hidden sibling folder
and moved into place only when all of them are complete: an interrupted run (Ctrl-C) leaves no
half-written file behind.

A document that cannot be used (unreadable, undecodable, empty, no sentences) does not stop the
run: it is listed as failed in ``run.json`` and reported as an ``input-error`` finding.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import math
import multiprocessing
import operator
import os
import platform
import shutil
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from aligner.align import AlignOptions, align, count_lexicon, document_dictionary, learn_lexicon
from aligner.dictionary import Dictionary
from aligner.document import document_sentences, select_translated_runs
from aligner.errors import InputError
from aligner.inputs import PlannedInput, load_input, plan_inputs
from aligner.lexicon import Lexicon, LexiconCounts
from aligner.records import HEADER, SENTENCE, AlignedDocument, Bead, Segment
from aligner.segmenting import SegmentOptions
from glossary.builder import BuildOptions, TermStats, collect, finalize
from glossary.checker import (
    NUMBERS,
    SEVERITY_RANK,
    VARIANTS,
    CheckOptions,
    check,
    probable_error_findings,
    sort_findings,
)
from glossary.checks.text import units_of
from glossary.records import DISEASE, DRUG, STATISTIC, Finding, Glossary

# The files a run writes, in the order they are moved into place (run.json last: its presence
# says the run finished).
ALIGNED_JSONL = "aligned.jsonl"
ALIGNED_TMX = "aligned.tmx"
ALIGNED_TSV = "aligned.tsv"
GLOSSARY_TSV = "glossary.tsv"
GLOSSARY_TBX = "glossary.tbx"
REPORT_HTML = "report.html"
REPORT_JSONL = "report.jsonl"
RUN_JSON = "run.json"
OUTPUT_FILES = (ALIGNED_JSONL, ALIGNED_TMX, ALIGNED_TSV, GLOSSARY_TSV, GLOSSARY_TBX,
                REPORT_HTML, REPORT_JSONL, RUN_JSON)

INPUT_ERROR = "input-error"
PROCESSING_ERROR = "processing-error"
OK = "ok"
FAILED = "failed"

#: Most documents one worker task carries: big enough that inter-process overhead vanishes
#: next to the work (a small document takes ~0.1 s), small enough to balance the two passes.
MAX_CHUNKSIZE = 16


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class RunOptions:
    """Every setting of a run; the CLI reads its defaults from here.

    ``fail_on``: findings at or above this severity make the run exit with status 1; ``None``
    (the default) means only documents that could not be used do. ``workers`` and
    ``chunksize`` change how fast, never what, the run produces.
    """

    align: AlignOptions = field(default_factory=AlignOptions)
    segment: SegmentOptions = field(default_factory=SegmentOptions)
    build: BuildOptions = field(default_factory=BuildOptions)
    check: CheckOptions = field(default_factory=CheckOptions)
    presegmented: bool = False
    zh_lang: str = "zh-CN"
    fail_on: str | None = None
    workers: int = field(default_factory=default_workers)
    chunksize: int | None = None  # None: chosen from the number of documents and workers

    def __post_init__(self):
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.fail_on is not None and self.fail_on not in SEVERITY_RANK:
            raise ValueError(f"fail_on must be one of {', '.join(SEVERITY_RANK)} or None")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SourceFile:
    """One input file as read: so that a run can be reproduced and compared."""

    path: str
    size: int | None
    sha256: str | None


def describe_file(path: Path) -> SourceFile:
    """Size and SHA-256 of a file (None for what cannot be read: the failure is reported
    when the document is read)."""
    try:
        data = path.read_bytes()
    except OSError:
        with contextlib.suppress(OSError):
            return SourceFile(str(path), path.stat().st_size, None)
        return SourceFile(str(path), None, None)
    return SourceFile(str(path), len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class PreparedDocument:
    """A usable document after pass 1: its sentences, which of them take part in alignment
    (see :func:`aligner.document.select_translated_runs`) and the first-pass beads over those."""

    doc: str
    en: list[Segment]
    zh: list[Segment]
    selection: object
    beads: tuple[Bead, ...]

    @property
    def kept(self) -> tuple[list[Segment], list[Segment]]:
        return ([self.en[i] for i in self.selection.keep_en],
                [self.zh[j] for j in self.selection.keep_zh])


@dataclass(frozen=True)
class FirstPass:
    """What pass 1 returns for one document: the prepared document and its lexicon counts,
    or why it cannot be used."""

    doc: str
    files: tuple[SourceFile, ...]
    prepared: PreparedDocument | None = None
    counts: LexiconCounts | None = None  # None once summed into its chunk's counts
    error: str | None = None
    error_check: str | None = None  # INPUT_ERROR | PROCESSING_ERROR
    seconds: dict = field(default_factory=dict)

    @property
    def sentences(self) -> int:
        return len(self.prepared.en) + len(self.prepared.zh) if self.prepared else 0


@dataclass(frozen=True)
class SecondPass:
    """What pass 2 returns for one document."""

    doc: str
    aligned: AlignedDocument | None = None
    stats: TermStats | None = None
    findings: tuple[Finding, ...] = ()  # number findings, at or above the minimum severity
    probable_errors: tuple[Finding, ...] = ()  # before the corpus check's de-duplication
    units: tuple = ()  # the checker's text units of the document (matching keys computed)
    error: str | None = None
    seconds: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentStatus:
    """One line of ``run.json``'s document list."""

    doc: str
    files: tuple[str, ...]
    status: str  # OK | FAILED
    reason: str | None = None
    monolingual: bool | None = None
    sentences: dict = field(default_factory=dict)  # {"en": n, "zh": n}
    beads: dict = field(default_factory=dict)  # {"1-1": n, ...}

    def record(self) -> dict:
        out: dict = {"doc": self.doc, "files": list(self.files), "status": self.status}
        if self.status == FAILED:
            out["reason"] = self.reason
        else:
            out.update(monolingual=self.monolingual, sentences=self.sentences, beads=self.beads)
        return out


@dataclass
class RunResult:
    """Everything a run produced, before it is written."""

    options: RunOptions
    inputs: list[SourceFile]
    statuses: list[DocumentStatus]
    documents: list[AlignedDocument]
    glossary: Glossary
    findings: list[Finding]
    lexicon_entries: int
    timings: dict
    worker_seconds: dict
    chunksize: int | None = None  # documents per worker task (None: no workers)
    user_glossary: SourceFile | None = None

    @property
    def failed(self) -> list[DocumentStatus]:
        return [s for s in self.statuses if s.status == FAILED]


class _Timer:
    """Seconds spent per stage inside one worker call."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def _texts(segments: Sequence[Segment]) -> list[str]:
    return [s.text for s in segments]


def _headers(segments: Sequence[Segment]) -> list[bool]:
    return [s.kind == HEADER for s in segments]


def _failure(error: BaseException) -> tuple[str, str]:
    if isinstance(error, InputError):
        return str(error), INPUT_ERROR
    return f"{type(error).__name__}: {error}", PROCESSING_ERROR


# --------------------------------------------------------------------------- pass 1


def first_pass(planned: PlannedInput, options: RunOptions) -> FirstPass:
    """Read, segment and first-pass align one document; count its lexicon evidence.

    Pure: the same file and options give the same result in any process. Failures are
    returned, not raised, so one bad file never stops a corpus.
    """
    timer = _Timer()
    files = tuple(describe_file(path) for path in planned.files)
    try:
        with timer("read"):
            document = load_input(planned)
        with timer("segment"):
            en, zh = document_sentences(document, presegmented=options.presegmented,
                                        segment_options=options.segment)
        if not en and not zh:
            raise InputError(f"{planned.doc}: no sentences found in either language")
        with timer("align_first"):
            selection = select_translated_runs(en, zh, options.align,
                                               mixed=not document.is_pair)
            prepared = PreparedDocument(planned.doc, en, zh, selection, ())
            kept_en, kept_zh = prepared.kept
            beads: tuple[Bead, ...] = ()
            counts = LexiconCounts()
            if kept_en and kept_zh:
                beads = tuple(align(_texts(kept_en), _texts(kept_zh), options.align,
                                    en_headers=_headers(kept_en), zh_headers=_headers(kept_zh)))
                if options.align.learn_lexicon:
                    counts = count_lexicon(_texts(kept_en), _texts(kept_zh), beads, options.align)
        return FirstPass(planned.doc, files, dataclasses.replace(prepared, beads=beads), counts,
                         seconds=timer.seconds)
    except Exception as error:  # noqa: BLE001 - reported per document, the run goes on
        reason, check_id = _failure(error)
        return FirstPass(planned.doc, files, counts=LexiconCounts(), error=reason,
                         error_check=check_id, seconds=timer.seconds)


# --------------------------------------------------------------------------- pass 2


def _finish(prepared: PreparedDocument, beads: Sequence[Bead]) -> AlignedDocument:
    """The document's beads over all its sentences, as :func:`aligner.align_documents` does:
    one-language documents get one unpaired bead per sentence, left-out runs come back as
    unpaired beads in their place."""
    from aligner import document as aligner_document

    en, zh = prepared.en, prepared.zh
    if not en or not zh:
        return AlignedDocument(prepared.doc, en, zh, aligner_document._unpaired(en, zh))
    return aligner_document._finish(prepared.doc, en, zh, prepared.selection, beads)


def document_number_findings(document: AlignedDocument) -> list[Finding]:
    """The number-and-unit findings of every pair of one document (no corpus view needed)."""
    from glossary.checks.numbers import number_findings

    found: list[Finding] = []
    for index, bead in enumerate(document.beads):
        if bead.en_text.strip() and bead.zh_text.strip():
            found += number_findings(document.doc, index, bead.en_text, bead.zh_text)
    return found


def realignment_evidence(options: RunOptions, lexicon: Lexicon) -> Dictionary:
    """The aligner's bilingual evidence for pass 2: its dictionary with the corpus lexicon
    merged in -- what ``align(..., lexicon=lexicon)`` builds for itself, document after
    document (a copy of all of CC-CEDICT each time, about half of pass 2's aligning time).
    Built once per run and passed to every document instead."""
    return document_dictionary(options.align, lexicon, None)


def second_pass(prepared: PreparedDocument, options: RunOptions,
                lexicon: Lexicon | None, evidence: Dictionary | None = None) -> SecondPass:
    """Realign one document with the corpus lexicon; collect its glossary statistics and its
    per-pair findings. Pure, like :func:`first_pass`. ``evidence``: the lexicon merged into
    the aligner's dictionary (:func:`realignment_evidence`), built here if not given."""
    timer = _Timer()
    try:
        with timer("align_second"):
            beads: Sequence[Bead] = prepared.beads
            kept_en, kept_zh = prepared.kept
            if lexicon is not None and kept_en and kept_zh:
                if evidence is None:
                    evidence = realignment_evidence(options, lexicon)
                beads = align(_texts(kept_en), _texts(kept_zh), options.align,
                              en_headers=_headers(kept_en), zh_headers=_headers(kept_zh),
                              dictionary=evidence)
            aligned = _finish(prepared, beads)
        with timer("glossary_collect"):
            stats = collect(aligned, options.build)
        findings: list[Finding] = []
        if NUMBERS in options.check.checks:
            with timer("number_check"):
                threshold = SEVERITY_RANK[options.check.min_severity]
                findings = [f for f in document_number_findings(aligned)
                            if SEVERITY_RANK[f.severity] >= threshold]
        with timer("check_units"):
            units = tuple(units_of([aligned]))
        with timer("probable_errors"):
            probable = probable_error_findings(aligned, options.check, units=units)
        return SecondPass(prepared.doc, aligned, stats, tuple(findings), tuple(probable), units,
                          seconds=timer.seconds)
    except Exception as error:  # noqa: BLE001 - reported per document, the run goes on
        return SecondPass(prepared.doc, error=_failure(error)[0], seconds=timer.seconds)


# --------------------------------------------------------------------------- merging


def add_counts(total: Counter, part: Mapping) -> None:
    """``total.update(part)`` for positive integer counts, with the loop in C: Counter.update
    adds a mapping key by key in Python, and adding each document's (stem, n-gram) pair counts
    that way was a fifth of pass 1. Same sums, same key order (a key already there keeps its
    place, new keys follow in ``part``'s order)."""
    if part is total:
        part = dict(part)
    if not total:
        dict.update(total, part)
        return
    keys = part.keys()
    dict.update(total, zip(keys, map(operator.add, part.values(), map(total.get, keys, repeat(0)))))


class LexiconTally:
    """Lexicon counts summed in place, in the order they are added: the same counts (and the
    same key order) as ``a + b + ...`` without copying the growing total at every step."""

    def __init__(self) -> None:
        self.beads = 0
        self.en: Counter = Counter()
        self.zh: Counter = Counter()
        self.pairs: Counter = Counter()

    def add(self, counts: LexiconCounts) -> None:
        self.beads += counts.beads
        add_counts(self.en, counts.en)
        add_counts(self.zh, counts.zh)
        add_counts(self.pairs, counts.pairs)

    def total(self) -> LexiconCounts:
        return LexiconCounts(self.beads, self.en, self.zh, self.pairs)


@dataclass(frozen=True)
class ChunkResult:
    """A run of consecutive documents processed together: their records (without their
    mergeable part) and that part summed over the chunk in input order, so a worker sends
    one sum instead of one per document."""

    results: tuple
    merged: object  # LexiconCounts (pass 1); None (pass 2)


def first_pass_chunk(planned: Sequence[PlannedInput], options: RunOptions,
                     tally: LexiconTally | None = None) -> ChunkResult:
    """:func:`first_pass` over consecutive documents, their lexicon counts summed: into
    ``tally`` (a running sum that outlives the chunk) if given, else into the chunk's own sum,
    returned as its ``merged``. Adding a document's counts is a dictionary update per
    (stem, n-gram) pair -- about a fifth of pass 1 --, so each is added once, straight into
    the sum that will be sent."""
    own = tally if tally is not None else LexiconTally()
    results = []
    for item in planned:
        result = first_pass(item, options)
        own.add(result.counts)
        results.append(dataclasses.replace(result, counts=None))
    return ChunkResult(tuple(results), None if tally is not None else own.total())


def second_pass_chunk(prepared: Sequence[PreparedDocument], options: RunOptions,
                      lexicon: Lexicon | None, evidence: Dictionary | None = None
                      ) -> ChunkResult:
    """:func:`second_pass` over consecutive documents.

    Their glossary statistics are not summed here: they hold sums of floating-point scores,
    and float addition is not associative, so only one order of additions -- document by
    document, in input order, as :func:`glossary.build` does -- gives the same bytes for any
    number of workers. The parent adds them up.
    """
    if lexicon is not None and evidence is None:
        evidence = realignment_evidence(options, lexicon)
    return ChunkResult(tuple(second_pass(item, options, lexicon, evidence) for item in prepared),
                       None)


def chunks(items: Sequence, size: int) -> list[list]:
    """Consecutive runs of ``size`` items (the last may be shorter)."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


# --------------------------------------------------------------------------- workers


class WorkerInterrupted(Exception):
    """A worker was interrupted (KeyboardInterrupt) while processing a document.

    Raised as an ordinary exception so the pool hands it back to the parent (a bare
    KeyboardInterrupt in a pool worker kills the worker and leaves the parent waiting).
    """


_WORKER_CONTEXT: dict = {}  # per worker process: the arguments shared by every task


def _init_worker(context: dict) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle; receive the shared arguments once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_CONTEXT.clear()
    _WORKER_CONTEXT.update(context)


def _first_pass_task(planned: list[PlannedInput]) -> ChunkResult:
    """Pass 1 over a chunk; its lexicon counts stay in this worker's running sum (sent once,
    by :func:`_first_pass_flush`): the counts of 16 documents pickle to ~2 MB, and the parent
    unpickling and adding them chunk by chunk took a core's worth of time away from the
    workers."""
    try:
        return first_pass_chunk(planned, _WORKER_CONTEXT["options"],
                                _WORKER_CONTEXT.setdefault("tally", LexiconTally()))
    except KeyboardInterrupt:
        raise WorkerInterrupted(planned[0].doc) from None


#: Longest wait (seconds) for every worker to take its flush task: only a crashed worker
#: could keep one away, and then the run fails instead of hanging.
FLUSH_TIMEOUT = 600.0


def _first_pass_flush(_index: int) -> ChunkResult:
    """This worker's summed lexicon counts, once at the end of pass 1. The barrier holds
    each worker here until all have arrived, so each takes exactly one flush task."""
    _WORKER_CONTEXT["barrier"].wait(FLUSH_TIMEOUT)
    tally = _WORKER_CONTEXT.pop("tally", None) or LexiconTally()
    return ChunkResult((), tally.total())


def _second_pass_task(prepared: list[PreparedDocument]) -> ChunkResult:
    try:
        return second_pass_chunk(prepared, _WORKER_CONTEXT["options"], _WORKER_CONTEXT["lexicon"],
                                 _WORKER_CONTEXT["evidence"])
    except KeyboardInterrupt:
        raise WorkerInterrupted(prepared[0].doc) from None


def choose_chunksize(documents: int, workers: int, limit: int = MAX_CHUNKSIZE) -> int:
    """Documents per task: about four tasks per worker, at most ``limit``."""
    if workers <= 1 or documents <= 0:
        return 1
    return max(1, min(limit, math.ceil(documents / (workers * 4))))


def _context():
    """Fork where the platform has it: workers start with the parent's loaded dictionaries
    (CC-CEDICT, the glossary lexicon) instead of loading them again, and share their memory."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _parallel_map(task: Callable, items: Sequence, context: dict, workers: int,
                  flush: Callable | None = None) -> Iterator:
    """``task`` over ``items`` in a process pool, results in input order; then, with
    ``flush``, one ``flush(i)`` result per worker process (in no particular order), for what a
    worker accumulated across its tasks.

    On any exception in the parent (Ctrl-C included) the workers are terminated at once.
    """
    # Objects alive now (dictionaries, the corpus so far) are left out of garbage collection:
    # otherwise every collection in a forked worker walks them all, touching their pages so
    # that the memory shared with the parent is copied, and costing the time of a full scan.
    gc.freeze()
    processes = min(workers, len(items))
    if flush is not None:
        context = dict(context, barrier=_context().Barrier(processes))
    pool = _context().Pool(processes, initializer=_init_worker, initargs=(context,))
    finished = False
    try:
        try:
            yield from pool.imap(task, items)
            if flush is not None:
                yield from pool.imap_unordered(flush, range(processes))
        except WorkerInterrupted:
            raise KeyboardInterrupt from None
        pool.close()
        finished = True
    finally:
        if not finished:
            pool.terminate()
        pool.join()
        gc.unfreeze()


def map_chunks(function: Callable, task: Callable, items: Sequence, context: dict,
               workers: int, chunksize: int, flush: Callable | None = None
               ) -> Iterator[ChunkResult]:
    """``function(chunk, **context)`` over consecutive chunks of ``items``, in input order: in
    this process one document at a time with one worker; in a pool of ``workers`` processes
    (``task`` reading ``context``, sent once per worker) otherwise, followed by the workers'
    ``flush`` results (see :func:`_parallel_map`)."""
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield function([item], **context)
        return
    yield from _parallel_map(task, chunks(items, chunksize), context, workers, flush)


WARM_ALIGNING = "aligning"
WARM_GLOSSARY = "glossary"


def warm_up(options: RunOptions, stages: Sequence[str] = (WARM_ALIGNING, WARM_GLOSSARY)) -> None:
    """Load the dictionaries and models the passes need, once, in this process.

    Run before forking workers: they inherit them instead of each loading its own copy. Uses
    a two-sentence document through the public functions, so it loads exactly what a run uses.
    ``stages``: WARM_ALIGNING loads what pass 1 needs (segmenting, CC-CEDICT for the aligner);
    WARM_GLOSSARY what only pass 2 needs (the glossary lexicon, the checks' resources), so that
    :func:`run_corpus` can load it while pass 1's workers run instead of before.
    """
    from aligner.inputs import DocumentInput

    try:
        _warm_up(options, DocumentInput, stages)
    except Exception:  # noqa: BLE001 - an optimisation only: workers then load on their own
        pass


#: A small document that goes through every lazily loaded resource: CC-CEDICT (aligner), the
#: PDF-repair vocabulary (a hyphen at a line break), the glossary lexicon and jieba (a
#: disease, a drug, a statistic to anchor), the number reader.
_WARM_UP_EN = ("Patients with systemic lupus erythematosus received\nrituximab 375 mg/m2, and "
               "the odds ratio was 2.5\n(95% confidence interval 1.1-5.2; P = 0.03).\n\n"
               "Lupus nephritis (LN) was con-\nfirmed in 12 patients.\n")
_WARM_UP_ZH = ("系统性红斑狼疮患者接受利妥昔单抗375 mg/m2治疗，优势比为2.5（95%置信区间1.1～5.2；"
               "P = 0.03）。\n\n12例患者确诊狼疮肾炎(LN)。\n")


def _warm_up(options: RunOptions, DocumentInput, stages: Sequence[str]) -> None:
    sample = DocumentInput("warm-up", en_text=_WARM_UP_EN, zh_text=_WARM_UP_ZH)
    en, zh = document_sentences(sample, segment_options=options.segment)
    selection = select_translated_runs(en, zh, options.align, mixed=False)
    beads = tuple(align(_texts(en), _texts(zh), options.align))
    if WARM_GLOSSARY not in stages:
        return
    aligned = _finish(PreparedDocument("warm-up", en, zh, selection, beads), beads)
    finalize(collect(aligned, options.build), options.build)
    document_number_findings(aligned)
    probable_error_findings(aligned, options.check)
    units_of([aligned])


# --------------------------------------------------------------------------- the run


def _add_seconds(total: dict, seconds: dict) -> None:
    for stage, value in seconds.items():
        total[stage] = total.get(stage, 0.0) + value


def _status(result: FirstPass, aligned: AlignedDocument | None, error: str | None) -> DocumentStatus:
    files = tuple(f.path for f in result.files)
    if error is not None:
        return DocumentStatus(result.doc, files, FAILED, reason=error)
    kinds = Counter(bead.kind for bead in aligned.beads)
    return DocumentStatus(
        result.doc, files, OK, monolingual=is_one_language(aligned),
        sentences={"en": len(aligned.en), "zh": len(aligned.zh)},
        beads=dict(sorted(kinds.items(), key=lambda kv: _kind_order(kv[0]))))


def is_one_language(document: AlignedDocument) -> bool:
    """True when one language has no sentence apart from header lines (a title, a citation,
    a copyright line): a Chinese article quoting its English reference is still a Chinese-only
    document for its reader, and nothing in it was translated."""
    return not any(s.kind == SENTENCE for s in document.en) or \
        not any(s.kind == SENTENCE for s in document.zh)


def _kind_order(kind: str) -> tuple[int, int]:
    en, zh = kind.split("-")
    return int(en) + int(zh), -int(en)


def corpus_term_pairs(glossary: Glossary) -> list[tuple[str, str]]:
    """The (English, Chinese) drug/disease/statistic pairs of the built glossary: what the
    renderings check compares the corpus against (as ``duizhao check`` builds them)."""
    return [(e.en, e.zh) for e in glossary if e.category in (DRUG, DISEASE, STATISTIC)]


def corpus_findings(documents: Sequence[AlignedDocument], built: Glossary,
                    options: CheckOptions, user_glossary: Glossary | None = None, *,
                    probable_errors: Sequence[Finding] | None = None,
                    units: Sequence | None = None) -> list[Finding]:
    """The checks that need the whole corpus (everything but the per-pair number check);
    ``probable_errors`` and ``units``: the per-document slips and text units, in document
    order, if computed already (in the workers)."""
    from glossary.synonyms import load_families

    corpus_checks = tuple(c for c in options.checks if c != NUMBERS)
    if not corpus_checks:
        return []
    pairs = (corpus_term_pairs(built)
             if options.aligned_renderings and VARIANTS in corpus_checks else [])
    families = load_families(options.synonyms, shipped=options.shipped_synonyms)
    return check(documents, user_glossary, dataclasses.replace(options, checks=corpus_checks),
                 families=families, term_pairs=pairs, probable_errors=probable_errors,
                 units=units)


ProgressFactory = Callable[[int, str], object]


def _no_progress(total: int, label: str):
    from glossary.progress import Progress

    return Progress(total, label, enabled=False)


def run_corpus(planned: Sequence[PlannedInput], options: RunOptions | None = None, *,
               user_glossary: Glossary | None = None, user_glossary_file: SourceFile | None = None,
               progress: ProgressFactory = _no_progress,
               documents_ready: Callable[[list[AlignedDocument]], None] | None = None) -> RunResult:
    """Run the four phases over ``planned`` documents (see the module docstring).

    ``documents_ready`` is called with the aligned documents as soon as they are known, before
    the glossary and the corpus checks (see :class:`AlignedFilesWriter`)."""
    options = options or RunOptions()
    planned = list(planned)
    timings: dict[str, float] = {}
    worker_seconds: dict[str, float] = {}
    started = time.perf_counter()
    parallel = options.workers > 1 and len(planned) > 1
    chunksize = options.chunksize or choose_chunksize(len(planned), options.workers)

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 3)
        return now

    clock = time.perf_counter()
    if parallel:
        warm_up(options, (WARM_ALIGNING,))
        clock = lap("warm_up", clock)

    workers = options.workers if parallel else 1

    # (1) pass 1 per document; lexicon counts summed as they arrive
    first: list[FirstPass] = []
    tally = LexiconTally()
    with progress(len(planned), "pass 1/2 align") as bar:
        for chunk in map_chunks(first_pass_chunk, _first_pass_task, planned,
                                {"options": options, **({} if parallel else {"tally": tally})},
                                workers, chunksize,
                                flush=_first_pass_flush):
            if chunk.merged is not None:
                tally.add(chunk.merged)
            if parallel and "warm_up_glossary" not in timings:
                # pass 2's resources load here while the workers align: the parent is idle
                # otherwise, and pass 2's workers, forked later, inherit them
                loading = time.perf_counter()
                warm_up(options, (WARM_GLOSSARY,))
                timings["warm_up_glossary"] = round(time.perf_counter() - loading, 3)
            for result in chunk.results:
                first.append(result)
                _add_seconds(worker_seconds, result.seconds)
                bar.update(1, result.sentences)
    clock = lap("pass1", clock)

    # (2) learn the lexicon from the summed counts
    lexicon: Lexicon | None = None
    usable = [r for r in first if r.prepared is not None]
    if options.align.learn_lexicon and any(r.prepared.beads for r in usable):
        lexicon = learn_lexicon(tally.total(), options.align)
        if not lexicon.dictionary.by_chinese:
            lexicon = None
    del tally
    # merged once here: forked workers share it (see realignment_evidence)
    evidence = realignment_evidence(options, lexicon) if lexicon is not None else None
    clock = lap("lexicon", clock)

    # (3) pass 2 per usable document; glossary statistics added up in input order
    second: dict[str, SecondPass] = {}
    stats = TermStats()
    with progress(len(usable), "pass 2/2 glossary") as bar:
        for chunk in map_chunks(second_pass_chunk, _second_pass_task,
                                [r.prepared for r in usable],
                                {"options": options, "lexicon": lexicon, "evidence": evidence},
                                workers, chunksize):
            for result in chunk.results:
                if result.stats is not None:
                    stats.update(result.stats)
                second[result.doc] = dataclasses.replace(result, stats=None)
                _add_seconds(worker_seconds, result.seconds)
                bar.update(1, len(result.aligned.en) + len(result.aligned.zh)
                           if result.aligned else 0)
    clock = lap("pass2", clock)

    # (4) corpus: statuses in input order, merged statistics, glossary, checks
    statuses: list[DocumentStatus] = []
    documents: list[AlignedDocument] = []
    failures: list[Finding] = []
    for result in first:
        done = second.get(result.doc)
        error = result.error if result.prepared is None else done.error
        check_id = result.error_check if result.prepared is None else PROCESSING_ERROR
        statuses.append(_status(result, done.aligned if done else None, error))
        if error is not None:
            failures.append(Finding(check_id, "error", result.doc, error))
        else:
            documents.append(done.aligned)
    if documents_ready is not None:
        documents_ready(documents)
    built = finalize(stats, options.build)
    clock = lap("glossary", clock)
    probable = [f for document in documents for f in second[document.doc].probable_errors]
    units = [u for document in documents for u in second[document.doc].units]
    findings = corpus_findings(documents, built, options.check, user_glossary,
                               probable_errors=probable, units=units)
    del units
    for document in documents:
        findings += second[document.doc].findings
    order = {p.doc: index for index, p in enumerate(planned)}
    findings = sort_findings(findings + failures, order)
    clock = lap("check", clock)
    timings["total_before_write"] = round(clock - started, 3)
    return RunResult(
        options=options,
        inputs=[f for result in first for f in result.files],
        statuses=statuses, documents=documents, glossary=built, findings=findings,
        lexicon_entries=len(lexicon.entries) if lexicon else 0,
        timings=timings, worker_seconds={k: round(v, 3) for k, v in sorted(worker_seconds.items())},
        chunksize=chunksize if parallel else None, user_glossary=user_glossary_file)


# --------------------------------------------------------------------------- outputs


def signature_of(options: RunOptions) -> str:
    """The aligner's signature (toolkit version and non-default options) for TMX headers."""
    from aligner.document import align_signature

    return align_signature(options.align, presegmented=options.presegmented,
                           segment_options=options.segment)


def _settings(options: RunOptions) -> dict:
    check_settings = dataclasses.asdict(options.check)
    check_settings.pop("fail_on")  # the run's own fail_on decides its exit status
    return {
        "align": dataclasses.asdict(options.align),
        "segment": dataclasses.asdict(options.segment),
        "presegmented": options.presegmented,
        "build": dataclasses.asdict(options.build),
        "check": check_settings,
        "zh_lang": options.zh_lang,
        "fail_on": options.fail_on,
    }


def _totals(result: RunResult) -> dict:
    beads: Counter = Counter()
    for status in result.statuses:
        beads.update(status.beads)
    ok = [s for s in result.statuses if s.status == OK]
    return {
        "documents": len(result.statuses),
        "ok": len(ok),
        "failed": len(result.failed),
        "monolingual": sum(1 for s in ok if s.monolingual),
        "sentences": {"en": sum(s.sentences["en"] for s in ok),
                      "zh": sum(s.sentences["zh"] for s in ok)},
        "beads": dict(sorted(beads.items(), key=lambda kv: _kind_order(kv[0]))),
        "paired_beads": sum(n for kind, n in beads.items() if "0" not in kind.split("-")),
        "learned_lexicon_entries": result.lexicon_entries,
        "glossary_entries": dict(sorted(Counter(e.category for e in result.glossary).items())),
        "findings": {
            "by_check": dict(sorted(Counter(f.check for f in result.findings).items())),
            "by_severity": dict(sorted(Counter(f.severity for f in result.findings).items())),
        },
    }


def run_record(result: RunResult, *, write_seconds: float | None = None) -> dict:
    """The content of ``run.json``. Everything under ``execution`` (workers, timings, host)
    may differ between two runs whose outputs are identical; nothing else does."""
    from aligner import __version__

    timings = dict(result.timings)
    if write_seconds is not None:
        timings["write"] = round(write_seconds, 3)
    return {
        "tool": "duizhao",
        "version": __version__,
        "signature": signature_of(result.options),
        "settings": _settings(result.options),
        "inputs": [dataclasses.asdict(f) for f in result.inputs],
        "glossary_input": dataclasses.asdict(result.user_glossary) if result.user_glossary else None,
        "outputs": list(OUTPUT_FILES),
        "totals": _totals(result),
        "documents": [s.record() for s in result.statuses],
        "execution": {
            "workers": result.options.workers,
            "chunksize": result.chunksize,
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
            "timings_s": timings,
            "worker_seconds": result.worker_seconds,
        },
    }


def _is_flat(value: object) -> bool:
    """A value short enough to print on one line: a scalar, or a list of flat lists/scalars."""
    if isinstance(value, (list, tuple)):
        return all(not isinstance(v, (dict, list, tuple)) or
                   (isinstance(v, (list, tuple)) and _is_flat(v)) for v in value)
    return not isinstance(value, dict)


def json_text(value: object, indent: int = 0) -> str:
    """Indented JSON (UTF-8, keys in insertion order) with short lists kept on one line,
    so ``run.json`` reads and diffs well."""
    if isinstance(value, dict) and value:
        pad = " " * (indent + 2)
        items = [f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {json_text(v, indent + 2)}"
                 for k, v in value.items()]
        text = "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    elif isinstance(value, (list, tuple)) and value and not _is_flat(value):
        pad = " " * (indent + 2)
        text = "[\n" + ",\n".join(pad + json_text(v, indent + 2) for v in value) + \
            "\n" + " " * indent + "]"
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text + ("\n" if indent == 0 else "")


ALIGNED_FILES = ((ALIGNED_JSONL, "jsonl"), (ALIGNED_TMX, "tmx"), (ALIGNED_TSV, "tsv"))


def write_aligned_files(documents: Sequence[AlignedDocument], options: RunOptions,
                        folder: Path) -> None:
    """aligned.jsonl, aligned.tmx and aligned.tsv: they need nothing but the documents."""
    from aligner.formats import FormatOptions, write_aligned

    format_options = FormatOptions(zh_lang=options.zh_lang, signature=signature_of(options))
    for name, fmt in ALIGNED_FILES:
        with open(folder / name, "w", encoding="utf-8", newline="") as stream:
            write_aligned(documents, stream, fmt, format_options)


def _write_aligned_files_in_child(documents: Sequence[AlignedDocument], options: RunOptions,
                                  folder: Path) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it terminates us
    try:
        write_aligned_files(documents, options, folder)
    except BaseException:  # noqa: BLE001 - the parent writes them again and reports the error
        raise SystemExit(1) from None


class AlignedFilesWriter:
    """Writes the aligned files in a forked process while the parent builds the glossary and
    runs the corpus checks, which keep one core busy for seconds at the end of a run while
    the other would be idle. Only for parallel runs on platforms that fork (the child
    inherits the documents; nothing is pickled). :meth:`finish` waits for it; if it failed,
    the parent writes the files itself (and so reports the real error)."""

    def __init__(self, folder: Path, options: RunOptions) -> None:
        self.folder, self.options = folder, options
        self.process = None

    def start(self, documents: list[AlignedDocument]) -> None:
        if self.options.workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return
        self.process = multiprocessing.get_context("fork").Process(
            target=_write_aligned_files_in_child, args=(documents, self.options, self.folder),
            daemon=True)
        self.process.start()

    def finish(self) -> tuple[str, ...]:
        """The files written by the child (none if it did not run or failed)."""
        if self.process is None:
            return ()
        self.process.join()
        succeeded = self.process.exitcode == 0
        self.process = None
        return tuple(name for name, _ in ALIGNED_FILES) if succeeded else ()

    def cancel(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def write_outputs(result: RunResult, folder: Path, written: Sequence[str] = ()) -> None:
    """Write every output file of ``result`` into ``folder`` (a staging folder), but those
    ``written`` already (by :class:`AlignedFilesWriter`)."""
    from aligner import __version__
    from glossary.formats import dumps_glossary
    from glossary.report_html import render_html
    from glossary.report_text import format_json_lines

    started = time.perf_counter()
    signature = signature_of(result.options)

    def write(name: str, text_or_writer) -> None:
        with open(folder / name, "w", encoding="utf-8", newline="") as stream:
            if callable(text_or_writer):
                text_or_writer(stream)
            else:
                stream.write(text_or_writer)

    if not all(name in written for name, _ in ALIGNED_FILES):
        write_aligned_files(result.documents, result.options, folder)
    write(GLOSSARY_TSV, dumps_glossary(result.glossary, "tsv"))
    write(GLOSSARY_TBX, dumps_glossary(result.glossary, "tbx"))
    write(REPORT_JSONL, format_json_lines(result.findings, result.documents))
    totals = _totals(result)
    write(REPORT_HTML, render_html(
        result.documents, result.findings, title="duizhao run report",
        signature={"version": __version__, "documents": totals["documents"], "failed": totals["failed"],
                   "one-language": totals["monolingual"], "align": signature}))
    record = run_record(result, write_seconds=time.perf_counter() - started)
    write(RUN_JSON, json_text(record))


def check_output_folder(outdir: Path, force: bool) -> None:
    """Refuse an output folder that would mix runs: an existing non-empty folder needs
    ``force`` (which replaces the run's files and leaves any other file alone)."""
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"{outdir}: exists and is not a folder")
    if outdir.is_dir() and any(outdir.iterdir()) and not force:
        raise InputError(f"{outdir}: the output folder exists and is not empty; "
                         "use --force to replace the run's files in it")


@contextlib.contextmanager
def staged_output(outdir: Path, force: bool = False) -> Iterator[Path]:
    """A hidden sibling folder to write into; moved into place when the block ends cleanly,
    removed on any exception (KeyboardInterrupt included), so ``outdir`` only ever holds
    complete outputs: a new folder appears at once (one rename), in an existing folder each
    file is replaced atomically, ``run.json`` last."""
    check_output_folder(outdir, force)
    parent = outdir.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", suffix=".partial", dir=parent))
    try:
        yield staging
        check_output_folder(outdir, force)  # nothing appeared meanwhile
        umask = os.umask(0)
        os.umask(umask)
        for name in os.listdir(staging):
            os.chmod(staging / name, 0o666 & ~umask)
        if outdir.exists():
            for name in OUTPUT_FILES:
                if (staging / name).exists():
                    os.replace(staging / name, outdir / name)
        else:
            os.chmod(staging, 0o777 & ~umask)
            os.rename(staging, outdir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run(paths: Iterable[str | Path] = (), outdir: str | Path = "out", options: RunOptions | None = None,
        *, en: str | Path | None = None, zh: str | Path | None = None, force: bool = False,
        glossary_file: str | Path | None = None,
        progress: ProgressFactory = _no_progress) -> RunResult:
    """The whole job: find the documents, run the phases, write every output into ``outdir``.

    Usage errors (missing paths, an unpaired language file, an existing output folder without
    ``force``, an unreadable ``glossary_file``) raise InputError before any work; a document
    that cannot be used is reported in the result and the outputs instead.
    """
    from glossary.errors import GlossaryError
    from glossary.formats import read_glossary

    options = options or RunOptions()
    outdir = Path(outdir)
    check_output_folder(outdir, force)
    planned = plan_inputs(paths, en=en, zh=zh)
    user_glossary, user_glossary_file = None, None
    if glossary_file is not None:
        try:
            user_glossary = read_glossary(glossary_file)
        except (GlossaryError, OSError) as error:
            raise InputError(f"--glossary: {error}") from None
        user_glossary_file = describe_file(Path(glossary_file))
    with staged_output(outdir, force) as staging:
        writer = AlignedFilesWriter(staging, options)
        try:
            result = run_corpus(planned, options, user_glossary=user_glossary,
                                user_glossary_file=user_glossary_file, progress=progress,
                                documents_ready=writer.start)
            write_outputs(result, staging, written=writer.finish())
        finally:
            writer.cancel()
    return result


def exit_status(result: RunResult) -> int:
    """1 when a document could not be used, or a finding reaches ``options.fail_on``; else 0."""
    if result.failed:
        return 1
    fail_on = result.options.fail_on
    if fail_on is not None and any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on]
                                   for f in result.findings):
        return 1
    return 0


def summary(result: RunResult, outdir: str | Path) -> str:
    """One line for the terminal at the end of a run."""
    totals = _totals(result)
    sentences = totals["sentences"]["en"] + totals["sentences"]["zh"]
    failed = f", {totals['failed']} failed" if totals["failed"] else ""
    mono = f", {totals['monolingual']} one-language" if totals["monolingual"] else ""
    plural = "" if totals["documents"] == 1 else "s"
    return (f"{totals['documents']} document{plural}{failed}{mono}; {sentences} sentences, "
            f"{totals['paired_beads']} aligned pairs, {len(result.glossary)} glossary entries, "
            f"{len(result.findings)} findings -> {str(outdir).rstrip(os.sep)}{os.sep}")
