"""Mapping the real path's mentions back to a bench document's text."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.real_path import map_span, offset_map
from services.cleaner.logic import clean
from services.config import CleanerOptions
from services.contract.messages import RawArticle


def test_line_breaks_the_cleaner_doubles_map_back_to_the_document() -> None:
    document = "ZORBLAX WINS\nMira  Quell met Zorblax in Tavo .\nWon 3 - 1"
    cleaned = clean(RawArticle(source="bench", body=document), CleanerOptions(), datetime.now(UTC)).text
    assert cleaned == "ZORBLAX WINS\n\nMira Quell met Zorblax in Tavo .\n\nWon 3 - 1"
    offsets = offset_map(document, cleaned)
    for surface in ("ZORBLAX", "Mira Quell", "Zorblax", "Tavo", "1"):
        start = cleaned.index(surface)
        first, last = map_span(offsets, cleaned, start, start + len(surface))
        assert document[first:last] == surface.replace("Mira Quell", "Mira  Quell")


def test_a_dropped_paragraph_is_aligned_around() -> None:
    document = "Share this story\nTavo beat Zorblax .\nCopyright 1996 Reuters"
    cleaned = "Tavo beat Zorblax ."
    offsets = offset_map(document, cleaned)
    assert map_span(offsets, cleaned, 10, 17) == (document.index("Zorblax"), document.index("Zorblax") + 7)


def test_characters_the_alignment_cannot_match_do_not_map() -> None:
    document = "Tavo beat Zorblax ."
    cleaned = "Tavo beat Qqqqqqq ."
    offsets = offset_map(document, cleaned)
    assert map_span(offsets, cleaned, 10, 17) is None
    assert map_span(offsets, cleaned, 0, 4) == (0, 4)


def test_a_span_of_spaces_does_not_map() -> None:
    offsets = offset_map("a b", "a b")
    assert map_span(offsets, "a b", 1, 2) is None
