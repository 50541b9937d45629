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


# a transliterated name does not start with a function word (是七氟烷 → 七氟烷)
_FUNCTION_CHARS = frozenset("的和与及或对在为是以将了中把被从于向由等并且而其这该此用给")


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
    return _drug_stem(word.lower(), min_prefix)


@functools.lru_cache(maxsize=262144)
def _drug_stem(w: str, min_prefix: int) -> tuple[str, tuple[str, ...]] | None:
    # memoised, and the word's endings looked up longest first (every candidate word asks)
    by_ending, longest = _stems_by_ending()
    for size in range(min(longest, len(w) - min_prefix), 0, -1):
        zh = by_ending.get(w[-size:])
        if zh is not None:
            return w[-size:], zh
    return None


@functools.cache
def _stems_by_ending() -> tuple[dict[str, tuple[str, ...]], int]:
    table = dict(inn_stems())
    return table, max((len(k) for k in table), default=0)


@functools.lru_cache(maxsize=65536)
def _char_pinyin(char: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(char))


def char_pinyin(char: str) -> str:
    """Toneless pinyin of one character (the character itself when it has none)."""
    return _char_pinyin(char)


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
    for a, b in (("zh", "j"), ("ch", "c"), ("sh", "s"), ("x", "s"), ("q", "c"), ("ng", "n"), ("uo", "o"),
                 ("yi", "i"), ("y", "i"), ("wu", "u")):
        s = s.replace(a, b)
    return _merge(s)


_MERGE_TABLE = str.maketrans({"r": "l", "b": "p", "d": "t", "g": "k", "z": "s", "c": "s", "v": "f", "w": "u"})
_REPEATS = re.compile(r"(.)\1+")


def _merge(s: str) -> str:
    return _REPEATS.sub(r"\1", s.translate(_MERGE_TABLE))


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
    stem = drug_stem(english, min_prefix=2)
    if stem:
        en_stem, zh_forms = stem
        for form in sorted(zh_forms, key=len, reverse=True):
            if chinese.endswith(form) and len(chinese) > len(form):
                prefix_zh = chinese[: -len(form)]
                prefix_en = english[: -len(en_stem)]
                sim = sound_similarity(prefix_en, prefix_zh)
                return min(1.0, 0.5 + 0.5 * sim)
    return 0.9 * sound_similarity(english, chinese)


def find_transliteration(english: str, clause: str, min_score: float = 0.6, max_len: int = 9) -> tuple[int, int, float] | None:
    """Best Han span of ``clause`` transliterating ``english``: (start, end, score) or None."""
    ranked = rank_transliterations(english, clause, min_score, max_len)
    return ranked[0] if ranked else None


def rank_transliterations(english: str, clause: str, min_score: float = 0.6, max_len: int = 9, k: int = 3) -> list[tuple[int, int, float]]:
    """Up to ``k`` non-overlapping Han spans transliterating ``english``, best first, so that
    competitive linking can give 七氟烷 to sevoflurane and 异氟烷 to isoflurane."""
    found: list[tuple[tuple, tuple[int, int, float]]] = []
    n = len(clause)
    stem = drug_stem(english, min_prefix=2)
    stem_forms = [f for f in (stem[1] if stem else ()) if f in clause]
    if stem_forms:
        # the stem's Chinese morpheme is there (−flurane → 氟烷): the name ends with it
        prefix = english[: -len(stem[0])]
        syllables = max(1, len(re.findall(r"[aeiouy]+", prefix.lower())))
    else:
        syllables = max(1, len(re.findall(r"[aeiouy]+", english.lower())))
    phonetic_en = _phonetic_en_cached(english)
    for s in range(n):
        if not HAN.match(clause[s]) or clause[s] in _FUNCTION_CHARS:
            continue
        for e in range(s + 2, min(n, s + max_len) + 1):
            if not HAN.match(clause[e - 1]):
                break
            span = clause[s:e]
            if stem_forms:
                form = next((f for f in sorted(stem_forms, key=len, reverse=True) if span.endswith(f)), None)
                if form is None or len(span) == len(form):
                    continue
                score = transliteration_score(english, span)
                score -= 0.04 * abs((e - s - len(form)) - syllables)
            else:
                # = transliteration_score (the span is all Han here), with rapidfuzz told the
                # least similarity that could still reach min_score: most spans stop early
                penalty = 0.04 * abs((e - s) - syllables)
                need = (min_score + penalty) / 0.9
                if need > 1.0:
                    continue
                sim = fuzz.ratio(phonetic_en, _phonetic_zh(span), score_cutoff=max(0.0, need * 100.0 - 1e-6)) / 100.0
                score = 0.9 * sim
                score -= penalty
            if score >= min_score:
                found.append(((round(score, 6), -(e - s), -s), (s, e, score)))
    found.sort(key=lambda kv: kv[0], reverse=True)
    out: list[tuple[int, int, float]] = []
    for _, (s, e, score) in found:
        if all(e <= a or b <= s for a, b, _ in out):
            out.append((s, e, score))
        if len(out) >= k:
            break
    return out
