"""Reading and writing glossaries: tsv (default), csv, jsonl and TBX.

Every writer and reader here is a pair: ``loads_glossary(dumps_glossary(g, f), f)`` gives
back equal entries, so a glossary can travel through any format without loss.

- **tsv / csv**: a header row naming the columns (:data:`COLUMNS`); list cells are joined
  with ``"; "``, renderings are written ``form (count); form (count)``. A line starting with
  ``#`` is a comment; ``# signature: {json}`` carries the signature. TSV cells escape
  backslash, tab and newline as ``\\\\``, ``\\t``, ``\\n``. A user's own file with just
  ``en, zh[, category]`` columns, with or without a header, is accepted too.
- **jsonl**: one entry per line with the fields ``en, zh, category, abbr, frequency, docs,
  confidence, evidence, consistency, renderings, example``; an optional first line
  ``{"signature": {...}}``.
- **tbx**: TBX-Basic in the ISO 30042:2019 namespace (``urn:iso:std:iso:30042:ed-2``), one
  ``conceptEntry`` per pair with ``langSec`` ``en`` and ``zh-CN``; the category is the subject
  field, the abbreviation a second English term with ``termType`` ``acronym``, the example a
  ``context`` descrip on each term, the statistics ``note`` elements ``key: json``. The reader
  also accepts TBX 2008 (``martif``/``termEntry``/``langSet``/``tig``), and ``tbx2008``
  writes that older dialect for tools that do not read TBX v3 yet (translate-toolkit, older
  CAT tools).

A malformed file raises :class:`~glossary.errors.GlossaryError` naming the file and line.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from glossary.errors import GlossaryError
from glossary.records import CATEGORIES, OTHER, Glossary, TermPair

FORMATS = ("tsv", "csv", "jsonl", "tbx", "tbx2008")
DEFAULT_FORMAT = "tsv"

COLUMNS = ("en", "zh", "category", "abbr", "frequency", "docs", "confidence", "evidence",
           "consistency", "renderings", "example_en", "example_zh")
JSONL_FIELDS = ("en", "zh", "category", "abbr", "frequency", "docs", "confidence", "evidence",
                "consistency", "renderings", "example")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ZH_TBX_LANG = "zh-CN"
# The TBX-Basic (v3, DCA style) schemas a validator should use, as TBX files declare them.
_TBX_BASIC_SCHEMAS = (
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
)
_NOTE_KEYS = ("frequency", "docs", "confidence", "evidence", "consistency", "renderings")

_EXTENSIONS = {".tsv": "tsv", ".tab": "tsv", ".txt": "tsv", ".csv": "csv", ".jsonl": "jsonl",
               ".json": "jsonl", ".ndjson": "jsonl", ".tbx": "tbx", ".xml": "tbx"}


# ---------------------------------------------------------------- format choice

def format_for_path(path: str | os.PathLike[str] | None, format: str | None = None) -> str:
    """The format to use: the explicit one, else the file extension's, else tsv."""
    if format:
        name = format.lower()
        if name not in FORMATS:
            raise GlossaryError(f"unknown glossary format {format!r} (choose from {', '.join(FORMATS)})")
        return name
    if path is None:
        return DEFAULT_FORMAT
    return _EXTENSIONS.get(Path(path).suffix.lower(), DEFAULT_FORMAT)


# ---------------------------------------------------------------- public API

