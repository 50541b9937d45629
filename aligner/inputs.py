"""Turn what a user names on the command line into documents to align.

Three shapes of input are accepted:

- a **mixed file**: one document holding both languages (an English abstract and its Chinese
  translation, a Chinese article with an English abstract...);
- an **English file and a Chinese file** of one document (``--en FILE --zh FILE``);
- a **folder**, searched recursively, whose files are paired by name within each
  sub-folder -- ``x.en``/``x.zh``, ``x_en.txt``/``x_zh.txt``, ``x-en.txt``/``x-zh.txt``,
  ``x.en.txt``/``x.zh.txt`` (language tags in any case) -- and whose other ``*.txt`` files
  are mixed documents. A document in a sub-folder is named by its relative path
  (``journal_a/doc1``), so names stay unique. Other files (``gold.jsonl``,
  ``README.md``...) and hidden files are not documents and are skipped. A language file
  without its partner is an error, never silently dropped: a half-aligned corpus is worse
  than none.

Files named on the command line are paired the same way when both halves are named;
a lone file is a mixed document whatever its name.

With ``presegmented`` the texts hold one sentence per line (see :mod:`aligner.document`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputError
from aligner.records import EN, ZH

# x.en | x.en.txt | x_en.txt | x-en.txt  (and zh); group 1 is the document name.
_PAIR_NAME = re.compile(r"^(.+?)(?:\.(en|zh)(?:\.txt)?|[_-](en|zh)\.txt)$", re.IGNORECASE)
MIXED_SUFFIXES = (".txt",)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class DocumentInput:
    """One document to align: either a mixed ``text`` or an ``en_text`` / ``zh_text`` pair."""

    doc: str
    text: str | None = None
    en_text: str | None = None
    zh_text: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def is_pair(self) -> bool:
        return self.text is None


def split_pair_name(name: str) -> tuple[str, str] | None:
    """``("x", "en")`` for ``x.en``, ``x_en.txt``, ``x.en.txt``...; None for other names."""
    match = _PAIR_NAME.match(name)
    if not match:
        return None
    lang = (match.group(2) or match.group(3)).lower()
    return match.group(1), lang


def document_name(path: Path) -> str:
    """The document id of a file: its name without the extension (and language tag)."""
    pair = split_pair_name(path.name)
    if pair:
        return pair[0]
    try:
        from aligner.reading import doc_id
    except ImportError:  # pragma: no cover - the reading module is part of the package
        return path.stem
    return doc_id(path)


def _read(path: Path) -> str:
    from aligner.reading import read_text

    text = read_text(path)
    if not text.strip():
        raise InputError(f"{path}: empty file, nothing to align")
    return text


def _looks_chinese(text: str) -> bool:
    return len(_HAN.findall(text)) > len(_LATIN.findall(text))


def read_pair(doc: str, en_path: Path, zh_path: Path) -> DocumentInput:
    """The two halves of a document, read and checked (not empty, not swapped)."""
    en_text, zh_text = _read(en_path), _read(zh_path)
    if _looks_chinese(en_text) and not _looks_chinese(zh_text):
        raise InputError(f"{en_path} looks Chinese and {zh_path} English: "
                         "are the English and Chinese files swapped?")
    return DocumentInput(doc, en_text=en_text, zh_text=zh_text,
                         sources=(str(en_path), str(zh_path)))


_Group = tuple[str, "Path | None", "Path | None", "Path | None"]  # (doc, mixed, en, zh)


def _pair_up(files: Sequence[Path], where: str) -> list[_Group]:
    """Group files into (doc, mixed, en, zh) in name order; unmatched halves are an error."""
    halves: dict[str, dict[str, Path]] = {}
    mixed: dict[str, Path] = {}
    for path in files:
        pair = split_pair_name(path.name)
        if pair:
            stem, lang = pair
            if lang in halves.setdefault(stem, {}):
                raise InputError(f"{where}: two {lang} files for document {stem!r}: "
                                 f"{halves[stem][lang]} and {path}")
            halves[stem][lang] = path
        else:
            mixed[str(path)] = path
    unmatched = [(stem, sides) for stem, sides in halves.items() if len(sides) == 1]
    if unmatched:
        stem, sides = unmatched[0]
        (lang, path), = sides.items()
        other = ZH if lang == EN else EN
        more = f" (and {len(unmatched) - 1} more)" if len(unmatched) > 1 else ""
        raise InputError(f"{path}: no matching {'Chinese' if other == ZH else 'English'} "
                         f"file for document {stem!r} in {where}{more}")
    groups = [(stem, None, sides[EN], sides[ZH]) for stem, sides in halves.items()]
    groups += [(document_name(path), path, None, None) for path in mixed.values()]
    return sorted(groups, key=lambda group: group[0])


def _folder_files(folder: Path) -> list[Path]:
    """Candidate document files under ``folder``, recursively, hidden ones skipped, sorted."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if split_pair_name(path.name) or path.suffix.lower() in MIXED_SUFFIXES:
            files.append(path)
    return files


