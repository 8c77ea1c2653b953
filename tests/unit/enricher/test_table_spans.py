"""Entity spans in table rows: figures dropped, scores trimmed off names, prose left alone."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from services.enricher.table_spans import TableRows

TEXT = ("Standings of the Zorblax league after Saturday's games, said the GMT office.\n\n"
        "W L PCT GB\n\n"
        "Tavo Rovers 74 59 .556 -\n\n"
        "Hajduk 2 Proleter 0")


def spans(doc: Doc, *surfaces: str) -> list[Span]:
    found = []
    for surface in surfaces:
        start = doc.text.index(surface)
        span = doc.char_span(start, start + len(surface), label="ORG")
        assert span is not None, surface
        found.append(span)
    return found


def test_figures_in_table_rows_are_dropped_and_scores_trimmed() -> None:
    doc = spacy.blank("en")(TEXT)
    kept = list(TableRows(doc).kept(spans(doc, "GMT", "W L PCT GB", "Tavo Rovers 74", "Proleter 0", "74 59")))
    assert [span.text for span in kept] == ["GMT", "Tavo Rovers", "Proleter"]
    assert all(span.label_ == "ORG" for span in kept)


def test_a_span_outside_tables_is_kept_as_it_is() -> None:
    doc = spacy.blank("en")("Zorblax won 3 titles.\n\nThe WBA fight is in May.")
    given = spans(doc, "Zorblax won 3", "WBA")
    assert list(TableRows(doc).kept(given)) == given
