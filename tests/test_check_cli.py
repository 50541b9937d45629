"""`duizhao check` and `duizhao glossary build` through the command line: outputs and exit statuses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_helpers import corpus, write_aligned_jsonl
from click.testing import CliRunner

from glossary.cli import main

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
FAST = ["--no-aligned-renderings"]


@pytest.fixture()
def aligned(tmp_path) -> Path:
    return write_aligned_jsonl(tmp_path / "pairs.jsonl", corpus())


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_text_report_grouped_by_check_exit_0(aligned):
    result = run("check", aligned, *FAST)
    assert result.exit_code == 0, result.stderr  # default --fail-on error: warnings pass
    out = result.stdout
    assert "== inconsistent-rendering:" in out and "== probable-term-error:" in out
    assert "⟦强的松⟧" in out  # the offending span marked in its sentence
    sections = [line.split(":")[0][3:] for line in out.splitlines() if line.startswith("== ")]
    from glossary.report_text import CHECK_ORDER

    assert sections == [c for c in CHECK_ORDER if c in sections]  # most serious checks first
    assert "signature: duizhao=" in out and "findings:" in out


def test_fail_on_warning_exits_1(aligned):
    assert run("check", aligned, *FAST, "--fail-on", "warning").exit_code == 1
    assert run("check", aligned, *FAST, "--fail-on", "never", "--min-severity", "info").exit_code == 0


def test_glossary_violation_exits_1_and_json_lines(aligned, tmp_path):
    glossary = tmp_path / "mine.tsv"
    glossary.write_text("adverse reaction\t药物不良反应\tdisease\n", encoding="utf-8")
    result = run("check", aligned, *FAST, "--glossary", glossary, "--format", "json", "--checks", "glossary")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    checks = {r["check"] for r in records}
    assert "glossary-missing" in checks and checks <= {"glossary-missing", "glossary-unpaired-zh"}
    first = records[0]
    assert list(first)[:9] == ["check", "severity", "doc", "bead", "en_span", "zh_span", "message", "concept", "forms"]
    assert first["en_text"][first["en_span"][0]:first["en_span"][1]].lower().startswith("adverse reaction")
    assert "finding" in result.stderr


def test_json_forms_for_inconsistent_renderings(aligned, tmp_path):
    out = tmp_path / "report.jsonl"
    result = run("check", aligned, *FAST, "--format", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    prednisone = next(r for r in records if r["concept"] == "prednisone")
    assert {f["text"]: f["docs"] for f in prednisone["forms"]} == {"强的松": ["001"], "泼尼松": ["004"]}
    assert all(set(f) == {"text", "count", "docs"} for r in records for f in r["forms"])


@pytest.mark.parametrize("content, expected", [
    ("en\tzh\nprednisone\t\n", "mine.tsv:2:"),
    ("prednisone\n", "mine.tsv:1:"),
])
def test_malformed_glossary_exit_2_one_line(aligned, tmp_path, content, expected):
    glossary = tmp_path / "mine.tsv"
    glossary.write_text(content, encoding="utf-8")
    result = run("check", aligned, "--glossary", glossary)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr
    assert result.stderr.startswith("duizhao: error:")


def test_usage_errors_exit_2(aligned, tmp_path):
    assert run("check", aligned, "--checks", "spelling").exit_code == 2
    assert run("check", tmp_path / "absent.jsonl").exit_code == 2
    assert run("check", aligned, "--fail-on", "loud").exit_code == 2
    bad = tmp_path / "syn.tsv"
    bad.write_text("only-a-concept\n", encoding="utf-8")
    result = run("check", aligned, "--synonyms", bad)
    assert result.exit_code == 2 and "syn.tsv:1:" in result.stderr


def test_user_synonyms_change_the_report(aligned, tmp_path):
    synonyms = tmp_path / "house.tsv"
    synonyms.write_text("prednisone\t*强的松 | 泼尼松\tinfo\n", encoding="utf-8")
    result = run("check", aligned, *FAST, "--synonyms", synonyms, "--format", "json")
    prednisone = next(json.loads(l) for l in result.stdout.splitlines() if json.loads(l)["concept"] == "prednisone")
    assert prednisone["severity"] == "info" and "preferred form is 强的松" in prednisone["message"]


def test_html_report(aligned, tmp_path):
    pytest.importorskip("glossary.report_html")
    out = tmp_path / "report.html"
    result = run("check", aligned, *FAST, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and 'data-check="inconsistent-rendering' in page


def test_raw_document_is_aligned_on_the_fly():
    result = run("check", CORPORA / "003_a68e164ce515e120.txt", *FAST, "--format", "json", "--checks", "variants")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["concept"] == "corticosteroid naming stem" for r in records)


def test_glossary_build_command(aligned, tmp_path):
    out = tmp_path / "g.tbx"
    result = run("glossary", "build", aligned, "-o", out, "--min-confidence", "0.5")
    assert result.exit_code == 0, result.stderr
    from glossary.formats import read_glossary

    glossary = read_glossary(out)
    assert all(e.confidence >= 0.5 for e in glossary)
    assert out.read_text(encoding="utf-8").count("<conceptEntry") == len(glossary)


def test_tbx_glossary_deprecated_terms_are_reported(aligned, tmp_path):
    glossary = tmp_path / "house.tbx"
    glossary.write_text("""<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="c1"><descrip type="subjectField">disease</descrip>
<langSec xml:lang="en"><termSec><term>autoimmune disease</term></termSec></langSec>
<langSec xml:lang="zh-CN"><termSec><term>自身免疫性疾病</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>自身免疫病</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
</langSec></conceptEntry></body></text></tbx>""", encoding="utf-8")
    result = run("check", aligned, *FAST, "--glossary", glossary, "--format", "json", "--checks", "glossary")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["check"], r["doc"], r["bead"]) for r in records] == [("glossary-deprecated", "002", 0)]
    assert "自身免疫性疾病" in records[0]["message"]
