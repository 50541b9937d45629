"""duizhao aligner: read bilingual biomedical documents, segment them and align sentences.

This package never imports :mod:`glossary`; the glossary builder and checker build on it.
"""
from aligner.errors import InputError
from aligner.records import AlignedDocument, Bead, Segment

__version__ = "0.1.0"

__all__ = ["AlignedDocument", "Bead", "InputError", "Segment", "__version__"]
