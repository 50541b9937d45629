"""Glossary compliance: does each aligned pair use the glossary's approved renderings?

- ``glossary-missing``: a glossary English term occurs in a sentence, but the aligned Chinese
  holds none of its approved forms (the Chinese of every entry for that English term, or its
  abbreviation) and no synonym of them either (a synonym-family mate that is not deprecated
  is accepted). The message names what was used instead when a family mate or a rendering
  the glossary lists is found.
- ``glossary-deprecated``: a deprecated family form of an approved term is used, anywhere
  (Chinese-only text included), e.g. 强的松 where the glossary approves 泼尼松.
- ``glossary-unpaired-zh``: an approved Chinese term occurs in a pair whose English holds
  none of the English terms it stands for.

Glossary terms are matched on Simplified, half-width, lower-case text; English terms as
whole words with plural -s; a glossary term found only inside a longer glossary term (肾炎 in
狼疮肾炎) is left to the longer one.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.checks.text import Occurrence, Unit, drop_contained, find_form, form_pattern, matching_key
from glossary.checks.variants import english_key
from glossary.records import Finding, Glossary
from glossary.synonyms import ERROR, INFO, WARNING, Family

MISSING = "glossary-missing"
DEPRECATED = "glossary-deprecated"
UNPAIRED_ZH = "glossary-unpaired-zh"


@dataclass
class Concept:
    """All glossary entries of one English term (case and number ignored)."""

    en: str  # as the glossary writes it (first entry)
    en_forms: set[str] = field(default_factory=set)  # matching keys of English forms
    approved: list[str] = field(default_factory=list)  # Chinese forms, glossary order
    abbr: set[str] = field(default_factory=set)
    renderings: set[str] = field(default_factory=set)  # other renderings the glossary saw


def concepts_of(glossary: Glossary) -> list[Concept]:
    by_key: dict[str, Concept] = {}
    for entry in glossary:
        key = english_key(entry.en)
        concept = by_key.setdefault(key, Concept(en=entry.en))
        concept.en_forms.add(matching_key(entry.en))
        if entry.zh not in concept.approved:
            concept.approved.append(entry.zh)
        if entry.abbr:
            concept.abbr.add(entry.abbr)
        concept.renderings.update(entry.renderings)
    for concept in by_key.values():
        concept.renderings -= set(concept.approved)
    return list(by_key.values())


def _mates(form: str, families: Sequence[Family]) -> tuple[list[str], list[str]]:
    """(accepted, deprecated) family mates of an approved Chinese form."""
    key = matching_key(form)
    accepted, deprecated = [], []
    for family in families:
        if any(matching_key(f.text) == key for f in family.forms):
            for other in family.forms:
                if matching_key(other.text) == key:
                    continue
                (deprecated if other.deprecated else accepted).append(other.text)
    return accepted, deprecated


def _contains(unit_key: str, form: str, bound: bool = False) -> re.Match | None:
    return form_pattern(matching_key(form), bound).search(unit_key)


def compliance_findings(units: Sequence[Unit], glossary: Glossary, families: Sequence[Family],
                        missing_severity: str = ERROR, deprecated_severity: str = WARNING,
                        unpaired_severity: str = INFO) -> list[Finding]:
    concepts = concepts_of(glossary)
    findings: list[Finding] = []
    findings += _missing(units, concepts, families, missing_severity)
    findings += _deprecated(units, concepts, families, deprecated_severity)
    findings += _unpaired(units, concepts, unpaired_severity)
    return findings


def _english_matches(units: Sequence[Unit], concepts: Sequence[Concept]) -> dict[int, list[Occurrence]]:
    """English occurrences of each concept, longest match wins across concepts."""
    tagged: list[tuple[int, Occurrence]] = []
    for number, concept in enumerate(concepts):
        for form in sorted(concept.en_forms):
            tagged += [(number, o) for o in find_form(units, form) if o.side == "en"]
    kept = {id(o) for o in drop_contained([o for _, o in tagged])}
    result: dict[int, list[Occurrence]] = {}
    for number, occ in tagged:
        if id(occ) in kept:
            result.setdefault(number, []).append(occ)
    return result


def _missing(units, concepts, families, severity) -> list[Finding]:
    by_place = {(u.doc, u.bead): u for u in units}
    findings = []
    for number, occurrences in sorted(_english_matches(units, concepts).items()):
        concept = concepts[number]
        accepted, deprecated = [], []
        for form in concept.approved:
            a, d = _mates(form, families)
            accepted += a
            deprecated += d
        seen_beads = set()
        for occ in occurrences:
            unit = by_place[(occ.doc, occ.bead)]
            if not unit.zh.strip() or (occ.doc, occ.bead) in seen_beads:
                continue
            seen_beads.add((occ.doc, occ.bead))
            ok = [f for f in concept.approved + accepted if _contains(unit.zh_key, f)]
            ok += [a for a in concept.abbr if re.search(rf"(?<![A-Za-z]){re.escape(a)}(?![A-Za-z])", unit.zh)]
            if ok:
                continue
            instead = [f for f in deprecated + sorted(concept.renderings) if _contains(unit.zh_key, f)]
            if any(f in deprecated for f in instead):
                continue  # reported as glossary-deprecated
            message = (f"'{unit.en[occ.start:occ.end]}' is in the English but the Chinese has no "
                       f"approved rendering ({' / '.join(concept.approved)})")
            zh_span = None
            if instead:
                match = _contains(unit.zh_key, instead[0])
                zh_span = match.span()
                message += f"; it uses {unit.zh[zh_span[0]:zh_span[1]]} instead"
            findings.append(Finding(check=MISSING, severity=severity, doc=occ.doc, message=message,
                                    bead=occ.bead, en_span=(occ.start, occ.end), zh_span=zh_span,
                                    concept=concept.en))
    return findings


def _deprecated(units, concepts, families, severity) -> list[Finding]:
    # Uses of every family form, so that 强的松龙 inside 甲基强的松龙 is not a use of 强的松龙.
    everything = [o for family in families for f in family.forms if not family.morpheme
                  for o in find_form(units, matching_key(f.text), f.bound)]
    standalone = {(o.doc, o.bead, o.side, o.start, o.end) for o in drop_contained(everything)}
    findings = []
    for concept in concepts:
        for approved in concept.approved:
            _, deprecated = _mates(approved, families)
            for form in deprecated:
                for occ in find_form(units, matching_key(form)):
                    if (occ.doc, occ.bead, occ.side, occ.start, occ.end) not in standalone:
                        continue
                    findings.append(Finding(
                        check=DEPRECATED, severity=severity, doc=occ.doc, bead=occ.bead,
                        zh_span=(occ.start, occ.end) if occ.side == "zh" else None,
                        en_span=(occ.start, occ.end) if occ.side == "en" else None,
                        message=(f"{occ.surface} is deprecated; the glossary approves {approved} "
                                 f"for {concept.en}"),
                        concept=concept.en,
                        forms=({"text": occ.surface, "count": 1, "docs": [occ.doc]},)))
    return findings


def _all_words_in(term: str, text_key: str) -> bool:
    """Every word of ``term`` is in ``text_key`` (singular or plural, any order): "refractory
    cytopenia associated with connective tissue diseases" holds "connective tissue
    disease-associated refractory cytopenia"."""
    words = set(re.findall(r"[a-z0-9]+", text_key))
    words |= {english_key(w) for w in words}
    return all(english_key(w) in words for w in re.findall(r"[a-z0-9]+", term))


