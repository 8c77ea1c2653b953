"""The in-memory runner of a stage declaration (``services/runtime/stage.py``): the embedded mode's stages, and the
reference the benchmarks measure.

One input at a time, each to the end: the messages a stage sends itself go through the same JSON as on Kafka and
are handled at once, in the order sent, each on the partition it names (0 where the key would decide: one partition
holds every key). Then the stage's clocks run, on the input's event time, so that the result depends on the input
alone. Tables keep JSON rows per partition and read them as a worker's RocksDB store does (``PartitionedRows``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.config import TopicKind
from services.contract.outputs import Output
from services.runtime.json_rows import PartitionedRows
from services.runtime.stage import StageDefinition, TableFactory

_KEYED_PARTITION = 0


class InMemoryTables:
    """The table factory of an in-memory run: each table by name, to look into after the run, its rows kept per
    partition and read as a worker reads them (``PartitionedRows``)."""

    def __init__(self) -> None:
        self.tables: dict[str, PartitionedRows] = {}
        self.handling: int | None = None
        """The partition of the message being handled."""

    def __call__(self, name: str) -> PartitionedRows:
        return self.tables.setdefault(name, PartitionedRows(lambda: self.handling))


class InMemoryStage:
    def __init__(self, declare: Callable[[TableFactory], StageDefinition], partitions: int = 1) -> None:
        self.tables = InMemoryTables()
        self.definition = declare(self.tables)
        self._partitions = partitions
        self._clock_last_run: dict[str, datetime] = {}

    def table(self, name: str) -> PartitionedRows:
        return self.tables.tables[name]

    def process(self, message: Any, now: datetime, partition: int = _KEYED_PARTITION) -> list[Output]:
        """What the stage publishes for one message of its input topic, already decoded, read from ``partition``."""
        first = self.definition.routes[0]
        published = self._run(deque([(first.source, message, partition)]), now)
        for clock in self.definition.clocks:
            if clock.settle_s is not None:
                published += self._send(clock.messages(now + timedelta(seconds=clock.settle_s)), now)
            else:
                last = self._clock_last_run.get(clock.name)
                if last is None or (now - last).total_seconds() >= clock.every_s:
                    self._clock_last_run[clock.name] = now
                    published += self._send(clock.messages(now), now)
        return published

    def run_clock(self, name: str, now: datetime) -> list[Output]:
        """Run the named clock at ``now``, whenever it last ran; what the stage publishes."""
        clock = next(clock for clock in self.definition.clocks if clock.name == name)
        self._clock_last_run[name] = now
        return self._send(clock.messages(now), now)

    def _send(self, clock_messages: list[Output], now: datetime) -> list[Output]:
        queue: deque[tuple[TopicKind, Any, int]] = deque()
        for output in clock_messages:
            route, (_, value) = self._route(output.topic), output.encoded()
            for partition in range(self._partitions):
                queue.append((output.topic, route.decode(value), partition))
        return self._run(queue, now)

    def _run(self, queue: deque[tuple[TopicKind, Any, int]], now: datetime) -> list[Output]:
        published: list[Output] = []
        while queue:
            topic, message, partition = queue.popleft()
            self.tables.handling = partition
            try:
                made = self._route(topic).handle(message, partition, now)
            finally:
                self.tables.handling = None
            for output in made:
                if output.topic in self.definition.internal:
                    value = self._route(output.topic).decode(output.encoded()[1])
                    queue.append((output.topic, value, _KEYED_PARTITION if output.partition is None
                                  else output.partition))
                elif output.topic in self.definition.emits:
                    published.append(output)
                else:
                    raise AssertionError(f"{self.definition.stage} does not declare that it writes {output.topic}")
        return published

    def _route(self, topic: TopicKind) -> Any:
        route = self.definition.route_of(topic)
        if route is None:
            raise AssertionError(f"{self.definition.stage} does not declare that it reads {topic}")
        return route
