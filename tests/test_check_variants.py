"""Inconsistent renderings on real sentences of the sample corpus."""
from __future__ import annotations

import pytest
from check_helpers import corpus, document

from glossary.checker import CheckOptions, check
from glossary.checks import variants
from glossary.checks.text import doc_order, matching_key, units_of
from glossary.errors import GlossaryError
from glossary.synonyms import load_families, parse_families, read_families, shipped_families

FAST = CheckOptions(checks=("variants",), aligned_renderings=False)


def forms_of(finding) -> set[str]:
    return {f["text"] for f in finding.forms}


def find(findings, *forms):
    wanted = set(forms)
    hits = [f for f in findings if wanted <= forms_of(f)]
    assert hits, f"no finding with forms {wanted}; got {[sorted(forms_of(f)) for f in findings]}"
    return hits[0]


def test_legacy_and_standard_drug_names_across_documents():
    findings = check(corpus("001", "004"), options=FAST)
    prednisone = find(findings, "强的松", "泼尼松")
    assert prednisone.check == "inconsistent-rendering" and prednisone.concept == "prednisone"
    assert prednisone.severity == "warning"  # a deprecated form is involved
    by_text = {f["text"]: f for f in prednisone.forms}
    assert by_text["强的松"] == {"text": "强的松", "count": 1, "docs": ["001"]}
    assert by_text["泼尼松"]["docs"] == ["004"]
    # the finding points at the deprecated form, in the user's text
    doc = corpus("001")[0]
    bead = doc.beads[prednisone.bead]
    assert prednisone.doc == "001" and bead.zh_text[slice(*prednisone.zh_span)] == "强的松"
    assert "deprecated" in prednisone.message and "泼尼松" in prednisone.message


def test_form_inside_a_longer_form_is_not_a_use():
    # 001 writes 强的松龙 (prednisolone) twice and 强的松 once: 强的松 inside 强的松龙 does not count
    findings = check(corpus("001"), options=FAST)
    assert not [f for f in findings if f.concept == "prednisone" and f.check == "inconsistent-rendering"]
    # 贝利尤单抗 / 达雷妥尤单抗 end in 单抗 but are not uses of 单抗 (monoclonal antibody)
    assert not [f for f in check(corpus("000", "004"), options=FAST) if f.concept == "monoclonal antibody"]


def test_naming_stem_mixed_within_one_sentence():
    findings = check(corpus("003"), options=FAST)
    stem = find(findings, "甲基强的松龙", "泼尼松龙")
    assert stem.concept == "corticosteroid naming stem" and stem.doc == "003" and stem.bead == 1
    assert "within a document" in stem.message


def test_traditional_and_fullwidth_forms_are_reported_as_written():
    docs = [document("t1", [("", "患者口服潑尼松治療,加用貝利尤單抗。")]),
            document("t2", [("", "患者口服泼尼松治疗。"), ("", "探讨贝利尤单抗对复发性自然流产的影响。")]),
            document("w", [("", "抗ＣＤ２０单克隆抗体和抗CD20单克隆抗体")])]
    findings = check(docs, options=FAST, term_pairs=[("belimumab", "贝利尤单抗")])
    prednisone = find(findings, "潑尼松", "泼尼松")
    assert prednisone.concept == "prednisone" and prednisone.doc == "t1"
    assert docs[0].beads[0].zh_text[slice(*prednisone.zh_span)] == "潑尼松"  # points at what is written
    belimumab = find(findings, "貝利尤單抗", "贝利尤单抗")
    assert "Traditional and Simplified" in belimumab.message
    width = find(findings, "ＣＤ２０", "CD20")
    assert width.severity == "warning" and "full-width" in width.message  # mixed in one document
    # 單抗 inside 貝利尤單抗 is not a use of 单抗 (monoclonal antibody)
    assert not [f for f in findings if f.concept in ("单抗", "monoclonal antibody")]
    assert matching_key("ＣＤ２０") == "cd20"


@pytest.mark.parametrize("names, forms, rule", [
    (("002",), ("自身免疫病", "自身免疫性疾病"), "X性疾病 / X病"),
    (("002", "003"), ("狼疮性肾炎", "狼疮肾炎"), "X性肾炎 / X肾炎"),
    (("000",), ("B淋巴细胞", "B细胞"), "X淋巴细胞 / X细胞"),
])
def test_morphological_rules(names, forms, rule):
    docs = corpus(*names)
    found = variants.morphological_findings(units_of(docs), doc_order(docs))
    finding = find(found, *forms)
    assert rule in finding.message


