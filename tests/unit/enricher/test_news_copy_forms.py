"""Number forms of news copy the readers got wrong, read through the enricher as an article is (our own sentences,
written after errors found by running the enricher over unlabelled news sentences, the MRPC's):

- a day of a month inside a longer DATE span: "no later than June 7", "the quarter ended June 29", "June 19, seven
  days after" (the whole span was dropped as vague);
- "from $39.3bn a year ago": a time, not a rate per year;
- ages in a list set off by semicolons: "Caron, 29; Acosta, 22; and ...";
- "a third less likely": a part, not a rank;
- a time of day the model calls a DATE ("at 1000 GMT"), and a house number ("at 196 Bay St."): no facts;
- decades: "the 1980s" a year (ten of them), "in their 20s" an age;
- temperatures in Celsius or Fahrenheit written out, and parts per million;
- mixed fractions hyphened: "slid 1-11/32", "3-1/2 inches";
- spans of days ("June 24-25": the first) and of years ("from 1976 to 1980"), "mid-2001", and a rank hyphened to
  the word it ranks ("third-quarter earnings"; not "first-class");
- "a 1.5 billion-pound writedown" is sterling; "$900 per Windows client" is per client; "8 p.m" without its stop;
- a line of set scores after a name and its tie-breaks ("3-6, 6-3, 7-6 (0)"), and "1080p", are no amounts;
- "97%–98%" a percent range; "in fiscal year 2020" a year; "the 14th century" a rank; "a quarter century" 25
  years; "12MP" megapixels;
- "rose 5p to 120p": by how much, then to where (not a range); "15st" is no ordinal (its suffix is wrong);
- watts ("60W", "100-watt"), volts, milliamp and watt hours ("5000mAh", "2800 mAh"), megapixels, frames a second;
- an age a sentence says a person is ("he was 25", "who is 21", "now 14"), and "253 Boulevard Voltaire" an address;
- seasons and fiscal years ("2001-02", "2007/8", "2009/10"): a year with both ends;
- ages after names the model calls places ("Malia, 16, and Sasha, 13."; not "Texas, 12,");
- "at 1446 local time" a time of day; "by 2,556 to 478" two numbers; "the 110bn euro rescue" money the model calls
  a name;
- "the Dec. 19 to Feb. 5 killings" two dates; "Nelson,27," an age (the tokenizer splits the comma off).

And from Reuters copy of 1996 (CoNLL-2003's text, read for errors only; these sentences are our own):

- currencies written as words: "16.2 million zlotys" PLN, "1.2 billion Swedish crowns" SEK, "Egyptian pounds" EGP
  (not sterling), "2 Turkish lira" TRY (not a quantity in "turkish"), "a 110 million guilder bond" and "50 cents"
  money of no one code; not "four gold medals" nor "three crowns in a row";
- "Z$1,000 ($100)": a conversion in brackets, not an accountant's negative;
- "in the 63rd minute" (a TIME) and "the twenty-second member" (no entity): ranks, not twenty seconds;
- "101 MPs": a count of MPs, not a quantity in "mps"; "16 weekly treatments" a count of treatments;
- "from 1966 to 1969" untagged: one year with both ends (not 1969 alone); "the 1967 war", "the 1967 Six-Day War"
  (an EVENT): the year;
- "25 or 30 percent", "2 or 3 million tonnes": the first alternative takes the second's unit and scale;
- "one kilo of gold" a kilogram, "three decibels" a quantity in dB, "who turns 86" an age;
- "ranged from 37.5 to 47.2 million", "ranged from -18 °C to -34 °C": ranges (ends in either order), not changes;
- "2,000 Irish pounds" IEP, "37.4 million stg" sterling;
- "fell to 27.5 million guilders from a year-earlier 41.4 million": the second amount is money too (the wire leaves
  the currency out), unless a scaled count earlier could be what it is set against; "a million guilders" the NER
  leaves untagged is money too (not "one in a million"); so is what something is "worth" ("worth 730 million");
- "$24.00 - $24.20 a barrel" (a dash with spaces between two prices) one range; "between 4.75 and 3.13 million
  shares" millions at both ends (it gave a low end of 4.75), in either order;
- "the 1997 year" a year (not 1,997 years); "1886 - Geronimo surrendered", a this-day-in-history entry, a year;
  "the Boeing 707 overshot" no quantity in "overshot", nor "250,000 gross barrels" in "gross";
- "the 1.210-1.236 billion range" a range, not a telephone number; "Showers 0.25-1.30 inch" (the model calls the
  figures a product) a quantity; "a year 2000 contract", "the full year 1996" a year, not one year's duration;
- "a 60,000 barrel-per-day unit" barrels per day, "130 m.p.h." miles an hour, "500 KV" kilovolts; "1,500 planes per
  day" a count per day;
- "a 51,000 seat stadium" counts seats; "six or seven hijackers" both hijackers; "the 7,000 mark" counts nothing;
  "and Sweden 8.57" is Sweden's figure, not a label like "room 12";
- "three-, five- and 10-year bonds" three terms; pounds that convert a weight ("42 kg (92 pounds)") a weight;
- "the $418 - $380 move" two prices; "soared $5.50 to $16.875" by how much, then to where; "karbovanets" money;
  "Adams, 123," a batsman's runs, not an age;
- "120 full-time and 45 part-time workers": both count workers, not "time"; "two serves" counts serves, not serfs;
- "900 milligrams a day of vitamin C" per day; "33 karbovanets per rouble" per rouble (tagged an adjective);
- "Last year 30 people a day", "In 1995 30 people": the count the NER took into the date is read.

And from the Recognizers-Text and quantulum3 specs' misses, in sentences of our own:

- "two thousand and two hundred residents" (the NER calls it a DATE): 2,200, not the year 2000;
- pounds paid ("paid 500 pounds", "sold for 500 pounds") are sterling, pounds weighed a weight;
- "a 12-cent-a-share dividend": money, per share.
"""

