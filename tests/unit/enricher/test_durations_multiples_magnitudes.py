"""Three number forms of news copy, read through the enricher as an article is (our own sentences):

- a duration written in parts ("two hours and 15 minutes") gives every part in the unit written, as quantulum3's
  test set has it ("3 years, 2 months, 14 days, and 16 hours"): the model spans the parts as one entity, and all
  but the first were lost;
- how many times as much ("three times higher", "twice", "fivefold", "a 10-fold rise", "3x") is a count in unit
  "times", with what it is per where a rate follows ("twice a year"), a range between two ("between ~3x and ~12x");
- both ends of a range written with a glued unit ("between 150mm and 200mm") are one range, as with a spaced one;
- an earthquake's magnitude is a quantity in unit "magnitude", not a count of earthquakes;
- a range between two scaled amounts hyphened together ("$12 billion-$14 billion") is one range (it read "$12");
- seasons and terms the model calls a DATE are counted ("29 interceptions in six seasons");
- ages: "15-year-olds" are people that old (was a duration), and "aged 27 and 35" gives both ages where the model
  makes "27 and" and "35" two entities (27 was lost), and "aged 26 or older" its threshold;
- basis points are a quantity ("cut by 25 basis points", "a 50-basis-point cut"), and so are hertz ("120Hz"); a range whose "between" the NER
  took into a DATE ("between 14 and 36 kilograms": 14 was lost); a stretch of time inside a DATE span ("the 17
  weeks to December 27", "late November about two weeks after").
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
    ("The talks lasted two hours and 15 minutes before a deal was reached.",
     [("two hours", "duration", 2, "hours"), ("15 minutes", "duration", 15, "minutes")]),
    ("He ran the marathon in 2 hours, 1 minute and 9 seconds.",
     [("2 hours", "duration", 2, "hours"), ("1 minute", "duration", 1, "minutes"),
      ("9 seconds", "duration", 9, "seconds")]),
    ("The flight took 11 hours 40 minutes.", [("11 hours", "duration", 11, "hours"),
                                              ("40 minutes", "duration", 40, "minutes")]),
    ("She waited an hour and 90 minutes more.", [("an hour", "duration", 1, "hours"),
                                                  ("90 minutes", "duration", 90, "minutes")]),
    ("The job took an hour and a half.", [("an hour and a half", "duration", 1.5, "hours")]),
])
def test_every_part_of_a_duration_written_in_parts(enricher, text, expected):
    assert read(enricher, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales were three times higher than a year earlier.", ("three times", "count", 3, "times")),
    ("The new chip is 2.5 times faster.", ("2.5 times", "count", 2.5, "times")),
    ("Aaron Ramsey scored twice for the visitors.", ("twice", "count", 2, "times")),
    ("Profits rose fivefold in the quarter.", ("fivefold", "count", 5, "times")),
    ("Demand jumped 10-fold in the region.", ("10-fold", "count", 10, "times")),
    ("Costs rose three-fold in the region.", ("three-fold", "count", 3, "times")),
])
def test_how_many_times_as_much_is_a_count_of_times(enricher, text, expected):
    (fact,) = amounts(enricher, text)
    assert (fact.text, fact.kind, fact.value, fact.unit) == expected
    assert fact.counted is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The stock trades at 20x earnings.", [("20x", "count", 20, "times")]),
    ("Our charities are between ~3x and ~12x as cost-effective as cash.", [("3x and ~12x", "count", 7.5, "times")]),
    ("Between 150mm and 200mm of rain is expected.", [("150mm and 200mm", "quantity", 175, "mm")]),
    ("He drives a 4x4 and bought 2x4 planks.", []),  # a vehicle and a timber size: names, not multiples
])
def test_glued_multiples_and_ranges_of_glued_units(enricher, text, expected):
    assert read(enricher, text) == expected


def test_a_multiple_per_period_keeps_its_period(enricher):
    facts = amounts(enricher, "The group meets twice a year and three times a month in summer.")
    assert [(f.text, f.value, f.per) for f in facts] == [("twice a year", 2, "year"),
                                                         ("three times a month", 3, "month")]


def test_a_name_with_times_or_twice_is_no_multiple(enricher):
    assert read(enricher, "She wrote for The New York Times for a year.") == [("a year", "duration", 1, "years")]
    assert read(enricher, 'She starred in "Twice Shy" and scored twice in the final.') == [
        ("twice", "count", 2, "times")]


@pytest.mark.parametrize(("text", "expected"), [
    ("A magnitude 7.1 earthquake hit the region.", ("magnitude 7.1", "quantity", 7.1, "magnitude")),
    ("A 6.4 magnitude quake struck off the coast.", ("6.4 magnitude", "quantity", 6.4, "magnitude")),
    ("The 7.8-magnitude earthquake struck at dawn.", ("7.8-magnitude", "quantity", 7.8, "magnitude")),
    ("The quake measured 6.2 on the Richter scale, officials said.",
     ("6.2 on the Richter scale", "quantity", 6.2, "magnitude")),
])
def test_an_earthquakes_magnitude_is_a_quantity(enricher, text, expected):
    assert read(enricher, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Analysts said Vivendi could fetch $12 billion-$14 billion for the unit.",
     ("$12 billion-$14 billion", "money", 13e9, "USD", 12e9, 14e9)),
    ("The sale may raise 5 million-6 million euros.", ("5 million-6 million euros", "money", 5.5e6, "EUR", 5e6, 6e6)),
])
def test_a_range_of_scaled_amounts_hyphened_together(enricher, text, expected):
    (fact,) = amounts(enricher, text)
    assert (fact.text, fact.kind, fact.value, fact.unit, fact.low, fact.high) == expected


def test_seasons_the_model_calls_a_date_are_counted(enricher):
    facts = amounts(enricher, "Knight has 29 interceptions in six seasons, all with New Orleans.")
    assert [(f.text, f.kind, f.value, f.counted) for f in facts] == [("29", "count", 29, "interception"),
                                                                     ("six", "count", 6, "season")]


def test_year_olds_are_ages_and_aged_gives_every_age(enricher):
    assert read(enricher, "Nearly one in 10 six-year-olds are obese.") == [
        ("one in 10", "share", 0.1, None), ("six-year-olds", "age", 6, "years")]
    facts = amounts(enricher, "Police charged a man and two women aged 27 and 35 with failing to disclose it.")
    assert [(f.text, f.kind, f.value) for f in facts if f.kind == "age"] == [("27", "age", 27), ("35", "age", 35)]
    assert read(enricher, "A man aged 34 and his wife were hurt.") == [("34", "age", 34, "years")]
    assert read(enricher, "In adults aged 26 or older, use rose by 23 percent.") == [
        ("26", "age", 26, "years"), ("23 percent", "percent", 23, "%")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Fed cut rates by 25 basis points.", [("25 basis points", "quantity", 25, "basis points")]),
    ("The monitor offers a 120Hz refresh rate.", [("120Hz", "quantity", 120, "Hz")]),
    ("A Post article argued that a 50-basis-point cut was most likely.",
     [("50-basis-point", "quantity", 50, "basis points")]),
    ("They needed to lose between 14 and 36 kilograms.", [("14 and 36 kilograms", "quantity", 25, "kg")]),
    ("Retail sales for the 17 weeks to December 27 were flat.", [("17 weeks", "duration", 17, "weeks")]),
    ("Wittig resigned in late November about two weeks after being indicted.",
     [("two weeks", "duration", 2, "weeks")]),
])
def test_basis_points_a_range_begun_in_a_date_and_a_stretch_inside_a_date(enricher, text, expected):
    assert read(enricher, text) == expected
