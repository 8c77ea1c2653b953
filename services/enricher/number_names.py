"""Numbers that news text writes but that state no quantity: telephone numbers, reference marks, model numbers,
scores and records, and "first" in set phrases. Each check is a general shape of news copy; ``numbers.py`` drops
a draft that one of them recognises (precision first: a number we cannot tell from a name gives no fact).
One shape goes the other way: a number hyphened to the noun it counts inside a modifier ("a four-time champion",
"a two-goal performance", "an 11-game streak") is a count, not a number glued to an id ("COVID-19").

- **Telephone numbers**: a run of digit groups with a bracketed area code ("(212) 555-0100"), a leading "+"
  ("+44 20 7946 0958"), three or more groups that are no thousands grouping ("1800 645 700", not "1 414 021
  100"), or a 3-4 hyphenated local number ("555-0199"), with seven digits or more; not two decimals joined by a
  hyphen ("the 1.210-1.236 billion range").
- **Street addresses**: an integer before a name that ends in a street word ("at 196 Bay St.", "1600 Pennsylvania
  Avenue") or begins with one ("253 Boulevard Voltaire"): a house number.
- **Reference marks**: integers alone in square brackets ("[1]", "[2, 3]"), or in round brackets closing the
  sentence ("less binge eating (30).", "(38, 39)."): a citation of a source list, not a figure of the story.
- **Model numbers**: an integer of 100 or more between a determiner or adjective and the singular head of its
  noun phrase ("the 777 program", "the embattled 737 Max jet"): a count takes a plural noun ("60 jets"); nouns
  whose plural is their singular ("the 300 staff"), modifier nouns ("the 180 page publication") and hyphened
  modifiers stay counts.
- **Scores and records**: two plain integers joined by a hyphen that count nothing and follow no noun ("At 4-7,",
  "(2-8, 0-7)", "a 2-1 win"): a range names what it ranges over ("8-9 pears", "ages 12-17", "10-15 minutes"); a
  line of set scores after a name ("beat Rublev 3-6, 6-3, 7-6 (0)") and its tie-breaks in brackets.
- **"one ... after another"** ("one setback after another") counts nothing.
- **"first" in set phrases**: "at first", "at first glance", "first of all,", "first and foremost," order nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from services.enricher import number_words as W

_DIGIT_RUN = re.compile(r"(?<![\w.,+])(\+)?(?:(\()\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5})*(?![\w,]|\.\d)")
_GROUP_GAP = re.compile(r"[ .-]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL_RANGE = re.compile(r"\d{1,3}\.\d+-\d{1,3}\.\d+")
PHONE_MIN_DIGITS = 7

_BRACKETED_INTEGERS = re.compile(r"[\[(](?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)[\])]")
_SENTENCE_CLOSE = re.compile(r"\s*(?:[.;:!?]|$)")

_ARTICLE_BEFORE = frozenset({"DET", "PRON", "ADJ"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
MODEL_NUMBER_MIN = 100
"""Model and series numbers in news are mostly of three digits or more ("737", "777", "500"); smaller numbers
before a singular noun are more often a misparse of a count ("the top 10 face off")."""
SAME_IN_PLURAL = frozenset({
    "staff", "personnel", "crew", "police", "people", "cattle", "head", "livestock", "militia", "infantry",
    "offspring", "fish", "sheep", "deer", "aircraft", "series", "species",
})
"""Nouns a count may take in the singular: the same word in the plural, or a collective ("300 staff")."""

SCORE_NOUNS = frozenset({
    "win", "victory", "defeat", "loss", "draw", "tie", "lead", "record", "score", "scoreline", "vote", "decision",
    "margin", "advantage", "deficit", "triumph", "rout", "comeback", "split", "verdict", "ruling", "majority",
})
_RANGE_OPENERS = frozenset({"between", "from", "of", "aged", "ages", "age"})

_FIRST_SET_PHRASE_NOUNS = frozenset({"glance", "sight", "blush", "hand"})


# ---- telephone numbers ---------------------------------------------------------------------------------------------


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the telephone numbers in ``text`` (see the module doc)."""
    spans = []
    for m in _DIGIT_RUN.finditer(text):
        run = m.group()
        digits = sum(c.isdigit() for c in run)
        if digits < PHONE_MIN_DIGITS or _ISO_DAY.fullmatch(run) or _DECIMAL_RANGE.fullmatch(run):
            continue  # "1.210-1.236 billion": two decimals, a range
        groups = [g for g in _GROUP_GAP.split(run.replace("(", "").replace(")", "").lstrip("+")) if g]
        bracketed, plus = m.group(2) is not None, m.group(1) is not None
        thousands = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and " " in run and "-" not in run
        local = len(groups) == 2 and len(groups[0]) == 3 and len(groups[1]) == 4 and run[3] in "-."
        if (bracketed and len(groups) >= 2) or (plus and len(groups) >= 2) or local or \
                (len(groups) >= 3 and not thousands):
            spans.append(m.span())
    return spans


