"""The terminology checker: aligned documents (and optionally a glossary) in, findings out.

:func:`check` runs every enabled check and returns the findings sorted by document (input
order), bead, check and position, so the same input always gives the same report.

Check ids and default severities (see each module for the exact rules):

=========================  ==========  ===============================================
id                         severity    what
=========================  ==========  ===============================================
inconsistent-rendering     info–warn.  one concept in several forms (families, rules,
                                       aligned renderings); warning within a document
                                       or with a deprecated form, info across documents
                                       or for minor synonyms
deprecated-form            warning     a form marked deprecated in the synonym families
probable-term-error        warning     a long term used once, one morpheme away from a
                                       frequent term in the same document
glossary-missing           error       glossary English term, no approved Chinese form
glossary-deprecated        warning     a deprecated form of an approved term
glossary-unpaired-zh       info        approved Chinese term, its English absent
number-mismatch            error/warn. numbers and units differ (glossary.checks.numbers)
abbreviation-mismatch      warning     an abbreviation expanded differently
abbreviation-undefined     info        defined in one language, used undefined in the other
=========================  ==========  ===============================================
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.records import AlignedDocument
from glossary.checks import abbreviations, compliance, variants
from glossary.checks.text import Unit, Units, doc_order, units_of
from glossary.records import DISEASE, DRUG, STATISTIC, Finding, Glossary
from glossary.synonyms import ERROR, INFO, SEVERITIES, WARNING, Family, load_families

VARIANTS = "variants"
GLOSSARY = "glossary"
NUMBERS = "numbers"
ABBREVIATIONS = "abbreviations"
CHECK_GROUPS = (VARIANTS, GLOSSARY, NUMBERS, ABBREVIATIONS)

SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


@dataclass(frozen=True)
class CheckOptions:
    """What the checker runs and how it reports; the CLI's defaults come from here.

    ``fail_on``: the lowest severity that makes ``duizhao check`` exit with status 1 (error:
    a gate fails on glossary violations and changed numbers, not on style). ``min_severity``:
    findings below it are dropped. ``synonyms``: user synonym files merged over the shipped
    ones. ``aligned_renderings``: build term pairs from the corpus itself (the glossary
    builder) to find terms translated several ways; costs a few seconds.
    """

    checks: tuple[str, ...] = CHECK_GROUPS
    synonyms: tuple[str, ...] = ()
    shipped_synonyms: bool = True
    aligned_renderings: bool = True
    morphological_rules: bool = True
    probable_errors: bool = True
    probable_error_min_length: int = 8
    min_severity: str = INFO
    fail_on: str = ERROR
    glossary_missing_severity: str = ERROR

    def __post_init__(self):
        unknown = [c for c in self.checks if c not in CHECK_GROUPS]
        if unknown:
            raise ValueError(f"unknown check {unknown[0]!r}; choose from {', '.join(CHECK_GROUPS)}")
        for name in ("min_severity", "fail_on", "glossary_missing_severity"):
            if getattr(self, name) not in SEVERITIES:
                raise ValueError(f"{name} must be one of {', '.join(SEVERITIES)}")


def corpus_term_pairs(documents: Sequence[AlignedDocument]) -> list[tuple[str, str]]:
    """(English, Chinese) drug/disease/statistic pairs the glossary builder finds in the corpus."""
    from glossary.builder import build

    glossary = build(documents)
    return [(e.en, e.zh) for e in glossary if e.category in (DRUG, DISEASE, STATISTIC)]


def check(documents: Sequence[AlignedDocument], glossary: Glossary | None = None,
          options: CheckOptions | None = None, *, families: Sequence[Family] | None = None,
          term_pairs: Sequence[tuple[str, str]] | None = None,
          probable_errors: Sequence[Finding] | None = None,
          units: Sequence[Unit] | None = None) -> list[Finding]:
    """Run every enabled check; findings sorted deterministically.

    ``families`` overrides the synonym families (default: shipped + ``options.synonyms``);
    ``term_pairs`` overrides the corpus term pairs (default: built from ``documents`` when
    ``options.aligned_renderings``), e.g. to reuse a glossary already built.
    ``probable_errors``: the probable-slip findings already computed document by document
    (:func:`probable_error_findings` of each document, in document order -- the check needs
    no corpus view, so ``duizhao run`` computes it in its workers). ``units``: the
    documents' units (:func:`units_of`), if already computed the same way.
    """
    options = options or CheckOptions()
    documents = list(documents)
    units = Units(units if units is not None else units_of(documents))  # indexed for find_form
    order = doc_order(documents)
    if families is None:
        families = load_families(options.synonyms, shipped=options.shipped_synonyms)
    pairs: list[tuple[str, str]] = list(term_pairs) if term_pairs is not None else []
    if term_pairs is None and options.aligned_renderings and VARIANTS in options.checks and documents:
        pairs = corpus_term_pairs(documents)
    if glossary is not None:
        pairs += [(e.en, e.zh) for e in glossary if (e.en, e.zh) not in pairs]

    findings: list[Finding] = []
    if VARIANTS in options.checks:
        found = variants.family_findings(units, families, order)
        if pairs:
            found += variants.aligned_findings(units, pairs, order)
            found += variants.english_rendering_findings(units, pairs, order)
        if options.morphological_rules:
            found += variants.morphological_findings(units, order)
            found += variants.fullwidth_findings(units, order)
        terms = [(zh, False) for _, zh in pairs] + [(f.text, f.bound) for family in families
                                                    for f in family.forms if not family.morpheme]
        found += variants.surface_findings(units, terms, order)
        if options.probable_errors and probable_errors is not None:
            found += list(probable_errors)
        elif options.probable_errors:
            found += variants.probable_error_findings(units, order, options.probable_error_min_length)
        findings += variants.drop_duplicates(found)
    if GLOSSARY in options.checks and glossary is not None:
        findings += compliance.compliance_findings(units, glossary, families,
                                                   missing_severity=options.glossary_missing_severity)
    if NUMBERS in options.checks:
        findings += _number_findings(documents)
    if ABBREVIATIONS in options.checks:
        findings += abbreviations.abbreviation_findings(units, pairs)
    threshold = SEVERITY_RANK[options.min_severity]
    findings = [f for f in findings if SEVERITY_RANK[f.severity] >= threshold]
    return sort_findings(findings, order)


def probable_error_findings(document: AlignedDocument,
                            options: CheckOptions | None = None, *,
                            units: Sequence[Unit] | None = None) -> list[Finding]:
    """The probable slips of one document (a term once, a near-identical term often).
    ``units``: the document's :func:`units_of`, if the caller has them already."""
    options = options or CheckOptions()
    if VARIANTS not in options.checks or not options.probable_errors:
        return []
    return variants.probable_error_findings(units if units is not None else units_of([document]),
                                            doc_order([document]), options.probable_error_min_length)


