"""Miss classes: which general pattern an expected quantity a system missed shows (pure).

Each miss takes the first pattern in ``PATTERNS`` its expected surface (and, for ids, its neighbours) shows, so the
report can say which classes of text a reader loses and how much fixing each would gain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MissContext:
    surface: str
    kind: str | None
    """The kind the data unit maps to; None for a plain number."""
    glued: bool
    """Joined to neighbouring characters by punctuation ("192.168", "SCP-173", "5/17")."""


_NUMBER_WORDS = frozenset((
    "zero", "nought", "naught", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "thousand", "million",
    "billion", "trillion", "bn", "bln", "mln", "tln", "trn", "lakh", "lakhs", "crore", "crores", "point",
))
_FRACTION = re.compile(
    r"\d\s*/\s*\d|[½⅓⅔¼¾⅛]|\b(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?"
    r"|tenths?|\w+ieths?|hundredths?|thousandths?|millionths?|trillionths?|firsts|over|out of)\b", re.IGNORECASE)
_GLUE = "-/:.,+"


def _has_number(surface: str) -> bool:
    return any(word in _NUMBER_WORDS for word in re.findall(r"[a-z]+", surface.lower()))


def _found(pattern: str, flags: int = 0) -> Callable[[MissContext], bool]:
    compiled = re.compile(pattern, flags)
    return lambda q: compiled.search(q.surface) is not None


# Most specific first: a miss takes the first pattern that applies.
PATTERNS: tuple[tuple[str, Callable[[MissContext], bool]], ...] = (
    # The cleaner collapses runs of spaces before the enricher sees a text: a spec artefact, not a pipeline miss.
    ("whitespace run inside the number (fifty   two; the cleaner collapses these)", _found(r"\S {2,}\S")),
    ("range (the data expects the midpoint)", _found(r"\d\s*(?:-|–|to|and)\s*-?\d|\bbetween\b", re.IGNORECASE)),
    ("fraction (1/4, ½, two thirds, and a half, one over three)", lambda q: _FRACTION.search(q.surface) is not None),
    ("power or scientific notation (1e10, 2^5, 2.48×10−5)", _found(r"\d\s*e[-+]?\d|\^|×\s*10|\dx\d", re.IGNORECASE)),
    ("negative (-5, minus five, ($99.99))", _found(r"^\s*[-−(]|\$-|\b(?:minus|negative)\b", re.IGNORECASE)),
    ("glued to an id by . - / : , (192.168.1.2, 5/17/2018, SCP-173: dropped by design)", lambda q: q.glued),
    ("dozen or gross (a dozen, 3 dozens; quantulum3 counts dozens)",
     _found(r"\b(?:dozens?|dozs?|dzs?|gross)\b", re.IGNORECASE)),
    # Only where no physical unit is expected: "5 m" is five metres there.
    ("scale suffix (10k, 1.2b, €10M, 2mil, 1MM)",
     lambda q: q.kind in (None, "money") and _found(r"\d\s*(?:k|m|mm|g|b|t|bn|bln|tln|mil)\b", re.IGNORECASE)(q)),
    ("digits and a scale word (3 hundred, 13 lakh, 1 crore, 0.5k)",
     _found(r"\d\s*(?:hundred|thousand|million|billion|trillion|lakh|crore|k\b)", re.IGNORECASE)),
    ("digit grouping or decimal mark (1 234 567, 5,00, .08)", _found(r"\d[\s\u202f]\d{3}\b|\d,\d{1,2}\b|^\.\d")),
    ("age phrase (five years old, of age, age 87)", _found(r"\b(?:old|age|yo)\b", re.IGNORECASE)),
    ("indefinite amount (a/an/all/few/several + unit)",
     lambda q: not _has_number(q.surface)
     and _found(r"^(?:a|an|all|full|few|some|several|another|half)\b", re.IGNORECASE)(q)),
    ("spelled number (two hundred point zero three, nought, thirteen dollars and forty-five cents)",
     lambda q: not re.search(r"\d", q.surface) and _has_number(q.surface)),
    ("digits glued to a unit (10kg, 3h, 3.5years, 75ml)", _found(r"\d[^\W\d_]")),
    ("unit the enricher does not read (2 in, 3 hrs, 14 mGy, 8 MB)",
     lambda q: q.kind is not None and _found(r"\d\s+\S")(q)),
    ("plain digits (the NER calls 42 a DATE; labels: Voyager 2, English 101)", _found(r"^\s*\d[\d,.]*\s*$")),
)
OTHER = "other"


def glued_to_id(text: str, start: int, end: int) -> bool:
    before, after = text[max(start - 2, 0):start], text[end:end + 2]
    return (len(before) == 2 and before[1] in _GLUE and before[0].isalnum()) or \
        (len(after) == 2 and after[0] in _GLUE and after[1].isalnum())


def failure_pattern(text: str, start: int, end: int, kind: str | None) -> str:
    """The pattern a missed quantity text[start:end] shows; ``kind`` is the kind its data unit maps to."""
    context = MissContext(text[start:end], kind, glued_to_id(text, start, end))
    return next((name for name, applies in PATTERNS if applies(context)), OTHER)
