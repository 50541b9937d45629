"""``duizhao run`` end to end: every output on the sample corpus, parallel = serial byte for
byte, refusal of a used output folder, bad documents among good ones, interrupts."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import BuildOptions, run as run_module
from glossary.cli import cli

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SEEDS = sorted(CORPORA.glob("*.txt"))
SEED = {path.name[:3]: path for path in SEEDS}


def invoke(*args):
    return CliRunner().invoke(cli, ["run", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory):
    """The sample corpus run once with one worker and once with two (the expensive part of
    this file, shared by the tests that read the outputs)."""
    base = tmp_path_factory.mktemp("run")
    corpus = base / "corpora"
    shutil.copytree(CORPORA, corpus)
    results = {}
    for workers in (1, 2):
        outdir = base / f"out{workers}"
        result = invoke(corpus, "-o", outdir, "--workers", workers)
        results[workers] = (result, outdir)
    return corpus, results


@pytest.fixture(scope="module")
def out(corpus_runs):
    return corpus_runs[1][1][1]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- outputs


def test_run_succeeds_and_writes_every_output(corpus_runs):
    _, results = corpus_runs
    for result, outdir in results.values():
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in outdir.iterdir()) == sorted(run_module.OUTPUT_FILES)
        assert all((outdir / name).stat().st_size > 0 for name in run_module.OUTPUT_FILES)
        # no staging folder left next to the output
        assert not [p for p in outdir.parent.iterdir() if p.name.endswith(".partial")]


def test_aligned_jsonl_tsv_and_tmx_agree(out):
    from translate.storage import tmx

    beads = jsonl(out / "aligned.jsonl")
    assert {b["doc"] for b in beads} == {p.stem for p in SEEDS}
    assert all(set(b) >= {"doc", "en", "zh", "en_text", "zh_text", "confidence"} for b in beads)
    rows = (out / "aligned.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(beads) and all(len(r.split("\t")) == 4 for r in rows)
    paired = [b for b in beads if b["en"] and b["zh"]]
    store = tmx.tmxfile.parsestring((out / "aligned.tmx").read_bytes())
    units = [u for u in store.units if u.source]
    assert len(units) == len(paired) > 20
    assert [(u.source, u.target) for u in units] == [(b["en_text"], b["zh_text"]) for b in paired]


def test_glossary_outputs_read_back(out):
    from translate.storage import tbx

    from glossary.formats import dumps_glossary, read_glossary

    from_tsv = read_glossary(out / "glossary.tsv")
    from_tbx = read_glossary(out / "glossary.tbx")
    assert len(from_tsv) > 20
    assert [(e.en, e.zh, e.category) for e in from_tbx] == [(e.en, e.zh, e.category) for e in from_tsv]
    assert {e.category for e in from_tsv} == {"drug", "disease", "statistic"}
    text = (out / "glossary.tbx").read_text(encoding="utf-8")
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in text and text.count("<conceptEntry") == len(from_tsv)
    # translate-toolkit reads only TBX 2008 (martif): the same glossary in that dialect
    store = tbx.tbxfile.parsestring(dumps_glossary(from_tbx, "tbx2008").encode("utf-8"))
    assert [(u.source, u.target) for u in store.units] == [(e.en, e.zh) for e in from_tsv]


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.items: list[str] = []
        self.marks = 0
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "item" in (attrs.get("class") or "").split():
            self.items.append(attrs.get("data-check"))
        if tag == "mark":
            self.marks += 1
        if tag == "tr" and "bead" in (attrs.get("class") or "").split():
            self.rows += 1


def test_report_jsonl_and_html_hold_the_findings(out):
    findings = jsonl(out / "report.jsonl")
    assert findings, "the sample corpus has known inconsistencies"
    assert all(set(f) >= {"check", "severity", "doc", "message"} for f in findings)
    assert "inconsistent-rendering" in {f["check"] for f in findings}
    parser = _Marks()
    parser.feed((out / "report.html").read_text(encoding="utf-8"))
    parser.close()
    assert len(parser.items) == len(findings)
    assert sorted(parser.items) == sorted(f["check"] for f in findings)
    assert parser.marks > 0
    assert parser.rows == len(jsonl(out / "aligned.jsonl"))


def test_run_json_describes_the_run(out, corpus_runs):
    from aligner import __version__

    corpus, _ = corpus_runs
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["version"] == __version__
    assert set(record["settings"]) >= {"align", "segment", "build", "check"}
    assert record["settings"]["align"]["learn_lexicon"] is True
    assert record["settings"]["build"]["min_confidence"] == BuildOptions().min_confidence
    assert record["settings"]["check"]["checks"] == ["variants", "glossary", "numbers", "abbreviations"]
    inputs = {Path(i["path"]).name: i for i in record["inputs"]}
    assert sorted(inputs) == sorted(p.name for p in SEEDS)
    for path in corpus.iterdir():
        data = path.read_bytes()
        assert inputs[path.name]["size"] == len(data)
        assert inputs[path.name]["sha256"] == hashlib.sha256(data).hexdigest()
    documents = {d["doc"][:3]: d for d in record["documents"]}
    assert {k for k, d in documents.items() if d["monolingual"]} == {"001", "004"}
    assert all(d["status"] == "ok" for d in documents.values())
    beads = jsonl(out / "aligned.jsonl")
    for d in record["documents"]:
        mine = [b for b in beads if b["doc"] == d["doc"]]
        assert sum(d["beads"].values()) == len(mine)
        assert d["sentences"]["en"] == sum(len(b["en"]) for b in mine)
    totals = record["totals"]
    assert totals["documents"] == 5 and totals["failed"] == 0 and totals["monolingual"] == 2
    assert totals["paired_beads"] == sum(1 for b in beads if b["en"] and b["zh"])
    assert sum(totals["findings"]["by_check"].values()) == len(jsonl(out / "report.jsonl"))
    assert set(record["execution"]["timings_s"]) >= {"pass1", "lexicon", "pass2", "check", "write"}


def test_run_equals_align_then_build_then_check(out, corpus_runs):
    """The parallel decomposition gives what the three commands' library calls give."""
    from aligner.document import align_documents
    from aligner.formats import FormatOptions, format_aligned
    from aligner.inputs import collect_inputs
    from glossary.builder import build
    from glossary.checker import check
    from glossary.formats import dumps_glossary
    from glossary.report_text import format_json_lines

    corpus, _ = corpus_runs
    aligned = align_documents(collect_inputs([corpus]))
    signature = run_module.signature_of(run_module.RunOptions())
    assert (out / "aligned.jsonl").read_text(encoding="utf-8") == format_aligned(aligned, "jsonl")
    assert (out / "aligned.tmx").read_text(encoding="utf-8") == format_aligned(
        aligned, "tmx", FormatOptions(signature=signature))
    assert (out / "glossary.tsv").read_text(encoding="utf-8") == dumps_glossary(build(aligned), "tsv")
    assert (out / "report.jsonl").read_text(encoding="utf-8") == format_json_lines(
        check(aligned), aligned)


