"""Faults on a real broker, all four services at once, every input accounted for.

Twenty-one hundred articles (originals made of sentences of the real seed articles, and syndication-style copies
of them, `bench.syndication.make_copy`) go through cleaner, dedup, enricher and stories while, in turn, each
service's worker is killed with SIGKILL and restarted, a second dedup and a second stories worker join and leave
under traffic (rebalances that hand partitions, and their tables, over and back), a message that is not JSON
arrives, and the broker is stopped for longer than the clients' timeouts and started again. Afterwards: every
article has a verdict, each group of copies exactly one unique article, every article sent on as unique its full
set of entity and number events (compared with the enricher run here on the same clean text, by content, not
sampled), every unique article a story, and the DLQ holds the one bad message.
"""

from __future__ import annotations

import asyncio
import random
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest

from bench.syndication import make_copy, true_jaccard
from services.cleaner.identity import article_id_for
from services.codec import decode_message
from services.config import EnricherOptions, Settings
from services.deadletter import Stage
from services.dlq import StoredRecord
from services.enricher.logic import Enricher
from services.fleet import WorkerFleet, local_broker
from services.kafka_io import create_topics, read_topic, send
from services.messages import (
    CleanArticle,
    DeadLetter,
    DedupStatus,
    DedupVerdict,
    EntityEvent,
    NumberEvent,
    RawArticle,
    RejectReason,
    StoryUpdate,
)

pytestmark = [pytest.mark.broker, pytest.mark.faults]

