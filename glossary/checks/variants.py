"""Inconsistent renderings: one concept written in different forms.

Four sources of evidence, each explained in its finding's message:

1. **Synonym families** (:mod:`glossary.synonyms`): two forms of one family used in the
   corpus (泼尼松/强的松), or a deprecated form used at all. Matching is on Simplified,
   half-width, lower-case keys, so Traditional/Simplified and full-/half-width spellings of
   one form are reported as different forms too.
2. **Morphological variant rules**, general patterns of Chinese term formation:
   X性Y / XY for a disease head Y (狼疮性肾炎/狼疮肾炎), X性疾病 / X病 (自身免疫性疾病/
   自身免疫病), X淋巴细胞 / X细胞 (B淋巴细胞/B细胞), X疗法 / X治疗 (标准疗法/标准治疗), a
   trailing Latin letter (环孢素A/环孢素). Both forms must occur; the term's left edge is
   where the occurrence counts of both forms stop agreeing (so 自身免疫性疾病, not 免疫性疾病).
3. **Probable errors**: a long term (≥ 8 characters) that occurs once in a document and
   differs by one two-character morpheme from a term used at least twice in the same
   document (…难治性血小板减少 once vs …难治性血细胞减少 throughout).
4. **Aligned renderings**: the same English term rendered by different Chinese terms in
   aligned pairs, or the same Chinese term translated by different English terms that share
   a word (不良反应 ↔ adverse reaction / adverse event / adverse effect).

A form found only inside a longer known form (泼尼松 in 泼尼松龙) is not a use of it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.checks.text import (
    HAN,
    HAN_RE,
    Occurrence,
    Unit,
    Units,
    drop_contained,
    find_form,
    is_latin_form,
    matching_key,
)
from glossary.records import Finding
from glossary.synonyms import ERROR, INFO, WARNING, Family

INCONSISTENT = "inconsistent-rendering"
DEPRECATED = "deprecated-form"
PROBABLE_ERROR = "probable-term-error"

_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


def lower_severity(severity: str) -> str:
    return {ERROR: WARNING, WARNING: INFO}.get(severity, INFO)


def max_severity(*severities: str) -> str:
    return max(severities, key=lambda s: _RANK[s])


# ------------------------------------------------------------------ finding assembly

def forms_field(by_form: dict[str, list[Occurrence]], doc_order: dict[str, int]) -> tuple[dict, ...]:
    """``forms`` records, most used first: {text, count, docs}."""
    def docs_of(occs):
        return sorted({o.doc for o in occs}, key=lambda d: (doc_order.get(d, 1 << 30), d))

    rows = [{"text": text, "count": len(occs), "docs": docs_of(occs)} for text, occs in by_form.items()]
    rows.sort(key=lambda r: (-r["count"], r["text"]))
    return tuple(rows)


def describe_forms(forms: Sequence[dict]) -> str:
    return ", ".join(f"{f['text']} ({f['count']}× in {', '.join(f['docs'])})" for f in forms)


def mixed_within_a_document(by_form: dict[str, list[Occurrence]]) -> bool:
    docs_per_form = [{o.doc for o in occs} for occs in by_form.values()]
    seen: Counter = Counter(d for docs in docs_per_form for d in docs)
    return any(count > 1 for count in seen.values())


def locate(by_form: dict[str, list[Occurrence]], doc_order: dict[str, int],
           prefer: Iterable[str] = ()) -> Occurrence:
    """The occurrence a finding points at: the first use of the least-used form.

    Forms in ``prefer`` (deprecated ones) are pointed at first.
    """
    preferred = [f for f in prefer if f in by_form]
    candidates = preferred or list(by_form)
    form = min(candidates, key=lambda f: (len(by_form[f]), f))
    return min(by_form[form], key=lambda o: (doc_order.get(o.doc, 1 << 30), o.doc, o.bead, o.start))


def variant_finding(check: str, severity: str, concept: str, by_form: dict[str, list[Occurrence]],
                    explanation: str, doc_order: dict[str, int], prefer: Iterable[str] = ()) -> Finding:
    forms = forms_field(by_form, doc_order)
    where = locate(by_form, doc_order, prefer)
    scope = "mixed within a document" if mixed_within_a_document(by_form) else "across documents"
    message = f"{concept}: {len(forms)} forms {scope}: {describe_forms(forms)}"
    if explanation:
        message += f". {explanation}"
    span = (where.start, where.end)
    return Finding(check=check, severity=severity, doc=where.doc, message=message, bead=where.bead,
                   en_span=span if where.side == "en" else None,
                   zh_span=span if where.side == "zh" else None, concept=concept, forms=forms)


# ------------------------------------------------------------------ 1. synonym families

@dataclass(frozen=True)
class _Use:
    family: Family
    form_text: str  # the family form matched
    occurrence: Occurrence


def _family_uses(units: Sequence[Unit], families: Sequence[Family]) -> list[_Use]:
    """Uses of every family form; a use inside a longer form of another (non-morpheme)
    family does not count, except for morpheme families, whose forms are word parts."""
    raw: list[_Use] = []
    for family in families:
        for form in family.forms:
            for occ in find_form(units, matching_key(form.text), form.bound):
                raw.append(_Use(family, form.text, occ))
    word_occurrences = [u.occurrence for u in raw if not u.family.morpheme]
    kept_words = {id(o) for o in drop_contained(word_occurrences)}
    return [u for u in raw if u.family.morpheme or id(u.occurrence) in kept_words]


def _enclosing_word(use: _Use, uses: Sequence[_Use]) -> str:
    """For a morpheme use, the longest known form around it (甲基强的松龙 for 强的松)."""
    occ = use.occurrence
    best = occ.surface
    for other in uses:
        o = other.occurrence
        if (other.family is not use.family and not other.family.morpheme and o.doc == occ.doc
                and o.bead == occ.bead and o.side == occ.side and o.start <= occ.start
                and occ.end <= o.end and len(o.surface) > len(best)):
            best = o.surface
    return best


def _surface_key(use: _Use) -> str:
    """English forms are told apart by family form (plural and case are not variants);
    Chinese forms by what is written, so 潑尼松 and 泼尼松 are two forms."""
    return use.form_text if is_latin_form(use.form_text) else use.occurrence.surface


def _place(use: _Use) -> tuple[str, int, str]:
    return use.occurrence.doc, use.occurrence.bead, use.occurrence.side


def family_findings(units: Sequence[Unit], families: Sequence[Family],
                    doc_order: dict[str, int]) -> list[Finding]:
    uses = _family_uses(units, families)
    by_family: dict[int, list[_Use]] = {}
    words_at: dict[tuple[str, int, str], list[_Use]] = {}  # the only uses _enclosing_word can pick
    for use in uses:
        by_family.setdefault(id(use.family), []).append(use)
        if not use.family.morpheme:
            words_at.setdefault(_place(use), []).append(use)
    findings: list[Finding] = []
    for family in families:
        family_uses = by_family.get(id(family), [])
        if not family_uses:
            continue
        groups = ([[u for u in family_uses if u.occurrence.doc == d]
                   for d in sorted({u.occurrence.doc for u in family_uses})]
                  if family.morpheme else [family_uses])
        for group in groups:
            findings.extend(_family_group_findings(family, group, words_at, doc_order))
    return findings


def _family_group_findings(family: Family, group: list[_Use],
                           words_at: dict[tuple[str, int, str], list[_Use]],
                           doc_order: dict[str, int]) -> list[Finding]:
    """Findings for one family's uses (the whole corpus, or one document for word parts).
    ``words_at``: the uses of non-morpheme families by place (document, bead, side), in order."""
    by_form: dict[str, list[Occurrence]] = {}
    form_of: dict[str, str] = {}  # written text -> family form
    for use in group:
        text = (_enclosing_word(use, words_at.get(_place(use), ())) if family.morpheme
                else _surface_key(use))
        by_form.setdefault(text, []).append(use.occurrence)
        form_of[text] = use.form_text
    used = set(form_of.values())
    deprecated = [f.text for f in family.forms if f.deprecated and f.text in used]
    deprecated_written = [t for t in by_form if form_of[t] in deprecated]
    advice = []
    if deprecated:
        advice.append(f"{', '.join(deprecated)} {'is' if len(deprecated) == 1 else 'are'} deprecated")
    if family.preferred is not None:
        advice.append(f"the preferred form is {family.preferred.text}")
    if family.note:
        advice.append(family.note)
    odd = [t for t in by_form if not family.morpheme and matching_key(t) != t.lower()]
    if odd:
        advice.insert(0, f"{', '.join(odd)} {'is' if len(odd) == 1 else 'are'} written in "
                         "Traditional or full-width characters")
    explanation = _capital("; ".join(advice))
    if family.morpheme:
        explanation = f"Word part {' / '.join(f.text for f in family.forms)}. " + explanation
    distinct = len(used) if family.morpheme else len(by_form)
    if distinct >= 2:
        severity = family.severity
        if not mixed_within_a_document(by_form) and not deprecated:
            severity = lower_severity(severity)
        if deprecated:
            severity = max_severity(severity, WARNING)
        return [variant_finding(INCONSISTENT, severity, family.concept, by_form, explanation,
                                doc_order, prefer=deprecated_written or odd)]
    if not deprecated:
        return []
    # Only a deprecated form is used. A word part inside another family's form (强的松 in
    # 强的松龙) is left to that family's finding.
    own = {t: o for t, o in by_form.items() if not family.morpheme or t == form_of[t]}
    if not own:
        return []
    occs = [o for group_occs in own.values() for o in group_occs]
    where = min(occs, key=lambda o: (doc_order.get(o.doc, 1 << 30), o.doc, o.bead, o.start))
    docs = sorted({o.doc for o in occs}, key=lambda d: (doc_order.get(d, 1 << 30), d))
    message = (f"{family.concept}: deprecated form {', '.join(own)} used {len(occs)}× "
               f"(in {', '.join(docs)}). {explanation}")
    span = (where.start, where.end)
    return [Finding(check=DEPRECATED, severity=max_severity(family.severity, WARNING),
                    doc=where.doc, message=message, bead=where.bead,
                    en_span=span if where.side == "en" else None,
                    zh_span=span if where.side == "zh" else None, concept=family.concept,
                    forms=forms_field(own, doc_order))]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# ------------------------------------------------------------------ shared Chinese index

class ChineseIndex:
    """All Chinese keys of some units joined by newlines, to count and locate substrings."""

    def __init__(self, units: Sequence[Unit]):
        self.units = list(units)
        self.starts: list[int] = []
        parts, offset = [], 0
        for unit in self.units:
            self.starts.append(offset)
            parts.append(unit.zh_key)
            offset += len(unit.zh_key) + 1
        self.text = "\n".join(parts)
        self._counts: dict[str, int] = {}

    def count(self, needle: str) -> int:
        if needle not in self._counts:
            self._counts[needle] = self.text.count(needle) if needle else 0
        return self._counts[needle]

    def occurrences(self, needle: str, pattern: re.Pattern | None = None) -> list[Occurrence]:
        found = []
        matches = pattern.finditer(self.text) if pattern else re.finditer(re.escape(needle), self.text)
        for match in matches:
            index = bisect_right(self.starts, match.start()) - 1
            unit, base = self.units[index], self.starts[index]
            start, end = match.start() - base, match.end() - base
            found.append(Occurrence(unit.doc, unit.bead, "zh", start, end, unit.zh[start:end]))
        return found

    def is_han(self, position: int) -> bool:
        return 0 <= position < len(self.text) and HAN_RE.match(self.text[position]) is not None


def extend_left(index: ChineseIndex, position: int, head_a: str, head_b: str,
                min_chars: int = 2, max_chars: int = 8) -> str | None:
    """The left part of a term ending at ``position`` (exclusive) followed by ``head_a``.

    Starting from ``min_chars`` Han characters, extend one character at a time while the
    counts of ``left+head_a`` and of ``left+head_b`` both stay the same: the term's left edge
    is where its occurrences stop sharing context. None if fewer than ``min_chars`` Han.
    """
    if position - min_chars < 0 or not all(index.is_han(p) for p in range(position - min_chars, position)):
        return None
    left = index.text[position - min_chars:position]
    if index.count(left + head_b) == 0:
        return None
    while len(left) < max_chars and index.is_han(position - len(left) - 1):
        longer = index.text[position - len(left) - 1] + left
        if (index.count(longer + head_a) != index.count(left + head_a)
                or index.count(longer + head_b) != index.count(left + head_b)):
            break
        left = longer
    return left


# ------------------------------------------------------------------ 2. morphological rules

# Disease heads after 性: X性肾炎 / X肾炎, X性贫血 / X贫血 …
_DISEASE_HEAD = re.compile(rf"{HAN}{{0,3}}?(?:炎|病|症|贫血|流产|减少|紫癜|损伤|衰竭|出血)")
# X性 as a fixed adjective (慢性, 急性, 恶性, 阳性…): the 性 is not optional there.
_FIXED_XING = set("慢急恶良阳阴男女雌雄毒酸碱活弹药个理感惰特共可全异同中两任属线")
# A letter after these names a subtype, not a variant (维生素D, 蛋白A, 因子B, A组…).
_CLASS_NOUNS = ("维生素", "蛋白", "因子", "受体", "激酶", "抗原", "抗体", "细胞", "组", "型", "期",
                "级", "类", "者", "点", "区", "段", "度", "性", "号", "表", "图")
_NOT_BEFORE_LIAOFA = set("该此本种新的一各其这那些用")


@dataclass(frozen=True)
class _Variant:
    forms: tuple[str, str]
    rule: str


def _xing_variants(index: ChineseIndex) -> set[_Variant]:
    found = set()
    for match in re.finditer("性", index.text):
        position = match.start()
        head = _DISEASE_HEAD.match(index.text, position + 1)
        if not head or index.text[position - 1:position] in _FIXED_XING:
            continue
        right = head.group(0)
        alternatives = [right] + ([right[:-2] + "病"] if right.endswith("疾病") else [])
        for alt in alternatives:
            left = extend_left(index, position, "性" + right, alt)
            if left and left[-1] not in _FIXED_XING:
                rule = ("X性疾病 / X病" if alt != right else f"X性{right} / X{right}")
                found.add(_Variant((left + "性" + right, left + alt), rule))
                break
    return found


def _lymphocyte_variants(index: ChineseIndex) -> set[_Variant]:
    found = set()
    # each prefix once: a corpus repeats B淋巴细胞 hundreds of times, and every check below
    # scans the whole corpus text
    prefixes = dict.fromkeys(match.group(1) for match in
                             re.finditer(r"(?<![a-z0-9])([a-z]{1,3})淋巴细胞", index.text))
    for prefix in prefixes:
        short = re.compile(rf"(?<![a-z0-9]){prefix}细胞")
        if short.search(index.text):
            raw = index.occurrences("", re.compile(rf"(?<![a-z0-9]){prefix}淋巴细胞"))[0].surface
            found.add(_Variant((raw, raw.replace("淋巴细胞", "细胞")), "X淋巴细胞 / X细胞"))
    return found


def _therapy_variants(index: ChineseIndex) -> set[_Variant]:
    found = set()
    for match in re.finditer("疗法", index.text):
        position = match.start()
        if index.text[position - 1:position] in _NOT_BEFORE_LIAOFA:
            continue
        left = extend_left(index, position, "疗法", "治疗", max_chars=6)
        if left and left[-1] not in _NOT_BEFORE_LIAOFA and left[0] not in _NOT_BEFORE_LIAOFA:
            found.add(_Variant((left + "疗法", left + "治疗"), "X疗法 / X治疗"))
    return found


def _latin_suffix_variants(index: ChineseIndex) -> set[_Variant]:
    """环孢素A / 环孢素. The letter must belong to the term before it, not start the next one
    (靶向B细胞): it is kept when the term-final unit (素A) is more frequent than the unit the
    letter would start (A改善), or when no Han character follows. Roman numerals (I, V, X)
    and subtype letters after class nouns (维生素D, 蛋白A) are left out."""
    found = set()
    for unit_index, unit in enumerate(index.units):
        for match in re.finditer(rf"(?<={HAN})([A-HJ-UWYZ])(?![A-Za-z0-9])", unit.zh):
            position = index.starts[unit_index] + match.start()
            letter = index.text[position]
            after = index.text[position + 1:position + 3]
            if index.is_han(position + 1):
                left_unit = index.text[position - 2:position + 1]
                if index.count(left_unit) <= index.count(letter + after):
                    continue
            left = extend_left(index, position, letter, "", min_chars=2, max_chars=8)
            if not left or left.endswith(_CLASS_NOUNS):
                continue
            bare = re.compile(rf"{re.escape(left)}(?![a-z0-9])")
            if bare.search(index.text):
                found.add(_Variant((left + letter, left), "a trailing Latin letter (X / XA)"))
    return found


def _variant_occurrences(index: ChineseIndex, form: str, other: str) -> list[Occurrence]:
    """Uses of ``form``: not inside an occurrence of the longer ``other`` form."""
    key = matching_key(form)
    if not HAN_RE.search(key[-1]):
        pattern = re.compile(re.escape(key) + "(?![a-z0-9])")
    else:
        pattern = re.compile(re.escape(key))
    occs = index.occurrences(key, pattern)
    if len(other) > len(form) and matching_key(form) in matching_key(other):
        longer = index.occurrences(matching_key(other))
        occs = [o for o in occs if not any(l.doc == o.doc and l.bead == o.bead and l.start <= o.start
                                            and o.end <= l.end for l in longer)]
    return occs


def morphological_findings(units: Sequence[Unit], doc_order: dict[str, int]) -> list[Finding]:
    index = ChineseIndex([u for u in units if u.zh])
    variants = (_xing_variants(index) | _lymphocyte_variants(index) | _therapy_variants(index)
                | _latin_suffix_variants(index))
    findings = []
    for variant in sorted(variants, key=lambda v: (v.forms, v.rule)):
        first, second = variant.forms
        by_form = {first: _variant_occurrences(index, first, second),
                   second: _variant_occurrences(index, second, first)}
        if not all(by_form.values()):
            continue
        by_form = {_display(occs): occs for occs in by_form.values()}
        if len(by_form) < 2:
            continue
        minor = variant.rule.startswith("X淋巴细胞")
        severity = INFO if minor or not mixed_within_a_document(by_form) else WARNING
        concept = max(by_form, key=lambda text: (len(text), text))
        findings.append(variant_finding(
            INCONSISTENT, severity, concept, by_form,
            f"Variant forms of one term by the rule {variant.rule}; pick one", doc_order))
    return findings


def _display(occs: Sequence[Occurrence]) -> str:
    """The written form of a group of occurrences: the most frequent surface."""
    counts = Counter(o.surface for o in occs)
    return min(counts, key=lambda s: (-counts[s], s))


# ------------------------------------------------------------------ 2b. script and width variants

_FULLWIDTH_RUN = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a][\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0d\uff0b]*")


def surface_findings(units: Sequence[Unit], terms: Iterable[tuple[str, bool]],
                     doc_order: dict[str, int]) -> list[Finding]:
    """Known terms (glossary, corpus term pairs, family forms) written in more than one script
    or width: 潑尼松 / 泼尼松, 貝利尤單抗 / 贝利尤单抗. ``terms`` are (term, bound) pairs;
    terms are matched on their Simplified, half-width key, a use inside a longer known term
    does not count, and the forms are what is written."""
    tagged: list[tuple[str, Occurrence]] = []
    for term, bound in sorted(set(terms)):
        key = matching_key(term)
        if is_latin_form(key) or len(key) < 2:
            continue
        tagged += [(key, o) for o in find_form(units, key, bound)]
    kept = {id(o) for o in drop_contained([o for _, o in tagged])}
    by_key: dict[str, dict[str, list[Occurrence]]] = {}
    for key, occ in tagged:
        if id(occ) in kept:
            by_key.setdefault(key, {}).setdefault(occ.surface, []).append(occ)
    return [_surface_finding(by_form, key, doc_order)
            for key, by_form in sorted(by_key.items()) if len(by_form) >= 2]


def fullwidth_findings(units: Sequence[Unit], doc_order: dict[str, int]) -> list[Finding]:
    """Full-width letters and digits (ＣＤ２０, ＩｇＧ) where the corpus also writes them
    half-width (CD20, IgG): one finding per such token."""
    tokens: dict[str, list[Occurrence]] = {}
    for unit in units:
        for side, text in (("en", unit.en), ("zh", unit.zh)):
            for match in _FULLWIDTH_RUN.finditer(text):
                tokens.setdefault(match.group(0), []).append(
                    Occurrence(unit.doc, unit.bead, side, match.start(), match.end(), match.group(0)))
    findings = []
    for token, occs in sorted(tokens.items()):
        half = matching_key(token)
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(half)}(?![A-Za-z0-9])", re.IGNORECASE)
        halves = []
        for unit in units:
            for side, text in (("en", unit.en), ("zh", unit.zh)):
                for match in pattern.finditer(text):
                    if match.group(0).lower() == half:
                        halves.append(Occurrence(unit.doc, unit.bead, side, match.start(), match.end(),
                                                 match.group(0)))
        if halves:
            by_form = {token: occs, _display(halves): halves}
            findings.append(_surface_finding(by_form, _display(halves), doc_order))
    return findings


def _surface_finding(by_form: dict[str, list[Occurrence]], concept: str, doc_order: dict[str, int]) -> Finding:
    from aligner.textnorm import to_simplified

    traditional = any(to_simplified(form) != form for form in by_form)
    kind = "Traditional and Simplified characters" if traditional else "full-width and half-width characters"
    odd = [form for form in by_form if matching_key(form) != form.lower()]
    severity = WARNING if mixed_within_a_document(by_form) else INFO
    return variant_finding(INCONSISTENT, severity, concept, by_form,
                           f"One term written in {kind}; pick one", doc_order, prefer=odd)


# ------------------------------------------------------------------ 3. probable errors

# Words that end the context before a term (verbs of abstracts, 患者, 的) and after it.
_LEFT_CUTS = ("治疗", "使用", "应用", "采用", "给予", "接受", "探讨", "观察", "分析", "评价",
              "评估", "联合", "对于", "研究", "显示", "表明", "提示", "出现", "发生", "合并",
              "伴有", "患者", "导致", "引起", "诊断为", "的")
_RIGHT_CUTS = ("的", "患者", "治疗", "出现", "发生")


def _cut_term(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Trim a span of ``text`` to the term: drop everything up to the last leading cut word
    before ``lo`` and from the first trailing cut word after ``hi``."""
    start, end = 0, len(text)
    for word in _LEFT_CUTS:
        at = text.rfind(word, 0, lo)
        if at >= 0:
            start = max(start, at + len(word))
    for word in _RIGHT_CUTS:
        at = text.find(word, hi)
        if at >= 0:
            end = min(end, at)
    return start, end


