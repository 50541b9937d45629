"""Glossary compliance and abbreviation consistency on real sentences of the sample corpus."""
from __future__ import annotations

from check_helpers import corpus, document

from glossary.checker import CheckOptions, check
from glossary.checks.abbreviations import abbreviation_findings
from glossary.checks.text import units_of
from glossary.records import Glossary, TermPair

ONLY_GLOSSARY = CheckOptions(checks=("glossary",), aligned_renderings=False)


def glossary(*pairs) -> Glossary:
    return Glossary([TermPair(en, zh, category) for en, zh, category in pairs])


def test_missing_rendering_names_what_was_used_instead():
    # 003 renders methylprednisolone 甲基强的松龙: a deprecated family mate of 甲泼尼龙
    g = glossary(("methylprednisolone", "甲泼尼龙", "drug"), ("lupus nephritis", "狼疮肾炎", "disease"),
                 ("cyclophosphamide", "环磷酰胺", "drug"))
    findings = check(corpus("003"), g, ONLY_GLOSSARY)
    assert [f.check for f in findings] == ["glossary-deprecated"]
    deprecated = findings[0]
    bead = corpus("003")[0].beads[deprecated.bead]
    assert bead.zh_text[slice(*deprecated.zh_span)] == "甲基强的松龙"
    assert "甲泼尼龙" in deprecated.message


def test_missing_rendering_is_an_error_with_both_spans():
    # a glossary that approves 药物不良反应 and knows 不良反应 as another rendering seen
    g = Glossary([TermPair("adverse reaction", "药物不良反应", "disease", renderings={"不良反应": 3})])
    findings = check(corpus("000"), g, ONLY_GLOSSARY)
    assert len(findings) == 1
    missing = findings[0]
    assert (missing.check, missing.severity, missing.doc, missing.bead) == ("glossary-missing", "error", "000", 2)
    bead = corpus("000")[0].beads[2]
    assert bead.en_text[slice(*missing.en_span)] == "adverse reactions"
    assert bead.zh_text[slice(*missing.zh_span)] == "不良反应"
    assert "药物不良反应" in missing.message and "uses 不良反应 instead" in missing.message
    # an accepted synonym is not missing: 003 writes 吗替麦考酚酯, a family mate of 霉酚酸酯
    g = glossary(("mycophenolate mofetil", "霉酚酸酯", "drug"))
    assert check(corpus("003"), g, ONLY_GLOSSARY) == []


def test_accepted_synonym_and_abbreviation_are_not_missing():
    # the glossary approves 狼疮性肾炎; 003 writes 狼疮肾炎, an accepted family mate
    g = glossary(("lupus nephritis", "狼疮性肾炎", "disease"),
                 ("human umbilical cord-derived mesenchymal stem cell", "人脐带间充质干细胞", "drug"))
    assert check(corpus("003"), g, ONLY_GLOSSARY) == []


def test_deprecated_form_in_chinese_only_text():
    g = glossary(("prednisolone", "泼尼松龙", "drug"))
    findings = check(corpus("001"), g, ONLY_GLOSSARY)
    assert [(f.check, f.doc, f.bead) for f in findings] == [("glossary-deprecated", "001", 0),
                                                          ("glossary-deprecated", "001", 1)]


def test_chinese_term_without_its_english():
    g = glossary(("belimumab", "贝利尤单抗", "drug"), ("adverse reaction", "不良反应", "disease"))
    findings = [f for f in check(corpus("000", "002"), g, ONLY_GLOSSARY) if f.check == "glossary-unpaired-zh"]
    # 002's last pair says "adverse effects" for 不良反应: the English has no "adverse reaction"
    assert [(f.doc, f.bead) for f in findings] == [("002", 4)]
    assert corpus("002")[0].beads[4].zh_text[slice(*findings[0].zh_span)] == "不良反应"


def test_abbreviation_defined_in_english_only():
    docs = [document("x", [
        ("Patients with recurrent spontaneous abortion (RSA) were included.", "纳入复发性自然流产患者。"),
        ("RSA remains a challenge.", "RSA仍然是一个挑战。")])]
    findings = abbreviation_findings(units_of(docs))
    assert [(f.check, f.bead) for f in findings] == [("abbreviation-undefined", 1)]
    assert docs[0].beads[1].zh_text[slice(*findings[0].zh_span)] == "RSA"


def test_abbreviation_expanded_differently():
    docs = [document("x", [
        ("We evaluate human umbilical cord-derived mesenchymal stem cell (hUC-MSC) for lupus nephritis (LN).",
         "我们评估人脐带间充质干细胞(hUC-MSC)治疗狼疮肾炎(LN)的疗效。"),
        ("", "本文系统梳理了难治性狼疮肾炎(LN)的临床困境与治疗进展。")])]
    assert abbreviation_findings(units_of(docs)) == []
    pairs = [("lupus nephritis", "狼疮性肾炎")]
    findings = abbreviation_findings(units_of(docs), pairs)
    assert {f.check for f in findings} == {"abbreviation-mismatch"}
    assert all("LN" in f.message for f in findings)
