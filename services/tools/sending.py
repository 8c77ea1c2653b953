"""``newsingest send``: many messages in flight at once, acknowledged a batch at a time, with progress."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from services.config import KafkaOptions
from services.tools.feed_files import FeedMessage

BATCH = 500
"""Messages sent before waiting for their acknowledgements: the producer batches them per partition meanwhile."""


@dataclass
class SendSummary:
    topic: str
    sent: int = 0
    sent_bytes: int = 0
    seconds: float = 0.0
    too_large: list[tuple[str, int]] = field(default_factory=list)
    """(label, record bytes) of each message not sent because the topic would refuse it."""

    def line(self, limit: int) -> str:
        rate = f" ({self.sent / self.seconds:,.0f}/s)" if self.seconds > 0 and self.sent else ""
        text = f"sent {self.sent:,} message(s), {self.sent_bytes:,} bytes, to {self.topic} in {self.seconds:.1f} s{rate}"
        if self.too_large:
            shown = ", ".join(f"{label} ({size:,} bytes)" for label, size in self.too_large[:5])
            more = f" and {len(self.too_large) - 5} more" if len(self.too_large) > 5 else ""
            text += f"; {len(self.too_large)} not sent, over the topic's {limit:,}-byte limit: {shown}{more}"
        return text


def record_size(key: bytes | None, value: bytes) -> int:
    return int(DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, []))


async def send_pipelined(
    kafka: KafkaOptions, topic: str, messages: Iterable[FeedMessage], *,
    on_acknowledged: Callable[[int], None] = lambda count: None, batch: int = BATCH,
) -> SendSummary:
    """Send every message to ``topic`` with up to ``batch`` unacknowledged at a time, and wait for the last;
    ``on_acknowledged(n)`` after each batch. A message over the topic's record limit is left out and named in the
    summary. Keys are None: the producer spreads the messages over the partitions."""
    from services.runtime.kafka_client import connection

    summary = SendSummary(topic)
    limit = kafka.max_message_bytes
    producer = AIOKafkaProducer(**connection(kafka), acks="all", enable_idempotence=True,
                                max_request_size=kafka.dlq_max_message_bytes)
    began = time.monotonic()
    try:
        await producer.start()
        pending: list[asyncio.Future[object]] = []
        sizes = 0
        for message in messages:
            if (size := record_size(None, message.data)) > limit:
                summary.too_large.append((message.label, size))
                continue
            pending.append(await producer.send(topic, value=message.data))
            sizes += len(message.data)
            if len(pending) >= batch:
                summary.sent_bytes += await _acknowledged(pending, sizes, summary, on_acknowledged)
                pending, sizes = [], 0
        summary.sent_bytes += await _acknowledged(pending, sizes, summary, on_acknowledged)
    finally:
        await producer.stop()
    summary.seconds = time.monotonic() - began
    return summary


async def _acknowledged(
    pending: list[asyncio.Future[object]], sizes: int, summary: SendSummary, on_acknowledged: Callable[[int], None]
) -> int:
    await asyncio.gather(*pending)
    summary.sent += len(pending)
    on_acknowledged(len(pending))
    return sizes