def probable_error_findings(units: Sequence[Unit], doc_order: dict[str, int],
                            min_length: int = 8) -> list[Finding]:
    findings = []
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:  # grouped once: filtering all units per document is quadratic
        by_doc.setdefault(unit.doc, []).append(unit)
    docs = sorted(by_doc, key=lambda d: (doc_order.get(d, 1 << 30), d))
    for doc in docs:
        index = ChineseIndex([u for u in by_doc[doc] if u.zh])
        findings.extend(_probable_errors_in(index, doc, doc_order, min_length))
    return findings


def _probable_errors_in(index: ChineseIndex, doc: str, doc_order: dict[str, int],
                        min_length: int) -> list[Finding]:
    text = index.text
    windows: dict[tuple[str, str], dict[str, list[int]]] = {}
    for i in range(len(text) - 5):
        window = text[i:i + 6]
        if all(index.is_han(i + k) for k in range(6)):
            windows.setdefault((window[:2], window[4:]), {}).setdefault(window[2:4], []).append(i)
    reported: set[tuple[str, str]] = set()
    findings = []
    for (left2, right2), mids in sorted(windows.items()):
        if len(mids) < 2:
            continue
        for rare, positions in sorted(mids.items()):
            for common in sorted(mids):
                if common == rare or rare[0] == common[0] or rare[1] == common[1]:
                    continue
                for position in positions:
                    pair = _grow_pair(index, position, rare, common)
                    if pair is None:
                        continue
                    term_a, term_b = pair
                    if (len(term_a) < min_length or index.count(term_a) != 1
                            or index.count(term_b) < 2 or (term_a, term_b) in reported):
                        continue
                    reported.add((term_a, term_b))
                    by_form = {term_b: index.occurrences(term_b), term_a: index.occurrences(term_a)}
                    by_form = {_display(o): o for o in by_form.values()}
                    findings.append(variant_finding(
                        PROBABLE_ERROR, WARNING, term_b, by_form,
                        f"{term_a} occurs once, {term_b} {index.count(term_b)} times in this "
                        f"document; they differ only in {rare} / {common}: probably a slip",
                        doc_order, prefer=[_display(index.occurrences(term_a))]))
    return findings


