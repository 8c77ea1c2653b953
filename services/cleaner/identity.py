"""Deterministic article identity: the same article always gets the same ``article_id``."""

from __future__ import annotations

import hashlib

from services.contract.messages import RawArticle, stable_id


def article_id_for(raw: RawArticle, clean_text: str) -> str:
    if raw.uri:
        return uri_article_id(raw.uri)
    # The source is part of every other id: two feeds may reuse each other's ids or syndicate one URL.
    if raw.id:
        return stable_id("feed-id", raw.source, raw.id)
    if raw.url:
        return stable_id("url", raw.source, raw.url.strip())
    return stable_id("text", raw.source, hashlib.sha256(clean_text.encode()).hexdigest())


def uri_article_id(uri: str) -> str:
    """An IPTC item's id from its uri (guid) alone: the uri is globally unique by definition, and the same item
    must get the same id in every version and whether it came bare or wrapped, whatever source it was sent as."""
    return stable_id("uri", uri.strip())
