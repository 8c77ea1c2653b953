"""The enricher worker: news.articles.unique → news.articles.enriched, in batches.

NER runs in a pool of NLP processes (``NEWSINGEST_ENRICHER__PROCESSES``) so that a
batch never holds this process's event loop, and consumer heartbeats go on; up to one
batch per process is in the pool at once, each published and acknowledged when done.
"""

from __future__ import annotations

from faust import StreamT
from faust.types import EventT

from services.config import Settings
from services.contract.codec import decode_message
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle
from services.contract.outputs import Output, checked_outputs
from services.enricher.logic import outputs_of
from services.enricher.pool import NlpPool
from services.runtime.batching import process_overlapping, take_waiting_events
from services.runtime.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    shell = create_stage_app("enricher", settings)
    pool = NlpPool(settings.enricher)

    async def enrich(articles: list[CleanArticle], *, alone: bool = False) -> list[Output]:
        # Checked here too: a batch with an article too large to publish is retried one article at a time below.
        enriched = await (pool.enrich_alone(articles) if alone else pool.enrich(articles))
        return checked_outputs(outputs_of(enriched), settings.kafka)

    async def enrich_batch(events: list[EventT]) -> None:
        decoded: list[tuple[EventT, CleanArticle]] = []
        for event in events:
            try:
                decoded.append((event, decode_message(CleanArticle, event.value)))
            except RejectedInput as exc:
                await shell.reject(exc, event)
        try:
            outputs = await enrich([article for _, article in decoded])
        except Exception:  # noqa: BLE001 - isolate the poison article by retrying one at a time, alone in the pool
            for event, article in decoded:  # each a batch of one in the metrics
                await shell.process_event(event, lambda article=article: enrich([article], alone=True))
            return
        shell.observer.metrics.batch("input", len(events))
        await shell.publish(outputs)
        shell.published([event for event, _ in decoded])

    @shell.app.agent(shell.topic(settings.kafka.topics.unique), concurrency=1)
    async def enrich_articles(stream: StreamT[bytes]) -> None:
        # The model's batch size, not the worker's: nlp.pipe's batches are what the NLP processes share. As many
        # batches in the pool at once as it has processes, so a long article does not hold the others up.
        batches = take_waiting_events(stream, settings.enricher.batch_size, acknowledge=False)
        await process_overlapping(batches, enrich_batch, stream.ack, depth=settings.enricher.processes)

    @shell.app.on_before_shutdown.connect
    async def stop_pool(app: object, **kwargs: object) -> None:
        pool.close()

    return shell
