"""Signing: every bucket of an article is probed exactly once, by the probes partition that owns it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from services.cleaner.text import normalise_text, word_count
from services.common.partitioning import owning_partition
from services.config import DedupOptions
from services.contract.messages import CleanArticle
from services.dedup.protocol import Probe, Registration
from services.dedup.signing import EXACT_PREFIX, sign

SEED_000 = normalise_text((Path(__file__).resolve().parents[2] / "data" / "seed_000.txt").read_text())
OPTIONS = DedupOptions()


def signed(partitions: int) -> tuple[Registration, list[tuple[int | None, Probe]]]:
    article = CleanArticle(article_id="seed-000", source="wire", text=SEED_000, word_count=word_count(SEED_000),
                           extractor="plain_text", received_at=datetime(2025, 12, 13, tzinfo=UTC))
    registration, *probes = sign(article, OPTIONS, partitions)
    assert isinstance(registration.value, Registration)
    assert all(isinstance(output.value, Probe) for output in probes)
    return registration.value, [(output.partition, output.value) for output in probes]  # type: ignore[misc]


def test_each_partition_gets_one_probe_with_the_buckets_it_owns() -> None:
    registration, probes = signed(partitions=4)
    buckets = [bucket for _, probe in probes for bucket in probe.buckets]
    assert OPTIONS.bands + 1 == len(buckets) == len(set(buckets))
    assert sum(bucket.startswith(EXACT_PREFIX) for bucket in buckets) == 1
    assert len({partition for partition, _ in probes}) == len(probes) == registration.probes
    assert 1 < registration.probes <= 4, "17 buckets over 4 partitions reach more than one"
    for partition, probe in probes:
        assert all(owning_partition(bucket, 4) == partition for bucket in probe.buckets)


def test_one_partition_takes_every_bucket_in_one_probe() -> None:
    registration, probes = signed(partitions=1)
    [(partition, probe)] = probes
    assert partition == 0 and registration.probes == 1 and len(probe.buckets) == OPTIONS.bands + 1


def test_a_bucket_has_the_same_owner_whoever_signs() -> None:
    assert [owning_partition(f"{band}:00ff", 8) for band in range(16)] == [
        owning_partition(f"{band}:00ff", 8) for band in range(16)
    ]
    assert len({owning_partition(f"{band}:00ff", 8) for band in range(16)}) > 1, "buckets spread over partitions"
