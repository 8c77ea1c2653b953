"""The committed JSON Schemas match the models, and every message survives a JSON round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.contract.messages import (
    ALL_MODELS,
    TOPIC_MODELS,
    CleanArticle,
    DeadLetter,
    DedupStatus,
    DedupVerdict,
    EnrichedArticle,
    Entity,
    EntityEvent,
    Mention,
    Message,
    NumberEvent,
    NumberFact,
    RawArticle,
    RejectReason,
    SkippedItem,
    SkipReason,
    StoryEntity,
    StoryUpdate,
)
from services.contract.schema_files import rendered_schemas

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
AT = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)


def test_committed_schemas_match_the_models() -> None:
    rendered = rendered_schemas()
    committed = {path.name: path.read_text() for path in SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(rendered), "a schema file without a model, or a model without a file"
    stale = [name for name in rendered if committed[name] != rendered[name]]
    assert stale == [], "run: make schemas"


@pytest.mark.parametrize("name", sorted(rendered_schemas()))
def test_every_schema_has_a_schema_version(name: str) -> None:
    schema = json.loads(rendered_schemas()[name])
    assert schema["title"] == name.removesuffix(".json")
    assert schema["properties"]["schema_version"]["default"] == 1


def test_every_topic_has_a_schema() -> None:
    assert {model.__name__ for model in TOPIC_MODELS.values()} == {model.__name__ for model in ALL_MODELS}


MENTION = Mention(text="Minsk", start=0, end=5, sentence=0)
CLEAN = CleanArticle(
    article_id="a1", source="agency", text="Minsk freed 123 prisoners.", word_count=4, extractor="plain_text",
    received_at=AT, published_at=AT, metadata={"nested": {"list": [1, "two", None]}},
)
EXAMPLES: dict[type[Message], Callable[[], Message]] = {
    RawArticle: lambda: RawArticle(source="agency", body="Caf\u00e9 <b>news</b>", published_at=AT, metadata={"k": 1}),
    CleanArticle: lambda: CLEAN,
    DedupVerdict: lambda: DedupVerdict(
        article_id="a2", source="agency", status=DedupStatus.NEAR_DUPLICATE, duplicate_of="a1", similarity=0.875,
        shingle_size=5, num_perm=128, bands=16, threshold=0.8,
    ),
    EnrichedArticle: lambda: EnrichedArticle(
        article=CLEAN, sentences=[(0, 26)],
        entities=[Entity(text="Minsk", label="GPE", canonical_key="place:minsk", canonical_name="Minsk",
                         mentions=[MENTION], salience=1.0)],
        numbers=[NumberFact(value=123, text="123", kind="count", counted="prisoner", predicate="free",
                            sentence=0, start=12, end=15)],
        nlp_model="en_core_web_sm-3.8.0",
    ),
    EntityEvent: lambda: EntityEvent(
        event_id="e1", article_id="a1", story_id="a1", source="agency", text="Minsk", label="GPE",
        canonical_key="place:minsk", canonical_name="Minsk", mentions=[MENTION], salience=0.5,
    ),
    NumberEvent: lambda: NumberEvent(
        event_id="n1", article_id="a1", story_id="a1", source="agency", value=123.0, text="123", kind="count",
        sentence_text="Minsk freed 123 prisoners.", sentence=0, start=12, end=15,
    ),
    StoryUpdate: lambda: StoryUpdate(
        story_id="a1", version=1, articles=["a1"], sources=["agency"], first_seen=AT, last_seen=AT,
        top_entities=[StoryEntity(canonical_key="place:minsk", canonical_name="Minsk", label="GPE", articles=1)],
    ),
    DeadLetter: lambda: DeadLetter(
        stage="cleaner", reason=RejectReason.UNDECODABLE, error="not UTF-8", source_topic="news.articles.raw",
        partition=3, offset=42, key=b"\x00\xfe", original=b"\xff\xfe\x00{\x80 not utf-8 \xc3\x28", failed_at=AT,
    ),
    SkippedItem: lambda: SkippedItem(
        article_id="a3", source="AP", uri="http://api.ap.org/media/v/content/b2b6c3", reason=SkipReason.MEDIA_ONLY,
        detail="ninjs picture item with no text body", item_type="picture", version=0, wire_format="ninjs",
        received_at=AT,
    ),
}


def test_there_is_an_example_of_every_model() -> None:
    assert set(EXAMPLES) == set(ALL_MODELS)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_message_round_trips_through_json(model: type[Message]) -> None:
    message = EXAMPLES[model]()
    assert model.model_validate_json(message.model_dump_json()) == message


def test_dead_letter_keeps_arbitrary_bytes() -> None:
    original = b"\xff\xfe\x00{\x80 not utf-8 \xc3\x28"
    letter = EXAMPLES[DeadLetter]()
    assert isinstance(letter, DeadLetter)
    encoded = letter.model_dump_json()
    json.loads(encoded)  # valid JSON although the payload is not text
    decoded = DeadLetter.model_validate_json(encoded)
    assert decoded.original == original
    assert decoded.key == b"\x00\xfe"


def test_readers_ignore_unknown_fields_of_newer_writers() -> None:
    newer = json.loads(EXAMPLES[DedupVerdict]().model_dump_json()) | {"schema_version": 2, "added_later": True}
    assert DedupVerdict.model_validate(newer).schema_version == 2
