"""The streaming shell shared by the four services: Faust app factory, topics, publishing, DLQ.

No business rules live here; stages call their logic and hand the outputs to ``publish``.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, get_args

import faust
from aiokafka.errors import KafkaError
from faust.exceptions import FaustError
from faust.types import EventT, StreamT, TopicT
from faust.types.auth import CredentialsT

from services.config import KafkaSecurity, Settings, TopicKind
from services.contract.deadletter import Stage, dead_letter
from services.contract.errors import RejectedInput, TransientError
from services.contract.messages import DeadLetter
from services.contract.outputs import Output, checked_outputs
from services.contract.topics import topic_configs
from services.runtime.aiokafka_fixes import pace_failed_metadata_updates
from services.runtime.batching import as_current_event, take_waiting_events
from services.runtime.faust_fixes import (
    AwaitedChangelogTable,
    GaplessApp,
    SeekBeforeResumeTableManager,
    every_changelog_write_sent,
    holding_changelog_writes,
    send_held_writes,
    watch_for_stalled_partitions,
)
from services.runtime.group_progress import GroupOffsets, GroupProgress
from services.runtime.kafka_client import ssl_context
from services.runtime.liveness import EXIT_STUCK, LivenessWatch, check_interval_s
from services.runtime.local_state import discard_unless_stopped_cleanly, mark_stopped_cleanly
from services.runtime.log_context import (
    article_id_from_key,
    article_id_from_outputs,
    event_context,
    logging_config,
    name_article,
)
from services.runtime.observability import ObservedApp, Observer, observe

log = logging.getLogger("newsingest")
TimerBody = Callable[[], Awaitable[None]]

STAGES: tuple[Stage, ...] = ("cleaner", "dedup", "enricher", "stories")
# Each stage's HTTP endpoint (/metrics, /live, /ready) gets its own port, so four workers can share a host.
DEFAULT_WEB_PORTS: dict[Stage, int] = {"cleaner": 6066, "dedup": 6067, "enricher": 6068, "stories": 6069}


@dataclass(frozen=True)
class StageApp:
    """A stage's Faust app and the topics it reads and writes, by name."""

    stage: Stage
    app: faust.App
    settings: Settings
    topics: dict[str, TopicT]
    observer: Observer
    """Metrics and health (services.runtime.observability)."""

    def topic(self, name: str) -> TopicT:
        return self.topics[name]

    @cached_property
    def _topic_kinds(self) -> dict[str, TopicKind]:
        names = self.settings.kafka.topics
        return {names.name(kind): kind for kind in get_args(TopicKind)}

    def table(self, name: str) -> Any:
        """A changelog-backed table of JSON rows keyed by string, co-partitioned with the stage's topics.

        Every table partition is its own RocksDB database, and Faust's defaults let each hold up to 3 × 64 MB of
        write buffers and a 2 GB block cache: a dedup worker's 20 databases grew 105 KB per article in the soak
        (bench/reports/soak.md) before the first flush. The worker's settings bound them instead."""
        worker = self.settings.worker
        # A fresh dict per table: the RocksDB store pops keys from the one it is given.
        rocksdb = {
            "write_buffer_size": worker.table_write_buffer_mb * 2**20,
            "max_write_buffer_number": 2,
            "block_cache_size": worker.table_block_cache_mb * 2**20,
        }
        # JSON keys and values (Faust's default for plain types): rows are the logic's own JSON dicts.
        return self.app.Table(
            name, default=None, key_type=str, partitions=self.settings.kafka.partitions, options=rocksdb
        )

    def timer(self, interval_s: float) -> Callable[[TimerBody], TimerBody]:
        """A Faust timer that outlives the broker: Faust stops the whole app when a timer raises, so a failure of
        the infrastructure is logged and the next tick tries again (a message's failure still raises)."""

        def register(body: TimerBody) -> TimerBody:
            @functools.wraps(body)
            async def tick() -> None:
                try:
                    await body()
                except Exception as exc:
                    if not is_infrastructure_failure(exc):
                        raise
                    log.warning("%s timer %s skipped a tick: %r", self.stage, body.__name__, exc)

            self.app.timer(interval=interval_s)(tick)
            return body

        return register

    async def publish(self, outputs: list[Output]) -> None:
        """Send, and wait until the broker has every message: only then may the input's offset be committed.

        Faust commits after flushing its producer, but a rebalance that revokes the partition in
        between can drop what was still buffered; waiting here closes that window (measured: two
        dedup workers lost bucket answers during a rebalance without it).
        """
        self.observer.metrics.batch("output", len(outputs))
        pending = []
        for output in outputs:
            key, value = output.encoded()
            topic = self.topic(output.topic_name(self.settings.kafka.topics))
            pending.append(await topic.send(key=key, value=value, partition=output.partition))
        await asyncio.gather(*pending)

    def batches(self, stream: StreamT[bytes]) -> AsyncIterator[list[EventT]]:
        """The events waiting on ``stream``, taken together, up to ``worker.batch_max`` at a time
        (:func:`services.runtime.batching.take_waiting_events`): their events are acknowledged only when the
        agent's loop asks for the next batch, that is after :meth:`process_events` has returned."""
        return take_waiting_events(stream, self.settings.worker.batch_max)

    async def process_events(
        self, events: Sequence[EventT], compute: Callable[[EventT], list[Output] | Awaitable[list[Output]]]
    ) -> None:
        """Publish what ``compute`` returns (or, for a coroutine, gives) for each of ``events``, in order, then the
        table writes the computations made, and wait until the broker has all of it, once for the batch: only then
        may the events be acknowledged (:mod:`services.runtime.faust_fixes`, 4 and 6). Each event is computed after
        the table writes of the ones before it, as one at a time would. An event that fails because of the message
        is dead-lettered, and the others go on. A failure of the infrastructure (broker, changelog, a transient
        error) is not the message's fault: it is retried, with backoff, until it passes. Every record logged while
        an event is computed names it (services.runtime.log_context)."""
        self.observer.metrics.batch("input", len(events))
        outputs: list[Output] = []
        with holding_changelog_writes() as table_writes:
            for event in events:
                with self._event_context(event), as_current_event(event):
                    made = await self._compute_or_reject(event, functools.partial(compute, event))
                    name_article(article_id_from_outputs((output.topic, output.key) for output in made))
                outputs += made
        await self.publish(outputs)
        # Table writes only once the outputs are on the broker: a handler that finds its input in its tables may
        # publish nothing for it (a redelivered registration), so state never gets there without its outputs.
        await send_held_writes(self.app, table_writes)
        self.published(events)

    async def process_event(
        self, event: EventT, compute: Callable[[], list[Output]] | Callable[[], Awaitable[list[Output]]]
    ) -> None:
        """:meth:`process_events` for one event."""
        await self.process_events([event], lambda _event: compute())

    def published(self, events: Sequence[EventT]) -> None:
        """The broker has everything made from ``events``: their latencies go to the metrics."""
        now_s, now_mono_s = time.time(), time.monotonic()
        for event in events:
            message = event.message
            self.observer.metrics.published(
                event_time_s=message.timestamp, received_s=message.time_in, now_s=now_s, now_mono_s=now_mono_s
            )

    def _event_context(self, event: EventT) -> AbstractContextManager[None]:
        message = event.message
        article_id = article_id_from_key(self._topic_kinds.get(message.topic), message.key)
        return event_context(message.topic, message.partition, message.offset, article_id)

    async def _compute_or_reject(
        self, event: EventT, compute: Callable[[], list[Output]] | Callable[[], Awaitable[list[Output]]]
    ) -> list[Output]:
        attempt = 0
        while True:
            try:
                result = compute()
                outputs = await result if inspect.isawaitable(result) else result
                return checked_outputs(outputs, self.settings.kafka)
            except Exception as exc:
                if not is_infrastructure_failure(exc):
                    if not isinstance(exc, RejectedInput):
                        log.exception("unexpected failure in %s at %s", self.stage, _where(event))
                    return [self._dead_letter(exc, event)]
                delay = retry_delay(attempt)
                log.warning("%s at %s failed (%r); retrying in %.1f s", self.stage, _where(event), exc, delay)
                await asyncio.sleep(delay)
                attempt += 1

    async def reject(self, error: Exception, event: EventT) -> None:
        """Send ``event`` to the DLQ with the reason ``error`` gives; the stream goes on."""
        with self._event_context(event):
            await self.publish([self._dead_letter(error, event)])
        self.published([event])

    def _dead_letter(self, error: Exception, event: EventT) -> Output:
        message = event.message
        log.warning("rejected by %s at %s: %s", self.stage, _where(event), error)
        letter = dead_letter(
            self.stage,
            error,
            source_topic=message.topic,
            original=_as_bytes(message.value),
            key=_as_bytes(message.key) if message.key is not None else None,
            partition=message.partition,
            offset=message.offset,
            max_record_bytes=self.settings.kafka.dlq_max_message_bytes,
        )
        assert isinstance(letter.value, DeadLetter)
        self.observer.metrics.dead_lettered(letter.value.reason.value)
        return letter


