"""The complete ``duizhao`` command: the aligner's group plus glossary, check and run."""
from __future__ import annotations

from aligner.cli import cli

main = cli
