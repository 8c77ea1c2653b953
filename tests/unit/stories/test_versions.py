"""A newer version of an article replaces it in its story; a withheld or canceled one leaves the story."""

from __future__ import annotations

from datetime import UTC, datetime

from services.config import StoriesOptions
from services.contract.messages import (
    CleanArticle,
    EnrichedArticle,
    Entity,
    EntityEvent,
    Mention,
    PubStatus,
    StoryUpdate,
)
from services.contract.outputs import Output
from services.stories.embedded import EmbeddedStories

PUBLISHED = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
TEXT = "Lukashenko pardoned Kolesnikova in Minsk after talks with Coale."


def enriched(article_id: str, source: str, version: int | None = None, status: PubStatus | None = None,
             names: tuple[str, ...] = ("Lukashenko", "Kolesnikova", "Minsk")) -> EnrichedArticle:
    text = "" if status in (PubStatus.WITHHELD, PubStatus.CANCELED) else TEXT
    article = CleanArticle(
        article_id=article_id, source=source, text=text, published_at=PUBLISHED, word_count=len(text.split()),
        extractor="plain_text", received_at=PUBLISHED, version=version, pub_status=status,
    )
    entities = [
        Entity(text=name, label="PERSON", canonical_key=f"person:{name.lower()}", canonical_name=name,
               mentions=[Mention(text=name, start=TEXT.index(name), end=TEXT.index(name) + len(name), sentence=0)],
               salience=1.0)
        for name in (names if text else ())
    ]
    return EnrichedArticle(article=article, sentences=[(0, len(text))], entities=entities, numbers=[], nlp_model="t")


def update_of(outputs: list[Output]) -> StoryUpdate:
    (update,) = [o.value for o in outputs if isinstance(o.value, StoryUpdate)]
    return update


def entity_events(outputs: list[Output]) -> list[EntityEvent]:
    return [o.value for o in outputs if isinstance(o.value, EntityEvent)]


def test_a_newer_version_replaces_the_article_in_its_story() -> None:
    stories = EmbeddedStories(StoriesOptions())
    stories.process(enriched("a", "pravda", version=1))
    first = stories.process(enriched("b", "rt", version=1))
    newer = stories.process(enriched("b", "rt", version=2, names=("Lukashenko", "Coale")))
    assert update_of(newer).story_id == update_of(first).story_id == "a"
    assert update_of(newer).articles == ["a", "b"]
    assert update_of(newer).version == update_of(first).version + 1
    assert {e.article_version for e in entity_events(newer)} == {2}
    assert {e.canonical_key for e in entity_events(newer)} == {"person:lukashenko", "person:coale"}
    assert not {e.event_id for e in entity_events(newer)} & {e.event_id for e in entity_events(first)}
    top = {entity.canonical_key: entity.articles for entity in update_of(newer).top_entities}
    assert top == {"person:lukashenko": 2, "person:kolesnikova": 1, "person:minsk": 1, "person:coale": 1}


def test_a_withdrawn_article_leaves_its_story_and_the_shards() -> None:
    stories = EmbeddedStories(StoriesOptions(), partitions=4)
    stories.process(enriched("a", "pravda"))
    stories.process(enriched("b", "rt"))
    withdrawal = stories.process(enriched("b", "rt", version=2, status=PubStatus.CANCELED))
    assert [o.topic for o in withdrawal] == ["stories"]
    update = update_of(withdrawal)
    assert (update.story_id, update.articles, update.withdrawn, update.sources) == ("a", ["a"], ["b"], ["pravda"])
    assert {row["article_id"] for row in stories.members.values()} == {"a"}
    # A later usable version reinstates it.
    back = update_of(stories.process(enriched("b", "rt", version=3)))
    assert (back.articles, back.withdrawn) == (["a", "b"], [])


def test_the_withdrawal_of_an_unknown_article_publishes_nothing() -> None:
    stories = EmbeddedStories(StoriesOptions())
    assert stories.process(enriched("x", "rt", version=2, status=PubStatus.WITHHELD)) == []
    assert len(stories.articles) == 0
