"""The pending table's index of due progress rows (services/dedup/pending_rows.py): a tick reads the rows that
are due, and the index agrees with the table through writes, deletes and a revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.dedup.pending_rows import ORPHAN_TTL, PendingRows, registration_key

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def progress(partition: int, ready_in_s: float | None = None, created: datetime = T0) -> dict[str, Any]:
    ready_at = None if ready_in_s is None else (T0 + timedelta(seconds=ready_in_s)).isoformat()
    return {"partition": partition, "created_at": created.isoformat(), "ready_at": ready_at}


class CountingTable(dict[str, dict[str, Any]]):
    """Counts the rows read, as a RocksDB store decodes each one."""

    reads: list[str]

    def __init__(self) -> None:
        super().__init__()
        self.reads = []

    def __getitem__(self, key: str) -> dict[str, Any]:
        self.reads.append(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default


def test_a_tick_gets_the_rows_of_its_partition_whose_window_has_closed() -> None:
    rows = PendingRows({})
    rows["a"] = progress(0, ready_in_s=2)
    rows["b"] = progress(0, ready_in_s=5)
    rows["c"] = progress(1, ready_in_s=1)
    rows["d"] = progress(0)  # still collecting answers
    assert rows.due(0, T0 + timedelta(seconds=3)) == ["a"]
    assert rows.due(1, T0 + timedelta(seconds=3)) == ["c"]
    assert rows.due(0, T0 + ORPHAN_TTL) == ["a", "b", "d"], "a row with no window is read once it may be an orphan"


def test_the_index_follows_writes_and_deletes_once_built() -> None:
    rows = PendingRows({})
    assert rows.due(0, T0) == []
    rows["a"] = progress(0)
    assert rows.due(0, T0 + timedelta(seconds=10)) == []
    rows["a"] = progress(0, ready_in_s=2)
    assert rows.due(0, T0 + timedelta(seconds=10)) == ["a"]
    del rows["a"]
    assert rows.due(0, T0 + timedelta(seconds=10)) == []


def test_after_a_revocation_the_index_is_read_again_from_the_table_and_never_from_registrations() -> None:
    table = CountingTable()
    rows = PendingRows(table)
    rows["a"] = progress(0, ready_in_s=1)
    assert rows.due(0, T0 + timedelta(seconds=1)) == ["a"]
    # Another worker owned the partition meanwhile: its rows came back from the changelog, not through the index.
    table["b"] = progress(0, ready_in_s=1)
    table[registration_key("b")] = {"article": {"text": "long " * 1000}}
    assert rows.due(0, T0 + timedelta(seconds=1)) == ["a"]
    rows.forget_index()
    table.reads.clear()
    assert rows.due(0, T0 + timedelta(seconds=1)) == ["a", "b"]
    assert registration_key("b") not in table.reads


class PartitionedTable(dict[str, dict[str, Any]]):
    """As a worker's RocksDB store: every key is listed, but a read sees only the partition of the current event."""

    current = 0

    def __getitem__(self, key: str) -> dict[str, Any]:
        row = super().__getitem__(key)
        if row["partition"] != self.current:
            raise KeyError(key)
        return row

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


def test_each_partition_is_indexed_during_its_own_tick() -> None:
    table = PartitionedTable()
    rows = PendingRows(table)
    for partition in (0, 1):
        table.current = partition
        rows[f"p{partition}"] = progress(partition, ready_in_s=1)
    for partition in (0, 1):
        table.current = partition
        assert rows.due(partition, T0 + timedelta(seconds=1)) == [f"p{partition}"]
