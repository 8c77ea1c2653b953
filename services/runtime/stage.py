"""A stage, declared once: the topics it reads and the handler of each, the tables it keeps, the clocks it keeps and
the topics it writes. Two runners read the same declaration: the Faust worker (``stage_app`` in
``services/runtime/streaming.py``) and the in-memory runner (``services/runtime/in_memory.py``: the embedded mode, and
the reference the benchmarks measure). No faust here: a declaration is the stage's logic, wired.

A handler's ``now`` is the runner's clock: the wall clock in a worker, the input's event time in memory, so that an
in-memory run depends on its input alone.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.config import TopicKind
from services.contract.deadletter import Stage
from services.contract.outputs import Output

Table = MutableMapping[str, Any]
TableFactory = Callable[[str], Table]
"""Makes the stage's table of that name: changelog-backed in a worker, ``JsonRows`` in memory."""


@dataclass(frozen=True, slots=True)
class Route:
    """Messages of ``source`` go to ``handle(decode(value), partition, now)``; what it returns is published, or, for a
    topic another route of the stage reads, handled in turn."""

    name: str
    """The worker's agent for this route."""
    source: TopicKind
    decode: Callable[[bytes], Any]
    handle: Callable[[Any, int, datetime], list[Output]]


@dataclass(frozen=True, slots=True)
class Clock:
    """Messages the stage sends to itself, to every partition of each of their topics it owns: a worker's timer
    every ``every_s`` seconds of wall clock. In memory, a *settle* clock runs after each input, at the input's time
    plus ``settle_s`` (what has settled by then is emitted before the next input); any other clock runs after an
    input when ``every_s`` of event time have passed since it last ran."""

    name: str
    every_s: float
    messages: Callable[[datetime], list[Output]]
    """Keyed messages for ``now``; their partition is the runner's to set."""
    settle_s: float | None = None
    """Set for a settle clock."""

    @classmethod
    def settling(cls, name: str, settle_s: float, messages: Callable[[datetime], list[Output]]) -> Clock:
        """A settle clock: what waits ``settle_s`` waits up to a quarter of it more, and an idle worker sends at most
        four ticks a second per owned partition."""
        return cls(name, max(0.25, settle_s / 4), messages, settle_s=settle_s)


@dataclass(frozen=True, slots=True)
class StageDefinition:
    stage: Stage
    routes: tuple[Route, ...]
    emits: tuple[TopicKind, ...]
    """The topics other services read (besides the DLQ, which every stage may write)."""
    tables: tuple[str, ...] = ()
    clocks: tuple[Clock, ...] = ()
    on_revoked: Callable[[], None] | None = field(default=None)
    """Forget what is indexed in memory by partition: a worker calls it when partitions are taken away."""

    def route_of(self, topic: TopicKind) -> Route | None:
        return next((route for route in self.routes if route.source == topic), None)

    @property
    def internal(self) -> frozenset[TopicKind]:
        """Topics the stage both writes and reads: its own protocol between its routes."""
        return frozenset(route.source for route in self.routes[1:])
