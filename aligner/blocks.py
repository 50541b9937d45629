"""Lines of a document: their language, header lines, and grouping into language runs.

A line is Chinese when Han characters carry a fair share of it; a Latin term inside Chinese
text (贝利尤单抗(Belimumab), CD19+, IgG) therefore never starts an English block. Lines with
little language evidence (numbers, one or two Latin words) take the language of their
neighbours, unless a whole stretch of them is clearly English (PDF text, one word per line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from aligner.records import EN, ZH
from aligner.textnorm import HAN_CLASS

_LINE_RE = re.compile(r"[^\n]*")
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
_WIDE_RE = re.compile(f"[{HAN_CLASS}\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf\u31c0-\u31ef]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")

# How many Latin words make a stretch of weak lines English on its own.
MIN_ENGLISH_WORDS = 6
# A line needs at least this many Latin words to be English by itself.
STRONG_ENGLISH_WORDS = 4


@dataclass(frozen=True)
class Line:
    """One non-blank line: ``start``/``end`` bound its content without surrounding spaces."""

    start: int
    end: int
    text: str
    indent: int
    lang: str | None = None
    header: bool = False

    @property
    def width(self) -> int:
        """Display width: wide (CJK) characters count twice, as a PDF column measures them."""
        return len(self.text) + len(_WIDE_RE.findall(self.text))


def scan_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets (blank and space-only lines dropped)."""
    lines = []
    for match in _LINE_RE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        leading = len(raw) - len(raw.lstrip())
        start = match.start() + leading
        line = Line(start, start + len(stripped), stripped, _indent_width(raw[:leading]))
        lines.extend(split_mixed_line(line))
    return lines


# A Chinese line may carry a long English span before or after its Chinese part (a bilingual
# title or keyword line). The span is split off only when it is long, outside any bracket, and
# holds nothing but Latin text: glosses such as 贝利尤单抗(Belimumab) or 《Journal …》 stay.
MIN_SPLIT_ENGLISH_WORDS = 6
_CJK_OR_CLOSER = f"{HAN_CLASS}\u3000-\u303f\uff00-\uffef"
_ENGLISH_TAIL_RE = re.compile(rf"(?<=[{_CJK_OR_CLOSER}])[\s:;,.]*([A-Za-z][^{_CJK_OR_CLOSER}]*)$")
_ENGLISH_HEAD_RE = re.compile(rf"^([^{_CJK_OR_CLOSER}]*[A-Za-z.?!)])[\s:;,]*(?=[{_CJK_OR_CLOSER}])")


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def split_mixed_line(line: Line) -> list[Line]:
    """Split a long English head or tail off a Chinese line; otherwise the line unchanged."""
    text = line.text
    if text.isascii() or not _HAN_RE.search(text):
        return [line]
    tail = _ENGLISH_TAIL_RE.search(text)
    if (tail and len(_LATIN_WORD_RE.findall(tail.group(1))) >= MIN_SPLIT_ENGLISH_WORDS
            and not is_header_line(text)):
        head = text[: tail.start(1)]
        if _balanced(head) and _balanced(tail.group(1)) and head.count("（") == head.count("）"):
            cut = tail.start(1)
            left = head.rstrip()
            return [
                Line(line.start, line.start + len(left), left, line.indent),
                Line(line.start + cut, line.end, text[cut:], 0),
            ]
    head = _ENGLISH_HEAD_RE.match(text)
    if head and len(_LATIN_WORD_RE.findall(head.group(1))) >= MIN_SPLIT_ENGLISH_WORDS:
        if _balanced(head.group(1)) and not is_header_line(text):
            rest = text[head.end(1):].lstrip()
            return [
                Line(line.start, line.start + head.end(1), head.group(1), line.indent),
                Line(line.end - len(rest), line.end, rest, 0),
            ]
    return [line]


def _indent_width(prefix: str) -> int:
    return sum(2 if char == "\u3000" else (4 if char == "\t" else 1) for char in prefix)


_BRACKETED_RE = re.compile(r"\([^()]*\)|（[^（）]*）|《[^《》]*》|\[[^\[\]]*\]|【[^【】]*】")
_LATIN_RUN_RE = re.compile(r"[A-Za-z0-9][\w'’/.,:;%+=<>-]*(?:[ \t]+[A-Za-z0-9(][\w'’/.,:;%+=<>()-]*)*", re.ASCII)


