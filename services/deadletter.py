"""Building dead letters: the one place that turns a rejected message into a ``DeadLetter``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from services.errors import RejectedInput
from services.messages import DeadLetter, RejectReason
from services.outputs import Output

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
