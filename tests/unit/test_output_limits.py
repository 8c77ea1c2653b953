"""Every output is checked before it is sent: one that cannot be sent makes its input a dead letter instead."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError

from services.config import KafkaOptions, Settings
from services.contract.errors import RejectedInput
from services.contract.messages import DeadLetter, Message, RawArticle, RejectReason
from services.contract.outputs import Output, checked_outputs
from services.runtime.pipeline import Pipeline

KAFKA = KafkaOptions(max_message_bytes=64 * 1024)


class Loose(Message):
    payload: Any


def sized(value_bytes: int) -> Output:
    """A clean-topic output whose value serialises to exactly ``value_bytes`` bytes."""
    empty = len(Loose(payload="").model_dump_json())
    return Output("clean", "article-1", Loose(payload="x" * (value_bytes - empty)))


def largest_accepted(limit_check: Any) -> int:
    low, high = 1000, 2 * KAFKA.max_message_bytes
    while low + 1 < high:
        middle = (low + high) // 2
        low, high = (middle, high) if limit_check(middle) else (low, middle)
    return low


def test_the_check_and_the_producer_agree_on_the_largest_record() -> None:
    def checked(size: int) -> bool:
        try:
            checked_outputs([sized(size)], KAFKA)
        except RejectedInput as exc:
            assert exc.reason is RejectReason.OUTPUT_TOO_LARGE
            return False
        return True

    async def producer_takes() -> int:
        producer = AIOKafkaProducer(max_request_size=KAFKA.max_message_bytes)

        def takes(size: int) -> bool:
            key, value = sized(size).encoded()
            try:
                producer._serialize(key, value, [])  # the producer's own size check, before anything is sent
            except MessageSizeTooLargeError:
                return False
            return True

        return largest_accepted(takes)

    largest = largest_accepted(checked)
    assert KAFKA.max_message_bytes - 200 < largest < KAFKA.max_message_bytes
    assert largest == asyncio.run(producer_takes())


def test_the_dlq_takes_larger_records() -> None:
    letter = Output("dlq", "cleaner:x", Loose(payload="x" * KAFKA.max_message_bytes))
    assert checked_outputs([letter], KAFKA) == [letter]
    with pytest.raises(RejectedInput):
        checked_outputs([Output("clean", "k", letter.value)], KAFKA)


def test_an_output_that_does_not_serialise_is_a_processing_error() -> None:
    nested: Any = 1
    for _ in range(300):
        nested = [nested]
    with pytest.raises(RejectedInput) as caught:
        checked_outputs([Output("clean", "k", Loose(payload=nested))], KAFKA)
    assert caught.value.reason is RejectReason.PROCESSING_ERROR


def test_the_embedded_pipeline_dead_letters_a_too_large_article_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__MAX_MESSAGE_BYTES", str(64 * 1024))
    monkeypatch.setenv("NEWSINGEST_CLEANER__MAX_BODY_BYTES", str(64 * 1024))
    # A message the raw topic takes whose clean article is larger: metadata passes through, and the article adds
    # its own fields.
    body = "Quake hits Chile. " * 3000
    padding = 64 * 1024 - len(RawArticle(source="wire", body=body).model_dump_json()) - 200
    large = RawArticle(source="wire", body=body, metadata={"pad": "p" * padding}).model_dump_json().encode()
    assert len(large) < 64 * 1024
    small = RawArticle(source="wire", body="Quake hits Chile, officials say.").model_dump_json().encode()
    published = Pipeline(Settings()).process([large, small])
    letters = [output.value for output in published if isinstance(output.value, DeadLetter)]
    assert [(letter.stage, letter.reason, letter.original) for letter in letters] == [
        ("cleaner", RejectReason.OUTPUT_TOO_LARGE, large)
    ]
    assert "CleanArticle" in letters[0].error
    assert [output.topic for output in published if output.topic == "clean"] == ["clean"]
    assert json.loads(published[1].encoded()[1])["text"] == "Quake hits Chile, officials say."
