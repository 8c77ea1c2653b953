"""The four stories stages wired in memory: the embedded mode, and the reference the benchmarks measure.

Each enriched article's entity types are first decided by the type votes of the articles before it in its
partition of news.articles.enriched (``services/enricher/type_votes.py``), as the worker's routing agent does.

Messages between stages go through the same JSON as on Kafka and are routed by key to in-memory tables, one
article at a time, with as many shard partitions as ``partitions``. Stories are connected components of links
(``services/stories/protocol.py``), so a worker fleet, in whatever order it processes the messages, ends with the
same stories as this.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

from services.common.expiry import ExpiryIndex
from services.common.partitioning import keyed_partition
from services.config import StoriesOptions
from services.contract.messages import EnrichedArticle
from services.contract.outputs import Output
from services.enricher.type_votes import TypeVotes, vote_options
from services.runtime.json_rows import JsonRows
from services.stories.decision import StoryDecisions
from services.stories.home import StoryHomes
from services.stories.protocol import DECISION_INPUT, HOME_INPUT, SHARD_INPUT, Sweep
from services.stories.routing import article_time, route
from services.stories.shards import MemberShard

_SWEEP_INTERVAL = timedelta(minutes=1)
# Decisions and story homes are keyed by article and story: in memory, one partition holds them all.
_ARTICLE_PARTITION = _STORY_PARTITION = 0


class EmbeddedStories:
    def __init__(self, options: StoriesOptions, partitions: int = 1) -> None:
        # One article at a time, each to the end: nothing races it, so nothing needs to settle.
        options = options.model_copy(update={"settle_s": 0.0})
        self._options = options
        self._partitions = partitions
        self.members, self.articles, self.stories = JsonRows(), JsonRows(), JsonRows()
        self.shard = MemberShard(self.members, ExpiryIndex(JsonRows()), options, partitions)
        self.decisions = StoryDecisions(self.articles, ExpiryIndex(JsonRows()), options, partitions)
        self.homes = StoryHomes(self.stories, ExpiryIndex(JsonRows()), options)
        self._last_sweep: datetime | None = None
        self.type_votes_rows = JsonRows()
        self.type_votes = TypeVotes(self.type_votes_rows, vote_options(options)) if options.type_votes else None

    def process(self, enriched: EnrichedArticle) -> list[Output]:
        """What the stories stage publishes (entity, number and story events) for one enriched article."""
        published: list[Output] = []
        if self.type_votes is not None:
            # Votes are kept per partition of news.articles.enriched (keyed by article id), as on the broker.
            partition = keyed_partition(enriched.article.article_id, self._partitions)
            enriched = self.type_votes.decide_article(enriched, partition)
        queue = deque(route(enriched, self._partitions))
        while queue:
            output = queue.popleft()
            _, value = output.encoded()
            if output.topic == "stories_probes":
                queue.extend(self.shard.handle(SHARD_INPUT.validate_json(value), output.partition or 0))
            elif output.topic == "stories_decisions":
                queue.extend(self.decisions.handle(DECISION_INPUT.validate_json(value), _ARTICLE_PARTITION))
            elif output.topic == "stories_members":
                queue.extend(self.homes.handle(HOME_INPUT.validate_json(value), _STORY_PARTITION))
            else:
                published.append(output)
        self._sweep_now_and_then(article_time(enriched))
        return published

    def _sweep_now_and_then(self, now: datetime) -> None:
        # Like a worker's timer: once a minute (of event time), not at every article.
        if self._last_sweep is not None and now - self._last_sweep < _SWEEP_INTERVAL:
            return
        self._last_sweep = now
        for partition in range(self._partitions):
            self.shard.handle(Sweep(), partition)
        self.decisions.handle(Sweep(), _ARTICLE_PARTITION)
        self.homes.handle(Sweep(), _STORY_PARTITION)
