#!/usr/bin/env python3
"""Share of gold sentences that the segmenter reproduces exactly, per language.

Gold: ../shared/data/seeds-gold/alignment.jsonl (docs 000, 002, 003). A gold entry that joins
several sentences (a 2-1 bead) counts as those sentences; they are split with a rule of their
own (the gold joins English sentences with one space after . ! ?, Chinese with nothing after
。！？), so the segmenter is not graded against itself. One-sided entries (headers, the 002
title) are single units. Comparison ignores whitespace.

Usage: python scripts/eval_segment.py [--gold PATH] [--corpus DIR] [--show-misses]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aligner.reading import doc_id, read_text  # noqa: E402
from aligner.records import EN, ZH  # noqa: E402
from aligner.segmenting import segment_document  # noqa: E402

DEFAULT_GOLD = REPO / ".." / "shared" / "data" / "seeds-gold" / "alignment.jsonl"
_GOLD_EN_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_GOLD_ZH_SPLIT_RE = re.compile(r"(?<=[。！？])")
_SPACE_RE = re.compile(r"\s+")


def key(text: str) -> str:
    return _SPACE_RE.sub("", text)


def gold_sentences(entries: list[dict]) -> dict[str, dict[str, list[str]]]:
    """doc → lang → gold sentence texts."""
    result: dict[str, dict[str, list[str]]] = {}
    for entry in entries:
        per_doc = result.setdefault(entry["doc"], {EN: [], ZH: []})
        one_sided = not entry["en"] or not entry["zh"]
        for lang, pattern in ((EN, _GOLD_EN_SPLIT_RE), (ZH, _GOLD_ZH_SPLIT_RE)):
            text = entry[lang].strip()
            if not text:
                continue
            pieces = [text] if one_sided else [p for p in pattern.split(text) if p.strip()]
            per_doc[lang].extend(pieces)
    return result


def resplit_score(path: Path, joiner: str) -> tuple[int, int]:
    """Medline segments reproduced after running each document's segments together.

    Some source segments hold several sentences or are cut short (see the data's README), so
    100% is out of reach by construction; the number tracks splitting quality on held-out text.
    """
    documents: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        doc, _number, text = line.split("\t", 2)
        documents.setdefault(doc, []).append(text.strip())
    hits = total = 0
    for doc, segments in documents.items():
        produced: Counter = Counter()
        pending_labels = ""
        for segment in segment_document(joiner.join(segments), doc):
            if segment.kind == "label":
                pending_labels += segment.text
                continue
            produced[key(segment.text)] += 1
            if pending_labels:
                produced[key(pending_labels + segment.text)] += 1
                pending_labels = ""
        for segment in segments:
            total += 1
            if produced[key(segment)] > 0:
                produced[key(segment)] -= 1
                hits += 1
    return hits, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpora")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    entries = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = gold_sentences(entries)
    files = {doc_id(path).split("_")[0]: path for path in sorted(args.corpus.glob("*.txt"))}
    totals = {EN: [0, 0], ZH: [0, 0]}
    print(f"{'doc':<5}{'lang':<6}{'gold':>6}{'exact':>7}{'share':>8}")
    for doc in sorted(gold):
        segments = segment_document(read_text(files[doc]), doc)
        for lang in (EN, ZH):
            produced = Counter(key(s.text) for s in segments if s.lang == lang and s.kind != "label")
            hits = 0
            misses = []
            for sentence in gold[doc][lang]:
                if produced[key(sentence)] > 0:
                    produced[key(sentence)] -= 1
                    hits += 1
                else:
                    misses.append(sentence)
            total = len(gold[doc][lang])
            totals[lang][0] += hits
            totals[lang][1] += total
            print(f"{doc:<5}{lang:<6}{total:>6}{hits:>7}{hits / max(total, 1):>8.1%}")
            if args.show_misses:
                for sentence in misses:
                    print(f"    missed: {sentence}")
    for lang in (EN, ZH):
        hits, total = totals[lang]
        print(f"{'all':<5}{lang:<6}{total:>6}{hits:>7}{hits / max(total, 1):>8.1%}")
    medline = args.gold.resolve().parents[1] / "medline-en2zh"
    if medline.is_dir():
        print("medline-en2zh re-split (a document's segments run together, then segmented; "
              "a segment counts as reproduced when it equals a sentence, or labels + sentence):")
        for lang, joiner in ((EN, " "), (ZH, "")):
            hits, total = resplit_score(medline / f"medline_en2zh_{lang}.txt", joiner)
            print(f"  {lang}: {hits}/{total} = {hits / max(total, 1):.1%}")
    for doc in sorted(set(files) - set(gold)):
        segments = segment_document(read_text(files[doc]), doc)
        counts = Counter((s.lang, s.kind) for s in segments)
        summary = ", ".join(f"{lang}/{kind} {n}" for (lang, kind), n in sorted(counts.items()))
        print(f"{doc} (no gold): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
