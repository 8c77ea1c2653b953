"""MinHash signatures (rensa) and their LSH band buckets."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import rensa

# Fixed so that every worker, and every restart, computes the same signature for the same text.
_SEED = 20251213


@dataclass(frozen=True, slots=True)
class Signature:
    digest: np.ndarray
    """uint32 MinHash values, one per permutation."""

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity: the share of permutations whose minimum agrees."""
        return float(np.count_nonzero(self.digest == other.digest)) / len(self.digest)


def signature(shingles: list[str], num_perm: int) -> Signature:
    minhash = rensa.RMinHash(num_perm=num_perm, seed=_SEED)
    minhash.update(shingles)
    return Signature(np.asarray(minhash.digest(), dtype=np.uint32))


def band_buckets(sig: Signature, bands: int) -> list[str]:
    """One bucket key per band, ``band_no:bucket_hash``; two signatures sharing any key are candidates."""
    rows = len(sig.digest) // bands
    keys = []
    for band in range(bands):
        chunk = sig.digest[band * rows : (band + 1) * rows].tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


# One byte per permutation keeps a bucket's copy of a signature small (b-bit MinHash, b = 8):
# 128 bytes instead of 512, and every band bucket holds one.
_SKETCH_COLLISION = 1 / 256


def sketch(sig: Signature) -> str:
    return (sig.digest & 0xFF).astype(np.uint8).tobytes().hex()


def sketch_similarity(left: str, right: str) -> float:
    """Estimated Jaccard similarity from two sketches, corrected for chance byte collisions."""
    a = np.frombuffer(bytes.fromhex(left), dtype=np.uint8)
    b = np.frombuffer(bytes.fromhex(right), dtype=np.uint8)
    agreeing = float(np.count_nonzero(a == b)) / len(a)
    return max(0.0, (agreeing - _SKETCH_COLLISION) / (1 - _SKETCH_COLLISION))
