"""The number-quality bench's own logic: span overlap, value tolerance, pairing, unit maps, scoring, reading specs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.number_quality import (
    CURRENCY_UNITS,
    OTHER,
    Case,
    CaseResult,
    Expected,
    Found,
    Spec,
    agreement,
    counted_label,
    failure_pattern,
    found_from_fact,
    located_span,
    main,
    match,
    overlaps,
    parse_value,
    python_unsupported,
    same_value,
    score,
    timex_unit,
    unit_target,
)
from services.messages import NumberFact


def found(start: int, end: int, value: float, kind: str = "count", unit: str | None = None,
          counted: str | None = None) -> Found:
    return Found(start, end, "x" * (end - start), value, kind, unit, counted)


def expected(start: int, end: int, value: float | None, unit: str | None = None) -> Expected:
    return Expected(start, end, "x" * (end - start), value, unit)


# ---- overlap and tolerance -----------------------------------------------------------------------------------


def test_spans_that_only_touch_do_not_overlap() -> None:
    assert not overlaps(0, 3, 3, 6)
    assert overlaps(0, 4, 3, 6)
    assert overlaps(2, 3, 0, 10)  # one inside the other


def test_values_agree_within_a_relative_millionth() -> None:
    assert same_value(2_000_000, 2_000_001)
    assert not same_value(2_000_000, 2_000_003)
    assert same_value(0.666666666666667, 2 / 3)
    assert same_value(0, 0.0)
    assert not same_value(0.5, 5)


# ---- pairing -------------------------------------------------------------------------------------------------


def test_a_fact_pairs_only_when_it_overlaps_and_has_the_value() -> None:
    # "two meters of cotton for £2,000": the second fact is right, the first has another value.
    wanted = [expected(7, 17, 2.0), expected(31, 37, 2000.0)]
    given = [found(7, 10, 3.0), found(31, 37, 2000.0, "money", "GBP")]
    assert match(wanted, given) == (None, 1)


def test_each_fact_pairs_once_and_the_widest_overlap_wins() -> None:
    wanted = [expected(0, 10, 5.0), expected(8, 12, 5.0)]
    given = [found(0, 2, 5.0), found(2, 9, 5.0)]
    assert match(wanted, given) == (1, None)


def test_without_an_expected_value_the_span_alone_pairs() -> None:
    assert match([expected(15, 17, None)], [found(15, 22, 3.0, "duration", "hours")]) == (0,)
    assert match([expected(15, 17, None)], [found(0, 4, 3.0)]) == (None,)


# ---- unit maps -------------------------------------------------------------------------------------------------


def test_mapped_units_give_kind_and_unit_and_unknown_ones_the_default_kind() -> None:
    assert unit_target("Canadian dollar", CURRENCY_UNITS, "money") == ("money", "CAD")
    assert unit_target("Bitcoin", CURRENCY_UNITS, "money") == ("money", None)


def test_agreement_scores_the_unit_only_where_the_map_names_one() -> None:
    usd = found(0, 4, 1.34, "money", "USD")
    assert agreement(("money", "CAD"), usd) == (True, False)
    assert agreement(("money", None), usd) == (True, None)
    assert agreement(("quantity", "km"), found(0, 4, 4.0, "count", counted="km")) == (False, False)


def test_timex_durations_name_one_unit_or_none() -> None:
    assert timex_unit("PT3H") == "Hour"
    assert timex_unit("P3.5Y") == "Year"
    assert timex_unit("P1M") == "Month"
    assert timex_unit("PT3M") == "Minute"
    assert timex_unit("PT1H30M") is None
    assert timex_unit("P1DT2H") is None


def test_durations_compare_in_seconds_where_the_spec_measures_seconds() -> None:
    fact = NumberFact(value=1.5, text="1.5 hours", kind="duration", unit="hours", sentence=0, start=0, end=9)
    assert found_from_fact(fact, in_seconds=True).value == 5400
    assert found_from_fact(fact, in_seconds=False).value == 1.5


# ---- reading the specs -----------------------------------------------------------------------------------------


def test_resolution_values_parse_percent_points_and_exponents() -> None:
    assert parse_value("100%") == 100
    assert parse_value("1E-12") == 1e-12
    assert parse_value(None) is None


def test_cases_not_supported_in_python_are_skipped() -> None:
    assert python_unsupported({"NotSupported": "javascript, python"})
    assert python_unsupported({"NotSupportedByDesign": "Python"})
    assert not python_unsupported({"NotSupported": "javascript, java"})
    assert not python_unsupported({})


def test_spans_read_inclusive_ends_and_lengths_and_are_checked_against_the_text() -> None:
    assert located_span("I'm only 29 years old!", {"Text": "29 years old", "Start": 9, "End": 20}) == (9, 21)
    assert located_span("I'll leave for 3h", {"Text": "3h", "Start": 15, "Length": 2}) == (15, 17)
    assert located_span("costs 10G", {"Text": "10g", "Start": 0, "End": 2}) == (6, 9)  # wrong offsets: relocated
    assert located_span("costs 10", {"Text": "ten", "Start": 0, "End": 2}) is None


def test_counted_nouns_are_labelled_by_the_phrase_starting_at_the_quantity() -> None:
    text = "I have seen 45 and 50 cases."
    assert counted_label(text, text.index("45")) == "case"
    assert counted_label(text, text.index("50")) == "case"
    assert counted_label("The answer is 42", 14) is None


# ---- failure patterns ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "surface", "kind", "pattern"), [
    ("two thirds", "two thirds", None, "fraction"),
    ("2 1/2 in", "2 1/2 in", "quantity", "fraction"),
    ("192.168.1.2", "168", None, "glued to an id"),
    ("minus 5", "minus 5", None, "negative"),
    ("10k", "10k", None, "scale suffix"),
    ("75ml", "75ml", "quantity", "digits glued to a unit"),
    ("fifty   two", "fifty   two", None, "whitespace run"),
    ("I'm 29 years old", "29 years old", "duration", "age phrase"),
    ("3 to 4 L", "3 to 4 L", "quantity", "range"),
])
def test_misses_take_the_first_pattern_they_show(text: str, surface: str, kind: str | None, pattern: str) -> None:
    start = text.index(surface)
    assert failure_pattern(text, start, start + len(surface), kind).startswith(pattern)


def test_a_miss_showing_no_pattern_is_other() -> None:
    assert failure_pattern("a 16-bit chip", 2, 8, "quantity") == OTHER


# ---- scoring ---------------------------------------------------------------------------------------------------


def test_scores_count_recall_precision_units_and_counted_nouns() -> None:
    spec = Spec("toy", "toy.json", frozenset({"money"}), CURRENCY_UNITS, "money")
    text = "50 cars cost $ 1.34 in 1989"
    wanted = (
        Expected(0, 2, "50", 50.0, None, counted_labelled=True, counted="car"),
        Expected(13, 19, "$ 1.34", 1.34, "Canadian dollar"),
    )
    given = (
        found(0, 2, 50.0, counted="car"),
        found(13, 19, 1.34, "money", "USD"),
        found(23, 27, 1989.0, "year"),
    )
    s = score(spec, [CaseResult(Case(text, wanted), given, match(wanted, given))])
    assert (s.expected, s.matched, s.spanned) == (2, 2, 2)
    assert (s.facts, s.facts_matched) == (3, 2)
    assert (s.typed_facts, s.typed_matched) == (1, 1)  # only the money fact is of the tested kind
    assert math.isclose(s.precision, 2 / 3)
    [check] = s.unit_checks
    assert (check.data_unit, check.kind_ok, check.unit_ok) == ("Canadian dollar", True, False)
    assert [(e.counted, f.counted) for _, e, f in s.counted] == [("car", "car")]
    assert s.unmatched_facts == [(text, given[2])]
    assert s.misses == []


def test_a_missed_quantity_keeps_the_facts_over_it_and_its_pattern() -> None:
    spec = Spec("toy", "toy.json", None, {}, "count")
    wanted = (Expected(0, 10, "two thirds", 2 / 3),)
    given = (found(0, 3, 2.0, counted="third"),)
    s = score(spec, [CaseResult(Case("two thirds", wanted), given, match(wanted, given))])
    [miss] = s.misses
    assert miss.overlapping == given
    assert miss.pattern.startswith("fraction")
    assert (s.matched, s.spanned, s.facts_matched) == (0, 1, 0)


def test_the_bench_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "report.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "report.md").exists()
