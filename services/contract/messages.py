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


class PubStatus(StrEnum):
    """An item's publication status, as IPTC news formats state it (ninjs ``pubStatus``, NewsML ``Status``)."""

    USABLE = "usable"
    WITHHELD = "withheld"
    """Withdrawn until further notice: do not use the article (a later usable version reinstates it)."""
    CANCELED = "canceled"
    """Killed: do not use the article, and take back what was published from it."""


WireFormat = Literal["raw_article", "ninjs", "newsml", "newsml_g2"]
"""What a raw message was: our own ``RawArticle``, IPTC ninjs (1.x–3.x), NewsML 1.2 or NewsML-G2."""


class Concept(BaseModel):
    """A subject or place the wire item names: its label and, when the wire gives one, its code."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    name: str | None = None
    code: str | None = None
    """The concept's identifier in the feed's vocabulary: a URI, a qcode (``medtop:04000000``) or a literal."""


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
    """The article: an HTML page or plain text, as given by ``content_type``; or a whole IPTC item (a ninjs
    document, NewsML XML) that the cleaner maps to this model, the rest of the envelope giving ``source``."""
    content_type: Literal[
        "text/html", "text/plain", "application/ninjs+json", "application/xml", "text/xml",
        "application/vnd.iptc.g2.newsitem+xml", "application/vnd.iptc.g2.newsmessage+xml",
    ] = "text/plain"
    published_at: AwareDatetime | None = None
    """Publication time with a timezone; falls back to the page's own date for HTML."""
    language: str | None = Field(None, max_length=16)
    """BCP 47 language tag, when the feed knows it."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Free feed-specific fields, passed through untouched."""
    uri: str | None = Field(None, max_length=2048)
    """The item's globally unique identifier (ninjs ``uri``, NewsML-G2 ``guid``); when set, it alone makes the
    ``article_id``, so every version of the item has the same one."""
    version: int | None = Field(None, ge=0)
    """The item's version: a higher number replaces a lower one of the same ``uri`` (or feed id)."""
    version_created: AwareDatetime | None = None
    """When this version was made; orders versions that carry no ``version``."""
    first_created: AwareDatetime | None = None
    """When the item's first version was made."""
    pub_status: PubStatus | None = None
    """None is ``usable``. ``withheld`` and ``canceled`` take the article back."""
    urgency: int | None = Field(None, ge=1, le=9)
    """Editorial urgency, 1 (flash) to 9 (lowest)."""
    item_type: str | None = Field(None, max_length=64)
    """The wire item's class: text, composite, picture, video, audio, graphic, …"""
    authors: list[str] = Field(default_factory=list)
    """The byline's names."""
    located: str | None = Field(None, max_length=1024)
    """Where the story was reported from (the dateline place)."""
    places: list[Concept] = Field(default_factory=list)
    subjects: list[Concept] = Field(default_factory=list)
    wire_format: WireFormat | None = None
    """Set by the cleaner when it mapped an IPTC item to this model; None on the wire."""


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
    uri: str | None = None
    """The wire item's identifier (ninjs ``uri``, NewsML guid), when it had one."""
    version: int | None = None
    """The article's version; a higher one is an update of the same ``article_id`` (see dedup's ``change``)."""
    version_created: datetime | None = None
    """UTC."""
    first_created: datetime | None = None
    """UTC: when the first version was made (``published_at`` is this version's time)."""
    pub_status: PubStatus | None = None
    """None is usable; ``withheld`` or ``canceled`` means: take this article back."""
    urgency: int | None = None
    item_type: str | None = None
    located: str | None = None
    places: list[Concept] = Field(default_factory=list)
    subjects: list[Concept] = Field(default_factory=list)
    wire_format: WireFormat | None = None
    """The format the article arrived in; None for articles cleaned before formats were recorded."""


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
    """2 or more when a later verdict about this ``article_id`` replaces an earlier one: a late-arriving earlier
    copy corrected it, or a newer version (``change``) arrived. Keep the highest revision per article."""
    version: int | None = None
    """The version of the article this verdict is about, when the feed numbers versions."""
    change: Literal["update", "withdrawal"] | None = None
    """``update``: a newer version of an article already decided, which keeps the group and ``status`` of the
    article's first verdict and flows on to ``news.articles.unique`` when that status is ``unique``;
    ``withdrawal``: a withheld or canceled version, which flows on when any version of the article did (or
    when it is the first this dedup window sees of the article). None for an article's first, usable version."""


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
    """PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, …: the group's consistent label, from its mentions and the type rules
    of their context. On ``news.entities``, decided by the votes of the recent articles of the same name, so that
    one name has one type (sports copy votes apart: there a town's name is its club)."""
    canonical_key: str
    """For machines, to join on: ``<class>:<folded name>``, stable across articles: the same entity in other
    spellings, abbreviations and formal names gets the same key ("US", "U.S.", "United States of America"). A
    spelling fold, not a name ("place:rusia"): show ``canonical_name`` to people."""
    canonical_name: str
    """For people, the display name: the most complete form written (most words, then longest): in this article on
    ``news.articles.enriched``, and across the recent articles with this key on ``news.entities``
    ("United States" for an article that wrote "US")."""
    mentions: list[Mention]
    salience: float
    """0..1: how central the entity is to the article (mentions, position)."""


