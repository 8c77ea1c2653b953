"""Finds input partitions that faust-streaming has silently stopped consuming, and says where to rewind them.

faust-streaming 0.15 can lose track of a partition around a rebalance (faust-streaming #629):
either the Kafka client's fetch position has moved past records that never reached an agent and
the committed offset stays put for good (measured: a restarted dedup worker kept partition 0 of
``articles.clean`` at committed offset 9 with the fetch position at 16), or a partition the group
never committed is not consumed at all (measured: the group leader of two dedup workers started
together consumed none of its partitions for five minutes).

The check is pure: a partition is stalled when two observations ``interval`` apart agree that
nothing from it is in flight, its committed offset did not move, and records past that offset
exist (fetched but not processed; or, never committed, any record at all). Rewinding it to the
committed offset (the earliest, when there is none) redelivers those records, which the stages
tolerate: delivery is at-least-once.
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
    earliest: int
    end: int
    """The partition's log start and end offsets."""

    @property
    def rewind_to(self) -> int | None:
        """Where consuming must restart if the partition is idle; None when nothing is left behind."""
        if self.committed is None:
            return self.earliest if self.end > self.earliest else None
        fetched_unprocessed = self.position is not None and self.position > self.committed
        return self.committed if fetched_unprocessed else None


def stalled_partitions(
    before: Mapping[TP, PartitionProgress], now: Mapping[TP, PartitionProgress]
) -> dict[TP, int]:
    """The partitions to rewind, each with the offset to rewind to."""
    stalled: dict[TP, int] = {}
    for tp, current in now.items():
        previous = before.get(tp)
        if previous is None or current.in_flight or previous.in_flight or current.committed != previous.committed:
            continue
        if (offset := current.rewind_to) is not None and previous.rewind_to is not None:
            stalled[tp] = offset
    return stalled
