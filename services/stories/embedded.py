"""The stories stage in memory (``services/stories/stage.py`` on ``services/runtime/in_memory.py``): the embedded
mode, and the reference the benchmarks measure.

Each enriched article's entity types are first decided by the type votes of the articles before it in its
partition of news.articles.enriched (``services/enricher/type_votes.py``), as the worker's routing agent does. Shard
messages go to as many shard partitions as ``partitions``. Stories are connected components of links
(``services/stories/protocol.py``), so a worker fleet, in whatever order it processes the messages, ends with the
same stories as this.
"""

from __future__ import annotations

from services.common.partitioning import keyed_partition
from services.config import STORIES_TABLES, StoriesOptions
from services.contract.messages import EnrichedArticle
from services.contract.outputs import Output
from services.runtime.in_memory import InMemoryStage
from services.stories.routing import article_time
from services.stories.stage import stories_stage


class EmbeddedStories:
    def __init__(self, options: StoriesOptions, partitions: int = 1) -> None:
        # One article at a time, each to the end: nothing races it, so nothing needs to settle.
        options = options.model_copy(update={"settle_s": 0.0})
        self._partitions = partitions
        self._stage = InMemoryStage(lambda table: stories_stage(table, options, partitions), partitions)
        self.members, _, self.articles, _, self.stories, _, self.type_votes_rows = (
            self._stage.table(name) for name in STORIES_TABLES
        )

    def process(self, enriched: EnrichedArticle) -> list[Output]:
        """What the stories stage publishes (entity, number and story events) for one enriched article."""
        # Votes are kept per partition of news.articles.enriched (keyed by article id), as on the broker.
        partition = keyed_partition(enriched.article.article_id, self._partitions)
        return self._stage.process(enriched, now=article_time(enriched), partition=partition)
