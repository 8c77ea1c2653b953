"""Reading the dead-letter topic for operators: which letters, and what a replay would send where.

``newsingest dlq list`` and ``newsingest dlq replay`` are the shell around this; here records are plain
values, so the selection is tested without a broker.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from services.contract.messages import DeadLetter


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record as the log holds it."""

    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


@dataclass(frozen=True, slots=True)
class Letter:
    partition: int
    offset: int
    letter: DeadLetter

    @property
    def position(self) -> str:
        """Where the letter is in the DLQ, as ``--at`` takes it."""
        return f"{self.partition}:{self.offset}"


@dataclass(frozen=True, slots=True)
class LetterFilter:
    stages: frozenset[str] = frozenset()
    reasons: frozenset[str] = frozenset()
    since: datetime | None = None
    until: datetime | None = None
    positions: frozenset[str] = frozenset()
    """``partition:offset`` of single letters."""

    def matches(self, letter: Letter) -> bool:
        dead = letter.letter
        return (
            (not self.stages or dead.stage in self.stages)
            and (not self.reasons or dead.reason.value in self.reasons)
            and (self.since is None or dead.failed_at >= self.since)
            and (self.until is None or dead.failed_at < self.until)
            and (not self.positions or letter.position in self.positions)
        )

    @property
    def selects_something(self) -> bool:
        """Whether any criterion is set: a replay of the whole DLQ must be asked for explicitly."""
        return bool(self.stages or self.reasons or self.since or self.until or self.positions)


def read_letters(records: list[StoredRecord]) -> tuple[list[Letter], list[StoredRecord]]:
    """The DLQ's letters in log order, and the records that are not letters (written by something else)."""
    letters, unreadable = [], []
    for record in records:
        try:
            letters.append(Letter(record.partition, record.offset, DeadLetter.model_validate_json(record.value or b"")))
        except ValidationError:
            unreadable.append(record)
    return letters, unreadable


def letters_table(letters: list[Letter]) -> str:
    rows = [("AT", "FAILED AT", "STAGE", "REASON", "FROM", "ERROR")]
    rows += [
        (
            letter.position,
            letter.letter.failed_at.isoformat(timespec="seconds"),
            letter.letter.stage,
            letter.letter.reason.value,
            _origin(letter.letter),
            letter.letter.error[:80].replace("\n", " "),
        )
        for letter in letters
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]) for row in rows)


def letters_json(letters: list[Letter]) -> str:
    """One JSON object per line: the letter (original as base64) and where it sits in the DLQ."""
    return "\n".join(
        json.dumps({"at": letter.position, **json.loads(letter.letter.model_dump_json())}, ensure_ascii=False)
        for letter in letters
    )


def letters_summary(letters: list[Letter]) -> str:
    counts = Counter((letter.letter.stage, letter.letter.reason.value) for letter in letters)
    lines = [f"{count:6d}  {stage}:{reason}" for (stage, reason), count in sorted(counts.items())]
    return "\n".join([*lines, f"{len(letters):6d}  in all"])


@dataclass(frozen=True, slots=True)
class ReplayPlan:
    messages: list[tuple[str, bytes | None, bytes]]
    """(topic, key, value) that put each letter's original message back where it was read from."""
    refused: dict[str, int]
    """Letters that name a topic outside this deployment, by that topic: a letter is data, and a forged one must
    not make the replay write wherever the service's credentials can."""
    cut: list[Letter] = field(default_factory=list)
    """Letters that hold only the first bytes of their message (``original_size``): never replayed."""

    @property
    def sendable(self) -> bool:
        return not (self.refused or self.cut)


def replay_plan(letters: list[Letter], own_topics: Collection[str], to: str | None = None) -> ReplayPlan:
    """Where a replay sends each letter's original: to ``to`` when the operator names a topic, else back to the
    letter's source topic if that is one of ``own_topics`` (the deployment's, under its prefix), else nowhere."""
    cut = [letter for letter in letters if letter.letter.original_size is not None]
    letters = [letter for letter in letters if letter.letter.original_size is None]
    if to is not None:
        return ReplayPlan([(to, letter.letter.key, letter.letter.original) for letter in letters], {}, cut)
    allowed = set(own_topics)
    refused = Counter(letter.letter.source_topic for letter in letters if letter.letter.source_topic not in allowed)
    messages = [
        (letter.letter.source_topic, letter.letter.key, letter.letter.original)
        for letter in letters
        if letter.letter.source_topic in allowed
    ]
    return ReplayPlan(messages, dict(sorted(refused.items())), cut)


def _origin(letter: DeadLetter) -> str:
    if letter.partition is None:
        return letter.source_topic
    return f"{letter.source_topic}[{letter.partition}]@{letter.offset}"
