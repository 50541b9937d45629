"""The aligner's subcommands of ``duizhao``: thin wrappers that parse options and call the API.

The ``duizhao`` group is created here; :mod:`glossary.cli` adds the glossary, check and run
subcommands to it, so that this package never imports the glossary package.
"""
from __future__ import annotations

import sys

import click

from aligner import __version__
from aligner.errors import InputError


class DuizhaoGroup(click.Group):
    """A click group that turns user-facing errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as error:
            click.echo(f"duizhao: error: {error}", err=True)
            sys.exit(2)


@click.group(cls=DuizhaoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="duizhao")
def cli() -> None:
    """Align Chinese-English biomedical texts, build glossaries and check terminology."""
