"""The bucket stage on hand-made probes and sweeps, one partition's view of a shared table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.dedup.buckets import handle_bucket_input
from services.dedup.protocol import BUCKET_INPUT, Answer, LateMatch, Probe, Sweep

T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
OPTIONS = DedupOptions(window_days=7)
SKETCH = "ab" * 128


def probe(article_id: str, bucket: str, seen_at: datetime) -> Probe:
    return Probe(buckets=[bucket], article_id=article_id, seen_at=seen_at, sketch=SKETCH)


class Buckets(dict[str, dict[str, Any]]):
    """The bucket table, and the expiry index beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.index: dict[str, dict[str, Any]] = {}
        self.expiry = ExpiryIndex(self.index)


def feed(buckets: Buckets, message: Probe | Sweep, partition: int) -> list[Any]:
    # Through the wire format, as the worker reads the probes topic.
    parsed = BUCKET_INPUT.validate_json(message.model_dump_json())
    outputs = handle_bucket_input(parsed, partition=partition, buckets=buckets, expiry=buckets.expiry, options=OPTIONS)
    return [output.value for output in outputs]


def test_a_row_remembers_which_partition_owns_it() -> None:
    buckets = Buckets()
    feed(buckets, probe("a", "3:ff", T0), partition=2)
    assert buckets["3:ff"]["partition"] == 2
    [answer] = feed(buckets, probe("b", "3:ff", T0 + timedelta(minutes=1)), partition=2)
    assert isinstance(answer, Answer) and answer.partition == 2
    assert [match.member.article_id for match in answer.matches] == ["a"]


def test_a_sweep_deletes_expired_rows_of_its_own_partition_only() -> None:
    buckets = Buckets()
    feed(buckets, probe("old", "1:aa", T0), partition=0)
    feed(buckets, probe("old-elsewhere", "2:bb", T0), partition=1)
    feed(buckets, probe("old", "5:cc", T0), partition=0)
    feed(buckets, probe("recent", "5:cc", T0 + timedelta(days=6)), partition=0)

    assert feed(buckets, Sweep(at=T0 + timedelta(days=7, minutes=1)), partition=0) == []

    assert "1:aa" not in buckets  # every member expired: the row is gone
    assert [e["member"]["article_id"] for e in buckets["5:cc"]["members"]] == ["recent"]
    # Partition 1's row waits for partition 1's sweep: its tombstone belongs in that changelog partition.
    assert "2:bb" in buckets
    feed(buckets, Sweep(at=T0 + timedelta(days=7, minutes=1)), partition=1)
    assert "2:bb" not in buckets


def test_a_sweep_inside_the_window_changes_nothing() -> None:
    buckets = Buckets()
    feed(buckets, probe("a", "1:aa", T0), partition=0)
    before = {key: dict(row) for key, row in buckets.items()}
    feed(buckets, Sweep(at=T0 + timedelta(days=6)), partition=0)
    assert buckets == before


def test_a_member_found_through_several_buckets_is_one_match_with_the_best_evidence() -> None:
    buckets = Buckets()
    feed(buckets, Probe(buckets=["0:aa", "1:bb", "exact:ff"], article_id="a", seen_at=T0, sketch=SKETCH), 0)
    [answer] = feed(buckets, Probe(buckets=["0:aa", "1:bb", "exact:ff"], article_id="b",
                                   seen_at=T0 + timedelta(minutes=1), sketch=SKETCH), 0)
    assert isinstance(answer, Answer)
    assert answer.partition == 0, "one answer for the probe's three buckets, named by the partition that gives it"
    [match] = answer.matches
    assert (match.member.article_id, match.exact, match.similarity) == ("a", True, 1.0)
    assert buckets["exact:ff"]["members"][1]["sketch"] == "", "the exact key keeps no sketch"


def test_an_earlier_copy_arriving_late_sends_one_notice_per_member() -> None:
    buckets = Buckets()
    feed(buckets, Probe(buckets=["0:aa", "1:bb"], article_id="later", seen_at=T0 + timedelta(minutes=1),
                        sketch=SKETCH), 0)
    outputs = feed(buckets, Probe(buckets=["0:aa", "1:bb"], article_id="earlier", seen_at=T0, sketch=SKETCH), 0)
    answer, notice = outputs
    assert isinstance(answer, Answer) and answer.matches == []
    assert isinstance(notice, LateMatch)
    assert (notice.article_id, notice.match.member.article_id) == ("later", "earlier")
    # Both rows now know "later" copies "earlier".
    assert {row["members"][0]["member"]["root_id"] for row in buckets.values()} == {"earlier"}


def test_a_full_bucket_is_not_rewritten_for_a_copy_it_already_represents() -> None:
    class CountingWrites(Buckets):
        writes = 0

        def __setitem__(self, key: str, value: dict[str, Any]) -> None:
            self.writes += 1
            super().__setitem__(key, value)

    buckets = CountingWrites()
    for n in range(OPTIONS.max_bucket_members):
        feed(buckets, probe(f"copy-{n:02d}", "0:aa", T0 + timedelta(seconds=n)), partition=0)
    before, writes, slots = buckets["0:aa"], buckets.writes, dict(buckets.index)
    [answer] = feed(buckets, probe("one-more", "0:aa", T0 + timedelta(minutes=5)), partition=0)
    # Thirty-two members match; the answer carries only what the verdict needs: the group's first member.
    assert isinstance(answer, Answer) and [match.member.article_id for match in answer.matches] == ["copy-00"]
    assert (buckets["0:aa"], buckets.writes, buckets.index) == (before, writes, slots)
