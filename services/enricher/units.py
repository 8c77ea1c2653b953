"""What follows a number and says what it is: a percent sign, a currency, a time unit, an age, a measure.

Lookups only: each answers where the unit ends and which unit we emit; ``numbers.py`` makes the facts.
"""

from __future__ import annotations

from decimal import Decimal

from spacy.tokens import Doc, Token

from services.contract.messages import MULTIPLE_UNIT, NumberKind
from services.enricher import currency_names
from services.enricher import number_words as W
from services.enricher.number_reading import Reading, joined_hyphen, read_number, starts_number, token_at, word_at

CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})  # "8 p.m and": the stop left out
TIME_ZONES = frozenset({"gmt", "utc", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "mst", "mdt", "bst",
                        "cet", "cest", "ist", "jst", "aest", "aedt", "hkt", "sgt"})
"""What makes four digits a time of day on the wire: "at 0215 GMT", "1500 ET"."""
CENT_WORDS = frozenset({"cent", "cents", "penny", "pence"})


def percent_end(doc: Doc, last: int) -> int | None:
    nxt = token_at(doc, last + 1)
    if nxt is not None and nxt.lower_ in W.PERCENT_WORDS:
        return nxt.i
    after = token_at(doc, last + 2)
    if nxt is None or after is None:
        return None
    if nxt.lower_ == "per" and after.lower_ == "cent":
        return after.i
    if joined_hyphen(doc[last], nxt):
        if after.lower_ in ("percent", "pct"):
            return after.i  # "a 3.8-percent increase"
        cent = token_at(doc, last + 4)
        if after.lower_ == "per" and cent is not None and cent.lower_ == "cent" and doc[last + 3].text == "-":
            return cent.i  # "a 15-per-cent cut"
    return None


def currency_symbol_before(doc: Doc, first: int) -> str | None:
    before = token_at(doc, first - 1)
    return before.lower_ if before is not None and before.lower_ in W.CURRENCY_SYMBOLS else None


def signed_money(doc: Doc, symbol: int, last: int, value: Decimal) -> Decimal:
    """An accountant's negative is written in brackets: "($99.99)" is -99.99. After another amount the brackets
    hold a conversion: "71,350 euro ($78,770)"."""
    opening, closing = token_at(doc, symbol - 1), token_at(doc, last + 1)
    if opening is None or closing is None or opening.text != "(" or closing.text != ")" or value < 0:
        return value
    before = token_at(doc, symbol - 2)
    # "Z$1,000 ($100)": a currency glued to its amount is a token of its own, with digits in it
    after_amount = before is not None and (before.like_num or before.ent_type_ == "MONEY" or _is_currency(before)
                                           or any(c.isdigit() for c in before.text))
    return -value if not opening.whitespace_ and not doc[last].whitespace_ and not after_amount else value


def currency_end(doc: Doc, last: int) -> tuple[int, str] | None:
    """The last token of a trailing currency ("48 dollars", "300 Belarusian rubles", "88 billion Hong Kong dollars",
    "15 €", "one-yen", "16.2 million zlotys") and its code."""
    last = _past_joined_hyphen(doc, last)
    for nation_words in range(3):  # "rubles", "Belarusian rubles", "Hong Kong dollars"
        nation = doc[last + 1:last + 1 + nation_words]
        currency = token_at(doc, last + 1 + nation_words)
        if currency is None or any(t.pos_ not in ("ADJ", "PROPN") for t in nation):
            return None
        if nation_words and (code := currency_names.currency_code(currency.lower_, nation.text)) is not None:
            return currency.i, code  # "Egyptian pounds", "Swedish crowns"
        code = _currency_code(currency, after_nation=nation_words > 0)
        if code is not None:
            return currency.i, code
    return None


def uncoded_currency_end(doc: Doc, last: int, label: str | None) -> int | None:
    """ "528 million francs", "a 110 million guilder bond", "45 cents" under a MONEY label: money whose currency has
    no one code (shared by several countries, retired, or a sub-unit)."""
    nxt = token_at(doc, _past_joined_hyphen(doc, last) + 1)
    if nxt is not None and currency_names.names_money(nxt.lower_, label == "MONEY" or nxt.ent_type_ == "MONEY") \
            and not (nxt.lemma_.lower() == "pound" and _converted_weight(nxt)):
        return nxt.i
    return None


