"""What a worker's ``/live`` and ``/ready`` answer, decided from plain observations (the shell makes them).

``/live``: the event loop turns. A ticker on the loop notes each turn; a loop blocked (a message that holds it, a
deadlock) or starved for longer than the limit is not alive, and its supervisor should restart the worker. While it
is blocked the endpoint cannot answer at all, which a probe counts as a failure too; the check catches the loop
that turns again but only now and then.

``/ready``: the worker does its work. Its group has given it its partitions (none is a fine answer: more workers than
partitions), the rebalance is over and the tables are restored from their changelogs (a worker whose tables are still
recovering must not count as available in a rollout), and the broker answered a metadata request lately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class LoopHeartbeat:
    """The last turn of the event loop that the ticker saw (monotonic seconds)."""

    last_turn: float

    def turn(self, now: float) -> None:
        self.last_turn = now

    def check(self, now: float, limit_s: float) -> Check:
        age = now - self.last_turn
        if age > limit_s:
            return Check("loop", False, f"the event loop last turned {age:.1f} s ago (limit {limit_s:g} s)")
        return Check("loop", True, f"turned {age:.1f} s ago")


@dataclass
class BrokerContact:
    """When the broker last answered a metadata request, and what the last attempt gave (monotonic seconds)."""

    answered_at: float | None = None
    last_error: str | None = None

    def answered(self, now: float) -> None:
        self.answered_at, self.last_error = now, None

    def failed(self, error: BaseException) -> None:
        self.last_error = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__

    def check(self, now: float, limit_s: float) -> Check:
        if self.answered_at is None:
            return Check("broker", False, self.last_error or "no answer from the broker yet")
        age = now - self.answered_at
        if self.last_error is not None or age > limit_s:
            why = f": {self.last_error}" if self.last_error else ""
            return Check("broker", False, f"the broker last answered {age:.0f} s ago{why}")
        return Check("broker", True, f"answered {age:.1f} s ago")


@dataclass(frozen=True)
class GroupState:
    """What the worker's Faust app tells about its place in the group, read at one moment."""

    assignments: int
    """Assignments the group has given this worker since it started."""
    input_partitions: int
    """Input partitions in the latest assignment."""
    rebalancing: bool
    """A rebalance is under way: from the revocation until the tables are restored and the streams resume."""
    recovery_completed: bool
    """Faust's recovery finished at least once (set when the streams first resume)."""
    in_recovery: bool
    """Tables are being restored from their changelogs now."""


def group_checks(state: GroupState) -> list[Check]:
    if state.assignments == 0:
        assigned = Check("assigned", False, "the group has not given this worker its partitions yet")
    else:
        assigned = Check("assigned", True, f"{state.input_partitions} input partition(s)")
    if state.in_recovery:
        recovered = Check("recovered", False, "restoring tables from their changelogs")
    elif state.rebalancing or not state.recovery_completed:
        recovered = Check("recovered", False, "rebalancing: the streams have not resumed yet")
    else:
        recovered = Check("recovered", True, "tables restored, streams running")
    return [assigned, recovered]


def answer(checks: Sequence[Check]) -> tuple[int, dict[str, object]]:
    """HTTP status (200 when every check passed, else 503) and a JSON body naming each check."""
    ok = all(check.ok for check in checks)
    body: dict[str, object] = {"status": "ok" if ok else "failing", "checks": [asdict(check) for check in checks]}
    return (200 if ok else 503), body
