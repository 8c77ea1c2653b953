"""Pages that are not articles: consent walls, paywall stubs, index and listing pages.

Checked on the extracted text of HTML pages only (plain wire copy is news by
definition). Each rule needs both a short or fragmented text and the page
type's own evidence (consent or paywall wording; headlines that are links), so
a long article that mentions cookies, or a calendar of bare lines, passes. The
benchmark report counts how many real articles the rules reject.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import LxmlError

from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason

# A consent wall both talks about data and asks the reader to choose; an article about cookies only talks.
_CONSENT_TOPICS = ("cookie", "consent", "personal data", "legitimate interest", "privacy policy")
_CONSENT_CONTROLS = (
    "accept all", "reject all", "accept cookies", "manage preferences", "cookie settings", "privacy settings",
    "we and our partners",
)
# Site navigation says "subscribe now" on every page: only a prompt that withholds the text counts.
_PAYWALL_PHRASES = (
    "subscribe to continue", "to continue reading", "already a subscriber", "subscribers only",
    "log in to continue", "sign in to continue", "sign in to read", "become a member to read",
)
_CONSENT_MAX_CHARS = 2500
_PAYWALL_MAX_CHARS = 1500
_LISTING_MIN_PARAGRAPHS = 8
_LISTING_HEADLINE_SHARE = 0.8
_LISTING_LINKED_SHARE = 0.7
_HEADLINE_MAX_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?$")


def reject_non_article(text: str, html: str) -> None:
    """Raise ``RejectedInput(NOT_AN_ARTICLE)`` when the extracted text is a consent wall, paywall or listing."""
    lowered = text.casefold()
    if len(text) <= _CONSENT_MAX_CHARS:
        topics = [phrase for phrase in _CONSENT_TOPICS if phrase in lowered]
        controls = [phrase for phrase in _CONSENT_CONTROLS if phrase in lowered]
        if len(topics) >= 2 and controls:
            raise RejectedInput(RejectReason.NOT_AN_ARTICLE, f"consent page ({', '.join(topics + controls)})")
    if len(text) <= _PAYWALL_MAX_CHARS:
        # The extractor drops a paywall's prompt as boilerplate: look for it in the whole page as well.
        page_text = f"{lowered} {_visible_text(html).casefold()}"
        paywall_hits = [phrase for phrase in _PAYWALL_PHRASES if phrase in page_text]
        if paywall_hits:
            raise RejectedInput(RejectReason.NOT_AN_ARTICLE, f"paywall stub ({', '.join(paywall_hits)})")
    paragraphs = text.split("\n\n")
    headlines = [p for p in paragraphs if len(p) <= _HEADLINE_MAX_CHARS and not _SENTENCE_END.search(p)]
    if len(paragraphs) < _LISTING_MIN_PARAGRAPHS or len(headlines) < _LISTING_HEADLINE_SHARE * len(paragraphs):
        return
    # Only now parse the page again: fragmented text is rare, and most of it is tables and calendars.
    anchors = _anchor_texts(html)
    linked = sum(paragraph in anchors for paragraph in paragraphs)
    if linked >= _LISTING_LINKED_SHARE * len(paragraphs):
        raise RejectedInput(
            RejectReason.NOT_AN_ARTICLE, f"listing page ({linked} of {len(paragraphs)} paragraphs are links)"
        )


def _anchor_texts(html: str) -> set[str]:
    tree = _parse(html)
    return set() if tree is None else {" ".join(anchor.text_content().split()) for anchor in tree.iter("a")}


def _visible_text(html: str) -> str:
    tree = _parse(html)
    if tree is None:
        return ""
    texts = tree.xpath("//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    return " ".join(" ".join(texts).split())


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (LxmlError, ValueError):
        return None