def _grow_pair(index: ChineseIndex, position: int, rare: str, common: str) -> tuple[str, str] | None:
    """Grow the rare window at ``position`` (mid at +2..+4) while its common twin still
    occurs twice; then trim it to the term. Returns (rare term, common term)."""
    text = index.text
    lo, hi = position, position + 6
    mid = position + 2

    def twin(a: int, b: int) -> str:
        return text[a:mid] + common + text[mid + 2:b]

    while index.is_han(lo - 1) and index.count(twin(lo - 1, hi)) >= 2:
        lo -= 1
    while index.is_han(hi) and index.count(twin(lo, hi + 1)) >= 2:
        hi += 1
    span = text[lo:hi]
    start, end = _cut_term(span, mid - lo, mid + 2 - lo)
    if mid - lo - start < 2 or end - (mid + 2 - lo) < 1:
        return None
    term_a = span[start:end]
    term_b = twin(lo + start, lo + end)
    return term_a, term_b


# ------------------------------------------------------------------ 4. aligned renderings

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def _singular(word: str) -> str:
    try:
        from glossary.lexicon import singular
    except ImportError:  # pragma: no cover
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return singular(word)


def english_key(term: str) -> str:
    """Case- and number-insensitive key of an English term."""
    return " ".join(_singular(w) for w in term.lower().split())


