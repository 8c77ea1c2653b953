"""Word tables for ``numbers.py``, ``number_reading.py`` and ``units.py``: spelled numbers, fractions, months,
currencies, units, qualifiers.

Keys are lowercase, except one-letter unit symbols, whose case is their meaning ("L" litres, "G" no unit). Kept apart
so the extraction logic stays readable.
"""

from __future__ import annotations

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "nought": 0, "naught": 0,
}

# "hundred" and "dozen" multiply the running group; the others close it. A plural multiplier (or an abbreviation)
# only follows a number ("three dozens"): "dozens of people" alone is no number.
MULTIPLIERS: dict[str, int] = {"hundred": 100, "dozen": 12}
PLURAL_MULTIPLIERS: dict[str, int] = {"dozens": 12,
                                      # Dozen's abbreviations, read only after a number: "3 doz eggs", "five dzs".
                                      "doz": 12, "dozs": 12, "dz": 12, "dzs": 12}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    # South Asian scales: "13 lakh" = 1.3 million, "1 crore" = 10 million.
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
    # Abbreviations that mean nothing else, glued or not ("3bn", "10 bln").
    "bn": 10**9, "mln": 10**6, "bln": 10**9, "tln": 10**12, "trn": 10**12,
}
# Only read as scales inside money ("$48.2m", "€10B", "US$ 1MM"): elsewhere "m" is metres, "4K" a screen,
# "t" tonnes.
MONEY_SUFFIXES: dict[str, int] = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mm": 10**6, "mil": 10**6,
    "b": 10**9, "t": 10**12, "tn": 10**12,
}
# Scale letters glued to digits that stand for nothing else, money or not, in the case written: "10M" and "1.2b" are
# ten million and 1.2 billion ("10m" may be metres, "10G" a network, "10K" a screen or a race).
GLUED_SCALES: dict[str, str] = {"M": "million", "B": "billion", "b": "billion", "mil": "million", "mn": "million",
                                "tn": "trillion"}
SIGN_WORDS: frozenset[str] = frozenset({"minus", "negative"})

# Unicode vulgar fractions: numerator, denominator.
VULGAR_FRACTIONS: dict[str, tuple[int, int]] = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8),
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9, "trillionth": 10**12,
}

# Fraction denominators: "a half", "a third", "two thirds", "three quarters", "five eighths". "first" and
# "second" are left out: "a second" is a unit of time, never a half.
SINGULAR_DENOMINATORS: dict[str, int] = {
    **{w: v for w, v in ORDINAL_WORDS.items() if v > 2}, "half": 2, "quarter": 4,
}
PLURAL_DENOMINATORS: dict[str, int] = {
    **{f"{w}s": v for w, v in ORDINAL_WORDS.items() if v > 2}, "halves": 2, "quarters": 4,
}

# The ordinals that close a compound denominator after a tens word: "one twenty-fifth" (1/25), "three twenty-firsts"
# (3/21). "first" and "second" belong here: after "twenty-" neither is a unit of time nor a rank of one.
UNIT_ORDINALS: dict[str, int] = {w: v for w, v in ORDINAL_WORDS.items() if v < 10}
PLURAL_UNIT_ORDINALS: dict[str, int] = {f"{w}s": v for w, v in UNIT_ORDINALS.items()}
TENS: frozenset[str] = frozenset(w for w, v in SMALL_NUMBERS.items() if v >= 20)

# Every word that writes a number or a part of one: no counted noun ("three-nought-four", "one-third").
NUMBER_WORDS: frozenset[str] = frozenset({*SMALL_NUMBERS, *MULTIPLIERS, *PLURAL_MULTIPLIERS, *SCALES, *ORDINAL_WORDS,
                                          *SINGULAR_DENOMINATORS, *PLURAL_DENOMINATORS})
# Compounds of a number and a noun that count nothing: "a two-way street", "a one-off payment", "a one-time fee", "a
# six-figure salary" (its digits, not figures).
FIXED_COMPOUNDS: frozenset[str] = frozenset({"way", "off", "on", "stop", "size", "fold", "liner", "figure"})
# An ordinal hyphened to these ranks nothing: "first-class", "second-hand", "third-party", "first-person".
FIXED_ORDINAL_COMPOUNDS: frozenset[str] = frozenset({"class", "hand", "rate", "party", "person", "string", "ever"})

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
    "century": "centuries", "night": "nights",
    "sec": "seconds", "secs": "seconds", "min": "minutes", "mins": "minutes",
    "hr": "hours", "hrs": "hours", "h": "hours", "wk": "weeks", "wks": "weeks", "yr": "years", "yrs": "years",
}
# Time units that "a"/"an" counts one of ("jailed for a year", "an hour"); "a second" is as often an ordinal.
ONE_BY_ARTICLE_UNITS: frozenset[str] = frozenset({"minute", "hour", "day", "week", "month", "year", "decade",
                                                   "century"})
