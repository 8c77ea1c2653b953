"""Number facts from a parsed article: what number, of what, under which verb.

Candidates come from spaCy's numeric entities plus ``like_num`` tokens the NER
missed; the dependency parse supplies what is counted and the governing verb.
``number_reading.py`` reads a number's value from its tokens, ``units.py`` what
follows it (percent sign, currency, time, measure, age). The rules aim for
precision: a span we cannot read with confidence is dropped, never guessed.

Conventions (documented here because consumers depend on them):

* ``text``/``start``/``end`` cover the number and its unit or currency, not the
  qualifier ("more than 100 people" → text "100", qualifier "more than").
* ``counted`` is the counted noun's ``lemma_`` lowercased; spaCy keeps "people"
  as "people" (not "person"). Plural proper nouns lose their plural ("600,000
  Israelis" → "israeli") and a few plurals the lemmatizer confuses get their
  own noun ("100 doses" → "dose", not "dos"): ``counted_lemmas.py``.
* Dates: a full date gives kind "date", ``date`` "YYYY-MM-DD"; month + year gives
  kind "date", ``date`` "YYYY-MM"; a bare year gives kind "year" and no ``date``.
  An ordinal in a date span that names no day ("the third quarter", "its
  first day") is an ordinal fact.
  ``value`` is always the year. Day-month without a year, weekdays and
  today/yesterday/tomorrow resolve to the most recent such day on or before
  publication, and are dropped when ``published_at`` is None. "December 12 and
  13" gives one fact per day. A bare month ("in May") is dropped: its tense is
  unknown.
* "a"/"an" before a measure unit that names nothing else is one of it: "a gallon
  of milk", "a mile from the border" (not "$4 a gallon", "60 miles an hour").
* Durations ("14 years", "two days", "an hour and a half", "two nights") have kind
  "duration", a plural unit, and no ``counted``. "a"/"an" before a time unit is one
  of it ("jailed for a year"), except after a rate ("twice a year", "$5 a day"); so
  are "all day", "a full week", "the whole night", "the entire year" and "another
  month" as an object or after "for" (not "on another day", a time). "several weeks" is no amount: not read.
  An offset from an unstated day is its duration: "four years ago", "two days later" give 4 years and 2 days
  (no date: the day they point to is not written).
* Ages have kind "age", not "duration": "a 29-year-old man", "29 years old",
  "three years of age", "aged 34" give ``value`` 29 (34, …), ``unit`` "years"
  ("months", "weeks" for babies) and ``counted`` the person or thing that old
  ("man") when the parse names it. An age says how old someone is, a duration
  how long something lasts: "a 29-year-old sentenced to 14 years" must not give
  two durations a consumer would add up or compare.
* Fractions keep their value: "two thirds" is 0.667, "2 1/2" 2.5, "half a
  million" 500000. A proper fraction that is no unit's amount (no currency,
  percent sign, time or measure unit after it) is a share of a group, kind
  "share", ``value`` the fraction, ``counted`` the group: "about two thirds of
  voters" → 0.667, "voter"; "half the homes", "one in three voters" alike. A
  share is no count (0.667 voters is not a head count a consumer may add to
  another) and no percent (a percent's value is in points, 66.7, and the text
  says two thirds); ``value`` × 100 compares it with a percent. A fraction with a
  unit is that unit's amount ("½ cup", "half an hour", "2½ million" people); an
  improper one without ("three halves", "one and a half") is a count. A
  fraction of a scale is one number ("a quarter of a million people" 250000,
  "a third of a billion dollars"), and "one over three", "1 over 20" a quotient
  where the divisor closes the phrase ("grew 5 over 10 years" is two numbers).
* Signs are kept: "minus five percent" is -5, "-0.3%" -0.3, and an
  accountant's bracketed money "($99.99)" -99.99.
* Quantities carry the unit word(s) right after the number, normalised where
  known ("44 ml" → "ml", "291,890 metric tons" → "tonnes"); letters glued to
  digits are read as a unit only when unambiguous ("200lbs", "3h", "30C"), never
  "5G"; "m" is metres before a dimension ("1.8m tall") and a million before a
  plural noun ("5m people"). MONEY without a currency ("1 trillion") is read as
  what else it is (count, quantity, duration).
* A lone "one" that is not a numeric modifier ("one of the opponents") is a
  pronoun, not a count, and is dropped (so is "one setback after another");
  so are numbers glued to ids by "-", "/" or ":" ("5-4", "COVID-19", "G20"),
  but not a number hyphened to the noun it counts inside a modifier ("a
  four-time champion", "an 11-game streak": counts), numbers labelling a preceding
  noun or name ("room 12", "iPhone 11", "Boeing 737", "Windows 10", "S&P 500"),
  and slash fractions that are names or scores ("9/11", "24/7", "6/4"):
  numbers that are part of a name give no fact (no kind of their own). So do
  telephone numbers, reference marks ("[1]", "eating (30)."), model numbers
  ("the 777 program"), win-loss records ("At 4-7,"), digits glued to letters
  no reader took ("4K", "5G") and "first" in "at first", "first of all"
  (``number_names.py``).
* Ranges are one fact: "between 10 and 12 miles", "5 to 7 per cent",
  "$3-4 million", "10-15 exabytes" give ``low`` and ``high`` (the low end in
  the high end's scale) and ``value`` their midpoint, with the kind and unit
  of the second end; so do ends written with their unit ("between 44 mg and
  50 mg", "5% to 7%"), when the units agree and the low end is lower.
  "from 7,000 to 7,512" is a change and "45 and 50 cases" (or "$5 and $7") a
  list: two facts, each of the second end's kind. "2 or 3" in one span and a
  score ("3-1", high end first) give none. A low end hanging before "to" with
  its hyphen ("a 10- to 15-minute walk", "8- to 10-year-olds") is one range, and
  so are ends joined by hyphens ("one-to-seven days", "1-to-7 days", "two-three
  years"; "twenty-five" and "two-thirds" stay one number).
* "an app or two", "a week or two": the number after "or" is that many of the
  noun before it (a count of "app", a duration of weeks).
* Figures a verb of change moves from, to, by or at are amounts even where the
  NER calls them a DATE: "cases rose from 1061 to 1128", "the index rose 12
  points to 7512", "closed at 7512"; not figures that could be years of this
  era ("output rose 20% from 2010 to 2015").
* A number joined by a hyphen to a noun inside a modifier counts that noun:
  "a two-goal performance" → 2, ``counted`` "goal" (the text takes the noun in).
* A whole number with a fraction is one number even where the NER calls it a
  DATE ("five and a quarter" 5.25), and a bare number the NER calls a DATE is
  read when it can be no date ("The answer is 42", "10k"). Digits before
  "am"/"pm" that write a time of day ("2.13 am") are no count.
* Powers are one count: "10^9", "1.1^23", "6.02 x 10^23", "2.48×10−5" (a
  superscript exponent that lost its raise, after "×10"); "4km^3" is not read.
* Approximate amounts ("dozens of protesters", "tens of thousands of people",
  "hundreds of millions of dollars") are a count (or money) with ``value`` and
  ``low`` at least two of the unit, ``high`` less than the next word's amount
  ("dozens" 24–99, "tens of thousands" 20000–99999) and ``qualifier`` the
  words ("tens of thousands"); ``counted`` is the noun after "of". "several
  thousand teachers" and "a few hundred people" alike: from three ("several")
  or two ("a few") of the scale to less than ten of it.
* Rates keep their denominator: money, a quantity or a multiple followed by "a", "an",
  "per" or "/" and a noun ("$60 a barrel", "30 miles per hour", "£5 an hour",
  "a $15-an-hour wage", "twice a year") has ``per`` the noun's lemma, and the text takes it in.
* Multiples are counts in unit "times", with no counted noun: "three times higher", "2.5 times", "won it three
  times", "twice", "fivefold", "a 10-fold rise", "3x" ("4x4" is a name). An earthquake's magnitude is a
  quantity in unit "magnitude": "a magnitude 7.1 earthquake", "a 6.4 magnitude quake", "6.2 on the Richter scale".
* A duration written in parts ("two hours and 15 minutes", "11 hours 40 minutes") gives a fact per part, each in
  the unit written, where the NER spans them as one. Seasons and terms it calls a DATE are counted ("in six
  seasons" → 6, counted "season").
* Glued currencies and units: "RM12.40" (MYR), "2.5pc" (percent), "120p"
  (money without a code, like "45 cents"), "50Mbps", "30k" (a lowercase k is
  a thousand; "4K" is not read), "5m people" (a lowercase m before a plural
  noun is a million; "a 2m fence", "1.8m tall" are metres). Digit groups set apart by no-break, narrow
  or thin spaces ("40 000") or by plain spaces with two groups or more ("1 414
  021 100"), and exponents ("1.3e6"), are read.
* A number set off by commas or brackets right after a person's name is their
  age ("John Smith, 44, said" → age 44, unit "years"); so are counts "aged"
  opens ("two men, aged 19 and 23", "people aged 18 to 24").
* A value no float holds gives no fact (``fact_values.BEYOND_FLOAT``); where the
  float is not what the text writes, ``exact`` carries the decimal string.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import chain, pairwise, takewhile

from spacy.tokens import Doc, Span, Token

from services.contract.messages import CALENDAR_KINDS, MULTIPLE_UNIT, DateRule, NumberFact, NumberKind
from services.enricher import number_names as NN
from services.enricher import number_words as W
from services.enricher import units as U
from services.enricher.counted_lemmas import counted_lemma
from services.enricher.dates import publication_day, resolve_day
from services.enricher.fact_values import published_value
from services.enricher.gazetteer import is_place
from services.enricher.number_reading import Reading, joined_hyphen, read_number, starts_number, token_at, word_at

__all__ = ["extract_numbers", "has_number_candidate"]

_AMOUNT_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NUMERIC_LABELS = _AMOUNT_LABELS | {"DATE", "TIME", "ORDINAL"}
# Words the NER leaves out of the number they belong to: "a dozen", "minus five".
_LEFT_OUT_PREFIXES = frozenset({"a", "an", *W.SIGN_WORDS})
_QUALIFIER_WORDS = frozenset(word for phrase in W.QUALIFIERS for word in phrase)
_DIGIT_ORDINAL = re.compile(r"^([0-9]+)(?:st|nd|rd|th)$")
_DATE_FILLERS = frozenset({"the", "of", "on", "in", "and", ","})
# Words that make a DATE span relative to something other than publication.
_AGE_MARKERS = frozenset({"old", "olds", "aged"})
_RELATIVE_MARKERS = frozenset({"ago", "later", "earlier", "before", "after"})
_YEAR_RANGE_LINKS = frozenset({"to", "-", "–", "through", "until", "till", "and"})
_YEAR_PREPOSITIONS = frozenset({"in", "since", "by", "until", "from", "before", "after", "during"})
_GLUE = frozenset("-–/:")


@dataclass(frozen=True)
class _Draft:
    first: int
    """Token indices, inclusive."""
    last: int
    value: Decimal | int
    kind: NumberKind
    unit: str | None = None
    counted: Token | None = None
    date: str | None = None
    date_rule: DateRule | None = None
    anchor: Token | None = None
    """Where the walk up to the governing verb starts."""
    low: Decimal | None = None
    high: Decimal | None = None
    """The ends of a range or of an approximate amount; ``value`` is then their midpoint (a range) or ``low``."""
    per: str | None = None
    """A rate's denominator ("$60 a barrel" → "barrel")."""
    qualifier: str | None = None
    """Set where the amount itself is approximate ("dozens"); other qualifiers are read from the words before."""
    counted_word: str | None = None
    """The counted noun as written, where it is no lemma the tagger would give ("five-spoke" is not "speak")."""
    whose_at: int | None = None
    """Where the name of the person an age after a name belongs to starts ("Webb, 51,"): that person, not the
    verb's doer, is the fact's subject."""


EntityKeyAt = Callable[[int], str | None]
"""The canonical key of the article's entity with a mention at a character offset, if any."""


def _no_entities(offset: int) -> str | None:
    return None


def extract_numbers(
    doc: Doc, published_at: datetime | None, entity_key_at: EntityKeyAt = _no_entities
) -> list[NumberFact]:
    today = publication_day(published_at)
    drafts: list[_Draft] = []
    for ent in doc.ents:
        if ent.label_ == "DATE" and _number_before_range(doc, ent.start, ent.end):  # "45 and 50 cases"
            drafts += _amount_drafts(doc, ent.start, ent.end, "CARDINAL", today)
        elif ent.label_ == "DATE":
            drafts += _date_drafts(doc, ent.start, ent.end, today)
        elif ent.label_ == "TIME" and _only_an_order(ent):  # "in the 63rd minute"
            drafts += _ordinal_drafts(doc, ent.start, ent.end)
        elif ent.label_ == "TIME":  # "one fifth" can be a TIME too; "between 10 and 12 miles" a range
            amount = _amount_in_date(doc, ent.start, ent.end) or _range_inside(doc, ent.start, ent.end)
            drafts += _amount_drafts(doc, ent.start, ent.end, "CARDINAL", today) if amount else \
                _duration_drafts(doc, ent.start, ent.end)
        elif ent.label_ == "ORDINAL":
            drafts += _ordinal_drafts(doc, ent.start, ent.end)
        elif ent.label_ == "EVENT":  # "the 1967 Six-Day War": the year it names
            drafts += [_Draft(t.i, t.i, int(t.text), "year", anchor=t) for t in ent if _year_of_event(t)]
        elif ent.label_ in _AMOUNT_LABELS:
            drafts += _entity_amounts(doc, ent.start, ent.end, ent.label_, today)
    drafts += _stray_drafts(doc, today)
    text = doc.text  # Doc.text joins every token each time it is read: once per article
    drafts += _power_drafts(doc, text)
    drafts += _approximate_drafts(doc)
    drafts += _vague_multiple_drafts(doc)
    drafts += _multiple_word_drafts(doc)
    drafts += _age_after_name_drafts(doc, entity_key_at)
    drafts += _year_span_drafts(doc)
    drafts = [_after_aged(doc, _with_rate(doc, _with_suspended_low(doc, d))) for d in drafts]
    drafts += _suspended_list_drafts(doc, drafts)
    return _finalise(doc, text, _compared_with_money(doc, drafts), entity_key_at)


# ---- amounts: counts, money, percentages, quantities ------------------------


def _entity_amounts(doc: Doc, start: int, end: int, label: str, today: date | None) -> list[_Draft]:
    """Every amount in an amount entity: the NER spans "36 feet -- 8 feet" and "75,000 55-gallon barrels" as one.
    After the first amount, the next one starts at a token written in digits."""
    found: list[_Draft] = []
    while start < end and (drafts := _amount_drafts(doc, start, end, label, today)):
        found += drafts
        after = max(d.last for d in drafts) + 1
        start = next((i for i in range(after, end) if doc[i].text[:1].isdigit() and starts_number(doc, i)), end)
    return found


