"""The fuzz run itself works: it generates every kind of message and counts every outcome."""

from __future__ import annotations

from pathlib import Path

from bench.fuzz_cleaner import report, run


def test_a_short_fuzz_run_finds_no_crash(tmp_path: Path) -> None:
    result = run(examples=40, eval_dir=tmp_path / "no-eval-data")
    assert result.crashes == [] and result.violations == []
    assert len(result.timings) == 40
    assert sum(result.outcomes.values()) == 40
    assert "clean" in result.outcomes and len(result.outcomes) > 2
    assert "Crashes (exceptions other than a DLQ rejection): **0**" in report(result, limit_s=2.0)
    assert "a letter without reason or message): **0**" in report(result, limit_s=2.0)
