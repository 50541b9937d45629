"""Numbers mentioned in English or Chinese text, normalised so both sides compare equal.

Numbers are the strongest anchor between a sentence and its translation (P values, counts,
percentages, doses). The aligner uses their normalised values as features; the checker uses
the mentions with their spans to report mismatches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%)?")


@dataclass(frozen=True)
class NumberMention:
    """A number as written (``start``/``end`` into the text) and its canonical ``value``."""

    value: str
    kind: str  # "number" | "percent"
    start: int
    end: int


def extract_numbers(text: str) -> list[NumberMention]:
    """All numbers in ``text``, in order, with thousands separators and full width undone."""
    plain = text.translate(_FULLWIDTH_DIGITS)
    mentions = []
    for match in _NUMBER.finditer(plain):
        integer = match.group(1).replace(",", "")
        value = integer.lstrip("0") or "0"
        if match.group(2) is not None:
            value = f"{value}.{match.group(2)}"
        kind = "percent" if match.group(3) else "number"
        mentions.append(NumberMention(value, kind, match.start(), match.end()))
    return mentions


def number_values(text: str) -> list[str]:
    """The canonical values of the numbers in ``text`` (a multiset, in order)."""
    return [mention.value for mention in extract_numbers(text)]