from __future__ import annotations

import pytest

from services.config import EnricherOptions
from services.enricher.logic import Enricher
from tests.unit.enricher.article_numbers import amounts, calendar, read


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher(EnricherOptions())


@pytest.mark.parametrize(("text", "surface", "day"), [
    ("The transition is slated to begin no later than June 7, Dayton said.", "June 7", "2025-06-07"),
    ("AMD reported a loss for the quarter ended June 29, on sales of $645 million.", "June 29", "2025-06-29"),
    ("His family reported him missing June 19, seven days after he was last seen.", "June 19", "2025-06-19"),
    ("Brooks was killed on Monday, Aug. 11, 2003 in an automobile accident.", "Monday, Aug. 11, 2003",
     "2003-08-11"),
])
def test_a_day_of_a_month_inside_a_longer_date_span_is_read(enricher, text, surface, day):
    assert [(f.text, f.date) for f in calendar(enricher, text) if f.kind == "date"] == [(surface, day)]


def test_a_duration_beside_the_day_is_still_read(enricher):
    assert read(enricher, "His family reported him missing June 19, seven days after he was last seen.") == [
        ("seven days", "duration", 7, "days")]


def test_an_amount_a_year_ago_has_no_rate(enricher):
    (now, before) = amounts(enricher, "Revenue fell to $36.9bn from $39.3bn a year ago.")
    assert (before.text, before.value, before.per) == ("$39.3bn", 39.3e9, None)
    assert amounts(enricher, "Crude rose to $60 a barrel.")[0].per == "barrel"


def test_ages_in_a_list_set_off_by_semicolons(enricher):
    text = ("The ministry said the hijackers Francisco Lamas Caron, 29; Luis Alberto Suarez Acosta, 22; and "
            "Yosvani Martinez Acosta, 27, shot themselves.")
    assert [(f.text, f.kind) for f in amounts(enricher, text)] == [("29", "age"), ("22", "age"), ("27", "age")]


@pytest.mark.parametrize(("text", "value"), [("Those men were a third less likely to develop cancer.", 1 / 3),
                                           ("A fifth fewer people voted this year.", 1 / 5)])
def test_a_fraction_before_a_comparison_is_a_share(enricher, text, value):
    assert [(f.kind, round(f.value, 4)) for f in amounts(enricher, text)] == [("share", round(value, 4))]


def test_a_time_of_day_and_a_house_number_are_no_facts(enricher):
    text = "Spot gold was quoted at 1000 GMT, and police found the body at 196 Bay St., in Tompkinsville."
    assert amounts(enricher, text) == [] and calendar(enricher, text) == []
    assert read(enricher, "He said 30 Main Street businesses had closed.") == [("30", "count", 30, None)]


