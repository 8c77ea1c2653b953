"""The four workers on a real broker: seeds, an HTML page and a poison message in; every output accounted for."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.config import Settings
from services.contract.codec import decode_message
from services.contract.messages import (
    TOPIC_MODELS,
    CleanArticle,
    DeadLetter,
    DedupStatus,
    DedupVerdict,
    EntityEvent,
    Message,
    NumberEvent,
    RawArticle,
    RejectReason,
    StoryUpdate,
)
from services.stories.following import latest_updates, standing_stories
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import Record, create_topics, end_offsets, read_from, send

DATA = Path(__file__).resolve().parents[1] / "data"
PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
# Each must land in the DLQ with its reason and exact bytes while the workers go on.
POISONS = {
    b'{"source": "wire", "body": "unterminated': RejectReason.INVALID_JSON,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00": RejectReason.BINARY_BODY,
    b'[{"source": "wire", "body": "a list, not an article"}]': RejectReason.INVALID_MESSAGE,
    b'{"source": "wire", "body": "  "}': RejectReason.EMPTY_BODY,
    RawArticle(
        source="wire",
        content_type="text/html",
        body="<html><body><main><p>We and our partners use cookies and process personal data. "
        "See our privacy policy.</p><p><button>Accept all</button><button>Reject all</button></p>"
        + "<p>Choose what we may do with your data, and change it at any time in the settings.</p>" * 3
        + "</main></body></html>",
    ).model_dump_json().encode(): RejectReason.NOT_AN_ARTICLE,
}

pytestmark = pytest.mark.broker


def _seed(name: str) -> bytes:
    raw = RawArticle(source=f"seed-{name}", body=(DATA / f"seed_{name}.txt").read_text(), published_at=PUBLISHED)
    return raw.model_dump_json().encode()


def _page() -> bytes:
    html = (DATA / "page_venturebeat_wework.html").read_text()
    raw = RawArticle(source="venturebeat", url="https://venturebeat.com/2019/11/18/wework", body=html,
                     content_type="text/html")
    return raw.model_dump_json().encode()


async def _send_and_collect(
    settings: Settings, messages: list[bytes], *, expected: dict[str, int]
) -> dict[str, list[Message]]:
    """Send, then read every output until ``expected`` counts per topic have arrived and 15 s passed quietly."""
    topics = settings.kafka.topics
    watched = [getattr(topics, kind) for kind in TOPIC_MODELS if kind != "raw"]
    start = await end_offsets(settings.kafka, watched)
    await send(settings.kafka, topics.raw, [(None, message) for message in messages])

    def complete(records: list[Record]) -> bool:
        seen = Counter(topic for topic, _, _ in records)
        return all(seen[getattr(topics, kind)] >= count for kind, count in expected.items())

    records = await read_from(settings.kafka, start, idle_s=15, timeout_s=300, complete=complete)
    kind_of = {getattr(topics, kind): kind for kind in TOPIC_MODELS}
    by_kind: dict[str, list[Message]] = defaultdict(list)
    for topic, key, value in records:
        message = decode_message(TOPIC_MODELS[kind_of[topic]], value)
        if isinstance(message, EntityEvent | NumberEvent | StoryUpdate):
            assert key == message.story_id.encode(), "story events are keyed by story_id"
        by_kind[kind_of[topic]].append(message)
    return by_kind


def test_four_workers_end_to_end(settings: Settings, tmp_path: Path) -> None:
    asyncio.run(create_topics(settings.kafka))
    seed_000, seed_003, page = _seed("000"), _seed("003"), _page()
    with WorkerFleet({}, tmp_path / "logs") as fleet:
        first = asyncio.run(
            _send_and_collect(
                settings, [seed_000, *POISONS, seed_003, page], expected={"stories": 3, "dlq": len(POISONS)}
            )
        )
        second = asyncio.run(_send_and_collect(settings, [seed_000], expected={"verdicts": 1}))
        crashed = fleet.exited()
        assert not crashed, f"workers died: {crashed}\n" + "\n".join(fleet.log(n)[-3000:] for n in crashed)

    # Three usable articles in, three clean out; every poison message is in the DLQ with its bytes.
    clean = [m for m in first["clean"] if isinstance(m, CleanArticle)]
    assert sorted(a.source for a in clean) == ["seed-000", "seed-003", "venturebeat"]
    assert [a.extractor for a in clean if a.source == "venturebeat"] == ["trafilatura"]
    dead = [m for m in first["dlq"] if isinstance(m, DeadLetter)]
    assert {letter.original: letter.reason for letter in dead} == POISONS
    assert {letter.stage for letter in dead} == {"cleaner"}

    # The two seeds are different write-ups, not copies: both unique, as is the page.
    verdicts = {v.article_id: v for v in first["verdicts"] if isinstance(v, DedupVerdict)}
    assert len(verdicts) == 3
    assert {v.status for v in verdicts.values()} == {DedupStatus.UNIQUE}
    assert len(first["unique"]) == 3 and len(first["enriched"]) == 3

    entities = [e for e in first["entities"] if isinstance(e, EntityEvent)]
    names = {e.canonical_name for e in entities}
    assert {"Lukashenko", "Kolesnikova", "Babariko"} <= {word for name in names for word in name.split()}
    assert len({e.event_id for e in entities}) == len(entities), "event ids are unique"
    assert {e.article_id for e in entities} == set(verdicts)

    numbers = [n for n in first["numbers"] if isinstance(n, NumberEvent)]
    counted_123 = {n.counted for n in numbers if n.value == 123 and n.kind == "count"}
    assert counted_123 & {"prisoner", "prisoners", "citizen", "citizens", "people", "person"}
    assert any(n.value == 114 and n.counted in {"civilian", "civilians"} for n in numbers)
    assert any(n.value == 14 and n.kind == "duration" and n.unit == "years" for n in numbers)

    # The two write-ups are one story, the page another, whichever seed was decided first (a race may publish one
    # seed under its own story first: that story then merges into the earlier seed's).
    latest = latest_updates(update for update in first["stories"] if isinstance(update, StoryUpdate))
    final = {story_id: set(update.articles) for story_id, update in standing_stories(latest.values()).items()}
    page_id = next(a.article_id for a in clean if a.source == "venturebeat")
    seed_ids = {a.article_id for a in clean if a.source.startswith("seed-")}
    assert sorted(final.values(), key=len) == [{page_id}, seed_ids]
    assert {update.merged_into for update in latest.values() if not update.articles} <= set(final)

    # Seed 000 again: an exact duplicate of itself, and nothing new downstream.
    seed_id = next(a.article_id for a in clean if a.source == "seed-000")
    again = [v for v in second["verdicts"] if isinstance(v, DedupVerdict)]
    assert [(v.article_id, v.status, v.duplicate_of) for v in again] == [
        (seed_id, DedupStatus.EXACT_DUPLICATE, seed_id)
    ]
    assert len(second["clean"]) == 1
    for kind in ("unique", "enriched", "entities", "numbers", "stories", "dlq"):
        assert not second.get(kind), f"re-sent duplicate produced {kind}"
