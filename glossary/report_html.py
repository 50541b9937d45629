"""The checker's HTML report: one self-contained page a translator or editor reads in a browser.

Per document, the aligned sentences side by side (English | Chinese | confidence) with every
finding highlighted at its span in both languages (``<mark class="finding <check>"
data-check=… data-findings=… title=message>``) and its message under the pair; a findings list
grouped by check; filters by check and severity that hide and show findings and rows; a
summary header (counts by check and severity, the signature of the run).

The page has no external resources (inline CSS and JavaScript, no fonts or scripts fetched), all
text is escaped, and the output depends only on the arguments: the same input gives the same
bytes. Any JavaScript error is written into ``#js-errors`` so a headless test can see it.
Opening ``report.html#only=number-mismatch`` shows only that check (comma-separate several);
``report.html#flagged`` only the pairs with findings; ``#only=…&flagged`` both.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape

from aligner.records import AlignedDocument, Bead
from glossary.records import Finding

SEVERITIES = ("error", "warning", "info")
_SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}
DEFAULT_TITLE = "duizhao check report"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _severity_rank(severity: str) -> int:
    return _SEVERITY_RANK.get(severity, -1)


def _valid_span(span: tuple[int, int] | None, text: str) -> tuple[int, int] | None:
    if span is None:
        return None
    start, end = span
    if 0 <= start < end <= len(text):
        return start, end
    return None


def highlight(text: str, marks: Sequence[tuple[tuple[int, int], str, Finding]]) -> str:
    """``text`` escaped, with each (span, finding id, finding) wrapped in ``<mark>``.

    Overlapping spans are cut at every boundary, so each piece is marked once with all the
    findings that cover it (its ``data-findings`` lists their ids).
    """
    if not marks:
        return escape(text)
    cuts = sorted({0, len(text)} | {p for span, _, _ in marks for p in span})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        piece = escape(text[start:end])
        covering = [(fid, f) for (s, e), fid, f in marks if s <= start and end <= e]
        if not covering:
            pieces.append(piece)
            continue
        checks = sorted({f.check for _, f in covering})
        severity = max((f.severity for _, f in covering), key=_severity_rank)
        ids = " ".join(fid for fid, _ in covering)
        tooltip = "\n".join(f"{f.check} ({f.severity}): {f.message}" for _, f in covering)
        pieces.append(
            f'<mark class="finding {_attr(" ".join(checks))} sev-{_attr(severity)}" '
            f'data-check="{_attr(" ".join(checks))}" data-findings="{_attr(ids)}" '
            f'title="{_attr(tooltip)}">{piece}</mark>'
        )
    return "".join(pieces)


def _slug(index: int) -> str:
    return f"d{index}"


def _summary(findings: Sequence[Finding], checks: list[str]) -> str:
    counts = Counter((f.check, f.severity) for f in findings)
    head = "".join(f"<th>{escape(s)}</th>" for s in SEVERITIES)
    rows = []
    for check in checks:
        cells = "".join(
            f'<td class="n sev-{s}">{counts[(check, s)] or ""}</td>' for s in SEVERITIES
        )
        total = sum(counts[(check, s)] for s in SEVERITIES)
        rows.append(f'<tr><th scope="row"><span class="chip" data-check="{_attr(check)}">'
                    f"{escape(check)}</span></th>{cells}<td class=\"n\">{total}</td></tr>")
    totals = "".join(
        f'<td class="n">{sum(counts[(c, s)] for c in checks)}</td>' for s in SEVERITIES
    )
    return (
        '<table class="summary"><thead><tr><th>check</th>'
        f"{head}<th>all</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">all</th>{totals}<td class="n">{len(findings)}</td></tr>'
        "</tfoot></table>"
    )


def _signature(signature: dict | None) -> str:
    if not signature:
        return ""
    items = []
    for key in sorted(signature):
        value = signature[key]
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                               sort_keys=True)
        items.append(f"<span><b>{escape(str(key))}</b> {escape(str(shown))}</span>")
    return f'<p class="signature" title="signature of this run">{" · ".join(items)}</p>'


def _filters(checks: list[str], findings: Sequence[Finding]) -> str:
    by_check = Counter(f.check for f in findings)
    by_severity = Counter(f.severity for f in findings)
    check_boxes = "".join(
        f'<label class="chip" data-check="{_attr(c)}"><input type="checkbox" checked '
        f'data-filter-check="{_attr(c)}"> {escape(c)} <span class="count">{by_check[c]}</span>'
        "</label>"
        for c in checks
    )
    severity_boxes = "".join(
        f'<label class="sev-{s}"><input type="checkbox" checked data-filter-severity="{s}"> '
        f'{s} <span class="count">{by_severity[s]}</span></label>'
        for s in SEVERITIES
    )
    return (
        '<div id="filters" role="group" aria-label="Filters">'
        f'<div class="filter-row"><span class="label">Checks</span>{check_boxes}'
        '<button type="button" id="checks-all">all</button>'
        '<button type="button" id="checks-none">none</button></div>'
        f'<div class="filter-row"><span class="label">Severity</span>{severity_boxes}'
        '<label><input type="checkbox" id="only-flagged"> only pairs with findings</label>'
        '<button type="button" id="previous-flagged" title="previous pair with findings (k)">'
        "&#9650; previous</button>"
        '<button type="button" id="next-flagged" title="next pair with findings (j)">'
        "&#9660; next</button>"
        '<span id="shown-count" class="count"></span></div></div>'
    )


def _finding_details(finding: Finding) -> str:
    extra = ""
    if finding.concept:
        extra += f' <span class="concept">concept: {escape(finding.concept)}</span>'
    if finding.forms:
        forms = "".join(
            f"<li><span class=\"form\">{escape(str(form.get('text', '')))}</span> "
            f"×{escape(str(form.get('count', '')))} "
            f"<span class=\"docs\">{escape(', '.join(map(str, form.get('docs', ()))))}</span></li>"
            for form in finding.forms
        )
        extra += f'<ul class="forms">{forms}</ul>'
    return extra


def _findings_list(
    checks: list[str], numbered: list[tuple[str, Finding]], anchors: dict[tuple[str, int], str]
) -> str:
    groups: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for fid, finding in numbered:
        groups[finding.check].append((fid, finding))
    sections = []
    for check in checks:
        items = []
        for fid, finding in groups[check]:
            where = escape(finding.doc) if finding.doc is not None else "corpus"
            target = anchors.get((finding.doc, finding.bead)) if finding.bead is not None else None
            if finding.bead is not None:
                where += f" · pair {finding.bead + 1}"
            location = (f'<a href="#{_attr(target)}" data-target="{_attr(target)}">{where}</a>'
                        if target else f'<span class="where">{where}</span>')
            items.append(
                f'<li class="item sev-{_attr(finding.severity)}" id="{fid}" '
                f'data-check="{_attr(check)}" data-severity="{_attr(finding.severity)}">'
                f'<span class="sev">{escape(finding.severity)}</span> {location} '
                f'<span class="message">{escape(finding.message)}</span>'
                f"{_finding_details(finding)}</li>"
            )
        severity_counts = Counter(f.severity for _, f in groups[check])
        tally = ", ".join(f"{severity_counts[s]} {s}" for s in SEVERITIES if severity_counts[s])
        sections.append(
            f'<details class="group" data-check="{_attr(check)}" open><summary>'
            f'<span class="chip" data-check="{_attr(check)}">{escape(check)}</span> '
            f'<span class="count">{len(groups[check])}</span> <span class="tally">{tally}</span>'
            f'</summary><ol>{"".join(items)}</ol></details>'
        )
    if not sections:
        sections.append('<p class="empty">No findings.</p>')
    return f'<nav id="findings" aria-label="Findings by check"><h2>Findings by check</h2>{"".join(sections)}</nav>'


def _bead_row(
    slug: str, index: int, bead: Bead, bead_findings: list[tuple[str, Finding]]
) -> str:
    en_marks, zh_marks = [], []
    for fid, finding in bead_findings:
        span = _valid_span(finding.en_span, bead.en_text)
        if span:
            en_marks.append((span, fid, finding))
        span = _valid_span(finding.zh_span, bead.zh_text)
        if span:
            zh_marks.append((span, fid, finding))
    ids = " ".join(fid for fid, _ in bead_findings)
    checks = " ".join(sorted({f.check for _, f in bead_findings}))
    confidence = max(0.0, min(1.0, float(bead.confidence)))
    low = " low-confidence" if bead.paired and confidence < 0.5 else ""
    row_id = f"{slug}-b{index}"
    notes = ""
    if bead_findings:
        notes = "".join(
            f'<li class="note sev-{_attr(f.severity)}" data-findings="{fid}" '
            f'data-check="{_attr(f.check)}"><span class="chip" data-check="{_attr(f.check)}">'
            f"{escape(f.check)}</span> {escape(f.message)}</li>"
            for fid, f in bead_findings
        )
        notes = f'<ul class="notes">{notes}</ul>'
    return (
        f'<tr id="{row_id}" class="bead{" flagged" if bead_findings else ""}{low}" '
        f'data-findings="{_attr(ids)}" data-check="{_attr(checks)}">'
        f'<td class="index">{index + 1}<span class="kind">{escape(bead.kind)}</span></td>'
        f'<td class="en" lang="en">{highlight(bead.en_text, en_marks)}</td>'
        f'<td class="zh" lang="zh">{highlight(bead.zh_text, zh_marks)}{notes}</td>'
        f'<td class="confidence"><span class="bar" style="width:{confidence * 100:.0f}%"></span>'
        f"<span>{confidence:.2f}</span></td></tr>"
    )


def _document_section(
    slug: str,
    document: AlignedDocument,
    by_bead: dict[int, list[tuple[str, Finding]]],
    document_findings: list[tuple[str, Finding]],
) -> str:
    rows = "".join(
        _bead_row(slug, index, bead, by_bead.get(index, []))
        for index, bead in enumerate(document.beads)
    )
    flagged = sum(1 for index in range(len(document.beads)) if by_bead.get(index))
    general = ""
    if document_findings:
        general = '<ul class="doc-notes">' + "".join(
            f'<li class="note sev-{_attr(f.severity)}" data-findings="{fid}" '
            f'data-check="{_attr(f.check)}"><span class="chip" data-check="{_attr(f.check)}">'
            f"{escape(f.check)}</span> {escape(f.message)}</li>"
            for fid, f in document_findings
        ) + "</ul>"
    return (
        f'<section class="document" id="{slug}"><h2>{escape(document.doc)} '
        f'<span class="meta">{len(document.beads)} pairs · {flagged} with findings</span></h2>'
        f"{general}"
        '<table class="pairs"><colgroup><col class="c-index"><col class="c-en"><col class="c-zh">'
        '<col class="c-conf"></colgroup><thead><tr><th>#</th><th>English</th><th>Chinese</th>'
        f'<th>confidence</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(
    documents: Sequence[AlignedDocument],
    findings: Sequence[Finding],
    title: str = DEFAULT_TITLE,
    signature: dict | None = None,
) -> str:
    """The report page as a string (write it with UTF-8).

    Findings are shown in the order given; a finding whose ``doc``/``bead`` names a pair of
    ``documents`` is highlighted there (spans outside the text are listed, not marked).
    """
    numbered = [(f"f{i}", finding) for i, finding in enumerate(findings)]
    checks = sorted({f.check for f in findings})
    slugs = {}
    for index, document in enumerate(documents):
        slugs.setdefault(document.doc, _slug(index))
    anchors: dict[tuple[str, int], str] = {}
    by_doc_bead: dict[str, dict[int, list[tuple[str, Finding]]]] = defaultdict(dict)
    by_doc: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    bead_counts = {d.doc: len(d.beads) for d in documents}
    for fid, finding in numbered:
        if finding.doc not in slugs:
            continue
        if finding.bead is not None and 0 <= finding.bead < bead_counts[finding.doc]:
            by_doc_bead[finding.doc].setdefault(finding.bead, []).append((fid, finding))
            anchors[(finding.doc, finding.bead)] = f"{slugs[finding.doc]}-b{finding.bead}"
        else:
            by_doc[finding.doc].append((fid, finding))
    unique: list[AlignedDocument] = []
    for document in documents:
        if all(document.doc != kept.doc for kept in unique):
            unique.append(document)  # one section per name: findings address documents by name
    sections = [
        _document_section(slugs[d.doc], d, by_doc_bead.get(d.doc, {}), by_doc.get(d.doc, []))
        for d in unique
    ]
    data = {fid: [f.check, f.severity] for fid, f in numbered}
    pairs = sum(len(d.beads) for d in unique)
    flagged = sum(len(v) for v in by_doc_bead.values())
    toc = "".join(f'<a href="#{_attr(slugs[d.doc])}">{escape(d.doc)}</a>' for d in unique)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{escape(title)}</h1>'
        f'<p class="counts">{len(unique)} documents · {pairs} aligned pairs · '
        f"{flagged} pairs with findings · {len(numbered)} findings</p>"
        f"{_signature(signature)}"
        f'<div class="header-grid">{_summary(findings, checks)}{_filters(checks, findings)}</div>'
        f'<div id="js-errors" hidden></div></header>'
        f'<div class="layout"><main><nav class="toc" aria-label="Documents">{toc}</nav>'
        f'{"".join(sections)}</main>{_findings_list(checks, numbered, anchors)}</div>'
        f'<script type="application/json" id="finding-data">{_json_for_script(data)}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


_CSS = """
:root{--error:#c62828;--error-bg:#ffe0e0;--warning:#b26a00;--warning-bg:#fff1c2;
--info:#1f5fa8;--info-bg:#dcecff;--line:#d9dde3;--muted:#5f6b7a;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
color:#1d232b;background:var(--bg)}
header{padding:14px 20px 10px;background:#fff;border-bottom:1px solid var(--line)}
h1{margin:0 0 2px;font-size:20px}
h2{font-size:16px;margin:0 0 8px}
.counts,.signature{margin:2px 0;color:var(--muted);font-size:12.5px}
.signature span{margin-right:4px}
.header-grid{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap;margin-top:8px}
table.summary{border-collapse:collapse;font-size:12.5px}
.summary th,.summary td{border:1px solid var(--line);padding:2px 8px;text-align:left}
.summary td.n{text-align:right;min-width:44px}
.summary td.sev-error:not(:empty){color:var(--error);font-weight:600}
.summary td.sev-warning:not(:empty){color:var(--warning);font-weight:600}
.summary tfoot{font-weight:600}
#filters{display:flex;flex-direction:column;gap:6px;font-size:13px}
.filter-row{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.filter-row .label{font-weight:600;width:64px}
.filter-row label{cursor:pointer;user-select:none;padding:2px 8px;border:1px solid var(--line);
border-radius:12px;background:#fff}
.filter-row label.sev-error{border-color:var(--error);color:var(--error)}
.filter-row label.sev-warning{border-color:var(--warning);color:var(--warning)}
.filter-row label.sev-info{border-color:var(--info);color:var(--info)}
button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--line);border-radius:4px;
background:#fff;cursor:pointer}
.count{color:var(--muted);font-size:12px}
.chip{display:inline-block;padding:0 6px;border-radius:10px;background:#eef1f5;font-size:12px;
white-space:nowrap}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:16px;padding:12px 20px}
.toc{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:8px;font-size:13px}
section.document{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px;
margin-bottom:16px}
h2 .meta{font-weight:400;color:var(--muted);font-size:12.5px;margin-left:6px}
table.pairs{width:100%;border-collapse:collapse;table-layout:fixed}
col.c-index{width:46px}col.c-conf{width:86px}
.pairs th{position:sticky;top:0;background:#fff;text-align:left;font-size:12px;color:var(--muted);
border-bottom:2px solid var(--line);padding:4px 6px}
.pairs td{vertical-align:top;padding:5px 6px;border-bottom:1px solid #eceff3;overflow-wrap:anywhere}
td.index{color:var(--muted);font-size:12px}
td.index .kind{display:block;font-size:10.5px}
td.zh{font-size:14.5px}
tr.flagged td{background:#fffdf6}
tr.low-confidence td.confidence{color:var(--error)}
td.confidence{font-size:12px;position:relative}
td.confidence .bar{display:block;height:4px;background:#8fb3de;border-radius:2px;margin:6px 0 2px}
mark.finding{border-radius:3px;padding:0 1px;background:var(--info-bg);
box-shadow:inset 0 -2px 0 var(--info);color:inherit;cursor:help}
mark.finding.sev-warning{background:var(--warning-bg);box-shadow:inset 0 -2px 0 var(--warning)}
mark.finding.sev-error{background:var(--error-bg);box-shadow:inset 0 -2px 0 var(--error)}
mark.finding.off{background:none;box-shadow:none;cursor:auto}
mark.finding.flash{outline:2px solid #222}
ul.notes,ul.doc-notes{list-style:none;margin:4px 0 0;padding:0;font-size:12px;color:#333}
ul.doc-notes{margin:0 0 8px}
li.note{margin-top:2px;padding-left:8px;border-left:3px solid var(--info)}
li.note.sev-warning{border-color:var(--warning)}li.note.sev-error{border-color:var(--error)}
#findings{position:sticky;top:8px;align-self:start;max-height:calc(100vh - 16px);overflow:auto;
background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px}
details.group{margin-bottom:8px}
details.group summary{cursor:pointer;font-weight:600}
details.group .tally{font-weight:400;color:var(--muted);font-size:12px}
details.group ol{margin:4px 0 0;padding-left:20px;font-size:12.5px}
li.item{margin:3px 0}
li.item .sev{display:inline-block;font-size:11px;font-weight:600;text-transform:uppercase;
color:var(--info)}
li.item.sev-warning .sev{color:var(--warning)}li.item.sev-error .sev{color:var(--error)}
ul.forms{margin:2px 0;padding-left:16px;color:var(--muted)}
.hidden{display:none!important}
tr.current td{background:#eef5ff}
li.item.current{background:#eef5ff;outline:1px solid #8fb3de}
#js-errors{color:#fff;background:var(--error);padding:6px;margin-top:6px;white-space:pre-wrap}
@media (max-width:1000px){.layout{grid-template-columns:1fr}#findings{position:static;max-height:none}}
"""

_JS = """
(function () {
  'use strict';
  var errors = document.getElementById('js-errors');
  function report(message) {
    errors.hidden = false;
    errors.textContent += message + '\\n';
  }
  window.addEventListener('error', function (event) {
    report('error: ' + event.message + ' (' + event.lineno + ':' + event.colno + ')');
  });
  window.addEventListener('unhandledrejection', function (event) {
    report('unhandled rejection: ' + event.reason);
  });
  var data = JSON.parse(document.getElementById('finding-data').textContent);
  var checkBoxes = Array.prototype.slice.call(document.querySelectorAll('[data-filter-check]'));
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll('[data-filter-severity]'));
  var onlyFlagged = document.getElementById('only-flagged');
  var shownCount = document.getElementById('shown-count');

  function activeSet(boxes, attribute) {
    var set = {};
    boxes.forEach(function (box) { if (box.checked) { set[box.getAttribute(attribute)] = true; } });
    return set;
  }
  function ids(element) {
    var value = element.getAttribute('data-findings') || '';
    return value ? value.split(' ') : [];
  }
  function apply() {
    var checks = activeSet(checkBoxes, 'data-filter-check');
    var severities = activeSet(severityBoxes, 'data-filter-severity');
    function visible(id) {
      var entry = data[id];
      return Boolean(entry && checks[entry[0]] && severities[entry[1]]);
    }
    var shown = 0;
    Object.keys(data).forEach(function (id) {
      var item = document.getElementById(id);
      var on = visible(id);
      if (on) { shown += 1; }
      if (item) { item.classList.toggle('hidden', !on); }
    });
    document.querySelectorAll('mark.finding').forEach(function (mark) {
      mark.classList.toggle('off', !ids(mark).some(visible));
    });
    document.querySelectorAll('li.note').forEach(function (note) {
      note.classList.toggle('hidden', !ids(note).some(visible));
    });
    document.querySelectorAll('tr.bead').forEach(function (row) {
      var flagged = ids(row).some(visible);
      row.classList.toggle('hidden', onlyFlagged.checked && !flagged);
    });
    document.querySelectorAll('details.group').forEach(function (group) {
      group.classList.toggle('hidden', !checks[group.getAttribute('data-check')]);
    });
    shownCount.textContent = shown + ' of ' + Object.keys(data).length + ' findings shown';
  }
  checkBoxes.concat(severityBoxes, [onlyFlagged]).forEach(function (box) {
    box.addEventListener('change', apply);
  });
  function setAll(value) {
    checkBoxes.forEach(function (box) { box.checked = value; });
    apply();
  }
  document.getElementById('checks-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('checks-none').addEventListener('click', function () { setAll(false); });
  document.querySelectorAll('#findings a[data-target]').forEach(function (link) {
    link.addEventListener('click', function () {
      var item = link.closest('li.item');
      var row = document.getElementById(link.getAttribute('data-target'));
      if (!item || !row) { return; }
      row.classList.remove('hidden');
      row.querySelectorAll('mark.finding').forEach(function (mark) {
        var hit = ids(mark).indexOf(item.id) >= 0;
        mark.classList.toggle('flash', hit);
      });
    });
  });
  // report.html#only=number-mismatch,deprecated-form shows only those checks;
  // report.html#flagged shows only the pairs with findings (join both with &)
  var params = {};
  window.location.hash.replace(/^#/, '').split('&').forEach(function (part) {
    if (!part) { return; }
    var at = part.indexOf('=');
    params[at < 0 ? part : part.slice(0, at)] = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
  });
  if (Object.prototype.hasOwnProperty.call(params, 'only')) {
    var wanted = params.only.split(',');
    checkBoxes.forEach(function (box) {
      box.checked = wanted.indexOf(box.getAttribute('data-filter-check')) >= 0;
    });
  }
  if (Object.prototype.hasOwnProperty.call(params, 'flagged')) { onlyFlagged.checked = true; }
  // Walk through the pairs with visible findings: buttons, or the j / k keys.
  var position = -1;
  function flaggedRows() {
    return Array.prototype.filter.call(document.querySelectorAll('tr.bead'), function (row) {
      return !row.classList.contains('hidden') && row.querySelector('li.note:not(.hidden)');
    });
  }
  function step(delta) {
    var rows = flaggedRows();
    if (!rows.length) { return; }
    position = (position + delta + rows.length) % rows.length;
    document.querySelectorAll('tr.current').forEach(function (row) { row.classList.remove('current'); });
    rows[position].classList.add('current');
    rows[position].scrollIntoView({block: 'center'});
  }
  document.getElementById('next-flagged').addEventListener('click', function () { step(1); });
  document.getElementById('previous-flagged').addEventListener('click', function () { step(-1); });
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || (target && target.tagName === 'INPUT')) { return; }
    if (event.key === 'j') { step(1); } else if (event.key === 'k') { step(-1); }
  });
  // A highlighted word shows its findings in the list.
  document.querySelectorAll('mark.finding').forEach(function (mark) {
    mark.addEventListener('click', function () {
      document.querySelectorAll('li.item.current').forEach(function (item) { item.classList.remove('current'); });
      ids(mark).forEach(function (id, index) {
        var item = document.getElementById(id);
        if (!item) { return; }
        item.classList.add('current');
        if (index === 0) { item.scrollIntoView({block: 'nearest'}); }
      });
    });
  });
  apply();
  document.body.setAttribute('data-ready', 'true');
}());
"""

__all__ = ["DEFAULT_TITLE", "SEVERITIES", "highlight", "render_html"]