NumberKind = Literal["count", "money", "percent", "duration", "date", "ordinal", "quantity", "year", "age", "share"]
MULTIPLE_UNIT = "times"
"""The unit of a count that says how many times as much ("three times higher", "twice", "fivefold", "3x")."""
CALENDAR_KINDS = frozenset({"date", "year", "ordinal"})
"""Numbers that place rather than measure: when (a date, a year) and in which rank (an ordinal). An article's facts
of these kinds are its ``dates_and_ordinals``, not its ``numbers``: ``news.numbers`` carries amounts."""


DateRule = Literal["stated", "latest_before_publication", "weekday_before_publication", "relative_to_publication"]


class NumberFact(BaseModel):
    """One number the article states, with what it counts."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    value: float = Field(allow_inf_nan=False)
    """Normalised value ("two million" → 2000000). For dates, the year. For a range, the midpoint of ``low`` and
    ``high``; for an approximate amount ("dozens of"), ``low``. Always a finite number: a value beyond a float's
    range ("10^400" written out) gives no fact."""
    text: str
    """The surface span."""
    kind: NumberKind
    unit: str | None = None
    """Currency code, "%", "years", "km", …"""
    low: float | None = Field(None, allow_inf_nan=False)
    """The low end of a range ("between 10 and 12 miles" → 10, "$3-4 million" → 3000000) or of an approximate amount
    ("dozens of protesters" → 24, "tens of thousands" → 20000); null for a single value."""
    high: float | None = Field(None, allow_inf_nan=False)
    """The high end of a range (12, 4000000) or of an approximate amount ("dozens of" → 99, "tens of thousands" →
    99999); null for a single value."""
    per: str | None = None
    """A rate's denominator, the lemma of what the value is per: "$60 a barrel" → "barrel", "30 miles per hour" and
    "£5 an hour" → "hour", "12 cents a share" → "share"; a count per a time unit: "1,500 planes per day" → "day"."""
    exact: str | None = None
    """The value as a decimal string where the float ``value`` does not hold what the text writes: more significant
    digits than a float keeps ("123456789012345678901"), or a value a float rounds to zero. Null otherwise."""
    counted: str | None = None
    """Lemma of the noun the number counts: "123 prisoners" → "prisoner"."""
    qualifier: str | None = None
    """"over", "about", "at least", "up to", "more than", "fewer than", …"""
    predicate: str | None = None
    """Lemma of the governing verb: pardon, sentence, transfer, …"""
    subject: str | None = None
    """Canonical key of the entity that does what the predicate says, where the parse shows one: the active
    subject or a passive verb's "by" agent ("Lukashenko pardoned 123 people" → the key of Lukashenko); for an age
    after a name ("convicting Webb, 51,") the person of that age."""
    date: str | None = None
    """ISO date for kind "date", resolved against the publication date where needed."""
    date_rule: DateRule | None = None
    """How ``date`` was found: ``stated`` (the text gives the year), ``latest_before_publication`` (a day and
    month: the latest such day on or before publication), ``weekday_before_publication`` ("Saturday": the
    latest such weekday on or before publication), ``relative_to_publication`` (today, yesterday, tomorrow)."""
    sentence: int
    start: int
    end: int


SkippedStepName = Literal["entities", "numbers", "number_context"]
"""``entities``: no entity was looked for (``entities`` is empty for that reason, not because there are none);
``numbers``: no number was looked for; ``number_context``: numbers were read, but what needs a parser was not
(``counted``, ``predicate`` and ``subject`` are always null)."""


class EnrichmentSkipReason(StrEnum):
    """Why the enricher left a step out."""

    LANGUAGE_UNKNOWN = "language_unknown"
    """Neither the feed nor language identification could tell. Not given since the enricher falls back to English
    (``language_source`` ``fallback``); found on older messages."""
    NO_MODEL_FOR_LANGUAGE = "no_model_for_language"
    """No installed model or rules for the article's language: another language's model is never run instead."""
    NO_PARSER_FOR_LANGUAGE = "no_parser_for_language"
    """The language's numbers are read by rules, without a dependency parse."""


