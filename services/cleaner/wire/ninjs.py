"""IPTC ninjs 1.x, 2.x and 3.x (news in JSON) → ``RawArticle``, or a ``Skip`` for items that hold no article.

The three major versions name the same things differently: 1.x has ``headline``,
``body_text``/``body_html``/``body_xhtml``, ``byline``, ``subject``, ``place``; 2.x
has arrays (``headlines``, ``bodies``, ``subjects``, ``places``) with lowercase
names; 3.x the same arrays in camelCase (``versionCreated``, ``pubStatus``,
``contentType``). Keys are folded to lowercase first, so one reader takes all three.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from services.cleaner.wire.items import (
    MEDIA_TYPES,
    Skip,
    WireItem,
    byline_names,
    pub_status,
    version_number,
    wire_datetime,
)
from services.cleaner.wire.markup import html_fragment_text, markup_text
from services.cleaner.wire.safe_xml import parse_xml
from services.cleaner.wire.tree import local_name
from services.contract.errors import RejectedInput
from services.contract.messages import Concept, PubStatus, RawArticle, RejectReason, SkipReason

# The keys only ninjs has: a JSON object with one of them and no RawArticle ``body`` is a ninjs item.
NINJS_MARKERS = frozenset({
    "uri", "versioncreated", "firstcreated", "pubstatus", "headline", "headlines", "bodies", "renditions",
})
# Descriptions that may stand in for a missing body of a text item (NTB sends its lead this way);
# captions and credit lines describe a picture, not the news.
_TEXT_DESCRIPTION_ROLES = frozenset({None, "text", "lead", "summary", "abstract", "description"})
_URN_PROVIDER = re.compile(r"^urn:newsml:([^:]+):", re.IGNORECASE)
_HOST = re.compile(r"^https?://([^/:?#]+)", re.IGNORECASE)


class _Ninjs(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    class Text(BaseModel):
        model_config = ConfigDict(frozen=True, extra="ignore")
        value: str
        role: str | None = None
        contenttype: str | None = None

    class Named(BaseModel):
        model_config = ConfigDict(frozen=True, extra="ignore")
        name: str | None = None
        uri: str | None = None
        literal: str | None = None
        scheme: str | None = None
        code: str | None = None
        """ninjs 1.x: a code in the vocabulary at ``scheme``."""

    uri: str = Field(min_length=1, max_length=2048)
    type: str | None = None
    version: str | int | None = None
    versioncreated: str | None = None
    firstcreated: str | None = None
    pubstatus: str | None = None
    urgency: int | None = Field(None, ge=1, le=9)
    language: str | None = None
    title: str | None = None
    headline: str | None = None
    headlines: list[Text] = []
    byline: str | None = None
    by: str | None = None
    bodies: list[Text] = []
    descriptions: list[Text] = []
    located: str | None = None
    place: list[Named] = []
    places: list[Named] = []
    subject: list[Named] = []
    subjects: list[Named] = []
    eventdetails: dict[str, Any] | None = None
    copyrightholder: str | None = None
    slugline: str | None = None
    ednote: str | None = None


def is_ninjs(payload: object) -> bool:
    """A bare ninjs item, or a collection (a JSON array) of them, told from a ``RawArticle`` by its shape."""
    if isinstance(payload, list):
        return bool(payload) and all(is_ninjs(item) for item in payload)
    return isinstance(payload, dict) and "body" not in payload and any(
        str(key).lower() in NINJS_MARKERS for key in payload
    )


def read_ninjs(payload: object, source: str | None) -> WireItem:
    """``source`` comes from the envelope of a wrapped item; a bare item names its own (copyright holder,
    else the provider in its uri)."""
    if not isinstance(payload, dict):
        raise RejectedInput(RejectReason.INVALID_MESSAGE,
                            f"a ninjs item is a JSON object, not {type(payload).__name__}")
    try:
        folded = _fold_keys(payload)
        item = _Ninjs.model_validate(folded)
    except RecursionError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, "ninjs item nested too deeply") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"ninjs: {problems}") from exc
    sender = source or item.copyrightholder or _provider(item.uri) or "ninjs"
    version = version_number(item.version, "ninjs version")
    item_type = item.type.lower() if item.type else None
    if item_type in {"event", "planning"} or item.eventdetails is not None:
        return Skip(sender, item.uri, SkipReason.EVENT_ITEM, f"ninjs {item_type or 'event'} item: planning data, "
                    "not a news report", item_type, version, "ninjs")
    status = pub_status(item.pubstatus)
    created = wire_datetime(item.versioncreated, "ninjs versioncreated")
    first_created = wire_datetime(item.firstcreated, "ninjs firstcreated")
    headline = _headline(item)
    text = _body_text(item, folded)
    if not text and item_type not in MEDIA_TYPES:
        text = "\n\n".join(d.value for d in item.descriptions if _role(d) in _TEXT_DESCRIPTION_ROLES)
    if not text.strip():
        if item_type in MEDIA_TYPES:
            return Skip(sender, item.uri, SkipReason.MEDIA_ONLY, f"ninjs {item_type} item with no text body",
                        item_type, version, "ninjs")
        withdrawn = status in {PubStatus.WITHHELD, PubStatus.CANCELED}
        # A flash is its headline; a withdrawal may carry no text at all and still has to reach consumers.
        text = headline or ""
        if not text and not withdrawn:
            raise RejectedInput(RejectReason.NO_TEXT, "ninjs item with no body, description or headline")
    return RawArticle(
        source=sender[:256],
        title=headline,
        body=text,
        content_type="text/plain",
        published_at=created or first_created,
        language=item.language,
        metadata={key: value for key, value in
                  (("slugline", item.slugline), ("copyright_holder", item.copyrightholder), ("ednote", item.ednote))
                  if value},
        uri=item.uri,
        version=version,
        version_created=created,
        first_created=first_created,
        pub_status=status,
        urgency=item.urgency,
        item_type=item_type,
        authors=byline_names(item.by or item.byline),
        located=item.located,
        places=[_concept(place) for place in [*item.places, *item.place]],
        subjects=[_concept(subject) for subject in [*item.subjects, *item.subject]],
        wire_format="ninjs",
    )


def _fold_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key).lower(): _fold_keys(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_fold_keys(inner) for inner in value]
    return value


def _role(text: _Ninjs.Text) -> str | None:
    return text.role.lower() if text.role else None


def _headline(item: _Ninjs) -> str | None:
    main = [h.value for h in item.headlines if _role(h) in {None, "main"}] or [h.value for h in item.headlines]
    for candidate in [*main, item.headline, item.title]:
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def _body_text(item: _Ninjs, folded: dict[str, Any]) -> str:
    """The item's body as text. Agencies send one text in several forms (TT: plain, HTML5, rich HTML5 and its own
    XML; the ADDB item: NITF with the lead, plain without): the fullest of the plain, HTML and NITF ones. Another
    XML dialect is read only when there is nothing else, since its metadata would be read as text."""
    bodies = [(body.contenttype, body.value) for body in item.bodies]
    for key, value in folded.items():  # ninjs 1.x: body_text, body_html, body_xhtml, body_<anything>
        if key.startswith("body_"):
            if not isinstance(value, str):
                raise RejectedInput(RejectReason.INVALID_MESSAGE, f"ninjs: {key}: expected a string")
            bodies.append(("text/html" if "html" in key else "text/plain", value))
    known = [body for body in bodies if not _other_xml(body[0])]
    texts = [_as_text(content_type, value) for content_type, value in known or bodies]
    return max(texts, key=lambda text: len(text.strip()), default="")


def _other_xml(content_type: str | None) -> bool:
    kind = (content_type or "").lower()
    return "xml" in kind and "html" not in kind and "nitf" not in kind


def _as_text(content_type: str | None, value: str) -> str:
    kind = (content_type or "text/plain").lower()
    if not value.strip():
        return ""  # an empty alternative body is no reason to reject the item: the parsers would call it broken
    if "html" in kind:
        return html_fragment_text(value)
    if "xml" in kind or "nitf" in kind:
        root = parse_xml(value.encode("utf-8"), declared_encoding_applies=False)
        content = next((e for e in root.iter() if local_name(e) == "body.content"), root)
        return markup_text(content)
    return value


def _concept(named: _Ninjs.Named) -> Concept:
    scheme_code = (named.scheme or "") + named.code if named.code else None
    return Concept(name=named.name, code=named.uri or named.literal or scheme_code)


def _provider(uri: str) -> str | None:
    found = _URN_PROVIDER.match(uri) or _HOST.match(uri)
    return found.group(1).lower() if found else None
