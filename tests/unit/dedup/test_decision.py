"""The decision stage on hand-made inputs: Kafka orders messages per producer only, so any order can arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupStatus, DedupVerdict
from services.dedup.decision import decide
from services.dedup.protocol import Answer, LateMatch, Match, Member, Registration, Tick

T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
OPTIONS = DedupOptions(settle_s=2)


def article(article_id: str) -> CleanArticle:
    return CleanArticle(article_id=article_id, source="wire", text="Some text.", word_count=2,
                        extractor="plain_text", received_at=T0)


def original_match() -> Match:
    member = Member(article_id="orig", seen_at=T0 - timedelta(hours=1), root_id="orig",
                    root_seen_at=T0 - timedelta(hours=1))
    return Match(member=member, similarity=0.9, exact=False)


class State:
    def __init__(self) -> None:
        self.pending: dict[str, dict[str, Any]] = {}
        self.decided: dict[str, dict[str, Any]] = {}
        self.expiry = ExpiryIndex({})

    def feed(self, message: Any, at: datetime = T0) -> list[Any]:
        outputs = decide(message, partition=0, now=at, pending=self.pending, decided=self.decided, expiry=self.expiry,
                         options=OPTIONS)
        return [output.value for output in outputs]


def test_answers_that_overtake_their_registration_are_kept() -> None:
    state = State()
    assert state.feed(Answer(article_id="copy", partition=0, matches=[original_match()])) == []
    assert state.feed(Answer(article_id="copy", partition=1, matches=[])) == []
    assert state.feed(Registration(article=article("copy"), probes=2)) == []
    assert state.feed(Tick(at=T0 + timedelta(seconds=1))) == [], "the settle window has not passed"
    (verdict,) = state.feed(Tick(at=T0 + timedelta(seconds=3)))
    assert isinstance(verdict, DedupVerdict)
    assert (verdict.status, verdict.duplicate_of) == (DedupStatus.NEAR_DUPLICATE, "orig")
    assert state.pending == {}


def test_no_verdict_until_every_probe_is_answered() -> None:
    state = State()
    state.feed(Registration(article=article("a"), probes=2))
    state.feed(Answer(article_id="a", partition=0, matches=[]))
    assert state.feed(Tick(at=T0 + timedelta(hours=1))) == []
    state.feed(Answer(article_id="a", partition=0, matches=[]))  # a redelivered answer counts once
    assert state.feed(Tick(at=T0 + timedelta(hours=1))) == []
    state.feed(Answer(article_id="a", partition=1, matches=[]), at=T0 + timedelta(hours=1))
    verdict, forwarded = state.feed(Tick(at=T0 + timedelta(hours=2)))
    assert verdict.status is DedupStatus.UNIQUE and forwarded == article("a")


def test_answers_for_a_resent_article_leave_nothing_behind() -> None:
    state = State()
    state.feed(Registration(article=article("a"), probes=1))
    state.feed(Answer(article_id="a", partition=1, matches=[]))
    state.feed(Tick(at=T0 + timedelta(seconds=5)))
    # Sent again by the feed (the cleaner stamps it anew): this time an answer overtakes the registration.
    state.feed(Answer(article_id="a", partition=1, matches=[]))
    resent = article("a").model_copy(update={"received_at": T0 + timedelta(minutes=1)})
    (again,) = state.feed(Registration(article=resent, probes=1))
    assert (again.status, again.duplicate_of) == (DedupStatus.EXACT_DUPLICATE, "a")
    assert state.pending == {}


def test_the_same_record_delivered_again_gets_the_same_verdict_and_flows_on_again() -> None:
    """After a crash between the decision and its publication, the redelivered record must not be lost."""
    state = State()
    state.feed(Registration(article=article("a"), probes=1))
    state.feed(Answer(article_id="a", partition=1, matches=[]))
    verdict, published = state.feed(Tick(at=T0 + timedelta(seconds=5)))
    assert (verdict.status, published) == (DedupStatus.UNIQUE, article("a"))
    assert state.feed(Registration(article=article("a"), probes=1)) == [verdict, published]


def test_answers_whose_registration_never_comes_expire() -> None:
    state = State()
    state.feed(Answer(article_id="lost", partition=0, matches=[]))
    state.feed(Tick(at=T0 + timedelta(minutes=59)))
    assert "lost" in state.pending
    state.feed(Tick(at=T0 + timedelta(hours=2)))
    assert state.pending == {}


def test_a_near_correction_is_sharpened_when_the_exact_keys_notice_follows() -> None:
    """On the broker an exact copy's band buckets and its exact key may live on different partitions."""
    state = State()
    state.feed(Registration(article=article("copy"), probes=1))
    state.feed(Answer(article_id="copy", partition=1, matches=[]))
    (unique, _) = state.feed(Tick(at=T0 + timedelta(seconds=3)))
    assert unique.status is DedupStatus.UNIQUE
    near = original_match()
    (corrected,) = state.feed(LateMatch(article_id="copy", match=near))
    assert (corrected.status, corrected.revision) == (DedupStatus.NEAR_DUPLICATE, 2)
    (sharpened,) = state.feed(LateMatch(article_id="copy", match=near.model_copy(update={"exact": True,
                                                                                       "similarity": 1.0})))
    assert (sharpened.status, sharpened.duplicate_of, sharpened.revision) == (DedupStatus.EXACT_DUPLICATE, "orig", 3)
    assert state.feed(LateMatch(article_id="copy", match=near)) == [], "a near notice after that changes nothing"


