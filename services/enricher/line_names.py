"""Names the model misses, found by their line's layout (teams in results and standings, players in results lists, the
place of a dateline) or their own name (a country's).

The small model finds names in running text; in a results row ("Crystal Palace 3 Oldham 1", "MONTREAL 69 58 .543
11") or a dateline ("ANKARA 1996-08-28") it often finds nothing, because nothing around the name reads as English.
The lines' layout says what the names are, so the names are found by it (CoNLL-2003 train, ``bench/ner_quality.py``
on the real path: most missed entities of sports copy are teams in table rows):

- ``results_names``: in sports copy (``sports_copy.is_sports_copy``), in a table row (``text_lines.LineKind.TABLE``),
  a run of capitalised words that opens the line or follows a number, and is followed by a number, is a team: an
  organisation, a place if it is a country (national teams are places in news typing), a person if it reads as one
  ("K. Spiring", a given name and a surname: individual sports list players the same way).
- ``player_names``: a name before a country in brackets ("Thomas Enqvist ( Sweden ) beat ...") is a person, unless
  a score and another name follow, or it follows such a score ("Brann ( Norway ) 2 Shelbourne ( Ireland ) 1": clubs);
  initials and a surname ("N. Speak") are a person; in sports copy so are a name before a minute ("Zieger 24th",
  "Pizzi ( 73rd )") and a name after a scorecard's "c", "b", "st" or "lbw" ("c Hussain b Mullally").
- ``country_names``: a country's name (``gazetteer.py``) the model left untagged is a place ("Chile", "ENGLAND V
  PAKISTAN"), unless it is next to another capitalised word or after "of" in a line with lower-case letters ("Bank
  of England") or could be a person or a US state (Jordan, Chad, Georgia).
- ``dateline_names``: a line that opens with a name in capitals followed by a date or an agency ("CAPE TOWN
  1996-08-25", "MANAGUA , Nicaragua 1996-08-26", "MINSK (Reuters) -") names the place the story was filed from.

Only words no model span overlaps are found here; the model's own spans in such lines are typed by the rules of
``type_rules.py`` (``club_in_results``, ``dateline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from services.common.text_lines import LineKind, classify_line, is_number
from services.enricher.gazetteer import is_country
from services.enricher.type_rules import DATELINE_TAIL, TypeContext, given_names

NOT_TEAM_WORDS = frozenset({
    "attendance", "halftime", "half-time", "extras", "total", "totals", "men", "women", "round", "group", "division",
    "result", "results", "standings", "played", "points", "score", "scores", "note", "notes", "rank", "pos", "team",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "day", "innings", "overs",
    "over", "wickets", "wkts", "runs", "fall", "bowling", "batting", "the", "and", "at", "in", "on", "of", "to",
})
"""Capitalised words of results lines that are not team names: headings, dates, cricket scorecards' terms."""
CRICKET_DISMISSALS = frozenset({"c", "b", "st", "lbw"})
"""A scorecard's words before a fielder's or a bowler's name: "Inzamam-ul-Haq c Hussain b Mullally 35"."""
AMBIGUOUS_COUNTRIES = frozenset({"jordan", "chad", "georgia"})
"""Countries' names that are also a person's name or a US state ("Michael Jordan", "Atlanta, Georgia"): left to the
model."""
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)\b")
"""A minute or a place: "24th", "59th-pen"."""
_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.&-]*$")


def line_names(doc: Doc, taken: list[Span], context: TypeContext) -> Iterator[Span]:
    """Labelled spans of the names the layout of ``doc``'s lines shows, where no span of ``taken`` is;
    ``context.rules``: which of ``results_names``, ``player_names`` and ``dateline_names`` to apply."""
    taken_tokens = {i for span in taken for i in range(span.start, span.end)}
    rules, sports = context.rules, context.sports
    for first, past in _lines(doc):
        line = doc[first:past]
        dateline = _dateline_name(doc, first, past, context.text) if "dateline_names" in rules else None
        if dateline is not None and not taken_tokens.intersection(range(dateline.start, dateline.end)):
            yield dateline
            continue
        found: list[Span] = []
        if sports and "results_names" in rules and classify_line(line.text) is LineKind.TABLE:
            found += _results_names(doc, first, past)
        if "player_names" in rules:
            found += _player_names(doc, first, past, sports)
        if "country_names" in rules:
            found += _country_names(doc, first, past, line.text.isupper())
        for span in found:
            if not taken_tokens.intersection(range(span.start, span.end)):
                taken_tokens.update(range(span.start, span.end))
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


