"""Normalisation for matching: Traditional→Simplified, full-width→half-width, whitespace.

These functions produce *matching keys*; they are never applied to the text a user gets back.
"""
from __future__ import annotations

import re
from functools import cache

# Han ideographs, including the astral-plane extensions (B–I) and compatibility ideographs.
# Written with real code points (\U000xxxxx), never as '\u20000' (two characters).
HAN_CLASS = (
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # URO
    "\uf900-\ufaff"  # Compatibility Ideographs
    "\U00020000-\U0002a6df"  # Extension B
    "\U0002a700-\U0002ebef"  # Extensions C, D, E, F
    "\U0002ebf0-\U0002ee5f"  # Extension I
    "\U0002f800-\U0002fa1f"  # Compatibility Supplement
    "\U00030000-\U000323af"  # Extensions G, H
    "\u3007"  # 〇 ideographic number zero
)
HAN_RE = re.compile(f"[{HAN_CLASS}]")

_FULLWIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TABLE[0x3000] = 0x20  # ideographic space
_WHITESPACE_RE = re.compile(r"\s+")


def is_han(char: str) -> bool:
    """True if ``char`` (one code point) is a Han ideograph, astral extensions included."""
    return len(char) == 1 and HAN_RE.match(char) is not None


def count_han(text: str) -> int:
    """Number of Han ideographs in ``text``."""
    return len(HAN_RE.findall(text))


@cache
def _t2s_converter():
    from opencc import OpenCC  # opencc-python-reimplemented; loading its dictionaries is slow

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters to Simplified (OpenCC t2s), loaded once."""
    if not text or not HAN_RE.search(text):
        return text
    return _t2s_converter().convert(text)


def to_halfwidth(text: str) -> str:
    """Map full-width ASCII letters, digits and punctuation (and U+3000) to half-width."""
    return text.translate(_FULLWIDTH_TABLE)


def normalize_for_matching(text: str) -> str:
    """Matching key: Simplified, half-width, whitespace runs collapsed to one space, stripped."""
    return _WHITESPACE_RE.sub(" ", to_halfwidth(to_simplified(text))).strip()
