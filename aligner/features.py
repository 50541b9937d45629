"""What the aligner sees of a sentence: comparable evidence keys and a length.

Both languages are reduced to *keys* that can be compared across the language barrier:

* ``#<value>`` — a number (P values, counts, percentages, doses), the strongest anchor;
* ``l:<token>`` — a Latin string written on the Chinese side (ITP, CD19+, IgG, ssb) that the
  English side also contains;
* ``w:<stem>`` — an English content word whose translation (from the dictionary or the learned
  lexicon) occurs as a substring of the Chinese sentence.

An English sentence has the keys of its own words; a Chinese sentence has the keys whose
Chinese realisation it contains. A bead's evidence is then the weighted intersection of the
two sides' key sets, and merged sentences are unions — cheap enough for any bead shape.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Mapping, Sequence

from aligner.numbers import number_values
from aligner.textnorm import HAN_CLASS

NUMBER = "#"
LATIN = "l:"
WORD = "w:"

_HAN = HAN_CLASS  # the one definition of a Han character, astral extensions included
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SPACE = re.compile(r"\s+")

# Function words and very general words that every sentence has: no evidence of translation.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either etc few
    for from further had has have having he her here hers him his how however i if in into is it
    its itself just may me might more most must my no nor not now of off on once only or other
    our ours out over own per same she should so some such than that the their theirs them then
    there these they this those through thus to too under until up upon very via was we were what
    when where which while who whom whose why will with within without would yet you your
    i.e e.g vs et al""".split()
)

_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ities", "ity"),
    ("ments", "ment"),
    ("ness", ""),
    ("ings", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("ves", "f"),
    ("sses", "ss"),
    ("ed", ""),
    ("es", "e"),
    ("ly", ""),
    ("s", ""),
)


_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "twice": "2", "double": "2", "half": "50", "once": "1"})  # fmt: skip
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A Chinese numeral counts as a number only before a classifier (三组, 两例, 十二周), so that
# words such as 统一 or 一般 are not read as numbers.
_ZH_COUNTED = re.compile(r"(?<![一二两三四五六七八九十百千万])([一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?=[个例名项组次家位种周年月天日岁倍篇份类期条所株只])")


def english_number_words(text: str) -> list[str]:
    """Values of spelled-out numbers (``sixteen providers``, ``twice``): Chinese writes digits."""
    return [_NUMBER_WORDS[word] for word in english_words(text) if word in _NUMBER_WORDS]


def chinese_counted_numbers(text: str) -> list[str]:
    """Values of Chinese numerals before a classifier (三家, 两组, 十二周)."""
    values = []
    for match in _ZH_COUNTED.finditer(text):
        numeral = match.group(1)
        if "十" in numeral:
            tens, _, units = numeral.partition("十")
            value = (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)
        else:
            value = _ZH_DIGITS[numeral]
        values.append(str(value))
    return values


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, consistent English stem: applied alike to dictionary glosses and to text.

    Consistency matters more than linguistics here: ``patients``/``patient`` and
    ``treated``/``treat`` must meet; a few over-merged words only add weak evidence.
    """
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4:
        return word[:-1] if len(word) == 4 and word.endswith("s") and not word.endswith("ss") else word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + replacement
    return word


def english_words(text: str) -> list[str]:
    """Lower-cased word tokens of an English sentence (hyphenated parts split)."""
    return [token.lower() for token in _EN_WORD.findall(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the English content words, in order, duplicates kept."""
    return [stem(word) for word in english_words(text) if word not in STOPWORDS and len(word) > 1]


def latin_tokens(text: str) -> set[str]:
    """Lower-cased Latin-script tokens written inside a (Chinese) sentence."""
    return {token.lower() for token in _LATIN_TOKEN.findall(text)}


def han_runs(text: str) -> list[str]:
    """Maximal runs of Han characters."""
    return _HAN_RUN.findall(text)


def han_ngrams(text: str, min_len: int, max_len: int) -> set[str]:
    """Every Han substring of ``min_len``..``max_len`` characters (within runs)."""
    grams: set[str] = set()
    for run in han_runs(text):
        size = len(run)
        for start in range(size):
            for length in range(min_len, min(max_len, size - start) + 1):
                grams.add(run[start : start + length])
    return grams


def english_length(text: str) -> int:
    """Length of an English sentence in characters, spaces excluded."""
    return len(_SPACE.sub("", text))


def chinese_length(text: str, latin_weight: float = 0.35) -> float:
    """Length of a Chinese sentence in English-character equivalents.

    A Han character carries about as much as three English characters while Latin strings
    (abbreviations, numbers) inside Chinese are copied at their English length: weighting
    non-Han characters separately keeps the length ratio tight for sentences full of numbers.
    """
    compact = _SPACE.sub("", text)
    han = len(_HAN_CHAR.findall(compact))
    return han + latin_weight * (len(compact) - han)


@dataclass(frozen=True)
class Unit:
    """One sentence (or, at a coarse level, a block of sentences) on one side.

    ``keys`` is the evidence the unit offers (weighted per document by the scorer), ``length`` the
    calibrated length, ``header`` whether the segmenter flagged it as a header line and
    ``size`` how many sentences it stands for (leaving a block unpaired costs per sentence).
    """

    keys: frozenset[str]
    length: float
    header: bool = False
    size: int = 1


def key_weight(key: str, weights: Mapping[str, float]) -> float:
    """The weight of one key, by its kind prefix."""
    if key.startswith(NUMBER):
        return weights[NUMBER]
    if key.startswith(LATIN):
        return weights[LATIN]
    return weights[WORD]


def merge_units(units: Sequence[Unit]) -> Unit:
    """A block of consecutive units seen as one (union of keys, summed length and size)."""
    return Unit(
        keys=frozenset().union(*(unit.keys for unit in units)),
        length=sum(unit.length for unit in units),
        header=all(unit.header for unit in units),
        size=sum(unit.size for unit in units),
    )
