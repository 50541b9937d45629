#!/usr/bin/env python3
"""Benchmarks of the sentence aligner (numbers for the README).

    python scripts/bench_align.py long            # 10,000 and 20,000 sentences per side
    python scripts/bench_align.py throughput      # medline-en2zh x20 = 1,000 documents
    python scripts/bench_align.py all

(a) ``long``: one document built by repeating the paramed-dev sentences (both sides) to N
    sentences per side; each size runs in a fresh subprocess so that its peak memory (max RSS)
    is its own. Reported: seconds of the ``align`` call, seconds including start-up and the
    CC-CEDICT index, peak RSS.
(b) ``throughput``: the 50 medline-en2zh abstracts repeated to >= 1,000 documents, each given
    as raw English and Chinese text (its segments joined into one paragraph), then read,
    segmented (``aligner.segmenting.segment_document``), aligned and written as JSONL, on one
    core. Reported in sentences (both sides) per second, with the align-only share, and once
    more through the document-level entry point ``aligner.document.align_texts`` when present.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / ".." / "shared" / "data"


def paramed_lines() -> tuple[list[str], list[str]]:
    from aligner.evaluation import read_gold_folder

    en: list[str] = []
    zh: list[str] = []
    for doc in read_gold_folder(DATA / "paramed-dev"):
        en.extend(doc.en)
        zh.extend(doc.zh)
    return en, zh


def repeat_to(lines: list[str], size: int) -> list[str]:
    return [lines[k % len(lines)] for k in range(size)]


def child_long(size: int) -> None:
    """Run in a subprocess: align one long document, print JSON timings."""
    start = time.perf_counter()
    from aligner.align import align
    from aligner.dictionary import cedict_dictionary

    cedict_dictionary()
    en, zh = paramed_lines()
    en, zh = repeat_to(en, size), repeat_to(zh, size)
    begin = time.perf_counter()
    beads = align(en, zh)
    aligned = time.perf_counter() - begin
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "size": size, "align_seconds": aligned, "total_seconds": time.perf_counter() - start,
        "peak_mib": peak_kib / 1024, "beads": len(beads),
        "one_to_one": sum(1 for b in beads if len(b.en) == 1 and len(b.zh) == 1),
    }))  # fmt: skip


def bench_long(sizes: list[int]) -> None:
    print("(a) long document, paramed-dev text repeated (one subprocess per size)")
    results = []
    for size in sizes:
        output = subprocess.run(
            [sys.executable, __file__, "_child_long", str(size)], check=True, capture_output=True, text=True
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        results.append(result)
        print(
            f"  {size:6d} sentences/side: align {result['align_seconds']:.2f} s "
            f"(process {result['total_seconds']:.2f} s incl. CC-CEDICT index), peak RSS {result['peak_mib']:.0f} MiB, "
            f"{result['beads']} beads ({result['one_to_one']} 1-1)"
        )
    if len(results) >= 2:
        ratio = results[-1]["align_seconds"] / results[0]["align_seconds"]
        print(f"  time ratio {results[-1]['size']}/{results[0]['size']}: {ratio:.2f}x")


def medline_documents() -> list[tuple[str, str, str]]:
    """(doc, raw English, raw Chinese) of the 50 medline-en2zh abstracts."""
    folder = DATA / "medline-en2zh"
    sides: dict[str, dict[str, list[str]]] = {}
    for lang in ("en", "zh"):
        for line in (folder / f"medline_en2zh_{lang}.txt").read_text(encoding="utf-8").splitlines():
            doc, _, text = line.split("\t", 2)
            sides.setdefault(doc, {"en": [], "zh": []})[lang].append(text.strip())
    return [(doc, " ".join(s["en"]), "".join(s["zh"])) for doc, s in sides.items()]


def bench_throughput(copies: int) -> None:
    from aligner.align import align
    from aligner.dictionary import cedict_dictionary
    from aligner.records import SENTENCE

    try:
        from aligner.segmenting import segment_document
    except ImportError:  # pragma: no cover - segmenter not yet available
        segment_document = None

    base = medline_documents()
    documents = [(f"{doc}#{k}", en, zh) for k in range(copies) for doc, en, zh in base]
    cedict_dictionary()
    print(f"(b) throughput: {len(documents)} medline-en2zh abstracts (50 x {copies}), one core")
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "input.jsonl"
        raw.write_text("".join(json.dumps({"doc": d, "en": e, "zh": z}, ensure_ascii=False) + "\n" for d, e, z in documents), encoding="utf-8")  # fmt: skip
        out = Path(folder) / "beads.jsonl"
        sentences = 0
        align_seconds = 0.0
        start = time.perf_counter()
        with raw.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
            for line in source:
                record = json.loads(line)
                if segment_document is not None:
                    en = [s.text for s in segment_document(record["en"], record["doc"]) if s.kind != "label"]
                    zh = [s.text for s in segment_document(record["zh"], record["doc"]) if s.kind != "label"]
                else:
                    en, zh = [record["en"]], [record["zh"]]
                sentences += len(en) + len(zh)
                begin = time.perf_counter()
                beads = align(en, zh)
                align_seconds += time.perf_counter() - begin
                for bead in beads:
                    sink.write(json.dumps({"doc": record["doc"], "en": list(bead.en), "zh": list(bead.zh), "en_text": bead.en_text, "zh_text": bead.zh_text, "confidence": bead.confidence}, ensure_ascii=False) + "\n")  # fmt: skip
        elapsed = time.perf_counter() - start
    print(
        f"  read+segment+align+write: {sentences} sentences in {elapsed:.2f} s = {sentences / elapsed:,.0f} sentences/s "
        f"({len(documents) / elapsed:,.0f} documents/s; align alone {align_seconds:.2f} s = {sentences / align_seconds:,.0f} sentences/s)"
    )
    del SENTENCE
    try:
        from aligner.document import align_texts
    except ImportError:  # pragma: no cover
        return
    start = time.perf_counter()
    sentences = 0
    for doc, en, zh in documents:
        aligned = align_texts(en, zh, doc)
        sentences += len(aligned.en) + len(aligned.zh)
    elapsed = time.perf_counter() - start
    print(f"  via aligner.document.align_texts (no writing): {sentences / elapsed:,.0f} sentences/s")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child_long":
        child_long(int(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("long", "throughput", "all"))
    parser.add_argument("--sizes", default="10000,20000", help="sentences per side for `long`")
    parser.add_argument("--copies", type=int, default=20, help="medline repetitions for `throughput`")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.what in ("long", "all"):
        bench_long([int(size) for size in args.sizes.split(",")])
    if args.what in ("throughput", "all"):
        bench_throughput(args.copies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
