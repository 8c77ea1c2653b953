"""A worker killed with SIGKILL mid-stream and restarted: what it had not committed is processed again, nothing is lost."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bench.syndication import corpus
from services.cleaner.identity import article_id_for
from services.codec import decode_message
from services.config import Settings
from services.deadletter import Stage
from services.fleet import WorkerFleet
from services.kafka_io import create_topics, read_topic, send
from services.messages import CleanArticle, EnrichedArticle, RawArticle
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

# Enough input that the kill lands mid-stream: the cleaner takes milliseconds an article, the enricher 0.2 s.
CASES = {"cleaner": (600, ("cleaner",)), "enricher": (40, ("cleaner", "dedup", "enricher"))}


@pytest.mark.parametrize("stage", ["cleaner", "enricher"])
def test_a_worker_killed_mid_stream_loses_nothing(stage: Stage, settings: Settings, tmp_path: Path) -> None:
    count, stages = CASES[stage]
    # The enricher only sees unique articles: give it originals only.
    articles = [a for a in corpus(seed=5) if stage == "cleaner" or a.is_original][:count]
    raws = [RawArticle(id=a.article_id, source="wire", body=a.text) for a in articles]
    ids = {article_id_for(raw, raw.body) for raw in raws}
    topics = settings.kafka.topics
    output_topic = {"cleaner": topics.clean, "enricher": topics.enriched}[stage]
    asyncio.run(create_topics(settings.kafka))
    with WorkerFleet({}, tmp_path / "logs", stages=stages) as fleet:
        asyncio.run(send(settings.kafka, topics.raw, [(None, raw.model_dump_json().encode()) for raw in raws]))
        asyncio.run(wait_for_records(settings, output_topic, 4))
        fleet.stop(stage, signal.SIGKILL)
        at_kill = len(asyncio.run(read_topic(settings.kafka, output_topic)))
        fleet.start(stage)
        records = asyncio.run(wait_for_records(settings, output_topic, count, timeout_s=300))
        produced = [_article_id(stage, r.value or b"") for r in records]
        while set(produced) != ids:  # redelivered outputs can reach the count before the last article does
            records = asyncio.run(wait_for_records(settings, output_topic, len(records) + 1, timeout_s=120))
            produced = [_article_id(stage, r.value or b"") for r in records]
        crashed = {name: p.returncode for name, p in fleet.processes.items() if p.poll() is not None}
    assert at_kill < count, "the kill came after the last article: it proved nothing"
    assert not crashed, f"workers died: {crashed}"
    assert set(produced) == ids
    assert asyncio.run(read_topic(settings.kafka, topics.dlq)) == [], "nothing was dead-lettered"


def _article_id(stage: Stage, value: bytes) -> str:
    if stage == "cleaner":
        return decode_message(CleanArticle, value).article_id
    return decode_message(EnrichedArticle, value).article.article_id
