"""Decides when a worker is stuck for good, so that it exits and its supervisor starts it afresh.

After a broker outage an aiokafka consumer can find its group coordinator again and then neither rejoin nor
fetch (measured in CI: a cleaner idle for 5.5 minutes with its input waiting, no error logged); the stall watch
(services.stall_watch) cannot see it, as the consumer holds no partition to look at. No progress is visible from
outside the worker: its group's committed offsets stay put while input waits. A worker restoring a table from
its changelog makes progress of its own, which counts too.

The check is pure: observations of (group progress, restore progress, lag) come in, and out comes how long the
worker has been without progress while input waited; the worker gives up past its liveness timeout. An
observation that could not be made (the broker is away) starts the clock afresh: a restart helps nobody while
the broker is down. One the broker accepted and never answered counts as no progress (measured: after a broker
restart, a worker's own commit waited 164 s and its offset lookups forever).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

EXIT_STUCK = 75
"""The worker's exit status when it gave up (EX_TEMPFAIL): start it again."""


@dataclass
class LivenessWatch:
    _last: Hashable | None = None
    _still_since: float | None = None

    def observe(self, progress: Hashable, lag: int, now: float) -> float:
        """Seconds the worker has been without progress while its input waited (0 when it is fine)."""
        if lag == 0:
            self.forget()
            return 0.0
        if progress != self._last or self._still_since is None:
            self._last, self._still_since = progress, now
            return 0.0
        return now - self._still_since

    def unanswered(self, now: float) -> float:
        """The observation got no answer (the broker is up but does not reply): nothing moved that anyone saw."""
        if self._still_since is None:
            self._still_since = now
        return now - self._still_since

    def forget(self) -> None:
        """Nothing waits, or an observation failed: the next one starts the clock afresh."""
        self._last, self._still_since = None, None
