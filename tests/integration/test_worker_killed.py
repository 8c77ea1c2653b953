"""A worker killed with SIGKILL mid-stream and restarted: what it had not committed is processed again, nothing is lost.

The kill comes at the first output, while the first part of the input is still being worked through; the rest is
sent while the worker is dead, so the restarted worker always has input to finish whatever the machine's speed (a
model that loads before the first article used to finish all of a single burst before the kill).
"""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.cleaner.identity import article_id_for
from services.config import Settings
from services.contract.codec import decode_message
from services.contract.deadletter import Stage
from services.contract.messages import CleanArticle, EnrichedArticle, RawArticle
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, read_topic, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

DATA = Path(__file__).resolve().parents[1] / "data"
# Enough input that the kill likely lands mid-stream: the cleaner takes milliseconds an article, the enricher 0.1 s.
COUNTS: dict[Stage, int] = {"cleaner": 600, "enricher": 80}


def _paragraphs() -> list[str]:
    texts = [(DATA / name).read_text() for name in ("seed_000.txt", "seed_003.txt")]
    return [p for text in texts for p in text.split("\n\n") if len(p.split()) >= 20]


@pytest.mark.parametrize("stage", ["cleaner", "enricher"])
def test_a_worker_killed_mid_stream_loses_nothing(stage: Stage, settings: Settings, tmp_path: Path) -> None:
    count, paragraphs = COUNTS[stage], _paragraphs()
    topics = settings.kafka.topics
    if stage == "cleaner":
        raws = [RawArticle(id=f"wire-{n}", source="wire", body=paragraphs[n % len(paragraphs)]) for n in range(count)]
        ids = {article_id_for(raw, raw.body) for raw in raws}
        input_topic, output_topic = topics.raw, topics.clean
        messages = [raw.model_dump_json().encode() for raw in raws]
    else:
        # Straight onto the enricher's input: the same paragraphs repeat, which dedup would (rightly) stop.
        articles = [_clean_article(f"article-{n}", paragraphs[n % len(paragraphs)]) for n in range(count)]
        ids = {article.article_id for article in articles}
        input_topic, output_topic = topics.unique, topics.enriched
        messages = [article.model_dump_json().encode() for article in articles]
    asyncio.run(create_topics(settings.kafka))
    with WorkerFleet({}, tmp_path / "logs", stages=(stage,)) as fleet:
        before_kill, while_dead = messages[: count * 3 // 4], messages[count * 3 // 4:]
        asyncio.run(send(settings.kafka, input_topic, [(None, message) for message in before_kill]))
        asyncio.run(wait_for_records(settings, output_topic, 1))
        fleet.stop(stage, signal.SIGKILL)
        asyncio.run(send(settings.kafka, input_topic, [(None, message) for message in while_dead]))
        fleet.start(stage)
        records = asyncio.run(wait_for_records(settings, output_topic, count, timeout_s=300))
        produced = [_article_id(stage, r.value or b"") for r in records]
        while set(produced) != ids:  # redelivered outputs can reach the count before the last article does
            records = asyncio.run(wait_for_records(settings, output_topic, len(records) + 1, timeout_s=120))
            produced = [_article_id(stage, r.value or b"") for r in records]
        crashed = fleet.exited()
    assert not crashed, f"workers died: {crashed}"
    assert set(produced) == ids
    assert asyncio.run(read_topic(settings.kafka, topics.dlq)) == [], "nothing was dead-lettered"


def _clean_article(article_id: str, text: str) -> CleanArticle:
    return CleanArticle(article_id=article_id, source="wire", text=text, word_count=len(text.split()),
                        extractor="plain_text", received_at=datetime(2025, 12, 13, 18, 0, tzinfo=UTC))


def _article_id(stage: Stage, value: bytes) -> str:
    if stage == "cleaner":
        return decode_message(CleanArticle, value).article_id
    return decode_message(EnrichedArticle, value).article.article_id
