"""Stage 2, keyed by profile key: a shard remembers recent members by the keys it owns and scores probes.

A member's row (``<partition>/<article_id>`` → its story, time and the weights of the keys this shard owns) is
written while the shard's partition is processed, so the changelog partition of the row is the shard's own; one
article has a row on every shard that owns one of its keys, hence the partition in the row key. The posting lists
that find candidates are derived from those rows in memory, per partition, and built again after a rebalance:
the rows are the state, the posting lists only an index over it.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import MutableMapping
from datetime import datetime, timedelta
from typing import Any

from services.config import StoriesOptions
from services.expiry import ExpiryIndex
from services.outputs import Output
from services.stories.profile import Dots, partial_dots
from services.stories.protocol import Candidate, ShardInput, StoryAnswer, StoryJoin, StoryLeave, StoryProbe, Sweep
from services.stories.window import EventTimeWindow

MemberTable = MutableMapping[str, dict[str, Any]]
# A common word shared by hundreds of recent members would make every answer long; only the members with the
# largest share of the similarity on this shard can matter to the decision.
_MAX_CANDIDATES = 100


class MemberShard:
    def __init__(self, members: MemberTable, expiry: ExpiryIndex, options: StoriesOptions) -> None:
        self._members = members
        self._options = options
        self._window = timedelta(hours=options.window_hours)
        self._clock = EventTimeWindow(expiry, self._window)
        self._postings: dict[int, defaultdict[str, set[str]]] = {}

    def handle(self, message: ShardInput, partition: int) -> list[Output]:
        match message:
            case StoryProbe():
                return [Output("stories_decisions", message.article_id, self._answer(message, partition))]
            case StoryJoin():
                self._join(message, partition)
                return []
            case StoryLeave():
                self._forget(_row_key(partition, message.article_id), partition)
                return []
            case Sweep():
                self._sweep(partition)
                return []
        raise TypeError(f"not a shard input: {message!r}")

    def forget_postings(self) -> None:
        """After a rebalance another worker may have written this worker's partitions: rebuild from the rows."""
        self._postings.clear()

    def _postings_of(self, partition: int) -> defaultdict[str, set[str]]:
        postings = self._postings.get(partition)
        if postings is None:
            postings = self._postings[partition] = defaultdict(set)
            for row in self._members.values():
                if row["partition"] == partition:
                    for key in row["weights"]:
                        postings[key].add(row["article_id"])
        return postings

    def _answer(self, probe: StoryProbe, partition: int) -> StoryAnswer:
        postings = self._postings_of(partition)
        member_ids = sorted({member for key in probe.weights for member in postings.get(key, ())})
        scored = []
        for member_id in member_ids:
            row = self._members[_row_key(partition, member_id)]
            if abs(probe.seen_at - datetime.fromisoformat(row["seen_at"])) > self._window:
                continue
            dots = partial_dots(probe.weights, row["weights"])
            scored.append(Candidate(
                article_id=member_id, story_id=row["story_id"], entity_dot=dots.entity, term_dot=dots.term,
                number_dot=dots.number,
            ))
        best = heapq.nlargest(_MAX_CANDIDATES, scored, key=lambda c: (_dots(c).similarity(self._options), c.article_id))
        return StoryAnswer(article_id=probe.article_id, shard=partition, candidates=best)

    def _join(self, join: StoryJoin, partition: int) -> None:
        """A new member, or a new version of one (its keys replace the old ones)."""
        row_key = _row_key(partition, join.article_id)
        row = {
            "partition": partition, "article_id": join.article_id, "story_id": join.story_id,
            "seen_at": join.seen_at.isoformat(), "weights": join.weights,
        }
        if self._members.get(row_key) == row:
            return
        self._forget(row_key, partition)
        self._members[row_key] = row
        postings = self._postings_of(partition)
        for key in join.weights:
            postings[key].add(join.article_id)
        self._clock.record(partition, join.seen_at, row_key)

    def _sweep(self, partition: int) -> None:
        for row_key, horizon in self._clock.due(partition):
            row = self._members.get(row_key)
            if row is not None and datetime.fromisoformat(row["seen_at"]) < horizon:
                self._forget(row_key, partition)

    def _forget(self, row_key: str, partition: int) -> None:
        row = self._members.pop(row_key, None)
        if row is None:
            return
        postings = self._postings_of(partition)
        for key in row["weights"]:
            holders = postings.get(key)
            if holders is not None:
                holders.discard(row["article_id"])
                if not holders:
                    del postings[key]


def _row_key(partition: int, article_id: str) -> str:
    return f"{partition}/{article_id}"


def _dots(candidate: Candidate) -> Dots:
    return Dots(candidate.entity_dot, candidate.term_dot, candidate.number_dot)
