"""Records of the glossary package: term pairs and checker findings."""
from __future__ import annotations

from dataclasses import dataclass, field

DRUG = "drug"
DISEASE = "disease"
STATISTIC = "statistic"
OTHER = "other"
CATEGORIES = (DRUG, DISEASE, STATISTIC, OTHER)


@dataclass(frozen=True)
class TermPair:
    """One glossary entry: an English term, its Chinese rendering and why we believe it.

    ``frequency`` counts aligned occurrences; ``consistency`` is the share of the English
    term's occurrences whose Chinese side uses this rendering; ``renderings`` maps the other
    Chinese renderings seen to their counts; ``evidence`` names the kinds of evidence the pair
    rests on (e.g. "aligned", "gloss", "abbreviation", "transliteration", "dictionary");
    ``example`` is one (English, Chinese) sentence pair.
    """

    en: str
    zh: str
    category: str = OTHER
    abbr: str | None = None
    frequency: int = 0
    docs: tuple[str, ...] = ()
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    consistency: float = 1.0
    renderings: dict[str, int] = field(default_factory=dict)
    example: tuple[str, str] | None = None


@dataclass(frozen=True)
class Finding:
    """One problem the checker reports, with its exact location.

    ``bead`` is the 0-based position of the pair in its document as read; spans are
    character offsets into that pair's English and Chinese text. ``forms`` lists, for
    inconsistent renderings, dicts {"text", "count", "docs"}.
    """

    check: str
    severity: str  # "info" | "warning" | "error"
    doc: str | None
    message: str
    bead: int | None = None
    en_span: tuple[int, int] | None = None
    zh_span: tuple[int, int] | None = None
    concept: str | None = None
    forms: tuple[dict, ...] = ()


@dataclass
class Glossary:
    """An ordered list of term pairs plus the signature of what produced them.

    Reading and writing every glossary format (tsv, csv, jsonl, tbx) lives in
    :mod:`glossary.formats`; these methods are shortcuts to it.
    """

    entries: list[TermPair] = field(default_factory=list)
    signature: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    @classmethod
    def load(cls, path, format: str | None = None) -> "Glossary":
        from glossary import formats

        return formats.read_glossary(path, format)

    def save(self, path, format: str | None = None) -> None:
        from glossary import formats

        formats.write_glossary(self, path, format)
