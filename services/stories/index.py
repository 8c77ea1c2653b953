"""Story assignment: an enriched article joins the most similar recent story or starts one.

Similarity = 0.3 × (IDF-weighted cosine of the 12 most salient canonical entities) + 0.7 × (IDF-weighted cosine of
the 60 most frequent content words, the first 400 characters counted double); ``StoriesOptions.entity_weight`` and
``min_similarity`` set the mix and the threshold. Entities alone cannot tell two events of one topic apart: one
dominant entity (Paris, Michelle Obama) gives a cosine of about 0.35, so at the old 0.3 threshold whole topics
collapsed into one story (WikiRef220 B-cubed F1 0.439, bench/reports/story_quality.md), and a threshold high enough
to split them also split the two seed write-ups of one event. Words say what happened, and IDF discounts what
every story shares. Document frequencies come from the index itself (the length of a key's posting list over the
stories held), smoothed by 20 empty pseudo-stories so that a nearly empty index weighs keys nearly flat.
Measured on WikiRef220 + seeds at the default 0.35: B-cubed F1 0.718 (was 0.439), the seeds one story; higher
thresholds score more (0.778 at 0.40, 0.827 at 0.50) but split the seeds, whose long background paragraphs dilute
them.
Candidates come from inverted indexes on entity keys and on an article's most distinctive words, the same keyed
routing that a sharded stories service does through Kafka (DESIGN.md).
"""


from __future__ import annotations

import math
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.config import StoriesOptions
from services.messages import EnrichedArticle, StoryEntity, StoryUpdate
from services.stories.terms import term_counts

# Only the most salient entities and the most frequent words describe what an article is about; the tail is noise.
_PROFILE_SIZE = 12
_TERM_PROFILE_SIZE = 60
# Candidates come only through an article's most distinctive keys: a common word's posting list holds nearly
# every story, and a story that shares none of the distinctive ones cannot reach the threshold anyway.
_ROUTING_TERMS = 20
_TOP_ENTITIES = 10
_PSEUDO_STORIES = 20


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
    term_weights: dict[str, float] = field(default_factory=dict)
    """term → summed term frequency (1 + log count) over the story's articles."""
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


def term_profile(enriched: EnrichedArticle) -> dict[str, float]:
    counts = term_counts(enriched.article.text)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:_TERM_PROFILE_SIZE]
    return {term: 1.0 + math.log(count) for term, count in top}


@dataclass(frozen=True, slots=True)
class _Profile:
    entities: dict[str, float]
    terms: dict[str, float]


def weighted_cosine(left: dict[str, float], right: dict[str, float], idf: Callable[[str], float]) -> float:
    """Cosine after scaling every key by its inverse document frequency on both sides."""
    shared = left.keys() & right.keys()
    if not shared:
        return 0.0
    dot = sum(left[key] * right[key] * idf(key) ** 2 for key in shared)
    left_norm = math.sqrt(sum((weight * idf(key)) ** 2 for key, weight in left.items()))
    right_norm = math.sqrt(sum((weight * idf(key)) ** 2 for key, weight in right.items()))
    return dot / (left_norm * right_norm) if left_norm and right_norm else 0.0


