"""``duizhao segment`` through click's CliRunner: formats, folders, errors and exit status."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.segmenting import SegmentOptions

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED_000 = next(CORPUS_DIR.glob("000_*.txt"))
SEED_002 = next(CORPUS_DIR.glob("002_*.txt"))


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def segment(runner, *args):
    return runner.invoke(cli, ["segment", *map(str, args)], catch_exceptions=False)


def test_text_format_is_readable(runner):
    result = segment(runner, SEED_000)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "000_77ac918a8277707d  en  header    Liu Lijuan, Ma Xiao, Liu Juan, Fu Jinhua, Li Ning, Yuan Guiling, Zhao Long"
    assert lines[4].startswith("000_77ac918a8277707d  en  sentence  In order to examine")
    assert lines[-1].startswith("000_77ac918a8277707d  zh  sentence  研究结果表明")
    assert len(lines) == 20


def test_jsonl_format_has_the_fields_in_document_order(runner):
    result = segment(runner, "--format", "jsonl", SEED_002)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(row) == {"doc", "lang", "kind", "text", "start", "end"} for row in rows)
    assert {row["doc"] for row in rows} == {"002_abd7423d6cce48c3"}
    assert [row["start"] for row in rows] == sorted(row["start"] for row in rows)
    assert rows[0]["kind"] == "header" and rows[0]["lang"] == "zh"
    assert {"lang": "en", "kind": "label", "text": "Methods"}.items() <= next(
        row for row in rows if row["text"] == "Methods").items()
    text = SEED_002.read_text(encoding="utf-8")
    first_english = next(row for row in rows if row["lang"] == "en" and row["kind"] == "sentence")
    assert text[first_english["start"]:first_english["start"] + 2] == "To"


def test_folder_input_and_options(runner, tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_000, folder / "b.txt")
    shutil.copy(SEED_000, folder / "sub" / "a.txt")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    result = segment(runner, "--format", "jsonl", "--split-on-semicolon", folder)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["doc"] for row in rows] == ["b"] * 21 + ["a"] * 21


def test_help_shows_defaults_from_segment_options(runner):
    result = segment(runner, "--help")
    assert result.exit_code == 0
    defaults = SegmentOptions()
    assert "[default: text]" in result.stdout
    assert ("[default: no-split-on-semicolon]" if not defaults.split_on_semicolon
            else "[default: split-on-semicolon]") in result.stdout
    assert "[default: repair-pdf]" in result.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty.txt: is empty"),
        (b" \n\n \r\n", "empty.txt: is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "empty.txt: looks like a binary file, not text"),
        (b"caf\xe9 \x80\x80 au lait", "empty.txt: cannot decode as UTF-8, UTF-16 (with BOM) or GB18030/GBK"),
    ],
    ids=["empty", "blank", "binary", "undecodable"],
)
def test_bad_files_give_one_line_and_exit_2(runner, content, message):
    Path("empty.txt").write_bytes(content)
    result = segment(runner, "empty.txt")
    assert result.exit_code == 2
    assert result.stderr == f"duizhao: error: {message}\n"
    assert result.stdout == ""


def test_missing_file_exit_2_and_no_partial_output(runner):
    result = segment(runner, SEED_000, "missing.txt")
    assert result.exit_code == 2
    assert result.stderr == "duizhao: error: missing.txt: no such file or folder\n"
    assert result.stdout == ""


def test_empty_folder_is_an_error(runner, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = segment(runner, tmp_path / "nothing")
    assert result.exit_code == 2
    assert "no input files" in result.stderr


def test_no_arguments_is_a_usage_error(runner):
    result = segment(runner)
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
