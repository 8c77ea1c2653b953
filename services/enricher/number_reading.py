"""Reading the value a run of tokens writes: numerals, spelled numbers, scales, fractions and signs.

``read_number`` takes the longest run of tokens from a start that writes one number and returns its value; what
the number is (money, a share, a count, …) is for ``numbers.py`` to say from what surrounds it. What cannot be
read with confidence is refused, never guessed:

* two numerals in a row ("1 234 567", "5 10") are a list or a range, not one number;
* a slash fraction must be proper and have a denominator that measures things ("3/4", "1/16"); "9/11", "24/7"
  and "6/4" are names, slogans and scores. After a whole number ("2 1/2") any proper fraction is read;
* a fraction word needs a numerator that agrees with it ("a third", "two thirds"): "two half-brothers" is no
  number; a bare "half" is one ("half the homes", "half a million");
* letters glued to digits are a scale ("3bn"; "$48.2m", "€10B" only in money) or a unit the caller must know
  ("200lbs"); "5G" or "1990s" are neither, and the caller drops them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Token

from services.enricher import number_words as W

__all__ = ["Reading", "read_number", "starts_number", "token_at", "word_at"]

_NUMERAL = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# A plus sign is not read: "+49" is a telephone code more often than a rise.
_SIGN = r"([-−]?)"
# ASCII digits only: unicode digits ("²") pass isdigit() but are not numbers we can read.
# A leading decimal point is a numeral on its own (".08", "$.50"); not inside other patterns, where "." glues ids.
_SIGNED_NUMERAL = re.compile(rf"^{_SIGN}({_NUMERAL}|\.[0-9]+)$")
_SLASH_FRACTION = re.compile(rf"^{_SIGN}([0-9]{{1,3}})/([0-9]{{1,4}})$")
_VULGAR = re.compile(rf"^{_SIGN}([0-9]*)([{''.join(W.VULGAR_FRACTIONS)}])$")
# "3bn", "$48.2m", "200lbs", "10km/h"; a sentence's full stop can stick to the last token ("$2.174T.").
_GLUED = re.compile(rf"^{_SIGN}({_NUMERAL})([a-z][a-z0-9²³/]*)\.?$")
# Scientific notation: "1.3e6", "12.32e+14", "-12e-1" (exponents of up to three digits; "1e999" is read and then
# dropped as beyond a float by fact_values).
_EXPONENT = re.compile(rf"^{_SIGN}([0-9]+(?:\.[0-9]+)?)e([-+]?[0-9]{{1,3}})$")
# Digit groups set apart by spaces: "1 234 567", "40\u202f000" (SI and many locales' thousands separator).
_FIRST_GROUP = re.compile(r"^[0-9]{1,3}$")
_GROUP = re.compile(r"^[0-9]{3}$")
_LAST_GROUP = re.compile(r"^[0-9]{3}(?:\.[0-9]+)?$")
_GROUP_SPACES = frozenset("\u00a0\u202f\u2009")
# A currency symbol the tokenizer left on the digits, with a scale after them: "RM12.40", "Rs500", "HK$3bn".
_PREFIXED = re.compile(
    rf"^({'|'.join(map(re.escape, sorted(W.GLUED_CURRENCY_SYMBOLS, key=len, reverse=True)))})({_NUMERAL})([a-z]*)\.?$")
# The country after a dollar sign, as Australian and some Asian papers write it: "$US3.95", "$A9.2 million". The
# tokenizer splits the "$" off and leaves "US3.95", which is read so only right after a "$" ("US30YT" is a bond).
_DOLLAR_COUNTRY = re.compile(rf"^(US|A|NZ|HK|C|S)({_NUMERAL})([a-z]*)\.?$")
_DOLLAR_COUNTRY_CODES = {"US": "USD", "A": "AUD", "NZ": "NZD", "HK": "HKD", "C": "CAD", "S": "SGD"}
# Denominators a slash fraction is written with when it measures something (halves to tenths, sixteenths,
# percentages of a whole): outside these, "9/11" or "7/12" are more often names or dates.
_MEASURING_DENOMINATORS = frozenset({*range(2, 11), 12, 16, 32, 64, 100, 1000})
_ARTICLES = frozenset({"a", "an"})
_NEGATIVE_SIGNS = frozenset({"-", "−"})


@dataclass(frozen=True)
class Reading:
    tokens: tuple[Token, ...]
    value: Decimal
    proper_fraction: bool = False
    """A fraction of one and nothing else ("two thirds", "3/4", "half"): no whole part, no scale."""
    glued_unit: str | None = None
    """Letters glued to the last numeral that are no scale ("200lbs" → "lbs"): a unit the caller must know."""
    glued_currency: str | None = None
    """The code of a currency symbol glued before the digits ("RM12.40" → "MYR")."""

    @property
    def last(self) -> Token:
        return self.tokens[-1]


@dataclass(frozen=True)
class _Fraction:
    numerator: int
    denominator: int
    position: int
    """Index of the word that closes the fraction in the reading's words."""
    numerator_from: int
    """Index of its first word (the numerator's)."""


