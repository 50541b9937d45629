"""The plain records that flow between the stages of the aligner."""
from __future__ import annotations

from dataclasses import dataclass, field

EN = "en"
ZH = "zh"

SENTENCE = "sentence"
HEADER = "header"
LABEL = "label"


@dataclass(frozen=True)
class Segment:
    """One piece of a document in one language.

    ``text`` is the cleaned text (PDF repairs applied, line breaks joined); ``start``/``end``
    are character offsets into the decoded original, so the user's text is never rewritten
    behind their back.
    """

    doc: str
    lang: str  # EN | ZH
    kind: str  # SENTENCE | HEADER | LABEL
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """A group of English and Chinese sentences that translate each other.

    ``en``/``zh`` are 0-based indices into the document's English and Chinese sentence lists
    (labels excluded, headers included); either side may be empty (1-0 / 0-1 beads).
    """

    en: tuple[int, ...]
    zh: tuple[int, ...]
    en_text: str
    zh_text: str
    confidence: float

    @property
    def kind(self) -> str:
        """Bead type as 'n-m', e.g. '2-1'."""
        return f"{len(self.en)}-{len(self.zh)}"

    @property
    def paired(self) -> bool:
        return bool(self.en) and bool(self.zh)


@dataclass(frozen=True)
class AlignedDocument:
    """A document's sentences in both languages and the beads that pair them."""

    doc: str
    en: list[Segment] = field(default_factory=list)
    zh: list[Segment] = field(default_factory=list)
    beads: list[Bead] = field(default_factory=list)

    @property
    def monolingual(self) -> bool:
        return not self.en or not self.zh
