"""An aiokafka 0.14 fault that floods the log while the broker is away, and its workaround.

When a producer holds records for a partition whose leader is unknown, its sender asks for a metadata update and
waits for it; the update fails at once (connection refused), and the sender asks again, with no backoff. Measured:
a dedup worker logged about 3,000 "Unable connect to node" errors a second through a 100 s broker outage (48 MB),
and spent the time on it. :func:`pace_failed_metadata_updates` makes a failed update wait the client's
``retry_backoff_ms`` before it returns, as the sender's own comment intends.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka.client import AIOKafkaClient

aiokafka_metadata_update = AIOKafkaClient._metadata_update


async def paced_metadata_update(self: AIOKafkaClient, cluster_metadata: Any, topics: Any) -> bool:
    updated = await aiokafka_metadata_update(self, cluster_metadata, topics)
    if not updated:
        await asyncio.sleep(self._retry_backoff)
    return updated


def pace_failed_metadata_updates() -> None:
    """Install the workaround in this process (idempotent)."""
    AIOKafkaClient._metadata_update = paced_metadata_update  # type: ignore[method-assign]
