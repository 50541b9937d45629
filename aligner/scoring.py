"""The cost of a bead: length agreement, lexical support of every member, bead-type prior.

Lexical evidence is scored *per member sentence*: every sentence of a bead must find its own
keys on the other side of the bead. A 2-1 bead whose second English sentence has no support in
the Chinese sentence therefore costs more than a 1-1 bead plus a 1-0 bead, so an untranslated
sentence is left unpaired instead of being swallowed by its neighbour.

For a member u with evidence weight W_u and weight M_u found on the other side,
support(u) = (min(M_u, W_u) + α·p0) / (W_u + α): smoothed towards p0 when a sentence offers
little evidence (a short header, a sentence without dictionary words), so length and
neighbours decide for it. Keys that two Chinese members of one bead share count for neither
(:func:`_member_unsupported`): an untranslated Chinese sentence that repeats its neighbour's
terms (an aside on the same drug) then has no support of its own and stays unpaired. The pair weights M are sums of the sentence-pair intersections
C[e, z] = weight(keys_e ∩ keys_z), which makes every bead shape cheap to score.
"""
from __future__ import annotations

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
    merge_log_shift: float
    skip_cost: float
    header_skip_cost: float
    headers_pair_headers: bool
    exclusive_zh_evidence: bool
    type_priors: Mapping[tuple[int, int], float]


def _skip_cost(unit: Unit, model: CostModel) -> float:
    """Cost of leaving a unit unpaired: per sentence, cheaper for header lines."""
    return (model.header_skip_cost if unit.header else model.skip_cost) * unit.size


def _expected_log_ratio(model: CostModel, a: int, b: int) -> float:
    """Expected log(zh / en) length of an a-b bead: English sentences merged into one
    translation are condensed.

    A translator who joins English sentences drops what their boundaries carry (a repeated
    subject, a connective, "Furthermore"), so the Chinese of an a-1 bead is shorter than the
    sum of a separate translations: the expected log ratio falls by ``merge_log_shift`` per
    extra English sentence (gold beads of the development sets: 2-1 -0.11, 3-1 -0.26,
    4-1 -0.29; least squares -0.10 per sentence). Chinese sides split into several sentences
    keep the 1-1 expectation: a longer Chinese side is as often added material (an editor's
    passage) as a split translation, and the aligner must not read it as one.
    """
    return model.length_log_ratio - model.merge_log_shift * (a - 1)


def _total(keys: frozenset[str], key_weights: Mapping[str, float]) -> float:
    """Summed weight of ``keys`` (``key_weights`` holds every key of the document)."""
    return float(sum(map(key_weights.__getitem__, keys)))


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


