"""The complete ``duizhao`` command: the aligner's group plus glossary, check and run."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import (
    _align_option_decorators,
    _align_options_class,
    _max_bead,
    _parse_setting,
    _segment_defaults,
    _segment_option_decorators,
    cli,
)
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
    from glossary.builder import BuildOptions

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
    from glossary.builder import build
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
    if glossary_file:  # deprecated terms a TBX glossary marks
        from glossary.formats import glossary_families
        from glossary.synonyms import merge_families

        families = merge_families(families, glossary_families(glossary_file))
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


# --------------------------------------------------------------------------- duizhao run


def _run_defaults():
    from glossary.run import RunOptions

    return RunOptions()


@cli.command("run")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--en", "en_file", type=click.Path(path_type=str), metavar="FILE",
              help="English file of one document (with --zh).")
@click.option("--zh", "zh_file", type=click.Path(path_type=str), metavar="FILE",
              help="Chinese file of one document (with --en).")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR",
              type=click.Path(file_okay=False, path_type=str),
              help="Folder to write the outputs into (created; must be empty or new).")
@click.option("--force", is_flag=True,
              help="Write into an existing non-empty OUTDIR, replacing the run's files there.")
@click.option("-j", "--workers", type=click.IntRange(1), default=_run_defaults().workers,
              show_default=f"{_run_defaults().workers}, the number of cores", help="Processes working on documents at once "
              "(1: everything in this process). The outputs do not depend on it.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no summary on stderr (the bar is shown only on a terminal).")
@click.option("--presegmented", is_flag=True,
              help="Inputs hold one sentence per line: no segmentation, blank lines skipped.")
@click.option("--zh-lang", default=_run_defaults().zh_lang, show_default=True,
              help="xml:lang of the Chinese side in aligned.tmx.")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              default=_build_defaults().min_confidence, show_default=True,
              help="Leave glossary entries below this confidence out.")
@click.option("--include-other", is_flag=True, default=_build_defaults().include_other,
              help="Also put terms that are not drug, disease or statistic in the glossary.")
@click.option("--glossary", "glossary_file", type=click.Path(path_type=str), metavar="FILE",
              help="Also check compliance with this glossary (tsv, csv, jsonl, tbx; or your own "
              "en, zh[, category] TSV/CSV).")
@click.option("--synonyms", "synonym_files", multiple=True, type=click.Path(path_type=str),
              metavar="FILE", help="Extra synonym families, merged over the shipped ones. Repeatable.")
@click.option("--no-shipped-synonyms", is_flag=True, help="Do not use the shipped synonym families.")
@click.option("--checks", "check_names", default=",".join(_check_defaults().checks), show_default=True,
              help="Comma-separated checks to run: variants, glossary, numbers, abbreviations.")
@click.option("--min-severity", type=click.Choice(_SEVERITIES), default=_check_defaults().min_severity,
              show_default=True, help="Leave out findings below this severity.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=_run_defaults().fail_on,
              help="Also exit with status 1 when a finding of this severity or above is found "
              "[default: only documents that could not be used make the run fail].")
@_align_option_decorators
@_segment_option_decorators
def run_command(inputs, en_file, zh_file, outdir, force, workers, quiet, presegmented, zh_lang,
                min_confidence, include_other, glossary_file, synonym_files, no_shipped_synonyms,
                check_names, min_severity, fail_on, settings, max_bead, skip_cost, **switches) -> None:
    """Align, build the glossary and check a whole corpus; write every output into OUTDIR.

    INPUTS are files and folders as for `duizhao align` (mixed-language files; pairs x.en/x.zh,
    x_en.txt/x_zh.txt; folders searched recursively), or one document as --en FILE --zh FILE.
    A one-language document is normal input: it adds its glosses to the glossary and its
    text to the checks.

    OUTDIR receives aligned.jsonl, aligned.tmx, aligned.tsv, glossary.tsv, glossary.tbx,
    report.html, report.jsonl (one finding per line) and run.json (version, every setting,
    input files with sizes and SHA-256, per-document status and counts, timings). Files
    appear only complete: an interrupted run leaves OUTDIR as it was.

    Exit status: 0 when every document was used; 1 when some document could not be used
    (unreadable, undecodable, empty: reported in run.json and as an input-error finding, the
    others are still processed) or, with --fail-on, when a finding of that severity or above
    is found; 2 for usage errors (bad options, missing inputs, OUTDIR not empty without --force).
    """
    import dataclasses

    from glossary.builder import BuildOptions
    from glossary.checker import CHECK_GROUPS, CheckOptions
    from glossary.progress import Progress
    from glossary.run import RunOptions, exit_status, run, summary

    names = tuple(n.strip() for n in check_names.split(",") if n.strip())
    unknown = [n for n in names if n not in CHECK_GROUPS]
    if unknown or not names:
        raise InputError(f"--checks: unknown check {unknown[0] if unknown else '(none)'!r}; "
                         f"choose from {', '.join(CHECK_GROUPS)}")
    segment_fields = {f.name for f in dataclasses.fields(_segment_defaults())}
    segment_options = dataclasses.replace(
        _segment_defaults(), **{k: v for k, v in switches.items() if k in segment_fields})
    switches = {k: v for k, v in switches.items() if k not in segment_fields}
    align_options = dataclasses.replace(_align_options_class()(), skip_cost=skip_cost, **switches)
    if max_bead != _max_bead(align_options):
        align_options = dataclasses.replace(align_options, bead_types=tuple(
            (a, b) for a, b in align_options.bead_types if max(a, b) <= max_bead))
    for setting in settings:
        align_options = _parse_setting(align_options, setting)
    options = RunOptions(
        align=align_options, segment=segment_options,
        build=dataclasses.replace(BuildOptions(), min_confidence=min_confidence,
                                  include_other=include_other),
        check=CheckOptions(checks=names, synonyms=tuple(synonym_files),
                           shipped_synonyms=not no_shipped_synonyms, min_severity=min_severity),
        presegmented=presegmented, zh_lang=zh_lang, fail_on=fail_on, workers=workers)

    def progress(total: int, label: str) -> Progress:
        return Progress(total, label, enabled=False if quiet else None)

    result = run(inputs, outdir, options, en=en_file, zh=zh_file, force=force,
                 glossary_file=glossary_file, progress=progress)
    if not quiet:
        click.echo(f"duizhao run: {summary(result, outdir)}", err=True)
        for status in result.failed:
            click.echo(f"duizhao run: failed: {status.doc}: {status.reason}", err=True)
    sys.exit(exit_status(result))


main = cli
