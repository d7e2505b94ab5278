"""Counting letters with the regex engine: cleaning and decoding judge every line of every
page by its share of Hangul, and a Python loop per character was a visible cost."""

from __future__ import annotations

import re

__all__ = ["letter_count"]

_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def letter_count(text: str) -> int:
    """Letters of `text`: word characters other than digits and "_" (so ½ or Ⅱ count too)."""
    return sum(map(len, _LETTER_RUNS.findall(text)))
