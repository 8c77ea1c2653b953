"""The embedded mode: the four stages in one process, in-memory state, no broker.

It runs exactly the logic the Faust agents run, and returns what they would publish: a message a stage cannot use
becomes that stage's dead letter, as in a worker, and the other messages go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from services.cleaner import logic as cleaning
from services.config import Settings, TopicKind
from services.contract.codec import decode_message
from services.contract.deadletter import Stage, outputs_or_dead_letter
from services.contract.messages import CleanArticle, EnrichedArticle
from services.contract.outputs import Output
from services.dedup.embedded import EmbeddedDedup
from services.enricher import logic as enrichment
from services.enricher.logic import Enricher
from services.stories.embedded import EmbeddedStories


class Pipeline:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._duplicates = EmbeddedDedup(settings.dedup)
        self._enricher = Enricher(settings.enricher)
        self._stories = EmbeddedStories(settings.stories)

    def process(self, raw_messages: Iterable[bytes]) -> list[Output]:
        """Every message each stage publishes for these raw messages, in publication order."""
        return [output for outputs in self.stream(raw_messages) for output in outputs]

    def stream(self, raw_messages: Iterable[bytes]) -> Iterator[list[Output]]:
        """What the stages publish for each raw message, as soon as that message is through: a reader of a stream
        gets each article's outputs before the next message is read."""
        for offset, data in enumerate(raw_messages):
            yield self.process_one(data, offset)

    def process_one(self, data: bytes, offset: int) -> list[Output]:
        published = self._stage("cleaner", "raw", data, offset,
                                lambda: cleaning.process(data, self._settings.cleaner, datetime.now(UTC)))
        # Each stage reads what the previous one published, through the same bytes a worker would read.
        for key, value in _sent(published, "clean"):
            published += self._stage("dedup", "clean", value, None,
                                     lambda value=value: self._duplicates.process(decode_message(CleanArticle, value)),
                                     key)
        enriched: list[Output] = []
        for key, value in _sent(published, "unique"):
            enriched += self._stage(
                "enricher", "unique", value, None,
                lambda value=value: enrichment.process([decode_message(CleanArticle, value)], self._enricher), key,
            )
        published += enriched
        for key, value in _sent(enriched, "enriched"):
            published += self._stage("stories", "enriched", value, None,
                                     lambda value=value: self._stories.process(decode_message(EnrichedArticle, value)),
                                     key)
        return published

    def _stage(
        self, stage: Stage, source: TopicKind, original: bytes, offset: int | None,
        compute: Callable[[], list[Output]], key: bytes | None = None,
    ) -> list[Output]:
        kafka = self._settings.kafka
        return outputs_or_dead_letter(stage, compute, kafka, source_topic=kafka.topics.name(source),
                                      original=original, key=key, offset=offset)


def _sent(outputs: list[Output], topic: TopicKind) -> list[tuple[bytes, bytes]]:
    return [output.encoded() for output in outputs if output.topic == topic]