def test_decades(enricher):
    (decade,) = calendar(enricher, "He was accused of bribing judges in the 1980s.")
    assert (decade.text, decade.kind, decade.low, decade.high) == ("1980s", "year", 1980, 1989)
    (age,) = amounts(enricher, "The woman, in her mid-40s, was taken to hospital.")
    assert (age.kind, age.low, age.high, age.unit) == ("age", 40, 49, "years")
    assert amounts(enricher, "Music from the 90s is back.") == []  # which century's?


def test_temperatures_and_parts_per_million(enricher):
    assert read(enricher, "Temperatures hit 40 degrees Celsius in Seville.") == [
        ("40 degrees Celsius", "quantity", 40, "°C")]
    assert read(enricher, "Ozone levels reached 0.20 parts per million.") == [
        ("0.20 parts per million", "quantity", 0.2, "ppm")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The bond slid 1-11/32 in price.", [("1-11/32", 1 + 11 / 32)]),
    ("The pipe is 3-1/2 inches wide.", [("3-1/2 inches", 3.5)]),
])
def test_mixed_fractions_hyphened_as_the_wire_writes_them(enricher, text, expected):
    assert [(f.text, f.value) for f in amounts(enricher, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Economists expect a rate cut at the Fed's meeting on June 24-25.", [("June 24", "date", 2025)]),
    ("The Open runs from January 14–27.", [("January 14", "date", 2025)]),
    ("From 1976 to 1980, 6 percent of children were overweight.", [("1976 to 1980", "year", 1976)]),
    ("The euro hit its highest since mid-2001 on Monday.", [("mid-2001", "year", 2001), ("Monday", "date", 2025)]),
    ("It canceled its third-quarter earnings announcement.", [("third", "ordinal", 3)]),
    ("He will be sitting first-class in the doghouse.", []),
])
def test_spans_of_days_and_years_and_ranks_hyphened_to_a_word(enricher, text, expected):
    assert [(f.text, f.kind, f.value) for f in calendar(enricher, text)] == expected


def test_a_billion_pound_writedown_is_sterling_and_a_rate_is_per_the_noun_after_a_name(enricher):
    assert read(enricher, "The loss stemmed from a 1.5 billion-pound asset writedown.") == [
        ("1.5 billion-pound", "money", 1.5e9, "GBP")]
    assert [f.per for f in amounts(enricher, "Veritas will charge $900 per Windows client.")] == ["client"]
    assert read(enricher, "D'Antonio left between 7:15 p.m. and 8 p.m and it takes two hours to drive.") == [
        ("two hours", "duration", 2, "hours")]


@pytest.mark.parametrize("text", [
    "Nadal defeated Khachanov 6-3, 7-6 (7) after Rublev had beaten Roberto Bautista-Agut 3-6, 6-3, 7-6 (0).",
    "Herbert and Mahut defeated Ben McLachlan and Yasutaka Uchiyama 6-7 (4), 6-4, 7-5 in the doubles.",
    "The laptop has a 15-inch 1080p screen.",
])
def test_set_scores_tie_breaks_and_video_resolutions_are_no_amounts(enricher, text):
    assert [f.text for f in amounts(enricher, text) if f.kind != "quantity"] == []


def test_an_age_range_list_is_no_score_line(enricher):
    assert read(enricher, "Children aged 6-12, 13-17 and adults paid different fares.")[:1] == [
        ("6-12", "age", 9, "years")]


def test_percent_ranges_fiscal_years_centuries_and_megapixels(enricher):
    assert read(enricher, "His oxygen saturation is regularly 97%–98% these days.") == [
        ("97%–98%", "percent", 97.5, "%")]
    assert [(f.text, f.kind) for f in calendar(enricher, "Funding in fiscal year 2020 was dwindling.")] == [
        ("2020", "year")]
    assert [(f.text, f.value) for f in calendar(enricher, "In the 14th century the plague spread.")] == [("14th", 14)]
    assert read(enricher, "They will tour together for the first time in nearly a quarter century.") == [
        ("a quarter century", "duration", 25, "years")]
    assert read(enricher, "The tablet has a 12MP camera.") == [("12MP", "quantity", 12, "MP")]


