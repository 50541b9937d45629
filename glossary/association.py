"""Pairing English term candidates with Chinese spans inside one bead, by competitive linking.

Every English candidate proposes its best-explained Chinese span (dictionary anchoring or
transliteration). Links are accepted best first — terms of more words before the terms nested
in them, then by score — and a Chinese span already taken by another term cannot be taken again
unless the new English term sits inside the English term that took it (a nested term, counted
separately). So one term does not pair with everything around it, and "thrombocytopenia"
inside "secondary immune thrombocytopenia" is recorded as nested, not as a stand-alone use.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    """An English candidate (token span) and the Chinese span it proposes."""

    en_key: str
    en_surface: str
    en_start: int
    en_end: int
    zh: str
    zh_start: int
    zh_end: int
    score: float
    method: str  # "dictionary" | "transliteration" | "abbreviation"


@dataclass(frozen=True)
class Link:
    proposal: Proposal
    nested: bool


def competitive_link(proposals: list[Proposal], min_score: float) -> list[Link]:
    """Greedy one-to-one linking with nesting; deterministic order."""
    order = sorted(
        (p for p in proposals if p.score >= min_score),
        key=lambda p: (-len(p.en_surface.split()), -(p.en_end - p.en_start) if " " in p.en_surface else 0,
                       -p.score, p.en_start, p.zh_start, p.zh),
    )
    accepted: list[Link] = []
    taken: set[tuple[int, int]] = set()
    for p in order:
        if (p.en_start, p.en_end) in taken:
            continue  # one rendering per English occurrence; the others were alternatives
        nested = False
        ok = True
        for link in accepted:
            q = link.proposal
            en_overlap = p.en_start < q.en_end and q.en_start < p.en_end
            en_inside = q.en_start <= p.en_start and p.en_end <= q.en_end
            zh_overlap = p.zh_start < q.zh_end and q.zh_start < p.zh_end
            zh_inside = q.zh_start <= p.zh_start and p.zh_end <= q.zh_end and (p.zh_start, p.zh_end) != (q.zh_start, q.zh_end)
            if en_overlap and not en_inside:
                ok = False  # crossing English spans: the better one already won
                break
            if en_inside:
                if zh_inside:
                    nested = True
                    continue
                if zh_overlap:
                    ok = False
                    break
                continue
            if zh_overlap:
                ok = False
                break
        if ok:
            accepted.append(Link(p, nested))
            taken.add((p.en_start, p.en_end))
    return accepted


def dice(joint: int, left: int, right: int) -> float:
    """Dice coefficient of two co-occurrence counts."""
    return 2.0 * joint / (left + right) if left + right else 0.0
