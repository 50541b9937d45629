"""Gloss and abbreviation extraction on real sentences of the sample corpus."""
from pathlib import Path

import pytest

from glossary.glosses import (
    chinese_definitions,
    chinese_glosses,
    english_abbreviations,
    is_abbreviation,
)

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def _line(prefix: str, needle: str) -> str:
    path = next(CORPORA.glob(f"{prefix}_*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not in {path.name}")


def test_english_abbreviation_definitions_schwartz_hearst():
    line = _line("000", "odds ratio (OR)")
    defs = {(d.long, d.short) for d in english_abbreviations(line)}
    assert ("odds ratio", "OR") in defs
    assert ("confidence interval", "CI") in defs
    # the statistic "[P = 0.048" is not taken for a definition
    assert all(not d.short.startswith("P") for d in english_abbreviations(line))


def test_long_form_with_hyphenated_words_and_mixed_case_short_form():
    line = _line("003", "(hUC-MSC)")
    defs = {d.short: d.long for d in english_abbreviations(line)}
    assert defs["hUC-MSC"] == "human umbilical cord-derived mesenchymal stem cell"
    assert defs["LN"] == "lupus nephritis"


def test_chinese_abbreviation_glosses_keep_the_clause_before_the_bracket():
    line = _line("000", "优势比(OR)")
    glosses = chinese_glosses(line)
    by_abbr = {g.abbr: g for g in glosses}
    assert by_abbr["OR"].context.endswith("优势比")
    assert by_abbr["CI"].context.endswith("置信区间")
    assert all(g.english == "" for g in glosses)


def test_chinese_gloss_with_full_english_name():
    line = _line("004", "贝利尤单抗(Belimumab)")
    glosses = [g for g in chinese_glosses(line) if g.english]
    assert any(g.english == "Belimumab" and g.context.endswith("贝利尤单抗") for g in glosses)


def test_table_note_definitions():
    line = _line("002", "UCTD为未分化结缔组织病")
    assert chinese_definitions(line) == [("UCTD", "未分化结缔组织病"), ("SS", "干燥综合征"), ("APS", "抗磷脂综合征")]


@pytest.mark.parametrize("text,expected", [("SLE", True), ("hUC-MSC", True), ("MSCs", True),
                                           ("IIV3", True), ("Belimumab", False), ("lupus nephritis", False)])
def test_is_abbreviation(text, expected):
    assert is_abbreviation(text) is expected


MEDLINE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "medline-en2zh" / "eval"


@pytest.mark.skipif(not MEDLINE.is_dir(), reason="shared medline data absent")
def test_gloss_with_an_abbreviation_and_no_comma():
    line = next(l for l in (MEDLINE / "doc6.zh").read_text(encoding="utf-8").splitlines() if "IIH" in l)
    found = {(g.context[-7:], g.english, g.abbr) for g in chinese_glosses(line)}
    assert ("特发性颅内高压", "Idiopathic intracranial hypertension", "IIH") in found
    assert all(g.english != "Idiopathic intracranial hypertension IIH" for g in chinese_glosses(line))