# Words that make a singular time unit one whole unit: "a full week", "the whole night", "the entire year".
WHOLE_WORDS: frozenset[str] = frozenset({"full", "whole", "entire"})
# Words before "a year" that make it a rate ("twice a year", "three times a week"), not a duration.
RATE_WORDS: frozenset[str] = frozenset({"once", "twice", "thrice", "times", "per"})
# How many times as much, in one word: "scored twice", "profits rose fivefold" (a count in unit "times").
MULTIPLE_WORDS: dict[str, int] = {"twice": 2, "thrice": 3, "twofold": 2, "threefold": 3, "fourfold": 4,
                                  "fivefold": 5, "sixfold": 6, "sevenfold": 7, "eightfold": 8, "ninefold": 9,
                                  "tenfold": 10, "hundredfold": 100, "thousandfold": 1000}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
    "₹": "INR", "₴": "UAH", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "mex$": "MXN",
    "r$": "BRL", "s$": "SGD", "nz$": "NZD", "rs": "INR", "rs.": "INR", "₩": "KRW", "₺": "TRY", "₪": "ILS",
    "rm": "MYR",
}
# Currency symbols the tokenizer leaves on the digits ("RM12.40", "Rs500", "HK$10"): written in capitals, as a
# symbol is; "rm12" or "Rm" is no currency.
GLUED_CURRENCY_SYMBOLS: dict[str, str] = {
    "RM": "MYR", "Rs": "INR", "Rs.": "INR", "R$": "BRL", "US$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD",
    "C$": "CAD", "NZ$": "NZD", "NT$": "TWD",
}
# Letters glued to digits that are money without a code of its own: "120p" is pence ("45 cents" is read the same
# way, as money without a unit).
GLUED_UNCODED_MONEY: frozenset[str] = frozenset({"p"})
# "2.5pc": British papers write per cent so, glued or not.
GLUED_PERCENT: frozenset[str] = frozenset({"pc", "pct"})
# A lowercase "k" glued to digits is a thousand in news copy ("30k visitors"); an uppercase one is a screen ("4K").
GLUED_THOUSAND = "k"
# Lemmas; "pound" is only trusted when the NER already said MONEY.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "ruble": "RUB", "rouble": "RUB", "yuan": "CNY", "renminbi": "CNY",
    "yen": "JPY", "hryvnia": "UAH", "hryvnias": "UAH", "rupee": "INR", "rmb": "CNY",
}
CURRENCY_CODES: frozenset[str] = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "BYN", "UAH", "INR", "CHF",
    "CAD", "AUD", "PLN", "HKD", "MXN", "BRL", "SEK", "NOK", "DKK", "ZAR", "TRY", "KRW", "SGD", "NZD", "ILS",
})
PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "pct", "pc"})

