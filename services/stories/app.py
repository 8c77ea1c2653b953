"""The stories worker: news.articles.enriched → news.entities, news.numbers, news.stories.

The story index is this worker's memory: run one stories worker until stories
are routed by entity key (DESIGN.md).
"""

from __future__ import annotations

from faust import StreamT

from services.codec import decode_message
from services.config import Settings
from services.messages import EnrichedArticle
from services.stories import logic
from services.stories.index import StoryIndex
from services.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("stories", settings)
    index = StoryIndex(settings.stories)

    @shell.app.agent(shell.topic(settings.kafka.topics.enriched), concurrency=1)
    async def assign_stories(stream: StreamT[bytes]) -> None:
        async for event in stream.events():
            await shell.process_event(
                event, lambda: logic.process(decode_message(EnrichedArticle, event.value), index)
            )

    return shell
