"""Building dead letters: the one place that turns a rejected message into a ``DeadLetter``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

from services.config import KafkaOptions
from services.errors import RejectedInput
from services.messages import DeadLetter, RejectReason
from services.outputs import Output, checked_outputs

Stage = Literal["cleaner", "dedup", "enricher", "stories"]


def dead_letter(
    stage: Stage,
    error: Exception,
    *,
    source_topic: str,
    original: bytes,
    key: bytes | None = None,
    partition: int | None = None,
    offset: int | None = None,
) -> Output:
    """A DLQ record for ``error``; anything but ``RejectedInput`` is an unexpected ``processing_error``."""
    if isinstance(error, RejectedInput):
        reason, detail = error.reason, error.detail
    else:
        reason, detail = RejectReason.PROCESSING_ERROR, f"{type(error).__name__}: {error}"
    letter = DeadLetter(
        stage=stage,
        reason=reason,
        # The letter must serialise whatever the error quotes: a lone surrogate is written as its escape.
        error=detail[:2000].encode("utf-8", "backslashreplace").decode("utf-8"),
        source_topic=source_topic,
        partition=partition,
        offset=offset,
        key=key,
        original=original,
        failed_at=datetime.now(UTC),
    )
    return Output("dlq", f"{stage}:{reason.value}", letter)


def outputs_or_dead_letter(
    stage: Stage,
    compute: Callable[[], list[Output]],
    kafka: KafkaOptions,
    *,
    source_topic: str,
    original: bytes,
    key: bytes | None = None,
    offset: int | None = None,
) -> list[Output]:
    """What a stage publishes for one input: ``compute``'s outputs once each is known to go through
    (:func:`services.outputs.checked_outputs`), or else the input's dead letter. The embedded pipeline's shell; a
    worker's (``StageApp.process_event``) does the same, but retries a failure of the broker instead."""
    try:
        return checked_outputs(compute(), kafka)
    except Exception as exc:  # noqa: BLE001 - a message that fails is dead-lettered, and the next goes on
        return [dead_letter(stage, exc, source_topic=source_topic, original=original, key=key, offset=offset)]