_FUNCTION_WORDS = frozenset(
    "a an the and or but nor of in on at to for from with without by as than then that this these "
    "those which who whom whose was were is are be been being has have had do does did not no "
    "after before during between among into onto over under within via per vs versus about also "
    "such both either neither each all any some most more less other its their his her our".split())


def aligned_findings(units: Sequence[Unit], pairs: Sequence[tuple[str, str]],
                     doc_order: dict[str, int]) -> list[Finding]:
    """One Chinese term translated by different English terms in aligned beads.

    ``pairs`` are (English, Chinese) term pairs known to translate each other (from the
    glossary builder or the user's glossary). For each Chinese term, the aligned beads holding
    it are searched for its known English term(s) and for one-word variants of them: the same
    words but a different last word (adverse reaction / adverse event / adverse effect). A
    bead holding a known term is not searched for variants.
    """
    paired = [u for u in units if u.paired]
    findings = []
    by_zh: dict[str, set[str]] = {}
    for en, zh in pairs:
        key = english_key(en)
        # one-word terms (tumor / cancer, decrease / reduce) are too often legitimate
        # near-synonyms to report; terms of two or more words are compared
        if len(key.split()) >= 2 and not en.isupper() and key.split()[0] not in _FUNCTION_WORDS:
            by_zh.setdefault(zh, set()).add(key)
    indexed = Units(paired)  # the beads holding a term found by str.find over joined keys
    for zh, english_terms in sorted(by_zh.items()):
        zh_key = matching_key(zh)
        holding = indexed.candidates("zh", zh_key)
        if len(holding) < 2:
            continue
        by_form: dict[str, list[Occurrence]] = {}
        for unit in holding:
            for key, (start, end) in _english_terms_in(unit, english_terms).items():
                by_form.setdefault(key, []).append(
                    Occurrence(unit.doc, unit.bead, "en", start, end, unit.en[start:end]))
        by_form = _distinct_forms(by_form)
        if len(by_form) >= 2:
            severity = WARNING if mixed_within_a_document(by_form) else INFO
            findings.append(variant_finding(
                INCONSISTENT, severity, zh, by_form,
                f"One Chinese term, {zh}, is translated by {len(by_form)} different English terms "
                f"in aligned sentences; check whether they are meant to differ", doc_order))
    return findings


