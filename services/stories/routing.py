"""Stage 1, keyed by article: the article's profile, sent whole to every shard that owns one of its keys."""

from __future__ import annotations

from datetime import datetime

from services.common.partitioning import owning_partition
from services.contract.messages import EnrichedArticle, PubStatus
from services.contract.outputs import Output
from services.stories.profile import profile_of
from services.stories.protocol import ArticleRef, Registration, StoryProbe

_WITHDRAWN = frozenset({PubStatus.WITHHELD, PubStatus.CANCELED})


def article_time(enriched: EnrichedArticle) -> datetime:
    return enriched.article.published_at or enriched.article.received_at


def article_ref(enriched: EnrichedArticle) -> ArticleRef:
    return ArticleRef(article_id=enriched.article.article_id, seen_at=article_time(enriched))


def withdrawn(enriched: EnrichedArticle) -> bool:
    return enriched.article.pub_status in _WITHDRAWN


def decision_partition(article_id: str, partitions: int) -> int:
    """The ``news.stories.decisions`` partition that holds an article's row. Explicit, not the producer's key hash,
    so that a decision can batch its label notices to other articles by the partition that holds them."""
    return owning_partition(f"article:{article_id}", partitions)


def shards_of(profile: dict[str, float], partitions: int) -> list[int]:
    return sorted({owning_partition(key, partitions) for key in profile})


def route(enriched: EnrichedArticle, partitions: int) -> list[Output]:
    """The registration (to the decision stage) first, then one probe per shard that owns some of the article's
    keys. An article with no profile at all (no entity, no content word) waits for no answer, and a withdrawn one
    probes nothing: it must not link anything."""
    article = article_ref(enriched)
    profile = {} if withdrawn(enriched) else profile_of(enriched)
    shards = shards_of(profile, partitions)
    return [
        Output("stories_decisions", article.article_id, Registration(article=enriched, shards=shards),
               partition=decision_partition(article.article_id, partitions)),
        *(
            Output("stories_probes", article.article_id, StoryProbe(article=article, weights=profile), partition=shard)
            for shard in shards
        ),
    ]
