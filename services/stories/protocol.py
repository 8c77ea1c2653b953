"""Messages between the stories stages (internal topics, not a public contract).

routing (keyed by article) ──probes──► shards (partition of a profile key) ──answers──► decision (keyed by article)
                           └──────────────── registration ──────────────────────────────►
decision ──joins / leaves──► shards (the member, every shard that owns one of its keys)
         ──member──► story homes (keyed by story_id) ──► news.stories

A shard holds the members of recent stories, but only the part of each member's profile whose keys it owns, so
no worker needs every story: the decision adds the shards' partial dot products up to each candidate's full
similarity.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from services.messages import EnrichedArticle


class _Internal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoryProbe(_Internal):
    """Routing → shard: "which recent members share these keys with me, and by how much?"."""

    type: Literal["probe"] = "probe"
    article_id: str
    seen_at: datetime
    weights: dict[str, float]
    """The article's profile (``services/stories/profile.py``) restricted to the keys this shard owns."""


class StoryJoin(_Internal):
    """Decision → shard: the article is now a member of ``story_id``; remember its keys that this shard owns."""

    type: Literal["join"] = "join"
    article_id: str
    story_id: str
    seen_at: datetime
    weights: dict[str, float]


class StoryLeave(_Internal):
    """Decision → shard: the article was withdrawn; forget its row on this shard."""

    type: Literal["leave"] = "leave"
    article_id: str


class Sweep(_Internal):
    """The worker's timer → shard, decision and home partitions: forget what is older than the window, counted back from
    the newest event time the partition has seen (not the wall clock: a backfill of old articles must still
    find its stories)."""

    type: Literal["sweep"] = "sweep"


ShardInput = Annotated[StoryProbe | StoryJoin | StoryLeave | Sweep, Field(discriminator="type")]
SHARD_INPUT = TypeAdapter(ShardInput)


class Registration(_Internal):
    """Routing → decision: the article, and which shards' answers its decision waits for."""

    type: Literal["registration"] = "registration"
    article: EnrichedArticle
    shards: list[int]


class Candidate(_Internal):
    """A member that shares keys with the probing article, and its share of their dot products on one shard."""

    article_id: str
    story_id: str
    entity_dot: float
    term_dot: float
    number_dot: float


class StoryAnswer(_Internal):
    type: Literal["answer"] = "answer"
    article_id: str
    shard: int
    candidates: list[Candidate]


DecisionInput = Annotated[Registration | StoryAnswer | Sweep, Field(discriminator="type")]
DECISION_INPUT = TypeAdapter(DecisionInput)


class MemberEntity(_Internal):
    canonical_key: str
    canonical_name: str
    label: str
    salience: float


class MemberFact(_Internal):
    """A number fact as the story's consensus compares it."""

    predicate: str | None
    counted: str | None
    kind: str
    unit: str | None
    value: float


class StoryMember(_Internal):
    """Decision → story home: an article joined (or started) the story; what the story's state needs of it."""

    type: Literal["member"] = "member"
    story_id: str
    article_id: str
    source: str
    title: str | None
    seen_at: datetime
    entities: list[MemberEntity]
    facts: list[MemberFact]
    withdrawn: bool = False
    """The feed withheld or canceled the article: take it out of the story."""


HomeInput = Annotated[StoryMember | Sweep, Field(discriminator="type")]
HOME_INPUT = TypeAdapter(HomeInput)
