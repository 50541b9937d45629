"""A translation lexicon learned from the corpus being aligned (the second pass of Moore 2002).

The first pass aligns with the general dictionary; its confident 1-1 beads are nearly all
correct, so co-occurrence of an English stem with a Chinese character n-gram across them
reveals the corpus's own vocabulary (drug names, transliterations, domain terms) that no
general dictionary has. Association is the Dice coefficient over beads; the counts are plain
sums, so workers can count their documents and the results add up.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from aligner.dictionary import Dictionary
from aligner.features import content_stems, han_ngrams

NGRAM_MIN = 2
NGRAM_MAX = 4


@dataclass(frozen=True)
class LexiconCounts:
    """Bead, stem, n-gram and pair counts over confident 1-1 beads; merge with ``+``."""

    beads: int = 0
    en: Counter = field(default_factory=Counter)
    zh: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)

    def __add__(self, other: "LexiconCounts") -> "LexiconCounts":
        return LexiconCounts(
            self.beads + other.beads,
            self.en + other.en,
            self.zh + other.zh,
            self.pairs + other.pairs,
        )


def merge_counts(parts: Iterable[LexiconCounts]) -> LexiconCounts:
    """The sum of many documents' counts, accumulated in place: linear in their total size
    (``a + b + c + ...`` would copy the growing sum once per document)."""
    beads = 0
    en: Counter = Counter()
    zh: Counter = Counter()
    pairs: Counter = Counter()
    for part in parts:
        beads += part.beads
        en.update(part.en)
        zh.update(part.zh)
        pairs.update(part.pairs)
    return LexiconCounts(beads, en, zh, pairs)


@dataclass(frozen=True)
class Lexicon:
    """Learned (English stem, Chinese string, Dice) entries and the dictionary they form."""

    entries: tuple[tuple[str, str, float], ...]
    dictionary: Dictionary


EMPTY_LEXICON = Lexicon((), Dictionary({}, frozenset(), NGRAM_MIN, NGRAM_MAX))


def count_bead_pairs(pairs: Iterable[tuple[str, str]]) -> LexiconCounts:
    """Counts from (English sentence, Chinese sentence) pairs believed to translate each other."""
    beads = 0
    en: Counter = Counter()
    zh: Counter = Counter()
    pair_counts: Counter = Counter()
    for en_text, zh_text in pairs:
        stems = set(content_stems(en_text))
        grams = han_ngrams(zh_text, NGRAM_MIN, NGRAM_MAX)
        if not stems or not grams:
            continue
        beads += 1
        en.update(stems)
        zh.update(grams)
        pair_counts.update((stem, gram) for stem in stems for gram in grams)
    return LexiconCounts(beads, en, zh, pair_counts)


def estimate_lexicon(counts: LexiconCounts, min_count: int = 2, min_dice: float = 0.3, per_word: int = 2) -> Lexicon:
    """For each English stem, its best Chinese n-grams by Dice (longest first on ties).

    A shorter n-gram inside an already chosen one adds nothing and is skipped.
    """
    candidates: dict[str, list[tuple[float, str]]] = {}
    for (stem, gram), together in counts.pairs.items():
        if together < min_count:
            continue
        dice = 2.0 * together / (counts.en[stem] + counts.zh[gram])
        if dice >= min_dice:
            candidates.setdefault(stem, []).append((dice, gram))
    entries: list[tuple[str, str, float]] = []
    for stem in sorted(candidates):
        chosen: list[str] = []
        for dice, gram in sorted(candidates[stem], key=lambda item: (-item[0], -len(item[1]), item[1])):
            if len(chosen) >= per_word:
                break
            if any(gram in longer for longer in chosen):
                continue
            chosen.append(gram)
            entries.append((stem, gram, round(dice, 6)))
    dictionary = Dictionary.from_pairs(((stem, gram) for stem, gram, _ in entries), NGRAM_MIN, NGRAM_MAX)
    return Lexicon(tuple(entries), dictionary)
