"""Build a drug / disease / statistic glossary from aligned documents.

``build`` = ``finalize(sum(collect(doc) for doc in documents))``: :func:`collect` is a pure
per-document function returning mergeable :class:`TermStats`, so documents can be processed
in parallel and merged in any order with the same result.

Evidence per pair:
* ``aligned`` — the English term and its Chinese span were linked inside an aligned bead
  (by ``dictionary`` anchoring or ``transliteration``; competitive linking in each bead);
* ``gloss`` — 贝利尤单抗(Belimumab) in running Chinese text;
* ``abbreviation`` — the English long form defines an abbreviation ("lupus nephritis (LN)")
  that glosses a Chinese term elsewhere (狼疮肾炎(LN));
* ``association`` — a term whose head no dictionary knows keeps co-occurring, across beads,
  with the same unexplained Chinese n-gram (:mod:`glossary.cooccurrence`).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from aligner.records import EN, SENTENCE, ZH, AlignedDocument, Bead, Segment
from glossary.anchoring import anchor_term, phrase_before, token_bounds
from glossary.association import Proposal, competitive_link
from glossary.cooccurrence import associate, residual_ngrams
from glossary.candidates import (
    EnglishCandidate,
    english_candidates,
    GENERIC_MODIFIERS,
    has_han,
    is_stop,
    normalize_zh,
    tokenize_en,
    zh_clauses,
)
from glossary.categories import QUALIFIED_HEADS, categorize, chinese_category, english_category, head_index
from glossary.glosses import chinese_glosses, english_abbreviations
from glossary.lexicon import Lexicon, default_lexicon, singular
from glossary.records import CATEGORIES, DRUG, OTHER, STATISTIC, Glossary, TermPair
from glossary.transliteration import drug_stem, rank_transliterations, transliteration_score

Key = tuple[str, str]  # (English key, Chinese)


@dataclass(frozen=True)
class BuildOptions:
    """Defaults of the glossary builder (the CLI reads them)."""

    min_confidence: float = 0.3  # both dev sets: recall up, top-20% precision 1.0 (see eval_glossary)
    include_other: bool = False
    min_link_score: float = 0.5  # anchoring score needed to link a term inside a bead
    min_transliteration: float = 0.6
    max_term_words: int = 7
    keep_nested: bool = True  # keep a general term seen only nested if it also stands alone
    min_association_beads: int = 2  # beads a term and an unexplained n-gram must share
    min_association_dice: float = 0.5


_COUNTERS = ("aligned", "nested", "score_sum", "gloss", "en_standalone", "zh_standalone", "titled", "en_seen",
             "en_bare", "assoc_term", "assoc_gram", "assoc_joint")
_SETS = ("methods", "docs", "abbr_zh_docs", "assoc_docs")
_NESTED_COUNTERS = ("en_surface", "abbr_en", "abbr_zh")


@dataclass
class TermStats:
    """Mergeable counts collected from documents (``a + b`` and ``merge``)."""

    aligned: Counter = field(default_factory=Counter)  # Key -> stand-alone aligned links
    nested: Counter = field(default_factory=Counter)  # Key -> links nested in a longer term
    score_sum: Counter = field(default_factory=Counter)  # Key -> sum of link scores
    methods: dict = field(default_factory=dict)  # Key -> set of methods
    gloss: Counter = field(default_factory=Counter)  # Key -> gloss occurrences
    docs: dict = field(default_factory=dict)  # Key -> set of doc ids
    en_standalone: Counter = field(default_factory=Counter)  # en key -> stand-alone occurrences
    zh_standalone: Counter = field(default_factory=Counter)  # Key -> doc-level stand-alone zh uses
    en_surface: dict = field(default_factory=dict)  # en key -> Counter of surface forms
    abbr_en: dict = field(default_factory=dict)  # abbreviation -> Counter of English long forms
    abbr_zh: dict = field(default_factory=dict)  # abbreviation -> Counter of Chinese contexts
    abbr_zh_docs: dict = field(default_factory=dict)  # (abbr, context) -> set of docs
    examples: dict = field(default_factory=dict)  # Key -> (sort key, (en, zh))
    titled: Counter = field(default_factory=Counter)  # Title Case English word sequences
    en_seen: Counter = field(default_factory=Counter)  # en key -> occurrences in linked documents
    en_bare: Counter = field(default_factory=Counter)  # ... of them not preceded by a modifier
    assoc_term: Counter = field(default_factory=Counter)  # en key -> beads where it found no rendering
    assoc_gram: Counter = field(default_factory=Counter)  # zh n-gram -> such beads it is unexplained in
    assoc_joint: Counter = field(default_factory=Counter)  # (en key, zh n-gram) -> both
    assoc_docs: dict = field(default_factory=dict)  # en key -> docs where it found no rendering

    def update(self, other: "TermStats") -> "TermStats":
        """Add ``other`` into this one, in place (what :func:`build` uses); returns self."""
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))
        for name in _SETS:
            mine = getattr(self, name)
            for k, v in getattr(other, name).items():
                if k in mine:
                    mine[k] |= v
                else:
                    mine[k] = set(v)
        for name in _NESTED_COUNTERS:
            mine = getattr(self, name)
            for k, v in getattr(other, name).items():
                if k in mine:
                    mine[k].update(v)
                else:
                    mine[k] = Counter(v)
        for k, v in other.examples.items():
            if k not in self.examples or v[0] < self.examples[k][0]:
                self.examples[k] = v
        return self

    def merge(self, other: "TermStats") -> "TermStats":
        """A new TermStats holding both (commutative and associative)."""
        return TermStats().update(self).update(other)

    __add__ = merge


# ------------------------------------------------------------------ inputs


def documents_from_pairs(rows: Iterable[tuple[str, str, str]]) -> list[AlignedDocument]:
    """Turn (doc, en_text, zh_text) rows — an aligner's JSONL/TSV/TMX output — into documents.

    Each row becomes one bead (either side may be empty); rows keep their order per document.
    """
    grouped: dict[str, list[tuple[str, str]]] = {}
    for doc, en, zh in rows:
        grouped.setdefault(doc, []).append((en or "", zh or ""))
    out = []
    for doc, pairs in grouped.items():
        en_segs: list[Segment] = []
        zh_segs: list[Segment] = []
        beads: list[Bead] = []
        for en, zh in pairs:
            ei: tuple[int, ...] = ()
            zi: tuple[int, ...] = ()
            if en.strip():
                ei = (len(en_segs),)
                en_segs.append(Segment(doc, EN, SENTENCE, en, 0, len(en)))
            if zh.strip():
                zi = (len(zh_segs),)
                zh_segs.append(Segment(doc, ZH, SENTENCE, zh, 0, len(zh)))
            beads.append(Bead(ei, zi, en, zh, 1.0))
        out.append(AlignedDocument(doc, en_segs, zh_segs, beads))
    return out


# ------------------------------------------------------------------ helpers


def en_key(words: Iterable[str]) -> str:
    """Lower-case, singular head: the identity of an English term (the head is the last word,
    or the word before "of": degrees of freedom → degree of freedom)."""
    low = [w.lower() for w in words]
    if not low:
        return ""
    h = head_index(low)
    low[h] = singular(low[h])
    return " ".join(low[:-1] + [singular(low[-1])])


def _surface(words: tuple[str, ...]) -> str:
    """Base form for output: singular; lower case unless the word is an acronym or a name."""
    out = []
    for i, w in enumerate(words):
        keep = sum(1 for c in w[1:] if c.isupper()) > 0 or any(c.isdigit() for c in w) \
            or (i > 0 and _NAME_LETTER.fullmatch(w) is not None)  # hepatitis B, factor VIII
        out.append(w if keep else w.lower())
    if out:
        for i in sorted({len(out) - 1, head_index(out)}):
            word = out[i]
            s = singular(word.lower())
            out[i] = s if word == word.lower() else word
    return " ".join(out)


_RATE_OF = re.compile(r"\brates?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _proposals(cand: EnglishCandidate, clauses, lexicon: Lexicon, options: BuildOptions, memo: dict | None = None,
               en_text: str = "") -> list[Proposal]:
    """The best dictionary-anchored span and the best transliteration spans of a candidate."""
    key = en_key(cand.words)
    category = english_category(cand.words)
    after_rate_of = bool(_RATE_OF.search(en_text[max(0, cand.char_start - 20) : cand.char_start]))
    surface = " ".join(cand.words)
    if "," in en_text[cand.char_start : cand.char_end]:
        clauses = enumeration_clauses(clauses)  # 随机、对照研究 for "randomized, controlled study"
        surface = " ".join(en_text[cand.char_start : cand.char_end].split())
    anchored: list[Proposal] = []
    for off, clause in clauses:
        a = anchor_term(cand.words, clause, lexicon, memo=memo)
        if a is not None and len(a.text) >= 2 and has_han(a.text):
            end = a.end
            if end < len(clause) and clause[end] == "率" and category == STATISTIC and not after_rate_of:
                end += 1  # fatality → 病死率, incidence → 发病率 (but "rate of X" brings its own 率)
            anchored.append(Proposal(key, surface, cand.char_start, cand.char_end, clause[a.start:end], off + a.start, off + end, a.score, "dictionary"))
    # the best span, and as alternatives the other clauses' spans that are nearly as good (the
    # first 预后 may already belong to "prognostic factor"; competitive linking chooses)
    anchored.sort(key=lambda p: (-p.score, p.zh_start))
    best = anchored[0] if anchored else None
    out = [p for p in anchored if best is not None and p.score >= best.score - 0.1]
    if len(cand.words) == 1 and (best is None or best.score < 0.8):
        word = cand.words[0]
        if drug_stem(word, min_prefix=2) or category == DRUG:
            for off, clause in clauses:
                starts_inside = {i for ts, te in token_bounds(clause)[1] for i in range(ts + 1, te)
                                 if te - ts == 2}  # the 受 of 接受: a two-character word cut open
                for s, e, score in rank_transliterations(word, clause, options.min_transliteration):
                    if s in starts_inside:
                        continue
                    out.append(Proposal(key, word, cand.char_start, cand.char_end, clause[s:e], off + s, off + e, score, "transliteration"))
    return out


def _gloss_term(english: str, context: str, lexicon: Lexicon, options: BuildOptions) -> tuple[str, float, str] | None:
    """The Chinese term a bracketed English gloss explains: a suffix of ``context``."""
    words = tuple(w for w, _, _ in tokenize_en(english))
    if not words or not context:
        return None
    # the clause right before the bracket
    clauses = zh_clauses(context)
    if not clauses:
        return None
    off, clause = clauses[-1]
    if off + len(clause) != len(context):
        return None
    best = None
    a = anchor_term(words, clause, lexicon, must_end=len(clause))
    if a is not None and a.score >= options.min_link_score:
        best = (a.text, a.score, "dictionary")
    if len(words) == 1:
        word = words[0]
        for s in range(max(0, len(clause) - 10), len(clause) - 1):
            sc = transliteration_score(word, clause[s:])
            if sc >= options.min_transliteration and (best is None or sc > best[1]):
                best = (clause[s:], sc, "transliteration")
    return best


def _is_english(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3,}", text))


# ------------------------------------------------------------------ collect

_BEAD_CACHE: dict = {}
_BEAD_CACHE_SIZE = 200_000


def link_bead(en_text: str, zh_text: str, options: BuildOptions, lexicon: Lexicon) -> tuple[tuple, tuple[str, ...]]:
    """Term links of one bead (pure), and the Title Case word sequences seen on its English side."""
    zh = normalize_zh(zh_text)
    clauses = zh_clauses(zh)
    memo: dict = {}
    proposals: list[Proposal] = []
    titled: list[str] = []
    considered: list[EnglishCandidate] = []
    for cand in english_candidates(en_text, options.max_term_words, QUALIFIED_HEADS, _is_categorised):
        cat = english_category(cand.words)
        if cat == DRUG and _administration_phrase(cand.words, lexicon):
            continue
        if _names_institution(cand, en_text) or _modifies_next_noun(cand, en_text):
            continue
        listed: frozenset[str] | None = None
        if cand.words[0].lower() in EVALUATIVE_WORDS:
            # "effective chemotherapy", "severe neutropenia": an assessment, not a name, unless
            # the dictionary lists the phrase and the text uses its listed rendering
            listed = lexicon.phrase(" ".join(cand.words))
            if not listed:
                continue
        if len(cand.words) >= 2 and all(w[:1].isupper() for w in cand.words):
            titled.append(en_key(cand.words))  # may spell an abbreviation (SLE)
        unknown = len(cand.words) == 1 and cand.words[0].isalpha() and not lexicon.known(cand.words[0])
        if cat == OTHER and not options.include_other:
            if not (len(cand.words) == 1 and _drug_like(cand.words[0], lexicon)):
                if unknown and len(cand.words[0]) >= 5:
                    considered.append(cand)  # a name no rule knows: association may still pair it
                continue
        if len(cand.words) <= MAX_ASSOCIATION_WORDS and not lexicon.word(cand.words[-1].split("-")[-1]):
            considered.append(cand)  # its head is a word no dictionary knows
        found = _proposals(cand, clauses, lexicon, options, memo, en_text)
        if listed is not None:
            found = [p for p in found if p.zh in listed]
        proposals.extend(found)
    links = tuple(competitive_link(proposals, options.min_link_score))
    return links, tuple(titled), _residue(considered, links, clauses)


def _residue(considered: list[EnglishCandidate], links: tuple, clauses) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The bead's unexplained terms (key, surface) and unexplained Chinese n-grams."""
    linked_en = [(l.proposal.en_start, l.proposal.en_end) for l in links]
    terms = sorted({(en_key(c.words), " ".join(c.words)) for c in considered
                    if not any(c.char_start < b and a < c.char_end for a, b in linked_en)})
    if not terms:
        return (), ()
    explained = [(l.proposal.zh_start, l.proposal.zh_end) for l in links]
    grams: set[str] = set()
    for off, clause in clauses:
        local = [(a - off, b - off) for a, b in explained if a < off + len(clause) and off < b]
        grams |= residual_ngrams(clause, local)
    return tuple(terms), tuple(sorted(grams))