# ---- which tokens write the number --------------------------------------------------------------------------------


def starts_number(doc: Doc, i: int) -> bool:
    if not 0 <= i < len(doc):
        return False
    tok, nxt = doc[i], token_at(doc, i + 1)
    word, next_word = tok.lower_, (nxt.lower_ if nxt is not None else "")
    if _numeral_words(tok, money=False) is not None or word in W.SMALL_NUMBERS or word == "half":
        return True
    if word in _ARTICLES:
        return next_word in W.MULTIPLIERS or next_word in W.SCALES or next_word in W.SINGULAR_DENOMINATORS
    if word == "quarter":
        return next_word in W.SCALES
    plus_or_minus = word == "minus" and word_at(doc, i - 1) == "or" and word_at(doc, i - 2) == "plus"
    return word in W.SIGN_WORDS and next_word not in W.SIGN_WORDS and not plus_or_minus and starts_number(doc, i + 1)


def read_number(doc: Doc, first: int, limit: int, money: bool) -> Reading | None:
    """The number written from ``first``: tokens up to ``limit`` (exclusive), and scale words just past it
    ("35 lakh", "$5 mil" where the NER stopped at the digits)."""
    if not starts_number(doc, first):
        return None
    money = money or _millions_of_things(doc, first)
    grouped = _digit_groups(doc, first)
    tokens = list(grouped) if grouped else [doc[first]]
    while (nxt := token_at(doc, tokens[-1].i + 1)) is not None and _continues(tokens, nxt, limit, money):
        tokens.append(nxt)
    tokens += _hyphened_fraction_after(tokens[-1])
    words: list[str] = ["".join(t.text for t in grouped if t.text not in _GROUP_SPACES)] if grouped else []
    glued_unit = glued_currency = None
    for tok in tokens[len(grouped):]:
        token_words = _numeral_words(tok, money)
        if token_words is None:
            token_words = [tok.lower_]
        else:
            if token_words[0].startswith("¤"):
                glued_currency = token_words.pop(0)[1:]
            if token_words[-1].startswith("~"):
                glued_unit = token_words.pop()[1:]
        words += token_words
    value = _value(words, money or glued_currency is not None)
    if value is None:
        return None
    return Reading(tuple(tokens), value[0], proper_fraction=value[1], glued_unit=glued_unit,
                   glued_currency=glued_currency)


def _digit_groups(doc: Doc, first: int) -> tuple[Token, ...]:
    """The tokens of a number whose thousands are set apart by spaces ("1 234 567", "40\u202f000", "1 414 021
    100"); () for any other. A no-break, narrow or thin space groups digits wherever it is; a plain space only
    with two groups or more after the first, since "on March 5 200 people" writes two numbers, or where the NER
    holds the groups in one entity ("the 40 000 workers")."""
    tok = doc[first]
    if _FIRST_GROUP.match(tok.text) is None or tok.i > 0 and doc[tok.i - 1].like_num:
        return ()
    chain, plain, i = [tok], 0, first
    while True:
        nxt, spaced = token_at(doc, i + 1), None
        if nxt is not None and nxt.text in _GROUP_SPACES and not doc[i].whitespace_:
            spaced, nxt = nxt, token_at(doc, i + 2)
        elif nxt is not None and doc[i].whitespace_ not in _GROUP_SPACES and doc[i].whitespace_ != " ":
            break
        if nxt is None or _LAST_GROUP.match(nxt.text) is None or (spaced is not None and spaced.whitespace_):
            break
        plain += spaced is None and doc[i].whitespace_ == " "
        chain += [spaced, nxt] if spaced is not None else [nxt]
        i = nxt.i
        if _GROUP.match(nxt.text) is None:
            break  # decimals close the number
    groups = sum(1 for t in chain[1:] if t.text not in _GROUP_SPACES)
    # The NER read "40 000" as one number; not a percentage: "74 100%" in a table row is two columns.
    one_entity = all(t.ent_iob_ == "I" for t in chain[1:]) and tok.ent_type_ != "PERCENT"
    if groups == 0 or (plain and groups < 2 and not one_entity):
        return ()
    nxt = token_at(doc, chain[-1].i + 1)
    if nxt is not None and chain[-1].whitespace_ and _FIRST_GROUP.match(nxt.text):
        return ()  # "1 234 56": no grouping
    return tuple(chain)


