"""The enricher stage: unique clean articles → entities and number facts, in batches."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.config import EnricherOptions
from services.contract.messages import CALENDAR_KINDS, CleanArticle, EnrichedArticle, Entity, NumberFact
from services.contract.outputs import Output
from services.enricher.entities import extract_entities
from services.enricher.language_choice import LanguageChoice, choose_language
from services.enricher.languages import Route, route
from services.enricher.numbers import extract_numbers
from services.enricher.parsing import SelectiveParser
from services.enricher.sentences import sentence_spans
from services.enricher.tokenizing import with_number_tokenizing


class Enricher:
    """Holds the loaded English spaCy pipeline; build one per process, it takes a second to load. Other languages
    need nothing loaded (``languages.py``). The pipeline runs NER over the whole text and parses only the sentences
    with numbers (``parsing.py``)."""

    def __init__(self, options: EnricherOptions) -> None:
        self._options = options
        self._nlp: Language = with_number_tokenizing(spacy.load(options.spacy_model))
        self._parser = SelectiveParser(self._nlp, options.batch_size)
        self.model_name = f"{self._nlp.meta['lang']}_{self._nlp.meta['name']}-{self._nlp.meta['version']}"

    def enrich(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
        """Enriched articles in input order: English ones parsed in one batch, the others by their route."""
        choices = [choose_language(article, self._options.source_languages) for article in articles]
        routes = [route(choice.tag) for choice in choices]
        english = [i for i, way in enumerate(routes) if way.english_pipeline]
        texts = (articles[i].text[: self._options.max_text_chars] for i in english)
        docs = dict(zip(english, self._parser.pipe(texts), strict=True))
        return [self._parsed(article, docs[i], routes[i], choices[i]) if i in docs
                else self._by_rules(article, routes[i], choices[i])
                for i, article in enumerate(articles)]

    def _parsed(self, article: CleanArticle, doc: Doc, way: Route, choice: LanguageChoice) -> EnrichedArticle:
        entities = extract_entities(doc) if way.entities else []
        return EnrichedArticle(
            article=article,
            sentences=[(sentence.start_char, sentence.end_char) for sentence in doc.sents],
            entities=entities,
            **_amounts_and_calendar(extract_numbers(doc, article.published_at, _key_lookup(entities))),
            nlp_model=self.model_name,
            analysis_language=way.language,
            skipped=list(way.skipped),
            language_source=choice.source,
            language_confidence=choice.confidence,
        )

    def _by_rules(self, article: CleanArticle, way: Route, choice: LanguageChoice) -> EnrichedArticle:
        text = article.text[: self._options.max_text_chars]
        sentences = sentence_spans(text, way.number_words, chinese=way.chinese)
        numbers = way.read_numbers(text, sentences, article.published_at) if way.read_numbers is not None else []
        return EnrichedArticle(
            article=article, sentences=sentences, entities=[], **_amounts_and_calendar(numbers),
            nlp_model=way.model_name, analysis_language=way.language, skipped=list(way.skipped),
            language_source=choice.source, language_confidence=choice.confidence,
        )


def _key_lookup(entities: Sequence[Entity]) -> Callable[[int], str | None]:
    """Character offset → the canonical key of the entity mentioned there."""
    mentions = sorted((m.start, m.end, e.canonical_key) for e in entities for m in e.mentions)
    starts = [start for start, _, _ in mentions]

    def key_at(offset: int) -> str | None:
        at = bisect_right(starts, offset) - 1
        if at >= 0 and mentions[at][0] <= offset < mentions[at][1]:
            return mentions[at][2]
        return None

    return key_at


def process(articles: Sequence[CleanArticle], enricher: Enricher) -> list[Output]:
    return outputs_of(enricher.enrich(articles))


def outputs_of(enriched: Sequence[EnrichedArticle]) -> list[Output]:
    return [Output("enriched", e.article.article_id, e) for e in enriched]


def _amounts_and_calendar(facts: list[NumberFact]) -> dict[str, list[NumberFact]]:
    """The ``numbers`` and ``dates_and_ordinals`` fields of an enriched article, each in text order."""
    return {
        "numbers": [fact for fact in facts if fact.kind not in CALENDAR_KINDS],
        "dates_and_ordinals": [fact for fact in facts if fact.kind in CALENDAR_KINDS],
    }
