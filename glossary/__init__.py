"""duizhao glossary: term pairs from aligned text, and terminology consistency checks.

Builds on :mod:`aligner` (never the reverse).
"""
from glossary.errors import GlossaryError


def build(documents, options=None, **overrides):
    """Build a glossary from aligned documents: see :func:`glossary.build.build`.

    A function (not an import of it) so that ``glossary.build`` stays the module as well.
    """
    from importlib import import_module

    return import_module("glossary.build").build(documents, options, **overrides)


__all__ = ["GlossaryError", "build"]
