"""The expiry index: a pass hands out exactly the keys written before the horizon, and reads little else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from services.common.expiry import SLOT_KEYS, ExpiryIndex

T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)


class CountingTable(dict[str, dict[str, Any]]):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get(self, key: str, default: Any = None) -> Any:
        self.reads += 1
        return super().get(key, default)


def test_a_pass_hands_out_the_keys_recorded_before_the_horizon_once() -> None:
    index = ExpiryIndex(table := CountingTable())
    index.record(0, T0, ["a", "b"])
    index.record(0, T0 + timedelta(seconds=1.5), ["b", "c"])
    index.record(0, T0 + timedelta(minutes=5), ["d"])
    assert list(index.pop_due(0, T0 + timedelta(seconds=2))) == ["a", "b", "b", "c"]
    assert list(index.pop_due(0, T0 + timedelta(seconds=2))) == []
    assert list(index.pop_due(0, T0 + timedelta(hours=1))) == ["d"]
    assert set(table) == {"0:cursor"}, "every slot handed out is deleted"


def test_partitions_keep_their_own_slots() -> None:
    index = ExpiryIndex({})
    index.record(0, T0, ["a"])
    index.record(1, T0, ["b"])
    assert list(index.pop_due(1, T0 + timedelta(seconds=1))) == ["b"]
    assert list(index.pop_due(0, T0 + timedelta(seconds=1))) == ["a"]


def test_a_late_event_behind_the_cursor_is_found_by_the_next_pass() -> None:
    index = ExpiryIndex({})
    index.record(0, T0 + timedelta(seconds=10), ["recent"])
    index.record(0, T0 + timedelta(seconds=20), ["later"])
    assert list(index.pop_due(0, T0 + timedelta(seconds=15))) == ["recent"]
    index.record(0, T0, ["late"])  # an out-of-order event time, before the cursor
    assert list(index.pop_due(0, T0 + timedelta(seconds=16))) == ["late"]
    assert list(index.pop_due(0, T0 + timedelta(seconds=21))) == ["later"]


def test_a_pass_never_walks_an_idle_gap() -> None:
    index = ExpiryIndex(table := CountingTable())
    index.record(0, T0, ["a"])
    assert list(index.pop_due(0, T0 + timedelta(days=30))) == ["a"]
    index.record(0, T0 + timedelta(days=40), ["b"])
    table.reads = 0
    assert list(index.pop_due(0, T0 + timedelta(days=40, seconds=1))) == ["b"]
    assert table.reads <= 3, "one cursor read and one slot, not 10 days of seconds"


def test_event_times_in_other_offsets_share_the_utc_second() -> None:
    index = ExpiryIndex(table := {})
    index.record(0, T0, ["a"])
    index.record(0, T0.astimezone(timezone(timedelta(hours=2))), ["b"])
    assert [key for key in table if "@" in key] == ["0@2025-12-13T12:00:00+00:00"]


def test_a_pass_reads_only_the_minutes_that_hold_slots_however_far_apart_the_records() -> None:
    index = ExpiryIndex(table := CountingTable())
    index.record(0, T0, ["a"])
    index.record(0, T0 + timedelta(days=21), ["b"])  # a backfill: event times three weeks apart
    table.reads = 0
    assert list(index.pop_due(0, T0 + timedelta(days=18))) == ["a"]
    assert table.reads <= 2 + 60, "the cursor and one minute's seconds, not 18 days of them"
    assert list(index.pop_due(0, T0 + timedelta(days=22))) == ["b"]
    assert set(table) == {"0:cursor"}


class WritesTable(dict[str, dict[str, Any]]):
    def __init__(self) -> None:
        super().__init__()
        self.written: list[tuple[str, int]] = []

    def __setitem__(self, key: str, row: dict[str, Any]) -> None:
        self.written.append((key, len(row.get("keys", []))))
        super().__setitem__(key, row)


def test_a_busy_second_is_split_into_bounded_rows_and_handed_out_whole() -> None:
    """A burst records hundreds of keys in one second: each write must not carry all of the second's keys."""
    index = ExpiryIndex(table := WritesTable())
    recorded = [[f"{n}:{band}" for band in range(4)] for n in range(200)]
    for keys in recorded:
        index.record(0, T0 + timedelta(milliseconds=len(table.written)), keys)
    slot_writes = [(key, size) for key, size in table.written if "@" in key]
    assert len(slot_writes) == len(recorded), "one write per record"
    assert max(size for _, size in slot_writes) <= SLOT_KEYS + 3, "a row stops growing at the bound"
    assert len({key for key, _ in slot_writes}) == -(-800 // SLOT_KEYS)
    assert list(index.pop_due(0, T0 + timedelta(seconds=2))) == [key for keys in recorded for key in keys]
    assert set(table) == {"0:cursor"}, "every row of the second is deleted"


def test_a_row_of_a_busy_second_written_before_the_bound_is_still_handed_out() -> None:
    index = ExpiryIndex(table := {})
    index.record(0, T0, ["first"])
    table["0@2025-12-13T12:00:00+00:00"]["keys"] = [f"old-{n}" for n in range(500)]  # one row, as it used to grow
    index.record(0, T0, ["new"])
    assert "0@2025-12-13T12:00:00+00:00#1" in table, "a full row is not rewritten again"
    assert list(index.pop_due(0, T0 + timedelta(seconds=1))) == [*(f"old-{n}" for n in range(500)), "new"]
    assert set(table) == {"0:cursor"}
