"""The worker's HTTP endpoint as the app factory configures it (no broker: nothing is started)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.config import Settings, WorkerOptions
from services.runtime.streaming import create_stage_app


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("NEWSINGEST_WORKER__DATA_DIR", str(tmp_path))
    return Settings()


def test_binds_loopback_unless_told_otherwise(settings: Settings) -> None:
    assert WorkerOptions().web_bind == "127.0.0.1"
    assert create_stage_app("cleaner", settings).app.conf.web_bind == "127.0.0.1"
    exposed = settings.model_copy(update={"worker": settings.worker.model_copy(update={"web_bind": "0.0.0.0"})})
    assert create_stage_app("cleaner", exposed).app.conf.web_bind == "0.0.0.0"


def test_serves_its_three_pages_and_none_of_faust(settings: Settings) -> None:
    app = create_stage_app("dedup", settings).app
    assert app.web.blueprints._enabled == []
    assert set(app.web.views) == {"/metrics", "/live", "/ready"}
    assert not app.conf.web_tables_enabled and not app.conf.web_router_enabled and not app.conf.web_stats_enabled


def test_faust_would_mount_its_views_on_a_plain_app() -> None:
    """Guards the check above: Faust's default web server does mount /table/ and the rest."""
    import faust

    app = faust.App("plain", web_enabled=True)
    assert {prefix for prefix, _ in app.web.blueprints._enabled} >= {"/table", "/router", ""}
