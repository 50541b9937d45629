"""Aligned-pair file formats: JSONL, TSV and TMX 1.4b, written and read back.

The glossary builder and the checker consume what ``duizhao align`` writes, so every format
has a reader here, and writing then reading gives back the same beads (TMX keeps only paired
beads; TSV keeps one text per side, see below).

- **jsonl** (default): one bead per line, keys in this order: ``doc``, ``en``, ``zh`` (0-based
  indices into the document's English / Chinese sentence lists), ``en_text``, ``zh_text``,
  ``confidence`` (rounded to :data:`CONFIDENCE_DIGITS` decimals). UTF-8, not ASCII-escaped.
  Unpaired sentences are beads with an empty side.
- **tsv**: one bead per line, no header row, columns ``en``, ``zh``, ``confidence``, ``doc``
  (the issue's three columns first, so ``cut -f1,2`` gives the bitext; ``doc`` last). An
  unpaired sentence keeps its row with an empty cell. Tabs and line breaks inside a text are
  replaced by one space so that a row is always one bead. Sentence indices are not stored: read
  back, each non-empty side counts as one sentence.
- **tmx**: TMX 1.4b, one ``<tu>`` per *paired* bead (a translation memory holds translations,
  not untranslated sentences), with ``x-doc``, ``x-confidence``, ``x-en-index``,
  ``x-zh-index`` props so the beads can be restored. Languages ``en`` and ``zh-CN`` by default
  (see :class:`FormatOptions`). The header carries the run's signature as an
  ``x-duizhao-signature`` prop. Characters that XML 1.0 cannot hold (C0 controls other than
  tab and line breaks) are dropped.

The signature (toolkit version plus the options that shaped the output) goes in the TMX
header; for the one-bead-per-line formats the CLI prints it on stderr, so the files stay pure
data that ``wc -l``, ``cut`` and ``jq`` handle without special cases.
"""
from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from aligner.errors import InputError
from aligner.records import EN, SENTENCE, ZH, AlignedDocument, Bead, Segment

JSONL = "jsonl"
TSV = "tsv"
TMX = "tmx"
FORMATS = (JSONL, TSV, TMX)
DEFAULT_FORMAT = JSONL
CONFIDENCE_DIGITS = 4

_EXTENSIONS = {".jsonl": JSONL, ".ndjson": JSONL, ".tsv": TSV, ".tab": TSV, ".tmx": TMX}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# C0 controls other than \t \n \r, plus the two non-characters: not allowed in XML 1.0.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Everything str.splitlines() would break a row on, plus tabs.
_TSV_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True)
class FormatOptions:
    """How aligned pairs are written (not what is aligned)."""

    en_lang: str = "en"
    zh_lang: str = "zh-CN"
    confidence_digits: int = CONFIDENCE_DIGITS
    signature: str | None = None


# --------------------------------------------------------------------------- writing


def format_for_path(path: str | Path, default: str | None = None) -> str:
    """The format a file name implies (``.jsonl``, ``.tsv``, ``.tmx``), else ``default``."""
    fmt = _EXTENSIONS.get(Path(path).suffix.lower(), default)
    if fmt is None:
        raise InputError(f"{path}: cannot tell the format from the extension; "
                         f"use one of {', '.join(sorted(_EXTENSIONS))} or give the format")
    return fmt


def round_confidence(value: float, digits: int = CONFIDENCE_DIGITS) -> float:
    """Confidence as written: rounded, clamped to [0, 1], never ``-0.0`` or NaN."""
    if not math.isfinite(value):
        value = 0.0
    return round(min(1.0, max(0.0, value)), digits) + 0.0


def bead_record(doc: str, bead: Bead, digits: int = CONFIDENCE_DIGITS) -> dict[str, object]:
    """The JSONL object of one bead, keys in their documented order."""
    return {
        "doc": doc,
        "en": list(bead.en),
        "zh": list(bead.zh),
        "en_text": bead.en_text,
        "zh_text": bead.zh_text,
        "confidence": round_confidence(bead.confidence, digits),
    }


