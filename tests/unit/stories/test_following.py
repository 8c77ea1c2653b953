"""A consumer's view of news.stories: latest versions, stories still standing, and where a merged story went."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contract.messages import StoryUpdate
from services.stories.following import latest_updates, standing_stories, survivor

AT = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)


def update(story_id: str, version: int, articles: list[str], merged_into: str | None = None) -> StoryUpdate:
    return StoryUpdate(story_id=story_id, version=version, articles=articles, sources=["wire"], first_seen=AT,
                       last_seen=AT, top_entities=[], merged_into=merged_into)


def test_the_highest_version_wins_whatever_the_order_read() -> None:
    updates = [update("a", 2, ["a", "b"]), update("a", 1, ["a"]), update("c", 1, ["c"])]
    assert {s: u.version for s, u in latest_updates(updates).items()} == {"a": 2, "c": 1}


def test_merged_stories_no_longer_stand_and_their_events_follow_the_chain() -> None:
    updates = [
        update("c", 1, ["c"]), update("c", 2, [], merged_into="b"),
        update("b", 1, ["b"]), update("b", 2, ["b", "c"]), update("b", 3, [], merged_into="a"),
        update("a", 1, ["a", "b", "c"]),
    ]
    assert set(standing_stories(updates)) == {"a"}
    latest = latest_updates(updates)
    assert [survivor(story, latest) for story in ("a", "b", "c", "unknown")] == ["a", "a", "a", "unknown"]
