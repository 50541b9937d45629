"""Transliteration similarity between English drug names and Chinese renderings.

Chinese INN names are built from a sound-alike prefix and a stem morpheme: rituximab →
利妥昔单抗 (li-tuo-xi + 单抗 for −mab), bortezomib → 硼替佐米 (−zomib → 佐米). We compare the
English word with the toneless pinyin of a Chinese span after a rough phonetic normalisation
(r/l, b/p, d/t, g/k merge), and reward a matching stem pair from ``data/inn_stems.tsv``.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from rapidfuzz import fuzz

from glossary.candidates import HAN


@functools.cache
def inn_stems() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English ending, Chinese morphemes), longest ending first."""
    text = resources.files("glossary").joinpath("data/inn_stems.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stem, zh = (line.split("\t") + [""])[:2]
        rows.append((stem, tuple(z for z in zh.split("|") if z)))
    rows.sort(key=lambda r: (-len(r[0]), r[0]))
    return tuple(rows)


def drug_stem(word: str, min_prefix: int = 3) -> tuple[str, tuple[str, ...]] | None:
    """The longest INN stem ending ``word`` (leaving at least ``min_prefix`` letters)."""
    w = word.lower()
    for stem, zh in inn_stems():
        if w.endswith(stem) and len(w) - len(stem) >= min_prefix:
            return stem, zh
    return None


@functools.lru_cache(maxsize=65536)
def _char_pinyin(char: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(char))


def _pinyin(text: str) -> str:
    """Toneless pinyin, character by character (cached per character)."""
    return "".join(_char_pinyin(c) for c in text)


def _phonetic_en(s: str) -> str:
    s = s.lower()
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("ph", "f"), ("th", "t"), ("qu", "kw"), ("x", "ks"), ("ck", "k"), ("y", "i"),
                 ("ce", "se"), ("ci", "si"), ("c", "k")):
        s = s.replace(a, b)
    return _merge(s)


def _phonetic_py(s: str) -> str:
    s = s.lower()
    for a, b in (("zh", "j"), ("ch", "c"), ("sh", "s"), ("x", "s"), ("q", "c"), ("ng", "n"), ("uo", "o")):
        s = s.replace(a, b)
    return _merge(s)


def _merge(s: str) -> str:
    table = str.maketrans({"r": "l", "b": "p", "d": "t", "g": "k", "z": "s", "c": "s", "v": "f", "w": "u"})
    s = s.translate(table)
    return re.sub(r"(.)\1+", r"\1", s)


@functools.lru_cache(maxsize=65536)
def _phonetic_en_cached(english: str) -> str:
    return _phonetic_en(english)


@functools.lru_cache(maxsize=262144)
def _phonetic_zh(chinese: str) -> str:
    return _phonetic_py(_pinyin(chinese))


def sound_similarity(english: str, chinese: str) -> float:
    """Similarity in [0, 1] of an English word and the pinyin of a Chinese string."""
    if not english or not chinese:
        return 0.0
    return fuzz.ratio(_phonetic_en_cached(english), _phonetic_zh(chinese)) / 100.0


def transliteration_score(english: str, chinese: str) -> float:
    """How well ``chinese`` transliterates the drug name ``english`` (0..1)."""
    if not chinese or not all(HAN.match(c) for c in chinese):
        return 0.0
    stem = drug_stem(english)
    if stem:
        en_stem, zh_forms = stem
        for form in sorted(zh_forms, key=len, reverse=True):
            if chinese.endswith(form) and len(chinese) > len(form):
                prefix_zh = chinese[: -len(form)]
                prefix_en = english[: -len(en_stem)]
                sim = sound_similarity(prefix_en, prefix_zh)
                return min(1.0, 0.45 + 0.55 * sim)
    return 0.9 * sound_similarity(english, chinese)


def find_transliteration(english: str, clause: str, min_score: float = 0.6, max_len: int = 9) -> tuple[int, int, float] | None:
    """Best Han span of ``clause`` transliterating ``english``: (start, end, score) or None."""
    best = None
    best_key = None
    n = len(clause)
    syllables = max(1, len(re.findall(r"[aeiouy]+", english.lower())))
    for s in range(n):
        if not HAN.match(clause[s]):
            continue
        for e in range(s + 2, min(n, s + max_len) + 1):
            if not HAN.match(clause[e - 1]):
                break
            score = transliteration_score(english, clause[s:e])
            score -= 0.04 * abs((e - s) - syllables)
            key = (round(score, 6), -(e - s), -s)
            if score >= min_score and (best_key is None or key > best_key):
                best, best_key = (s, e, score), key
    return best
