"""Drug / disease / statistic / other, by general rules a terminologist can read.

English side: the head word (last content word, or the word before "of"/"in": "improvement
rate of hemorrhage" → rate) is looked up in ``data/en_heads.tsv`` by whole word, then by
ending (-itis, -emia, -penia, -oma…); a whole phrase entry wins ("adverse event"); a single
word ending in an INN stem (−mab, −zomib, −tinib…) is a drug. Some heads only count with a
study-design qualifier (a *control* group, a *prognostic* factor). Chinese side: the term's
ending (单抗, 疫苗 / 炎, 综合征, 减少 / 率, 区间, 对照组) from ``data/zh_morphemes.tsv``.
When the English rule is silent the Chinese rule decides; when both speak and disagree,
English wins except that a drug morpheme on the Chinese side wins over an unspecific head.
"""
from __future__ import annotations

import functools
from importlib import resources

from glossary.candidates import INNER
from glossary.lexicon import singular
from glossary.records import DISEASE, DRUG, OTHER, STATISTIC
from glossary.transliteration import drug_stem
from glossary.vocabulary import shipped_vocabulary

TREATMENT_HEADS = frozenset({"therapy", "treatment", "regimen", "prophylaxis"})
GENERIC_DRUG_HEADS = frozenset({"drug", "medication", "medicine"})
ARM_HEADS = frozenset({"cohort", "arm", "group"})
GENERIC_DRUG_QUALIFIERS = frozenset(
    "study trial concomitant concurrent other alternative prescribed current previous standard "
    "oral intravenous usual same".split())
# generic heads that take the statistic category of their modifier
STATISTIC_CARRIERS = frozenset(
    "estimate estimation model analysis method approach test curve value level data plot table".split())
ANTI_TARGET_HEADS = frozenset({"factor", "receptor", "antibody", "protein", "ligand", "cytokine", "hormone", "serum"})


@functools.cache
def drug_names() -> frozenset[str]:
    """Every English key of the shipped drug-name table (lower case)."""
    return frozenset(e.english.lower() for e in shipped_vocabulary() if e.category == DRUG)
MAX_PHRASE_TAIL = 6  # longest vocabulary phrase a term may end with

# heads that are statistics only with one of these qualifiers in the term
QUALIFIED_HEADS: dict[str, frozenset[str]] = {
    "group": frozenset("control placebo sham comparison reference experimental intervention".split()),
    "arm": frozenset("control placebo".split()),
    "effect": frozenset("interaction main fixed random".split()),
    "factor": frozenset("prognostic risk predictive independent confounding".split()),
    "response": frozenset("complete partial overall objective clinical time".split()),
    "test": frozenset(
        "t chi-square chi-squared fisher exact wilcoxon rank signed-rank mann-whitney log-rank "
        "kruskal-wallis student statistical significance".split()
    ),
    "study": frozenset(
        "cohort case-control cross-sectional longitudinal prospective retrospective observational "
        "randomized randomised controlled association phenomenological qualitative pilot "
        "interventional ecological epidemiological follow-up control efficacy safety feasibility "
        "validation".split()
    ),
    "trial": frozenset("randomized randomised controlled clinical double-blind blinded phase pilot".split()),
    "analysis": frozenset(
        "statistical multivariate multivariable univariate regression survival subgroup "
        "sensitivity meta correlation variance association case-control cost-effectiveness "
        "factor cluster discriminant efficacy safety primary secondary interim final "
        "exploratory interaction".split()
    ),
    "analyses": frozenset(
        "statistical multivariate multivariable univariate regression survival subgroup "
        "sensitivity meta correlation association".split()
    ),
    "index": frozenset("activity".split()),
    "score": frozenset("activity assessment propensity".split()),
    "significance": frozenset("statistical".split()),
    "error": frozenset("standard percent percentage absolute relative mean sampling".split()),
    "size": frozenset("sample effect".split()),
    "mean": frozenset(),
    "average": frozenset(),
    "design": frozenset("study crossover factorial".split()),
    "risk": frozenset("relative absolute attributable".split()),
    "power": frozenset("statistical".split()),
    "outcome": frozenset(),  # any qualified outcome (visual, surgical, safety outcome) but not bare
    "rate": frozenset(),  # any qualified rate (effective rate, incidence rate) but not bare "rate"
    "variable": frozenset("continuous categorical dependent independent confounding binary".split()),
    "interval": frozenset("confidence credible".split()),
    "agent": frozenset("novel chemotherapeutic biological anti-inflammatory".split()),
    "condition": frozenset(
        "chronic medical pulmonary cardiac coexisting comorbid coexistent underlying skin heart lung "
        "liver kidney renal hepatic mental psychiatric neurological inflammatory".split()),
    "illness": frozenset("chronic mental".split()),
    "stress": frozenset("post-traumatic psychological".split()),
}
_NUMBER_WORDS = frozenset("one two three four five multi single double gene".split())
# heads that need *some* modifier (a bare "rate" is not a term)
NEEDS_MODIFIER = frozenset(
    {"rate", "mean", "average", "drug", "medicine", "medication", "agent", "injection", "disease",
     "symptom", "disorder", "lesion", "illness", "complication", "tablet", "capsule",
     "survival", "ratio", "vaccine", "inhibitor", "antagonist", "agonist", "blocker", "antibody", "outcome"}
)


