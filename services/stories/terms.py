"""An article's content words, cheaply: lowercase word tokens minus the stop words of its language.

The enricher does not publish lemmas, and running spaCy again in the stories stage would cost more than the
stage itself; a plural-folding rule (English only) and a stop list get most of what lemmas gave in our
measurements. Stop words come from spaCy's language data for the article's language (German, Norwegian, Swedish,
Chinese, … as well as English): without them, two German articles would look alike by "der", "die" and "und".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.util import get_lang_class

# The opening states the event (who, what, where); words there say more about it than words in the background.
# 1,200 characters (about the headline and the first three or four paragraphs) rather than 400: chosen on WikiRef220
# + seeds and confirmed on the timed set (bench/reports/story_quality.md, "Event-separating variants").
LEAD_CHARS = 1200
_LEAD_WEIGHT = 2.0
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
ENGLISH = "en"


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for a BCP 47 tag's language; English ones for a language spaCy does not know."""
    try:
        return frozenset(get_lang_class(language.split("-")[0].lower()).Defaults.stop_words)
    except ImportError:
        return stop_words(ENGLISH)


def fold(word: str) -> str:
    """Lowercase, without a possessive or a regular plural, so `prisoners` and `prisoner's` count as `prisoner`."""
    word = _POSSESSIVE.sub("", word.lower())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_counts(text: str, language: str | None = None, lead_chars: int = LEAD_CHARS) -> Counter[str]:
    """Content-word counts, words in the first ``lead_chars`` characters counted double."""
    language = language or ENGLISH
    stops = stop_words(language)
    english = language.split("-")[0].lower() == ENGLISH
    counts: Counter[str] = Counter()
    for match in WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 2 or word in stops:
            continue
        term = fold(word) if english else word
        if term in stops:
            continue
        counts[term] += _LEAD_WEIGHT if match.start() < lead_chars else 1.0
    return counts