_INFRASTRUCTURE_FAILURES = (TransientError, KafkaError, FaustError, ConnectionError, TimeoutError)
"""Raised by the broker, the producer or a changelog-backed table (e.g. ``PartitionsMismatch`` while a worker's
metadata lags behind a new changelog topic), never by a message's content."""


def is_infrastructure_failure(error: Exception) -> bool:
    return isinstance(error, _INFRASTRUCTURE_FAILURES)


def retry_delay(attempt: int) -> float:
    """Seconds before retry ``attempt`` (from 0): doubling from 0.5 s, at most 30 s."""
    return float(min(30.0, 0.5 * 2**attempt))


class StageFaustApp(ObservedApp, GaplessApp):
    """The stages' Faust app: the consumer of services.runtime.faust_fixes, the web server of services.runtime.observability."""


def create_stage_app(stage: Stage, settings: Settings) -> StageApp:
    pace_failed_metadata_updates()
    kafka = settings.kafka
    worker = settings.worker
    datadir = worker.data_dir / stage
    datadir.mkdir(parents=True, exist_ok=True)
    app = StageFaustApp(
        f"{kafka.topics.prefix}{stage}",
        broker=kafka.broker,
        broker_credentials=_credentials(kafka.security),
        autodiscover=False,
        store=worker.store,
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=kafka.partitions,
        topic_replication_factor=kafka.replication_factor,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        processing_guarantee="at_least_once",
        producer_acks=-1,
        producer_linger=worker.producer_linger_ms / 1000,
        producer_max_request_size=kafka.dlq_max_message_bytes,  # the largest record; outputs are checked per topic
        # A topic created after the worker subscribed is picked up at the next refresh: 30 s, not 5 minutes.
        consumer_metadata_max_age_ms=30_000,
        broker_session_timeout=worker.session_timeout_s,
        broker_heartbeat_interval=worker.session_timeout_s / 10,
        datadir=str(datadir),
        web_enabled=worker.web_port != 0,
        web_port=worker.web_port or DEFAULT_WEB_PORTS[stage],
        web_bind=worker.web_bind,
        web_host=worker.web_bind,
        # None of Faust's own views (StageFaustApp mounts none of them anyway): /table/ serves table contents,
        # /router the cluster's topology, the statistics the worker's internals.
        web_tables_enabled=False,
        web_router_enabled=False,
        web_stats_enabled=False,
        web_graph_enabled=False,
        web_metrics_enabled=False,
        TableManager=SeekBeforeResumeTableManager,
        Table=AwaitedChangelogTable,
    )
    configs = topic_configs(kafka)
    topics = {
        name: app.topic(
            name,
            key_serializer="raw",
            value_serializer="raw",
            partitions=kafka.partitions,
            replicas=kafka.replication_factor,
            config=configs.get(name),
        )
        for name in kafka.topics.all()
    }
    watch_for_stalled_partitions(app, set(topics), worker.stall_check_s)
    if worker.liveness_timeout_s:
        _exit_when_stuck(app, stage, settings)
    return StageApp(stage, app, settings, topics, observe(app, stage, settings))


