"""What a consumer of ``news.stories`` holds: each story's latest update, and the stories still standing.

Every ``StoryUpdate`` is the story's whole state, so a consumer keeps the highest ``version`` per ``story_id``; a
story whose last update names ``merged_into`` lives on in that story (``schemas/README.md``, Stories).
"""

from __future__ import annotations

from collections.abc import Iterable

from services.contract.messages import StoryUpdate


def latest_updates(updates: Iterable[StoryUpdate]) -> dict[str, StoryUpdate]:
    """Story id → its update with the highest version (a redelivery repeats a version: either copy will do)."""
    latest: dict[str, StoryUpdate] = {}
    for update in updates:
        known = latest.get(update.story_id)
        if known is None or update.version >= known.version:
            latest[update.story_id] = update
    return latest


def standing_stories(updates: Iterable[StoryUpdate]) -> dict[str, StoryUpdate]:
    """The latest update of every story that still has articles: merged and emptied stories left out."""
    return {story_id: update for story_id, update in latest_updates(updates).items() if update.articles}


def survivor(story_id: str, latest: dict[str, StoryUpdate]) -> str:
    """The story that ``story_id``'s events belong to now: ``merged_into`` followed to its end."""
    seen = {story_id}
    while (update := latest.get(story_id)) is not None and update.merged_into and update.merged_into not in seen:
        story_id = update.merged_into
        seen.add(story_id)
    return story_id
