"""Number facts read through the enricher as an article is: the helpers of the tests of number forms."""

from __future__ import annotations

from datetime import UTC, datetime

from services.contract.messages import CleanArticle, NumberFact
from services.enricher.logic import Enricher

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


def amounts(enricher: Enricher, text: str) -> list[NumberFact]:
    """The amounts (``numbers``) the enricher publishes for ``text`` as a one-sentence English wire article."""
    article = CleanArticle(article_id="a", source="wire", text=text, language="en", word_count=len(text.split()),
                           extractor="plain_text", published_at=PUBLISHED, received_at=PUBLISHED)
    (enriched,) = enricher.enrich([article])
    return enriched.numbers


def read(enricher: Enricher, text: str) -> list[tuple[str, str, float, str | None]]:
    return [(f.text, f.kind, f.value, f.unit) for f in amounts(enricher, text)]