def _exit_when_stuck(app: faust.App, stage: Stage, settings: Settings) -> None:
    """Exit with :data:`EXIT_STUCK` once the worker made no progress for the liveness timeout while input waited.

    ``os._exit``, as SIGKILL would: a consumer that hangs may hang a graceful stop too, and the fault tests show
    that a worker killed outright loses nothing."""
    timeout_s = settings.worker.liveness_timeout_s
    watch = LivenessWatch()
    interval_s = check_interval_s(timeout_s)

    async def observe() -> GroupProgress:
        async with GroupOffsets(settings.kafka) as offsets:
            return (await offsets.progress([stage]))[stage]

    @app.timer(interval=interval_s, name="exit_when_stuck")
    async def exit_when_stuck() -> None:
        # Not wait_for: it waits for the cancelled observation to finish, and closing its clients can hang as well.
        observation = asyncio.ensure_future(observe())
        await asyncio.wait([observation], timeout=interval_s)
        if not observation.done():
            observation.cancel()
            _give_up_if(watch.unanswered(time.monotonic()), timeout_s, stage, lag=None)
            return
        if (exc := observation.exception()) is not None:
            if not isinstance(exc, _INFRASTRUCTURE_FAILURES):
                raise exc
            log.warning("liveness check skipped: %r", exc)
            watch.forget()
            return
        group = observation.result()
        recovery = app.tables.recovery
        restored = restored_offsets(recovery.active_offsets, recovery.standby_offsets)
        still_s = watch.observe((group.committed, restored), group.lag, time.monotonic())
        _give_up_if(still_s, timeout_s, stage, group.lag)


