"""A failed metadata update waits the client's backoff before the next can start (services.runtime.aiokafka_fixes)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka.client import AIOKafkaClient
from aiokafka.cluster import ClusterMetadata

from services.runtime.aiokafka_fixes import (
    aiokafka_metadata_update,
    pace_failed_metadata_updates,
    paced_metadata_update,
)

BACKOFF_MS = 200
UPDATES = 5


def _seconds_for_failed_updates(update: Callable[[AIOKafkaClient, Any, Any], Awaitable[bool]]) -> float:
    async def scenario() -> float:
        client = AIOKafkaClient(bootstrap_servers="127.0.0.1:1", retry_backoff_ms=BACKOFF_MS)
        began = time.monotonic()
        for _ in range(UPDATES):
            assert not await update(client, ClusterMetadata(), None)  # no broker known: fails at once
        return time.monotonic() - began

    return asyncio.run(scenario())


def test_aiokafka_lets_failed_metadata_updates_follow_each_other_at_once() -> None:
    assert _seconds_for_failed_updates(aiokafka_metadata_update) < BACKOFF_MS / 1000, (
        "aiokafka now paces failed metadata updates itself: services.runtime.aiokafka_fixes can go"
    )


def test_paced_failed_metadata_updates_wait_the_retry_backoff() -> None:
    assert _seconds_for_failed_updates(paced_metadata_update) >= UPDATES * BACKOFF_MS / 1000


def test_the_pacing_is_what_every_client_runs_once_installed() -> None:
    pace_failed_metadata_updates()
    assert AIOKafkaClient._metadata_update is paced_metadata_update
