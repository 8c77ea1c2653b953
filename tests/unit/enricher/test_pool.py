"""The NLP pool: results in input order across processes, and a pool that survives a crashed process."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.config import EnricherOptions
from services.contract.messages import CleanArticle
from services.enricher.pool import NlpPool

SEED = (Path(__file__).resolve().parents[2] / "data" / "seed_003.txt").read_text()


def articles(count: int) -> list[CleanArticle]:
    return [
        CleanArticle(article_id=f"a{n}", source="wire", text=f"Article {n}. {SEED}", word_count=len(SEED.split()),
                     extractor="plain_text", received_at=datetime(2025, 12, 13, tzinfo=UTC))
        for n in range(count)
    ]


def test_a_batch_split_across_two_processes_comes_back_in_order() -> None:
    pool = NlpPool(EnricherOptions(processes=2))
    try:
        enriched = asyncio.run(pool.enrich(articles(5)))
    finally:
        pool.close()
    assert [e.article.article_id for e in enriched] == ["a0", "a1", "a2", "a3", "a4"]
    assert all(e.numbers and e.entities for e in enriched)


def test_a_crashed_process_fails_its_batch_and_the_next_batch_gets_a_new_pool() -> None:
    pool = NlpPool(EnricherOptions(processes=1))

    async def crash_mid_batch() -> None:
        await pool.enrich(articles(1))  # the process is up, with its model
        batch = asyncio.ensure_future(pool.enrich(articles(40)))
        await asyncio.sleep(0.5)
        for process in multiprocessing.active_children():
            os.kill(process.pid, signal.SIGKILL)  # what the OOM killer, or a segfault in native code, does
        with pytest.raises(BrokenProcessPool):
            await batch

    try:
        asyncio.run(crash_mid_batch())
        assert [e.article.article_id for e in asyncio.run(pool.enrich(articles(2)))] == ["a0", "a1"]
    finally:
        pool.close()


def test_an_article_enriched_alone_waits_out_the_batches_in_the_pool_and_is_not_failed_by_their_crash() -> None:
    pool = NlpPool(EnricherOptions(processes=2))

    async def crash_beside_a_retry() -> None:
        await pool.enrich(articles(2))  # both processes are up, with their models
        batch = asyncio.ensure_future(pool.enrich(articles(40)))
        await asyncio.sleep(0)  # the batch is in the pool
        alone = asyncio.ensure_future(pool.enrich_alone(articles(1)))
        await asyncio.sleep(0.5)
        assert not alone.done()
        os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)  # the batch's poison article
        with pytest.raises(BrokenProcessPool):
            await batch
        assert [e.article.article_id for e in await alone] == ["a0"]

    try:
        asyncio.run(crash_beside_a_retry())
    finally:
        pool.close()


OWNER = """
import asyncio, multiprocessing, sys, time
from tests.unit.enricher.test_pool import articles
from services.config import EnricherOptions
from services.enricher.pool import NlpPool
pool = NlpPool(EnricherOptions(processes=1))
asyncio.run(pool.enrich(articles(1)))
print(*(p.pid for p in multiprocessing.active_children()), flush=True)
time.sleep(600)
"""


def test_the_nlp_processes_leave_when_their_worker_is_killed() -> None:
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[3])
    try:
        children = [int(pid) for pid in (owner.stdout.readline() if owner.stdout else "").split()]
        assert children, "the pool process is up"
        owner.send_signal(signal.SIGKILL)  # no shutdown, no atexit: what a crash or an OOM kill does
        owner.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in children)
    finally:
        owner.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_every_process_starts_loading_its_model_before_the_first_batch() -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    pool = NlpPool(EnricherOptions(processes=2))
    try:
        deadline = time.monotonic() + 120
        while len({p.pid for p in multiprocessing.active_children()} - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len({p.pid for p in multiprocessing.active_children()} - before) == 2
    finally:
        pool.close()
