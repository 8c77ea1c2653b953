"""Stage 2, keyed by profile key: a shard remembers recent articles by the keys it owns and finds their links.

A probe both asks and registers: the shard answers with the stored members the article is linked to, then stores
the article. Of two linked articles, whichever reaches a shard second sees the other there, in whatever order
they come. Probes carry whole profiles, so a shard scores a pair alone; of the shards that own a key both
articles have, only the owner of the smallest shared key reports the pair (each link once, from a shard both
articles certainly probed).

A member's row (``<partition>/<article_id>`` → its time, its whole profile and the keys this shard owns) is
written while the shard's partition is processed, so the changelog partition of the row is the shard's own. The
posting lists and profiles used to find links are kept in memory per partition, built from the rows again after
a rebalance: the rows are the state, the index only a view of it. The index holds a profile as interned keys and an
array of weights (:class:`CompactProfile`): the shards of a 14-day window hold every article of it once per partition
it has keys in, and a dict of fresh strings and float objects takes about ten times the memory.
"""

from __future__ import annotations

import heapq
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.common.partitioning import owning_partition
from services.config import StoriesOptions
from services.contract.outputs import Output
from services.stories.profile import partial_dots
from services.stories.protocol import ArticleRef, ShardInput, StoryAnswer, StoryLeave, StoryProbe, Sweep
from services.stories.routing import decision_partition
from services.stories.window import EventTimeWindow, retention

MemberTable = MutableMapping[str, dict[str, Any]]


class CompactProfile(Mapping[str, float]):
    """A stored member's profile: its keys interned (shared with every other profile holding them) and its weights
    in one array. Read by walking it (``items``), as ``partial_dots`` does with its first argument."""

    __slots__ = ("_keys", "_weights")

    def __init__(self, weights: Mapping[str, float]) -> None:
        self._keys = tuple(sys.intern(key) for key in weights)
        self._weights = array("d", weights.values())

    def items(self) -> Iterator[tuple[str, float]]:  # type: ignore[override]
        return zip(self._keys, self._weights, strict=True)

    def __getitem__(self, key: str) -> float:
        try:
            return self._weights[self._keys.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class _PartitionIndex:
    postings: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: dict[str, tuple[datetime, CompactProfile]] = field(default_factory=dict)
    by_age: list[tuple[datetime, str]] = field(default_factory=list)
    """A heap of (event time, member) for evicting the oldest; entries of members forgotten or stored again since
    are stale and skipped."""

    def oldest(self) -> str | None:
        while self.by_age:
            seen_at, article_id = heapq.heappop(self.by_age)
            member = self.members.get(article_id)
            if member is not None and member[0] == seen_at:
                return article_id
        return None


class MemberShard:
    def __init__(self, members: MemberTable, expiry: ExpiryIndex, options: StoriesOptions, partitions: int) -> None:
        self._members = members
        self._options = options
        self._partitions = partitions
        self._window = timedelta(hours=options.window_hours)
        self._clock = EventTimeWindow(expiry, retention(options))
        self._indexes: dict[int, _PartitionIndex] = {}

    def handle(self, message: ShardInput, partition: int) -> list[Output]:
        match message:
            case StoryProbe():
                answer = self._probe(message, partition)
                article_id = message.article.article_id
                return [Output("stories_decisions", article_id, answer,
                               partition=decision_partition(article_id, self._partitions))]
            case StoryLeave():
                self._forget(message.article_id, partition)
                return []
            case Sweep():
                self._sweep(partition)
                return []
        raise TypeError(f"not a shard input: {message!r}")

    def forget_index(self) -> None:
        """After a rebalance another worker may have written this worker's partitions: rebuild from the rows."""
        self._indexes.clear()

    def _index_of(self, partition: int) -> _PartitionIndex:
        index = self._indexes.get(partition)
        if index is None:
            index = self._indexes[partition] = _PartitionIndex()
            for row in self._members.values():
                if row["partition"] == partition:
                    _add(index, row["article_id"], datetime.fromisoformat(row["seen_at"]), row["weights"], row["owned"])
        return index

    def _probe(self, probe: StoryProbe, partition: int) -> StoryAnswer:
        article = probe.article
        links = self.links(article, probe.weights, partition)
        self._store(article, probe.weights, partition)
        return StoryAnswer(article=article, shard=partition, links=links)

    def links(self, article: ArticleRef, weights: dict[str, float], partition: int) -> list[ArticleRef]:
        """The stored members linked to ``article`` whose link this shard reports."""
        index = self._index_of(partition)
        candidates = {
            member for key in weights if key in index.postings for member in index.postings[key]
        } - {article.article_id}
        found = []
        for member_id in sorted(candidates):
            seen_at, member_weights = index.members[member_id]
            if abs(article.seen_at - seen_at) > self._window:
                continue
            shared = min(key for key in member_weights if key in weights)
            if owning_partition(shared, self._partitions) != partition:
                continue
            if partial_dots(member_weights, weights).similarity(self._options) >= self._options.min_similarity:
                found.append(ArticleRef(article_id=member_id, seen_at=seen_at))
        return found

    def _store(self, article: ArticleRef, weights: dict[str, float], partition: int) -> None:
        """A new member, or a new version of one (its profile replaces the old)."""
        owned = sorted(key for key in weights if owning_partition(key, self._partitions) == partition)
        row = {
            "partition": partition, "article_id": article.article_id, "seen_at": article.seen_at.isoformat(),
            "weights": weights, "owned": owned,
        }
        row_key = _row_key(partition, article.article_id)
        if self._members.get(row_key) == row:
            return
        self._forget(article.article_id, partition)
        self._members[row_key] = row
        index = self._index_of(partition)
        _add(index, article.article_id, article.seen_at, weights, owned)
        self._clock.record(partition, article.seen_at, row_key)
        while len(index.members) > self._options.max_members_per_partition:
            oldest = index.oldest()
            if oldest is None:
                break
            self._forget(oldest, partition)

    def _sweep(self, partition: int) -> None:
        for row_key, horizon in self._clock.due(partition):
            row = self._members.get(row_key)
            if row is not None and datetime.fromisoformat(row["seen_at"]) < horizon:
                self._forget(row["article_id"], partition)

    def _forget(self, article_id: str, partition: int) -> None:
        row = self._members.pop(_row_key(partition, article_id), None)
        if row is None:
            return
        index = self._index_of(partition)
        index.members.pop(article_id, None)
        for key in row["owned"]:
            holders = index.postings.get(key)
            if holders is not None:
                holders.discard(article_id)
                if not holders:
                    del index.postings[key]


def _add(index: _PartitionIndex, article_id: str, seen_at: datetime, weights: dict[str, float],
         owned: list[str]) -> None:
    index.members[article_id] = (seen_at, CompactProfile(weights))
    heapq.heappush(index.by_age, (seen_at, article_id))
    if len(index.by_age) > 2 * len(index.members) + 64:
        # Stale entries (forgotten or replaced members) would otherwise pile up.
        index.by_age = [(at, member) for member, (at, _) in index.members.items()]
        heapq.heapify(index.by_age)
    for key in owned:
        index.postings[sys.intern(key)].add(article_id)


def _row_key(partition: int, article_id: str) -> str:
    return f"{partition}/{article_id}"
