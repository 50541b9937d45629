"""Parenthetical glosses and abbreviation definitions.

* Chinese glosses: a Chinese term followed by its English in brackets, 贝利尤单抗(Belimumab),
  系统性红斑狼疮(SLE), 优势比(OR), or 狼疮肾炎(lupus nephritis, LN).
* English abbreviation definitions by the Schwartz–Hearst method (2003): "odds ratio (OR)"; the
  long form is the shortest word sequence before the brackets whose letters contain the short
  form's characters in order, the first one starting a word.
* Chinese table-note definitions "CR为完全缓解" / "CR: 完全缓解".

The Chinese term's left edge is unknown here: a gloss carries the clause before the bracket
(``context``); the builder finds the term as an evidence-anchored suffix of it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from glossary.candidates import normalize_zh

_HAN = r"\u3400-\u9fff"
# Chinese text then "(English)" – English made of Latin letters, digits, Greek, spaces, hyphens
_ZH_GLOSS = re.compile(
    rf"([{_HAN}A-Za-z0-9\-\u0370-\u03ff ]*[{_HAN}][{_HAN}A-Za-z0-9\-\u0370-\u03ff]*)\s*\(\s*([A-Za-z\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff'’\- ,;/]*?)\s*\)"
)
_ZH_DEF = re.compile(rf"(?<![A-Za-z])([A-Z][A-Za-z0-9\-]{{0,9}})\s*(?:为|是|:|：|=)\s*([{_HAN}][{_HAN}A-Za-z0-9\-]*[{_HAN}])")
_STATISTIC_NOISE = re.compile(r"^(p|n|r|t|f|or|hr|ci|vs|χ2|x2)\s*[<>=≤≥]", re.I)


@dataclass(frozen=True)
class ChineseGloss:
    """A bracketed English gloss after Chinese text: ``context`` ends right before the bracket."""

    context: str
    english: str  # full English form, "" if only an abbreviation was given
    abbr: str  # abbreviation, "" if none
    start: int  # offset of the bracket in the normalised text


@dataclass(frozen=True)
class AbbreviationDefinition:
    long: str
    short: str


def is_abbreviation(text: str) -> bool:
    """SLE, hUC-MSC, MSCs, IIV3, NF-κB: short, no spaces, at least two capitals or a digit."""
    t = text.strip()
    if not t or " " in t or len(t) > 12:
        return False
    caps = sum(1 for c in t if c.isupper())
    return caps >= 2 or (caps >= 1 and any(c.isdigit() for c in t))


def chinese_glosses(text: str) -> list[ChineseGloss]:
    """Bracketed English glosses in Chinese text (NFKC-normalised first)."""
    return list(_chinese_glosses(text))


@functools.lru_cache(maxsize=65536)
def _chinese_glosses(text: str) -> tuple[ChineseGloss, ...]:
    t = normalize_zh(text)
    out: list[ChineseGloss] = []
    for m in _ZH_GLOSS.finditer(t):
        inside = m.group(2).strip()
        if _STATISTIC_NOISE.match(inside) or re.search(r"\d\s*[%=<>]", inside):
            continue
        parts = [p.strip() for p in re.split(r"[,;，；]", inside) if p.strip()]
        english, abbr = "", ""
        for p in [q for part in parts for q in _split_trailing_abbreviation(part)]:
            if is_abbreviation(p):
                abbr = abbr or p
            elif re.search(r"[a-z]{3,}", p.lower()) and not english:
                english = p
        if not english and not abbr:
            continue
        context = m.group(1).strip()
        out.append(ChineseGloss(context=context, english=english, abbr=abbr, start=m.start(2) - 1))
    return tuple(out)


def _split_trailing_abbreviation(part: str) -> list[str]:
    """"Idiopathic intracranial hypertension IIH" (no comma): the long form and its
    abbreviation, when the abbreviation's letters run through the words before it."""
    words = part.split()
    if len(words) >= 2 and is_abbreviation(words[-1]) and not is_abbreviation(words[-2]):
        head = " ".join(words[:-1])
        if _best_long_form(words[-1], head):
            return [head, words[-1]]
    return [part]


def chinese_definitions(text: str) -> list[tuple[str, str]]:
    """(abbreviation, Chinese) from table notes such as "CR为完全缓解；PR为部分缓解"."""
    t = normalize_zh(text)
    return [(m.group(1), m.group(2)) for m in _ZH_DEF.finditer(t) if is_abbreviation(m.group(1))]


# ------------------------------------------------------------------ Schwartz–Hearst

_PAREN_SF = re.compile(r"\(\s*([^()]{1,15}?)\s*\)")


def _valid_short_form(sf: str) -> bool:
    if not (2 <= len(sf) <= 12) or not sf[0].isalnum():
        return False
    if len(sf.split()) > 2 or not any(c.isalpha() for c in sf):
        return False
    if not any(c.isupper() for c in sf):
        return False
    if _STATISTIC_NOISE.match(sf) or re.search(r"[=<>%]", sf):
        return False
    return True


def _best_long_form(sf: str, candidate: str) -> str | None:
    """Schwartz–Hearst backward character match of ``sf`` inside ``candidate``."""
    s = [c.lower() for c in sf if c.isalnum()]
    lf = candidate
    si = len(s) - 1
    li = len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li].lower() != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    return lf[start:].strip()


def english_abbreviations(text: str) -> list[AbbreviationDefinition]:
    """Long form / short form pairs defined as "long form (SF)" in English text."""
    if "(" not in text:
        return []
    return list(_english_abbreviations(text))


@functools.lru_cache(maxsize=65536)
def _english_abbreviations(text: str) -> tuple[AbbreviationDefinition, ...]:
    out: list[AbbreviationDefinition] = []
    for m in _PAREN_SF.finditer(text):
        sf = m.group(1).strip()
        if "," in sf or ";" in sf:
            sf = re.split(r"[,;]", sf)[0].strip()
        if not _valid_short_form(sf):
            continue
        before = text[: m.start()].rstrip()
        # cut at the previous bracket or sentence punctuation
        cut = max(before.rfind(ch) for ch in "([;:.,")
        region = before[cut + 1 :] if cut >= 0 else before
        words = region.split()
        n_letters = sum(1 for c in sf if c.isalnum())
        max_words = min(n_letters + 5, n_letters * 2)
        window = " ".join(words[-max_words:])
        lf = _best_long_form(sf, window)
        if not lf:
            continue
        lf_words = lf.split()
        if len(lf_words) < 1 or len(lf) <= len(sf) or lf.lower() == sf.lower():
            continue
        if len(lf_words) == 1 and n_letters > 2 and not _single_word_ok(lf_words[0], sf):
            continue
        out.append(AbbreviationDefinition(long=lf, short=sf))
    return tuple(out)


def _single_word_ok(word: str, sf: str) -> bool:
    # "cyclophosphamide (CYC)": one word may define an abbreviation when the abbreviation's
    # letters start it
    return word.lower().startswith(sf[0].lower())