def restored_offsets(*tables: Mapping[Any, int | None]) -> int:
    """The sum of the changelog offsets restored so far, the restore's progress. Faust holds None for a changelog
    partition before its first offset is read: a recovery starting then crashed the worker (TypeError) in a CI
    fault run; such a partition has restored nothing."""
    return sum(offset for table in tables for offset in table.values() if offset is not None)


def _give_up_if(still_s: float, timeout_s: float, stage: Stage, lag: int | None) -> None:
    if still_s < timeout_s:
        return
    waiting = "its input waited" if lag is None else f"{lag} input records waited"
    log.error("%s made no progress for %.0f s while %s: exiting (status %d) to start afresh",
              stage, still_s, waiting, EXIT_STUCK)
    logging.shutdown()
    os._exit(EXIT_STUCK)


def _credentials(security: KafkaSecurity) -> CredentialsT | None:
    if security.protocol == "PLAINTEXT":
        return None
    if security.protocol == "SSL":
        return faust.SSLCredentials(ssl_context(security))
    assert security.sasl_password is not None  # KafkaSecurity insists on it
    # Faust reads SASL_SSL from the presence of a TLS context.
    return faust.SASLCredentials(
        username=security.sasl_username, password=security.sasl_password.get_secret_value(),
        mechanism=security.sasl_mechanism, ssl_context=ssl_context(security),
    )


def run_worker(stage_app: StageApp) -> None:
    """Run the stage until it is stopped (SIGTERM / SIGINT), on local table state only a clean stop left behind."""
    app = stage_app.app
    data_dir, table_dir = Path(app.conf.datadir), Path(app.conf.tabledir)
    if discard_unless_stopped_cleanly(data_dir, table_dir):
        log.warning("%s did not stop cleanly last time: its local table state is discarded and restored from the "
                    "changelogs", stage_app.stage)
    options = stage_app.settings.worker
    worker = faust.Worker(
        app, loglevel=options.log_level,
        logging_config=logging_config(options.log_format, options.log_level, stage_app.stage),
    )
    try:
        worker.execute_from_commandline()
    except SystemExit as stop:
        if stop.code in (0, None) and not app.crashed and every_changelog_write_sent(app):
            mark_stopped_cleanly(data_dir)
        raise


def _where(event: EventT) -> str:
    message = event.message
    return f"topic={message.topic} partition={message.partition} offset={message.offset}"


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    return repr(value).encode()
