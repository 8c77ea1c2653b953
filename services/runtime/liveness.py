"""Decides when a worker is stuck for good, so that it exits and its supervisor starts it afresh.

A worker can stop consuming without failing: faust-streaming has left partitions unconsumed after a rebalance
(#629; services.runtime.stall_watch rewinds those it can see), a client can wait on a broker call for good. From inside,
a worker that holds no partition has nothing to look at; from outside, its group's committed offsets stay put
while input waits. So the worker reads its group's progress from the broker with clients of its own, and counts
its own table restore (which commits nothing) as progress too.

The check is pure: observations of (group progress, restore progress, lag) come in, and out comes how long the
worker has been without progress while input waited; the worker gives up past its liveness timeout. An
observation that could not be made (the broker is away) starts the clock afresh: a restart helps nobody while
the broker is down. One the broker accepted and never answered counts as no progress.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

EXIT_STUCK = 75
"""The worker's exit status when it gave up (EX_TEMPFAIL): start it again."""


def check_interval_s(timeout_s: float) -> float:
    """Six checks to the timeout, so that a stuck worker goes within a sixth of it; at most every 30 s."""
    return min(30.0, timeout_s / 6)


@dataclass
class LivenessWatch:
    _last: Hashable | None = None
    _still_since: float | None = None

    def observe(self, progress: Hashable, lag: int, now: float) -> float:
        """Seconds since the worker was last seen fine (progress, or nothing waiting) if input waits now; else 0.

        Input that arrived in between is counted from that last sighting: at most one check early for a worker
        that runs, and the right count for one that was starved of CPU in between."""
        if lag == 0 or progress != self._last or self._still_since is None:
            self._last, self._still_since = progress, now
            return 0.0
        return now - self._still_since

    def unanswered(self, now: float) -> float:
        """The observation got no answer (the broker is up but does not reply): nothing moved that anyone saw."""
        if self._still_since is None:
            self._still_since = now
        return now - self._still_since

    def forget(self) -> None:
        """An observation failed: the next one starts the clock afresh."""
        self._last, self._still_since = None, None
