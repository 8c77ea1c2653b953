"""The pending table as the decide stage uses it: the table itself, plus, in memory, when each progress row is due.

A tick emits the verdicts whose settle window has closed. Finding them by reading every pending row decoded each
waiting article's registration (the whole text) at every tick of every partition: 23% of a dedup worker's CPU in
a burst of 1,000 articles (py-spy on ``bench.dedup_broker``), growing with the square of the burst. Here a tick
reads only the rows that are due.

The index is a cache of the table, per partition: built by one scan at the partition's first tick, kept current by
every write made through this wrapper, and forgotten when the worker's partitions are revoked (the rows of
partitions assigned next are restored from the changelog, not written here). The table stays the only state.
Per partition, because a worker's table reads a key only in the partition of the event being processed (faust's
RocksDB store): a scan during a tick of one partition sees that partition's rows alone.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from datetime import datetime, timedelta
from typing import Any

REGISTRATION_PREFIX = "~registration/"
"""Article ids never start with it (``services/cleaner/identity.py``), so registration rows are told apart."""
ORPHAN_TTL = timedelta(hours=1)
"""How long answers wait for a registration that never comes (its message was dead-lettered)."""

StateTable = MutableMapping[str, dict[str, Any]]


def registration_key(article_id: str) -> str:
    return REGISTRATION_PREFIX + article_id


def due_at(row: dict[str, Any]) -> datetime:
    """When a tick must look at a progress row: its settle window's end, or, until it has one, when it could be an
    orphan."""
    ready_at = row.get("ready_at")
    if ready_at is not None:
        return datetime.fromisoformat(ready_at)
    return datetime.fromisoformat(row["created_at"]) + ORPHAN_TTL


class PendingRows(MutableMapping[str, dict[str, Any]]):
    def __init__(self, table: StateTable) -> None:
        self._table = table
        self._due: dict[int, dict[str, datetime]] = {}
        """Per partition whose index is built: its progress rows' article ids → due time, in the table's order."""

    def __getitem__(self, key: str) -> dict[str, Any]:
        return self._table[key]

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __setitem__(self, key: str, row: dict[str, Any]) -> None:
        self._table[key] = row
        if not key.startswith(REGISTRATION_PREFIX) and (index := self._due.get(row["partition"])) is not None:
            index[key] = due_at(row)

    def __delitem__(self, key: str) -> None:
        del self._table[key]
        for index in self._due.values():
            index.pop(key, None)

    def forget_index(self) -> None:
        self._due = {}

    def due(self, partition: int, at: datetime) -> list[str]:
        """The progress rows of ``partition`` a tick of that partition at ``at`` must read."""
        index = self._due.get(partition)
        if index is None:
            # Keys first: a registration row holds the whole article, and only progress rows are read.
            progress = [key for key in self._table if not key.startswith(REGISTRATION_PREFIX)]
            index = self._due[partition] = {
                key: due_at(row) for key in progress
                if (row := self._table.get(key)) is not None and row["partition"] == partition
            }
        return [key for key, when in index.items() if when <= at]
