"""Agents that take what is waiting on their input as one batch, and compute each event of it in turn.

:func:`take_waiting_events` buffers a stream's events into batches without polling; :func:`as_current_event` lets
table writes made while one event of a batch is computed find that event's changelog partition. Both rely on faust
internals (``Stream.add_processor``, ``Stream._enable_passive``, ``faust.streams._current_event``), pinned by
tests/unit/test_held_changelog_writes.py and the broker suites.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from faust import streams as faust_streams
from faust.types import ChannelT, EventT, StreamT


@contextmanager
def as_current_event(event: EventT) -> Iterator[None]:
    """Make ``event`` the one a table write inside the block belongs to.

    A table sends each write to the changelog partition of the event being processed, which faust reads from a
    context variable its stream sets for one event at a time; a batch (:func:`take_waiting_events`) leaves it
    unset ("Cannot modify table key from outside of stream iteration"), so each event of a batch is set here while
    it is computed."""
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


async def take_waiting_events(
    stream: StreamT[Any], max_events: int, *, acknowledge: bool = True
) -> AsyncIterator[list[EventT]]:
    """The events waiting on ``stream``, up to ``max_events`` at a time, each batch as soon as it is there.

    faust's ``Stream.take_events(max_, within)`` yields a batch that is not full only once ``within`` has passed,
    so each stage an article passes adds up to ``within`` to its latency, and an idle agent wakes every ``within``
    to look. This is the same buffering (the stream fills the batch in its own task; the batch's events are
    acknowledged once the loop asks for the next batch, that is after the batch is processed), except that it
    sleeps until an event comes and then takes what the stream already holds, turning the event loop until the
    stream adds no more. With ``acknowledge=False`` the caller acknowledges each event itself (``stream.ack``), when
    it is done with it (:func:`process_overlapping`)."""
    events: list[EventT] = []
    arrived = asyncio.Event()
    consumed = asyncio.Event()
    consuming: asyncio.Future[None] | None = None

    async def add_to_batch(value: Any) -> Any:
        nonlocal consuming
        if consuming is not None:  # a batch is being processed: the next one starts after it
            try:
                await consuming
            finally:
                consuming = None
        event = stream.current_event
        if event is None:
            raise RuntimeError("an event came without its message")
        events.append(event)
        arrived.set()
        if len(events) >= max_events:
            consumed.clear()
            await stream.wait(consumed)  # type: ignore[arg-type]
        return value

    acks_enabled = stream.enable_acks
    stream.enable_acks = False  # acknowledged below, once processed
    stream.add_processor(add_to_batch)
    stream._enable_passive(cast(ChannelT, aiter(stream.channel)))  # type: ignore[attr-defined]
    try:
        while not stream.should_stop:
            await stream.wait_for_stopped(arrived)  # type: ignore[arg-type]
            idle_turns = 0
            while len(events) < max_events and idle_turns < 2:
                count = len(events)
                await asyncio.sleep(0)
                idle_turns = idle_turns + 1 if len(events) == count else 0
            if not events:
                continue
            consuming = asyncio.get_running_loop().create_future()
            try:
                yield list(events)
            finally:
                batch = list(events)
                events.clear()
                arrived.clear()
                for event in batch if acknowledge else ():
                    await stream.ack(event)
                if not consuming.done():
                    consuming.set_result(None)
                consumed.set()
    finally:
        stream.enable_acks = acks_enabled
        stream._processors.remove(add_to_batch)  # type: ignore[attr-defined]


async def process_overlapping(
    batches: AsyncIterator[list[EventT]],
    process: Callable[[list[EventT]], Awaitable[None]],
    acknowledge: Callable[[EventT], Awaitable[Any]],
    depth: int,
) -> None:
    """Process up to ``depth`` of ``batches`` at once, each acknowledged (``acknowledge``) as soon as ``process`` is
    done with it, whichever batch finishes first.

    One batch at a time leaves a process of the enricher's NLP pool idle while the other finishes a long article,
    and holds the articles that arrive meanwhile until it is done. Acknowledging out of order loses nothing: Faust
    commits an offset only once every record before it is acknowledged. A batch that holds a key of a batch still
    in flight starts after it, so the records of one key (the versions of an article) keep their order. A batch
    whose ``process`` raises ends this with its error at once; the batches still in flight are cancelled,
    unacknowledged, and come again."""
    in_flight: dict[asyncio.Task[None], set[Any]] = {}
    failed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def run(events: list[EventT]) -> None:
        await process(events)
        for event in events:
            await acknowledge(event)

    def finished(task: asyncio.Task[None]) -> None:
        in_flight.pop(task, None)
        if not task.cancelled() and task.exception() is not None and not failed.done():
            failed.set_exception(cast(BaseException, task.exception()))

    async def until_one_done(tasks: Iterable[asyncio.Future[Any]]) -> None:
        """Until one of ``tasks`` is done; raises the error of a batch that failed meanwhile."""
        await asyncio.wait({*tasks, failed}, return_when=asyncio.FIRST_COMPLETED)
        if failed.done():
            failed.result()

    iterator = aiter(batches)
    next_batch: asyncio.Future[list[EventT]] | None = None
    try:
        while True:
            next_batch = asyncio.ensure_future(anext(iterator))
            await until_one_done([next_batch])
            try:
                events = next_batch.result()
            except StopAsyncIteration:
                break
            keys = {event.message.key for event in events}
            while len(in_flight) >= depth or any(keys & held for held in in_flight.values()):
                await until_one_done(in_flight)
            task = asyncio.create_task(run(events))
            in_flight[task] = keys
            task.add_done_callback(finished)
        while in_flight:
            await until_one_done(in_flight)
    finally:
        # Stopped (the worker shuts down) or failed: nothing is left running, not even the wait for the next batch.
        if next_batch is not None:
            next_batch.cancel()
        for task in list(in_flight):
            task.cancel()
