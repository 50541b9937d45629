"""duizhao glossary: term pairs from aligned text, and terminology consistency checks.

Builds on :mod:`aligner` (never the reverse). ``glossary.build(documents, **options)`` builds a
glossary; :func:`collect` / :func:`finalize` are its mergeable halves (see :mod:`glossary.builder`).
"""
from glossary.errors import GlossaryError
from glossary.builder import BuildOptions, build, collect, finalize

__all__ = ["BuildOptions", "GlossaryError", "build", "collect", "finalize"]
