"""The complete ``duizhao`` command: the aligner's group plus glossary, check and run."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import cli
from aligner.errors import InputError

# --------------------------------------------------------------------------- shared inputs

_ALIGNED_SUFFIXES = (".jsonl", ".ndjson", ".tsv", ".tab", ".tmx")


def load_documents(inputs, presegmented: bool = False):
    """Aligned documents from INPUTS: aligned-pair files (.jsonl/.tsv/.tmx, as ``duizhao
    align`` writes them) are read; other files and folders are aligned on the fly."""
    from aligner.formats import read_aligned

    aligned_files = [p for p in inputs if Path(p).suffix.lower() in _ALIGNED_SUFFIXES
                     and not Path(p).is_dir()]
    raw = [p for p in inputs if p not in aligned_files]
    documents = []
    for path in aligned_files:
        documents += read_aligned(path)
    if raw:
        from aligner import document as aligner_document
        from aligner.inputs import collect_inputs

        align_all = (getattr(aligner_document, "align_documents", None)
                     or getattr(aligner_document, "align_corpus"))
        documents += align_all(collect_inputs(raw), presegmented=presegmented)
    names = [d.doc for d in documents]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        raise InputError(f"document {duplicate!r} is given twice; document names must be unique")
    return documents


def _write_output(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    if not Path(output).resolve().parent.is_dir():
        raise InputError(f"{output}: the output folder does not exist")
    from aligner.atomic import write_text_atomic

    write_text_atomic(output, text)


# --------------------------------------------------------------------------- duizhao glossary


@cli.group("glossary")
def glossary_group() -> None:
    """Build translation glossaries from bilingual text."""


def _build_defaults():
    from glossary.build import BuildOptions

    return BuildOptions()


def _glossary_formats():
    from glossary.formats import DEFAULT_FORMAT, FORMATS

    return FORMATS, DEFAULT_FORMAT


@glossary_group.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(_glossary_formats()[0]), default=None,
              help=f"Output format [default: from the -o extension, else {_glossary_formats()[1]}]; "
              "tbx is TBX-Basic 2019, tbx2008 the older martif dialect.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=_build_defaults().min_confidence,
              show_default=True, help="Leave out entries below this confidence.")
@click.option("--include-other", is_flag=True, default=_build_defaults().include_other,
              help="Also output terms that are not drug, disease or statistic.")
@click.option("--presegmented", is_flag=True,
              help="Raw inputs hold one sentence per line (no segmentation).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), metavar="FILE",
              help="Write here, atomically, instead of stdout.")
def glossary_build_command(inputs, fmt, min_confidence, include_other, presegmented, output) -> None:
    """Build a drug / disease / statistic glossary.

    INPUTS are aligned-pair files (.jsonl, .tsv, .tmx as `duizhao align` writes them) and/or
    raw documents and folders, which are aligned first.
    """
    from glossary.build import build
    from glossary.formats import dumps_glossary, format_for_path

    documents = load_documents(inputs, presegmented)
    glossary = build(documents, min_confidence=min_confidence, include_other=include_other)
    _write_output(dumps_glossary(glossary, format_for_path(output, fmt)), output)


# --------------------------------------------------------------------------- duizhao check


def _check_defaults():
    from glossary.checker import CheckOptions

    return CheckOptions()


_SEVERITIES = ("info", "warning", "error")


@cli.command("check")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--glossary", "glossary_file", type=click.Path(path_type=str), metavar="FILE",
              help="Check compliance with this glossary (tsv, csv, jsonl, tbx; or your own "
              "en, zh[, category] TSV/CSV).")
@click.option("--synonyms", "synonym_files", multiple=True, type=click.Path(path_type=str),
              metavar="FILE", help="Extra synonym families (format of the shipped "
              "glossary/data/synonyms.tsv), merged over the shipped ones. Repeatable.")
@click.option("--no-shipped-synonyms", is_flag=True, help="Do not use the shipped synonym families.")
@click.option("--checks", "check_names", default=",".join(_check_defaults().checks), show_default=True,
              help="Comma-separated checks to run: variants, glossary, numbers, abbreviations.")
@click.option("--no-aligned-renderings", is_flag=True,
              help="Do not build term pairs from the corpus (faster; skips terms translated "
              "several ways that no synonym family or glossary names).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="text: report grouped by check; json: one finding per line; "
              "html: a page with the aligned sentences side by side.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES + ("never",)), default=_check_defaults().fail_on,
              show_default=True, help="Exit with status 1 when a finding of this severity or "
              "above is found (never: always 0).")
@click.option("--min-severity", type=click.Choice(_SEVERITIES), default=_check_defaults().min_severity,
              show_default=True, help="Leave out findings below this severity.")
@click.option("--presegmented", is_flag=True, help="Raw inputs hold one sentence per line.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), metavar="FILE",
              help="Write the report here, atomically, instead of stdout.")
def check_command(inputs, glossary_file, synonym_files, no_shipped_synonyms, check_names,
                  no_aligned_renderings, fmt, fail_on, min_severity, presegmented, output) -> None:
    """Check terminology consistency, glossary compliance, numbers and abbreviations.

    INPUTS are aligned-pair files (.jsonl, .tsv, .tmx) and/or raw documents and folders
    (aligned first). Exit status: 0 when nothing at or above --fail-on is found, 1 otherwise,
    2 for usage or input errors.
    """
    from glossary.checker import CHECK_GROUPS, CheckOptions, check, check_signature, fails
    from glossary.formats import read_glossary
    from glossary.report_text import format_json_lines, format_text, summary_line
    from glossary.synonyms import load_families

    names = tuple(n.strip() for n in check_names.split(",") if n.strip())
    unknown = [n for n in names if n not in CHECK_GROUPS]
    if unknown or not names:
        raise InputError(f"--checks: unknown check {unknown[0] if unknown else '(none)'!r}; "
                         f"choose from {', '.join(CHECK_GROUPS)}")
    options = CheckOptions(checks=names, synonyms=tuple(synonym_files),
                           shipped_synonyms=not no_shipped_synonyms,
                           aligned_renderings=not no_aligned_renderings,
                           min_severity=min_severity, fail_on=fail_on if fail_on != "never" else "error")
    glossary = read_glossary(glossary_file) if glossary_file else None
    families = load_families(options.synonyms, shipped=options.shipped_synonyms)
    if output is not None and not Path(output).resolve().parent.is_dir():
        raise InputError(f"{output}: the output folder does not exist")
    documents = load_documents(inputs, presegmented)
    findings = check(documents, glossary, options, families=families)
    if fmt == "json":
        text = format_json_lines(findings, documents)
    elif fmt == "html":
        try:
            from glossary.report_html import render_html
        except ImportError:
            raise InputError("--format html: the HTML report is not available in this build") from None
        text = render_html(documents, findings, signature=check_signature(options, glossary_file))
    else:
        signature = check_signature(options, glossary_file)
        text = format_text(findings, documents) + "signature: " + " ".join(
            f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in signature.items()) + "\n"
    _write_output(text, output)
    if output is not None or fmt != "text":
        click.echo(f"duizhao check: {summary_line(findings)}", err=True)
    if fail_on != "never" and fails(findings, fail_on):
        sys.exit(1)


main = cli
