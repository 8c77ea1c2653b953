"""Number forms of wire copy the readers missed, read through the enricher as an article is (our own sentences,
written after misses found by running the enricher over unlabelled news sentences):

- an age after a name the model does not call a person, or after a noun for one: "Ferraro, 52, was charged",
  "the driver, 31, was";
- a scale hyphened to money: "a $25-million fine", "a $4.2-billion deal";
- a dollar sign with its country after it: "$US4.10", "$A7.5 million";
- a percent hyphened to its number: "a 2.7-percent rise";
- a change without "from": "rose $1.15 to $38.20" is by how much, then to where;
- the second end's currency symbol in a range: "$80 to $120";
- two amounts in one entity: "40,000 20-litre drums";
- digits with grouped thousands the model calls an organisation or part of a date: "closed at 8,244.31", "for
  the week to 1,846.20"; an index level after "at" that can be no time: "at 8312";
- per cent hyphened Canadian style: "a 12-per-cent cut"; percentage points as a quantity;
- which days are counted, between the number and its unit: "15 business days";
- "up 19.96 to 9,092.91", "shed 0.39 to 981.25": by how much, then to where (was a range from 19.96 to 9,092.91);
- a time of day with its zone ("at 0215 GMT") and "Standard & Poor's 500" are no amounts.
"""

from __future__ import annotations

import pytest

from services.config import EnricherOptions
from services.enricher.logic import Enricher
from tests.unit.enricher.article_numbers import amounts, read


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher(EnricherOptions())


@pytest.mark.parametrize(("text", "expected"), [
    ("Ferraro, 52, was charged with fraud on Tuesday.", [("52", "age", 52, "years")]),
    ('"It was a mistake," Halloran, 58, said on Monday.', [("58", "age", 58, "years")]),
    ("The victims were Maria Olsen, 41, and Peter Olsen, 44.", [("41", "age", 41, "years"),
                                                                ("44", "age", 44, "years")]),
    ("Prosecutors said they had known Delacroix, 38, for years.", [("38", "age", 38, "years")]),
    ("Police said the driver, 31, was taken to hospital.", [("31", "age", 31, "years")]),
    ("A night porter, 58, was hurt in the fire.", [("58", "age", 58, "years")]),  # any one person, a verb after
])
def test_an_age_after_a_name_or_a_person(enricher, text, expected):
    assert read(enricher, text) == expected


def test_an_age_after_a_noun_for_a_person_counts_that_person(enricher):
    (fact,) = amounts(enricher, "Police said the driver, 31, was taken to hospital.")
    assert fact.counted == "driver"


@pytest.mark.parametrize("text", [
    "Of the 200 employees, 40, or a fifth, were laid off.",  # many people, then how many of them
    "Clauses 4, 5 and 6 of the contract were struck out.",  # a list
    "In Lyon, 12 new schools opened.",  # a place, and no closing comma
])
def test_no_age_where_the_commas_set_off_something_else(enricher, text):
    assert all(f.kind != "age" for f in amounts(enricher, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The regulator imposed a $25-million fine on the bank.", [("$25-million", "money", 25_000_000, "USD")]),
    ("The two groups signed a $4.2-billion deal.", [("two", "count", 2, None),
                                                    ("$4.2-billion", "money", 4_200_000_000, "USD")]),
    ("The mine will cost $3-5 billion to build.", [("$3-5 billion", "money", 4_000_000_000, "USD")]),
])
def test_a_scale_hyphened_to_money_is_one_amount(enricher, text, expected):
    assert read(enricher, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The miner's shares fell $US4.10 to $US52.30 in Sydney.",
     [("$US4.10", "money", 4.1, "USD"), ("$US52.30", "money", 52.3, "USD")]),
    ("The tour lost $A7.5 million last season.", [("$A7.5 million", "money", 7_500_000, "AUD")]),
])
def test_a_dollar_sign_with_its_country_after_it(enricher, text, expected):
    assert read(enricher, text) == expected


