"""Glossary files: every format round-trips, TBX is readable by another tool, errors name lines."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import GlossaryError
from glossary.formats import FORMATS, dumps_glossary, loads_glossary, read_glossary, write_glossary
from glossary.records import CATEGORIES, Glossary, TermPair

GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "seeds-gold" / "glossary.jsonl"

ENTRIES = [
    TermPair("lupus nephritis", "狼疮肾炎", "disease", "LN", 7, ("003", "004"), 0.93,
             ("aligned", "gloss"), 0.875, {"狼疮性肾炎": 1},
             ("Lupus nephritis (LN) is a severe complication.", "狼疮肾炎(LN)是严重并发症。")),
    TermPair("prednisolone", "泼尼松龙", "drug", None, 2, ("003",), 0.5, ("aligned",), 0.5,
             {"强的松龙": 1, "甲基强的松龙; x": 2}, None),
    TermPair("odds ratio", "优势比", "statistic", "OR", 1, ("000",), 1.0, (), 1.0, {},
             ("tab\there", "换行\n之后")),
]


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_round_trips(tmp_path, format):
    glossary = Glossary(list(ENTRIES), {"duizhao": "0.1.0", "min_confidence": 0.3})
    path = tmp_path / f"g.{format}"
    write_glossary(glossary, path, format)
    again = read_glossary(path, format)
    assert again.entries == ENTRIES
    assert again.signature == glossary.signature
    # Writing is deterministic and leaves no temporary file behind.
    assert dumps_glossary(again, format) == path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_format_follows_extension(tmp_path):
    path = tmp_path / "g.tbx"
    write_glossary(Glossary(list(ENTRIES)), path)
    assert "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"" in path.read_text(encoding="utf-8")
    assert read_glossary(path).entries == ENTRIES


def test_tbx_is_tbx_basic_2019():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(dumps_glossary(Glossary(list(ENTRIES)), "tbx"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    concepts = root.findall(".//t:conceptEntry", ns)
    assert len(concepts) == 3
    first = concepts[0]
    assert first.find("t:descrip[@type='subjectField']", ns).text == "disease"
    langs = [sec.get("{http://www.w3.org/XML/1998/namespace}lang") for sec in first.findall("t:langSec", ns)]
    assert langs == ["en", "zh-CN"]
    assert [t.text for t in first.findall("t:langSec/t:termSec/t:term", ns)] == ["lupus nephritis", "LN", "狼疮肾炎"]


def test_tbx2008_read_by_translate_toolkit():
    tbx = pytest.importorskip("translate.storage.tbx")
    text = dumps_glossary(Glossary(list(ENTRIES)), "tbx2008")
    store = tbx.tbxfile.parsestring(text.encode("utf-8"))
    assert [(u.source, u.target) for u in store.units] == [(e.en, e.zh) for e in ENTRIES]
    assert [t.text for t in store.units[0].get_source_terms()] == ["lupus nephritis", "LN"]
    assert "frequency: 7" in store.units[0].getnotes()


def test_tbx_written_by_translate_toolkit_is_read(tmp_path):
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile(sourcelanguage="en", targetlanguage="zh-CN")
    for en, zh in [("belimumab", "贝利尤单抗"), ("rituximab", "利妥昔单抗")]:
        unit = store.addsourceunit(en)
        unit.target = zh
    path = tmp_path / "tt.tbx"
    path.write_bytes(bytes(store))
    glossary = read_glossary(path)
    assert [(e.en, e.zh) for e in glossary] == [("belimumab", "贝利尤单抗"), ("rituximab", "利妥昔单抗")]


def test_tbx_deprecated_terms_are_not_approved_renderings():
    text = """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="p"><descrip type="subjectField">drug</descrip>
