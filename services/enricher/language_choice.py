"""Which language an article is routed by (``languages.route``), and how sure that is.

In order:

1. the feed's (or the HTML page's) stated language, as given (``feed``);
2. the language identified on the article's prose, when the identifier is sure (``detected``): at least
   ``MIN_PROSE_CHARS`` of prose and probability 0.5 (``services.cleaner.language``);
3. the language configured for the article's source (``source_default``, ``EnricherOptions.source_languages``);
4. English (``fallback``): an unsure identification is mostly a flash, a results table or a headline, and an
   English article without entities is lost to every consumer, where one wrongly read as English is told apart by
   its ``language_source`` and low ``language_confidence``. The one exception: when most of the text's letters are
   not Latin (Chinese, Cyrillic, Arabic, ...), the English model can find nothing real in it, and the identifier's
   best guess is taken instead.

A language the cleaner identified (``language_detected``) is identified again here: the enricher needs the
identifier's confidence, and the cleaner, which knows no source defaults, leaves unsure articles without a
language. Identification costs 0.7 to 1.5 ms of CPU per article, about 1% of what the English pipeline takes
(``bench/reports/language_routing.md``, ``bench/reports/enricher_speed.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services.cleaner.language import identify
from services.contract.messages import CleanArticle, LanguageSource

ENGLISH = "en"
# Latin letters: Basic Latin, Latin-1, Latin Extended-A and -B (below U+0250), Latin Extended Additional.
_LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)
_SCRIPT_SAMPLE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    tag: str
    """BCP 47 tag (or ISO 639-1 code) the article is routed by."""
    source: LanguageSource
    confidence: float | None
    """The identifier's probability for the language; None when the feed stated it or there was no prose."""


def choose_language(article: CleanArticle, source_languages: Mapping[str, str]) -> LanguageChoice:
    if article.language and not article.language_detected:
        return LanguageChoice(article.language, LanguageSource.FEED, None)
    identification = identify(article.text)

    def confidence(tag: str) -> float | None:
        if identification.language is None:
            return None
        return round(identification.probability_of(_primary(tag)), 4)

    if identification.sure and identification.language is not None:
        return LanguageChoice(identification.language, LanguageSource.DETECTED, confidence(identification.language))
    default = source_languages.get(article.source)
    if default:
        return LanguageChoice(default, LanguageSource.SOURCE_DEFAULT, confidence(default))
    if identification.language is not None and not mostly_latin(article.text):
        return LanguageChoice(identification.language, LanguageSource.FALLBACK, confidence(identification.language))
    return LanguageChoice(ENGLISH, LanguageSource.FALLBACK, confidence(ENGLISH))


def mostly_latin(text: str) -> bool:
    """At least half the letters of the text's first few thousand characters are Latin; True without letters."""
    letters = [c for c in text[:_SCRIPT_SAMPLE_CHARS] if c.isalpha()]
    latin = sum(1 for c in letters if ord(c) < 0x250 or ord(c) in _LATIN_EXTENDED_ADDITIONAL)
    return 2 * latin >= len(letters)


def _primary(tag: str) -> str:
    """The identifier's code for a tag's language (it calls Bokmål ``no``)."""
    primary = tag.lower().replace("_", "-").split("-")[0]
    return "no" if primary == "nb" else primary
