"""Benchmark the glossary builder on 100,000 aligned sentence pairs.

The pairs are the medline-en2zh gold-aligned pairs (all 50 documents, 364 beads) repeated
until there are ``--pairs`` of them; each repetition is its own document id. Prints the wall
time of loading the resources (CC-CEDICT, jieba), of building, the peak resident memory of
the process, and — because repeated pairs hit the builder's per-bead memo — the throughput
on distinct pairs as well (the medline and paramed-dev gold-aligned pairs, each linked once
with the resources loaded but no memo).

Usage: python scripts/bench_glossary.py [--pairs 100000]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))

import glossary.builder as build_module  # noqa: E402
from glossary.builder import BuildOptions, build, documents_from_pairs, link_bead  # noqa: E402
from glossary.lexicon import default_lexicon  # noqa: E402
from glossary.transliteration import char_pinyin  # noqa: E402


def medline_pairs() -> list[tuple[str, str, str]]:
    return gold_pairs(DATA / "medline-en2zh" / "eval")


def gold_pairs(ev: Path) -> list[tuple[str, str, str]]:
    """(doc, en, zh) of every gold bead of a folder in the paramed-dev layout."""
    gold = [json.loads(l) for l in (ev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    cache: dict[str, tuple[list[str], list[str]]] = {}
    rows = []
    for b in gold:
        doc = b["doc"]
        if doc not in cache:
            cache[doc] = ((ev / f"{doc}.en").read_text(encoding="utf-8").splitlines(),
                          (ev / f"{doc}.zh").read_text(encoding="utf-8").splitlines())
        en, zh = cache[doc]
        rows.append((doc, " ".join(en[i] for i in b["en"]), "".join(zh[i] for i in b["zh"])))
    return rows


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100_000)
    args = ap.parse_args(argv)
    base = medline_pairs()
    rows = []
    k = 0
    while len(rows) < args.pairs:
        for doc, en, zh in base:
            if len(rows) >= args.pairs:
                break
            rows.append((f"{doc}-r{k}", en, zh))
        k += 1

    t0 = time.perf_counter()
    lexicon = default_lexicon()
    from glossary.anchoring import token_bounds, token_tags

    token_bounds("预热")  # load jieba's dictionary once
    token_tags("预热")  # and its part-of-speech table
    char_pinyin("预")  # and pypinyin's
    t1 = time.perf_counter()

    options = BuildOptions()
    distinct = sorted({(en, zh) for _doc, en, zh in base + gold_pairs(DATA / "paramed-dev")
                       if en.strip() and zh.strip()})
    cold_start = time.perf_counter()
    for en, zh in distinct:
        link_bead(en, zh, options, lexicon)
    cold = time.perf_counter() - cold_start
    build_module._BEAD_CACHE.clear()
    # the same sentences again without the per-bead memo: the per-word caches (dictionary
    # forms, categories, pinyin) are warm, as they mostly are in a large corpus
    warm_start = time.perf_counter()
    for en, zh in distinct:
        link_bead(en, zh, options, lexicon)
    warm = time.perf_counter() - warm_start
    build_module._BEAD_CACHE.clear()

    t2 = time.perf_counter()
    documents = documents_from_pairs(rows)
    glossary = build(documents, options, lexicon=lexicon)
    t3 = time.perf_counter()
    print(f"pairs: {len(rows)} ({len(base)} distinct, {len(documents)} documents)")
    print(f"load resources (CC-CEDICT, jieba): {t1 - t0:.1f} s")
    print(f"build: {t3 - t2:.1f} s  ({len(glossary)} entries)")
    print(f"total wall time: {t3 - t0:.1f} s")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    rate = len(distinct) / cold
    print(f"linking distinct pairs (medline + paramed-dev, no memo): {len(distinct)} in {cold:.2f} s = "
          f"{rate:.0f} pairs/s (100,000 distinct pairs: about {100_000 / rate:.0f} s)")
    rate = len(distinct) / warm
    print(f"  again with per-word caches warm: {rate:.0f} pairs/s (100,000: about {100_000 / rate:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
