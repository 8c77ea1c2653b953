"""The number-quality bench's own logic: pairing, ranges, scope, F1, unit maps, spec readers, system adapters and the
report's handling of a missing library."""

from __future__ import annotations

import decimal
import importlib.util
import math
from pathlib import Path

import pytest

from bench.number_misses import OTHER, failure_pattern
from bench.number_quality import evaluate, main
from bench.number_scoring import (
    Found,
    Score,
    agreement,
    case_result,
    holds,
    in_scope,
    match,
    overlaps,
    same_value,
    score,
)
from bench.number_specs import (
    CURRENCY_UNITS,
    Case,
    Dataset,
    Expected,
    Spec,
    counted_label,
    located_span,
    parse_value,
    python_unsupported,
    timex_unit,
    unit_target,
)
from bench.number_systems import (
    System,
    enricher_found,
    in_spec_units,
    merge_overlapping,
    naive_value,
    quantulum_kind_unit,
)
from services.contract.messages import NumberFact


def found(start: int, end: int, value: float, kind: str = "count", unit: str | None = None,
          counted: str | None = None, low: float | None = None, high: float | None = None) -> Found:
    return Found(start, end, "x" * (end - start), value, kind, unit, counted, low, high)


def expected(start: int, end: int, value: float | None, unit: str | None = None) -> Expected:
    return Expected(start, end, "x" * (end - start), value, unit)


# ---- overlap, tolerance, pairing -------------------------------------------------------------------------------


def test_spans_that_only_touch_do_not_overlap() -> None:
    assert not overlaps(0, 3, 3, 6)
    assert overlaps(0, 4, 3, 6)
    assert overlaps(2, 3, 0, 10)  # one inside the other


def test_values_agree_within_a_relative_millionth() -> None:
    assert same_value(2_000_000, 2_000_001)
    assert not same_value(2_000_000, 2_000_003)
    assert same_value(0.666666666666667, 2 / 3)
    assert not same_value(0.5, 5)


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


# ---- ranges ----------------------------------------------------------------------------------------------------


def test_a_range_holds_its_midpoint_and_both_ends() -> None:
    three_to_four = found(0, 8, 3.5, "quantity", "litres", low=3.0, high=4.0)
    assert holds(three_to_four, 3.5) and holds(three_to_four, 3.0) and holds(three_to_four, 4.0)
    assert not holds(three_to_four, 3.2)
    # A range whose value is its low end (an approximate amount) still holds the midpoint.
    assert holds(found(0, 6, 24.0, low=24.0, high=99.0), 61.5)


def test_a_range_pairs_with_the_midpoint_or_an_end_but_only_once() -> None:
    # quantulum3: "3 to 4 L" = 3.5; Recognizers: "40 - 50 years old" = 50.
    assert match([expected(0, 8, 3.5)], [found(0, 8, 3.5, low=3.0, high=4.0)]) == (0,)
    assert match([expected(5, 17, 50.0)], [found(0, 17, 45.0, "age", low=40.0, high=50.0)]) == (0,)
    # A spec annotating both ends separately gets one pair from one range fact.
    assert match([expected(0, 1, 3.0), expected(5, 6, 4.0)], [found(0, 6, 3.5, low=3.0, high=4.0)]) == (0, None)


def test_two_separate_numbers_do_not_pair_with_a_midpoint() -> None:
    assert match([expected(0, 8, 3.5)], [found(0, 1, 3.0), found(5, 8, 4.0)]) == (None,)


# ---- scope, precision, F1 --------------------------------------------------------------------------------------


def test_a_fact_of_an_untested_kind_away_from_the_expected_is_out_of_scope() -> None:
    currency = Spec("Currency", "c.json", frozenset({"money"}), CURRENCY_UNITS, "money")
    wanted = [expected(10, 15, 5.0, "Dollar")]
    assert not in_scope(currency, found(0, 3, 300.0, "count"), wanted)  # "300 workers": not annotated there
    assert in_scope(currency, found(20, 23, 7.0, "money"), wanted)  # a money reading the spec does not expect
    assert in_scope(currency, found(11, 15, 4.0, "count"), wanted)  # over the expected money, wrongly read
    assert in_scope(Spec("Number", "n.json", None, {}, "count"), found(0, 3, 300.0, "year"), wanted)


