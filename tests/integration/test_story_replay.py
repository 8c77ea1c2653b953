"""Stories on the real broker depend on the articles alone: the two seeds sent in the same instant, in either
order, are one story; the same burst of 220 articles through the four workers twice, each time on fresh topics and
consumer groups, gives the same story partition."""

from __future__ import annotations

import asyncio
import random
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.syndication import SHINGLE_SIZE, jaccard, shingle_set
from services.cleaner.logic import clean
from services.config import CleanerOptions, Settings
from services.contract.codec import decode_message
from services.contract.messages import DedupVerdict, EnrichedArticle, RawArticle, StoryUpdate
from services.stories.following import standing_stories
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import Record, create_topics, end_offsets, read_from, send

pytestmark = pytest.mark.broker

DATA = Path(__file__).resolve().parents[1] / "data"
T0 = datetime(2025, 12, 13, 6, 0, tzinfo=UTC)
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
# Four real events, each a pool of sentences (the seeds are two write-ups of one event).
POOLS = {
    "belarus": ("seed_000.txt", "seed_003.txt"),
    "wework": ("page_venturebeat_wework.html",),
    "businesswire-0515": ("newsml/businesswire-newsml-20130515006361.xml",),
    "businesswire-0731": ("newsml/businesswire-newsml-20130731006140.xml",),
}
ARTICLES = 220
SENTENCES_PER_ARTICLE = 4
# Far below the dedup threshold (0.8), so both runs forward the same articles whatever the MinHash noise.
MAX_JACCARD = 0.4
BURST_DAYS = 6


def _sentences(files: tuple[str, ...]) -> list[str]:
    texts = []
    for name in files:
        body = (DATA / name).read_text()
        content_type = {"html": "text/html", "xml": "application/xml"}.get(name.rsplit(".", 1)[-1], "text/plain")
        raw = RawArticle(source="pool", body=body, content_type=content_type)
        texts.append(clean(raw, CleanerOptions(), T0).text)
    return [s for text in texts for s in _SENTENCE_END.split(text) if len(s.split()) >= 6]


def burst() -> list[RawArticle]:
    """Articles of four events over six days, a few with one sentence of another event (bridges to test merges)."""
    rng = random.Random(15)
    pools = {event: _sentences(files) for event, files in POOLS.items()}
    shingles: list[set] = []
    raws: list[RawArticle] = []
    while len(raws) < ARTICLES:
        event = rng.choice(sorted(pools))
        picked = rng.sample(pools[event], SENTENCES_PER_ARTICLE)
        if rng.random() < 0.1:
            other = rng.choice(sorted(set(pools) - {event}))
            picked[-1] = rng.choice(pools[other])
        text = " ".join(picked)
        own = shingle_set(text, SHINGLE_SIZE)
        if any(jaccard(own, earlier) > MAX_JACCARD for earlier in shingles):
            continue
        shingles.append(own)
        at = T0 + timedelta(minutes=rng.randrange(BURST_DAYS * 24 * 60))
        raws.append(RawArticle(id=f"{event}/{len(raws)}", source=f"wire-{len(raws) % 5}", body=text,
                               published_at=at))
    return raws


def _fresh_env(tmp_path: Path, run: str) -> dict[str, str]:
    return {"NEWSINGEST_KAFKA__TOPICS__PREFIX": f"it-{uuid.uuid4().hex[:10]}.",
            "NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / run / "data"),
            # The burst is six days of event time in random order: each article may arrive that late, and the
            # guarantee covers an article up to the allowed lateness behind the newest event time.
            "NEWSINGEST_STORIES__LATENESS_HOURS": str(BURST_DAYS * 24)}


def _stories_of(records: list[Record], topics_stories: str) -> dict[str, frozenset[str]]:
    """Story id → articles, from each story's latest update; stories merged away are left out."""
    updates = [decode_message(StoryUpdate, value) for topic, _, value in records if topic == topics_stories]
    return {story: frozenset(update.articles) for story, update in standing_stories(updates).items()}


def _run(tmp_path: Path, run: str, raws: list[RawArticle], monkeypatch: pytest.MonkeyPatch) -> dict:
    """The four workers on fresh topics; the raws sent in one burst; every output until each forwarded article is
    in a story and the topics have been quiet for a while (late merges included)."""
    env = _fresh_env(tmp_path, run)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    with WorkerFleet(env, tmp_path / run / "logs") as fleet:
        start = asyncio.run(end_offsets(settings.kafka, [topics.verdicts, topics.enriched, topics.stories]))
        asyncio.run(send(settings.kafka, topics.raw, [(None, raw.model_dump_json().encode()) for raw in raws]))

        def complete(records: list[Record]) -> bool:
            verdicts = [r for r in records if r[0] == topics.verdicts]
            enriched = {decode_message(EnrichedArticle, v).article.article_id
                        for t, _, v in records if t == topics.enriched}
            placed = set().union(*_stories_of(records, topics.stories).values())
            return len(verdicts) >= len(raws) and bool(enriched) and enriched <= placed

        records = asyncio.run(read_from(settings.kafka, start, idle_s=20, timeout_s=900, complete=complete))
        crashed = fleet.exited()
        assert not crashed, f"workers died: {crashed}"
    assert complete(records), "not every forwarded article reached a story"
    verdicts = {decode_message(DedupVerdict, v).article_id: decode_message(DedupVerdict, v).status
                for t, _, v in records if t == topics.verdicts}
    return {"stories": _stories_of(records, topics.stories), "verdicts": verdicts}


def _partition(stories: dict[str, frozenset[str]]) -> set[frozenset[str]]:
    return set(stories.values())


def test_the_seeds_sent_in_the_same_instant_are_one_story_in_either_order(
    isolated_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = T0 + timedelta(hours=6)
    seeds = [RawArticle(source=f"seed-{n}", body=(DATA / f"seed_{n}.txt").read_text(), published_at=published)
             for n in ("000", "003")]
    for run, order in (("forward", seeds), ("backward", seeds[::-1])):
        result = _run(tmp_path, run, order, monkeypatch)
        assert len(result["verdicts"]) == 2
        assert len(result["stories"]) == 1, f"{run}: {result['stories']}"
        (members,) = result["stories"].values()
        assert members == frozenset(result["verdicts"])


def test_the_same_articles_twice_give_the_same_stories(
    isolated_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raws = burst()
    first = _run(tmp_path, "first", raws, monkeypatch)
    # The second run gets the same articles in another order: the stories must not care.
    shuffled = raws[:]
    random.Random(2).shuffle(shuffled)
    second = _run(tmp_path, "second", shuffled, monkeypatch)
    assert first["verdicts"] == second["verdicts"]
    assert first["stories"] == second["stories"], "the same story ids with the same articles"
    stories = _partition(first["stories"])
    assert sum(len(story) for story in stories) == len([s for s in first["verdicts"].values() if s == "unique"])
    assert len(stories) < len(raws) // 2, "write-ups of one event share stories"
