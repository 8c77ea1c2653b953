"""The cleaner stage, declared for the worker (``services/runtime/stage.py``): one route, no state.

news.articles.raw ─► clean ─► news.articles.clean (an article per item)
                          └─► news.articles.skipped (items with no article)
"""

from __future__ import annotations

from services.cleaner import logic
from services.config import CleanerOptions
from services.runtime.stage import Route, StageDefinition, TableFactory


def cleaner_stage(_table: TableFactory, options: CleanerOptions) -> StageDefinition:
    return StageDefinition(
        stage="cleaner",
        # A message is received when the handler sees it: its clock is the received_at of what it publishes.
        routes=(Route("clean_articles", "raw", lambda value: value or b"",
                      lambda data, _partition, now: logic.process(data, options, received_at=now)),),
        emits=("clean", "skipped"),
    )