DATA = Path(__file__).resolve().parents[1] / "data"
ORIGINALS = 210
COPIES_PER_ORIGINAL = 9
SENTENCES_PER_ORIGINAL = 12
# Copies this close to their original are duplicates whatever the MinHash noise (see test_dedup_sharded).
CLEAR_COPY_JACCARD = 0.9
POISON = b'{"source": "wire", "body": "cut off'
BROKER_DOWN_S = 100
"""Longer than the consumers' 90 s offset-lookup timeout and the 10 s session: the outage every client notices."""
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def _articles() -> tuple[list[RawArticle], dict[str, str]]:
    """Raw articles in arrival order, and article_id → the group (original) it belongs to."""
    rng = random.Random(11)
    sentences = [
        s for name in ("seed_000.txt", "seed_003.txt")
        for s in _SENTENCE_END.split((DATA / name).read_text()) if len(s.split()) >= 6
    ]
    raws: list[RawArticle] = []
    group_of: dict[str, str] = {}
    for n in range(ORIGINALS):
        chosen = rng.sample(sentences, SENTENCES_PER_ORIGINAL)
        original = "\n\n".join(" ".join(chosen[i:i + 4]) for i in range(0, SENTENCES_PER_ORIGINAL, 4))
        members = [original]
        while len(members) <= COPIES_PER_ORIGINAL:
            copy, _ = make_copy(rng, rng.choice(members))
            if true_jaccard(copy, original) >= CLEAR_COPY_JACCARD:
                members.append(copy)
        for k, text in enumerate(members):
            raw = RawArticle(id=f"story-{n}/{k}", source=f"wire-{k % 4}", body=text)
            raws.append(raw)
            group_of[article_id_for(raw, raw.body)] = f"story-{n}"
    # Half the originals lead; the rest of the articles arrive shuffled, so a copy may even precede its original.
    first_half = [raw for raw in raws if raw.id.endswith("/0")][: ORIGINALS // 2]
    rest = [raw for raw in raws if raw not in first_half]
    rng.shuffle(rest)
    return [*first_half, *rest], group_of


def _broker(action: Literal["start", "stop"]) -> None:
    failure = local_broker(action)
    assert failure is None, f"could not {action} the broker: {failure}"


def _until(condition: Callable[[], bool], what: str, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(2)


def test_kills_rebalances_a_poison_message_and_a_broker_restart_lose_nothing_and_double_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    raws, group_of = _articles()
    messages = [raw.model_dump_json().encode() for raw in raws]
    chunks = [messages[i::7] for i in range(7)]
    topics = settings.kafka.topics

    def records(topic: str) -> list[StoredRecord]:
        return asyncio.run(read_topic(settings.kafka, topic))

    def verdict_count_at_least(count: int) -> Callable[[], bool]:
        return lambda: len(records(topics.verdicts)) >= count

    def feed(chunk: list[bytes]) -> None:
        asyncio.run(send(settings.kafka, topics.raw, [(None, message) for message in chunk]))

    def second_worker(stage: Stage) -> str:
        name = f"{stage}-2"
        fleet.start(stage, name=name, env={"NEWSINGEST_WORKER__DATA_DIR": str(tmp_path / name)})
        return name

    asyncio.run(create_topics(settings.kafka))
    with WorkerFleet({}, tmp_path / "logs") as fleet:
        feed(chunks[0])
        _until(verdict_count_at_least(50), "the first verdicts")
        fleet.stop("cleaner", signal.SIGKILL)
        fleet.start("cleaner")
        feed(chunks[1])
        _until(verdict_count_at_least(len(chunks[0]) + 50), "verdicts of the second chunk")
        fleet.stop("dedup", signal.SIGKILL)
        fleet.start("dedup")
        dedup_2 = second_worker("dedup")
        feed([*chunks[2][:100], POISON, *chunks[2][100:]])
        fleet.wait_until_settled(["dedup", dedup_2], timeout_s=300)
        _until(lambda: len(records(topics.enriched)) >= 20, "enriched articles")
        fleet.stop(dedup_2)
        fleet.stop("enricher", signal.SIGKILL)
        fleet.start("enricher")
        feed(chunks[3])
        _until(lambda: len(records(topics.stories)) >= 30, "story updates")
        fleet.stop("stories", signal.SIGKILL)
        fleet.start("stories")
        stories_2 = second_worker("stories")
        feed(chunks[4])
        fleet.wait_until_settled(["stories", stories_2], timeout_s=300)
        fleet.stop(stories_2)
        feed(chunks[5])
        _until(verdict_count_at_least(sum(map(len, chunks[:5])) + 50), "verdicts of the sixth chunk")
        _broker("stop")
        try:
            time.sleep(BROKER_DOWN_S)
        finally:
            _broker("start")
        feed(chunks[6])

        expected_ids = set(group_of)
        _until(lambda: {decode_message(DedupVerdict, r.value).article_id for r in records(topics.verdicts)}
               == expected_ids, "a verdict for every article", timeout_s=600)
        verdicts = [decode_message(DedupVerdict, r.value) for r in records(topics.verdicts)]
        final: dict[str, DedupVerdict] = {}
        for verdict in verdicts:
            if verdict.article_id not in final or verdict.revision > final[verdict.article_id].revision:
                final[verdict.article_id] = verdict
        unique_ids = {article_id for article_id, verdict in final.items() if verdict.status is DedupStatus.UNIQUE}

        def stories_cover_every_unique() -> bool:
            told = {a for r in records(topics.stories) for a in decode_message(StoryUpdate, r.value).articles}
            return unique_ids <= told

        _until(stories_cover_every_unique, "a story for every unique article", timeout_s=600)
        crashed = fleet.exited()
    assert not crashed, f"workers died: {crashed}"

    # One unique article per group, and never two groups merged.
    unique_groups = [group_of[article_id] for article_id in unique_ids]
    assert sorted(unique_groups) == sorted(set(group_of.values()))
    for verdict in final.values():
        if verdict.status is not DedupStatus.UNIQUE:
            assert group_of[verdict.duplicate_of or ""] == group_of[verdict.article_id]
    # A verdict made again after a crash or a rebalance names the same group: never unique once and a duplicate
    # the other time at one revision (it may say near_duplicate where the first said exact_duplicate, when a
    # bucket answered the redelivered probe from rows the first attempt had already written).
    by_revision: dict[tuple[str, int], set[tuple[bool, str | None]]] = {}
    for verdict in verdicts:
        answer = (verdict.status is DedupStatus.UNIQUE, verdict.duplicate_of)
        by_revision.setdefault((verdict.article_id, verdict.revision), set()).add(answer)
    assert {key: answers for key, answers in by_revision.items() if len(answers) > 1} == {}

    # An article decided unique and corrected by a late-match notice (a race past the settle window, which
    # rebalances make likelier) was already sent on: its corrected verdict is a duplicate at a higher revision.
    sent_on = {decode_message(CleanArticle, r.value).article_id for r in records(topics.unique)}
    assert unique_ids <= sent_on
    assert all(final[article_id].revision > 1 for article_id in sent_on - unique_ids)

    # Every article sent on has its events, as the enricher makes them from the clean text the cleaner published.
    clean = {a.article_id: a for a in (decode_message(CleanArticle, r.value) for r in records(topics.clean))}
    enriched = Enricher(EnricherOptions()).enrich([clean[article_id] for article_id in sorted(sent_on)])
    entity_events = [decode_message(EntityEvent, r.value) for r in records(topics.entities)]
    number_events = [decode_message(NumberEvent, r.value) for r in records(topics.numbers)]
    assert {(e.article_id, e.canonical_key) for e in entity_events} == {
        (a.article.article_id, e.canonical_key) for a in enriched for e in a.entities
    }
    assert {(n.article_id, n.start, n.end, n.kind, n.value) for n in number_events} == {
        (a.article.article_id, f.start, f.end, f.kind, f.value) for a in enriched for f in a.numbers
    }
    # A redelivered article keeps its story: its events are never published under two.
    stories_of: dict[str, set[str]] = {}
    for event in [*entity_events, *number_events]:
        stories_of.setdefault(event.article_id, set()).add(event.story_id)
    assert {article_id for article_id, story_ids in stories_of.items() if len(story_ids) > 1} == set()
    # Redelivered events carry the ids they had: one id, one event.
    for events in (entity_events, number_events):
        by_id: dict[str, set[str]] = {}
        for event in events:
            by_id.setdefault(event.event_id, set()).add(event.model_dump_json())
        assert all(len(versions) == 1 for versions in by_id.values())

    letters = [decode_message(DeadLetter, r.value) for r in records(topics.dlq)]
    assert [(letter.stage, letter.reason, letter.original) for letter in letters] == [
        ("cleaner", RejectReason.INVALID_JSON, POISON)
    ]
