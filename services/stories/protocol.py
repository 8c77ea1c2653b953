"""Messages between the stories stages (internal topics, not a public contract).

routing (keyed by article) ──probe──► shards (partition of a profile key) ──answer──► decision (keyed by article)
                           └──────────────── registration ──────────────────────────►
decision ◄──label──► decision (of a linked article)
decision ──member──► story homes (keyed by story_id) ──► news.stories

Two articles are *linked* when their similarity reaches ``min_similarity`` and their event times are at most the
window apart; a story is a connected component of links, named by its earliest article (event time, then id).
Components do not depend on the order in which articles arrive, so neither do stories: that is the guarantee
(``schemas/README.md``, Stories).

* A shard stores each probing article's profile and answers with the stored members it is linked to. Of the
  shards two articles share, only the one owning the smallest key they share reports their link, so every link
  is found exactly once, by whichever of the two reached that shard second.
* Decisions exchange labels: each article's label is the earliest article it is known to be connected to. An
  article that learns of an earlier one adopts it and tells its links (label propagation), so every component
  ends with one label; an article whose label changes after it was published moves to the new story, and the
  story it leaves names the survivor (``merged_into``) once its last article has moved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from services.contract.messages import EnrichedArticle


class _Internal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArticleRef(_Internal):
    """An article where the stories stage orders it: by event time, then id (the earliest names the story)."""

    article_id: str
    seen_at: datetime

    @property
    def order(self) -> tuple[datetime, str]:
        return (self.seen_at, self.article_id)


class StoryProbe(_Internal):
    """Routing → shard: "remember me, and tell me who I am linked to"."""

    type: Literal["probe"] = "probe"
    article: ArticleRef
    weights: dict[str, float]
    """The article's whole profile (``services/stories/profile.py``): the shard indexes the keys it owns and
    scores against whole profiles, so one shard can decide a link alone."""


class StoryLeave(_Internal):
    """Decision → shard: the article was withdrawn, or its new version has no key here; forget its row."""

    type: Literal["leave"] = "leave"
    article_id: str


class Sweep(_Internal):
    """The worker's timer → shard, decision and home partitions: forget what is older than the window, counted
    back from the newest event time the partition has seen (not the wall clock: a backfill of old articles must
    still find its stories)."""

    type: Literal["sweep"] = "sweep"


ShardInput = Annotated[StoryProbe | StoryLeave | Sweep, Field(discriminator="type")]
SHARD_INPUT = TypeAdapter(ShardInput)


class Registration(_Internal):
    """Routing → decision: the article, and which shards' answers its decision waits for."""

    type: Literal["registration"] = "registration"
    article: EnrichedArticle
    shards: list[int]


class StoryAnswer(_Internal):
    """Shard → decision: the members already on this shard that the article is linked to."""

    type: Literal["answer"] = "answer"
    article: ArticleRef
    shard: int
    links: list[ArticleRef]


class StoryLabel(_Internal):
    """Decision → decision of a linked article: "we are linked, and the earliest article I know of is ``label``"."""

    type: Literal["label"] = "label"
    article: ArticleRef
    """The receiver."""
    sender: ArticleRef
    label: ArticleRef
    reply: bool = False
    """Answer with your label in any case: the sender waits for it before its first publication."""


class StoryLabels(_Internal):
    """Decision → one decision partition: every label notice for articles that partition holds, from one event, in
    one message (an article in a large story has many links: one message per link would cost a broker round trip
    each)."""

    type: Literal["labels"] = "labels"
    notices: list[StoryLabel]


class Tick(_Internal):
    """The worker's clock → decision partitions: publish the articles whose settle time has passed."""

    type: Literal["tick"] = "tick"
    at: datetime


DecisionInput = Annotated[
    Registration | StoryAnswer | StoryLabel | StoryLabels | Tick | Sweep, Field(discriminator="type")
]
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
    """Decision → story home: an article joined (or started) the story, changed, left it, or moved to another."""

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
    moved_from: str | None = None
    """The article joins because its story ``moved_from`` merged into this one."""
    moved_to: str | None = None
    """The article leaves because this story merged into ``moved_to``."""


HomeInput = Annotated[StoryMember | Sweep, Field(discriminator="type")]
HOME_INPUT = TypeAdapter(HomeInput)
