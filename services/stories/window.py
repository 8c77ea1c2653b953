"""The story window's clock: per partition, the newest event time seen, and the keys a window behind it.

Event time, not the wall clock: a backfill of old articles must still find its stories. The clock starts when a
worker first records something in a partition after taking it; until then nothing expires there. State is kept for
the link window plus the allowed lateness: an article that arrives up to ``lateness_hours`` behind the newest event
time still finds every article it would have found in time order, so its story is the one a replay in any order
gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from services.common.expiry import ExpiryIndex
from services.config import StoriesOptions


def retention(options: StoriesOptions) -> timedelta:
    """How far behind the newest event time the stories stage keeps what it knows."""
    return timedelta(hours=options.window_hours + options.lateness_hours)


class EventTimeWindow:
    def __init__(self, expiry: ExpiryIndex, window: timedelta) -> None:
        self._expiry = expiry
        self._window = window
        self._newest: dict[int, datetime] = {}

    def record(self, partition: int, at: datetime, key: str) -> None:
        self._expiry.record(partition, at, [key])
        self._newest[partition] = max(at, self._newest.get(partition, at))

    def due(self, partition: int) -> Iterator[tuple[str, datetime]]:
        """The keys recorded a window or more before the newest event time, each with that horizon: a key written
        again since is due too, so the caller checks its row against the horizon."""
        newest = self._newest.get(partition)
        if newest is None:
            return
        horizon = newest - self._window
        for key in self._expiry.pop_due(partition, horizon):
            yield key, horizon
