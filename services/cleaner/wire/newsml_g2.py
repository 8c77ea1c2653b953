"""IPTC NewsML-G2 → ``RawArticle``: a ``newsItem``, or each item of a ``newsMessage``'s ``itemSet``.

Identity is the item's ``guid`` and its version the ``version`` attribute (1
when absent, as the standard says). The text is the ``contentSet``'s
``inlineXML`` (XHTML or NITF) or ``inlineData``; an item whose content is only
``remoteContent`` of a picture, video or audio class is media. Planning, package,
concept and knowledge items hold no article and are passed over.
"""

from __future__ import annotations

from lxml import etree

from services.cleaner.wire.items import (
    MEDIA_TYPES,
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

NAR_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_ARTICLES = {"planningItem": SkipReason.EVENT_ITEM, "packageItem": SkipReason.NOT_NEWS,
                 "conceptItem": SkipReason.NOT_NEWS, "knowledgeItem": SkipReason.NOT_NEWS,
                 "catalogItem": SkipReason.NOT_NEWS}
G2_ROOTS = frozenset({"newsItem", "newsMessage", *_NOT_ARTICLES})


def read_g2(root: etree._Element, source: str | None) -> list[WireItem]:
    if local_name(root) != "newsMessage":
        return [_any_item(root, source)]
    item_set = first(root, "itemSet")
    items = [child for child in (item_set if item_set is not None else []) if local_name(child) in G2_ROOTS]
    if not items:
        raise RejectedInput(RejectReason.NO_TEXT, "NewsML-G2 newsMessage with no item in its itemSet")
    return [_any_item(item, source) for item in items]


def _any_item(item: etree._Element, source: str | None) -> WireItem:
    guid = attr(item, "guid")
    if not guid:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"NewsML-G2 {local_name(item)} without a guid")
    version = version_number(attr(item, "version") or "1", "NewsML-G2 version")
    sender = (source or _provider(item) or "newsml-g2")[:256]
    kind = local_name(item)
    if kind in _NOT_ARTICLES:
        return Skip(sender, guid, _NOT_ARTICLES[kind], f"NewsML-G2 {kind}: not a news article", kind, version,
                    "newsml_g2")
    item_class = (attr(first(item, "itemMeta", "itemClass"), "qcode") or "ninat:text").rpartition(":")[2].lower()
    text = _content_text(item)
    if not text.strip():
        if item_class in MEDIA_TYPES or descendants(item, "remoteContent"):
            return Skip(sender, guid, SkipReason.MEDIA_ONLY, f"NewsML-G2 {item_class} item with no text content",
                        item_class, version, "newsml_g2")
        raise RejectedInput(RejectReason.NO_TEXT, f"NewsML-G2 newsItem {guid} has no inlineXML or inlineData text")
    content_meta = first(item, "contentMeta")
    created = wire_datetime(text_of(first(item, "itemMeta", "versionCreated")), "versionCreated")
    first_created = wire_datetime(text_of(first(item, "itemMeta", "firstCreated")), "firstCreated")
    urgency = text_of(first(content_meta, "urgency"))
    creators = [text_of(first(c, "name")) or attr(c, "literal") for c in descendants(content_meta, "creator")] \
        if content_meta is not None else []
    return RawArticle(
        source=sender,
        title=text_of(first(content_meta, "headline")),
        body=text,
        content_type="text/plain",
        published_at=created or first_created,
        language=attr(first(content_meta, "language"), "tag") or item.get(_XML_LANG),
        uri=guid,
        version=version,
        version_created=created,
        first_created=first_created,
        pub_status=pub_status(attr(first(item, "itemMeta", "pubStatus"), "qcode")),
        urgency=urgency_level(urgency),
        item_type=item_class,
        authors=[name for name in creators if name] or byline_names(text_of(first(content_meta, "by"))),
        located=text_of(first(content_meta, "located", "name")),
        subjects=[Concept(name=text_of(first(subject, "name")), code=attr(subject, "qcode") or attr(subject, "uri"))
                  for subject in (children(content_meta, "subject") if content_meta is not None else [])],
        wire_format="newsml_g2",
    )


def _content_text(item: etree._Element) -> str:
    content_set = first(item, "contentSet")
    if content_set is None:
        return ""
    texts = []
    for content in content_set:
        if local_name(content) == "inlineXML":
            # NITF: its body.content; XHTML: its body; anything else: all its elements' text.
            markup = first(content, "body.content")
            if markup is None:
                markup = first(content, "body")
            texts.append(markup_text(markup if markup is not None else content))
        elif local_name(content) == "inlineData":
            texts.append(content.text or "")
    # Alternative renditions of one text (plain and XHTML): the fullest.
    return max(texts, key=lambda text: len(text.strip()), default="")


def _provider(item: etree._Element) -> str | None:
    provider = first(item, "itemMeta", "provider")
    return text_of(first(provider, "name")) or attr(provider, "literal") or \
        (attr(provider, "qcode") or "").rpartition(":")[2] or None
