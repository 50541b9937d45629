"""Aligned-pair formats: what is written, that it reads back, and that bad files are refused."""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.atomic import atomic_open, write_text_atomic
from aligner.errors import InputError
from aligner.formats import (
    FORMATS,
    FormatOptions,
    format_aligned,
    format_for_path,
    parse_jsonl,
    parse_tmx,
    parse_tsv,
    read_aligned,
)
from aligner.records import AlignedDocument, Bead, Segment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def make_doc(doc: str = "000") -> AlignedDocument:
    en = ["Liu Lijuan, Ma Xiao", "Healthy newborns were delivered [P = 0.048].",
          "Tabs\there & <tags> \"quoted\".", "Second of a pair.", "Untranslated."]
    zh = ["贝利尤单抗组45名参与者分娩出健康新生儿。", "制表符\t与<标签>&“引号”。"]
    beads = [
        Bead((0,), (), en[0], "", 0.91),
        Bead((1,), (0,), en[1], zh[0], 0.987654321),
        Bead((2, 3), (1,), f"{en[2]} {en[3]}", zh[1], 0.5),
        Bead((4,), (), en[4], "", 0.25),
    ]
    return AlignedDocument(
        doc,
        [Segment(doc, "en", "sentence", t, 0, len(t)) for t in en],
        [Segment(doc, "zh", "sentence", t, 0, len(t)) for t in zh],
        beads,
    )


def test_jsonl_has_fixed_keys_unescaped_chinese_and_rounded_confidence():
    lines = format_aligned([make_doc()], "jsonl").splitlines()
    assert len(lines) == 4
    first_paired = json.loads(lines[1])
    assert list(first_paired) == ["doc", "en", "zh", "en_text", "zh_text", "confidence"]
    assert first_paired["confidence"] == 0.9877
    assert first_paired["en"] == [1] and first_paired["zh"] == [0]
    assert "贝利尤单抗" in lines[1]  # ensure_ascii=False
    assert json.loads(lines[0])["zh"] == [] and json.loads(lines[0])["zh_text"] == ""


def test_jsonl_round_trip_restores_beads_and_single_sentences():
    original = make_doc()
    (back,) = parse_jsonl(format_aligned([original], "jsonl"))
    assert back.doc == "000"
    assert [(b.en, b.zh, b.en_text, b.zh_text) for b in back.beads] == \
        [(b.en, b.zh, b.en_text, b.zh_text) for b in original.beads]
    assert [b.confidence for b in back.beads] == [0.91, 0.9877, 0.5, 0.25]
    # a sentence alone in its bead is restored; in a 2-1 bead the joined text goes to the first
    assert back.en[1].text == original.en[1].text
    assert back.en[2].text == original.beads[2].en_text and back.en[3].text == ""
    assert len(back.en) == 5 and len(back.zh) == 2


def test_tsv_rows_stay_one_per_bead_with_empty_sides():
    text = format_aligned([make_doc()], "tsv")
    rows = text.split("\n")[:-1]
    assert len(rows) == 4
    assert all(row.count("\t") == 3 for row in rows)
    assert rows[0] == "Liu Lijuan, Ma Xiao\t\t0.9100\t000"
    en, zh, confidence, doc = rows[2].split("\t")
    assert en == 'Tabs here & <tags> "quoted". Second of a pair.'
    assert zh == "制表符 与<标签>&“引号”。" and confidence == "0.5000" and doc == "000"


def test_tsv_round_trip_keeps_texts_and_docs():
    docs = [make_doc("a"), make_doc("b")]
    back = parse_tsv(format_aligned(docs, "tsv"))
    assert [d.doc for d in back] == ["a", "b"]
    assert [b.zh_text for b in back[1].beads] == \
        ["", "贝利尤单抗组45名参与者分娩出健康新生儿。", "制表符 与<标签>&“引号”。", ""]
    # TSV stores no indices: every non-empty side counts as one sentence
    assert [(b.en, b.zh) for b in back[0].beads] == [((0,), ()), ((1,), (0,)), ((2,), (1,)),
                                                    ((3,), ())]


def test_tmx_is_well_formed_tmx_14b_with_only_paired_units():
    options = FormatOptions(signature="duizhao-align|version:0.1.0|max_bead:3")
    text = format_aligned([make_doc()], "tmx", options)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute, value in [("creationtool", "duizhao"), ("segtype", "sentence"),
                             ("srclang", "en"), ("datatype", "plaintext"),
                             ("adminlang", "en"), ("o-tmf", "duizhao")]:
        assert header.get(attribute) == value
    assert header.get("creationtoolversion")
    assert header.find("prop").text == options.signature
    units = root.find("body").findall("tu")
    assert len(units) == 2  # the two 1-0 header/untranslated beads are not translation units
    langs = [tuv.get(XML_LANG) for tuv in units[0].findall("tuv")]
    assert langs == ["en", "zh-CN"]
    assert units[1].find("tuv/seg").text == 'Tabs\there & <tags> "quoted". Second of a pair.'
    props = {p.get("type"): p.text for p in units[0].findall("prop")}
    assert props == {"x-doc": "000", "x-confidence": "0.9877", "x-en-index": "1",
                     "x-zh-index": "0"}