def _amount_drafts(doc: Doc, start: int, end: int, label: str | None, today: date | None,
                   ranges: bool = True) -> list[_Draft]:
    if start > 0 and doc[start - 1].lower_ in _LEFT_OUT_PREFIXES and starts_number(doc, start - 1):
        start -= 1  # the NER leaves the article out of "a dozen", and the sign out of "minus five"
    first = next((i for i in range(start, end) if starts_number(doc, i)), None)
    if first is None:
        # a QUANTITY the NER found with no numeral: "a mile (and a half)"
        return _one_measure_drafts(doc, doc[start], in_entity=True) if label == "QUANTITY" else []
    symbol = U.currency_symbol_before(doc, first)
    reading = read_number(doc, first, end, money=label == "MONEY" or symbol is not None)
    if reading is None:
        return []
    if ranges and _range_follows(doc, reading.last.i):
        return _range_drafts(doc, reading, symbol, label, today)
    if reading.glued_currency is not None:  # "RM12.40", "$US3.95" (the "$" is a token of its own)
        start = first - 1 if symbol == "$" and not doc[first - 1].whitespace_ else first
        return [_Draft(start, reading.last.i, reading.value, "money", reading.glued_currency, anchor=reading.last)]
    if symbol is not None:
        trailing = U.currency_end(doc, reading.last.i)  # "$5 million US dollars"
        last = trailing[0] if trailing is not None else reading.last.i
        return [_Draft(first - 1, last, U.signed_money(doc, first - 1, last, reading.value), "money",
                       W.CURRENCY_SYMBOLS[symbol], anchor=_root(reading.tokens))]
    if reading.glued_unit is not None:  # "150mm", "3x": and "between 150mm and 200mm" a range
        glued = _glued_unit_drafts(reading)
        return _unit_range(doc, glued, label, today) if ranges else glued
    if U.ambiguous_letters_after(doc, reading.last):
        letters = doc[reading.last.i + 1]
        if letters.lower_ == "m" and word_at(doc, letters.i + 1) in W.DIMENSIONS:  # "1.8m tall": metres
            return [_Draft(first, letters.i, reading.value, "quantity", "m", anchor=_root(reading.tokens))]
        return []  # "5m people" (million or metres?), "the 5G network"
    if (with_unit := _unit_drafts(doc, reading, label, end)):
        return _unit_range(doc, with_unit, label, today) if ranges else with_unit
    return _one_in_drafts(doc, reading) or _over_drafts(doc, reading) or _count_drafts(doc, reading, today)


def _unit_drafts(doc: Doc, reading: Reading, label: str | None, end: int) -> list[_Draft]:
    """The number with what follows it: a percent sign, a currency, a time or another unit."""
    first, last, value, root = reading.tokens[0].i, reading.last.i, reading.value, _root(reading.tokens)
    if (percent_end := U.percent_end(doc, last)) is not None:
        return [_Draft(first, percent_end, value, "percent", "%", anchor=root)]
    if (currency := U.currency_end(doc, last)) is not None:
        currency_end, code = currency
        if (cents := U.cents_after(doc, currency_end)) is not None:  # "thirteen dollars and forty-five cents"
            named = word_at(doc, cents.last.i + 1) in U.CENT_WORDS  # "forty-five cents"; "dollars forty-five."
            value, currency_end = value + cents.value / 100, cents.last.i + (1 if named else 0)
        return [_Draft(first, currency_end, value, "money", code, anchor=root)]
    if (uncoded_end := U.uncoded_currency_end(doc, last, label)) is not None:
        return [_Draft(first, uncoded_end, value, "money", anchor=root)]
    if (duration := _duration_after(doc, reading)) is not None:
        return [duration]
    if (unit := U.quantity_unit_after(doc, reading, label, end)) is not None:
        if unit[1] not in _KNOWN_UNITS and len(reading.tokens) == 1 and _names_with_number(token_at(doc, first - 1)):
            return []  # "the Boeing 707 overshot": a word the NER took for a unit after a model's number
        return [_Draft(first, unit[0], value, "quantity", unit[1], anchor=root)]
    return []


_KNOWN_UNITS = frozenset(W.QUANTITY_UNITS.values())


_UNIT_RANGE_KINDS = frozenset({"money", "percent", "quantity", "duration"})


def _unit_range(doc: Doc, drafts: list[_Draft], label: str | None, today: date | None) -> list[_Draft]:
    """Both ends written with their unit: "between 44 mg and 50 mg", "5% to 7%", "3 hours to 4 hours" are one
    range, like "44 to 50 mg"; "from 44 mg to 50 mg" a change and "44 mg and 50 mg" a list (two facts), as are ends
    of different units ("44 ml to 50 mg"), and multiples ("between ~3x and ~12x"). The NER often spans both ends:
    the second is read here or not at all."""
    if len(drafts) != 1 or (drafts[0].kind not in _UNIT_RANGE_KINDS and drafts[0].unit != MULTIPLE_UNIT):
        return drafts
    first = drafts[0]
    link = token_at(doc, first.last + 1)
    at = first.last + 2 + (word_at(doc, first.last + 2) == "~")  # "~3x to ~12x": the second end's tilde
    if link is None or link.lower_ not in ("to", "and", *W.RANGE_LINKS) or not starts_number(doc, at) \
            and not (word_at(doc, at) in W.CURRENCY_SYMBOLS and starts_number(doc, at + 1)):
        return drafts
    seconds = _amount_drafts(doc, at, _span_end(doc, at), label, today, ranges=False)
    if len(seconds) != 1 or seconds[0].kind != first.kind or seconds[0].first != at:
        return drafts
    second = seconds[0]
    before_tok = token_at(doc, first.first - 1 - (word_at(doc, first.first - 1) == "~"))
    before = before_tok.lower_ if before_tok is not None else None
    listed = link.lower_ == "and" and before != "between"
    # "rose 5p to 120p": by how much, then to where, as in _range_drafts
    moved_by = link.lower_ == "to" and _says_a_change(before_tok) and first.value * 10 < second.value
    ranging = _ranging_from(before_tok)  # "ranged from -18 °C to -34 °C": ends in either order
    low, high = sorted((first.value, second.value)) if ranging else (first.value, second.value)
    if (before == "from" and not ranging) or listed or moved_by or second.unit != first.unit \
            or second.per != first.per or not low < high:
        return [first, second]
    return [_Draft(first.first, second.last, (low + high) / 2, first.kind, first.unit,
                   anchor=second.anchor, low=Decimal(low), high=Decimal(high), per=first.per)]


def _ranging_from(before: Token | None) -> bool:
    """ "ranged from 10 to 12", "estimates varying from 5 to 7": a range whose ends a "from" opens, not a change."""
    return before is not None and before.lower_ == "from" and before.head.lemma_.lower() in ("range", "vary")


def _says_a_change(before: Token | None) -> bool:
    """The word before an amount says it is by how much something moved: "by", "up", "down", "rose", "cut"."""
    return before is not None and (before.lower_ in ("by", "up", "down")
                                   or (before.pos_ == "VERB" and before.lemma_.lower() in W.CHANGE_VERBS))


def _one_in_drafts(doc: Doc, reading: Reading) -> list[_Draft]:
    """ "one in three voters", "one out of every five": a share of the group, 1/3, not three voters."""
    at = reading.last.i + 1
    if word_at(doc, at) == "in":
        at += 1
    elif (word_at(doc, at), word_at(doc, at + 1)) == ("out", "of"):
        at += 2
    else:
        return []
    if word_at(doc, at) == "every":
        at += 1
    if not starts_number(doc, at):
        return []
    whole = read_number(doc, at, _span_end(doc, at), money=False)  # not "one in 10 six-year-olds" as 16
    if whole is None or len(whole.tokens) > 2 or whole.tokens[0].lower_ in ("a", "an") or _year(whole.last) \
            or not 0 < reading.value < whole.value:
        return []  # "one in a million" is praise, "2 in 2019" a date
    counted = _counted(_root(whole.tokens))
    return [_Draft(reading.tokens[0].i, whole.last.i, reading.value / whole.value, "share", counted=counted,
                   anchor=counted or _root(reading.tokens))]


def _over_drafts(doc: Doc, reading: Reading) -> list[_Draft]:
    """ "one over three", "1 over 20": a quotient, one number, where the divisor closes the phrase. "grew 5 over 10
    years" or "3 over 2 days" is an amount and a period: a unit or a noun after the divisor makes "over" a
    preposition, and so does a qualifier's "over" ("over 3 people" has no number before it)."""
    if word_at(doc, reading.last.i + 1) != "over" or reading.glued_unit is not None or reading.glued_currency \
            or not starts_number(doc, reading.last.i + 2):
        return []
    divisor = read_number(doc, reading.last.i + 2, _span_end(doc, reading.last.i + 2), money=False)
    if divisor is None or divisor.glued_unit is not None or divisor.value == 0 or divisor.proper_fraction:
        return []
    after = token_at(doc, divisor.last.i + 1)
    if after is not None and not (after.is_punct and after.text not in ("%", "-", "/", "–")) \
            and after.pos_ not in ("VERB", "AUX", "CCONJ"):
        return []
    value = reading.value / divisor.value
    kind: NumberKind = "share" if 0 < value < 1 else "count"
    return [_Draft(reading.tokens[0].i, divisor.last.i, value, kind, anchor=_root(reading.tokens))]


def _count_drafts(doc: Doc, reading: Reading, today: date | None) -> list[_Draft]:
    group, value = reading.tokens, reading.value
    root = _root(group)
    head = root.head
    first, last = group[0].i, group[-1].i
    if _month(head) and head.i < root.i and root.dep_ in ("nummod", "conj"):
        # "December 12 and 13": the NER tags "13" CARDINAL; it is another day of that month.
        return _day_of_month_drafts(head, root, _year_of_entity(head), today)
    if len(group) == 1 and root.lower_ == "one" and root.dep_ != "nummod":
        return []
    if word_at(doc, last + 1) in U.CLOCK_WORDS and _clock_reading(root.text):
        return []  # "at 2.13 am": a clock time
    if len(group) == 1 and NN.one_after_another(root):
        return []  # "one setback after another"
    if _part_not_share(group[0]):
        return []
    if (measured := _multiple_draft(doc, reading) or _magnitude_draft(doc, reading)) is not None:
        return [measured]
    if value == value.to_integral_value() and (noun := _hyphened_noun(doc, last)) is not None:
        return [_Draft(first, noun.i, value, "count", counted=noun, anchor=noun, counted_word=noun.lower_)]
    if len(group) == 1 and (stat := _stat_noun_after(root)) is not None:
        # "Mekhi Robinson 1 goal": the parser hangs the number on the name, as in "room 12"
        return [_Draft(first, last, value, "count", counted=stat, anchor=stat)]
    if len(group) == 1 and (one_or_more := _one_or_more(doc, root, value)) is not None:
        return [one_or_more]
    if root.dep_ in ("nummod", "compound") and head.i < root.i and head.pos_ in ("NOUN", "PROPN") \
            and not (head.ent_type_ in ("GPE", "PERSON") and not _year(root)):
        return []  # "room 12", "Article 5": a label; "and Sweden 8.57", "Meri 45 votes and Ruutel 34" are not
    if len(group) == 1 and root.text.isdigit() and (_names_with_number(token_at(doc, first - 1))
                                                    or (word_at(doc, first - 2), word_at(doc, first - 1)) == _POORS):
        return []  # "Boeing 737", "iPhone 11", "S&P 500", "Standard & Poor's 500", "Windows 10": part of a name
    if len(group) == 1 and (_year_of_event(root) or _dated_entry(doc, root)):
        return [_Draft(first, last, int(root.text), "year", anchor=root)]  # "the 1967 Middle East war"
    if len(group) == 1 and root.head.lemma_.lower() == "turn" and (age := _age_said_of_someone(root)) is not None:
        return [age]  # "who turns 86 next week"
    if len(group) == 1 and NN.model_number(root):
        return []  # "the 777 program", "the 737 Max jet"
    if len(group) == 1 and NN.tie_break(doc, root):
        return []  # "7-6 (5)"
    if len(group) == 1 and _year(root) and (head.lower_ in _YEAR_PREPOSITIONS or _closes_years(doc, first)) \
            and not _moved_not_year(root):
        return [_Draft(first, last, int(root.text), "year", anchor=root)]
    counted = _counted(root)
    kind: NumberKind = "share" if reading.proper_fraction else "count"
    return [_Draft(first, last, value, kind, counted=counted, anchor=counted or root)]


def _multiple_draft(doc: Doc, reading: Reading) -> _Draft | None:
    """How many times as much: "three times higher", "2.5 times faster", "won it three times", "a 10-fold rise",
    "three-fold": a count in unit "times", no counted noun (a time is no thing)."""
    last = reading.last.i
    after = token_at(doc, last + 1)
    if after is not None and joined_hyphen(doc[last], after):
        after = token_at(doc, last + 2)
        if after is None or after.lower_ != "fold":
            return None
    if after is None or after.text not in ("times", "fold") or reading.value <= 0:
        return None
    return _Draft(reading.tokens[0].i, after.i, reading.value, "count", MULTIPLE_UNIT, anchor=_root(reading.tokens))


def _multiple_word_drafts(doc: Doc) -> list[_Draft]:
    """ "scored twice", "profits rose fivefold": a multiple in one word (``W.MULTIPLE_WORDS``), as "two times"; not
    in a name ("Twice Shy", a WORK_OF_ART)."""
    return [_Draft(tok.i, tok.i, Decimal(W.MULTIPLE_WORDS[tok.lower_]), "count", MULTIPLE_UNIT, anchor=tok)
            for tok in doc if tok.lower_ in W.MULTIPLE_WORDS and tok.ent_type_ in ("", *_NUMERIC_LABELS)]


def _magnitude_draft(doc: Doc, reading: Reading) -> _Draft | None:
    """An earthquake's magnitude written before the number or by its scale after it: "a magnitude 7.1 earthquake",
    "a magnitude-6.4 quake", "6.2 on the Richter scale" (after it, "a 6.4 magnitude quake" is a unit:
    ``W.QUANTITY_UNITS``). Not a count of earthquakes."""
    first, last = reading.tokens[0].i, reading.last.i
    if not 0 < reading.value < 11:
        return None
    before = first - 2 if word_at(doc, first - 1) == "-" else first - 1
    if word_at(doc, before) == "magnitude":
        return _Draft(before, last, reading.value, "quantity", "magnitude", anchor=_root(reading.tokens))
    if tuple(word_at(doc, last + step) for step in range(1, 5)) == ("on", "the", "richter", "scale"):
        return _Draft(first, last + 4, reading.value, "quantity", "magnitude", anchor=_root(reading.tokens))
    return None


