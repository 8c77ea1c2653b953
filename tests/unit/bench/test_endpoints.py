"""Reading a worker's /metrics text back: quantiles from the histogram buckets, series present or not."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from bench.endpoints import Samples, missing_series, quantile, total
from services.runtime.metrics import SERIES, PartitionLag, TableSize, WorkerMetrics


def _samples(metrics: WorkerMetrics) -> Samples:
    samples: Samples = {}
    for family in text_string_to_metric_families(metrics.exposition()[0].decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((sample.labels, sample.value))
    return samples


def test_quantiles_interpolate_in_the_buckets() -> None:
    metrics = WorkerMetrics("cleaner")
    assert quantile(_samples(metrics), "newsingest_receive_to_publish_seconds", 0.5) is None
    for latency in (0.02, 0.02, 0.03, 0.04):  # all in the (0.01, 0.025] and (0.025, 0.05] buckets
        metrics.published(event_time_s=None, received_s=0.0, now_s=0.0, now_mono_s=latency)
    samples = _samples(metrics)
    # Two of four at or below 0.025: the median is the top of that bucket; p75 halfway up the next one.
    assert quantile(samples, "newsingest_receive_to_publish_seconds", 0.5) == 0.025
    assert abs(quantile(samples, "newsingest_receive_to_publish_seconds", 0.75) - 0.0375) < 1e-9  # type: ignore
    assert quantile(samples, "newsingest_event_to_publish_seconds", 0.5) is None


def test_every_series_or_which_are_missing() -> None:
    whole = WorkerMetrics("dedup", lag=lambda: [PartitionLag("t", 0, 3)], tables=lambda: [TableSize("x", 1, 10)],
                          inputs=["t"])
    assert "newsingest_records_out_total" in missing_series(_samples(whole))  # nothing sent yet
    whole.sent("u")
    assert missing_series(_samples(whole)) == []
    assert total(_samples(whole), "newsingest_consumer_lag") == 3
    bare = WorkerMetrics("cleaner")  # holds no partition, has no table
    assert missing_series(_samples(bare)) == [
        "newsingest_records_in_total", "newsingest_records_out_total", "newsingest_consumer_lag",
        "newsingest_table_keys", "newsingest_table_bytes",
    ]
    assert set(missing_series({})) == set(SERIES)
    assert missing_series(_samples(bare), tables=False) == ["newsingest_records_in_total", "newsingest_records_out_total",
                                                            "newsingest_consumer_lag"]