def read_glossary(path: str | os.PathLike[str], format: str | None = None) -> Glossary:
    """Read a glossary file in any supported format (chosen from ``format`` or the extension)."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise GlossaryError(f"{source}: cannot read glossary: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GlossaryError(f"{source}:{line}: glossary is not UTF-8 text") from None
    return loads_glossary(text, format_for_path(path, format), source=source)


def write_glossary(glossary: Glossary, path: str | os.PathLike[str], format: str | None = None) -> None:
    """Write ``glossary`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    _write_atomic(path, dumps_glossary(glossary, format_for_path(path, format)))


def dumps_glossary(glossary: Glossary, format: str = DEFAULT_FORMAT) -> str:
    """The glossary serialised in ``format``."""
    writer = {"tsv": _dump_tsv, "csv": _dump_csv, "jsonl": _dump_jsonl, "tbx": _dump_tbx,
              "tbx2008": _dump_tbx2008}
    return writer[format_for_path(None, format)](glossary)


def loads_glossary(text: str, format: str = DEFAULT_FORMAT, source: str = "<string>") -> Glossary:
    """Parse glossary ``text`` in ``format``; ``source`` names it in error messages."""
    reader = {"tsv": _load_tsv, "csv": _load_csv, "jsonl": _load_jsonl, "tbx": _load_tbx,
              "tbx2008": _load_tbx}
    glossary = reader[format_for_path(None, format)](text, source)
    if not glossary.entries:
        raise GlossaryError(f"{source}: glossary has no entries")
    return glossary


def _write_atomic(path: str | os.PathLike[str], text: str) -> None:
    try:
        from aligner.atomic import write_text_atomic
    except ImportError:  # pragma: no cover - only while the helper module is missing
        target = Path(path)
        temp = target.with_name(f".{target.name}.tmp")
        temp.write_text(text, encoding="utf-8", newline="")
        os.replace(temp, target)
        return
    write_text_atomic(path, text)


# ---------------------------------------------------------------- cell codecs

def _split_list(cell: str) -> tuple[str, ...]:
    """Split a ``"a; b"`` cell; ``\\;`` is a literal semicolon, ``\\\\`` a literal backslash."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in (";", "\\") else ch + nxt)
        elif ch == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return tuple(item.strip() for item in items if item.strip())


def _join_list(items) -> str:
    return "; ".join(str(i).replace("\\", "\\\\").replace(";", "\\;") for i in items)


def _render_renderings(renderings: dict[str, int]) -> str:
    return _join_list(f"{form} ({count})" for form, count in renderings.items())


def _parse_renderings(cell: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for item in _split_list(cell):
        match = re.fullmatch(r"(.*\S)\s*\((\d+)\)", item)
        if not match:
            raise ValueError(f"rendering {item!r} is not 'form (count)'")
        result[match.group(1)] = int(match.group(2))
    return result


def _format_float(value: float) -> str:
    return repr(float(value))


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}


def _tsv_escape(cell: str) -> str:
    return "".join(_TSV_ESCAPES.get(ch, ch) for ch in cell)


def _tsv_unescape(cell: str) -> str:
    return re.sub(r"\\[\\tnr#]", lambda m: _TSV_UNESCAPES.get(m.group(0), "#"), cell)


def _protect_comment_char(row: list[str]) -> list[str]:
    """A data row whose first cell starts with ``#`` must not read back as a comment line."""
    if row and row[0].startswith("#"):
        return ["\\" + row[0]] + row[1:]
    return row


# ---------------------------------------------------------------- rows (tsv / csv)

def _entry_to_row(entry: TermPair) -> list[str]:
    example_en, example_zh = entry.example if entry.example else ("", "")
    return [entry.en, entry.zh, entry.category, entry.abbr or "", str(entry.frequency),
            _join_list(entry.docs), _format_float(entry.confidence), _join_list(entry.evidence),
            _format_float(entry.consistency), _render_renderings(entry.renderings),
            example_en, example_zh]


def _row_to_entry(cells: dict[str, str]) -> TermPair:
    """Build an entry from the cells present; absent columns keep TermPair's defaults."""
    en, zh = cells.get("en", "").strip(), cells.get("zh", "").strip()
    if not en or not zh:
        raise ValueError("both 'en' and 'zh' must be non-empty")
    values: dict = {"en": en, "zh": zh}
    category = cells.get("category", "").strip().lower()
    if category:
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r} (expected one of {', '.join(CATEGORIES)})")
        values["category"] = category
    if cells.get("abbr", "").strip():
        values["abbr"] = cells["abbr"].strip()
    if cells.get("frequency", "").strip():
        values["frequency"] = int(cells["frequency"])
    if "docs" in cells:
        values["docs"] = _split_list(cells["docs"])
    if cells.get("confidence", "").strip():
        values["confidence"] = float(cells["confidence"])
    if "evidence" in cells:
        values["evidence"] = _split_list(cells["evidence"])
    if cells.get("consistency", "").strip():
        values["consistency"] = float(cells["consistency"])
    if "renderings" in cells:
        values["renderings"] = _parse_renderings(cells["renderings"])
    if cells.get("example_en") or cells.get("example_zh"):
        values["example"] = (cells.get("example_en", ""), cells.get("example_zh", ""))
    return TermPair(**values)


def _signature_comment(glossary: Glossary) -> list[str]:
    if not glossary.signature:
        return []
    return ["# signature: " + json.dumps(glossary.signature, ensure_ascii=False, sort_keys=True)]


def _rows_to_glossary(rows: list[tuple[int, list[str]]], source: str) -> Glossary:
    """Turn (line number, cells) rows into a Glossary; comments already removed.

    With a header row (first row names ``en`` and ``zh``) columns are taken by name; without
    one the columns are ``en, zh[, category]`` in that order.
    """
    signature: dict = {}
    entries: list[TermPair] = []
    header: list[str] | None = None
    for index, (line, cells) in enumerate(rows):
        if index == 0 and _is_header(cells):
            header = [c.strip().lower() for c in cells]
            unknown = [c for c in header if c and c not in COLUMNS]
            if unknown:
                raise GlossaryError(f"{source}:{line}: unknown column {unknown[0]!r} "
                                    f"(known: {', '.join(COLUMNS)})")
            continue
        if header is None:
            if len(cells) < 2 or len(cells) > 3:
                raise GlossaryError(f"{source}:{line}: expected 2 or 3 columns (en, zh[, category]) "
                                    f"without a header row, found {len(cells)}")
            names = ["en", "zh", "category"][: len(cells)]
        else:
            if len(cells) > len(header):
                raise GlossaryError(f"{source}:{line}: {len(cells)} columns but the header has {len(header)}")
            names = header
        try:
            entries.append(_row_to_entry(dict(zip(names, cells))))
        except (ValueError, TypeError) as error:
            raise GlossaryError(f"{source}:{line}: {error}") from None
    return Glossary(entries=entries, signature=signature)


def _is_header(cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    return "en" in names and "zh" in names


def _signature_of(comment: str) -> dict | None:
    """The signature a ``# signature: {json}`` comment line carries, else None."""
    if not comment.startswith("# signature:"):
        return None
    try:
        return json.loads(comment.split(":", 1)[1])
    except json.JSONDecodeError:
        return None


def _split_comments(text: str) -> tuple[dict, list[tuple[int, str]]]:
    """Separate ``#`` comment lines (and the signature) from data lines, keeping line numbers."""
    signature: dict = {}
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            signature = _signature_of(line) or signature
            continue
        if line.strip():
            lines.append((number, line))
    return signature, lines


def _dump_tsv(glossary: Glossary) -> str:
    lines = _signature_comment(glossary) + ["\t".join(COLUMNS)]
    for entry in glossary.entries:
        cells = [_tsv_escape(cell) for cell in _entry_to_row(entry)]
        lines.append("\t".join(_protect_comment_char(cells)))
    return "\n".join(lines) + "\n"


def _load_tsv(text: str, source: str) -> Glossary:
    signature, lines = _split_comments(text)
    rows = [(number, [_tsv_unescape(c) for c in line.rstrip("\r").split("\t")])
            for number, line in lines]
    glossary = _rows_to_glossary(rows, source)
    glossary.signature = signature
    return glossary


def _dump_csv(glossary: Glossary) -> str:
    buffer = io.StringIO()
    for comment in _signature_comment(glossary):
        buffer.write(comment + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for entry in glossary.entries:
        row = _entry_to_row(entry)
        # a quoted "#…" first cell is data: only a line starting with a bare # is a comment
        (quoted if row[0].startswith("#") else writer).writerow(row)
    return buffer.getvalue()


def _load_csv(text: str, source: str) -> Glossary:
    signature: dict = {}
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    physical = text.splitlines()
    line = 1
    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not record or not any(cell.strip() for cell in record):
                continue
            if physical[start - 1].startswith("#"):
                signature = _signature_of(",".join(record)) or signature
                continue
            rows.append((start, record))
    except csv.Error as error:
        raise GlossaryError(f"{source}:{reader.line_num}: malformed CSV: {error}") from None
    glossary = _rows_to_glossary(rows, source)
    glossary.signature = signature
    return glossary


# ---------------------------------------------------------------- jsonl

def entry_to_json(entry: TermPair) -> dict:
    """The jsonl record of one entry (field order fixed by :data:`JSONL_FIELDS`)."""
    return {"en": entry.en, "zh": entry.zh, "category": entry.category, "abbr": entry.abbr,
            "frequency": entry.frequency, "docs": list(entry.docs),
            "confidence": entry.confidence, "evidence": list(entry.evidence),
            "consistency": entry.consistency, "renderings": dict(entry.renderings),
            "example": list(entry.example) if entry.example else None}


def entry_from_json(record: dict) -> TermPair:
    """Inverse of :func:`entry_to_json`; unknown keys (``alt_en``, ``note``…) are ignored."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    cells = {}
    for key in ("en", "zh"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"field {key!r} must be a non-empty string")
        cells[key] = value.strip()
    category = record.get("category") or OTHER
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    example = record.get("example")
    if example is not None:
        if not (isinstance(example, (list, tuple)) and len(example) == 2):
            raise ValueError("field 'example' must be [english, chinese]")
        example = (str(example[0]), str(example[1]))
    evidence = record.get("evidence") or ()
    if isinstance(evidence, str):
        evidence = (evidence,)
    renderings = record.get("renderings") or {}
    if not isinstance(renderings, dict):
        raise ValueError("field 'renderings' must be an object {form: count}")
    return TermPair(
        en=cells["en"], zh=cells["zh"], category=category, abbr=record.get("abbr") or None,
        frequency=int(record.get("frequency") or 0), docs=tuple(record.get("docs") or ()),
        confidence=float(record.get("confidence") or 0.0), evidence=tuple(evidence),
        consistency=float(record["consistency"]) if record.get("consistency") is not None else 1.0,
        renderings={str(k): int(v) for k, v in renderings.items()}, example=example)


def _dump_jsonl(glossary: Glossary) -> str:
    lines = []
    if glossary.signature:
        lines.append(json.dumps({"signature": glossary.signature}, ensure_ascii=False, sort_keys=True))
    lines += [json.dumps(entry_to_json(e), ensure_ascii=False) for e in glossary.entries]
    return "\n".join(lines) + "\n"


def _load_jsonl(text: str, source: str) -> Glossary:
    glossary = Glossary()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GlossaryError(f"{source}:{number}: invalid JSON: {error.msg}") from None
        if isinstance(record, dict) and set(record) == {"signature"}:
            glossary.signature = dict(record["signature"] or {})
            continue
        try:
            glossary.entries.append(entry_from_json(record))
        except (ValueError, TypeError) as error:
            raise GlossaryError(f"{source}:{number}: {error}") from None
    return glossary


# ---------------------------------------------------------------- TBX

def _dump_tbx(glossary: Glossary) -> str:
    return _dump_tbx_version(glossary, TBX_NS)


def _dump_tbx2008(glossary: Glossary) -> str:
    return _dump_tbx_version(glossary, None)


def _dump_tbx_version(glossary: Glossary, namespace: str | None) -> str:
    """TBX-Basic: 2019 (``namespace`` set: tbx/conceptEntry/langSec/termSec) or 2008 (martif)."""
    v3 = namespace is not None
    if v3:
        ET.register_namespace("", namespace)
    q = (lambda tag: f"{{{namespace}}}{tag}") if v3 else (lambda tag: tag)
    names = {"root": "tbx" if v3 else "martif", "header": "tbxHeader" if v3 else "martifHeader",
             "entry": "conceptEntry" if v3 else "termEntry", "lang": "langSec" if v3 else "langSet",
             "term": "termSec" if v3 else "tig"}
    attributes = {"type": "TBX-Basic", XML_LANG: "en"}
    if v3:
        attributes["style"] = "dca"
    root = ET.Element(q(names["root"]), attributes)
    header = ET.SubElement(root, q(names["header"]))
    file_desc = ET.SubElement(header, q("fileDesc"))
    source_desc = ET.SubElement(file_desc, q("sourceDesc"))
    ET.SubElement(source_desc, q("p")).text = "duizhao glossary"
    if glossary.signature:
        ET.SubElement(source_desc, q("p"), {"type": "signature"}).text = json.dumps(
            glossary.signature, ensure_ascii=False, sort_keys=True)
    body = ET.SubElement(ET.SubElement(root, q("text")), q("body"))
    for number, entry in enumerate(glossary.entries, start=1):
        concept = ET.SubElement(body, q(names["entry"]), {"id": f"c{number}"})
        ET.SubElement(concept, q("descrip"), {"type": "subjectField"}).text = entry.category
        values = {"frequency": entry.frequency, "docs": list(entry.docs),
                  "confidence": entry.confidence, "evidence": list(entry.evidence),
                  "consistency": entry.consistency, "renderings": dict(entry.renderings)}
        for key in _NOTE_KEYS:
            ET.SubElement(concept, q("note")).text = f"{key}: " + json.dumps(values[key], ensure_ascii=False)
        for lang, term, context in (("en", entry.en, entry.example[0] if entry.example else None),
                                    (ZH_TBX_LANG, entry.zh, entry.example[1] if entry.example else None)):
            lang_sec = ET.SubElement(concept, q(names["lang"]), {XML_LANG: lang})
            term_sec = ET.SubElement(lang_sec, q(names["term"]))
            ET.SubElement(term_sec, q("term")).text = term
            ET.SubElement(term_sec, q("termNote"), {"type": "termType"}).text = "fullForm"
            if context is not None:
                ET.SubElement(term_sec, q("descrip"), {"type": "context"}).text = context
            if lang == "en" and entry.abbr:
                abbr_sec = ET.SubElement(lang_sec, q(names["term"]))
                ET.SubElement(abbr_sec, q("term")).text = entry.abbr
                ET.SubElement(abbr_sec, q("termNote"), {"type": "termType"}).text = "acronym"
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + (_TBX_BASIC_SCHEMAS if v3 else "") + xml + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _load_tbx(text: str, source: str) -> Glossary:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        line = error.position[0] if error.position else 0
        raise GlossaryError(f"{source}:{line}: malformed TBX: {error}") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"{source}:1: not a TBX file (root element <{_local(root.tag)}>)")
    glossary = Glossary()
    for element in root.iter():
        if _local(element.tag) == "p" and element.get("type") == "signature" and element.text:
            try:
                glossary.signature = json.loads(element.text)
            except json.JSONDecodeError:
                pass
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    for number, entry_element in enumerate(entries, start=1):
        try:
            glossary.entries.extend(_tbx_entries(entry_element))
        except (ValueError, TypeError) as error:
            where = entry_element.get("id") or f"entry {number}"
            raise GlossaryError(f"{source}: {where}: {error}") from None
    return glossary


def _tbx_entries(concept: ET.Element) -> list[TermPair]:
    """The pairs of one concept entry (TBX 2019 or 2008): each Chinese term with the English one.

    Deprecated terms (administrativeStatus) are skipped: they are not approved renderings.
    """
    category, notes = OTHER, {}
    for child in concept:
        name = _local(child.tag)
        if name in ("descrip", "descripGrp"):
            descrip = child if name == "descrip" else (_children(child, "descrip") or [child])[0]
            if descrip.get("type") == "subjectField" and descrip.text:
                value = descrip.text.strip().lower()
                category = value if value in CATEGORIES else OTHER
        elif name == "note" and child.text and ":" in child.text:
            key, value = child.text.split(":", 1)
            if key.strip() in _NOTE_KEYS:
                notes[key.strip()] = json.loads(value)
    english: list[tuple[str, str | None]] = []
    chinese: list[tuple[str, str | None]] = []
    abbr = None
    for lang, term, term_type, status, context in _concept_terms(concept):
        if not term or "deprecated" in status:
            continue
        if lang.startswith("en"):
            if term_type in ("acronym", "abbreviation", "shortForm", "initialism"):
                abbr = abbr or term
            else:
                english.append((term, context))
        elif lang.startswith("zh"):
            chinese.append((term, context))
    if not english or not chinese:
        return []
    en, en_context = english[0]
    pairs = []
    for zh, zh_context in chinese:
        example = (en_context, zh_context) if en_context is not None and zh_context is not None else None
        pairs.append(TermPair(
            en=en, zh=zh, category=category, abbr=abbr,
            frequency=int(notes.get("frequency", 0)), docs=tuple(notes.get("docs", ())),
            confidence=float(notes.get("confidence", 0.0)), evidence=tuple(notes.get("evidence", ())),
            consistency=float(notes.get("consistency", 1.0)),
            renderings={str(k): int(v) for k, v in (notes.get("renderings") or {}).items()},
            example=example))
    return pairs


def _concept_terms(concept: ET.Element):
    """(language, term, term type, status, context) of every term of a TBX 2019 or 2008 concept."""
    for lang_sec in concept:
        if _local(lang_sec.tag) not in ("langSec", "langSet"):
            continue
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").lower()
        for term_sec in lang_sec:
            if _local(term_sec.tag) in ("termSec", "tig", "ntig"):
                yield (lang, *_term_fields(term_sec))


def _term_fields(term_sec: ET.Element) -> tuple[str, str, str, str | None]:
    term, term_type, status, context = "", "", "", None
    for element in term_sec.iter():
        name, kind = _local(element.tag), element.get("type")
        if name == "term":
            term = "".join(element.itertext()).strip()
        elif name == "termNote" and kind == "termType":
            term_type = (element.text or "").strip()
        elif name == "termNote" and kind == "administrativeStatus":
            status = (element.text or "").strip()
        elif name == "descrip" and kind == "context":
            context = element.text or ""
    return term, term_type, status, context


# ---------------------------------------------------------------- TBX term status → synonym families

def glossary_families(path: str | os.PathLike[str], format: str | None = None) -> list:
    """Synonym families a glossary file declares: for TBX, each concept whose Chinese terms
    carry an administrative status (preferredTerm / admittedTerm / deprecatedTerm) becomes a
    family (preferred ``*``, deprecated ``!``), so ``duizhao check --glossary`` reports the
    deprecated terms a terminologist marked. Other formats declare none."""
    from glossary.synonyms import Family, Form

    if format_for_path(path, format) not in ("tbx", "tbx2008"):
        return []
    try:
        root = ET.fromstring(Path(path).read_bytes())
    except (OSError, ET.ParseError):
        return []  # read_glossary reports unreadable files
    families = []
    for concept in (e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")):
        english, forms = "", []
        for lang, term, term_type, status, _ in _concept_terms(concept):
            if not term:
                continue
            if lang.startswith("en") and not english and term_type not in ("acronym", "abbreviation"):
                english = term
            elif lang.startswith("zh") and term not in [f.text for f in forms]:
                forms.append(Form(term, preferred="preferred" in status, deprecated="deprecated" in status))
        if english and len(forms) >= 2 and any(f.deprecated or f.preferred for f in forms):
            if sum(f.preferred for f in forms) > 1:
                forms = [Form(f.text, False, f.deprecated) for f in forms]
            families.append(Family(concept=english, forms=tuple(forms), source=str(path)))
    return families
