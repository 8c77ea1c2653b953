"""The duplicate index on plain CleanArticle objects: exact copies, near copies, groups, window and bound."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.cleaner.text import normalise_text, word_count
from services.config import DedupOptions
from services.dedup import logic
from services.dedup.index import DuplicateIndex
from services.messages import CleanArticle, DedupStatus

DATA = Path(__file__).resolve().parents[2] / "data"
T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
SEED_000 = normalise_text((DATA / "seed_000.txt").read_text())
SEED_003 = normalise_text((DATA / "seed_003.txt").read_text())


def article(article_id: str, text: str, received_at: datetime = T0, source: str = "agency") -> CleanArticle:
    return CleanArticle(
        article_id=article_id,
        source=source,
        text=text,
        word_count=word_count(text),
        extractor="plain_text",
        received_at=received_at,
    )


@pytest.fixture
def index() -> DuplicateIndex:
    return DuplicateIndex(DedupOptions())


def test_num_perm_must_be_a_multiple_of_bands() -> None:
    with pytest.raises(ValueError, match="multiple"):
        DuplicateIndex(DedupOptions(num_perm=100, bands=16))
    DuplicateIndex(DedupOptions(num_perm=96, bands=16))  # 6 rows per band is fine


def test_two_write_ups_of_one_event_are_both_unique(index: DuplicateIndex) -> None:
    first = index.check(article("s000", SEED_000))
    second = index.check(article("s003", SEED_003, source="other"))
    assert (first.status, first.duplicate_of, first.similarity) == (DedupStatus.UNIQUE, None, None)
    assert (second.status, second.duplicate_of) == (DedupStatus.UNIQUE, None)
    assert len(index) == 2


def test_same_text_under_a_new_id_is_an_exact_duplicate(index: DuplicateIndex) -> None:
    index.check(article("first", SEED_000))
    verdict = index.check(article("copy", SEED_000, T0 + timedelta(hours=1), source="syndicator"))
    assert verdict.status is DedupStatus.EXACT_DUPLICATE
    assert verdict.duplicate_of == "first"
    assert verdict.similarity == 1.0
    assert (verdict.article_id, verdict.source) == ("copy", "syndicator")


def test_typography_case_and_spacing_do_not_make_a_new_article(index: DuplicateIndex) -> None:
    index.check(article("first", SEED_000))
    retyped = (
        SEED_000.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "--").replace("'", "\u2019")
    ).upper()
    retyped = re.sub(r" ", "  ", retyped).replace(". ", ".\n\n")
    assert retyped != SEED_000
    verdict = index.check(article("retyped", retyped))
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (DedupStatus.EXACT_DUPLICATE, "first", 1.0)


def test_an_edited_copy_is_a_near_duplicate(index: DuplicateIndex) -> None:
    sentences = SEED_000.split(". ")
    dropped = sentences[5]
    assert len(dropped.split()) >= 8
    edited = ". ".join(sentences[:5] + sentences[6:]) + "\n\nReporting by Jane Doe; Editing by John Roe"
    index.check(article("original", SEED_000))
    verdict = index.check(article("edited", edited))
    assert verdict.status is DedupStatus.NEAR_DUPLICATE
    assert verdict.duplicate_of == "original"
    assert verdict.similarity is not None
    assert DedupOptions().threshold <= verdict.similarity < 1.0


def test_resending_an_article_id_points_at_itself(index: DuplicateIndex) -> None:
    index.check(article("a1", SEED_000))
    verdict = index.check(article("a1", SEED_000, T0 + timedelta(minutes=5)))
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (DedupStatus.EXACT_DUPLICATE, "a1", 1.0)
    assert len(index) == 1


def test_a_duplicate_of_a_duplicate_points_at_the_groups_first_member(index: DuplicateIndex) -> None:
    edited = SEED_000.replace("Maria Kolesnikova", "Mariya Kalesnikava") + " Reporting by Jane Doe."
    index.check(article("root", SEED_000))
    near = index.check(article("near", edited, T0 + timedelta(hours=1)))
    assert (near.status, near.duplicate_of) == (DedupStatus.NEAR_DUPLICATE, "root")
    copy_of_near = index.check(article("copy", edited, T0 + timedelta(hours=2)))
    assert (copy_of_near.status, copy_of_near.duplicate_of) == (DedupStatus.EXACT_DUPLICATE, "root")
    resent = index.check(article("near", edited, T0 + timedelta(hours=3)))
    assert (resent.status, resent.duplicate_of) == (DedupStatus.EXACT_DUPLICATE, "root")


def test_originals_older_than_the_window_no_longer_match() -> None:
    index = DuplicateIndex(DedupOptions(window_days=7))
    index.check(article("old", SEED_000, T0))
    inside = index.check(article("inside", SEED_003, T0 + timedelta(days=6)))
    assert inside.status is DedupStatus.UNIQUE
    verdict = index.check(article("late-copy", SEED_000, T0 + timedelta(days=7, hours=1)))
    assert (verdict.status, verdict.duplicate_of) == (DedupStatus.UNIQUE, None)
    assert len(index) == 2  # "old" expired; "inside" and "late-copy" remain


def test_a_copy_outliving_its_expired_original_still_catches_exact_copies() -> None:
    index = DuplicateIndex(DedupOptions(window_days=7))
    index.check(article("original", SEED_000, T0))
    index.check(article("copy-1", SEED_000, T0 + timedelta(days=6)))
    verdict = index.check(article("copy-2", SEED_000.lower(), T0 + timedelta(days=8)))
    # The original expired, copy-1 did not: still the same words, so still an exact duplicate of the group.
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (
        DedupStatus.EXACT_DUPLICATE, "original", 1.0,
    )


def test_max_articles_bounds_the_index() -> None:
    index = DuplicateIndex(DedupOptions(max_articles=3))
    texts = [f"Story number {n}: " + " ".join(f"w{n}x{i}" for i in range(40)) for n in range(10)]
    for n, text in enumerate(texts):
        assert index.check(article(f"a{n}", text, T0 + timedelta(minutes=n))).status is DedupStatus.UNIQUE
        assert len(index) <= 3
    assert len(index) == 3
    # The evicted first article is forgotten; the most recent one is still remembered.
    assert index.check(article("again-0", texts[0], T0 + timedelta(hours=1))).status is DedupStatus.UNIQUE
    assert index.check(article("again-9", texts[9], T0 + timedelta(hours=1))).duplicate_of == "a9"


def test_process_always_emits_a_verdict_and_the_article_only_when_unique(index: DuplicateIndex) -> None:
    original = article("first", SEED_000)
    outputs = logic.process(original, index)
    assert [(o.topic, o.key) for o in outputs] == [("verdicts", "first"), ("unique", "first")]
    assert outputs[1].value == original
    assert outputs[0].value.status is DedupStatus.UNIQUE

    duplicate = logic.process(article("second", SEED_000), index)
    assert [(o.topic, o.key) for o in duplicate] == [("verdicts", "second")]
    assert duplicate[0].value.status is DedupStatus.EXACT_DUPLICATE
