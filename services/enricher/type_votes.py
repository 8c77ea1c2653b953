"""One type per entity across articles: label votes of recent articles, by name, decide an entity's label.

The small model types one name differently from article to article ("Leeds" a place here, a club there; a company
a person once). Within an article, ``entities.py`` groups mentions and votes; here each article's entities vote
again with the recent articles' entities of the same name, and the class with most votes wins.

- **Key**: ``canonical.name_key`` of the entity's display name: the key without its class, aliases joined, and
  the kind of copy (``copy_kind_of``): in sports copy a town's name is its club, elsewhere the town, so the two
  vote apart. Within a kind, one name gets one class.
- **Votes**: one per entity per article, for its label, counted per UTC day of the article's event time. An
  entity decides by the votes of the days from ``window_days`` before its article's day on (the article's own
  included): its class (``label_class``) changes only when another class has at least ``min_share`` of them and
  ``min_votes`` votes (0.7 and 2, chosen on CoNLL train, where a lower share turns more right labels wrong than
  wrong ones right: CoNLL types a name by its context). The label within a class is the article's own when the
  class is its own, else the class's most voted label.
- **Display name**: the most complete form seen for the key (most words, then longest; the first seen on a tie).
- **Bounded**: a row keeps only the days of its window; past ``max_names`` rows in a partition, the rows with the
  oldest latest event time go first (then by key), down to nine tenths of the bound.
- **Deterministic**: the same articles in the same order give the same decisions, whatever was evicted by size
  the same way. An article decides once: its decisions are kept (``~article/<id>``, bounded like the names), so a
  redelivery gets the same labels, keys and names and adds no votes.

Rows live in any ``MutableMapping`` of JSON rows (a Faust table on the broker, ``JsonRows`` in memory), keyed
``<partition>/<name key>`` and ``<partition>/~article/<id>``: a row is only written while its partition's message
is processed, so its changelog partition is its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.config import StoriesOptions
from services.contract.messages import EnrichedArticle, Entity, PubStatus
from services.enricher.canonical import canonical_key, label_class, name_key
from services.enricher.entities import merge_same_keys
from services.enricher.sports_copy import is_sports_copy

VoteRows = MutableMapping[str, dict[str, Any]]
_ARTICLE = "~article/"
SPORTS = "sports:"
_WITHDRAWN = frozenset({PubStatus.WITHHELD, PubStatus.CANCELED})


@dataclass(frozen=True)
class TypeVoteOptions:
    window_days: int = 7
    """Votes of the article's day and this many days before it count."""
    min_share: float = 0.7
    """The share of the votes another class needs to change an entity's class."""
    min_votes: int = 2
    """And the votes it needs."""
    max_names: int = 200_000
    """Rows per partition (names and articles) before the oldest go."""


def vote_options(stories: StoriesOptions) -> TypeVoteOptions:
    return TypeVoteOptions(window_days=stories.type_vote_days, max_names=stories.type_vote_rows)


@dataclass(frozen=True)
class Decision:
    label: str
    display_name: str