def _past_joined_hyphen(doc: Doc, last: int) -> int:
    """Where a currency written after the amount's hyphen may start, less one: "a one-yen bid", "a 12-cent
    dividend"."""
    return last + 1 if word_at(doc, last + 1) == "-" and not doc[last].whitespace_ else last


def _currency_code(tok: Token, after_nation: bool) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.lower_ in W.CURRENCY_SYMBOLS and not after_nation:
        return W.CURRENCY_SYMBOLS[tok.lower_]
    if tok.text in W.CURRENCY_CODES:
        return tok.text
    if lemma in W.CURRENCY_WORDS and (lemma != "pound" or (tok.ent_type_ == "MONEY" and not _converted_weight(tok))
                                      or _scaled_pound(tok) or _paid_pound(tok)):
        return W.CURRENCY_WORDS[lemma]
    return currency_names.currency_code(tok.lower_, money_label=tok.ent_type_ == "MONEY")  # "zlotys", "forints"


def _scaled_pound(tok: Token) -> bool:
    """ "a 1.5 billion pound writedown", "a 2 million-pound contract": "pound" after a scale word, modifying a noun,
    is sterling; no one weighs a writedown (the NER calls it a QUANTITY)."""
    doc = tok.doc
    scale = token_at(doc, tok.i - 2) if word_at(doc, tok.i - 1) == "-" else token_at(doc, tok.i - 1)
    after = token_at(doc, tok.i + 1)
    return tok.lower_ == "pound" and scale is not None and scale.lower_ in W.SCALES and after is not None \
        and after.pos_ in ("NOUN", "ADJ")


_PAYING_VERBS = frozenset({"pay", "cost", "spend", "earn", "charge", "fine", "owe", "lend", "borrow", "donate",
                           "sell", "buy", "raise", "bill", "invest", "award"})


def _paid_pound(tok: Token) -> bool:
    """ "He paid 2,200 pounds", "sold for 500 pounds": pounds paid are sterling, not a weight."""
    verb = tok.head.head if tok.head.lower_ == "for" else tok.head
    return tok.lower_ in ("pound", "pounds") and verb.pos_ == "VERB" and verb.lemma_.lower() in _PAYING_VERBS


_MASS_UNITS = frozenset({"kg", "g", "mg", "tonnes", "tons", "lb", "oz"})


def _converted_weight(pound: Token) -> bool:
    """ "42 kg (92 pounds)", "92 pounds (42 kg)": pounds that convert a weight are a weight, whatever the NER says."""
    doc = pound.doc
    first = pound.i - 1
    while first > 0 and (doc[first - 1].like_num or doc[first - 1].lower_ in W.SCALES):
        first -= 1
    if word_at(doc, first - 1) == "(" and first >= 2 and _mass_unit(doc[first - 2]):
        return True
    if word_at(doc, pound.i + 1) != "(" or not starts_number(doc, pound.i + 2):
        return False
    reading = read_number(doc, pound.i + 2, min(len(doc), pound.i + 8), money=False)
    return reading is not None and (unit := token_at(doc, reading.last.i + 1)) is not None and _mass_unit(unit)


def _mass_unit(tok: Token) -> bool:
    return W.QUANTITY_UNITS.get(tok.lower_.rstrip(".")) in _MASS_UNITS


def _is_currency(tok: Token) -> bool:
    return _currency_code(tok, after_nation=False) is not None or currency_names.is_currency_word(tok.lower_)