def test_tmx_reads_back_with_translate_toolkit():
    tmx = pytest.importorskip("translate.storage.tmx")
    text = format_aligned([make_doc()], "tmx", FormatOptions(zh_lang="zh-Hans"))
    store = tmx.tmxfile.parsestring(text.encode("utf-8"))
    units = [u for u in store.unit_iter()]
    assert [u.source for u in units] == ["Healthy newborns were delivered [P = 0.048].",
                                         'Tabs\there & <tags> "quoted". Second of a pair.']
    assert [u.target for u in units] == ["贝利尤单抗组45名参与者分娩出健康新生儿。",
                                         "制表符\t与<标签>&“引号”。"]
    assert 'xml:lang="zh-Hans"' in text


def test_tmx_drops_characters_xml_cannot_hold():
    doc = AlignedDocument("x", beads=[Bead((0,), (0,), "form\x0cfeed\x00", "页\x1b", 1.0)])
    root = ET.fromstring(format_aligned([doc], "tmx"))
    assert [seg.text for seg in root.iter("seg")] == ["formfeed", "页"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_aligned_guesses_format_from_extension(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    path.write_text(format_aligned([make_doc()], fmt), encoding="utf-8")
    (back,) = read_aligned(path)
    paired = [b for b in back.beads if b.paired]
    assert [b.zh_text for b in paired][0] == "贝利尤单抗组45名参与者分娩出健康新生儿。"
    assert back.doc == "000"


def test_tmx_round_trip_restores_indices_and_confidence(tmp_path):
    path = tmp_path / "pairs.tmx"
    path.write_text(format_aligned([make_doc("a"), make_doc("b")], "tmx"), encoding="utf-8")
    docs = read_aligned(path)
    assert [d.doc for d in docs] == ["a", "b"]
    assert [(b.en, b.zh, b.confidence) for b in docs[1].beads] == [((1,), (0,), 0.9877),
                                                                   ((2, 3), (1,), 0.5)]


@pytest.mark.parametrize("fmt, content, message", [
    ("jsonl", '{"doc": "a", "en": [0], "zh": [0], "en_text": "x", "zh_text": "y"}\n{oops\n',
     ":2: not valid JSON"),
    ("jsonl", '{"doc": "a", "en": [0], "zh": [0], "en_text": "x"}\n', ":1: missing field(s) zh_text"),
    ("jsonl", '{"doc": "a", "en": [-1], "zh": [], "en_text": "x", "zh_text": ""}\n',
     ":1: 'en' must be a list of non-negative integers"),
    ("jsonl", '{"doc": "a", "en": [0], "zh": [0], "en_text": "x", "zh_text": "y",'
              ' "confidence": 2}\n', ":1: 'confidence' must be a number between 0 and 1"),
    ("jsonl", '[1, 2]\n', ":1: expected a JSON object per line"),
    ("tsv", "a\tb\t0.5\tdoc\nonly one column\n", ":2: expected 2 to 4 tab-separated columns"),
    ("tsv", "a\tb\thigh\tdoc\n", ":1: confidence 'high' is not a number"),
    ("tmx", "<tmx><body><tu><tuv xml:lang='en'><seg>a</seg></tuv>\n</tu>", ":2: not well-formed"),
    ("tmx", "<tmx><body><tu><tuv xml:lang='en'><seg>a</seg></tuv></tu></body></tmx>",
     "needs an English and a Chinese <tuv>"),
])
def test_malformed_files_name_file_and_line(tmp_path, fmt, content, message):
    path = tmp_path / f"bad.{fmt}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_aligned(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_read_aligned_refuses_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot tell the format"):
        read_aligned(tmp_path / "pairs.txt")
    with pytest.raises(InputError, match="no such file"):
        read_aligned(tmp_path / "pairs.jsonl")
    assert format_for_path("x.TMX") == "tmx"


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts, st.floats(0, 1)), min_size=1, max_size=8))
def test_jsonl_round_trip_is_exact_for_any_text(pairs):
    beads = [Bead((i,), (i,), en, zh, conf) for i, (en, zh, conf) in enumerate(pairs)]
    (back,) = parse_jsonl(format_aligned([AlignedDocument("d", beads=beads)], "jsonl"))
    assert [(b.en_text, b.zh_text) for b in back.beads] == [(en, zh) for en, zh, _ in pairs]
    assert all(abs(b.confidence - c) <= 5e-5 for b, (_, _, c) in zip(back.beads, pairs))
    # one bead per line, whatever the text holds (U+2028, \r, ...)
    assert format_aligned([AlignedDocument("d", beads=beads)], "jsonl").count("\n") == len(pairs)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=8))
def test_tsv_and_tmx_keep_one_row_or_unit_per_bead(pairs):
    beads = [Bead((i,), (i,), en or "e", zh or "z", 1.0) for i, (en, zh) in enumerate(pairs)]
    doc = AlignedDocument("d", beads=beads)
    assert format_aligned([doc], "tsv").count("\n") == len(pairs)
    tmx_text = format_aligned([doc], "tmx")
    assert len(ET.fromstring(tmx_text).find("body")) == len(pairs)
    (back,) = parse_tmx(tmx_text)
    drop = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    assert [(b.en_text, b.zh_text) for b in back.beads] == \
        [(drop.sub("", b.en_text), drop.sub("", b.zh_text)) for b in beads]


def test_atomic_write_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.jsonl"
    write_text_atomic(target, "old\n")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as stream:
            stream.write("half a fi")
            raise RuntimeError("boom")
    assert target.read_text() == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["out.jsonl"]  # no temporary file left behind
    with pytest.raises(KeyboardInterrupt):
        with atomic_open(tmp_path / "new.tsv") as stream:
            stream.write("x")
            raise KeyboardInterrupt
    assert sorted(os.listdir(tmp_path)) == ["out.jsonl"]
    write_text_atomic(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