class RecordingTable(dict[str, dict[str, Any]]):
    """A dict that keeps every row written, in order, as a changelog would."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[str, dict[str, Any]]] = []

    def __setitem__(self, key: str, row: dict[str, Any]) -> None:
        self.writes.append((key, row))
        super().__setitem__(key, row)


def test_the_article_is_written_once_and_answers_rewrite_only_a_small_progress_row() -> None:
    """Every answer rewrites the progress row; with the article in it, each rewrite carried the whole text."""
    state = State()
    state.pending = RecordingTable()
    long_article = article("a").model_copy(update={"text": "word " * 2000})
    state.feed(Registration(article=long_article, probes=3))
    for partition in (0, 2, 3):
        state.feed(Answer(article_id="a", partition=partition, matches=[original_match()]))
    assert [key for key, _ in state.pending.writes] == ["~registration/a", "a", "a", "a"]
    assert all("word word" not in str(row) for key, row in state.pending.writes if key == "a")
    (verdict,) = state.feed(Tick(at=T0 + timedelta(seconds=3)))
    assert (verdict.status, verdict.duplicate_of) == (DedupStatus.NEAR_DUPLICATE, "orig")
    assert state.pending == {}, "both rows go once the verdict is out"


def test_answers_count_by_partition_so_a_redelivered_one_counts_once_whichever_came_first() -> None:
    state = State()
    state.feed(Answer(article_id="a", partition=2, matches=[]))
    state.feed(Answer(article_id="a", partition=2, matches=[]))
    state.feed(Registration(article=article("a"), probes=2))
    assert state.feed(Tick(at=T0 + timedelta(hours=2))) == [], "one of two probes answered"
    assert "a" in state.pending and "~registration/a" in state.pending, "a registered article is no orphan"
    state.feed(Answer(article_id="a", partition=0, matches=[]), at=T0 + timedelta(hours=2))
    verdict, forwarded = state.feed(Tick(at=T0 + timedelta(hours=3)))
    assert verdict.status is DedupStatus.UNIQUE and forwarded == article("a")


def test_a_withdrawal_waits_for_no_answer() -> None:
    state = State()
    state.feed(Registration(article=article("a"), probes=0))
    verdict, forwarded = state.feed(Tick(at=T0 + timedelta(seconds=3)))
    assert verdict.status is DedupStatus.UNIQUE and forwarded == article("a")
    assert state.pending == {}


def test_a_row_written_before_registrations_had_rows_of_their_own_still_emits_its_verdict() -> None:
    """A worker restored from a changelog of the previous release finds its waiting articles in the old layout:
    the article inside the progress row, and the answered buckets by key."""
    state = State()
    state.pending["old"] = {
        "article": article("old").model_dump(mode="json"), "buckets": 2, "created_at": T0.isoformat(),
        "answered": ["0:aa", "exact:ff"], "best": original_match().model_dump(mode="json"), "exact": False,
        "ready_at": (T0 + timedelta(seconds=2)).isoformat(), "partition": 0,
    }
    (verdict,) = state.feed(Tick(at=T0 + timedelta(seconds=3)))
    assert (verdict.article_id, verdict.status, verdict.duplicate_of) == ("old", DedupStatus.NEAR_DUPLICATE, "orig")
    assert state.pending == {}
