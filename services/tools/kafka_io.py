"""Plain aiokafka helpers for the command line and tests: create topics, send, read. No Faust here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from services.config import KafkaOptions
from services.contract.topics import topic_configs
from services.runtime.kafka_client import connection
from services.tools.dlq import StoredRecord


async def create_topics(kafka: KafkaOptions) -> list[str]:
    """Create every topic that does not exist yet; returns the names created."""
    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        # The changelogs too: a worker that creates its own at start-up can write a table before its
        # metadata shows the new topic's partitions (measured: ticks dead-lettered with PartitionsMismatch).
        compacted = set(kafka.topics.changelogs())
        wanted = [name for name in [*kafka.topics.all(), *compacted] if name not in existing]
        configs = topic_configs(kafka)
        if wanted:
            topics = [
                NewTopic(name, kafka.partitions, kafka.replication_factor, topic_configs=configs.get(name))
                for name in wanted
            ]
            try:
                await admin.create_topics(topics)
            except TopicAlreadyExistsError:
                pass  # another process created them meanwhile: the goal is reached
    finally:
        await admin.close()
    await _wait_until_visible(kafka, {*kafka.topics.all(), *compacted})
    return wanted




async def _wait_until_visible(kafka: KafkaOptions, names: set[str], timeout_s: float = 60) -> None:
    """Until metadata lists every topic: a worker that subscribes earlier skips the missing ones until its
    next metadata refresh (measured: a cleaner idle for five minutes after the topics were created)."""
    consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False)
    try:
        await consumer.start()
        deadline = time.monotonic() + timeout_s
        while missing := names - await consumer.topics():
            if time.monotonic() > deadline:
                raise TimeoutError(f"topics not in the cluster metadata after {timeout_s:.0f} s: {sorted(missing)}")
            await asyncio.sleep(0.2)
    finally:
        await consumer.stop()


async def send(
    kafka: KafkaOptions, topic: str, messages: Iterable[tuple[bytes | None, bytes]], partition: int | None = None
) -> int:
    """Send in order and wait for each acknowledgement; to ``partition`` if given, else where the key hashes."""
    producer = AIOKafkaProducer(**connection(kafka), acks="all", enable_idempotence=True,
                                max_request_size=kafka.dlq_max_message_bytes)
    count = 0
    try:
        await producer.start()
        for key, value in messages:
            await producer.send_and_wait(topic, value=value, key=key, partition=partition)
            count += 1
    finally:
        await producer.stop()
    return count


async def topic_names(kafka: KafkaOptions) -> list[str]:
    """Every topic on the cluster."""
    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        return list(await admin.list_topics())
    finally:
        await admin.close()


async def end_offsets(kafka: KafkaOptions, topics: list[str]) -> dict[TopicPartition, int]:
    """The next offset of every partition of ``topics``: where a reader of only new messages starts."""
    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    partitions = sorted(
        TopicPartition(topic["topic"], partition["partition"])
        for topic in described
        for partition in topic["partitions"]
    )
    if not partitions:  # no such topics (and a consumer stopped as soon as it started can raise CancelledError)
        return {}
    consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False)
    try:
        await consumer.start()
        return await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()


Record = tuple[str, bytes | None, bytes | None]


async def read_from(
    kafka: KafkaOptions,
    start: dict[TopicPartition, int],
    *,
    idle_s: float,
    timeout_s: float,
    complete: Callable[[list[Record]], bool] = bool,
) -> list[Record]:
    """Every message after ``start``, until ``complete(records)`` holds and then none came for ``idle_s``.

    Stops at ``timeout_s`` in any case. Returns (topic, key, value) in the order read; within a
    partition that is the log order.
    """
    consumer = AIOKafkaConsumer(
        **connection(kafka), enable_auto_commit=False, isolation_level="read_committed"
    )
    records: list[Record] = []
    try:
        await consumer.start()
        consumer.assign(list(start))
        for partition, offset in start.items():
            consumer.seek(partition, offset)
        began = last_seen = time.monotonic()
        while time.monotonic() - began < timeout_s:
            if complete(records) and time.monotonic() - last_seen >= idle_s:
                break
            batches = await consumer.getmany(timeout_ms=500)
            for batch in batches.values():
                records += [(record.topic, record.key, record.value) for record in batch]
                last_seen = time.monotonic()
            await asyncio.sleep(0)
    finally:
        await consumer.stop()
    return records


async def read_topic(kafka: KafkaOptions, topic: str) -> list[StoredRecord]:
    """Every record ``topic`` holds now, from the log start to the current end, with partition and offset."""
    ends = await end_offsets(kafka, [topic])
    consumer = AIOKafkaConsumer(
        **connection(kafka), enable_auto_commit=False, isolation_level="read_committed"
    )
    records: list[StoredRecord] = []
    try:
        await consumer.start()
        consumer.assign(list(ends))
        await consumer.seek_to_beginning(*ends)
        waiting = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
        while waiting:
            batches = await consumer.getmany(*waiting, timeout_ms=1000)
            for tp, batch in batches.items():
                records += [StoredRecord(r.partition, r.offset, r.key, r.value) for r in batch if r.offset < ends[tp]]
            # Transaction markers and compacted gaps hold offsets no record has: compare positions, not counts.
            waiting = {tp for tp in waiting if await consumer.position(tp) < ends[tp]}
    finally:
        await consumer.stop()
    return sorted(records, key=lambda record: (record.partition, record.offset))
