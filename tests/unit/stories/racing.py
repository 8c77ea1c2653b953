"""The four stories stages with messages delivered as a broker may deliver them: each partition in order, the
partitions interleaved at random (a seeded ``random.Random``), several articles in flight at once.

A stand-in for nothing: the same stage classes the workers run, over in-memory tables; only the transport is a
set of queues, one per (topic, partition), of which a random non-empty one delivers next.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from services.common.expiry import ExpiryIndex
from services.common.partitioning import owning_partition
from services.config import StoriesOptions
from services.contract.messages import EnrichedArticle, StoryUpdate
from services.contract.outputs import Output
from services.runtime.json_rows import JsonRows
from services.stories.decision import StoryDecisions
from services.stories.following import standing_stories
from services.stories.home import StoryHomes
from services.stories.protocol import DECISION_INPUT, HOME_INPUT, SHARD_INPUT, Sweep, Tick
from services.stories.routing import route
from services.stories.shards import MemberShard

_INTERNAL = ("stories_probes", "stories_decisions", "stories_members")
# A broker delivers a message in about a few milliseconds; a worker ticks every quarter second.
DELIVERY = timedelta(milliseconds=5)
TICK_INTERVAL = timedelta(milliseconds=250)
TICK_EVERY = 50


class RacingStories:
    def __init__(self, options: StoriesOptions, partitions: int, seed: int) -> None:
        self._partitions = partitions
        self._random = random.Random(seed)
        self.shard = MemberShard(JsonRows(), ExpiryIndex(JsonRows()), options, partitions)
        self.decisions_table = JsonRows()
        self.decisions = StoryDecisions(self.decisions_table, ExpiryIndex(JsonRows()), options, partitions)
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.homes = StoryHomes(JsonRows(), ExpiryIndex(JsonRows()), options)
        self._queues: dict[tuple[str, int], deque[Output]] = {}
        self.published: list[Output] = []

    def send(self, outputs: Iterable[Output]) -> None:
        for output in outputs:
            if output.topic not in _INTERNAL:
                self.published.append(output)
                continue
            partition = output.partition
            if partition is None:
                partition = owning_partition(output.key, self._partitions)
            self._queues.setdefault((output.topic, partition), deque()).append(output)

    def arrive(self, articles: Iterable[EnrichedArticle]) -> None:
        """Articles routed at once, before any of their messages is delivered: a burst."""
        for article in articles:
            self.send(route(article, self._partitions))

    def deliver_all(self, sweep_every: int = 0, settle: bool = True) -> None:
        """Deliver until every queue is empty and nothing waits to settle. Each delivery takes ``DELIVERY`` of
        the simulated wall clock, and the decision partitions get a tick every ``TICK_EVERY`` deliveries (and
        as many as it takes once the queues are empty), as a worker's timer sends them; with ``sweep_every``,
        each partition of every stage also gets a sweep after that many deliveries. Without ``settle``, stop
        once the queues are empty, leaving articles that wait out the settle time unpublished."""
        delivered = 0
        while True:
            delivered += 1
            self.now += DELIVERY
            if sweep_every and delivered % sweep_every == 0:
                self.sweep()
            if delivered % TICK_EVERY == 0:
                self.tick()
            waiting = sorted(key for key, queue in self._queues.items() if queue)
            if not waiting:
                if not settle or not self._settling():
                    return
                self.now += TICK_INTERVAL
                self.tick()
                continue
            topic, partition = self._random.choice(waiting)
            output = self._queues[(topic, partition)].popleft()
            _, value = output.encoded()
            if topic == "stories_probes":
                self.send(self.shard.handle(SHARD_INPUT.validate_json(value), partition))
            elif topic == "stories_decisions":
                self.send(self.decisions.handle(DECISION_INPUT.validate_json(value), partition, now=self.now))
            else:
                self.send(self.homes.handle(HOME_INPUT.validate_json(value), partition))


    def tick(self) -> None:
        for partition in range(self._partitions):
            self.send(self.decisions.handle(Tick(at=self.now), partition, now=self.now))

    def _settling(self) -> bool:
        return any(key.startswith("~settling/") for key in self.decisions_table)

    def sweep(self) -> None:
        for partition in range(self._partitions):
            self.shard.handle(Sweep(), partition)
            self.decisions.handle(Sweep(), partition)
            self.homes.handle(Sweep(), partition)


def final_stories(published: Iterable[Output]) -> dict[str, StoryUpdate]:
    """Each story's latest update, by version; stories merged away (or emptied) are left out."""
    return standing_stories(o.value for o in published if isinstance(o.value, StoryUpdate))


def partition_of(published: Iterable[Output]) -> dict[str, frozenset[str]]:
    """Story id → its articles, from the final updates."""
    return {story_id: frozenset(update.articles) for story_id, update in final_stories(published).items()}