_CLOCK = re.compile(r"^(?:[1-9]|1[0-2])(?:[.:][0-5][0-9])?$")
_HOURS_MINUTES = re.compile(r"^(?:[01][0-9]|2[0-3])[0-5][0-9]$")


def _time_of_day(doc: Doc, i: int) -> bool:
    """ "at 0215 GMT", "(1500 GMT)", "at 1000 GMT", "at 1446 local time" (the NER may call it a DATE): the wire's
    time of day."""
    zone = word_at(doc, i + 1) in U.TIME_ZONES or (word_at(doc, i + 1), word_at(doc, i + 2)) == ("local", "time")
    return zone and _HOURS_MINUTES.match(doc[i].text) is not None


_POORS = ("poor", "'s")
"""Before the number of "Standard & Poor's 500": the index's name written out, a possessive no PROPN test sees."""


def _clock_reading(text: str) -> bool:
    """Whether digits before "am"/"pm" write a time of day: "2", "11.45", "2:13"; not "2.123" (a size in attometres)."""
    return _CLOCK.match(text) is not None


def _hyphened_noun(doc: Doc, last: int) -> Token | None:
    """The noun a hyphen joins to the number inside a modifier: "a two-goal performance", "an 11-game losing streak",
    "five-spoke wheels" count goals, games and spokes. The compound modifies a noun after it ("a three-pointer" is
    one shot); a capital or digit after the hyphen is an id ("3-D", "5-4"), another hyphen after the noun a longer
    compound ("a 12-cent-a-share dividend"), and a fixed compound ("two-way", "one-off") counts nothing."""
    hyphen, noun = token_at(doc, last + 1), token_at(doc, last + 2)
    if hyphen is None or noun is None or not joined_hyphen(doc[last], hyphen):
        return None
    word = noun.lower_
    if not (noun.text.isalpha() and noun.text.islower()) or word in W.NUMBER_WORDS or word in W.FIXED_COMPOUNDS:
        return None
    if word == "time" and doc[last].lower_ == "one":
        return None  # "a one-time payment" is former or single, not a count; "a four-time champion" counts
    after = token_at(doc, noun.i + 1)
    if after is not None and after.text in _GLUE and not noun.whitespace_:
        return None
    if noun.dep_ not in ("compound", "amod", "nmod") or noun.head.i <= noun.i or noun.head.pos_ not in ("NOUN", "PROPN"):
        return None
    participle = noun.tag_ not in ("NN", "NNS") and word.endswith(("ed", "ing", "ly"))
    return None if participle else noun  # "a two-pronged attack" counts no prongs; "a 10-speed gearbox" speeds


def _names_with_number(before: Token | None) -> bool:
    """A proper noun written with a capital right before a bare number makes the number part of a name; a month,
    weekday or currency before it does not ("May 5", "Saturday 13", "RM 12")."""
    return before is not None and before.pos_ == "PROPN" and before.text[:1].isalpha() \
        and not before.text.islower() and not _month(before) and before.lower_ not in W.WEEKDAYS \
        and before.lower_ not in W.CURRENCY_SYMBOLS and before.text not in W.CURRENCY_CODES


def _part_not_share(first: Token) -> bool:
    """ "the second half", "the top half of the bread", "its better half": a bare fraction word after a determiner
    or an adjective names a part; "about half", "half the homes" is a share."""
    before = token_at(first.doc, first.i - 1)
    if first.lower_ not in ("half", "quarter") or before is None or before.lower_ in ("a", "an"):
        return False
    return before.pos_ in ("DET", "ADJ", "NUM", "PRON") or before.lower_ in W.ORDINAL_WORDS


def _number_before_range(doc: Doc, start: int, end: int) -> bool:
    """A DATE span that is one plain number, not a year, with the other end of a range or list after it (the NER
    may take "between" in: "[between 14] and [36 kilograms]")."""
    tok = doc[end - 1]
    if any(_year(t) or _month(t) or _DIGIT_ORDINAL.match(t.lower_) for t in doc[start:end]):
        return False
    first = start + 1 if doc[start].lower_ == "between" else start
    return (end - first == 1 and tok.like_num and _range_follows(doc, tok.i)) or _range_inside(doc, start, end)


def _range_inside(doc: Doc, start: int, end: int) -> bool:
    """A TIME span that holds a range of amounts ("between 10 and 12 miles", "5 to 7 hours"), not a clock time."""
    first = next((i for i in range(start, end) if starts_number(doc, i)), None)
    reading = read_number(doc, first, end, money=False) if first is not None else None
    return reading is not None and reading.last.i + 2 < end and _range_follows(doc, reading.last.i) \
        and not any(t.lower_ in (":", "am", "pm", "a.m.", "p.m.") for t in doc[start:end])


def _range_follows(doc: Doc, last: int) -> bool:
    """'between 10 and 15', '2 or 3', '45 and 50 cases': neither end alone is what the text states."""
    link, nxt = token_at(doc, last + 1), token_at(doc, last + 2)
    if _hyphened_to(doc, last):
        link, nxt = doc[last + 2], token_at(doc, last + 4)
    if link is None or nxt is None or link.lower_ not in ("and", "to", "or", "-", "–", "—"):
        return False
    if link.text == "-" and nxt.lower_ in W.SCALES and not doc[last].whitespace_ and not link.whitespace_:
        return False  # "$10-million": one amount
    if nxt.lower_ in W.CURRENCY_SYMBOLS:  # "$3-$4 million"
        nxt = token_at(doc, nxt.i + 1) or nxt
    same_span = nxt.ent_iob_ == "I" or not nxt.ent_type_ or nxt.ent_type_ in _AMOUNT_LABELS
    return same_span and starts_number(doc, nxt.i)


def _range_drafts(doc: Doc, reading: Reading, symbol: str | None, label: str | None,
                  today: date | None) -> list[_Draft]:
    """One fact for "between 10 and 12 miles", "5 to 7 per cent", "$3-4 million", "10-15 exabytes": the second
    end says what both are (its unit, its scale), ``value`` is the midpoint. "45 and 50 cases" (no "between") is
    two numbers of one thing and "from 5 to 7" a change: two facts of the second's kind; "2 or 3" is too vague.
    (quantulum3's specs read "from 44 mg to 50 mg" as a range with the midpoint: for news that loses the two
    values a change states.)"""
    first, link = reading.tokens[0].i, doc[reading.last.i + 1]
    between = word_at(doc, first - 1) == "between" or (word_at(doc, first - 2) == "between" and symbol is not None)
    second_at = link.i + 1
    if _hyphened_to(doc, reading.last.i):  # "one-to-seven days"
        link, second_at = doc[link.i + 1], link.i + 3
    alone = reading.tokens[0].i - (1 if symbol else 0)
    if link.lower_ == "or" or (link.lower_ == "and" and not between and not _digits_only(reading, doc[link.i + 1])):
        # "2 or 3 people" in one entity is too vague; "10 bln or 10 tln" are two amounts. "twenty and four", "3
        # hundred and 21" are one spelled number read wrongly, or not: no guess.
        nxt = doc[link.i + 1]
        if nxt.ent_iob_ == "I" if doc[reading.last.i].ent_type_ else not nxt.ent_type_:
            return []  # both ends in one span
        if link.lower_ == "or" and (shared := _unit_shared_across_or(doc, reading, symbol, link, label, today)):
            return shared
        return _amount_drafts(doc, alone, reading.last.i + 1, label, today, ranges=False)
    before = token_at(doc, first - (2 if symbol else 1))
    change = link.lower_ == "to" and before is not None and before.lower_ == "from" and not _ranging_from(before)
    moved_by = link.lower_ == "to" and _says_a_change(before)
    priced_ends = symbol is not None and word_at(doc, second_at) == symbol  # "$24.00 - $24.20 a barrel"
    if link.lower_ in ("-", "–", "—") and (doc[reading.last.i].whitespace_ or link.whitespace_) and not priced_ends:
        return []  # "3 - 1", a score or a list written with spaces
    # "$2.88 to $46.50": the second end's symbol is a token before its entity
    second_end = _span_end(doc, second_at + 1 if doc[second_at].lower_ in W.CURRENCY_SYMBOLS else second_at)
    second = _amount_drafts(doc, second_at, second_end, label, today)
    if reading.proper_fraction and len(second) == 1 and second[0].kind != "share":
        # "rose by a third to $4.5 billion": a part (of what rose, not of the amount's noun), then an amount; no
        # range runs from a fraction to a whole
        part = _amount_drafts(doc, alone, reading.last.i + 1, label, today, ranges=False)
        return [*(replace(d, counted=None, counted_word=None) for d in part), *second]
    if (span := _span_of_years(reading, link, second, between)) is not None:
        return [span]  # "from 1966 to 1969" with no DATE entity
    if len(second) != 1 or second[0].kind in ("date", "year", "ordinal", "share") or second[0].low is not None:
        return []
    other = second[0]
    kind, unit = other.kind, other.unit
    if symbol is not None and kind == "count":
        kind, unit = "money", W.CURRENCY_SYMBOLS[symbol]
    start = first - 1 if symbol is not None else first
    low = _scaled_like(reading, doc[second_at:other.last + 1], other.value)
    # "soared $5.50 to $16.875": a price moved by, then to
    priced_change = word_at(doc, second_at) in W.CURRENCY_SYMBOLS and low * 2 < other.value
    if moved_by and (low * 10 < other.value or priced_change):
        # "shrank by 800,000 to 124.5 million", "rose $2.88 to $46.50": by how much, then to where; "by 5 to 7%" and
        # "rose 5 to 7 per cent" are ranges
        change = True
    if word_at(doc, other.last + 1) in U.CLOCK_WORDS:
        return []  # "between 2 and 3 p.m."
    counted = other.counted or (_counted(_root(reading.tokens)) if kind == "count" else None)
    if kind == "count" and unit is None and NN.score_or_record(reading.last, link, doc[second_at], counted) \
            and not _in_position(reading.last) and not _in_position(doc[second_at]):
        return []  # "At 4-7,", "(2-8, 0-7)": a record or a score
    if change or (link.lower_ == "and" and not between) \
            or ((link.lower_ == "to" or priced_ends) and not low < other.value):  # "the $418 - $380 move"
        # "45 and 50 cases", "rose from 7,000 to 7,512": two facts, each of the second's kind; so are two numbers
        # set against each other, no range ("outnumbered them by 2,556 to 478", "odds of 3 to 1")
        return [_Draft(start, reading.last.i, low, kind, unit, counted=counted, anchor=_root(reading.tokens)),
                replace(other, counted=counted)]
    high = Decimal(other.value)
    if between and low > high:
        low, high = high, low  # "between 4.75 and 3.13 million shares"
    if not low < high:
        return []  # "3-1", "2019-2018": a score or no range
    return [_Draft(start, other.last, (low + high) / 2, kind, unit, counted=counted, anchor=other.anchor,
                   low=low, high=high, per=other.per)]


def _unit_shared_across_or(doc: Doc, reading: Reading, symbol: str | None, link: Token, label: str | None,
                           today: date | None) -> list[_Draft]:
    """ "25 or 30 percent", "2 or 3 million tonnes": the bare first of two alternatives takes the second's unit and
    scale (its own fact; the second is read on its own). Counts stay as they are ("2 or 3 people")."""
    if symbol is not None or len(reading.tokens) != 1 or reading.glued_unit is not None:
        return []
    second = _amount_drafts(doc, link.i + 1, _span_end(doc, link.i + 1), label, today, ranges=False)
    if len(second) != 1 or second[0].kind not in ("percent", "money", "quantity", "duration"):
        return []
    other = second[0]
    low = _scaled_like(reading, doc[link.i + 1:other.last + 1], other.value)
    return [_Draft(reading.tokens[0].i, reading.last.i, low, other.kind, other.unit, anchor=_root(reading.tokens))]


def _span_of_years(reading: Reading, link: Token, second: list[_Draft], between: bool) -> _Draft | None:
    """ "from 1966 to 1969", "between 1990 and 1995" the NER left untagged: one year with both ends, as a DATE span
    of years is read ("in 1990 and 1995" are two years)."""
    if len(second) != 1 or second[0].kind != "year" or second[0].low is not None or len(reading.tokens) != 1 \
            or link.lower_ not in ("to", "-", "–", *(("and",) if between else ())) or not _year(reading.last):
        return None
    low, high = int(reading.last.text), int(second[0].value)
    if not (low < high and low in _PLAUSIBLE_YEARS and high in _PLAUSIBLE_YEARS):
        return None
    return _Draft(reading.last.i, second[0].last, low, "year", low=Decimal(low), high=Decimal(high),
                  anchor=reading.last)


def _hyphened_to(doc: Doc, last: int) -> bool:
    """ "1-to-7", "one-to-seven": a range whose "to" is joined to both ends by hyphens."""
    return _hyphened_word(doc, last) == "to"


def _hyphened_word(doc: Doc, last: int) -> str | None:
    """The word joined by hyphens, without spaces, to the token at ``last`` and to the one after it: "to" in
    "1-to-7", "an" in "$15-an-hour"."""
    joined = doc[last:last + 4]
    if len(joined) < 4 or joined[1].text != "-" or joined[3].text != "-" or any(t.whitespace_ for t in joined):
        return None
    return joined[2].lower_


def _digits_only(reading: Reading, second: Token) -> bool:
    """Both ends written as one numeral each: "45 and 50", "$5 and $7", not "twenty and four" or "3 hundred and
    21"."""
    if second.lower_ in W.CURRENCY_SYMBOLS and (after := token_at(second.doc, second.i + 1)) is not None:
        second = after
    return len(reading.tokens) == 1 and reading.last.like_num and any(c.isdigit() for c in reading.last.text) \
        and any(c.isdigit() for c in second.text)


def _scaled_like(reading: Reading, second: Sequence[Token], high: Decimal) -> Decimal:
    """The low end in the high end's scale: "$3-4 million" is 3 million to 4 million, "5 to 7 per cent" 5 to 7."""
    if reading.tokens[-1].lower_ in W.SCALES or len(reading.tokens) > 1:
        return reading.value
    scale = next((Decimal(W.SCALES[t.lower_]) for t in second if t.lower_ in W.SCALES), None)
    # "between 500 and 2 million": 500 alone; but "4.75 and 3.13 million" are millions both (a fraction of one is
    # no count)
    if scale is None or (reading.value * scale > high and reading.value == reading.value.to_integral_value()):
        return reading.value
    return reading.value * scale


