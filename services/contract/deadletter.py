"""Building dead letters: the one place that turns a rejected message into a ``DeadLetter``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

from services.config import KafkaOptions
from services.contract.errors import RejectedInput
from services.contract.messages import DeadLetter, RejectReason
from services.contract.outputs import Output, checked_outputs, record_bytes

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
    max_record_bytes: int | None = None,
) -> Output:
    """A DLQ record for ``error``; anything but ``RejectedInput`` is an unexpected ``processing_error``. With
    ``max_record_bytes`` (the DLQ's record limit), an original too large for the letter to fit is cut to fit."""
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
    output = Output("dlq", f"{stage}:{reason.value}", letter)
    if max_record_bytes is None or (size := record_bytes(output)) <= max_record_bytes:
        return output
    # What the letter needs besides the original, then as much of the original as fits in base64 (4 bytes for 3).
    base64_bytes = 4 * -(-len(original) // 3)
    room = max_record_bytes - (size - base64_bytes) - 64  # the size field's digits, and a margin
    cut = letter.model_copy(update={"original": original[: max(0, room) // 4 * 3], "original_size": len(original)})
    return Output("dlq", output.key, cut)


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
    (:func:`services.contract.outputs.checked_outputs`), or else the input's dead letter. The embedded pipeline's shell; a
    worker's (``StageApp.process_event``) does the same, but retries a failure of the broker instead."""
    try:
        return checked_outputs(compute(), kafka)
    except Exception as exc:  # noqa: BLE001 - a message that fails is dead-lettered, and the next goes on
        return [dead_letter(stage, exc, source_topic=source_topic, original=original, key=key, offset=offset,
                            max_record_bytes=kafka.dlq_max_message_bytes)]
