"""Number facts for German, Norwegian and Swedish, read by rules from the text: no model, no parse.

Each language's words are one table in ``rule_words.py``; the facts have the English reader's shape
(``numbers.py``), its kinds, units, qualifiers and date rules, so consumers need not know which reader ran.

* Digits use the language's separators: a decimal comma, thousands in groups of three after a full stop or a
  space (also no-break and thin spaces): "2,4 Millionen" is 2400000, "1.234,5" 1234.5, "25 000" 25000. A number
  written otherwise ("2.5", "1,234,567") is no number of these languages, and dropped.
* What follows says what it is: a scale ("Mio.", "milliarder", "mkr"), a percent sign or word, a currency (after
  the amount, or a symbol or code before it), a time unit (an age with "alt"/"gammel"), a measure unit.
* Dates: "13. Dezember 2025", "13. desember", "5 oktober 2023", "Dezember 2025", "13.12.2025", ISO
  "2025-12-13", weekdays and "heute"/"i går", resolved like the English ones (``date_rule``).
* Without a parse some numbers cannot be read with confidence, and are dropped, never guessed: a bare
  four-digit number in 1000–2199 with nothing that makes it a year ("seit 2019", a following comma), a number
  right after a capitalised word (a name or label: "Aurora 20", "Regel 12"), "18." before a word where days take a
  full stop (an ordinal or a sentence's end) unless a determiner makes it an ordinal ("in der 18. Minute"), both
  ends of a range ("10 bis 15"), numbers glued to others ("2:4", "076-141"), leading-zero ids ("04"), and five or
  more digits without a separator ("10115 Berlin", a phone number): these languages group the digits of amounts.
* ``counted``, ``predicate`` and ``subject`` need a parser and are always null.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple, TypeVar

from services.contract.messages import DateRule, NumberFact, NumberKind
from services.enricher import number_words as W
from services.enricher.dates import publication_day, resolve_day, safe_date
from services.enricher.fact_values import published_value
from services.enricher.rule_words import NumberWords
from services.enricher.spans import TakenSpans

__all__ = ["numeral_value", "read_numbers"]

_SPACE = "[ \u00a0\u202f\u2009]"
# Not glued to a word, an id or another number on either side ("2:4", "076-141", "COVID-19", "34-Jährige"). ASCII digits only, as
# in the English reader: other scripts' digits are no numbers these tables know.
_BEFORE = r"(?<![\w.,:/\-–])"
_AFTER = r"(?![\w]|[.,][0-9]|[:/\-–]\w)"
_NUMERAL = re.compile(
    _BEFORE + r"(?P<sign>[-−](?=[0-9]))?"
    r"(?P<digits>[0-9]{1,3}(?P<sep>[.\u00a0\u202f\u2009 ])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)(?P<decimals>,[0-9]+)?"
    + _AFTER
)
# A word after a number: a sign, or letters that may end in an abbreviation's full stop ("Mio.", "kr.").
_WORD = re.compile(_SPACE + r"*(%|[€$£¥]|°[CF]|[^\W\d_][\w²³/\-]*\.?)")
_ISO_DATE = re.compile(_BEFORE + r"([0-9]{4})-([0-9]{2})-([0-9]{2})" + _AFTER)
_NUMERIC_DATE = re.compile(_BEFORE + r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})" + _AFTER)
_SENTENCE_END = frozenset(".,;:!?)\n")
_SPACES = " \u00a0\u202f\u2009"
_CLOSING_QUOTES = frozenset("»«\"“”'’")
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Fact:
    start: int
    end: int
    value: Decimal | int
    kind: NumberKind
    unit: str | None = None
    date: str | None = None
    date_rule: DateRule | None = None


def read_numbers(text: str, sentences: Sequence[tuple[int, int]], published_at: datetime | None,
                 words: NumberWords) -> list[NumberFact]:
    reader = _Reader(text, [start for start, _ in sentences], words, publication_day(published_at))
    facts = reader.dates()
    facts += reader.amounts()
    # A value no float holds gives no fact (fact_values.BEYOND_FLOAT).
    return [reader.number_fact(f) for f in sorted(facts, key=lambda f: f.start) if published_value(f.value)]


class _Reader:
    def __init__(self, text: str, sentence_starts: list[int], words: NumberWords, today: date | None) -> None:
        self.text, self.sentence_starts, self.words, self.today = text, sentence_starts, words, today
        self.taken = TakenSpans()
        """Spans of facts, and of days that name no date here ("24. Dezember" without a publication date)."""
        months = "|".join(map(re.escape, sorted(words.months, key=len, reverse=True)))
        weekdays = "|".join(map(re.escape, sorted(words.weekdays, key=len, reverse=True)))
        self._day_month = re.compile(
            rf"(?<![\w.,:/\-–])(?:(?P<weekday>{weekdays}),?{_SPACE}+(?:den{_SPACE}+)?)?(?P<day>[0-9]{{1,2}})\.?{_SPACE}+"
            rf"(?P<month>{months})(?!\w)(?:{_SPACE}+(?P<year>[0-9]{{4}}){_AFTER})?", re.IGNORECASE)
        self._month_year = re.compile(rf"(?<![\w.])(?P<month>{months}){_SPACE}+(?P<year>[0-9]{{4}}){_AFTER}",
                                      re.IGNORECASE)
        self._day_word = re.compile(
            rf"(?<!\w)({'|'.join(map(re.escape, [*words.weekdays, *words.relative_days]))})(?!\w)", re.IGNORECASE)
        spelled = sorted([*words.spelled, *words.one_before_scale], key=len, reverse=True)
        self._spelled = re.compile(rf"(?<!\w)({'|'.join(map(re.escape, spelled))})(?!\w)", re.IGNORECASE)

    # ---- dates ------------------------------------------------------------------------------------------------

    def dates(self) -> list[_Fact]:
        facts: list[_Fact] = []
        for m in _ISO_DATE.finditer(self.text):
            facts += self._taking(self._stated(m.start(), m.end(), int(m[1]), int(m[2]), int(m[3])))
        if self.words.day_takes_full_stop:
            for m in _NUMERIC_DATE.finditer(self.text):
                if not self.taken.overlaps(m.start(), m.end()):
                    facts += self._taking(self._stated(m.start(), m.end(), int(m[3]), int(m[2]), int(m[1])))
        for m in self._day_month.finditer(self.text):
            if not self.taken.overlaps(m.start(), m.end()):
                facts += self._day_of_month(m)
                self.taken.add(m.start(), m.end())  # resolved or not: "24. Dezember" holds no amount either
        for m in self._month_year.finditer(self.text):
            if not self.taken.overlaps(m.start(), m.end()):
                year = int(m["year"])
                facts += self._taking([_Fact(m.start(), m.end(), year, "date", date_rule="stated",
                                             date=f"{year:04d}-{self._month(m):02d}")])
        for m in self._day_word.finditer(self.text):
            if not self.taken.overlaps(m.start(), m.end()) and not self._closes_quote(m.end()):
                facts += self._taking(self._day_word_fact(m.start(), m.end(), m[1].lower()))
        return facts

    def _taking(self, facts: list[_Fact]) -> list[_Fact]:
        for fact in facts:
            self.taken.add(fact.start, fact.end)
        return facts

    def _closes_quote(self, end: int) -> bool:
        """ "der «Bild am Sonntag»": a day word that closes a quote ends a name. (Unquoted, "Welt am Sonntag" looks
        like "die Wahl am Sonntag" and is read as a day.)"""
        return self.text[end:end + 1] in _CLOSING_QUOTES

    def _stated(self, start: int, end: int, year: int, month: int, day: int) -> list[_Fact]:
        found = safe_date(year, month, day)
        return [_Fact(start, end, year, "date", date=found.isoformat(), date_rule="stated")] if found else []

    def _day_of_month(self, m: re.Match[str]) -> list[_Fact]:
        year = int(m["year"]) if m["year"] else None
        found = resolve_day(self._month(m), int(m["day"]), year, self.today)
        if found is None:
            return []
        rule: DateRule = "stated" if year is not None else "latest_before_publication"
        return [_Fact(m.start(), m.end(), found.year, "date", date=found.isoformat(), date_rule=rule)]

    def _month(self, m: re.Match[str]) -> int:
        return self.words.months[m["month"].lower()]

    def _day_word_fact(self, start: int, end: int, word: str) -> list[_Fact]:
        if self.today is None:
            return []
        date_rule: DateRule
        if word in self.words.weekdays:
            offset, date_rule = -((self.today.weekday() - self.words.weekdays[word]) % 7), "weekday_before_publication"
        else:
            offset, date_rule = self.words.relative_days[word], "relative_to_publication"
        try:
            day = self.today + timedelta(days=offset)
        except OverflowError:  # a publication date at the edge of the calendar
            return []
        return [_Fact(start, end, day.year, "date", date=day.isoformat(), date_rule=date_rule)]

    # ---- amounts ----------------------------------------------------------------------------------------------

    def amounts(self) -> list[_Fact]:
        candidates = sorted(
            [(m.start(), m.end(), self._numeral_value(m), m) for m in _NUMERAL.finditer(self.text)]
            + [(m.start(), m.end(), self._spelled_value(m), None) for m in self._spelled.finditer(self.text)],
            key=lambda c: c[0],
        )
        facts: list[_Fact] = []
        range_ends: set[int] = set()
        for start, end, value, numeral in candidates:
            if value is None or start in range_ends or self.taken.overlaps(start, end):
                continue
            if (second := self._range_end(end)) is not None:
                range_ends.add(second)
                continue
            fact = self._amount(start, end, value, numeral)
            if fact is not None and not self.taken.overlaps(fact.start, fact.end):
                facts += self._taking([fact])
        return facts

    def _numeral_value(self, m: re.Match[str]) -> Decimal | None:
        return numeral_value(m)

    def _spelled_value(self, m: re.Match[str]) -> Decimal | None:
        word = m[1]
        if not (word.islower() or self._sentence_start(m.start())):
            return None  # "die Elf" is a team, "Acht geben" no number
        spelled = self.words.spelled.get(word.lower())
        if spelled is not None:
            return Decimal(spelled)
        return Decimal(1) if self._scale_after(m.end()) is not None else None  # "eine Million"; else an article

    def _amount(self, start: int, end: int, value: Decimal, numeral: re.Match[str] | None) -> _Fact | None:
        words = self.words
        before = self._words_before(start, 1)
        clock = dict.fromkeys(words.clock_words, True)
        if (before and before[0][0].lower() in words.clock_words) or _lookup(clock, _word_at(self.text, end)):
            return None  # "kl. 16", "16 Uhr": a time of day
        scaled, pos = value, end
        if (scale := self._scale_after(pos)) is not None:
            scaled, pos = value * scale[0], scale[1]
        word = _word_at(self.text, pos)
        if (symbol := self._currency_before(start)) is not None:
            return _Fact(symbol[1], pos, scaled, "money", symbol[0])
        if (percent := _lookup(words.percent_units, word)) is not None:
            kind: NumberKind = "percent" if percent[0] == "%" else "quantity"
            return _Fact(start, percent[1], scaled, kind, percent[0])
        if (money := _lookup(words.money_with_scale, word)) is not None:
            (factor, code), money_end = money
            return _Fact(start, money_end, scaled * factor, "money", code)
        if (currency := self._currency_after(pos)) is not None:
            return _Fact(start, currency[1], scaled, "money", currency[0])
        if (duration := _lookup(words.durations, word)) is not None:
            age = _lookup(dict.fromkeys(words.age_words, True), _word_at(self.text, word.end))
            if age is not None:
                return _Fact(start, age[1], scaled, "age", duration[0])
            return _Fact(start, duration[1], scaled, "duration", duration[0])
        if (unit := _lookup(words.units, word)) is not None:
            return _Fact(start, unit[1], scaled, "quantity", unit[0])
        if pos != end:
            return _Fact(start, pos, scaled, "count")  # "2,4 Millionen": the scale makes it an amount
        return self._bare(start, end, value, numeral)

    def _bare(self, start: int, end: int, value: Decimal, numeral: re.Match[str] | None) -> _Fact | None:
        """A number with nothing after it that says what it is: a count, a year, an ordinal, or unreadable."""
        digits = numeral["digits"] if numeral is not None and not numeral["decimals"] and not numeral["sep"] else ""
        before = [word.lower() for word, _ in self._words_before(start, 1)]
        if digits and len(digits) <= 3 and self.words.day_takes_full_stop and self.text[end:end + 1] == "." \
                and _word_at(self.text, end + 1).text[:1].isalpha():
            # "in der 18. Minute" is an ordinal; "… mit 25. Die …" may end a sentence: without a determiner, unsure.
            return _Fact(start, end + 1, value, "ordinal") if before and before[0] in self.words.ordinal_cues else None
        if self._names_something(start):
            return None  # "Aurora 20", "Regel 12"
        if len(digits) >= 5:
            return None  # these languages group the digits of amounts: "10115", "1234567" are postcodes and phones
        if len(digits) == 4 and 1000 <= value <= 2199 and self._qualifier(start) is None:  # "mehr als 1000": a count
            after = self.text[end:end + 1]
            if (before and before[0] in self.words.year_cues) or after in _SENTENCE_END or after == "":
                return _Fact(start, end, int(value), "year")
            return None  # "2000 deltagare" or "2023 kommer": a count or a year, only a parse could tell
        return _Fact(start, end, value, "count")

    def _names_something(self, start: int) -> bool:
        """The number follows a capitalised word that is no cue of the table: "Aurora 20", "Regel 12". At a
        sentence's start too: without a parse "Aurora 20 skulle …" and "Insgesamt 20 …" look alike."""
        before = self._words_before(start, 1)
        if not before:
            return False
        word = before[0][0]
        cues = self.words.year_cues | self.words.qualifiers.keys() | self.words.ordinal_cues
        return word[:1].isupper() and word.lower() not in cues

    def _scale_after(self, pos: int) -> tuple[int, int] | None:
        return _lookup(self.words.scales, _word_at(self.text, pos))

    def _currency_after(self, pos: int) -> tuple[str, int] | None:
        """The currency written after the amount ("Euro", "kroner", "NOK", "svenske kroner") and where it ends."""
        word = _word_at(self.text, pos)
        if (found := self._currency(word)) is not None:
            return found
        found = self._currency(_word_at(self.text, word.end))
        nation = (word.text.lower(), found[0]) if found is not None else None
        if found is not None and nation in self.words.currency_by_nation:
            return self.words.currency_by_nation[nation], found[1]
        return None

    def _currency(self, word: _Word) -> tuple[str, int] | None:
        code = word.text.rstrip(".")
        if code in W.CURRENCY_CODES:  # codes are written in capitals: "NOK", not "nok"
            return code, word.end - (len(word.text) - len(code))
        return _lookup(self.words.currencies, word)

    def _currency_before(self, start: int) -> tuple[str, int] | None:
        """A currency symbol or code right before the amount ("€2,4 Mio.", "NOK 500") and where it starts."""
        at = start
        while at > 0 and self.text[at - 1] in _SPACES:
            at -= 1
        token_start = at
        while token_start > 0 and not self.text[token_start - 1].isspace():
            token_start -= 1
        token = self.text[token_start:at].lstrip("([«»\"'“„")
        code = W.CURRENCY_SYMBOLS.get(token.lower()) if not token.isalpha() else None
        code = code or (token if token in W.CURRENCY_CODES else None)
        return (code, at - len(token)) if code is not None else None

    def _range_end(self, end: int) -> int | None:
        """Where the second number of "10 bis 15" starts, when one follows."""
        word = _word_at(self.text, end)
        if word.text.lower() not in self.words.range_words:
            return None
        second = _NUMERAL.match(self.text, _skip_spaces(self.text, word.end))
        return second.start() if second is not None else None

    # ---- context ----------------------------------------------------------------------------------------------

    def number_fact(self, fact: _Fact) -> NumberFact:
        dated = fact.kind in ("date", "year", "ordinal")
        published = published_value(fact.value)
        assert published is not None, "read_numbers keeps only values a float holds"
        return NumberFact(
            value=published.value, exact=published.exact, text=self.text[fact.start:fact.end], kind=fact.kind,
            unit=fact.unit,
            qualifier=None if dated else self._qualifier(fact.start), date=fact.date, date_rule=fact.date_rule,
            sentence=max(bisect_right(self.sentence_starts, fact.start) - 1, 0), start=fact.start, end=fact.end,
        )

    def _qualifier(self, start: int) -> str | None:
        for length in (3, 2, 1):
            before = self._words_before(start, length)
            phrase = " ".join(word.lower() for word, _ in before)
            if len(before) == length and phrase in self.words.qualifiers:
                return self.words.qualifiers[phrase]
        return None

    def _words_before(self, start: int, count: int) -> list[tuple[str, int]]:
        """Up to ``count`` words (as written, with their starts) right before ``start``, in its sentence."""
        sentence_start = self._sentence_start_before(start)
        if start > sentence_start and not self.text[start - 1].isspace():
            return []  # glued to something: "(€" is a symbol's, "x5" no number's
        found = [(m[0], m.start()) for m in re.finditer(r"\S+", self.text[sentence_start:start])]
        return [(word, sentence_start + at) for word, at in found[-count:]]

    def _sentence_start_before(self, at: int) -> int:
        i = bisect_right(self.sentence_starts, at) - 1
        return self.sentence_starts[i] if i >= 0 else 0

    def _sentence_start(self, at: int) -> bool:
        """Nothing but quotes and dashes between the sentence's start and ``at``."""
        return not self.text[self._sentence_start_before(at):at].strip(" \n\t«»\"'“„–-(")