def _english_terms_in(unit: Unit, known: set[str]) -> dict[str, tuple[int, int]]:
    """Known English terms in a bead or, failing those, their one-word variants."""
    found: dict[str, tuple[int, int]] = {}
    for term in sorted(known):
        words = term.split()
        body = r"[\s\-]+".join(re.escape(w) for w in words)
        exact = re.compile(r"(?<![a-z0-9])" + body + r"(?:e?s)?(?![a-z0-9])")
        match = exact.search(unit.en_key)
        if match:
            found.setdefault(term, match.span())
    found = {t: (a, b) for t, (a, b) in found.items()  # tissue disease inside connective tissue disease
             if not any(t != u and c <= a and b <= d and (d - c) > (b - a) for u, (c, d) in found.items())}
    if found or not any(len(t.split()) >= 2 for t in known):
        return found
    for term in sorted(known):
        words = term.split()
        if len(words) < 2:
            continue
        body = r"[\s]+".join(re.escape(w) for w in words[:-1])
        variant = re.compile(rf"(?<![a-z0-9\-]){body}\s+([a-z]{{4,}})(?![a-z0-9\-])")
        for match in variant.finditer(unit.en_key):
            last = _singular(match.group(1))
            if last in _FUNCTION_WORDS or last.endswith(("ly", "ed", "ing")):
                continue
            key = " ".join(words[:-1] + [last])
            if _one_word_variant(key.split(), words) and _is_term(key.split()):
                found.setdefault(key, match.span())
    return found


