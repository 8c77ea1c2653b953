"""The stories stage, declared once for the worker and the in-memory runner (``services/runtime/stage.py``).

news.articles.enriched ─► type votes, route ─► news.stories.probes (shard of a profile key) ─► shards ─► news.stories.decisions
                            └──────── registration ──────────────────────────────────────► decide (by article)
decide ◄─► decide (label notices between linked articles, by article)
decide ─► news.entities, news.numbers (by story) · news.stories.members (by story) ─► homes ─► news.stories

Members, articles (pending, then decided), story states and entity type votes live in tables (changelog-backed in a
worker), so a worker that restarts, or takes over partitions, carries on from the same state. The type votes
(``services/enricher/type_votes.py``) are kept per partition of news.articles.enriched, in rows written while that
partition is processed: an article's entities are typed by the recent articles of its own partition (all of them
with one partition, about 1/N with N), deterministically for the partition's order, and a redelivered article gets
the decision stored for it the first time. Stories are connected components of links
(``services/stories/protocol.py``), so a worker fleet, in whatever order it processes the messages, ends with the
same stories as the in-memory runner. A sweep clock sends each owned shard, decision and home partition a sweep
once a minute, the clock of the story window; a settle clock sends each decision partition a tick, the clock of
first publications.
"""

from __future__ import annotations

from services.common.expiry import ExpiryIndex
from services.config import STORIES_TABLES, StoriesOptions
from services.contract.codec import decode_message
from services.contract.messages import EnrichedArticle
from services.contract.outputs import Output
from services.enricher.type_votes import TypeVotes, vote_options
from services.runtime.stage import Clock, Route, StageDefinition, TableFactory
from services.stories.decision import StoryDecisions
from services.stories.home import StoryHomes
from services.stories.protocol import DECISION_INPUT, HOME_INPUT, SHARD_INPUT, Sweep, Tick
from services.stories.routing import route
from services.stories.shards import MemberShard

SWEEP_EVERY_S = 60.0


def stories_stage(table: TableFactory, options: StoriesOptions, partitions: int) -> StageDefinition:
    members, member_expiry, articles, article_expiry, stories, story_expiry, type_vote_rows = (
        table(name) for name in STORIES_TABLES
    )
    type_votes = TypeVotes(type_vote_rows, vote_options(options)) if options.type_votes else None
    shard = MemberShard(members, ExpiryIndex(member_expiry), options, partitions)
    decisions = StoryDecisions(articles, ExpiryIndex(article_expiry), options, partitions)
    homes = StoryHomes(stories, ExpiryIndex(story_expiry), options)

    def route_article(enriched: EnrichedArticle, partition: int, _now: object) -> list[Output]:
        if type_votes is not None:
            enriched = type_votes.decide_article(enriched, partition)
        return route(enriched, partitions)

    def forget_indexes() -> None:
        shard.forget_index()
        if type_votes is not None:
            type_votes.forget_index()

    return StageDefinition(
        stage="stories",
        routes=(
            Route("route_articles", "enriched", lambda value: decode_message(EnrichedArticle, value), route_article),
            Route("answer_probes", "stories_probes", SHARD_INPUT.validate_json,
                  lambda message, partition, _now: shard.handle(message, partition)),
            Route("decide_stories", "stories_decisions", DECISION_INPUT.validate_json, decisions.handle),
            Route("update_stories", "stories_members", HOME_INPUT.validate_json,
                  lambda message, partition, _now: homes.handle(message, partition)),
        ),
        emits=("entities", "numbers", "stories"),
        tables=STORIES_TABLES,
        clocks=(
            Clock("send_sweeps", SWEEP_EVERY_S, lambda _now: [
                Output(topic, "sweep", Sweep()) for topic in ("stories_probes", "stories_decisions", "stories_members")
            ]),
            Clock.settling("send_ticks", options.settle_s,
                           lambda now: [Output("stories_decisions", "tick", Tick(at=now))]),
        ),
        on_revoked=forget_indexes,
    )
