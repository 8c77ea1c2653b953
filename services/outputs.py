"""What a stage publishes, independent of how: Kafka in the workers, stdout in the embedded mode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.config import TopicNames
from services.messages import Message

TopicKind = Literal["raw", "clean", "verdicts", "unique", "enriched", "entities", "numbers", "stories", "dlq"]


@dataclass(frozen=True, slots=True)
class Output:
    topic: TopicKind
    key: str
    value: Message

    def topic_name(self, topics: TopicNames) -> str:
        return str(getattr(topics, self.topic))

    def encoded(self) -> tuple[bytes, bytes]:
        return self.key.encode(), self.value.model_dump_json().encode()
