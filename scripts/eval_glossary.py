"""Score a built glossary against a gold glossary, per category.

Usage:
  python scripts/eval_glossary.py seeds   [--gold-align]   # the five sample documents
  python scripts/eval_glossary.py medline [--gold-align]   # medline-en2zh doc1–doc25
  python scripts/eval_glossary.py seeds --dump out.jsonl   # also write the built glossary

``--gold-align`` builds from the gold sentence alignment (isolates the glossary builder);
without it, the raw documents go through the real segmenter and aligner
(``aligner.document.align_documents``) and the glossary is built from that output.

Matching: English case-insensitively with singular/plural and ``alt_en`` variants; Chinese
after NFKC and removing spaces, with ``alt_zh``. For the seeds, a pair listed in
other-terms.jsonl and output as drug/disease/statistic is a precision error (as is any pair
not in the gold).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
HELDOUT = DATA / "heldout-glossaries"  # this project's blind annotations (see its README)
sys.path.insert(0, str(ROOT))

from aligner.records import EN, SENTENCE, ZH, AlignedDocument, Bead, Segment  # noqa: E402
from glossary.builder import build, documents_from_pairs  # noqa: E402
from glossary.lexicon import singular  # noqa: E402

CATS = ("drug", "disease", "statistic")


def norm_en(text: str) -> str:
    words = re.findall(r"[a-z0-9\u0370-\u03ff]+", text.lower().replace("’", "'"))
    return " ".join(singular(w) for w in words)


def norm_zh(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


# ------------------------------------------------------------------ documents


def _monolingual_zh(doc: str, text: str) -> AlignedDocument:
    try:
        from aligner.segmenting import segment  # type: ignore  # noqa: F401
    except Exception:
        segment = None
    pieces = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        pieces.extend(p for p in re.split(r"(?<=[。！？])", line) if p.strip())
    zh = [Segment(doc, ZH, SENTENCE, p, 0, len(p)) for p in pieces]
    return AlignedDocument(doc, [], zh, [])


def seeds_documents(gold_align: bool) -> list[AlignedDocument]:
    """Gold beads for 000/002/003; every document's Chinese text (002's body is not in the
    gold alignment) still counts for glosses and stand-alone uses."""
    if not gold_align:
        return seeds_pipeline_documents()
    rows = [(r["doc"], r["en"], r["zh"]) for r in load_jsonl(DATA / "seeds-gold" / "alignment.jsonl")]
    aligned = {d.doc: d for d in documents_from_pairs(rows)}
    docs = []
    for path in sorted((DATA / "seeds").glob("*.txt")):
        doc = path.name[:3]
        mono = _monolingual_zh(doc, path.read_text(encoding="utf-8"))
        zh = [s for s in mono.zh if re.search(r"[\u4e00-\u9fff]", s.text)]
        if doc in aligned:
            a = aligned[doc]
            docs.append(AlignedDocument(doc, a.en, zh, a.beads))
        else:
            docs.append(AlignedDocument(doc, [], zh, []))
    return docs


def seeds_pipeline_documents() -> list[AlignedDocument]:
    """The raw seed files through the real segmenter and aligner (corpus pass)."""
    from aligner.document import align_documents
    from aligner.inputs import DocumentInput

    inputs = [DocumentInput(p.name[:3], text=p.read_text(encoding="utf-8"))
              for p in sorted((DATA / "seeds").glob("*.txt"))]
    return align_documents(inputs)


def medline_pipeline_documents(first: int = 1, last: int = 25) -> list[AlignedDocument]:
    """doc1–doc25 (one segment per line) aligned by the real aligner."""
    from aligner.document import align_documents
    from aligner.inputs import DocumentInput

    ev = DATA / "medline-en2zh" / "eval"
    inputs = [DocumentInput(f"doc{n}", en_text=(ev / f"doc{n}.en").read_text(encoding="utf-8"),
                            zh_text=(ev / f"doc{n}.zh").read_text(encoding="utf-8"))
              for n in range(first, last + 1)]
    return align_documents(inputs, presegmented=True)


def medline_documents(gold_align: bool, first: int = 1, last: int = 25) -> list[AlignedDocument]:
    if not gold_align:
        return medline_pipeline_documents(first, last)
    ev = DATA / "medline-en2zh" / "eval"
    gold = load_jsonl(ev / "gold.jsonl")
    rows = []
    for n in range(first, last + 1):
        doc = f"doc{n}"
        en = (ev / f"{doc}.en").read_text(encoding="utf-8").splitlines()
        zh = (ev / f"{doc}.zh").read_text(encoding="utf-8").splitlines()
        for b in gold:
            if b["doc"] != doc:
                continue
            rows.append((doc, " ".join(en[i] for i in b["en"]), "".join(zh[i] for i in b["zh"])))
    return documents_from_pairs(rows)


def paramed_documents(gold_align: bool) -> list[AlignedDocument]:
    """paramed-dev doc1–doc6 (one sentence per line), gold or real alignment."""
    pm = DATA / "paramed-dev"
    names = [f"doc{n}" for n in range(1, 7)]
    if not gold_align:
        from aligner.document import align_documents
        from aligner.inputs import DocumentInput

        inputs = [DocumentInput(d, en_text=(pm / f"{d}.en").read_text(encoding="utf-8"),
                                zh_text=(pm / f"{d}.zh").read_text(encoding="utf-8")) for d in names]
        return align_documents(inputs, presegmented=True)
    gold = load_jsonl(pm / "gold.corrected.jsonl")
    rows = []
    for doc in names:
        en = (pm / f"{doc}.en").read_text(encoding="utf-8").splitlines()
        zh = (pm / f"{doc}.zh").read_text(encoding="utf-8").splitlines()
        rows += [(doc, " ".join(en[i] for i in b["en"]), "".join(zh[i] for i in b["zh"]))
                 for b in gold if b["doc"] == doc]
    return documents_from_pairs(rows)


# ------------------------------------------------------------------ scoring


def _forms(gold: dict) -> tuple[set[str], set[str]]:
    ens = {norm_en(gold["en"])} | {norm_en(a) for a in gold.get("alt_en", [])}
    zhs = {norm_zh(gold["zh"])} | {norm_zh(a) for a in gold.get("alt_zh", [])}
    return ens, zhs


def match(entry, golds: list[dict]) -> dict | None:
    e, z = norm_en(entry.en), norm_zh(entry.zh)
    for g in golds:
        ens, zhs = _forms(g)
        if e in ens and z in zhs:
            return g
    return None


def score(glossary, gold: list[dict], others: list[dict]) -> dict:
    entries = [e for e in glossary.entries if e.category in CATS]
    res = {}
    matched_gold: set[int] = set()
    cat_ok = cat_n = 0
    per_pred = {c: [0, 0] for c in CATS}  # correct, predicted
    errors = []
    for e in entries:
        g = match(e, gold)
        per_pred[e.category][1] += 1
        if g is not None:
            per_pred[e.category][0] += 1
            matched_gold.add(id(g))
            cat_n += 1
            cat_ok += g["category"] == e.category
        else:
            o = match(e, others)
            errors.append((e, "other-term" if o else "not in gold"))
    for c in CATS:
        gold_c = [g for g in gold if g["category"] == c]
        rec = sum(1 for g in gold_c if id(g) in matched_gold) / len(gold_c) if gold_c else float("nan")
        prec = per_pred[c][0] / per_pred[c][1] if per_pred[c][1] else float("nan")
        res[c] = {"precision": prec, "recall": rec, "predicted": per_pred[c][1], "gold": len(gold_c)}
    res["category_accuracy"] = cat_ok / cat_n if cat_n else float("nan")
    ranked = sorted(entries, key=lambda e: (-e.confidence, e.en))
    top = ranked[: max(1, math.ceil(0.2 * len(ranked)))] if ranked else []
    res["top20_precision"] = sum(1 for e in top if match(e, gold)) / len(top) if top else float("nan")
    res["top20_n"] = len(top)
    res["missed"] = [g for g in gold if id(g) not in matched_gold]
    res["errors"] = errors
    return res


def report(name: str, res: dict, verbose: bool) -> None:
    print(f"== {name}")
    print(f"{'category':<10} {'P':>6} {'R':>6} {'pred':>5} {'gold':>5}")
    for c in CATS:
        r = res[c]
        print(f"{c:<10} {r['precision']:6.3f} {r['recall']:6.3f} {r['predicted']:5d} {r['gold']:5d}")
    print(f"category accuracy over matched pairs: {res['category_accuracy']:.3f}")
    print(f"top 20% by confidence ({res['top20_n']} entries): precision {res['top20_precision']:.3f}")
    if verbose:
        print("-- missed gold pairs")
        for g in res["missed"]:
            print(f"   {g['category']:<9} {g['en']} ↔ {g['zh']}")
        print("-- output pairs not in gold")
        for e, why in res["errors"]:
            print(f"   {e.category:<9} {e.en} ↔ {e.zh}  [{why}] conf={e.confidence} ev={','.join(e.evidence)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", choices=["seeds", "medline", "medline-heldout", "paramed-heldout"])
    ap.add_argument("--gold-align", action="store_true", help="build from the gold alignment")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    ap.add_argument("--dump", type=Path, help="write the built glossary as JSONL")
    ap.add_argument("--min-confidence", type=float, default=None, help="override BuildOptions.min_confidence")
    args = ap.parse_args(argv)
    gold_align = args.gold_align
    t0 = time.perf_counter()
    if args.corpus == "seeds":
        docs = seeds_documents(gold_align)
        gold = load_jsonl(DATA / "seeds-gold" / "glossary.jsonl")
        gold_main = [g for g in gold if g["category"] in CATS]
        others = load_jsonl(DATA / "seeds-gold" / "other-terms.jsonl")
    elif args.corpus == "medline":
        docs = medline_documents(gold_align)
        gold_main = load_jsonl(DATA / "medline-en2zh" / "gold-glossary.jsonl")
        others = []
    elif args.corpus == "medline-heldout":
        docs = medline_documents(gold_align, 26, 50)
        gold_main = load_jsonl(HELDOUT / "medline-doc26-50.glossary.jsonl")
        others = []
    else:
        docs = paramed_documents(gold_align)
        gold_main = load_jsonl(HELDOUT / "paramed-dev.glossary.jsonl")
        others = []
    t1 = time.perf_counter()
    overrides = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    glossary = build(docs, **overrides)
    elapsed = time.perf_counter() - t1
    align_time = t1 - t0
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for e in glossary.entries:
                fh.write(json.dumps({"en": e.en, "zh": e.zh, "category": e.category, "confidence": e.confidence,
                                     "evidence": list(e.evidence), "frequency": e.frequency, "docs": list(e.docs)},
                                    ensure_ascii=False) + "\n")
    res = score(glossary, gold_main, others)
    report(f"{args.corpus} ({'gold alignment' if gold_align else 'aligner output'}; {len(glossary)} entries; documents {align_time:.1f} s, build {elapsed:.1f} s)", res, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
