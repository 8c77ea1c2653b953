"""Stage 1, keyed by article: the article's signature, probed in every LSH band bucket and its exact-text key."""

from __future__ import annotations

from collections import defaultdict

from services.common.partitioning import owning_partition
from services.config import DedupOptions
from services.contract.messages import CleanArticle
from services.contract.outputs import Output
from services.dedup.minhash import band_buckets, signature, sketch
from services.dedup.protocol import Probe, Registration
from services.dedup.shingles import dedup_tokens, exact_fingerprint, word_shingles
from services.dedup.versions import is_withdrawal

EXACT_PREFIX = "exact:"


def sign(article: CleanArticle, options: DedupOptions, partitions: int) -> list[Output]:
    """The registration (to the decision stage) first, then one probe per probes partition that owns some of the
    article's buckets: the decision never sees an answer early. A withdrawal is not probed: it is no text to
    match (often none at all, and every empty withdrawal would be an exact copy of the others)."""
    if is_withdrawal(article):
        return [Output("dedup_decisions", article.article_id, Registration(article=article, probes=0))]
    tokens = dedup_tokens(article.text)
    sig = signature(word_shingles(tokens, options.shingle_size), options.num_perm)
    compact = sketch(sig)
    buckets = [*band_buckets(sig, options.bands), EXACT_PREFIX + exact_fingerprint(tokens)]
    by_partition: dict[int, list[str]] = defaultdict(list)
    for bucket in buckets:
        by_partition[owning_partition(bucket, partitions)].append(bucket)
    registration = Registration(article=article, probes=len(by_partition))
    return [
        Output("dedup_decisions", article.article_id, registration),
        *(
            Output("dedup_probes", article.article_id,
                   Probe(buckets=owned, article_id=article.article_id, seen_at=article.received_at, sketch=compact),
                   partition=partition)
            for partition, owned in sorted(by_partition.items())
        ),
    ]
