"""The enricher worker: news.articles.unique → news.articles.enriched, in batches.

NER runs in a worker thread so that a batch never blocks the event loop long
enough to miss consumer heartbeats.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from faust import StreamT
from faust.types import EventT

from services.codec import decode_message
from services.config import Settings
from services.enricher import logic
from services.enricher.logic import Enricher
from services.errors import RejectedInput
from services.messages import CleanArticle
from services.streaming import StageApp, create_stage_app

_BATCH_WAIT_S = 1.0


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("enricher", settings)
    enricher = Enricher(settings.enricher)
    nlp_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")

    async def enrich_batch(events: list[EventT]) -> None:
        decoded: list[tuple[EventT, CleanArticle]] = []
        for event in events:
            try:
                decoded.append((event, decode_message(CleanArticle, event.value)))
            except RejectedInput as exc:
                await shell.reject(exc, event)
        articles = [article for _, article in decoded]
        loop = asyncio.get_running_loop()
        try:
            outputs = await loop.run_in_executor(nlp_thread, logic.process, articles, enricher)
        except Exception:  # noqa: BLE001 - isolate the poison article by retrying one at a time
            for event, article in decoded:
                await shell.process_event(event, lambda article=article: logic.process([article], enricher))
            return
        await shell.publish(outputs)

    @shell.app.agent(shell.topic(settings.kafka.topics.unique), concurrency=1)
    async def enrich_articles(stream: StreamT[bytes]) -> None:
        async for events in stream.take_events(settings.enricher.batch_size, within=_BATCH_WAIT_S):
            await enrich_batch(list(events))

    return shell
