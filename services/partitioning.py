"""Which partition owns a key, for the stages that address partitions themselves (dedup's buckets, stories' shards)."""

from __future__ import annotations

import hashlib


def owning_partition(key: str, partitions: int) -> int:
    """The same partition on every worker and after every restart (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % partitions
