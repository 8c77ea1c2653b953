"""A worker that makes no progress while its input waits gives up (status 75), is started again, and loses nothing.

The worker is frozen with SIGSTOP for longer than its liveness timeout while articles wait: when it thaws, its
next check finds that the group's committed offsets did not move for that long, and it exits for the fleet (the
supervisor here) to start it afresh; the new process reads on from the committed offsets.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest

from services.cleaner.identity import article_id_for
from services.codec import decode_message
from services.config import Settings
from services.fleet import WorkerFleet
from services.group_progress import GroupOffsets
from services.kafka_io import create_topics, read_topic, send
from services.liveness import EXIT_STUCK, check_interval_s
from services.messages import CleanArticle, RawArticle
from tests.integration.topic_records import wait_for_records

pytestmark = [pytest.mark.broker, pytest.mark.faults]

DATA = Path(__file__).resolve().parents[1] / "data"
LIVENESS_TIMEOUT_S = 30
CHECK_EVERY_S = check_interval_s(LIVENESS_TIMEOUT_S)
FROZEN_S = 50


def test_a_worker_frozen_past_its_liveness_timeout_restarts_and_loses_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    paragraphs = [p for p in (DATA / "seed_000.txt").read_text().split("\n\n") if len(p.split()) >= 20]
    raws = [RawArticle(id=f"wire-{n}", source="wire", body=paragraphs[n % len(paragraphs)]) for n in range(60)]
    ids = {article_id_for(raw, raw.body) for raw in raws}
    messages = [(None, raw.model_dump_json().encode()) for raw in raws]
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    env = {"NEWSINGEST_WORKER__LIVENESS_TIMEOUT_S": str(LIVENESS_TIMEOUT_S)}
    with WorkerFleet(env, tmp_path / "logs", stages=("cleaner",)) as fleet:
        asyncio.run(send(settings.kafka, topics.raw, messages[:10]))
        asyncio.run(wait_for_records(settings, topics.clean, 10))
        # Its last check before the freeze must have seen those 10 committed: else the thawed worker's first check
        # sees that commit as progress, and the worker carries on (rightly) before the clock runs out.
        _until_committed(settings, 10)
        time.sleep(2 * CHECK_EVERY_S)
        frozen = fleet.processes["cleaner"]
        frozen.send_signal(signal.SIGSTOP)
        asyncio.run(send(settings.kafka, topics.raw, messages[10:]))
        time.sleep(FROZEN_S)
        frozen.send_signal(signal.SIGCONT)
        records = asyncio.run(wait_for_records(settings, topics.clean, len(raws), timeout_s=180))
        crashed = fleet.exited()
        restarts = dict(fleet.restarts)
    assert frozen.returncode == EXIT_STUCK, "the thawed worker gave up"
    assert restarts == {"cleaner": 1}
    assert not crashed, f"workers died: {crashed}"
    assert {decode_message(CleanArticle, r.value).article_id for r in records} == ids
    assert asyncio.run(read_topic(settings.kafka, topics.dlq)) == []


def _until_committed(settings: Settings, count: int, timeout_s: float = 60) -> None:
    async def committed() -> int:
        async with GroupOffsets(settings.kafka) as offsets:
            return (await offsets.progress(["cleaner"]))["cleaner"].committed

    deadline = time.monotonic() + timeout_s
    while asyncio.run(committed()) < count:
        assert time.monotonic() < deadline, f"the cleaner did not commit {count} records"
        time.sleep(1)
