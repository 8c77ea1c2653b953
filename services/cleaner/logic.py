"""The cleaner stage: a validated raw article → a clean article (or ``RejectedInput``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.cleaner.boilerplate import trim_edge_boilerplate
from services.cleaner.decode import decode_raw
from services.cleaner.defuse import defuse_html
from services.cleaner.extract import extract_page
from services.cleaner.headings import split_run_in_headings
from services.cleaner.identity import article_id_for, uri_article_id
from services.cleaner.language import detect_language
from services.cleaner.page_kind import reject_non_article
from services.cleaner.text import normalise_text, word_count
from services.cleaner.wire.items import Skip
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle, PubStatus, RawArticle, RejectReason, SkippedItem
from services.contract.outputs import Output


def process(data: bytes, options: CleanerOptions, received_at: datetime) -> list[Output]:
    """The whole stage on the bytes of one message off the raw topic: a clean article per item, or a skipped-item
    notice for an item that holds no article (a picture, an event). One bad item rejects the whole message, so
    the DLQ holds it entire and a replay after the fix publishes every item of it once."""
    items, encoding = decode_raw(data, options.max_body_bytes)
    outputs: list[Output] = []
    for item in items:
        if isinstance(item, Skip):
            skipped = _skipped(item, received_at)
            outputs.append(Output("skipped", skipped.article_id, skipped))
            continue
        article = clean(item, options, received_at)
        if encoding != "utf-8":
            article = article.model_copy(update={"input_encoding": encoding})
        outputs.append(Output("clean", article.article_id, article))
    return outputs


def clean(raw: RawArticle, options: CleanerOptions, received_at: datetime) -> CleanArticle:
    if raw.content_type == "text/html":
        html = defuse_html(raw.body)
        page = extract_page(html, raw.url, options.recall_fallback_chars)
        text = trim_edge_boilerplate(normalise_text(page.text))
        # The specific reason first: a consent wall is usually short too, but "too_short" would hide what it is.
        reject_non_article(text, html)
        if len(text) < options.min_html_text_chars:
            raise RejectedInput(
                RejectReason.TOO_SHORT,
                f"extracted text has {len(text)} characters < {options.min_html_text_chars}",
            )
        language, detected = _language(raw.language or page.language, text)
        return CleanArticle(
            article_id=article_id_for(raw, text),
            source=raw.source,
            url=raw.url,
            canonical_url=page.canonical_url,
            title=_first(raw.title, page.title),
            site_name=page.site_name,
            text=text,
            published_at=_utc(raw.published_at) or page.published_at,
            language=language,
            language_detected=detected,
            word_count=word_count(text),
            extractor="trafilatura",
            extraction_mode=page.mode,
            received_at=received_at.astimezone(UTC),
            metadata=raw.metadata,
            **_item_fields(raw, authors=raw.authors or page.authors),
        )
    paragraphs = [piece for p in normalise_text(raw.body).split("\n\n") for piece in split_run_in_headings(p)]
    text = trim_edge_boilerplate("\n\n".join(paragraphs))
    # A withdrawal must reach consumers even when it says nothing: it takes back what they already have.
    if not text and not _withdrawn(raw):
        raise RejectedInput(RejectReason.EMPTY_BODY, "no text left after normalisation")
    language, detected = _language(raw.language, text)
    return CleanArticle(
        article_id=article_id_for(raw, text),
        source=raw.source,
        url=raw.url,
        title=_first(raw.title),
        text=text,
        published_at=_utc(raw.published_at),
        language=language,
        language_detected=detected,
        word_count=word_count(text),
        extractor="plain_text",
        received_at=received_at.astimezone(UTC),
        metadata=raw.metadata,
        **_item_fields(raw, authors=raw.authors),
    )


def _item_fields(raw: RawArticle, authors: list[str]) -> dict[str, Any]:
    """What the wire says about the item beyond its text, for every path."""
    return {
        "authors": authors,
        "uri": raw.uri,
        "version": raw.version,
        "version_created": _utc(raw.version_created),
        "first_created": _utc(raw.first_created),
        "pub_status": raw.pub_status,
        "urgency": raw.urgency,
        "item_type": raw.item_type,
        "located": raw.located,
        "places": raw.places,
        "subjects": raw.subjects,
        "wire_format": raw.wire_format or "raw_article",
    }


def _withdrawn(raw: RawArticle) -> bool:
    return raw.pub_status in {PubStatus.WITHHELD, PubStatus.CANCELED}


def _skipped(item: Skip, received_at: datetime) -> SkippedItem:
    return SkippedItem(
        article_id=uri_article_id(item.uri),
        source=item.source,
        uri=item.uri,
        reason=item.reason,
        detail=item.detail,
        item_type=item.item_type,
        version=item.version,
        wire_format=item.wire_format,
        received_at=received_at.astimezone(UTC),
    )


def _language(given: str | None, text: str) -> tuple[str | None, bool]:
    if given:
        return given, False
    detected = detect_language(text)
    return detected, detected is not None


def _first(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate and candidate.strip():
            return normalise_text(candidate).replace("\n\n", " ")
    return None


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment else None
