"""On the broker: the topics take what the settings say, and an output they would refuse is a dead letter."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.config import Settings
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle, DeadLetter, RawArticle, RejectReason
from services.runtime.kafka_client import connection
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

LIMIT = 64 * 1024


@pytest.fixture
def small_limits(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    limits = {"NEWSINGEST_KAFKA__MAX_MESSAGE_BYTES": str(LIMIT), "NEWSINGEST_CLEANER__MAX_BODY_BYTES": str(LIMIT)}
    for name, value in limits.items():
        monkeypatch.setenv(name, value)
    return {**isolated_env, **limits}


async def max_message_bytes(settings: Settings, topics: list[str]) -> dict[str, str]:
    admin = AIOKafkaAdminClient(**connection(settings.kafka))
    await admin.start()
    try:
        described = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name) for name in topics])
    finally:
        await admin.close()
    limits = {}
    for response in described:
        for _code, _message, _kind, name, entries in response.resources:
            limits[name] = next(entry[1] for entry in entries if entry[0] == "max.message.bytes")
    return limits


def test_a_clean_article_the_topic_would_refuse_is_dead_lettered(
    small_limits: dict[str, str], tmp_path: Path
) -> None:
    settings = Settings()
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    assert asyncio.run(max_message_bytes(settings, [topics.raw, topics.clean, topics.dlq])) == {
        topics.raw: str(LIMIT), topics.clean: str(LIMIT), topics.dlq: str(settings.kafka.dlq_max_message_bytes)
    }
    # The raw topic takes it; its clean article (the metadata passes through, the article adds fields) is larger.
    body = "Quake hits Chile. " * 3000
    padding = LIMIT - len(RawArticle(source="wire", body=body).model_dump_json()) - 200
    large = RawArticle(source="wire", body=body, metadata={"pad": "p" * padding}).model_dump_json().encode()
    small = RawArticle(source="wire", body="Quake hits Chile, officials say.").model_dump_json().encode()
    asyncio.run(send(settings.kafka, topics.raw, [(b"large", large), (b"small", small)], partition=0))
    with WorkerFleet(small_limits, tmp_path, stages=("cleaner",)):
        letters = asyncio.run(wait_for_records(settings, topics.dlq, 1))
        articles = asyncio.run(wait_for_records(settings, topics.clean, 1))
    [letter] = [decode_message(DeadLetter, record.value) for record in letters]
    assert (letter.reason, letter.key, letter.original) == (RejectReason.OUTPUT_TOO_LARGE, b"large", large)
    [article] = [decode_message(CleanArticle, record.value) for record in articles]
    assert article.text == "Quake hits Chile, officials say."
