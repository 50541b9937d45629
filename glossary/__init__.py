"""duizhao glossary: term pairs from aligned text, and terminology consistency checks.

Builds on :mod:`aligner` (never the reverse).
"""
from glossary.errors import GlossaryError

__all__ = ["GlossaryError"]
