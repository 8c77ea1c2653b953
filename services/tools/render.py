"""One readable line per published message, for people watching a demo or a topic."""

from __future__ import annotations

from services.contract.messages import (
    CleanArticle,
    DeadLetter,
    DedupVerdict,
    EnrichedArticle,
    EntityEvent,
    Message,
    NumberEvent,
    RawArticle,
    SkippedItem,
    StoryUpdate,
)


def describe(value: Message) -> str:
    match value:
        case CleanArticle():
            return f"article  {value.article_id} {value.source} {value.word_count} words: {value.title or value.text[:60]!r}"
        case DedupVerdict():
            tail = f" of {value.duplicate_of} (similarity {value.similarity:.2f})" if value.duplicate_of else ""
            return f"verdict  {value.article_id} {value.status.value}{tail}"
        case EnrichedArticle():
            return f"enriched {value.article.article_id} {len(value.entities)} entities, {len(value.numbers)} numbers"
        case EntityEvent():
            return (
                f"entity   story {value.story_id} {value.label:<7} {value.canonical_name} "
                f"x{len(value.mentions)} salience {value.salience:.2f}"
            )
        case NumberEvent():
            what = " ".join(
                part for part in (value.qualifier, _number(value.value), value.unit, value.counted) if part
            )
            verb = f" ← {value.predicate}" if value.predicate else ""
            when = f" = {value.date}" if value.date else ""
            return f"number   story {value.story_id} {value.kind:<8} {what}{when}{verb}  «{value.text}»"
        case StoryUpdate() if value.merged_into:
            return f"story    {value.story_id} v{value.version}: merged into story {value.merged_into}"
        case StoryUpdate():
            return (
                f"story    {value.story_id} v{value.version}: {len(value.articles)} articles from "
                f"{', '.join(value.sources)}; top: {', '.join(e.canonical_name for e in value.top_entities[:5])}"
            )
        case DeadLetter():
            return f"dlq      {value.stage} {value.reason.value}: {value.error[:120]}"
        case RawArticle():
            return f"raw      {value.source} {value.content_type}: {(value.title or value.body)[:80]!r}"
        case SkippedItem():
            return f"skipped  {value.article_id} {value.source} {value.reason.value}: {value.detail[:80]}"
    return f"{type(value).__name__}"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"
