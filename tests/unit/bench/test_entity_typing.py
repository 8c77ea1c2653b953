"""The entity-typing bench: its clocks and its skip (the CoNLL data is read at run time only)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench import entity_typing
from bench.ner_quality import FIRST_DAY, document_time


def test_a_document_is_dated_by_its_dateline() -> None:
    assert document_time("SOCCER - RESULTS .\nLONDON 1996-08-30\nLeeds 2 Chelsea 1", FIRST_DAY) == datetime(
        1996, 8, 30, 12, tzinfo=UTC)


def test_a_document_without_a_date_takes_the_previous_one() -> None:
    previous = datetime(1996, 8, 29, 12, tzinfo=UTC)
    assert document_time("Results of the league.", previous) == previous


def test_the_bench_skips_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert entity_typing.main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "report.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "report.md").exists()
