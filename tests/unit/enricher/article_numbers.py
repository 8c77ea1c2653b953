"""Number facts read through the enricher as an article is: the helpers of the tests of number forms."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contract.messages import CleanArticle, EnrichedArticle, NumberFact
from services.enricher.logic import Enricher

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


def amounts(enricher: Enricher, text: str) -> list[NumberFact]:
    """The amounts (``numbers``) the enricher publishes for ``text`` as a one-sentence English wire article."""
    return _enriched(enricher, text).numbers


def calendar(enricher: Enricher, text: str) -> list[NumberFact]:
    """The dates, years and ordinals (``dates_and_ordinals``) the enricher publishes for ``text``."""
    return _enriched(enricher, text).dates_and_ordinals


def _enriched(enricher: Enricher, text: str) -> EnrichedArticle:
    article = CleanArticle(article_id="a", source="wire", text=text, language="en", word_count=len(text.split()),
                           extractor="plain_text", published_at=PUBLISHED, received_at=PUBLISHED)
    (enriched,) = enricher.enrich([article])
    return enriched


def read(enricher: Enricher, text: str) -> list[tuple[str, str, float, str | None]]:
    return [(f.text, f.kind, f.value, f.unit) for f in amounts(enricher, text)]