def _dateline_name(doc: Doc, first: int, past: int, text: str) -> Span | None:
    end = first
    while end < past and doc[end].is_alpha and doc[end].text.isupper() and len(doc[end].text) > 1:
        end += 1
    if end == first or end - first > 4 or doc[first].lower_ in NOT_TEAM_WORDS:
        return None
    span = Span(doc, first, end, label="GPE")
    return span if DATELINE_TAIL.match(text, span.end_char) else None


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


def _player_names(doc: Doc, first: int, past: int, sports: bool) -> Iterator[Span]:
    """Names before a country in brackets ("Thomas Enqvist ( Sweden ) beat ..."): people, unless a score and another
    name follow (a club: "Brann ( Norway ) 2 Shelbourne ( Ireland ) 1"); in sports copy, names before a minute or a
    place ("Zieger 24th", "Pizzi ( 73rd )"): scorers."""
    i = first
    while i < past:
        if not _is_name_word(doc[i].text):
            i += 1
            continue
        end = i
        while end < past and _is_name_word(doc[end].text):
            end += 1
        if end - i <= 4 and not all(_INITIAL.match(token.text) for token in doc[i:end]):
            label = _player_label(doc, i, end, past, sports)
            if label is not None:
                yield Span(doc, i, end, label=label)
        i = end


def _player_label(doc: Doc, start: int, end: int, past: int, sports: bool) -> str | None:
    if _INITIAL.match(doc[start].text) and not _INITIAL.match(doc[end - 1].text):
        return "PERSON"  # "N. Speak", "G.  Thorpe": initials and a surname
    if sports and start > 0 and doc[start - 1].text in CRICKET_DISMISSALS:
        return "PERSON"  # "c Hussain b Mullally"
    if sports and end < past and ORDINAL.match(doc[end].text):
        return "PERSON"
    if end + 2 >= past or doc[end].text != "(":
        return None
    close = next((k for k in range(end + 2, min(end + 6, past)) if doc[k].text == ")"), None)
    if close is None:
        return None
    inside = doc[end + 1 : close]
    if sports and ORDINAL.match(inside[0].text):
        return "PERSON"
    if not is_country(inside.text):
        return None
    if close + 2 < past and is_number(doc[close + 1].text) and _is_name_word(doc[close + 2].text):
        return "ORG"
    if start >= 2 and is_number(doc[start - 1].text) and doc[start - 2].text == ")":
        return "ORG"  # the second club of "Brann ( Norway ) 2 Shelbourne ( Ireland ) 1"
    return "PERSON"


def _country_names(doc: Doc, first: int, past: int, in_capitals: bool) -> Iterator[Span]:
    """Countries' names the model left untagged ("Chile", "ENGLAND V PAKISTAN"), one to three capitalised words; in a
    line with lower-case letters only where no capitalised word is next to them ("Bank of England" is no place)."""
    words = [token.text for token in doc[first:past]]
    capitalised = [word[:1].isupper() for word in words]
    i = 0
    while i < len(words):
        if not capitalised[i]:
            i += 1
            continue
        for size in (3, 2, 1):
            end = i + size
            if end > len(words) or not all(capitalised[i:end]):
                continue
            name = " ".join(words[i:end])
            if name.lower() in AMBIGUOUS_COUNTRIES or not is_country(name):
                continue
            if not in_capitals and ((i > 0 and (capitalised[i - 1] and words[i - 1].isalpha()
                                                or words[i - 1].lower() == "of"))
                                    or (end < len(words) and capitalised[end] and words[end].isalpha())):
                continue
            yield Span(doc, first + i, first + end, label="GPE")
            i = end - 1
            break
        i += 1
