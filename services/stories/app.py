"""The stories worker: the stage ``services/stories/stage.py`` declares, run by Faust
(``services/runtime/stage_worker.py``): four agents, each keyed its own way, sharing no memory, and tables backed by
changelogs (DESIGN.md)."""

from __future__ import annotations

from services.config import Settings
from services.runtime.stage_worker import run_stage
from services.runtime.streaming import StageApp, create_stage_app
from services.stories.stage import stories_stage


def build(settings: Settings) -> StageApp:
    return run_stage(
        create_stage_app("stories", settings),
        lambda table: stories_stage(table, settings.stories, settings.kafka.partitions),
    )
