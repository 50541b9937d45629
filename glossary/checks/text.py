"""The text the checks search: one :class:`Unit` per bead, with same-length matching keys.

A matching key is the text converted Traditional→Simplified and full-→half-width, and lower
cased, *character for character*, so an offset in the key is the offset in the user's text:
findings point at what the user wrote (潑尼松, ＣＤ２０) while matching what it means.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from aligner.records import AlignedDocument
from aligner.textnorm import HAN_CLASS, to_halfwidth, to_simplified

HAN = f"[{HAN_CLASS}]"
HAN_RE = re.compile(HAN)
_ALNUM = "A-Za-z0-9"


@dataclass(frozen=True)
class Unit:
    """The text of one bead: ``bead`` is its 0-based position in its document as read."""

    doc: str
    bead: int
    en: str
    zh: str
    en_key: str
    zh_key: str

    @property
    def paired(self) -> bool:
        return bool(self.en.strip()) and bool(self.zh.strip())


@dataclass(frozen=True)
class Occurrence:
    """Where a form occurs: ``side`` is "en" or "zh", offsets index that side's text."""

    doc: str
    bead: int
    side: str
    start: int
    end: int
    surface: str


def _char_key(char: str) -> str:
    converted = to_halfwidth(to_simplified(char)).lower()
    return converted if len(converted) == 1 else char


@cache
def _cached_char_key(char: str) -> str:
    return _char_key(char)


def matching_key(text: str) -> str:
    """Simplified, half-width, lower-case ``text`` with exactly the same length."""
    key = to_halfwidth(to_simplified(text)).lower()
    if len(key) == len(text):
        return key
    return "".join(_cached_char_key(ch) for ch in text)


class Units(tuple):
    """Units that :func:`find_form` can search without visiting each one.

    A corpus check looks for hundreds of forms in tens of thousands of units; testing each
    unit in Python dominated ``duizhao run``'s corpus stage. Here each side's matching keys
    are joined once (NUL between them) and a form's needle is found with ``str.find`` in C;
    only the units it lands in are looked at. Immutable, so the index never goes stale.
    """

    _SEPARATOR = "\0"

    def candidates(self, side: str, needle: str) -> Sequence[Unit]:
        """The units (in order) whose ``side`` matching key contains ``needle``."""
        if not needle or self._SEPARATOR in needle:
            return [u for u in self if needle in (u.en_key if side == "en" else u.zh_key)]
        text, starts = self._joined(side)
        found = []
        at = text.find(needle)
        while at != -1:
            index = bisect.bisect_right(starts, at) - 1
            found.append(self[index])
            if index + 1 >= len(starts):
                break
            at = text.find(needle, starts[index + 1])
        return found

    def _joined(self, side: str) -> tuple[str, list[int]]:
        cache = self.__dict__.setdefault("_index", {})
        if side not in cache:
            keys = [u.en_key if side == "en" else u.zh_key for u in self]
            starts, offset = [], 0
            for key in keys:
                starts.append(offset)
                offset += len(key) + len(self._SEPARATOR)
            cache[side] = (self._SEPARATOR.join(keys), starts)
        return cache[side]

    def __reduce__(self):
        return (Units, (tuple(self),))  # the index is rebuilt where it is needed


def units_of(documents: Sequence[AlignedDocument]) -> list[Unit]:
    """Every bead of every document, in order (one-language beads included)."""
    units = []
    for document in documents:
        for index, bead in enumerate(document.beads):
            units.append(Unit(document.doc, index, bead.en_text, bead.zh_text,
                              matching_key(bead.en_text), matching_key(bead.zh_text)))
    return units


def is_latin_form(text: str) -> bool:
    """True for forms written in Latin script only (English terms)."""
    return not HAN_RE.search(text) and any(ch.isalpha() for ch in text)


@cache
def form_pattern(form_key: str, bound: bool = False) -> re.Pattern:
    """A regex finding ``form_key`` in a matching key.

    English forms match whole words, with a plural -s/-es; a Chinese form that starts or ends
    with Latin letters or digits (B超, 环孢素A, FK506) must not continue a Latin word there;
    a ``bound`` form (单抗) must not follow a Han character.
    """
    body = re.escape(form_key).replace(r"\ ", r"[\s\-]+")
    if is_latin_form(form_key):
        return re.compile(rf"(?<![{_ALNUM}]){body}(?:e?s)?(?![{_ALNUM}])")
    before = rf"(?<![{_ALNUM}])" if re.match(rf"[{_ALNUM}]", form_key) else ""
    if bound:
        before += rf"(?<!{HAN})"
    after = rf"(?![{_ALNUM}])" if re.search(rf"[{_ALNUM}]$", form_key) else ""
    return re.compile(before + body + after)


def find_form(units: Sequence[Unit], form_key: str, bound: bool = False) -> list[Occurrence]:
    """Every occurrence of a form (given as its matching key) on the side its script implies."""
    pattern = form_pattern(form_key, bound)
    side = "en" if is_latin_form(form_key) else "zh"
    # every match contains the form's longest space-free piece verbatim: a substring test
    # skips most units before the regex (a corpus check calls this for hundreds of forms)
    needle = max(form_key.split(" "), key=len)
    found = []
    for unit in units.candidates(side, needle) if isinstance(units, Units) else units:
        key, text = (unit.en_key, unit.en) if side == "en" else (unit.zh_key, unit.zh)
        if needle not in key:
            continue
        for match in pattern.finditer(key):
            found.append(Occurrence(unit.doc, unit.bead, side, match.start(), match.end(),
                                    text[match.start():match.end()]))
    return found


def drop_contained(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Occurrences not strictly inside a longer one on the same side of the same bead.

    泼尼松 inside 泼尼松龙 is a use of 泼尼松龙, not of 泼尼松.
    """
    by_place: dict[tuple[str, int, str], list[Occurrence]] = {}
    for occ in occurrences:
        by_place.setdefault((occ.doc, occ.bead, occ.side), []).append(occ)
    kept = []
    for group in by_place.values():
        for occ in group:
            inside = any(o is not occ and o.start <= occ.start and occ.end <= o.end
                         and (o.end - o.start) > (occ.end - occ.start) for o in group)
            if not inside:
                kept.append(occ)
    return kept


def sort_key(occ: Occurrence, doc_order: dict[str, int]) -> tuple:
    return (doc_order.get(occ.doc, len(doc_order)), occ.doc, occ.bead, occ.side, occ.start, occ.end)


def doc_order(documents: Sequence[AlignedDocument]) -> dict[str, int]:
    """Position of each document in the input, for stable reporting order."""
    order: dict[str, int] = {}
    for document in documents:
        order.setdefault(document.doc, len(order))
    return order
