"""Where the NLP runs: worker processes, each with its own loaded model.

NLP in a thread of the worker's own process competes with its event loop for the GIL
(``bench.enricher_speed``: loop stalls up to 163 ms, p99 34 ms); in other processes it
cannot (p99 2 ms). A batch is split across the processes, so every core given to the
pool works on it (two processes: 1.6× one), and results come back in input order. Several
batches may be in the pool at once; one article that crashes a process fails them all, so
the enricher retries each article of a failed batch alone (:meth:`NlpPool.enrich_alone`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager

from services.config import EnricherOptions
from services.contract.messages import CleanArticle, EnrichedArticle
from services.enricher.logic import Enricher

_PARENT_CHECK_S = 1.0
_enricher: Enricher | None = None
"""The model of this pool process, loaded once by ``_load``."""


def _load(options: EnricherOptions) -> None:
    global _enricher
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="exit-with-parent", daemon=True).start()
    _enricher = Enricher(options)


def _exit_with_parent(parent: int) -> None:
    """A worker killed with SIGKILL cannot shut its pool down: its NLP processes would live on, each holding a
    model (seen after the fault tests: orphans of killed enrichers, adopted by init). They leave once it is gone."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_S)
    os._exit(0)


def _enrich(articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
    assert _enricher is not None, "the pool's initializer loads the model"
    return _enricher.enrich(articles)


class NlpPool:
    def __init__(self, options: EnricherOptions) -> None:
        self._options = options
        self._executor = self._start()
        self._gate = asyncio.Lock()
        self._callers = 0
        """Batches in the pool (:meth:`enrich`), which :meth:`enrich_alone` waits out."""
        self._idle = asyncio.Event()
        self._idle.set()

    def _start(self) -> ProcessPoolExecutor:
        # Spawned, not forked: the worker process runs threads (Faust, aiokafka), which fork would copy mid-state.
        executor = ProcessPoolExecutor(
            max_workers=self._options.processes, mp_context=multiprocessing.get_context("spawn"),
            initializer=_load, initargs=(self._options,),
        )
        # The executor spawns a process only when a task finds none idle: one call per process now starts them all,
        # so each loads its model before the first batch rather than during it (a burst's first batch waited for a
        # second model to load on a core the first process needed).
        for _ in range(self._options.processes):
            executor.submit(os.getpid)
        return executor

    async def enrich(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
        """Enrich ``articles`` in the pool, beside the other callers' batches. A pool broken by a crashed process (a
        poison article can take spaCy down with it) is replaced before the error is raised, so the next call works;
        every batch in the pool then fails, innocent or not: :meth:`enrich_alone` tells which one it was."""
        async with self._shared():
            return await self._run(articles)

    async def enrich_alone(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
        """:meth:`enrich` with nothing else in the pool, once the batches in it are done: a crash is these
        articles' own, so the caller may dead-letter them."""
        async with self._gate:
            while self._callers:
                await self._idle.wait()
            return await self._run(articles)

    @asynccontextmanager
    async def _shared(self) -> AsyncIterator[None]:
        async with self._gate:  # held by enrich_alone until it is done: no batch joins it in the pool
            self._callers += 1
            self._idle.clear()
        try:
            yield
        finally:
            self._callers -= 1
            if not self._callers:
                self._idle.set()

    async def _run(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle]:
        loop = asyncio.get_running_loop()
        share = -(-len(articles) // self._options.processes)
        chunks = [articles[start : start + share] for start in range(0, len(articles), share)]
        executor = self._executor
        try:
            results = await asyncio.gather(*(loop.run_in_executor(executor, _enrich, chunk) for chunk in chunks))
        except BrokenProcessPool:
            if executor is self._executor:  # the first caller to see it replaces it; the others raise
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start()
            raise
        return [enriched for chunk_result in results for enriched in chunk_result]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
