"""Stage 3, keyed by article: collect the article's links, agree on its story with the articles it is linked to,
publish its events, and move it when its story merges into an earlier one.

An article's links come from the shards' answers (members it found when it arrived) and from the label notices
of articles that found it later. Its *label* is the earliest article (event time, then id) it is known to be
connected to, at first itself. Once every shard has answered, the article tells each link its label and asks
for theirs; when all have answered, and ``settle_s`` more have passed (ticks carry the wall clock; meanwhile a
write-up racing it through the shards finds it and says its label), it publishes its events under the earliest
label heard. From then on, a
notice naming an earlier label makes it adopt that label, tell its other links, and move to that story: the
story home it leaves gets ``moved_to``, the one it joins ``moved_from``. Each link ends with both ends holding
the same label, so every connected component ends as one story named by its earliest article, whatever the order
of arrival (label propagation: a label only ever moves earlier, so the notices stop).

The entity and number events of an article carry the story id it was first published under, in every version
and redelivery, so they never appear under two ids; a consumer follows ``merged_into`` (``schemas/README.md``,
Stories). A redelivery publishes the same events again; a newer version of the article keeps its story and
publishes its own events and membership in place of the old; a
withheld or canceled version takes the article out of its story and out of the shards, but its links stay, so a
story never splits. A withdrawal of an article the stage never published publishes nothing.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import StoriesOptions
from services.contract.messages import EnrichedArticle
from services.contract.outputs import Output
from services.stories.events import entity_events, number_events
from services.stories.protocol import (
    ArticleRef,
    DecisionInput,
    MemberEntity,
    MemberFact,
    Registration,
    StoryAnswer,
    StoryLabel,
    StoryLabels,
    StoryLeave,
    StoryMember,
    Sweep,
    Tick,
)
from services.stories.routing import article_ref, article_time, decision_partition, withdrawn
from services.stories.window import EventTimeWindow, retention

ArticleTable = MutableMapping[str, dict[str, Any]]


class StoryDecisions:
    def __init__(self, articles: ArticleTable, expiry: ExpiryIndex, options: StoriesOptions, partitions: int) -> None:
        self._articles = articles
        """article_id → the article's links, label and progress; once published, its story and membership. And
        ``~settling/<partition>``: the articles of a partition that wait out the settle time; and
        ``~registration/<article_id>``: the enriched article until it is published. It has a row of its own because
        the progress row is written again on every answer and notice, and should not carry the whole article."""
        self._partitions = partitions
        self._settle = timedelta(seconds=options.settle_s)
        self._clock = EventTimeWindow(expiry, retention(options))
        self._now = datetime.now(UTC)

    def handle(self, message: DecisionInput, partition: int, now: datetime | None = None) -> list[Output]:
        """``now``: the wall clock, from which an article ready to publish waits the settle time."""
        self._now = now or datetime.now(UTC)
        return self._batched(self._handle(message, partition))

    def _handle(self, message: DecisionInput, partition: int) -> list[Output]:
        match message:
            case Tick():
                return self._publish_settled(message.at, partition)
            case Registration():
                return self._register(message, partition)
            case StoryAnswer():
                return self._answered(message, partition)
            case StoryLabel():
                return self._labelled(message, partition)
            case StoryLabels():
                return [output for notice in message.notices for output in self._labelled(notice, partition)]
            case Sweep():
                self._sweep(partition)
                return []
        raise TypeError(f"not a decision input: {message!r}")

    def _batched(self, outputs: list[Output]) -> list[Output]:
        """The label notices among ``outputs`` as one message per decision partition, after the other outputs."""
        by_partition: dict[int, list[StoryLabel]] = {}
        others = []
        for output in outputs:
            if isinstance(output.value, StoryLabel):
                partition = decision_partition(output.value.article.article_id, self._partitions)
                by_partition.setdefault(partition, []).append(output.value)
            else:
                others.append(output)
        return others + [
            Output("stories_decisions", f"labels/{partition}", StoryLabels(notices=notices), partition=partition)
            for partition, notices in sorted(by_partition.items())
        ]

    def story_of(self, article_id: str) -> str | None:
        row = self._articles.get(article_id)
        return None if row is None else row["story_id"]

    def _row(self, article: ArticleRef, partition: int) -> dict[str, Any]:
        row = self._articles.get(article.article_id)
        if row is not None:
            return row
        # Answers and notices come from other producers than the registration: any of them may arrive first.
        self._clock.record(partition, article.seen_at, article.article_id)
        ref = article.model_dump(mode="json")
        return {
            "article": ref, "label": ref, "registered": False, "shards": [], "answered": [], "neighbors": {},
            "started": False, "awaiting": [], "story_id": None, "events_story": None, "member": None,
            "withdrawn": False,
        }

    def _register(self, registration: Registration, partition: int) -> list[Output]:
        enriched = registration.article
        row = self._row(article_ref(enriched), partition)
        if row["story_id"] is not None:
            return self._new_version(row, registration, partition)
        if withdrawn(enriched):
            # Never published: nothing to take back.
            self._articles.pop(enriched.article.article_id, None)
            return []
        self._articles[_registration_key(enriched.article.article_id)] = registration.model_dump(mode="json")
        row = {**row, "registered": True, "shards": registration.shards}
        return self._progress(row, partition)

    def _answered(self, answer: StoryAnswer, partition: int) -> list[Output]:
        row = self._row(answer.article, partition)
        new = [link for link in answer.links if link.article_id not in row["neighbors"]]
        row = {
            **row,
            "answered": sorted({*row["answered"], answer.shard}),
            "neighbors": {**row["neighbors"], **{link.article_id: link.seen_at.isoformat() for link in new}},
        }
        # A link found after the article told its links its label (a new version's probes) hears it now.
        outputs = _notices(row, new) if row["started"] else []
        return outputs + self._progress(row, partition)

    def _labelled(self, notice: StoryLabel, partition: int) -> list[Output]:
        row = self._row(notice.article, partition)
        sender = notice.sender
        row = {
            **row,
            "neighbors": {**row["neighbors"], sender.article_id: sender.seen_at.isoformat()},
            "awaiting": [article_id for article_id in row["awaiting"] if article_id != sender.article_id],
        }
        outputs: list[Output] = []
        mine = _ref(row["label"]).order
        if notice.label.order < mine:
            row = {**row, "label": notice.label.model_dump(mode="json")}
            if row["started"]:
                others = [_ref_of(a, t) for a, t in row["neighbors"].items() if a != sender.article_id]
                outputs += _notices(row, others)
            outputs += _move(row)
            row = _moved(row)
        if notice.reply or notice.label.order > mine:
            # The sender waits for an answer, or holds a later label than ours: tell it ours.
            outputs += _notices(row, [sender])
        return outputs + self._progress(row, partition)

    def _progress(self, row: dict[str, Any], partition: int) -> list[Output]:
        """Start once registered and answered by every shard; publish once every link has said its label."""
        outputs: list[Output] = []
        if not row["started"] and _registered(row) and set(row["shards"]) <= set(row["answered"]):
            links = [_ref_of(a, t) for a, t in row["neighbors"].items()]
            row = {**row, "started": True, "awaiting": sorted(row["neighbors"])}
            outputs += _notices(row, links, reply=True)
        if row["started"] and row["story_id"] is None and not row["awaiting"]:
            if self._settle:
                self._settling(partition, row["article"]["article_id"])
            else:
                published, row = self._publish(row, partition)
                outputs += published
        self._articles[row["article"]["article_id"]] = row
        return outputs

    def _settling(self, partition: int, article_id: str) -> None:
        key = _settling_key(partition)
        waiting = self._articles.get(key) or {"partition": partition, "articles": {}}
        if article_id not in waiting["articles"]:
            waiting = {**waiting, "articles": {**waiting["articles"], article_id: self._now.isoformat()}}
            self._articles[key] = waiting

    def _publish_settled(self, now: datetime, partition: int) -> list[Output]:
        key = _settling_key(partition)
        waiting = self._articles.get(key)
        if not waiting:
            return []
        outputs: list[Output] = []
        still = {}
        for article_id, ready_at in waiting["articles"].items():
            if now - datetime.fromisoformat(ready_at) < self._settle:
                still[article_id] = ready_at
                continue
            row = self._articles.get(article_id)
            if row is not None and row["story_id"] is None:
                published, row = self._publish(row, partition)
                outputs += published
                self._articles[article_id] = row
        if still:
            self._articles[key] = {**waiting, "articles": still}
        else:
            del self._articles[key]
        return outputs

    def _publish(self, row: dict[str, Any], partition: int) -> tuple[list[Output], dict[str, Any]]:
        article_id = row["article"]["article_id"]
        # Rows written before the registration had a row of its own carry it inline.
        stored = row.get("registration") or self._articles.pop(_registration_key(article_id))
        enriched = Registration.model_validate(stored).article
        story_id = row["label"]["article_id"]
        row = {key: value for key, value in row.items() if key != "registration"}
        row = {**row, "story_id": story_id, "events_story": story_id, "registered": False,
               "member": member_of(enriched, story_id).model_dump(mode="json")}
        # Expiry counts from publication: a row swept while on its way was kept, and is looked at again.
        self._clock.record(partition, article_time(enriched), row["article"]["article_id"])
        return publish(enriched, story_id), row

    def _new_version(self, row: dict[str, Any], registration: Registration, partition: int) -> list[Output]:
        """A redelivery, a newer version or a withdrawal of a published article: same story, new content."""
        enriched = registration.article
        story_id = row["story_id"]
        article_id = enriched.article.article_id
        leaves = [Output("stories_probes", article_id, StoryLeave(article_id=article_id), partition=shard)
                  for shard in row["shards"] if shard not in registration.shards]
        if withdrawn(enriched):
            member = member_of(enriched, story_id, withdrawn=True)
            self._articles[article_id] = {**row, "shards": [], "withdrawn": True,
                                          "member": member.model_dump(mode="json")}
            return [*leaves, Output("stories_members", story_id, member)]
        member = member_of(enriched, story_id)
        self._articles[article_id] = {**row, "shards": registration.shards, "withdrawn": False,
                                      "member": member.model_dump(mode="json")}
        # Events keep the story they were first published under, so an article's events never carry two story ids.
        return [*leaves, *events(enriched, row["events_story"]), Output("stories_members", story_id, member)]

    def _sweep(self, partition: int) -> None:
        """Forget published articles a window behind the newest event time, and notices for articles long gone
        (an article notified after its row was forgotten). A row that waits for its registration or answers
        stays: it is an article on its way."""
        for article_id, horizon in self._clock.due(partition):
            row = self._articles.get(article_id)
            if row is None or _ref(row["article"]).seen_at >= horizon:
                continue
            if row["story_id"] is not None or (not _registered(row) and not row["answered"]):
                del self._articles[article_id]


def _settling_key(partition: int) -> str:
    return f"~settling/{partition}"


def _registration_key(article_id: str) -> str:
    return f"~registration/{article_id}"


def _registered(row: dict[str, Any]) -> bool:
    """Registered and not yet published (rows of before the registration row carry ``registration`` inline)."""
    return bool(row.get("registered") or row.get("registration"))


def _ref(value: dict[str, Any]) -> ArticleRef:
    return ArticleRef.model_validate(value)


def _ref_of(article_id: str, seen_at: str) -> ArticleRef:
    return ArticleRef(article_id=article_id, seen_at=datetime.fromisoformat(seen_at))


def _notices(row: dict[str, Any], links: list[ArticleRef], reply: bool = False) -> list[Output]:
    sender, label = _ref(row["article"]), _ref(row["label"])
    return [
        Output("stories_decisions", link.article_id,
               StoryLabel(article=link, sender=sender, label=label, reply=reply))
        for link in sorted(links, key=lambda link: link.article_id)
    ]


def _move(row: dict[str, Any]) -> list[Output]:
    """A published article whose label moved: it leaves its story for the label's."""
    old, new = row["story_id"], row["label"]["article_id"]
    if old is None or old == new or row["withdrawn"]:
        return []
    member = StoryMember.model_validate(row["member"])
    return [
        Output("stories_members", old, member.model_copy(update={"story_id": old, "moved_to": new})),
        Output("stories_members", new, member.model_copy(update={"story_id": new, "moved_from": old})),
    ]