class LanguageSource(StrEnum):
    """How the enricher chose the language an article is routed by."""

    FEED = "feed"
    """Stated by the feed (or the HTML page): used as given."""
    DETECTED = "detected"
    """Identified on the article's prose with confidence."""
    SOURCE_DEFAULT = "source_default"
    """Identification was unsure; the language configured for the article's ``source``
    (``NEWSINGEST_ENRICHER__SOURCE_LANGUAGES``)."""
    FALLBACK = "fallback"
    """Identification was unsure and the source has no default: English, so that entities are looked for (or the
    identifier's best guess when most of the text's letters are not Latin)."""


class SkippedStep(BaseModel):
    """A step the enricher did not run (or ran only in part) for one article, and why."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    step: SkippedStepName
    reason: EnrichmentSkipReason
    detail: str
    """For people: what exactly was left out ("no entity model for de")."""


class EnrichedArticle(Message):
    article: CleanArticle
    sentences: list[tuple[int, int]]
    """Character spans (start, end) of the article's sentences; ``sentence`` indexes point here."""
    entities: list[Entity]
    numbers: list[NumberFact]
    """The amounts the article states (kinds count, money, percent, duration, quantity, age, share): what
    ``news.numbers`` publishes, one event each. Messages written before ``dates_and_ordinals`` existed hold the
    article's dates, years and ordinals here as well."""
    dates_and_ordinals: list[NumberFact] = Field(default_factory=list)
    """The dates, years and ordinals the article states (kinds date, year, ordinal: ``CALENDAR_KINDS``), read as
    its numbers are, dates resolved against the publication date. Kept apart from ``numbers`` because they say
    when and in which rank, not how many: a consumer of amounts would have to filter them out of every article."""
    nlp_model: str
    """What analysed the article: the spaCy pipeline, name and version, for English ("en_core_web_sm-3.8.0");
    ``<lang>_rules`` ("de_rules") for a language whose sentences and numbers newsingest reads by rules; ``none``
    when only sentences were split (see ``skipped``)."""
    analysis_language: str | None = None
    """The language whose tools ran: ``en``, ``de``, ``nb``, ``sv`` or ``zh``; null when the language has no tools
    here (see ``skipped``), and on older messages when it was unknown (an unsure identification now falls back to
    English: see ``language_source``). Missing from messages written before the enricher routed by language, which
    all went through the English pipeline."""
    skipped: list[SkippedStep] = Field(default_factory=list)
    """Steps left out for this article and why; empty when every step ran (always so for English)."""
    language_source: LanguageSource | None = None
    """How the language the article was routed by was chosen; missing from messages written before it was
    recorded."""
    language_confidence: float | None = Field(None, ge=0, le=1)
    """The language identifier's probability for that language, read on the article's prose (on its first
    characters when it has none); low for a ``fallback`` or a ``source_default``; null when the feed stated the
    language or the text has no letters."""

    def amounts(self) -> list[NumberFact]:
        """``numbers`` without the calendar kinds that messages written before ``dates_and_ordinals`` hold there."""
        return [fact for fact in self.numbers if fact.kind not in CALENDAR_KINDS]


# ---- news.entities / news.numbers / news.stories ---------------------------


class ArticleEvent(Message):
    """What every event about one article of a story carries."""

    event_id: str
    """Hash of what the event states: re-processing yields the same id, so consumers de-duplicate on it."""
    article_id: str
    story_id: str
    source: str
    article_version: int | None = None
    """The article's version (wire items number theirs): a newer version's events replace the older's."""


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


