"""Which gold terminology-consistency findings does `duizhao check` report on the sample corpus?

Usage::

    python scripts/eval_variants.py [--corpus corpora] [--gold ../shared/data/seeds-gold/variants.jsonl]
                                    [--no-aligned-renderings] [--all-checks]

The corpus is aligned by the real pipeline (as ``duizhao check corpora/`` does), then
:func:`glossary.checker.check` runs with its default options (no glossary) and only the
variant checks (``inconsistent-rendering``, ``probable-term-error``, ``deprecated-form``)
are scored, unless ``--all-checks``.

**Matching.** Forms are compared after normalisation: NFKC, Traditional→Simplified, lower
case, whitespace collapsed, and each English word made singular (so "adverse reactions" and
"adverse reaction" are one form). A reported finding *covers* a gold form when one of the
finding's ``forms`` has the same normalised text. A gold finding counts as **reported** when
one single reported finding covers at least two of its gold forms (all gold findings have
at least two). Documents are not compared: the gold's ``docs`` name files by their
three-digit prefix, and which form is where is shown for the lead to judge.

**Other findings** are reported variant findings that cover at most one form of every gold
finding: candidate false alarms (or real findings the gold does not list). They are all
printed, with their forms, so each can be judged.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT / ".." / "shared" / "data"
VARIANT_CHECKS = ("inconsistent-rendering", "probable-term-error", "deprecated-form")


def normalise(text: str) -> str:
    from aligner.textnorm import to_simplified
    from glossary.checks.variants import english_key

    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return english_key(text) if re.fullmatch(r"[a-z0-9 \-]+", text) else text


def covered(gold: dict, finding) -> set[str]:
    """Gold forms of ``gold`` that ``finding`` covers."""
    reported = {normalise(f["text"]) for f in finding.forms}
    return {g["text"] for g in gold["forms"] if normalise(g["text"]) in reported}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpora"))
    parser.add_argument("--gold", default=str(SHARED / "seeds-gold" / "variants.jsonl"))
    parser.add_argument("--no-aligned-renderings", action="store_true",
                        help="do not build term pairs from the corpus (the checker's own option)")
    parser.add_argument("--no-shipped-synonyms", action="store_true",
                        help="leave out the shipped synonym families: what the general rules find alone")
    parser.add_argument("--all-checks", action="store_true",
                        help="score every finding, not only the variant checks")
    args = parser.parse_args(argv)

    from glossary.checker import CheckOptions, check
    from glossary.cli import load_documents

    if not Path(args.gold).exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    documents = load_documents([args.corpus])
    aligned = time.perf_counter()
    options = CheckOptions(aligned_renderings=not args.no_aligned_renderings,
                           shipped_synonyms=not args.no_shipped_synonyms)
    findings = check(documents, None, options)
    checked = time.perf_counter()
    if not args.all_checks:
        findings = [f for f in findings if f.check in VARIANT_CHECKS]

    print(f"corpus: {args.corpus} ({len(documents)} documents, aligned in {aligned - started:.1f} s; "
          f"checked in {checked - aligned:.1f} s)")
    print(f"gold: {args.gold} ({len(gold)} findings)\n")
    matched_findings: set[int] = set()
    reported = 0
    for number, item in enumerate(gold, start=1):
        best, best_cover = None, set()
        for index, finding in enumerate(findings):
            cover = covered(item, finding)
            if len(cover) >= 2:
                matched_findings.add(index)
            if len(cover) > len(best_cover):
                best, best_cover = finding, cover
        ok = len(best_cover) >= 2
        reported += ok
        gold_forms = " / ".join(g["text"] for g in item["forms"])
        print(f"{'REPORTED' if ok else 'MISSED  '} {number:2d}. {item['concept_en']}: {gold_forms}")
        if best is not None and best_cover:
            forms = ", ".join(f"{f['text']}×{f['count']}" for f in best.forms)
            print(f"             by {best.check} [{best.severity}] {best.doc} #{best.bead}: {forms} "
                  f"(covers {len(best_cover)}/{len(item['forms'])})")
    others = [f for i, f in enumerate(findings) if i not in matched_findings]
    print(f"\nreported {reported}/{len(gold)} gold findings")
    print(f"other findings: {len(others)} (of {len(findings)} reported)")
    for finding in others:
        forms = ", ".join(f"{f['text']}×{f['count']}" for f in finding.forms)
        print(f"  {finding.check} [{finding.severity}] {finding.doc} #{finding.bead}: "
              f"{finding.concept}: {forms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
