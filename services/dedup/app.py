"""The dedup worker: news.articles.clean → news.articles.verdicts + news.articles.unique.

The duplicate index is this worker's memory: run one dedup worker until the
band-sharded index (DESIGN.md) replaces it.
"""

from __future__ import annotations

from faust import StreamT

from services.codec import decode_message
from services.config import Settings
from services.dedup import logic
from services.dedup.index import DuplicateIndex
from services.messages import CleanArticle
from services.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("dedup", settings)
    index = DuplicateIndex(settings.dedup)

    @shell.app.agent(shell.topic(settings.kafka.topics.clean), concurrency=1)
    async def judge_articles(stream: StreamT[bytes]) -> None:
        async for event in stream.events():
            await shell.process_event(event, lambda: logic.process(decode_message(CleanArticle, event.value), index))

    return shell