def test_scores_count_recall_scoped_precision_units_and_counted_nouns() -> None:
    spec = Spec("toy", "toy.json", frozenset({"money"}), CURRENCY_UNITS, "money")
    text = "50 cars cost $ 1.34 in 1989, £ 3"
    wanted = (
        Expected(0, 2, "50", 50.0, None, counted_labelled=True, counted="car"),
        Expected(13, 19, "$ 1.34", 1.34, "Canadian dollar"),
    )
    given = (
        found(0, 2, 50.0, counted="car"),
        found(13, 19, 1.34, "money", "USD"),
        found(23, 27, 1989.0, "year"),  # out of scope
        found(29, 32, 3.0, "money", "GBP"),  # in scope, unpaired
    )
    s = score(spec, [case_result(text, wanted, given)])
    assert (s.expected, s.matched, s.spanned, s.facts, s.scoped, s.scoped_matched) == (2, 2, 2, 4, 3, 2)
    assert math.isclose(s.precision, 2 / 3) and s.recall == 1.0
    assert math.isclose(s.f1, 0.8)
    [check] = s.unit_checks
    assert (check.data_unit, check.kind_ok, check.unit_ok) == ("Canadian dollar", True, False)
    assert [(e.counted, f.counted) for _, e, f in s.counted] == [("car", "car")]
    assert s.unpaired == [(text, given[3])]
    assert s.misses == []


def test_pooled_scores_sum_the_counts() -> None:
    pooled = Score(expected=10, matched=5, scoped=5, scoped_matched=5) + Score(expected=10, matched=10, scoped=20,
                                                                              scoped_matched=10)
    assert (pooled.recall, pooled.precision) == (0.75, 0.6)
    assert math.isnan(Score().f1)


def test_a_missed_quantity_keeps_the_facts_over_it_and_gets_a_class() -> None:
    spec = Spec("toy", "toy.json", None, {}, "count")
    wanted = (Expected(0, 10, "two thirds", 2 / 3),)
    given = (found(0, 3, 2.0, counted="third"),)
    [miss] = score(spec, [case_result("two thirds", wanted, given)]).misses
    assert miss.overlapping == given
    assert failure_pattern(miss.text, 0, 10, None).startswith("fraction")


# ---- units and kinds ---------------------------------------------------------------------------------------------


def test_mapped_units_give_kind_and_unit_and_unknown_ones_the_default_kind() -> None:
    assert unit_target("Canadian dollar", CURRENCY_UNITS, "money") == ("money", "CAD")
    assert unit_target("Bitcoin", CURRENCY_UNITS, "money") == ("money", None)


def test_agreement_scores_the_unit_only_where_the_map_names_one() -> None:
    usd = found(0, 4, 1.34, "money", "USD")
    assert agreement(("money", "CAD"), usd) == (True, False)
    assert agreement(("money", None), usd) == (True, None)
    assert agreement(("quantity", "km"), found(0, 4, 4.0, "count", counted="km")) == (False, False)


def test_quantulum_units_map_into_our_kinds() -> None:
    assert quantulum_kind_unit("dollar", "currency") == ("money", "USD")
    assert quantulum_kind_unit("dollar per barrel", "unknown") == ("money", "dollar per barrel")
    assert quantulum_kind_unit("dimensionless", "dimensionless") == ("count", None)
    assert quantulum_kind_unit("fortnight", "time") == ("duration", "fortnight")
    assert quantulum_kind_unit("inch", "length") == ("quantity", "inch")


def test_durations_compare_in_seconds_only_where_the_spec_measures_seconds() -> None:
    in_seconds = Spec("Duration", "d.json", frozenset({"duration"}), {}, "duration", in_seconds=True)
    plain = Spec("quantulum3", "q.json", None, {}, "quantity")
    hours = found(0, 9, 1.5, "duration", "hours", low=1.0, high=2.0)
    assert (in_spec_units(hours, in_seconds).value, in_spec_units(hours, in_seconds).high) == (5400, 7200)
    assert in_spec_units(hours, plain) == hours


def test_timex_durations_name_one_unit_or_none() -> None:
    assert timex_unit("PT3H") == "Hour"
    assert timex_unit("P3.5Y") == "Year"
    assert timex_unit("P1M") == "Month"
    assert timex_unit("PT3M") == "Minute"
    assert timex_unit("PT1H30M") is None


def test_the_enricher_adapter_scores_what_the_message_holds() -> None:
    fact = NumberFact(value=123, text="123", kind="count", counted="prisoner", sentence=0, start=4, end=7)
    assert enricher_found(fact) == Found(4, 7, "123", 123, "count", None, "prisoner")


# ---- the other systems' adapters ---------------------------------------------------------------------------------


def test_a_unit_reading_wins_over_a_bare_number_it_overlaps() -> None:
    merged = merge_overlapping([found(1, 3, 60.0), found(0, 3, 60.0, "money", "USD"), found(5, 6, 3.0)])
    assert [(f.kind, f.start) for f in merged] == [("money", 0), ("count", 5)]


