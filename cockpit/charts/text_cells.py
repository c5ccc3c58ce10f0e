"""How wide a text is in half-width character cells, for charts on paper and on screen (no matplotlib, no Qt)."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Width in half-width character cells: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
