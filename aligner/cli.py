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


# --------------------------------------------------------------------------- duizhao align

# The aligner switches and knobs a user reaches for; every other AlignOptions field can be set
# with --set NAME=VALUE. Defaults are read from AlignOptions, so --help shows the real ones.
_ALIGN_SWITCHES = (
    ("numbers", "use_numbers", "numbers and units as anchors"),
    ("latin", "use_latin", "Latin strings shared by both sides (CD19+, IgG, drug names)"),
    ("dictionary", "use_dictionary", "the CC-CEDICT dictionary"),
    ("learned-lexicon", "learn_lexicon", "the lexicon learned from the corpus (second pass)"),
)


def _align_options_class():
    from aligner.align import AlignOptions

    return AlignOptions


def _max_bead(options) -> int:
    return max(max(a, b) for a, b in options.bead_types)


def _align_option_decorators(command):
    """Add the aligner's options to ``command`` with defaults read from AlignOptions."""
    defaults = _align_options_class()()
    for name, field_name, what in reversed(_ALIGN_SWITCHES):
        on = getattr(defaults, field_name)
        flag = f"--no-{name}" if on else f"--{name}"
        command = click.option(flag, field_name, flag_value=not on, default=on,
                               help=f"{'Do not use' if on else 'Use'} {what}.")(command)
    command = click.option(
        "--skip-cost", type=float, default=defaults.skip_cost, show_default=True,
        help="Cost of leaving a sentence unpaired (higher: fewer 1-0/0-1 beads).")(command)
    command = click.option(
        "--max-bead", type=click.IntRange(1), default=_max_bead(defaults), show_default=True,
        help="Most sentences on one side of a bead (1 allows only 1-1, 1-0, 0-1).")(command)
    command = click.option(
        "--set", "settings", multiple=True, metavar="NAME=VALUE",
        help="Set any other AlignOptions field, e.g. --set temperature=0.5.")(command)
    return command


def _parse_setting(options, setting: str):
    """``NAME=VALUE`` applied to an AlignOptions, with VALUE parsed by the field's type."""
    import ast
    import dataclasses

    name, sep, raw = setting.partition("=")
    name = name.strip().replace("-", "_")
    known = {f.name for f in dataclasses.fields(options)}
    if not sep or name not in known:
        raise InputError(f"--set {setting!r}: expected NAME=VALUE with NAME one of "
                         f"{', '.join(sorted(known))}")
    current = getattr(options, name)
    try:
        if isinstance(current, bool):
            if raw.strip().lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(raw)
            value = raw.strip().lower() in ("true", "yes", "1")
        elif isinstance(current, (int, float, str)):
            value = type(current)(raw.strip())
        else:
            value = ast.literal_eval(raw.strip())
            if type(value) is not type(current):
                raise ValueError(raw)
    except (ValueError, SyntaxError):
        raise InputError(f"--set {setting!r}: {raw!r} is not a valid "
                         f"{type(current).__name__} for {name}") from None
    return dataclasses.replace(options, **{name: value})


def _write_stdout(write) -> None:
    """Run ``write(stream)`` on stdout as UTF-8 (what every format declares, whatever the
    locale), and end quietly when the reader closes the pipe (``duizhao align ... | head``)."""
    import os

    stream = sys.stdout
    utf8 = (stream.encoding or "").lower().replace("-", "") == "utf8"
    if not utf8 and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
    try:
        write(stream)
        stream.flush()
    except BrokenPipeError:
        # Python would complain again when flushing stdout at exit: point it at devnull.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        sys.exit(141)  # 128 + SIGPIPE, as a shell reports a command killed by a closed pipe


def _format_defaults():
    from aligner.formats import DEFAULT_FORMAT, FORMATS, FormatOptions

    return FORMATS, DEFAULT_FORMAT, FormatOptions()


@cli.command("align")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--en", "en_file", type=click.Path(path_type=str), metavar="FILE",
              help="English file of one document (with --zh).")
@click.option("--zh", "zh_file", type=click.Path(path_type=str), metavar="FILE",
              help="Chinese file of one document (with --en).")
@click.option("--presegmented", is_flag=True,
              help="Inputs hold one sentence per line: no segmentation, blank lines skipped.")
@click.option("--format", "fmt", type=click.Choice(_format_defaults()[0]),
              default=_format_defaults()[1], show_default=True,
              help="Output format; tmx keeps only paired beads.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), metavar="FILE",
              help="Write here, atomically, instead of stdout.")
@click.option("--zh-lang", default=_format_defaults()[2].zh_lang, show_default=True,
              help="xml:lang of the Chinese side in TMX output.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the signature on stderr.")
@_align_option_decorators
@_segment_option_decorators
def align_command(inputs, en_file, zh_file, presegmented, fmt, output, zh_lang, quiet,
                  settings, max_bead, skip_cost, **switches) -> None:
    """Align the English and Chinese sentences of documents.

    INPUTS are mixed-language files or folders (searched recursively): in a folder,
    x.en/x.zh, x_en.txt/x_zh.txt and x.en.txt/x.zh.txt are pairs and other *.txt files mixed
    documents. Or give one document as --en FILE --zh FILE. Every sentence lands in exactly
    one bead (1-0/0-1 when unpaired).
    The run's signature (version and options) goes to stderr, and into the TMX header.
    """
    import dataclasses
    from pathlib import Path

    from aligner.atomic import atomic_open
    from aligner.document import align_documents, align_signature
    from aligner.formats import FormatOptions, write_aligned
    from aligner.inputs import collect_inputs

    segment_fields = {field.name for field in dataclasses.fields(_segment_defaults())}
    segment_options = dataclasses.replace(
        _segment_defaults(), **{k: v for k, v in switches.items() if k in segment_fields})
    switches = {k: v for k, v in switches.items() if k not in segment_fields}
    options = dataclasses.replace(_align_options_class()(), skip_cost=skip_cost, **switches)
    if max_bead != _max_bead(options):
        options = dataclasses.replace(options, bead_types=tuple(
            (a, b) for a, b in options.bead_types if max(a, b) <= max_bead))
    for setting in settings:
        options = _parse_setting(options, setting)
    if output is not None and not Path(output).resolve().parent.is_dir():
        raise InputError(f"{output}: the output folder does not exist")
    documents = collect_inputs(inputs, en=en_file, zh=zh_file)
    aligned = align_documents(documents, options, presegmented=presegmented,
                              segment_options=segment_options)
    signature = align_signature(options, presegmented=presegmented,
                                segment_options=segment_options)
    format_options = FormatOptions(zh_lang=zh_lang, signature=signature)
    if output is None:
        _write_stdout(lambda stream: write_aligned(aligned, stream, fmt, format_options))
    else:
        with atomic_open(output) as stream:
            write_aligned(aligned, stream, fmt, format_options)
    if not quiet:
        click.echo(f"duizhao align: {signature}", err=True)