def numeral_value(m: re.Match[str]) -> Decimal | None:
    """The value of a ``_NUMERAL`` match: "1.234,5" → 1234.5, "25 000" → 25000; None for an id ("04", "076").

    Kept by hand, not Babel's ``parse_decimal``: on the numerals Babel writes for de/nb/sv and the forms the papers
    write ("25 000" with a plain space, "1.234,5" in Norwegian, thin spaces) this reads 26/26, Babel 18/26 strict and
    22/26 lenient (``python -m bench.number_libraries``, bench/reports/number_libraries.md)."""
    digits = m["digits"]
    if digits.startswith("0") and len(digits) > 1:
        return None  # "Schalke 04", "076": ids, not amounts
    value = Decimal(re.sub(r"[^0-9]", "", digits) + (m["decimals"] or "").replace(",", "."))
    return -value if m["sign"] else value


class _Word(NamedTuple):
    text: str
    """As written; "" when no word follows."""
    end: int


def _word_at(text: str, pos: int) -> _Word:
    """The word right after ``pos``, across spaces but not lines."""
    m = _WORD.match(text, pos)
    return _Word(m[1], m.end()) if m is not None else _Word("", pos)


def _lookup(table: Mapping[str, _T], word: _Word) -> tuple[_T, int] | None:
    """The table's entry for the word (lowercase) and where it ends; a sentence's full stop on the word is left
    out ("Prozent." → "prozent"), an abbreviation's is kept ("Mio.")."""
    key = word.text.lower()
    if key in table:
        return table[key], word.end
    if key.endswith(".") and key[:-1] in table:
        return table[key[:-1]], word.end - 1
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos

