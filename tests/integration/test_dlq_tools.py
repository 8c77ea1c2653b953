"""``newsingest dlq list`` and ``dlq replay`` on a real broker: what the cleaner rejected goes back where it came from."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from services.cli import main
from services.config import Settings
from services.fleet import WorkerFleet
from services.kafka_io import create_topics, read_topic, send
from services.messages import RejectReason
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

