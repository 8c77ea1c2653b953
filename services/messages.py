"""The value model of every topic: the single source of truth for ``schemas/``.

Changes must stay backward compatible: add optional fields only, and bump
nothing else. ``make schemas`` regenerates the JSON Schemas; a test fails when
they drift from these models.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)

    schema_version: int = SCHEMA_VERSION
    """Version of this message's schema; readers accept any version they know and ignore unknown fields."""


def stable_id(*parts: str, length: int = 24) -> str:
    """A deterministic id: the same parts always give the same id, across processes and runs."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


# ---- news.articles.raw ------------------------------------------------------


class RawArticle(Message):
    """An article as the wire feed sends it."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    id: str | None = Field(None, max_length=512)
    """The feed's own id for the article, when it has one; the strongest identity."""
    source: str = Field(min_length=1, max_length=256)
    """Who sent it: an agency, an outlet, a feed name."""
    url: str | None = Field(None, max_length=8192)
    title: str | None = Field(None, max_length=4096)
    body: str
    """The article: an HTML page or plain text, as given by ``content_type``."""
    content_type: Literal["text/html", "text/plain"] = "text/plain"
    published_at: AwareDatetime | None = None
    """Publication time with a timezone; falls back to the page's own date for HTML."""
    language: str | None = Field(None, max_length=16)
    """BCP 47 language tag, when the feed knows it."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Free feed-specific fields, passed through untouched."""


# ---- news.articles.clean / news.articles.unique ----------------------------


class CleanArticle(Message):
    """An article reduced to its main text and metadata. Entity and number offsets index into ``text``."""

    article_id: str
    """Deterministic: from the feed id, else source + url, else source + text hash."""
    source: str
    url: str | None = None
    """As given by the feed."""
    canonical_url: str | None = None
    """The page's own canonical URL (HTML only)."""
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    site_name: str | None = None
    text: str
    """The clean body: paragraphs separated by one blank line."""
    published_at: datetime | None = None
    """UTC."""
    language: str | None = None
    word_count: int
    extractor: Literal["trafilatura", "plain_text"]
    """Which path produced ``text``."""
    extraction_mode: Literal["precision", "recall"] | None = None
    """For trafilatura: precision mode, or recall mode when precision kept too little of the page."""
    input_encoding: str | None = None
    """The message's encoding when it was not UTF-8 (from its BOM, or detected: cp1252, latin-1, …)."""
    language_detected: bool = False
    """True when ``language`` was identified from the text rather than given by the feed or the page."""
    received_at: datetime
    """When the cleaner accepted the article (UTC); the tie-breaker for first-seen order is the article id."""
    metadata: dict[str, Any] = Field(default_factory=dict)


# ---- news.articles.verdicts -------------------------------------------------


class DedupStatus(StrEnum):
    UNIQUE = "unique"
    EXACT_DUPLICATE = "exact_duplicate"
    NEAR_DUPLICATE = "near_duplicate"


class DedupVerdict(Message):
    """What dedup decided about one clean article. Every clean article gets exactly one."""

    article_id: str
    source: str
    status: DedupStatus
    duplicate_of: str | None = None
    """The first-seen member of this article's duplicate group; null when unique."""
    similarity: float | None = None
    """Estimated Jaccard similarity to ``duplicate_of`` (1.0 for exact copies)."""
    shingle_size: int
    num_perm: int
    bands: int
    threshold: float
    revision: int = 1
    """2 or more when a late-arriving earlier copy corrected an earlier ``unique`` verdict of this article."""


# ---- news.articles.enriched -------------------------------------------------