def _number_findings(documents: Sequence[AlignedDocument]) -> list[Finding]:
    try:
        from glossary.checks.numbers import number_findings
    except ImportError:  # pragma: no cover - the number check is a separate module
        return []
    found = []
    for document in documents:
        for index, bead in enumerate(document.beads):
            if bead.en_text.strip() and bead.zh_text.strip():
                found += number_findings(document.doc, index, bead.en_text, bead.zh_text)
    return found


def sort_findings(findings: Sequence[Finding], order: dict[str, int] | None = None) -> list[Finding]:
    """Document (input order), bead, check, spans, message: a total, stable order."""
    order = order or {}

    def key(f: Finding):
        return (order.get(f.doc, len(order)) if f.doc is not None else -1, f.doc or "",
                f.bead if f.bead is not None else -1, f.check,
                f.en_span or (-1, -1), f.zh_span or (-1, -1), f.message)

    return sorted(findings, key=key)


def check_signature(options: CheckOptions | None = None, glossary: str | None = None) -> dict:
    """Version and options that shaped a report, so it can be reproduced."""
    from aligner import __version__

    options = options or CheckOptions()
    signature = {"duizhao": __version__, "checks": list(options.checks),
                 "shipped_synonyms": options.shipped_synonyms, "synonyms": list(options.synonyms),
                 "aligned_renderings": options.aligned_renderings,
                 "min_severity": options.min_severity, "fail_on": options.fail_on}
    if glossary:
        signature["glossary"] = glossary
    return signature


def fails(findings: Sequence[Finding], fail_on: str = CheckOptions.fail_on) -> bool:
    """True if some finding is at or above ``fail_on`` (the exit status of ``duizhao check``)."""
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)


__all__ = ["CHECK_GROUPS", "CheckOptions", "check", "check_signature", "corpus_term_pairs", "fails",
           "sort_findings"]