def cents_after(doc: Doc, currency: int) -> Reading | None:
    """The cents written after a currency: "3 dollars 50 cents", "thirteen dollars and forty-five cents", and spelled
    without "cents" right after a currency word where the phrase closes ("it cost thirteen dollars forty-five.")."""
    start = currency + 2 if word_at(doc, currency + 1) == "and" else currency + 1
    if not starts_number(doc, start):
        return None
    cents = read_number(doc, start, len(doc), money=False)
    if cents is None or not 0 < cents.value < 100 or cents.value != cents.value.to_integral_value():
        return None
    after = token_at(doc, cents.last.i + 1)
    if after is not None and after.lower_ in CENT_WORDS:
        return cents
    # "thirteen dollars forty-five": spelled cents right after a spelled currency word, closing the phrase
    spelled = all(t.lower_ in W.SMALL_NUMBERS or t.text == "-" for t in cents.tokens)
    closes = after is None or (after.is_punct and after.text != "-") or after.pos_ in ("VERB", "AUX", "CCONJ", "ADP")
    currency_word = doc[currency].lemma_.lower() in W.CURRENCY_WORDS and doc[currency].lower_ not in ("yen",)
    return cents if start == currency + 1 and spelled and closes and currency_word else None


def unit_start(doc: Doc, reading: Reading) -> int:
    """Where a unit may follow the number: after "a" or "of a" when a fraction takes one ("half an hour",
    "three quarters of a mile")."""
    i = reading.last.i + 1
    if reading.proper_fraction:
        if (word := word_at(doc, i)) == "of" and word_at(doc, i + 1) in ("a", "an"):
            return i + 2
        if word in ("a", "an"):
            return i + 1
    return i


def duration_unit_after(doc: Doc, last: int) -> Token | None:
    nxt = token_at(doc, last + 1)
    if nxt is not None and nxt.text == "-" and not doc[last].whitespace_:
        nxt = token_at(doc, last + 2)
    if nxt is not None and nxt.lower_ in W.COUNTED_DAYS:
        nxt = token_at(doc, nxt.i + 1)
    if nxt is not None and nxt.lemma_.lower() in W.DURATION_UNITS:
        return nxt
    return None


def fraction_after_unit(doc: Doc, unit: int) -> Reading | None:
    """ "and a half" after a unit: "an hour and a half", "one year and a quarter", "a mile and a half"."""
    if word_at(doc, unit + 1) != "and" or not starts_number(doc, unit + 2):
        return None
    fraction = read_number(doc, unit + 2, len(doc), money=False)
    return fraction if fraction is not None and fraction.proper_fraction else None


def age_marker(doc: Doc, unit: int) -> Token | None:
    """ "old" in "29 years old" / "29-year-old" / "15-year-olds", "age" in "three years of age"."""
    nxt = token_at(doc, unit + 1)
    if nxt is not None and nxt.text == "-" and not doc[unit].whitespace_:
        nxt = token_at(doc, unit + 2)
    if nxt is not None and nxt.lower_ in ("old", "olds"):  # "15-year-olds": people that old
        return nxt
    if nxt is not None and nxt.lower_ == "of" and word_at(doc, unit + 2) == "age":
        return doc[unit + 2]
    return None