def bead_links(en_text: str, zh_text: str, options: BuildOptions, lexicon: Lexicon) -> tuple[tuple, tuple[str, ...]]:
    """:func:`link_bead`, memoised on the bead texts: aligned corpora repeat sentences
    (boilerplate, headers, duplicated segments), and the result depends only on the texts,
    the options and the lexicon."""
    key = (en_text, zh_text, options, id(lexicon))
    hit = _BEAD_CACHE.get(key)
    if hit is None:
        hit = link_bead(en_text, zh_text, options, lexicon)
        if len(_BEAD_CACHE) >= _BEAD_CACHE_SIZE:
            _BEAD_CACHE.clear()
        _BEAD_CACHE[key] = hit
    return hit


def collect(document: AlignedDocument, options: BuildOptions | None = None, lexicon: Lexicon | None = None) -> TermStats:
    """Counts from one document (pure: same document and options → same stats)."""
    options = options or BuildOptions()
    lexicon = lexicon or default_lexicon()
    st = TermStats()
    doc = document.doc
    nested_links: set[Key] = set()
    for bi, bead in enumerate(document.beads):
        if not (bead.en_text.strip() and bead.zh_text.strip()):
            continue
        links, titled, (unexplained, grams) = bead_links(bead.en_text, bead.zh_text, options, lexicon)
        for t in titled:
            st.titled[t] += 1
        if unexplained and grams:
            for key, surface in unexplained:
                st.assoc_term[key] += 1
                st.assoc_docs.setdefault(key, set()).add(doc)
                st.en_surface.setdefault(key, Counter())[surface] += 1
                for g in grams:
                    st.assoc_joint[(key, g)] += 1
            for g in grams:
                st.assoc_gram[g] += 1
        for link in links:
            p = link.proposal
            k = (p.en_key, p.zh)
            if link.nested:
                st.nested[k] += 1
                nested_links.add(k)
            else:
                st.aligned[k] += 1
                st.en_standalone[p.en_key] += 1
            st.score_sum[k] += p.score
            st.methods.setdefault(k, set()).add(p.method)
            if p.method == "dictionary" and _sounds_alike(p.en_surface, p.zh, options):
                st.methods[k].add("transliteration")  # the listed name also reads like the INN
            st.docs.setdefault(k, set()).add(doc)
            st.en_surface.setdefault(p.en_key, Counter())[p.en_surface] += 1
            sort_key = (doc, bi)
            if k not in st.examples or sort_key < st.examples[k][0]:
                st.examples[k] = (sort_key, (bead.en_text.strip(), bead.zh_text.strip()))
    # nested terms: does the Chinese or English form stand alone elsewhere in this document?
    if nested_links:
        zh_all = normalize_zh("\n".join(s.text for s in document.zh))
        en_all = " ".join(s.text for s in document.en).lower()
        for k in sorted(nested_links):
            key, zh = k
            longer_zh = [z for (e, z) in st.aligned if z != zh and zh in z]
            total = zh_all.count(zh)
            inside = sum(zh_all.count(z) for z in set(longer_zh))
            if total > inside:
                st.zh_standalone[k] += 1
            longer_en = [e for e in st.en_standalone if e != key and f" {key} " in f" {e} "]
            n_en = len(re.findall(rf"\b{re.escape(key)}s?\b", en_all))
            n_inside = sum(len(re.findall(rf"\b{re.escape(e)}", en_all)) for e in set(longer_en))
            if n_en > n_inside:
                st.en_standalone[key] += 0  # keep the key present
                st.zh_standalone[k] += 1
    # how often each linked English term is used bare, not as the end of a longer phrase
    # ("trauma" only ever in "heel trauma", "war trauma"): the confidence weighs it
    en_texts = [s.text for s in document.en]
    for key in sorted({k for k, _ in st.aligned}):
        seen, bare = term_uses(key, en_texts)
        st.en_seen[key] += seen
        st.en_bare[key] += bare
    # glosses in the Chinese text and abbreviation definitions in the English text
    for seg in document.zh:
        for g in chinese_glosses(seg.text):
            if g.english and _is_english(g.english):
                found = _gloss_term(g.english, g.context, lexicon, options)
                if found is not None:
                    zh_term, score, method = found
                    words = tuple(w for w, _, _ in tokenize_en(g.english))
                    k = (en_key(words), zh_term)
                    st.gloss[k] += 1
                    st.score_sum[k] += score
                    st.methods.setdefault(k, set()).add(method)
                    if method == "dictionary" and len(words) == 1 and _sounds_alike(words[0].lower(), zh_term, options):
                        st.methods[k].add("transliteration")
                    st.docs.setdefault(k, set()).add(doc)
                    st.en_surface.setdefault(k[0], Counter())[" ".join(words)] += 1
                    sort_key = (doc, -1)
                    if k not in st.examples or sort_key < st.examples[k][0]:
                        st.examples[k] = (sort_key, (g.english, seg.text.strip()))
                if g.abbr:
                    st.abbr_en.setdefault(g.abbr, Counter())[g.english] += 1
            elif g.abbr:
                st.abbr_zh.setdefault(g.abbr, Counter())[g.context] += 1
                st.abbr_zh_docs.setdefault((g.abbr, g.context), set()).add(doc)
    for seg in document.en:
        for d in english_abbreviations(seg.text):
            st.abbr_en.setdefault(d.short, Counter())[d.long] += 1
    return st


