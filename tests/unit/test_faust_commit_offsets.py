"""Which offset a worker commits after acknowledging records (services.runtime.faust_fixes, fault 5).

A committed offset is the next record to process. faust-streaming 0.15.3 commits a run of acknowledged records
that starts one past it, so a record at the committed offset that never reached an agent is committed over.
"""

from __future__ import annotations

from collections.abc import Iterable

import faust
import pytest
from faust.types import TP, Message

from services.runtime.faust_fixes import GaplessApp

TOPIC = "news.articles.clean"
PARTITION = TP(TOPIC, 0)


def offset_to_commit(app_class: type[faust.App], committed: int | None, acknowledged: Iterable[int]) -> int | None:
    app = app_class("commit-offsets", broker="kafka://localhost:1")
    app.topics._acking_topics.add(TOPIC)
    consumer = app.consumer
    consumer._committed_offset[PARTITION] = committed
    for offset in acknowledged:
        consumer.ack(Message(TOPIC, PARTITION.partition, offset, 0.0, None, None, None, None, None))
    return consumer._new_offset(PARTITION)


def test_faust_commits_over_the_record_at_the_committed_offset() -> None:
    assert offset_to_commit(faust.App, committed=206, acknowledged=range(207, 251)) == 251, (
        "faust now waits for the record at the committed offset: services.runtime.faust_fixes 5. can go"
    )


def test_the_commit_waits_for_the_record_at_the_committed_offset() -> None:
    assert offset_to_commit(GaplessApp, committed=206, acknowledged=range(207, 251)) is None


def test_the_commit_moves_once_that_record_is_acknowledged() -> None:
    assert offset_to_commit(GaplessApp, committed=206, acknowledged=[*range(207, 251), 206]) == 251


@pytest.mark.parametrize(
    ("committed", "acknowledged", "expected"),
    [
        (0, range(5), 5),  # a committed offset of 0 is a real one, not "none yet"
        (0, range(1, 5), None),
        (206, [206, 207, 209], 208),  # a later hole still stops the run
        (None, range(40, 45), 45),  # never committed: the stall watch, not the commit, finds what was skipped
    ],
)
def test_commit_rule_edges(committed: int | None, acknowledged: Iterable[int], expected: int | None) -> None:
    assert offset_to_commit(GaplessApp, committed, acknowledged) == expected