def _hyphened_fraction_after(last: Token) -> list[Token]:
    """ "-and-a-half" written onto a whole number ("five-and-a-half points", "two-and-a-quarter"), which the NER
    leaves out of the number: its five tokens, or none."""
    doc, words = last.doc, ("-", "and", "-", ("a", "an"), "-", ("half", "quarter"))
    if (mixed := _hyphened_vulgar_fraction(last)) is not None:
        return mixed
    tail = list(doc[last.i + 1:last.i + 1 + len(words)])
    if len(tail) < len(words) or not (last.lower_ in W.SMALL_NUMBERS or _SIGNED_NUMERAL.match(last.text)):
        return []
    joined = all(not t.whitespace_ for t in [last, *tail[:-1]])
    spelled = all(t.lower_ in w if isinstance(w, tuple) else t.lower_ == w for t, w in zip(tail, words, strict=True))
    return tail if joined and spelled else []


_PROPER_FRACTION = re.compile(r"^([0-9]{1,2})/([0-9]{1,3})$")


def _hyphened_vulgar_fraction(last: Token) -> list[Token] | None:
    """ "-11/32" written onto whole digits: the wire's mixed fractions ("slid 1-11/32", "3-1/2 inches"), a proper
    fraction of a power of two (a bond's 32nds, a stock's eighths, an inch's halves), not a date ("5-11/12")."""
    doc = last.doc
    hyphen, fraction = token_at(doc, last.i + 1), token_at(doc, last.i + 2)
    if hyphen is None or fraction is None or not joined_hyphen(last, hyphen) \
            or not (last.text.isascii() and last.text.isdigit()):
        return None
    m = _PROPER_FRACTION.match(fraction.text)
    if m is None or not 0 < int(m.group(1)) < int(m.group(2)) or int(m.group(2)) & (int(m.group(2)) - 1):
        return None
    return [hyphen, fraction]


def _millions_of_things(doc: Doc, first: int) -> bool:
    """ "2m people", "1.5m homes": digits with "m" glued on (the tokenizer splits it off) before a plural noun are
    millions, as in money; "a 2m fence", "ran 100m", "1.8m tall" are metres."""
    digits, letter, noun = (token_at(doc, i) for i in (first, first + 1, first + 2))
    return digits is not None and letter is not None and noun is not None and not digits.whitespace_ \
        and _SIGNED_NUMERAL.match(digits.lower_) is not None and letter.lower_ == "m" and noun.tag_ == "NNS"


