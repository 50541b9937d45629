"""The HTML report: structure, escaping and highlighting, and rendering in headless Chromium.

The Chromium tests render the report of seeds 000 and 003 run through the real pipeline
(aligner → checker), with two number slips put into the Chinese the way a translator might
make them, take a screenshot and read the DOM back. They skip when Chromium is absent
(Debian: ``apt-get install -y chromium``). Set ``DUIZHAO_REPORT_SCREENSHOT=docs/report.png``
to keep the screenshot (it is the README's picture).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aligner.records import AlignedDocument, Bead
from glossary.checks.numbers import CHECK_ID as NUMBER_CHECK
from glossary.checks.numbers import number_findings
from glossary.records import Finding
from glossary.report_html import render_html

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
# Slips put into the Chinese of the seeds: 75% → 57% (003), 70.59% → 70.95% (000).
SLIPS = {"000": ("36名参与者(70.59%)", "36名参与者(70.95%)"), "003": ("9 例(75%)", "9 例(57%)")}


class _Elements(HTMLParser):
    """Start tags with their attributes, and the text of a few elements by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("meta", "input", "col", "br", "img", "link"):
            self._open.append(attributes.get("id"))

    def handle_endtag(self, tag):
        if self._open and tag not in ("meta", "input", "col", "br", "img", "link"):
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text_by_id[element_id] = self.text_by_id.get(element_id, "") + data


def parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def marks(parsed: _Elements) -> list[dict[str, str]]:
    return [attrs for tag, attrs in parsed.tags if tag == "mark"]


def _document(doc: str, pairs: list[tuple[str, str]]) -> AlignedDocument:
    beads = [Bead((i,) if en else (), (i,) if zh else (), en, zh, 0.9) for i, (en, zh) in enumerate(pairs)]
    return AlignedDocument(doc, beads=beads)


EN = "Remission occurred in 9 of 12 patients (75%) in the hUC-MSC group."
ZH = "hUC-MSC 组 12 例患者中有 9 例(57%)缓解。"


def test_number_findings_are_marked_at_their_spans_in_both_languages():
    document = _document("003", [("Header <b> & co", ""), (EN, ZH)])
    findings = number_findings("003", 1, EN, ZH)
    assert len(findings) == 1
    parsed = parse(render_html([document], findings))
    found = marks(parsed)
    assert len(found) == 2  # one in the English, one in the Chinese
    assert all(m["data-check"] == NUMBER_CHECK and m["data-findings"] == "f0" for m in found)
    assert all("finding" in m["class"].split() and "sev-error" in m["class"].split() for m in found)
    assert found[0]["title"] == f"{NUMBER_CHECK} (error): English has 75% but the Chinese has 57%"
    page = render_html([document], findings)
    assert '(<mark class="finding number-mismatch sev-error"' in page
    assert '>75%</mark>)' in page and '>57%</mark>)' in page


def test_text_and_messages_are_escaped_and_spans_count_raw_characters():
    en = 'A <script>alert("x")</script> & 45 <b>'
    zh = "“<i>” 46 例"
    finding = Finding(NUMBER_CHECK, "error", 'doc "<1>"', "English has 45 but <b>the</b> Chinese has 46",
                      bead=0, en_span=(en.index("45"), en.index("45") + 2), zh_span=(zh.index("46"), zh.index("46") + 2))
    page = render_html([_document('doc "<1>"', [(en, zh)])], [finding], title="<t> & title")
    assert "<script>alert" not in page and "<b>the</b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark" in page
    assert "<title>&lt;t&gt; &amp; title</title>" in page
    assert len(marks(parse(page))) == 2
    assert re.search(r">45</mark> &lt;b&gt;</td>", page)


def test_overlapping_and_invalid_spans():
    text = "dose 10 mg/kg twice"
    first = Finding("glossary-missing", "warning", "d", "a term", bead=0, en_span=(0, 13))
    second = Finding(NUMBER_CHECK, "error", "d", "a number", bead=0, en_span=(5, 7))
    outside = Finding(NUMBER_CHECK, "warning", "d", "bad span", bead=0, en_span=(5, 99))
    elsewhere = Finding("inconsistent-rendering", "info", None, "corpus-wide", forms=(
        {"text": "泼尼松", "count": 3, "docs": ["002"]}, {"text": "强的松", "count": 1, "docs": ["001"]}))
    missing_bead = Finding(NUMBER_CHECK, "warning", "d", "bead out of range", bead=7, en_span=(0, 1))
    findings = [first, second, outside, elsewhere, missing_bead]
    page = render_html([_document("d", [(text, "剂量 10 mg/kg")])], findings)
    parsed = parse(page)
    pieces = [(m["data-findings"], m["data-check"]) for m in marks(parsed)]
    # "dose " | "10" | " mg/kg": the middle piece carries both findings
    assert pieces == [("f0", "glossary-missing"), ("f0 f1", "glossary-missing number-mismatch"),
                      ("f0", "glossary-missing")]
    items = {attrs["id"]: attrs for tag, attrs in parsed.tags if tag == "li" and "item" in attrs.get("class", "")}
    assert set(items) == {"f0", "f1", "f2", "f3", "f4"}  # every finding is listed
    assert "corpus" in parsed.text_by_id["f3"] and "泼尼松" in parsed.text_by_id["f3"]