class TypeVotes:
    def __init__(self, rows: VoteRows, options: TypeVoteOptions | None = None) -> None:
        self._rows = rows
        self._options = options or TypeVoteOptions()
        self._last_seen: dict[int, dict[str, str]] = {}
        """Per partition, row key → the latest event time written to it: which rows go first at the bound.
        A view of the rows, built from them again after a rebalance (``forget_index``)."""

    def forget_index(self) -> None:
        self._last_seen.clear()

    def decide_article(self, enriched: EnrichedArticle, partition: int = 0) -> EnrichedArticle:
        """The article with its entities decided by the votes (``decide``), voted on as of its event time. A
        withheld or canceled version neither votes nor changes: its events are withdrawn, not published."""
        article = enriched.article
        if article.pub_status in _WITHDRAWN:
            return enriched
        article_id = article.article_id if article.version is None else f"{article.article_id}@v{article.version}"
        at = article.published_at or article.received_at
        entities = self.decide(article_id, at, enriched.entities, partition, copy_kind_of(article.text))
        return enriched if entities == enriched.entities else enriched.model_copy(update={"entities": entities})

    def decide(self, article_id: str, at: datetime, entities: Sequence[Entity], partition: int = 0,
               copy_kind: str = "") -> list[Entity]:
        """The article's entities with their labels, keys and display names decided by the votes (its own
        included). Entities that come to share a key are merged, as ``entities.py`` merges them in an article.
        ``copy_kind`` keeps the votes of one kind of copy apart (``copy_kind_of``)."""
        article_row_key = f"{partition}/{_ARTICLE}{article_id}"
        stored = self._rows.get(article_row_key)
        at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)
        day = at.date()
        if stored is None:
            names = [copy_kind + name_key(entity.canonical_name) for entity in entities]
            self._vote(partition, at, zip(names, entities, strict=True))
            decided = {name: self._decision(partition, day, name, entity.label)
                       for name, entity in zip(names, entities, strict=True)}
            stored = {"decided": {name: [d.label, d.display_name] for name, d in decided.items()},
                      "last": at.isoformat()}
            self._write(partition, article_row_key, stored)
            self._bound(partition)
        decisions = {name: Decision(label, display) for name, (label, display) in stored["decided"].items()}
        return merge_same_keys([_applied(entity, decisions.get(copy_kind + name_key(entity.canonical_name)))
                                for entity in entities])

    def _vote(self, partition: int, at: datetime, named: Iterable[tuple[str, Entity]]) -> None:
        day = at.date()
        horizon = (day - timedelta(days=self._options.window_days)).isoformat()
        for name, entity in named:
            row_key = f"{partition}/{name}"
            row = self._rows.get(row_key) or {"days": {}, "name": entity.canonical_name}
            days = {d: votes for d, votes in row["days"].items() if d >= horizon}
            votes = days.setdefault(day.isoformat(), {})
            votes[entity.label] = votes.get(entity.label, 0) + 1
            display = row["name"] if _completeness(row["name"]) >= _completeness(entity.canonical_name) else (
                entity.canonical_name)
            last = max(row.get("last", ""), at.isoformat())
            self._write(partition, row_key, {"days": days, "name": display, "last": last})

    def _decision(self, partition: int, day: date, name: str, own_label: str) -> Decision:
        row = self._rows[f"{partition}/{name}"]
        horizon = (day - timedelta(days=self._options.window_days)).isoformat()
        labels: Counter[str] = Counter()
        for voted_day, votes in row["days"].items():
            if voted_day >= horizon:
                labels.update(votes)
        classes: Counter[str] = Counter()
        for label, count in labels.items():
            classes[label_class(label)] += count
        own_class = label_class(own_label)
        total = sum(classes.values())
        best_class, best = min(classes.items(), key=lambda item: (-item[1], item[0] != own_class, item[0]))
        if best_class == own_class or best < self._options.min_votes or best < self._options.min_share * total:
            return Decision(own_label, row["name"])
        label = min((label for label in labels if label_class(label) == best_class),
                    key=lambda label: (-labels[label], label))
        return Decision(label, row["name"])

    def _write(self, partition: int, row_key: str, row: dict[str, Any]) -> None:
        self._rows[row_key] = row
        self._index_of(partition)[row_key] = row["last"]

    def _index_of(self, partition: int) -> dict[str, str]:
        index = self._last_seen.get(partition)
        if index is None:
            prefix = f"{partition}/"
            index = self._last_seen[partition] = {
                key: row["last"] for key, row in self._rows.items() if key.startswith(prefix)
            }
        return index

    def _bound(self, partition: int) -> None:
        index = self._index_of(partition)
        if len(index) <= self._options.max_names:
            return
        keep = self._options.max_names * 9 // 10
        oldest_first = sorted(index.items(), key=lambda item: (item[1], item[0]))
        for row_key, _ in oldest_first[: len(index) - keep]:
            del index[row_key]
            self._rows.pop(row_key, None)


def copy_kind_of(text: str) -> str:
    """Sports copy votes apart from the rest: there a town names its club ("Leeds beat Chelsea"), elsewhere the
    town. Pooled, the votes of one kind of copy retype the other's names: it costs micro F1 on CoNLL train at every
    share tried (``bench/reports/entity_typing.md``)."""
    return SPORTS if is_sports_copy(text) else ""


def _completeness(name: str) -> tuple[int, int]:
    return len(name.split()), len(name)


def _applied(entity: Entity, decision: Decision | None) -> Entity:
    if decision is None:
        return entity
    return entity.model_copy(update={
        "label": decision.label,
        "canonical_key": canonical_key(decision.label, decision.display_name),
        "canonical_name": decision.display_name,
    })
