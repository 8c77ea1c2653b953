"""The enricher stage: unique clean articles → entities and number facts, in batches."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language

from services.config import EnricherOptions
from services.enricher.entities import extract_entities
from services.enricher.numbers import extract_numbers
from services.messages import CleanArticle, EnrichedArticle
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
        return [
            EnrichedArticle(
                article=article,
                sentences=[(sentence.start_char, sentence.end_char) for sentence in doc.sents],
                entities=extract_entities(doc),
                numbers=extract_numbers(doc, article.published_at),
                nlp_model=self.model_name,
            )
            for article, doc in zip(articles, docs, strict=True)
        ]


def process(articles: Sequence[CleanArticle], enricher: Enricher) -> list[Output]:
    return outputs_of(enricher.enrich(articles))


def outputs_of(enriched: Sequence[EnrichedArticle]) -> list[Output]:
    return [Output("enriched", e.article.article_id, e) for e in enriched]