def _span_end(doc: Doc, i: int) -> int:
    """Where the number starting at ``i`` may end: its entity's end, or the next entity or sentence start."""
    if i >= len(doc):
        return i
    j = i + 1
    if doc[i].ent_type_:
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return j
    while j < len(doc) and not doc[j].ent_type_ and not doc[j].is_sent_start:
        j += 1
    return j


# ---- powers and scientific notation -----------------------------------------

_MINUS = "-−"
# "1.1^23", "2.5^-1", "10^9", "6.02 x 10^23", "8x2^10", "6.674×10^-11", and "2.48×10−5" where a superscript
# exponent lost its raise (only after "×" and 10). Characters, not tokens: the tokenizer cuts these anywhere.
_POWER = re.compile(
    r"(?<![\w.^])(?P<sign>[-−]?)(?P<mantissa>[0-9]+(?:\.[0-9]+)?)"
    r"(?:(?:\s?[×x]\s?(?P<base>[0-9]{1,3}))?\^(?P<exponent>[-−+]{0,2}[0-9]{1,3})"
    r"|×10(?P<lost>[-−][0-9]{1,3}))(?![\w^]|\.[0-9])")


def _power_drafts(doc: Doc, text: str) -> list[_Draft]:
    """ "1.1^23" (8.954…), "2.5^-1" (0.4), "6.02 x 10^23", "2.48×10−5": a power, one count; a sign before it
    negates the power ("-2.5^-1" is -0.4), minus signs in the exponent each flip it."""
    if "^" not in text and "×" not in text:
        return []
    drafts: list[_Draft] = []
    for m in _POWER.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue  # not on token boundaries: part of a longer word ("4km^3")
        mantissa = Decimal(m["mantissa"])
        if m["lost"] is not None:
            value = mantissa * Decimal(10) ** -int(m["lost"][1:])
        else:
            exponent = m["exponent"]
            flips = sum(c in _MINUS for c in exponent)
            power = int(exponent.lstrip("+" + _MINUS)) * (-1 if flips % 2 else 1)
            try:
                value = (mantissa * Decimal(m["base"]) ** power) if m["base"] else mantissa ** power
            except (ArithmeticError, ValueError):
                continue  # 0^-1
        value = -value if m["sign"] else value
        root = _root(list(span))
        counted = _counted(root)
        drafts.append(_Draft(span.start, span.end - 1, value, "count", counted=counted, anchor=counted or root))
    return drafts


# ---- approximate amounts, rates ---------------------------------------------


def _approximate_drafts(doc: Doc) -> list[_Draft]:
    """ "dozens of protesters", "tens of thousands of people", "hundreds of millions of dollars": an amount with no
    number, from at least two of the unit to less than the next word's amount (``W.APPROXIMATE_CEILINGS``);
    ``value`` is the low end, ``qualifier`` the words ("tens of thousands")."""
    drafts: list[_Draft] = []
    covered = -1
    for tok in doc:
        if tok.i <= covered or tok.lower_ not in W.APPROXIMATE_SCALES or starts_number(doc, tok.i - 1):
            continue  # "three dozens" is a number
        chain = [tok]
        while word_at(doc, chain[-1].i + 1) == "of" and word_at(doc, chain[-1].i + 2) in W.APPROXIMATE_SCALES:
            chain.append(doc[chain[-1].i + 2])
        if tok.lower_ == "tens" and len(chain) == 1:
            continue  # "tens of people" is rare; "tens" is more often something else
        of = token_at(doc, chain[-1].i + 1)
        if not ((of is not None and of.lower_ == "of") or tok.ent_type_ == "CARDINAL"):
            continue  # "the 1990s hundreds", "Thousands Oaks": no amount of anything
        covered = chain[-1].i
        base = Decimal(1)
        for word in chain[1:]:
            base *= W.APPROXIMATE_SCALES[word.lower_]
        low = 2 * W.APPROXIMATE_SCALES[tok.lower_] * base
        high = W.APPROXIMATE_CEILINGS[tok.lower_] * base - 1
        qualifier = " ".join(t.lower_ for t in doc[tok.i:chain[-1].i + 1])
        currency = U.currency_end(doc, of.i) if of is not None and of.lower_ == "of" else None
        if currency is not None:  # "millions of dollars"
            drafts.append(_Draft(tok.i, currency[0], low, "money", currency[1], anchor=chain[-1], low=low, high=high,
                                 qualifier=qualifier))
            continue
        counted = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if of is not None and of.lower_ == "of" else None
        drafts.append(_Draft(tok.i, chain[-1].i, low, "count", counted=counted, anchor=counted or chain[-1],
                             low=low, high=high, qualifier=qualifier))
    return drafts


_SUSPENDED_NUMERAL = re.compile(r"^([0-9]+(?:\.[0-9]+)?)-$")


_COMPARING_WORDS = frozenset({"from", "against", "than", "versus", "vs", "vs."})


def _compared_with_money(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Scaled or decimal counts that count nothing but money's context makes money:

    - set against money just before it in the same sentence, money of that currency: "profit fell to 27.5 million
      guilders from a year-earlier 41.4 million", "937.9 million yuan from 1.215 billion" (after "from",
      "against", "than"; no number or verb after that word);
    - what something is worth: "bonds worth 730 million" (the currency of the money before it in the sentence, if
      any: "worth three billion baht and ... worth 730 million")."""
    compared: dict[int, _Draft] = {}
    ordered = sorted(drafts, key=lambda d: d.first)
    for before, d in pairwise([None, *ordered]):
        if d is None or d.kind != "count" or d.counted is not None or d.low is not None \
                or not (_scaled(doc, d) or "." in doc[d.first].text):
            continue
        money_before = before if before is not None and before.kind == "money" \
            and not any(t.is_sent_start for t in doc[before.last + 1:d.first + 1]) else None
        if _worth(doc, d.first):
            compared[id(d)] = replace(d, kind="money", unit=money_before.unit if money_before is not None else None)
            continue
        if money_before is None:
            continue
        sentence = doc[d.first].sent
        if any(other.kind == "count" and other.last < money_before.first and other.first >= sentence.start
               and _scaled(doc, other) for other in ordered):
            continue  # "sold 2.6 million shares for $40 million against 1.2 million": shares or dollars?
        between = doc[money_before.last + 1:d.first]
        comparing = next((t for t in between if t.lower_ in _COMPARING_WORDS), None)
        if comparing is None or len(between) > 5 \
                or any(t.like_num or t.pos_ in ("VERB", "AUX") for t in doc[comparing.i + 1:d.first]):
            continue
        compared[id(d)] = replace(d, kind="money", unit=money_before.unit)
    return [compared.get(id(d), d) for d in drafts]


def _worth(doc: Doc, first: int) -> bool:
    """The amount at ``first`` is what something is worth: "worth 730 million", "worth an estimated 2.5 billion"."""
    i = first - 1
    while i >= 0 and doc[i].lower_ in ("about", "some", "around", "nearly", "almost", "roughly", "estimated", "an"):
        i -= 1
    return i >= 0 and doc[i].lower_ == "worth"


def _scaled(doc: Doc, d: _Draft) -> bool:
    return any(t.lower_ in W.SCALES for t in doc[d.first:d.last + 1])


def _with_suspended_low(doc: Doc, d: _Draft) -> _Draft:
    """A hyphened amount whose low end hangs before "to" with its hyphen: "a 10- to 15-minute walk", "8- to
    10-year-old children", "8- to 16-meter telescopes" are one range (the high end's unit for both)."""
    if not _hyphened_amount(doc, d) or word_at(doc, d.first - 1) != "to":
        return d
    hanging = token_at(doc, d.first - 2)
    if hanging is None:
        return d
    if (suspended := _suspended_value(hanging)) is not None:  # "10- to 15-minute", "two- to three-hour"
        low, first = suspended, hanging.i
    elif hanging.text == "-" and hanging.i > 0 and not doc[hanging.i - 1].whitespace_ and hanging.whitespace_:
        reading = read_number(doc, hanging.i - 1, hanging.i, money=False) if starts_number(doc, hanging.i - 1) \
            else None
        if reading is None or len(reading.tokens) != 1 or reading.glued_unit is not None:
            return d
        low, first = reading.value, hanging.i - 1
    else:
        return d
    if not low < d.value:
        return d
    return replace(d, first=first, value=(low + d.value) / 2, low=low, high=Decimal(d.value))


def _suspended_list_drafts(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """The amounts that hang before a hyphened one in a list: "three-, five- and 10-year bonds", "2-, 5- and 10-year
    notes" state three terms, each a fact of the last one's kind and unit."""
    found: list[_Draft] = []
    for d in drafts:
        if not _hyphened_amount(doc, d) or word_at(doc, d.first - 1) not in ("and", "or") \
                or (d.kind == "count" and not NN.hyphened_count(doc, d.first, d.counted)):
            continue  # a count the last one is not (``_finalise`` drops it as glued) lends nothing
        i = d.first - 2
        while (tok := token_at(doc, i)) is not None and (value := _suspended_value(tok)) is not None:
            found.append(replace(d, first=i, last=i, value=value, anchor=tok))
            if word_at(doc, i - 1) != ",":
                break
            i -= 2
    return found


def _hyphened_amount(doc: Doc, d: _Draft) -> bool:
    """A single amount (no range, date or share) whose first token a hyphen joins to what follows: "15-minute"."""
    return d.low is None and d.kind not in ("date", "year", "ordinal", "share") \
        and word_at(doc, d.first + 1) == "-" and not doc[d.first].whitespace_


def _suspended_value(tok: Token) -> Decimal | None:
    """ "10-" or "three-": a number whose hyphen waits for the noun of a later one."""
    if (m := _SUSPENDED_NUMERAL.match(tok.text)) is not None:
        return Decimal(m.group(1))
    word = tok.lower_[:-1]
    return Decimal(W.SMALL_NUMBERS[word]) if tok.lower_.endswith("-") and word in W.SMALL_NUMBERS else None


_VAGUE_MULTIPLES = {"several": (3, 9), "few": (2, 5)}
"""How many of a scale "several" and "a few" may mean: "several hundred" is 300 to 999, "a few thousand" 2,000 to
5,999."""


def _vague_multiple_drafts(doc: Doc) -> list[_Draft]:
    """ "several hundred people", "a few thousand teachers", "several million dollars", "laid off several hundred":
    an amount with no number, ``low`` the fewest the word allows (``value``), ``high`` the most, ``qualifier`` the
    words, like "hundreds of"."""
    drafts: list[_Draft] = []
    for tok in doc:
        spread = _VAGUE_MULTIPLES.get(tok.lower_)
        if spread is None or (tok.lower_ == "few" and word_at(doc, tok.i - 1) != "a"):
            continue
        scales = list(takewhile(lambda t: t.lower_ in W.MULTIPLIERS or t.lower_ in W.SCALES, doc[tok.i + 1:]))
        if not scales:
            continue
        unit = 1
        for scale in scales:
            unit *= W.MULTIPLIERS.get(scale.lower_) or W.SCALES[scale.lower_]
        low, high = Decimal(spread[0] * unit), Decimal((spread[1] + 1) * unit - 1)
        first, last = (tok.i - 1 if tok.lower_ == "few" else tok.i), scales[-1]
        qualifier = " ".join(t.lower_ for t in doc[first:last.i + 1])
        currency, time_unit = U.currency_end(doc, last.i), U.duration_unit_after(doc, last.i)
        if currency is not None:
            drafts.append(_Draft(first, currency[0], low, "money", currency[1], anchor=last, low=low, high=high,
                                 qualifier=qualifier))
            continue
        if time_unit is not None:  # "several hundred years"
            drafts.append(_Draft(first, time_unit.i, low, "duration", W.DURATION_UNITS[time_unit.lemma_.lower()],
                                 anchor=last, low=low, high=high, qualifier=qualifier))
            continue
        counted = _counted(last)
        drafts.append(_Draft(first, last.i, low, "count", counted=counted, anchor=counted or last, low=low,
                             high=high, qualifier=qualifier))
    return drafts


def _with_rate(doc: Doc, d: _Draft) -> _Draft:
    """Money, a quantity or a multiple with what it is per: "$60 a barrel", "30 miles per hour", "£5 an hour",
    "$15.4/hour", "a $15-an-hour wage", "twice a year"; the fact's text takes the denominator in. A count right
    before its noun is per a time unit after that noun: "1,500 planes per day", "20 cases a week"."""
    if d.kind == "count" and d.per is None and d.counted is not None and d.counted.i == d.last + 1:
        link, noun = token_at(doc, d.last + 2), token_at(doc, d.last + 3)
        if link is not None and noun is not None and link.lower_ in W.RATE_LINKS and noun.tag_ == "NN" \
                and noun.lemma_.lower() in W.DURATION_UNITS and not _time_not_rate(doc, noun):
            return replace(d, per=noun.lemma_.lower())
        return d
    if not (d.kind in ("money", "quantity") or d.unit == MULTIPLE_UNIT) or d.per is not None:
        return d
    link, noun = token_at(doc, d.last + 1), token_at(doc, d.last + 2)
    if _hyphened_word(doc, d.last) in W.RATE_LINKS:
        link, noun = doc[d.last + 2], token_at(doc, d.last + 4)  # "$15-an-hour", "£1,200-a-month"
    if link is None or noun is None or link.lower_ not in W.RATE_LINKS \
            or (noun.pos_ not in ("NOUN", "PROPN") and noun.lower_ not in W.CURRENCY_WORDS):
        return d  # the tagger takes a currency for an adjective: "33 karbovanets per rouble"
    if link.text == "/" and (doc[d.last].whitespace_ or link.whitespace_):
        return d
    if _time_not_rate(doc, noun) or noun.lower_ in W.PERCENT_WORDS or noun.lemma_.lower() == "cent":
        return d  # "$5 a share of the profits", "per cent", "from $39.3bn a year ago": a time, not a rate
    if noun.pos_ == "PROPN" and (head := token_at(doc, noun.i + 1)) is not None and head.pos_ == "NOUN" \
            and head.is_lower:
        noun = head  # "$900 per Windows client": per client
    return replace(d, last=noun.i, per=noun.lemma_.lower())


def _time_not_rate(doc: Doc, noun: Token) -> bool:
    """ "a year ago", "a share of the profits": the noun after "a"/"per" starts a time or a part, not a rate. A time
    unit before "of" is still a rate: "900 milligrams a day of vitamin C"."""
    after = word_at(doc, noun.i + 1)
    return after in _RELATIVE_MARKERS or (after == "of" and noun.lemma_.lower() not in W.DURATION_UNITS)


_AGE_BRACKETS = ((",", ","), ("(", ")"), (",", "."), (",", ";"))
"""What sets an age off after a name: "Smith, 44, said", "Smith (44)", "..., Smith, 44." and a list's
"Caron, 29; Acosta, 22; and ..."."""


def _age_after_name_drafts(doc: Doc, entity_key_at: EntityKeyAt) -> list[_Draft]:
    """ "John Smith, 44, said": a number set off by commas (or brackets) right after a person's name is their age.
    A person is what the model calls one, or a mention the article's entities give to a person ("Swift, 29," the
    model called a building, after "Taylor Swift"). Set off by commas, it is an age after any name the model
    does not call a place or a thing ("Quattrone, 47, is charged": the model made him an organisation, or nothing)
    and after a noun for a person ("the man, 30, would be charged", "a female colleague, 25,")."""
    drafts: list[_Draft] = []
    named: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not (entity_key_at(ent.start_char) or "").startswith("person:"):
            continue
        named.add(ent.end - 1)
        opening, number, closing = (token_at(doc, ent.end + k) for k in range(3))
        # "..., Angel Melena, 25, and Narcisco Lozano, 34.": the sentence's end closes the last one
        if opening is None or number is None or closing is None or (opening.text, closing.text) not in \
                _AGE_BRACKETS or (age := _age_value(number)) is None:
            continue
        drafts.append(_Draft(number.i, number.i, age, "age", "years", anchor=ent.root, whose_at=ent.start_char))
    for tok in doc[:-3]:
        if tok.i in named or not _names_someone(tok):
            continue
        opening, number, closing, after = doc[tok.i + 1], doc[tok.i + 2], doc[tok.i + 3], token_at(doc, tok.i + 4)
        # The NER calls an age alone a DATE ("Malia, 16, and Sasha, 13."): a count by place it calls a CARDINAL
        age_by_model = number.ent_type_ == "DATE" and number.ent_iob_ == "B" and closing.ent_iob_ != "I" \
            and not is_place(tok.text)  # but "Texas, 12, Ohio, 8" counts by state
        if opening.text != "," or (closing.text != "," and not (age_by_model and closing.text in (".", ";"))) \
                or (age := _age_value(number)) is None or (after is not None and after.like_num):  # "Sections 3, 4, 5"
            continue
        verb_after = after is not None and after.pos_ in ("VERB", "AUX")
        if not verb_after and not (age_by_model and tok.pos_ == "PROPN") and (
                tok.ent_type_ in _NAMES_OF_THINGS or (tok.pos_ == "NOUN" and tok.lemma_.lower() not in _PERSON_NOUNS)):
            # "Texas, 12, Ohio, 8": counts by place; but "Limbaugh, 52, said" (a surname the model made a place) and
            # "a female attendant, 25, was slashed" are ages
            continue
        name_start = tok
        while name_start.ent_iob_ == "I" and name_start.i > 0:
            name_start = doc[name_start.i - 1]
        person_noun = tok.pos_ == "NOUN"
        drafts.append(_Draft(number.i, number.i, age, "age", "years", anchor=tok,
                             counted=tok if person_noun else None, whose_at=None if person_noun else name_start.idx))
    return drafts


def _age_value(number: Token) -> int | None:
    """The age a token set off after a name writes: whole digits from 1 to 119, the oldest anyone alive has been
    ("Chris Adams, 123, and Tim O'Gorman took Derbyshire to 471": a batsman's runs)."""
    if not (number.text.isascii() and number.text.isdigit()):
        return None
    return int(number.text) if 0 < int(number.text) < 120 else None


# Nouns for one person that news copy gives an age after: "the man, 30,", "a female colleague, 25,".
_PERSON_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "teenager", "child", "son", "daughter", "mother", "father", "wife", "husband",
    "brother", "sister", "friend", "colleague", "victim", "suspect", "driver", "passenger", "officer", "soldier",
    "student", "worker", "resident", "pilot", "nurse", "teacher", "doctor", "player", "widow", "defendant",
    "assailant", "attacker", "gunman", "bomber", "survivor", "patient", "baby",
})
# Labels of names that are not someone's ("Texas, 12,", "Windows, 98,"), which the model gives surnames too: an age
# after one only where a verb follows ("Limbaugh, 52, said" as a place, "Russell, 46, said" as a work of art).
_NAMES_OF_THINGS = frozenset({"GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE"})