def test_therapy_rule_and_trailing_letter():
    docs = [document("a", [("", "在SoC标准疗法失败后,临床策略正在改变。"), ("", "对照组仅接受标准治疗。")]),
            document("b", [("", "环孢素治疗不明原因反复流产已经有了大量研究。"),
                           ("", "[2]毋梦兰,李桃梅,毛记龙,马燕琳,李崎,黄元华.环孢素A改善滋养细胞轻度受损小鼠囊胚的着床"),
                           ("", "[4]葛梦迪,赵小萱,赵颜,冯晓玲.环孢素A治疗复发性流产的研究进展")])]
    found = variants.morphological_findings(units_of(docs), doc_order(docs))
    assert "X疗法 / X治疗" in find(found, "标准疗法", "标准治疗").message
    assert "trailing Latin letter" in find(found, "环孢素A", "环孢素").message
    # a letter that starts the next word (靶向B细胞) is not a trailing letter
    docs = [document("c", [("", "靶向B细胞的治疗,B细胞耗竭;B细胞计数下降。"), ("", "靶向治疗有效。")])]
    assert not variants.morphological_findings(units_of(docs), doc_order(docs))


def test_probable_slip_in_a_long_term():
    docs = corpus("001")
    found = variants.probable_error_findings(units_of(docs), doc_order(docs))
    finding = find(found, "口服免疫调节剂组", "口服免疫抑制剂组")
    assert finding.check == "probable-term-error" and finding.bead == 1
    assert "调节 / 抑制" in finding.message or "抑制 / 调节" in finding.message
    # two different infections in one sentence are not a slip (short terms)
    assert not variants.probable_error_findings(units_of(corpus("002")), {})


def test_one_chinese_term_several_english_terms():
    docs = corpus("000", "002")
    pairs = [("adverse reaction", "不良反应"), ("adverse event", "不良反应")]
    found = variants.aligned_findings(units_of(docs), pairs, doc_order(docs))
    finding = find(found, "adverse reaction", "adverse event", "adverse effect")
    assert finding.concept == "不良反应"
    bead = docs[1].beads[finding.bead] if finding.doc == "002" else docs[0].beads[finding.bead]
    assert "adverse" in bead.en_text[slice(*finding.en_span)]


def test_findings_are_deterministic_and_sorted():
    first = check(corpus(), options=FAST)
    again = check(corpus(), options=FAST)
    assert first == again
    keys = [(f.doc, f.bead if f.bead is not None else -1) for f in first]
    order = {d: i for i, d in enumerate(["000", "001", "002", "003", "004"])}
    assert keys == sorted(keys, key=lambda k: (order[k[0]], k[1]))


def test_shipped_synonym_file_is_valid_and_broad():
    families = shipped_families()
    assert len(families) >= 80
    concepts = {f.concept for f in families}
    assert {"prednisone", "paracetamol (acetaminophen)", "methotrexate", "syndrome", "mucosa"} <= concepts
    for family in families:
        assert sum(f.preferred for f in family.forms) <= 1


def test_user_synonyms_merge_and_errors(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# house style\nprednisone\t*强的松 | 泼尼松\tminor\nbelimumab\t*贝利尤单抗 | 倍力腾\n", encoding="utf-8")
    families = load_families([mine])
    prednisone = [f for f in families if f.concept == "prednisone"]
    assert len(prednisone) == 1 and prednisone[0].preferred.text == "强的松" and prednisone[0].minor
    assert any(f.concept == "belimumab" for f in families)
    bad = tmp_path / "bad.tsv"
    bad.write_text("# ok\nprednisone\t泼尼松\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad.tsv:2: a family needs at least two"):
        read_families(bad)
    with pytest.raises(GlossaryError, match=r":1: unknown level 'loud'"):
        parse_families("x\ta | b\tloud\n", "s")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("潑尼松泼尼松龍龙ＣＤ２０cd20 ABab\u3000\t体體")) | st.characters(), max_size=40))
def test_matching_key_keeps_offsets(text):
    key = matching_key(text)
    assert len(key) == len(text)


def test_every_span_points_into_its_bead():
    docs = corpus()
    texts = {(d.doc, i): b for d in docs for i, b in enumerate(d.beads)}
    findings = check(docs, options=CheckOptions(aligned_renderings=False))
    assert findings
    for f in findings:
        bead = texts[(f.doc, f.bead)]
        for span, text in ((f.en_span, bead.en_text), (f.zh_span, bead.zh_text)):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        if f.check == "inconsistent-rendering" and f.zh_span:
            marked = bead.zh_text[slice(*f.zh_span)]
            assert any(marked in form["text"] for form in f.forms), (marked, f.forms)