def iter_jsonl(documents: Iterable[AlignedDocument],
               options: FormatOptions = FormatOptions()) -> Iterator[str]:
    """JSONL lines (with their newline), one per bead, documents in the given order."""
    for document in documents:
        for bead in document.beads:
            record = bead_record(document.doc, bead, options.confidence_digits)
            yield json.dumps(record, ensure_ascii=False) + "\n"


def tsv_cell(text: str) -> str:
    """Text made safe for one TSV cell: tabs and line breaks become one space."""
    return _TSV_BREAKS.sub(" ", text)


def iter_tsv(documents: Iterable[AlignedDocument],
             options: FormatOptions = FormatOptions()) -> Iterator[str]:
    """TSV rows ``en<TAB>zh<TAB>confidence<TAB>doc``, one per bead."""
    digits = options.confidence_digits
    for document in documents:
        for bead in document.beads:
            confidence = f"{round_confidence(bead.confidence, digits):.{digits}f}"
            cells = (tsv_cell(bead.en_text), tsv_cell(bead.zh_text), confidence,
                     tsv_cell(document.doc))
            yield "\t".join(cells) + "\n"


def xml_text(text: str) -> str:
    """Text escaped for XML element content, with XML-illegal characters dropped.

    ``\r`` becomes a character reference: a parser would otherwise normalise it to ``\n``.
    """
    return escape(_XML_ILLEGAL.sub("", text), {"\r": "&#13;"})


def xml_attr(text: str) -> str:
    """A quoted XML attribute value, with XML-illegal characters dropped."""
    return quoteattr(_XML_ILLEGAL.sub("", text), {"\r": "&#13;"})


def _indices(indices: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in indices)


def iter_tmx(documents: Iterable[AlignedDocument],
             options: FormatOptions = FormatOptions()) -> Iterator[str]:
    """A TMX 1.4b document in pieces; only paired beads become translation units."""
    from aligner import __version__  # late: the package imports this module

    header_attrs = (
        ("creationtool", "duizhao"),
        ("creationtoolversion", __version__),
        ("segtype", "sentence"),
        ("o-tmf", "duizhao"),
        ("adminlang", "en"),
        ("srclang", options.en_lang),
        ("datatype", "plaintext"),
    )
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    yield "  <header " + " ".join(f"{k}={xml_attr(v)}" for k, v in header_attrs)
    if options.signature:
        yield (">\n    <prop type=\"x-duizhao-signature\">"
               f"{xml_text(options.signature)}</prop>\n  </header>\n")
    else:
        yield "/>\n"
    yield "  <body>\n"
    en_lang, zh_lang = xml_attr(options.en_lang), xml_attr(options.zh_lang)
    for document in documents:
        for number, bead in enumerate(document.beads):
            if not bead.paired:
                continue
            confidence = f"{round_confidence(bead.confidence, options.confidence_digits)}"
            yield (
                f"    <tu tuid={xml_attr(f'{document.doc}:{number}')}>\n"
                f"      <prop type=\"x-doc\">{xml_text(document.doc)}</prop>\n"
                f"      <prop type=\"x-confidence\">{confidence}</prop>\n"
                f"      <prop type=\"x-en-index\">{_indices(bead.en)}</prop>\n"
                f"      <prop type=\"x-zh-index\">{_indices(bead.zh)}</prop>\n"
                f"      <tuv xml:lang={en_lang}><seg>{xml_text(bead.en_text)}</seg></tuv>\n"
                f"      <tuv xml:lang={zh_lang}><seg>{xml_text(bead.zh_text)}</seg></tuv>\n"
                "    </tu>\n"
            )
    yield "  </body>\n</tmx>\n"


_WRITERS = {JSONL: iter_jsonl, TSV: iter_tsv, TMX: iter_tmx}