def test_a_change_in_pence_then_the_level_and_a_weight_in_stone_is_no_rank(enricher):
    assert read(enricher, "Shares rose 5p to 120p.") == [("5p", "money", 5, None), ("120p", "money", 120, None)]
    assert calendar(enricher, "He weighs 15st these days.") == []


def test_watts_and_milliamp_hours(enricher):
    assert read(enricher, "It has a 60W port, a 5000mAh battery and a 100-watt charger.") == [
        ("60W", "quantity", 60, "W"), ("5000mAh", "quantity", 5000, "mAh"), ("100-watt", "quantity", 100, "W")]
    assert read(enricher, "It has a 2800 mAh battery, a 16-megapixel camera and records at 30fps.") == [
        ("2800 mAh", "quantity", 2800, "mAh"), ("16-megapixel", "quantity", 16, "MP"), ("30fps", "quantity", 30, "fps")]


@pytest.mark.parametrize(("text", "age"), [
    ("According to the passport, he was 25 and was born in Idlib.", ("25", 25)),
    ("When Mostefai was 13, the family received an eviction notice.", ("13", 13)),
    ("Hamza Attouh, who is 21, was arrested in Belgium.", ("21", 21)),
    ("She had not heard from the younger brother, now 14, since.", ("14", 14)),
])
def test_an_age_a_sentence_says_someone_is(enricher, text, age):
    assert [(f.text, f.value) for f in amounts(enricher, text) if f.kind == "age"] == [age]


def test_a_number_said_of_a_thing_is_no_age_and_a_street_first_address_is_no_count(enricher):
    assert [f.kind for f in amounts(enricher, "The score was 25 at half-time.")] != ["age"]
    assert amounts(enricher, "The bomber struck at 253 Boulevard Voltaire; others at 50 Boulevard Voltaire.") == []


@pytest.mark.parametrize(("text", "season"), [
    ("In 2001-02, 32 clubs reported operating profits.", ("2001-02", 2001, 2002)),
    ("The 2007/8 season was long.", ("2007/8", 2007, 2008)),
    ("The deal covers the 2009/10 season.", ("2009/10", 2009, 2010)),
    ("The 2022–23 season starts in August.", ("2022–23", 2022, 2023)),
])
def test_seasons_and_fiscal_years(enricher, text, season):
    assert [(f.text, f.value, f.high) for f in calendar(enricher, text) if f.kind == "year"] == [season]


def test_ages_after_names_the_model_takes_for_places_but_not_counts_by_state(enricher):
    text = "Michelle and Barack Obama have two daughters: Malia, 16, and Sasha, 13."
    assert [(f.text, f.kind) for f in amounts(enricher, text) if f.kind == "age"] == [("16", "age"), ("13", "age")]
    assert [f.kind for f in amounts(enricher, "The states are Texas, 12, and Ohio, 8.")] != ["age", "age"]


def test_local_times_numbers_set_against_each_other_and_a_scaled_amount_the_model_calls_a_name(enricher):
    text = "The quake struck at 1446 local time (0546 GMT) at a depth of about 24km."
    assert calendar(enricher, text) == [] and read(enricher, text) == [("24km", "quantity", 24, "km")]
    assert [f.value for f in amounts(enricher, "Decliners beat advancers by 2,556 to 478 on the NYSE.")] == [2556, 478]
    assert read(enricher, "Samaras voted against the first 110bn euro rescue.") == [
        ("110bn euro", "money", 110e9, "EUR")]


def test_a_span_of_days_across_two_months_and_an_age_after_a_comma_without_a_space(enricher):
    text = "He was charged with murder for the Dec. 19 to Feb. 5 killings."
    assert [(f.text, f.date) for f in calendar(enricher, text)] == [("Dec. 19", "2024-12-19"), ("Feb. 5", "2025-02-05")]
    assert read(enricher, "Nelson,27, is being retried on civil-rights charges.") == [("27", "age", 27, "years")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The chain made a net profit of 16.2 million zlotys last year.", 16.2e6, "PLN"),
    ("Volvo won an order worth 1.2 billion Swedish crowns.", 1.2e9, "SEK"),
    ("She earned 50,000 Egyptian pounds in her first year.", 50_000, "EGP"),
    ("Holders were offered 500 Swiss francs for each share.", 500, "CHF"),
    ("Bread prices rose by 2 Turkish lira.", 2, "TRY"),
    ("Turnover on the exchange was 146.2 million taka.", 146.2e6, "BDT"),
    ("The bank sold a 110 million guilder bond.", 110e6, None),
    ("The ticket cost 50 cents.", 50, None),
    ("Burglars took nearly 2,000 Irish pounds from the till.", 2000, "IEP"),
    ("First-half profit rose to 37.4 million stg.", 37.4e6, "GBP"),
    ("Money market settlements shrank to 17.4 million kuna.", 17.4e6, "HRK"),
    ("Coming in just a million guilders under the forecast is no surprise.", 1e6, None),
])
def test_currencies_written_as_words_are_money(enricher, text, value, unit):
    assert [(f.kind, f.value, f.unit) for f in amounts(enricher, text)] == [("money", value, unit)]


