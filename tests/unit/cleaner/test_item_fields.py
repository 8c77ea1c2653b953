"""Our own RawArticle carries the same item fields as the wire formats: identity, versions, status, byline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.contract.messages import CleanArticle, Concept, PubStatus, RawArticle

RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
CET = timezone(timedelta(hours=1))


def cleaned(raw: RawArticle) -> CleanArticle:
    (output,) = process(raw.model_dump_json().encode(), CleanerOptions(), RECEIVED)
    assert isinstance(output.value, CleanArticle)
    return output.value


def test_item_fields_pass_through_in_utc() -> None:
    raw = RawArticle(
        source="agency", id="item-7", body="Minsk freed 123 prisoners.", version=2,
        version_created=datetime(2025, 12, 13, 12, 0, tzinfo=CET), pub_status=PubStatus.USABLE, urgency=2,
        authors=["Ann Example"], located="Minsk", subjects=[Concept(name="politics", code="medtop:11000000")],
    )
    article = cleaned(raw)
    assert (article.version, article.pub_status, article.urgency, article.located) == (2, "usable", 2, "Minsk")
    assert article.version_created == datetime(2025, 12, 13, 11, 0, tzinfo=UTC)
    assert article.authors == ["Ann Example"]
    assert article.subjects == [Concept(name="politics", code="medtop:11000000")]
    assert article.wire_format == "raw_article"


def test_a_uri_alone_makes_the_id_whatever_the_source() -> None:
    one = cleaned(RawArticle(source="feed-a", uri="urn:newsml:example.com:1", body="Text one."))
    two = cleaned(RawArticle(source="feed-b", uri="urn:newsml:example.com:1", body="Text two.", id="other"))
    plain = cleaned(RawArticle(source="feed-a", body="Text one."))
    assert one.article_id == two.article_id != plain.article_id


def test_a_plain_withdrawal_may_be_empty() -> None:
    article = cleaned(RawArticle(source="agency", id="item-7", body="", version=3, pub_status=PubStatus.CANCELED))
    assert (article.text, article.word_count, article.pub_status) == ("", 0, PubStatus.CANCELED)