# longest English term the co-occurrence association considers
MAX_ASSOCIATION_WORDS = 3

# link score of a pair that rests on a shared abbreviation alone
ABBREVIATION_ONLY_SCORE = 0.5

# how a drug is given is not part of its name: "oral prednisolone" is prednisolone
ADMINISTRATION_WORDS = frozenset(
    """oral orally intravenous iv subcutaneous intramuscular topical inhaled intravitreal
    intrathecal intranasal sublingual transdermal rectal intra-articular intralesional
    low-dose high-dose standard-dose daily weekly monthly concurrent concomitant single-agent""".split()
)


def _administration_phrase(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """A route or dose word before a drug name, unless the dictionary lists the whole phrase
    as a name of its own (intravenous immunoglobulin)."""
    return (len(words) >= 2 and words[0].lower() in ADMINISTRATION_WORDS
            and english_category(words[1:]) == DRUG and not lexicon.phrase(" ".join(words)))


# words that make a noun phrase the name of an institution ("Sun Yat-sen University Cancer
# Center", "International Union against Cancer"): no term inside it is used as a term
INSTITUTION_WORDS = frozenset(
    """university center centre hospital institute committee society foundation
    organization organisation union consortium agency department college school
    ministry administration council alliance""".split()
)
_NEXT_WORD = re.compile(r"[\s\-]*([A-Za-z]+)")


def _names_institution(cand: EnglishCandidate, text: str) -> bool:
    """Does the candidate hold, or directly precede, an institution word?"""
    if any(w.lower() in INSTITUTION_WORDS for w in cand.words):
        return True
    m = _NEXT_WORD.match(text, cand.char_end)
    return bool(m) and m.group(1).lower() in INSTITUTION_WORDS


# nouns before which a term is only a modifier naming something else: "hepatitis B virus" is a
# pathogen, "influenza vaccine" a drug, "lupus activity score" a scale
ATTRIBUTIVE_FOLLOWERS = frozenset(
    """virus viruses bacterium bacteria strain strains gene genes protein proteins antigen antigens
    receptor receptors pathway pathways level levels count counts score scores scale scales
    questionnaire index assay assays transplantation transplant transplants event events""".split()
)
# evaluative adjectives that start a term only when the dictionary lists the whole phrase
# ("serious adverse event", "effective rate")
EVALUATIVE_WORDS = frozenset(
    """effective ineffective same alternative existing expected unexpected severe serious standard
    concurrent repeated similar appropriate optimal usual specific operable consecutive previous
    prior subsequent additional further initial""".split()
)


def _modifies_next_noun(cand: EnglishCandidate, text: str) -> bool:
    """Is the candidate a modifier of the noun after it, or a name cut short before its
    letter or number (hepatitis [B], vitamin [D], factor [VIII])?"""
    m = _NEXT_WORD.match(text, cand.char_end)
    if m is None or text[cand.char_end:m.start(1)].strip():
        return False
    word = m.group(1)
    return word.lower() in ATTRIBUTIVE_FOLLOWERS or _NAME_LETTER.fullmatch(word) is not None


_NAME_LETTER = re.compile(r"[A-Z]|I{1,3}|IV|VI{0,3}|IX|X")


def enumeration_clauses(clauses: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Clauses with neighbours separated by a single 、 joined (随机、双盲、安慰剂对照试验)."""
    out: list[tuple[int, str]] = []
    for off, clause in clauses:
        if out and out[-1][0] + len(out[-1][1]) + 1 == off:
            prev_off, prev = out[-1]
            out[-1] = (prev_off, prev + "、" + clause)
        else:
            out.append((off, clause))
    return out


@functools.lru_cache(maxsize=65536)
def _sounds_alike(en: str, zh: str, options: BuildOptions) -> bool:
    """A one-word name whose Chinese is its transliteration (rituximab ↔ 利妥昔单抗)."""
    return " " not in en and en.isalpha() and len(en) >= 6 and bool(drug_stem(en, min_prefix=2)) \
        and transliteration_score(en, zh) >= options.min_transliteration


def _is_categorised(words: tuple[str, ...]) -> bool:
    return english_category(words) != OTHER


_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z\-]*)[ \t]+$")


def modifier_before(text: str, char_start: int) -> bool:
    """Is the word right before ``char_start`` (same phrase, no punctuation) a content word
    that may make a longer term (heel trauma, canine atopic dermatitis)?"""
    m = _PREVIOUS_WORD.search(text, max(0, char_start - 40), char_start)
    if m is None:
        return False
    word = m.group(1).lower()
    return not (is_stop(word) or word in GENERIC_MODIFIERS or len(word) < 3)


@functools.lru_cache(maxsize=65536)
def _term_pattern(key: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(key)}(?:e?s)?\b", re.IGNORECASE)


def term_uses(key: str, texts: list[str]) -> tuple[int, int]:
    """(occurrences, occurrences not preceded by a modifier) of an English term key."""
    pattern = _term_pattern(key)
    seen = bare = 0
    for t in texts:
        for m in pattern.finditer(t):
            seen += 1
            bare += not modifier_before(t, m.start())
    return seen, bare


def _drug_like(word: str, lexicon: Lexicon) -> bool:
    return bool(drug_stem(word)) and word.isalpha() and len(word) >= 6 and not lexicon.phrases.get(word.lower())


# ------------------------------------------------------------------ finalize


def _abbreviation_pairs(st: TermStats, lexicon: Lexicon, options: BuildOptions) -> dict[Key, tuple[float, set[str], str]]:
    """Bridge "long form (SF)" in English with 中文(SF) in Chinese: Key -> (score, docs, example)."""
    out: dict[Key, tuple[float, set[str], str]] = {}
    known_terms = sorted(set(st.en_surface) | set(st.titled))
    for abbr in sorted(st.abbr_zh):
        if abbr in st.abbr_en:
            longs = st.abbr_en[abbr]
            long_forms = [sorted(longs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]]
        else:
            # no English definition: an English term seen in the corpus whose initials spell
            # the abbreviation (SLE ← systemic lupus erythematosus), confirmed below by anchoring
            long_forms = [t for t in known_terms if _initials(t) == _abbr_letters(abbr)]
        for long_form in long_forms:
          words = tuple(w for w, _, _ in tokenize_en(long_form))
          for context, _n in sorted(st.abbr_zh[abbr].items()):
            found = _gloss_term(long_form, context, lexicon, options)
            if found is None and abbr in st.abbr_en:
                found = _abbreviated_phrase(words, context)
            if found is None:
                continue
            zh_term, score, _method = found
            k = (en_key(words), zh_term)
            docs = st.abbr_zh_docs.get((abbr, context), set())
            prev = out.get(k)
            if prev is None or score > prev[0]:
                out[k] = (score, set(docs) | (prev[1] if prev else set()), context)
            else:
                prev[1].update(docs)
    return out


def _abbreviated_phrase(words: tuple[str, ...], context: str) -> tuple[str, float, str] | None:
    """When the dictionary cannot anchor a defined long form, the shared abbreviation still
    pairs it with the Chinese noun phrase before (SF), if both name the same kind of thing
    (idiopathic thrombocytopenic purpura (ITP) ↔ 免疫性血小板减少症(ITP))."""
    clauses = zh_clauses(context)
    if not clauses or clauses[-1][0] + len(clauses[-1][1]) != len(context):
        return None
    zh = phrase_before(clauses[-1][1])
    category = english_category(words)
    if len(zh) < 2 or not has_han(zh) or category == OTHER or chinese_category(zh) != category:
        return None
    return zh, ABBREVIATION_ONLY_SCORE, "abbreviation"


def _initials(term: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", term.lower()) if w and w not in ("of", "to", "the", "and"))


def _abbr_letters(abbr: str) -> str:
    a = abbr[:-1] if abbr.endswith("s") and abbr[:-1].isupper() else abbr
    return "".join(c for c in a.lower() if c.isalpha())


def finalize(stats: TermStats, options: BuildOptions | None = None, lexicon: Lexicon | None = None) -> Glossary:
    """Choose one rendering per English term, categorise, score and order the entries."""
    options = options or BuildOptions()
    lexicon = lexicon or default_lexicon()
    st = stats
    abbr_pairs = _abbreviation_pairs(st, lexicon, options)
    abbr_of: dict[str, str] = {}
    for abbr, longs in sorted(st.abbr_en.items()):
        for long_form, _ in longs.most_common():
            abbr_of.setdefault(en_key(w for w, _, _ in tokenize_en(long_form)), abbr)

    keys: set[Key] = set(st.aligned) | set(st.nested) | set(st.gloss) | set(abbr_pairs)
    by_en: dict[str, list[Key]] = {}
    for k in keys:
        by_en.setdefault(k[0], []).append(k)

    entries: list[TermPair] = []
    for key in sorted(by_en):
        ks = by_en[key]

        def weight(k: Key) -> tuple:
            return (
                st.aligned[k] + st.gloss[k] + (1 if k in abbr_pairs else 0),
                st.nested[k],
                st.score_sum[k],
                -len(k[1]),
                k[1],
            )

        ks.sort(key=weight, reverse=True)
        best = ks[0]
        zh = best[1]
        aligned_n = st.aligned[best]
        nested_n = st.nested[best]
        gloss_n = st.gloss[best]
        in_abbr = best in abbr_pairs
        if aligned_n == 0 and gloss_n == 0 and not in_abbr:
            if not options.keep_nested or st.zh_standalone[best] == 0:
                continue
        surface_counts = st.en_surface.get(key, Counter())
        if surface_counts:
            surface = sorted(surface_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        else:
            surface = key
        words = tuple(surface.split())
        category, rule = categorize(words, zh)
        if category == OTHER and not options.include_other:
            continue
        evidence = []
        methods = set(st.methods.get(best, set()))
        if aligned_n or nested_n:
            evidence.append("aligned")
        if gloss_n:
            evidence.append("gloss")
        if in_abbr:
            evidence.append("abbreviation")
        if "dictionary" in methods:
            evidence.append("dictionary")
        if "transliteration" in methods:
            evidence.append("transliteration")
        total_links = sum(st.aligned[k] + st.nested[k] for k in ks)
        uses = aligned_n + nested_n
        consistency = uses / total_links if total_links else 1.0
        n_scored = aligned_n + nested_n + gloss_n
        mean_score = st.score_sum[best] / n_scored if n_scored else 0.0
        if in_abbr:
            mean_score = max(mean_score, abbr_pairs[best][0])
        confidence = _confidence(mean_score, aligned_n, nested_n, gloss_n, in_abbr, rule, consistency,
                                 term_links=total_links)
        if st.en_seen[key]:
            confidence *= 0.7 + 0.3 * st.en_bare[key] / st.en_seen[key]  # mostly part of longer phrases
        if len(words) > 1 and any(sum(c.isupper() for c in w) >= 2 and w.isalpha() for w in words):
            confidence *= 0.7  # "median OS time": an abbreviation inside a term is not its base form
        if confidence < options.min_confidence:
            continue
        docs = set(st.docs.get(best, set()))
        if in_abbr:
            docs |= abbr_pairs[best][1]
        renderings = {k[1]: st.aligned[k] + st.nested[k] + st.gloss[k] for k in ks[1:] if st.aligned[k] + st.nested[k] + st.gloss[k]}
        example = st.examples.get(best, (None, None))[1]
        entries.append(
            TermPair(
                en=_surface(words),
                zh=zh,
                category=category,
                abbr=abbr_of.get(key),
                frequency=aligned_n + nested_n,
                docs=tuple(sorted(docs)),
                confidence=round(confidence, 4),
                evidence=tuple(evidence),
                consistency=round(consistency, 4),
                renderings=dict(sorted(renderings.items())),
                example=example,
            )
        )
    entries += _associated_entries(st, entries, options)
    entries = _drop_untranslated_modifiers(entries)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    entries.sort(key=lambda e: (order.get(e.category, 9), -e.confidence, e.en.lower(), e.zh))
    signature = {"builder": "duizhao.glossary.build", **dataclasses.asdict(options)}
    return Glossary(entries=entries, signature=signature)


def _associated_entries(st: TermStats, entries: list[TermPair], options: BuildOptions) -> list[TermPair]:
    """Pairs that rest on co-occurrence alone, for English terms that have no entry yet and
    Chinese n-grams no entry uses."""
    have_en = {en_key(e.en.split()) for e in entries}
    have_zh = {e.zh for e in entries}
    out = []
    for a in associate(st.assoc_term, st.assoc_gram, st.assoc_joint,
                       options.min_association_beads, options.min_association_dice):
        if a.en_key in have_en or any(a.zh in z or z in a.zh for z in have_zh):
            continue
        surfaces = st.en_surface.get(a.en_key, Counter())
        surface = sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if surfaces else a.en_key
        words = tuple(surface.split())
        category, rule = categorize(words, a.zh)
        if rule != "en+zh":
            continue  # co-occurrence alone is weak: both sides must name the same kind of thing
        # two shared beads and a perfect Dice give 0.45; each further bead adds less
        confidence = 0.6 * a.dice * (1.0 - 0.5 ** a.joint) * {"en+zh": 1.0, "en": 0.85, "zh": 0.7}.get(rule, 0.5)
        if confidence < options.min_confidence:
            continue
        out.append(TermPair(en=_surface(words), zh=a.zh, category=category, abbr=None, frequency=a.joint,
                            docs=tuple(sorted(st.assoc_docs.get(a.en_key, ()))), confidence=round(confidence, 4),
                            evidence=("association",), consistency=1.0, renderings={}, example=None))
    return out


def _drop_untranslated_modifiers(entries: list[TermPair]) -> list[TermPair]:
    """A longer English term whose Chinese equals that of the shorter term it ends with
    ("haplotype-based association analysis" ↔ 关联分析 next to "association analysis" ↔ 关联分析)
    has a modifier the Chinese does not render: it is not a pair."""
    by_zh: dict[str, list[str]] = {}
    for e in entries:
        by_zh.setdefault(e.zh, []).append(e.en.lower())
    out = []
    for e in entries:
        en = e.en.lower()
        if any(other != en and en.endswith(" " + other) for other in by_zh[e.zh]):
            continue
        out.append(e)
    return out


def _confidence(score: float, aligned: int, nested: int, gloss: int, abbr: bool, rule: str, consistency: float,
                term_links: int = 0) -> float:
    """Noisy-or of independent evidence, scaled by category agreement and consistency.

    Repeated alignment of the English term counts even when its renderings vary (synonyms
    such as 独立预后不良因素 / 独立预后危险因素); the variation itself costs a little."""
    miss = 1.0
    if aligned:
        repeats = max(aligned, term_links) - 1
        miss *= 1.0 - min(0.95, 0.55 * score + 0.1 * min(repeats, 3))
    elif nested:
        miss *= 1.0 - 0.5 * score
    if gloss:
        miss *= 1.0 - 0.75 * max(score, 0.6)
    if abbr:
        miss *= 1.0 - 0.6 * max(score, 0.5)
    conf = 1.0 - miss
    conf *= {"en+zh": 1.0, "en": 0.85, "zh": 0.7}.get(rule, 0.5)
    conf *= 0.75 + 0.25 * consistency
    return max(0.0, min(1.0, conf))


def build(documents: Iterable[AlignedDocument], options: BuildOptions | None = None, *, lexicon: Lexicon | None = None, **overrides) -> Glossary:
    """Glossary of drug, disease and statistic pairs from aligned documents."""
    options = options or BuildOptions()
    if overrides:
        options = dataclasses.replace(options, **overrides)
    lexicon = lexicon or default_lexicon()
    total = TermStats()
    for doc in documents:
        total.update(collect(doc, options, lexicon))
    return finalize(total, options, lexicon)

