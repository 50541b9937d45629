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


# --------------------------------------------------------------------------- duizhao segment

def _segment_defaults():
    from aligner.segmenting import SegmentOptions

    return SegmentOptions()


# (flag name, SegmentOptions field, help); defaults come from SegmentOptions.
_SEGMENT_SWITCHES = (
    ("split-on-semicolon", "split_on_semicolon", "End Chinese sentences at ；too (clauses)."),
    ("repair-pdf", "repair_pdf", "Join hard-wrapped and one-word-per-line (PDF) text."),
    ("headers", "detect_headers", "Mark authors, affiliations, citations, titles, references as header."),
    ("labels", "detect_labels", "Mark Objective/Methods/…, 目的/方法/… as label."),
)


def _segment_option_decorators(command):
    defaults = _segment_defaults()
    for name, field_name, what in reversed(_SEGMENT_SWITCHES):
        command = click.option(f"--{name}/--no-{name}", field_name, show_default=True,
                               default=getattr(defaults, field_name), help=what)(command)
    return command


@cli.command("segment")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: one readable line per segment; jsonl: one object "
              "per segment (doc, lang, kind, text, start, end).")
@_segment_option_decorators
def segment_command(inputs, fmt, **switches) -> None:
    """Split documents into English and Chinese sentences, headers and labels.

    INPUTS are files or folders (searched recursively, hidden files skipped). Segments are
    printed in document order; start/end are character offsets into the decoded file.
    """
    import json

    from aligner.reading import doc_id, iter_input_files, read_text
    from aligner.segmenting import SegmentOptions, segment_document

    options = SegmentOptions(**switches)
    files = iter_input_files(inputs)
    if not files:
        raise InputError(f"no input files in {', '.join(inputs)}")
    texts = [(doc_id(path), read_text(path)) for path in files]  # fail before any output
    for doc, text in texts:
        lines = []
        for segment in segment_document(text, doc, options):
            if fmt == "jsonl":
                lines.append(json.dumps(
                    {"doc": segment.doc, "lang": segment.lang, "kind": segment.kind,
                     "text": segment.text, "start": segment.start, "end": segment.end},
                    ensure_ascii=False))
            else:
                lines.append(f"{segment.doc}  {segment.lang}  {segment.kind:<8}  {segment.text}")
        if lines:
            click.echo("\n".join(lines))
