"""Monotone bead search over a banded lattice: best path plus bead posteriors.

The lattice has a node (i, j) for "the first i English and first j Chinese sentences are
aligned"; a bead of type (a, b) is an edge (i-a, j-b) → (i, j). Each English row i is
restricted to a band of Chinese positions ``lo[i]..hi[i]`` (the whole row for short documents,
a corridor around a coarse path for long ones). Banded search processes rows with numpy: every
bead type with a ≥ 1 reads an earlier row, and the 0-1 beads inside a row become a cumulative
scan, so the Python loop runs once per row, not once per cell. The few dozen cells of an
abstract are searched in plain Python instead, which is faster at that size.

Confidence is the posterior probability of a bead under the path distribution
P(path) ∝ exp(-cost(path) / T), from a forward–backward pass over the same lattice. For an
unpaired sentence it is the probability that the sentence is unpaired, summed over every edge
that leaves it out: the edge itself also fixes where the other side stands, which a long
untranslated stretch leaves open, so its own posterior would be near 0 for a certain 0-1 bead.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

INF = np.inf



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

    return _dense_posteriors(n, m, tables, types, zh_skip, best, path, 1.0 / temperature)


def _dense_posteriors(
    n: int,
    m: int,
    tables: dict[tuple[int, int], np.ndarray],
    types: list[tuple[int, int]],
    zh_skip: np.ndarray,
    best: list[list[float]],
    path: list[tuple[int, int, int, int, float]],
    scale: float,
) -> list[PathBead]:
    """Forward–backward in the linear domain, each cell scaled by its best-path cost.

    With V[i][j] the best cost to reach (i, j), the weight of an edge (i', j') → (i, j) is
    E = exp((V[i'][j'] + cost - V[i][j]) · -scale) ≤ 1, and F[i][j] = Σ F[i'][j'] · E counts
    the paths into (i, j) relative to the best one (F ≥ 1), B likewise the paths out of it
    relative to the best completion: plain products and sums instead of a log-sum-exp per
    cell, with nothing to overflow. A bead's posterior is F[start] · E · B[end] / F[n][m].
    """
    values = np.array(best) * scale
    with np.errstate(invalid="ignore", over="ignore"):
        weights = {}
        for a, b in types:
            edge = np.zeros((n + 1, m + 1))
            if a <= n and b <= m:
                edge[a:, b:] = np.exp(values[a:, b:] - values[: n + 1 - a, : m + 1 - b] - tables[(a, b)][a:, b:] * scale)
            weights[(a, b)] = np.nan_to_num(edge, nan=0.0, posinf=0.0).tolist()
        skip_edge = np.zeros((n + 1, m + 1))
        if m:
            skip_edge[:, 1:] = np.exp(values[:, 1:] - values[:, :-1] - zh_skip[1:][None, :] * scale)
        skip_weight = np.nan_to_num(skip_edge, nan=0.0, posinf=0.0).tolist()
    typed = [(a, b, weights[(a, b)]) for a, b in types]
    forward = [[0.0] * (m + 1) for _ in range(n + 1)]
    forward[0][0] = 1.0
    for i in range(n + 1):
        row = forward[i]
        skip_row = skip_weight[i]
        for j in range(m + 1):
            total = row[j - 1] * skip_row[j] if j else row[0]
            for a, b, table in typed:
                if a <= i and b <= j:
                    total += forward[i - a][j - b] * table[i][j]
            row[j] = total
    backward = [[0.0] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 1.0
    for i in range(n, -1, -1):
        row = backward[i]
        skip_row = skip_weight[i]
        for j in range(m, -1, -1):
            total = row[j + 1] * skip_row[j + 1] if j < m else row[m]
            for a, b, table in typed:
                if i + a <= n and j + b <= m:
                    total += backward[i + a][j + b] * table[i + a][j + b]
            row[j] = total
    norm = forward[n][m]
    skip_types = weights.get((1, 0))
    beads = []
    for i0, i1, j0, j1, cost in path:
        if i1 - i0 == 0:  # Chinese sentence j1 - 1 unpaired, wherever the English stands
            mass = sum(forward[i][j0] * skip_weight[i][j1] * backward[i][j1] for i in range(n + 1))
        elif j1 - j0 == 0 and skip_types is not None:  # English sentence i1 - 1 unpaired
            mass = sum(forward[i0][j] * skip_types[i1][j] * backward[i1][j] for j in range(m + 1))
        else:
            mass = forward[i0][j0] * weights[(i1 - i0, j1 - j0)][i1][j1] * backward[i1][j1]
        beads.append(PathBead(i0, i1, j0, j1, cost, min(1.0, mass / norm)))
    return beads


def _neg_log_sum_exp(terms: list[float]) -> float:
    """-log Σ exp(-t) over finite terms (+inf when there are none)."""
    low = min(terms, default=math.inf)
    if low == math.inf:
        return math.inf
    # terms more than 40 nats above the best add less than 1e-17 relative: skipped
    cutoff = low + 40.0
    return low - math.log(sum([math.exp(low - t) for t in terms if t < cutoff]))


def search_banded(
    n: int,
    m: int,
    band: Band,
    bead_types: Sequence[tuple[int, int]],
    costs: np.ndarray,
    zh_skip: np.ndarray,
    temperature: float,
    posteriors: bool = True,
) -> list[PathBead]:
    """:func:`search` over precomputed banded costs (see :func:`aligner.scoring.banded_bead_costs`).

    Row i stores positions j = lo[i] + k. Each row is one gather of the earlier rows for all
    bead types at once, a min (or log-sum-exp) over types and a scan for the 0-1 beads.
    """
    types = [(a, b) for a, b in bead_types if a >= 1]
    lo = band.lo.astype(np.int64)
    hi = band.hi.astype(np.int64)
    width = costs.shape[2]
    k = np.arange(width)
    span = hi - lo  # last valid k per row
    type_a = np.array([a for a, _ in types], dtype=np.int64)
    type_b = np.array([b for _, b in types], dtype=np.int64)
    zero_outside = lambda row, values: np.where(k <= span[row], values, INF)  # noqa: E731

    def previous_cells(table: np.ndarray, i: int) -> np.ndarray:
        """table[i - a_t, (lo[i] + k - b_t) - lo[i - a_t]] for every type t, +inf if absent."""
        rows = i - type_a
        usable = rows >= 0
        safe = np.where(usable, rows, 0)
        index = (lo[i] - type_b - lo[safe])[:, None] + k[None, :]
        ok = usable[:, None] & (index >= 0) & (index < width)
        return np.where(ok, table[safe[:, None], np.clip(index, 0, width - 1)], INF)

    best = np.full((n + 1, width), INF)
    choice = np.full((n + 1, width), -1, dtype=np.int16)
    for i in range(n + 1):
        candidates = previous_cells(best, i) + costs[i]
        row_choice = candidates.argmin(axis=0)
        row_best = candidates[row_choice, k]
        row_choice = np.where(np.isfinite(row_best), row_choice, -1)
        if i == 0 and lo[0] == 0:
            row_best[0], row_choice[0] = 0.0, -1
        steps = np.where(np.isfinite(zh_skip[i]), zh_skip[i], 0.0)
        steps[0] = 0.0
        row_best, from_left = _min_plus_scan(row_best, steps)
        best[i] = zero_outside(i, row_best)
        choice[i] = np.where(from_left, len(types), row_choice)

    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        cell = j - int(lo[i])
        index = int(choice[i, cell])
        if index == len(types):
            a, b, cost = 0, 1, float(zh_skip[i, cell])
        elif index < 0:
            raise RuntimeError("no path through the band")  # pragma: no cover - band bug
        else:
            a, b = types[index]
            cost = float(costs[i, index, cell])
        path.append((i - a, i, j - b, j, cost))
        i, j = i - a, j - b
    path.reverse()
    if not posteriors:
        return [PathBead(*bead, posterior=1.0) for bead in path]

    scale = 1.0 / temperature
    skip_scaled = np.where(np.isfinite(zh_skip), zh_skip * scale, 0.0)
    forward = np.full((n + 1, width), INF)
    with np.errstate(invalid="ignore"):
        for i in range(n + 1):
            candidates = previous_cells(forward, i) + costs[i] * scale
            row = -np.logaddexp.reduce(-candidates, axis=0)
            if i == 0 and lo[0] == 0:
                row[0] = 0.0
            steps = skip_scaled[i].copy()
            steps[0] = 0.0
            forward[i] = zero_outside(i, _logsum_scan(row, steps))
        backward = np.full((n + 1, width), INF)
        for i in range(n, -1, -1):
            rows = i + type_a
            usable = rows <= n
            safe = np.where(usable, rows, n)
            index = (lo[i] + type_b - lo[safe])[:, None] + k[None, :]
            ok = usable[:, None] & (index >= 0) & (index < width)
            clipped = np.clip(index, 0, width - 1)
            after = backward[safe[:, None], clipped] + costs[safe[:, None], np.arange(len(types))[:, None], clipped] * scale
            row = -np.logaddexp.reduce(-np.where(ok, after, INF), axis=0)
            if i == n:
                row[m - int(lo[n])] = 0.0
            row = zero_outside(i, row)
            last = int(span[i])
            # 0-1 beads, right to left: B[j] = softmin(row[j], skip[j + 1] + B[j + 1])
            steps = np.concatenate(([0.0], skip_scaled[i][1 : last + 1][::-1]))
            backward[i, : last + 1] = _logsum_scan(row[: last + 1][::-1], steps)[::-1]
    total = float(forward[n, m - int(lo[n])])
    skip_type = types.index((1, 0)) if (1, 0) in types else None
    beads = []
    for i0, i1, j0, j1, cost in path:
        if i1 - i0 == 0:
            # Chinese sentence j1 - 1 unpaired, summed over every English row holding the edge
            first = int(np.searchsorted(hi, j1, side="left"))
            last = int(np.searchsorted(lo, j0, side="right"))
            rows = np.arange(first, last)
            cells = j1 - lo[rows]
            terms = forward[rows, cells - 1] + skip_scaled[rows, cells] + backward[rows, cells]
        elif j1 - j0 == 0 and skip_type is not None:
            # English sentence i1 - 1 unpaired, summed over every Chinese position
            columns = np.arange(max(lo[i0], lo[i1]), min(hi[i0], hi[i1]) + 1)
            cells = columns - lo[i1]
            terms = forward[i0, columns - lo[i0]] + costs[i1, skip_type, cells] * scale + backward[i1, cells]
        else:
            log_posterior = total - float(forward[i0, j0 - lo[i0]]) - cost * scale - float(backward[i1, j1 - lo[i1]])
            beads.append(PathBead(i0, i1, j0, j1, cost, min(1.0, math.exp(min(0.0, log_posterior)))))
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            mass = float(np.sum(np.exp(np.minimum(total - terms, 0.0)))) if terms.size else 0.0
        beads.append(PathBead(i0, i1, j0, j1, cost, float(min(1.0, mass))))
    return beads
