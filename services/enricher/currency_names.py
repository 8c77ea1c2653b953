"""Currencies written as words after an amount, by ISO 4217 (``pycountry``): "16.2 million zlotys" are PLN,
"50,000 Egyptian pounds" EGP, "1.2 billion Swedish crowns" SEK, "500 francs" money of no one country.

ISO 4217 names a currency either by one word ("Zloty", "Forint", "Baht") or by a nation and a word ("Egyptian
Pound", "Swedish Krona", "Pakistan Rupee"). A word that names one currency alone gives its code; a nation and a
word give theirs; a word that several nations' currencies share ("franc", "peso", "dinar") is money without a code
unless the nation is written. English words that are also currency names ("won", "real", "mark", "rand") count only
where the NER already says MONEY.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pycountry

_ENGLISH_WORDS: frozenset[str] = frozenset({
    "won", "dong", "rand", "real", "reais", "sol", "soles", "mark", "kip", "colon", "kina", "lek", "pula", "tala",
    "vatu", "dobra", "leone", "balboa", "gourde", "afghani", "dram", "lev", "som", "sum", "crown", "pound",
})
"""Currency names that are English words or names too ("3-1 won", "the 50 mark", "two crowns"): money only under
a MONEY label or after a nation ("South Korean won")."""

_SHARED_WORDS: frozenset[str] = frozenset({
    "franc", "peso", "dinar", "shilling", "krona", "kronor", "krone", "kroner", "koruna", "rial", "riyal", "dirham",
    "lira", "lire", "guilder", "florin", "escudo", "peseta", "drachma", "schilling", "markka", "punt", "cedi",
    "rupee", "dollar", "pound", "mark", "crown", "real", "ruble", "rouble", "leu", "lei", "cent", "penny", "pence",
})
"""Words for money that name no one currency alone (or whose currency is retired): money without a code."""

_WORD_FORMS: dict[str, tuple[str, ...]] = {
    # English and native plurals, spellings and translations, each read as the ISO name's word
    "crown": ("krona", "krone", "koruna"), "kronor": ("krona",), "kroner": ("krone",), "korun": ("koruna",),
    "shekel": ("sheqel",), "shekels": ("sheqel",), "rouble": ("ruble",), "lire": ("lira",), "lei": ("leu",),
    "reais": ("real",), "soles": ("sol",), "colones": ("colon",), "bolivares": ("bolivar",), "pence": ("penny",),
}

_NATION_FORMS: dict[str, tuple[str, ...]] = {
    # ISO 4217 often names the country where news copy writes its adjective
    "pakistan": ("pakistani",), "iceland": ("icelandic",), "uganda": ("ugandan",), "malawi": ("malawian",),
    "mauritius": ("mauritian",), "rwanda": ("rwandan",), "burundi": ("burundian",), "namibia": ("namibian",),
    "fiji": ("fijian",), "barbados": ("barbadian",), "guyana": ("guyanese",), "ghana": ("ghanaian",),
    "sri lanka": ("sri lankan",), "surinam": ("surinamese",), "el salvador": ("salvadoran",), "belize": ("belizean",),
    "brunei": ("bruneian",), "seychelles": ("seychellois",), "mozambique": ("mozambican",),
    "azerbaijan": ("azerbaijani",), "uzbekistan": ("uzbek",), "turkmenistan new": ("turkmen",),
    "cabo verde": ("cape verdean",), "trinidad and tobago": ("trinidadian",), "new taiwan": ("taiwan", "taiwanese"),
    "us": ("u.s.", "american"), "uae": ("emirati",), "new israeli": ("israeli",), "bermudian": ("bermuda",),
    "new zealand": ("nz",), "hong kong": ("hk",), "russian": ("russia",), "somali": ("somalian",),
}
_EXTRA_NAMES: dict[str, str] = {
    # ISO names written another way round, and retired currencies news copy still reports (ISO 4217 historic codes)
    "omani rial": "OMR", "uruguayan peso": "UYU", "chinese yuan": "CNY", "nicaraguan cordoba": "NIO",
    "venezuelan bolivar": "VES", "bosnian mark": "BAM", "german mark": "DEM", "deutsche mark": "DEM",
    "french franc": "FRF", "belgian franc": "BEF", "dutch guilder": "NLG", "italian lira": "ITL",
    "spanish peseta": "ESP", "portuguese escudo": "PTE", "greek drachma": "GRD", "austrian schilling": "ATS",
    "finnish markka": "FIM", "irish punt": "IEP", "south korean won": "KRW", "north korean won": "KPW",
    "south african rand": "ZAR", "brazilian reais": "BRL", "peruvian sol": "PEN", "vietnamese dong": "VND",
    "bangladeshi taka": "BDT", "georgian lari": "GEL", "bulgarian lev": "BGN", "polish zloty": "PLN",
    "hungarian forint": "HUF", "thai baht": "THB", "indonesian rupiah": "IDR", "nigerian naira": "NGN",
    "ukrainian hryvnia": "UAH", "kazakh tenge": "KZT", "cambodian riel": "KHR", "japanese yen": "JPY",
    "kenyan shilling": "KES", "tanzanian shilling": "TZS", "ugandan shilling": "UGX", "ecu": "XEU",
    "irish pound": "IEP", "cyprus pound": "CYP", "cypriot pound": "CYP", "maltese lira": "MTL", "kuna": "HRK",
    "karbovanets": "UAK", "stg": "GBP",  # the wire's sterling: "37.4 million stg"
}
_NOT_MONEY = ("unidad", "unidades", "wir ", "mvdol", "(")
"""Parts of ISO 4217 names of funds and units of account, not money anyone is paid in."""
_SUPRANATIONAL = frozenset({"XAF", "XOF", "XCD", "XCG", "XPF"})
"""The X codes that are money (CFA and CFP francs, East Caribbean dollars, Caribbean guilders); the others are
metals, bond units, SDRs and test codes."""

_NAME_ENDINGS_NOT_CURRENCIES = frozenset({"gold", "oro", "soberano", "bceao", "beac", "omani", "uruguayo", "renminbi"})
"""Last words of ISO names written the other way round ("Rial Omani", "Zimbabwe Gold", "CFA Franc BEAC"): no
currency word; "four gold medals" is no money."""


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@cache
def _tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(one word → code, (nation words, word) → code), from ISO 4217 and the additions above."""
    names = {_folded(c.name): c.alpha_3 for c in pycountry.currencies
             if not any(part in _folded(c.name) for part in _NOT_MONEY)
             and (not c.alpha_3.startswith("X") or c.alpha_3 in _SUPRANATIONAL)}
    names.update(_EXTRA_NAMES)
    single: dict[str, str] = {}
    by_nation: dict[tuple[str, str], str] = {}
    for name, code in names.items():
        *nation_words, word = name.split()
        if word in _NAME_ENDINGS_NOT_CURRENCIES:
            continue
        if not nation_words:
            single[word] = code
            continue
        nation = " ".join(nation_words)
        for form in (nation, *_NATION_FORMS.get(nation, ())):
            by_nation[form, word] = code
    return single, by_nation


