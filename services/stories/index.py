"""Story assignment: an enriched article joins the most similar recent story or starts one.

Similarity is the cosine of salience-weighted canonical-entity vectors. Candidates
come from an inverted index on entity keys, the same keyed routing that a sharded
stories service does through Kafka (DESIGN.md).
"""

from __future__ import annotations

import math
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.config import StoriesOptions
from services.messages import EnrichedArticle, StoryEntity, StoryUpdate

# Only the most salient entities describe what an article is about; the tail is noise.
_PROFILE_SIZE = 12
_TOP_ENTITIES = 10


@dataclass
class _Story:
    story_id: str
    headline: str | None
    first_seen: datetime
    last_seen: datetime
    version: int = 0
    articles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    """canonical_key → summed salience over the story's articles."""
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    """canonical_key → (canonical_name, label), from the first article that named it."""
    article_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Assignment:
    story_id: str
    update: StoryUpdate
    joined_existing: bool
    similarity: float


def article_time(enriched: EnrichedArticle) -> datetime:
    return enriched.article.published_at or enriched.article.received_at


def entity_profile(enriched: EnrichedArticle) -> dict[str, float]:
    top = sorted(enriched.entities, key=lambda e: (-e.salience, e.canonical_key))[:_PROFILE_SIZE]
    profile: dict[str, float] = {}
    for entity in top:
        profile[entity.canonical_key] = max(profile.get(entity.canonical_key, 0.0), entity.salience)
    return profile


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    shared = left.keys() & right.keys()
    if not shared:
        return 0.0
    dot = sum(left[key] * right[key] for key in shared)
    norm = math.sqrt(sum(v * v for v in left.values())) * math.sqrt(sum(v * v for v in right.values()))
    return dot / norm if norm else 0.0


class StoryIndex:
    def __init__(self, options: StoriesOptions) -> None:
        self._options = options
        self._window = timedelta(hours=options.window_hours)
        self._stories: OrderedDict[str, _Story] = OrderedDict()
        self._by_entity: defaultdict[str, set[str]] = defaultdict(set)
        self._story_of_article: dict[str, str] = {}

    def assign(self, enriched: EnrichedArticle) -> Assignment:
        article = enriched.article
        known = self._story_of_article.get(article.article_id)
        if known is not None and known in self._stories:
            # A redelivered article changes nothing: repeat the story's current state.
            story = self._stories[known]
            return Assignment(known, self._update(story), joined_existing=True, similarity=1.0)

        moment = article_time(enriched)
        profile = entity_profile(enriched)
        story, similarity = self._best_story(profile, moment)
        joined = story is not None
        if story is None:
            story = _Story(article.article_id, article.title, moment, moment)
            self._stories[story.story_id] = story
        self._add(story, enriched, profile, moment)
        self._bound()
        return Assignment(story.story_id, self._update(story), joined_existing=joined, similarity=similarity)

    def _best_story(self, profile: dict[str, float], moment: datetime) -> tuple[_Story | None, float]:
        candidates = {story_id for key in profile for story_id in self._by_entity.get(key, ())}
        best: _Story | None = None
        best_similarity = 0.0
        # Sorted, and only a strictly better story replaces the best: ties never depend on set order.
        for story_id in sorted(candidates):
            story = self._stories[story_id]
            if moment - story.last_seen > self._window or story.first_seen - moment > self._window:
                continue
            similarity = cosine(profile, story.weights)
            if similarity >= self._options.min_similarity and similarity > best_similarity:
                best, best_similarity = story, similarity
        return best, best_similarity

    def _add(self, story: _Story, enriched: EnrichedArticle, profile: dict[str, float], moment: datetime) -> None:
        article = enriched.article
        story.articles.append(article.article_id)
        if article.source not in story.sources:
            story.sources.append(article.source)
        story.first_seen = min(story.first_seen, moment)
        story.last_seen = max(story.last_seen, moment)
        story.version += 1
        for key, weight in profile.items():
            story.weights[key] = story.weights.get(key, 0.0) + weight
            self._by_entity[key].add(story.story_id)
        for entity in enriched.entities:
            story.names.setdefault(entity.canonical_key, (entity.canonical_name, entity.label))
            story.article_counts[entity.canonical_key] = story.article_counts.get(entity.canonical_key, 0) + 1
        self._story_of_article[article.article_id] = story.story_id
        self._stories.move_to_end(story.story_id)

    def _bound(self) -> None:
        while len(self._stories) > self._options.max_stories:
            _, story = self._stories.popitem(last=False)
            for key in story.weights:
                self._by_entity[key].discard(story.story_id)
                if not self._by_entity[key]:
                    del self._by_entity[key]
            for article_id in story.articles:
                self._story_of_article.pop(article_id, None)

    @staticmethod
    def _update(story: _Story) -> StoryUpdate:
        top = sorted(story.weights.items(), key=lambda item: (-item[1], item[0]))[:_TOP_ENTITIES]
        return StoryUpdate(
            story_id=story.story_id,
            version=story.version,
            articles=list(story.articles),
            sources=list(story.sources),
            headline=story.headline,
            first_seen=story.first_seen,
            last_seen=story.last_seen,
            top_entities=[
                StoryEntity(
                    canonical_key=key,
                    canonical_name=story.names[key][0],
                    label=story.names[key][1],
                    articles=story.article_counts.get(key, 0),
                )
                for key, _ in top
            ],
        )
