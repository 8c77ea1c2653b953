"""Messages between dedup's three stages (internal topics, not a public contract).

signing (keyed by article) ──probes──► buckets (partition of ``band:bucket``) ──answers──► decision (keyed by article)
                          └──────────────── registration ─────────────────────────────────►

An article's buckets are batched by the probes partition that owns them: one probe per partition
and one answer per probe, so an article costs a handful of messages, not two per band. The decision
counts answers by the probes partition that sent them, against the registration's number of probes.

These topics are a stage's own protocol: a release that changes a message expects them drained
(messages of the previous release fail to parse, and go to the DLQ as ``invalid_message``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from services.contract.messages import CleanArticle


class _Internal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Member(_Internal):
    """An article as a bucket remembers it, and as answers report it."""

    article_id: str
    seen_at: datetime
    root_id: str
    """The earliest article this member is known to copy, itself when none; its group's first member."""
    root_seen_at: datetime

    @property
    def order(self) -> tuple[datetime, str]:
        """The total order that decides which copy survives: first seen, then article id."""
        return (self.seen_at, self.article_id)

    @property
    def root_order(self) -> tuple[datetime, str]:
        return (self.root_seen_at, self.root_id)


class Probe(_Internal):
    """Signing → buckets: "who in these buckets looks like me?"."""

    type: Literal["probe"] = "probe"
    buckets: list[str]
    """The article's buckets that this probes partition owns: ``<band>:<hash>`` for an LSH band,
    ``exact:<text hash>`` for the exact-copy key."""
    article_id: str
    seen_at: datetime
    sketch: str
    """The compact signature (hex, one byte per permutation); empty for the exact key."""


class Registration(_Internal):
    """Signing → decision: the article, and how many probes' answers its verdict waits for."""

    type: Literal["registration"] = "registration"
    article: CleanArticle
    probes: int
    """One per probes partition that owns some of the article's buckets; 0 for a withdrawal (not probed)."""


class Match(_Internal):
    member: Member
    similarity: float
    exact: bool

    def combined(self, other: Match) -> Match:
        """One member matched through several buckets: the best evidence of each, and the earliest root known."""
        member = min(self.member, other.member, key=lambda m: m.root_order)
        return Match(member=member, similarity=max(self.similarity, other.similarity), exact=self.exact or other.exact)


class Answer(_Internal):
    """Buckets → decision: the earlier members of a probe's buckets that match the article (as much of them as
    the verdict needs)."""

    type: Literal["answer"] = "answer"
    article_id: str
    partition: int
    """The probes partition that answers: an article gets one answer from each partition it probed (a redelivered
    answer names the same partition, and counts once)."""
    matches: list[Match]


class LateMatch(_Internal):
    """Buckets → decision: an *earlier* article reached a bucket after this one; it may change the verdict."""

    type: Literal["late_match"] = "late_match"
    article_id: str
    match: Match


class Tick(_Internal):
    """The worker's clock → decision partitions: time to emit what has settled."""

    type: Literal["tick"] = "tick"
    at: datetime
    expire: bool = False
    """Also forget verdicts older than the window (a full scan, so only now and then)."""


DecisionInput = Annotated[Registration | Answer | LateMatch | Tick, Field(discriminator="type")]
DECISION_INPUT = TypeAdapter(DecisionInput)
"""Reads any message of the decisions topic."""


class Sweep(_Internal):
    """The worker's clock → bucket partitions: forget members older than the window, and rows left empty."""

    type: Literal["sweep"] = "sweep"
    at: datetime


BucketInput = Annotated[Probe | Sweep, Field(discriminator="type")]
BUCKET_INPUT = TypeAdapter(BucketInput)
"""Reads any message of the probes topic."""


class BucketEntry(_Internal):
    """One member as stored in a bucket's table row."""

    member: Member
    sketch: str


class BucketRow(_Internal):
    """A bucket's table row: its members in arrival order, and the probes partition that owns it."""

    partition: int
    members: list[BucketEntry]
