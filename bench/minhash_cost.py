"""MinHash speed and accuracy (rensa, datasketch, ours), and the dedup stages' cost as their state grows.

    python -m bench.minhash_cost [--seed 0] [--eval-dir DIR] [--min-growth 200000] [--growth-budget-s 150]
                                 [--flood 5000] [--max-rss-gb 6] [--report bench/reports/dedup_cost.md]

Part 1 times 128-permutation MinHash signatures of the syndication corpus texts (``bench.syndication``),
shingling included, in CPU time of this one process, for every implementation in the same run, and
checks each one's estimated Jaccard against the true Jaccard of the labelled (original, copy) pairs.

Part 2 feeds distinct synthetic articles (sentences of the real originals recombined, a random number
in every sentence) to ``EmbeddedDedup`` (the three dedup stages wired in memory) and measures, at each
size reached, the CPU cost per ``process`` over the last 10,000 articles, the state's size as the JSON
rows of its ``buckets`` and ``decided`` tables (what the workers' RocksDB stores and changelogs hold;
sampled) and as resident memory, and times one expiry pass apart (``EmbeddedDedup`` runs one per minute
of event time: the bucket sweep and the ``decided`` expiry, both driven by their ``ExpiryIndex``). It also follows the state past the window, and floods the dedup with
copies of one short boilerplate text. The growth run always reaches ``--min-growth`` articles (unless
the memory limit stops it) and goes on while ``--growth-budget-s`` allows; nothing is extrapolated.
Skips cleanly when the evaluation data is absent.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import importlib.metadata
import math
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import rensa

from bench.report_file import write_report
from bench.syndication import DEFAULT_EVAL_DIR, SHINGLE_SIZE, LabelledArticle, corpus, negative_pairs, originals
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupStatus, DedupVerdict
from services.contract.outputs import Output
from services.dedup.embedded import EmbeddedDedup
from services.dedup.minhash import _SEED, band_buckets, signature
from services.dedup.shingles import dedup_tokens, exact_fingerprint, word_shingles
from services.runtime.json_rows import PartitionedRows

try:
    from datasketch import MinHash
except ImportError:  # datasketch is a bench-only comparison, not a service dependency
    MinHash = None

NUM_PERM = 128
BLOCK = 10_000
CHECKPOINTS = (10_000, 50_000, 100_000, 200_000, 300_000, 400_000, 500_000, 600_000, 700_000, 800_000, 900_000,
               1_000_000)
STATE_SAMPLE = 5_000
"""Rows per table whose JSON is measured at each checkpoint (all of them when the table is smaller)."""
T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)


# ---- part 1: signatures --------------------------------------------------------


def shingles_of(text: str) -> list[str]:
    return word_shingles(dedup_tokens(text), SHINGLE_SIZE)


def _ours(shingles: list[str]) -> np.ndarray:
    return signature(shingles, NUM_PERM).digest


def _rensa(shingles: list[str]) -> np.ndarray:
    minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update(shingles)
    return minhash.digest()


def _rensa_batch(sets: Sequence[list[str]]) -> list[np.ndarray]:
    return rensa.RMinHash.digests_from_token_sets(sets, NUM_PERM, _SEED)


def _cminhash(shingles: list[str]) -> np.ndarray:
    minhash = rensa.CMinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update(shingles)
    return minhash.digest()


def _datasketch_update(shingles: list[str]) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    for shingle in shingles:
        minhash.update(shingle.encode("utf-8"))
    return minhash.hashvalues


def _datasketch_update_batch(shingles: list[str]) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return minhash.hashvalues


def _datasketch_bulk(sets: Sequence[list[str]]) -> list[np.ndarray]:
    encoded = [[shingle.encode("utf-8") for shingle in shingles] for shingles in sets]
    return [m.hashvalues for m in MinHash.bulk(encoded, num_perm=NUM_PERM, seed=1)]


@dataclass(frozen=True, slots=True)
class Implementation:
    name: str
    one: Callable[[list[str]], np.ndarray] | None = None
    """Signature of one shingle list."""
    many: Callable[[Sequence[list[str]]], list[np.ndarray]] | None = None
    """Signatures of many shingle lists in one call."""
    note: str = ""

    def run(self, sets: Sequence[list[str]]) -> list[np.ndarray]:
        if self.many is not None:
            return [np.asarray(d) for d in self.many(sets)]
        assert self.one is not None
        return [np.asarray(self.one(s)) for s in sets]

    def run_from_texts(self, texts: Sequence[str]) -> list[np.ndarray]:
        if self.many is not None:
            return [np.asarray(d) for d in self.many([shingles_of(t) for t in texts])]
        assert self.one is not None
        one = self.one
        return [np.asarray(one(shingles_of(t))) for t in texts]


def implementations() -> list[Implementation]:
    found = [
        Implementation("ours: `services.dedup.minhash.signature`", one=_ours, note="rensa RMinHash + uint32 array"),
        Implementation("rensa `RMinHash` (update list, digest)", one=_rensa, note="what `signature` wraps"),
        Implementation("rensa `RMinHash.digests_from_token_sets`", many=_rensa_batch, note="rensa's batch call"),
        Implementation("rensa `CMinHash`", one=_cminhash, note="rensa's C-MinHash, for reference"),
    ]
    if MinHash is not None:
        found += [
            Implementation("datasketch `MinHash.update` per shingle", one=_datasketch_update, note="sha1_hash32"),
            Implementation("datasketch `MinHash.update_batch`", one=_datasketch_update_batch, note="sha1_hash32"),
            Implementation("datasketch `MinHash.bulk`", many=_datasketch_bulk, note="sha1_hash32"),
        ]
    return found


@dataclass
class Speed:
    impl: Implementation
    with_shingling: float = 0.0
    """Signatures per CPU second, from the text (dedup_tokens + word_shingles + MinHash)."""
    minhash_only: float = 0.0
    """Signatures per CPU second, from ready shingle lists."""
    mae: float = 0.0
    bias: float = 0.0
    max_error: float = 0.0
    negative_mae: float = 0.0
    """MAE on pairs of distinct articles (different originals)."""
    digests: list[np.ndarray] = field(default_factory=list)


def _seconds(work: Callable[[], object]) -> tuple[float, object]:
    began = time.process_time()
    result = work()
    return time.process_time() - began, result


def slice_shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> list[str]:
    """The straightforward definition: join each window of ``size`` tokens, sliced out of the list."""
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def zip_shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> list[str]:
    """The same shingles, built by zipping shifted token lists (no slice per window)."""
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return list(map(" ".join, zip(*(tokens[i:] for i in range(size)))))


def breakdown(articles: Sequence[LabelledArticle], rounds: int = 7) -> dict[str, float]:
    """CPU µs per text of each step of one signature, best of ``rounds`` interleaved rounds (every step once
    per round, so that a burst of load elsewhere does not favour one step)."""
    texts = [a.text for a in articles]
    tokens = [dedup_tokens(t) for t in texts]
    sets = [word_shingles(t, SHINGLE_SIZE) for t in tokens]
    assert all(zip_shingles(t) == s and slice_shingles(t) == s for t, s in zip(tokens, sets))
    sigs = [signature(s, NUM_PERM) for s in sets]
    steps: dict[str, Callable[[], object]] = {
        "`dedup_tokens` (NFKC, casefold, `\\w+`)": lambda: [dedup_tokens(t) for t in texts],
        "`word_shingles` (the service's)": lambda: [word_shingles(t, SHINGLE_SIZE) for t in tokens],
        "same shingles by slice-join (one `tokens[i:i+5]` slice per window)": lambda: [
            slice_shingles(t) for t in tokens],
        "same shingles by zip-join (`map(' '.join, zip(...))` of 5 shifted lists)": lambda: [
            zip_shingles(t) for t in tokens],
        "`signature` (rensa RMinHash, 128)": lambda: [signature(s, NUM_PERM) for s in sets],
        "`band_buckets` (16 blake2b keys)": lambda: [band_buckets(g, 16) for g in sigs],
        "`exact_fingerprint` (sha256 of tokens)": lambda: [exact_fingerprint(t) for t in tokens],
    }
    best = dict.fromkeys(steps, math.inf)
    for _ in range(rounds):
        for name, step in steps.items():
            best[name] = min(best[name], _seconds(step)[0])
    return {name: seconds / len(texts) * 1e6 for name, seconds in best.items()}


def measure_speed(articles: Sequence[LabelledArticle], rounds: int = 3) -> tuple[list[Speed], float, float]:
    """Signatures per CPU second, best of ``rounds`` interleaved rounds (one round for implementations
    slower than 1,000 signatures a second, where noise does not matter), and each one's accuracy."""
    texts = [a.text for a in articles]
    sets = [shingles_of(t) for t in texts]
    index_of = {a.article_id: i for i, a in enumerate(articles)}
    pairs = [(index_of[a.group], index_of[a.article_id], a.true_jaccard_to_original) for a in articles
             if not a.is_original]
    distinct = negative_pairs(articles, 2000)
    sig0 = signature(sets[0], NUM_PERM)
    speeds = [Speed(impl) for impl in implementations()]
    best: dict[tuple[str, str], float] = {}
    shingling_best = buckets_best = math.inf
    for round_no in range(rounds):
        shingling_best = min(shingling_best, _seconds(lambda: [shingles_of(t) for t in texts])[0])
        buckets_best = min(buckets_best, _seconds(lambda: [band_buckets(sig0, 16) for _ in texts])[0])
        for speed in speeds:
            impl = speed.impl
            if round_no and best[impl.name, "only"] > len(texts) / 1000:
                continue  # slow: one round is plenty
            if not round_no:
                impl.run(sets[:20])  # warm-up: permutation tables, caches
            spent, digests = _seconds(lambda impl=impl: impl.run(sets))
            best[impl.name, "only"] = min(best.get((impl.name, "only"), math.inf), spent)
            spent, _ = _seconds(lambda impl=impl: impl.run_from_texts(texts))
            best[impl.name, "text"] = min(best.get((impl.name, "text"), math.inf), spent)
            speed.digests = digests  # type: ignore[assignment]
    for speed in speeds:
        speed.minhash_only = len(texts) / best[speed.impl.name, "only"]
        speed.with_shingling = len(texts) / best[speed.impl.name, "text"]
        errors = [float(np.count_nonzero(speed.digests[i] == speed.digests[j])) / NUM_PERM - truth
                  for i, j, truth in pairs]
        speed.mae = sum(abs(e) for e in errors) / len(errors)
        speed.bias = sum(errors) / len(errors)
        speed.max_error = max(abs(e) for e in errors)
        negative = [abs(float(np.count_nonzero(speed.digests[index_of[p.first]] == speed.digests[index_of[p.second]]))
                        / NUM_PERM - p.true_jaccard) for p in distinct]
        speed.negative_mae = sum(negative) / len(negative)
    return speeds, len(texts) / shingling_best, len(texts) / buckets_best


