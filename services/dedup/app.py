"""The dedup worker: three agents, each keyed its own way, sharing no memory (DESIGN.md).

news.articles.clean ─► sign ─► news.dedup.probes (by band:bucket) ─► answer ─► news.dedup.decisions (by article)
                          └──────────── registration ─────────────────────────────────► decide ─► verdicts, unique

Bucket rows and pending/decided verdicts live in changelog-backed tables, so a
worker that restarts, or takes over partitions, carries on from the same state.
A timer sends each owned decisions partition a tick, the clock of the settle window, and once a
minute each owned probes partition a sweep, the clock of the bucket window.
"""

from __future__ import annotations

from datetime import UTC, datetime

from faust import StreamT

from services.common.expiry import ExpiryIndex
from services.config import DEDUP_TABLES, Settings
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle
from services.dedup.buckets import handle_bucket_input
from services.dedup.decision import decide
from services.dedup.protocol import BUCKET_INPUT, DECISION_INPUT, Sweep, Tick
from services.dedup.signing import sign
from services.runtime.streaming import StageApp, create_stage_app

# Forgetting expired verdicts and bucket members scans the tables: once a minute is enough for a 7-day window.
_EXPIRE_EVERY_S = 60.0


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("dedup", settings)
    app, options, topics = shell.app, settings.dedup, settings.kafka.topics
    buckets, pending, decided, *expiry_tables = (shell.table(name) for name in DEDUP_TABLES)
    bucket_expiry, decided_expiry = (ExpiryIndex(expiry_table) for expiry_table in expiry_tables)
    decisions = shell.topic(topics.dedup_decisions)
    probes = shell.topic(topics.dedup_probes)
    last_expiry = {"at": 0.0}

    @app.agent(shell.topic(topics.clean), concurrency=1)
    async def sign_articles(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events,
                lambda event: sign(decode_message(CleanArticle, event.value), options, settings.kafka.partitions),
            )

    @app.agent(probes, concurrency=1)
    async def answer_probes(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events,
                lambda event: handle_bucket_input(
                    BUCKET_INPUT.validate_json(event.value), partition=event.message.partition, buckets=buckets,
                    expiry=bucket_expiry, options=options,
                ),
            )

    @app.agent(decisions, concurrency=1)
    async def decide_verdicts(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events,
                lambda event: decide(
                    DECISION_INPUT.validate_json(event.value), partition=event.message.partition,
                    now=datetime.now(UTC), pending=pending, decided=decided,
                    expiry=decided_expiry, options=options,
                ),
            )

    @shell.timer(max(0.25, options.settle_s / 4))
    async def send_ticks() -> None:
        now = datetime.now(UTC)
        expire = now.timestamp() - last_expiry["at"] >= _EXPIRE_EVERY_S
        if expire:
            last_expiry["at"] = now.timestamp()
        tick = Tick(at=now, expire=expire).model_dump_json().encode()
        sweep = Sweep(at=now).model_dump_json().encode()
        for tp in app.consumer.assignment():
            if tp.topic == topics.dedup_decisions:
                await decisions.send(key=b"tick", value=tick, partition=tp.partition)
            elif expire and tp.topic == topics.dedup_probes:
                await probes.send(key=b"sweep", value=sweep, partition=tp.partition)

    return shell
