"""Segment one document into English and Chinese sentences, headers and labels.

Pipeline: lines (language, header shape) → language runs → units (paragraphs, after PDF
repair) → kinds (front matter, references, labels) → sentences. Every segment carries offsets
into the decoded original text; its ``text`` is the cleaned text (line breaks joined).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.blocks import (
    Line,
    analyse_lines,
    is_chinese_author_line,
    is_header_line,
    is_name_list,
    label_spans,
    language_runs,
    peel_labels,
)
from aligner.pdfrepair import Rejoined, hyphen_decider, rejoin, units
from aligner.records import EN, HEADER, LABEL, SENTENCE, ZH, Segment
from aligner.sentences import split_chinese, split_english


@dataclass(frozen=True)
class SegmentOptions:
    """Options of the segmenter; the CLI shows these defaults."""

    split_on_semicolon: bool = False  # end a Chinese sentence at ；(clause-level segments)
    repair_pdf: bool = True  # join hard-wrapped / one-word-per-line text, drop break hyphens
    detect_headers: bool = True  # authors, affiliations, citations, titles, references → header
    detect_labels: bool = True  # Objective/Methods/…, 目的/方法/… → label


_REFERENCES_HEADING_RE = re.compile(
    r"^(?:参考文献|參考文獻|references?|bibliography|literature cited)\s*[:：]?$", re.IGNORECASE
)
_REFERENCE_LIKE_RE = re.compile(r"^\s*(?:\[\d+\]|\d+\.\s)|\b(?:19|20)\d{2}\b")
_TITLE_END_RE = re.compile(r"[.!?。！？…][\"'”’)\]）】」』*]*$")


@dataclass
class _Unit:
    lang: str
    lines: list[Line]
    header: bool
    cleaned: Rejoined | None = None


def _is_header_unit(lines: list[Line], text: str) -> bool:
    """A one-line unit is a header when its line is; a wrapped paragraph when it reads as a
    header once joined, or when most of its lines are header lines."""
    flagged = sum(1 for line in lines if line.header)
    if len(lines) == 1 or not flagged:
        return flagged == len(lines)
    return flagged * 2 >= len(lines) or is_header_line(text)


def _is_title_like(text: str) -> bool:
    return len(text) <= 250 and not _TITLE_END_RE.search(text) and peel_labels(text) == 0


def _is_one_sentence_title(unit: _Unit, following: _Unit) -> bool:
    text = unit.cleaned.text
    sentences = split_english(text) if unit.lang == EN else split_chinese(text)
    return following.lang == unit.lang and len(sentences) == 1 and peel_labels(text) == 0


def _is_author_line(text: str) -> bool:
    return is_name_list(text) and "(" not in text[:3] or is_chinese_author_line(text)


def _mark_front_matter_and_references(units: list[_Unit]) -> None:
    """Titles and page furniture before the first body paragraph, short title-like lines after
    the last, and everything after a References heading are headers."""
    for index, unit in enumerate(units):
        if unit.header:
            continue
        if _is_title_like(unit.cleaned.text):
            unit.header = True
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if following is not None and following.header and _is_one_sentence_title(unit, following):
            unit.header = True  # an article title with a full stop, followed by its authors
            continue
        break
    # A title inside the document (the English title of a Chinese article) sits right above
    # its author line.
    for unit, following in zip(units, units[1:]):
        if (
            not unit.header
            and following.header
            and _is_author_line(following.cleaned.text)
            and (_is_title_like(unit.cleaned.text) or _is_one_sentence_title(unit, following))
        ):
            unit.header = True
    for unit in reversed(units):
        if unit.header:
            continue
        if _is_title_like(unit.cleaned.text) and len(unit.cleaned.text) <= 40:
            unit.header = True
            continue
        break
    in_references: str | None = None
    for unit in units:
        text = unit.cleaned.text
        if in_references is None:
            if _REFERENCES_HEADING_RE.match(text):
                in_references = unit.lang
                unit.header = True
            continue
        if unit.lang != in_references and len(text) >= 40 and not _REFERENCE_LIKE_RE.search(text):
            in_references = None
            continue
        unit.header = True


def segment_document(
    text: str,
    doc: str,
    options: SegmentOptions | None = None,
    *,
    vocabulary: frozenset[str] | None = None,
) -> list[Segment]:
    """All segments (sentences, headers, labels) of both languages, in document order.

    ``vocabulary`` (English words) decides line-break hyphens the document itself does not;
    by default CC-CEDICT's English glosses, loaded only when needed.
    """
    options = options or SegmentOptions()
    lines = analyse_lines(text)
    if not options.detect_headers:
        lines = [Line(l.start, l.end, l.text, l.indent, l.lang, False) for l in lines]
    decider = None
    if options.repair_pdf:
        decider = _LazyDecider(text, vocabulary)
    found: list[_Unit] = []
    for run in language_runs(lines):
        groups = units(run) if options.repair_pdf else [[line] for line in run]
        for group in groups:
            unit = _Unit(group[0].lang or EN, group, False)
            unit.cleaned = rejoin(text, group[0].start, group[-1].end, decider, unit.lang)
            unit.header = _is_header_unit(group, unit.cleaned.text)
            found.append(unit)
    if options.detect_headers:
        _mark_front_matter_and_references(found)
    segments: list[Segment] = []
    for unit in found:
        segments.extend(_unit_segments(unit, doc, options))
    return segments


class _LazyDecider:
    """Builds the document's hyphen decider on first use (most documents never need it)."""

    def __init__(self, text: str, vocabulary: frozenset[str] | None):
        self._text = text
        self._vocabulary = vocabulary
        self._decider = None

    def __call__(self, left: str, right: str) -> bool:
        if self._decider is None:
            self._decider = hyphen_decider(self._text, self._vocabulary)
        return self._decider(left, right)


def _make_segment(doc: str, lang: str, kind: str, cleaned: Rejoined, start: int, end: int) -> Segment:
    return Segment(
        doc=doc,
        lang=lang,
        kind=kind,
        text=cleaned.text[start:end],
        start=cleaned.original(start),
        end=cleaned.original(end - 1) + 1,
    )


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unit_segments(unit: _Unit, doc: str, options: SegmentOptions) -> list[Segment]:
    cleaned = unit.cleaned
    text = cleaned.text
    if unit.header:
        return [_make_segment(doc, unit.lang, HEADER, cleaned, 0, len(text))]
    if unit.lang == ZH:
        spans = split_chinese(text, options.split_on_semicolon)
    else:
        spans = split_english(text)
    segments = []
    for start, end in spans:
        if options.detect_labels:
            labels = label_spans(text[start:end])
            for label_start, label_end in labels:
                label_start, label_end = _strip_span(text, start + label_start, start + label_end)
                segments.append(_make_segment(doc, unit.lang, LABEL, cleaned, label_start, label_end))
            if labels:
                start, end = _strip_span(text, start + labels[-1][1], end)
                if start >= end:
                    continue
        segments.append(_make_segment(doc, unit.lang, SENTENCE, cleaned, start, end))
    return segments
