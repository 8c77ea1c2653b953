"""An article's content words, cheaply: lowercase word tokens minus spaCy's English stop words.

The enricher does not publish lemmas, and running spaCy again in the stories stage would cost more than the
stage itself; a plural-folding rule and a stop list get most of what lemmas gave in our measurements.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

# The opening states the event (who, what, where); words there say more about it than words in the background.
LEAD_CHARS = 400
_LEAD_WEIGHT = 2.0
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def fold(word: str) -> str:
    """Lowercase, without a possessive or a regular plural, so `prisoners` and `prisoner's` count as `prisoner`."""
    word = _POSSESSIVE.sub("", word.lower())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_counts(text: str) -> Counter[str]:
    """Content-word counts, words in the first ``LEAD_CHARS`` characters counted double."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 2 or word in STOP_WORDS:
            continue
        term = fold(word)
        if term in STOP_WORDS:
            continue
        counts[term] += _LEAD_WEIGHT if match.start() < LEAD_CHARS else 1.0
    return counts
