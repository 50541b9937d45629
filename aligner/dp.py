"""Monotone bead search over a banded lattice: best path plus bead posteriors.

The lattice has a node (i, j) for "the first i English and first j Chinese sentences are
aligned"; a bead of type (a, b) is an edge (i-a, j-b) → (i, j). Each English row i is
restricted to a band of Chinese positions ``lo[i]..hi[i]`` (the whole row for short documents,
a corridor around a coarse path for long ones). Rows are processed with numpy: every bead type
with a ≥ 1 reads an earlier row, and the 0-1 beads inside a row become a cumulative scan, so
the Python loop runs once per row, not once per cell.

Confidence is the posterior probability of a bead under the path distribution
P(path) ∝ exp(-cost(path) / T), from a forward–backward pass over the same lattice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

INF = np.inf

# cost(i, a, b, lo, hi) -> costs of the beads of type (a, b) ending at (i, j) for j in lo..hi
BeadCosts = Callable[[int, int, int, int, int], np.ndarray]
# skip(i, lo, hi) -> cost of the 0-1 bead ending at (i, j) (Chinese sentence j-1 alone)
ZhSkipCosts = Callable[[int, int, int], np.ndarray]


@dataclass(frozen=True)
class Band:
    """Allowed Chinese positions per English row, inclusive, non-decreasing on both ends."""

    lo: np.ndarray
    hi: np.ndarray

    @staticmethod
    def full(n: int, m: int) -> "Band":
        return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @property
    def cells(self) -> int:
        return int(np.sum(self.hi - self.lo + 1))


@dataclass(frozen=True)
class PathBead:
    """A bead of the best path: English [en_start, en_end), Chinese [zh_start, zh_end)."""

    en_start: int
    en_end: int
    zh_start: int
    zh_end: int
    cost: float
    posterior: float


def _gather(values: np.ndarray, offset: int, start: int, stop: int) -> np.ndarray:
    """values[k - offset] for k in start..stop-1, +inf outside the stored range."""
    out = np.full(stop - start, INF)
    first = max(start, offset)
    last = min(stop, offset + len(values))
    if first < last:
        out[first - start : last - start] = values[first - offset : last - offset]
    return out


def _min_plus_scan(values: np.ndarray, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """best[j] = min(values[j], best[j-1] + steps[j]); also whether best[j] came from the left."""
    prefix = np.cumsum(steps)
    approximate = prefix + np.minimum.accumulate(values - prefix)
    # Re-derive each cell from its left neighbour so rounding in the prefix sums cannot make a
    # cell look as if it came from the left when it did not.
    left = np.concatenate(([INF], approximate[:-1] + steps[1:]))
    from_left = left < values
    return np.where(from_left, left, values), from_left


def _logsum_scan(values: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """Soft version: out[j] = -log(exp(-values[j]) + exp(-(out[j-1] + steps[j])))."""
    prefix = np.cumsum(steps)
    return prefix - np.logaddexp.accumulate(-(values - prefix))


def search(
    n: int,
    m: int,
    band: Band,
    bead_types: Sequence[tuple[int, int]],
    bead_costs: BeadCosts,
    zh_skip: ZhSkipCosts,
    temperature: float,
    posteriors: bool = True,
) -> list[PathBead]:
    """Best monotone bead path from (0, 0) to (n, m) and the posterior of each of its beads."""
    types = [(a, b) for a, b in bead_types if a >= 1]
    lo, hi = band.lo, band.hi
    best: list[np.ndarray] = []
    choice: list[np.ndarray] = []
    costs: list[dict[tuple[int, int], np.ndarray]] = []
    skips: list[np.ndarray] = []
    for i in range(n + 1):
        row_lo, row_hi = int(lo[i]), int(hi[i])
        width = row_hi - row_lo + 1
        row_best = np.full(width, INF)
        row_choice = np.full(width, -1, dtype=np.int64)
        if i == 0 and row_lo == 0:
            row_best[0] = 0.0
        row_costs: dict[tuple[int, int], np.ndarray] = {}
        for index, (a, b) in enumerate(types):
            if i - a < 0:
                continue
            cost = bead_costs(i, a, b, row_lo, row_hi)
            row_costs[(a, b)] = cost
            previous = _gather(best[i - a], int(lo[i - a]), row_lo - b, row_hi - b + 1)
            candidate = previous + cost
            better = candidate < row_best
            row_best = np.where(better, candidate, row_best)
            row_choice = np.where(better, index, row_choice)
        skip = zh_skip(i, row_lo, row_hi)
        steps = skip.copy()
        steps[0] = 0.0  # unused: nothing lies left of the band's first cell
        row_best, from_left = _min_plus_scan(row_best, steps)
        row_choice = np.where(from_left, len(types), row_choice)
        best.append(row_best)
        choice.append(row_choice)
        costs.append(row_costs)
        skips.append(skip)

    # Backtrace.
    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        row_lo = int(lo[i])
        index = int(choice[i][j - row_lo])
        if index == len(types):
            a, b = 0, 1
            cost = float(skips[i][j - row_lo])
        elif index < 0:
            raise RuntimeError("no path through the band")  # pragma: no cover - band bug
        else:
            a, b = types[index]
            cost = float(costs[i][(a, b)][j - row_lo])
        path.append((i - a, i, j - b, j, cost))
        i, j = i - a, j - b
    path.reverse()

    if not posteriors:
        return [PathBead(*bead, posterior=1.0) for bead in path]
    forward, backward = _forward_backward(n, band, types, costs, skips, temperature)
    total = float(forward[n][m - int(lo[n])])
    beads = []
    for i0, i1, j0, j1, cost in path:
        log_posterior = total - forward[i0][j0 - int(lo[i0])] - cost / temperature - backward[i1][j1 - int(lo[i1])]
        beads.append(PathBead(i0, i1, j0, j1, cost, float(min(1.0, np.exp(min(0.0, log_posterior))))))
    return beads


def _forward_backward(
    n: int,
    band: Band,
    types: Sequence[tuple[int, int]],
    costs: list[dict[tuple[int, int], np.ndarray]],
    skips: list[np.ndarray],
    temperature: float,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Negative log forward and backward sums of exp(-cost / T) over the banded lattice."""
    lo, hi = band.lo, band.hi
    scale = 1.0 / temperature
    forward: list[np.ndarray] = []
    for i in range(n + 1):
        row_lo, row_hi = int(lo[i]), int(hi[i])
        acc = np.full(row_hi - row_lo + 1, INF)
        if i == 0 and row_lo == 0:
            acc[0] = 0.0
        for a, b in types:
            if (a, b) not in costs[i]:
                continue
            previous = _gather(forward[i - a], int(lo[i - a]), row_lo - b, row_hi - b + 1)
            candidate = previous + costs[i][(a, b)] * scale
            acc = -np.logaddexp(-acc, -candidate)
        steps = skips[i] * scale
        steps[0] = 0.0  # unused: nothing lies left of the band's first cell
        forward.append(_logsum_scan(acc, steps))

    backward: list[np.ndarray | None] = [None] * (n + 1)
    for i in range(n, -1, -1):
        row_lo, row_hi = int(lo[i]), int(hi[i])
        acc = np.full(row_hi - row_lo + 1, INF)
        if i == n:
            acc[-1] = 0.0  # hi[n] == m
        for a, b in types:
            if i + a > n or (a, b) not in costs[i + a]:
                continue
            target_lo = int(lo[i + a])
            # bead from (i, j) ends at (i + a, j + b)
            cost = _gather(costs[i + a][(a, b)], target_lo, row_lo + b, row_hi + b + 1)
            after = _gather(backward[i + a], target_lo, row_lo + b, row_hi + b + 1)
            acc = -np.logaddexp(-acc, -(cost * scale + after))
        # 0-1 beads inside the row, scanned right to left: from (i, j) to (i, j + 1)
        steps = np.concatenate(([0.0], (skips[i][1:] * scale)[::-1]))
        backward[i] = _logsum_scan(acc[::-1], steps)[::-1]
    return forward, backward  # type: ignore[return-value]


