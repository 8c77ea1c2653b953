"""The cleaner worker: the stage ``services/cleaner/stage.py`` declares, run by Faust
(``services/runtime/stage_worker.py``): news.articles.raw → news.articles.clean (+ news.articles.skipped,
news.dlq)."""

from __future__ import annotations

from services.cleaner.stage import cleaner_stage
from services.config import Settings
from services.runtime.stage_worker import run_stage
from services.runtime.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    return run_stage(create_stage_app("cleaner", settings), lambda table: cleaner_stage(table, settings.cleaner))