# ---- part 2: the dedup stages' state growth ------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


class GcTimer:
    """Wall time spent in Python's garbage collector while active (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


class SyntheticArticles:
    """Distinct, realistic-length articles: real sentences recombined, each carrying a random number."""

    def __init__(self, texts: Sequence[str], seed: int) -> None:
        self._rng = random.Random(seed)
        self._halves: list[tuple[str, str]] = []
        self._lengths: list[int] = []
        for text in texts:
            sentences = [s for s in _SENTENCE_END.split(text.replace("\n", " ")) if len(s.split()) >= 4]
            self._lengths.append(max(3, len(sentences)))
            for sentence in sentences:
                words = sentence.split()
                cut = len(words) // 2
                self._halves.append((" ".join(words[:cut]), " ".join(words[cut:])))
        self._made = 0

    @property
    def sentences(self) -> int:
        return len(self._halves)

    def text(self) -> str:
        rng = self._rng
        picked = [rng.choice(self._halves) for _ in range(rng.choice(self._lengths))]
        sentences = [f"{head} {rng.randint(10, 9_999_999)} {tail}" for head, tail in picked]
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        return "\n\n".join(paragraphs)

    def block(self, count: int) -> list[CleanArticle]:
        out = []
        for _ in range(count):
            n = self._made
            self._made += 1
            out.append(CleanArticle(
                article_id=f"syn-{n:08d}", source="synthetic", text=self.text(), word_count=0,
                extractor="plain_text", received_at=T0 + timedelta(seconds=0.5 * n),
            ))
        return out


def _release_free_memory() -> None:
    """Collect garbage and hand freed heap back to the OS, so that RSS counts live memory only."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: RSS keeps some freed memory, at most about one block
        pass


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def expiry_pass_seconds(dedup: EmbeddedDedup, at: datetime) -> float:
    """CPU seconds of one expiry pass at ``at`` (the stage's expiry clock on partition 0, the embedded mode's only one):
    the bucket sweep and the expiry tick of ``decided``."""
    began = time.process_time()
    dedup.expire(at)
    return time.process_time() - began