def test_one_and_two_workers_write_the_same_bytes(corpus_runs):
    _, results = corpus_runs
    (_, one), (_, two) = results[1], results[2]
    for name in run_module.OUTPUT_FILES:
        if name != "run.json":
            assert (one / name).read_bytes() == (two / name).read_bytes(), name
    records = [json.loads((d / "run.json").read_text(encoding="utf-8")) for d in (one, two)]
    assert [r["execution"]["workers"] for r in records] == [1, 2]
    for record in records:
        record.pop("execution")
    assert records[0] == records[1]


def test_parallel_chunks_of_several_documents_write_the_same_bytes(corpus_runs, tmp_path):
    """Workers handed several documents per task (as on a big corpus) change nothing either:
    the glossary's float scores are added document by document in input order."""
    corpus, results = corpus_runs
    one = results[1][1]
    run_module.run([corpus], tmp_path / "out", run_module.RunOptions(workers=2, chunksize=2))
    for name in run_module.OUTPUT_FILES:
        if name != "run.json":
            assert (tmp_path / "out" / name).read_bytes() == (one / name).read_bytes(), name
    record = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert record["execution"]["chunksize"] == 2


# --------------------------------------------------------------------------- refusals, failures


def test_existing_output_folder_is_refused_without_force(tmp_path):
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(SEED["003"]), "-o", str(outdir)])
    assert result.exit_code == 2
    assert "--force" in result.output and "not empty" in result.output
    assert [p.name for p in outdir.iterdir()] == ["notes.txt"]

    result = invoke(SEED["003"], "-o", outdir, "--force", "--workers", 1)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in outdir.iterdir()) == sorted(run_module.OUTPUT_FILES + ("notes.txt",))
    assert (outdir / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "out"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(SEED["003"]), "-o", str(target), "--force"])
    assert result.exit_code == 2


