"""The cleaner stage: a validated raw article → a clean article (or ``RejectedInput``)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.cleaner.decode import decode_raw
from services.cleaner.extract import extract_page
from services.cleaner.identity import article_id_for
from services.cleaner.text import normalise_text, word_count
from services.config import CleanerOptions
from services.errors import RejectedInput
from services.messages import CleanArticle, RawArticle, RejectReason
from services.outputs import Output


def process(data: bytes, options: CleanerOptions, received_at: datetime) -> list[Output]:
    """The whole stage on the bytes of one message off the raw topic."""
    article = clean(decode_raw(data, options.max_body_bytes), options, received_at)
    return [Output("clean", article.article_id, article)]


def clean(raw: RawArticle, options: CleanerOptions, received_at: datetime) -> CleanArticle:
    if raw.content_type == "text/html":
        page = extract_page(raw.body, raw.url)
        text = normalise_text(page.text)
        if len(text) < options.min_html_text_chars:
            raise RejectedInput(
                RejectReason.TOO_SHORT,
                f"extracted text has {len(text)} characters < {options.min_html_text_chars}",
            )
        return CleanArticle(
            article_id=article_id_for(raw, text),
            source=raw.source,
            url=raw.url,
            canonical_url=page.canonical_url,
            title=_first(raw.title, page.title),
            authors=page.authors,
            site_name=page.site_name,
            text=text,
            published_at=_utc(raw.published_at) or page.published_at,
            language=raw.language or page.language,
            word_count=word_count(text),
            extractor="trafilatura",
            received_at=received_at.astimezone(UTC),
            metadata=raw.metadata,
        )
    text = normalise_text(raw.body)
    if not text:
        raise RejectedInput(RejectReason.EMPTY_BODY, "no text left after normalisation")
    return CleanArticle(
        article_id=article_id_for(raw, text),
        source=raw.source,
        url=raw.url,
        title=_first(raw.title),
        text=text,
        published_at=_utc(raw.published_at),
        language=raw.language,
        word_count=word_count(text),
        extractor="plain_text",
        received_at=received_at.astimezone(UTC),
        metadata=raw.metadata,
    )


def _first(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate and candidate.strip():
            return normalise_text(candidate).replace("\n\n", " ")
    return None


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment else None
