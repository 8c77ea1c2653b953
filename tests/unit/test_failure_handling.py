"""Which failures dead-letter a message and which are retried: the message's fault, or the infrastructure's."""

from __future__ import annotations

import json

import pytest
from aiokafka.errors import KafkaTimeoutError, NotLeaderForPartitionError
from faust.exceptions import PartitionsMismatch
from pydantic import BaseModel

from services.contract.errors import RejectedInput, TransientError
from services.contract.messages import RejectReason
from services.runtime.streaming import is_infrastructure_failure, retry_delay


class _Shape(BaseModel):
    count: int


def _validation_error() -> Exception:
    try:
        _Shape.model_validate({"count": "many"})
    except Exception as exc:  # noqa: BLE001 - the error pydantic raises, whatever its class
        return exc
    raise AssertionError("validation passed")


@pytest.mark.parametrize(
    "error",
    [
        PartitionsMismatch("The source topic has 4 partitions, but the changelog has 0 partitions"),
        NotLeaderForPartitionError(),
        KafkaTimeoutError(),
        ConnectionResetError("broker went away"),
        TransientError("the NLP pool is restarting"),
    ],
)
def test_infrastructure_failures_are_retried(error: Exception) -> None:
    assert is_infrastructure_failure(error)


@pytest.mark.parametrize(
    "error",
    [
        RejectedInput(RejectReason.INVALID_JSON, "line 1"),
        _validation_error(),
        json.JSONDecodeError("Expecting value", "{", 1),
        KeyError("members"),
        ZeroDivisionError(),
    ],
)
def test_failures_of_the_message_or_the_code_are_dead_lettered(error: Exception) -> None:
    assert not is_infrastructure_failure(error)


def test_retries_back_off_to_half_a_minute() -> None:
    assert [retry_delay(attempt) for attempt in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
