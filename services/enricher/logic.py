"""The enricher stage: unique clean articles → entities and number facts, in batches."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from services.config import EnricherOptions
from services.enricher.entities import extract_entities
from services.enricher.numbers import extract_numbers
from services.messages import CleanArticle, EnrichedArticle, Entity
from services.outputs import Output


class Enricher:
    """Holds the loaded spaCy pipeline; build one per process, it takes a second to load."""

    def __init__(self, options: EnricherOptions) -> None:
        self._options = options
        self._nlp: Language = spacy.load(options.spacy_model)
        self.model_name = f"{self._nlp.meta['lang']}_{self._nlp.meta['name']}-{self._nlp.meta['version']}"

    def enrich(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
        texts = (article.text[: self._options.max_text_chars] for article in articles)
        docs = self._nlp.pipe(texts, batch_size=self._options.batch_size)
        return [self._enriched(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def _enriched(self, article: CleanArticle, doc: Doc) -> EnrichedArticle:
        entities = extract_entities(doc)
        return EnrichedArticle(
            article=article,
            sentences=[(sentence.start_char, sentence.end_char) for sentence in doc.sents],
            entities=entities,
            numbers=extract_numbers(doc, article.published_at, _key_lookup(entities)),
            nlp_model=self.model_name,
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
