"""What the broker benches share: percentiles, publication times, CPU from /proc, the real articles they send."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.broker_runs import cpu_ticks, percentile, process_cpu_s, real_articles, spread_times
from bench.syndication import SEED_FILES


def test_percentiles_are_nearest_rank_and_nan_for_nothing() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.95) == 96
    assert percentile(values, 1.0) == 100
    assert percentile([], 0.5) != percentile([], 0.5)


def test_publication_times_are_sorted_within_the_days_and_the_same_every_run() -> None:
    first = datetime(2025, 12, 10, tzinfo=UTC)
    times = spread_times(300, 4, seed=15, first=first)
    assert len(times) == 300
    assert times == sorted(times)
    assert first <= times[0] and times[-1] <= first + timedelta(days=4)
    assert times[-1] - times[0] > timedelta(days=3)
    assert times == spread_times(300, 4, seed=15, first=first)


def test_cpu_ticks_sum_user_system_and_reaped_children_after_a_name_with_spaces_and_parentheses() -> None:
    stat = "4242 (python (x) y) S 1 4242 4242 0 -1 4194560 2000 0 0 0 150 30 7 3 20 0 9 0 100 1000 50"
    assert cpu_ticks(stat) == 150 + 30 + 7 + 3
    assert cpu_ticks(stat, reaped_children=False) == 150 + 30  # the process's own: the enricher without its pool


def test_this_process_has_used_some_cpu() -> None:
    sum(range(200_000))
    assert process_cpu_s(os.getpid()) > 0


def test_real_articles_are_the_seeds_alone_without_evaluation_data_and_take_the_benchmark_bodies_beside_it(
    tmp_path: Path,
) -> None:
    alone = real_articles(300, tmp_path)
    assert len(alone.raws) == len(SEED_FILES)
    assert "0 WikiRef220 articles" in alone.source
    benchmark = tmp_path / "article-extraction-benchmark"
    benchmark.mkdir()
    bodies = {f"page{n:02d}" + "0" * 10: {"articleBody": f"Body number {n} of a benchmark page.", "url": ""}
              for n in range(5)}
    (benchmark / "ground-truth.json").write_text(json.dumps(bodies))
    chosen = real_articles(4, tmp_path)
    assert len(chosen.raws) == 4, "no more than asked"
    assert len({raw.id for raw in chosen.raws}) == 4
    times = [raw.published_at for raw in chosen.raws]
    assert times == sorted(times), "sent in order, their publication times increase"
    assert chosen.raws == real_articles(4, tmp_path).raws, "the same articles in the same order every run"
