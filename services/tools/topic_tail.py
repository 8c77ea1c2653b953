"""``newsingest tail``: follow a topic and print each record, as a JSON line or one readable line.

The formatting is plain functions of a record; :func:`follow` is the consumer around them (no consumer group: it
commits nothing and moves no one's offsets).
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from aiokafka import AIOKafkaConsumer

from services.config import KafkaOptions, TopicKind, TopicNames
from services.contract.codec import decode_message
from services.contract.errors import RejectedInput
from services.contract.messages import TOPIC_MODELS
from services.tools.render import describe

TailFormat = Literal["json", "pretty"]


@dataclass(frozen=True, slots=True)
class TailRecord:
    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: bytes | None
    value: bytes | None


def resolve_topic(name: str, topics: TopicNames) -> str:
    """A topic by its full name, or by its kind under the configured prefix (``clean`` → ``news.articles.clean``)."""
    return topics.name(name) if name in get_args(TopicKind) else name  # type: ignore[arg-type]


def kind_of(topic: str, topics: TopicNames) -> TopicKind | None:
    return next((kind for kind in get_args(TopicKind) if topics.name(kind) == topic), None)


def record_line(record: TailRecord, kind: TopicKind | None, format: TailFormat) -> str:
    if format == "json":
        return json.dumps({
            "topic": record.topic, "partition": record.partition, "offset": record.offset,
            "timestamp": _time(record.timestamp_ms), **_field("key", record.key), **_field("value", record.value),
        }, ensure_ascii=False)
    where = f"{record.partition}:{record.offset}"
    return f"{where:<9} {_time(record.timestamp_ms)}  {_readable(record.value, kind)}"


def _field(name: str, data: bytes | None) -> dict[str, Any]:
    """JSON as JSON, other text as a string, anything else as base64 (``<name>_base64``)."""
    if data is None:
        return {name: None}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {f"{name}_base64": base64.b64encode(data).decode("ascii")}
    try:
        return {name: json.loads(text)}
    except ValueError:
        return {name: text}


def _readable(value: bytes | None, kind: TopicKind | None) -> str:
    model = TOPIC_MODELS.get(kind) if kind else None
    if model is not None:
        try:
            return describe(decode_message(model, value))
        except RejectedInput:
            pass  # not this topic's message (a poison record): shown as it is
    if value is None:
        return "(no value)"
    text = value[:200].decode("utf-8", errors="backslashreplace").replace("\n", " ")
    return f"{len(value)} bytes: {text}"


def _time(timestamp_ms: int) -> str:
    return datetime.fromtimestamp(timestamp_ms / 1000, UTC).isoformat(timespec="milliseconds")


class NoSuchTopic(LookupError):
    pass


async def follow(
    kafka: KafkaOptions, topic: str, on_record: Callable[[TailRecord], None], *, from_beginning: bool,
    max_messages: int | None = None, stop: asyncio.Event | None = None,
) -> int:
    """Call ``on_record`` for each record of every partition of ``topic``, in each partition's order: those
    written from now on, or all it holds with ``from_beginning``. Until ``max_messages`` records, or ``stop``."""
    from services.runtime.kafka_client import connection
    from services.tools.kafka_io import end_offsets, topic_names

    # Asked first, by listing: describing a missing topic makes a broker that auto-creates topics create it.
    if topic not in await topic_names(kafka):
        raise NoSuchTopic(topic)
    ends = await end_offsets(kafka, [topic])  # every partition of the topic, and where "from now" begins
    consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False, isolation_level="read_committed")
    seen = 0
    try:
        await consumer.start()
        consumer.assign(sorted(ends))
        if from_beginning:
            await consumer.seek_to_beginning(*ends)
        else:
            for partition, end in ends.items():
                consumer.seek(partition, end)
        while (max_messages is None or seen < max_messages) and not (stop and stop.is_set()):
            batches = await consumer.getmany(timeout_ms=500)
            for tp in sorted(batches):
                for message in batches[tp]:
                    if max_messages is not None and seen >= max_messages:
                        break
                    on_record(TailRecord(message.topic, message.partition, message.offset, message.timestamp,
                                         message.key, message.value))
                    seen += 1
    finally:
        await consumer.stop()
    return seen