def test_letters_and_digits_without_a_dollar_sign_are_no_money(enricher):
    assert all(f.kind != "money" for f in amounts(enricher, "The US10 rating and the A4 sheet stayed."))


def test_a_percent_hyphened_to_its_number(enricher):
    assert read(enricher, "Analysts expect a 2.7-percent rise in sales.") == [("2.7-percent", "percent", 2.7, "%")]


@pytest.mark.parametrize(("text", "expected"), [
    # by how much, then to where: two amounts
    ("Shares of the insurer rose $1.15 to $38.20 in New York.",
     [("$1.15", "money", 1.15, "USD"), ("$38.20", "money", 38.2, "USD")]),
    # a range: both ends are of one size
    ("Prices rose 4 to 6 per cent last year.", [("4 to 6 per cent", "percent", 5, "%")]),
    ("The adapters will cost $80 to $120 each.", [("$80 to $120", "money", 100, "USD")]),
])
def test_a_change_after_its_verb_and_a_range_of_two_prices(enricher, text, expected):
    assert read(enricher, text) == expected


def test_two_amounts_in_one_entity(enricher):
    facts = read(enricher, "The plant stored 40,000 20-litre drums of solvent.")
    assert ("40,000", "count", 40_000, None) in facts and ("20-litre", "quantity", 20, "litres") in facts


def test_grouped_digits_the_model_calls_an_organisation_are_an_amount(enricher):
    facts = read(enricher, "The blue-chip index was up 12.40, or 0.2 percent, at 8,244.31, after a quiet session.")
    assert ("8,244.31", "count", 8244.31, None) in facts


@pytest.mark.parametrize(("text", "expected"), [
    ("The index ended 96 points lower, or 1.1%, at 8312, its lowest close since March.",
     [("96", "count", 96, None), ("1.1%", "percent", 1.1, "%"), ("8312", "count", 8312, None)]),
    ("The composite index fell 3.10, or 0.2 percent, for the week to 1,846.20 after a slide.",
     [("3.10", "count", 3.1, None), ("0.2 percent", "percent", 0.2, "%"), ("1,846.20", "count", 1846.2, None)]),
])
def test_index_levels_the_model_takes_for_dates(enricher, text, expected):
    assert read(enricher, text) == expected


def test_a_meeting_at_a_time_stays_unread(enricher):
    assert read(enricher, "The board met at 1300 in Geneva.") == []


def test_per_cent_hyphened_and_percentage_points(enricher):
    assert read(enricher, "The nurses accepted a 12-per-cent raise.") == [("12-per-cent", "percent", 12, "%")]
    assert read(enricher, "The margin of error is plus or minus 2.9 percentage points.") == [
        ("2.9 percentage points", "quantity", 2.9, "percentage points")]


def test_which_days_are_counted_between_the_number_and_its_unit(enricher):
    assert read(enricher, "The buyer has 15 business days to walk away.") == [
        ("15 business days", "duration", 15, "days")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Dow held on to small gains, up 19.96 to 9,092.91, on Friday.",
     [("19.96", "count", 19.96, None), ("9,092.91", "count", 9092.91, None)]),
    ("The S&P 500 index shed 0.39 to 981.25 in late trade.",
     [("0.39", "count", 0.39, None), ("981.25", "count", 981.25, None)]),
    ("Output was up 2 to 3 percent in the quarter.", [("2 to 3 percent", "percent", 2.5, "%")]),  # still a range
])
def test_up_or_shed_by_how_much_then_to_where(enricher, text, expected):
    assert read(enricher, text) == expected


def test_a_time_with_its_zone_and_the_index_name_written_out_are_no_amounts(enricher):
    assert read(enricher, "The euro stood at $1.1518 at 0215 GMT.") == [("$1.1518", "money", 1.1518, "USD")]
    assert [f.text for f in amounts(enricher, "The broad Standard & Poor's 500 <.SPX> eased 0.37 of a point.")] \
        == ["0.37"]
