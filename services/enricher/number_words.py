"""Word tables for ``numbers.py``: spelled numbers, months, currencies, units, qualifiers.

Keys are lowercase. Kept apart so the extraction logic stays readable.
"""

from __future__ import annotations

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}

# "hundred" and "dozen" multiply the running group; the others close it.
MULTIPLIERS: dict[str, int] = {"hundred": 100, "dozen": 12}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
# Only read as scales inside money ("$48.2m", "£3bn"): elsewhere "m" is metres.
MONEY_SUFFIXES: dict[str, int] = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "b": 10**9, "bn": 10**9, "tn": 10**12, "trn": 10**12,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6,
}

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}

# Offset in days from the publication date.
RELATIVE_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}

# Lemma → the unit name we emit (always plural, so "1 year" and "14 years" group together).
DURATION_UNITS: dict[str, str] = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
    "week": "weeks", "month": "months", "year": "years", "decade": "decades",
    "century": "centuries",
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
    "₹": "INR", "₴": "UAH", "c$": "CAD", "a$": "AUD", "hk$": "HKD",
}
# Lemmas; "pound" is only trusted when the NER already said MONEY.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "ruble": "RUB", "rouble": "RUB", "yuan": "CNY", "renminbi": "CNY",
    "yen": "JPY", "hryvnia": "UAH", "hryvnias": "UAH", "rupee": "INR",
}
CURRENCY_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "BYN", "UAH", "INR", "CHF",
    "CAD", "AUD", "PLN",
})
# "Belarusian rubles" are not Russian rubles.
CURRENCY_BY_NATION: dict[tuple[str, str], str] = {
    ("belarusian", "RUB"): "BYN",
    ("canadian", "USD"): "CAD",
    ("australian", "USD"): "AUD",
}

PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "pct"})

QUANTITY_UNITS: dict[str, str] = {
    "kilometre": "km", "kilometer": "km", "kilometres": "km", "kilometers": "km", "km": "km",
    "metre": "m", "meter": "m", "metres": "m", "meters": "m",
    "mile": "miles", "miles": "miles",
    "kilogram": "kg", "kilograms": "kg", "kg": "kg",
    "tonne": "tonnes", "tonnes": "tonnes",
    "hectare": "hectares", "hectares": "hectares",
    "litre": "litres", "liter": "litres", "litres": "litres", "liters": "litres",
    "barrel": "barrels", "barrels": "barrels",
}

# Longest first, so "more than" wins over a bare "than" and "up to" over "to".
QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(sorted(
    (
        ("more", "than"), ("fewer", "than"), ("less", "than"), ("at", "least"),
        ("at", "most"), ("up", "to"), ("as", "many", "as"), ("over",), ("about",),
        ("around",), ("nearly",), ("almost",), ("some",), ("approximately",),
        ("roughly",),
    ),
    key=len, reverse=True,
))