def _continues(tokens: list[Token], tok: Token, limit: int, money: bool) -> bool:
    prev, word = tokens[-1], tok.lower_
    if _glued_unit_of(prev, money) is not None:
        return False  # "200lbs": the unit closes the number
    if word == "point" or any(t.lower_ == "point" for t in tokens):  # the NER often stops before the decimals
        return _decimal_continues(tokens, tok)
    if word == "of":  # "a quarter of a million", "two thirds of a billion": the fraction's scale
        return (_is_fraction_word(prev) or prev.lower_ in W.SINGULAR_DENOMINATORS) and _scale_after_article(tok)
    if prev.lower_ == "of" and word in _ARTICLES:
        return True  # _continues took "of" only with an article and a scale after it
    if _compound_denominator_continues(tokens, tok):
        return True
    if tok.i >= limit:
        return _completes_number(tokens, tok, money)
    nxt = token_at(tok.doc, tok.i + 1)
    next_word = nxt.lower_ if nxt is not None and nxt.i < limit else ""
    if _numeral_words(tok, money) is not None:
        # two numerals in a row: _value refuses them, unless the second is a fraction ("2 1/2"); a second one joined
        # to its noun starts a number of its own ("75,000 55-gallon barrels")
        return not (nxt is not None and joined_hyphen(tok, nxt) and _SIGNED_NUMERAL.match(tok.lower_) is not None)
    if word in W.SMALL_NUMBERS or word in W.MULTIPLIERS or word in W.SCALES or (money and word in W.MONEY_SUFFIXES):
        return True
    if word in W.PLURAL_MULTIPLIERS or word in W.PLURAL_DENOMINATORS:
        return prev.lower_ in W.SMALL_NUMBERS or _numeral_words(prev, money) is not None or prev.text == "-" \
            or (word in W.PLURAL_DENOMINATORS and prev.lower_ == "hundred")
    if word in W.SINGULAR_DENOMINATORS:
        before = tokens[-2] if len(tokens) > 1 else None  # "one-half"
        return prev.lower_ in ("a", "an", "one", "and") or (
            before is not None and before.lower_ == "one" and joined_hyphen(before, prev))
    if word in _ARTICLES:
        if prev.lower_ == "and" and word_at(tok.doc, tok.i + 1) in W.SINGULAR_DENOMINATORS:
            return True  # "five and a quarter" where the NER stopped before the fraction word
        return next_word in W.SINGULAR_DENOMINATORS or (_is_fraction_word(prev) and next_word in
                                                         W.SCALES.keys() | W.MULTIPLIERS.keys())
    if word == "and":  # past the NER's span only into a fraction: "3 million and a half"
        return _and_continues(prev, nxt, fraction_only=nxt is not None and nxt.i >= limit)
    # "twenty-five", "one-half", "two-thirds", "$10-million" (North American papers hyphenate the scale of money); not
    # "two-three", a range (read by its caller), nor "five-six"
    compound = prev.lower_ in W.TENS and W.SMALL_NUMBERS.get(next_word, 10) < 10
    return joined_hyphen(prev, tok) and (
        compound or next_word in W.SINGULAR_DENOMINATORS or next_word in W.PLURAL_DENOMINATORS
        or (next_word in W.SCALES and prev.text[:1].isdigit()))


def _compound_ordinal_after(tens: Token) -> Token | None:
    """The unit ordinal a tens word makes a compound denominator with ("twenty-fifth", "thirty fifths"), if any;
    not where a hyphen joins more to it ("a twenty-first-century idea")."""
    doc = tens.doc
    ordinal = token_at(doc, tens.i + 1)
    if ordinal is not None and joined_hyphen(tens, ordinal):
        ordinal = token_at(doc, ordinal.i + 1)
    if ordinal is None or (ordinal.lower_ not in W.UNIT_ORDINALS and ordinal.lower_ not in W.PLURAL_UNIT_ORDINALS):
        return None
    after = token_at(doc, ordinal.i + 1)
    return None if after is not None and joined_hyphen(ordinal, after) else ordinal


def _compound_denominator_continues(tokens: list[Token], tok: Token) -> bool:
    """A numerator, then a tens word and a unit ordinal: "one twenty-fifth" (1/25), "three twenty firsts" (3/21),
    "one hundred thirty fifths" (100/35). Without a numerator before the tens word ("the twenty-first") it is an
    ordinal, read elsewhere."""
    prev = tokens[-1]
    if tok.lower_ in W.TENS:
        tens, numerator_end = tok, len(tokens)
    elif prev.lower_ in W.TENS and (tok.text == "-" or tok.lower_ in W.UNIT_ORDINALS
                                    or tok.lower_ in W.PLURAL_UNIT_ORDINALS):
        tens, numerator_end = prev, len(tokens) - 1
    elif prev.text == "-" and len(tokens) > 1 and tokens[-2].lower_ in W.TENS:
        tens, numerator_end = tokens[-2], len(tokens) - 2
    else:
        return False
    numerator_word = tokens[numerator_end - 1].lower_ if numerator_end > 0 else ""
    ordinal = _compound_ordinal_after(tens)
    if ordinal is None or tok.i > ordinal.i:
        return False
    if ordinal.lower_ in W.UNIT_ORDINALS:  # one of them: "one twenty-fifth"; "fifty twenty-fifth anniversaries"
        return numerator_word in ("a", "an", "one")
    return numerator_word in W.SMALL_NUMBERS or numerator_word in W.MULTIPLIERS


