"""The spans rule-based readers have given to facts."""

from __future__ import annotations

from services.enricher.spans import TakenSpans


def test_overlap_with_taken_spans_in_any_order():
    taken = TakenSpans()
    for start, end in [(20, 30), (0, 5), (10, 12)]:
        taken.add(start, end)
    assert [taken.overlaps(s, e) for s, e in [(5, 10), (12, 20), (30, 40), (4, 6), (11, 11 + 1), (15, 25), (0, 50)]] \
        == [False, False, False, True, True, True, True]
