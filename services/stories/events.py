"""Enriched article + its story → the entity and number events consumers read."""

from __future__ import annotations

from services.contract.messages import EnrichedArticle, EntityEvent, NumberEvent, stable_id


def entity_events(enriched: EnrichedArticle, story_id: str) -> list[EntityEvent]:
    article = enriched.article
    return [
        EntityEvent(
            event_id=stable_id("entity", story_id, *_article_identity(enriched), entity.canonical_key),
            article_id=article.article_id,
            story_id=story_id,
            source=article.source,
            article_version=article.version,
            **entity.model_dump(),
        )
        for entity in enriched.entities
    ]


def number_events(enriched: EnrichedArticle, story_id: str) -> list[NumberEvent]:
    article = enriched.article
    events = []
    for fact in enriched.amounts():
        sentence_start, sentence_end = enriched.sentences[fact.sentence]
        events.append(
            NumberEvent(
                event_id=stable_id(
                    "number", story_id, *_article_identity(enriched), str(fact.start), str(fact.end), fact.kind,
                    repr(fact.value),
                ),
                article_id=article.article_id,
                story_id=story_id,
                source=article.source,
                article_version=article.version,
                sentence_text=article.text[sentence_start:sentence_end],
                **fact.model_dump(),
            )
        )
    return events


def _article_identity(enriched: EnrichedArticle) -> list[str]:
    """The article, and its version when the feed numbers them: a new version's events are new events."""
    article = enriched.article
    return [article.article_id] if article.version is None else [article.article_id, f"v{article.version}"]
