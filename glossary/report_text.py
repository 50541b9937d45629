"""Checker output people and programs read: a text report grouped by check, and JSON lines.

JSON lines: one finding per line, fields in a fixed order — ``check, severity, doc, bead,
en_span, zh_span, message, concept, forms`` (spans are ``[start, end]`` character offsets into
the bead's ``en_text`` / ``zh_text``, or null) plus ``en_text`` / ``zh_text`` excerpts of the
bead when the documents are given.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from aligner.records import AlignedDocument
from glossary.records import Finding

SEVERITY_ORDER = ("error", "warning", "info")
# Checks in the order the report shows them.
CHECK_ORDER = ("glossary-missing", "glossary-deprecated", "glossary-unpaired-zh", "number-mismatch",
               "inconsistent-rendering", "probable-term-error", "deprecated-form",
               "abbreviation-mismatch", "abbreviation-undefined")
CHECK_TITLES = {
    "glossary-missing": "Glossary term not rendered as approved",
    "glossary-deprecated": "Deprecated form of a glossary term",
    "glossary-unpaired-zh": "Glossary Chinese term without its English",
    "number-mismatch": "Numbers and units that differ",
    "inconsistent-rendering": "Inconsistent renderings (one concept, several forms)",
    "probable-term-error": "Probable slips (a term once, a near-identical term elsewhere)",
    "deprecated-form": "Deprecated forms",
    "abbreviation-mismatch": "Abbreviations expanded differently",
    "abbreviation-undefined": "Abbreviations defined in one language only",
}


def _bead_texts(documents: Sequence[AlignedDocument] | None) -> dict[tuple[str, int], tuple[str, str]]:
    if not documents:
        return {}
    return {(d.doc, i): (b.en_text, b.zh_text) for d in documents for i, b in enumerate(d.beads)}


def finding_record(finding: Finding, texts: dict | None = None) -> dict:
    """The JSON object of one finding (stable field order)."""
    record = {
        "check": finding.check, "severity": finding.severity, "doc": finding.doc,
        "bead": finding.bead,
        "en_span": list(finding.en_span) if finding.en_span else None,
        "zh_span": list(finding.zh_span) if finding.zh_span else None,
        "message": finding.message, "concept": finding.concept,
        "forms": [{"text": f["text"], "count": f["count"], "docs": list(f["docs"])} for f in finding.forms],
    }
    if texts is not None and (finding.doc, finding.bead) in texts:
        record["en_text"], record["zh_text"] = texts[(finding.doc, finding.bead)]
    return record


def format_json_lines(findings: Sequence[Finding], documents: Sequence[AlignedDocument] | None = None) -> str:
    texts = _bead_texts(documents) if documents else None
    return "".join(json.dumps(finding_record(f, texts), ensure_ascii=False) + "\n" for f in findings)


def _excerpt(text: str, span: tuple[int, int] | None, marks: tuple[str, str], width: int = 36) -> str:
    """Text around ``span`` with the span bracketed by ``marks``; the whole text if short."""
    text = " ".join(text.split()) if span is None else text
    if span is None:
        return text if len(text) <= 2 * width else text[:2 * width] + "…"
    start, end = span
    before, inside, after = text[:start], text[start:end], text[end:]
    before = ("…" + before[-width:]) if len(before) > width else before
    after = (after[:width] + "…") if len(after) > width else after
    return " ".join(f"{before}{marks[0]}{inside}{marks[1]}{after}".split())


def summary_line(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        return "No findings."
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITY_ORDER if counts[s]]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {', '.join(parts)}."


def format_text(findings: Sequence[Finding], documents: Sequence[AlignedDocument] | None = None,
                show_context: bool = True) -> str:
    """A readable report: one section per check (most serious checks first), each finding with
    its place (document, bead) and, when documents are given, the sentence pair with the
    offending span marked ⟦like this⟧."""
    texts = _bead_texts(documents)
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    order = [c for c in CHECK_ORDER if c in by_check] + sorted(c for c in by_check if c not in CHECK_ORDER)
    lines: list[str] = []
    for check in order:
        group = by_check[check]
        counts = Counter(f.severity for f in group)
        tally = ", ".join(f"{counts[s]} {s}" for s in SEVERITY_ORDER if counts[s])
        title = CHECK_TITLES.get(check, check)
        lines.append(f"== {check}: {title} ({tally})")
        for finding in group:
            place = finding.doc or "corpus"
            if finding.bead is not None:
                place += f" #{finding.bead}"
            lines.append(f"  [{finding.severity}] {place}: {finding.message}")
            if show_context and (finding.doc, finding.bead) in texts:
                en, zh = texts[(finding.doc, finding.bead)]
                if en.strip():
                    lines.append(f"      en: {_excerpt(en, finding.en_span, ('⟦', '⟧'))}")
                if zh.strip():
                    lines.append(f"      zh: {_excerpt(zh, finding.zh_span, ('⟦', '⟧'))}")
        lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"