def _longest_latin_run(text: str) -> int:
    """Most Latin words in one stretch of Latin text (words, numbers, spaces, punctuation)."""
    return max((len(_LATIN_WORD_RE.findall(run)) for run in _LATIN_RUN_RE.findall(text)), default=0)


def strong_language(text: str) -> str | None:
    """The language a line shows by itself, or None when the evidence is too weak.

    A line with Han characters is Chinese unless English dominates it outside brackets *and*
    holds a long English stretch: glosses (贝利尤单抗(Belimumab)), journal names in 《》 and short
    Latin terms never make a Chinese line English.
    """
    han = 0 if text.isascii() else len(_HAN_RE.findall(text))
    if han:
        outside = _BRACKETED_RE.sub(" ", text) if ("(" in text or "（" in text or "《" in text
                                                   or "[" in text or "【" in text) else text
        letters = len(_LATIN_LETTER_RE.findall(outside))
        if han * 5 >= letters or _longest_latin_run(outside) < MIN_SPLIT_ENGLISH_WORDS:
            return ZH
    words = len(_LATIN_WORD_RE.findall(text))
    if words >= STRONG_ENGLISH_WORDS:
        return EN
    return None


def assign_languages(lines: list[Line]) -> list[Line]:
    """Give every line a language; weak lines follow their strong neighbours."""
    strong = [strong_language(line.text) for line in lines]
    result = list(lines)
    index = 0
    while index < len(lines):
        if strong[index] is not None:
            result[index] = replace(lines[index], lang=strong[index])
            index += 1
            continue
        stop = index
        while stop < len(lines) and strong[stop] is None:
            stop += 1
        words = sum(  # table rows ("SLE 3 1 1 -") carry no language
            len(_LATIN_WORD_RE.findall(lines[i].text))
            for i in range(index, stop)
            if not is_table_row(lines[i].text)
        )
        before = strong[index - 1] if index > 0 else None
        after = strong[stop] if stop < len(lines) else None
        if words >= MIN_ENGLISH_WORDS:
            lang = EN
        elif before is not None and after is not None and before != after and words:
            # Between the two languages (a heading such as "Abstract" before an English
            # block): Latin words make it English.
            lang = EN
        elif before is not None:
            lang = before
        elif after is not None:
            lang = after
        elif _HAN_RE.search("".join(lines[i].text for i in range(index, stop))):
            lang = ZH
        else:
            lang = EN
        for i in range(index, stop):
            result[i] = replace(lines[i], lang=lang)
        index = stop
    return result


# ----------------------------------------------------------------------------------------------
# Header lines: recognised one line at a time, by their shape.

_CITATION_ID_RE = re.compile(
    r"(?i:doi)\s*[:：]\s*10\.\d{3,}|\b10\.\d{4,}/\S|\bPMID\s*[:：]?\s*\d+|\bPMCID\s*[:：]?\s*PMC\d+"
    r"|\bEpub\b"
)
_CITATION_VOLUME_RE = re.compile(
    r"\b(?:19|20)\d{2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b[^;\n]{0,12};"
    r"\s*\d+\s*(?:\(\s*\w+\s*\))?\s*:\s*\w*\d+"
    r"|\b(?:19|20)\d{2}\s*[,;]\s*\d+\s*\(\s*\d+\s*\)\s*:\s*\d+"
)
_TRIAL_RE = re.compile(
    r"NCT\d{8}|ChiCTR[-\w]*\d{4,}|ISRCTN\d{6,}|ACTRN\d{10,}|DRKS\d{6,}|UMIN\d{6,}"
    r"|EudraCT\s*\d{4}-\d{6}|CTRI/\d{4}/"
)
# Page furniture, matched in the lower-cased line.
_FOOTER_WORDS = (
    "copyright", "©", "all rights reserved", "icp备", "icp证", "公网安备", "公網安備", "版权所有", "版權所有",
    "powered by",
)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# Simplified and Traditional forms (matching through OpenCC would cost more than the lines).
_CHINESE_FRONT_MATTER_WORDS = (
    "中图分类号", "中图法分类号", "文献标志码", "文献标识码", "文章编号", "收稿日期", "基金项目", "作者简介",
    "通信作者", "通讯作者", "中圖分類號", "中圖法分類號", "文獻標誌碼", "文獻標識碼", "文章編號", "基金項目",
    "作者簡介", "通訊作者",
)
_REFERENCE_ENTRY_RE = re.compile(
    r"\[(?:J|M|D|C|R|S|P|N|EB/OL|J/OL)\]|^\s*\[\d+\]\s*\S.*(?:19|20)\d{2}"
)
_CHINESE_DOI_LINE_RE = re.compile(r"\s*DOI\s*[:：]")
_MENU_RE = re.compile(r"(?:\s\|\s.*){2,}")
# Running heads and feet of journal pages: "·1234· 现代医药卫生 2025年6月第41卷第11期",
# "J Mod Med Health,June 2025,Vol.41,No.11".
_RUNNING_HEAD_RE = re.compile(
    r"第\s*\d+\s*卷\s*第\s*\d+\s*期|\bVol\.?\s*\d+\s*,?\s*(?:No|Issue)\.?\s*\d+|^[·•]\s*\d+\s*[·•]"
)

