"""Tokenizer rules the English model's tokenizer lacks for news numbers.

- spaCy splits "10-15" at its hyphen but leaves "13–17" and "2004—2017" whole: its infix rules know only the ASCII
  hyphen between digits. A range written with an en or em dash then reaches the NER and the number readers as one
  token no rule can read ("drinking 13–17 ounces", "Drink 20–30 minutes before"). Splitting the dash between digits
  makes such a range read as its hyphen twin is (one fact with ``low`` and ``high``).
- "1-to-7 days" leaves "to-7" whole; split, it reads as "one-to-seven days" does; so with "$12 billion-$14 billion".
- A tilde before digits ("~3x") is split off, as "about" would be.
- "97%–98%" leaves "97%–98" whole; the sign and the dash are split off, so it reads as a percent range.
- "Nelson,27," (no space after the comma) leaves "Nelson,27" whole; the comma is split off.
- A scale letter that ends a sentence ("raised £20m.") stays "m." whole, as an abbreviation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex, compile_prefix_regex

DASH_BETWEEN_DIGITS = r"(?<=[0-9])[–—](?=[0-9])"
HYPHEN_AFTER_TO = r"(?<=\bto)-(?=[0-9])"
"""The second hyphen of "1-to-7 days": spaCy splits the first and leaves "to-7", which no reader takes for a number."""
HYPHEN_AFTER_SCALE = r"(?<=illion)-(?=[$€£0-9])|(?<=illion-)[$€£](?=[0-9])"
"""A range between two scaled amounts: "$12 billion-$14 billion", "5 million-6 million" stay "billion-$14" whole
(the hyphen and the second end's currency symbol are split off)."""
PERCENT_BEFORE_DASH = r"(?<=[0-9])%(?=[-–—][0-9])|(?<=[0-9]%)[-–—](?=[0-9])"
"""A percent range with the sign on both ends ("97%–98%", "5%-6%"): spaCy keeps "97%–98" whole; split, it reads as
"97–98%" does."""
COMMA_BEFORE_DIGITS = r"(?<=[A-Za-z]),(?=[0-9])"
"""An age after a name with the space left out ("Nelson,27, is"): spaCy keeps "Nelson,27" whole."""
TILDE_BEFORE_DIGITS = r"~(?=[0-9])"
"""An approximate amount's tilde ("~3x", "~40%"): spaCy keeps "~3x" whole, a token no reader takes for a number."""
SCALE_ABBREVIATIONS = ("m.", "bn.", "k.", "mn.")
"""Scale letters that close a sentence ("raised £20m."): the English tokenizer keeps "m." whole, as an abbreviation,
and the readers would not see the scale; split, "£20m." reads as "£20m" does."""


def with_number_tokenizing(nlp: Language) -> Language:
    """Add the rules to ``nlp``'s tokenizer (once) and return ``nlp``."""
    infixes = list(nlp.Defaults.infixes or ())
    added = [rule for rule in (DASH_BETWEEN_DIGITS, HYPHEN_AFTER_TO, HYPHEN_AFTER_SCALE, PERCENT_BEFORE_DASH,
                               COMMA_BEFORE_DIGITS) if rule not in infixes]
    if added:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, *added]).finditer
    prefixes = list(nlp.Defaults.prefixes or ())
    if TILDE_BEFORE_DIGITS not in prefixes:
        nlp.tokenizer.prefix_search = compile_prefix_regex([TILDE_BEFORE_DIGITS, *prefixes]).search
    for abbreviation in SCALE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation[:-1]}, {ORTH: "."}])
    return nlp
