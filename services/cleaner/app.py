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
        async for event in stream.events():
            await shell.process_event(
                event, lambda: logic.process(event.value or b"", options, datetime.now(UTC))
            )

    return shell
