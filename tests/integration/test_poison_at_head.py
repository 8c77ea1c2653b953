"""A poison message at the head of a partition: it goes to the DLQ and everything behind it is processed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from services.cleaner.identity import article_id_for
from services.config import Settings
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle, DeadLetter, RawArticle, RejectReason
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, read_topic, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

DATA = Path(__file__).resolve().parents[1] / "data"
POISON = b'{"source": "wire", "body": "the feed cut this message off'


def test_the_partition_goes_on_after_a_poison_message_at_its_head(
    settings: Settings, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    topics = settings.kafka.topics
    paragraphs = [p for p in (DATA / "seed_000.txt").read_text().split("\n\n") if len(p.split()) > 20]
    articles = [RawArticle(id=f"wire-{n}", source="wire", body=text) for n, text in enumerate(paragraphs)]
    asyncio.run(create_topics(settings.kafka))
    messages = [(b"poison", POISON), *((a.id.encode(), a.model_dump_json().encode()) for a in articles)]
    asyncio.run(send(settings.kafka, topics.raw, messages, partition=0))

    with WorkerFleet(isolated_env, tmp_path, stages=("cleaner",)):
        clean = asyncio.run(wait_for_records(settings, topics.clean, len(articles)))

    assert sorted(decode_message(CleanArticle, r.value).article_id for r in clean) == sorted(
        article_id_for(a, "") for a in articles
    )
    [letter_record] = asyncio.run(read_topic(settings.kafka, topics.dlq))
    letter = DeadLetter.model_validate_json(letter_record.value or b"")
    assert (letter.reason, letter.partition, letter.offset, letter.original) == (
        RejectReason.INVALID_JSON, 0, 0, POISON
    )