def flagged_in(outputs: Sequence[Output]) -> int:
    return sum(1 for o in outputs if isinstance(o.value, DedupVerdict) and o.value.status is not DedupStatus.UNIQUE)


@dataclass(frozen=True, slots=True)
class StateBytes:
    bucket_rows: int
    bucket_members: int
    bucket_bytes: float
    decided_rows: int
    decided_bytes: float
    pending_rows: int
    sampled: bool
    """Totals estimated from STATE_SAMPLE rows per table (mean × rows); exact when False."""

    def per_article(self, articles: int) -> float:
        return (self.bucket_bytes + self.decided_bytes) / articles


def _table_bytes(table: PartitionedRows, rng: random.Random, sample: int | None) -> tuple[float, bool]:
    if sample is None or len(table) <= sample:
        return float(sum(table.stored_bytes(k) for k in table)), False
    keys = rng.sample(list(table), sample)
    return sum(table.stored_bytes(k) for k in keys) / sample * len(table), True


def state_bytes(dedup: EmbeddedDedup, rng: random.Random, sample: int | None = STATE_SAMPLE) -> StateBytes:
    """JSON bytes of the bucket and decided tables; ``sample=None`` serialises every row."""
    bucket_bytes, sampled_b = _table_bytes(dedup.buckets, rng, sample)
    decided_bytes, sampled_d = _table_bytes(dedup.decided, rng, sample)
    return StateBytes(
        bucket_rows=len(dedup.buckets),
        bucket_members=sum(len(row["members"]) for row in dedup.buckets.values()),
        bucket_bytes=bucket_bytes,
        decided_rows=len(dedup.decided),
        decided_bytes=decided_bytes,
        pending_rows=len(dedup.pending),
        sampled=sampled_b or sampled_d,
    )


@dataclass(frozen=True, slots=True)
class GrowthPoint:
    size: int
    us_per_article: float
    """CPU µs per ``process`` over the last BLOCK articles."""
    us_median: float
    """Median over the ten 1,000-article parts of those: robust to bursts of interference."""
    us_gc: float
    """Of which in the garbage collector (wall time of its runs during those articles)."""
    state: StateBytes
    rss_per_article: float
    rss_total: int
    flagged: int
    """Synthetic articles (all distinct) that got a duplicate verdict so far."""
    expiry_us: float
    """CPU µs of one expiry pass at this size (nothing is due: every article is inside the window)."""
    elapsed: float


