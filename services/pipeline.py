"""The embedded mode: the four stages in one process, in-memory state, no broker.

It runs exactly the logic the Faust agents run, and returns what they would publish.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from services.cleaner import logic as cleaning
from services.codec import M, decode_message
from services.config import Settings, TopicKind
from services.deadletter import dead_letter
from services.dedup.embedded import EmbeddedDedup
from services.enricher import logic as enrichment
from services.enricher.logic import Enricher
from services.errors import RejectedInput
from services.messages import CleanArticle, EnrichedArticle
from services.outputs import Output
from services.stories.embedded import EmbeddedStories


class Pipeline:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._duplicates = EmbeddedDedup(settings.dedup)
        self._enricher = Enricher(settings.enricher)
        self._stories = EmbeddedStories(settings.stories)

    def process(self, raw_messages: Iterable[bytes]) -> list[Output]:
        """Every message each stage publishes for these raw messages, in publication order."""
        published: list[Output] = []
        for offset, data in enumerate(raw_messages):
            published += self._process_one(data, offset)
        return published

    def _process_one(self, data: bytes, offset: int) -> list[Output]:
        topics = self._settings.kafka.topics
        try:
            published = cleaning.process(data, self._settings.cleaner, datetime.now(UTC))
        except RejectedInput as exc:
            return [dead_letter("cleaner", exc, source_topic=topics.raw, original=data, offset=offset)]
        # Each stage reads what the previous one published, through the same JSON a worker would read.
        for article in _read(published, "clean", CleanArticle):
            published += self._duplicates.process(article)
        enriched = enrichment.process(_read(published, "unique", CleanArticle), self._enricher)
        published += enriched
        for article in _read(enriched, "enriched", EnrichedArticle):
            published += self._stories.process(article)
        return published


def _read(outputs: list[Output], topic: TopicKind, model: type[M]) -> list[M]:
    return [decode_message(model, output.encoded()[1]) for output in outputs if output.topic == topic]