def _names_someone(tok: Token) -> bool:
    """``tok`` ends a capitalised name that is no number by the model, or is a singular common noun (one person:
    "of the 100 workers, 23," is no age)."""
    if tok.pos_ == "NOUN":
        return tok.tag_ == "NN"
    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and tok.ent_type_ not in _NUMERIC_LABELS


# ---- times, ages and glued units --------------------------------------------


def _duration_after(doc: Doc, reading: Reading) -> _Draft | None:
    unit = U.duration_unit_after(doc, U.unit_start(doc, reading) - 1)
    if unit is None or _one_night_as_a_time(doc, reading.tokens[0].i, reading.value, unit):
        return None
    return _time_draft(doc, reading.tokens[0].i, reading.value, unit, _root(reading.tokens))


def _time_draft(doc: Doc, first: int, value: Decimal, unit: Token, root: Token) -> _Draft:
    """A duration ending at its unit, or at "and a half" after it; an age when "old" or "of age" follows; "the
    1997 year" is which year (no one writes 1,997 years without the s)."""
    if unit.lower_ == "year" and unit.i == first + 1 and _year(doc[first]):
        return _Draft(first, unit.i, int(doc[first].text), "year", anchor=doc[first])
    name, last = W.DURATION_UNITS[unit.lemma_.lower()], unit.i
    if (fraction := U.fraction_after_unit(doc, unit.i)) is not None:
        value, last = value + fraction.value, fraction.last.i
    if (old := U.age_marker(doc, unit.i)) is not None:
        counted = U.aged_noun(old)
        return _Draft(first, old.i, value, "age", name, counted=counted, anchor=counted or root)
    if name in _YEARS_IN and value % 1 != 0:
        value, name = value * _YEARS_IN[name], "years"  # "a quarter century": 25 years, as a reader counts it
    return _Draft(first, last, value, "duration", name, anchor=root)


_YEARS_IN = {"decades": 10, "centuries": 100}
"""Years in the long units a fraction of one is written in: "a quarter century", "half a decade"."""


_VIDEO_LINES = frozenset({240, 360, 480, 720, 1080, 1440, 2160, 4320})
"""Video resolutions written with a glued "p" ("1080p", "720p"): a format's name, not pence."""


def _glued_unit_drafts(reading: Reading) -> list[_Draft]:
    if reading.glued_unit == "p" and reading.value in _VIDEO_LINES:
        return []
    found = U.glued_unit(reading.glued_unit or "")
    if found is None and reading.glued_unit == "m" and word_at(reading.last.doc, reading.last.i + 1) in W.DIMENSIONS:
        found = ("quantity", "m")  # "1.8m tall", "a 40m long bridge": metres, not millions
    if found is None:
        return []  # "5G", "1990s": letters that are not ours to read
    kind, unit = found
    return [_Draft(reading.tokens[0].i, reading.last.i, reading.value, kind, unit, anchor=reading.last)]


_POSITION_NOUNS = frozenset({"mark", "level", "range", "area", "region", "vicinity", "threshold", "barrier", "zone"})
"""Nouns that, in the singular, say where a figure lies, not what it counts: "broke the 7,000 mark", "the 1.5 billion
area" (the plural is counted: "the two areas")."""


def _position_noun(noun: Token) -> bool:
    return noun.tag_ == "NN" and noun.lemma_.lower() in _POSITION_NOUNS


def _in_position(number: Token) -> bool:
    """ "the 95-96 range": where a figure lies, so no score."""
    return number.head.i > number.i and _position_noun(number.head)


def _noun_of_next_figure(head: Token) -> Token | None:
    """ "120 full-time and 45 part-time workers": the parser hangs 120 on "time", the end of a hyphened modifier;
    the noun both figures count is the next figure's."""
    doc = head.doc
    if head.i < 2 or doc[head.i - 1].text != "-" or doc[head.i - 1].whitespace_ or doc[head.i - 2].whitespace_ \
            or doc[head.i - 2].like_num or word_at(doc, head.i + 1) not in ("and", "or"):  # not "0.32-inches and"
        return None
    figure = token_at(doc, head.i + 2)
    if figure is None or not figure.like_num:
        return None
    counted = _counted(figure)
    return counted if counted is not None and counted.i > figure.i else None


def _counted(root: Token) -> Token | None:
    head = root.head
    if root.dep_ == "conj" and head.i < root.i and head.like_num and head.dep_ != "conj":
        return _counted(head)  # "six or seven hijackers": the second alternative counts what the first does
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "predet") and head.i != root.i:
        # Climb over adjectives the parser may hang the number on ("eight other prisoners").
        while head.pos_ in ("ADJ", "NUM") and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.i > root.i:
            if _position_noun(head) or head.lower_ == "olds":
                return None  # "the 7,000 mark"; "one in ten 15-year-olds": an age, no noun
            if (shared := _noun_of_next_figure(head)) is not None:
                return shared
            modifier = token_at(root.doc, root.i + 1)
            if head.tag_ == "NN" and root.lower_ not in ("1", "one") and head.lower_ not in NN.SAME_IN_PLURAL \
                    and modifier is not None and modifier.i < head.i and modifier.dep_ == "compound" \
                    and modifier.head.i == head.i and modifier.tag_ == "NN":
                return modifier  # "a 51,000 seat stadium" counts seats: many of a singular noun is no count
            return head
    for prep in root.children:  # partitive: "three of the prisoners"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
    return None


# ---- ordinals ---------------------------------------------------------------


def _ordinal_drafts(doc: Doc, start: int, end: int) -> list[_Draft]:
    found = next(((t, v) for t in reversed(doc[start:end]) if (v := _ordinal_value(t)) is not None), None)
    if found is None:  # the NER calls "3bn" an ordinal
        return _amount_drafts(doc, start, end, None, None)
    tok, value = found
    if NN.first_in_set_phrase(doc, tok):
        return []  # "at first", "first of all"
    if word_at(doc, tok.i - 1) in ("a", "an", "one") and tok.lower_ in W.SINGULAR_DENOMINATORS \
            and _closes_fraction(doc, tok.i + 1):
        return _amount_drafts(doc, tok.i - 1, tok.i + 1, "CARDINAL", None)  # "a third of the budget", not a third term
    if tok.lower_ == "second" and (word_at(doc, tok.i - 1) == "per" or (
            word_at(doc, tok.i - 1) == "a" and (word_at(doc, tok.i - 2) == "of" or word_at(doc, tok.i + 1) in
                                                 ("later", "earlier", "ago", "longer")))):
        return []  # "30 metres per second", "a fraction of a second", "a second later": the unit, no rank
    first = tok.i
    # "twenty-first": the tens word sits two tokens back, across the hyphen.
    if first - 2 >= start and doc[first - 1].text == "-" and doc[first - 2].lower_ in W.SMALL_NUMBERS:
        value += W.SMALL_NUMBERS[doc[first - 2].lower_]
        first -= 2
    counted = _counted(tok)
    return [_Draft(first, tok.i, value, "ordinal", counted=counted, anchor=counted or tok)]


def _ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _closes_fraction(doc: Doc, i: int) -> bool:
    """Whether a fraction word after "a" (at ``i - 1``) is a part, not a rank: before "of" ("a fifth of voters") or a
    comparison ("a third less likely"), or closing its phrase after a word of degree or change or alone ("cut by a
    fifth.", "nearly a third", "a fifth"); "owning a third." or "a second, R-rated film" leave a noun out and rank
    it."""
    nxt = token_at(doc, i)
    if nxt is not None and (nxt.lower_ in ("of", "less", "more", "fewer") or nxt.tag_ in ("JJR", "RBR")):
        return True  # "a fifth of voters", "a third less likely", "a quarter higher": a part of something
    if nxt is not None and not (nxt.is_punct and nxt.text not in ("-", "–", ",")):
        return False
    before = token_at(doc, i - 3)
    return before is None or doc[i - 2].is_sent_start or before.is_punct or before.lower_ in W.FRACTION_DEGREE_WORDS


def _ordinal_value(tok: Token) -> int | None:
    if (m := _DIGIT_ORDINAL.match(tok.lower_)) is not None:
        return int(m.group(1)) if tok.lower_.endswith(_ordinal_suffix(int(m.group(1)))) else None  # "15st": stone
    return W.ORDINAL_WORDS.get(tok.lower_)


# ---- dates and durations ----------------------------------------------------


def _date_drafts(doc: Doc, start: int, end: int, today: date | None) -> list[_Draft]:
    toks = list(doc[start:end])
    if (aged := _aged_drafts(doc, start, end)) is not None:
        return aged
    if end - start == 1 and (age := _age_said_of_someone(doc[start])) is not None:
        return [age]
    if any(t.lower_ in _AGE_MARKERS for t in toks):
        return [d for d in _duration_drafts(doc, start, end) if d.kind == "age"]  # "a 29-year-old"
    if _count_after_date(doc, start, end):  # "Last year 30 people a day crossed": a date, then a count
        return _date_drafts(doc, start, end - 1, today) + _amount_drafts(doc, end - 1, end, "CARDINAL", today)
    if any(t.lower_ in _RELATIVE_MARKERS and word_at(doc, t.i + 1) != "than" for t in toks):  # not "no later than"
        # "four years ago", "two days later": the offset is a stretch of time a reader sees written; the day it
        # points to is not stated, so no date is made of it. "a year ago" writes no number: nothing.
        return [d for d in _duration_drafts(doc, start, end)
                if d.kind in ("duration", "age") and not (doc[d.first].lower_ in ("a", "an") and d.value == 1)]
    if _amount_in_date(doc, start, end) or _counted_periods(doc, end) or _count_of_recurring(doc, start, end):
        return _amount_drafts(doc, start, end, "CARDINAL", today)
    if moved := _moved_values(doc, start, end):
        return [d for tok in moved for d in _amount_drafts(doc, tok.i, tok.i + 1, "CARDINAL", today, ranges=False)]
    if grouped := [t for t in toks if _GROUPED_DIGITS.match(t.text)]:
        # "for the week to 1,912.36": no day or year is written with grouped thousands
        return [d for tok in grouped for d in _amount_drafts(doc, tok.i, tok.i + 1, "CARDINAL", today, ranges=False)]
    # "November 22 and Saturday", "July 6 and 7, 2021": read each conjunct on its
    # own, sharing the month and the year with the conjuncts that lack them.
    years = [t for t in toks if _year(t)]
    shared_year = years[0] if len(years) == 1 else None
    in_numbers = _tokens_in_numbers(doc, start, end)
    # "Dec. 19 to Feb. 5": two days of two months, each a date
    links = ("and", "&", "to", "through", "until") if sum(1 for t in toks if _month(t)) > 1 else ("and", "&")
    cuts = [start - 1, *(t.i for t in toks if t.lower_ in links and t.i not in in_numbers), end]
    drafts: list[_Draft] = []
    month: Token | None = None
    for lo, hi in pairwise(cuts):
        segment = list(doc[lo + 1:hi])
        day = next((t for t in segment if _day(t) is not None), None)
        own_month = next((t for t in segment if _month(t)), None)
        if own_month is None and month is not None and day is not None \
                and all(t is day or t.is_punct or _year(t) for t in segment):
            drafts += _day_of_month_drafts(month, day, shared_year, today)
        elif segment:
            drafts += _date_segment(doc, segment, shared_year, today)
        month = own_month or month
    if not drafts and _only_an_order(toks):
        return _ordinal_drafts(doc, start, end)  # "the third quarter", "its first day": no day to resolve, an order
    return drafts + _durations_in_date(doc, start, end, drafts)