def inside_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# ---- reference marks -----------------------------------------------------------------------------------------------


def reference_mark_spans(doc: Doc) -> list[tuple[int, int]]:
    """Square brackets holding only integers, and round ones that close a sentence ("eating (30)."), unless they
    follow a person's name ("John Smith (44)." is his age)."""
    text, spans = doc.text, []
    for m in _BRACKETED_INTEGERS.finditer(text):
        square = m.group().startswith("[")
        before = text[:m.start()].rstrip()
        after_word = bool(before) and (before[-1].isalpha() or before[-1] in "\"”’')]")
        if not (square or (after_word and _SENTENCE_CLOSE.match(text, m.end()))):
            continue
        opening = next((t for t in doc if t.idx >= m.start()), None)
        if opening is not None and opening.i > 0 and doc[opening.i - 1].ent_type_ == "PERSON":
            continue
        spans.append(m.span())
    return spans


# ---- street addresses ----------------------------------------------------------------------------------------------

STREET_WORDS = frozenset({"st", "st.", "street", "ave", "ave.", "avenue", "rd", "rd.", "road", "blvd", "blvd.",
                          "boulevard", "lane", "drive", "place", "square", "terrace", "highway", "parkway"})
_STREET_NAME_WORDS = 3
_STREET_WORDS_FIRST = frozenset({"boulevard", "avenue", "rue", "via", "calle", "avenida"})
"""Street words that come before the street's name ("253 Boulevard Voltaire", "10 Rue de Rivoli"); not "Street" or
"Road", which a title-case headline puts before a noun ("20 Street Protests Erupt")."""


def street_address(number: Token) -> bool:
    """An integer followed by up to three capitalised words and a street word, or by a street word and a capitalised
    name: a house number, not a count."""
    doc = number.doc
    if not (number.text.isascii() and number.text.isdigit()):
        return False
    street, name = (doc[i] if i < len(doc) else None for i in (number.i + 1, number.i + 2))
    if street is not None and name is not None and street.lower_ in _STREET_WORDS_FIRST \
            and street.is_title and name.is_title and name.is_alpha:
        return True  # "253 Boulevard Voltaire", "10 Rue de Rivoli": the street word first
    for i in range(number.i + 1, min(number.i + 2 + _STREET_NAME_WORDS, len(doc))):
        if doc[i].lower_ in STREET_WORDS:  # not "30 Main Street businesses": a count of the businesses
            after = doc[i + 1] if i + 1 < len(doc) else None
            return i > number.i + 1 and doc[i].text[:1].isupper() and not (after is not None and after.tag_ == "NNS")
        if not doc[i].text[:1].isupper() or not doc[i].is_alpha:
            return False
    return False


# ---- model numbers -------------------------------------------------------------------------------------------------


def model_number(number: Token) -> bool:
    """ "the 777 program", "the embattled 737 Max jet": an integer of 100 or more between a determiner or adjective
    and the singular head of its noun phrase (only names between) names a model or a series, not how many there
    are. "the 180 page publication" (the noun a modifier), "a 2182 score" (an indefinite article) stay numbers."""
    doc, head = number.doc, number.head
    if not (number.text.isascii() and number.text.isdigit() and int(number.text) >= MODEL_NUMBER_MIN) \
            or number.dep_ != "nummod" or number.i == 0:
        return False
    if head.i <= number.i or head.tag_ != "NN" or head.lower_ in SAME_IN_PLURAL or head.dep_ in _MODIFIER_DEPS:
        return False
    if any(t.pos_ != "PROPN" for t in doc[number.i + 1:head.i]):
        return False  # "the large 100 cl bottle": a unit, not a name, between
    before = doc[number.i - 1]
    return before.lower_ not in ("a", "an") and (before.pos_ in _ARTICLE_BEFORE or before.dep_ == "amod")


# ---- scores and records --------------------------------------------------------------------------------------------


def score_or_record(low: Token, link: Token, high: Token, counted: Token | None) -> bool:
    """Two plain integers joined by a hyphen, counting nothing (or a result: "a 2-1 win") and following no noun or
    range word: a score or a win-loss record, not a range."""
    if link.text not in ("-", "–") or not all(t.text.isascii() and t.text.isdigit() and len(t.text) <= 3
                                               for t in (low, high)):
        return False
    if counted is not None and counted.lemma_.lower() not in SCORE_NOUNS:
        return False
    after = high.doc[high.i + 1] if high.i + 1 < len(high.doc) else None
    if after is not None and after.lower_ in W.SCALES:
        return False  # "350-375 million": no score has a scale
    before = low.doc[low.i - 1] if low.i > 0 else None
    if before is not None and before.lower_ in _RANGE_OPENERS:
        return False  # "aged 6-12, 13-17"
    if in_score_line(low.doc, low.i, high.i):
        return True  # "beat Bautista-Agut 3-6, 6-3, 7-6 (0)": one set of a line, after a name
    return before is None or before.pos_ not in ("NOUN", "PROPN")