def test_unusable_documents_are_reported_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for key in ("000", "003"):
        shutil.copy(SEED[key], corpus / SEED[key].name)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "empty.txt").write_bytes(b"")
    outdir = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(corpus), "-o", str(outdir), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "broken" in result.output and "empty" in result.output

    record = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    status = {d["doc"]: d for d in record["documents"]}
    assert [d["doc"] for d in record["documents"]] == sorted(status)
    assert status["broken"]["status"] == "failed" and "binary" in status["broken"]["reason"]
    assert status["empty"]["status"] == "failed" and "empty" in status["empty"]["reason"]
    assert {k for k, d in status.items() if d["status"] == "ok"} == {SEED["000"].stem, SEED["003"].stem}
    assert record["totals"]["failed"] == 2
    assert {Path(i["path"]).name: i["size"] for i in record["inputs"]}["empty.txt"] == 0

    errors = [f for f in jsonl(outdir / "report.jsonl") if f["check"] == "input-error"]
    assert sorted(f["doc"] for f in errors) == ["broken", "empty"]
    assert all(f["severity"] == "error" and f["message"] for f in errors)
    assert {b["doc"] for b in jsonl(outdir / "aligned.jsonl")} == {SEED["000"].stem, SEED["003"].stem}
    assert "input-error" in (outdir / "report.html").read_text(encoding="utf-8")


def test_fail_on_makes_findings_fail_the_run(tmp_path):
    args = [SEED["003"], "--workers", 1, "--quiet"]
    quiet = invoke(*args, "-o", tmp_path / "a")
    assert quiet.exit_code == 0 and quiet.output == ""
    findings = jsonl(tmp_path / "a" / "report.jsonl")
    assert findings, "seed 003 has findings"
    lowest = min(("info", "warning", "error").index(f["severity"]) for f in findings)
    assert invoke(*args, "-o", tmp_path / "b", "--fail-on", ("info", "warning", "error")[lowest]).exit_code == 1


def test_unpaired_language_file_is_a_usage_error(tmp_path):
    (tmp_path / "x.en").write_text("One sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no matching Chinese file" in result.output
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- interrupts


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_interrupt_while_writing_leaves_no_output(tmp_path, monkeypatch):
    import glossary.report_html

    monkeypatch.setattr(glossary.report_html, "render_html", _interrupt)  # after aligned.* are written
    with pytest.raises(KeyboardInterrupt):
        run_module.run([SEED["003"]], tmp_path / "out", run_module.RunOptions(workers=1))
    assert not (tmp_path / "out").exists()
    assert _leftovers(tmp_path) == []


def test_interrupt_keeps_a_previous_run_intact(tmp_path, monkeypatch):
    import glossary.report_html

    outdir = tmp_path / "out"
    run_module.run([SEED["003"]], outdir, run_module.RunOptions(workers=1))
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    monkeypatch.setattr(glossary.report_html, "render_html", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_module.run([SEED["000"]], outdir, run_module.RunOptions(workers=1), force=True)
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="the patched worker function reaches workers only when they fork")
def test_interrupt_in_a_worker_stops_the_run_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "second_pass", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_module.run([SEED["000"], SEED["003"]], tmp_path / "out", run_module.RunOptions(workers=2))
    assert not (tmp_path / "out").exists()
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------- aligned files in a child


needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the aligned files are written in a child only where it forks")


@needs_fork
def test_aligned_files_written_by_a_child_equal_those_of_the_parent(tmp_path):
    result = run_module.run([SEED["000"], SEED["003"]], tmp_path / "out",
                            run_module.RunOptions(workers=2))
    child, parent = tmp_path / "child", tmp_path / "parent"
    child.mkdir()
    parent.mkdir()
    writer = run_module.AlignedFilesWriter(child, result.options)
    writer.start(result.documents)
    assert writer.finish() == (run_module.ALIGNED_JSONL, run_module.ALIGNED_TMX,
                               run_module.ALIGNED_TSV)
    run_module.write_aligned_files(result.documents, result.options, parent)
    for name in (run_module.ALIGNED_JSONL, run_module.ALIGNED_TMX, run_module.ALIGNED_TSV):
        assert (child / name).read_bytes() == (parent / name).read_bytes() != b""
        assert (child / name).read_bytes() == (tmp_path / "out" / name).read_bytes()
    serial = run_module.AlignedFilesWriter(tmp_path, run_module.RunOptions(workers=1))
    serial.start(result.documents)  # a serial run writes everything itself
    assert serial.process is None and serial.finish() == ()


def _fail_to_write(documents, options, folder):
    (folder / run_module.ALIGNED_JSONL).write_text("partial", encoding="utf-8")
    raise SystemExit(1)


@needs_fork
def test_a_failed_aligned_files_child_leaves_the_writing_to_the_parent(corpus_runs, tmp_path,
                                                                       monkeypatch):
    corpus, results = corpus_runs
    monkeypatch.setattr(run_module, "_write_aligned_files_in_child", _fail_to_write)
    run_module.run([corpus], tmp_path / "out", run_module.RunOptions(workers=2))
    one = results[1][1]
    for name in run_module.OUTPUT_FILES:
        if name != "run.json":
            assert (tmp_path / "out" / name).read_bytes() == (one / name).read_bytes(), name