@pytest.mark.parametrize("text", ["She won four gold medals in Atlanta.", "The team won three crowns in a row."])
def test_words_that_are_also_currencies_are_no_money_outside_a_money_phrase(enricher, text):
    assert [f.kind for f in amounts(enricher, text)] == ["count"]


def test_one_in_a_million_is_no_amount(enricher):
    assert amounts(enricher, "She is one in a million.") == []


def test_a_conversion_in_brackets_after_a_glued_currency_is_not_negative(enricher):
    assert [(f.text, f.value) for f in amounts(enricher, "Civil servants earn Z$1,000 ($100) a month.")
            if f.unit == "USD"] == [("$100", 100)]


@pytest.mark.parametrize(("text", "surface", "rank"), [
    ("Smith put them ahead in the 63rd minute.", "63rd", 63),
    ("Spain became the twenty-second member of the network.", "twenty-second", 22),
])
def test_ranks_the_model_calls_a_time_or_leaves_untagged(enricher, text, surface, rank):
    assert [(f.text, f.kind, f.value) for f in calendar(enricher, text)] == [(surface, "ordinal", rank)]
    assert amounts(enricher, text) == []


@pytest.mark.parametrize(("text", "value", "counted"), [
    ("The assembly brings together 101 MPs and 273 mayors.", 101, "mp"),
    ("Patients will receive 16 weekly treatments.", 16, "treatment"),
])
def test_counts_the_model_calls_a_quantity_or_a_date(enricher, text, value, counted):
    assert (value, "count", counted) in [(f.value, f.kind, f.counted) for f in amounts(enricher, text)]


def test_years_the_model_leaves_untagged_or_puts_in_an_event(enricher):
    span = calendar(enricher, "Hendrix lived there with her, off and on, from 1966 to 1969.")
    assert [(f.kind, f.value, f.low, f.high) for f in span] == [("year", 1966, 1966, 1969)]
    for text in ("Israel took the plateau in the 1967 war with Syria.", "The border dates from the 1967 Six-Day War."):
        assert [(f.kind, f.value) for f in calendar(enricher, text)] == [("year", 1967)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Analysts now expect growth of 25 or 30 percent.", [("percent", 25, "%"), ("percent", 30, "%")]),
    ("The mine may yield 2 or 3 million tonnes a year.", [("quantity", 2e6, "tonnes"), ("quantity", 3e6, "tonnes")]),
])
def test_the_first_of_two_alternatives_takes_the_unit_of_the_second(enricher, text, expected):
    assert [(f.kind, f.value, f.unit) for f in amounts(enricher, text)] == expected


def test_kilos_decibels_and_an_age_someone_turns(enricher):
    assert read(enricher, "The winner gets one kilo of gold.") == [("one kilo", "quantity", 1, "kg")]
    assert read(enricher, "The night limit was cut by three decibels.") == [("three decibels", "quantity", 3, "dB")]
    assert [(f.kind, f.value) for f in amounts(enricher, "Rossi, who turns 86 next week, was awake.")] == [("age", 86)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Forecasts for the year ranged from 37.5 to 47.2 million.", (42.35e6, 37.5e6, 47.2e6, None)),
    ("Night temperatures ranged from -18 °C to -34 °C last week.", (-26, -34, -18, "°C")),
])
def test_what_ranged_from_one_end_to_another_is_a_range_not_a_change(enricher, text, expected):
    assert [(f.value, f.low, f.high, f.unit) for f in amounts(enricher, text)] == [pytest.approx(expected)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The village now has two thousand and two hundred residents.", ("count", 2200, None)),
    ("He paid two thousand and two hundred pounds for the car.", ("money", 2200, "GBP")),
    ("The drawing sold for 500 pounds at auction.", ("money", 500, "GBP")),
    ("The baby weighs eight pounds.", ("quantity", 8, "lb")),
])
def test_spelled_amounts_the_model_calls_a_date_and_pounds_paid_or_weighed(enricher, text, expected):
    assert [(f.kind, f.value, f.unit) for f in amounts(enricher, text)] == [expected]


