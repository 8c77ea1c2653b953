"""The soak's own logic: what is sent when, process trees and RSS, consumer lag, and its two verdicts."""

from __future__ import annotations

from pathlib import Path

from bench.soak import (
    LAG_TOLERANCE_S,
    Accounting,
    Sample,
    Usage,
    descendants,
    drained_since,
    lag_trend,
    parent_and_cpu_ticks,
    rss_levels_off,
    text_schedule,
    unflushed_table_mb,
    vm_rss_kb,
)


def test_schedule_sends_every_text_once_spread_over_the_run_and_resends_only_texts_already_sent() -> None:
    schedule = text_schedule(distinct=4, slots=10)
    firsts = [schedule.index(text) for text in range(4)]
    assert firsts == sorted(firsts) and firsts[0] == 0 and firsts[-1] >= 7, "new texts reach the end of the run"
    for slot, text in enumerate(schedule):
        assert text in schedule[:slot] or slot == firsts[text]
    assert len(schedule) == 10


def test_schedule_shorter_than_the_corpus_sends_its_first_texts() -> None:
    assert text_schedule(distinct=10, slots=3) == [0, 1, 2]


def test_rss_read_from_proc_status() -> None:
    status = "Name:\tpython\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads:\t4\n"
    assert vm_rss_kb(status) == 123456
    assert vm_rss_kb("Name:\tzombie\n") == 0


def test_parent_and_cpu_read_from_proc_stat_even_with_a_command_name_holding_parentheses() -> None:
    stat = "4242 (python (spawn) x) S 4200 4242 1 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 5 0 1 2 3"
    assert parent_and_cpu_ticks(stat) == (4200, 1750)


def test_descendants_follow_the_whole_tree_and_nothing_else() -> None:
    parent_of = {10: 1, 11: 10, 12: 11, 13: 10, 20: 1, 21: 20}
    assert descendants(10, parent_of) == [11, 12, 13]
    assert descendants(12, parent_of) == []


def test_memory_that_rises_then_stays_flat_levels_off() -> None:
    points = [(t, 300 + min(t, 100) * 2.0) for t in range(0, 600, 10)]
    verdict = rss_levels_off(points)
    assert verdict is not None and verdict.levelled
    assert verdict.first_third_mb > 150 and abs(verdict.last_third_mb) < 1


def test_memory_that_keeps_rising_does_not_level_off() -> None:
    verdict = rss_levels_off([(t, 300 + t * 0.2) for t in range(0, 600, 10)])
    assert verdict is not None and not verdict.levelled


def test_small_wobble_on_flat_memory_is_noise() -> None:
    wobble = [(t, 500 + (3 if (t // 10) % 2 else 0) + t * 0.005) for t in range(0, 600, 10)]
    verdict = rss_levels_off(wobble)
    assert verdict is not None and verdict.levelled


def test_too_few_samples_cannot_be_judged() -> None:
    assert rss_levels_off([(0, 1.0), (10, 2.0)]) is None


def test_lag_that_wobbles_around_a_level_does_not_grow() -> None:
    points = [(t, 40 + (30 if (t // 10) % 3 == 0 else 0)) for t in range(0, 600, 10)]
    trend = lag_trend(points, input_per_s=18)
    assert trend is not None and not trend.grows and trend.peak == 70


def test_lag_that_climbs_over_the_last_half_grows() -> None:
    points = [(t, t // 5) for t in range(0, 600, 10)]  # 60 records over the last 300 s
    trend = lag_trend(points, input_per_s=2)
    assert trend is not None and trend.grows
    assert trend.tolerance == 2 * LAG_TOLERANCE_S and 55 < trend.rise < 65


def test_accounting_names_every_check_that_failed() -> None:
    held = Accounting(
        sent=10, clean=10, verdicts=10, final_status={"unique": 4}, corrected=0, ever_unique=4, unique_topic=4,
        enriched=4, story_members=4, in_two_stories=0, stories=3, entity_events=9, number_events=5, dead_letters=0,
    )
    assert held.problems() == []
    lost = Accounting(**{**held.__dict__, "verdicts": 9, "enriched": 3, "dead_letters": 1})
    assert lost.problems() == [
        "every sent article has a verdict", "every unique article was enriched",
        "every enriched article is in exactly one story", "no dead letters",
    ]


def _sample(elapsed_s: float, phase: str, output_end: int, cleaner_lag: int = 0, dedup_lag: int = 0) -> Sample:
    usage = Usage(100.0, 0.0, 1.0, 0.0)
    return Sample(
        elapsed_s, phase, 10, {"cleaner": usage}, {"cleaner": cleaner_lag, "dedup": dedup_lag, "enricher": 0},
        {"cleaner": 10}, output_end, 1.0,
    )


def test_drained_once_the_outputs_stopped_growing_for_the_quiet_time_whatever_dedup_ticks_add_to_its_lag() -> None:
    samples = [_sample(0, "steady", 50), _sample(10, "drain", 90), _sample(20, "drain", 100, dedup_lag=12),
               _sample(30, "drain", 100, dedup_lag=20)]
    assert drained_since(samples[:3], quiet_s=10) is None
    assert drained_since(samples, quiet_s=10) == 20


def test_not_drained_while_sending_or_while_the_cleaner_has_lag() -> None:
    steady = [_sample(t, "steady", 100) for t in (0, 10, 20, 30)]
    assert drained_since(steady, quiet_s=10) is None
    lagging = [_sample(0, "drain", 100, cleaner_lag=3), _sample(30, "drain", 100, cleaner_lag=3)]
    assert drained_since(lagging, quiet_s=10) is None


def test_unflushed_table_writes_are_the_write_ahead_logs_of_the_table_databases(tmp_path: Path) -> None:
    table = tmp_path / "v1" / "tables" / "dedup-buckets-0.db"
    table.mkdir(parents=True)
    (table / "000004.log").write_bytes(b"x" * 2**20)
    (table / "LOG").write_bytes(b"rocksdb's own info log" * 1000)
    (table / "000005.sst").write_bytes(b"x" * 2**20)
    assert unflushed_table_mb(tmp_path) == 1.0
