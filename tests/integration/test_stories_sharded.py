"""Sharded stories on a real broker: two stories workers give the stories the embedded mode gives."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from services.codec import decode_message
from services.config import Settings
from services.fleet import WorkerFleet
from services.kafka_io import Record, create_topics, end_offsets, read_from, send
from services.messages import EnrichedArticle, RawArticle, StoryUpdate
from services.pipeline import Pipeline
from services.stories.embedded import EmbeddedStories
from tests.integration.groups import wait_for_stable_group
from tests.unit.stories.test_stories_pipeline import NOVEMBER_PARDON, SEPTEMBER_PARDON

pytestmark = pytest.mark.broker

DATA = Path(__file__).resolve().parents[1] / "data"


def _enriched() -> list[EnrichedArticle]:
    """Two write-ups of one event, two other pardons by the same president, an unrelated page."""
    raws = [
        RawArticle(source="pravda", body=(DATA / "seed_000.txt").read_text()),
        RawArticle(source="agency", body=NOVEMBER_PARDON),
        RawArticle(source="rt", body=(DATA / "seed_003.txt").read_text()),
        RawArticle(source="wire", body=SEPTEMBER_PARDON),
        RawArticle(source="venturebeat", body=(DATA / "page_venturebeat_wework.html").read_text(),
                   content_type="text/html"),
    ]
    pipeline = Pipeline(Settings())
    return [o.value for raw in raws for o in pipeline.process([raw.model_dump_json().encode()])
            if isinstance(o.value, EnrichedArticle)]


def test_two_stories_workers_give_the_embedded_stories(settings: Settings, tmp_path: Path) -> None:
    asyncio.run(create_topics(settings.kafka))
    articles = _enriched()
    embedded = EmbeddedStories(settings.stories, settings.kafka.partitions)
    expected = [o for article in articles for o in embedded.process(article)]
    topics = settings.kafka.topics
    public = [topics.entities, topics.numbers, topics.stories]
    with WorkerFleet({}, tmp_path / "logs", stages=("stories",)) as fleet:
        fleet.start("stories", name="stories-2", env={"NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / "second")})
        wait_for_stable_group(fleet, ["stories", "stories-2"])
        start = asyncio.run(end_offsets(settings.kafka, public))
        records: list[Record] = []
        # One article at a time, as the embedded mode takes them: an article's decision sees every member
        # decided before it, whichever worker holds the shards.
        for article in articles:
            asyncio.run(send(settings.kafka, topics.enriched, [(article.article.article_id.encode(),
                                                               article.model_dump_json().encode())]))

            def story_told(batch: list[Record], article_id: str = article.article.article_id) -> bool:
                return any(topic == topics.stories and article_id in decode_message(StoryUpdate, value).articles
                           for topic, _, value in batch)

            batch = asyncio.run(read_from(settings.kafka, start, idle_s=5, timeout_s=120, complete=story_told))
            assert story_told(batch), f"no story update for {article.article.article_id}"
            records = batch
        crashed = {name: p.returncode for name, p in fleet.processes.items() if p.poll() is not None}
        assert not crashed, f"workers died: {crashed}"
        logs = {name: fleet.log(name) for name in ("stories", "stories-2")}

    assert all("Setting newly assigned partitions" in log for log in logs.values()), "both workers took partitions"
    published = sorted((topic, key, value) for topic, key, value in records)
    by_topic = {"entities": topics.entities, "numbers": topics.numbers, "stories": topics.stories}
    assert published == sorted((by_topic[o.topic], *o.encoded()) for o in expected)
    stories = {decode_message(StoryUpdate, value).story_id for topic, _, value in records if topic == topics.stories}
    assert len(stories) < len(articles), "some article joined another's story"
