"""What kind of line a line of article text is: running prose, a line in capitals, or a table row.

Wire copy mixes prose with lines that are not sentences: headlines and datelines in capitals ("SOCCER - ROMANIA
BEAT LITHUANIA", "BUCHAREST 1996-08-31"), results and standings ("Red Star 4 4 0 0 9 3 12", "W L PCT GB"),
company figures ("Revs 130 1,279"). Such lines mislead a language identifier (club names in a results table read
as Croatian, a headline in capitals as Nigerian Pidgin) and give a named-entity model junk ("W L PCT GB" as an
organisation). Language identification reads prose lines only (``services.cleaner.language``); the enricher
drops entity spans that are only numbers and abbreviations in table lines (``services.enricher.table_spans``).

A line's tokens are its whitespace-separated words without the ones that are only punctuation ("-", "(", ":").
A token is a *number* when it has a digit and nothing but digits and ``.,:/%+-`` ("74", ".556", "1996-08-30",
"4-104", "1/2"), an *abbreviation* when it is one to three capital letters, optionally with a full stop ("W",
"GF", "PCT", "D."), and a *running word* when its first letter or digit is a letter that is not a capital ("won", "der",
"(and"; "Männer" is not one; an unspaced run of Chinese is one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

_PUNCTUATION = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"[-+]?[\d.,:/%+-]*\d[\d.,:/%+-]*")
_ABBREVIATION = re.compile(r"[A-Z]{1,3}\.?")
_FIRST_WORD_CHARACTER = re.compile(r"\w")

TABLE_SHARE = 0.3
"""A line is a table row when at least this share of its tokens are numbers or abbreviations."""
RUNNING_SHARE = 0.3
"""A line is prose when at least this share of its tokens are running words (German capitalises its nouns and
still has about half). Both shares were chosen on the CoNLL-2003 training set (language identification and table
spans); ``bench/ner_quality.py`` reports on the dev set."""


class LineKind(StrEnum):
    PROSE = "prose"
    """Running text: at least ``RUNNING_SHARE`` of its tokens are running words."""
    TABLE = "table"
    """At least ``TABLE_SHARE`` of its tokens are numbers and abbreviations, or, in a line with lower-case letters,
    numbers beside names with little running text: results ("Karlsruhe 2 Hansa Rostock 0"), standings and their
    header rows ("W L T GF GA"), company figures ("Revs 130 1,279")."""
    CAPS = "caps"
    """Capital letters and no lower-case ones, not mostly numbers and abbreviations: headlines, datelines."""
    NAMES = "names"
    """Names with little running text and no number: headings ("Division A"), lists of names, scorers."""


def classify_line(line: str) -> LineKind:
    words = tokens(line)
    if not words:
        return LineKind.NAMES
    if sum(1 for word in words if is_figure(word)) >= TABLE_SHARE * len(words):
        return LineKind.TABLE
    if any(c.isupper() for c in line) and not any(c.islower() for c in line):
        return LineKind.CAPS
    if sum(1 for word in words if is_running_word(word)) >= RUNNING_SHARE * len(words):
        return LineKind.PROSE
    return LineKind.TABLE if any(is_number(word) for word in words) else LineKind.NAMES


def tokens(line: str) -> list[str]:
    return [token for token in line.split() if not _PUNCTUATION.fullmatch(token)]


def is_number(token: str) -> bool:
    return _NUMBER.fullmatch(token) is not None


def is_abbreviation(token: str) -> bool:
    return _ABBREVIATION.fullmatch(token) is not None


def is_running_word(token: str) -> bool:
    first = _FIRST_WORD_CHARACTER.search(token)
    return first is not None and first.group().isalpha() and not first.group().isupper()


def is_figure(token: str) -> bool:
    """A number or an abbreviation: what a table row is mostly made of."""
    return is_number(token) or is_abbreviation(token)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    kind: LineKind


def lines_of(text: str) -> Iterator[Line]:
    """Every non-empty line of ``text`` with its offsets and kind."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if text[start:end].strip():
            yield Line(start, end, classify_line(text[start:end]))
        start = end + 1
