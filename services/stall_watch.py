"""Finds input partitions that faust-streaming has silently stopped consuming, and rewinds them.

faust-streaming 0.15 can lose track of a partition around a rebalance: the Kafka client's fetch
position has moved past records that never reached an agent, nothing is pending, and the
committed offset stays put for good (faust-streaming #629 and #216; measured here: a dedup
worker restarted while articles flowed kept partition 0 of ``articles.clean`` at committed
offset 9 with the fetch position at 16, and 26 of 60 articles never got a verdict).

The check is pure: a partition is stalled when two observations ``interval`` apart agree that
its committed offset did not move, nothing from it is in flight, and records past the committed
offset were fetched. Rewinding it to the committed offset redelivers those records, which the
stages already tolerate (delivery is at-least-once).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

TP = TypeVar("TP", bound=Hashable)


@dataclass(frozen=True)
class PartitionProgress:
    committed: int | None
    """The offset the group has committed (the next one to process); None before any commit."""
    position: int | None
    """The Kafka client's fetch position: the next offset it will fetch."""
    in_flight: int
    """Messages of the partition delivered to agents and not yet acknowledged."""

    @property
    def fetched_unprocessed(self) -> bool:
        return self.committed is not None and self.position is not None and self.position > self.committed


def stalled_partitions(
    before: Mapping[TP, PartitionProgress], now: Mapping[TP, PartitionProgress]
) -> dict[TP, int]:
    """The partitions to rewind, each with the committed offset to rewind to."""
    stalled: dict[TP, int] = {}
    for tp, current in now.items():
        previous = before.get(tp)
        if previous is None or current.committed is None:
            continue
        idle = current.in_flight == 0 and previous.in_flight == 0 and current.committed == previous.committed
        if idle and current.fetched_unprocessed and previous.fetched_unprocessed:
            stalled[tp] = current.committed
    return stalled