def _unpaired(units, concepts, severity) -> list[Finding]:
    """Approved Chinese terms in pairs whose English lacks every English term they render."""
    english_of: dict[str, set[str]] = {}
    for concept in concepts:
        for zh in concept.approved:
            english_of.setdefault(matching_key(zh), set()).update(concept.en_forms)
            english_of[matching_key(zh)].update(matching_key(a) for a in concept.abbr)
    paired = [u for u in units if u.paired]
    tagged: list[tuple[str, Occurrence]] = []
    for zh in sorted(english_of):
        tagged += [(zh, o) for o in find_form(paired, zh) if o.side == "zh"]
    kept = {id(o) for o in drop_contained([o for _, o in tagged])}
    by_place = {(u.doc, u.bead): u for u in paired}
    findings, seen = [], set()
    for zh, occ in tagged:
        if id(occ) not in kept or (occ.doc, occ.bead, zh) in seen:
            continue
        seen.add((occ.doc, occ.bead, zh))
        unit = by_place[(occ.doc, occ.bead)]
        # 安慰剂组 may be translated "placebo": English of a glossary term inside it counts
        english_forms = set().union(*(english_of[z] for z in english_of if z in zh))
        if any(form_pattern(en).search(unit.en_key) or _all_words_in(en, unit.en_key)
               for en in english_forms):
            continue
        english = sorted(english_of[zh])
        findings.append(Finding(
            check=UNPAIRED_ZH, severity=severity, doc=occ.doc, bead=occ.bead,
            zh_span=(occ.start, occ.end),
            message=(f"{occ.surface} is in the Chinese but the English has none of "
                     f"{' / '.join(english)}"),
            concept=english[0]))
    return findings
