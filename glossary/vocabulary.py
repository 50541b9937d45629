"""The shipped term vocabularies: drug names, disease terms, statistics and study-design terms.

Each table pairs an English term with its usual Chinese renderings, and its file names its
category. The builder uses them twice: as dictionary evidence when it looks for the Chinese
rendering of an English term (:mod:`glossary.lexicon`), and as category evidence
(:mod:`glossary.categories`): a term that is, or ends with, a vocabulary entry takes the
entry's category ("stratified Cox proportional-hazards model" ends with a statistic term).

The tables were written from general domain knowledge (approved Chinese drug names, ICD
chapters, CONSORT and biostatistics textbooks), never from evaluation data; see each file's
header. Formats::

    drug_names.tsv       english<TAB>chinese|alternative…
    terms_<category>.tsv english<TAB>chinese|alternative…<TAB>scope (term | head | word)

``word`` entries are dictionary evidence only: generic words of the field (effectiveness,
treatment effect) that help find a rendering but are not glossary terms themselves.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from glossary.records import DISEASE, DRUG, STATISTIC

# (file, category, columns)
TABLES = (
    ("drug_names.tsv", DRUG, 2),
    ("terms_disease.tsv", DISEASE, 3),
    ("terms_statistic.tsv", STATISTIC, 3),
)

# drug names that are also body substances measured as laboratory values ("serum albumin",
# "blood glucose"): their single word does not make a term a drug
ENDOGENOUS = frozenset(
    """albumin glucose fibrinogen erythropoietin glutamine oxygen cholesterol calcium potassium
    sodium magnesium iron zinc cortisol testosterone estradiol progesterone thyroxine melatonin
    dopamine adrenaline epinephrine noradrenaline norepinephrine serotonin histamine insulin
    thrombin antithrombin heparin vasopressin oxytocin glucagon folate ferritin""".split()
)


@dataclass(frozen=True)
class VocabularyEntry:
    english: str  # lower case as written in the table (proper names keep their capitals)
    chinese: tuple[str, ...]  # the usual rendering first
    category: str
    head: bool  # a single word that makes any term ending in it belong to the category
    categorises: bool = True  # False: dictionary evidence only (generic words, body substances)


class VocabularyError(ValueError):
    """A malformed line in a shipped vocabulary table."""


def parse_table(text: str, name: str, category: str, columns: int) -> list[VocabularyEntry]:
    """Entries of one table; a malformed line raises with its file name and line number."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise VocabularyError(f"{name} line {number}: expected {columns} tab-separated fields, got {line!r}")
        english = fields[0].strip()
        chinese = tuple(z.strip() for z in fields[1].split("|") if z.strip())
        if not english or not chinese:
            raise VocabularyError(f"{name} line {number}: empty English or Chinese field")
        scope = fields[2].strip() if columns == 3 else "term"
        if scope not in ("term", "head", "word"):
            raise VocabularyError(f"{name} line {number}: scope must be term, head or word, got {scope!r}")
        single = " " not in english
        endogenous = category == DRUG and english.lower() in ENDOGENOUS
        if category == DRUG:
            head = single and not endogenous
        else:
            head = scope == "head"  # a single-word "term" entry matches only the whole term
        out.append(VocabularyEntry(english, chinese, category, head, categorises=scope != "word" and not endogenous))
    return out


@functools.cache
def shipped_vocabulary() -> tuple[VocabularyEntry, ...]:
    """All shipped tables (a missing table is skipped), in TABLES order."""
    entries: list[VocabularyEntry] = []
    base = resources.files("glossary").joinpath("data")
    for name, category, columns in TABLES:
        path = base.joinpath(name)
        if not path.is_file():
            continue
        entries += parse_table(path.read_text(encoding="utf-8"), name, category, columns)
    return tuple(entries)
