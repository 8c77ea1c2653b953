"""Versions of one article_id: a newer one is an update, a withheld or canceled one a withdrawal; an equal or
older one re-delivered changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.cleaner.text import normalise_text, word_count
from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupStatus, DedupVerdict, PubStatus
from services.contract.outputs import Output
from services.dedup.decision import decide
from services.dedup.embedded import EmbeddedDedup
from services.dedup.protocol import Registration, Tick
from services.dedup.signing import sign
from services.dedup.versions import VersionStamp, is_newer

DATA = Path(__file__).resolve().parents[2] / "data"
T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
SEED_000 = normalise_text((DATA / "seed_000.txt").read_text())
SEED_003 = normalise_text((DATA / "seed_003.txt").read_text())
UPDATED = SEED_000 + "\n\nUpdated: the pardoned prisoners were released on Saturday evening."


def version(article_id: str, number: int | None, text: str = SEED_000, *, at: datetime = T0,
            status: PubStatus | None = None, created: datetime | None = None) -> CleanArticle:
    return CleanArticle(
        article_id=article_id, source="agency", text=text, word_count=word_count(text), extractor="plain_text",
        received_at=at, version=number, version_created=created, pub_status=status,
    )


def published(index: EmbeddedDedup, article: CleanArticle) -> tuple[DedupVerdict, list[CleanArticle]]:
    outputs = index.process(article)
    (verdict,) = [o.value for o in outputs if o.topic == "verdicts" and o.key == article.article_id]
    assert isinstance(verdict, DedupVerdict)
    return verdict, [o.value for o in outputs if o.topic == "unique" and isinstance(o.value, CleanArticle)]


@pytest.fixture
def index() -> EmbeddedDedup:
    return EmbeddedDedup(DedupOptions())


def test_a_newer_version_is_an_update_that_flows_on(index: EmbeddedDedup) -> None:
    first, _ = published(index, version("a", 1))
    verdict, flowed = published(index, version("a", 2, UPDATED, at=T0 + timedelta(minutes=20)))
    assert (first.status, first.change, first.version, first.revision) == (DedupStatus.UNIQUE, None, 1, 1)
    assert (verdict.status, verdict.change, verdict.version, verdict.revision) == (DedupStatus.UNIQUE, "update", 2, 2)
    assert verdict.duplicate_of is None
    assert [a.text for a in flowed] == [UPDATED]


def test_an_equal_or_older_version_again_is_a_no_op(index: EmbeddedDedup) -> None:
    published(index, version("a", 1))
    published(index, version("a", 3, UPDATED, at=T0 + timedelta(minutes=5)))
    same_again = version("a", 3, UPDATED, at=T0 + timedelta(minutes=6))
    older = version("a", 2, at=T0 + timedelta(minutes=7))
    for again in (same_again, older):
        verdict, flowed = published(index, again)
        assert (verdict.status, verdict.duplicate_of, verdict.change, flowed) == (
            DedupStatus.EXACT_DUPLICATE, "a", None, [])
    verdict, flowed = published(index, version("a", 4, at=T0 + timedelta(minutes=8)))
    assert (verdict.change, verdict.revision, len(flowed)) == ("update", 3, 1), "version 3 is still the latest"


def test_an_update_of_a_duplicate_stays_a_duplicate(index: EmbeddedDedup) -> None:
    published(index, version("orig", 1))
    copy, _ = published(index, version("copy", 1, at=T0 + timedelta(minutes=1)))
    verdict, flowed = published(index, version("copy", 2, UPDATED, at=T0 + timedelta(minutes=2)))
    assert copy.status is DedupStatus.EXACT_DUPLICATE
    assert (verdict.status, verdict.duplicate_of, verdict.change, flowed) == (
        DedupStatus.EXACT_DUPLICATE, "orig", "update", [])


def test_a_withdrawal_flows_on_to_take_back_what_was_published(index: EmbeddedDedup) -> None:
    published(index, version("a", 1))
    verdict, flowed = published(index, version("a", 2, "", at=T0 + timedelta(hours=1), status=PubStatus.CANCELED))
    assert (verdict.status, verdict.change, verdict.version, verdict.revision) == (
        DedupStatus.UNIQUE, "withdrawal", 2, 2)
    assert [(a.article_id, a.pub_status) for a in flowed] == [("a", PubStatus.CANCELED)]
    # Withheld, then usable again: the reinstated version is an update and flows on again.
    verdict, flowed = published(index, version("a", 3, at=T0 + timedelta(hours=2)))
    assert (verdict.change, len(flowed)) == ("update", 1)


def test_a_withdrawal_of_a_duplicate_publishes_nothing(index: EmbeddedDedup) -> None:
    published(index, version("orig", 1))
    published(index, version("copy", 1, at=T0 + timedelta(minutes=1)))
    verdict, flowed = published(index, version("copy", 2, "", at=T0 + timedelta(minutes=2),
                                               status=PubStatus.WITHHELD))
    assert (verdict.status, verdict.change, flowed) == (DedupStatus.EXACT_DUPLICATE, "withdrawal", [])


def test_withdrawals_of_unknown_articles_flow_on_and_are_not_copies_of_each_other(index: EmbeddedDedup) -> None:
    for article_id in ("gone-1", "gone-2"):
        verdict, flowed = published(index, version(article_id, 5, "", status=PubStatus.CANCELED))
        assert (verdict.status, verdict.change, [a.article_id for a in flowed]) == (
            DedupStatus.UNIQUE, "withdrawal", [article_id])
    assert index.buckets == {}, "a withdrawal is not probed: it has no text to match"


def test_a_withdrawal_is_registered_without_probes() -> None:
    outputs = sign(version("a", 2, SEED_000, status=PubStatus.CANCELED), DedupOptions(), partitions=4)
    assert [o.topic for o in outputs] == ["dedup_decisions"]
    assert outputs[0].value == Registration(article=version("a", 2, SEED_000, status=PubStatus.CANCELED), probes=0)


def test_a_newer_version_while_the_first_waits_replaces_it() -> None:
    pending: dict[str, dict[str, Any]] = {}
    decided: dict[str, dict[str, Any]] = {}

    def feed(message: Any) -> list[Output]:
        return decide(message, partition=0, now=T0, pending=pending, decided=decided, expiry=ExpiryIndex({}),
                      options=DedupOptions(settle_s=2))

    feed(Registration(article=version("a", 1), probes=0))
    feed(Registration(article=version("a", 2, UPDATED), probes=0))
    feed(Registration(article=version("a", 1), probes=0))  # the older one again, too late to matter
    verdict, article = (o.value for o in feed(Tick(at=T0 + timedelta(seconds=3))))
    assert isinstance(verdict, DedupVerdict) and isinstance(article, CleanArticle)
    assert (verdict.version, verdict.change, verdict.revision, article.text) == (2, None, 1, UPDATED)


def test_a_decided_article_remembers_its_latest_version_a_window_from_it() -> None:
    options = DedupOptions(window_days=1)
    index = EmbeddedDedup(options)
    published(index, version("a", 1))
    published(index, version("a", 2, UPDATED, at=T0 + timedelta(hours=20)))
    published(index, version("other", None, SEED_003, at=T0 + timedelta(hours=30)))  # expiry runs past day one
    verdict, flowed = published(index, version("a", 2, UPDATED, at=T0 + timedelta(hours=31)))
    assert (verdict.status, flowed) == (DedupStatus.EXACT_DUPLICATE, []), "version 2 is still remembered"


@pytest.mark.parametrize(
    ("article", "than", "newer"),
    [
        pytest.param(version("a", 2), VersionStamp(version=1), True, id="higher-version"),
        pytest.param(version("a", 1), VersionStamp(version=1), False, id="same-version"),
        pytest.param(version("a", 1, created=T0 + timedelta(hours=1)), VersionStamp(version=1, version_created=T0),
                     False, id="same-version-made-later-is-a-redelivery"),
        pytest.param(version("a", None, created=T0 + timedelta(hours=1)), VersionStamp(version_created=T0), True,
                     id="no-numbers-later-made"),
        pytest.param(version("a", None, created=T0), VersionStamp(version_created=T0), False, id="no-numbers-same"),
        pytest.param(version("a", None, status=PubStatus.CANCELED), VersionStamp(), True,
                     id="no-order-at-all-but-withdrawn"),
        pytest.param(version("a", None), VersionStamp(), False, id="plain-redelivery"),
    ],
)
def test_which_version_is_newer(article: CleanArticle, than: VersionStamp, newer: bool) -> None:
    assert is_newer(article, than) is newer


def test_a_withdrawal_delivered_again_changes_nothing(index: EmbeddedDedup) -> None:
    published(index, version("a", 1))
    published(index, version("a", 2, "", at=T0 + timedelta(minutes=1), status=PubStatus.CANCELED))
    verdict, flowed = published(index, version("a", 2, "", at=T0 + timedelta(minutes=2), status=PubStatus.CANCELED))
    assert (verdict.status, verdict.change, verdict.revision, flowed) == (DedupStatus.EXACT_DUPLICATE, None, 1, [])
