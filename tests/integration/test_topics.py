"""``newsingest topics create`` on a real broker: partitions, compaction and retention as the settings say."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.config import Settings
from services.runtime.kafka_client import connection
from services.tools.kafka_io import create_topics

pytestmark = pytest.mark.broker


def test_topics_are_created_with_their_configured_partitions_retention_and_compaction(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__PARTITIONS", "3")
    monkeypatch.setenv("NEWSINGEST_KAFKA__RETENTION_HOURS", '{"raw": 48, "dlq": 720}')
    settings = Settings()
    created = asyncio.run(create_topics(settings.kafka))
    topics = settings.kafka.topics
    assert set(created) == {*topics.all(), *topics.changelogs()}
    described = asyncio.run(_describe(settings, [topics.raw, topics.dlq, topics.clean, topics.dedup_changelogs()[0]]))
    assert described[topics.raw] == (3, str(48 * 3_600_000), "delete")
    assert described[topics.dlq] == (3, str(720 * 3_600_000), "delete")
    assert described[topics.clean][1] == str(7 * 24 * 3_600_000), "the broker's default"
    assert described[topics.dedup_changelogs()[0]][2] == "compact"
    assert asyncio.run(create_topics(settings.kafka)) == [], "a second run finds them all"


async def _describe(settings: Settings, names: list[str]) -> dict[str, tuple[int, str, str]]:
    admin = AIOKafkaAdminClient(**connection(settings.kafka))
    await admin.start()
    try:
        partitions = {t["topic"]: len(t["partitions"]) for t in await admin.describe_topics(names)}
        responses = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name) for name in names])
    finally:
        await admin.close()
    configs: dict[str, dict[str, str]] = {}
    for response in responses:
        for resource in response.resources:
            _, _, _, name, entries = resource[:5]
            configs[name] = {entry[0]: entry[1] for entry in entries}
    return {
        name: (partitions[name], configs[name]["retention.ms"], configs[name]["cleanup.policy"]) for name in names
    }
