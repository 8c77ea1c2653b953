"""``newsingest dlq list`` and ``dlq replay`` on a real broker: what the cleaner rejected goes back where it came from."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.config import Settings
from services.contract.messages import DeadLetter, RejectReason
from services.tools.cli import main
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, read_topic, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

BAD_JSON = b'{"source": "wire", "body": "unterminated'
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def test_rejects_are_listed_and_replayed_to_their_source_topic(
    settings: Settings, isolated_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    asyncio.run(send(settings.kafka, topics.raw, [(b"one", BAD_JSON), (b"two", BINARY)]))
    with WorkerFleet(isolated_env, tmp_path, stages=("cleaner",)):
        letters = asyncio.run(wait_for_records(settings, topics.dlq, 2))
    assert len(letters) == 2

    capsys.readouterr()
    assert main(["dlq", "list", "--format", "json", "--reason", "invalid_json"]) == 0
    [listed] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (listed["stage"], listed["reason"], listed["source_topic"]) == ("cleaner", RejectReason.INVALID_JSON.value,
                                                                           topics.raw)

    assert main(["dlq", "replay"]) == 2, "a replay of everything must be asked for with --all"
    raw_before = asyncio.run(read_topic(settings.kafka, topics.raw))
    assert main(["dlq", "replay", "--at", listed["at"], "--dry-run"]) == 0
    assert asyncio.run(read_topic(settings.kafka, topics.raw)) == raw_before
    assert main(["dlq", "replay", "--at", listed["at"]]) == 0
    raw_after = asyncio.run(read_topic(settings.kafka, topics.raw))
    assert [(r.key, r.value) for r in raw_after if r not in raw_before] == [(b"one", BAD_JSON)]



def test_a_forged_letter_is_replayed_only_where_the_operator_says(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """A letter names its own source topic; one naming a topic outside the deployment is refused, and nothing of
    the replay is sent, unless --to names the topic."""
    topics = settings.kafka.topics
    foreign = f"{topics.prefix.rstrip('.')}-elsewhere.payments"
    asyncio.run(create_topics(settings.kafka))
    letter = DeadLetter(stage="cleaner", reason=RejectReason.INVALID_JSON, error="forged", source_topic=foreign,
                        original=b"transfer all", failed_at=datetime.now(UTC))
    genuine = letter.model_copy(update={"source_topic": topics.raw, "original": BAD_JSON})
    asyncio.run(send(settings.kafka, topics.dlq, [(None, letter.model_dump_json().encode()),
                                                  (None, genuine.model_dump_json().encode())]))
    capsys.readouterr()
    assert main(["dlq", "replay", "--all"]) == 1
    assert f"refused: 1 letter(s) name {foreign!r}" in capsys.readouterr().err
    assert asyncio.run(read_topic(settings.kafka, topics.raw)) == []
    assert asyncio.run(topic_exists(settings, foreign)) is False

    assert main(["dlq", "replay", "--all", "--to", topics.raw]) == 0
    assert sorted(r.value for r in asyncio.run(read_topic(settings.kafka, topics.raw))) == [
        b"transfer all", BAD_JSON
    ]


async def topic_exists(settings: Settings, name: str) -> bool:
    from aiokafka.admin import AIOKafkaAdminClient

    from services.runtime.kafka_client import connection

    admin = AIOKafkaAdminClient(**connection(settings.kafka))
    await admin.start()
    try:
        return name in await admin.list_topics()
    finally:
        await admin.close()
