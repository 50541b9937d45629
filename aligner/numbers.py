"""Numbers mentioned in English or Chinese text, normalised so both sides compare equal.

Numbers are the strongest anchor between a sentence and its translation (P values, counts,
percentages, doses). The aligner uses their normalised values as features; the checker uses
the mentions with their spans to report mismatches.

What is recognised, and how it is normalised:

- digits, full-width digits, thousands separators (``8,400``, ``8 400``, ``8400``), decimals
  written with a point or a middle dot, a leading point (``P = .04``), trailing zeros
  (``75.0`` = ``75``), multipliers (``130,000`` = ``13万``, ``3 million`` = ``300万``);
- percentages (``18.8%``, ``18.8 percent``, ``百分之十``) as kind ``percent``;
- powers of ten after a multiplication sign, also as PDF extraction leaves them
  (``×10^9/L`` = ``×10⁹/L`` = ``×109/L``) as kind ``power`` with value ``10^9``;
- number words that carry a count: English ``two``/``eighteen``/``twice``/``first``, month names
  next to a day or year, Chinese numerals before a measure word or after 第 (``三例``,
  ``两组``, ``第二``), Roman numerals (``Ⅲ期``, ``stage III``) as kind ``word``; fixed words
  such as 一些/一般/统一/一致/第一时间/十二指肠 are not numbers;
- identifiers containing digits (``CD19+``, ``IL-6``, ``COVID-19``, ``NCT01539902``, ``26S``)
  as kind ``code``, one mention per identifier with the identifier as its value;
- reference marks and cross-references (``[1-2]``, ``carcinoma11-13``, ``africa.1``,
  ``最高1。``, ``figure 2``, ``表1``) as kind ``citation``.

Ranges (``1.10-8.87``, ``1.10 - 8.87``, ``1.10～8.87``, ``0.34 to 0.77``) are two mentions that
share a ``range_group``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

NUMBER = "number"
PERCENT = "percent"
POWER = "power"
WORD = "word"
CODE = "code"
CITATION = "citation"
KINDS = (NUMBER, PERCENT, POWER, WORD, CODE, CITATION)

# One character for one character, so offsets into the normalised text are offsets into the
# original text.
_FOLD = str.maketrans(
    "０１２３４５６７８９．％＜＞＝～〜－–—−∶：×ｘ",
    "0123456789.%<>=~~----::××",
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SPACES = " \u00a0\u2009\u202f"

_DIGITS = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:[.·][0-9]+)?"  # 8,400 / 1,234.5
    r"|[0-9]{1,3}(?:[\u00a0\u2009\u202f ][0-9]{3})+(?![0-9.,·])"  # 290 000
    r"|[0-9]+(?:[.·][0-9]+)?"
    r"|(?<=[\s(\[=<>≤≥])\.[0-9]+"  # P = .04
)
# ×10^9, ×10⁹, ×10(9), ×10**9 and, as PDF extraction leaves a superscript, ×109 before a unit.
_POWER = re.compile(
    r"(?:×|(?<![A-Za-z])[x*])\s?10(\s?\^\s?|\*\*|<sup>|(?=[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])|\((?=-?[0-9]{1,2}\)))?"
    r"(-?[0-9]{1,2}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\)?(?![0-9])"
)
_UNIT_AFTER_GLUED_EXPONENT = re.compile(r"\s?(?:/|[A-Za-zµμ个])")
_PERCENT_AFTER = re.compile(r"\s?%|[\s-]?per\s?cent\b(?!age)|\s?‰", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_MULTIPLIER_EN = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_MULTIPLIER_EN_RE = re.compile(r"\s?(thousand|million|billion)\b", re.IGNORECASE)
_MULTIPLIER_ZH = {"百万": 10**6, "千万": 10**7, "万": 10**4, "亿": 10**8}
_UNITS = frozenset(
    """mg g kg ug µg μg ng pg mcg ml l dl ul µl μl mmol umol µmol μmol nmol pmol mol meq
    mm cm m km nm um µm μm d h hr hrs min s sec ms wk wks w mo y yr yrs yo iu u ku miu
    mmhg kpa kda da bp kb mb gy cgy mgy sv msv hz mhz khz w kcal cal x fold mv v ma
    mol/l mg/kg mg/l g/l""".split()
)
_ORDINAL_SUFFIX = frozenset(("st", "nd", "rd", "th"))

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_EN_OTHER = {
    "both": 2, "once": 1, "twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3,
    "decade": 10, "half": 50, "quarter": 25, "thrice": 3, "dozen": 12, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundred": 100,
}
_EN_WORD = re.compile(
    r"\b(?:(" + "|".join(_EN_TENS) + r")(?:[- ](" + "|".join(list(_EN_UNITS)[1:10]) + r"))?"
    r"|(" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r")"
    r"|(" + "|".join(_EN_OTHER) + r"))"
    r"(?:\s(hundred|thousand|million|billion))?(?:-?fold)?\b",  # "twofold" ↔ "2倍"
    re.IGNORECASE,
)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.IGNORECASE,
)
_ROMAN_EN = re.compile(
    r"\b(?:class|stage|grade|phase|type|level|part|step|tier|degree)\s+"
    r"(XII|XI|X|IX|VIII|VII|VI|IV|V|III|II|I)\b(?![-+])",
    re.IGNORECASE,
)
_ROMAN_VALUES = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
    "x": 10, "xi": 11, "xii": 12,
}
_ROMAN_ZH = {chr(0x2160 + i): i + 1 for i in range(12)} | {
    chr(0x2170 + i): i + 1 for i in range(12)
}

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNIT = {"万": 10**4, "亿": 10**8}
_ZH_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
# A Chinese numeral is a number when a measure word follows it (三例, 两组, 十八岁) or 第
# precedes it; these are the measure words.
_ZH_MEASURE = frozenset("例名位人个组次项种类型级期年月日天周时分秒岁剂片粒支倍份只家所篇条段步层针处对批轮代度届号床台件门科株根颗滴杯块盒瓶袋轮遍回")
# Words in which a numeral does not count anything (checked before the rules above).
_ZH_FIXED = re.compile(
    "一些|一般|一致|统一|一起|一旦|一定|进一步|唯一|同一|一直|一切|一样|第一时间|一再|万一|"
    "一方面|一下|一度|不一|逐一|单一|一体|一律|一同|一向|一时|一贯|一线|二线|三线|十分(?!之)|"
    "百分比|百分点|千万|一半|一旦|一并|一经|一过性|一氧化|二氧化|三氧化|二甲|三酰|三磷酸|"
    "二磷酸|四环素|五味子|六味|八珍|十全|九味|七叶|三七|三叉|十二指肠|二尖瓣|三尖瓣|二聚体|"
    "一元|二元|多元|二分类|三维|二维|一代|二代|三代|四肢|五官|一带一路|三高|一期一会|(?<!分)之一|"
    "一般|一类|二类|一级亲属|二级亲属|一侧|一方|一次性|百日咳|一手|二手|一系列|万古霉素|百分之"
)
_REFERENCE_BRACKET = re.compile(r"\[\s*[0-9]{1,3}(?:\s*[,\-~]\s*[0-9]{1,3})*\s*\]")
_XREF = re.compile(
    r"\b(?:fig(?:ure)?s?\.?|tables?|supplementary\s+(?:table|figure)s?|appendix|panel)"
    r"\s*$|[图表]\s*$",
    re.IGNORECASE,
)
_CITATION_LIST = re.compile(r"[0-9]{1,3}(?:[,\-~][0-9]{1,3})*")
# "1.10-8.87", "0.34 to 0.77", "21～28", and Chinese from-to phrasing "从 994 下降至 885 亿"
_RANGE_BETWEEN = re.compile(
    r"^\s?(?:-|~|to|(?:下降|上升|增加|减少|降低|升高|降|升|增|减)?[至到])\s?$", re.IGNORECASE
)
_CLOSING = ")]）】》」』”’\"'"
_ZH_CITATION_FOLLOW = "。；;，,、）)"


@dataclass(frozen=True)
class NumberMention:
    """A number as written (``start``/``end`` into the text) and its canonical ``value``.

    ``kind`` is one of number, percent, power, word, code, citation (module docstring).
    Values of number, percent, word and citation mentions share one namespace (``"3"`` from
    ``3``, ``三例`` and ``three``); codes and powers have their own (``"CD19+"``, ``"10^9"``).
    ``range_group`` is shared by the two ends of a range, else ``None``.
    """

    value: str
    kind: str
    start: int
    end: int
    range_group: int | None = None


def canonical(number: str) -> str:
    """Canonical decimal string: no separators, no leading or trailing zeros (``075.50`` → ``75.5``)."""
    cleaned = re.sub(r"[,\s\u00a0\u2009\u202f]", "", number).replace("·", ".")
    if cleaned.startswith("."):
        cleaned = "0" + cleaned
    if "." in cleaned:
        cleaned = cleaned.rstrip("0").rstrip(".")
    integer, _, fraction = cleaned.partition(".")
    integer = integer.lstrip("0") or "0"
    return f"{integer}.{fraction}" if fraction else integer


def _scaled(value: str, factor: int) -> str:
    try:
        return canonical(format(Decimal(value) * factor, "f"))
    except InvalidOperation:
        return value


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral (十八 → 18, 两百 → 200, 二〇一七 → 2017), else None."""
    if all(ch in _ZH_DIGIT for ch in text):
        if len(text) == 1:
            return _ZH_DIGIT[text]
        if len(text) >= 3 and any(ch in "〇零" for ch in text):  # year style: 二〇一七
            return int("".join(str(_ZH_DIGIT[ch]) for ch in text))
        return None  # 三七, 两三 (an approximation) are not one number
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _ZH_DIGIT:
            if digit not in (None, 0):
                return None
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_SMALL_UNIT:
            section += (1 if digit is None else digit) * _ZH_SMALL_UNIT[ch]
            digit = None
        else:
            section = (section + (digit or 0)) * _ZH_BIG_UNIT[ch]
            if section == 0:
                return None
            total += section
            section = 0
            digit = None
    return total + section + (digit or 0)


