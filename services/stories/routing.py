"""Stage 1, keyed by article: the article's profile, sent in pieces to the shards that own its keys."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from services.messages import EnrichedArticle
from services.outputs import Output
from services.partitioning import owning_partition
from services.stories.profile import profile_of
from services.stories.protocol import Registration, StoryJoin, StoryProbe


def article_time(enriched: EnrichedArticle) -> datetime:
    return enriched.article.published_at or enriched.article.received_at


def weights_by_shard(enriched: EnrichedArticle, partitions: int) -> dict[int, dict[str, float]]:
    by_shard: defaultdict[int, dict[str, float]] = defaultdict(dict)
    for key, weight in profile_of(enriched).items():
        by_shard[owning_partition(key, partitions)][key] = weight
    return dict(sorted(by_shard.items()))


def route(enriched: EnrichedArticle, partitions: int) -> list[Output]:
    """The registration (to the decision stage) first, then one probe per shard that owns some of the article's
    keys. An article with no profile at all (no entity, no content word) waits for no answer."""
    article_id = enriched.article.article_id
    by_shard = weights_by_shard(enriched, partitions)
    seen_at = article_time(enriched)
    return [
        Output("stories_decisions", article_id, Registration(article=enriched, shards=list(by_shard))),
        *(
            Output("stories_probes", article_id, StoryProbe(article_id=article_id, seen_at=seen_at, weights=weights),
                   partition=shard)
            for shard, weights in by_shard.items()
        ),
    ]


def joins(enriched: EnrichedArticle, story_id: str, partitions: int) -> list[Output]:
    """The article as a new member of ``story_id``, to every shard that owns one of its keys."""
    article_id = enriched.article.article_id
    seen_at = article_time(enriched)
    return [
        Output("stories_probes", article_id,
               StoryJoin(article_id=article_id, story_id=story_id, seen_at=seen_at, weights=weights), partition=shard)
        for shard, weights in weights_by_shard(enriched, partitions).items()
    ]