def test_a_hyphened_amount_in_cents_a_share(enricher):
    facts = amounts(enricher, "The trust will resume payments with a 12-cent-a-share dividend.")
    assert [(f.kind, f.value, f.per) for f in facts] == [("money", 12, "share")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Net profit fell to 27.5 million guilders from a year-earlier 41.4 million.",
     [("money", 27.5e6, None), ("money", 41.4e6, None)]),
    ("Turnover fell to 937.9 million yuan from 1.215 billion.", [("money", 937.9e6, "CNY"), ("money", 1.215e9, "CNY")]),
    ("It sold 2.6 million shares for $40 million against 1.2 million last year.",
     [("count", 2.6e6, None), ("money", 40e6, "USD"), ("count", 1.2e6, None)]),
    ("The housing bank will sell bonds worth three billion baht and the water board bonds worth 730 million.",
     [("money", 3e9, "THB"), ("money", 730e6, "THB")]),
    ("The deal is worth an estimated 2.5 billion.", [("money", 2.5e9, None)]),
])
def test_an_amount_set_against_money_is_money_of_that_currency(enricher, text, expected):
    assert [(f.kind, f.value, f.unit) for f in amounts(enricher, text)] == expected


def test_price_ranges_with_a_spaced_dash_and_a_range_written_high_end_first(enricher):
    (price,) = amounts(enricher, "Gas oil was assessed at $24.00 - $24.20 a barrel on Thursday.")
    assert (price.low, price.high, price.unit, price.per) == (24.0, 24.2, "USD", "barrel")
    (shares,) = amounts(enricher, "Between 4.75 and 3.13 million shares will go to bondholders.")
    assert (shares.low, shares.high, shares.counted) == (3.13e6, 4.75e6, "share")


def test_years_written_as_a_year_or_opening_a_history_entry_and_a_model_number_before_a_verb(enricher):
    text = "The analyst set an estimate for the 1997 year, but gave no figure."
    assert [(f.kind, f.value) for f in calendar(enricher, text)] == [("year", 1997)] and amounts(enricher, text) == []
    entry = "1886 - At Skeleton Canyon, Geronimo surrendered to General Nelson Miles."
    assert [(f.kind, f.value) for f in calendar(enricher, entry)] == [("year", 1886)]
    assert read(enricher, "Twenty people were hurt when the EgyptAir Boeing 707 overshot the runway.") == [
        ("Twenty", "count", 20, None)]
    assert [(f.kind, f.value, f.unit) for f in amounts(enricher, "Reserves are put at 250,000 gross barrels.")] == [
        ("count", 250_000, None)]


def test_a_range_of_decimals_in_billions_is_no_telephone_number_and_figures_the_model_calls_a_name(enricher):
    (forecast,) = amounts(enricher, "Analysts put the year's profit at 1.210-1.236 billion.")
    assert (forecast.low, forecast.high) == (1.21e9, 1.236e9)
    rain = [f for f in amounts(enricher, "WEATHER - Showers 0.25-1.30 inch fell over the plains.") if f.unit]
    assert [(f.low, f.high, f.unit) for f in rain] == [(0.25, 1.3, "inches")]


@pytest.mark.parametrize("text", ["Keane won a year 2000 compliance contract last week.",
                                  "Boskalis now expects higher profit for the full year 1996."])
def test_year_followed_by_a_year_names_it_and_is_no_duration(enricher, text):
    assert [f.kind for f in amounts(enricher, text)] == []
    assert [f.kind for f in calendar(enricher, text)][-1:] == ["year"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The plant will shut its 85,000 barrel-per-day crude unit in May.", ("quantity", 85_000, "barrels", "day")),
    ("The car reached 130 m.p.h. on the straight.", ("quantity", 130, "mph", None)),
    ("Two 400 KV lines were cut by the storm.", ("quantity", 400, "kV", None)),
    ("More than 1,200 trucks per day cross the border.", ("count", 1200, None, "day")),
])
def test_units_hyphened_to_a_rate_dotted_or_in_kilovolts_and_counts_per_day(enricher, text, expected):
    assert [(f.kind, f.value, f.unit, f.per) for f in amounts(enricher, text)][-1:] == [expected]


