"""``duizhao align`` end to end through click's CliRunner, in an isolated filesystem."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.formats import parse_jsonl, parse_tsv

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SEED_000 = CORPORA / "000_77ac918a8277707d.txt"
SEED_001 = CORPORA / "001_afd8e854de35fe81.txt"

EN_LINES = [
    "Eighteen patients with WHO class III or IV LN were randomly assigned to hUC-MSC or placebo.",
    "Remission occurred in 9 of 12 patients (75%) in the hUC-MSC group and 5 of 6 patients (83%) "
    "in the placebo group.",
    "One patient on placebo had a stroke and another had ascites.",
]
ZH_LINES = [
    "18例WHO III或IV级LN患者被随机分配至hUC-MSC组或安慰剂组。",
    "hUC-MSC组12例患者中有9例(75%)缓解,安慰剂组6例患者中有5例(83%)缓解。",
    "安慰剂组中有1例患者发生中风,另1例出现腹水。",
]


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """A CliRunner working in an empty temporary folder (click 8.5 deprecates
    ``isolated_filesystem`` in favour of exactly this)."""
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli, ["align", *map(str, args)], catch_exceptions=False)


def write(name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_every_sentence_once(rows: list[dict]) -> None:
    """Indices of each side, per document, are 0..n-1 exactly once and in order."""
    for doc in {r["doc"] for r in rows}:
        for side in ("en", "zh"):
            seen = [i for r in rows if r["doc"] == doc for i in r[side]]
            assert seen == list(range(len(seen))), (doc, side)


def test_presegmented_pair_gives_one_to_one_beads_and_a_signature(runner):
    write("trial.en", EN_LINES)
    write("trial.zh", ZH_LINES)
    result = run(runner, "--en", "trial.en", "--zh", "trial.zh", "--presegmented")
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert [(r["en"], r["zh"]) for r in rows] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert rows[1]["en_text"] == EN_LINES[1] and rows[1]["zh_text"] == ZH_LINES[1]
    assert {r["doc"] for r in rows} == {"trial"}
    assert all(list(r) == ["doc", "en", "zh", "en_text", "zh_text", "confidence"] for r in rows)
    assert all(0.0 <= r["confidence"] <= 1.0 for r in rows)
    assert "duizhao-align|version:" in result.stderr and "presegmented:yes" in result.stderr


def test_presegmented_lines_are_not_resplit_and_blank_lines_skipped(runner):
    write("p_en.txt", ["First sentence. Second sentence on the same line.", "", EN_LINES[2]])
    write("p_zh.txt", ["第一句。第二句在同一行。", "", ZH_LINES[2]])
    result = run(runner, "--en", "p_en.txt", "--zh", "p_zh.txt", "--presegmented")
    rows = records(result)
    assert [(r["en"], r["zh"]) for r in rows] == [([0], [0]), ([1], [1])]
    assert rows[0]["en_text"] == "First sentence. Second sentence on the same line."


def test_raw_en_zh_files_are_segmented_then_aligned(runner):
    write("raw.en", [" ".join(EN_LINES)])
    write("raw.zh", ["".join(ZH_LINES)], encoding="gb18030")
    result = run(runner, "--en", "raw.en", "--zh", "raw.zh")
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert [(r["en_text"], r["zh_text"]) for r in rows] == list(zip(EN_LINES, ZH_LINES))


def test_mixed_seed_file_pairs_abstract_sentences_and_keeps_headers(runner):
    shutil.copy(SEED_000, "000.txt")
    result = run(runner, "000.txt")
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert {r["doc"] for r in rows} == {"000"}
    assert_every_sentence_once(rows)
    pairs = {(r["en_text"], r["zh_text"]) for r in rows if r["en"] and r["zh"]}
    assert ("This study conducted a retrospective case-control analysis of RSA patients with "
            "confirmed B lymphocyte dysfunction.",
            "本研究对确诊为B淋巴细胞功能障碍的RSA患者进行回顾性病例对照分析。") in pairs
    # the author line has no Chinese counterpart and stays as an unpaired bead
    authors = [r for r in rows if r["en_text"].startswith("Liu Lijuan")]
    assert len(authors) == 1 and authors[0]["zh"] == []


def test_one_language_document_keeps_every_sentence_unpaired(runner):
    # 001's Chinese article up to its reference list: Chinese with embedded Latin
    # (《Journal of Clinical Pharmacy and Therapeutics》, Meta分析) but no English sentence
    text = SEED_001.read_text(encoding="utf-8")
    Path("001.txt").write_text(text[: text.index("参考文献")], encoding="utf-8")
    result = run(runner, "001.txt")
    rows = records(result)
    assert len(rows) > 30
    assert all(r["zh"] and not r["en"] and r["en_text"] == "" for r in rows)
    assert all(r["confidence"] == 1.0 for r in rows)
    assert_every_sentence_once(rows)


def test_folder_of_pairs_and_mixed_files(runner):
    write("corpus/a.en", EN_LINES[:2])
    write("corpus/a.zh", ZH_LINES[:2])
    write("corpus/b_en.txt", EN_LINES[1:])
    write("corpus/b_zh.txt", ZH_LINES[1:])
    write("corpus/c.txt", EN_LINES[:1] + ZH_LINES[:1])
    write("corpus/gold.jsonl", ['{"doc": "a"}'])
    result = run(runner, "corpus", "--presegmented")
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert [r["doc"] for r in rows] == ["a", "a", "b", "b", "c"]
    assert rows[4]["en_text"] == EN_LINES[0] and rows[4]["zh_text"] == ZH_LINES[0]
    assert_every_sentence_once(rows)


def test_output_file_is_written_atomically_and_matches_stdout(runner):
    write("t.en", EN_LINES)
    write("t.zh", ZH_LINES)
    to_stdout = run(runner, "--en", "t.en", "--zh", "t.zh", "--presegmented", "--format", "tsv")
    to_file = run(runner, "--en", "t.en", "--zh", "t.zh", "--presegmented", "--format", "tsv",
                  "-o", "out.tsv")
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert Path("out.tsv").read_text(encoding="utf-8") == to_stdout.stdout
    (doc,) = parse_tsv(to_stdout.stdout)
    assert [b.zh_text for b in doc.beads] == ZH_LINES and doc.doc == "t"
    assert sorted(p.name for p in Path(".").iterdir()) == ["out.tsv", "t.en", "t.zh"]


def test_failed_run_writes_nothing_and_keeps_old_output(runner):
    Path("out.jsonl").write_text("previous\n", encoding="utf-8")
    result = run(runner, "missing.txt", "-o", "out.jsonl")
    assert result.exit_code == 2
    assert Path("out.jsonl").read_text(encoding="utf-8") == "previous\n"
    result = run(runner, "missing.txt", "-o", "new.jsonl")
    assert result.exit_code == 2 and not Path("new.jsonl").exists()
    assert sorted(p.name for p in Path(".").iterdir()) == ["out.jsonl"]


def test_tmx_output_reads_back_with_translate_toolkit(runner):
    tmx = pytest.importorskip("translate.storage.tmx")
    write("t.en", ["Authors: Liu L, Ma X."] + EN_LINES)
    write("t.zh", ZH_LINES)
    result = run(runner, "--en", "t.en", "--zh", "t.zh", "--presegmented", "--format", "tmx",
                 "--zh-lang", "zh-Hans", "-o", "t.tmx")
    assert result.exit_code == 0, result.stderr
    store = tmx.tmxfile.parsestring(Path("t.tmx").read_bytes())
    units = list(store.unit_iter())
    assert [(u.source, u.target) for u in units] == list(zip(EN_LINES, ZH_LINES))
    text = Path("t.tmx").read_text(encoding="utf-8")
    assert 'xml:lang="zh-Hans"' in text and "x-duizhao-signature" in text


def test_same_input_gives_byte_identical_output(runner):
    shutil.copy(SEED_000, "000.txt")
    first = run(runner, "000.txt", "--format", "tmx")
    second = run(runner, "000.txt", "--format", "tmx")
    assert first.stdout_bytes == second.stdout_bytes and first.stdout


def test_options_reach_the_aligner_and_the_signature(runner):
    write("t.en", EN_LINES)
    write("t.zh", ZH_LINES)
    result = run(runner, "--en", "t.en", "--zh", "t.zh", "--presegmented", "--no-dictionary",
                 "--max-bead", "2", "--set", "temperature=0.5")
    assert result.exit_code == 0, result.stderr
    assert "use_dictionary=False" in result.stderr and "temperature=0.5" in result.stderr
    from aligner.align import AlignOptions

    limited = tuple(t for t in AlignOptions().bead_types if max(t) <= 2)
    assert f"bead_types={limited!r}" in result.stderr
    (doc,) = parse_jsonl(result.stdout)
    assert len(doc.beads) == 3


def test_segmenter_switches_reach_segmentation_and_the_signature(runner):
    write("s.en", ["Remission occurred in 9 of 12 patients; one patient died."])
    write("s.zh", ["12例患者中有9例缓解；1例患者死亡。"])
    plain = run(runner, "--en", "s.en", "--zh", "s.zh")
    split = run(runner, "--en", "s.en", "--zh", "s.zh", "--split-on-semicolon")
    assert "segment:default" in plain.stderr
    assert "segment:split_on_semicolon=True" in split.stderr
    assert [r["zh"] for r in records(plain)] == [[0]]
    assert [i for r in records(split) for i in r["zh"]] == [0, 1]


@pytest.mark.parametrize("setup, args, message", [
    (lambda: None, ["missing.txt"], "missing.txt: no such file or folder"),
    (lambda: (write("c/a.en", EN_LINES), write("c/a.zh", ZH_LINES), write("c/b.zh", ZH_LINES)),
     ["c"], "no matching English file for document 'b'"),
    (lambda: (write("e.en", EN_LINES), Path("e.zh").write_text("\n \n", encoding="utf-8")),
     ["--en", "e.en", "--zh", "e.zh"], "e.zh: is empty"),
    (lambda: Path("bin.txt").write_bytes(bytes(range(256)) * 4), ["bin.txt"],
     "bin.txt: looks like a binary file"),
    (lambda: write("e.en", EN_LINES), ["--en", "e.en"], "--en and --zh go together"),
    (lambda: write("e.txt", EN_LINES), ["e.txt", "-o", "nowhere/out.jsonl"],
     "output folder does not exist"),
    (lambda: write("e.txt", EN_LINES), ["e.txt", "--set", "colour=blue"],
     "expected NAME=VALUE with NAME one of"),
    (lambda: write("e.txt", EN_LINES), ["e.txt", "--set", "skip_cost=high"],
     "'high' is not a valid float for skip_cost"),
])
def test_bad_input_is_one_line_on_stderr_and_exit_2(runner, setup, args, message):
    setup()
    result = run(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("duizhao: error: ")
    assert message in lines[0]
