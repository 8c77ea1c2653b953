"""The end-to-end bench's pure parts: following an article over the topics, a phase's figures, the report."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime

from bench.end_to_end import (
    BareSpacy,
    DedupAlone,
    Latencies,
    Measured,
    Phase,
    Timeline,
    Track,
    command_line,
    report,
)
from bench.endpoints import Endpoints, ReadyWatch, Samples, series_section
from services.contract.messages import DeadLetter, RejectReason
from services.runtime.metrics import SERIES
from services.runtime.streaming import STAGES


def _value(message: dict[str, object]) -> bytes:
    return json.dumps(message).encode()


def _timeline() -> Timeline:
    return Timeline({"feed-1": "a1", "feed-2": "a2"})


def test_an_article_arrives_at_its_first_entity_or_number_event_whatever_order_the_topics_are_read_in() -> None:
    timeline = _timeline()
    timeline.observe("numbers", _value({"article_id": "a1"}), 9_000)
    timeline.observe("raw", _value({"id": "feed-1"}), 1_000)
    timeline.observe("clean", _value({"article_id": "a1"}), 1_500)
    timeline.observe("verdicts", _value({"article_id": "a1", "status": "unique", "revision": 1}), 3_000)
    timeline.observe("enriched", _value({"article": {"article_id": "a1"}, "entities": [{}], "numbers": []}), 6_000)
    timeline.observe("stories", _value({"articles": ["a1"]}), 7_000)
    track = timeline.tracks["a1"]
    assert track.arrived == 9_000
    timeline.observe("entities", _value({"article_id": "a1"}), 8_000)
    assert timeline.tracks["a1"].arrived == 8_000, "the earliest event, not the first one read"
    assert timeline.tracks["a1"].settled
    assert timeline.complete(expected=1)
    assert not timeline.complete(expected=2), "the second article was never sent"


def test_with_facts_a_story_update_is_not_yet_arrival_without_any_it_is() -> None:
    timeline = _timeline()
    for article_id, raw_id, facts in (("a1", "feed-1", [{}]), ("a2", "feed-2", [])):
        timeline.observe("raw", _value({"id": raw_id}), 1_000)
        timeline.observe("enriched", _value({"article": {"article_id": article_id}, "entities": facts,
                                             "numbers": []}), 5_000)
    timeline.observe("stories", _value({"articles": ["a1", "a2"]}), 6_000)
    assert timeline.tracks["a1"].arrived is None and not timeline.tracks["a1"].settled
    assert timeline.tracks["a2"].arrived == 6_000
    assert not timeline.complete(expected=2)


def test_a_duplicate_settles_without_arriving_until_a_later_revision_says_unique() -> None:
    timeline = _timeline()
    timeline.observe("raw", _value({"id": "feed-1"}), 1_000)
    timeline.observe("verdicts", _value({"article_id": "a1", "status": "near_duplicate", "revision": 1}), 3_000)
    assert timeline.tracks["a1"].settled and timeline.tracks["a1"].arrived is None
    timeline.observe("verdicts", _value({"article_id": "a1", "status": "unique", "revision": 2}), 4_000)
    assert not timeline.tracks["a1"].settled, "corrected to unique: its events are to come"
    assert timeline.tracks["a1"].verdict == 3_000
    timeline.observe("verdicts", _value({"article_id": "a1", "status": "exact_duplicate", "revision": 1}), 4_500)
    assert timeline.tracks["a1"].status == "unique", "an older revision read late does not override"


def test_a_dead_letter_settles_the_article_its_original_names() -> None:
    timeline = _timeline()
    timeline.observe("raw", _value({"id": "feed-2"}), 1_000)
    letter = DeadLetter(stage="cleaner", reason=RejectReason.INVALID_MESSAGE, error="x", source_topic="raw",
                        original=_value({"id": "feed-2"}), failed_at=datetime(2026, 1, 1, tzinfo=UTC))
    timeline.observe("dlq", letter.model_dump_json().encode(), 2_000)
    unreadable = letter.model_copy(update={"original": b"\xff not json"})
    timeline.observe("dlq", unreadable.model_dump_json().encode(), 2_500)
    assert timeline.dead_letters == 2
    assert timeline.tracks["a2"].settled and timeline.tracks["a2"].dead_letter == 2_000
    assert timeline.complete(expected=1)


def _endpoints(missing: dict[str, set[str]] | None = None) -> Endpoints:
    missing = missing or {}
    scrapes: dict[str, Samples] = {}
    for worker in STAGES:
        samples: Samples = {}
        for name in SERIES:
            if name in missing.get(worker, set()):
                continue
            key = f"{name}_count" if name.endswith("_seconds") or name == "newsingest_batch_size" else name
            samples[key] = [({"stage": worker, "topic": f"t{n}"}, 1.0) for n in range(2)]
        scrapes[worker] = samples
    readiness = {worker: ReadyWatch(first_ready_s=12.5, recovered_first=True) for worker in STAGES}
    return Endpoints(readiness, scrapes)


def _phase(name: str, sends: list[int], arrivals: list[int | None], rate: float | None = None) -> Phase:
    tracks = [Track(sent=sent, clean=sent + 100, events=arrived) for sent, arrived in zip(sends, arrivals)]
    tracks.append(Track(sent=sends[0], status="exact_duplicate"))
    return Phase(name, len(tracks), tracks, 0, {"cleaner": 1.0, "dedup": 2.0, "enricher": 30.0, "stories": 4.0,
                                               "broker": 5.0, "bench": 0.5},
                 _endpoints({"cleaner": {"newsingest_table_keys", "newsingest_table_bytes"}}), rate,
                 sending_s=0.5, cold_start_s=14.0)


def test_a_phase_counts_from_the_first_send_to_the_last_arrival() -> None:
    phase = _phase("burst", [0, 0, 0, 0], [2_000, 4_000, 6_000, 10_000])
    assert len(phase.arrived) == 4 and phase.duplicates == 1
    assert phase.wall_s == 10.0
    assert phase.per_second == 0.4
    assert phase.latency == Latencies(6.0, 10.0, 10.0, 10.0)
    assert phase.hop("clean").max == 0.1
    empty = _phase("burst", [0], [None])
    assert math.isnan(empty.wall_s) and math.isnan(empty.latency.p50)


def _measured() -> Measured:
    burst = _phase("burst", [0, 0, 0, 0], [2_000, 4_000, 6_000, 10_000])
    steady = _phase("steady", [0, 1_000, 2_000, 3_000], [1_500, 2_600, 3_700, 4_800], rate=0.2)
    return Measured(
        command=command_line(["--articles", "5", "--report", "a report.md"]),
        date=datetime(2026, 12, 5, 9, 0, tzinfo=UTC), minutes=6.5, load_start=(1.0, 2.0, 3.0),
        load_end=(2.0, 2.0, 3.0), source="3 WikiRef220 articles, 2 seeds", articles=5, partitions=4,
        enricher_processes=1, bare=BareSpacy(5, 2.0, 2.1, "en_core_web_sm", ["tok2vec", "ner"], 16, 0),
        dedup=DedupAlone(5, 5, 2.0, 2.5, Latencies(1.0, 1.5, 1.9, math.nan), 500.0), phases=[burst, steady],
    )


def test_the_report_gives_its_command_the_ratios_and_the_targets() -> None:
    text = report(_measured())
    assert "Generated by `python -m bench.end_to_end --articles 5 --report 'a report.md'`" in text
    assert "| **articles/s end to end** | **0.40** | **0.83** |" in text
    assert "| end to end / bare spaCy on one core | 0.16× | – (paced by the sender) |" in text, "bare: 2.5/s"
    assert "End-to-end burst ≥ 1.6× bare spaCy on one core: 0.16×, **not met**" in text
    assert "p99 from raw to the article's events ≤ 2 s: 1.8 s, **met**" in text
    assert "Cleaner + dedup on the broker ≥ 50% of the in-memory rate: 0.5%, **not met**" in text
    assert "| latency send → events p50 / p95 / p99 / max (s) | 6.0 / 10.0 / 10.0 / 10.0 |" in text
    assert "| enricher (with its NLP processes) | 30.0 | 6000 | 30.0 | 6000 |" in text
    assert "| **the four workers** | **37.0** | **7400** | **37.0** | **7400** |" in text
    assert "14.0 s | 14.0 s" in text, "the cold start of each phase"
    assert "## Worker endpoints, burst" in text and "## Worker endpoints, steady" in text
    assert "nan" not in text
    assert "recovery, on all four workers of burst and steady: **met**." in text, "a cleaner has no tables"


def test_the_report_says_which_worker_missed_a_series_or_was_ready_before_its_recovery() -> None:
    measured = _measured()
    early = _endpoints({"dedup": {"newsingest_consumer_lag"}})
    early.readiness["stories"] = ReadyWatch(first_ready_s=3.0, recovered_first=False)
    steady = measured.phases[1]
    phases = [measured.phases[0], Phase(steady.name, steady.articles, steady.tracks, 0, steady.cpu_s, early, 0.2)]
    text = report(replace(measured, phases=phases))
    assert ("**not met**: steady: stories was not ready after its recovery; steady: dedup lacks "
            "newsingest_consumer_lag.") in text


def test_the_series_table_says_which_series_each_worker_served() -> None:
    lines = series_section(_endpoints({"cleaner": {"newsingest_table_keys"}, "enricher": {"newsingest_table_keys"},
                                       "dedup": {"newsingest_consumer_lag"}}))
    rows = {line.split(" | ")[0].strip("| `"): line for line in lines if line.startswith("| `")}
    assert set(rows) == set(SERIES)
    assert rows["newsingest_table_keys"].startswith("| `newsingest_table_keys` | n/a | yes (2) | n/a | yes (2) |")
    assert "| **none** |" in rows["newsingest_consumer_lag"], "dedup lacks it"
    assert rows["newsingest_batch_size"].count("yes (2)") == len(STAGES), "a histogram counts by its _count"
