"""Why services.runtime.faust_fixes waits for table writes itself (3.): Faust's flush returns with writes still unsent.

Faust flushes its producer buffer before committing offsets and on revocation; a table write is only queued in
that buffer. This pins the faust-streaming 0.15.3 behaviour the workaround rests on: once it changes, the test
fails and the workaround can go.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from faust.transport.producer import ProducerBuffer


def test_faust_flush_returns_while_a_slow_write_is_still_unsent() -> None:
    async def scenario() -> tuple[int, int]:
        buffer = ProducerBuffer()
        buffer.app = SimpleNamespace(conf=SimpleNamespace(producer_threaded=False))  # type: ignore[assignment]
        sent: list[Any] = []

        async def slow_send(write: Any) -> None:
            await asyncio.sleep(0.3)  # a broker round trip slower than the flush's 0.1 s patience
            sent.append(write)

        buffer._send_pending = slow_send  # type: ignore[method-assign]
        await buffer.start()
        try:
            for write in ("write-1", "write-2"):
                buffer.put(write)  # type: ignore[arg-type]
            await buffer.flush()
            unsent_after_flush = 2 - len(sent)
            while len(sent) < 2:
                await asyncio.sleep(0.05)
            return unsent_after_flush, len(sent)
        finally:
            await buffer.stop()

    unsent_after_flush, eventually_sent = asyncio.run(scenario())
    assert unsent_after_flush == 2, "Faust's flush now waits for its writes: services.runtime.faust_fixes 3. can go"
    assert eventually_sent == 2
