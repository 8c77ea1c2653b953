"""What a stage publishes, independent of how: Kafka in the workers, stdout in the embedded mode."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from services.config import TopicKind, TopicNames


@dataclass(frozen=True, slots=True)
class Output:
    topic: TopicKind
    key: str
    value: BaseModel
    partition: int | None = None
    """Set when the stage itself decides the partition (dedup's probes); otherwise the key does."""

    def topic_name(self, topics: TopicNames) -> str:
        return topics.name(self.topic)

    def encoded(self) -> tuple[bytes, bytes]:
        return self.key.encode(), self.value.model_dump_json().encode()
