"""Names the model misses in lines that are not sentences: teams in results and standings, the place of a dateline.

The small model finds names in running text; in a results row ("Crystal Palace 3 Oldham 1", "MONTREAL 69 58 .543
11") or a dateline ("ANKARA 1996-08-28") it often finds nothing, because nothing around the name reads as English.
The lines' layout says what the names are, so the names are found by it (CoNLL-2003 train, ``bench/ner_quality.py``
on the real path: most missed entities of sports copy are teams in table rows):

- ``results_names``: in sports copy (``sports_copy.is_sports_copy``), in a table row (``text_lines.LineKind.TABLE``),
  a run of capitalised words that opens the line or follows a number, and is followed by a number, is a team: an
  organisation, a place if it is a country (national teams are places in news typing), a person if it reads as one
  ("K. Spiring", a given name and a surname: individual sports list players the same way).
- ``dateline_names``: a line that opens with a name in capitals followed by a date or an agency ("CAPE TOWN
  1996-08-25", "MANAGUA , Nicaragua 1996-08-26", "MINSK (Reuters) -") names the place the story was filed from.

Only words no model span overlaps are found here; the model's own spans in such lines are typed by the rules of
``type_rules.py`` (``club_in_results``, ``dateline``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span

from services.enricher.gazetteer import is_country
from services.enricher.sports_copy import is_sports_copy
from services.enricher.type_rules import DATELINE_TAIL, given_names
from services.text_lines import LineKind, classify_line, is_number

NOT_TEAM_WORDS = frozenset({
    "attendance", "halftime", "half-time", "extras", "total", "totals", "men", "women", "round", "group", "division",
    "result", "results", "standings", "played", "points", "score", "scores", "note", "notes", "rank", "pos", "team",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "day", "innings", "overs",
    "over", "wickets", "wkts", "runs", "fall", "bowling", "batting", "the", "and", "at", "in", "on", "of", "to",
})
"""Capitalised words of results lines that are not team names: headings, dates, cricket scorecards' terms."""
_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.&-]*$")


def line_names(doc: Doc, taken: list[Span], rules: Collection[str]) -> Iterator[Span]:
    """Labelled spans of the names the layout of ``doc``'s lines shows, where no span of ``taken`` is; ``rules``: which
    of ``results_names`` and ``dateline_names`` to apply."""
    taken_tokens = {i for span in taken for i in range(span.start, span.end)}
    sports = "results_names" in rules and is_sports_copy(doc.text)
    for first, past in _lines(doc):
        line = doc[first:past]
        dateline = _dateline_name(doc, first, past) if "dateline_names" in rules else None
        if dateline is not None and not taken_tokens.intersection(range(dateline.start, dateline.end)):
            yield dateline
            continue
        if sports and classify_line(line.text) is LineKind.TABLE:
            for span in _results_names(doc, first, past):
                if not taken_tokens.intersection(range(span.start, span.end)):
                    yield span


def _lines(doc: Doc) -> Iterator[tuple[int, int]]:
    """(first, past) token indices of each line, without its line-break tokens."""
    first = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > first:
                yield first, token.i
            first = token.i + 1
    if first < len(doc):
        yield first, len(doc)


def _dateline_name(doc: Doc, first: int, past: int) -> Span | None:
    end = first
    while end < past and doc[end].is_alpha and doc[end].text.isupper() and len(doc[end].text) > 1:
        end += 1
    if end == first or end - first > 4 or doc[first].lower_ in NOT_TEAM_WORDS:
        return None
    span = Span(doc, first, end, label="GPE")
    return span if DATELINE_TAIL.match(doc.text, span.end_char) else None


def _results_names(doc: Doc, first: int, past: int) -> Iterator[Span]:
    i = first
    while i < past:
        if not _is_name_word(doc[i].text) or (i > first and not is_number(doc[i - 1].text)):
            i += 1
            continue
        end = i
        while end < past and _is_name_word(doc[end].text):
            end += 1
        if end < past and is_number(doc[end].text) and end - i <= 4:
            span = _team(doc, i, end)
            if span is not None:
                yield span
        i = end


def _is_name_word(text: str) -> bool:
    return bool(_NAME_WORD.match(text)) and any(c.isalpha() for c in text) and text.lower() not in NOT_TEAM_WORDS


def _team(doc: Doc, start: int, end: int) -> Span | None:
    words = [token.text for token in doc[start:end]]
    if all(_INITIAL.match(word) for word in words):
        return None
    name = " ".join(words)
    if is_country(name):
        return Span(doc, start, end, label="GPE")
    if _INITIAL.match(words[0]) or (len(words) in (2, 3) and words[0].istitle()
                                    and words[0].lower() in given_names()):
        return Span(doc, start, end, label="PERSON")
    return Span(doc, start, end, label="ORG")
