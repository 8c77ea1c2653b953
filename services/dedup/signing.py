"""Stage 1, keyed by article: the article's signature, one probe per LSH band plus its exact-text key."""

from __future__ import annotations

from services.config import DedupOptions
from services.dedup.minhash import band_buckets, signature, sketch
from services.dedup.protocol import Probe, Registration
from services.dedup.shingles import dedup_tokens, exact_fingerprint, word_shingles
from services.messages import CleanArticle
from services.outputs import Output

EXACT_PREFIX = "exact:"


def sign(article: CleanArticle, options: DedupOptions) -> list[Output]:
    """The registration (to the decision stage) first, then the probes: the decision never sees an answer early."""
    tokens = dedup_tokens(article.text)
    sig = signature(word_shingles(tokens, options.shingle_size), options.num_perm)
    compact = sketch(sig)
    buckets = [*band_buckets(sig, options.bands), EXACT_PREFIX + exact_fingerprint(tokens)]
    registration = Registration(article=article, probes=len(buckets))
    probes = [
        Probe(
            bucket=bucket,
            article_id=article.article_id,
            seen_at=article.received_at,
            sketch="" if bucket.startswith(EXACT_PREFIX) else compact,
        )
        for bucket in buckets
    ]
    return [
        Output("dedup_decisions", article.article_id, registration),
        *(Output("dedup_probes", probe.bucket, probe) for probe in probes),
    ]