def _scale_after_article(of: Token) -> bool:
    article, scale = token_at(of.doc, of.i + 1), token_at(of.doc, of.i + 2)
    return article is not None and scale is not None and article.lower_ in _ARTICLES and scale.lower_ in W.SCALES


def _decimal_continues(tokens: list[Token], tok: Token) -> bool:
    """ "five point two", "two hundred point seventy-one", "nine point nought four": digit words after "point"."""
    prev, nxt = tokens[-1], token_at(tok.doc, tok.i + 1)
    next_word = nxt.lower_ if nxt is not None else ""
    if tok.lower_ == "point":
        whole = prev.lower_ in W.SMALL_NUMBERS or prev.lower_ in W.MULTIPLIERS
        return whole and "point" not in (t.lower_ for t in tokens) and next_word in W.SMALL_NUMBERS
    return tok.lower_ in W.SMALL_NUMBERS or (joined_hyphen(prev, tok) and next_word in W.SMALL_NUMBERS)


def _completes_number(tokens: list[Token], tok: Token, money: bool) -> bool:
    """Words the NER often leaves out of the number before them: "35 lakh", "$5 mil", "three dozens",
    "three halves", "3 million and a half"."""
    prev, word = tokens[-1], tok.lower_
    if word in W.SCALES or word in W.MULTIPLIERS or (money and word in W.MONEY_SUFFIXES):
        return True
    if prev.lower_ in W.TENS and 0 < W.SMALL_NUMBERS.get(word, 0) < 10:
        return True  # "three hundred and thirty one", where the NER stopped at "thirty"
    if word in W.PLURAL_MULTIPLIERS or word in W.PLURAL_DENOMINATORS:
        return prev.lower_ in W.SMALL_NUMBERS or _SIGNED_NUMERAL.match(prev.lower_) is not None \
            or (word in W.PLURAL_DENOMINATORS and prev.lower_ == "hundred")
    if word in W.SINGULAR_DENOMINATORS:
        return prev.lower_ in ("a", "an", "one", "and")
    nxt = token_at(tok.doc, tok.i + 1)
    if word == "and":
        return _and_continues(prev, nxt, fraction_only=True)
    after_and = prev.lower_ == "and" or (len(tokens) > 1 and tokens[-2].lower_ == "and")
    return after_and and nxt is not None and (
        (word in ("a", "an", "one") and nxt.lower_ in W.SINGULAR_DENOMINATORS)
        or (word in W.SMALL_NUMBERS and nxt.lower_ in W.PLURAL_DENOMINATORS))


def _and_continues(prev: Token, nxt: Token | None, fraction_only: bool = False) -> bool:
    """'one hundred and twenty', 'one and a half', 'three million and a half'; not '12 and 13'."""
    if nxt is None:
        return False
    word, after = nxt.lower_, token_at(nxt.doc, nxt.i + 1)
    after_word = after.lower_ if after is not None else ""
    if (prev.lower_ in W.MULTIPLIERS or prev.lower_ in W.SCALES) and word in W.SMALL_NUMBERS \
            and after_word not in W.SINGULAR_DENOMINATORS and after_word not in W.PLURAL_DENOMINATORS:
        return not fraction_only
    if word in ("a", "an", "one"):
        return after_word in W.SINGULAR_DENOMINATORS
    if word in W.SMALL_NUMBERS:
        return after_word in W.PLURAL_DENOMINATORS or (after_word == "-" and token_at(nxt.doc, nxt.i + 2) is not None
                                                       and nxt.doc[nxt.i + 2].lower_ in W.PLURAL_DENOMINATORS)
    return word == "half" or _fraction_token(nxt.lower_) is not None


def joined_hyphen(left: Token, hyphen: Token) -> bool:
    """A hyphen written without spaces ("twenty-five", "two-thirds"), not a dash ("fifty - two")."""
    return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_


def _is_fraction_word(tok: Token) -> bool:
    word = tok.lower_
    return word in ("half", "quarter") or word in W.PLURAL_DENOMINATORS or _fraction_token(word) is not None


# ---- the words one token writes -----------------------------------------------------------------------------------