def _is_term(words: list[str]) -> bool:
    """A drug, disease or statistic term by the glossary builder's head rules (adverse
    effect: yes; influenza virus, control approach: no)."""
    try:
        from glossary.categories import english_category
    except ImportError:  # pragma: no cover
        return True
    return english_category(tuple(words)) != "other"


def _distinct_forms(by_form: dict[str, list[Occurrence]]) -> dict[str, list[Occurrence]]:
    """Forms that are really different terms: a form inside another (breast cancer / operable
    breast cancer) or with the same words in another order is merged into the longer one."""
    def bag(form: str) -> tuple[str, ...]:
        return tuple(sorted(w for w in re.split(r"[\s\-]+", form) if w not in _FUNCTION_WORDS))

    merged: dict[str, list[Occurrence]] = {}
    for form in sorted(by_form, key=lambda f: (-len(f), f)):
        home = next((m for m in merged if form in m or bag(form) == bag(m)), None)
        merged.setdefault(home or form, []).extend(by_form[form])
    return merged


def _one_word_variant(words: list[str], known: list[str]) -> bool:
    """Same words but the last, which is a different word: not a derivation of the known one
    (vaccine / vaccination), not a repetition of an earlier word."""
    if len(words) != len(known) or words[:-1] != known[:-1]:
        return False
    a, b = words[-1], known[-1]
    return (a != b and a[:5] != b[:5] and "-" not in a + b and a not in words[:-1])