def search_dense(
    n: int,
    m: int,
    tables: dict[tuple[int, int], np.ndarray],
    zh_skip: np.ndarray,
    temperature: float,
    posteriors: bool = True,
) -> list[PathBead]:
    """:func:`search` for a short document whose bead costs are all precomputed.

    Plain Python over lists: for the few dozen cells of an abstract this is several times
    faster than per-row numpy calls, and it computes exactly the same quantities.
    """
    types = [(a, b) for a, b in tables if a >= 1]
    rows = {key: tables[key].tolist() for key in types}
    skip = zh_skip.tolist()
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        best_row = best[i]
        back_row = back[i]
        for j in range(m + 1):
            value = best_row[j]
            step = (0, 0, 0.0)
            if j >= 1:
                candidate = best_row[j - 1] + skip[j]
                if candidate < value:
                    value, step = candidate, (0, 1, skip[j])
            for a, b in types:
                if a <= i and b <= j:
                    cost = rows[(a, b)][i][j]
                    candidate = best[i - a][j - b] + cost
                    if candidate < value:
                        value, step = candidate, (a, b, cost)
            best_row[j] = value
            back_row[j] = step
    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b, cost = back[i][j]
        path.append((i - a, i, j - b, j, cost))
        i, j = i - a, j - b
    path.reverse()
    if not posteriors:
        return [PathBead(*bead, posterior=1.0) for bead in path]

    scale = 1.0 / temperature
    scaled = {key: [[c * scale for c in row] for row in rows[key]] for key in types}
    skip_scaled = [c * scale for c in skip]
    forward = [[inf] * (m + 1) for _ in range(n + 1)]
    forward[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            terms = [forward[i][j]] if (i, j) == (0, 0) else []
            if j >= 1:
                terms.append(forward[i][j - 1] + skip_scaled[j])
            for a, b in types:
                if a <= i and b <= j:
                    terms.append(forward[i - a][j - b] + scaled[(a, b)][i][j])
            forward[i][j] = _neg_log_sum_exp(terms)
    backward = [[inf] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i, j) == (n, m):
                continue
            terms = []
            if j < m:
                terms.append(backward[i][j + 1] + skip_scaled[j + 1])
            for a, b in types:
                if i + a <= n and j + b <= m:
                    terms.append(backward[i + a][j + b] + scaled[(a, b)][i + a][j + b])
            backward[i][j] = _neg_log_sum_exp(terms)
    total = forward[n][m]
    beads = []
    for i0, i1, j0, j1, cost in path:
        log_posterior = total - forward[i0][j0] - cost * scale - backward[i1][j1]
        beads.append(PathBead(i0, i1, j0, j1, cost, min(1.0, math.exp(min(0.0, log_posterior)))))
    return beads


def _neg_log_sum_exp(terms: list[float]) -> float:
    """-log Σ exp(-t) over finite terms (+inf when there are none)."""
    low = min(terms, default=math.inf)
    if low == math.inf:
        return math.inf
    return low - math.log(sum(math.exp(low - t) for t in terms))