def _only_an_order(toks: Span) -> bool:
    """A DATE or TIME span whose number is an ordinal and nothing else: "the third quarter", "its first day", "the
    63rd minute"; not "the first of June" (a day), "two millionth" (a fraction) nor "the second half" (a part)."""
    return any(t.lower_ in W.ORDINAL_WORDS or _DIGIT_ORDINAL.match(t.lower_) for t in toks) and \
        not any(_month(t) or t.lower_ == "half" or (t.like_num and t.lower_ not in W.ORDINAL_WORDS
                                                    and not _DIGIT_ORDINAL.match(t.lower_)) for t in toks)


def _durations_in_date(doc: Doc, start: int, end: int, taken: list[_Draft]) -> list[_Draft]:
    """A stretch of time written with a numeral inside a DATE span: "the 17 weeks to December 27", "late November
    about two weeks" (the NER leaves "after" out)."""
    return [d for d in _duration_drafts(doc, start, end)
            if d.kind == "duration" and (doc[d.first].like_num or doc[d.first].lower_ in W.SMALL_NUMBERS)
            and not any(t.first <= d.last and d.first <= t.last for t in taken)]


_PLAUSIBLE_YEARS = range(1900, 2101)
"""Years a news report names as a span of time ("output rose from 2010 to 2015"): read as years after a verb of
change. Other four-digit figures there are values ("cases rose from 1061 to 1128")."""


def _count_after_date(doc: Doc, start: int, end: int) -> bool:
    """Whether the DATE span's last token is a count of the plural noun right after the span, written in digits
    after the date ("Last year 30 people", "In 1995 30 people", "On March 3 12 people"): the NER takes the number
    into the date. Not a day after its month: "the November 3 polls"."""
    number, noun = doc[end - 1], token_at(doc, end)
    return end - start > 1 and number.text.isascii() and number.text.isdigit() and not _year(number) \
        and noun is not None and noun.tag_ == "NNS" and number.head.i == noun.i and not _month(doc[end - 2]) \
        and (not doc[end - 2].like_num or _year(doc[end - 2]) or (end - start > 2 and _month(doc[end - 3])))


def _moved_values(doc: Doc, start: int, end: int) -> list[Token]:
    """The plain whole numbers of a DATE span that are where a value moved from, to, by or at ("rose from 1061 to
    1128", "the index rose 12 points to 7512", "fell by 1200 to 1850 last week", "closed at 7512"): the NER calls
    them a DATE, but they are amounts. None when a month or a day is in the span, or when every such number could be
    a year of this era ("rose 20% from 2010 to 2015" is a span of time)."""
    toks = doc[start:end]
    if any(_month(t) or _DIGIT_ORDINAL.match(t.lower_) for t in toks):
        return []
    moved = [t for t in toks if _after_change(t)]
    if not moved or all(_year(t) and int(t.text) in _PLAUSIBLE_YEARS for t in moved):
        return []
    return moved


def _after_change(tok: Token) -> bool:
    """A plain whole number a value moved from, to, by or at: "rose from 1061 to 1128", "closed at 7512"."""
    digits = tok.text.replace(",", "")
    return digits.isascii() and digits.isdigit() and tok.dep_ == "pobj" \
        and tok.head.lower_ in W.CHANGE_PREPOSITIONS and tok.head.head.lemma_.lower() in W.CHANGE_VERBS


def _one_or_more(doc: Doc, number: Token, value: Decimal) -> _Draft | None:
    """ "an app or two", "a week or two": the number after "a"/"an"/"one" + a noun + "or" is that many of the noun
    (the parser hangs it on the noun before it, as on "room 12")."""
    noun = token_at(doc, number.i - 2)
    if word_at(doc, number.i - 1) != "or" or noun is None or noun.pos_ != "NOUN" \
            or word_at(doc, noun.i - 1) not in ("a", "an", "one"):
        return None
    if not 1 < value < 10:
        return None
    if (unit := W.DURATION_UNITS.get(noun.lemma_.lower())) is not None:
        return _Draft(number.i, number.i, value, "duration", unit, anchor=number)
    return _Draft(number.i, number.i, value, "count", counted=noun, anchor=noun)


_EVENT_NOUNS = frozenset({
    "war", "election", "elections", "campaign", "crisis", "revolution", "attack", "attacks", "uprising", "coup",
    "earthquake", "quake", "tsunami", "invasion", "olympics", "games", "census", "referendum", "massacre", "riots",
    "recession", "crash", "flood", "floods", "famine", "genocide", "bombing", "bombings", "conflict",
    "championship", "championships", "final", "cup", "season", "budget", "summit", "treaty", "accord", "agreement",
})
"""Heads of noun phrases a year names the time of: "the 1967 war", "the 2008 financial crisis"."""


def _year_of_event(tok: Token) -> bool:
    """A year before the event it dates, where the NER tags no DATE: "the 1967 Middle East war", "the 1967 Six-Day
    War" (an EVENT), "the 1998 World Cup"."""
    if not _year(tok) or int(tok.text) not in _PLAUSIBLE_YEARS or tok.dep_ not in ("nummod", "compound", "amod") \
            or tok.head.i <= tok.i:
        return False
    return tok.head.lower_ in _EVENT_NOUNS or (tok.ent_type_ == "EVENT" and tok.ent_iob_ == "I"
                                               and word_at(tok.doc, tok.i - 1) == "the")


def _dated_entry(doc: Doc, tok: Token) -> bool:
    """A year that opens an entry of a this-day-in-history list: "1886 - At Skeleton Canyon, Geronimo ..."."""
    dash = token_at(doc, tok.i + 1)
    return _year(tok) and tok.is_sent_start and dash is not None and dash.text in ("-", "–", "—") \
        and bool(tok.whitespace_) and bool(dash.whitespace_)


def _closes_years(doc: Doc, i: int) -> bool:
    """The number at ``i`` ends a span of years the NER tagged only the start of: "from 2010 to 2015", "between 1990
    and 1995"."""
    start = token_at(doc, i - 2)
    return word_at(doc, i - 1) in ("to", "and", "until", "through") and start is not None and _year(start) \
        and int(start.text) in _PLAUSIBLE_YEARS and word_at(doc, i - 3) in ("from", "between")


def _moved_not_year(tok: Token) -> bool:
    """ "fell by 1200", "rose from 1061": a value a verb of change moved, too far from this era to be a year."""
    return _after_change(tok) and int(tok.text.replace(",", "")) not in _PLAUSIBLE_YEARS


def _tokens_in_numbers(doc: Doc, start: int, end: int) -> set[int]:
    """Indices of the tokens that write numbers in a span: the "and" of "one and a half" joins no dates."""
    inside, i = set(), start
    while i < end:
        reading = read_number(doc, i, end, money=False) if starts_number(doc, i) else None
        inside |= {t.i for t in reading.tokens} if reading is not None else set()
        i = reading.last.i + 1 if reading is not None else i + 1
    return inside


def _date_segment(doc: Doc, toks: list[Token], shared_year: Token | None, today: date | None) -> list[_Draft]:
    months = [t for t in toks if _month(t)]
    years = [t for t in toks if _year(t)]
    if not months and any(t.lemma_.lower() in W.DURATION_UNITS for t in toks):
        if durations := _duration_drafts(doc, toks[0].i, toks[-1].i + 1):
            return durations
        if len(years) == 1:  # "in fiscal year 2020": the year it names
            return [_Draft(years[0].i, years[0].i, int(years[0].text), "year", anchor=years[0])]
        return []
    if months:
        return _calendar_drafts(toks, months, years, shared_year, today)
    # "the first half of 2019": a part of the year is no other number beside it.
    numbers = [t for t in toks if starts_number(doc, t.i) and t.lower_ not in W.SINGULAR_DENOMINATORS]
    if len(years) == 1 and numbers == years:
        return [_Draft(years[0].i, years[0].i, int(years[0].text), "year", anchor=years[0])]
    if len(years) == 2 and numbers == years and years[1].i == years[0].i + 2 \
            and doc[years[0].i + 1].lower_ in _YEAR_RANGE_LINKS and int(years[0].text) < int(years[1].text):
        low, high = (int(t.text) for t in years)  # "from 1976 to 1980", "2004-2005": the first year, both ends
        return [_Draft(years[0].i, years[1].i, low, "year", low=Decimal(low), high=Decimal(high), anchor=years[0])]
    core = [t for t in toks if t.lower_ not in _DATE_FILLERS]
    if today is None or len(core) != 1:
        return []
    word = core[0].lower_
    if word in W.WEEKDAYS:
        offset = -((today.weekday() - W.WEEKDAYS[word]) % 7)
    elif word in W.RELATIVE_DAYS:
        offset = W.RELATIVE_DAYS[word]
    else:
        return []
    try:
        day = today + timedelta(days=offset)
    except OverflowError:  # a publication date at the edge of the calendar
        return []
    rule: DateRule = "weekday_before_publication" if word in W.WEEKDAYS else "relative_to_publication"
    return [_Draft(core[0].i, core[0].i, day.year, "date", date=day.isoformat(), date_rule=rule, anchor=core[0])]


def _calendar_drafts(toks: list[Token], months: list[Token], years: list[Token], shared_year: Token | None,
                     today: date | None) -> list[_Draft]:
    month = months[0]
    day = next((t for t in toks if abs(t.i - month.i) == 1 and (_day(t) or _first_of_days(t)) is not None), None)
    day_number = (_day(day) or _first_of_days(day)) if day is not None else None
    year = years[0] if len(years) == 1 else None
    weekdays = [t for t in toks if t.lower_ in W.WEEKDAYS and abs(t.i - month.i) <= 2]  # "Saturday, December 13"
    known = {t.i for t in (month, day, year, *weekdays) if t is not None}
    extra = [t for t in toks if t.i not in known and t.lower_ not in _DATE_FILLERS]
    if extra and day is not None and len(months) == 1 and len(years) <= 1:
        # "no later than June 7", "the quarter ended June 29", "June 19, seven days": the NER spans the words
        # around a written day; they qualify it (a duration inside is read on its own), and the day stays a day,
        # with the year only where it follows it ("June 29, 2003").
        year = year if year is not None and _follows(max(month.i, day.i), year) else None
        extra, known = [], {t.i for t in (month, day, year, *weekdays) if t is not None}
    if extra or len(months) > 1 or len(years) > 1:
        # "the end of May 2020": the year is still a fact, the rest is too vague.
        if year is not None and len(years) == 1:
            return [_Draft(year.i, year.i, int(year.text), "year", anchor=year)]
        return []
    first, last = min(known), max(known)
    year = year or shared_year
    m = W.MONTHS[month.lower_.rstrip(".")]
    if day_number is None:
        if year is None:
            return []
        return [_Draft(first, last, int(year.text), "date", date=f"{int(year.text):04d}-{m:02d}", date_rule="stated",
                       anchor=month)]
    resolved = resolve_day(m, day_number, int(year.text) if year is not None else None, today)
    if resolved is None:
        return []
    return [_Draft(first, last, resolved.year, "date", date=resolved.isoformat(), date_rule=_rule_of(year),
                   anchor=month)]


_DECADE = re.compile(r"^(?:(?:early|mid|late)-)?((?:1[0-9]|20)?[0-9]0)s$")
_PART_OF_YEAR = re.compile(r"^(?:early|mid|late)-((?:1[0-9]|20)[0-9]{2})$")
_SEASON = re.compile(r"^((?:1[89]|20)[0-9]{2})/([0-9]{1,2}|(?:1[89]|20)[0-9]{2})$")


def _season_end(doc: Doc, tok: Token) -> Token | None:
    """The last token of a season or fiscal year written from ``tok``: "2001-02", "1997–98", "2007/8", "2009/10"
    (the next year's last digits after a dash or slash); None for any other."""
    if (m := _SEASON.match(tok.text)) is not None:
        first, second = int(m.group(1)), m.group(2)
        return tok if int(second) in (first + 1, (first + 1) % 10 ** len(second)) else None
    dash, second = token_at(doc, tok.i + 1), token_at(doc, tok.i + 2)
    if not _year(tok) or dash is None or second is None or dash.text not in ("-", "–", "/") \
            or tok.whitespace_ or dash.whitespace_ or not (len(second.text) == 2 and second.text.isdigit()):
        return None
    return second if int(second.text) == (int(tok.text) + 1) % 100 else None


_POSSESSIVES = frozenset({"my", "your", "his", "her", "its", "our", "their"})


def _year_span_drafts(doc: Doc) -> list[_Draft]:
    """Decades: "the 1980s", "the mid-1990s" (a year, its ten years as ``low`` and ``high``), "in their 20s", "her
    mid-40s" (an age: ten years of it). A bare "the 90s" is left alone: a decade of which century? And a part of a
    year written as one word: "since mid-2001" (the year); a season or fiscal year: "in 2001-02" (the first year,
    ``low`` and ``high`` both)."""
    drafts = []
    for tok in doc:
        if (part := _PART_OF_YEAR.match(tok.lower_)) is not None:
            drafts.append(_Draft(tok.i, tok.i, int(part.group(1)), "year", anchor=tok))
        if (season_end := _season_end(doc, tok)) is not None:
            year = int(tok.text[:4])
            drafts.append(_Draft(tok.i, season_end.i, year, "year", low=Decimal(year), high=Decimal(year + 1),
                                 anchor=tok))
        if (m := _DECADE.match(tok.lower_)) is None:
            continue
        low = int(m.group(1))
        if len(m.group(1)) == 4:
            drafts.append(_Draft(tok.i, tok.i, low, "year", low=Decimal(low), high=Decimal(low + 9), anchor=tok))
        elif low >= 10 and _POSSESSIVES.intersection(word_at(doc, tok.i - k) for k in (1, 2)):
            drafts.append(_Draft(tok.i, tok.i, low, "age", "years", low=Decimal(low), high=Decimal(low + 9),
                                 anchor=tok))
    return drafts