# Unit spellings (lowercase) → the unit we emit. Two-word units are keyed with a space.
QUANTITY_UNITS: dict[str, str] = {
    # a difference of percentages, not a percent of something: as the German and Nordic rules read it
    "percentage point": "percentage points", "percentage points": "percentage points",
    "magnitude": "magnitude",  # an earthquake's: "a 6.4 magnitude quake"
    # "cut by 25 basis points", "a 50-basis-point cut"
    "basis point": "basis points", "basis points": "basis points", "basis-point": "basis points", "bps": "basis points",
    "kilometre": "km", "kilometer": "km", "kilometres": "km", "kilometers": "km", "km": "km", "kms": "km",
    "metre": "m", "meter": "m", "metres": "m", "meters": "m", "m": "m",
    "centimetre": "cm", "centimeter": "cm", "centimetres": "cm", "centimeters": "cm", "cm": "cm",
    "millimetre": "mm", "millimeter": "mm", "millimetres": "mm", "millimeters": "mm", "mm": "mm",
    "mile": "miles", "miles": "miles", "mi": "miles",
    "foot": "feet", "feet": "feet", "ft": "feet",
    "inch": "inches", "inches": "inches",
    "yard": "yards", "yards": "yards",
    "kilogram": "kg", "kilograms": "kg", "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg",
    "decibel": "dB", "decibels": "dB", "db": "dB",
    "gram": "g", "grams": "g", "gramme": "g", "grammes": "g", "g": "g",
    "milligram": "mg", "milligrams": "mg", "mg": "mg",
    "microgram": "µg", "micrograms": "µg", "mcg": "µg", "µg": "µg",
    "pound": "lb", "pounds": "lb", "lb": "lb", "lbs": "lb",
    "ounce": "oz", "ounces": "oz", "oz": "oz",
    "tonne": "tonnes", "tonnes": "tonnes", "metric ton": "tonnes", "metric tons": "tonnes",
    "ton": "tons", "tons": "tons",
    "litre": "litres", "liter": "litres", "litres": "litres", "liters": "litres", "l": "litres", "L": "litres",
    "millilitre": "ml", "milliliter": "ml", "millilitres": "ml", "milliliters": "ml", "ml": "ml",
    "gallon": "gallons", "gallons": "gallons",
    "barrel": "barrels", "barrels": "barrels",
    "hectare": "hectares", "hectares": "hectares", "ha": "hectares",
    "acre": "acres", "acres": "acres",
    "square kilometre": "km2", "square kilometres": "km2", "square kilometer": "km2", "square kilometers": "km2",
    "sq km": "km2", "km2": "km2", "km²": "km2",
    "square metre": "m2", "square metres": "m2", "square meter": "m2", "square meters": "m2", "m2": "m2", "m²": "m2",
    "square mile": "sq miles", "square miles": "sq miles", "sq mi": "sq miles",
    "cubic metre": "m3", "cubic metres": "m3", "cubic meter": "m3", "cubic meters": "m3", "m3": "m3", "m³": "m3",
    "cubic foot": "cu ft", "cubic feet": "cu ft", "square foot": "sq ft", "square feet": "sq ft",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "kmph": "km/h", "km/hr": "km/h",
    "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "volt": "V", "volts": "V",
    "kilovolt": "kV", "kilovolts": "kV", "kv": "kV",
    "mah": "mAh", "wh": "Wh", "whr": "Wh", "megapixel": "MP", "megapixels": "MP", "fps": "fps", "ppi": "ppi",
    "kw": "kW", "megawatt": "MW", "megawatts": "MW", "mw": "MW",
    "gigawatt": "GW", "gigawatts": "GW", "gw": "GW",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "megabyte": "MB", "megabytes": "MB", "gigabyte": "GB", "gigabytes": "GB", "gb": "GB",
    "terabyte": "TB", "terabytes": "TB", "tb": "TB",
    "ghz": "GHz", "mhz": "MHz", "khz": "kHz", "hz": "Hz",
    "ev": "eV", "kev": "keV", "mev": "MeV", "gev": "GeV", "tev": "TeV", "electronvolt": "eV", "electronvolts": "eV",
    "kbps": "kbps", "mbps": "Mbps", "gbps": "Gbps", "mb/s": "MB/s", "gb/s": "GB/s",
    "kilobyte": "kB", "kilobytes": "kB", "kb": "kB", "mb": "MB", "petabyte": "PB", "petabytes": "PB",
    "exabyte": "EB", "exabytes": "EB",
    "°c": "°C", "°f": "°F", "degrees celsius": "°C", "degrees fahrenheit": "°F",
    "celsius": "°C", "fahrenheit": "°F",
    "degrees centigrade": "°C", "centigrade": "°C",
    "ppm": "ppm", "parts per million": "ppm", "ppb": "ppb", "parts per billion": "ppb",
    "cup": "cups", "cups": "cups", "tablespoon": "tbsp", "tablespoons": "tbsp", "tbsp": "tbsp",
    "teaspoon": "tsp", "teaspoons": "tsp", "tsp": "tsp",
}
# Words before "a fifth" that make it a part where it closes its phrase: "cut by a fifth.", "nearly a third".
FRACTION_DEGREE_WORDS: frozenset[str] = frozenset({
    "by", "than", "about", "nearly", "almost", "roughly", "around", "only", "just", "over", "under", "barely",
    "approximately", "some", "is", "was", "are", "were", "be", "been",
})
# Adjectives of size after a length: "1.8m tall" is metres where "1.8m" alone may be millions.
DIMENSIONS: frozenset[str] = frozenset({"tall", "high", "long", "wide", "deep", "thick", "across", "away"})
# Measure units that "a"/"an" counts one of ("a gallon of milk", "a mile away"): the singular spellings that name
# nothing else ("a pound" is money too, "a foot" a body part, "a yard" a garden, "a meter" a device, "a ton of" a lot).
ONE_BY_ARTICLE_MEASURES: frozenset[str] = frozenset({
    "mile", "kilometre", "kilometer", "metre", "gallon", "litre", "liter", "kilogram", "ounce", "acre", "hectare",
    "tonne", "inch", "millimetre", "centimetre", "gigabyte", "terabyte", "megawatt", "gigawatt",
})
# Words that make a unit with the word after them: "cubic yards", "square leagues".
UNIT_PREFIXES: frozenset[str] = frozenset({"square", "cubic", "metric", "sq"})
# Letters glued to digits that stand for something else too often to be read as a unit: "5m people"
# (million), "5G" (a network), "1990s", "3D", "4t" (tonnes or trillion).
AMBIGUOUS_GLUED_UNITS: frozenset[str] = frozenset({"m", "g", "l", "t", "s", "d"})
# Units written onto the digits only: "30C" is the house style of many papers; a lone "C" is not a unit.
GLUED_ONLY_UNITS: dict[str, str] = {
    "c": "°C", "f": "°F",
    "mp": "MP",  # "a 12MP camera": megapixels
    "w": "W", "v": "V",  # "a 60W charger", "a 3.85V cell"
}

