"""From command-line paths to documents: mixed files, --en/--zh, folders of pairs, bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.inputs import collect_inputs, split_pair_name

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
EN_TEXT = "Remission occurred in 9 of 12 patients (75%).\nOne patient died.\n"
ZH_TEXT = "hUC-MSC组12例患者中有9例(75%)缓解。\n1例患者死亡。\n"


@pytest.mark.parametrize("name, expected", [
    ("x.en", ("x", "en")), ("x.zh", ("x", "zh")), ("doc1.EN", ("doc1", "en")),
    ("x_en.txt", ("x", "en")), ("x-zh.txt", ("x", "zh")), ("x.en.txt", ("x", "en")),
    ("a.b_zh.txt", ("a.b", "zh")),
    ("x.txt", None), ("gold.jsonl", None), ("x.fr", None), ("women.txt", None),
    ("x_en.md", None),
])
def test_split_pair_name(name, expected):
    assert split_pair_name(name) == expected


def test_mixed_seed_files_become_documents_named_by_file():
    docs = collect_inputs([CORPORA / "000_77ac918a8277707d.txt", CORPORA / "003_a68e164ce515e120.txt"])
    assert [d.doc for d in docs] == ["000_77ac918a8277707d", "003_a68e164ce515e120"]
    assert all(not d.is_pair for d in docs)
    assert docs[0].text.startswith("Liu Lijuan")


def test_en_zh_files_make_one_pair_named_without_language_tag(tmp_path):
    (tmp_path / "trial_en.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "trial_zh.txt").write_text(ZH_TEXT, encoding="gb18030")
    (doc,) = collect_inputs(en=tmp_path / "trial_en.txt", zh=tmp_path / "trial_zh.txt")
    assert doc.doc == "trial" and doc.is_pair
    assert doc.en_text == EN_TEXT and doc.zh_text == ZH_TEXT  # GB18030 decoded


def test_folder_pairs_all_naming_styles_and_mixed_files(tmp_path):
    for name, text in [("a.en", EN_TEXT), ("a.zh", ZH_TEXT), ("b_en.txt", EN_TEXT),
                       ("b_zh.txt", ZH_TEXT), ("c.en.txt", EN_TEXT), ("c.zh.txt", ZH_TEXT),
                       ("d.txt", EN_TEXT + ZH_TEXT), ("gold.jsonl", "{}\n"),
                       ("README.md", "# notes\n"), (".hidden.txt", "x\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    docs = collect_inputs([tmp_path])
    assert [(d.doc, d.is_pair) for d in docs] == [("a", True), ("b", True), ("c", True),
                                                   ("d", False)]
    assert docs[1].sources == (str(tmp_path / "b_en.txt"), str(tmp_path / "b_zh.txt"))


def test_folders_are_searched_recursively_and_subfolder_documents_named_by_path(tmp_path):
    for name, text in [("top.txt", EN_TEXT + ZH_TEXT), ("a/doc1.en", EN_TEXT),
                       ("a/doc1.zh", ZH_TEXT), ("b/doc1.txt", EN_TEXT + ZH_TEXT),
                       (".git/x.txt", EN_TEXT)]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    docs = collect_inputs([tmp_path])
    assert [(d.doc, d.is_pair) for d in docs] == [("top", False), ("a/doc1", True),
                                                   ("b/doc1", False)]
    # halves in different folders are not a pair
    (tmp_path / "b" / "doc2.zh").write_text(ZH_TEXT, encoding="utf-8")
    (tmp_path / "doc2.en").write_text(EN_TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="doc2.en: no matching Chinese file"):
        collect_inputs([tmp_path])


def test_named_files_pair_up_when_both_halves_are_given(tmp_path):
    (tmp_path / "x.en").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "x.zh").write_text(ZH_TEXT, encoding="utf-8")
    (pair,) = collect_inputs([tmp_path / "x.zh", tmp_path / "x.en"])
    assert pair.is_pair and pair.en_text == EN_TEXT
    (lone,) = collect_inputs([tmp_path / "x.en"])  # a lone half is an ordinary document
    assert not lone.is_pair and lone.doc == "x"


def test_unequal_folder_pairs_are_an_error_naming_the_file(tmp_path):
    (tmp_path / "a.en").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "a.zh").write_text(ZH_TEXT, encoding="utf-8")
    (tmp_path / "b.en").write_text(EN_TEXT, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        collect_inputs([tmp_path])
    assert str(caught.value) == (f"{tmp_path / 'b.en'}: no matching Chinese file for document "
                                 f"'b' in {tmp_path}")


@pytest.mark.parametrize("setup, call, message", [
    (lambda d: None, lambda d: collect_inputs([d / "missing.txt"]), "missing.txt: no such file"),
    (lambda d: None, lambda d: collect_inputs([d]), "no documents in this folder"),
    (lambda d: (d / "e.en").write_text(EN_TEXT), lambda d: collect_inputs(en=d / "e.en"),
     "--en and --zh go together"),
    (lambda d: ((d / "e.en").write_text(EN_TEXT), (d / "e.zh").write_text("  \n\n")),
     lambda d: collect_inputs(en=d / "e.en", zh=d / "e.zh"), "e.zh: is empty"),
    (lambda d: ((d / "e.en").write_text(ZH_TEXT), (d / "e.zh").write_text(EN_TEXT)),
     lambda d: collect_inputs(en=d / "e.en", zh=d / "e.zh"), "are the English and Chinese files swapped"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
     lambda d: collect_inputs([d / "bin.txt"]), "bin.txt: looks like a binary file"),
    (lambda d: ((d / "sub1").mkdir(), (d / "sub2").mkdir(),
                (d / "sub1/x.txt").write_text(EN_TEXT), (d / "sub2/x.txt").write_text(EN_TEXT)),
     lambda d: collect_inputs([d / "sub1", d / "sub2"]), "two documents are both named 'x'"),
    (lambda d: None, lambda d: collect_inputs([]), "nothing to align"),
])
def test_bad_input_raises_clear_error(tmp_path, setup, call, message):
    setup(tmp_path)
    with pytest.raises(InputError) as caught:
        call(tmp_path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
