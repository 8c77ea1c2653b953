"""IPTC NewsML 1.2 (``<NewsML Version="1.2">``, as BusinessWire sends it) → ``RawArticle`` per ``NewsItem``.

A NewsItem's identity is ``urn:newsml:<ProviderId>:<DateId>:<NewsItemId>``, its
``PublicIdentifier`` without the revision, so every revision gets one
``article_id``; ``RevisionId`` is the version. The text is the ``ContentItem`` of
the component whose ``Role`` is ``Body`` (XHTML or plain ``DataContent``); other
roles (stylesheet, contact, logo, photo) are not the article.
"""

from __future__ import annotations

from lxml import etree

from services.cleaner.wire.items import (
    Skip,
    WireItem,
    byline_names,
    pub_status,
    urgency_level,
    version_number,
    wire_datetime,
)
from services.cleaner.wire.markup import markup_text
from services.cleaner.wire.tree import attr, children, descendants, first, local_name, text_of
from services.contract.errors import RejectedInput
from services.contract.messages import Concept, RawArticle, RejectReason, SkipReason

_BODY_ROLES = frozenset({"body", "main", "maintext", "text"})
# Components beside the article: not its text, and (a logo) not its media either.
_SIDE_ROLES = frozenset({"stylesheet", "contact", "logo", "headline", "subheadline", "caption"})
_MEDIA_MIME = tuple(f"{kind}/" for kind in ("image", "video", "audio"))


def read_newsml(root: etree._Element, source: str | None) -> list[WireItem]:
    items = children(root, "NewsItem")
    if not items:
        raise RejectedInput(RejectReason.NO_TEXT, "NewsML document with no NewsItem")
    sender = source or attr(first(root, "SentFrom", "Party"), "FormalName")
    return [_news_item(item, sender) for item in items]


def _news_item(item: etree._Element, sender: str | None) -> WireItem:
    provider = text_of(first(item, "NewsIdentifier", "ProviderId"))
    date_id = text_of(first(item, "NewsIdentifier", "DateId"))
    item_id = text_of(first(item, "NewsIdentifier", "NewsItemId"))
    if not (provider and date_id and item_id):
        raise RejectedInput(RejectReason.INVALID_MESSAGE, "NewsML NewsItem without ProviderId, DateId and NewsItemId")
    uri = f"urn:newsml:{provider}:{date_id}:{item_id}"
    source = (sender or provider)[:256]
    version = version_number(text_of(first(item, "NewsIdentifier", "RevisionId")), "NewsML RevisionId")
    text, media = _body(item)
    if not text.strip():
        if media:
            return Skip(source, uri, SkipReason.MEDIA_ONLY, f"NewsML item with only {', '.join(sorted(media))}",
                        sorted(media)[0], version, "newsml")
        raise RejectedInput(RejectReason.NO_TEXT, f"NewsML item {uri} has no text ContentItem")
    created = wire_datetime(text_of(first(item, "NewsManagement", "ThisRevisionCreated")), "ThisRevisionCreated")
    first_created = wire_datetime(text_of(first(item, "NewsManagement", "FirstCreated")), "FirstCreated")
    urgency = attr(first(item, "NewsManagement", "Urgency"), "FormalName")
    return RawArticle(
        source=source,
        title=text_of(first(item, "HeadLine")),
        body=text,
        content_type="text/plain",
        published_at=created or first_created,
        language=attr(first(item, "Language"), "FormalName"),
        uri=uri,
        version=version,
        version_created=created,
        first_created=first_created,
        pub_status=pub_status(attr(first(item, "NewsManagement", "Status"), "FormalName")),
        urgency=urgency_level(urgency),
        item_type="text",
        authors=byline_names(text_of(first(item, "ByLine"))),
        located=text_of(first(item, "DateLine")),
        subjects=_subjects(item),
        wire_format="newsml",
    )


def _body(item: etree._Element) -> tuple[str, set[str]]:
    """The text of the Body component (or, without one, of every text ContentItem outside the side roles), and
    the kinds of media the item holds."""
    media: set[str] = set()
    bodies: list[str] = []
    others: list[str] = []
    for content in descendants(item, "ContentItem"):
        mime = (attr(first(content, "MimeType"), "FormalName") or "").lower()
        role = (attr(first(content.getparent(), "Role"), "FormalName") or "").lower()
        if role in _SIDE_ROLES:
            continue
        if mime.startswith(_MEDIA_MIME):
            media.add({"image": "picture"}.get(mime.split("/")[0], mime.split("/")[0]))
            continue
        data = first(content, "DataContent")
        if data is None or not mime.startswith(("text/", "application/xhtml")) or mime == "text/css":
            continue
        (bodies if role in _BODY_ROLES else others).append(_data_text(data))
    return "\n\n".join(bodies or others), media


def _data_text(data: etree._Element) -> str:
    markup = next((e for e in data.iter() if local_name(e) == "body"), None)
    if markup is None:
        markup = next((e for e in data if isinstance(e.tag, str)), None)
    return markup_text(markup) if markup is not None else (data.text or "")


def _subjects(item: etree._Element) -> list[Concept]:
    codes = [Concept(code=attr(code, "FormalName")) for subject in descendants(item, "SubjectCode")
             for code in subject if attr(code, "FormalName")]
    # BusinessWire's keywords (industry, country, category): the subjects its ninjs version lists.
    keywords = [Concept(name=attr(prop, "Value")) for prop in descendants(item, "Property")
                if "keyword" in (attr(prop, "FormalName") or "").lower() and attr(prop, "Value")]
    return codes + keywords