# Longest first, so "more than" wins over a bare "than" and "up to" over "to".
QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(sorted(
    (
        ("more", "than"), ("fewer", "than"), ("less", "than"), ("at", "least"),
        ("at", "most"), ("up", "to"), ("as", "many", "as"), ("over",), ("about",),
        ("around",), ("nearly",), ("almost",), ("some",), ("approximately",),
        ("roughly",), ("~",),
    ),
    key=len, reverse=True,
))

# Words that make a range of the numbers on either side ("5 to 7 per cent", "10-15 exabytes", "between 10 and 12").
# "and" only after "between": "45 and 50 cases" is a list of two numbers.
RANGE_LINKS: frozenset[str] = frozenset({"to", "-", "–", "—"})

# Plural scale words that say an amount without a number ("dozens of protesters", "tens of thousands of people"):
# the word → what one of it is. The amount is at least two of them and less than the next word's amount.
APPROXIMATE_SCALES: dict[str, int] = {
    "tens": 10, "scores": 20, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6,
    "billions": 10**9, "trillions": 10**12,
}
# Where the amount of one approximate word ends (exclusive): "dozens" and "scores" are less than a hundred,
# "hundreds" less than a thousand, "thousands" less than ten thousand ("tens of thousands" says more).
APPROXIMATE_CEILINGS: dict[str, int] = {
    "tens": 100, "scores": 100, "dozens": 100, "hundreds": 10**3, "thousands": 10**4, "millions": 10**7,
    "billions": 10**10, "trillions": 10**13,
}
# Words that make a scale word an approximate amount ("several thousand teachers", "a few hundred people"): the least
# each can mean, in units of the scale. "some thousand" is "about a thousand" and left out.
VAGUE_AMOUNTS: dict[str, int] = {"several": 3, "few": 2}
# The word between a rate's amount and its denominator: "$60 a barrel", "30 miles per hour", "£5 an hour".
RATE_LINKS: frozenset[str] = frozenset({"a", "an", "per", "/"})

# What a player's line in a results summary counts ("Kyleigh Trout 1 goal", "Kairi Thomas-Brooks 18 points",
# "Derek Mertz 3 saves"): the NER often takes the number into the player's name.
STAT_NOUNS: frozenset[str] = frozenset({
    "goal", "assist", "point", "rebound", "save", "tackle", "sack", "steal", "block", "strikeout", "wicket",
    "touchdown", "yard", "reception", "carry", "interception", "birdie", "bogey", "ace", "kill", "dig", "try",
})

COUNTED_PERIODS: frozenset[str] = frozenset({"season", "term", "semester", "generation"})
"""Spells of time that are counted, not measured ("29 interceptions in six seasons", "two terms"): the NER calls them
a DATE, but they are no time unit a duration converts."""
COUNTED_DAYS: frozenset[str] = frozenset({"business", "working", "trading", "calendar", "school"})
"""Words that say which days (or weeks) are counted, between a number and its unit: "10 business days"."""
# Words between a number and its time unit that say how the stretch runs ("two more years", "four straight years").
STRETCH_WORDS: frozenset[str] = frozenset({
    "more", "straight", "consecutive", "successive", "additional", "extra", "further", "long", "full", "whole",
})

CHANGE_VERBS: frozenset[str] = frozenset({
    "rise", "fall", "increase", "decrease", "climb", "drop", "grow", "jump", "surge", "slip", "decline", "soar",
    "plunge", "dip", "edge", "reduce", "cut", "raise", "lift", "lower", "swell", "shrink", "slide", "tumble", "gain",
    "sink", "slump", "rally", "advance", "retreat", "ease", "close", "rebound", "recover", "expand", "widen", "narrow",
    "fluctuate", "shoot", "spike", "dwindle", "shed", "add", "lose",
})
"""Verbs of a value moving: "rose from 1061 to 1128", "closed at 7512", "fell by 1200": their figures are amounts."""
CHANGE_PREPOSITIONS: frozenset[str] = frozenset({"from", "to", "by", "at"})
