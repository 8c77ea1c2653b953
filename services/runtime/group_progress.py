"""How far each stage's consumer group has got through its input topics, as the broker tells it.

Read with clients of its own, not the worker's consumer: that consumer may be the part that hangs (see
services.runtime.liveness), and the soak reads every group from outside the workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.config import KafkaOptions, TopicKind
from services.contract.deadletter import Stage
from services.runtime.kafka_client import connection

INPUT_TOPICS: dict[Stage, tuple[TopicKind, ...]] = {
    "cleaner": ("raw",),
    "dedup": ("clean", "dedup_probes", "dedup_decisions"),
    "enricher": ("unique",),
    "stories": ("enriched", "stories_probes", "stories_decisions", "stories_members"),
}
"""The topics each stage's agents read (the routes of services/<stage>/stage.py; tests/unit/test_liveness.py checks
they agree)."""


@dataclass(frozen=True)
class GroupProgress:
    committed: int
    """The group's committed offsets summed over its input partitions: it moves whenever the group gets on."""
    lag: int
    """Input records the group has not committed."""
    input_end: int
    """The input partitions' end offsets summed: how many records the stage has been given so far."""


def group_lag(ends: dict[TopicPartition, int], committed: dict[TopicPartition, int]) -> int:
    """Records on ``ends``' partitions the group has not committed; a partition it never committed counts
    from offset 0."""
    return sum(max(0, end - committed.get(partition, 0)) for partition, end in ends.items())


class GroupOffsets:
    """An admin client (committed offsets) and a group-less consumer (end offsets), kept open while in use."""

    def __init__(self, kafka: KafkaOptions) -> None:
        self._kafka = kafka
        self._admin = AIOKafkaAdminClient(**connection(kafka))
        self._consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False)

    async def __aenter__(self) -> GroupOffsets:
        try:
            await self._admin.start()
            await self._consumer.start()
        except BaseException:
            await self.__aexit__()  # a client left open logs "Unclosed" for every failed check while the broker is away
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()
        await self._admin.close()

    def partitions(self, kinds: Sequence[TopicKind]) -> list[TopicPartition]:
        names = [self._kafka.topics.name(kind) for kind in kinds]
        return [TopicPartition(name, p) for name in names for p in range(self._kafka.partitions)]

    async def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return await self._consumer.end_offsets(partitions)

    async def progress(self, stages: Sequence[Stage]) -> dict[Stage, GroupProgress]:
        inputs = {stage: self.partitions(INPUT_TOPICS[stage]) for stage in stages}
        ends = await self.end_offsets([partition for partitions in inputs.values() for partition in partitions])
        result = {}
        for stage, partitions in inputs.items():
            offsets = await self._admin.list_consumer_group_offsets(f"{self._kafka.topics.prefix}{stage}")
            committed = {partition: meta.offset for partition, meta in offsets.items() if meta.offset >= 0}
            stage_ends = {partition: ends[partition] for partition in partitions}
            result[stage] = GroupProgress(
                committed=sum(committed.get(partition, 0) for partition in partitions),
                lag=group_lag(stage_ends, committed),
                input_end=sum(stage_ends.values()),
            )
        return result
