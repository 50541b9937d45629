"""duizhao aligner: read bilingual biomedical documents, segment them and align sentences.

This package never imports :mod:`glossary`; the glossary builder and checker build on it.
"""
from aligner.align import AlignOptions, align
from aligner.errors import InputError
from aligner.reading import decode, doc_id, iter_input_files, read_text
from aligner.records import AlignedDocument, Bead, Segment
from aligner.segmenting import SegmentOptions, segment_document
from aligner.document import align_document, align_documents, align_texts
from aligner.formats import read_aligned, write_aligned
from aligner.inputs import DocumentInput, collect_inputs

__version__ = "0.1.0"

__all__ = [
    "AlignOptions",
    "AlignedDocument",
    "DocumentInput",
    "Bead",
    "InputError",
    "Segment",
    "SegmentOptions",
    "__version__",
    "align",
    "align_document",
    "align_documents",
    "align_texts",
    "collect_inputs",
    "decode",
    "doc_id",
    "iter_input_files",
    "read_aligned",
    "read_text",
    "segment_document",
    "write_aligned",
]