def english_rendering_findings(units: Sequence[Unit], pairs: Sequence[tuple[str, str]],
                               doc_order: dict[str, int]) -> list[Finding]:
    """One English term, several Chinese terms of ``pairs``, each used in aligned beads with it."""
    paired = [u for u in units if u.paired]
    by_en: dict[str, set[str]] = {}
    for en, zh in pairs:
        by_en.setdefault(english_key(en), set()).add(zh)
    findings = []
    for en, zh_forms in sorted(by_en.items()):
        forms = [z for z in zh_forms if not any(z != o and z in o for o in zh_forms)]
        if len(forms) < 2:
            continue
        pattern = re.compile(r"(?<![a-z0-9])" + r"\s+".join(re.escape(w) for w in en.split()) + r"(?:e?s)?(?![a-z0-9])")
        by_form: dict[str, list[Occurrence]] = {}
        for unit in paired:
            if not pattern.search(unit.en_key):
                continue
            for zh in forms:
                for match in re.finditer(re.escape(matching_key(zh)), unit.zh_key):
                    by_form.setdefault(zh, []).append(Occurrence(
                        unit.doc, unit.bead, "zh", match.start(), match.end(),
                        unit.zh[match.start():match.end()]))
        if len(by_form) >= 2:
            severity = WARNING if mixed_within_a_document(by_form) else INFO
            findings.append(variant_finding(
                INCONSISTENT, severity, en, by_form,
                f"One English term, {en}, is rendered by {len(by_form)} different Chinese terms "
                f"in aligned sentences", doc_order))
    return findings


# ------------------------------------------------------------------ dedupe

def drop_duplicates(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose forms are all among the forms of an earlier finding."""
    kept: list[Finding] = []
    for finding in findings:
        forms = {matching_key(f["text"]) for f in finding.forms}
        if any(forms <= {matching_key(f["text"]) for f in k.forms} for k in kept if k.forms):
            continue
        kept.append(finding)
    return kept
