"""A worker's Prometheus series, read back through prometheus-client's own parser of the text a scrape gets."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from services.contract.messages import RejectReason
from services.runtime.metrics import SERIES, PartitionLag, TableSize, WorkerMetrics, partition_lag


def scrape(metrics: WorkerMetrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    body, content_type = metrics.exposition()
    assert content_type.startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def sample(samples: dict, name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


def test_lag_counts_from_the_next_offset_to_process() -> None:
    assert partition_lag(highwater=10, committed=7) == 3
    assert partition_lag(highwater=10, committed=10) == 0
    assert partition_lag(highwater=10, committed=None) == 10  # never committed: from offset 0
    assert partition_lag(highwater=5, committed=8) == 0  # a commit seen before the fetch that moved the end
    assert partition_lag(highwater=None, committed=3) is None


def test_every_series_is_served_from_the_start() -> None:
    metrics = WorkerMetrics("dedup", inputs=["news.articles.clean"])
    names = {name for name, _ in scrape(metrics)}
    body = metrics.exposition()[0].decode()
    for series in SERIES:
        assert f"# TYPE {series} " in body, series
    # Inputs and every reject reason are counted from 0, so that a rate over them is defined at once.
    samples = scrape(metrics)
    assert sample(samples, "newsingest_records_in_total", stage="dedup", topic="news.articles.clean") == 0
    for reason in RejectReason:
        assert sample(samples, "newsingest_dead_letters_total", stage="dedup", reason=reason.value) == 0
    assert "process_resident_memory_bytes" in names
    assert not any(name.endswith("_created") for name in names)


def test_counts_and_latencies() -> None:
    metrics = WorkerMetrics("cleaner")
    for _ in range(3):
        metrics.received("news.articles.raw")
    metrics.sent("news.articles.clean")
    metrics.sent("news.dlq")
    metrics.dead_lettered("invalid_json")
    metrics.published(event_time_s=1000.0, received_s=50.0, now_s=1002.5, now_mono_s=50.2)
    metrics.published(event_time_s=1010.0, received_s=None, now_s=1002.5, now_mono_s=50.2)  # a clock ahead: 0 s
    metrics.batch("output", 3)
    samples = scrape(metrics)
    assert sample(samples, "newsingest_records_in_total", stage="cleaner", topic="news.articles.raw") == 3
    assert sample(samples, "newsingest_records_out_total", stage="cleaner", topic="news.dlq") == 1
    assert sample(samples, "newsingest_dead_letters_total", stage="cleaner", reason="invalid_json") == 1
    assert sample(samples, "newsingest_event_to_publish_seconds_count", stage="cleaner") == 2
    assert sample(samples, "newsingest_event_to_publish_seconds_sum", stage="cleaner") == 2.5
    assert sample(samples, "newsingest_event_to_publish_seconds_bucket", stage="cleaner", le="0.005") == 1
    assert sample(samples, "newsingest_event_to_publish_seconds_bucket", stage="cleaner", le="2.5") == 2
    assert sample(samples, "newsingest_receive_to_publish_seconds_count", stage="cleaner") == 1
    assert abs(sample(samples, "newsingest_receive_to_publish_seconds_sum", stage="cleaner") - 0.2) < 1e-9
    assert sample(samples, "newsingest_batch_size_sum", stage="cleaner", side="output") == 3


def test_lag_and_tables_are_read_at_each_scrape() -> None:
    held: list[PartitionLag] = [PartitionLag("news.articles.raw", 0, 12), PartitionLag("news.articles.raw", 3, 0)]
    tables = [TableSize("dedup-buckets", 40, 4096), TableSize("dedup-pending", 2, None)]
    metrics = WorkerMetrics("dedup", lag=lambda: held, tables=lambda: tables)
    samples = scrape(metrics)
    assert sample(samples, "newsingest_consumer_lag", stage="dedup", topic="news.articles.raw", partition="0") == 12
    assert sample(samples, "newsingest_consumer_lag", stage="dedup", topic="news.articles.raw", partition="3") == 0
    assert sample(samples, "newsingest_table_keys", stage="dedup", table="dedup-pending") == 2
    assert sample(samples, "newsingest_table_bytes", stage="dedup", table="dedup-buckets") == 4096
    assert ("newsingest_table_bytes", (("stage", "dedup"), ("table", "dedup-pending"))) not in samples

    held[:] = [PartitionLag("news.articles.raw", 3, 5)]  # partition 0 was revoked
    samples = scrape(metrics)
    lags = {labels: value for (name, labels), value in samples.items() if name == "newsingest_consumer_lag"}
    assert lags == {(("partition", "3"), ("stage", "dedup"), ("topic", "news.articles.raw")): 5}


def test_two_workers_in_one_process_keep_their_own_counts() -> None:
    first, second = WorkerMetrics("cleaner"), WorkerMetrics("cleaner")
    first.received("news.articles.raw")
    assert sample(scrape(first), "newsingest_records_in_total", stage="cleaner", topic="news.articles.raw") == 1
    assert ("newsingest_records_in_total", (("stage", "cleaner"), ("topic", "news.articles.raw"))) not in scrape(
        second
    )
