"""The stories stage decides entity types across articles before it publishes: one name, one type, one key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.common.partitioning import keyed_partition
from services.config import StoriesOptions
from services.contract.messages import CleanArticle, EnrichedArticle, Entity, EntityEvent, Mention
from services.stories.embedded import EmbeddedStories
from services.tools.render import describe

PUBLISHED = datetime(2026, 3, 2, 9, tzinfo=UTC)


def enriched(article_id: str, text: str, named: list[tuple[str, str, str]], hours: int) -> EnrichedArticle:
    """``named``: (surface, label, key) of each entity, as an enricher gave them."""
    at = PUBLISHED + timedelta(hours=hours)
    article = CleanArticle(article_id=article_id, source="agency", text=text, published_at=at,
                           word_count=len(text.split()), extractor="plain_text", received_at=at)
    entities = [
        Entity(text=name, label=label, canonical_key=key, canonical_name=name,
               mentions=[Mention(text=name, start=text.index(name), end=text.index(name) + len(name), sentence=0)],
               salience=0.5)
        for name, label, key in named
    ]
    return EnrichedArticle(article=article, sentences=[(0, len(text))], entities=entities, numbers=[], nlp_model="t")


def entity_events(stories: EmbeddedStories, article: EnrichedArticle) -> list[EntityEvent]:
    return [o.value for o in stories.process(article) if isinstance(o.value, EntityEvent)]


ARTICLES = [
    enriched("a1", "Gazprom raised gas prices for Europe, the United States said.",
             [("Gazprom", "ORG", "org:gazprom"), ("United States", "GPE", "place:united states")], 0),
    enriched("a2", "Gazprom cut supplies to Moldova.", [("Gazprom", "ORG", "org:gazprom")], 1),
    enriched("a3", "Gazprom shares fell in Moscow.", [("Gazprom", "ORG", "org:gazprom")], 2),
    # The model calls it a place here, and the article says "US": the votes and the display name decide.
    enriched("a4", "Gazprom and the US signed a deal.",
             [("Gazprom", "GPE", "place:gazprom"), ("US", "GPE", "place:united states")], 3),
]


def test_entity_events_carry_the_voted_type_and_the_display_name() -> None:
    stories = EmbeddedStories(StoriesOptions())
    for article in ARTICLES[:3]:
        entity_events(stories, article)
    events = {event.canonical_key: event for event in entity_events(stories, ARTICLES[3])}
    assert set(events) == {"org:gazprom", "place:united states"}
    assert events["org:gazprom"].label == "ORG"
    assert events["place:united states"].canonical_name == "United States"
    assert events["place:united states"].mentions[0].text == "US"


def test_without_votes_each_article_keeps_its_own_types() -> None:
    stories = EmbeddedStories(StoriesOptions(type_votes=False))
    for article in ARTICLES[:3]:
        entity_events(stories, article)
    events = {event.canonical_key: event for event in entity_events(stories, ARTICLES[3])}
    assert set(events) == {"place:gazprom", "place:united states"}
    assert events["place:united states"].canonical_name == "US"


def test_a_person_reads_the_display_name_never_the_fold() -> None:
    stories = EmbeddedStories(StoriesOptions())
    russia = enriched("r1", "Russia said so.", [("Russia", "GPE", "place:rusia")], 0)
    [event] = entity_events(stories, russia)
    line = describe(event)
    assert "Russia" in line and "rusia" not in line


def test_votes_are_kept_per_partition_of_the_enriched_topic() -> None:
    # With four partitions an article is voted on with the articles of its own partition, as on the broker.
    stories = EmbeddedStories(StoriesOptions(), partitions=4)
    for article in ARTICLES:
        entity_events(stories, article)
    partitions = {keyed_partition(article.article.article_id, 4) for article in ARTICLES}
    assert {key.split("/", 1)[0] for key in stories.type_votes_rows} == {str(p) for p in partitions}
