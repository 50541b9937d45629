"""Check ``number-mismatch``: numbers and units that differ between a sentence and its translation.

Both sides' numbers are read by :func:`aligner.numbers.extract_numbers`, which already makes
reformatted numbers equal (``1.10-8.87`` / ``1.10 - 8.87`` / ``1.10～8.87``, ``8,400`` /
``8400``, ``×10^9/L`` / ``×109/L``, ``三例`` / ``3 cases``, full-width digits). The two
multisets of values are then matched:

1. equal values pair up (same kind first, so ``95%`` pairs with ``95%`` before ``95``);
   a pair with different comparison signs is an error (``P < 0.05`` ↔ ``P > 0.05``), and
   a pair where only one side is a percentage is an error, unless the plain number is the end
   of a range written without percent signs (``100% (range, 100 to 100)`` ↔
   ``100%（范围，100%～100%）``) or with one after its last number (``10-20%`` ↔ ``10%~20%``);
2. the numbers left over on both sides are paired when they look like the same slot: one
   digit changed, digits swapped, the decimal point moved, or a single leftover on each side.
   Such a pair is an **error** ("English has 18.8% but the Chinese has 18.7%");
3. a number still left over is **missing** on the other side (a warning), unless it is written
   inside an identifier on the other side (``T2DM`` ↔ ``2型糖尿病``) or it is of a kind
   translators legitimately add or drop: number words and Chinese numerals (``two`` /
   ``一项``), identifiers (``COVID-19`` ↔ 新冠肺炎), reference marks and cross-references
   (``[1-2]``, ``figure 1``), and the number one (``a patient`` ↔ ``1例患者``). These still
   take part in steps 1 and 2, so a changed reference mark is still an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.numbers import (
    CITATION,
    CODE,
    PERCENT,
    POWER,
    WORD,
    NumberMention,
    extract_numbers,
)
from glossary.records import Finding

CHECK_ID = "number-mismatch"


@dataclass(frozen=True)
class NumberCheckOptions:
    """How number mismatches are reported.

    ``report_missing``: also report a number present on one side only (else only changed
    values). ``changed_severity`` / ``missing_severity``: severities of the two findings.
    """

    report_missing: bool = True
    changed_severity: str = "error"
    missing_severity: str = "warning"


DEFAULT_OPTIONS = NumberCheckOptions()

_SIDE_NAMES = {"en": ("English", "Chinese"), "zh": ("Chinese", "English")}


def _namespace(mention: NumberMention) -> str:
    if mention.kind == POWER or (mention.kind == CODE and not mention.value.isdigit()):
        return mention.kind
    return "number"  # an all-digit identifier (trial 006) may be a mistyped number


def _compatible(a: NumberMention, b: NumberMention) -> bool:
    """Whether two mentions can stand for the same number: a reference mark is never the
    "one" of 一个 or "first"."""
    return _namespace(a) == _namespace(b) and {a.kind, b.kind} != {WORD, CITATION}


def _same_value(a: NumberMention, b: NumberMention) -> bool:
    """Equal values; an identifier also equals itself with a prefix (anti-HER2 ↔ 抗HER2)."""
    if a.value == b.value:
        return True
    if a.kind == b.kind == CODE:
        longer, shorter = sorted((a.value, b.value), key=len, reverse=True)
        return longer.endswith(shorter) and any(ch.isalpha() for ch in shorter)
    return False


def _optional(mention: NumberMention) -> bool:
    """Kinds a translator may legitimately add or drop (see the module docstring)."""
    return mention.kind in (WORD, CODE, CITATION) or (
        mention.kind != PERCENT and mention.value == "1"
    )


def _match_equal(
    en: list[NumberMention], zh: list[NumberMention]
) -> tuple[list[tuple[NumberMention, NumberMention]], list[NumberMention], list[NumberMention]]:
    """Pair equal values, first of the same kind, then of any kind; return pairs and leftovers."""
    used_en: set[int] = set()
    used_zh: set[int] = set()
    pairs: list[tuple[int, int]] = []
    def percentness(a: NumberMention, b: NumberMention) -> bool:
        return (a.kind == PERCENT) == (b.kind == PERCENT)

    # A number pairs with a number of its own sort first, so "three" and "ⅲ" do not take the
    # 3 that "three cycles" ↔ "3个周期" needs.
    passes = (
        lambda a, b: a.kind == b.kind and not _optional(a) and not _optional(b),
        lambda a, b: percentness(a, b) and not _optional(a) and not _optional(b),
        lambda a, b: percentness(a, b) and (_optional(a) != _optional(b)),
        percentness,
        lambda a, b: True,
    )
    for accept in passes:
        for i, a in enumerate(en):
            if i in used_en:
                continue
            for j, b in enumerate(zh):
                if (
                    j not in used_zh
                    and _same_value(a, b)
                    and _compatible(a, b)
                    and accept(a, b)
                ):
                    used_en.add(i)
                    used_zh.add(j)
                    pairs.append((i, j))
                    break
    pairs.sort()
    return (
        [(en[i], zh[j]) for i, j in pairs],
        [m for i, m in enumerate(en) if i not in used_en],
        [m for j, m in enumerate(zh) if j not in used_zh],
    )


def _range_is_consistent(mention: NumberMention, mentions: list[NumberMention]) -> bool:
    """A range written without percent signs (100 to 100), or with one at its end (10-20%).

    Either way of writing is common and the other language may put a sign on each end
    (100%～100%, 10%~20%); a range with a sign on its first end only is not consistent.
    """
    if mention.range_group is None:
        return False
    bounds = [m for m in mentions if m.range_group == mention.range_group]
    return bounds[-1].kind == PERCENT or all(m.kind != PERCENT for m in bounds)


def _percent_differs(
    a: NumberMention, b: NumberMention, en: list[NumberMention], zh: list[NumberMention]
) -> bool:
    if (a.kind == PERCENT) == (b.kind == PERCENT):
        return False
    plain, plain_side = (b, zh) if a.kind == PERCENT else (a, en)
    if plain.kind in (WORD, CODE, POWER):
        return False
    return not _range_is_consistent(plain, plain_side)


_COMPARATOR = re.compile(r"(<=|>=|=<|=>|[<>≤≥=＜＞＝≦≧])\s*$")
_COMPARATOR_NAMES = {"<=": "≤", "=<": "≤", ">=": "≥", "=>": "≥", "＜": "<", "＞": ">",
                     "＝": "=", "≦": "≤", "≧": "≥"}


def _comparator(text: str, mention: NumberMention) -> str | None:
    """The comparison sign written just before a number (P < 0.05, ≥60岁), normalised."""
    if mention.kind in (CODE, CITATION, WORD):
        return None
    sign = _COMPARATOR.search(text[max(0, mention.start - 4):mention.start])
    if sign is None:
        return None
    return _COMPARATOR_NAMES.get(sign.group(1), sign.group(1))


def _digits(mention: NumberMention) -> str:
    if mention.kind == CODE:
        return "".join(ch for ch in mention.value if ch.isdigit())
    return mention.value.replace(".", "").replace("10^", "").lstrip("0") or "0"


def _skeleton(mention: NumberMention) -> str:
    return "".join("#" if ch.isdigit() else ch for ch in mention.value)


def _one_edit_apart(x: str, y: str) -> bool:
    if x == y:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) == 1
    if abs(len(x) - len(y)) != 1:
        return False
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return any(longer[:k] + longer[k + 1:] == shorter for k in range(len(longer)))


def _relation(a: NumberMention, b: NumberMention) -> int | None:
    """How strongly two leftover numbers look like one slot written differently (lower = stronger)."""
    if not _compatible(a, b):
        return None
    if a.kind == CODE:
        x, y = _skeleton(a), _skeleton(b)
        if not (x.endswith(y) or y.endswith(x)) or _digits(a) == _digits(b):
            return None  # different identifiers, not one identifier with a changed digit
    x, y = _digits(a), _digits(b)
    if x == y:
        return 0  # decimal point moved (5.0 / 50), or percent/kind only
    if len(x) == len(y) and sorted(x) == sorted(y):
        return 1  # digits swapped
    # Any two one-digit numbers are "one digit apart": believe it only between numbers of
    # one sort (two quantities, two reference marks, two identifiers).
    comparable = a.kind == b.kind or not (_optional(a) or _optional(b))
    if (max(len(x), len(y)) >= 2 or comparable) and _one_edit_apart(x, y):
        return 2  # one digit changed, added or dropped
    return None


def _sort(mention: NumberMention) -> str:
    if mention.kind == CITATION:
        return CITATION
    return "optional" if _optional(mention) else "quantity"


def _neighbours(position: int, anchors: list[int]) -> tuple[int | None, int | None]:
    """Indices of the matched pairs just before and just after ``position`` on one side."""
    before = [k for k, start in enumerate(anchors) if start < position]
    after = [k for k, start in enumerate(anchors) if start > position]
    return (
        max(before, key=lambda k: anchors[k]) if before else None,
        min(after, key=lambda k: anchors[k]) if after else None,
    )


def _same_slot(
    a: NumberMention, b: NumberMention, matched: list[tuple[NumberMention, NumberMention]]
) -> bool:
    """Whether two leftovers sit between the same matched numbers ("45 (88.23%)" ↔ "46名(88.23%)")."""
    if not matched:
        return True
    before_a, after_a = _neighbours(a.start, [x.start for x, _ in matched])
    before_b, after_b = _neighbours(b.start, [y.start for _, y in matched])
    return (before_a is not None and before_a == before_b) or (
        after_a is not None and after_a == after_b
    )


def _pair_leftovers(
    en_left: list[NumberMention],
    zh_left: list[NumberMention],
    matched: list[tuple[NumberMention, NumberMention]],
) -> list[tuple[NumberMention, NumberMention]]:
    candidates = []
    for i, a in enumerate(en_left):
        for j, b in enumerate(zh_left):
            if _optional(a) and _optional(b) and a.kind == b.kind == WORD:
                continue
            strength = _relation(a, b)
            if strength == 2 and a.kind != CODE and len(_digits(a)) == len(_digits(b)) == 1:
                # any two one-digit numbers are one digit apart: believe it only in one slot
                # (an identifier's letters already say which one it is)
                if not _same_slot(a, b, matched):
                    strength = None
            if strength is not None:
                order_gap = abs(i / max(len(en_left), 1) - j / max(len(zh_left), 1))
                candidates.append((strength, order_gap, i, j))
    candidates.sort()
    used_en: set[int] = set()
    used_zh: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_en or j in used_zh:
            continue
        used_en.add(i)
        used_zh.add(j)
        pairs.append((i, j))
    for sort in ("quantity", CITATION):
        lone_en = [i for i, m in enumerate(en_left) if i not in used_en and _sort(m) == sort]
        lone_zh = [j for j, m in enumerate(zh_left) if j not in used_zh and _sort(m) == sort]
        if len(lone_en) == 1 and len(lone_zh) == 1:
            a, b = en_left[lone_en[0]], zh_left[lone_zh[0]]
            if _namespace(a) == _namespace(b) and (a.kind == PERCENT) == (b.kind == PERCENT):
                pairs.append((lone_en[0], lone_zh[0]))  # the only mismatch on each side
    return [(en_left[i], zh_left[j]) for i, j in sorted(pairs)]


def _numbers_inside_codes(
    en_left: list[NumberMention],
    zh_left: list[NumberMention],
    paired: list[tuple[NumberMention, NumberMention]],
) -> set[int]:
    """Leftover numbers written inside an identifier on the other side (T2DM ↔ 2型糖尿病).

    Returns the ``id()`` of each such number; it is not reported as missing.
    """
    used = {id(m) for pair in paired for m in pair}
    explained: set[int] = set()
    for numbers, codes in ((en_left, zh_left), (zh_left, en_left)):
        runs: list[str] = []
        for code in codes:
            if code.kind == CODE and id(code) not in used:
                runs += re.findall(r"[0-9]+", code.value)
        for number in numbers:
            if number.kind != CODE and id(number) not in used and number.value in runs:
                runs.remove(number.value)
                explained.add(id(number))
    return explained


def number_findings(
    doc: str | None,
    bead_index: int | None,
    en_text: str,
    zh_text: str,
    options: NumberCheckOptions | None = None,
) -> list[Finding]:
    """Findings ``number-mismatch`` for one aligned pair, ordered by position.

    ``en_span``/``zh_span`` are the offending numbers' character offsets in ``en_text`` and
    ``zh_text``; a missing number has a span on its own side only.
    """
    options = options or DEFAULT_OPTIONS
    en = extract_numbers(en_text)
    zh = extract_numbers(zh_text)
    if not en and not zh:
        return []
    matched, en_left, zh_left = _match_equal(en, zh)
    findings: list[Finding] = []

    def changed(a: NumberMention, b: NumberMention, note: str = "") -> None:
        findings.append(Finding(
            check=CHECK_ID,
            severity=options.changed_severity,
            doc=doc,
            bead=bead_index,
            en_span=(a.start, a.end),
            zh_span=(b.start, b.end),
            message=(
                f"English has {en_text[a.start:a.end]} but the Chinese has "
                f"{zh_text[b.start:b.end]}{note}"
            ),
        ))

    for a, b in matched:
        if _percent_differs(a, b, en, zh):
            changed(a, b, " (percent sign on one side only)")
        else:
            en_sign, zh_sign = _comparator(en_text, a), _comparator(zh_text, b)
            if en_sign and zh_sign and en_sign != zh_sign:
                findings.append(Finding(
                    check=CHECK_ID, severity=options.changed_severity, doc=doc,
                    bead=bead_index, en_span=(a.start, a.end), zh_span=(b.start, b.end),
                    message=(f"English has {en_sign} {en_text[a.start:a.end]} but the Chinese "
                             f"has {zh_sign} {zh_text[b.start:b.end]}"),
                ))
    paired = _pair_leftovers(en_left, zh_left, matched)
    inside_codes = _numbers_inside_codes(en_left, zh_left, paired)
    for a, b in paired:
        changed(a, b)
    if options.report_missing:
        paired_ids = {id(m) for pair in paired for m in pair}
        for side, left, text in (("en", en_left, en_text), ("zh", zh_left, zh_text)):
            here, there = _SIDE_NAMES[side]
            for m in left:
                if id(m) in paired_ids or _optional(m) or id(m) in inside_codes:
                    continue
                span = (m.start, m.end)
                findings.append(Finding(
                    check=CHECK_ID,
                    severity=options.missing_severity,
                    doc=doc,
                    bead=bead_index,
                    en_span=span if side == "en" else None,
                    zh_span=span if side == "zh" else None,
                    message=f"{here} has {text[m.start:m.end]}, not found in the {there}",
                ))
    findings.sort(key=lambda f: (
        (0, f.en_span[0], f.zh_span[0] if f.zh_span else -1) if f.en_span
        else (1, f.zh_span[0] if f.zh_span else 0, 0),
        f.message,
    ))
    return findings
