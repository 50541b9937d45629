#!/usr/bin/env python3
"""How many gold paired beads of the seed documents does ``align_document`` reproduce exactly?

Usage: python scripts/eval_seeds_align.py [--corpora DIR] [--gold FILE] [--corpus] [--show-all]

Reads the raw seed files (``corpora/000_*.txt``, 002, 003), aligns each one end to end
(segmentation + alignment, as ``duizhao align FILE`` does) and compares with
``../shared/data/seeds-gold/alignment.jsonl``. A gold paired bead (English and Chinese both
non-empty) is reproduced when some output bead has the same English text and the same
Chinese text, compared with all whitespace removed. One-sided gold beads (headers, 002's
title) are reported separately. Prints per document and total, then every miss with what the
aligner did with that text instead. With ``--corpus`` the five seed files are aligned together
as ``duizhao align corpora/`` does (``align_documents``: with the lexicon learnt from the
first pass over all of them).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aligner.document import (  # noqa: E402
    align_document,
    align_documents,
    align_segments,
    document_sentences,
)
from aligner.inputs import DocumentInput  # noqa: E402
from aligner.reading import read_text  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def load_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[record["doc"]].append(record)
    return gold


def seed_file(corpora: Path, doc: str) -> Path:
    matches = sorted(corpora.glob(f"{doc}_*.txt")) or sorted(corpora.glob(f"{doc}*"))
    if not matches:
        sys.exit(f"eval_seeds_align: no file for document {doc} in {corpora}")
    return matches[0]


def describe(beads, gold_text: str, side: str) -> list[str]:
    """The output beads whose text on ``side`` overlaps the gold text (to show a miss)."""
    target = squash(gold_text)
    shown = []
    for bead in beads:
        text = squash(bead.en_text if side == "en" else bead.zh_text)
        if text and (text in target or target in text):
            shown.append(f"      {bead.kind} ({bead.confidence:.2f}): "
                         f"EN {bead.en_text[:70]!r} | ZH {bead.zh_text[:40]!r}")
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--gold", type=Path, default=DATA / "seeds-gold" / "alignment.jsonl")
    parser.add_argument("--corpus", action="store_true",
                        help="align all seed files together (corpus second pass), as the CLI does")
    parser.add_argument("--no-run-selection", action="store_true",
                        help="align all sentences at once, without leaving out untranslated "
                             "language runs (to measure what run selection brings)")
    parser.add_argument("--show-all", action="store_true", help="print every output bead")
    args = parser.parse_args()
    if not args.gold.exists():
        sys.exit(f"eval_seeds_align: gold file not found: {args.gold}")

    gold = load_gold(args.gold)
    together = {}
    if args.corpus:
        paths = sorted(args.corpora.glob("*.txt"))
        inputs = [DocumentInput(p.name[:3], text=read_text(p)) for p in paths]
        together = {d.doc: d for d in align_documents(inputs)}
    total_hit = total_paired = total_one_hit = total_one = 0
    misses: list[str] = []
    print(f"{'doc':5} {'paired reproduced':>18} {'one-sided reproduced':>21}")
    for doc in sorted(gold):
        path = seed_file(args.corpora, doc)
        if args.no_run_selection:
            en, zh = document_sentences(DocumentInput(doc, text=read_text(path)))
            aligned = align_segments(doc, en, zh, mixed=False)
        else:
            aligned = together.get(doc) or align_document(read_text(path), doc)
        paired_conf = [b.confidence for b in aligned.beads if b.paired]
        produced = {(squash(b.en_text), squash(b.zh_text)) for b in aligned.beads}
        hit = paired = one_hit = one = 0
        for record in gold[doc]:
            key = (squash(record["en"]), squash(record["zh"]))
            found = key in produced
            if record["en"] and record["zh"]:
                paired += 1
                hit += found
                if not found:
                    lines = [f"  {doc} MISS  EN {record['en'][:80]!r}",
                             f"            ZH {record['zh'][:50]!r}", "    output:"]
                    lines += describe(aligned.beads, record["en"], "en")
                    lines += describe(aligned.beads, record["zh"], "zh")
                    misses.append("\n".join(lines))
            else:
                one += 1
                one_hit += found
        if args.show_all:
            for bead in aligned.beads:
                print(f"    {bead.kind} {bead.en} {bead.zh} {bead.confidence:.3f} "
                      f"EN {bead.en_text[:60]!r} ZH {bead.zh_text[:30]!r}")
        mean_conf = sum(paired_conf) / max(len(paired_conf), 1)
        print(f"{doc:5} {hit:>8}/{paired:<3} {100 * hit / max(paired, 1):5.1f}%"
              f" {one_hit:>10}/{one:<3} {100 * one_hit / max(one, 1):5.1f}%"
              f"   mean confidence of output pairs {mean_conf:.3f}")
        total_hit, total_paired = total_hit + hit, total_paired + paired
        total_one_hit, total_one = total_one_hit + one_hit, total_one + one
    print(f"{'all':5} {total_hit:>8}/{total_paired:<3} {100 * total_hit / max(total_paired, 1):5.1f}%"
          f" {total_one_hit:>10}/{total_one:<3} {100 * total_one_hit / max(total_one, 1):5.1f}%")
    if misses:
        print("\nmissed paired beads:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
