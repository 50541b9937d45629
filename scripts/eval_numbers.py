"""Measure the number-mismatch check on gold-aligned sentence pairs.

    python scripts/eval_numbers.py [--data ../shared/data] [--seed 13] [--edits-per-pair 1]

Pairs: the paired beads of seeds-gold/alignment.jsonl, paramed-dev (gold.corrected.jsonl) and
medline-en2zh (eval/, i.e. gold-align.jsonl); a many-to-one bead is one pair, its sentences
joined (English with a space, Chinese with nothing).

(a) Flagged pairs: every finding on the unmodified gold pairs is printed with both texts, to be
    judged by a person as a real translation error or a false alarm; the share of pairs
    flagged is the upper bound of the false-alarm rate.
(b) Recall: in each pair with a suitable number, one number on one side (chosen with a seeded
    random generator) is edited: a digit changed, the decimal point moved, two adjacent digits
    swapped, or a percent sign dropped. An edit counts as detected when a finding's span on the
    edited side covers the edited number, or when the edit adds a finding elsewhere (its
    counterpart reported missing); the first criterion alone is printed as "located".
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from glossary.checks.numbers import number_findings  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:\s?[%％])?")
EDIT_TYPES = ("digit", "decimal", "swap", "percent")


@dataclass(frozen=True)
class Pair:
    corpus: str
    doc: str
    bead: int
    en: str
    zh: str

    @property
    def name(self) -> str:
        return f"{self.corpus}/{self.doc} bead {self.bead}"


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def load_seeds(data: Path) -> list[Pair]:
    pairs, position = [], {}
    for line in (data / "seeds-gold" / "alignment.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        bead = position.get(record["doc"], 0)
        position[record["doc"]] = bead + 1
        if record["en"] and record["zh"]:
            pairs.append(Pair("seeds-gold", record["doc"], bead, record["en"], record["zh"]))
    return pairs


def load_indexed(corpus: str, root: Path, gold: str) -> list[Pair]:
    """Pairs from the paramed-dev layout: docN.en / docN.zh and a bead index file."""
    pairs, texts, position = [], {}, {}
    for line in (root / gold).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = record["doc"]
        if doc not in texts:
            texts[doc] = (_read_lines(root / f"{doc}.en"), _read_lines(root / f"{doc}.zh"))
        bead = position.get(doc, 0)
        position[doc] = bead + 1
        if record["en"] and record["zh"]:
            en_lines, zh_lines = texts[doc]
            en = " ".join(en_lines[i].strip() for i in record["en"])
            zh = "".join(zh_lines[i].strip() for i in record["zh"])
            pairs.append(Pair(corpus, doc, bead, en, zh))
    return pairs


def load_all(data: Path) -> list[Pair]:
    pairs = []
    if (data / "seeds-gold").is_dir():
        pairs += load_seeds(data)
    if (data / "paramed-dev").is_dir():
        pairs += load_indexed("paramed-dev", data / "paramed-dev", "gold.corrected.jsonl")
    if (data / "medline-en2zh" / "eval").is_dir():
        pairs += load_indexed("medline-en2zh", data / "medline-en2zh" / "eval", "gold.jsonl")
    return pairs


def _edit_candidates(text: str, kind: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every way ``kind`` can edit a number of ``text``."""
    out = []
    for match in _NUMBER.finditer(text):
        surface = match.group(0)
        number = surface.rstrip("%％ ")
        if kind == "percent":
            if number != surface:
                out.append((match.start(), match.end(), number))
            continue
        digits = [i for i, ch in enumerate(number) if ch.isdigit()]
        if kind == "digit":
            out.append((match.start(), match.end(), surface))  # digit chosen later
        elif kind == "decimal" and any(ch in ".．" for ch in number):
            out.append((match.start(), match.end(), surface))
        elif kind == "swap" and any(
            b == a + 1 and number[a] != number[b] for a, b in zip(digits, digits[1:])
        ):
            out.append((match.start(), match.end(), surface))
    return out