def _numeral_words(tok: Token, money: bool) -> list[str] | None:
    """The words a token with digits or a fraction sign writes: '2½' → ['2', '½'], '3bn' → ['3', 'bn'],
    '-0.3' → ['minus', '0.3'], '200lbs' → ['200', '~lbs'] (a glued unit); None for other tokens."""
    text = tok.lower_
    if (m := _SIGNED_NUMERAL.match(text)) is not None:
        return _signed(m.group(1), [m.group(2)])
    if (m := _SLASH_FRACTION.match(text)) is not None:
        return _signed(m.group(1), [f"{m.group(2)}/{m.group(3)}"])
    if (m := _VULGAR.match(text)) is not None:
        return _signed(m.group(1), [w for w in (m.group(2), m.group(3)) if w])
    if (m := _EXPONENT.match(text)) is not None:
        return _signed(m.group(1), [format(Decimal(f"{m.group(2)}e{m.group(3)}"), "f")])
    if (m := _GLUED.match(text)) is not None:
        letters = m.group(3)
        if letters in W.SCALES or (money and letters in W.MONEY_SUFFIXES):
            return _signed(m.group(1), [m.group(2), letters])
        if letters == W.GLUED_THOUSAND and tok.text.rstrip(".").endswith(W.GLUED_THOUSAND):  # "30k", not "4K"
            return _signed(m.group(1), [m.group(2), "thousand"])
        if (written := tok.text.rstrip(".")[-len(letters):]) in W.GLUED_SCALES:  # "10M", "1.2b"; not "10m"
            return _signed(m.group(1), [m.group(2), W.GLUED_SCALES[written]])
        return _signed(m.group(1), [m.group(2), f"~{letters}"])
    if (m := _PREFIXED.match(tok.text)) is not None:
        return _prefixed_money(W.GLUED_CURRENCY_SYMBOLS[m.group(1)], m.group(2), m.group(3))
    if (m := _DOLLAR_COUNTRY.match(tok.text)) is not None and tok.i > 0 and tok.doc[tok.i - 1].text == "$" \
            and not tok.doc[tok.i - 1].whitespace_:
        return _prefixed_money(_DOLLAR_COUNTRY_CODES[m.group(1)], m.group(2), m.group(3))
    return None


def _prefixed_money(code: str, digits: str, letters: str) -> list[str] | None:
    """The words of digits a currency symbol is glued before, with a scale glued after or none ("RM12abc": none)."""
    if letters and letters not in W.SCALES and letters not in W.MONEY_SUFFIXES:
        return None
    return [f"¤{code}", digits, *([letters] if letters else [])]


def _signed(sign: str, words: list[str]) -> list[str]:
    return ["minus", *words] if sign in _NEGATIVE_SIGNS else words


def _glued_unit_of(tok: Token, money: bool) -> str | None:
    words = _numeral_words(tok, money)
    return words[-1][1:] if words is not None and words[-1].startswith("~") else None


def _fraction_token(word: str) -> tuple[int, int] | None:
    """'3/4' → (3, 4), '½' → (1, 2); None for anything else."""
    if word in W.VULGAR_FRACTIONS:
        return W.VULGAR_FRACTIONS[word]
    if (m := _SLASH_FRACTION.match(word)) is not None and not m.group(1):
        return int(m.group(2)), int(m.group(3))
    return None


# ---- the value of the words ---------------------------------------------------------------------------------------


def _value(words: list[str], money: bool) -> tuple[Decimal, bool] | None:
    """The value and whether it is a proper fraction and nothing else; None when the words are no one number."""
    negative = bool(words) and words[0] in W.SIGN_WORDS
    words = words[1:] if negative else words
    fraction = _find_fraction(words)
    if fraction is None:
        whole = _whole(words, money)
        if whole is None or whole[0] is None:
            return None
        value, proper = whole[0], False
    else:
        combined = _with_fraction(words, fraction, money)
        if combined is None:
            return None
        value, proper = combined
    return (-value if negative else value), proper


