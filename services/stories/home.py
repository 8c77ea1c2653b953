"""Stage 4, keyed by story: a story's state, and the ``StoryUpdate`` published whenever it changes.

The row (``story_id`` → each member's source, title, time, entities and number facts, in joining order, and
the withdrawn articles) is written while the story's partition is processed, so a worker that takes the
partition over carries on from the changelog. A member the story already holds unchanged (a redelivery)
publishes the current state again with the same version, so consumers can de-duplicate on ``(story_id,
version)``; a new version of a member replaces it, and a withdrawn one leaves. When two stories merge, their
articles move one by one from the later story to the earlier (``services/stories/decision.py``): the survivor
lists the stories it took in (``merged_from``), and the later story, once its last article has moved, publishes
its final, empty state naming the survivor (``merged_into``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import StoriesOptions
from services.contract.messages import CALENDAR_KINDS, NumberConsensus, ReportedValue, StoryEntity, StoryUpdate
from services.contract.outputs import Output
from services.stories.protocol import HomeInput, MemberFact, StoryMember, Sweep
from services.stories.window import EventTimeWindow, retention

StoryTable = MutableMapping[str, dict[str, Any]]
_TOP_ENTITIES = 10
# "6 digits" is finer than any news figure and coarser than float noise from normalising "1.5 million".
_VALUE_DIGITS = 6
# A story that runs for months would grow its row, and every update, without end; its latest articles say what it
# is about now. Older ones stay in the story (their events name it) but leave the row.
MAX_KEPT_ARTICLES = 500


class StoryHomes:
    def __init__(self, stories: StoryTable, expiry: ExpiryIndex, options: StoriesOptions) -> None:
        self._stories = stories
        self._clock = EventTimeWindow(expiry, retention(options))

    def handle(self, message: HomeInput, partition: int) -> list[Output]:
        match message:
            case StoryMember():
                update = self._change(message, partition)
                return [] if update is None else [Output("stories", message.story_id, update)]
            case Sweep():
                self._sweep(partition)
                return []
        raise TypeError(f"not a story home input: {message!r}")

    def _change(self, member: StoryMember, partition: int) -> StoryUpdate | None:
        """The story after the member joins, changes (a new version), leaves (a withdrawal) or moves (a merge); a
        message that changes nothing republishes the current state, and one about an unknown story that takes an
        article out of it publishes nothing."""
        row = self._stories.get(member.story_id)
        leaving = member.withdrawn or member.moved_to is not None
        if row is None:
            if leaving:
                return None
            row = {"story_id": member.story_id, "partition": partition, "version": 0, "members": {},
                   "withdrawn": [], "merged_from": [], "merged_into": None}
        members = dict(row["members"])
        withdrawn, merged_into = row["withdrawn"], row.get("merged_into")
        merged_from = row.get("merged_from", [])
        if leaving:
            if member.article_id not in members:
                return story_update(row)
            del members[member.article_id]
            if member.withdrawn:
                withdrawn = [*withdrawn, member.article_id]
            elif not members:
                # Its last article moved: the story lives on under the earlier one it merged into.
                merged_into = member.moved_to
        else:
            entry = _entry(member)
            if members.get(member.article_id) == entry:
                return story_update(row)
            members[member.article_id] = entry
            if len(members) > MAX_KEPT_ARTICLES:
                oldest = min(members, key=lambda article_id: (
                    datetime.fromisoformat(members[article_id]["seen_at"]), article_id))
                del members[oldest]
            withdrawn = [article_id for article_id in withdrawn if article_id != member.article_id]
            merged_into = None
            if member.moved_from is not None and member.moved_from not in merged_from:
                merged_from = [*merged_from, member.moved_from]
        row = {**row, "version": row["version"] + 1, "members": members, "withdrawn": withdrawn,
               "merged_from": merged_from, "merged_into": merged_into, **_span(members, row)}
        self._stories[member.story_id] = row
        self._clock.record(partition, member.seen_at, member.story_id)
        return story_update(row)

    def _sweep(self, partition: int) -> None:
        for story_id, horizon in self._clock.due(partition):
            row = self._stories.get(story_id)
            if row is not None and all(
                datetime.fromisoformat(entry["seen_at"]) < horizon for entry in row["members"].values()
            ):
                del self._stories[story_id]


def _span(members: dict[str, dict[str, Any]], row: dict[str, Any]) -> dict[str, str]:
    """First and last seen over the members; a story whose every article was withdrawn keeps its last span."""
    times = [entry["seen_at"] for entry in members.values()]
    if not times:
        return {"first_seen": row["first_seen"], "last_seen": row["last_seen"]}
    return {"first_seen": min(times, key=datetime.fromisoformat), "last_seen": max(times, key=datetime.fromisoformat)}


def _entry(member: StoryMember) -> dict[str, Any]:
    """What the story keeps of one member: JSON, as the table stores it."""
    return {
        "source": member.source,
        "title": member.title,
        "seen_at": member.seen_at.isoformat(),
        "entities": {e.canonical_key: [e.canonical_name, e.label, e.salience] for e in member.entities},
        "facts": [fact.model_dump() for fact in member.facts if _compared(fact)],
    }


def _compared(fact: MemberFact) -> bool:
    # Rows written before the enricher kept dates apart may hold calendar facts: when is not what consensus reports.
    return fact.kind not in CALENDAR_KINDS and (fact.predicate is not None or fact.counted is not None)


def _shared_by_all(by_value: dict[float, list[dict[str, Any]]], sources: set[str]) -> bool:
    return any({fact["source"] for fact in stating} == sources for stating in by_value.values())


def story_update(row: dict[str, Any]) -> StoryUpdate:
    members: dict[str, dict[str, Any]] = row["members"]
    entities: dict[str, dict[str, Any]] = {}
    for entry in members.values():
        for key, (name, label, salience) in entry["entities"].items():
            known = entities.setdefault(key, {"name": name, "label": label, "weight": 0.0, "articles": 0})
            known["weight"] += salience
            known["articles"] += 1
    top = sorted(entities.items(), key=lambda item: (-item[1]["weight"], item[0]))[:_TOP_ENTITIES]
    return StoryUpdate(
        story_id=row["story_id"],
        version=row["version"],
        articles=list(members),
        sources=list(dict.fromkeys(entry["source"] for entry in members.values())),
        headline=next((entry["title"] for entry in members.values() if entry["title"]), None),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        top_entities=[
            StoryEntity(canonical_key=key, canonical_name=entity["name"], label=entity["label"],
                        articles=entity["articles"])
            for key, entity in top
        ],
        numbers=number_consensus(
            [{"article_id": article_id, "source": entry["source"], **fact}
             for article_id, entry in members.items() for fact in entry["facts"]]
        ),
        withdrawn=row["withdrawn"],
        merged_from=row.get("merged_from", []),
        merged_into=row.get("merged_into"),
    )


def number_consensus(facts: list[dict[str, Any]]) -> list[NumberConsensus]:
    """Each (predicate, counted, kind, unit) that two or more sources state, with the values each states."""
    by_fact: defaultdict[tuple[Any, ...], defaultdict[float, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fact in facts:
        key = (fact["predicate"], fact["counted"], fact["kind"], fact["unit"])
        by_fact[key][round(fact["value"], _VALUE_DIGITS)].append(fact)
    consensus = []
    for (predicate, counted, kind, unit), by_value in by_fact.items():
        sources = {fact["source"] for stating in by_value.values() for fact in stating}
        if len(sources) < 2:
            continue
        values = [
            ReportedValue(
                value=value,
                sources=sorted({fact["source"] for fact in stating}),
                articles=list(dict.fromkeys(fact["article_id"] for fact in stating)),
            )
            for value, stating in by_value.items()
        ]
        values.sort(key=lambda reported: (-len(reported.sources), reported.value))
        consensus.append(NumberConsensus(
            predicate=predicate, counted=counted, kind=kind, unit=unit, values=values,
            agreement="agree" if _shared_by_all(by_value, sources) else "conflict",
        ))
    return sorted(consensus, key=lambda c: (-len({s for v in c.values for s in v.sources}), str(c.predicate),
                                            str(c.counted), c.kind, str(c.unit)))
