"""Checks of the terminology checker: each turns aligned pairs into findings.

- :mod:`~glossary.checks.variants` — ``inconsistent-rendering``, ``deprecated-form``,
  ``probable-term-error`` (synonym families, morphological rules, script/width variants,
  aligned renderings, one-off slips);
- :mod:`~glossary.checks.compliance` — ``glossary-missing``, ``glossary-deprecated``,
  ``glossary-unpaired-zh``;
- :mod:`~glossary.checks.abbreviations` — ``abbreviation-mismatch``, ``abbreviation-undefined``;
- :mod:`~glossary.checks.numbers` — ``number-mismatch``;
- :mod:`~glossary.checks.text` — the bead texts and matching keys they all search.

:func:`glossary.checker.check` runs them and sorts the findings.
"""
