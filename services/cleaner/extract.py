"""HTML page → main text and page metadata, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from lxml.etree import LxmlError

from services.errors import RejectedInput
from services.messages import RejectReason


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    authors: list[str]
    published_at: datetime | None
    site_name: str | None
    canonical_url: str | None
    language: str | None


def extract_page(html: str, url: str | None) -> ExtractedPage:
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    # lxml's drop_tree asserts on some malformed foreign content (e.g. "<svg><div></div><div>").
    except (LxmlError, ValueError, RecursionError, AssertionError) as exc:
        raise RejectedInput(RejectReason.NO_TEXT, f"HTML could not be parsed: {exc}") from exc
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
    )


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