class ReportedValue(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    value: float
    sources: list[str]
    """The sources whose articles state this value, sorted."""
    articles: list[str]


class NumberConsensus(BaseModel):
    """One fact of a story as its sources report it: the values stated for one (predicate, counted, kind, unit)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    predicate: str | None
    counted: str | None
    kind: NumberKind
    unit: str | None
    values: list[ReportedValue]
    """Most sources first."""
    agreement: Literal["agree", "conflict"]
    """``agree``: some value is stated by every source that states this fact (a source may add figures of its
    own, often background: an earlier pardon of 31); ``conflict``: no value is common to them all."""


class StoryUpdate(Message):
    """The current state of a story; a new one is published whenever the story changes."""

    story_id: str
    """The article_id of the story's earliest article (event time, then id). When an article bridges two stories,
    the later one merges into the earlier: see ``merged_into``."""
    version: int
    """Increases by one with every update of this story."""
    articles: list[str]
    """The story's articles, at most its latest 500 by event time (a story that runs for months keeps its
    older articles, whose events name it, but no longer lists them)."""
    sources: list[str]
    headline: str | None = None
    first_seen: datetime
    last_seen: datetime
    top_entities: list[StoryEntity]
    numbers: list[NumberConsensus] = Field(default_factory=list)
    """The facts that two or more sources state (those one source alone states are on ``news.numbers``)."""
    withdrawn: list[str] = Field(default_factory=list)
    """Articles taken out of the story because their feed withheld or canceled them: drop their events. The
    ``story_id`` stays, even when its first article is withdrawn."""
    merged_from: list[str] = Field(default_factory=list)
    """Stories merged into this one: their events (``story_id`` on ``news.entities`` and ``news.numbers``) now
    belong to this story."""
    merged_into: str | None = None
    """Set on a story's last update when it merged into an earlier story: ``articles`` is empty, and every event
    published under this ``story_id`` belongs to ``merged_into`` (follow it: that story may merge on in turn)."""


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
    INVALID_XML = "invalid_xml"
    """Not well-formed XML."""
    UNSAFE_XML = "unsafe_xml"
    """XML that declares entities (entity-expansion bombs, external entities): never expanded, never fetched."""
    UNKNOWN_FORMAT = "unknown_format"
    """Well-formed XML or JSON that is none of the formats the cleaner reads (e.g. an unknown XML root)."""
    OUTPUT_TOO_LARGE = "output_too_large"
    """An output of the message would be larger than its topic takes (``kafka.max_message_bytes``): a very long
    article's clean or enriched form. Nothing of the message is published."""


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
    """The message value exactly as received (URL-safe base64 in JSON), or its first bytes when ``original_size``
    is set."""
    failed_at: datetime
    original_size: int | None = None
    """Set only when ``original`` holds just the first bytes of the message, which had this many: a letter must fit
    the DLQ topic, and a message can be larger than the topics take (a file given to ``newsingest process``, a topic
    made with a larger limit). Read the whole message at ``source_topic``/``partition``/``offset`` while the topic
    keeps it; ``dlq replay`` never sends a cut original."""


# ---- news.articles.skipped --------------------------------------------------


class SkipReason(StrEnum):
    """Why the cleaner passed over a well-formed item: not an error, nothing to fix or replay."""

    MEDIA_ONLY = "media_only"
    """A picture, video, audio or graphic item with no text body (its caption is not an article)."""
    EVENT_ITEM = "event_item"
    """An event or planning item (ninjs ``type: event``, ``eventDetails``; NewsML-G2 ``planningItem``)."""
    NOT_NEWS = "not_news"
    """Another IPTC item class that holds no article: a package, a concept, a catalogue."""


class SkippedItem(Message):
    """A wire item the cleaner accepted and deliberately did not clean, with why."""

    article_id: str
    """The id the item would have had: the same as its text versions' ``article_id``."""
    source: str
    uri: str
    reason: SkipReason
    detail: str
    item_type: str | None = None
    version: int | None = None
    wire_format: WireFormat
    received_at: datetime
    """UTC."""


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
    "skipped": SkippedItem,
}

ALL_MODELS: list[type[Message]] = [
    RawArticle, CleanArticle, DedupVerdict, EnrichedArticle,
    EntityEvent, NumberEvent, StoryUpdate, DeadLetter, SkippedItem,
]
