"""The dedup benchmarks' own logic: latest verdict revisions, state measurement, the boilerplate flood."""

from __future__ import annotations

import random
from datetime import timedelta

from bench.dedup_quality import latest_verdicts, run_dedup
from bench.minhash_cost import (
    SyntheticArticles,
    boilerplate_flood,
    expiry_pass_seconds,
    measure_flood,
    measure_past_window,
    state_bytes,
)
from bench.syndication import SEED_FILES
from services.cleaner.text import normalise_text
from services.config import DedupOptions
from services.contract.messages import DedupStatus, DedupVerdict
from services.dedup.embedded import EmbeddedDedup

TEXTS = [normalise_text(path.read_text()) for path in SEED_FILES]


def verdict(article_id: str, status: DedupStatus, duplicate_of: str | None = None, revision: int = 1) -> DedupVerdict:
    return DedupVerdict(
        article_id=article_id, source="s", status=status, duplicate_of=duplicate_of, similarity=None,
        shingle_size=5, num_perm=128, bands=16, threshold=0.8, revision=revision,
    )


def test_the_latest_revision_is_the_verdict_and_corrections_are_counted() -> None:
    run = latest_verdicts([
        verdict("a", DedupStatus.UNIQUE),
        verdict("b", DedupStatus.UNIQUE),
        verdict("b", DedupStatus.NEAR_DUPLICATE, "a", revision=2),
        verdict("c", DedupStatus.EXACT_DUPLICATE, "a"),
    ])
    assert run.verdicts == {
        "a": (DedupStatus.UNIQUE, None),
        "b": (DedupStatus.NEAR_DUPLICATE, "a"),
        "c": (DedupStatus.EXACT_DUPLICATE, "a"),
    }
    assert (run.corrections, run.corrected_articles) == (1, 1)


def test_a_copy_that_arrives_first_is_corrected_when_its_earlier_original_arrives() -> None:
    original, copy = SyntheticArticles(TEXTS, 0).block(2)
    copy = copy.model_copy(update={"text": original.text, "received_at": original.received_at + timedelta(hours=1)})
    run = run_dedup([copy, original], DedupOptions())
    assert run.verdicts[copy.article_id] == (DedupStatus.EXACT_DUPLICATE, original.article_id)
    assert run.verdicts[original.article_id] == (DedupStatus.UNIQUE, None)
    # One partition answers every bucket in one notice: the correction is exact at once.
    assert run.corrections == 1


def test_timing_an_expiry_pass_forgets_nothing_inside_the_window() -> None:
    dedup = EmbeddedDedup(DedupOptions())
    articles = SyntheticArticles(TEXTS, 1).block(50)
    for article in articles:
        dedup.process(article)
    before = (dict(dedup.decided), dict(dedup.buckets))
    assert expiry_pass_seconds(dedup, articles[-1].received_at) >= 0
    assert (dict(dedup.decided), dict(dedup.buckets)) == before and len(before[0]) == 50


def test_past_the_window_old_verdicts_and_bucket_rows_go() -> None:
    past = measure_past_window(TEXTS, 0, window_articles=40, windows=8)
    assert past.articles == 320
    # Verdicts and bucket members are forgotten once a minute of event time (120 articles at 0.5 s apart).
    assert past.decided_rows <= 40 + 120
    assert past.bucket_rows == past.bucket_members <= (40 + 120) * 17  # distinct articles: one member per row
    assert past.expired_members == past.expired_rows < past.bucket_rows
    # The indexes hold a slot per second of the articles still remembered (two a second), and two cursors.
    assert past.index_rows <= 2 * ((40 + 120) // 2 + 1) + 2


def test_state_bytes_sampled_is_close_to_exact() -> None:
    dedup = EmbeddedDedup(DedupOptions())
    for article in SyntheticArticles(TEXTS, 2).block(100):
        dedup.process(article)
    exact = state_bytes(dedup, random.Random(0), None)
    sampled = state_bytes(dedup, random.Random(0), 300)
    assert not exact.sampled and sampled.sampled
    assert exact.bucket_rows == exact.bucket_members == 1700
    assert abs(sampled.per_article(100) - exact.per_article(100)) < 0.05 * exact.per_article(100)


def test_a_boilerplate_flood_never_grows_a_bucket_past_the_bound() -> None:
    flood = boilerplate_flood(150, 0)
    options = DedupOptions(max_bucket_members=8)
    result = measure_flood(flood, options, "bounded")
    assert result.largest_bucket == 8 and result.full_buckets >= 1
    assert sum(result.verdicts.values()) == 150
    assert result.verdicts[DedupStatus.UNIQUE.value] < 20
