"""Which length unit makes Chinese and English sentence lengths most predictable?

The aligner's length model scores a bead by log(zh length / en length); the tighter that ratio
is over true 1-1 pairs, the more a length mismatch says. This script prints the standard
deviation of the log ratio over the gold 1-1 beads of the development folders for:

- ``weighted chars``: Han characters + 0.35 × other characters vs English characters without
  spaces (what ``aligner.features`` uses);
- ``raw chars``: characters without spaces on both sides;
- ``sentencepiece``: pieces of unigram SentencePiece models (2,000 pieces) trained per language
  on the same text, in a temporary folder (nothing is shipped).

Usage: python scripts/measure_length_units.py [DATA_DIR ...]
"""
from __future__ import annotations

import math
import statistics
import sys
import tempfile
from pathlib import Path

import sentencepiece as spm

from aligner.evaluation import read_gold_folder
from aligner.features import chinese_length, english_length

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEFAULT_DIRS = (DATA / "paramed-dev", DATA / "medline-en2zh" / "eval")


def one_to_one_pairs(folders) -> list[tuple[str, str]]:
    pairs = []
    for folder in folders:
        for doc in read_gold_folder(Path(folder)):
            for en, zh in doc.beads:
                if len(en) == 1 and len(zh) == 1:
                    pairs.append((doc.en[en[0]], doc.zh[zh[0]]))
    return pairs


def log_ratio_spread(pairs, en_length, zh_length, smoothing: float = 5.0) -> float:
    ratios = [math.log((zh_length(zh) + smoothing) / (en_length(en) + smoothing)) for en, zh in pairs]
    return statistics.pstdev(ratios)


def sentencepiece_lengths(pairs, folder: Path, pieces: int = 2000):
    """Piece counters for each language, from unigram models trained on the pairs' text."""
    counters = []
    for side, name in ((0, "en"), (1, "zh")):
        corpus = folder / f"{name}.txt"
        corpus.write_text("\n".join(pair[side] for pair in pairs), encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus), model_prefix=str(folder / name), vocab_size=pieces,
            model_type="unigram", character_coverage=0.9995, minloglevel=2)
        model = spm.SentencePieceProcessor(model_file=str(folder / f"{name}.model"))
        counters.append(lambda text, model=model: len(model.encode(text)))
    return counters


def main(argv: list[str]) -> None:
    folders = argv or [str(d) for d in DEFAULT_DIRS]
    pairs = one_to_one_pairs(folders)
    print(f"{len(pairs)} gold 1-1 pairs from {', '.join(folders)}")
    print(f"  weighted chars  sd {log_ratio_spread(pairs, english_length, chinese_length):.3f}")
    raw = lambda text: len("".join(text.split()))  # noqa: E731
    print(f"  raw chars       sd {log_ratio_spread(pairs, raw, raw):.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        en_pieces, zh_pieces = sentencepiece_lengths(pairs, Path(tmp))
        print(f"  sentencepiece   sd {log_ratio_spread(pairs, en_pieces, zh_pieces):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
