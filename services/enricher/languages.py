"""Which tools an article gets, by its language, and what it goes without.

| language (primary subtag)       | entities            | numbers and dates                      |
|---------------------------------|---------------------|----------------------------------------|
| en                              | spaCy English model | parsed: counted, predicate, subject    |
| de (not de-CH, de-LI), nb/no/nn, sv | skipped: no model | rules (``rule_numbers.py``), no parse |
| zh                              | skipped: no model   | rules, Arabic digits only              |
| any other                       | skipped: no model   | skipped: no rules                      |

The English model is never run on a language known to be another: its entities on German text are noise a
consumer cannot tell from real ones. Which language an article has is decided before (``language_choice.py``):
the feed's, the one identified on its prose, its source's default, or English when none of these is sure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from services.contract.messages import EnrichmentSkipReason, NumberFact, SkippedStep
from services.enricher.rule_numbers import read_numbers
from services.enricher.rule_words import GERMAN, NORWEGIAN, SWEDISH, NumberWords
from services.enricher.zh_numbers import read_chinese_numbers

NumberReader = Callable[[str, Sequence[tuple[int, int]], datetime | None], list[NumberFact]]
"""Number facts of a text, given its sentence spans and publication time."""

_RULE_LANGUAGES: dict[str, NumberWords] = {"de": GERMAN, "nb": NORWEGIAN, "no": NORWEGIAN, "nn": NORWEGIAN,
                                           "sv": SWEDISH}
# Swiss and Liechtenstein German write "1'234.50": the German table would misread them.
_OTHER_NUMBER_STYLE = frozenset({("de", "ch"), ("de", "li")})


@dataclass(frozen=True)
class Route:
    language: str | None
    """The language whose tools run (``analysis_language``); None when none do."""
    english_pipeline: bool = False
    """Parsed by the English spaCy pipeline (numbers with counted noun, predicate and subject)."""
    entities: bool = False
    number_words: NumberWords | None = None
    """The table that guides sentence splitting and number rules, for de, nb and sv."""
    chinese: bool = False
    read_numbers: NumberReader | None = None
    skipped: tuple[SkippedStep, ...] = ()

    @property
    def model_name(self) -> str:
        """``nlp_model`` for articles the English pipeline does not parse."""
        return f"{self.language}_rules" if self.read_numbers is not None else "none"


ENGLISH = Route("en", english_pipeline=True, entities=True)


# Nigerian Pidgin (pcm) is English-lexified: its names, number words and figures are English ones, and the
# identifier calls short English sentences Pidgin ("In September 2002, floods in the Gard region killed 23 people."
# at 0.60, English 0.38: 4 of the 7,816 MRPC news sentences), which left them with no entities and no numbers.
_ENGLISH_TOOLS = frozenset({"en", "pcm"})


def route(tag: str) -> Route:
    """The route of an article in the language ``tag`` (BCP 47, or an ISO 639-1 code)."""
    primary, *rest = tag.lower().replace("_", "-").split("-")
    region = next((subtag for subtag in rest if len(subtag) == 2), None)
    if primary in _ENGLISH_TOOLS:
        return ENGLISH
    no_entities = SkippedStep(step="entities", reason=EnrichmentSkipReason.NO_MODEL_FOR_LANGUAGE,
                              detail=f"no entity model for {primary} is installed; the English model is not run on "
                                     "other languages")
    words = _RULE_LANGUAGES.get(primary)
    if words is not None and (primary, region) not in _OTHER_NUMBER_STYLE:
        return Route(words.language, number_words=words, read_numbers=partial(read_numbers, words=words),
                     skipped=(no_entities, _no_parse(words.language, "")))
    if primary == "zh":
        return Route("zh", chinese=True, read_numbers=read_chinese_numbers,
                     skipped=(no_entities, _no_parse("zh", "; only numbers in Arabic digits are read (not 三个月)")))
    return Route(None, skipped=(no_entities, SkippedStep(
        step="numbers", reason=EnrichmentSkipReason.NO_MODEL_FOR_LANGUAGE,
        detail=f"no number rules for {tag}: its decimal and thousands separators are not known here")))


def _no_parse(language: str, more: str) -> SkippedStep:
    return SkippedStep(step="number_context", reason=EnrichmentSkipReason.NO_PARSER_FOR_LANGUAGE,
                       detail=f"numbers read by rules for {language}{more}: counted, predicate and subject need a "
                              "parser and are not read")