def _neighbour_overlaps(
    units: Sequence[Unit], other: Sequence[Unit], key_weights: Mapping[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """For consecutive units r, r+1 of one side: the weight of the keys they share found in
    each unit of the other side (rows - 1, len(other)), and the weight they share at all."""
    rows = max(len(units) - 1, 0)
    found = np.zeros((rows, len(other)))
    shared_weight = np.zeros(rows)
    for r in range(rows):
        shared = units[r].keys & units[r + 1].keys
        if shared:
            found[r] = _pair_row(shared, other, key_weights)
            shared_weight[r] = _total(shared, key_weights)
    return found, shared_weight


def _windowed(values: np.ndarray, window: int) -> np.ndarray:
    """out[r, c] = Σ values[r, c - window : c] for c ≥ window (0 before): evidence found in
    the other side's window ending at c."""
    rows, cols = values.shape
    along = np.zeros((rows, cols + 1))
    np.cumsum(values, axis=1, out=along[:, 1:])
    out = np.zeros((rows, cols + 1))
    out[:, window:] = along[:, window:] - along[:, :-window]
    return out


def _member_unsupported(
    pair: np.ndarray, weight: np.ndarray, overlap: np.ndarray, shared: np.ndarray, window: int, alpha: float, prior: float
) -> dict[str, np.ndarray]:
    """Unsupported share of every member sentence against every window of the other side, in
    four variants: alone (""), with its left ("L"), right ("R") or both ("LR") neighbours in
    the same bead. Evidence a member shares with a neighbour of its bead counts for neither
    (taken out of what it found and of what it offers): a sentence that only repeats its
    neighbour's words (an untranslated aside on the same subject) earns no support from them."""
    found = _windowed(pair, window)
    overlap_found = _windowed(overlap, window) if overlap.size else np.zeros((0, found.shape[1]))
    left_found = np.zeros_like(found)
    right_found = np.zeros_like(found)
    left_found[1:] = overlap_found
    right_found[:-1] = overlap_found
    left_weight = np.zeros_like(weight)
    right_weight = np.zeros_like(weight)
    left_weight[1:] = shared
    right_weight[:-1] = shared

    def unsupported(found: np.ndarray, weight: np.ndarray) -> np.ndarray:
        weight = np.maximum(weight, 0.0)
        return 1.0 - (np.clip(found, 0.0, weight) + alpha * prior) / (weight + alpha)

    return {
        "": unsupported(found, weight[:, None]),
        "L": unsupported(found - left_found, (weight - left_weight)[:, None]),
        "R": unsupported(found - right_found, (weight - right_weight)[:, None]),
        "LR": unsupported(found - left_found - right_found, (weight - left_weight - right_weight)[:, None]),
    }


def _bead_member_sum(variants: dict[str, np.ndarray], size: int) -> np.ndarray:
    """Σ over the ``size`` members r - size .. r - 1 of a bead ending at r (rows r = size..R)."""
    rows = variants[""].shape[0]
    if size == 1:
        return variants[""]
    interior = np.zeros((rows + 1, variants[""].shape[1]))
    np.cumsum(variants["LR"], axis=0, out=interior[1:])
    first = variants["R"][: rows - size + 1]
    last = variants["L"][size - 1 :]
    middle = interior[size - 1 : rows] - interior[1 : rows - size + 2]
    return first + last + middle


def dense_bead_costs(
    en: Sequence[Unit],
    zh: Sequence[Unit],
    key_weights: Mapping[str, float],
    model: CostModel,
    bead_types: Sequence[tuple[int, int]],
) -> tuple[dict[tuple[int, int], np.ndarray], np.ndarray]:
    """Every bead cost of a short document at once: cost[(a, b)][i, j] for the bead ending at (i, j).

    The same cost as :func:`banded_bead_costs`, vectorised over the whole lattice (cumulative sums
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
    en_skip = np.array([_skip_cost(unit, model) for unit in en], dtype=float)
    zh_skip = np.full(m + 1, INF)
    zh_skip[1:] = [_skip_cost(unit, model) for unit in zh]

    def unsupported(found: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return 1.0 - (np.minimum(found, weight) + alpha * prior) / (weight + alpha)

    # English members are scored on all their evidence: translators merge English sentences
    # that share words (the same drug, the same group) into one Chinese sentence.
    en_overlap, en_shared = np.zeros((max(n - 1, 0), m)), np.zeros(max(n - 1, 0))
    if model.exclusive_zh_evidence:
        zh_overlap, zh_shared = _neighbour_overlaps(zh, en, key_weights)
    else:
        zh_overlap, zh_shared = np.zeros((max(m - 1, 0), n)), np.zeros(max(m - 1, 0))
    en_variants: dict[int, dict[str, np.ndarray]] = {}  # by b: [n, m+1] member vs (j-b, j]
    zh_variants: dict[int, dict[str, np.ndarray]] = {}  # by a: [m, n+1] member vs (i-a, i]
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
        if b not in en_variants:
            en_variants[b] = _member_unsupported(pair, en_weight, en_overlap, en_shared, b, alpha, prior)
        if a not in zh_variants:
            zh_variants[a] = _member_unsupported(pair.T, zh_weight, zh_overlap, zh_shared, a, alpha, prior)
        en_part = _bead_member_sum(en_variants[b], a)[:, b:]
        zh_part = _bead_member_sum(zh_variants[a], b)[:, a:].T
        en_length = (en_cum_length[a:] - en_cum_length[:-a])[:, None]
        zh_length = (zh_cum_length[b:] - zh_cum_length[:-b])[None, :]
        s = model.length_smoothing
        deviation = (np.log((zh_length + s) / (en_length + s)) - _expected_log_ratio(model, a, b)) / model.length_sigma
        cost = (
            model.type_priors.get((a, b), 0.0)
            + model.lexical_weight * (en_part + zh_part)
            + model.length_weight * np.log1p(0.5 * deviation * deviation)
        )
        en_headers = (en_header[a:] - en_header[:-a])[:, None]
        zh_headers = (zh_header[b:] - zh_header[:-b])[None, :]
        if a > 1 or b > 1:
            # a header line (reference, footer, title) pairs 1-1 or not at all
            cost = np.where((en_headers > 0) | (zh_headers > 0), INF, cost)
        elif model.headers_pair_headers:
            # ... and only with a header line: a title is translated by a title, a
            # reference or footer in an English line is not a translation of body text
            cost = np.where(en_headers != zh_headers, INF, cost)
        table[a:, b:] = cost
        tables[(a, b)] = table
    return tables, zh_skip


def banded_bead_costs(
    en: Sequence[Unit],
    zh: Sequence[Unit],
    key_weights: Mapping[str, float],
    model: CostModel,
    bead_types: Sequence[tuple[int, int]],
    band: Band,
    chunk_rows: int = 2048,
) -> tuple[np.ndarray, np.ndarray]:
    """Every bead cost inside a band, vectorised over many rows at once.

    Row i of the band holds Chinese positions j = lo[i] + k for k < width; cells outside the
    row's range are +inf. Returns ``costs[i, t, k]`` (float32) for the bead of type
    ``bead_types[t]`` (a ≥ 1) ending at (i, lo[i] + k), and ``zh_skip[i, k]`` for the 0-1 bead
    ending there. The same cost as :func:`dense_bead_costs`; all member sums come from the
    gathered pair evidence G[u, t][i, k] = C[i - u, lo[i] + k - t], shared by every bead type
    and computed ``chunk_rows`` rows at a time so that memory stays bounded.
    """
    n, m = len(en), len(zh)
    types = [(a, b) for a, b in bead_types if a >= 1]
    max_a = max(a for a, _ in types)
    max_b = max(b for _, b in types)
    lo = band.lo.astype(np.int64)
    hi = band.hi.astype(np.int64)
    width = int((hi - lo).max()) + 1
    k = np.arange(width)
    alpha, prior = model.support_smoothing, model.support_prior

    # Pair evidence rows: C[e, z] for z in offset[e] .. offset[e] + pair_width - 1.
    offsets = np.zeros(max(n, 1), dtype=np.int64)
    stops = np.zeros(max(n, 1), dtype=np.int64)
    for e in range(n):
        offsets[e] = max(0, int(lo[e + 1]) - max_b)
        stops[e] = max(int(offsets[e]), min(m, int(hi[min(n, e + max_a)])))
    pair_width = int((stops - offsets).max()) + 1 if n else 1
    pair = np.zeros((max(n, 1), pair_width), dtype=np.float32)
    for e in range(n):
        pair[e, : stops[e] - offsets[e]] = _pair_row(en[e].keys, zh[offsets[e] : stops[e]], key_weights)
    en_weight = np.array([_total(unit.keys, key_weights) for unit in en] or [0.0], dtype=float)
    zh_weight = np.array([_total(unit.keys, key_weights) for unit in zh] or [0.0], dtype=float)
    # Keys shared by Chinese sentences z and z + 1, stored like ``pair``: overlap[e, z - offset[e]]
    # is their weight found in English sentence e (see _member_unsupported).
    overlap = None
    zh_shared = np.zeros(max(m, 1))
    if model.exclusive_zh_evidence and m > 1:
        shared_units = [Unit(zh[z].keys & zh[z + 1].keys, 0.0) for z in range(m - 1)] + [Unit(frozenset(), 0.0)]
        zh_shared[:m] = [_total(unit.keys, key_weights) for unit in shared_units]
        overlap = np.zeros((max(n, 1), pair_width), dtype=np.float32)
        for e in range(n):
            overlap[e, : stops[e] - offsets[e]] = _pair_row(en[e].keys, shared_units[offsets[e] : stops[e]], key_weights)
    en_cum_length = np.concatenate(([0.0], np.cumsum([unit.length for unit in en])))
    zh_cum_length = np.concatenate(([0.0], np.cumsum([unit.length for unit in zh])))
    en_header = np.concatenate(([0], np.cumsum([unit.header for unit in en])))
    zh_header = np.concatenate(([0], np.cumsum([unit.header for unit in zh])))
    en_skip = np.array([_skip_cost(unit, model) for unit in en] or [0.0])
    zh_skip_by_position = np.full(m + 1, INF)
    zh_skip_by_position[1:] = [_skip_cost(unit, model) for unit in zh]

    def unsupported(found: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return 1.0 - (np.minimum(found, weight) + alpha * prior) / (weight + alpha)

    costs = np.full((n + 1, len(types), width), INF, dtype=np.float32)
    zh_skip = np.full((n + 1, width), INF)
    for first in range(0, n + 1, chunk_rows):
        rows = np.arange(first, min(n + 1, first + chunk_rows))
        cols = lo[rows][:, None] + k[None, :]  # the Chinese position j of each cell
        inside = cols <= hi[rows][:, None]
        safe_cols = np.clip(cols, 0, m)
        gathered: dict[tuple[int, int], np.ndarray] = {}

        def evidence(u: int, t: int, table: np.ndarray = pair, name: str = "pair") -> np.ndarray:
            """G[u, t][i, k] = C[i - u, lo[i] + k - t] (0 where not stored)."""
            if (name, u, t) not in gathered:
                source = rows - u
                valid_rows = source >= 0
                safe_rows = np.where(valid_rows, source, 0)
                index = cols - t - offsets[safe_rows][:, None]
                valid = valid_rows[:, None] & (index >= 0) & (index < pair_width)
                gathered[(name, u, t)] = np.where(valid, table[safe_rows[:, None], np.clip(index, 0, pair_width - 1)], 0.0)
            return gathered[(name, u, t)]

        def shared_found(u_range: range, t: int) -> np.ndarray:
            """Weight of the keys of Chinese z = j - t and z + 1 found in the English members."""
            return sum(evidence(u, t, overlap, "overlap") for u in u_range)

        for index, (a, b) in enumerate(types):
            valid = inside & (rows[:, None] >= a) & (cols >= b)
            if b == 0:
                cost = np.broadcast_to(en_skip[np.clip(rows - 1, 0, None)][:, None], cols.shape)
                costs[rows, index, :] = np.where(valid, cost, INF)
                continue
            lexical = np.zeros(cols.shape)
            start_rows = np.clip(rows - a, 0, None)
            for u in range(1, a + 1):
                found = sum(evidence(u, t) for t in range(1, b + 1))
                lexical += unsupported(found, en_weight[np.clip(rows - u, 0, max(n - 1, 0))][:, None])
            for t in range(1, b + 1):
                found = sum(evidence(u, t) for u in range(1, a + 1))
                weight = zh_weight[np.clip(cols - t, 0, max(m - 1, 0))]
                if overlap is not None and b > 1:
                    members = range(1, a + 1)
                    if t < b:  # Chinese j - t - 1 is in the bead too
                        found = found - shared_found(members, t + 1)
                        weight = weight - zh_shared[np.clip(cols - t - 1, 0, max(m - 1, 0))]
                    if t > 1:  # Chinese j - t + 1 is in the bead too
                        found = found - shared_found(members, t)
                        weight = weight - zh_shared[np.clip(cols - t, 0, max(m - 1, 0))]
                    weight = np.maximum(weight, 0.0)
                    found = np.clip(found, 0.0, weight)
                lexical += unsupported(found, weight)
            en_length = (en_cum_length[rows] - en_cum_length[start_rows])[:, None]
            zh_length = zh_cum_length[safe_cols] - zh_cum_length[np.clip(safe_cols - b, 0, None)]
            s = model.length_smoothing
            deviation = (np.log((zh_length + s) / (en_length + s)) - _expected_log_ratio(model, a, b)) / model.length_sigma
            cost = (
                model.type_priors.get((a, b), 0.0)
                + model.lexical_weight * lexical
                + model.length_weight * np.log1p(0.5 * deviation * deviation)
            )
            en_headers = (en_header[rows] - en_header[start_rows])[:, None]
            zh_headers = zh_header[safe_cols] - zh_header[np.clip(safe_cols - b, 0, None)]
            if a > 1 or b > 1:
                valid &= (en_headers == 0) & (zh_headers == 0)
            elif model.headers_pair_headers:
                valid &= en_headers == zh_headers
            costs[rows, index, :] = np.where(valid, cost, INF)
        zh_skip[rows] = np.where(inside & (cols >= 1), zh_skip_by_position[safe_cols], INF)
    return costs, zh_skip