def apply_edit(surface: str, kind: str, rng: random.Random) -> str:
    """``surface`` (a number as written) after one edit of type ``kind``."""
    number = surface.rstrip("%％ ")
    tail = surface[len(number):]
    if kind == "percent":
        return number
    if kind == "digit":
        positions = [i for i, ch in enumerate(number) if ch.isdigit()]
        i = rng.choice(positions)
        choices = [d for d in "0123456789" if d != number[i] and not (d == "0" and i == 0)]
        return number[:i] + rng.choice(choices) + number[i + 1:] + tail
    if kind == "swap":
        options = [
            i for i in range(len(number) - 1)
            if number[i].isdigit() and number[i + 1].isdigit() and number[i] != number[i + 1]
        ]
        i = rng.choice(options)
        return number[:i] + number[i + 1] + number[i] + number[i + 2:] + tail
    # decimal: move the point one place left or right, keeping at least one digit before it
    point = next(i for i, ch in enumerate(number) if ch in ".．")
    digits = number[:point] + number[point + 1:]
    moves = [p for p in (point - 1, point + 1) if 1 <= p <= len(digits)]
    where = rng.choice(moves)
    moved = digits[:where] + (number[point] + digits[where:] if where < len(digits) else "")
    return moved + tail


def _finding_key(finding) -> tuple:
    return (finding.message, finding.severity)


def evaluate_recall(pairs: list[Pair], seed: int, edits_per_pair: int):
    results = {}
    for kind in EDIT_TYPES:
        rng = random.Random(f"{seed}:{kind}")
        total = detected = located = 0
        missed = []
        for pair in pairs:
            sides = [s for s in ("en", "zh") if _edit_candidates(getattr(pair, s), kind)]
            if not sides:
                continue
            before = number_findings(pair.doc, pair.bead, pair.en, pair.zh)
            for _ in range(edits_per_pair):
                side = rng.choice(sides)
                text = getattr(pair, side)
                start, end, _ = rng.choice(_edit_candidates(text, kind))
                replacement = apply_edit(text[start:end], kind, rng)
                edited = text[:start] + replacement + text[end:]
                en, zh = (edited, pair.zh) if side == "en" else (pair.en, edited)
                after = number_findings(pair.doc, pair.bead, en, zh)
                span_end = start + len(replacement)
                hit = any(
                    (span := getattr(f, f"{side}_span")) is not None
                    and span[0] < max(span_end, start + 1) and start < span[1]
                    for f in after
                )
                new = len(after) > len(before) or (
                    sorted(map(_finding_key, after)) != sorted(map(_finding_key, before))
                )
                total += 1
                located += hit
                detected += hit or new
                if not (hit or new):
                    missed.append((pair, side, text[start:end], replacement, edited))
        results[kind] = (total, detected, located, missed)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--edits-per-pair", type=int, default=1)
    parser.add_argument("--show-missed", type=int, default=10,
                        help="print up to this many missed edits per type")
    args = parser.parse_args(argv)

    pairs = load_all(args.data)
    if not pairs:
        print(f"no data under {args.data}", file=sys.stderr)
        return 2
    by_corpus: dict[str, list[int]] = {}
    print("== (a) findings on the unmodified gold pairs ==")
    for pair in pairs:
        findings = number_findings(pair.doc, pair.bead, pair.en, pair.zh)
        counts = by_corpus.setdefault(pair.corpus, [0, 0])
        counts[0] += 1
        if findings:
            counts[1] += 1
            print(f"\n-- {pair.name}")
            for finding in findings:
                print(f"   [{finding.severity}] {finding.message}")
            print(f"   EN: {pair.en}")
            print(f"   ZH: {pair.zh}")
    print()
    flagged = sum(c[1] for c in by_corpus.values())
    for corpus, (n, f) in by_corpus.items():
        print(f"{corpus:14s} pairs {n:4d}  flagged {f:3d}  ({100 * f / n:.1f}%)")
    print(f"{'all':14s} pairs {len(pairs):4d}  flagged {flagged:3d}  ({100 * flagged / len(pairs):.1f}%)")

    print("\n== (b) recall on seeded single-number edits ==")
    results = evaluate_recall(pairs, args.seed, args.edits_per_pair)
    grand_total = grand_detected = 0
    for kind, (total, detected, located, missed) in results.items():
        grand_total += total
        grand_detected += detected
        print(f"{kind:8s} edits {total:4d}  detected {detected:4d} ({100 * detected / max(total, 1):.1f}%)"
              f"  located {located:4d} ({100 * located / max(total, 1):.1f}%)")
    print(f"{'all':8s} edits {grand_total:4d}  detected {grand_detected:4d} "
          f"({100 * grand_detected / max(grand_total, 1):.1f}%)")
    for kind, (_, _, _, missed) in results.items():
        for pair, side, old, new, edited in missed[:args.show_missed]:
            print(f"\nmissed {kind}: {pair.name} {side} {old!r} -> {new!r}")
            print(f"   EN: {pair.en if side == 'zh' else edited}")
            print(f"   ZH: {pair.zh if side == 'en' else edited}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
