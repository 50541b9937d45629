#!/usr/bin/env python3
"""Evaluate the sentence aligner on a gold folder (docN.en, docN.zh, gold[.corrected].jsonl).

    python scripts/eval_align.py ../shared/data/paramed-dev
    python scripts/eval_align.py ../shared/data/medline-en2zh/eval --per-document
    python scripts/eval_align.py DATA_DIR --set use_dictionary=False --set learn_lexicon=False
    python scripts/eval_align.py DATA_DIR --ablation
    python scripts/eval_align.py DATA_DIR --pred predictions.jsonl

Sentences are taken one per line (no re-segmentation). By default the documents of the folder
are aligned as one corpus (first pass, learned lexicon, second pass); ``--per-document``
aligns each document alone with CC-CEDICT only.
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner.align import AlignOptions, align, align_corpus, resolve_options  # noqa: E402
from aligner.evaluation import gold_file, read_gold_folder, score_alignments  # noqa: E402

ABLATIONS: tuple[tuple[str, dict[str, object]], ...] = (
    ("full (corpus, learned lexicon)", {}),
    ("- learned lexicon", {"learn_lexicon": False}),
    ("- dictionary", {"use_dictionary": False}),
    ("- numbers", {"use_numbers": False}),
    ("- latin strings", {"use_latin": False}),
    ("- length model", {"length_weight": 0.0}),
    ("- all lexical (length only)", {"use_dictionary": False, "use_numbers": False, "use_latin": False, "learn_lexicon": False}),
    ("- lexicon, dictionary (numbers+latin+length)", {"use_dictionary": False, "learn_lexicon": False}),
)


def parse_overrides(items: list[str]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for item in items:
        name, _, value = item.partition("=")
        overrides[name.strip()] = ast.literal_eval(value.strip())
    return overrides


def predict(folder: Path, options: AlignOptions, per_document: bool) -> dict[str, list]:
    documents = read_gold_folder(folder)
    if per_document:
        aligned = [align(doc.en, doc.zh, options) for doc in documents]
    else:
        aligned = align_corpus([(doc.en, doc.zh) for doc in documents], options)
    return {
        doc.name: [((bead.en, bead.zh), bead.confidence) for bead in beads] for doc, beads in zip(documents, aligned)
    }


def read_predictions(path: Path) -> dict[str, list]:
    predicted: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            bead = (tuple(record["en"]), tuple(record["zh"]))
            predicted.setdefault(record["doc"], []).append((bead, float(record.get("confidence", 1.0))))
    return predicted


def format_report(name: str, result: dict) -> str:
    lines = [
        f"{name}",
        f"  beads gold/pred    {result['beads_gold']}/{result['beads_predicted']}",
        f"  strict P/R/F1      {result['strict_precision']:.4f} / {result['strict_recall']:.4f} / {result['strict_f1']:.4f}",
        f"  lax F1             {result['lax_f1']:.4f}",
        f"  non-1-1 F1         {result['non_1_1_f1']:.4f}  (gold {result['non_1_1_gold']}, predicted {result['non_1_1_predicted']})",
        f"  1-0/0-1 F1         {result['unpaired_f1']:.4f}  (gold {result['unpaired_gold']}, predicted {result['unpaired_predicted']})",
        f"  conf>=0.9 precision {result['confident_precision']:.4f}  ({result['confident_beads']} beads)",
        "  precision by confidence:",
    ]
    for row in result["confidence_bins"]:
        if row["beads"]:
            lines.append(f"    [{row['low']:.2f}, {row['high']:.2f})  {row['beads']:5d} beads  precision {row['precision']:.4f}")
    return "\n".join(lines)


def show_errors(folder: Path, predicted: dict[str, list]) -> None:
    for doc in read_gold_folder(folder):
        gold = set(doc.beads)
        pred = {bead for bead, _ in predicted.get(doc.name, [])}
        for bead, confidence in predicted.get(doc.name, []):
            if bead not in gold:
                print(f"  {doc.name} predicted {list(bead[0])}-{list(bead[1])} conf {confidence:.3f}")
        for bead in doc.beads:
            if bead not in pred:
                print(f"  {doc.name}   missed  {list(bead[0])}-{list(bead[1])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--pred", type=Path, help="score this JSONL of beads instead of aligning")
    parser.add_argument("--per-document", action="store_true", help="align each document alone (no learned lexicon)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an AlignOptions field")
    parser.add_argument("--ablation", action="store_true", help="print the ingredient ablation table")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed beads")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = parser.parse_args(argv)

    gold = {doc.name: doc.beads for doc in read_gold_folder(args.data_dir)}
    if not args.json:
        print(f"gold: {gold_file(args.data_dir)}")
    if args.pred:
        result = score_alignments(gold, read_predictions(args.pred))
        print(json.dumps(result, indent=1) if args.json else format_report(str(args.pred), result))
        return 0
    base = resolve_options(None, parse_overrides(args.set))
    if args.ablation:
        print(f"{'configuration':48s} strict-F1  lax-F1  non-1-1  1-0/0-1  P@conf>=.9")
        for name, overrides in ABLATIONS:
            options = resolve_options(base, overrides)
            result = score_alignments(gold, predict(args.data_dir, options, args.per_document))
            print(
                f"{name:48s} {result['strict_f1']:.4f}    {result['lax_f1']:.4f}  {result['non_1_1_f1']:.4f}   "
                f"{result['unpaired_f1']:.4f}   {result['confident_precision']:.4f}"
            )
        return 0
    start = time.perf_counter()
    predicted = predict(args.data_dir, base, args.per_document)
    elapsed = time.perf_counter() - start
    result = score_alignments(gold, predicted)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        mode = "per document" if args.per_document else "corpus (learned lexicon)" if base.learn_lexicon else "corpus"
        print(format_report(f"{args.data_dir} [{mode}; options: {base.signature()}; {elapsed:.2f} s]", result))
    if args.errors:
        show_errors(args.data_dir, predicted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