@pytest.mark.parametrize(("text", "value"), [
    ("123", 123), ("30,154", 30154), ("1.4 million", 1.4e6), ("twenty five", 25), ("two hundred thousand", 2e5),
    ("3 to 4", 3), ("dozens", None),
])
def test_the_naive_value_is_the_first_number_written(text: str, value: float | None) -> None:
    assert naive_value(text) == value


def test_quantulum3_gives_a_range_with_both_ends() -> None:
    pytest.importorskip("quantulum3")
    from bench.number_systems import quantulum_system

    [[litres]] = quantulum_system().read(["3 to 4 L"])  # type: ignore[misc]
    assert (litres.value, litres.low, litres.high, litres.kind, litres.unit) == (3.5, 3.0, 4.0, "quantity", "litres")


def test_recognizers_readings_map_into_our_kinds_and_units() -> None:
    if importlib.util.find_spec("ms_recognizers_number") is None:  # importing it here would change decimal's precision
        pytest.skip("Recognizers-Text is not installed (the bench extra)")
    from bench.number_systems import recognizers_system

    [[money], [hours]] = recognizers_system().read(["It cost $60", "I will leave for 3 hours"])  # type: ignore[misc]
    assert decimal.getcontext().prec == 28, "Recognizers' import-time precision leaked out of the adapter"
    assert (money.kind, money.unit, money.value, money.start, money.end) == ("money", "USD", 60, 8, 11)
    assert (hours.kind, hours.unit, hours.value) == ("duration", "hours", 3)


# ---- reading the specs -------------------------------------------------------------------------------------------


def test_resolution_values_parse_percent_points_and_exponents() -> None:
    assert parse_value("100%") == 100
    assert parse_value("1E-12") == 1e-12
    assert parse_value(None) is None


def test_cases_not_supported_in_python_are_skipped() -> None:
    assert python_unsupported({"NotSupported": "javascript, python"})
    assert python_unsupported({"NotSupportedByDesign": "Python"})
    assert not python_unsupported({"NotSupported": "javascript, java"})


def test_spans_read_inclusive_ends_and_lengths_and_are_checked_against_the_text() -> None:
    assert located_span("I'm only 29 years old!", {"Text": "29 years old", "Start": 9, "End": 20}) == (9, 21)
    assert located_span("I'll leave for 3h", {"Text": "3h", "Start": 15, "Length": 2}) == (15, 17)
    assert located_span("costs 10G", {"Text": "10g", "Start": 0, "End": 2}) == (6, 9)  # wrong offsets: relocated
    assert located_span("costs 10", {"Text": "ten", "Start": 0, "End": 2}) is None


def test_counted_nouns_of_the_quantulum_spec_are_labelled_by_the_phrase_at_the_quantity() -> None:
    text = "I have seen 45 and 50 cases."
    assert counted_label(text, text.index("45")) == "case"
    assert counted_label("The answer is 42", 14) is None


# ---- failure patterns ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "surface", "kind", "pattern"), [
    ("two thirds", "two thirds", None, "fraction"),
    ("192.168.1.2", "168", None, "glued to an id"),
    ("minus 5", "minus 5", None, "negative"),
    ("10k", "10k", None, "scale suffix"),
    ("75ml", "75ml", "quantity", "digits glued to a unit"),
    ("I'm 29 years old", "29 years old", "duration", "age phrase"),
    ("3 to 4 L", "3 to 4 L", "quantity", "range"),
])
def test_misses_take_the_first_pattern_they_show(text: str, surface: str, kind: str | None, pattern: str) -> None:
    start = text.index(surface)
    assert failure_pattern(text, start, start + len(surface), kind).startswith(pattern)


def test_a_miss_showing_no_pattern_is_other() -> None:
    assert failure_pattern("a 16-bit chip", 2, 8, "quantity") == OTHER


# ---- the run -----------------------------------------------------------------------------------------------------


def test_a_missing_library_is_reported_as_not_installed(tmp_path: Path) -> None:
    spec = Spec("toy", "toy.json", None, {}, "count")
    dataset = Dataset(spec, (Case("50 cars", (expected(0, 2, 50.0),)),), 1, 0)

    def read(texts: list[str]) -> list[list[Found]]:
        return [[found(0, 2, 50.0)] if t == "50 cars" else [] for t in texts]

    systems = [System("reader", "1", read), System("absent", "–", None, "not installed (pip install)")]
    report = evaluate(tmp_path, [dataset], 0.0, systems=systems)  # type: ignore[arg-type]
    assert "reader 1.000; absent not installed" in report
    assert "| toy | 1 | **1.000** (P 1.000, R 1.000) | not installed |" in report


def test_the_bench_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "report.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "report.md").exists()
