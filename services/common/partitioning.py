"""Which partition owns a key, for the stages that address partitions themselves (dedup's buckets, stories' shards)."""

from __future__ import annotations

import hashlib

from aiokafka.partitioner import murmur2


def owning_partition(key: str, partitions: int) -> int:
    """The same partition on every worker and after every restart (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % partitions


def keyed_partition(key: str, partitions: int) -> int:
    """The partition the producer's default partitioner gives a message keyed ``key`` (Kafka's murmur2, as aiokafka
    and the Java client compute it): where a stage's keyed output, ``news.articles.enriched`` by article id, lands.
    The embedded mode uses it to keep per-partition state as a worker fleet does."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions
