"""Entity spans in table rows: the model's junk dropped, scores trimmed off names.

In results, standings and company figures (``LineKind.TABLE``, ``services.common.text_lines``) the model tags header
rows and runs of figures as names ("W L PCT GB" as an organisation, "3 2 1 0") and runs a name into
the score beside it ("R. Blakey 109", "Hamburg 1"). In a table row, a span made only of numbers and
abbreviations is dropped, and numbers and punctuation at either end of a longer span are trimmed off; spans in
other lines are left as they are ("GMT", "RBI" and "UK" in prose are real names). Chosen on the CoNLL-2003
training set (``python -m bench.ner_quality --split train``: the enricher's micro F1 0.668 without it, at 44db614,
and 0.680 with it; splitting spans at the numbers inside them too, "Borac 1 Mladost", gained next to nothing for
more wrong spans, and is not done); the dev set is the report (``bench/reports/ner_quality.md``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from services.common.text_lines import LineKind, is_figure, is_number, lines_of, tokens


class TableRows:
    """The table rows of one document, to filter its entity spans by."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        rows = [line for line in lines_of(doc.text) if line.kind is LineKind.TABLE]
        self._starts = [row.start for row in rows]
        self._ends = [row.end for row in rows]

    def in_table(self, span: Span) -> bool:
        at = bisect_right(self._starts, span.start_char) - 1
        return at >= 0 and span.start_char < self._ends[at]

    def kept(self, spans: Iterable[Span]) -> Iterator[Span]:
        """``spans`` without the figures of table rows, and with names in table rows trimmed of their scores."""
        for span in spans:
            if not self.in_table(span):
                yield span
                continue
            trimmed = _trimmed(self._doc, span)
            if trimmed is not None and not all(is_figure(word) for word in tokens(trimmed.text)):
                yield trimmed


def _trimmed(doc: Doc, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and _is_filler(doc[start].text):
        start += 1
    while end > start and _is_filler(doc[end - 1].text):
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def _is_filler(token: str) -> bool:
    """A number or a bit of punctuation: never the first or last word of a name in a table row."""
    words = tokens(token)
    return not words or all(is_number(word) for word in words)
