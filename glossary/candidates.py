"""Term candidates: English noun-phrase spans, and Chinese text normalised into clauses.

English candidates are contiguous spans of content words bounded by punctuation and stop
words ("of", "to" and "in" may sit inside a term: degree of freedom, time to response). Chinese
terms are not taken from jieba tokens alone (jieba splits unknown drug names such as 贝利尤单抗):
the Chinese side of a pair is found as a span of the normalised raw clause, anchored by
evidence (see :mod:`glossary.anchoring`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Mapping

from glossary.lexicon import singular

_TOKEN = re.compile(r"[A-Za-z0-9\u0370-\u03ff](?:[A-Za-z0-9\u0370-\u03ff'’\-]*[A-Za-z0-9\u0370-\u03ff])?")
# connectors allowed inside (never at the edge of) a term
INNER = frozenset({"of", "to"})
# "to" only joins a term after these words (time to response, time to progression)
TO_HEADS = frozenset({"time"})
MAX_COMPLEMENT = 2  # words after "of" (cytopenia of undetermined significance)

_STOP = frozenset(
    """a an the and or but nor not no yes as at by for from with on in off out up down without within into onto upon
    over under between among about against after before during since until via per than then
    that this these those there here which who whom whose what when where why how whether
    is are was were be been being am has have had having do does did done can could may might
    must shall should will would it its it's we our us they their them he his she her i my you
    your one two three four five six seven eight nine ten first second third also both each every
    all any some such other others more most less least many much few several very only even
    just still yet however therefore thus hence while although though because so if
    compared compare comparing using use used uses including include includes included
    exhibiting showing shown show shows showed found find finds observed observe obtained
    received receiving receive treated treating treat evaluated evaluate evaluating assessed
    assess assessing examined examine examining investigated investigate investigating
    performed perform performing reported report reporting indicated indicate indicating
    suggested suggest suggesting demonstrated demonstrate demonstrating revealed reveal
    increased decreased improved reduced significantly significant higher lower high low
    better worse respectively approximately total number numbers level levels value values
    patient patients women woman men man people subject subjects participant participants
    case cases child children infant infants adult adults mouse mice rat rats model models
    huge large larger largest small smaller smallest good best strong stronger strongest
    poor weak multiple single traditional conventional suspected possible potential probable
    various different certain prevent prevents preventing need needs needed eliminate
    seasonal annual northern southern western eastern global national local regional online
    group groups study studies effect effects result results method methods conclusion
    conclusions objective objectives background aim aims purpose data year years month months
    week weeks day days time times age aged treatment treatments therapy therapies efficacy
    safety risk risks use role impact evidence aspect aspects way ways type types kind kinds
    new novel current recent present previous further important major main common
    clinical related associated based induced mediated due well non et al vs i.e e.g
    achieved achieve achieves confirmed confirm developed develop experienced experience had
    occurred occur occurs presented present presents diagnosed underwent undergo remained
    became become showed exhibited exhibit caused cause causes led lead leads given give gave
    administered enrolled included recruited divided randomly assigned selected
    collected measured detected analyzed analysed calculated estimated determined identified
    explored explore aimed aims conducted conduct compared versus plus alone another died die dies provided provide provides undergone monitor monitored prolong prolongs make makes made followed follow
    through throughout toward towards across along beyond require requires required
    improve improves improving reduce reduces reducing increase increases increasing
    decrease decreases decreasing prevented affect affects affecting
    limited little great greater greatest lesser whole entire various numerous
    """.split()
)
# words that may not start or end a term, but may sit inside or be a term's head when qualified
_EDGE_ONLY = frozenset(
    """effect effects groups studies trials cases models risks outcome outcomes severe group case model therapy treatment time study effect age risk trial type new novel clinical
    associated related induced mediated based non high low total""".split()
)


@dataclass(frozen=True)
class EnglishCandidate:
    """An English term candidate: its words and token span within the sentence."""

    words: tuple[str, ...]
    start: int  # token index
    end: int  # token index, exclusive
    char_start: int
    char_end: int

    @property
    def text(self) -> str:
        return " ".join(self.words)


def tokenize_en(text: str) -> list[tuple[str, int, int]]:
    """English word tokens with character offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _chunks(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of tokens not separated by punctuation."""
    tokens = tokenize_en(text)
    chunks: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    prev_end = None
    for tok in tokens:
        gap = text[prev_end : tok[1]] if prev_end is not None else ""
        if gap.strip() and not (gap.strip() == "," and current and _design_list(current[-1][0], tok[0])):
            if current:
                chunks.append(current)
            current = []
        current.append(tok)
        prev_end = tok[2]
    if current:
        chunks.append(current)
    return chunks


# study-design adjectives that abstracts list with commas before one noun ("a randomized,
# double-blind, placebo-controlled trial" ↔ 随机、双盲、安慰剂对照试验): the list is one term
DESIGN_ADJECTIVES = frozenset(
    """randomized randomised controlled double-blind double-blinded single-blind triple-blind
    open-label placebo-controlled multicenter multicentre multicentric prospective retrospective
    parallel-group crossover observational""".split()
)


def _design_list(before: str, after: str) -> bool:
    return before.lower() in DESIGN_ADJECTIVES and after.lower() in DESIGN_ADJECTIVES


def is_stop(word: str) -> bool:
    return word.lower() in _STOP or _is_adverb(word.lower())


def _is_adverb(low: str) -> bool:
    """-ly adverbs (obviously, significantly) end a term; -megaly and anomaly are nouns."""
    return low.endswith("ly") and len(low) > 4 and not low.endswith(("megaly", "anomaly", "family", "monopoly"))


_NUMERIC = re.compile(r"[0-9.\-]+")
_ROMAN = re.compile(r"(?:ii|iii|iv|vi|vii|viii|ix)")
# words followed by a number that names a kind, inside a term (phase 3 trial, type 2 diabetes)
NUMBERED_WORDS = frozenset("phase type stage grade class".split())
_TIME_POINT = re.compile(r"(?:\d+|one|two|three|four|five|six|ten)-(?:year|month|week|day)s?")


def _content_ok(word: str) -> bool:
    low = word.lower()
    if _NUMERIC.fullmatch(low) or _ROMAN.fullmatch(low):
        return False  # numbers and numerals (class IV) are not content words
    if len(low) == 1 and not low.isalpha():
        return False
    return True


def english_candidates(
    text: str,
    max_words: int = 7,
    qualified_heads: Mapping[str, frozenset[str]] | None = None,
    is_term: Callable[[tuple[str, ...]], bool] | None = None,
) -> list[EnglishCandidate]:
    """All stop-word-bounded spans of up to ``max_words`` words, longest first then by position.

    Generic words (patients, group, treatment…) may sit inside a span but not at its edges,
    except as a qualified head (control group), which the category rules decide later.
    ``qualified_heads`` (head → qualifiers, from the category rules) lets a generic qualifier
    start a span that ends on its head: "novel agent", "clinical response". ``is_term`` (the
    category rules) lets a generic modifier (objective, safety, clinical, early…) start a span
    of two or more words that the rules recognise as a term: "objective response rate",
    "safety population", "clinical cure".
    """
    qualifiers = frozenset().union(*qualified_heads.values()) if qualified_heads else frozenset()
    out: list[EnglishCandidate] = []
    for chunk in _chunks(text):
        words = [t[0] for t in chunk]
        n = len(words)
        for i in range(n):
            wi = words[i].lower()
            # an -ly adverb opens a term only before an adjective ("locally advanced carcinoma")
            adverbial = (_is_adverb(wi) and wi not in _STOP and is_term is not None and i + 2 < n
                         and words[i + 1].lower().endswith(_ADJECTIVE_ENDINGS))
            if wi in INNER or (_is_adverb(wi) and not adverbial) or not _content_ok(words[i]):
                continue
            attributive = wi in _ATTRIBUTIVE_NOUNS and i + 1 < n and _can_follow_attributive(words[i + 1])
            qualifier = not attributive and wi in qualifiers and wi in _EDGE_ONLY and i + 1 < n
            generic = (not attributive and is_term is not None and wi in GENERIC_MODIFIERS and i + 1 < n) or adverbial
            numbered = wi in NUMBERED_WORDS and i + 2 < n and not _content_ok(words[i + 1])
            if wi in _EDGE_ONLY and not (attributive or qualifier or generic or numbered):
                continue
            if wi in _STOP and not (attributive or qualifier or generic or numbered):
                continue
            if "'" in wi or "’" in wi or _TIME_POINT.fullmatch(wi):
                continue  # "3-year overall survival" is overall survival at a time point
            if "-" in wi and wi.split("-")[0] in _ATTACHING_NOUNS and wi.split("-")[-1] != "free":
                continue  # "disease-associated cytopenia" belongs to the noun before it
            if wi.endswith("ing") and i + 1 < n and wi not in _ING_MODIFIERS:
                # a leading -ing word is usually a verb ("exhibiting B lymphocyte dysfunction")
                allow_single = True
            else:
                allow_single = False
            for j in range(i + 1, min(n, i + max_words) + 1):
                wj = words[j - 1].lower()
                if (attributive or generic or numbered) and j == i + 1:
                    continue  # "case" alone is not a term; "case fatality" may be
                if not _content_ok(words[j - 1]):
                    if j - 1 > i and j < n and words[j - 2].lower() in NUMBERED_WORDS:
                        continue  # "phase 3 trial", "type 2 diabetes": a numbered kind inside a term
                    break
                if is_term is not None and wj in GENERIC_MODIFIERS and wj in _STOP and j < n:
                    continue  # inside a term ("primary safety end point"), never its last word
                in_situ = wj == "in" and j < n and words[j].lower() == "situ"
                if (wj in _STOP and wj not in INNER and wj not in _EDGE_ONLY and not in_situ) or (_is_adverb(wj) and j > i + 1):
                    if is_term is not None and j > i + 1 and wj in GENERIC_HEAD_NOUNS and wi not in _STOP \
                            and is_term(tuple(words[i:j])):
                        # a generic last word of a recognised term (real-world evidence)
                        span = chunk[i:j]
                        out.append(EnglishCandidate(tuple(words[i:j]), i, j, span[0][1], span[-1][2]))
                    break
                if wj in INNER or in_situ:
                    if wj == "to" and words[j - 2].lower() not in TO_HEADS:
                        break
                    continue  # "in situ" joins like an inner connector: carcinoma in situ
                inner_at = [k for k in range(i + 1, j) if words[k].lower() in INNER]
                if inner_at and j - inner_at[0] - 1 > MAX_COMPLEMENT:
                    break  # "factor of plasma cell leukemia": a long complement is its own term
                if "'" in wj or "’" in wj:
                    break
                if allow_single and j > i + 1:
                    break
                if j > i + 1 and _is_acronym(words[j - 1]):
                    continue  # "analysis of RSA": a term does not end in an acronym
                nxt = words[j].lower() if j < n else ""
                if inner_at and j < n and (nxt not in _STOP or nxt in _EDGE_ONLY) and not _is_adverb(nxt) \
                        and nxt not in INNER:
                    continue  # "factor of plasma cell [leukemia]": an of-complement is not cut short
                if (qualifier or generic) and not (
                    j > i + 1
                    and (qualifier and wi in qualified_heads.get(singular(wj), ())
                         or generic and is_term(tuple(words[i:j])))
                ):
                    continue  # a generic qualifier only starts a term that ends on its head
                span = chunk[i:j]
                # "the" is only allowed right after an inner connector
                out.append(
                    EnglishCandidate(
                        words=tuple(words[i:j]),
                        start=i,
                        end=j,
                        char_start=span[0][1],
                        char_end=span[-1][2],
                    )
                )
    out.sort(key=lambda c: (-(c.end - c.start), c.char_start))
    return out


def _is_acronym(word: str) -> bool:
    return sum(1 for c in word if c.isupper()) >= 2 and not any(c.islower() for c in word[1:])


# Generic singular nouns that English uses attributively in compounds ("case fatality",
# "patient outcome", "model control group"): they may start a term of two or more words when a
# content word follows, never stand alone; anchoring still needs a Chinese rendering for them.
_ATTRIBUTIVE_NOUNS = frozenset(
    "patient case model subject participant child infant adult mouse rat study trial treatment "
    "therapy risk age time effect outcome group control".split()
)


def _can_follow_attributive(word: str) -> bool:
    low = word.lower()
    if low in INNER and low != "to":
        return False
    return _content_ok(word) and not _is_adverb(low) and (low not in _STOP or low in _EDGE_ONLY or low == "to")


_ADJECTIVE_ENDINGS = ("ed", "al", "ive", "ic", "ous", "ar", "ent", "ant")

# generic nouns of the stop list that may end a recognised term (real-world evidence, safety outcome)
GENERIC_HEAD_NOUNS = frozenset("evidence effect effects outcome outcomes".split())

# generic words of the stop list that still modify a recognised term: they may start one
GENERIC_MODIFIERS = frozenset(
    "clinical safety efficacy objective treatment early late total severe major novel".split()
)

_ATTACHING_NOUNS = frozenset(
    "disease treatment therapy drug age gene tissue cell patient time dose sex".split()
)

_ING_MODIFIERS = frozenset(
    "emerging bleeding disabling sampling scarring vomiting wasting remitting relapsing "
    "existing ongoing underlying".split()
)


# ---------------------------------------------------------------- Chinese

_ZH_CLAUSE_BREAK = re.compile(r"[，。；：、,;:!?！？()（）\[\]【】「」『』“”\"《》〈〉<>|/]+")


def normalize_zh(text: str) -> str:
    """NFKC (full-width brackets and digits to ASCII), line breaks inside sentences removed."""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s*\n\s*", "", t)
    return t


def zh_clauses(text: str) -> list[tuple[int, str]]:
    """Clauses of a normalised Chinese sentence with their offsets (split at punctuation)."""
    out = []
    pos = 0
    for m in _ZH_CLAUSE_BREAK.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return [(o, c) for o, c in out if c.strip()]


HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def has_han(text: str) -> bool:
    return bool(HAN.search(text))
