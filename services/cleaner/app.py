"""The cleaner worker: news.articles.raw → news.articles.clean (+ news.articles.skipped, news.dlq)."""

from __future__ import annotations

from datetime import UTC, datetime

from faust import StreamT

from services.cleaner import logic
from services.config import Settings
from services.runtime.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("cleaner", settings)
    options = settings.cleaner

    @shell.app.agent(shell.topic(settings.kafka.topics.raw), concurrency=1)
    async def clean_articles(stream: StreamT[bytes]) -> None:
        async for events in shell.batches(stream):
            await shell.process_events(
                events, lambda event: logic.process(event.value or b"", options, datetime.now(UTC))
            )

    return shell