def test_page_is_self_contained_filterable_and_deterministic():
    document = _document("003", [(EN, ZH)])
    findings = number_findings("003", 0, EN, ZH) + [
        Finding("deprecated-form", "warning", "003", "deprecated", bead=0, zh_span=(0, 7))
    ]
    page = render_html([document], findings, signature={"version": "0.1.0", "checks": ["numbers"]})
    assert page == render_html([document], findings, signature={"version": "0.1.0", "checks": ["numbers"]})
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    parsed = parse(page)
    filters = sorted(a["data-filter-check"] for t, a in parsed.tags if t == "input" and "data-filter-check" in a)
    assert filters == ["deprecated-form", NUMBER_CHECK]
    severities = [a["data-filter-severity"] for t, a in parsed.tags if t == "input" and "data-filter-severity" in a]
    assert severities == ["error", "warning", "info"]
    assert "version" in page and "0.1.0" in page
    assert page.count("<script") == 2  # the finding data and the page script, both inline


def test_empty_report_says_so():
    page = render_html([], [])
    assert "No findings." in page and "0 documents" in page
    assert marks(parse(page)) == []


# --- headless Chromium ------------------------------------------------------------------

def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install -y chromium)"
)


def _run_chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
        "--window-size=1400,1000", *extra, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "Uncaught" in line or re.search(r"CONSOLE.*(error|Error)", line)]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    """Seeds 000 and 003 with a number slip each, aligned and checked by the real pipeline."""
    from aligner.document import align_document
    from glossary.checker import CheckOptions, check

    documents = []
    for doc, (old, new) in SLIPS.items():
        text = next(CORPORA.glob(f"{doc}_*.txt")).read_text(encoding="utf-8")
        assert text.count(old) == 1
        documents.append(align_document(text.replace(old, new), doc))
    findings = check(documents, options=CheckOptions(aligned_renderings=False))
    numbers = [f for f in findings if f.check == NUMBER_CHECK]
    assert sorted(f.message for f in numbers) == [
        "English has 70.59% but the Chinese has 70.95%",
        "English has 75% but the Chinese has 57%",
    ]
    folder = tmp_path_factory.mktemp("report")
    page = folder / "report.html"
    page.write_text(
        render_html(documents, findings, title="duizhao check — seeds 000 and 003",
                    signature={"duizhao": "0.1.0", "checks": "variants, glossary, numbers, abbreviations"}),
        encoding="utf-8",
    )
    return page, documents, findings


def _findings_with_spans(findings, documents) -> set[str]:
    """Ids (f0, f1, …) of the findings with a span inside their pair's text."""
    beads = {(d.doc, i): b for d in documents for i, b in enumerate(d.beads)}
    ids = set()
    for index, f in enumerate(findings):
        bead = beads.get((f.doc, f.bead))
        for span, text in ((f.en_span, bead and bead.en_text), (f.zh_span, bead and bead.zh_text)):
            if bead and span and 0 <= span[0] < span[1] <= len(text):
                ids.add(f"f{index}")
    return ids


@needs_chromium
def test_report_renders_in_headless_chromium_with_findings_highlighted(seed_report, tmp_path):
    page, documents, findings = seed_report
    source_marks = marks(parse(page.read_text(encoding="utf-8")))
    assert {m["data-findings"] for m in source_marks} >= {
        f"f{i}" for i, f in enumerate(findings) if f.check == NUMBER_CHECK
    }

    screenshot = tmp_path / "report.png"  # the view with only the pairs that have findings
    shot = _run_chromium(tmp_path, page.as_uri() + "#flagged", f"--screenshot={screenshot}")
    assert screenshot.exists(), shot.stderr[-2000:]
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1400, 1000)
    assert len(png) > 30_000  # a blank page compresses to a few kilobytes
    assert _console_errors(shot.stderr) == []
    if os.environ.get("DUIZHAO_REPORT_SCREENSHOT"):
        shutil.copyfile(screenshot, os.environ["DUIZHAO_REPORT_SCREENSHOT"])

    dom = _run_chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert _console_errors(dom.stderr) == []
    parsed = parse(dom.stdout)
    body = next(attrs for tag, attrs in parsed.tags if tag == "body")
    assert body.get("data-ready") == "true"  # the page script ran to its end
    errors = next(attrs for tag, attrs in parsed.tags if attrs.get("id") == "js-errors")
    assert "hidden" in errors and parsed.text_by_id.get("js-errors", "") == ""
    rendered = marks(parsed)
    assert len(rendered) == len(source_marks) > 0
    marked = {fid for m in rendered for fid in m["data-findings"].split()}
    assert marked == _findings_with_spans(findings, documents)
    assert sum(m["data-check"] == NUMBER_CHECK for m in rendered) == 4  # two slips, both languages
    assert not any("off" in m["class"].split() for m in rendered)  # all checks shown
    assert parsed.text_by_id["shown-count"] == f"{len(findings)} of {len(findings)} findings shown"


