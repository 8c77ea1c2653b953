"""Waiting for what the workers write, for the broker tests."""

from __future__ import annotations

import asyncio

from services.config import Settings
from services.tools.dlq import StoredRecord
from services.tools.kafka_io import read_topic


async def wait_for_records(settings: Settings, topic: str, count: int, timeout_s: float = 120) -> list[StoredRecord]:
    """Every record of ``topic`` once it holds at least ``count``; fails after ``timeout_s``."""
    for _ in range(int(timeout_s)):
        records = await read_topic(settings.kafka, topic)
        if len(records) >= count:
            return records
        await asyncio.sleep(1)
    raise AssertionError(f"{topic} holds fewer than {count} records after {timeout_s:.0f} s")
