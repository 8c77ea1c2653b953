"""The cleaner stage: a validated raw article → a clean article (or ``RejectedInput``)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.cleaner.decode import decode_raw
from services.cleaner.boilerplate import trim_edge_boilerplate
from services.cleaner.defuse import defuse_html
from services.cleaner.extract import extract_page
from services.cleaner.headings import split_run_in_headings
from services.cleaner.identity import article_id_for
from services.cleaner.language import detect_language
from services.cleaner.page_kind import reject_non_article
from services.cleaner.text import normalise_text, word_count
from services.config import CleanerOptions
from services.errors import RejectedInput
from services.messages import CleanArticle, RawArticle, RejectReason
from services.outputs import Output


def process(data: bytes, options: CleanerOptions, received_at: datetime) -> list[Output]:
    """The whole stage on the bytes of one message off the raw topic."""
    raw, encoding = decode_raw(data, options.max_body_bytes)
    article = clean(raw, options, received_at)
    if encoding != "utf-8":
        article = article.model_copy(update={"input_encoding": encoding})
    return [Output("clean", article.article_id, article)]


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
            authors=page.authors,
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
        )
    paragraphs = [piece for p in normalise_text(raw.body).split("\n\n") for piece in split_run_in_headings(p)]
    text = trim_edge_boilerplate("\n\n".join(paragraphs))
    if not text:
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
