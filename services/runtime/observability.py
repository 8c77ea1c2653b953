"""The worker's HTTP endpoint: ``/metrics`` (Prometheus), ``/live`` and ``/ready``, and nothing else.

Shell only: a Faust sensor counts what the consumer hands over and what the producer gets acknowledged, and runs two
small tasks from the worker's first moment (sensors start before anything else, so both run through a long table
recovery): a ticker that notes each turn of the event loop, and a broker probe, a metadata request on a client of
its own. The views read those and the app's state; the decisions are services.runtime.health's, the series services.runtime.metrics'.

Faust's own endpoints (``/table/`` with table contents, ``/router``, ``/graph``, statistics and the ``/`` index) are
never mounted, whatever Faust's settings say.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from typing import Any

import faust
from aiokafka.client import AIOKafkaClient
from faust import web
from faust.types import TP, Message, PendingMessage, RecordMetadata
from faust.types.transports import ProducerT
from faust.web.drivers.aiohttp import Web as AiohttpWeb
from mode import Service

from services.config import Settings
from services.contract.deadletter import Stage
from services.runtime.group_progress import INPUT_TOPICS
from services.runtime.health import BrokerContact, Check, GroupState, LoopHeartbeat, answer, group_checks
from services.runtime.kafka_client import connection
from services.runtime.metrics import PartitionLag, TableSize, WorkerMetrics, partition_lag

log = logging.getLogger("newsingest")

_TICK_S = 1.0
_BROKER_MISSES = 3
"""Broker checks that may go unanswered (a slow answer, a GC pause) before ``/ready`` says the broker is away."""


class EndpointsOnlyWeb(AiohttpWeb):
    """Faust's aiohttp server with none of Faust's built-in views: only the pages the app adds."""

    default_blueprints = ()
    production_blueprints = ()
    debug_blueprints = ()
    optional_blueprints = ()


class ObservedApp(faust.App):
    """Mixed into the stage's app class (services.runtime.streaming): its web server is :class:`EndpointsOnlyWeb`."""

    def _new_web(self) -> web.Web:
        return EndpointsOnlyWeb(self)


