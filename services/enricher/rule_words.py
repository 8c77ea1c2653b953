"""One small table per language for ``rule_numbers.py``: how German, Norwegian and Swedish write numbers, and the
words around them that say what a number is.

Keys are lowercase; a key may end in a full stop when the abbreviation has one ("mio.", "kr."). What a fact carries
is the English vocabulary of ``number_words.py`` (units "years", "km", currency codes, qualifiers "more than"), so
that a consumer compares a German fact with an English one without a dictionary of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.enricher import number_words as W


@dataclass(frozen=True)
class NumberWords:
    language: str
    """ISO 639-1 code of the language the table is for."""
    day_takes_full_stop: bool
    """ "13. Dezember", "18. Minute": a full stop after a number makes it a day or an ordinal (German, Norwegian), so
    "25." before a word is no amount; in Swedish it ends a sentence."""
    scales: dict[str, int]
    spelled: dict[str, int]
    """Spelled numbers read alone or before a scale ("drei", "zwei Millionen")."""
    one_before_scale: frozenset[str]
    """Words that are "one" before a scale only ("eine Million"); elsewhere they are articles."""
    percent_units: dict[str, str]
    """Percent words → "%"; words for percentage points → "percentage points" (a quantity, not a percent)."""
    currencies: dict[str, str]
    """Currency words and abbreviations written after the amount → ISO code."""
    currency_by_nation: dict[tuple[str, str], str]
    """(nation adjective, the currency word's default code) → the code: "svenske kroner" are SEK, not NOK."""
    money_with_scale: dict[str, tuple[int, str]]
    """One word that is a scale and a currency at once: Swedish "mkr" is a million kronor."""
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    """Day words (one or two words) → offset from the publication day."""
    durations: dict[str, str]
    """Time units → the plural English unit of ``number_words.DURATION_UNITS``."""
    age_words: frozenset[str]
    """After a duration, they make it an age: "18 Jahre alt"."""
    units: dict[str, str]
    """Measure words → the unit emitted (the symbols of ``number_words.QUANTITY_UNITS``)."""
    qualifiers: dict[str, str]
    """Words before the number (space-separated, lowercase) → the English qualifier."""
    year_cues: frozenset[str]
    """Words right before a bare four-digit number that make it a year ("seit 2019", "im Jahr 2023")."""
    ordinal_cues: frozenset[str]
    """Words before "18." that make it an ordinal ("in der 18. Minute"), where days take a full stop."""
    range_words: frozenset[str]
    clock_words: frozenset[str]
    """Words before or after a number that make it a time of day ("kl. 16", "16 Uhr"): no amount, dropped."""
    """Words between the two ends of a range ("10 bis 15"): neither end alone is what the text states."""


# Unit symbols every language writes the same way; the unit emitted is the English table's.
_SYMBOLS = ("km", "m", "cm", "mm", "kg", "mg", "ml", "ha", "km2", "km²", "m2", "m²", "m3", "m³", "km/h", "kw", "mw",
            "gw", "kwh", "mwh", "gwh", "twh", "gb", "tb", "°c")
SHARED_UNITS: dict[str, str] = {symbol: W.QUANTITY_UNITS[symbol] for symbol in _SYMBOLS}

_SCALE_OF = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _scales(thousand: tuple[str, ...], million: tuple[str, ...], billion: tuple[str, ...],
            trillion: tuple[str, ...]) -> dict[str, int]:
    named = {"thousand": thousand, "million": million, "billion": billion, "trillion": trillion}
    return {word: _SCALE_OF[scale] for scale, words in named.items() for word in words}


GERMAN = NumberWords(
    language="de",
    day_takes_full_stop=True,
    # A German "Billion" is a million million.
    scales=_scales(("tausend", "tsd."), ("million", "millionen", "mio.", "mio"),
                   ("milliarde", "milliarden", "mrd.", "mrd"), ("billion", "billionen", "bio.")),
    spelled={"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
             "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100},
    one_before_scale=frozenset({"ein", "eine", "einer", "einem", "einen"}),
    percent_units={"%": "%", "prozent": "%", **dict.fromkeys(("prozentpunkt", "prozentpunkte", "prozentpunkten"),
                                                             "percentage points")},
    currencies={"euro": "EUR", "eur": "EUR", "€": "EUR", "dollar": "USD", "us-dollar": "USD", "$": "USD",
                "franken": "CHF", "yen": "JPY", "yuan": "CNY", "rubel": "RUB"},
    currency_by_nation={("kanadische", "USD"): "CAD", ("kanadischen", "USD"): "CAD",
                        ("australische", "USD"): "AUD", ("australischen", "USD"): "AUD",
                        ("schweizer", "CHF"): "CHF", ("belarussische", "RUB"): "BYN", ("belarussischen", "RUB"): "BYN"},
    money_with_scale={},
    months={"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
            "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
            "jan.": 1, "feb.": 2, "mär.": 3, "mrz.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9,
            "sept.": 9, "okt.": 10, "nov.": 11, "dez.": 12},
    weekdays={"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
              "sonnabend": 5, "sonntag": 6},
    # "morgen" is left out: "am Morgen" is the morning.
    relative_days={"heute": 0, "gestern": -1, "vorgestern": -2},
    durations={"jahr": "years", "jahre": "years", "jahren": "years", "monat": "months", "monate": "months",
               "monaten": "months", "woche": "weeks", "wochen": "weeks", "tag": "days", "tage": "days",
               "tagen": "days", "stunde": "hours", "stunden": "hours", "minute": "minutes", "minuten": "minutes",
               "sekunde": "seconds", "sekunden": "seconds", "jahrzehnt": "decades", "jahrzehnte": "decades"},
    age_words=frozenset({"alt", "alte", "alter", "alten"}),
    units={**SHARED_UNITS, "kilometer": "km", "kilometern": "km", "meter": "m", "metern": "m", "zentimeter": "cm",
           "kilogramm": "kg", "kilo": "kg", "tonnen": "tonnes", "tonne": "tonnes", "liter": "litres",
           "hektar": "hectares", "quadratkilometer": "km2", "quadratmeter": "m2", "kubikmeter": "m3",
           "megawatt": "MW", "gigawatt": "GW", "grad": "°C"},
    qualifiers={"mehr als": "more than", "über": "over", "weniger als": "less than", "unter": "under",
                "mindestens": "at least", "höchstens": "at most", "bis zu": "up to", "rund": "about",
                "etwa": "about", "ungefähr": "about", "ca.": "about", "zirka": "about", "circa": "about",
                "knapp": "nearly", "fast": "almost", "beinahe": "almost", "nahezu": "nearly"},
    year_cues=frozenset({"im", "in", "jahr", "jahres", "seit", "bis", "ab", "von", "vor", "nach", "anfang", "ende",
                         "mitte", "frühjahr", "sommer", "herbst", "winter", "saison", "quartal", "halbjahr"}),
    ordinal_cues=frozenset({"der", "die", "das", "dem", "den", "des", "am", "im", "zum", "zur", "vom", "beim", "ihr",
                            "sein", "seine", "seiner", "ihre", "ihrer"}),
    range_words=frozenset({"bis", "oder"}),
    clock_words=frozenset({"uhr"}),
)

NORWEGIAN = NumberWords(
    language="nb",
    day_takes_full_stop=True,
    scales=_scales(("tusen",), ("million", "millioner", "mill.", "mill", "mln.", "mln"),
                   ("milliard", "milliarder", "mrd.", "mrd"), ("billion", "billioner")),
    spelled={"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
             "elleve": 11, "tolv": 12, "tjue": 20, "hundre": 100},
    one_before_scale=frozenset({"en", "ei", "ett", "én"}),
    percent_units={"%": "%", "prosent": "%", "prosentpoeng": "percentage points"},
    currencies={"kroner": "NOK", "krone": "NOK", "kr": "NOK", "euro": "EUR", "€": "EUR",
                "dollar": "USD", "$": "USD"},
    currency_by_nation={("svenske", "NOK"): "SEK", ("danske", "NOK"): "DKK", ("islandske", "NOK"): "ISK",
                        ("amerikanske", "USD"): "USD", ("kanadiske", "USD"): "CAD"},
    money_with_scale={},
    months={"januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
            "september": 9, "oktober": 10, "november": 11, "desember": 12,
            "jan.": 1, "feb.": 2, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9, "okt.": 10,
            "nov.": 11, "des.": 12},
    weekdays={"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5, "søndag": 6},
    relative_days={"i dag": 0, "i går": -1, "i forgårs": -2},
    durations={"år": "years", "måned": "months", "måneder": "months", "uke": "weeks", "uker": "weeks",
               "dag": "days", "dager": "days", "døgn": "days", "time": "hours", "timer": "hours",
               "minutt": "minutes", "minutter": "minutes", "sekund": "seconds", "sekunder": "seconds",
               "tiår": "decades"},
    age_words=frozenset({"gammel", "gamle", "gammal"}),
    # "mål" is the Norwegian decare, 1,000 m².
    units={**SHARED_UNITS, "kilometer": "km", "meter": "m", "centimeter": "cm", "kilo": "kg", "kilogram": "kg",
           "tonn": "tonnes", "liter": "litres", "mål": "decares", "dekar": "decares", "hektar": "hectares",
           "kvadratkilometer": "km2", "kvadratmeter": "m2", "kubikkmeter": "m3", "megawatt": "MW",
           "grader": "°C"},
    qualifiers={"mer enn": "more than", "over": "over", "mindre enn": "less than", "under": "under",
                "minst": "at least", "opptil": "up to", "inntil": "up to", "rundt": "about", "omkring": "about",
                "cirka": "about", "ca.": "about", "nærmere": "nearly", "nesten": "almost", "drøyt": "over",
                "drøye": "over", "i overkant av": "over"},
    year_cues=frozenset({"i", "år", "året", "siden", "fra", "til", "før", "etter", "innen", "høsten", "våren",
                         "sommeren", "vinteren", "starten", "slutten", "utgangen", "kvartal"}),
    ordinal_cues=frozenset({"den", "det", "de", "sin", "sitt", "sine", "hans", "hennes"}),
    range_words=frozenset({"til", "eller"}),
    clock_words=frozenset({"kl", "kl.", "klokken"}),
)

SWEDISH = NumberWords(
    language="sv",
    day_takes_full_stop=False,
    scales=_scales(("tusen",), ("miljon", "miljoner", "milj.", "milj", "mn"), ("miljard", "miljarder", "mdr"),
                   ("biljon", "biljoner")),
    spelled={"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
             "elva": 11, "tolv": 12, "tjugo": 20, "hundra": 100},
    one_before_scale=frozenset({"en", "ett"}),
    percent_units={"%": "%", "procent": "%", **dict.fromkeys(("procentenhet", "procentenheter"), "percentage points")},
    currencies={"kronor": "SEK", "krona": "SEK", "kr": "SEK", "euro": "EUR", "€": "EUR",
                "dollar": "USD", "$": "USD"},
    currency_by_nation={("norska", "SEK"): "NOK", ("danska", "SEK"): "DKK", ("isländska", "SEK"): "ISK",
                        ("amerikanska", "USD"): "USD", ("kanadensiska", "USD"): "CAD"},
    money_with_scale={"tkr": (10**3, "SEK"), "mkr": (10**6, "SEK"), "mdkr": (10**9, "SEK"),
                      "mnkr": (10**6, "SEK")},
    months={"januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
            "september": 9, "oktober": 10, "november": 11, "december": 12,
            "jan.": 1, "feb.": 2, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9, "okt.": 10,
            "nov.": 11, "dec.": 12},
    weekdays={"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6},
    relative_days={"i dag": 0, "idag": 0, "i går": -1, "igår": -1, "i förrgår": -2},
    durations={"år": "years", "månad": "months", "månader": "months", "vecka": "weeks", "veckor": "weeks",
               "dag": "days", "dagar": "days", "dygn": "days", "timme": "hours", "timmar": "hours",
               "minut": "minutes", "minuter": "minutes", "sekund": "seconds", "sekunder": "seconds",
               "decennium": "decades", "decennier": "decades"},
    age_words=frozenset({"gammal", "gamla", "gammalt"}),
    # Swedish "ton" is the metric tonne.
    units={**SHARED_UNITS, "kilometer": "km", "meter": "m", "centimeter": "cm", "kilo": "kg", "kilogram": "kg",
           "ton": "tonnes", "liter": "litres", "hektar": "hectares", "kvadratkilometer": "km2",
           "kvadratmeter": "m2", "kubikmeter": "m3", "megawatt": "MW", "grader": "°C"},
    qualifiers={"mer än": "more than", "över": "over", "mindre än": "less than", "under": "under",
                "minst": "at least", "upp till": "up to", "omkring": "about", "runt": "about", "cirka": "about",
                "ca": "about", "ca.": "about", "ungefär": "about", "närmare": "nearly", "nästan": "almost",
                "drygt": "over", "knappt": "nearly"},
    year_cues=frozenset({"i", "år", "året", "sedan", "från", "till", "före", "efter", "inför", "hösten", "våren",
                         "sommaren", "vintern", "början", "slutet", "kvartalet"}),
    ordinal_cues=frozenset(),
    range_words=frozenset({"till", "eller"}),
    clock_words=frozenset({"kl", "kl.", "klockan"}),
)

BY_LANGUAGE: dict[str, NumberWords] = {words.language: words for words in (GERMAN, NORWEGIAN, SWEDISH)}