@needs_chromium
def test_filter_by_check_hides_other_findings_in_chromium(seed_report, tmp_path):
    page, _, findings = seed_report
    dom = _run_chromium(tmp_path, page.as_uri() + "#only=" + NUMBER_CHECK, "--dump-dom")
    parsed = parse(dom.stdout)
    for attrs in marks(parsed):
        off = "off" in attrs["class"].split()
        assert off == (NUMBER_CHECK not in attrs["data-check"].split())
    hidden = {attrs["id"] for tag, attrs in parsed.tags
              if tag == "li" and "item" in attrs.get("class", "") and "hidden" in attrs["class"].split()}
    assert hidden == {f"f{i}" for i, f in enumerate(findings) if f.check != NUMBER_CHECK}
    numbers = sum(f.check == NUMBER_CHECK for f in findings)
    assert parsed.text_by_id["shown-count"] == f"{numbers} of {len(findings)} findings shown"

    both = parse(_run_chromium(tmp_path, page.as_uri() + f"#only={NUMBER_CHECK}&flagged", "--dump-dom").stdout)
    rows = [attrs for tag, attrs in both.tags if tag == "tr" and "bead" in attrs.get("class", "").split()]
    shown = [row["id"] for row in rows if "hidden" not in row["class"].split()]
    assert len(shown) == numbers and len(rows) > numbers


@needs_chromium
def test_console_error_detection_catches_a_script_error(seed_report, tmp_path):
    """The checks above would pass vacuously if errors went unseen: a throwing page must show."""
    page, _, _ = seed_report
    broken = tmp_path / "broken.html"
    broken.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>throw new Error('probe failure')</script></body>"), encoding="utf-8")
    dom = _run_chromium(tmp_path, broken.as_uri(), "--dump-dom")
    parsed = parse(dom.stdout)
    assert "probe failure" in parsed.text_by_id.get("js-errors", "")
    assert any("probe failure" in line for line in _console_errors(dom.stderr))


@needs_chromium
def test_navigation_and_filters_respond_to_the_user_in_chromium(seed_report, tmp_path):
    """A driver script appended to the page clicks like a user and records what it sees."""
    page, _, findings = seed_report
    driver = """<script>
    (function () {
      var body = document.body, out = {};
      document.getElementById('next-flagged').click();
      out.first = document.querySelector('tr.current').id;
      document.getElementById('next-flagged').click();
      out.second = document.querySelector('tr.current').id;
      document.getElementById('previous-flagged').click();
      out.back = document.querySelector('tr.current').id;
      var mark = document.querySelector('mark.finding[data-check~="number-mismatch"]');
      mark.click();
      out.listed = Array.prototype.map.call(document.querySelectorAll('li.item.current'),
                                            function (li) { return li.id; }).join(' ');
      var box = document.querySelector('input[data-filter-check="number-mismatch"]');
      box.checked = false;
      box.dispatchEvent(new Event('change'));
      out.markOff = String(mark.classList.contains('off'));
      document.getElementById('only-flagged').checked = true;
      document.getElementById('only-flagged').dispatchEvent(new Event('change'));
      out.rowsShown = String(document.querySelectorAll('tr.bead:not(.hidden)').length);
      body.setAttribute('data-driver', JSON.stringify(out));
    }());
    </script></body>"""
    driven = tmp_path / "driven.html"
    driven.write_text(page.read_text(encoding="utf-8").replace("</body>", driver), encoding="utf-8")
    dom = _run_chromium(tmp_path, driven.as_uri(), "--dump-dom")
    assert _console_errors(dom.stderr) == []
    body = next(attrs for tag, attrs in parse(dom.stdout).tags if tag == "body")
    out = json.loads(body["data-driver"])
    flagged_rows = sorted({(f.doc, f.bead) for f in findings if f.bead is not None},
                          key=lambda key: (["000", "003"].index(key[0]), key[1]))
    expected = [f"d{['000', '003'].index(doc)}-b{bead}" for doc, bead in flagged_rows]
    assert [out["first"], out["second"], out["back"]] == [expected[0], expected[1], expected[0]]
    first_number = next(i for i, f in enumerate(findings) if f.check == NUMBER_CHECK)
    assert out["listed"] == f"f{first_number}"
    assert out["markOff"] == "true"
    other_rows = {(f.doc, f.bead) for f in findings if f.check != NUMBER_CHECK and f.bead is not None}
    assert out["rowsShown"] == str(len(other_rows))
