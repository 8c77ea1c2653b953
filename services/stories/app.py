"""The stories worker: four agents, each keyed its own way, sharing no memory (DESIGN.md).

news.articles.enriched ─► type votes, route ─► news.stories.probes (shard of a profile key) ─► shards ─► news.stories.decisions
                            └──────── registration ──────────────────────────────────────► decide (by article)
decide ◄─► decide (label notices between linked articles, by article)
decide ─► news.entities, news.numbers (by story) · news.stories.members (by story) ─► homes ─► news.stories

Members, articles (pending, then decided), story states and entity type votes live in changelog-backed tables, so
a worker that restarts, or takes over partitions, carries on from the same state. The type votes
(``services/enricher/type_votes.py``) are kept per partition of news.articles.enriched, in rows written while that
partition is processed: an article's entities are typed by the recent articles of its own partition (all of them
with one partition, about 1/N with N), deterministically for the partition's order, and a redelivered article gets
the decision stored for it the first time. A timer sends each owned shard, decision and
home partition a sweep once a minute, the clock of the story window, and each decision partition a tick several
times a settle time, the clock of first publications.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from faust import StreamT

from services.common.expiry import ExpiryIndex
from services.config import STORIES_TABLES, Settings
from services.contract.codec import decode_message
from services.contract.messages import EnrichedArticle
from services.contract.outputs import Output
from services.enricher.type_votes import TypeVotes, vote_options
from services.runtime.streaming import StageApp, create_stage_app
from services.stories.decision import StoryDecisions
from services.stories.home import StoryHomes
from services.stories.protocol import DECISION_INPUT, HOME_INPUT, SHARD_INPUT, Sweep, Tick
from services.stories.routing import route
from services.stories.shards import MemberShard

_SWEEP_EVERY_S = 60.0


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("stories", settings)
    app, options, topics, partitions = shell.app, settings.stories, settings.kafka.topics, settings.kafka.partitions
    members, member_expiry, articles, article_expiry, stories, story_expiry, type_vote_rows = (
        shell.table(name) for name in STORIES_TABLES
    )
    type_votes = TypeVotes(type_vote_rows, vote_options(options)) if options.type_votes else None
    shard = MemberShard(members, ExpiryIndex(member_expiry), options, partitions)
    decisions = StoryDecisions(articles, ExpiryIndex(article_expiry), options, partitions)
    homes = StoryHomes(stories, ExpiryIndex(story_expiry), options)
    probes, story_members = shell.topic(topics.stories_probes), shell.topic(topics.stories_members)
    decisions_topic = shell.topic(topics.stories_decisions)

    @app.on_partitions_revoked.connect
    async def rebuild_index(sender: Any, revoked: Any, **kwargs: Any) -> None:
        shard.forget_index()
        if type_votes is not None:
            type_votes.forget_index()

    @app.agent(shell.topic(topics.enriched), concurrency=1)
    async def route_articles(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(events, route_article)

    def route_article(event: Any) -> list[Output]:
        enriched = decode_message(EnrichedArticle, event.value)
        if type_votes is not None:
            enriched = type_votes.decide_article(enriched, event.message.partition)
        return route(enriched, partitions)

    @app.agent(probes, concurrency=1)
    async def answer_probes(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events, lambda event: shard.handle(SHARD_INPUT.validate_json(event.value), event.message.partition)
            )

    @app.agent(decisions_topic, concurrency=1)
    async def decide_stories(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events,
                lambda event: decisions.handle(
                    DECISION_INPUT.validate_json(event.value), event.message.partition, now=datetime.now(UTC)
                ),
            )

    @app.agent(story_members, concurrency=1)
    async def update_stories(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events, lambda event: homes.handle(HOME_INPUT.validate_json(event.value), event.message.partition)
            )

    # An article waits between the settle time and one interval more: precise enough, and an idle worker sends
    # one tick per owned partition a second, not four.
    @shell.timer(max(0.25, options.settle_s / 2))
    async def send_ticks() -> None:
        tick = Tick(at=datetime.now(UTC)).model_dump_json().encode()
        for tp in app.consumer.assignment():
            if tp.topic == topics.stories_decisions:
                await decisions_topic.send(key=b"tick", value=tick, partition=tp.partition)

    @shell.timer(_SWEEP_EVERY_S)
    async def send_sweeps() -> None:
        sweep = Sweep().model_dump_json().encode()
        for tp in app.consumer.assignment():
            if tp.topic in (topics.stories_probes, topics.stories_decisions, topics.stories_members):
                await shell.topic(tp.topic).send(key=b"sweep", value=sweep, partition=tp.partition)

    return shell