def _find_fraction(words: list[str]) -> _Fraction | None:
    for k, word in enumerate(words):
        if (written := _fraction_token(word)) is not None:
            return _Fraction(*written, position=k, numerator_from=k)
        if (compound := _compound_fraction(words, k)) is not None:
            return compound
        denominator = W.SINGULAR_DENOMINATORS.get(word) or W.PLURAL_DENOMINATORS.get(word)
        if denominator is not None:
            # A plural denominator takes a numerator with "hundred" ("a hundred trillionths", "one hundred fifths").
            start = _numerator_start(words, k, hundreds=word in W.PLURAL_DENOMINATORS)
            numerator = _numerator(words[start:k])
            return _Fraction(numerator, denominator, position=k, numerator_from=start)
    return None


def _compound_fraction(words: list[str], k: int) -> _Fraction | None:
    """A unit ordinal at ``k`` after a tens word, with a numerator before that: "one twenty - fifth" is 1/25."""
    unit = W.UNIT_ORDINALS.get(words[k]) or W.PLURAL_UNIT_ORDINALS.get(words[k])
    tens_at = k - 2 if k >= 2 and words[k - 1] == "-" else k - 1
    if unit is None or tens_at < 1 or words[tens_at] not in W.TENS:
        return None
    start = _numerator_start(words, tens_at, hundreds=True)
    if start == tens_at:
        return None
    denominator = W.SMALL_NUMBERS[words[tens_at]] + unit
    return _Fraction(_numerator(words[start:tens_at]), denominator, position=k, numerator_from=start)


def _numerator_start(words: list[str], end: int, hundreds: bool) -> int:
    start = end
    while start > 0 and (words[start - 1] in W.SMALL_NUMBERS or words[start - 1] in _ARTICLES
                         or words[start - 1] == "-" or (hundreds and words[start - 1] == "hundred")):
        start -= 1
    return start


def _numerator(words: list[str]) -> int:
    """'two' → 2, 'twenty - three' → 23, 'a' → 1, 'one hundred thirty two' → 132; a bare fraction word ('half a
    million') has 1; -1 when the words are no whole number."""
    words = [w for w in words if w != "-"]
    if not words or words in (["a"], ["an"]):
        return 1
    small = [W.SMALL_NUMBERS.get(w, -1) for w in words]
    if len(small) == 2 and small[0] >= 20 and small[0] % 10 == 0 and 0 < small[1] < 10:
        return small[0] + small[1]
    if len(small) == 1:
        return small[0]
    whole = _whole(words, money=False)
    if whole is None or whole[0] is None or whole[1] is not None or whole[0] != int(whole[0]):
        return -1
    return int(whole[0])


def _with_fraction(words: list[str], fraction: _Fraction, money: bool) -> tuple[Decimal, bool] | None:
    denominator_word = words[fraction.position]
    if fraction.numerator <= 0 or fraction.numerator >= 1000:
        return None
    singular = denominator_word in W.SINGULAR_DENOMINATORS or denominator_word in W.UNIT_ORDINALS
    plural = denominator_word in W.PLURAL_DENOMINATORS or denominator_word in W.PLURAL_UNIT_ORDINALS
    if (singular and fraction.numerator != 1) or (plural and fraction.numerator == 1):
        return None  # "two half-brothers"
    before = words[:fraction.numerator_from]
    joined = bool(before) and before[-1] == "and"
    if joined and fraction.numerator >= fraction.denominator and _fraction_token(denominator_word) is None:
        # "one hundred and thirty fifths" is 130/5: a mixed number's part is less than one ("three and two thirds")
        whole_numerator = _whole([*before[:-1], *words[fraction.numerator_from:fraction.position]], money)
        if whole_numerator is None or whole_numerator[0] is None or whole_numerator[1] is not None:
            return None
        tail = _multiplier(words[fraction.position + 1:])
        return (None if tail is None else (whole_numerator[0] / Decimal(fraction.denominator) * tail, False))
    whole = _whole(before[:-1] if joined else before, money)
    tail = _multiplier(words[fraction.position + 1:])
    if whole is None or tail is None:
        return None
    whole_value, whole_scale = whole
    written = _fraction_token(denominator_word) is not None
    if written and (fraction.numerator >= fraction.denominator or (whole_value or 0) >= 1000):
        return None  # "24/7"; "2019 1/3" is a year and a fraction, not one number
    if written and whole_value is None and fraction.denominator not in _MEASURING_DENOMINATORS:
        return None
    if whole_value is not None and not (joined or written):
        return None  # "one hundred thirty fifths": no reading is safe
    part = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    if whole_value is None:
        return part * tail, tail == 1 and part < 1
    if whole_scale is not None:  # "one billion and a half million", "three million and a half"
        return whole_value + part * (tail if tail != 1 else whole_scale), False
    return (whole_value + part) * tail, False