_NAME = f"[{HAN_CLASS}·]{{2,4}}(?:\\d{{1,2}}(?:,\\d{{1,2}})*)?\\*?"
_CHINESE_AUTHORS_RE = re.compile(rf"^{_NAME}(?:(?:[ \t]*[,，、][ \t]*|[ \t]+){_NAME})+[ \t]*$")
_AUTHOR_MARK_RE = re.compile(r"[\d*,，、]")
_CHINESE_AFFILIATION_RE = re.compile(r"^[（(].*\b\d{6}\b.*[)）]$|^[（(]\s*\d\s*[.．].*\d{6}")


def is_chinese_author_line(text: str) -> bool:
    """Two or more Chinese names with affiliation digits or separators: "张三1,李四2,王五1"."""
    return (
        len(text) <= 80
        and _AUTHOR_MARK_RE.search(text) is not None
        and _CHINESE_AUTHORS_RE.match(text) is not None
    )


def is_standalone_header(text: str) -> bool:
    """Header lines that never wrap into a paragraph: table rows, running heads, author lines,
    classification codes."""
    return (
        is_table_row(text)
        or is_running_head(text)
        or is_chinese_author_line(text)
        or any(word in text for word in _CHINESE_FRONT_MATTER_WORDS)
    )


def is_running_head(text: str) -> bool:
    """A journal page's running head or foot, which PDF extraction leaves inside paragraphs."""
    if len(text) > 160 or not ("卷" in text or "Vol" in text or "·" in text or "•" in text):
        return False
    return bool(_RUNNING_HEAD_RE.search(text))


_NUMERIC_TOKEN_RE = re.compile(r"^[-+±–—−~≤≥<>=]?[\d.,/%×±~∶:()\[\]\-–—−]*\d[\d.,/%×±~∶:()\[\]\-–—−]*$|^[-–—−]$")
_SENTENCE_END_CHARS = (".", "。", "!", "！", "?", "？")
_NAME_LOWER_WORDS = frozenset("of and the for de del della di du la le van von der y da at in on".split())
_NAME_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.\-]*|\d\w*")


def is_table_row(text: str) -> bool:
    """Three or more cells, at least half of them numbers or dashes: a table row."""
    tokens = text.split()
    if not 3 <= len(tokens) <= 40 or text.endswith(_SENTENCE_END_CHARS):
        return False
    allowed_other = len(tokens) // 2
    numbers = 0
    for token in tokens:
        if not _NUMERIC_TOKEN_RE.match(token):
            allowed_other -= 1
            if allowed_other < 0:
                return False
        elif token[-1].isdigit() or token[0].isdigit() or len(token) > 1:
            numbers += 1
    return numbers >= 1


def is_name_list(text: str) -> bool:
    """Author lists and affiliations: comma-separated capitalised names, no running prose."""
    if text.count(", ") < 2 or (not text.isascii() and _HAN_RE.search(text)):
        return False
    words = [word for word in _NAME_WORD_RE.findall(text) if not word[0].isdigit()]
    if len(words) < 3:
        return False
    capitalised = 0
    for word in words:
        if word[0].isupper():
            capitalised += 1
        elif word.lower().rstrip(".") not in _NAME_LOWER_WORDS:
            return False
    return capitalised >= 3


