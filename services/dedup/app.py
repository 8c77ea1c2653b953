"""The dedup worker: the stage ``services/dedup/stage.py`` declares, run by Faust
(``services/runtime/stage_worker.py``): three agents, each keyed its own way, sharing no memory, and tables backed
by changelogs (DESIGN.md)."""

from __future__ import annotations

from services.config import Settings
from services.dedup.stage import dedup_stage
from services.runtime.stage_worker import run_stage
from services.runtime.streaming import StageApp, create_stage_app


def build(settings: Settings) -> StageApp:
    return run_stage(
        create_stage_app("dedup", settings),
        lambda table: dedup_stage(table, settings.dedup, settings.kafka.partitions),
    )
