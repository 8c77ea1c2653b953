"""A worker's Prometheus series: what came in and went out, what was dead-lettered and why, how long it took.

Plain prometheus-client on a registry of the worker's own (two workers in one process never mix their counts). The
streaming shell (services.runtime.observability) feeds it; nothing here knows Faust. Series that describe the state of the
moment (consumer lag, table sizes) are read when scraped, from callables the shell supplies, so they cost nothing
between scrapes and show only the partitions and tables the worker holds now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from services.contract.deadletter import Stage
from services.contract.messages import RejectReason

# No ``*_created`` series beside each counter and histogram: a timestamp per series that no dashboard reads.
disable_created_metrics()  # type: ignore[no-untyped-call]

# From 5 ms (a plain-text article through the cleaner) to an hour (a backlog drained after an outage).
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)

SERIES = (
    "newsingest_records_in_total",
    "newsingest_records_out_total",
    "newsingest_dead_letters_total",
    "newsingest_event_to_publish_seconds",
    "newsingest_receive_to_publish_seconds",
    "newsingest_consumer_lag",
    "newsingest_batch_size",
    "newsingest_table_keys",
    "newsingest_table_bytes",
)
"""Every series a worker serves besides the process's own (``process_*``): the README's list, and what the
broker test scrapes for."""


@dataclass(frozen=True)
class PartitionLag:
    topic: str
    partition: int
    lag: int


@dataclass(frozen=True)
class TableSize:
    table: str
    keys: int
    bytes: int | None
    """On disk and in memory (RocksDB's files and write buffers); None for a memory store."""


def partition_lag(highwater: int | None, committed: int | None) -> int | None:
    """Records of a partition the group has not committed: ``committed`` is the next offset to process (Kafka's
    meaning). A partition never committed counts from offset 0; one whose end is not known yet has no lag to tell."""
    if highwater is None:
        return None
    return max(0, highwater - (committed or 0))


class _Gauges(Collector):
    """A gauge family whose samples (label values, value) ``read`` gives at scrape time."""

    def __init__(self, name: str, documentation: str, labels: list[str],
                 read: Callable[[], Iterable[tuple[list[str], float]]]) -> None:
        self._name, self._documentation, self._labels, self._read = name, documentation, labels, read

    def _family(self) -> GaugeMetricFamily:
        return GaugeMetricFamily(self._name, self._documentation, labels=self._labels)

    def describe(self) -> Iterator[Metric]:
        yield self._family()

    def collect(self) -> Iterator[Metric]:
        family = self._family()
        for labels, value in self._read():
            family.add_metric(labels, value)
        yield family


class WorkerMetrics:
    def __init__(
        self,
        stage: Stage,
        lag: Callable[[], Iterable[PartitionLag]] = tuple,
        tables: Callable[[], Iterable[TableSize]] = tuple,
        inputs: Iterable[str] = (),
    ) -> None:
        """``lag`` and ``tables`` tell the lag of each input partition the worker holds and the size of each of its
        tables now; ``inputs``, the topics it reads, are counted from 0 before their first record."""
        self.stage = stage
        self.registry = CollectorRegistry(auto_describe=True)
        ProcessCollector(registry=self.registry)
        self.records_in = Counter(
            "newsingest_records_in", "Records the worker's consumer handed to its agents, by topic",
            ["stage", "topic"], registry=self.registry,
        )
        self.records_out = Counter(
            "newsingest_records_out", "Records the broker acknowledged from this worker, by topic (changelogs too)",
            ["stage", "topic"], registry=self.registry,
        )
        self.dead_letters = Counter(
            "newsingest_dead_letters", "Inputs sent to the DLQ, by reason code", ["stage", "reason"],
            registry=self.registry,
        )
        self.event_to_publish = Histogram(
            "newsingest_event_to_publish_seconds",
            "From an input record's Kafka timestamp (when its producer made it) to the broker's acknowledgement of "
            "everything made from it",
            ["stage"], buckets=LATENCY_BUCKETS_S, registry=self.registry,
        )
        self.receive_to_publish = Histogram(
            "newsingest_receive_to_publish_seconds",
            "From the worker's consumer receiving an input record to the broker's acknowledgement of everything made "
            "from it",
            ["stage"], buckets=LATENCY_BUCKETS_S, registry=self.registry,
        )
        self.batch_size = Histogram(
            "newsingest_batch_size",
            "Records handled together: input (the records an agent took together; the enricher's NLP batches) and "
            "output (the records of one publication, awaited as a whole)",
            ["stage", "side"], buckets=BATCH_BUCKETS, registry=self.registry,
        )
        self.registry.register(_Gauges(
            "newsingest_consumer_lag", "Records of each input partition this worker holds that its group has not "
            "committed", ["stage", "topic", "partition"],
            lambda: (([stage, row.topic, str(row.partition)], row.lag) for row in lag()),
        ))
        self.registry.register(_Gauges(
            "newsingest_table_keys", "Keys of each table on this worker: RocksDB's estimate (as Kafka Streams reports "
            "it), which counts a key written twice since the last flush twice", ["stage", "table"],
            lambda: (([stage, row.table], row.keys) for row in tables()),
        ))
        self.registry.register(_Gauges(
            "newsingest_table_bytes", "Bytes each table takes on this worker: RocksDB's files and write buffers",
            ["stage", "table"], lambda: (([stage, row.table], row.bytes) for row in tables() if row.bytes is not None),
        ))
        # Series that exist from the start, at 0, so that a rate over them is defined before the first event.
        for topic in inputs:
            self.records_in.labels(stage, topic)
        for reason in RejectReason:
            self.dead_letters.labels(stage, reason.value)
        self.event_to_publish.labels(stage)
        self.receive_to_publish.labels(stage)
        for side in ("input", "output"):
            self.batch_size.labels(stage, side)

    def received(self, topic: str) -> None:
        self.records_in.labels(self.stage, topic).inc()

    def sent(self, topic: str) -> None:
        self.records_out.labels(self.stage, topic).inc()

    def dead_lettered(self, reason: str) -> None:
        self.dead_letters.labels(self.stage, reason).inc()

    def published(self, *, event_time_s: float | None, received_s: float | None, now_s: float, now_mono_s: float,
                  ) -> None:
        """One input's outputs are acknowledged: ``event_time_s`` is its Kafka timestamp (epoch seconds), compared
        with ``now_s``; ``received_s`` is when the consumer handed it over (monotonic), compared with ``now_mono_s``.
        A clock that disagrees (an event time from the future) counts as 0, not as a negative latency."""
        if event_time_s is not None:
            self.event_to_publish.labels(self.stage).observe(max(0.0, now_s - event_time_s))
        if received_s is not None:
            self.receive_to_publish.labels(self.stage).observe(max(0.0, now_mono_s - received_s))

    def batch(self, side: str, size: int) -> None:
        self.batch_size.labels(self.stage, side).observe(size)

    def exposition(self) -> tuple[bytes, str]:
        """The text a Prometheus scrape gets, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