@cache
def _word_forms(word: str) -> tuple[str, ...]:
    """The word as written (lower case), its singular, and what it translates: "zlotys" → zloty, "crowns" → crown,
    krona, krone, koruna. Read from the text, not the lemma: the lemmatizer makes "guilders" a "guilde"."""
    word = _folded(word)
    singular = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return tuple(dict.fromkeys((word, singular, *_WORD_FORMS.get(word, ()), *_WORD_FORMS.get(singular, ()))))


def is_currency_word(word: str) -> bool:
    """A word that names money, one currency or several: "zlotys", "franc", "kronor"."""
    return any(form in _currency_words() for form in _word_forms(word))


@cache
def _currency_words() -> frozenset[str]:
    single, by_nation = _tables()
    return frozenset(single) | {name for _, name in by_nation} | _SHARED_WORDS


def currency_code(word: str, nation: str = "", money_label: bool = False) -> str | None:
    """The ISO 4217 code of a currency word as written, after the nation written before it if any ("Swedish",
    "Hong Kong"); None where the word names no one currency, or is an English word outside a MONEY label."""
    single, by_nation = _tables()
    nation = _folded(nation)
    for form in _word_forms(word):
        if nation:
            if (nation, form) in by_nation:
                return by_nation[nation, form]
        elif form in single and (money_label or not _english_word(word)):
            return single[form]
    return None


def names_money(word: str, money_label: bool) -> bool:
    """Whether a currency word after an amount makes it money even where it names no one currency: "528 million
    francs", "50 cents"; an English word ("marks", "crowns") only under a MONEY label."""
    return is_currency_word(word) and (money_label or not _english_word(word))


def _english_word(word: str) -> bool:
    return any(form in _ENGLISH_WORDS for form in _word_forms(word)[:2])
