"""Synonym families: forms that name one concept (泼尼松/强的松, 狼疮肾炎/狼疮性肾炎…).

The shipped families live in ``glossary/data/synonyms.tsv`` (its header documents the
format); a user's own file in the same format is merged over them
(:func:`load_families`). Parsing is pure (:func:`parse_families`); the shipped file is read
once per process.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from glossary.errors import GlossaryError

INFO, WARNING, ERROR = "info", "warning", "error"
SEVERITIES = (INFO, WARNING, ERROR)
_LEVELS = {"info", "warning", "error", "minor", "morpheme"}


@dataclass(frozen=True)
class Form:
    """One written form of a concept; ``bound`` forms also end longer words (单抗)."""

    text: str
    preferred: bool = False
    deprecated: bool = False
    bound: bool = False

    @property
    def is_english(self) -> bool:
        return all(ord(ch) < 0x2E80 for ch in self.text)


@dataclass(frozen=True)
class Family:
    """Forms of one concept and how serious mixing them is."""

    concept: str
    forms: tuple[Form, ...]
    severity: str = WARNING
    minor: bool = False
    morpheme: bool = False  # forms are word parts: uses inside longer words count
    note: str = ""
    source: str = ""  # "file:line", for messages about the family itself

    @property
    def preferred(self) -> Form | None:
        return next((f for f in self.forms if f.preferred), None)

    def form(self, text: str) -> Form | None:
        return next((f for f in self.forms if f.text == text), None)


def parse_form(token: str) -> Form:
    """``*泼尼松`` → preferred, ``!强的松`` → deprecated, ``^单抗`` → bound; prefixes combine."""
    preferred = deprecated = bound = False
    text = token.strip()
    while text[:1] in ("*", "!", "^"):
        preferred |= text[0] == "*"
        deprecated |= text[0] == "!"
        bound |= text[0] == "^"
        text = text[1:].strip()
    return Form(text=text, preferred=preferred, deprecated=deprecated, bound=bound)


def parse_families(text: str, source: str = "<synonyms>") -> list[Family]:
    """Families from the text of a synonyms file; a malformed line raises GlossaryError."""
    families: list[Family] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\r\n").split("\t")
        where = f"{source}:{number}"
        if len(cells) < 2 or len(cells) > 4:
            raise GlossaryError(f"{where}: expected 2 to 4 tab-separated columns "
                                f"(concept, forms[, level[, note]]), found {len(cells)}")
        concept = cells[0].strip()
        forms = tuple(parse_form(t) for t in cells[1].split("|") if t.strip())
        if not concept:
            raise GlossaryError(f"{where}: empty concept name")
        if len(forms) < 2 or any(not f.text for f in forms):
            raise GlossaryError(f"{where}: a family needs at least two non-empty forms separated by ' | '")
        if len({f.text for f in forms}) != len(forms):
            raise GlossaryError(f"{where}: a form is listed twice")
        if sum(f.preferred for f in forms) > 1:
            raise GlossaryError(f"{where}: more than one preferred (*) form")
        flags = {flag.strip().lower() for flag in (cells[2] if len(cells) > 2 else "").split(",") if flag.strip()}
        unknown = flags - _LEVELS
        if unknown:
            raise GlossaryError(f"{where}: unknown level {sorted(unknown)[0]!r} "
                                f"(use {', '.join(sorted(_LEVELS))})")
        minor = "minor" in flags
        severity = next((s for s in (ERROR, WARNING, INFO) if s in flags), INFO if minor else WARNING)
        families.append(Family(concept=concept, forms=forms, severity=severity, minor=minor,
                               morpheme="morpheme" in flags,
                               note=cells[3].strip() if len(cells) > 3 else "", source=where))
    return families


def merge_families(base: list[Family], extra: list[Family]) -> list[Family]:
    """``extra`` families replace same-named ``base`` families and add new ones."""
    names = {f.concept.casefold() for f in extra}
    return [f for f in base if f.concept.casefold() not in names] + list(extra)


@cache
def shipped_families() -> tuple[Family, ...]:
    """The families shipped in ``glossary/data/synonyms.tsv`` (read once per process)."""
    text = resources.files("glossary").joinpath("data/synonyms.tsv").read_text(encoding="utf-8")
    return tuple(parse_families(text, "glossary/data/synonyms.tsv"))


def read_families(path: str | os.PathLike[str]) -> list[Family]:
    """A user's synonyms file (same format as the shipped one)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read synonyms file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: synonyms file is not UTF-8 text") from None
    return parse_families(text, str(path))


def load_families(user_files=(), *, shipped: bool = True) -> list[Family]:
    """The shipped families (unless ``shipped=False``) merged with each user file in order."""
    families = list(shipped_families()) if shipped else []
    for path in user_files:
        families = merge_families(families, read_families(path))
    return families
