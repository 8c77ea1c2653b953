"""Fixtures for tests on a real Kafka broker: the Maven-fetched local KRaft node.

The broker is started once per session (idempotent: ``make test`` has usually
started it already). Without one, these tests skip, unless
``NEWSINGEST_REQUIRE_BROKER=1`` (as in ``make test`` and CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.config import Settings
from services.tools.fleet import local_broker


@pytest.fixture(scope="session")
def broker() -> str:
    if (failure := local_broker("start")) is not None:
        message = f"no Kafka broker: {failure}"
        if os.environ.get("NEWSINGEST_REQUIRE_BROKER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # The port deploy/local-kafka/localkafka.py started it on: a run that stops its broker (the fault test) can
    # have one of its own beside a shared one (NEWSINGEST_KAFKA_HOME, NEWSINGEST_KAFKA_PORT, ..._CONTROLLER_PORT).
    return f"kafka://127.0.0.1:{os.environ.get('NEWSINGEST_KAFKA_PORT', '9092')}"


@pytest.fixture
def isolated_env(broker: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Settings environment for one test: its own topic prefix (so its own topics and consumer groups)."""
    env = {
        "NEWSINGEST_KAFKA__BROKER": broker,
        "NEWSINGEST_KAFKA__TOPICS__PREFIX": f"it-{uuid.uuid4().hex[:10]}.",
        "NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / "data"),
        # Workers of concurrent test runs must not fight over the default web ports.
        "NEWSINGEST_WORKER__WEB_PORT": "0",
        # Killed workers in the tests should hand over their partitions in seconds, not a minute.
        "NEWSINGEST_WORKER__SESSION_TIMEOUT_S": "10",
        # A stuck worker restarts (services.runtime.liveness) well inside a test's wait, and well above the session.
        "NEWSINGEST_WORKER__LIVENESS_TIMEOUT_S": "90",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield env


@pytest.fixture
def settings(isolated_env: dict[str, str]) -> Settings:
    return Settings()
