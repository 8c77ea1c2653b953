"""The Faust runner of a stage declaration (``services/runtime/stage.py``): one agent per route, one timer per clock,
the declaration's tables changelog-backed. The in-memory runner (``services/runtime/in_memory.py``) reads the same
declaration, so a stage's topics, tables, handlers and clocks are named once, in its ``stage.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from faust import StreamT
from faust.types import EventT

from services.contract.outputs import Output
from services.runtime.stage import Clock, Route, StageDefinition, TableFactory
from services.runtime.streaming import StageApp


def run_stage(shell: StageApp, declare: Callable[[TableFactory], StageDefinition]) -> StageApp:
    """Wire the declared stage into ``shell``'s app, whose stage it must be."""
    definition = declare(shell.table)
    if definition.stage != shell.stage:
        raise ValueError(f"{definition.stage} declared in the {shell.stage} worker")
    for route in definition.routes:
        _add_agent(shell, route)
    for clock in definition.clocks:
        _add_timer(shell, clock)
    if (forget := definition.on_revoked) is not None:

        @shell.app.on_partitions_revoked.connect
        async def forget_partition_indexes(sender: Any, revoked: Any, **kwargs: Any) -> None:
            forget()

    return shell


def _add_agent(shell: StageApp, route: Route) -> None:
    def handle(event: EventT) -> list[Output]:
        return route.handle(route.decode(event.value), event.message.partition, datetime.now(UTC))

    async def agent(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(events, handle)

    agent.__name__ = agent.__qualname__ = route.name
    # One agent instance per worker: a partition's events are handled in order, one batch at a time.
    topic = shell.topic(shell.settings.kafka.topics.name(route.source))
    shell.app.agent(topic, name=f"{shell.stage}.{route.name}", concurrency=1)(agent)


def _add_timer(shell: StageApp, clock: Clock) -> None:
    """Every ``clock.every_s`` the clock's messages go to each partition of their topics this worker owns: a
    partition's clock runs on the worker that holds its state, and moves with it on a rebalance."""
    topics = shell.settings.kafka.topics

    async def send_clock_messages() -> None:
        messages = clock.messages(datetime.now(UTC))
        owned = shell.app.consumer.assignment()
        for output in messages:
            name = output.topic_name(topics)
            key, value = output.encoded()
            for partition in sorted(tp.partition for tp in owned if tp.topic == name):
                await shell.topic(name).send(key=key, value=value, partition=partition)

    send_clock_messages.__name__ = send_clock_messages.__qualname__ = clock.name
    shell.timer(clock.every_s)(send_clock_messages)
