"""process_overlapping: batches processed side by side, each acknowledged when done, one key's records in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from services.runtime.batching import process_overlapping


@dataclass(frozen=True)
class Message:
    key: bytes
    offset: int


@dataclass(frozen=True)
class Event:
    message: Message
    seconds: float = field(default=0.0, compare=False)
    """How long processing it takes."""


def event(key: str, offset: int, seconds: float = 0.0) -> Event:
    return Event(Message(key.encode(), offset), seconds)


async def batches_of(*batches: list[Event]) -> AsyncIterator[list[Any]]:
    for batch in batches:
        yield batch


class Recorder:
    def __init__(self) -> None:
        self.started: list[int] = []
        self.acknowledged: list[int] = []
        self.running = 0
        self.most_running = 0

    async def process(self, events: list[Any]) -> None:
        self.started += [e.message.offset for e in events]
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await asyncio.sleep(sum(e.seconds for e in events))
        finally:
            self.running -= 1

    async def acknowledge(self, event: Any) -> None:
        self.acknowledged.append(event.message.offset)


def test_a_short_batch_behind_a_long_one_is_done_and_acknowledged_first() -> None:
    recorder = Recorder()
    batches = batches_of([event("a", 0, 0.3)], [event("b", 1, 0.01)], [event("c", 2, 0.01)])
    asyncio.run(process_overlapping(batches, recorder.process, recorder.acknowledge, depth=2))
    assert recorder.acknowledged == [1, 2, 0]
    assert recorder.most_running == 2


def test_no_more_than_depth_batches_run_at_once_and_every_event_is_acknowledged_once() -> None:
    recorder = Recorder()
    batches = batches_of(*([event(f"k{n}", n, 0.02)] for n in range(12)))
    asyncio.run(process_overlapping(batches, recorder.process, recorder.acknowledge, depth=3))
    assert recorder.most_running == 3
    assert sorted(recorder.acknowledged) == list(range(12))


def test_a_batch_with_a_key_in_flight_starts_only_after_it() -> None:
    recorder = Recorder()
    # The second version of article "a" (offset 2) must not overtake the first (offset 0), though a batch is free.
    batches = batches_of([event("a", 0, 0.2)], [event("b", 1, 0.01), event("a", 2, 0.01)], [event("c", 3, 0.01)])
    asyncio.run(process_overlapping(batches, recorder.process, recorder.acknowledge, depth=4))
    assert recorder.acknowledged.index(0) < recorder.acknowledged.index(2)
    assert recorder.started.index(0) < recorder.started.index(2)


def test_a_failed_batch_ends_processing_at_once_and_leaves_the_others_unacknowledged() -> None:
    recorder = Recorder()

    async def process(events: list[Any]) -> None:
        if events[0].message.key == b"poison":
            raise RuntimeError("the broker is gone")
        await recorder.process(events)

    async def endless() -> AsyncIterator[list[Any]]:
        yield [event("slow", 0, 30)]
        yield [event("poison", 1)]
        await asyncio.Event().wait()  # nothing more arrives: the failure must not wait for another batch
        yield []

    async def run() -> None:
        with pytest.raises(RuntimeError, match="the broker is gone"):
            await asyncio.wait_for(process_overlapping(endless(), process, recorder.acknowledge, depth=2), 10)

    asyncio.run(run())
    assert recorder.acknowledged == []  # the slow batch was cancelled, not acknowledged: it comes again


def test_stopping_leaves_nothing_running_and_acknowledges_nothing_in_flight() -> None:
    recorder = Recorder()
    closed = asyncio.Event()

    async def batches() -> AsyncIterator[list[Any]]:
        try:
            yield [event("slow", 0, 30)]
            await asyncio.Event().wait()  # the stream waits for more
            yield []
        finally:
            closed.set()

    async def run() -> None:
        processing = asyncio.create_task(process_overlapping(batches(), recorder.process, recorder.acknowledge, 2))
        await asyncio.sleep(0.1)
        processing.cancel()  # what stopping the agent does
        with pytest.raises(asyncio.CancelledError):
            await processing
        await asyncio.wait_for(closed.wait(), 5)  # the wait for the next batch ended too
        assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []

    asyncio.run(run())
    assert recorder.acknowledged == []