class Observer(faust.Sensor):
    """Counts records in and out, notes the loop's turns and the broker's answers, and follows the assignment."""

    def __init__(self, stage: Stage, settings: Settings, app: faust.App, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._settings = settings
        self._app = app
        self.inputs = {settings.kafka.topics.name(kind) for kind in INPUT_TOPICS[stage]}
        self.heartbeat = LoopHeartbeat(time.monotonic())
        self.broker = BrokerContact()
        self.assignments = 0
        self.input_partitions = 0
        self.metrics = WorkerMetrics(stage, lag=self.lag, tables=self.table_sizes, inputs=sorted(self.inputs))
        self._client: AIOKafkaClient | None = None

    # ---- sensor hooks (on the event loop; never raise)

    def on_message_in(self, tp: TP, offset: int, message: Message) -> None:
        if message.time_in is None:  # Faust's Monitor sets it too; the same clock
            message.time_in = time.monotonic()
        self.metrics.received(tp.topic)

    def on_send_initiated(
        self, producer: ProducerT, topic: str, message: PendingMessage, keysize: int, valsize: int
    ) -> Any:
        return topic

    def on_send_completed(self, producer: ProducerT, state: Any, metadata: RecordMetadata) -> None:
        self.metrics.sent(metadata.topic)

    def assigned(self, partitions: set[TP]) -> None:
        self.assignments += 1
        self.input_partitions = sum(1 for tp in partitions if tp.topic in self.inputs)

    # ---- tasks, from the worker's start to its stop

    @Service.task
    async def _note_loop_turns(self) -> None:
        while not self.should_stop:
            self.heartbeat.turn(time.monotonic())
            await self.sleep(_TICK_S)

    @Service.task
    async def _ask_broker(self) -> None:
        if not self._app.conf.web_enabled:
            return  # nobody could read the answer (the tests' workers run without the endpoint)
        interval = self._settings.worker.broker_check_s
        while not self.should_stop:
            try:
                await asyncio.wait_for(self._broker_metadata(), timeout=interval)
                self.broker.answered(time.monotonic())
            except Exception as exc:  # noqa: BLE001 - a failed probe is the check's answer, never the worker's end
                self.broker.failed(exc)
                await self._close_client()  # start afresh: the brokers it knew may be gone
            await self.sleep(interval)

    async def _broker_metadata(self) -> None:
        if self._client is None:
            self._client = AIOKafkaClient(**connection(self._settings.kafka))
            await self._client.bootstrap()
        await self._client.fetch_all_metadata()

    async def _close_client(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                await client.close()
            except Exception as exc:  # noqa: BLE001 - a client that fails to close is dropped all the same
                log.debug("broker probe client did not close: %r", exc)

    async def on_stop(self) -> None:
        await self._close_client()

    # ---- state the views and the scrape read

    def live(self) -> list[Check]:
        return [self.heartbeat.check(time.monotonic(), self._settings.worker.loop_stall_s)]

    def ready(self) -> list[Check]:
        app, recovery = self._app, self._app.tables.recovery  # type: ignore[attr-defined]
        state = GroupState(
            assignments=self.assignments,
            input_partitions=self.input_partitions,
            rebalancing=bool(app.rebalancing),
            recovery_completed=recovery.completed.is_set(),
            in_recovery=bool(recovery.in_recovery),
        )
        limit_s = _BROKER_MISSES * self._settings.worker.broker_check_s
        return [*group_checks(state), self.broker.check(time.monotonic(), limit_s)]

    def lag(self) -> Iterator[PartitionLag]:
        consumer = self._app.consumer
        try:
            assignment = sorted(tp for tp in consumer.assignment() if tp.topic in self.inputs)
        except Exception:  # noqa: BLE001 - no consumer yet (starting) or none any more (stopping): no partitions
            return
        for tp in assignment:
            try:
                highwater = consumer.highwater(tp)
            except Exception as exc:  # noqa: BLE001 - revoked since the assignment was read
                log.debug("no lag for %s: %r", tp, exc)
                continue
            # faust keeps the group's committed offsets only in this private mapping (as services.runtime.stall_watch).
            committed = consumer._committed_offset.get(tp)  # type: ignore[attr-defined]
            if (lag := partition_lag(highwater, committed)) is not None:
                yield PartitionLag(tp.topic, tp.partition, lag)

    def table_sizes(self) -> Iterator[TableSize]:
        for table in list(self._app.tables.values()):
            try:
                yield _size(table.name, table.data)
            except Exception as exc:  # noqa: BLE001 - a store closing under the scrape: skip it this time
                log.debug("table %s not measured: %r", table.name, exc)


_ROCKSDB_BYTES = ("rocksdb.total-sst-files-size", "rocksdb.cur-size-all-mem-tables")


def _size(name: str, store: Any) -> TableSize:
    """A table's size from RocksDB's own properties of each partition database (counting keys would read every
    one), or the length of a memory store."""
    databases = getattr(store, "_dbs", None)
    if databases is None:
        return TableSize(name, len(store), None)
    databases = list(databases.values())
    return TableSize(
        name,
        keys=sum(db.property_int_value("rocksdb.estimate-num-keys") or 0 for db in databases),
        bytes=sum(db.property_int_value(prop) or 0 for db in databases for prop in _ROCKSDB_BYTES),
    )


def observe(app: faust.App, stage: Stage, settings: Settings) -> Observer:
    """Attach the observer to ``app`` and mount its three pages."""
    observer = Observer(stage, settings, app)
    app.sensors.add(observer)

    @app.on_partitions_assigned.connect  # type: ignore[arg-type]
    async def note_assignment(sender: Any, assigned: set[TP], **kwargs: Any) -> None:
        observer.assigned(assigned)

    @app.page("/metrics")
    async def metrics(view: web.View, request: web.Request) -> web.Response:
        body, content_type = observer.metrics.exposition()
        return view.bytes(body, headers={"Content-Type": content_type})

    @app.page("/live")
    async def live(view: web.View, request: web.Request) -> web.Response:
        status, body = answer(observer.live())
        return view.json(body, status=status)

    @app.page("/ready")
    async def ready(view: web.View, request: web.Request) -> web.Response:
        status, body = answer(observer.ready())
        return view.json(body, status=status)

    return observer
