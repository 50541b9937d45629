"""Association over aligned beads, for terms no dictionary, gloss or transliteration links.

A new drug or a herbal preparation (indirubin ↔ 靛玉红) is usually named several times in its
abstract. Each bead where an English term candidate found no rendering contributes the term
and the Chinese word n-grams that no other link explains (its *residue*); across the corpus
a term and an n-gram that keep occurring in the same beads are associated (Dice), and
competitive linking gives each term at most one n-gram and each n-gram at most one term.

Counts are plain Counters, so they merge across documents like the builder's other stats.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from glossary.anchoring import FUNCTION_CHARS, can_open_term, token_bounds
from glossary.candidates import HAN

MAX_TOKENS = 4  # Chinese words in an n-gram
MIN_CHARS, MAX_CHARS = 2, 10
CHARS_PER_WORD = 3  # typical Chinese characters per English content word of a term


@dataclass(frozen=True)
class Association:
    en_key: str
    zh: str
    joint: int  # beads where both are unexplained
    dice: float


def residual_ngrams(clause: str, explained: list[tuple[int, int]]) -> set[str]:
    """Runs of 1..MAX_TOKENS whole jieba words of ``clause`` that no link explains, Han only,
    neither opening with a word that cannot open a term nor holding a function character."""
    _, spans = token_bounds(clause)
    free = [(s, e) for s, e in spans
            if not any(s < b and a < e for a, b in explained) and all(HAN.match(c) for c in clause[s:e])]
    out: set[str] = set()
    for i, (s, _e) in enumerate(free):
        if not can_open_term(clause, s, free[i][1]):
            continue
        end = s
        for k in range(i, min(len(free), i + MAX_TOKENS)):
            if free[k][0] != end:
                break  # not contiguous
            end = free[k][1]
            text = clause[s:end]
            if len(text) > MAX_CHARS:
                break
            if set(text) & FUNCTION_CHARS:
                break
            if len(text) >= MIN_CHARS:
                out.add(text)
    return out


def associate(term_beads: Counter, ngram_beads: Counter, joint: Counter,
              min_joint: int = 2, min_dice: float = 0.5) -> list[Association]:
    """Competitive linking over Dice: the best-associated pairs first; among equals a whole
    n-gram before its parts, then the one whose length best fits the term's (about three
    characters per English word), then alphabetical. Each term and n-gram is used once."""
    by_key: dict[str, list[tuple[str, int]]] = {}
    for (key, zh), n in joint.items():
        if n >= min_joint:
            by_key.setdefault(key, []).append((zh, n))
    scored = []
    for key, grams in by_key.items():
        for zh, n in grams:
            d = 2.0 * n / (term_beads[key] + ngram_beads[zh])
            if d < min_dice:
                continue
            # a part of a longer n-gram seen exactly as often is not the whole name (单抗 of 宏博单抗)
            part = any(zh != z and zh in z and m == n and ngram_beads[z] == ngram_beads[zh] for z, m in grams)
            fit = abs(len(zh) - CHARS_PER_WORD * len(key.split()))
            scored.append((-round(d, 6), part, fit, key, zh, n))
    scored.sort()
    used_en: set[str] = set()
    used_zh: set[str] = set()
    out = []
    for neg_d, _part, _fit, key, zh, n in scored:
        if key in used_en or any(zh in z or z in zh for z in used_zh):
            continue
        used_en.add(key)
        used_zh.add(zh)
        out.append(Association(key, zh, n, round(-neg_d, 4)))
    return out
