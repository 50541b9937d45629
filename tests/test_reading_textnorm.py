"""Matching normalisation: Traditional→Simplified, full-width→half-width, Han detection."""
from __future__ import annotations

from aligner.textnorm import count_han, is_han, normalize_for_matching, to_halfwidth, to_simplified


def test_is_han_including_astral_extensions():
    assert is_han("中")
    assert is_han("𠮷")  # U+20BB7, Extension B
    assert is_han("\U00030000")  # Extension G
    assert is_han("㐀")  # Extension A
    assert not is_han("a")
    assert not is_han("。")
    assert not is_han("Ⅲ")
    assert not is_han("中文")  # one character only


def test_count_han_counts_astral_characters_once():
    assert count_han("𠮷野家 CD19+") == 3


def test_to_simplified():
    assert to_simplified("結締組織病相關難治性血細胞減少") == "结缔组织病相关难治性血细胞减少"
    assert to_simplified("no Chinese here") == "no Chinese here"


def test_to_halfwidth():
    assert to_halfwidth("ＣＤ１９＋，（Ｐ＜０．０５）") == "CD19+,(P<0.05)"
    assert to_halfwidth("中文\u3000文本") == "中文 文本"
    assert to_halfwidth("。、") == "。、"  # CJK punctuation has no half-width form


def test_normalize_for_matching():
    assert normalize_for_matching("  貝利尤單抗（ＢＥＮＬＹＳＴＡ）\n 組 ") == "贝利尤单抗(BENLYSTA) 组"
