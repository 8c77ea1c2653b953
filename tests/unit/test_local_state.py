"""A worker keeps its local table state across a restart only after a clean stop (services.runtime.local_state)."""

from __future__ import annotations

from pathlib import Path

from services.runtime.local_state import discard_unless_stopped_cleanly, mark_stopped_cleanly


def _tables(data_dir: Path) -> Path:
    table_dir = data_dir / "v1" / "tables"
    (table_dir / "dedup-pending-2.db").mkdir(parents=True)
    return table_dir


def test_state_left_by_a_run_that_did_not_stop_cleanly_is_discarded(tmp_path: Path) -> None:
    table_dir = _tables(tmp_path)
    assert discard_unless_stopped_cleanly(tmp_path, table_dir)
    assert not table_dir.exists()


def test_state_left_by_a_clean_stop_is_kept_once(tmp_path: Path) -> None:
    table_dir = _tables(tmp_path)
    mark_stopped_cleanly(tmp_path)
    assert not discard_unless_stopped_cleanly(tmp_path, table_dir)
    assert table_dir.exists()
    # The run that started on it has not stopped cleanly (yet): its state goes at the next start.
    assert discard_unless_stopped_cleanly(tmp_path, table_dir)
    assert not table_dir.exists()


def test_a_first_start_has_nothing_to_discard(tmp_path: Path) -> None:
    assert not discard_unless_stopped_cleanly(tmp_path / "data", tmp_path / "data" / "v1" / "tables")


def test_a_stage_without_tables_has_nothing_to_discard(tmp_path: Path) -> None:
    table_dir = tmp_path / "v1" / "tables"
    table_dir.mkdir(parents=True)
    assert not discard_unless_stopped_cleanly(tmp_path, table_dir)
