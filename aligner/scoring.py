"""The cost of a bead: length agreement, lexical support of every member, bead-type prior.

Lexical evidence is scored *per member sentence*: every sentence of a bead must find its own
keys on the other side of the bead. A 2-1 bead whose second English sentence has no support in
the Chinese sentence therefore costs more than a 1-1 bead plus a 1-0 bead, so an untranslated
sentence is left unpaired instead of being swallowed by its neighbour.

For a member u with evidence weight W_u and weight M_u found on the other side,
support(u) = (min(M_u, W_u) + α·p0) / (W_u + α): smoothed towards p0 when a sentence offers
little evidence (a short header, a sentence without dictionary words), so length and
neighbours decide for it. The pair weights M are sums of the sentence-pair intersections
C[e, z] = weight(keys_e ∩ keys_z), which makes every bead shape cheap to score.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from aligner.dp import Band
from aligner.features import Unit

INF = np.inf


@dataclass(frozen=True)
class CostModel:
    """The numbers of the bead cost (filled from :class:`aligner.align.AlignOptions`)."""

    lexical_weight: float
    support_smoothing: float
    support_prior: float
    length_weight: float
    length_log_ratio: float
    length_sigma: float
    length_smoothing: float
    skip_cost: float
    header_skip_cost: float
    type_priors: Mapping[tuple[int, int], float]


class BeadScorer:
    """Scores beads between two lists of units inside a band (one per alignment level)."""

    def __init__(
        self,
        en: Sequence[Unit],
        zh: Sequence[Unit],
        key_weights: Mapping[str, float],
        model: CostModel,
        band: Band,
        max_en: int,
        max_zh: int,
    ) -> None:
        self.en = en
        self.zh = zh
        self.model = model
        n, m = len(en), len(zh)
        self.en_weight = np.array([_total(unit.keys, key_weights) for unit in en], dtype=float)
        self.zh_weight = np.array([_total(unit.keys, key_weights) for unit in zh], dtype=float)
        self.en_length = np.array([unit.length for unit in en], dtype=float)
        self.zh_length_cum = np.concatenate(([0.0], np.cumsum([unit.length for unit in zh])))
        self.en_header = np.array([unit.header for unit in en], dtype=bool)
        self.zh_header_cum = np.concatenate(([0], np.cumsum([unit.header for unit in zh]))).astype(np.int64)
        self.zh_skip_cost = np.array(
            [model.header_skip_cost if unit.header else model.skip_cost for unit in zh], dtype=float
        )
        self.en_skip_cost = np.array(
            [model.header_skip_cost if unit.header else model.skip_cost for unit in en], dtype=float
        )
        # Pair evidence rows: en unit e holds C[e, z] for z in offset[e] .. offset[e]+len-1.
        self.offsets = np.zeros(n, dtype=np.int64)
        self.rows: list[np.ndarray] = []
        self.row_cums: list[np.ndarray] = []
        for e in range(n):
            start = max(0, int(band.lo[e + 1]) - max_zh) if e + 1 <= n else 0
            stop = min(m, int(band.hi[min(n, e + max_en)]))
            stop = max(stop, start)
            self.offsets[e] = start
            row = _pair_row(en[e].keys, zh[start:stop], key_weights)
            self.rows.append(row)
            self.row_cums.append(np.concatenate(([0.0], np.cumsum(row))))

    def _window(self, e: int, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """Σ C[e, z] for z in [starts, stops) elementwise (0 outside the stored row)."""
        cum = self.row_cums[e]
        size = len(cum) - 1
        offset = int(self.offsets[e])
        return cum[np.clip(stops - offset, 0, size)] - cum[np.clip(starts - offset, 0, size)]

    def _column(self, e: int, z: np.ndarray) -> np.ndarray:
        """C[e, z] elementwise (0 outside the stored row)."""
        row = self.rows[e]
        index = z - int(self.offsets[e])
        inside = (index >= 0) & (index < len(row))
        out = np.zeros(len(z))
        out[inside] = row[index[inside]]
        return out

    def _support_cost(self, found: np.ndarray, weight: np.ndarray | float) -> np.ndarray:
        model = self.model
        alpha = model.support_smoothing
        support = (np.minimum(found, weight) + alpha * model.support_prior) / (weight + alpha)
        return 1.0 - support

    def bead_costs(self, i: int, a: int, b: int, lo: int, hi: int) -> np.ndarray:
        """Costs of beads English (i-a, i], Chinese (j-b, j] for j = lo..hi (a ≥ 1)."""
        model = self.model
        ends = np.arange(lo, hi + 1)
        if b == 0:
            return np.full(len(ends), self.en_skip_cost[i - 1])
        starts = ends - b
        valid = starts >= 0
        if not valid.any():
            return np.full(len(ends), INF)
        if a > 1 and self.en_header[i - a : i].any():
            return np.full(len(ends), INF)
        safe_starts = np.maximum(starts, 0)
        lexical = np.zeros(len(ends))
        for e in range(i - a, i):
            found = self._window(e, safe_starts, ends)
            lexical += self._support_cost(found, self.en_weight[e])
        for t in range(1, b + 1):
            z = np.maximum(ends - t, 0)
            found = np.zeros(len(ends))
            for e in range(i - a, i):
                found += self._column(e, z)
            lexical += self._support_cost(found, self.zh_weight[z])
        en_length = float(self.en_length[i - a : i].sum())
        zh_length = self.zh_length_cum[ends] - self.zh_length_cum[safe_starts]
        smoothing = model.length_smoothing
        deviation = (np.log((zh_length + smoothing) / (en_length + smoothing)) - model.length_log_ratio) / model.length_sigma
        cost = (
            model.type_priors.get((a, b), 0.0)
            + model.lexical_weight * lexical
            + model.length_weight * np.log1p(0.5 * deviation * deviation)
        )
        if b > 1:
            headers = self.zh_header_cum[ends] - self.zh_header_cum[safe_starts]
            valid &= headers == 0
        return np.where(valid, cost, INF)

    def zh_skip(self, i: int, lo: int, hi: int) -> np.ndarray:
        """Cost of leaving Chinese unit j-1 unpaired, for j = lo..hi (j = 0 gets +inf)."""
        ends = np.arange(lo, hi + 1)
        out = np.full(len(ends), INF)
        inside = ends >= 1
        out[inside] = self.zh_skip_cost[ends[inside] - 1]
        return out


def _total(keys: frozenset[str], key_weights: Mapping[str, float]) -> float:
    """Summed weight of ``keys``; keys only one side has weigh what their kind weighs."""
    return float(sum(key_weights.get(key, key_weights.get(key[:2] if key[0] != "#" else "#", 1.0)) for key in keys))


def _pair_row(keys: frozenset[str], zh: Sequence[Unit], key_weights: Mapping[str, float]) -> np.ndarray:
    """weight(keys ∩ zh[z].keys) for every z."""
    row = np.zeros(len(zh))
    if not keys:
        return row
    weight = key_weights.__getitem__
    for index, unit in enumerate(zh):
        common = keys & unit.keys
        if common:
            row[index] = sum(map(weight, common))
    return row


def log_ratio_sigma(pairs: Sequence[tuple[float, float]], smoothing: float) -> tuple[float, float]:
    """Mean and standard deviation of log((zh + s) / (en + s)) over 1-1 pairs (calibration)."""
    values = [math.log((zh + smoothing) / (en + smoothing)) for en, zh in pairs]
    mean = sum(values) / len(values)
    variance = sum((value - mean) ** 2 for value in values) / max(1, len(values) - 1)
    return mean, math.sqrt(variance)


def dense_bead_costs(
    en: Sequence[Unit],
    zh: Sequence[Unit],
    key_weights: Mapping[str, float],
    model: CostModel,
    bead_types: Sequence[tuple[int, int]],
) -> tuple[dict[tuple[int, int], np.ndarray], np.ndarray]:
    """Every bead cost of a short document at once: cost[(a, b)][i, j] for the bead ending at (i, j).

    The same cost as :class:`BeadScorer`, vectorised over the whole lattice (cumulative sums
    over both axes), for documents small enough to score in full. Also returns the 0-1 costs
    by end position j (index 0 unused, +inf).
    """
    n, m = len(en), len(zh)
    alpha, prior = model.support_smoothing, model.support_prior
    pair = np.zeros((n, m))
    for e, unit in enumerate(en):
        pair[e] = _pair_row(unit.keys, zh, key_weights)
    en_weight = np.array([_total(unit.keys, key_weights) for unit in en], dtype=float)
    zh_weight = np.array([_total(unit.keys, key_weights) for unit in zh], dtype=float)
    # along_zh[e, j] = Σ_{z<j} C[e, z];  along_en[i, z] = Σ_{e<i} C[e, z]
    along_zh = np.zeros((n, m + 1))
    np.cumsum(pair, axis=1, out=along_zh[:, 1:])
    along_en = np.zeros((n + 1, m))
    np.cumsum(pair, axis=0, out=along_en[1:])
    en_cum_length = np.concatenate(([0.0], np.cumsum([unit.length for unit in en])))
    zh_cum_length = np.concatenate(([0.0], np.cumsum([unit.length for unit in zh])))
    en_header = np.concatenate(([0], np.cumsum([unit.header for unit in en])))
    zh_header = np.concatenate(([0], np.cumsum([unit.header for unit in zh])))
    en_skip = np.array([model.header_skip_cost if unit.header else model.skip_cost for unit in en], dtype=float)
    zh_skip = np.full(m + 1, INF)
    zh_skip[1:] = [model.header_skip_cost if unit.header else model.skip_cost for unit in zh]

    def unsupported(found: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return 1.0 - (np.minimum(found, weight) + alpha * prior) / (weight + alpha)

    en_cost_by_b: dict[int, np.ndarray] = {}  # [(n+1), (m+1)]: Σ_{e<i} unsupported English e vs (j-b, j]
    zh_cost_by_a: dict[int, np.ndarray] = {}  # [(n+1), (m+1)]: Σ_{z<j} unsupported Chinese z vs (i-a, i]
    tables: dict[tuple[int, int], np.ndarray] = {}
    for a, b in bead_types:
        if a == 0:
            continue
        table = np.full((n + 1, m + 1), INF)
        if a > n or b > m:
            tables[(a, b)] = table
            continue
        if b == 0:
            table[a:, :] = en_skip[np.arange(a - 1, n)][:, None]
            tables[(a, b)] = table
            continue
        if b not in en_cost_by_b:
            found = np.zeros((n, m + 1))
            found[:, b:] = along_zh[:, b:] - along_zh[:, :-b]
            per_sentence = unsupported(found, en_weight[:, None])
            cumulative = np.zeros((n + 1, m + 1))
            np.cumsum(per_sentence, axis=0, out=cumulative[1:])
            en_cost_by_b[b] = cumulative
        if a not in zh_cost_by_a:
            found = np.zeros((n + 1, m))
            found[a:] = along_en[a:] - along_en[:-a]
            per_sentence = unsupported(found, zh_weight[None, :])
            cumulative = np.zeros((n + 1, m + 1))
            np.cumsum(per_sentence, axis=1, out=cumulative[:, 1:])
            zh_cost_by_a[a] = cumulative
        en_part = en_cost_by_b[b][a:, b:] - en_cost_by_b[b][:-a, b:]
        zh_part = zh_cost_by_a[a][a:, b:] - zh_cost_by_a[a][a:, :-b]
        en_length = (en_cum_length[a:] - en_cum_length[:-a])[:, None]
        zh_length = (zh_cum_length[b:] - zh_cum_length[:-b])[None, :]
        s = model.length_smoothing
        deviation = (np.log((zh_length + s) / (en_length + s)) - model.length_log_ratio) / model.length_sigma
        cost = (
            model.type_priors.get((a, b), 0.0)
            + model.lexical_weight * (en_part + zh_part)
            + model.length_weight * np.log1p(0.5 * deviation * deviation)
        )
        if a > 1:
            cost = np.where(((en_header[a:] - en_header[:-a]) > 0)[:, None], INF, cost)
        if b > 1:
            cost = np.where(((zh_header[b:] - zh_header[:-b]) > 0)[None, :], INF, cost)
        table[a:, b:] = cost
        tables[(a, b)] = table
    return tables, zh_skip
