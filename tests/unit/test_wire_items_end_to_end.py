"""Every IPTC text item of the agency examples, through all four stages of the embedded pipeline."""

from __future__ import annotations

from pathlib import Path

from services.config import Settings
from services.contract.messages import CleanArticle, DedupVerdict, EnrichedArticle, StoryUpdate
from services.runtime.pipeline import Pipeline
from tests.unit.cleaner.test_wire_ninjs import EVENTS, MEDIA

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT_ITEMS = sorted(
    [p for p in (DATA / "ninjs").rglob("*.json") if p.name not in MEDIA | EVENTS and p.parent.name != "collection"]
    + list((DATA / "newsml").glob("*.xml"))
)


def test_every_text_item_gets_a_verdict_and_every_one_that_flows_on_its_enrichment_and_story() -> None:
    pipeline = Pipeline(Settings())
    published = [output for path in TEXT_ITEMS for output in pipeline.process([path.read_bytes()])]
    values = [output.value for output in published]
    cleaned = {v.article_id for v in values if isinstance(v, CleanArticle)}
    verdicts = {v.article_id for v in values if isinstance(v, DedupVerdict)}
    enriched = [v for v in values if isinstance(v, EnrichedArticle)]
    in_stories = {article_id for v in values if isinstance(v, StoryUpdate) for article_id in v.articles}
    assert len(TEXT_ITEMS) == 23  # 17 ninjs text items, 4 NewsML 1.2 and 2 NewsML-G2 documents
    assert [o.topic for o in published if o.topic == "dlq"] == []
    assert verdicts == cleaned
    assert {e.article.article_id for e in enriched} <= in_stories
    languages = {e.article.language.split("-")[0] for e in enriched if e.article.language}
    assert {"en", "de", "nb", "sv", "zh"} <= languages
    # Only English is read by the English model; the others say what was skipped and why.
    for article in enriched:
        if not (article.article.language or "").startswith("en"):
            assert article.entities == [] and article.skipped