def _follows(i: int, tok: Token) -> bool:
    """``tok`` comes right after token ``i``, or after a comma there ("June 29, 2003")."""
    return tok.i == i + 1 or (tok.i == i + 2 and tok.doc[i + 1].text == ",")


def _day_of_month_drafts(month: Token, day_tok: Token, year: Token | None, today: date | None) -> list[_Draft]:
    resolved = resolve_day(W.MONTHS[month.lower_.rstrip(".")], _day(day_tok) or 0,
                        int(year.text) if year is not None else None, today)
    if resolved is None:
        return []
    return [_Draft(day_tok.i, day_tok.i, resolved.year, "date", date=resolved.isoformat(), date_rule=_rule_of(year),
                   anchor=day_tok)]


def _year_of_entity(month: Token) -> Token | None:
    """The year in the DATE entity that holds ``month`` ("July 6, 2021" + "and 7")."""
    doc, years = month.doc, []
    for i in range(month.i + 1, min(month.i + 6, len(doc))):
        if doc[i].ent_type_ != "DATE" or doc[i].ent_iob_ == "B":
            break
        if _year(doc[i]):
            years.append(doc[i])
    return years[0] if len(years) == 1 else None


def _rule_of(year: Token | None) -> DateRule:
    return "stated" if year is not None else "latest_before_publication"


def _duration_drafts(doc: Doc, start: int, end: int) -> list[_Draft]:
    """Every duration in a TIME entity: the NER spans "two hours and 15 minutes" and "an hour and 90 minutes" as
    one. Each part is a fact in the unit written (as quantulum3's test set has "3 years, 2 months, 14 days, and 16
    hours"), not a sum no text writes."""
    found: list[_Draft] = []
    while start < end and (draft := _duration_draft(doc, start, end)) is not None:
        found.append(draft)
        start = draft.last + 1
    return found


def _duration_draft(doc: Doc, start: int, end: int) -> _Draft | None:
    unit = next((t for t in doc[start:end] if t.lemma_.lower() in W.DURATION_UNITS), None)
    if unit is None:
        return None
    before = doc[unit.i - 1].lower_
    stop = unit.i - 1 if before == "-" or before in W.STRETCH_WORDS or before in W.COUNTED_DAYS else unit.i
    # The number must end right before the unit ("several years" has none), or before a word that says how the
    # stretch runs: "two more years", "four straight years".
    for i in range(start, stop):
        reading = read_number(doc, i, stop, money=False)
        if reading is not None and reading.glued_unit is None and U.unit_start(doc, reading) == stop:
            if _one_night_as_a_time(doc, i, reading.value, unit):
                return None
            return _time_draft(doc, i, reading.value, unit, _root(reading.tokens))
    if unit.lower_ == "year" and (after := token_at(doc, unit.i + 1)) is not None and _year(after):
        return None  # "a year 2000 compliance contract", "the full year 1996": a year named, no stretch
    if _stands_for_one(doc, unit.i - 1) and stop == unit.i:
        return _time_draft(doc, unit.i - 1, Decimal(1), unit, unit)  # "for an hour", "a year in prison"
    if (whole := _one_whole_unit(doc, unit)) is not None and whole >= start:
        return _time_draft(doc, whole, Decimal(1), unit, unit)  # "all day", "a full week", "another month"
    return None


def _one_night_as_a_time(doc: Doc, first: int, value: Decimal, unit: Token) -> bool:
    """ "One night, she left", "ambushed in a hospital one night": one night is when, not how long, unless "for" says
    so ("stayed for one night"); "two nights" is a stretch."""
    return unit.lemma_.lower() == "night" and value == 1 and word_at(doc, first - 1) != "for"


def _one_whole_unit(doc: Doc, unit: Token) -> int | None:
    """Where a phrase that says one whole time unit starts: "all day", "(a / the) full week", "the whole night", "the
    entire year", "for another month". Not a unit that modifies a noun ("the full year results", "full-year
    profit"), a plural ("all days"), nor "another" naming a time rather than a stretch ("on another day")."""
    if unit.tag_ != "NN" or unit.dep_ == "compound":
        return None
    word = word_at(doc, unit.i - 1)
    if word == "all":
        return unit.i - 1
    if word in W.WHOLE_WORDS:
        return unit.i - 2 if word_at(doc, unit.i - 2) in ("a", "an", "the") else unit.i - 1
    if word == "another" and (unit.dep_ in ("dobj", "npadvmod") or unit.head.lower_ == "for"):
        return unit.i - 1  # "for another week", "wait another month"; "moved to another day" is a time
    return None


def _stands_for_one(doc: Doc, article: int) -> bool:
    """ "a"/"an" before a time unit is one of it, unless a rate precedes ("twice a year", "$5 a day")."""
    if word_at(doc, article) not in ("a", "an") or doc[article + 1].lemma_.lower() not in W.ONE_BY_ARTICLE_UNITS:
        return False
    before = token_at(doc, article - 1)
    return before is None or not (before.lower_ in W.RATE_WORDS or before.like_num or before.ent_type_ == "MONEY")


def _after_aged(doc: Doc, d: _Draft) -> _Draft:
    """A count "aged" opens is an age: "two men, aged 19 and 23", "people aged 18 to 24", "adults aged between 30
    and 40" (a bare "aged 34" the NER calls a DATE is read by ``_aged_drafts``)."""
    if d.kind != "count" or d.unit is not None or d.counted is not None or d.value >= 130:
        return d
    aged = d.first - 2 if word_at(doc, d.first - 1) == "between" else d.first - 1
    if word_at(doc, aged) != "aged":  # the second of "aged 19 and 23"
        first = token_at(doc, d.first - 2)
        if word_at(doc, d.first - 1) not in ("and", "or", "to") or first is None or not first.like_num:
            return d
        aged = d.first - 3
    if word_at(doc, aged) != "aged":
        return d
    counted = doc[aged].head if doc[aged].dep_ in ("amod", "acl") and doc[aged].head.pos_ == "NOUN" else None
    return replace(d, kind="age", unit="years", counted=counted, anchor=counted or d.anchor)


def _aged_drafts(doc: Doc, start: int, end: int) -> list[_Draft] | None:
    """ "aged 34", "at age 87", "two women aged 27 and 35": the NER makes the bare numbers a DATE."""
    number = next((i for i in range(start, end) if starts_number(doc, i)), None)
    if number is None or not (word_at(doc, number - 1) in ("aged", "age") or
                              (word_at(doc, number - 1) == "of" and word_at(doc, number - 2) == "age")):
        return None
    readings = [read_number(doc, number, end, money=False)]
    if readings[0] is not None and word_at(doc, link := readings[0].last.i + 1) in ("and", "or") \
            and starts_number(doc, link + 1):
        # the second age may be an entity of its own: "aged [27 and] [35]"
        readings.append(read_number(doc, link + 1, max(end, _span_end(doc, link + 1)), money=False))
    if any(r is None or r.glued_unit is not None or r.value >= 130 for r in readings) \
            or (readings[-1].last.i < end - 1 and not _or_older(doc, readings[-1].last.i, end)):
        return None  # "the age of 1914" is an era
    aged = doc[number - 1] if word_at(doc, number - 1) != "of" else doc[number - 2]
    counted = aged.head if aged.dep_ in ("amod", "acl") and aged.head.pos_ == "NOUN" else None
    return [_Draft(r.tokens[0].i, r.last.i, r.value, "age", "years", counted=counted, anchor=counted or r.last)
            for r in readings if r is not None]


_OLDER = frozenset({("or", "older"), ("or", "above"), ("or", "over"), ("and", "older"), ("and", "over"),
                    ("and", "up")})


_SINGLE_PERSON_PRONOUNS = frozenset({"he", "she", "i", "who", "you"})


def _age_said_of_someone(number: Token) -> _Draft | None:
    """A bare whole number the NER calls a DATE that a sentence says a person is: "he was 25", "I'm 75", "Hamza
    Attouh, who is 21,", "When Mostefai was 13", "the younger brother, now 14,": an age. Not "the score was 25"
    (no person is said to be it)."""
    doc = number.doc
    if (age := _age_value(number)) is None:
        return None
    if word_at(doc, number.i - 1) == "now" and word_at(doc, number.i - 2) == "," and word_at(doc, number.i + 1) == ",":
        return _Draft(number.i, number.i, age, "age", "years", anchor=number)
    verb = number.head
    be = verb.lemma_.lower() == "be" or verb.lower_.replace("’", "'") in ("'s", "'m")  # "He’s 25": lemma "’"
    turns = verb.lemma_.lower() == "turn"  # "who turns 86"
    said_is = number.dep_ in (("attr", "acomp", "dobj", "oprd") if turns else ("attr", "acomp"))
    if not (be or turns) or not said_is or word_at(doc, number.i + 1) == "%":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in _SINGLE_PERSON_PRONOUNS or subject.lemma_.lower() in _PERSON_NOUNS
                               or subject.ent_type_ == "PERSON" or (subject.pos_ == "PROPN" and not subject.ent_type_)):
        return None
    return _Draft(number.i, number.i, age, "age", "years", anchor=number)


def _or_older(doc: Doc, last: int, end: int) -> bool:
    """An age threshold: "aged 26 or older", "aged 65 and over" (the NER spans the words with the number)."""
    return tuple(t.lower_ for t in doc[last + 1:end]) in _OLDER


def _amount_in_date(doc: Doc, start: int, end: int) -> bool:
    """A DATE span that is only an amount: a unit glued to the digits ("200lbs"), or a number with a fraction
    ("one and a half", "A quarter" of the staff). A quarter is also three months: "three quarters" alone is a
    stretch of time, "three quarters of the homes" a share."""
    first = next((i for i in range(start, end) if starts_number(doc, i)), None)
    reading = read_number(doc, first, end, money=False) if first is not None else None
    if reading is None or any(t.lower_ not in _QUALIFIER_WORDS for t in doc[start:first]):
        return False
    if not reading.proper_fraction and (
            U.currency_end(doc, reading.last.i) is not None or U.percent_end(doc, reading.last.i) is not None):
        return True  # "one and a half million dollars", "two and a half per cent": an amount the NER called a DATE
    if reading.last.i < end - 1:
        return False  # "more than a year and a half": the amount is only the end of the span
    if _spelled_amount(doc, reading):
        return True
    if reading.glued_unit is not None:
        return U.glued_unit(reading.glued_unit) is not None
    if reading.value == reading.value.to_integral_value():
        return _no_date_number(doc, reading)
    after = token_at(doc, reading.last.i + 1)
    part_of_something = after is not None and (after.lower_ == "of" or after.lower_ in W.QUANTITY_UNITS)
    mixed = any(t.lower_ == "and" for t in reading.tokens)  # "five and a quarter" is 5.25, never quarters of a year
    return part_of_something or mixed or not any(t.lemma_.lower() == "quarter" for t in reading.tokens)


_FREQUENCY_WORDS = frozenset({"hourly", "daily", "nightly", "weekly", "fortnightly", "monthly", "quarterly", "yearly",
                              "annual", "biweekly", "biannual"})


def _count_of_recurring(doc: Doc, start: int, end: int) -> bool:
    """A DATE span of a number and how often something recurs, before the thing: "16 weekly treatments", "three
    daily doses" count treatments and doses (the NER spans "16 weekly")."""
    after = token_at(doc, end)
    return end - start >= 2 and doc[end - 1].lower_ in _FREQUENCY_WORDS and starts_number(doc, end - 2) \
        and after is not None and after.pos_ == "NOUN"


def _spelled_amount(doc: Doc, reading: Reading) -> bool:
    """A number in words with a scale the NER calls a DATE ("two thousand and two hundred residents", "two thousand
    pounds"): a year only where its value could be one and no plural noun follows ("in two thousand and five")."""
    words = reading.tokens
    if any(c.isdigit() for t in words for c in t.text) \
            or not any(t.lower_ in W.SCALES or t.lower_ in W.MULTIPLIERS for t in words):
        return False
    after = token_at(doc, reading.last.i + 1)
    return int(reading.value) not in _PLAUSIBLE_YEARS or (after is not None and after.tag_ in ("NNS", "NNPS"))


def _counted_periods(doc: Doc, end: int) -> bool:
    """A DATE span that counts spells of time (``W.COUNTED_PERIODS``): "in six seasons", "two terms"."""
    last = doc[end - 1]
    return last.tag_ == "NNS" and last.lemma_.lower() in W.COUNTED_PERIODS and starts_number(doc, last.i - 1)


def _no_date_number(doc: Doc, reading: Reading) -> bool:
    """A whole number the NER calls a DATE that can be no date: one token past any day of a month that is not a year
    nor after a word that makes it one ("The answer is 42", "10k", "123456789101231"; not "in 92", "the 15"). Set off
    by punctuation it is an age ("Webb, 51, of") or a citation ("(32, 33)"), and "at 65" an age or "at 1300" a
    time: not read; "at 9073" is neither."""
    tok = reading.last
    return len(reading.tokens) == 1 and reading.value > 31 and not _year(tok) and tok.text[:1].isdigit() \
        and not (tok.i > 0 and doc[tok.i - 1].is_punct) \
        and word_at(doc, tok.i - 1) not in (*_YEAR_PREPOSITIONS, "the", "class", "of", "to") \
        and (word_at(doc, tok.i - 1) != "at" or reading.value >= 2400) \
        and not _DIGIT_ORDINAL.match(tok.lower_)


# ---- numbers the NER missed -------------------------------------------------


