"""HTML page → main text and page metadata, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import trafilatura
from lxml.etree import LxmlError
from trafilatura.settings import Document

from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason

ExtractionMode = Literal["precision", "recall"]


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    authors: list[str]
    published_at: datetime | None
    site_name: str | None
    canonical_url: str | None
    language: str | None
    mode: ExtractionMode


def extract_page(html: str, url: str | None, recall_fallback_chars: int) -> ExtractedPage:
    """Main text and metadata; precision first, and recall when precision keeps less than the given size.

    Measured on the article-extraction benchmark (bench/extraction.py): precision mode drops
    boilerplate best, but on some pages it drops the article too; recall mode then recovers it.
    """
    document = _bare_extraction(html, url, "precision")
    mode: ExtractionMode = "precision"
    if document is None or len(document.text or "") < recall_fallback_chars:
        fallback = _bare_extraction(html, url, "recall")
        if fallback is not None and len(fallback.text or "") > len((document.text or "") if document else ""):
            document, mode = fallback, "recall"
    if document is None or not (document.text or "").strip():
        raise RejectedInput(RejectReason.NO_TEXT, "trafilatura found no main text in the page")
    return ExtractedPage(
        text=document.text,
        title=document.title or None,
        authors=_split_authors(document.author),
        published_at=_page_date(document.date),
        site_name=document.sitename or None,
        canonical_url=document.url or None,
        language=document.language or None,
        mode=mode,
    )


def _bare_extraction(html: str, url: str | None, mode: ExtractionMode) -> Document | None:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=mode == "precision",
            favor_recall=mode == "recall",
        )
    # lxml's drop_tree asserts on some malformed foreign content (e.g. "<svg><div></div><div>").
    except (LxmlError, ValueError, RecursionError, AssertionError) as exc:
        raise RejectedInput(RejectReason.NO_TEXT, f"HTML could not be parsed: {exc}") from exc


def _split_authors(author: str | None) -> list[str]:
    # trafilatura joins several authors with "; ".
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def _page_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