<langSec xml:lang="en"><termSec><term>prednisone</term></termSec></langSec>
<langSec xml:lang="zh-CN"><termSec><term>泼尼松</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>强的松</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
</langSec></conceptEntry></body></text></tbx>"""
    glossary = loads_glossary(text, "tbx")
    assert [(e.en, e.zh, e.category) for e in glossary] == [("prednisone", "泼尼松", "drug")]


@pytest.mark.parametrize("text, format", [
    ("en\tzh\tcategory\nbelimumab\t贝利尤单抗\tdrug\nlupus nephritis\t狼疮肾炎\tdisease\n", "tsv"),
    ("belimumab\t贝利尤单抗\tdrug\nlupus nephritis\t狼疮肾炎\tdisease\n", "tsv"),
    ("en,zh,category\nbelimumab,贝利尤单抗,drug\nlupus nephritis,狼疮肾炎,disease\n", "csv"),
    ("\ufeffbelimumab,贝利尤单抗,drug\r\nlupus nephritis,狼疮肾炎,disease\r\n", "csv"),
])
def test_users_own_minimal_files(tmp_path, text, format):
    path = tmp_path / f"mine.{format}"
    path.write_bytes(text.encode("utf-8"))
    glossary = read_glossary(path)
    assert [(e.en, e.zh, e.category) for e in glossary] == [
        ("belimumab", "贝利尤单抗", "drug"), ("lupus nephritis", "狼疮肾炎", "disease")]


def test_two_columns_without_category(tmp_path):
    path = tmp_path / "two.tsv"
    path.write_text("prednisone\t泼尼松\n", encoding="utf-8")
    assert [(e.en, e.zh, e.category) for e in read_glossary(path)] == [("prednisone", "泼尼松", "other")]


@pytest.mark.parametrize("name, content, line", [
    ("bad.tsv", "en\tzh\tcategory\nbelimumab\t贝利尤单抗\tdrug\nrituximab\t\tdrug\n", 3),
    ("bad.tsv", "belimumab\t贝利尤单抗\tdrug\n# a comment\nonly-one-column\n", 3),
    ("bad.tsv", "en\tzh\tcategory\nbelimumab\t贝利尤单抗\tmedicine\n", 2),
    ("bad.csv", "en,zh,frequency\nbelimumab,贝利尤单抗,many\n", 2),
    ("bad.jsonl", '{"en": "a", "zh": "甲"}\n{"en": "b", "zh": \n', 2),
    ("bad.tbx", '<?xml version="1.0"?>\n<tbx>\n<text><body>\n</tbx>\n', 4),
])
def test_malformed_glossary_names_file_and_line(tmp_path, name, content, line):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert str(caught.value).startswith(f"{path}:{line}:")


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin1.tsv"
    path.write_bytes("en\tzh\n".encode() + "café\t咖啡\n".encode("gb18030"))
    with pytest.raises(GlossaryError, match=r"latin1.tsv:2: glossary is not UTF-8"):
        read_glossary(path)
    with pytest.raises(GlossaryError, match="cannot read"):
        read_glossary(tmp_path / "absent.tsv")


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold data absent")
def test_reads_the_gold_glossary_jsonl():
    glossary = read_glossary(GOLD)
    assert len(glossary) == 62
    assert {e.category for e in glossary} == {"drug", "disease", "statistic"}
    assert any(e.en == "lupus nephritis" and e.zh == "狼疮肾炎" and e.abbr == "LN" for e in glossary)


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(
    TermPair, en=_text, zh=_text, category=st.sampled_from(CATEGORIES),
    abbr=st.one_of(st.none(), _text), frequency=st.integers(0, 10**6),
    docs=st.lists(_text, max_size=3).map(tuple), confidence=st.floats(0, 1),
    evidence=st.lists(_text, max_size=3).map(tuple), consistency=st.floats(0, 1),
    renderings=st.dictionaries(_text, st.integers(0, 99), max_size=3),
    example=st.one_of(st.none(), st.tuples(_text, _text))), min_size=1, max_size=4),
    st.sampled_from(["jsonl", "tbx", "tsv", "csv"]))
def test_round_trip_property(entries, format):
    text = dumps_glossary(Glossary(entries), format)
    assert loads_glossary(text, format).entries == entries
