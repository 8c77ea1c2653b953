"""Which keys of a table were written in which second, per partition, so that expiry reads only what is due.

A scan of a whole table once a minute costs time in proportion to everything remembered: at a million
articles the bucket table has 17 million rows. The index turns expiry into work in proportion to what
expires. It lives in its own changelog-backed table, in rows owned by one partition each (a row is
only written while that partition's message is processed, so its changelog partition is the right one):

* ``<partition>@<second>`` → ``{"partition", "keys"}``: the keys written with an event time in that second; a slot
  is rewritten whole with every record, so once it holds ``SLOT_KEYS`` keys the second goes on in
  ``<partition>@<second>#1``, ``#2``, … (a burst records hundreds of keys a second: one growing row made each
  write carry all of them, bytes per article growing with the rate);
* ``<partition>:cursor`` → ``{"partition", "next", "last", "minutes"}``: the first second not yet expired,
  the latest second recorded, and the minutes that hold slots, in order, so that a pass reads only the
  seconds of those minutes and never walks an idle gap between two records (measured before: a backfill with
  event times three weeks apart made one pass walk 1.6 million empty seconds). A minute joins the list once,
  when its first key is recorded, so the cursor is rewritten at most once a minute for it.

A key written again later is also recorded again later; expiring it early only trims what is old and
leaves the row to its later slot. An event time already behind the cursor (a late, out-of-order
article) is recorded at the cursor, so the next pass still finds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

IndexTable = MutableMapping[str, dict[str, Any]]

_SECOND = timedelta(seconds=1)
_MINUTE = timedelta(minutes=1)
SLOT_KEYS = 64
"""Keys a slot row takes before its second goes on in the next row (one record may go a little past it)."""


class ExpiryIndex:
    def __init__(self, table: IndexTable) -> None:
        self._table = table

    def __len__(self) -> int:
        """Rows of the index: its slots, and one cursor per partition."""
        return len(self._table)

    def record(self, partition: int, at: datetime, keys: Iterable[str]) -> None:
        new_keys = list(dict.fromkeys(keys))
        if not new_keys:
            return
        second = _second(at)
        cursor = self._table.get(_cursor_key(partition))
        if cursor is None or datetime.fromisoformat(cursor["next"]) > datetime.fromisoformat(cursor["last"]):
            # Nothing is waiting to expire: the next pass may start at this second.
            moved = {"partition": partition, "next": second.isoformat(), "last": second.isoformat(), "minutes": []}
        else:
            second = max(second, datetime.fromisoformat(cursor["next"]))
            moved = {**cursor, "last": max(second, datetime.fromisoformat(cursor["last"])).isoformat()}
        minute = _minute(second).isoformat()
        minutes = moved.get("minutes")
        if minutes is not None and minute not in minutes:
            # ISO strings of one offset (UTC) sort as the times do.
            moved = {**moved, "minutes": sorted([*minutes, minute])}
        if moved != cursor:
            self._table[_cursor_key(partition)] = moved
        chunk = 0
        row = self._table.get(_slot_key(partition, second))
        while row is not None and len(row["keys"]) >= SLOT_KEYS:
            chunk += 1
            row = self._table.get(_slot_key(partition, second, chunk))
        row = row or {"partition": partition, "keys": []}
        # A key recorded twice in one second is kept once per row (once more in a later row does no harm).
        known = set(row["keys"])
        added = [key for key in new_keys if key not in known]
        if added:
            self._table[_slot_key(partition, second, chunk)] = {**row, "keys": [*row["keys"], *added]}

    def pop_due(self, partition: int, horizon: datetime) -> Iterator[str]:
        """The keys recorded before ``horizon``: the only rows that may hold expired data.

        Their slots are deleted once every key has been handed out, so a worker that dies in between
        (and processes the sweep again) still finds them."""
        cursor = self._table.get(_cursor_key(partition))
        if cursor is None:
            return
        start = datetime.fromisoformat(cursor["next"])
        stop = min(_second(horizon), datetime.fromisoformat(cursor["last"]) + _SECOND)
        minutes = cursor.get("minutes")
        # A cursor written before minutes were listed walks every second, as it always did.
        occupied = [start] if minutes is None else [datetime.fromisoformat(minute) for minute in minutes]
        slots: list[str] = []
        for minute in occupied:
            second = max(start, minute)
            end = stop if minutes is None else min(stop, minute + _MINUTE)
            while second < end:
                chunk = 0
                row = self._table.get(_slot_key(partition, second))
                while row is not None:
                    slots.append(_slot_key(partition, second, chunk))
                    yield from row["keys"]
                    # Only a full row is followed by another: a slot of a quiet second costs one read.
                    full = len(row["keys"]) >= SLOT_KEYS
                    chunk += 1
                    row = self._table.get(_slot_key(partition, second, chunk)) if full else None
                second += _SECOND
        for slot in slots:
            del self._table[slot]
        if stop > start:
            moved = {**cursor, "next": stop.isoformat()}
            if minutes is not None:
                moved["minutes"] = [m for m in minutes if datetime.fromisoformat(m) + _MINUTE > stop]
            self._table[_cursor_key(partition)] = moved


def _second(at: datetime) -> datetime:
    """Slots are UTC seconds, whatever offset an event time was given in."""
    return at.astimezone(UTC).replace(microsecond=0)


def _minute(second: datetime) -> datetime:
    return second.replace(second=0)


def _cursor_key(partition: int) -> str:
    return f"{partition}:cursor"


def _slot_key(partition: int, second: datetime, chunk: int = 0) -> str:
    return f"{partition}@{second.isoformat()}" + (f"#{chunk}" if chunk else "")