def _folder_groups(folder: Path) -> list[_Group]:
    """Documents under ``folder``: pairs are matched inside each sub-folder, and a document
    in a sub-folder is named by its relative path (``journal_a/doc1``) so names stay unique."""
    by_folder: dict[Path, list[Path]] = {}
    for path in _folder_files(folder):
        by_folder.setdefault(path.parent, []).append(path)
    groups: list[_Group] = []
    for parent, files in sorted(by_folder.items()):
        prefix = parent.relative_to(folder).as_posix()
        for doc, mixed, en_path, zh_path in _pair_up(files, str(parent)):
            name = doc if prefix == "." else f"{prefix}/{doc}"
            groups.append((name, mixed, en_path, zh_path))
    return groups


@dataclass(frozen=True)
class PlannedInput:
    """A document named on the command line, not read yet: a mixed file or an en/zh pair.

    Planning and reading are separate so that a batch run can find every document first
    (structural errors such as an unpaired half stop it before any work) and then read each
    one on its own, reporting an unreadable file without giving up on the others.
    """

    doc: str
    mixed: Path | None = None
    en: Path | None = None
    zh: Path | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.mixed,) if self.mixed is not None else (self.en, self.zh)


def plan_inputs(paths: Iterable[str | Path] = (), *, en: str | Path | None = None,
                zh: str | Path | None = None) -> list[PlannedInput]:
    """The documents named by ``paths`` (files and folders) or by ``en`` + ``zh``, unread.

    Raises :class:`InputError` for a missing path, an unpaired language file, an empty folder,
    two documents with one name, or ``--en`` without ``--zh``.
    """
    paths = [Path(p) for p in paths]
    if en is not None or zh is not None:
        if en is None or zh is None:
            raise InputError("--en and --zh go together: give both the English and the "
                             "Chinese file")
        if paths:
            raise InputError("give either FILE/FOLDER arguments or --en/--zh, not both")
        en_path, zh_path = Path(en), Path(zh)
        for path in (en_path, zh_path):
            _check_file(path)
        return [PlannedInput(document_name(en_path), en=en_path, zh=zh_path)]
    if not paths:
        raise InputError("nothing to align: give FILE/FOLDER arguments or --en FILE --zh FILE")

    groups: list[_Group] = []
    loose_files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = _folder_groups(path)
            if not found:
                raise InputError(f"{path}: no documents in this folder (expected *.txt files "
                                 "or pairs such as x.en/x.zh)")
            groups += found
        else:
            _check_file(path)
            loose_files.append(path)
    groups += _pair_loose(loose_files)

    planned, seen = [], {}
    for doc, mixed, en_path, zh_path in groups:
        source = str(mixed or en_path)
        if doc in seen:
            raise InputError(f"two documents are both named {doc!r} ({seen[doc]} and {source}); "
                             "document names must be unique")
        seen[doc] = source
        planned.append(PlannedInput(doc, mixed, en_path, zh_path))
    return planned


def load_input(planned: PlannedInput) -> DocumentInput:
    """Read one planned document; InputError (naming the file) if it is unusable."""
    if planned.mixed is not None:
        return DocumentInput(planned.doc, text=_read(planned.mixed),
                             sources=(str(planned.mixed),))
    return read_pair(planned.doc, planned.en, planned.zh)


def collect_inputs(paths: Iterable[str | Path] = (), *, en: str | Path | None = None,
                   zh: str | Path | None = None) -> list[DocumentInput]:
    """The documents named by ``paths`` (files and folders) or by ``en`` + ``zh``, read.

    Raises :class:`InputError` for a missing path, an unpaired language file, an empty file,
    an empty folder, two documents with one name, or ``--en`` without ``--zh``.
    """
    return [load_input(planned) for planned in plan_inputs(paths, en=en, zh=zh)]


def _pair_loose(files: list[Path]) -> list[_Group]:
    """Files named one by one: both halves named → a pair; a lone half is a mixed document."""
    halves: dict[str, dict[str, Path]] = {}
    for path in files:
        pair = split_pair_name(path.name)
        if pair:
            halves.setdefault(str(path.parent / pair[0]), {})[pair[1]] = path
    groups = []
    done: set[str] = set()
    for path in files:
        pair = split_pair_name(path.name)
        key = str(path.parent / pair[0]) if pair else None
        if key and len(halves[key]) == 2:
            if key not in done:
                done.add(key)
                groups.append((pair[0], None, halves[key][EN], halves[key][ZH]))
        else:
            groups.append((document_name(path), path, None, None))
    return groups


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; --en and --zh take files")
