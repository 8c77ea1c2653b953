"""``newsingest lag``: how far each consumer group is behind, per topic partition, as the broker tells it.

A group's committed offset on a partition against the partition's end offset. A partition the group never
committed counts from the log start, where it begins reading (``auto_offset_reset=earliest``); so does one whose
committed offset retention has since deleted.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from services.config import KafkaOptions
from services.runtime.group_progress import INPUT_TOPICS


@dataclass(frozen=True, slots=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    committed: int | None
    """None: the group has committed nothing on this partition."""
    start: int
    end: int

    @property
    def lag(self) -> int:
        return max(0, self.end - max(self.committed or 0, self.start))


def partition_lags(
    group: str, partitions: Sequence[TopicPartition], committed: dict[TopicPartition, int],
    starts: dict[TopicPartition, int], ends: dict[TopicPartition, int],
) -> list[PartitionLag]:
    return [
        PartitionLag(group, tp.topic, tp.partition, committed.get(tp), starts[tp], ends[tp])
        for tp in sorted(partitions)
    ]


def lag_table(rows: list[PartitionLag]) -> str:
    """One line per group and partition, and each group's total."""
    header = ("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG")
    lines = [header]
    totals: dict[str, int] = {}
    for row in rows:
        committed = "-" if row.committed is None else str(row.committed)
        lines.append((row.group, row.topic, str(row.partition), committed, str(row.end), str(row.lag)))
        totals[row.group] = totals.get(row.group, 0) + row.lag
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    text = [
        "  ".join(cell.rjust(width) if column >= 2 else cell.ljust(width)
                  for column, (cell, width) in enumerate(zip(line, widths, strict=True))).rstrip()
        for line in lines
    ]
    text += [f"{group}: {total} record(s) behind" for group, total in totals.items()]
    return "\n".join(text)


def lag_json(rows: list[PartitionLag]) -> str:
    return "\n".join(json.dumps({**asdict(row), "lag": row.lag}) for row in rows)


def stage_groups(kafka: KafkaOptions) -> dict[str, list[str]]:
    """The four services' consumer groups and the topics each reads."""
    return {f"{kafka.topics.prefix}{stage}": [kafka.topics.name(kind) for kind in INPUT_TOPICS[stage]]
            for stage in INPUT_TOPICS}


COORDINATOR_PATIENCE_S = 30.0
"""How long a retriable error (no group coordinator yet) is retried before ``lag`` gives up."""


async def committed_offsets(admin: Any, group: str, patience_s: float = COORDINATOR_PATIENCE_S) -> dict:
    """The group's committed offsets. A broker creates its offsets topic on the first group request and has no
    coordinator until that is done (GroupCoordinatorNotAvailable, retriable): right after a broker starts, ``lag``
    waits for it instead of failing."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience_s
    while True:
        try:
            return await admin.list_consumer_group_offsets(group)
        except KafkaError as error:
            if not error.retriable or loop.time() >= deadline:
                raise
            await asyncio.sleep(0.5)


async def read_lags(kafka: KafkaOptions, groups: dict[str, list[str] | None]) -> list[PartitionLag]:
    """Each group's lag on the partitions of its topics (None: the topics it has committed offsets on)."""
    from services.runtime.kafka_client import connection

    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        committed = {group: await committed_offsets(admin, group) for group in groups}
        existing = set(await admin.list_topics())  # listed, not described: describing creates a missing topic
        named = {group: sorted({tp.topic for tp in committed[group]}) if topics is None else topics
                 for group, topics in groups.items()}
        wanted = sorted({topic for topics in named.values() for topic in topics if topic in existing})
        described = await admin.describe_topics(wanted) if wanted else []
    finally:
        await admin.close()
    partitions_of = {topic["topic"]: sorted(p["partition"] for p in topic["partitions"]) for topic in described}
    partitions = {group: [TopicPartition(topic, partition) for topic in topics
                          for partition in partitions_of.get(topic, ())]
                  for group, topics in named.items()}
    every = sorted({tp for tps in partitions.values() for tp in tps})
    starts: dict[TopicPartition, int] = {}
    ends: dict[TopicPartition, int] = {}
    if every:
        consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False)
        try:
            await consumer.start()
            starts = await consumer.beginning_offsets(every)
            ends = await consumer.end_offsets(every)
        finally:
            await consumer.stop()
    rows = []
    for group, tps in partitions.items():
        offsets = {tp: meta.offset for tp, meta in committed[group].items() if meta.offset >= 0}
        rows += partition_lags(group, tps, offsets, starts, ends)
    return rows
