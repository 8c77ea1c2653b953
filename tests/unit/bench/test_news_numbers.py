"""The news-sentence quantity set: the stored set is well formed and split by its documented rule, the seed and wire
sentences are still in their sources, and scoring pairs ranges, approximate amounts and leaves out
date/year/ordinal on both sides when asked."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench import news_numbers as nn
from bench.number_scoring import Found


def sentence(text: str, *quantities: nn.Quantity, doc: str = "seed:x") -> nn.Sentence:
    return nn.Sentence(doc, nn.split_of(doc), text, quantities)


def test_the_stored_set_has_300_sentences_on_both_sides_with_checked_offsets() -> None:
    sentences = nn.parse_set(nn.LABELS.read_text(encoding="utf-8").splitlines())
    assert len(sentences) >= 300
    assert {s.split for s in sentences} == {"dev", "test"}
    assert all(q.kind in nn.CALENDAR_KINDS | {"count", "money", "percent", "share", "quantity", "duration", "age"}
               for s in sentences for q in s.quantities)
    assert len({s.text for s in sentences}) == len(sentences)


def test_the_seed_and_wire_sentences_are_still_in_their_sources(tmp_path: Path) -> None:
    sentences = [s for s in nn.parse_set(nn.LABELS.read_text(encoding="utf-8").splitlines())
                 if not s.doc.startswith("aeb:")]
    (tmp_path / nn.AEB_TRUTH).parent.mkdir(parents=True)
    (tmp_path / nn.AEB_TRUTH).write_text("{}")
    texts = nn.source_texts(tmp_path, {s.doc for s in sentences})
    assert sentences and nn.check_sources(sentences, texts) == []


def test_a_line_with_a_wrong_offset_or_split_fails_loudly() -> None:
    row = {"doc": "seed:x", "split": nn.split_of("seed:x"), "sentence": "It cost $5.",
           "quantities": [{"start": 7, "end": 9, "surface": "$5", "kind": "money", "value": 5, "unit": "USD"}]}
    with pytest.raises(ValueError, match="is not at"):
        nn.parse_set([json.dumps(row)])
    other = "test" if row["split"] == "dev" else "dev"
    row["quantities"][0]["start"], row["quantities"][0]["end"], row["split"] = 8, 10, other
    with pytest.raises(ValueError, match="belongs to"):
        nn.parse_set([json.dumps(row)])


def test_a_labelled_range_pairs_with_a_range_fact_or_either_end_and_an_approximate_amount_with_any_fact() -> None:
    text = "It takes 10-15 minutes for hundreds of people."
    s = sentence(text, nn.Quantity(9, 22, "10-15 minutes", "duration", 10, 15),
                 nn.Quantity(27, 35, "hundreds", "count", None))
    as_range = [Found(9, 22, "10-15 minutes", 12.5, "duration", "minutes", low=10, high=15),
                Found(27, 35, "hundreds", 200, "count", low=200, high=999)]
    high_end_only = [Found(12, 22, "15 minutes", 15, "duration", "minutes")]
    wrong_value = [Found(9, 11, "10", 11, "count")]
    assert nn.scored(s, as_range, without_calendar=False)[0] == nn.NewsScore(2, 2, 2, 2)
    assert nn.scored(s, high_end_only, without_calendar=False)[0] == nn.NewsScore(2, 1, 1, 1)
    score, misses, extra = nn.scored(s, wrong_value, without_calendar=False)
    assert score == nn.NewsScore(2, 0, 1, 0) and len(misses) == 2 and extra == wrong_value


def test_without_date_year_ordinal_both_labels_and_facts_of_those_kinds_are_left_out() -> None:
    text = "In 2019 the first 30 people came on Monday."
    s = sentence(text, nn.Quantity(3, 7, "2019", "year", 2019), nn.Quantity(12, 17, "first", "ordinal", 1),
                 nn.Quantity(18, 20, "30", "count", 30))
    found = [Found(3, 7, "2019", 2019, "year"), Found(18, 20, "30", 30, "count"),
             Found(36, 42, "Monday", 2016, "date"), Found(12, 17, "first", 1, "count")]
    assert nn.scored(s, found, without_calendar=False)[0] == nn.NewsScore(3, 3, 4, 3)
    # The count over "first" stays a fact: it is no date/year/ordinal, and now pairs with nothing.
    assert nn.scored(s, found, without_calendar=True)[0] == nn.NewsScore(1, 1, 2, 1)
    # As the held-out set scores "all published facts": its labels have no calendar kinds, yet every fact published
    # as a number counts; a date the enricher keeps in ``dates_and_ordinals`` is not published as one.
    assert nn.scored(s, found, without_calendar=True, published_facts=True)[0] == nn.NewsScore(1, 1, 4, 1)
    kept_apart = [replace(f, number_event=False) if f.kind in nn.CALENDAR_KINDS else f for f in found]
    assert nn.scored(s, kept_apart, without_calendar=True, published_facts=True)[0] == nn.NewsScore(1, 1, 2, 1)
    assert nn.scored(s, kept_apart, without_calendar=False)[0] == nn.NewsScore(3, 3, 4, 3)


def test_the_bench_skips_cleanly_without_the_benchmark_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert nn.main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "r.md")]) == 0
    assert "skipped" in capsys.readouterr().out and not (tmp_path / "r.md").exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("Monday", True), ("today", True), ("a year", True), ("June 9", False), ("two-day", False), ("first", False),
    ("a dozen", False), ("half", False),
])
def test_numeral_less_facts_are_those_written_without_digits_or_number_words(text, expected):
    assert nn.numeral_less(Found(0, len(text), text, 1, "date")) is expected