def iter_aligned(documents: Iterable[AlignedDocument], fmt: str = DEFAULT_FORMAT,
                 options: FormatOptions = FormatOptions()) -> Iterator[str]:
    """The text of ``documents`` in format ``fmt``, in pieces (streams: no whole-corpus string)."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(documents, options)


def write_aligned(documents: Iterable[AlignedDocument], stream: IO[str],
                  fmt: str = DEFAULT_FORMAT, options: FormatOptions = FormatOptions()) -> None:
    """Write ``documents`` to an open text stream in format ``fmt``."""
    for piece in iter_aligned(documents, fmt, options):
        stream.write(piece)


def format_aligned(documents: Iterable[AlignedDocument], fmt: str = DEFAULT_FORMAT,
                   options: FormatOptions = FormatOptions()) -> str:
    """The whole text of ``documents`` in format ``fmt``."""
    return "".join(iter_aligned(documents, fmt, options))


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Row:
    doc: str
    bead: Bead


def _documents_from_rows(rows: Iterable[_Row]) -> list[AlignedDocument]:
    """Group beads by document (first-appearance order) and rebuild the sentence lists.

    Files store beads, not sentences, so a sentence's own text is known only when its bead
    holds it alone on that side. For a side of several sentences the bead's joined text is
    given to the first of them and the others get ``""``: concatenating a bead's sentences
    still gives the bead text, and nothing is invented. Offsets into the original are not
    stored, so rebuilt segments have ``start == end == -1``.
    """
    beads_by_doc: dict[str, list[Bead]] = {}
    for row in rows:
        beads_by_doc.setdefault(row.doc, []).append(row.bead)
    documents = []
    for doc, beads in beads_by_doc.items():
        texts: dict[str, dict[int, str]] = {EN: {}, ZH: {}}
        for bead in beads:
            for lang, indices, text in ((EN, bead.en, bead.en_text), (ZH, bead.zh, bead.zh_text)):
                for position, index in enumerate(indices):
                    texts[lang].setdefault(index, text if position == 0 else "")

        def segments(lang: str) -> list[Segment]:
            by_index = texts[lang]
            size = max(by_index, default=-1) + 1
            return [Segment(doc, lang, SENTENCE, by_index.get(i, ""), -1, -1)
                    for i in range(size)]

        documents.append(AlignedDocument(doc, segments(EN), segments(ZH), beads))
    return documents


def _index_list(value: object, where: str, key: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in value):
        raise InputError(f"{where}: {key!r} must be a list of non-negative integers")
    return tuple(value)


def _confidence(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(f"{where}: 'confidence' must be a number between 0 and 1")
    return float(value)


def parse_jsonl(text: str, source: str = "<jsonl>") -> list[AlignedDocument]:
    """Aligned documents from JSONL text; malformed input raises InputError naming the line."""
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object per line")
        missing = [k for k in ("doc", "en", "zh", "en_text", "zh_text") if k not in record]
        if missing:
            raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
        for key in ("doc", "en_text", "zh_text"):
            if not isinstance(record[key], str):
                raise InputError(f"{where}: {key!r} must be a string")
        en = _index_list(record["en"], where, "en")
        zh = _index_list(record["zh"], where, "zh")
        if not en and not zh:
            raise InputError(f"{where}: a bead needs at least one sentence")
        confidence = _confidence(record.get("confidence", 1.0), where)
        rows.append(_Row(record["doc"],
                         Bead(en, zh, record["en_text"], record["zh_text"], confidence)))
    return _documents_from_rows(rows)


def parse_tsv(text: str, source: str = "<tsv>", default_doc: str = "") -> list[AlignedDocument]:
    """Aligned documents from TSV rows ``en, zh[, confidence[, doc]]``.

    Each non-empty side is taken as one sentence (TSV does not store sentence indices), so
    indices are renumbered per document and side in row order.
    """
    rows = []
    next_index: dict[tuple[str, str], int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line = line.rstrip("\r")
        where = f"{source}:{number}"
        cells = line.split("\t")
        if not 2 <= len(cells) <= 4:
            raise InputError(f"{where}: expected 2 to 4 tab-separated columns "
                             f"(en, zh, confidence, doc), found {len(cells)}")
        en_text, zh_text = cells[0], cells[1]
        if not en_text.strip() and not zh_text.strip():
            raise InputError(f"{where}: both the English and the Chinese cell are empty")
        confidence = 1.0
        if len(cells) >= 3 and cells[2].strip():
            try:
                confidence = float(cells[2])
            except ValueError:
                raise InputError(f"{where}: confidence {cells[2]!r} is not a number") from None
            confidence = _confidence(confidence, where)
        doc = cells[3] if len(cells) == 4 else default_doc

        def take(lang: str, cell: str) -> tuple[int, ...]:
            if not cell.strip():
                return ()
            index = next_index.get((doc, lang), 0)
            next_index[(doc, lang)] = index + 1
            return (index,)

        bead = Bead(take(EN, en_text), take(ZH, zh_text), en_text, zh_text, confidence)
        rows.append(_Row(doc, bead))
    return _documents_from_rows(rows)


def _seg_text(tuv: ET.Element) -> str:
    seg = tuv.find("seg")
    # itertext() keeps the text of inline markup (<ph>, <bpt>...) that foreign TMX may hold.
    return "".join(seg.itertext()) if seg is not None else ""


def parse_tmx(data: str | bytes, source: str = "<tmx>", default_doc: str = "",
              en_prefix: str = "en", zh_prefix: str = "zh") -> list[AlignedDocument]:
    """Aligned documents from TMX; the ``x-`` props written by duizhao restore doc, indices
    and confidence, and TMX from other tools gets sequential indices and confidence 1."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        line, column = error.position
        raise InputError(f"{source}:{line}: not well-formed XML (column {column + 1})") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise InputError(f"{source}: not a TMX file (no <tmx><body>)")
    rows = []
    next_index: dict[tuple[str, str], int] = {}
    for number, tu in enumerate(root.iter("tu"), start=1):
        where = f"{source}: <tu> #{number}"
        props = {p.get("type"): (p.text or "") for p in tu.findall("prop")}
        texts = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
            for key, prefix in ((EN, en_prefix), (ZH, zh_prefix)):
                if lang.split("-")[0] == prefix.lower() and key not in texts:
                    texts[key] = _seg_text(tuv)
        if EN not in texts or ZH not in texts:
            raise InputError(f"{where}: needs an English and a Chinese <tuv>")
        doc = props.get("x-doc", default_doc)
        indices = {}
        for lang in (EN, ZH):
            stored = props.get(f"x-{lang}-index")
            if stored is not None:
                try:
                    indices[lang] = tuple(int(i) for i in stored.split())
                except ValueError:
                    raise InputError(f"{where}: bad x-{lang}-index {stored!r}") from None
            else:
                index = next_index.get((doc, lang), 0)
                next_index[(doc, lang)] = index + 1
                indices[lang] = (index,)
        confidence = 1.0
        if "x-confidence" in props:
            try:
                confidence = _confidence(float(props["x-confidence"]), where)
            except ValueError:
                raise InputError(f"{where}: bad x-confidence "
                                 f"{props['x-confidence']!r}") from None
        rows.append(_Row(doc, Bead(indices[EN], indices[ZH], texts[EN], texts[ZH], confidence)))
    return _documents_from_rows(rows)


def read_aligned(path: str | Path, fmt: str | None = None) -> list[AlignedDocument]:
    """Aligned documents from a file written by ``duizhao align`` (or compatible).

    The format is guessed from the extension unless given. Bad input raises
    :class:`InputError` naming the file and line.
    """
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected an aligned file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if fmt == TMX:
        return parse_tmx(data, str(path), default_doc=path.stem)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8") from None
    if fmt == JSONL:
        return parse_jsonl(text, str(path))
    return parse_tsv(text, str(path), default_doc=path.stem)


__all__ = [
    "DEFAULT_FORMAT", "FORMATS", "FormatOptions", "bead_record", "format_aligned",
    "format_for_path", "iter_aligned", "parse_jsonl", "parse_tmx", "parse_tsv", "read_aligned",
    "round_confidence", "write_aligned",
]
