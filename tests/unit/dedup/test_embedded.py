"""The three dedup stages wired in memory, on plain CleanArticle objects: copies, groups, window, bounds, races."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.cleaner.text import normalise_text, word_count
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupStatus
from services.dedup.embedded import EmbeddedDedup

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


def remembered(index: EmbeddedDedup) -> set[str]:
    return {entry["member"]["article_id"] for row in index.buckets.values() for entry in row["members"]}


@pytest.fixture
def index() -> EmbeddedDedup:
    return EmbeddedDedup(DedupOptions())


def test_num_perm_must_be_a_multiple_of_bands() -> None:
    with pytest.raises(ValueError, match="multiple"):
        EmbeddedDedup(DedupOptions(num_perm=100, bands=16))
    EmbeddedDedup(DedupOptions(num_perm=96, bands=16))  # 6 rows per band is fine


def test_two_write_ups_of_one_event_are_both_unique(index: EmbeddedDedup) -> None:
    first = index.check(article("s000", SEED_000))
    second = index.check(article("s003", SEED_003, source="other"))
    assert (first.status, first.duplicate_of, first.similarity) == (DedupStatus.UNIQUE, None, None)
    assert (second.status, second.duplicate_of) == (DedupStatus.UNIQUE, None)
    assert remembered(index) == {"s000", "s003"}


def test_same_text_under_a_new_id_is_an_exact_duplicate(index: EmbeddedDedup) -> None:
    index.check(article("first", SEED_000))
    verdict = index.check(article("copy", SEED_000, T0 + timedelta(hours=1), source="syndicator"))
    assert verdict.status is DedupStatus.EXACT_DUPLICATE
    assert verdict.duplicate_of == "first"
    assert verdict.similarity == 1.0
    assert (verdict.article_id, verdict.source) == ("copy", "syndicator")


def test_typography_case_and_spacing_do_not_make_a_new_article(index: EmbeddedDedup) -> None:
    index.check(article("first", SEED_000))
    retyped = (
        SEED_000.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "--").replace("'", "\u2019")
    ).upper()
    retyped = re.sub(r" ", "  ", retyped).replace(". ", ".\n\n")
    assert retyped != SEED_000
    verdict = index.check(article("retyped", retyped))
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (DedupStatus.EXACT_DUPLICATE, "first", 1.0)


def test_an_edited_copy_is_a_near_duplicate(index: EmbeddedDedup) -> None:
    sentences = SEED_000.split(". ")
    dropped = sentences[5]
    assert len(dropped.split()) >= 8
    edited = ". ".join(sentences[:5] + sentences[6:]) + "\n\nReporting by Jane Doe; Editing by John Roe"
    index.check(article("original", SEED_000))
    verdict = index.check(article("edited", edited, T0 + timedelta(minutes=1)))
    assert verdict.status is DedupStatus.NEAR_DUPLICATE
    assert verdict.duplicate_of == "original"
    assert verdict.similarity is not None
    assert DedupOptions().threshold <= verdict.similarity < 1.0


def test_resending_an_article_id_points_at_itself(index: EmbeddedDedup) -> None:
    index.check(article("a1", SEED_000))
    verdict = index.check(article("a1", SEED_000, T0 + timedelta(minutes=5)))
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (DedupStatus.EXACT_DUPLICATE, "a1", 1.0)
    assert remembered(index) == {"a1"}


def test_a_duplicate_of_a_duplicate_points_at_the_groups_first_member(index: EmbeddedDedup) -> None:
    edited = SEED_000.replace("Maria Kolesnikova", "Mariya Kalesnikava") + " Reporting by Jane Doe."
    index.check(article("root", SEED_000))
    near = index.check(article("near", edited, T0 + timedelta(hours=1)))
    assert (near.status, near.duplicate_of) == (DedupStatus.NEAR_DUPLICATE, "root")
    copy_of_near = index.check(article("copy", edited, T0 + timedelta(hours=2)))
    assert (copy_of_near.status, copy_of_near.duplicate_of) == (DedupStatus.EXACT_DUPLICATE, "root")
    resent = index.check(article("near", edited, T0 + timedelta(hours=3)))
    assert (resent.status, resent.duplicate_of) == (DedupStatus.EXACT_DUPLICATE, "root")


def test_originals_older_than_the_window_no_longer_match() -> None:
    index = EmbeddedDedup(DedupOptions(window_days=7))
    index.check(article("old", SEED_000, T0))
    inside = index.check(article("inside", SEED_003, T0 + timedelta(days=6)))
    assert inside.status is DedupStatus.UNIQUE
    verdict = index.check(article("late-copy", SEED_000, T0 + timedelta(days=7, hours=1)))
    assert (verdict.status, verdict.duplicate_of) == (DedupStatus.UNIQUE, None)
    assert remembered(index) == {"inside", "late-copy"}  # "old" expired from every bucket it was in


def test_buckets_nobody_probes_again_are_deleted_once_their_members_expire() -> None:
    index = EmbeddedDedup(DedupOptions(window_days=7))
    index.check(article("old", SEED_000, T0))
    old_buckets = set(index.buckets)
    index.check(article("unrelated", SEED_003, T0 + timedelta(days=7, minutes=1)))
    assert not old_buckets & set(index.buckets)
    assert remembered(index) == {"unrelated"}


def test_a_copy_outliving_its_expired_original_still_catches_exact_copies() -> None:
    index = EmbeddedDedup(DedupOptions(window_days=7))
    index.check(article("original", SEED_000, T0))
    index.check(article("copy-1", SEED_000, T0 + timedelta(days=6)))
    verdict = index.check(article("copy-2", SEED_000.lower(), T0 + timedelta(days=8)))
    # The original expired, copy-1 did not: still the same words, so still an exact duplicate of the group.
    assert (verdict.status, verdict.duplicate_of, verdict.similarity) == (
        DedupStatus.EXACT_DUPLICATE, "original", 1.0,
    )


def test_a_bucket_that_everyone_shares_stays_bounded() -> None:
    index = EmbeddedDedup(DedupOptions(max_bucket_members=4))
    boilerplate = "Subscribe to our newsletter for the latest news and offers from our partners every day."
    verdicts = [index.check(article(f"b{n}", boilerplate, T0 + timedelta(minutes=n))) for n in range(50)]
    assert verdicts[0].status is DedupStatus.UNIQUE
    assert {(v.status, v.duplicate_of) for v in verdicts[1:]} == {(DedupStatus.EXACT_DUPLICATE, "b0")}
    assert max(len(row["members"]) for row in index.buckets.values()) <= 4
    # Distinct articles colliding in one bucket push the oldest out, never past the bound.
    crowded = EmbeddedDedup(DedupOptions(max_bucket_members=4, bands=1, num_perm=16, threshold=0.99))
    for n in range(20):
        crowded.check(article(f"d{n}", f"Story {n}: " + " ".join(f"w{n}x{i}" for i in range(40)), T0))
    assert max(len(row["members"]) for row in crowded.buckets.values()) <= 4


def test_process_always_emits_a_verdict_and_the_article_only_when_unique(index: EmbeddedDedup) -> None:
    original = article("first", SEED_000)
    outputs = index.process(original)
    assert [(o.topic, o.key) for o in outputs] == [("verdicts", "first"), ("unique", "first")]
    assert outputs[1].value == original
    assert outputs[0].value.status is DedupStatus.UNIQUE

    duplicate = index.process(article("second", SEED_000))
    assert [(o.topic, o.key) for o in duplicate] == [("verdicts", "second")]
    assert duplicate[0].value.status is DedupStatus.EXACT_DUPLICATE


def test_an_earlier_copy_arriving_late_corrects_the_later_ones_verdict(index: EmbeddedDedup) -> None:
    """Out-of-order timestamps: the total order (first seen, id) decides, not arrival order."""
    later = index.process(article("later", SEED_000 + "\n\nEditing by John Roe", T0 + timedelta(minutes=10)))
    assert [(o.topic, o.value.status) for o in later if o.topic == "verdicts"] == [("verdicts", DedupStatus.UNIQUE)]
    earlier = index.process(article("earlier", SEED_000, T0))
    verdicts = {(o.key, o.value.status, o.value.duplicate_of, o.value.revision) for o in earlier if o.topic == "verdicts"}
    assert verdicts == {
        ("later", DedupStatus.NEAR_DUPLICATE, "earlier", 2),
        ("earlier", DedupStatus.UNIQUE, None, 1),
    }
    assert [o.key for o in earlier if o.topic == "unique"] == ["earlier"]


def test_a_late_exact_original_makes_the_corrected_verdict_exact(index: EmbeddedDedup) -> None:
    index.process(article("later", SEED_000, T0 + timedelta(minutes=10)))
    earlier = index.process(article("earlier", SEED_000, T0))
    corrections = [o.value for o in earlier if o.topic == "verdicts" and o.key == "later"]
    final = max(corrections, key=lambda verdict: verdict.revision)
    assert (final.status, final.duplicate_of, final.similarity) == (DedupStatus.EXACT_DUPLICATE, "earlier", 1.0)


def test_equal_timestamps_are_ordered_by_article_id(index: EmbeddedDedup) -> None:
    index.check(article("b-copy", SEED_000, T0))
    verdict = index.check(article("a-copy", SEED_000.upper(), T0))
    # "a-copy" < "b-copy": it is the group's first member even though it arrived second.
    assert (verdict.status, verdict.duplicate_of) == (DedupStatus.UNIQUE, None)

