"""Scoring sentence alignments against gold beads, and the gold-folder layout they come in.

Layout (as ``paramed-dev``): ``docN.en`` / ``docN.zh`` with one sentence per line and
``gold.jsonl`` (or ``gold.corrected.jsonl``) with one bead per line,
``{"doc": "doc2", "en": [10], "zh": [10, 11]}``.

Metrics:
* strict: a predicted bead counts only if identical to a gold bead (1-0/0-1 beads included);
* lax (Thompson & Koehn 2019, after Sennrich & Volk): a predicted bead is correct if it
  shares an English sentence with some gold bead whose Chinese side it also overlaps; lax
  recall is computed the same way with gold and prediction swapped, unpaired beads left out;
* strict F1 restricted to non-1-1 gold beads, and to 1-0/0-1 beads;
* strict precision of predicted beads by confidence bin.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]
CONFIDENCE_BINS: tuple[float, ...] = (0.0, 0.5, 0.7, 0.9, 0.98, 1.0000001)


@dataclass(frozen=True)
class GoldDocument:
    name: str
    en: list[str]
    zh: list[str]
    beads: list[BeadKey]


def gold_file(folder: Path) -> Path:
    """``gold.corrected.jsonl`` when present, else ``gold.jsonl``."""
    corrected = folder / "gold.corrected.jsonl"
    return corrected if corrected.exists() else folder / "gold.jsonl"


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def read_gold_folder(folder: Path) -> list[GoldDocument]:
    """Documents of a gold folder, in the order of their first gold bead."""
    beads: dict[str, list[BeadKey]] = {}
    for line in gold_file(folder).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            beads.setdefault(record["doc"], []).append((tuple(record["en"]), tuple(record["zh"])))
    return [
        GoldDocument(name, _lines(folder / f"{name}.en"), _lines(folder / f"{name}.zh"), doc_beads)
        for name, doc_beads in beads.items()
    ]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _lax_counts(gold: Iterable[BeadKey], test: Iterable[BeadKey]) -> tuple[int, int]:
    """(correct, total) of ``test`` beads under the lax criterion against ``gold``."""
    gold_set = {bead for bead in gold if bead[0] or bead[1]}
    links: dict[int, set[int]] = defaultdict(set)
    for en, zh in gold_set:
        for e in en:
            links[e].update(zh)
    correct = total = 0
    for en, zh in {bead for bead in test if bead[0] or bead[1]}:
        total += 1
        if (en, zh) in gold_set:
            correct += 1
            continue
        reachable = set().union(*(links[e] for e in en)) if en else set()
        if reachable & set(zh):
            correct += 1
    return correct, total


def _subset_scores(gold: Sequence[BeadKey], predicted: Sequence[BeadKey], keep) -> tuple[int, int, int]:
    """(correct, predicted, gold) counts restricted to beads selected by ``keep``."""
    gold_set = set(gold)
    chosen_gold = [bead for bead in gold if keep(bead)]
    chosen_pred = [bead for bead in predicted if keep(bead)]
    correct = sum(1 for bead in chosen_pred if bead in gold_set)
    return correct, len(chosen_pred), len(chosen_gold)


def _is_non_one_to_one(bead: BeadKey) -> bool:
    return not (len(bead[0]) == 1 and len(bead[1]) == 1)


def _is_unpaired(bead: BeadKey) -> bool:
    return not bead[0] or not bead[1]


def score_alignments(
    gold: Mapping[str, Sequence[BeadKey]],
    predicted: Mapping[str, Sequence[tuple[BeadKey, float]]],
) -> dict[str, object]:
    """All metrics over the documents of ``gold`` (missing predictions count as empty)."""
    strict_correct = strict_pred = strict_gold = 0
    lax_p = [0, 0]
    lax_r = [0, 0]
    subsets = {"non_1_1": [0, 0, 0], "unpaired": [0, 0, 0]}
    bins = [[0, 0] for _ in CONFIDENCE_BINS[:-1]]
    for doc, gold_beads in gold.items():
        pred = predicted.get(doc, [])
        pred_beads = [bead for bead, _ in pred]
        gold_set = set(gold_beads)
        strict_correct += sum(1 for bead in pred_beads if bead in gold_set)
        strict_pred += len(pred_beads)
        strict_gold += len(gold_beads)
        c, t = _lax_counts(gold_beads, pred_beads)
        lax_p[0] += c
        lax_p[1] += t
        paired_gold = [bead for bead in gold_beads if bead[0] and bead[1]]
        paired_pred = [bead for bead in pred_beads if bead[0] and bead[1]]
        c, t = _lax_counts(paired_pred, paired_gold)
        lax_r[0] += c
        lax_r[1] += t
        for name, keep in (("non_1_1", _is_non_one_to_one), ("unpaired", _is_unpaired)):
            counts = _subset_scores(gold_beads, pred_beads, keep)
            for k in range(3):
                subsets[name][k] += counts[k]
        for bead, confidence in pred:
            for k in range(len(bins)):
                if CONFIDENCE_BINS[k] <= confidence < CONFIDENCE_BINS[k + 1]:
                    bins[k][0] += 1
                    bins[k][1] += bead in gold_set
                    break
    precision = _ratio(strict_correct, strict_pred)
    recall = _ratio(strict_correct, strict_gold)
    lax_precision = _ratio(*lax_p)
    lax_recall = _ratio(*lax_r)
    result: dict[str, object] = {
        "beads_gold": strict_gold,
        "beads_predicted": strict_pred,
        "strict_precision": precision,
        "strict_recall": recall,
        "strict_f1": _f1(precision, recall),
        "lax_f1": _f1(lax_precision, lax_recall),
    }
    for name, (correct, n_pred, n_gold) in subsets.items():
        p, r = _ratio(correct, n_pred), _ratio(correct, n_gold)
        result[f"{name}_gold"] = n_gold
        result[f"{name}_predicted"] = n_pred
        result[f"{name}_f1"] = _f1(p, r)
    high = [sum(bins[k][0] for k in range(len(bins)) if CONFIDENCE_BINS[k] >= 0.9),
            sum(bins[k][1] for k in range(len(bins)) if CONFIDENCE_BINS[k] >= 0.9)]  # fmt: skip
    result["confident_beads"] = high[0]
    result["confident_precision"] = _ratio(high[1], high[0])
    result["confidence_bins"] = [
        {"low": CONFIDENCE_BINS[k], "high": min(1.0, CONFIDENCE_BINS[k + 1]), "beads": n, "precision": _ratio(ok, n)}
        for k, (n, ok) in enumerate(bins)
    ]
    return result