class StoryIndex:
    def __init__(self, options: StoriesOptions) -> None:
        self._options = options
        self._window = timedelta(hours=options.window_hours)
        self._stories: OrderedDict[str, _Story] = OrderedDict()
        # The posting lists route candidates and, by their length, give each key's document frequency over the
        # stories held: IDF needs no state beyond what the index keeps anyway.
        self._by_entity: defaultdict[str, set[str]] = defaultdict(set)
        self._by_term: defaultdict[str, set[str]] = defaultdict(set)
        self._story_of_article: dict[str, str] = {}

    def assign(self, enriched: EnrichedArticle) -> Assignment:
        article = enriched.article
        known = self._story_of_article.get(article.article_id)
        if known is not None and known in self._stories:
            # A redelivered article changes nothing: repeat the story's current state.
            story = self._stories[known]
            return Assignment(known, self._update(story), joined_existing=True, similarity=1.0)

        moment = article_time(enriched)
        profile = _Profile(entity_profile(enriched), term_profile(enriched))
        story, similarity = self._best_story(profile, moment)
        joined = story is not None
        if story is None:
            story = _Story(article.article_id, article.title, moment, moment)
            self._stories[story.story_id] = story
        self._add(story, enriched, profile, moment)
        self._bound()
        return Assignment(story.story_id, self._update(story), joined_existing=joined, similarity=similarity)

    def _similarity(
        self, profile: _Profile, story: _Story, entity_idf: Callable[[str], float], term_idf: Callable[[str], float]
    ) -> float:
        entity_weight = self._options.entity_weight
        entities = weighted_cosine(profile.entities, story.weights, entity_idf)
        terms = weighted_cosine(profile.terms, story.term_weights, term_idf)
        return entity_weight * entities + (1.0 - entity_weight) * terms

    def _entity_idf(self, key: str) -> float:
        return self._idf(len(self._by_entity.get(key, ())))

    def _term_idf(self, term: str) -> float:
        return self._idf(len(self._by_term.get(term, ())))

    def _memoised(self, idf: Callable[[str], float]) -> Callable[[str], float]:
        # Every candidate story re-reads the same keys' IDF; the index does not change during one assignment.
        memo: dict[str, float] = {}
        return lambda key: memo[key] if key in memo else memo.setdefault(key, idf(key))

    def _idf(self, document_frequency: int) -> float:
        # Smoothed by pseudo-stories that hold no key: while the index holds few stories, a key they share is not
        # yet evidence that it is common, so the weights stay near flat until there is something to count.
        return math.log((_PSEUDO_STORIES + len(self._stories)) / (_PSEUDO_STORIES + document_frequency)) + 1.0

    def _candidates(self, profile: _Profile) -> set[str]:
        routing_terms = sorted(profile.terms, key=lambda term: (-profile.terms[term] * self._term_idf(term), term))
        candidates = {story_id for key in profile.entities for story_id in self._by_entity.get(key, ())}
        for term in routing_terms[:_ROUTING_TERMS]:
            candidates.update(self._by_term.get(term, ()))
        return candidates

    def _best_story(self, profile: _Profile, moment: datetime) -> tuple[_Story | None, float]:
        entity_idf, term_idf = self._memoised(self._entity_idf), self._memoised(self._term_idf)
        best: _Story | None = None
        best_similarity = 0.0
        # Sorted, and only a strictly better story replaces the best: ties never depend on set order.
        for story_id in sorted(self._candidates(profile)):
            story = self._stories[story_id]
            if moment - story.last_seen > self._window or story.first_seen - moment > self._window:
                continue
            similarity = self._similarity(profile, story, entity_idf, term_idf)
            if similarity >= self._options.min_similarity and similarity > best_similarity:
                best, best_similarity = story, similarity
        return best, best_similarity

    def _add(self, story: _Story, enriched: EnrichedArticle, profile: _Profile, moment: datetime) -> None:
        article = enriched.article
        story.articles.append(article.article_id)
        if article.source not in story.sources:
            story.sources.append(article.source)
        story.first_seen = min(story.first_seen, moment)
        story.last_seen = max(story.last_seen, moment)
        story.version += 1
        for key, weight in profile.entities.items():
            story.weights[key] = story.weights.get(key, 0.0) + weight
            self._by_entity[key].add(story.story_id)
        for term, weight in profile.terms.items():
            story.term_weights[term] = story.term_weights.get(term, 0.0) + weight
            self._by_term[term].add(story.story_id)
        for entity in enriched.entities:
            story.names.setdefault(entity.canonical_key, (entity.canonical_name, entity.label))
            story.article_counts[entity.canonical_key] = story.article_counts.get(entity.canonical_key, 0) + 1
        self._story_of_article[article.article_id] = story.story_id
        self._stories.move_to_end(story.story_id)

    def _bound(self) -> None:
        while len(self._stories) > self._options.max_stories:
            _, story = self._stories.popitem(last=False)
            _unpost(self._by_entity, story.weights, story.story_id)
            _unpost(self._by_term, story.term_weights, story.story_id)
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


def _unpost(postings: defaultdict[str, set[str]], keys: Iterable[str], story_id: str) -> None:
    for key in keys:
        postings[key].discard(story_id)
        if not postings[key]:
            del postings[key]
