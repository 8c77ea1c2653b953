"""What a stage publishes, independent of how: Kafka in the workers, stdout in the embedded mode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.config import TopicNames
from pydantic import BaseModel

TopicKind = Literal[
    "raw", "clean", "verdicts", "unique", "enriched", "entities", "numbers", "stories", "dlq",
    "dedup_probes", "dedup_decisions",
]


@dataclass(frozen=True, slots=True)
class Output:
    topic: TopicKind
    key: str
    value: BaseModel
    partition: int | None = None
    """Set when the stage itself decides the partition (dedup's probes); otherwise the key does."""

    def topic_name(self, topics: TopicNames) -> str:
        return str(getattr(topics, self.topic))

    def encoded(self) -> tuple[bytes, bytes]:
        return self.key.encode(), self.value.model_dump_json().encode()