def _pair_at(doc: Doc, i: int) -> bool:
    """Tokens i, i+1, i+2 write two small integers joined by a hyphen ("6-4")."""
    return i >= 0 and i + 2 < len(doc) and doc[i + 1].text in ("-", "–") and all(
        doc[k].text.isascii() and doc[k].text.isdigit() and len(doc[k].text) <= 2 for k in (i, i + 2))


def in_score_line(doc: Doc, low: int, high: int) -> bool:
    """The pair low-high is one of a line of set or game scores: another pair just after it past a comma ("6-4,
    7-6"), or just before it, or a tie-break in brackets after it ("7-6 (5)")."""
    after_comma = high + 2 if high + 1 < len(doc) and doc[high + 1].text == "," else None
    bracketed = high + 3 < len(doc) and doc[high + 1].text == "(" and doc[high + 2].text.isdigit() \
        and doc[high + 3].text == ")"
    return bracketed or (after_comma is not None and _pair_at(doc, after_comma)) \
        or (low >= 4 and doc[low - 1].text == "," and _pair_at(doc, low - 4)) \
        or (low >= 7 and doc[low - 1].text == "," and doc[low - 2].text == ")" and _pair_at(doc, low - 7))


def tie_break(doc: Doc, number: Token) -> bool:
    """ "7-6 (5)": the bracketed points of a tie-break after a set score, no quantity."""
    i = number.i
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")" and _pair_at(doc, i - 4)


# ---- "first" in set phrases ----------------------------------------------------------------------------------------


def first_in_set_phrase(doc: Doc, tok: Token) -> bool:
    """ "at first", "at first glance", "first of all", "first and foremost": no order is stated."""
    if tok.lower_ != "first":
        return False
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    after2 = doc[tok.i + 2].lower_ if tok.i + 2 < len(doc) else ""
    if before == "at" and (after is None or after.pos_ != "NOUN" or after.lower_ in _FIRST_SET_PHRASE_NOUNS):
        return True
    after3 = doc[tok.i + 3] if tok.i + 3 < len(doc) else None
    closed = after3 is None or after3.is_punct  # "first of all," not "the first of all the trains"
    return after is not None and (after.lower_, after2) in (("of", "all"), ("and", "foremost")) and closed


# ---- "one ... after another" ---------------------------------------------------------------------------------------


def one_after_another(one: Token) -> bool:
    """ "one setback after another", "one big problem after the other": a succession, not a count of one."""
    doc = one.doc
    if one.lower_ != "one":
        return False
    for gap in (2, 3):  # "one setback after", "one big setback after"
        between = doc[one.i + 1:one.i + gap]
        if one.i + gap + 1 >= len(doc) or doc[one.i + gap].lower_ != "after" or between[-1].pos_ != "NOUN" \
                or any(t.pos_ != "ADJ" for t in between[:-1]):
            continue
        other = doc[one.i + gap + 1:one.i + gap + 3]
        follower = other[1] if len(other) > 1 else None
        return (other[0].lower_ == "another" and (follower is None or follower.pos_ != "NOUN")) or \
            [t.lower_ for t in other] == ["the", "other"]
    return False


# ---- hyphened count modifiers --------------------------------------------------------------------------------------


def hyphened_count(doc: Doc, last: int, counted: Token | None) -> bool:
    """ "a four-time champion", "a two-goal performance", "an 11-game streak": the number hyphened to the noun it
    counts, that noun modifying another. Not "one-time" (former), "one-off", "two-thirds", nor "COVID-19"."""
    if counted is None or counted.i != last + 2 or doc[last + 1].text not in ("-", "–") or doc[last].whitespace_ \
            or doc[last + 1].whitespace_ or doc[last].lower_ == "one" \
            or not (doc[last].text.isdigit() or doc[last].text.isalpha()):
        return False  # ".45-caliber" is a measure
    after = doc[counted.i + 1] if counted.i + 1 < len(doc) else None
    return counted.pos_ == "NOUN" and counted.text.isalpha() and counted.text.islower() and len(counted.text) >= 3 \
        and counted.dep_ in ("compound", "amod", "nmod") and counted.head.i > counted.i \
        and (after is None or after.text not in ("-", "–"))
