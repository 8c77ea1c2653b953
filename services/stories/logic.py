"""The stories stage: assign the article to a story, then publish its events and the story's new state."""

from __future__ import annotations

from services.messages import EnrichedArticle
from services.outputs import Output
from services.stories.events import entity_events, number_events
from services.stories.index import StoryIndex


def process(enriched: EnrichedArticle, index: StoryIndex) -> list[Output]:
    assignment = index.assign(enriched)
    story_id = assignment.story_id
    outputs: list[Output] = [Output("entities", story_id, event) for event in entity_events(enriched, story_id)]
    outputs += [Output("numbers", story_id, event) for event in number_events(enriched, story_id)]
    outputs.append(Output("stories", story_id, assignment.update))
    return outputs