def _is_letter(ch: str) -> bool:
    """Latin or Greek letter: the letters of identifiers (CD19, β2-MG, χ2)."""
    return (ch.isascii() and ch.isalpha()) or "\u0391" <= ch <= "\u03c9"


def _letter_run_before(text: str, index: int) -> str:
    start = index
    while start > 0 and _is_letter(text[start - 1]):
        start -= 1
    return text[start:index]


def _identifier_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) over the letters, digits and inner hyphens of an identifier."""
    def part(ch: str) -> bool:
        return (ch.isascii() and ch.isalnum()) or _is_letter(ch)

    def joins(piece: str) -> bool:
        # Hyphenated parts of one identifier (COVID-19, SARS-CoV-2, IL-6), not the word an
        # identifier qualifies (18F-fluorodeoxyglucose, HER2-positive).
        return any(ch.isdigit() for ch in piece) or len(piece) <= 4 or not piece.islower()

    while start > 0 and part(text[start - 1]):
        start -= 1
    while start > 1 and text[start - 1] == "-" and part(text[start - 2]):
        piece_start = start - 1
        while piece_start > 0 and part(text[piece_start - 1]):
            piece_start -= 1
        if not joins(text[piece_start:start - 1]):
            break
        start = piece_start
    while end < len(text) and part(text[end]):
        end += 1
    while end + 1 < len(text) and text[end] == "-" and part(text[end + 1]):
        piece_end = end + 1
        while piece_end < len(text) and part(text[piece_end]):
            piece_end += 1
        if not joins(text[end + 1:piece_end]):
            break
        end = piece_end
    while end < len(text) and text[end] == "+":
        end += 1
    return start, end


def _is_sentence_end(text: str, index: int) -> bool:
    rest = text[index:]
    return not rest.strip(" \t\n\"'”’")


def _scan_digits(plain: str, mentions: list[NumberMention]) -> None:
    taken_until = -1
    for power in _POWER.finditer(plain):
        marker, exponent = power.group(1), power.group(2)
        if not marker and not _UNIT_AFTER_GLUED_EXPONENT.match(plain, power.end()):
            continue  # "×10 9" or "2×105 cells" is not clearly a power: read plain digits
        exponent = exponent.translate(_SUPERSCRIPTS)
        start = power.start() + 1  # the span starts after the multiplication sign
        mentions.append(NumberMention(f"10^{int(exponent)}", POWER, start, power.end()))
    powers = [(m.start, m.end) for m in mentions if m.kind == POWER]
    # Superscript digits outside powers are digits that lost their formatting: χ², m², ¹².
    plain = plain.translate(_SUPERSCRIPTS)

    for match in _DIGITS.finditer(plain):
        start, end = match.start(), match.end()
        if start < taken_until or any(s <= start < e for s, e in powers):
            continue
        before = plain[start - 1] if start else ""
        surface = match.group(0)
        # Identifiers: letters glued to the digits (CD19, 26S, m2) or a letter-hyphen prefix
        # (IL-6, COVID-19).  Units (10mg) and ordinals (12th) are not identifiers.
        letters_after = re.match(r"[A-Za-zµμ]+", plain[end:])
        suffix = letters_after.group(0).lower() if letters_after else ""
        unit_after = bool(suffix) and (suffix in _UNITS or suffix in _ORDINAL_SUFFIX)
        hyphen_prefix = (
            before == "-" and start > 1 and _is_letter(plain[start - 2])
            and not _after_number(plain, start - 1)
        )
        letters_before = _letter_run_before(plain, start)
        citation = _citation_end(plain, start, end, letters_before)
        if citation is not None:
            for number in re.finditer(r"[0-9]+", plain[start:citation]):
                mentions.append(NumberMention(
                    canonical(number.group(0)), CITATION,
                    start + number.start(), start + number.end(),
                ))
            taken_until = citation
            continue
        if letters_before or hyphen_prefix or (suffix and not unit_after):
            id_start, id_end = _identifier_bounds(plain, start, end)
            id_start = max(id_start, taken_until, 0)  # never over the previous mention
            value = re.sub(r"[-\s]", "", plain[id_start:id_end]).upper()
            mentions.append(NumberMention(value, CODE, id_start, id_end))
            taken_until = id_end
            continue
        if surface.startswith(".") and _is_sentence_end(plain, end):
            prior = plain[:start].rstrip()
            if prior and not prior[-1].isdigit() and prior[-1] not in "=<>≤≥([,:~-":
                # "... (primary analysis) .20": a sentence's full stop, then a reference mark.
                mentions.append(NumberMention(canonical(surface[1:]), CITATION, start + 1, end))
                taken_until = end
                continue
        if _names_abbreviation(plain, end, surface) or re.fullmatch(r"0[0-9]{2,}", surface):
            # "receptor 2 (HER2)", "trial 006": part of a name, not a quantity
            mentions.append(NumberMention(surface.upper(), CODE, start, end))
            taken_until = end
            continue
        value = canonical(surface)
        kind = NUMBER
        multiplier = _MULTIPLIER_EN_RE.match(plain, end)
        if multiplier:
            value = _scaled(value, _MULTIPLIER_EN[multiplier.group(1).lower()])
            end = multiplier.end()
        else:
            gap = 1 if plain[end:end + 1] == " " else 0
            for word, factor in _MULTIPLIER_ZH.items():
                if plain.startswith(word, end + gap) and not plain.startswith("万古", end + gap):
                    value = _scaled(value, factor)
                    end += gap + len(word)
                    break
        percent = _PERCENT_AFTER.match(plain, end)
        if percent:
            kind = PERCENT
            end = percent.end()
        if _XREF.search(plain[max(0, start - 30):start]):
            kind = CITATION
        mentions.append(NumberMention(value, kind, start, end))
        taken_until = end


_ABBREVIATION_AFTER = re.compile(r"\s?[(（]\s?[A-Za-z][A-Za-z-]*?-?([0-9]+)\s?[)）]")


def _names_abbreviation(plain: str, end: int, surface: str) -> bool:
    """True for the 2 of "receptor 2 (HER2)": the number ends the name an abbreviation shortens."""
    abbreviation = _ABBREVIATION_AFTER.match(plain, end)
    return bool(abbreviation) and abbreviation.group(1) == surface


def _after_number(plain: str, index: int) -> bool:
    """True when the letters ending at ``index`` follow digits (the "th" of "4th-8th")."""
    start = index
    while start > 0 and plain[start - 1].isascii() and plain[start - 1].isalpha():
        start -= 1
    return start > 0 and plain[start - 1].isdigit()


def _citation_end(plain: str, start: int, end: int, letters_before: str) -> int | None:
    """End of a reference mark starting at ``start``, or None when this is not one.

    Reference marks are integer lists glued to a word (``carcinoma11-13``), following a
    sentence's closing punctuation (``africa.1``, ``appendix).14``, ``) .20`` at the end), or,
    in Chinese, glued to a character or closing bracket before a clause break (``最高1。``).
    """
    listed = _CITATION_LIST.match(plain, start)
    if listed is None:
        return None
    stop = listed.end()
    if stop < len(plain) and (plain[stop].isalnum() or plain[stop] in ".%·"):
        if not (plain[stop] == "." and _is_sentence_end(plain, stop + 1)):
            return None
    before = plain[start - 1] if start else ""
    follow_ok = stop >= len(plain) or plain[stop] in " \t\n" + _ZH_CITATION_FOLLOW + ".;:"
    if len(letters_before) >= 4 and letters_before.islower() and follow_ok:
        return stop
    if before == "." and start >= 2:
        prior = plain[:start - 1].rstrip()
        if prior and (prior[-1].isascii() and prior[-1].isalpha() or prior[-1] in _CLOSING):
            if follow_ok and (_is_sentence_end(plain, stop) or plain[stop] in " ;"):
                if plain[start - 2] != " " or _is_sentence_end(plain, stop):
                    return stop
    if before and (_HAN.match(before) or before in "）》」』”"):
        if stop >= len(plain) or plain[stop] in _ZH_CITATION_FOLLOW:
            if before == "第":
                return None
            if _XREF.search(plain[max(0, start - 2):start]):
                return None
            return stop
    return None


def _scan_references(plain: str, mentions: list[NumberMention]) -> set[int]:
    covered: set[int] = set()
    for bracket in _REFERENCE_BRACKET.finditer(plain):
        for number in re.finditer(r"[0-9]+", bracket.group(0)):
            mentions.append(NumberMention(
                canonical(number.group(0)), CITATION,
                bracket.start() + number.start(), bracket.start() + number.end(),
            ))
        covered.update(range(bracket.start(), bracket.end()))
    return covered


def _scan_words(plain: str, mentions: list[NumberMention], covered: set[int]) -> None:
    lowered = plain.lower()
    if any(ch.isascii() and ch.isalpha() for ch in plain):
        words: list[NumberMention] = []
        for word in _EN_WORD.finditer(plain):
            tens, unit, small, other, scale = (g and g.lower() for g in word.groups())
            if tens:
                value = _EN_TENS[tens] + (_EN_UNITS[unit] if unit else 0)
            elif small:
                value = _EN_UNITS[small]
            else:
                value = _EN_OTHER[other]
            if scale:
                value *= {"hundred": 100, "thousand": 10**3, "million": 10**6,
                          "billion": 10**9}[scale]
            start, end = word.start(), word.end()
            if words and words[-1].end + 5 >= start:
                previous = words[-1]
                if (int(previous.value) >= 100 and int(previous.value) % 100 == 0
                        and value < 100 and re.fullmatch(r"\s(?:and\s)?", plain[previous.end:start],
                                                         re.IGNORECASE)):
                    words.pop()  # one hundred and thirty-one
                    value += int(previous.value)
                    start = previous.start
            percent = _PERCENT_AFTER.match(plain, end)
            kind = WORD
            if percent:
                kind, end = PERCENT, percent.end()
            words.append(NumberMention(str(value), kind, start, end))
        mentions.extend(words)
        for month in _MONTH.finditer(plain):
            before = lowered[max(0, month.start() - 4):month.start()]
            after = lowered[month.end():month.end() + 4]
            named = month.group(1)[0].isupper() and month.group(1).lower() != "may"
            if named or re.search(r"[0-9],?\s$", before) or re.match(r",?\s?[0-9]", after):
                key = month.group(1).lower()[:4 if month.group(1).lower().startswith("sept") else 3]
                mentions.append(NumberMention(
                    str(_MONTHS[key]), WORD, month.start(), month.start() + len(month.group(1))
                ))
        for roman in _ROMAN_EN.finditer(plain):
            if roman.group(1).islower() and roman.group(1) not in ("ii", "iii", "iv"):
                continue  # "type i" in lower-cased text is ambiguous with the pronoun
            mentions.append(NumberMention(
                str(_ROMAN_VALUES[roman.group(1).lower()]), WORD, roman.start(1), roman.end(1)
            ))
    if not _HAN.search(plain):
        return
    for index, ch in enumerate(plain):
        if ch in _ROMAN_ZH:
            mentions.append(NumberMention(str(_ROMAN_ZH[ch]), WORD, index, index + 1))
    fixed: set[int] = set()
    for word in _ZH_FIXED.finditer(plain):
        fixed.update(range(word.start(), word.end()))
    for match in _ZH_NUMERAL.finditer(plain):
        start, end = match.start(), match.end()
        if start > 0 and plain[start - 1].isdigit():
            continue  # 13万 is read with the digits
        if fixed.intersection(range(start, end)) or covered.intersection(range(start, end)):
            continue
        text = match.group(0)
        percent = start >= 3 and plain[start - 3:start] == "百分之"
        if text.startswith("百分之"):
            continue
        value = parse_chinese_numeral(text)
        if value is None:
            continue
        after = plain[end] if end < len(plain) else ""
        ordinal = start > 0 and plain[start - 1] == "第"
        measured = (
            after in _ZH_MEASURE or plain.startswith("小时", end) or plain.startswith("分之", end)
            or (start >= 2 and plain[start - 2:start] == "分之")
        )
        if percent:
            mentions.append(NumberMention(str(value), PERCENT, start - 3, end))
        elif ordinal or measured or len(text) >= 2:
            mentions.append(NumberMention(str(value), WORD, start, end))


_SCALES = {**_MULTIPLIER_EN, **_MULTIPLIER_ZH}
_SCALE_WORD = re.compile(r"thousand|million|billion|百万|千万|万|亿", re.IGNORECASE)


def _mark_ranges(plain: str, mentions: list[NumberMention]) -> list[NumberMention]:
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    result: list[NumberMention] = []
    group = 0
    index = 0
    while index < len(ordered):
        current = ordered[index]
        if index + 1 < len(ordered) and current.kind in (NUMBER, PERCENT):
            following = ordered[index + 1]
            if following.kind in (NUMBER, PERCENT) and _RANGE_BETWEEN.match(
                plain[current.end:following.start]
            ):
                value = current.value
                scale = _SCALE_WORD.search(plain, following.start, following.end)
                if scale and not _SCALE_WORD.search(plain, current.start, current.end):
                    value = _scaled(value, _SCALES[scale.group(0).strip().lower()])  # 3 to 5 million
                result.append(NumberMention(value, current.kind, current.start,
                                            current.end, group))
                result.append(NumberMention(following.value, following.kind, following.start,
                                            following.end, group))
                group += 1
                index += 2
                continue
        result.append(current)
        index += 1
    return result


@lru_cache(maxsize=4096)
def _extract(text: str) -> tuple[NumberMention, ...]:
    plain = text.translate(_FOLD)
    mentions: list[NumberMention] = []
    covered = _scan_references(plain, mentions)
    _scan_digits(_blank(plain, covered), mentions)
    _scan_words(plain, mentions, covered)
    return tuple(_mark_ranges(plain, _drop_overlapping_words(mentions)))


def _drop_overlapping_words(mentions: list[NumberMention]) -> list[NumberMention]:
    """Number words inside a digit mention's span (the "Eighteen" of "Eighteen-3") go."""
    solid = [(m.start, m.end) for m in mentions if m.kind != WORD]
    return [
        m for m in mentions
        if m.kind != WORD or not any(s < m.end and m.start < e for s, e in solid)
    ]


def _blank(plain: str, covered: set[int]) -> str:
    if not covered:
        return plain
    return "".join(" " if i in covered else ch for i, ch in enumerate(plain))


def extract_numbers(text: str) -> list[NumberMention]:
    """All numbers in ``text``, in order of position, with canonical values."""
    return list(_extract(text))


def number_values(text: str) -> list[str]:
    """The canonical values of the numbers in ``text`` (a multiset, in order).

    Identifiers and powers of ten carry their own values (``"CD19+"``, ``"10^9"``), so they
    never compare equal to a plain number. Number words and reference marks are left out:
    translators add and drop them freely (``a study`` ↔ ``一项研究``), so as alignment anchors
    they add noise (measured with scripts/eval_align.py on medline-en2zh: strict F1 0.954
    with them, 0.970 without).
    """
    return [m.value for m in _extract(text) if m.kind not in (WORD, CITATION)]
