"""The extraction benchmark's metric, and its clean skip when the evaluation data is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction import main, precision_recall


def test_identical_texts_score_one() -> None:
    text = "Belarus pardoned 123 prisoners after talks with a US envoy on Saturday"
    assert precision_recall(text, text) == (1.0, 1.0)


def test_extra_boilerplate_lowers_precision_not_recall() -> None:
    body = "Belarus pardoned 123 prisoners after talks with a US envoy on Saturday"
    precision, recall = precision_recall(body + " Subscribe to our newsletter for more news today", body)
    assert recall == 1.0
    # 17 shingles extracted: the 9 expected ones, 3 across the seam and 5 inside the boilerplate.
    assert precision == pytest.approx(9 / 17)


def test_missing_text_scores_zero() -> None:
    assert precision_recall("", "some article body text here") == (0.0, 0.0)


def test_missing_data_skips_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--eval-dir", str(tmp_path / "absent"), "--report", str(tmp_path / "r.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "r.md").exists()