class Mention(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    text: str
    start: int
    """Character offset into the article's ``text``."""
    end: int
    sentence: int
    """Index of the sentence in the article, from 0."""


class Entity(BaseModel):
    """One entity of one article: all its mentions, grouped."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    text: str
    """The first surface form in the article."""
    label: str
    """PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, …: the group's consistent label."""
    canonical_key: str
    """Stable across articles: the same entity in other spellings gets the same key."""
    canonical_name: str
    """The most complete form seen in the article."""
    mentions: list[Mention]
    salience: float
    """0..1: how central the entity is to the article (mentions, position)."""


NumberKind = Literal["count", "money", "percent", "duration", "date", "ordinal", "quantity", "year", "age", "share"]


DateRule = Literal["stated", "latest_before_publication", "weekday_before_publication", "relative_to_publication"]


class NumberFact(BaseModel):
    """One number the article states, with what it counts."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    value: float
    """Normalised value ("two million" → 2000000). For dates, the year."""
    text: str
    """The surface span."""
    kind: NumberKind
    unit: str | None = None
    """Currency code, "%", "years", "km", …"""
    counted: str | None = None
    """Lemma of the noun the number counts: "123 prisoners" → "prisoner"."""
    qualifier: str | None = None
    """"over", "about", "at least", "up to", "more than", "fewer than", …"""
    predicate: str | None = None
    """Lemma of the governing verb: pardon, sentence, transfer, …"""
    subject: str | None = None
    """Canonical key of the entity that does what the predicate says, where the parse shows one: the active
    subject or a passive verb's "by" agent ("Lukashenko pardoned 123 people" → the key of Lukashenko)."""
    date: str | None = None
    """ISO date for kind "date", resolved against the publication date where needed."""
    date_rule: DateRule | None = None
    """How ``date`` was found: ``stated`` (the text gives the year), ``latest_before_publication`` (a day and
    month: the latest such day on or before publication), ``weekday_before_publication`` ("Saturday": the
    latest such weekday on or before publication), ``relative_to_publication`` (today, yesterday, tomorrow)."""
    sentence: int
    start: int
    end: int


class EnrichedArticle(Message):
    article: CleanArticle
    sentences: list[tuple[int, int]]
    """Character spans (start, end) of the article's sentences; ``sentence`` indexes point here."""
    entities: list[Entity]
    numbers: list[NumberFact]
    nlp_model: str
    """The spaCy pipeline that produced the entities, name and version."""


# ---- news.entities / news.numbers / news.stories ---------------------------


class ArticleEvent(Message):
    """What every event about one article of a story carries."""

    event_id: str
    """Hash of what the event states: re-processing yields the same id, so consumers de-duplicate on it."""
    article_id: str
    story_id: str
    source: str


class EntityEvent(ArticleEvent, Entity):
    """One entity of one article, keyed by ``story_id``."""

    model_config = Message.model_config


class NumberEvent(ArticleEvent, NumberFact):
    """One number fact of one article, keyed by ``story_id``."""

    model_config = Message.model_config

    sentence_text: str
    """The sentence the number is in."""


class StoryEntity(BaseModel):
    model_config = ConfigDict(frozen=True)

    canonical_key: str
    canonical_name: str
    label: str
    articles: int
    """How many of the story's articles mention it."""


class StoryUpdate(Message):
    """The current state of a story; a new one is published whenever the story changes."""

    story_id: str
    """The article_id of the story's first article: stable."""
    version: int
    """Increases by one with every update of this story."""
    articles: list[str]
    sources: list[str]
    headline: str | None = None
    first_seen: datetime
    last_seen: datetime
    top_entities: list[StoryEntity]


# ---- news.dlq ---------------------------------------------------------------


class RejectReason(StrEnum):
    """Why a message was rejected: the DLQ's reason code."""

    INVALID_JSON = "invalid_json"
    INVALID_MESSAGE = "invalid_message"
    EMPTY_BODY = "empty_body"
    BODY_TOO_LARGE = "body_too_large"
    BINARY_BODY = "binary_body"
    UNDECODABLE = "undecodable"
    NO_TEXT = "no_text"
    TOO_SHORT = "too_short"
    NOT_AN_ARTICLE = "not_an_article"
    PROCESSING_ERROR = "processing_error"


class DeadLetter(Message):
    """A message a stage could not use, with everything needed to fix and replay it."""

    # Arbitrary bytes travel as base64 in JSON.
    model_config = ConfigDict(
        frozen=True, extra="ignore", use_attribute_docstrings=True, ser_json_bytes="base64", val_json_bytes="base64"
    )

    stage: Literal["cleaner", "dedup", "enricher", "stories"]
    reason: RejectReason
    error: str
    """Human-readable detail."""
    source_topic: str
    partition: int | None = None
    offset: int | None = None
    key: bytes | None = None
    original: bytes
    """The message value exactly as received (URL-safe base64 in JSON)."""
    failed_at: datetime


TOPIC_MODELS: dict[str, type[Message]] = {
    "raw": RawArticle,
    "clean": CleanArticle,
    "verdicts": DedupVerdict,
    "unique": CleanArticle,
    "enriched": EnrichedArticle,
    "entities": EntityEvent,
    "numbers": NumberEvent,
    "stories": StoryUpdate,
    "dlq": DeadLetter,
}

ALL_MODELS: list[type[Message]] = [
    RawArticle, CleanArticle, DedupVerdict, EnrichedArticle,
    EntityEvent, NumberEvent, StoryUpdate, DeadLetter,
]
