"""Abbreviation consistency between the two languages of a document.

Definitions are read with :mod:`glossary.glosses` (Schwartz–Hearst for English "odds ratio
(OR)"; Chinese glosses 优势比(OR) and table notes "CR为完全缓解"):

- ``abbreviation-mismatch``: one abbreviation given two different expansions in a document
  (two English long forms, two Chinese terms with nothing in common, or a Chinese gloss whose
  English long form differs from the English definition), or a Chinese gloss whose term is
  not the approved rendering of the English long form (when term pairs are known);
- ``abbreviation-undefined``: an abbreviation defined in one language and used, never
  defined, in the other language of the same document.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary.checks.text import Unit, matching_key
from glossary.checks.variants import english_key
from glossary.glosses import chinese_definitions, chinese_glosses, english_abbreviations
from glossary.records import Finding
from glossary.synonyms import INFO, WARNING

MISMATCH = "abbreviation-mismatch"
UNDEFINED = "abbreviation-undefined"


@dataclass(frozen=True)
class Definition:
    abbr: str
    expansion: str  # English long form, or the Chinese text before the bracket
    lang: str
    doc: str
    bead: int
    span: tuple[int, int]  # where the abbreviation stands, in that side's text
    english: str = ""  # for a Chinese gloss: English given in the bracket too
    note: bool = False  # a table-note definition ("CR为完全缓解"): evidence of definition only


def _abbr_span(text: str, abbr: str, after: int = 0) -> tuple[int, int]:
    match = re.compile(rf"(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])").search(text, after)
    if not match:
        match = re.compile(re.escape(abbr)).search(text)
    return match.span() if match else (0, 0)


def definitions_of(units: Sequence[Unit]) -> list[Definition]:
    found = []
    for unit in units:
        if unit.en.strip():
            for d in english_abbreviations(unit.en):
                found.append(Definition(d.short, d.long, "en", unit.doc, unit.bead,
                                        _abbr_span(unit.en, d.short)))
        if unit.zh.strip():
            for g in chinese_glosses(unit.zh):
                if g.abbr:
                    found.append(Definition(g.abbr, g.context, "zh", unit.doc, unit.bead,
                                            _abbr_span(unit.zh, g.abbr), english=g.english))
            for abbr, term in chinese_definitions(unit.zh):
                found.append(Definition(abbr, term, "zh", unit.doc, unit.bead,
                                        _abbr_span(unit.zh, abbr), note=True))
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _uses(units: Sequence[Unit], abbr: str, side: str) -> list[tuple[Unit, tuple[int, int]]]:
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])")
    found = []
    for unit in units:
        text = unit.en if side == "en" else unit.zh
        match = pattern.search(text)
        if match:
            found.append((unit, match.span()))
    return found


def abbreviation_findings(units: Sequence[Unit], pairs: Sequence[tuple[str, str]] = (),
                          mismatch_severity: str = WARNING, undefined_severity: str = INFO) -> list[Finding]:
    zh_of: dict[str, set[str]] = {}
    for en, zh in pairs:
        zh_of.setdefault(english_key(en), set()).add(matching_key(zh))
    findings: list[Finding] = []
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        by_doc.setdefault(unit.doc, []).append(unit)
    for doc, doc_units in by_doc.items():
        definitions = definitions_of(doc_units)
        by_abbr: dict[str, list[Definition]] = {}
        for d in definitions:
            by_abbr.setdefault(d.abbr, []).append(d)
        bilingual = any(u.en.strip() for u in doc_units) and any(u.zh.strip() for u in doc_units)
        for abbr in sorted(by_abbr):
            defs = by_abbr[abbr]
            findings += _mismatches(abbr, defs, zh_of, mismatch_severity)
            if bilingual:
                findings += _undefined(abbr, defs, doc_units, undefined_severity)
    return findings


def _finding(check, severity, d: Definition, message: str) -> Finding:
    return Finding(check=check, severity=severity, doc=d.doc, bead=d.bead, message=message,
                   en_span=d.span if d.lang == "en" else None,
                   zh_span=d.span if d.lang == "zh" else None, concept=d.abbr)


def _mismatches(abbr: str, defs: list[Definition], zh_of: dict[str, set[str]], severity: str) -> list[Finding]:
    findings = []
    english = [d for d in defs if d.lang == "en"]
    chinese = [d for d in defs if d.lang == "zh" and not d.note]
    long_forms = {english_key(d.expansion): d for d in english}
    long_forms.update({english_key(d.english): d for d in chinese if d.english and english_key(d.english) not in long_forms})
    if len(long_forms) >= 2:
        first, *others = sorted(long_forms.items(), key=lambda kv: (kv[1].bead, kv[0]))
        for key, d in others:
            if key.endswith(first[0]) or first[0].endswith(key):
                continue  # "recurrent spontaneous abortion" vs "spontaneous abortion": one cut shorter
            findings.append(_finding(MISMATCH, severity, d,
                                     f"{abbr} is defined as '{first[0]}' and as '{key}' in this document"))
    for i, a in enumerate(chinese):
        for b in chinese[i + 1:]:
            ka, kb = matching_key(a.expansion), matching_key(b.expansion)
            if _common_suffix(ka, kb) == 0:
                findings.append(_finding(MISMATCH, severity, b,
                                         f"{abbr} follows two different Chinese terms: …{a.expansion[-8:]} and …{b.expansion[-8:]}"))
                break
    for d in chinese:
        for key in long_forms:
            approved = zh_of.get(key)
            if approved and not any(z in matching_key(d.expansion) for z in approved):
                findings.append(_finding(
                    MISMATCH, severity, d,
                    f"{abbr} stands for '{key}' in English, approved Chinese {' / '.join(sorted(approved))}, "
                    f"but the Chinese glosses it after …{d.expansion[-10:]}"))
    return findings


def _shown(d: Definition) -> str:
    """The expansion as shown in a message: English in full (up to 60 characters), Chinese
    as the end of the text before the bracket (its left edge is not known)."""
    if d.lang == "en":
        return d.expansion if len(d.expansion) <= 60 else "…" + d.expansion[-60:].split(" ", 1)[-1]
    return d.expansion if len(d.expansion) <= 10 else "…" + d.expansion[-10:]


def _bracketed(units: Sequence[Unit], abbr: str, side: str) -> bool:
    """The abbreviation stands in brackets after some text ("vaccine (IIV3)", 免疫球蛋白(Ig)G):
    a definition the extractors may not have recognised, so not "undefined"."""
    pattern = re.compile(rf"\S\s*[(（][^()（）]{{0,40}}(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])[^()（）]{{0,20}}[)）]")
    return any(pattern.search(unit.en if side == "en" else unit.zh) for unit in units)


def _undefined(abbr: str, defs: list[Definition], units: Sequence[Unit], severity: str) -> list[Finding]:
    findings = []
    for lang, other, names in (("en", "zh", ("English", "Chinese")), ("zh", "en", ("Chinese", "English"))):
        if not any(d.lang == lang for d in defs) or any(d.lang == other for d in defs):
            continue
        uses = _uses(units, abbr, other)
        if not uses or _bracketed(units, abbr, other):
            continue
        unit, span = uses[0]
        findings.append(Finding(
            check=UNDEFINED, severity=severity, doc=unit.doc, bead=unit.bead,
            en_span=span if other == "en" else None, zh_span=span if other == "zh" else None,
            message=(f"{abbr} is defined in the {names[0]} ({_shown(defs[0])}) but used "
                     f"undefined in the {names[1]}"),
            concept=abbr))
    return findings
