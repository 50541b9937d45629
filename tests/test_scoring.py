"""The bead cost's length model for merged beads (aligner.scoring)."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from aligner.align import DEFAULT_BEAD_TYPES, AlignOptions
from aligner.dp import Band
from aligner.features import Unit
from aligner.scoring import banded_bead_costs, dense_bead_costs


def _length_only(shift: float):
    """A cost model that scores length alone (no lexical part, no type priors)."""
    options = AlignOptions(merge_log_shift=shift)
    return replace(options.cost_model(), lexical_weight=0.0, type_priors={})


def _condensed_chinese_length(english: float, options: AlignOptions, shift: float, merged: int) -> float:
    """The Chinese length at which the length model expects a ``merged``-1 bead."""
    s = options.length_smoothing
    return (english + s) * math.exp(options.length_log_ratio - shift * (merged - 1)) - s


@pytest.mark.parametrize("merged", [2, 3, 4])
def test_merged_english_expects_a_condensed_translation(merged):
    """With merge_log_shift, a Chinese sentence shorter than the sum of its English members'
    translations by exp(-shift) per extra member costs nothing for length; without it, it costs."""
    options = AlignOptions()
    shift = 0.1
    en = [Unit(frozenset(), 120.0) for _ in range(merged)]
    zh = [Unit(frozenset(), _condensed_chinese_length(120.0 * merged, options, shift, merged))]
    shifted, _ = dense_bead_costs(en, zh, {}, _length_only(shift), DEFAULT_BEAD_TYPES)
    plain, _ = dense_bead_costs(en, zh, {}, _length_only(0.0), DEFAULT_BEAD_TYPES)
    assert shifted[(merged, 1)][merged, 1] == pytest.approx(0.0, abs=1e-9)
    assert plain[(merged, 1)][merged, 1] > 0.01


def test_merge_shift_leaves_single_english_sentences_alone():
    """1-1 and 1-n beads keep the 1-1 expectation (a longer Chinese side may be added material)."""
    en = [Unit(frozenset(), 150.0), Unit(frozenset(), 90.0)]
    zh = [Unit(frozenset(), 40.0), Unit(frozenset(), 25.0), Unit(frozenset(), 31.0)]
    shifted, _ = dense_bead_costs(en, zh, {}, _length_only(0.1), DEFAULT_BEAD_TYPES)
    plain, _ = dense_bead_costs(en, zh, {}, _length_only(0.0), DEFAULT_BEAD_TYPES)
    for a, b in DEFAULT_BEAD_TYPES:
        if a == 1 and b >= 1:
            np.testing.assert_array_equal(shifted[(a, b)], plain[(a, b)])
        elif a > 1 and b >= 1:
            finite = np.isfinite(plain[(a, b)])
            if finite.any():
                assert not np.allclose(shifted[(a, b)][finite], plain[(a, b)][finite])


def test_dense_and_banded_costs_agree_with_merge_shift():
    """Both scoring paths implement the same length model, cell by cell."""
    rng = np.random.default_rng(7)
    keys = [f"w:k{index}" for index in range(12)] + ["#3", "#45.5"]
    weights = {key: (2.0 if key.startswith("#") else 1.0) for key in keys}

    def units(count: int, scale: float) -> list[Unit]:
        return [
            Unit(frozenset(rng.choice(keys, size=int(rng.integers(0, 5)), replace=False)), float(rng.uniform(10, 200)) * scale)
            for _ in range(count)
        ]

    en, zh = units(9, 1.0), units(8, 0.33)
    model = replace(AlignOptions(merge_log_shift=0.1).cost_model())
    dense, dense_skip = dense_bead_costs(en, zh, weights, model, DEFAULT_BEAD_TYPES)
    band = Band.full(len(en), len(zh))
    banded, banded_skip = banded_bead_costs(en, zh, weights, model, DEFAULT_BEAD_TYPES, band)
    types = [(a, b) for a, b in DEFAULT_BEAD_TYPES if a >= 1]
    for index, bead_type in enumerate(types):
        np.testing.assert_allclose(banded[:, index, :], dense[bead_type], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(banded_skip[1:, 1:], np.broadcast_to(dense_skip[1:], (len(en), len(zh))))
