"""When a worker counts as stuck (services.runtime.liveness), and how group lag is counted (services.runtime.group_progress)."""

from __future__ import annotations

import importlib

import pytest
from aiokafka import TopicPartition

from services.config import Settings
from services.runtime.group_progress import INPUT_TOPICS, group_lag
from services.runtime.liveness import LivenessWatch
from services.runtime.streaming import restored_offsets


def test_a_worker_without_progress_while_input_waits_is_still_for_as_long_as_it_lasts() -> None:
    watch = LivenessWatch()
    assert watch.observe((10, 0), lag=5, now=100.0) == 0.0
    assert watch.observe((10, 0), lag=7, now=130.0) == 30.0
    assert watch.observe((10, 0), lag=9, now=290.0) == 190.0


def test_committed_offsets_or_a_table_restore_that_move_are_progress() -> None:
    watch = LivenessWatch()
    watch.observe((10, 0), lag=5, now=0.0)
    assert watch.observe((11, 0), lag=5, now=100.0) == 0.0
    assert watch.observe((11, 400), lag=5, now=200.0) == 0.0
    assert watch.observe((11, 400), lag=5, now=260.0) == 60.0


def test_an_idle_worker_is_fine_and_waiting_input_counts_from_when_it_was_last_seen_fine() -> None:
    watch = LivenessWatch()
    watch.observe((10, 0), lag=0, now=0.0)
    assert watch.observe((10, 0), lag=0, now=1000.0) == 0.0
    assert watch.observe((10, 0), lag=3, now=1010.0) == 10.0
    assert watch.observe((10, 0), lag=3, now=1040.0) == 40.0


def test_a_worker_frozen_between_two_checks_counts_the_whole_freeze() -> None:
    watch = LivenessWatch()
    watch.observe((10, 0), lag=0, now=0.0)
    assert watch.observe((10, 0), lag=50, now=60.0) == 60.0


def test_after_a_failed_observation_the_clock_starts_afresh() -> None:
    """A broker away for ten minutes is no reason to restart the moment it is back."""
    watch = LivenessWatch()
    watch.observe((10, 0), lag=5, now=0.0)
    watch.forget()
    assert watch.observe((10, 0), lag=5, now=600.0) == 0.0
    assert watch.observe((10, 0), lag=5, now=630.0) == 30.0


def test_lag_counts_uncommitted_records_and_partitions_never_committed_from_zero() -> None:
    a0, a1, b0 = TopicPartition("a", 0), TopicPartition("a", 1), TopicPartition("b", 0)
    ends = {a0: 100, a1: 50, b0: 7}
    assert group_lag(ends, {a0: 90, a1: 50}) == 10 + 0 + 7
    assert group_lag(ends, {a0: 100, a1: 50, b0: 7}) == 0


def test_an_observation_the_broker_never_answers_counts_as_no_progress() -> None:
    """A broker that takes a check and never answers must not reset the clock."""
    watch = LivenessWatch()
    watch.observe((10, 0), lag=5, now=0.0)
    assert watch.unanswered(now=30.0) == 30.0
    assert watch.unanswered(now=120.0) == 120.0
    fresh = LivenessWatch()
    assert fresh.unanswered(now=50.0) == 0.0
    assert fresh.unanswered(now=80.0) == 30.0


@pytest.mark.parametrize("stage", sorted(INPUT_TOPICS))
def test_progress_is_read_on_the_topics_the_stage_agents_consume(stage: str) -> None:
    settings = Settings()
    stage_app = importlib.import_module(f"services.{stage}.app").build(settings)
    consumed = {topic for agent in stage_app.app.agents.values() for topic in agent.channel.topics}
    assert consumed == {settings.kafka.topics.name(kind) for kind in INPUT_TOPICS[stage]}


def test_a_changelog_partition_with_no_offset_yet_has_restored_nothing() -> None:
    """Faust holds None for a changelog partition whose offset it has not read: the restore's progress skips it
    (a TypeError here crashed a stories worker in a CI fault run)."""
    active = {TopicPartition("stories-articles-changelog", 0): 1285,
              TopicPartition("stories-articles-changelog", 1): None}
    standby = {TopicPartition("stories-members-changelog", 0): 195}
    assert restored_offsets(active, standby) == 1285 + 195
    assert restored_offsets({}, {TopicPartition("t", 0): None}) == 0