def _multiplier(words: list[str]) -> Decimal | None:
    """What follows a fraction: 'million', 'a dozen'; 1 when nothing does."""
    factor = Decimal(1)
    for word in words:
        if word in _ARTICLES or word == "of":
            continue
        scale = W.SCALES.get(word) or W.MULTIPLIERS.get(word) or W.MONEY_SUFFIXES.get(word)
        if scale is None:
            return None
        factor *= scale
    return factor


# Kept by hand, not text2num: on the 115 spelled quantities of the Recognizers NumberModel spec this reader gets 76
# right, text2num's ``text2num`` 24 (it reads no fractions, dozens, "a"/"half a", nor digits with scale words); the 3
# only text2num reads are runs of spaces the cleaner collapses (``python -m bench.number_libraries``).
def _whole(words: list[str], money: bool) -> tuple[Decimal | None, int | None] | None:
    """The value of a whole number's words (None when there are none) and the scale it ends with, if any
    ("three million" → 3000000, 10**6); None when the words are not one number."""
    if "point" in words:
        at = words.index("point")
        whole, decimals = _whole(words[:at], money), _decimal_digits(words[at + 1:])
        if whole is None or whole[0] is None or whole[1] is not None or decimals is None:
            return None
        return whole[0] + Decimal(f"0.{decimals}"), None
    total, current, scale = Decimal(0), None, None
    before_and: Decimal | None = None
    """The running group where an "and" joined a smaller part to it: "three hundred and two dozens" is 300 + 24."""
    previous_scale: int | None
    for word in words:
        if word == "and":
            before_and = current
        if word in ("-", "and", "a", "an"):
            continue
        previous_scale, scale = scale, None
        if _SIGNED_NUMERAL.match(word):
            if current is not None:
                return None  # two numerals in a row: a range or a list
            current = Decimal(word.replace(",", ""))
        elif word in W.SMALL_NUMBERS:
            current = _add_small(current, W.SMALL_NUMBERS[word])
            if current is None:
                return None
        elif word in W.MULTIPLIERS or word in W.PLURAL_MULTIPLIERS:
            factor = W.MULTIPLIERS.get(word) or W.PLURAL_MULTIPLIERS[word]
            if factor == 12 and before_and is not None and current is not None and current > before_and:
                current = before_and + (current - before_and) * factor
            else:
                current = (Decimal(1) if current is None else current) * factor
        elif word in W.SCALES or (money and word in W.MONEY_SUFFIXES):
            factor = W.SCALES.get(word) or W.MONEY_SUFFIXES[word]
            if current is None and previous_scale is not None:
                total *= factor  # "three lakh crore", "a thousand million": scales in a row multiply
            else:
                total += (Decimal(1) if current is None else current) * factor
            current, scale = None, factor
        else:
            return None
    if current is None and total == 0:
        return None, None
    return total + (current or 0), scale


def _add_small(current: Decimal | None, small: int) -> Decimal | None:
    """'one hundred' + 'five', 'twenty' + 'three'; None for 'twenty twenty' or 'five six'."""
    if current is None:
        return Decimal(small)
    if current >= 1000:
        return None  # "1,000,000 five"
    if (current >= 100 and current % 100 == 0 and small < 100) or \
            (current >= 20 and current % 10 == 0 and current % 100 != 0 and small < 10):
        return current + small
    return None


def _decimal_digits(words: list[str]) -> str | None:
    """'zero three' → '03', 'seventy - one' → '71' (the words after 'point')."""
    values = [W.SMALL_NUMBERS[w] for w in words if w != "-" and w in W.SMALL_NUMBERS]
    if not values or len(values) != len([w for w in words if w != "-"]):
        return None
    if all(v < 10 for v in values):
        return "".join(map(str, values))
    compound = _numerator(words)
    return str(compound) if compound > 0 else None


def token_at(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def word_at(doc: Doc, i: int) -> str:
    """The lowercased token at ``i``, or "" past either end."""
    return doc[i].lower_ if 0 <= i < len(doc) else ""
