"""A worker that makes no progress for its liveness timeout while its input waits exits with status 75, and the
fleet (standing in for the container runtime) starts it again.

No fault makes a real worker hang on demand, and a frozen worker (SIGSTOP) rightly carries on once thawed: its
first commit lands before its first check. So the timeout here is shorter than a worker's start-up: with
articles waiting before it starts, its group commits nothing within 2 s, and it gives up. A later start joins the
group faster (no member to wait for) and gets through: nothing is lost.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from services.cleaner.identity import article_id_for
from services.config import Settings
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle, RawArticle
from services.runtime.liveness import EXIT_STUCK
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker


def test_a_worker_without_progress_past_its_liveness_timeout_exits_75_and_is_started_again(
    settings: Settings, tmp_path: Path
) -> None:
    raws = [RawArticle(id=f"wire-{n}", source="wire", body=f"Article {n} of the liveness test.") for n in range(10)]
    messages = [(None, raw.model_dump_json().encode()) for raw in raws]
    asyncio.run(create_topics(settings.kafka))
    asyncio.run(send(settings.kafka, settings.kafka.topics.raw, messages))
    with WorkerFleet({"NEWSINGEST_WORKER__LIVENESS_TIMEOUT_S": "2"}, tmp_path / "logs", stages=("cleaner",)) as fleet:
        first = fleet.processes["cleaner"]
        deadline = time.monotonic() + 120
        while not fleet.restarts.get("cleaner"):
            assert time.monotonic() < deadline, "the worker never gave up"
            time.sleep(1)
        cleaned = asyncio.run(wait_for_records(settings, settings.kafka.topics.clean, len(raws), timeout_s=180))
        crashed = fleet.exited()
        log = fleet.log("cleaner")
    assert first.returncode == EXIT_STUCK
    assert not crashed, f"workers died otherwise: {crashed}"
    assert {decode_message(CleanArticle, r.value).article_id for r in cleaned} == {
        article_id_for(raw, raw.body) for raw in raws
    }
    assert "made no progress for" in log and f"exiting (status {EXIT_STUCK})" in log
