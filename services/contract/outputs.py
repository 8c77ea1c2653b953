"""What a stage publishes, independent of how: Kafka in the workers, stdout in the embedded mode."""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka.record.default_records import DefaultRecordBatchBuilder
from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from services.config import KafkaOptions, TopicKind, TopicNames
from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason


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


def checked_outputs(outputs: list[Output], kafka: KafkaOptions) -> list[Output]:
    """``outputs``, once each is known to go through: it serialises, and its record fits its topic's limit (counted
    as the producer counts it). Otherwise ``RejectedInput``, so that the input goes to the DLQ instead of failing
    at publish, outside the DLQ path (a producer's "message too large" would be retried as a broker failure)."""
    for output in outputs:
        try:
            key, value = output.encoded()
        except (PydanticSerializationError, ValueError, RecursionError) as exc:
            raise RejectedInput(RejectReason.PROCESSING_ERROR,
                                f"{output.topic} output does not serialise: {exc}"[:1000]) from exc
        size = DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, [])
        if size > (limit := kafka.record_limit(output.topic)):
            raise RejectedInput(
                RejectReason.OUTPUT_TOO_LARGE,
                f"{type(output.value).__name__} for {output.topic_name(kafka.topics)} would be a record of {size} "
                f"bytes; the topic takes {limit} (kafka.max_message_bytes)",
            )
    return outputs


def record_bytes(output: Output) -> int:
    """The output's size as a record, as the producer counts it against its ``max_request_size``."""
    key, value = output.encoded()
    return int(DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, []))
