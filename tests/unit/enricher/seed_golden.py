"""What a careful human reader finds in the two seed articles: the golden table of the enricher test.

Written from the texts alone, before looking at what the enricher produces, and never edited to fit its output:
when the enricher disagrees, the test records the miss (see ``test_seed_golden.py``), the table stays.

Publication date. Neither text carries a dateline. Both report the release of Saturday 13 December 2025 as news of
the day (seed 000: "among those released today", "after their release in Belarus on Saturday"; seed 003: "announced
on Saturday", "later in the day"), so both are taken as published on Saturday 2025-12-13, 18:00 UTC, and relative
dates ("today", "on Saturday") resolve to 2025-12-13.

Number facts. ``text`` is the number as written and ``anchor`` a phrase around it that occurs exactly once in the
article, so that each expected fact points at one place even when a value repeats (123 appears twice in each
seed). ``counted`` and ``predicate`` list the lemmas a reader accepts (spaCy lemmatises "people" to "people", a
reader may say "person"); ``None`` means the phrase has no counted noun, or no clear governing verb, and is not
scored. ``core`` marks what a story consumer cares about: counts of people, prison terms, dates of the events.

Deliberately not facts: "several years" (Poczobut; no value), "one of" (Babariko, "one of the most prominent
figures": a partitive, not a count), "Ok16" (a name), "later in the day" and "recent months" (no date of their own).

Entities. Each real-world entity once, with the coarse class a reader gives it (person, org, place, other; the
enricher's class "group" for nationalities is not in the table: demonyms such as "Belarusian" or "Ukrainians" are
not entities a reader lists) and every surface form the article uses for it, as written (a leading "the" and a
possessive are not part of the form). All forms of one entity, across both articles, must share one canonical key;
``DISTINCT_ENTITIES`` lists pairs that a careless folding or grouping could merge and that must keep apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

SEED_000 = "seed_000"
SEED_003 = "seed_003"
SEED_ARTICLES = (SEED_000, SEED_003)
PUBLISHED_AT = {
    SEED_000: datetime(2025, 12, 13, 18, 0, tzinfo=UTC),
    SEED_003: datetime(2025, 12, 13, 18, 0, tzinfo=UTC),
}


@dataclass(frozen=True)
class ExpectedFact:
    article: str
    anchor: str
    """A phrase that occurs once in the article and contains ``text``."""
    text: str
    """The number (or date phrase) as written."""
    value: float
    kind: str
    counted: tuple[str, ...] | None = None
    unit: str | None = None
    predicate: tuple[str, ...] | None = None
    date: str | None = None
    """ISO date for kind "date" ("2025-12-13", "2020-05" for a month, "2021" for a season of a year)."""
    core: bool = False

    @property
    def label(self) -> str:
        return f"{self.article} {self.anchor!r} → {self.kind} {self.date or _plain(self.value)}"


@dataclass(frozen=True)
class ExpectedEntity:
    name: str
    label_class: str
    forms: dict[str, tuple[str, ...]]
    """Article → the surface forms it uses for this entity."""
    core: bool = False
    other_classes: tuple[str, ...] = ()
    """Classes a reader also accepts where the entity is genuinely two things (Telegram: company and product)."""


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


PEOPLE = ("people", "person")

FACTS: tuple[ExpectedFact, ...] = (
    # ---- seed 000 ----------------------------------------------------------------------------------------------
    ExpectedFact(SEED_000, "granting amnesty to 123 people", "123", 123, "count", PEOPLE,
                 predicate=("grant",), core=True),
    ExpectedFact(SEED_000, "pardon 123 citizens", "123", 123, "count", ("citizen",), predicate=("pardon",), core=True),
    ExpectedFact(SEED_000, "On December 12 and 13", "December 12", 2025, "date", predicate=("take",),
                 date="2025-12-12", core=True),
    ExpectedFact(SEED_000, "On December 12 and 13", "13", 2025, "date", predicate=("take",), date="2025-12-13",
                 core=True),
    ExpectedFact(SEED_000, "introduced in 2021", "2021", 2021, "year", predicate=("introduce",)),
    ExpectedFact(SEED_000, "recently pardoned 156 people", "156", 156, "count", PEOPLE, predicate=("pardon",),
                 core=True),
    ExpectedFact(SEED_000, "those released today", "today", 2025, "date", predicate=("release",), date="2025-12-13",
                 core=True),
    # "Nine people pardoned in Belarus are currently in Lithuania": the clause's verb is "be", the participle tells
    # what happened to them; a reader accepts either.
    ExpectedFact(SEED_000, "Nine people pardoned", "Nine", 9, "count", PEOPLE, predicate=("be", "pardon"), core=True),
    ExpectedFact(SEED_000, "eight other prisoners", "eight", 8, "count", ("prisoner",), predicate=("be", "release"),
                 core=True),
    ExpectedFact(SEED_000, "release in Belarus on Saturday", "Saturday", 2025, "date", predicate=("release", "be"),
                 date="2025-12-13", core=True),
    ExpectedFact(SEED_000, "handed over 114 people", "114", 114, "count", PEOPLE, predicate=("hand", "hand over"),
                 core=True),
    ExpectedFact(SEED_000, "Today, an event was organized", "Today", 2025, "date", predicate=("organize",),
                 date="2025-12-13", core=True),
    ExpectedFact(SEED_000, "114 civilians were transferred", "114", 114, "count", ("civilian",),
                 predicate=("transfer",), core=True),
    ExpectedFact(SEED_000, "On November 22, Lukashenko signed", "November 22", 2025, "date", predicate=("sign",),
                 date="2025-11-22", core=True),
    ExpectedFact(SEED_000, "pardoning 31 Ukrainian citizens", "31", 31, "count", ("citizen",), predicate=("pardon",),
                 core=True),
    ExpectedFact(SEED_000, "On September 16, the President", "September 16", 2025, "date", predicate=("pardon",),
                 date="2025-09-16", core=True),
    ExpectedFact(SEED_000, "pardoned 25 prisoners", "25", 25, "count", ("prisoner",), predicate=("pardon",), core=True),
    ExpectedFact(SEED_000, "the end of the 2010s", "2010s", 2010, "year", predicate=("perform",)),
    ExpectedFact(SEED_000, "In 2017, she took", "2017", 2017, "year", predicate=("take",)),
    ExpectedFact(SEED_000, "In May 2020, Kolesnikova", "May 2020", 2020, "date", predicate=("head",), date="2020-05"),
    ExpectedFact(SEED_000, "On July 6, 2021, Babariko", "July 6, 2021", 2021, "date", predicate=("convict",),
                 date="2021-07-06", core=True),
    ExpectedFact(SEED_000, "sentenced him to 14 years", "14", 14, "duration", unit="years", predicate=("sentence",),
                 core=True),
    # "the same year" is 2021, the year of Babariko's conviction in the sentence before.
    ExpectedFact(SEED_000, "In the fall of the same year", "the fall of the same year", 2021, "date",
                 predicate=("convict",), date="2021"),
    ExpectedFact(SEED_000, "sentenced to 11 years", "11", 11, "duration", unit="years", predicate=("sentence",),
                 core=True),
    # ---- seed 003 ----------------------------------------------------------------------------------------------
    ExpectedFact(SEED_003, "pardoned 123 prisoners", "123", 123, "count", ("prisoner",), predicate=("pardon",),
                 core=True),
    ExpectedFact(SEED_003, "announced on Saturday", "Saturday", 2025, "date", predicate=("announce",),
                 date="2025-12-13", core=True),
    ExpectedFact(SEED_003, "after two days of negotiations", "two", 2, "duration", unit="days",
                 predicate=("announce",)),
    ExpectedFact(SEED_003, "pardon 123 citizens", "123", 123, "count", ("citizen",), predicate=("pardon",), core=True),
    # Years that name an election: the governing verbs (jail, participate) are not about the year.
    ExpectedFact(SEED_003, "turbulent 2020 presidential", "2020", 2020, "year"),
    ExpectedFact(SEED_003, "in the 2020 elections", "2020", 2020, "year"),
    ExpectedFact(SEED_003, "in jail for 14 years", "14", 14, "duration", unit="years", predicate=("land",),
                 core=True),
)

ENTITIES: tuple[ExpectedEntity, ...] = (
    # ---- people ----
    ExpectedEntity("Alexander Lukashenko", "person",
                   {SEED_000: ("Alexander Lukashenko", "Lukashenko"), SEED_003: ("Alexander Lukashenko", "Lukashenko")},
                   core=True),
    ExpectedEntity("Donald Trump", "person", {SEED_000: ("Donald Trump",), SEED_003: ("Donald Trump", "Trump")},
                   core=True),
    ExpectedEntity("John Cole", "person", {SEED_000: ("John Cole",), SEED_003: ("John Cole", "Cole")}, core=True),
    ExpectedEntity("Maria Kolesnikova", "person",
                   {SEED_000: ("Maria Kolesnikova", "Kolesnikova"), SEED_003: ("Maria Kolesnikova",)}, core=True),
    ExpectedEntity("Ales Bialiatsky", "person",
                   {SEED_000: ("Ales Bialiatsky", "Bialiatsky", "Ales Bialiatski", "Byalyatsky")}, core=True),
    ExpectedEntity("Viktor Babariko", "person",
                   {SEED_000: ("Viktor Babariko", "Babariko"), SEED_003: ("Viktor Babariko",)}, core=True),
    ExpectedEntity("Andrzej Poczobut", "person", {SEED_000: ("Andrzej Poczobut",)}, core=True),
    ExpectedEntity("Svetlana Tikhanovskaya", "person", {SEED_003: ("Svetlana Tikhanovskaya",)}),
    # ---- places ----
    ExpectedEntity("Belarus", "place", {SEED_000: ("Belarus", "Republic of Belarus"),
                                        SEED_003: ("Belarus", "Republic of Belarus")}, core=True),
    ExpectedEntity("United States", "place", {SEED_000: ("US", "United States"), SEED_003: ("US", "United States")},
                   core=True),
    ExpectedEntity("Ukraine", "place", {SEED_000: ("Ukraine",), SEED_003: ("Ukraine",)}, core=True),
    ExpectedEntity("Lithuania", "place", {SEED_000: ("Lithuania",), SEED_003: ("Lithuania",)}, core=True),
    ExpectedEntity("United Kingdom", "place", {SEED_000: ("United Kingdom",), SEED_003: ("UK",)}),
    ExpectedEntity("Latvia", "place", {SEED_000: ("Latvia",), SEED_003: ("Latvia",)}),
    ExpectedEntity("Australia", "place", {SEED_000: ("Australia",), SEED_003: ("Australia",)}),
    ExpectedEntity("Japan", "place", {SEED_000: ("Japan",), SEED_003: ("Japan",)}),
    ExpectedEntity("Europe", "place", {SEED_000: ("Europe",)}),
    ExpectedEntity("Venezuela", "place", {SEED_000: ("Venezuela",)}),
    ExpectedEntity("Warsaw", "place", {SEED_000: ("Warsaw",)}),
    ExpectedEntity("Germany", "place", {SEED_000: ("Germany",)}),
    ExpectedEntity("Russia", "place", {SEED_000: ("Russia",)}),
    ExpectedEntity("Minsk", "place", {SEED_003: ("Minsk",)}),
    ExpectedEntity("Washington", "place", {SEED_003: ("Washington",)}),
    # ---- organisations ----
    ExpectedEntity("Pul Pervogo", "org", {SEED_000: ("Pul Pervogo", "Pool")}),
    ExpectedEntity("Telegram", "org", {SEED_000: ("Telegram",)}, other_classes=("other",)),
    ExpectedEntity("White House", "org", {SEED_000: ("White House",)}, other_classes=("place",)),
    ExpectedEntity("Belaruskali", "org", {SEED_000: ("Belaruskali",)}),
    ExpectedEntity("Reuters", "org", {SEED_000: ("Reuters",)}),
    ExpectedEntity("US Embassy in Lithuania", "org", {SEED_000: ("US Embassy in Lithuania",)}),
    ExpectedEntity("AFP", "org", {SEED_000: ("AFP",)}),
    ExpectedEntity("Coordination Headquarters for the Treatment of Prisoners of War", "org",
                   {SEED_000: ("Ukrainian coordination headquarters on prisoner of war issues",)}),
    ExpectedEntity("Union of Poles in Belarus", "org", {SEED_000: ("Union of Poles in Belarus",)}),
    ExpectedEntity("Polish Ministry of Foreign Affairs", "org", {SEED_000: ("Polish Ministry of Foreign Affairs",)}),
    ExpectedEntity("RIA Novosti", "org", {SEED_000: ("RIA Novosti",)}),
    ExpectedEntity("Ok16 cultural center", "org", {SEED_000: ("Ok16 cultural center",)}, other_classes=("place",)),
    ExpectedEntity("Belgazprombank", "org", {SEED_000: ("Belgazprombank",)}),
    ExpectedEntity("Gazprom", "org", {SEED_000: ("Gazprom",)}),
    ExpectedEntity("Supreme Court of Belarus", "org", {SEED_000: ("Belarusian Supreme Court",)}),
    ExpectedEntity("Coordination Council", "org", {SEED_000: ("opposition's coordination council",)}),
    # "the Biden administration" is the government; the form names Joe Biden, so a person reading is defensible.
    ExpectedEntity("Biden administration", "org", {SEED_003: ("Biden administration",)}, other_classes=("person",)),
    ExpectedEntity("Belavia", "org", {SEED_003: ("Belavia",)}),
)

DISTINCT_ENTITIES: tuple[tuple[str, str], ...] = (
    ("Donald Trump", "John Cole"),  # "Trump's special envoy John Cole"
    ("Alexander Lukashenko", "Donald Trump"),
    ("Viktor Babariko", "Maria Kolesnikova"),
    ("Ales Bialiatsky", "Viktor Babariko"),
    ("Maria Kolesnikova", "Svetlana Tikhanovskaya"),
    ("Andrzej Poczobut", "Union of Poles in Belarus"),
    ("United States", "United Kingdom"),  # US / UK
    ("United States", "US Embassy in Lithuania"),
    ("Lithuania", "US Embassy in Lithuania"),
    ("United States", "Washington"),  # the capital stands for the government, it is still a city
    ("White House", "Washington"),
    ("Belarus", "Minsk"),
    ("Belarus", "Belaruskali"),
    ("Belarus", "Belavia"),
    ("Belarus", "Belgazprombank"),
    ("Belarus", "Union of Poles in Belarus"),
    ("Belarus", "Supreme Court of Belarus"),
    ("Gazprom", "Belgazprombank"),
    ("Russia", "Gazprom"),
    ("Ukraine", "Coordination Headquarters for the Treatment of Prisoners of War"),
    ("Pul Pervogo", "Telegram"),
    ("Warsaw", "Polish Ministry of Foreign Affairs"),
)
