"""The language routing bench runs on the repository's own wire items when the evaluation sets are absent."""

from __future__ import annotations

from pathlib import Path

from bench.language_routing import before_identification, main


def test_before_identification_is_unsure_on_a_flash() -> None:
    assert before_identification("BREAKING: Quake hits Chile")[0] is None
    assert before_identification("The government said on Tuesday that it would cut taxes next year.")[0] == "en"


def test_the_report_covers_the_wire_items_and_skips_absent_sets(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    assert main(["--conll-dir", str(tmp_path), "--pages-dir", str(tmp_path), "--repeat", "1",
                 "--report", str(report)]) == 0
    text = report.read_text()
    assert "| CoNLL-2003 dev (English, report set) | absent: skipped |" in text
    assert "| `ninjs/3.0/dpa_text.json` | 3063 | de | de (1.00) | de (1.00), 3000 | de / detected |" in text