def _stray_drafts(doc: Doc, today: date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    covered = -1
    for tok in doc:
        # Tokens in other entities ("Boeing 737", "G7") are names, not numbers.
        if tok.i <= covered or not _may_be_number(tok) or (tok.ent_type_ and not _mislabelled_number(tok)):
            continue
        if _DIGIT_ORDINAL.match(tok.lower_):
            found = _ordinal_drafts(doc, tok.i, tok.i + 1)
        elif _spelled_ordinal_compound(doc, tok):  # "the twenty-second country": the NER often tags nothing
            found = _ordinal_drafts(doc, tok.i, tok.i + 3)
        elif tok.lower_ in ("a", "an") and word_at(doc, tok.i + 1) not in W.SCALES:
            if _denominator_alone(doc, tok.i + 1):
                found = _amount_drafts(doc, tok.i, tok.i + 2, "CARDINAL", today)  # "a trillionth of a second"
            else:
                found = _one_measure_drafts(doc, tok)
        elif starts_number(doc, tok.i):  # not "first" ("at first"), nor a scale word mid-number; "a million guilders"
            limit = _span_end(doc, tok.i) if _measure_as_name(tok) else tok.i + 1
            while limit < len(doc) and not doc[limit].ent_type_ and not doc[limit].is_sent_start:
                limit += 1
            found = _amount_drafts(doc, tok.i, limit, None, today)
        else:
            continue
        covered = max((d.last for d in found), default=covered)
        drafts += found
    return drafts


def _spelled_ordinal_compound(doc: Doc, tens: Token) -> bool:
    """ "twenty-second", "thirty-first": a rank, not twenty seconds."""
    hyphen, unit = token_at(doc, tens.i + 1), token_at(doc, tens.i + 2)
    value = W.SMALL_NUMBERS.get(tens.lower_)
    return value is not None and 20 <= value <= 90 and value % 10 == 0 and hyphen is not None \
        and joined_hyphen(tens, hyphen) and unit is not None and W.ORDINAL_WORDS.get(unit.lower_, 10) < 10


def _one_measure_drafts(doc: Doc, article: Token, in_entity: bool = False) -> list[_Draft]:
    """ "a gallon of milk", "a mile from the border", "an acre of land": "a" before a measure that names nothing else
    is one of it, unless a rate's amount precedes ("$4 a gallon", "60 miles an hour", "twice a mile") or it is what a
    part is of ("a fraction of an inch")."""
    unit = token_at(doc, article.i + 1)
    if article.lower_ not in ("a", "an") or unit is None or unit.lower_ not in W.ONE_BY_ARTICLE_MEASURES \
            or (unit.ent_type_ in _NUMERIC_LABELS and not in_entity):  # the entity's own reading has it
        return []
    before = token_at(doc, article.i - 1)
    if before is not None and (before.lower_ == "of" or before.like_num or before.ent_type_ in _AMOUNT_LABELS or before.lower_ in W.RATE_WORDS
                               or before.lower_ in W.CURRENCY_SYMBOLS or before.lower_ in W.DURATION_UNITS
                               or before.lemma_.lower() in W.DURATION_UNITS or before.lower_ in W.QUANTITY_UNITS):
        return []
    value, last = Decimal(1), unit.i
    if (fraction := U.fraction_after_unit(doc, unit.i)) is not None:  # "a mile and a half": 1.5 miles
        value, last = value + fraction.value, fraction.last.i
    return [_Draft(article.i, last, value, "quantity", W.QUANTITY_UNITS[unit.lower_], anchor=unit)]


def _denominator_alone(doc: Doc, i: int) -> bool:
    """A fraction word after "a" that no entity holds and that closes its phrase: "a trillionth of a second"."""
    tok = token_at(doc, i)
    return tok is not None and not tok.ent_type_ and tok.lower_ in W.SINGULAR_DENOMINATORS \
        and tok.lower_ not in ("half", "quarter") and _closes_fraction(doc, i + 1)


def has_number_candidate(tokens: Span) -> bool:
    """Whether ``extract_numbers`` may draft a fact starting in these tokens: a numeric entity, a token that may be a
    number (``_stray_drafts``), or an approximate amount ("dozens"). Only such sentences need the parse."""
    return any(tok.ent_type_ in _NUMERIC_LABELS or _may_be_number(tok) or tok.lower_ in W.APPROXIMATE_SCALES
               or tok.lower_ in W.MULTIPLE_WORDS for tok in tokens)


def _may_be_number(tok: Token) -> bool:
    if tok.lower_ in ("half", "quarter"):
        return word_at(tok.doc, tok.i + 1) in W.SCALES  # "half million"; a bare "half" needs the NER's word
    if tok.lower_ in ("a", "an"):  # "a trillionth", "a gallon": the parse decides; "a million guilders"
        idiom = (word_at(tok.doc, tok.i - 2), word_at(tok.doc, tok.i - 1)) == ("one", "in")  # "one in a million"
        return (word := word_at(tok.doc, tok.i + 1)) in W.SINGULAR_DENOMINATORS or word in W.ONE_BY_ARTICLE_MEASURES \
            or (word in W.SCALES and not idiom)
    written = any(c.isdigit() or c in W.VULGAR_FRACTIONS for c in tok.text)
    return written or tok.like_num or tok.lower_ in W.SMALL_NUMBERS  # like_num misses "nought"


# Digits with thousands grouped ("9,113.75"): an amount, never a name by itself, though the NER may call it an
# organisation ("at 9,113.75"). Only for labels whose names hold no figures: a product's "1,000" may be its name.
_GROUPED_DIGITS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_NO_NUMBERS_IN_NAME = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP"})


def _mislabelled_number(tok: Token) -> bool:
    """A negative number or a fraction sign the NER took for a name on its own ("-1" as ORG, "½" as LOC): no name
    is written that way ("+49" is a telephone code)."""
    nxt = token_at(tok.doc, tok.i + 1)
    alone = tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")
    written = (tok.text[:1] in "-−" and tok.like_num) or any(c in W.VULGAR_FRACTIONS for c in tok.text) \
        or (_GROUPED_DIGITS.match(tok.text) is not None and tok.ent_type_ in _NO_NUMBERS_IN_NAME)
    # "RM12.40", "$US4.10" as ORG; "3M" as ORG is a name
    glued_currency = starts_number(tok.doc, tok.i) and not tok.like_num \
        and (tok.text.startswith(tuple(W.GLUED_CURRENCY_SYMBOLS)) or word_at(tok.doc, tok.i - 1) == "$")
    # "the first 110bn euro rescue" as ORG: a scaled amount and its currency are no name
    scaled_money = tok.ent_iob_ == "B" and _SCALED_DIGITS.match(tok.lower_) is not None and nxt is not None \
        and nxt.ent_iob_ == "I" and nxt.lemma_.lower() in W.CURRENCY_WORDS
    return (alone and tok.ent_type_ not in _NUMERIC_LABELS and (written or glued_currency)) or scaled_money \
        or _stat_in_name(tok) or _measure_as_name(tok)


def _measure_as_name(tok: Token) -> bool:
    """A name entity of figures alone with a unit right after it: "Showers 0.25-1.30 inch" (PRODUCT "0.25-1.30")."""
    if tok.ent_iob_ != "B" or tok.ent_type_ in _NUMERIC_LABELS or not tok.like_num:
        return False
    end = _span_end(tok.doc, tok.i)
    unit = token_at(tok.doc, end)
    return unit is not None and unit.lower_ in W.QUANTITY_UNITS and len(unit.text) > 1 \
        and all(t.like_num or t.text in ("-", "–") for t in tok.doc[tok.i:end])


_SCALED_DIGITS = re.compile(r"^[0-9]+(?:\.[0-9]+)?(?:bn|mn|m|tn|k)$")


def _stat_in_name(tok: Token) -> bool:
    """A player's count the NER took into the player's name: "Kyleigh Trout 1 goal" (ORG "Kyleigh Trout 1"),
    "Grace Hanks 1 goal" (PERSON). Not "Boeing 737 jets" nor "STOXX 600 index": no statistic."""
    return tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ == "I" and _stat_noun_after(tok) is not None


def _stat_noun_after(tok: Token) -> Token | None:
    """The statistic a player's whole number counts, right after it and agreeing with it: "1 goal", "18 points",
    "3 saves" (``W.STAT_NOUNS``)."""
    nxt = token_at(tok.doc, tok.i + 1)
    if not (tok.text.isascii() and tok.text.isdigit()) or nxt is None or not nxt.is_lower or nxt.pos_ == "VERB":
        return None  # not "Room 12 points to the garden"
    plural = nxt.lower_.endswith("s") and nxt.lower_[:-1] in W.STAT_NOUNS
    if not (plural or nxt.lower_ in W.STAT_NOUNS) or plural == (int(tok.text) == 1):
        return None
    return nxt


# ---- small helpers ----------------------------------------------------------


def _finalise(doc: Doc, text: str, drafts: list[_Draft], entity_key_at: EntityKeyAt) -> list[NumberFact]:
    sent_starts = [s.start for s in doc.sents]
    facts: list[NumberFact] = []
    taken_until = -1
    no_quantity = NN.phone_spans(text) + NN.reference_mark_spans(doc)  # "(212) 555-0100", "[1]", "eating (30)."
    for d in sorted(drafts, key=lambda d: (d.first, -d.last, d.kind)):
        start, end = doc[d.first].idx, _end_char(doc[d.last])
        glued = _glued(text, start, end, ends_in_unit=d.unit is not None) and \
            not (d.kind == "count" and NN.hyphened_count(doc, d.last, d.counted)
                 and d.counted.lower_ not in W.FIXED_COMPOUNDS) \
            and not (d.kind == "ordinal" and _hyphened_rank(doc, d)) \
            and not (d.kind == "date" and d.date is not None)  # "a four-time champion", not "a two-way race";
        # a day of a month stays one in a span of days ("June 24-25", "18-24 November")
        if d.first <= taken_until or glued or NN.inside_any(start, end, no_quantity) or _time_of_day(doc, d.last) \
                or (d.first == d.last and NN.street_address(doc[d.first])):  # "at 196 Bay St."
            continue
        published = published_value(d.value)
        low, high = (published_value(d.low), published_value(d.high)) if d.low is not None and d.high is not None \
            else (None, None)
        if published is None or (d.low is not None and (low is None or high is None)):
            continue  # fact_values.BEYOND_FLOAT: no float holds the value
        taken_until = d.last
        verb = _governing_verb(doc, d)
        facts.append(NumberFact(
            value=published.value, exact=published.exact, text=text[start:end], kind=d.kind, unit=d.unit,
            low=low.value if low is not None else None, high=high.value if high is not None else None, per=d.per,
            counted=d.counted_word or (counted_lemma(d.counted) if d.counted is not None else None),
            qualifier=d.qualifier or (_qualifier(doc, d) if d.kind not in CALENDAR_KINDS else None),
            predicate=_predicate(doc, verb) if verb is not None else None,
            subject=entity_key_at(d.whose_at) if d.whose_at is not None else
            _subject(verb, d, entity_key_at) if verb is not None else None,
            date=d.date, date_rule=d.date_rule,
            sentence=bisect_right(sent_starts, d.first) - 1, start=start, end=end,
        ))
    return facts


def _qualifier(doc: Doc, d: _Draft) -> str | None:
    for phrase in W.QUALIFIERS:
        begin = d.first - len(phrase)
        if begin < 0 or tuple(t.lower_ for t in doc[begin:d.first]) != phrase:
            continue
        last = doc[d.first - 1]
        if last.tag_ == "RP" or any(t.is_sent_start for t in doc[begin + 1:d.first + 1]):
            continue  # "handed over 114 people": a verb particle, not "more than"
        if d.first <= last.head.i <= d.last or doc[d.first].ent_iob_ == "I":
            return " ".join(phrase)
    return None


def _governing_verb(doc: Doc, d: _Draft) -> Token | None:
    start = d.anchor if d.anchor is not None else doc[d.first]
    for tok in chain([start], start.ancestors):
        if tok.pos_ not in ("VERB", "AUX") or d.first <= tok.i <= d.last:
            continue
        if tok.lemma_.lower() == "be" and d.counted is not None:
            # "Nine people pardoned in Belarus are…": the participle says more than "be".
            participle = next((c for c in d.counted.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            if participle is not None:
                return participle
        return tok
    return None


def _predicate(doc: Doc, verb: Token) -> str:
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is None and (nxt := token_at(doc, verb.i + 1)) is not None and nxt.tag_ == "RP":
        particle = nxt  # the parser sometimes hangs "over" on the number instead of the verb
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def _subject(verb: Token, d: _Draft, entity_key_at: EntityKeyAt) -> str | None:
    """The entity that does what the verb says: the active subject, or a passive verb's "by" agent
    ("Lukashenko pardoned 123 people", "123 people were pardoned by Lukashenko"). A verb with neither
    ("signed a decree pardoning 31 citizens") takes the doer of the verb it depends on, in its sentence;
    a doer that is not an entity ("the head of state") means no subject."""
    for tok in chain([verb], verb.ancestors):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        doers = [doer for doer in doers if not d.first <= doer.i <= d.last]
        if doers:
            return next((key for doer in doers if (key := entity_key_at(doer.idx)) is not None), None)
    return None


def _root(group: Sequence[Token]) -> Token:
    indices = {t.i for t in group}
    outside = [t for t in group if t.head.i not in indices or t.head.i == t.i]
    return outside[-1] if outside else group[-1]


def _end_char(tok: Token) -> int:
    """Where a fact's last token ends, less a sentence's full stop the tokenizer left on it ("$2.174T.", "3 m.")."""
    text = tok.text
    full_stop = len(text) > 1 and text.endswith(".") and (text[0].isdigit() or "." not in text[:-1])
    return tok.idx + len(tok.text) - full_stop


def _hyphened_rank(doc: Doc, d: _Draft) -> bool:
    """An ordinal hyphened to the word it ranks: "third-quarter earnings", "a 10th-floor ledge", "second-largest"."""
    hyphen, word = token_at(doc, d.last + 1), token_at(doc, d.last + 2)
    return hyphen is not None and word is not None and joined_hyphen(doc[d.last], hyphen) \
        and word.is_alpha and word.is_lower and word.lower_ not in W.FIXED_ORDINAL_COMPOUNDS \
        and (d.first == 0 or doc[d.first - 1].text not in ("-", "–"))


def _glued(text: str, start: int, end: int, ends_in_unit: bool) -> bool:
    """A number joined to an id ("COVID-19", "5-4", "twenty-first") or to letters ("4K"); a unit may take a hyphen
    ("1,900-mile-wide")."""
    before, after = text[max(start - 2, 0):start], text[end:end + 2]
    if text[end - 1:end].isdigit() and after[:1].isalpha() and not ends_in_unit:
        return True  # "4K", "5G": letters no reader took for a unit or a scale make the number a name
    return (len(before) == 2 and before[1] in _GLUE and before[0].isalnum()) or \
        (len(after) == 2 and after[0] in _GLUE and after[1].isalnum() and (text[end - 1].isdigit() or not ends_in_unit))


def _month(tok: Token) -> bool:
    # "may" the verb is lowercase; month names are capitalised in news copy.
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in W.MONTHS


def _year(tok: Token) -> bool:
    return len(tok.text) == 4 and tok.text.isascii() and tok.text.isdigit() and 1000 <= int(tok.text) <= 2199


_DAYS = re.compile(r"^([0-9]{1,2})[-–][0-9]{1,2}$")


def _first_of_days(tok: Token) -> int | None:
    """The first day of "24-25" (one token) in "June 24-25": a meeting's days; its first is the date."""
    m = _DAYS.match(tok.text)
    return int(m.group(1)) if m is not None and 1 <= int(m.group(1)) <= 31 else None


def _day(tok: Token) -> int | None:
    m = _DIGIT_ORDINAL.match(tok.lower_)
    text = m.group(1) if m is not None else tok.text
    if len(text) <= 2 and text.isascii() and text.isdigit() and 1 <= int(text) <= 31:
        return int(text)
    return None
