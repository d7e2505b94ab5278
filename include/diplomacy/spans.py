"""Overlap and containment tests against a set of text spans, in logarithmic time per query.

Extraction asks, for every mention it finds, whether it overlaps spans found earlier (country
names, gazetteer hits). Scanning the spans for each mention is quadratic: a line that repeats a
city name 80,000 times took minutes. These indexes answer the same questions with a bisection,
so the answers are exactly those of the scans they replace.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate, pairwise

__all__ = ["Containing", "Overlapping"]


class Overlapping:
    """Does ``[start, end)`` overlap one of the spans: ``any(start < e and s < end for s, e in spans)``."""

    __slots__ = ("_max_end", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the spans starting before each position of the order
        self._max_end = list(accumulate((e for _, e in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # spans with s < end
        return before > 0 and self._max_end[before - 1] > start


class Containing:
    """Is ``[start, end)`` inside a strictly longer span:
    ``any(s <= start and end <= e and e - s > end - start for s, e in spans)``.

    Spans that do not overlap one another (regex matches) are answered by bisection; others
    fall back to the scan, which is then the definition itself."""

    __slots__ = ("_disjoint", "_ends", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._ends = [e for _, e in self._spans]
        self._disjoint = all(e <= s for (_, e), (s, _) in pairwise(self._spans))

    def __call__(self, start: int, end: int) -> bool:
        if not self._disjoint:
            return any(s <= start and end <= e and e - s > end - start for s, e in self._spans)
        # disjoint spans sorted by start have sorted ends: a span containing [start, end) is among
        # those starting at or before `start`, and of those only the ones ending at or after `end`
        i = bisect_right(self._starts, start)
        j = bisect_left(self._ends, end, 0, i)
        return any(self._ends[k] - self._starts[k] > end - start for k in range(j, i))