def _moved(row: dict[str, Any]) -> dict[str, Any]:
    if row["story_id"] is None:
        return row
    new = row["label"]["article_id"]
    return {**row, "story_id": new, "member": {**row["member"], "story_id": new}}


def publish(enriched: EnrichedArticle, story_id: str) -> list[Output]:
    """The article's public events, and its part of the story for the home."""
    return [*events(enriched, story_id), Output("stories_members", story_id, member_of(enriched, story_id))]


def events(enriched: EnrichedArticle, story_id: str) -> list[Output]:
    outputs = [Output("entities", story_id, event) for event in entity_events(enriched, story_id)]
    outputs += [Output("numbers", story_id, event) for event in number_events(enriched, story_id)]
    return outputs


def member_of(enriched: EnrichedArticle, story_id: str, withdrawn: bool = False) -> StoryMember:
    article = enriched.article
    return StoryMember(
        story_id=story_id,
        article_id=article.article_id,
        source=article.source,
        title=article.title,
        seen_at=article_time(enriched),
        entities=[
            MemberEntity(canonical_key=e.canonical_key, canonical_name=e.canonical_name, label=e.label,
                         salience=e.salience)
            for e in enriched.entities
        ],
        facts=[
            MemberFact(predicate=f.predicate, counted=f.counted, kind=f.kind, unit=f.unit, value=f.value)
            for f in enriched.amounts()
        ],
        withdrawn=withdrawn,
    )
