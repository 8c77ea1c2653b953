"""A shard partition keeps its members compactly, within a bound, and finds the same links from its rows again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.common.expiry import ExpiryIndex
from services.config import StoriesOptions
from services.runtime.json_rows import JsonRows
from services.stories.profile import partial_dots
from services.stories.protocol import ArticleRef, StoryProbe
from services.stories.shards import CompactProfile, MemberShard

T0 = datetime(2026, 3, 1, tzinfo=UTC)
# One partition owns every key, so each link is this shard's to report.
PARTITIONS = 1


def probe(article_id: str, hours: float, weights: dict[str, float]) -> StoryProbe:
    return StoryProbe(article=ArticleRef(article_id=article_id, seen_at=T0 + timedelta(hours=hours)), weights=weights)


def linked(shard: MemberShard, message: StoryProbe) -> set[str]:
    (answer,) = shard.handle(message, 0)
    return {link.article_id for link in answer.value.links}


def test_a_compact_profile_scores_as_its_dict_does() -> None:
    left = {"t:pardon": 0.6, "t:prisoner": 0.8, "e:belarus": 1.0, "n:123:prisoner": 1.0}
    right = {"t:pardon": 0.8, "t:lukashenko": 0.6, "e:belarus": 1.0}
    assert partial_dots(CompactProfile(left), right) == partial_dots(left, right)
    assert dict(CompactProfile(left).items()) == left
    assert CompactProfile(left)["t:prisoner"] == 0.8


def test_past_the_bound_the_oldest_members_are_forgotten_first() -> None:
    table = JsonRows()
    shard = MemberShard(table, ExpiryIndex(JsonRows()), StoriesOptions(max_members_per_partition=3), PARTITIONS)
    same = {"t:pardon": 1.0}
    # Sent out of event-time order: the bound keeps the latest by event time, not by arrival.
    for article_id, hours in [("c", 3), ("a", 1), ("d", 4), ("b", 2), ("e", 5)]:
        linked(shard, probe(article_id, hours, same))
    assert sorted(row["article_id"] for row in table.values()) == ["c", "d", "e"]
    assert linked(shard, probe("f", 6, same)) == {"c", "d", "e"}


def test_the_index_rebuilt_from_the_rows_finds_the_same_links() -> None:
    table = JsonRows()
    options = StoriesOptions(min_similarity=0.4)
    shard = MemberShard(table, ExpiryIndex(JsonRows()), options, PARTITIONS)
    linked(shard, probe("a", 0, {"t:pardon": 1.0}))
    linked(shard, probe("b", 1, {"t:harvest": 1.0}))
    query = probe("c", 2, {"t:pardon": 0.8, "t:harvest": 0.6})
    before = linked(MemberShard(table, ExpiryIndex(JsonRows()), options, PARTITIONS), query)
    shard.forget_index()
    assert before == linked(shard, query) == {"a", "b"}