def aged_noun(marker: Token) -> Token | None:
    """Who is that old: "a 29-year-old man" → man, "the victim was 29 years old" → victim; nobody in "the
    66-year-old's suicide"."""
    if word_at(marker.doc, marker.i + 1) == "'s":
        return None
    if marker.dep_ == "amod":
        return marker.head if _names_someone(marker.head) else None
    subject = next((c for c in marker.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject if marker.dep_ == "acomp" and subject is not None and _names_someone(subject) else None


def _names_someone(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.is_alpha  # not "95%" in "95% were younger than three months old"


def quantity_unit_after(doc: Doc, reading: Reading, label: str | None, end: int) -> tuple[int, str] | None:
    """The unit word(s) right after the number ("44 ml", "1 m", "291,890 metric tons") and the unit we emit;
    under a QUANTITY label an unknown unit word is kept as written ("14 mGy" → "mgy")."""
    i = unit_start(doc, reading)
    if word_at(doc, i) == "-" and not doc[i - 1].whitespace_:
        i += 1  # "16-meter"
    tok = token_at(doc, i)
    if tok is None:
        return None
    if (compound := _compound_unit(doc, i)) is not None:  # "km/h"; "lb-ft" is torque, not pounds
        known = W.QUANTITY_UNITS.get(compound)
        return (i + 2, known or compound) if known is not None or label == "QUANTITY" else None
    if (nxt := token_at(doc, i + 1)) is not None and (third := token_at(doc, i + 2)) is not None \
            and (phrase := f"{tok.lower_} {nxt.lower_} {third.lower_}") in W.QUANTITY_UNITS:
        return i + 2, W.QUANTITY_UNITS[phrase]  # "parts per million"
    if nxt is not None:
        for pair in (f"{tok.lower_} {nxt.lower_}", f"{tok.lower_}{nxt.lower_}" if not tok.whitespace_ else ""):
            if pair in W.QUANTITY_UNITS:  # "metric tons", "°C" (two tokens)
                return i + 1, W.QUANTITY_UNITS[pair]
    # A one-letter unit is a symbol, and symbols have a case: "5 g" is grams, "5 G" a network. A sentence's full
    # stop can stick to the unit ("3 m.").
    text = tok.text.rstrip(".") or tok.text
    key = text.lower() if len(text) > 1 or text == "L" else text
    if key in W.QUANTITY_UNITS:
        return i, W.QUANTITY_UNITS[key]
    if (undotted := key.replace(".", "")) != key and len(undotted) >= 3 and undotted in W.QUANTITY_UNITS:
        return i, W.QUANTITY_UNITS[undotted]  # "130 m.p.h."
    # an acronym's plural is what is counted, whatever the NER says: "101 MPs" is no quantity in "mps"
    # (nor is a verb or an adjective a unit: "the Boeing 707 overshot the runway", "250,000 gross barrels")
    if label == "QUANTITY" and i < end and tok.is_alpha and not tok.is_stop and tok.lower_ not in CLOCK_WORDS \
            and not (len(tok.text) > 2 and tok.text[:-1].isupper() and tok.text[-1] == "s") \
            and (tok.pos_ not in ("VERB", "AUX", "ADV", "ADP", "ADJ") or tok.lower_ in W.UNIT_PREFIXES):
        if tok.lower_ in W.UNIT_PREFIXES and i + 1 < end:
            return i + 1, f"{tok.lower_} {doc[i + 1].lower_}"  # "cubic yards"
        return i, tok.lower_
    return None


def _compound_unit(doc: Doc, i: int) -> str | None:
    """ "km/h", "lb-ft": two unit words joined by a slash or a hyphen, without spaces."""
    joint, second = token_at(doc, i + 1), token_at(doc, i + 2)
    if joint is None or second is None or joint.text not in ("/", "-") or doc[i].whitespace_ or joint.whitespace_ \
            or not any(c.isalpha() for c in doc[i].text):
        return None  # "75,000 55-gallon barrels": a number, not a unit, follows
    letters = second.lower_.rstrip(".")
    if not letters.isalpha() or second.pos_ in ("ADJ", "ADV"):
        return None  # "1,900-mile-wide": the unit is the mile
    if letters in W.RATE_LINKS and word_at(doc, i + 3) == "-":
        return None  # "a 60,000 barrel-per-day unit": barrels, per day
    return f"{doc[i].lower_}{joint.text}{letters}"


def ambiguous_letters_after(doc: Doc, last: Token) -> bool:
    """ "5m", "5G": letters the tokenizer split from the digits that could be a unit or something else."""
    nxt = token_at(doc, last.i + 1)
    return nxt is not None and not last.whitespace_ and nxt.lower_ in W.AMBIGUOUS_GLUED_UNITS


def glued_unit(letters: str) -> tuple[NumberKind, str | None] | None:
    """The kind and unit of letters written onto the digits: "3h", "3.5years", "75ml", "200lbs", "2.5pc" (percent),
    "120p" (pence: money without a code), "3x" (a multiple)."""
    if letters in W.AMBIGUOUS_GLUED_UNITS:
        return None
    if letters in W.GLUED_PERCENT:
        return "percent", "%"
    if letters in W.GLUED_UNCODED_MONEY:
        return "money", None
    if letters == "x":
        return "count", MULTIPLE_UNIT  # "3x faster", "trades at 20x earnings"
    time_unit = W.DURATION_UNITS.get(letters) or W.DURATION_UNITS.get(letters.removesuffix("s"))
    if time_unit is not None:
        return "duration", time_unit
    unit = W.QUANTITY_UNITS.get(letters) or W.GLUED_ONLY_UNITS.get(letters)
    return ("quantity", unit) if unit is not None else None