@functools.cache
def _heads() -> tuple[dict[str, str], tuple[tuple[str, str], ...], dict[str, str]]:
    text = resources.files("glossary").joinpath("data/en_heads.tsv").read_text(encoding="utf-8")
    words: dict[str, str] = {}
    suffixes: list[tuple[str, str]] = []
    phrases: dict[str, str] = {}
    # the shipped vocabularies first: the hand-kept head table below overrides them
    for entry in shipped_vocabulary():
        key = entry.english.lower()
        if not entry.categorises:
            continue
        if entry.head:
            words.setdefault(singular(key), entry.category)
        else:
            phrases.setdefault(" ".join(key.split()[:-1] + [singular(key.split()[-1])]), entry.category)
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, value, category = line.split("\t")
        if kind == "word":
            words[value] = category
        elif kind == "suffix":
            suffixes.append((value, category))
        else:
            phrases[value] = category
    suffixes.sort(key=lambda s: (-len(s[0]), s[0]))
    return words, tuple(suffixes), phrases


@functools.cache
def _zh_endings() -> tuple[tuple[str, str], ...]:
    text = resources.files("glossary").joinpath("data/zh_morphemes.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ending, category = line.split("\t")
        rows.append((ending, category))
    rows.sort(key=lambda r: (-len(r[0]), r[0]))
    return tuple(rows)


def head_index(words: tuple[str, ...] | list[str]) -> int:
    """Index of the head word: the last word before an inner "of"/"in", else the last word."""
    low = [w.lower() for w in words]
    for i, w in enumerate(low):
        if (w in INNER or w == "in" and low[i + 1 : i + 2] == ["situ"]) and 0 < i < len(low) - 1 and w != "to":
            return i - 1
    return len(low) - 1


def english_category(words: tuple[str, ...] | list[str]) -> str:
    """Category from the English term alone (OTHER when no rule speaks)."""
    return _english_category(tuple(words))


@functools.lru_cache(maxsize=262144)
def _english_category(words: tuple[str, ...]) -> str:
    # memoised: every candidate span of every bead is categorised, and spans repeat across beads
    if not words:
        return OTHER
    head_words, _, phrases = _heads()
    low = [w.lower() for w in words]
    phrase = " ".join(low[:-1] + [singular(low[-1])])
    if phrase in phrases:
        return phrases[phrase]
    h0 = head_index(words)
    if h0 < len(low) - 1:  # degrees of freedom → degree of freedom
        head_singular = " ".join(low[:h0] + [singular(low[h0])] + low[h0 + 1 :])
        if head_singular in phrases:
            return phrases[head_singular]
    h = head_index(words)
    for n in range(min(MAX_PHRASE_TAIL, len(low)) if h == len(low) - 1 else 0, 1, -1):  # "... adverse event" ending
        tail = " ".join(low[-n:-1] + [singular(low[-1])])
        if tail in phrases:
            return phrases[tail]
    if low[0] in ("median", "mean") and len(low) >= 2:
        # a summary of a statistic (median overall survival) or of age; "median follow-up",
        # "mean dose intensity" summarise a variable, they are not terms of their own
        rest = _english_category(words[1:])
        return STATISTIC if rest == STATISTIC or singular(low[-1]) == "age" and len(low) == 2 else OTHER
    h = head_index(words)
    head = singular(low[h])
    if head in ARM_HEADS and 0 < h and _english_category(tuple(words[:h])) == DRUG:
        return OTHER  # a trial arm named after its treatment (anthracycline cohort, cisplatin group)
    if head in GENERIC_DRUG_HEADS and set(low[:h]) <= GENERIC_DRUG_QUALIFIERS:
        return OTHER  # "study medication", "concomitant drug": which drug is not said
    if head in TREATMENT_HEADS and 0 < h:
        # a treatment named by its drug or drug class is a drug term (antiviral therapy,
        # anti-VEGF therapy, cisplatin regimen, oxygen therapy), not a procedure
        mods = tuple(words[:h])
        if _english_category(mods) == DRUG or " ".join(low[:h]) in drug_names() \
                or (len(mods) == 1 and low[0].startswith("anti-")):
            return DRUG
    if head in STATISTIC_CARRIERS and 0 < h and _english_category(tuple(words[:h])) == STATISTIC:
        return STATISTIC  # random-effects estimate, Kaplan-Meier approach, sensitivity analysis
    if low[0].startswith("anti-") and len(low[0]) > 6 and head in ANTI_TARGET_HEADS:
        return DRUG  # anti-vascular endothelial growth factor: an agent against a molecule
    modifiers = set(low[:h])
    for part in low[:h]:
        modifiers.update(part.split("-"))
    base = head.split("-")[-1]
    if "-" in head:
        modifiers.update(head.split("-")[:-1])
    rule_head = head if head in QUALIFIED_HEADS or head in NEEDS_MODIFIER else base
    if rule_head in QUALIFIED_HEADS:
        allowed = QUALIFIED_HEADS[rule_head]
        if rule_head in NEEDS_MODIFIER:
            if not modifiers:
                return OTHER
        elif not (modifiers & allowed):
            return OTHER
    elif rule_head in NEEDS_MODIFIER and not (modifiers - _NUMBER_WORDS):
        return OTHER
    if head in head_words:
        return head_words[head]
    if base in head_words:
        return head_words[base]
    stem_part, _, letter = head.rpartition("-")
    if stem_part and len(letter) <= 2 and head_words.get(stem_part) == DRUG:
        return DRUG  # mitomycin-C, interferon-α2
    if drug_stem(head, min_prefix=2) and len(words) <= 2 and len(head) >= 7 and _stem_is_specific(head) \
            and not _ordinary_word(head):
        return DRUG
    by_suffix = _suffix_table()
    for size in range(min(len(head) - 3, max(map(len, by_suffix), default=0)), 0, -1):
        category = by_suffix.get(head[-size:])
        if category is not None:
            return category  # the longest word ending listed (len(head) > len(suffix) + 2)
    return OTHER


@functools.cache
def _suffix_table() -> dict[str, str]:
    return {suffix: category for suffix, category in _heads()[1]}


def _ordinary_word(word: str) -> bool:
    """A word the general dictionary knows with no drug-like rendering (concept → 概念) is not
    a drug name even if it ends like one (−cept)."""
    from glossary.lexicon import default_lexicon

    forms = default_lexicon().phrases.get(word.lower())
    if not forms:
        return False
    return not any(chinese_category(f) == DRUG for f in forms)


def _stem_is_specific(word: str) -> bool:
    """Generic endings (−ine, −ase, −ide) are too common in ordinary words to mark a drug."""
    stem = drug_stem(word, min_prefix=2)
    return bool(stem) and len(stem[0]) >= 3 and stem[0] not in {"ine", "ase", "mide", "amide", "amine", "tide", "nib", "azole", "vir", "sone"}


def chinese_category(zh: str) -> str:
    """Category from the Chinese term's ending (OTHER when none matches)."""
    z = zh.strip()
    for ending, category in _zh_endings():
        if z.endswith(ending) and (len(z) > len(ending) or len(ending) >= 2):
            return category
    return OTHER


def categorize(en_words: tuple[str, ...] | list[str], zh: str) -> tuple[str, str]:
    """(category, rule) for a pair; rule names which side decided ("en", "zh", "en+zh")."""
    en = english_category(en_words)
    zc = chinese_category(zh)
    if en == OTHER:
        # the Chinese ending alone is weaker evidence: accept it for single-word drug or disease
        # names the English rules do not know (indirubin → 靛玉红 stays other)
        if zc in (DRUG, DISEASE) and len(en_words) <= 3:
            return zc, "zh"
        return OTHER, "none"
    if zc == OTHER or zc == en:
        return en, "en+zh" if zc == en else "en"
    if zc == DRUG and en == STATISTIC and singular(en_words[-1].lower()) not in ("group", "arm"):
        return DRUG, "zh"
    return en, "en"
