"""Sentence boundaries in English and Chinese running text (pure functions over one string).

Both splitters return ``(start, end)`` spans into the given text, stripped of surrounding
whitespace, in order, covering every non-whitespace character exactly once.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from aligner.textnorm import HAN_CLASS

# Words that end with a period without ending the sentence (compared lower-cased, without the
# final period). "etc." is deliberately absent: it often does end a sentence.
ENGLISH_ABBREVIATIONS = frozenset(
    """
    al vs v cf fig figs no nos dis dr mr mrs prof st jr sr inc ltd co corp dept univ vol vols
    pp ed eds ref refs eq eqs approx resp viz tab tabs suppl sect ch chap incl
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

_EN_TERMINATOR_RE = re.compile(r"(?:\.{3}|…|[.!?])+[\"'”’)\]]*")
_BRACKET_RE = re.compile(r"[()\[\]（）［］【】]")
_OPENERS = {"(": ")", "[": "]", "（": "）", "［": "］", "【": "】"}
_LETTERS_BEFORE_RE = re.compile(r"([A-Za-z](?:[A-Za-z]|\.(?=[A-Za-z]))*)$")
_MULTI_DOT_ABBREVIATION_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_MIXED_CASE_WORD_RE = re.compile(r"[a-z]+[A-Z]")
_INITIAL_AFTER_RE = re.compile(r"\s+[A-Z]\.")
_NON_SPACE_RE = re.compile(r"\S")
_NUMBER_THEN_WORD_RE = re.compile(r"\d+(?:\.\d+)?%?[ \t]+[a-z]")


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Matched bracket pairs as (open, close) positions; unmatched brackets are ignored."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for match in _BRACKET_RE.finditer(text):
        char = match.group()
        if char in _OPENERS:
            stack.append((_OPENERS[char], match.start()))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == char:
                spans.append((stack[depth][1], match.start()))
                del stack[depth:]
                break
    return spans


class _BracketIndex:
    """Answers "is position p strictly inside a matched bracket pair?" quickly."""

    def __init__(self, text: str):
        spans = bracket_spans(text)
        # Keep only outermost pairs, sorted by start.
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                continue
            merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._spans = merged

    def inside(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and self._spans[index][0] < position < self._spans[index][1]


def _spans_from_cuts(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    previous = 0
    for cut in [*cuts, len(text)]:
        piece = text[previous:cut]
        stripped = piece.strip()
        if stripped:
            start = previous + (len(piece) - len(piece.lstrip()))
            spans.append((start, start + len(stripped)))
        previous = cut
    return spans


def _english_boundary(text: str, start: int, end: int) -> bool:
    """Does the terminator text[start:end] end an English sentence?"""
    next_match = _NON_SPACE_RE.search(text, end)
    if next_match is None:
        return True
    spaced = next_match.start() > end
    next_pos = next_match.start()
    following = text[next_pos:next_pos + 3]
    first = following[0]
    punct = text[start:end]
    period_only = "!" not in punct and "?" not in punct
    if not spaced:
        # A boundary without a space ("enrolled.Clinical", "(18/24).The"): only before a
        # capitalised word, and only after a word or a closing bracket/percent sign.
        if not (len(following) >= 2 and following[0].isupper() and following[1].islower()):
            return False
        before = text[start - 1] if start > 0 else ""
        if not (before.islower() or before in ")]%"):
            return False
    else:
        if first in ",;:":
            return False
        if first.isdigit():
            # "…were enrolled. 30 patients …" starts a sentence; "Ann Rheum Dis. 2017",
            # "Fig. 2", "(P < 0.05). 95% CI" do not.
            if not period_only:
                return True
            if not _NUMBER_THEN_WORD_RE.match(text, next_pos):
                return False
            if start > 0 and text[start - 1] == ")":
                return True  # "… plasma cell leukemia (PCL). 30 patients were …"
            word = _LETTERS_BEFORE_RE.search(text, max(0, start - 24), start)
            return bool(
                word
                and word.end() == start
                and word.group(1).islower()
                and len(word.group(1)) >= 2
                and "." not in word.group(1)
                and word.group(1) not in ENGLISH_ABBREVIATIONS
            )
        if first.islower():
            word = text[next_pos:next_pos + 20]
            if not _MIXED_CASE_WORD_RE.match(word):  # "hUC-MSC", "mRNA" may start a sentence
                return False
    if not period_only:
        return True
    letters = _LETTERS_BEFORE_RE.search(text, max(0, start - 24), start)
    if letters is None or letters.end() != start:
        return True  # after a digit, bracket, percent sign...
    word = letters.group(1)
    if "." in word:
        return not _MULTI_DOT_ABBREVIATION_RE.match(word)  # e.g., i.e., U.S.
    if word.lower() in ENGLISH_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        # An initial ("J. K. Smith") unless it plainly closes a sentence ("hepatitis B. The").
        if _INITIAL_AFTER_RE.match(text, end):
            return False
        before_word = text[max(0, letters.start() - 20):letters.start()].split()
        return bool(before_word) and before_word[-1][:1].islower()
    return True


def split_english(text: str) -> list[tuple[int, int]]:
    """Sentence spans of English text.

    Ends at . ! ? (with closing quotes/brackets) before a capitalised word, also without a space
    ("enrolled.Clinical"); never inside brackets, decimals, abbreviations, initials or before a
    digit ("Ann Rheum Dis. 2017").
    """
    brackets = None
    cuts: list[int] = []
    for match in _EN_TERMINATOR_RE.finditer(text):
        start, end = match.span()
        if end >= len(text.rstrip()):
            continue
        if not _english_boundary(text, start, end):
            continue
        if brackets is None:
            brackets = _BracketIndex(text)
        if brackets.inside(end - 1):
            continue
        cuts.append(end)
    return _spans_from_cuts(text, cuts)


_ZH_CLOSERS = "”’」』）)\\]】》〕\"'"
_ZH_TERMINATOR_RE = re.compile(
    rf"(?:[。！？]+|(?<=[{HAN_CLASS}\u3000-\u303f\uff00-\uffef])[!?]+|[!?]+(?=\s|$|[{HAN_CLASS}])"
    rf"|(?<=[{HAN_CLASS}])\.(?=\s*(?:$|[{HAN_CLASS}])))[{_ZH_CLOSERS}]*"
)
_ZH_SEMICOLON_RE = re.compile(
    rf"(?:；|(?<=[{HAN_CLASS}\u3000-\u303f\uff00-\uffef)）]);|;(?=\s*[{HAN_CLASS}]))"
)


def split_chinese(text: str, split_on_semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence spans of Chinese text.

    Ends at 。！？ and at ASCII ! ? used as Chinese punctuation (next to Han characters), and at
    a period used as a Chinese full stop (between Han characters); closing quotes and brackets
    stay with their sentence; never inside brackets. ；/; ends a clause only when
    ``split_on_semicolon`` is set.
    """
    brackets = None
    cuts: list[int] = []
    matches = list(_ZH_TERMINATOR_RE.finditer(text))
    if split_on_semicolon:
        matches.extend(_ZH_SEMICOLON_RE.finditer(text))
        matches.sort(key=lambda match: match.start())
    for match in matches:
        start, end = match.span()
        if cuts and end <= cuts[-1]:
            continue
        if brackets is None:
            brackets = _BracketIndex(text)
        if brackets.inside(end - 1):
            continue
        cuts.append(end)
    return _spans_from_cuts(text, cuts)
