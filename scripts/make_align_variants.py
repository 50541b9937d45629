#!/usr/bin/env python3
"""Write harder alignment test sets derived from a gold folder (paramed-dev layout).

    python scripts/make_align_variants.py ../shared/data/paramed-dev /tmp/variants/paramed
    python scripts/eval_align.py /tmp/variants/paramed/deletions

Each variant is a folder in the same layout (docN.en, docN.zh, gold.jsonl) with the gold
rewritten to match:

* ``deletions``  — 1-1 beads lose one side (alternately English, Chinese): 1-0 / 0-1 beads,
                   the untranslated sentences that aligners tend to swallow;
* ``merges``     — two neighbouring 1-1 beads merged on one side: 2-1 / 1-2 beads;
* ``insertions`` — a passage of 2–4 Chinese sentences from another document inserted with no
                   English (as in NEJM articles whose Chinese adds editorial passages): 0-1 beads;
* ``mixed``      — all three at once.

Deterministic: the random choices are seeded by ``--seed`` and the document name. Generated
data derived from paramed/medline must not be committed (write it to a temporary folder).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner.evaluation import GoldDocument, read_gold_folder  # noqa: E402

KINDS = ("deletions", "merges", "insertions", "mixed")


@dataclass(frozen=True)
class TextBead:
    en: tuple[str, ...]
    zh: tuple[str, ...]

    @property
    def one_to_one(self) -> bool:
        return len(self.en) == 1 and len(self.zh) == 1


def text_beads(doc: GoldDocument) -> list[TextBead]:
    return [TextBead(tuple(doc.en[k] for k in en), tuple(doc.zh[k] for k in zh)) for en, zh in doc.beads]


def delete_sides(beads: list[TextBead], rng: random.Random, rate: float) -> list[TextBead]:
    """Drop one side of some 1-1 beads, alternating the side."""
    out, side = [], rng.randrange(2)
    for bead in beads:
        if bead.one_to_one and rng.random() < rate:
            out.append(TextBead(bead.en, ()) if side == 0 else TextBead((), bead.zh))
            side = 1 - side
        else:
            out.append(bead)
    return out


def merge_neighbours(beads: list[TextBead], rng: random.Random, rate: float) -> list[TextBead]:
    """Join the Chinese (or English) sentences of two neighbouring 1-1 beads into one."""
    out: list[TextBead] = []
    index, side = 0, rng.randrange(2)
    while index < len(beads):
        bead = beads[index]
        following = beads[index + 1] if index + 1 < len(beads) else None
        if following is not None and bead.one_to_one and following.one_to_one and rng.random() < rate:
            if side == 0:
                out.append(TextBead(bead.en + following.en, (bead.zh[0] + following.zh[0],)))
            else:
                out.append(TextBead((bead.en[0] + " " + following.en[0],), bead.zh + following.zh))
            side = 1 - side
            index += 2
        else:
            out.append(bead)
            index += 1
    return out


def insert_passage(beads: list[TextBead], rng: random.Random, donors: list[str]) -> list[TextBead]:
    """Insert 2–4 consecutive Chinese sentences of another document, with no English."""
    if len(beads) < 4 or len(donors) < 4:
        return beads
    size = rng.randint(2, 4)
    start = rng.randrange(len(donors) - size + 1)
    where = rng.randrange(1, len(beads))
    passage = [TextBead((), (sentence,)) for sentence in donors[start : start + size]]
    return beads[:where] + passage + beads[where:]


def write_folder(folder: Path, docs: dict[str, list[TextBead]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    gold_lines = []
    for name, beads in docs.items():
        en: list[str] = []
        zh: list[str] = []
        for bead in beads:
            en_ids = list(range(len(en), len(en) + len(bead.en)))
            zh_ids = list(range(len(zh), len(zh) + len(bead.zh)))
            en.extend(bead.en)
            zh.extend(bead.zh)
            gold_lines.append(json.dumps({"doc": name, "en": en_ids, "zh": zh_ids}))
        (folder / f"{name}.en").write_text("".join(line + "\n" for line in en), encoding="utf-8")
        (folder / f"{name}.zh").write_text("".join(line + "\n" for line in zh), encoding="utf-8")
    (folder / "gold.jsonl").write_text("\n".join(gold_lines) + "\n", encoding="utf-8")


def make_variants(source: Path, target: Path, seed: int, delete_rate: float, merge_rate: float) -> dict[str, Path]:
    documents = read_gold_folder(source)
    written = {}
    for kind in KINDS:
        docs: dict[str, list[TextBead]] = {}
        for position, doc in enumerate(documents):
            rng = random.Random(seed * 1_000_003 + zlib.crc32(f"{kind}/{doc.name}".encode()))
            beads = text_beads(doc)
            donor = documents[(position + 1) % len(documents)].zh if len(documents) > 1 else []
            if kind in ("deletions", "mixed"):
                beads = delete_sides(beads, rng, delete_rate)
            if kind in ("merges", "mixed"):
                beads = merge_neighbours(beads, rng, merge_rate)
            if kind in ("insertions", "mixed"):
                beads = insert_passage(beads, rng, donor)
            docs[doc.name] = beads
        write_folder(target / kind, docs)
        written[kind] = target / kind
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="gold folder (docN.en, docN.zh, gold.jsonl)")
    parser.add_argument("target", type=Path, help="output folder (one subfolder per variant)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--delete-rate", type=float, default=0.1)
    parser.add_argument("--merge-rate", type=float, default=0.12)
    args = parser.parse_args(argv)
    for kind, folder in make_variants(args.source, args.target, args.seed, args.delete_rate, args.merge_rate).items():
        print(f"{kind:11s} {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