@pytest.mark.parametrize(("text", "counted"), [
    ("The club will move to a new 42,000 seat stadium in 1998.", ["seat"]),
    ("Police said five or six gunmen fled in a car.", ["gunman", "gunman"]),
    ("The index broke through the 4,000 mark on Friday.", [None]),
    ("Troops left the two areas under the deal.", ["area"]),
])
def test_what_a_count_counts_before_a_singular_noun_across_or_and_at_a_mark(enricher, text, counted):
    assert [f.counted for f in amounts(enricher, text) if f.kind == "count"] == counted


def test_a_figure_after_a_country_in_a_list_is_read(enricher):
    text = "Norway led the table with 7.12 points, ahead of Chile with 7.05 and Peru 6.98."
    assert [f.value for f in amounts(enricher, text)] == [7.12, 7.05, 6.98]


def test_suspended_hyphens_in_a_list_give_each_term(enricher):
    facts = amounts(enricher, "The bank sold two-, five- and 10-year bonds on Tuesday.")
    assert [(f.value, f.unit) for f in facts] == [(2, "years"), (5, "years"), (10, "years")]
    homes = amounts(enricher, "They build two-, three- and four-bedroom homes near the river.")
    assert [(f.value, f.counted) for f in homes] == [(2, "bedroom"), (3, "bedroom"), (4, "bedroom")]


@pytest.mark.parametrize("text", ["Customs seized 30 kg (66 pounds) of heroin at the port.",
                                  "Customs seized 66 pounds (30 kg) of heroin at the port."])
def test_pounds_converting_a_weight_are_a_weight(enricher, text):
    assert sorted((f.kind, f.unit) for f in amounts(enricher, text)) == [("quantity", "kg"), ("quantity", "lb")]


def test_two_prices_with_their_symbols_and_a_price_change_then_level(enricher):
    move = amounts(enricher, "Silver may retrace the $5.80 - $5.20 slide of last month.")
    assert [(f.value, f.low) for f in move] == [(5.8, None), (5.2, None)]
    jump = amounts(enricher, "Its shares soared $4.25 to $12.50 after the offer.")
    assert [(f.value, f.low) for f in jump] == [(4.25, None), (12.5, None)]


def test_a_currency_of_1996_and_runs_after_a_batsman_are_no_age(enricher):
    assert [(f.kind, f.unit) for f in amounts(enricher, "Bread now costs 90,000 karbovanets a loaf.")] == [
        ("money", "UAK")]
    text = "Chris Lane, 131, and Tom Hart, 44, took the county to 402."
    assert [(f.kind, f.value) for f in amounts(enricher, text) if f.kind == "age"] == [("age", 44)]


def test_a_count_across_a_hyphened_modifier_and_or_counts_the_noun_of_the_next_figure(enricher):
    facts = amounts(enricher, "The mill keeps 230 full-time and 60 part-time staff members.")
    assert [(f.value, f.counted) for f in facts] == [(230, "member"), (60, "member")]
    assert [f.counted for f in amounts(enricher, "The coach saved four serves in the final set.")] == ["serve"]


def test_a_rate_per_a_time_unit_before_of_and_per_a_currency_the_tagger_calls_an_adjective(enricher):
    (dose,) = amounts(enricher, "Pregnant women need 400 micrograms a day of folic acid.")
    assert (dose.unit, dose.per) == ("µg", "day")
    (rate,) = amounts(enricher, "The bank set the rate at 47 karbovanets per rouble.")
    assert (rate.unit, rate.per) == ("UAK", "rouble")


@pytest.mark.parametrize(("text", "value", "counted"), [
    ("Last year 40 migrants a week reached the island.", 40, "migrant"),
    ("In 1994 25 miners died in the blast.", 25, "miner"),
])
def test_a_count_the_model_takes_into_a_date_before_it_is_read(enricher, text, value, counted):
    assert [(f.value, f.counted) for f in amounts(enricher, text) if f.kind == "count"] == [(value, counted)]
