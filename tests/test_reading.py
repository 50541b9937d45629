"""Reading documents: encodings, line endings, bad input, files and folders."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.reading import decode, doc_id, iter_input_files, read_text

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora"


def seed_path(prefix: str) -> Path:
    return next(CORPUS_DIR.glob(f"{prefix}_*.txt"))

SAMPLE = "Objective To evaluate.\n目的 探讨利妥昔单抗的疗效。\n𠮷野家\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-native", "utf16-le", "utf16-be", "gb18030"],
)
def test_decode_supported_encodings(data):
    assert decode(data, "sample.txt") == SAMPLE


def test_decode_gbk():
    text = "目的 探讨利妥昔单抗联合硼替佐米的疗效。\n"
    assert decode(text.encode("gbk"), "x.txt") == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_are_normalised(newline):
    assert decode(f"a{newline}b{newline}".encode("utf-8"), "x") == "a\nb\n"


def test_bom_is_not_part_of_the_text():
    assert not decode(codecs.BOM_UTF8 + b"abc", "x").startswith("\ufeff")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\n".encode("utf-8")])
def test_empty_documents_are_rejected(data):
    with pytest.raises(InputError, match=r"^empty\.txt: is empty$"):
        decode(data, "empty.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 4,
        b"text\x01\x02\x03\x04\x05\x06\x07\x08 more",
    ],
    ids=["png", "all-bytes", "controls"],
)
def test_binary_is_rejected_naming_the_file(data):
    with pytest.raises(InputError) as error:
        decode(data, "picture.png")
    message = str(error.value)
    assert message.startswith("picture.png: ")
    assert "\n" not in message
    assert "binary" in message or "decode" in message


def test_undecodable_is_rejected():
    with pytest.raises(InputError, match=r"^bad\.txt: cannot decode"):
        decode(b"abc \x80 def", "bad.txt")


def test_broken_utf16_with_bom_is_rejected():
    with pytest.raises(InputError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "odd.txt")


def test_read_text_reads_a_seed():
    text = read_text(seed_path("000"))
    assert text.startswith("Liu Lijuan, Ma Xiao")
    assert "探讨贝利尤单抗" in text


def test_read_text_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_text(missing)


def test_read_text_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_iter_input_files_expands_folders_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "blob.dat").write_bytes(b"\x00\x01binary")
    (tmp_path / "u16.txt").write_bytes("中文".encode("utf-16"))
    given = tmp_path / "b" / "2.txt"
    files = iter_input_files([given, tmp_path])
    assert files == [given, tmp_path / "a.txt", tmp_path / "b" / "2.txt", tmp_path / "u16.txt"]
    assert iter_input_files([tmp_path / "blob.dat"]) == [tmp_path / "blob.dat"]  # named: kept


def test_iter_input_files_corpus_folder():
    files = iter_input_files([CORPUS_DIR])
    assert [doc_id(path)[:3] for path in files] == ["000", "001", "002", "003", "004"]


def test_iter_input_files_missing(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        iter_input_files([tmp_path / "missing"])


def test_doc_id():
    assert doc_id("corpora/000_77ac918a8277707d.txt") == "000_77ac918a8277707d"
    assert doc_id("x/abstract.en") == "abstract"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_gets_its_own_message(encoding):
    with pytest.raises(InputError, match=r"^x\.txt: looks like UTF-16 without a byte-order mark"):
        decode("Results 结果\n".encode(encoding), "x.txt")