def is_header_line(text: str) -> bool:
    """Citation, trial registration, author list, affiliation, page furniture, table row."""
    lower = text.lower()
    if any(word in lower for word in _FOOTER_WORDS):
        return True
    if "@" in text and _EMAIL_RE.search(text):
        return True
    if lower.startswith(("http://", "https://", "www.")) and " " not in text:
        return True
    if " | " in text and _MENU_RE.search(text):
        return True
    if is_running_head(text):
        return True
    if ("doi" in lower or "10." in text or "pm" in lower or "epub" in lower) and _CITATION_ID_RE.search(text):
        return True
    if (";" in text or "," in text) and _CITATION_VOLUME_RE.search(text):
        return True
    if len(text) <= 120 and len(text.split()) <= 12 and _TRIAL_RE.search(text):
        return True
    if not text.isascii():
        if any(word in text for word in _CHINESE_FRONT_MATTER_WORDS) or _CHINESE_DOI_LINE_RE.match(text):
            return True
        if is_chinese_author_line(text) or _CHINESE_AFFILIATION_RE.match(text):
            return True
    if "[" in text and _REFERENCE_ENTRY_RE.search(text):
        return True
    return is_name_list(text) or is_table_row(text)


def mark_headers(lines: list[Line]) -> list[Line]:
    return [replace(line, header=True) if is_header_line(line.text) else line for line in lines]


# ----------------------------------------------------------------------------------------------
# Structured-abstract labels: a known word followed by a colon, a space before a capitalised
# word, or the end of the text. "Results showed" and "结果显示" are sentence text, not labels.

_EN_LABEL_WORDS = (
    r"(?i:abstract|background|objectives?|aims?|purpose|introduction|methods?"
    r"|materials? and methods|patients and methods|methodology|study design|design|setting"
    r"|participants|interventions?|main outcome measures?|outcome measures?|measurements"
    r"|results?|findings|conclusions?|interpretation|discussion|significance"
    r"|trial registration|keywords?|key words)"
)
_ZH_LABEL_WORDS = (
    r"(?:摘\s*要|目\s*的|方\s*法|[结結]\s*果|[结結]\s*[论論]|背\s*景|[关關][键鍵][词詞字]|[讨討]\s*[论論]"
    r"|前\s*言|引\s*言|[资資]料[与與]方法|材料[与與]方法|[对對]象[与與]方法)"
)
# A bracketed label ("【摘要】", "[Abstract]") needs no separator after it.
_BRACKETED_LABEL_RE = re.compile(
    rf"[【\[〔［][ \t]*(?:{_EN_LABEL_WORDS}|{_ZH_LABEL_WORDS})[ \t]*[】\]〕］][ \t]*(?:[:：][ \t]*)?"
)
_EN_LABEL_RE = re.compile(
    rf"{_EN_LABEL_WORDS}(?:[ \t]*[:：][ \t]*|\.[ \t]*$|\s+(?=[A-Z\d(])|\s*$)"
)
_ZH_LABEL_RE = re.compile(rf"{_ZH_LABEL_WORDS}(?:[ \t]*[:：][ \t]*|[ \t]+|$)")


def label_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the structured-abstract labels at the start of ``text`` ("Abstract:Objective"
    gives two), each including its colon; empty when the text starts with no label."""
    spans = []
    position = 0
    while position < len(text):
        match = (
            _EN_LABEL_RE.match(text, position)
            or _ZH_LABEL_RE.match(text, position)
            or _BRACKETED_LABEL_RE.match(text, position)
        )
        if match is None or match.end() == position:
            break
        spans.append((position, match.end()))
        position = match.end()
    return spans


def peel_labels(text: str) -> int:
    """Length of the structured-abstract label(s) at the start of ``text`` (0 if none)."""
    spans = label_spans(text)
    return spans[-1][1] if spans else 0


def language_runs(lines: list[Line]) -> list[list[Line]]:
    """Maximal stretches of consecutive lines in one language."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and runs[-1][-1].lang == line.lang:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def analyse_lines(text: str) -> list[Line]:
    """Scan, assign languages and mark header lines."""
    return mark_headers(assign_languages(scan_lines(text)))
