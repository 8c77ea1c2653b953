"""Character spans a rule-based reader has already given to a fact, so no later fact overlaps one."""

from __future__ import annotations

from bisect import bisect_right, insort


class TakenSpans:
    """Non-overlapping (start, end) spans; lookups and additions in logarithmic time, so a long article's
    thousands of numbers cost no quadratic scan."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # Sorted and disjoint, the spans' ends are sorted too: the first span ending after ``start`` is the only
        # one that can overlap.
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Take a span that overlaps none taken."""
        insort(self._starts, start)
        insort(self._ends, end)
