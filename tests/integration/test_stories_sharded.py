"""Sharded stories on a real broker: two workers, or one restarted without its disk, give the embedded stories."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from services.config import Settings
from services.contract.codec import decode_message
from services.contract.messages import EnrichedArticle, RawArticle, StoryUpdate
from services.runtime.pipeline import Pipeline
from services.stories.embedded import EmbeddedStories
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import Record, create_topics, end_offsets, read_from, send
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


def _feed_one_at_a_time(settings: Settings, articles: list[EnrichedArticle], start: dict) -> list[Record]:
    """Each article once the previous one's story update is out, as the embedded mode takes them: a decision
    then sees every member decided before it, whichever worker holds the shards. Returns what the public topics
    hold since ``start``."""
    topics = settings.kafka.topics
    records: list[Record] = []
    for article in articles:
        article_id = article.article.article_id
        asyncio.run(send(settings.kafka, topics.enriched, [(article_id.encode(), article.model_dump_json().encode())]))

        def story_told(batch: list[Record], article_id: str = article_id) -> bool:
            return any(topic == topics.stories and article_id in decode_message(StoryUpdate, value).articles
                       for topic, _, value in batch)

        records = asyncio.run(read_from(settings.kafka, start, idle_s=5, timeout_s=120, complete=story_told))
        assert story_told(records), f"no story update for {article_id}"
    return records


def _expected(settings: Settings, articles: list[EnrichedArticle]) -> list[tuple[str, bytes, bytes]]:
    embedded = EmbeddedStories(settings.stories, settings.kafka.partitions)
    topics = settings.kafka.topics
    return sorted((topics.name(o.topic), *o.encoded()) for article in articles for o in embedded.process(article))


def _public(settings: Settings) -> list[str]:
    topics = settings.kafka.topics
    return [topics.entities, topics.numbers, topics.stories]


def test_two_stories_workers_give_the_embedded_stories(settings: Settings, tmp_path: Path) -> None:
    asyncio.run(create_topics(settings.kafka))
    articles = _enriched()
    with WorkerFleet({}, tmp_path / "logs", stages=("stories",)) as fleet:
        fleet.start("stories", name="stories-2", env={"NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / "second")})
        fleet.wait_until_settled(["stories", "stories-2"])
        start = asyncio.run(end_offsets(settings.kafka, _public(settings)))
        records = _feed_one_at_a_time(settings, articles, start)
        crashed = fleet.exited()
        assert not crashed, f"workers died: {crashed}"
        logs = [fleet.log(name) for name in ("stories", "stories-2")]

    assert all("Setting newly assigned partitions" in log for log in logs), "both workers took partitions"
    assert sorted(records) == _expected(settings, articles)
    stories = {decode_message(StoryUpdate, v).story_id for t, _, v in records if t == settings.kafka.topics.stories}
    assert len(stories) < len(articles), "some article joined another's story"


def test_a_stories_worker_restarted_without_its_disk_recovers_from_the_changelog(
    settings: Settings, tmp_path: Path
) -> None:
    asyncio.run(create_topics(settings.kafka))
    seed_000, november, seed_003, september, wework = _enriched()
    articles = [seed_000, seed_003, november, september, wework]
    with WorkerFleet({}, tmp_path / "logs", stages=()) as fleet:
        fleet.start("stories", env={"NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / "first-disk")})
        start = asyncio.run(end_offsets(settings.kafka, _public(settings)))
        _feed_one_at_a_time(settings, articles[:1], start)
        fleet.stop("stories", signal.SIGKILL)
        # A new machine: members, articles and stories come back from the changelogs alone.
        fleet.start("stories", env={"NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / "second-disk")})
        records = _feed_one_at_a_time(settings, articles[1:], start)
        crashed = fleet.exited()
        assert not crashed, f"workers died: {crashed}"

    # The second write-up of the seed event joins the first's story, which only the changelogs remember.
    assert sorted(set(records)) == _expected(settings, articles)
    updates = [decode_message(StoryUpdate, v) for t, _, v in records if t == settings.kafka.topics.stories]
    assert any(u.articles == [seed_000.article.article_id, seed_003.article.article_id] for u in updates)