def measure_growth(
    texts: Sequence[str], seed: int, min_size: int, budget_s: float, max_rss: int, max_size: int = CHECKPOINTS[-1]
) -> tuple[list[GrowthPoint], str, int, float, StateBytes | None]:
    """Feed blocks until max_size, the memory limit, or (past min_size) the time budget.

    Returns (points, why it stopped, size, words per article, the exact JSON bytes at the first checkpoint).
    """
    options = DedupOptions()
    source = SyntheticArticles(texts, seed)
    dedup = EmbeddedDedup(options)
    sample = SyntheticArticles(texts, seed + 2)
    words = sum(len(dedup_tokens(sample.text())) for _ in range(1000)) / 1000
    rng = random.Random(seed)
    _release_free_memory()
    baseline = rss_bytes()
    began = time.monotonic()
    points, flagged, size, last_block_s, exact_first = [], 0, 0, 0.0, None
    stop = f"reached {max_size:,} articles"
    while size < max_size:
        if size >= min_size and time.monotonic() - began + last_block_s > budget_s:
            stop = f"time budget: the next block would pass {budget_s:.0f} s of wall time"
            break
        block_began = time.monotonic()
        block = source.block(BLOCK)
        sub_blocks = []
        with GcTimer() as in_gc:
            for first in range(0, len(block), BLOCK // 10):
                started = time.process_time()
                for article in block[first : first + BLOCK // 10]:
                    flagged += flagged_in(dedup.process(article))
                sub_blocks.append(time.process_time() - started)
        spent = sum(sub_blocks)
        median_us = statistics.median(sub_blocks) / (BLOCK // 10) * 1e6
        last_at = block[-1].received_at
        size += len(block)
        del block
        last_block_s = time.monotonic() - block_began
        if size in CHECKPOINTS:
            _release_free_memory()
        rss = rss_bytes()
        last = size in CHECKPOINTS or rss > max_rss
        if last:
            if exact_first is None:
                exact_first = state_bytes(dedup, rng, None)
            points.append(GrowthPoint(
                size, spent / BLOCK * 1e6, median_us, in_gc.seconds / BLOCK * 1e6, state_bytes(dedup, rng),
                (rss - baseline) / size, rss, flagged, expiry_pass_seconds(dedup, last_at) * 1e6,
                time.monotonic() - began,
            ))
        if rss > max_rss:
            stop = f"memory limit: RSS {rss / 2**30:.2f} GB > {max_rss / 2**30:.1f} GB"
            break
    if points and points[-1].size != size:
        _release_free_memory()
        rss = rss_bytes()
        points.append(GrowthPoint(
            size, spent / BLOCK * 1e6, median_us, in_gc.seconds / BLOCK * 1e6, state_bytes(dedup, rng),
            (rss - baseline) / size, rss, flagged, expiry_pass_seconds(dedup, last_at) * 1e6,
            time.monotonic() - began,
        ))
    del dedup
    gc.collect()
    return points, stop, size, words, exact_first


@dataclass(frozen=True, slots=True)
class PastWindow:
    window_articles: int
    """Articles that arrive within one window (articles 0.5 s apart)."""
    articles: int
    decided_rows: int
    bucket_rows: int
    bucket_members: int
    expired_members: int
    """Bucket members first seen before the window's start at the end of the run."""
    expired_rows: int
    """Bucket rows all of whose members are older than the window."""
    us_first_window: float
    """CPU µs per ``process`` in the first window, when nothing expires yet."""
    us_last_window: float
    """In the last window, when every minute's sweep forgets what arrived a window earlier."""
    index_rows: int
    """Rows of both expiry indexes at the end."""


def measure_past_window(texts: Sequence[str], seed: int, window_articles: int = 1_200, windows: int = 5) -> PastWindow:
    """Distinct articles over several windows (a window shrunk to ``window_articles`` × 0.5 s): what is left
    of the state that is older than the window."""
    window_s = window_articles * 0.5
    options = DedupOptions(window_days=window_s / 86_400)
    dedup = EmbeddedDedup(options)
    articles = SyntheticArticles(texts, seed + 4).block(window_articles * windows)
    window_seconds = []
    for first in range(0, len(articles), window_articles):
        began = time.process_time()
        for article in articles[first : first + window_articles]:
            dedup.process(article)
        window_seconds.append(time.process_time() - began)
    horizon = articles[-1].received_at - timedelta(seconds=window_s)
    expired_members = expired_rows = 0
    for row in dedup.buckets.values():
        members = row["members"]
        old = sum(1 for entry in members if datetime.fromisoformat(entry["member"]["seen_at"]) < horizon)
        expired_members += old
        expired_rows += old == len(members)
    return PastWindow(
        window_articles=window_articles,
        articles=len(articles),
        decided_rows=len(dedup.decided),
        bucket_rows=len(dedup.buckets),
        bucket_members=sum(len(row["members"]) for row in dedup.buckets.values()),
        expired_members=expired_members,
        expired_rows=expired_rows,
        us_first_window=window_seconds[0] / window_articles * 1e6,
        us_last_window=window_seconds[-1] / window_articles * 1e6,
        index_rows=len(dedup.bucket_expiry) + len(dedup.decided_expiry),
    )


def traced_bytes_per_article(texts: Sequence[str], seed: int, count: int = 2000) -> tuple[float, float, StateBytes]:
    """Python-heap bytes of the stages' state per article (tracemalloc), the ``decided`` table's share of it,
    and the exact JSON bytes of the same state."""
    block = SyntheticArticles(texts, seed + 1).block(count)
    gc.collect()
    tracemalloc.start()
    dedup = EmbeddedDedup(DedupOptions())
    before = tracemalloc.get_traced_memory()[0]
    for article in block:
        dedup.process(article)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    dedup.decided.clear()
    gc.collect()
    without_decided = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del dedup
    dedup = EmbeddedDedup(DedupOptions())
    for article in block:
        dedup.process(article)
    return (after - before) / count, (after - without_decided) / count, state_bytes(dedup, random.Random(0), None)


# ---- part 3: a bucket shared by thousands of articles -----------------------------

BOILERPLATE_TEXT = (
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox. By subscribing "
    "you agree to our terms of service and privacy policy, and you can unsubscribe at any time. Follow us on "
    "social media for breaking news, live updates and exclusive offers from our partners."
)
BOILERPLATE_KINDS = ("exact", "typography", "dateline", "outlet", "one_word")


def boilerplate_flood(count: int, seed: int) -> list[tuple[str, CleanArticle]]:
    """``count`` copies of one short boilerplate text, one second apart: exact copies, typography variants (the
    same dedup tokens), and near copies (a dateline appended, an outlet name prefixed, one word replaced)."""
    rng = random.Random(seed)
    words = BOILERPLATE_TEXT.split()
    out = []
    for n in range(count):
        kind = rng.choices(BOILERPLATE_KINDS, weights=(20, 15, 25, 20, 20))[0]
        text = BOILERPLATE_TEXT
        if kind == "typography":
            text = rng.choice((text.upper(), text.replace("'", "\u2019"), text.replace(". ", ".  "), text.lower()))
        elif kind == "dateline":
            hour, minute = rng.randint(0, 23), rng.randint(0, 59)
            text = f"{text} Updated {rng.randint(1, 28)} December 2025, {hour:02d}:{minute:02d}."
        elif kind == "outlet":
            text = f"{rng.choice(('Metro Wire', 'The Daily Courier', 'NewsDesk Online', 'City Post'))}: {text}"
        elif kind == "one_word":
            at = rng.randrange(len(words))
            replacement = rng.choice(("weekly", "evening", "latest", "free", "daily"))
            text = " ".join([*words[:at], replacement, *words[at + 1 :]])
        out.append((kind, CleanArticle(
            article_id=f"bp-{n:06d}", source="boilerplate", text=text, word_count=0, extractor="plain_text",
            received_at=T0 + timedelta(seconds=n),
        )))
    return out


@dataclass(frozen=True, slots=True)
class FloodResult:
    label: str
    articles: int
    us_filling: float
    """CPU µs per ``process`` over the first ``max_bucket_members`` articles (shared buckets not yet full)."""
    us_first: float
    """Over the first FLOOD_PART articles."""
    us_last: float
    """Over the last FLOOD_PART articles."""
    us_parts: list[float]
    largest_bucket: int
    full_buckets: int
    """Bucket rows at ``max_bucket_members``."""
    bucket_rows: int
    bucket_members: int
    largest_row_bytes: int
    verdicts: dict[str, int]
    seconds: float


FLOOD_PART = 500


def measure_flood(flood: Sequence[tuple[str, CleanArticle]], options: DedupOptions, label: str) -> FloodResult:
    dedup = EmbeddedDedup(options)
    began = time.monotonic()
    verdicts: Counter[str] = Counter()
    spent = []
    for _, article in flood:
        started = time.process_time()
        outputs = dedup.process(article)
        spent.append(time.process_time() - started)
        for output in outputs:
            if isinstance(output.value, DedupVerdict):
                verdicts[output.value.status.value] += 1
    parts = [statistics.fmean(spent[i : i + FLOOD_PART]) * 1e6 for i in range(0, len(spent), FLOOD_PART)]
    limit = options.max_bucket_members
    largest_key = max(dedup.buckets, key=lambda k: len(dedup.buckets[k]["members"]))
    return FloodResult(
        label=label,
        articles=len(flood),
        us_filling=statistics.fmean(spent[:limit]) * 1e6,
        us_first=parts[0],
        us_last=parts[-1],
        us_parts=parts,
        largest_bucket=len(dedup.buckets[largest_key]["members"]),
        full_buckets=sum(1 for row in dedup.buckets.values() if len(row["members"]) >= limit),
        bucket_rows=len(dedup.buckets),
        bucket_members=sum(len(row["members"]) for row in dedup.buckets.values()),
        largest_row_bytes=dedup.buckets.stored_bytes(largest_key),
        verdicts=dict(verdicts),
        seconds=time.monotonic() - began,
    )


def ideal_mae(truths: Sequence[float], num_perm: int = NUM_PERM) -> float:
    """Expected MAE of an ideal MinHash (num_perm independent permutations: a binomial share) at these Jaccards."""
    total = 0.0
    for j in truths:
        total += sum(math.comb(num_perm, k) * j**k * (1 - j) ** (num_perm - k) * abs(k / num_perm - j)
                     for k in range(num_perm + 1))
    return total / len(truths)


# ---- the report ---------------------------------------------------------------


def evaluate(
    seed: int, eval_dir: Path, *, min_growth: int, budget_s: float, max_rss: int,
    flood_count: int = 5000,
) -> str:
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    articles = corpus(seed, eval_dir)
    copies = sum(1 for a in articles if not a.is_original)
    speeds, shingling, buckets_per_s = measure_speed(articles)
    steps = breakdown(articles)
    ours = speeds[0]
    same_as_ours = {s.impl.name: all(np.array_equal(a.astype(np.uint32), b) for a, b in zip(s.digests, ours.digests))
                    for s in speeds}
    datasketch_same = [s for s in speeds if s.impl.name.startswith("datasketch")]
    datasketch_agree = all(
        all(np.array_equal(a, b) for a, b in zip(s.digests, datasketch_same[0].digests)) for s in datasketch_same
    )
    mean_shingles = sum(len(shingles_of(a.text)) for a in articles) / len(articles)
    expected_mae = ideal_mae([a.true_jaccard_to_original for a in articles if not a.is_original])
    part1_s = time.monotonic() - began

    texts = [text for _, text in originals(eval_dir)]
    traced_count = 2000
    traced, traced_decided, traced_json = traced_bytes_per_article(texts, seed, traced_count)
    points, stop, reached, words, exact_first = measure_growth(texts, seed, min_growth, budget_s, max_rss)
    past = measure_past_window(texts, seed)
    pool = SyntheticArticles(texts, seed).sentences
    flood_options = DedupOptions()
    flood = boilerplate_flood(flood_count, seed)
    floods = [measure_flood(flood, flood_options, "`EmbeddedDedup`")]
    flood_kinds = Counter(kind for kind, _ in flood)
    flood_words = len(dedup_tokens(BOILERPLATE_TEXT))

    def version(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    lines = [
        "# Dedup cost: MinHash implementations and the dedup stages' growth",
        "",
        f"Generated by `python -m bench.minhash_cost --seed {seed} --min-growth {min_growth}` on {datetime.now(UTC):%Y-%m-%d}; "
        f"{os.cpu_count()} cores, one process, CPU time (`time.process_time`) unless stated. "
        f"rensa {version('rensa')}, datasketch {version('datasketch')}, numpy {np.__version__}, "
        f"Python {sys.version.split()[0]}.",
        "",
        "## MinHash signatures (128 permutations)",
        "",
        f"Texts: the {len(articles)} articles of the syndication corpus (seed {seed}), {mean_shingles:.0f} "
        "5-word shingles on average. *With shingling* = `dedup_tokens` + `word_shingles` + MinHash from the text; "
        "*MinHash only* = from ready shingle lists (datasketch's rows include encoding shingles to bytes, which it "
        "needs). Best of 3 interleaved rounds over all texts (one round for datasketch's per-shingle update). "
        f"Shingling alone: {shingling:,.0f} texts/s per core ({1e6 / shingling:.0f} µs per text). "
        f"Accuracy: estimated Jaccard (share of equal digest values) minus the true 5-shingle Jaccard, over the "
        f"{copies} labelled (original, copy) pairs, and over 2,000 pairs of distinct articles (true J ≈ 0).",
        "",
        "| implementation | signatures/s per core, with shingling | MinHash only | µs per text, with shingling "
        "| MAE vs true J (copies) | mean error | max error | MAE on distinct pairs | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in speeds:
        lines.append(
            f"| {s.impl.name} | {s.with_shingling:,.0f} | {s.minhash_only:,.0f} | {1e6 / s.with_shingling:.0f} | "
            f"{s.mae:.4f} | {s.bias:+.4f} | {s.max_error:.3f} | {s.negative_mae:.4f} | {s.impl.note} |"
        )
    fastest = max(speeds, key=lambda s: s.minhash_only)
    fastest_all = max(speeds, key=lambda s: s.with_shingling)
    slowest_correct_ds = [s for s in speeds if s.impl.name.startswith("datasketch")]
    lines += [
        "",
        f"- Fastest MinHash alone: {fastest.impl.name}, {fastest.minhash_only:,.0f}/s "
        f"({1e6 / fastest.minhash_only:.1f} µs); fastest from the text: {fastest_all.impl.name}, "
        f"{fastest_all.with_shingling:,.0f}/s. For ours, MinHash is "
        f"{ours.with_shingling / ours.minhash_only:.0%} of the time per text; shingling is the rest.",
        f"- An ideal 128-permutation MinHash (a binomial share of independent permutations) would have an "
        f"expected MAE of {expected_mae:.4f} on these pairs.",
        f"- Ours gives the same digests as rensa `RMinHash` called directly: "
        f"{'yes' if same_as_ours[speeds[1].impl.name] else 'NO'}; as rensa's batch call: "
        f"{'yes' if same_as_ours[speeds[2].impl.name] else 'NO'}."
        + (f" datasketch's update, update_batch and bulk give identical values: {'yes' if datasketch_agree else 'NO'}."
           if slowest_correct_ds else " datasketch is not installed: its rows are missing."),
        f"- 16 band bucket keys (`band_buckets`) of one signature: {1e6 / buckets_per_s:.1f} µs.",
        "",
        "Where one article's signing work goes (CPU µs per text, best of 7 interleaved rounds, corpus texts). "
        "`word_shingles` builds its shingles by zip-join; the slice-join row is its former definition (the same "
        "output: `tests/unit/dedup/test_shingles.py`, and asserted on these texts).",
        "",
        "| step | µs per text |",
        "|---|---|",
        *[f"| {name} | {us:.1f} |" for name, us in steps.items()],
        "",
        "## Dedup stages: cost and state as they grow",
        "",
        f"Synthetic articles: {pool:,} sentences of the {len(texts)} real originals, recombined (as many sentences "
        f"as a real original has, drawn at random; {words:.0f} dedup words per article on average), a random "
        "number inserted in every sentence so that no two collide: every article is unique, so each one adds its "
        f"{DedupOptions().bands} band buckets and its `exact:` bucket as new rows. Default `DedupOptions`; articles "
        "0.5 s apart, all inside the 7-day window (nothing expires); article generation outside the timed part. "
        "Cost = CPU µs per `EmbeddedDedup.process`: signing (tokens, shingles, signature, sketch, bucket keys), "
        "every probe answered by the bucket stage, the registration and answers decided, the settle tick, each "
        "message through its JSON encoding as on Kafka; garbage collection on, as in the service.",
        "",
    ]
    first = points[0] if points else None
    lines += [
        "### Growth",
        "",
        "One `EmbeddedDedup`; once a minute of event time (here every 120 articles) it runs an expiry pass (the "
        "bucket sweep and the `decided` expiry, each reading only the keys its `ExpiryIndex` says were written a "
        "window ago), and those passes are in the cost; one pass is also timed apart at each checkpoint (last "
        f"column). {BLOCK:,}-article blocks. **JSON** = bytes of the rows of `buckets` + `decided` "
        "(key UTF-8 + value as compact JSON, as Faust's json codec writes them): what each worker's RocksDB store "
        f"and the changelog topics hold, estimated from {STATE_SAMPLE:,} random rows per table at each checkpoint "
        "(mean × rows). **RSS** = (RSS − RSS before the first article) / articles, after `gc.collect()` and "
        f"`malloc_trim(0)`. The run always goes to {min_growth:,} articles (unless memory stops it), then on while "
        f"{budget_s:.0f} s of wall time allow; memory limit {max_rss / 2**30:.1f} GB RSS.",
        "",
        "| articles | µs per `process` (mean of last 10k) | median of its ten 1k parts | of which GC (mean) "
        "| JSON bytes per article (buckets + decided) | bucket rows (members) | RSS bytes per article | RSS total "
        "| duplicate verdicts | one expiry pass | wall time so far |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in points:
        st = p.state
        lines.append(
            f"| {p.size:,} | {p.us_per_article:,.0f} | {p.us_median:,.0f} | {p.us_gc:,.0f} "
            f"| {st.per_article(p.size):,.0f} ({st.bucket_bytes / p.size:,.0f} + {st.decided_bytes / p.size:,.0f}) "
            f"| {st.bucket_rows:,} ({st.bucket_members:,}) | {p.rss_per_article:,.0f} | {p.rss_total / 2**20:,.0f} MiB "
            f"| {p.flagged} | {p.expiry_us:,.0f} µs | {p.elapsed:.0f} s |"
        )
    lines += ["", f"- Stopped at {reached:,} articles: {stop}. Sizes not in the table were not measured."]
    if first is not None and exact_first is not None:
        lines.append(
            f"- Sampling check at {first.size:,} articles: every row serialised gives "
            f"{exact_first.per_article(first.size):,.0f} JSON bytes per article "
            f"({exact_first.bucket_bytes / first.size:,.0f} + {exact_first.decided_bytes / first.size:,.0f}); the "
            f"sample gave {first.state.per_article(first.size):,.0f}. One bucket row with one member is "
            f"{exact_first.bucket_bytes / exact_first.bucket_rows:,.0f} bytes on average (an `exact:` row stores an "
            "empty sketch, a band row the 256-hex-character sketch); one `decided` row "
            f"{exact_first.decided_bytes / max(1, exact_first.decided_rows):,.0f} bytes."
        )
    if len(points) > 1:
        first_point, last = points[0], points[-1]
        lines.append(
            f"- From {first_point.size:,} to {last.size:,} articles the cost per article went from "
            f"{first_point.us_median:,.0f} to {last.us_median:,.0f} µs (medians of 1k parts, "
            f"{last.us_median / first_point.us_median:.2f}×) and the JSON state per article from "
            f"{first_point.state.per_article(first_point.size):,.0f} to {last.state.per_article(last.size):,.0f} "
            "bytes. An expiry pass reads its index's cursor and the slots that are due, never the tables."
        )
    lines += [
        f"- Python heap (tracemalloc, {traced_count:,} articles through `EmbeddedDedup`): {traced:,.0f} bytes per "
        f"article, of which `decided` {traced_decided:,.0f}; the same state as JSON: "
        f"{traced_json.per_article(traced_count):,.0f} bytes per article, so memory holds "
        f"{traced / traced_json.per_article(traced_count):.1f}× the JSON. `EmbeddedDedup` keeps each row as "
        "JSON bytes, as a worker's RocksDB store does; the rest is Python's per-row overhead (a key string, a bytes "
        "object, a dict slot) and the expiry indexes.",
        "- Between articles `pending` is empty in the embedded mode (every verdict is emitted by the article's own "
        "tick); in the worker a pending row holds the whole article, text included, for `settle_s` after its last "
        "answer.",
        "",
        "### State past the window",
        "",
        f"The same distinct articles through `EmbeddedDedup` with the window shrunk to {past.window_articles:,} "
        f"articles ({past.window_articles * 0.5 / 60:.0f} minutes of event time at 0.5 s apart), "
        f"{past.articles:,} articles ({past.articles / past.window_articles:.0f} windows); its expiry pass runs once "
        f"a minute of event time. At the end: `decided` holds {past.decided_rows:,} rows (the last window's, and "
        f"up to a minute more: the pass forgets older verdicts); `buckets` holds {past.bucket_rows:,} rows with "
        f"{past.bucket_members:,} members, of which {past.expired_members:,} members "
        f"({past.expired_members / max(1, past.bucket_members):.0%}) are older than the window and "
        f"{past.expired_rows:,} rows hold only such members; the two expiry indexes hold {past.index_rows:,} rows. "
        "So the bucket table holds the window's articles and at most a minute more, however many windows went by. "
        f"Cost per article: {past.us_first_window:,.0f} µs in the first window (nothing expires), "
        f"{past.us_last_window:,.0f} µs in the last (each pass forgets a minute of articles: their 17 bucket rows "
        "and their verdict).",
        "",
        "### A bucket shared by thousands of articles",
        "",
        f"{flood_count:,} copies of one {flood_words}-word boilerplate text (a newsletter sign-up), one second apart: "
        + ", ".join(f"{flood_kinds[k]:,} {k.replace('_', ' ')}" for k in BOILERPLATE_KINDS)
        + " (exact = the same text; typography = case, quotes or spacing changed, the same dedup tokens; dateline "
        "= an `Updated <date>, <time>` line appended; outlet = an outlet name prefixed; one word = one word "
        f"replaced). `max_bucket_members` = {flood_options.max_bucket_members}. Cost = mean CPU µs per `process` "
        f"over the first {flood_options.max_bucket_members} articles (before any bucket can be full), the first "
        f"{FLOOD_PART} and the last {FLOOD_PART}.",
        "",
        "| run | largest bucket (members) | buckets at the bound | bucket rows (members) | largest row, JSON "
        f"| µs per article, first {flood_options.max_bucket_members} | first {FLOOD_PART} | last {FLOOD_PART} "
        "| verdicts | wall time |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in floods:
        verdicts = ", ".join(f"{count:,} {status}" for status, count in sorted(f.verdicts.items()))
        lines.append(
            f"| {f.label} | {f.largest_bucket} | {f.full_buckets:,} | {f.bucket_rows:,} ({f.bucket_members:,}) "
            f"| {f.largest_row_bytes:,} B | {f.us_filling:,.0f} | {f.us_first:,.0f} | {f.us_last:,.0f} | {verdicts} "
            f"| {f.seconds:.0f} s |"
        )
    flooded = floods[-1]
    load_after = os.getloadavg()[0]
    lines += [
        "",
        f"- No bucket grows past {flood_options.max_bucket_members} members: a full bucket keeps its earliest members "
        "and does not store a newcomer that matched them; a newcomer that matched none (a distinct article colliding "
        "in the bucket) replaces the oldest.",
        f"- µs per article by {FLOOD_PART}-article part: "
        + ", ".join(f"{us:,.0f}" for us in flooded.us_parts)
        + f". Once the shared buckets are full, each of a copy's {DedupOptions().bands + 1} bucket rows is validated and "
        f"compared (up to {flood_options.max_bucket_members} members); a full row that already represents the copy is "
        "not rewritten, and the answer carries at most two matches (the group's first member, and an exact one); a "
        "distinct article of the growth run, whose buckets are new, costs about "
        f"{points[0].us_per_article if points else math.nan:,.0f} µs with {words:.0f} words.",
        "",
        f"Wall time for this report: {time.monotonic() - began:.0f} s (part 1: {part1_s:.0f} s). Load average "
        f"(1 min) {load_before:.2f} at the start, {load_after:.2f} at the end, on {os.cpu_count()} cores"
        + (": other processes shared the cores, which moves single measurements by tens of percent."
           if max(load_before, load_after) > (os.cpu_count() or 1) / 2 else "."),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--min-growth", type=int, default=200_000,
                        help="articles the growth run always reaches (unless the memory limit stops it)")
    parser.add_argument("--growth-budget-s", type=float, default=150.0,
                        help="wall-time budget of the growth run past --min-growth (seconds)")
    parser.add_argument("--flood", type=int, default=5000, help="copies of the boilerplate text")
    parser.add_argument("--max-rss-gb", type=float, default=6.0)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/dedup_cost.md"))
    args = parser.parse_args(argv)
    if not (args.eval_dir / "ground-truth.json").exists():
        print(f"skipped: no article-extraction benchmark at {args.eval_dir}")
        return 0
    text = evaluate(args.seed, args.eval_dir, min_growth=args.min_growth, budget_s=args.growth_budget_s,
                    max_rss=int(args.max_rss_gb * 2**30),
                    flood_count=args.flood)
    write_report(args.report, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
