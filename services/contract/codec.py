"""Decoding the project's own topics: bytes → model, or ``RejectedInput`` saying why not."""

from __future__ import annotations

from typing import TypeVar

from pydantic import ValidationError

from services.contract.errors import RejectedInput
from services.contract.messages import Message, RejectReason

M = TypeVar("M", bound=Message)


def decode_message(model: type[M], data: bytes | None) -> M:
    if not data:
        raise RejectedInput(RejectReason.INVALID_JSON, "empty message")
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        kinds = {error["type"] for error in exc.errors()}
        reason = RejectReason.INVALID_JSON if "json_invalid" in kinds else RejectReason.INVALID_MESSAGE
        raise RejectedInput(reason, str(exc)[:1000]) from exc
