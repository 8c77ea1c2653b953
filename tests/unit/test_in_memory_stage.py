"""The in-memory runner of a stage declaration (services/runtime/in_memory.py), on a toy stage: a first route
that asks an internal route, which answers with what is published, a table the handlers share, and clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import BaseModel

from services.contract.outputs import Output
from services.runtime.in_memory import InMemoryStage
from services.runtime.stage import Clock, Route, StageDefinition, TableFactory

START = datetime(2026, 1, 1, tzinfo=UTC)


class Note(BaseModel):
    text: str
    at: datetime | None = None


def report(now: datetime) -> list[Output]:
    return [Output("dedup_probes", "report", Note(text="report", at=now))]


def counting_stage(table: TableFactory, publish_to: str = "unique") -> StageDefinition:
    """Counts the notes each partition of its internal topic is sent; a clock reports the counts."""
    counts = table("counts")

    def forward(note: Note, _partition: int, _now: datetime) -> list[Output]:
        return [Output("dedup_probes", note.text, note, partition=len(note.text) % 2)]

    def count(note: Note, partition: int, now: datetime) -> list[Output]:
        if note.text == "report":
            return [Output(publish_to, f"p{partition}", Note(text=str(counts.get(f"p{partition}", 0)), at=note.at))]
        counts[f"p{partition}"] = counts.get(f"p{partition}", 0) + 1
        return [Output(publish_to, note.text, note)]

    return StageDefinition(
        stage="dedup",
        routes=(
            Route("forward", "clean", Note.model_validate_json, forward),
            Route("count", "dedup_probes", Note.model_validate_json, count),
        ),
        emits=("unique",),
        tables=("counts",),
        clocks=(Clock("report", 60.0, report),),
    )


def test_an_internal_message_is_handled_at_once_on_the_partition_it_names() -> None:
    stage = InMemoryStage(counting_stage, partitions=2)
    published = stage.process(Note(text="ab"), now=START)
    # The note, then the clock's first report to each partition (a clock runs after the first input).
    assert [(output.key, output.value.text) for output in published] == [("ab", "ab"), ("p0", "1"), ("p1", "0")]
    assert dict(stage.table("counts")) == {"p0": 1}


def test_a_clock_runs_again_once_its_interval_of_event_time_has_passed() -> None:
    stage = InMemoryStage(counting_stage, partitions=1)
    stage.process(Note(text="aa"), now=START)
    soon = stage.process(Note(text="bb"), now=START + timedelta(seconds=59))
    later = stage.process(Note(text="cc"), now=START + timedelta(seconds=60))
    assert [output.key for output in soon] == ["bb"]
    assert [(output.key, output.value.text, output.value.at) for output in later] == [
        ("cc", "cc", None), ("p0", "3", START + timedelta(seconds=60)),
    ]


def test_a_settle_clock_runs_after_every_input_at_its_time_plus_the_settle_window() -> None:
    def settling(table: TableFactory) -> StageDefinition:
        definition = counting_stage(table)
        settle = Clock("settle", 1.0, report, settle_s=5.0)
        return StageDefinition(definition.stage, definition.routes, definition.emits, definition.tables, (settle,))

    stage = InMemoryStage(settling)
    for second in (0, 1):
        published = stage.process(Note(text="x"), now=START + timedelta(seconds=second))
        assert published[-1].value.at == START + timedelta(seconds=second + 5)


def test_a_handler_writing_a_topic_the_stage_does_not_declare_fails_loudly() -> None:
    stage = InMemoryStage(lambda table: counting_stage(table, publish_to="verdicts"))
    with pytest.raises(AssertionError, match="does not declare that it writes verdicts"):
        stage.process(Note(text="a"), now=START)


def test_a_handler_reads_only_its_own_partition_rows_as_in_a_worker() -> None:
    def remembering(table: TableFactory) -> StageDefinition:
        rows = table("rows")

        def remember(note: Note, partition: int, _now: datetime) -> list[Output]:
            rows[note.text] = {"by": partition}
            return [Output("dedup_probes", note.text, note, partition=1)]

        def recall(note: Note, _partition: int, _now: datetime) -> list[Output]:
            return [Output("unique", note.text, Note(text=f"seen: {note.text in rows}"))]

        return StageDefinition(
            stage="dedup",
            routes=(Route("remember", "clean", Note.model_validate_json, remember),
                    Route("recall", "dedup_probes", Note.model_validate_json, recall)),
            emits=("unique",),
        )

    stage = InMemoryStage(remembering, partitions=2)
    [published] = stage.process(Note(text="x"), now=START, partition=0)
    assert published.value.text == "seen: False", "partition 1 does not see what partition 0 wrote"
    assert stage.table("rows")["x"] == {"by": 0}, "between messages every partition is read"
