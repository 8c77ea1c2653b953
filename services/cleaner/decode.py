"""Bytes off the wire → validated ``RawArticle``s (or items to pass over), or a ``RejectedInput`` saying why not.

A message is our own ``RawArticle`` JSON; a bare ninjs item (JSON, told by its
shape); NewsML 1.2 or NewsML-G2 XML (told by its root element); or a
``RawArticle`` envelope whose ``content_type`` says its ``body`` is one of those,
the envelope giving the source.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from typing import NamedTuple

import charset_normalizer
from lxml import etree
from pydantic import ValidationError

from services.cleaner.wire.items import WireItem
from services.cleaner.wire.newsml import read_newsml
from services.cleaner.wire.newsml_g2 import G2_ROOTS, NAR_NAMESPACE, read_g2
from services.cleaner.wire.ninjs import is_ninjs, read_ninjs
from services.cleaner.wire.safe_xml import parse_xml
from services.cleaner.wire.tree import local_name
from services.errors import RejectedInput
from services.messages import PubStatus, RawArticle, RejectReason

_XML_CONTENT_TYPES = frozenset({
    "application/xml", "text/xml", "application/vnd.iptc.g2.newsitem+xml", "application/vnd.iptc.g2.newsmessage+xml",
})

# JSON may arrive as UTF-8 (with or without BOM) or UTF-16/32 with a BOM (RFC 8259 §8.1 readers).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodedRaw(NamedTuple):
    items: list[WireItem]
    """Usually one; a NewsML document or a NewsML-G2 newsMessage may hold several items."""
    encoding: str
    """The encoding the message arrived in ("utf-8" unless a BOM or detection said otherwise)."""


def decode_raw(data: bytes, max_bytes: int) -> DecodedRaw:
    if len(data) > max_bytes:
        raise RejectedInput(RejectReason.BODY_TOO_LARGE, f"{len(data)} bytes > limit {max_bytes}")
    text, encoding = _decode_text(data)
    if text.lstrip().startswith("<"):
        # The parser reads the bytes: an XML document's own declaration or BOM says how they are encoded.
        return DecodedRaw(_read_xml(data, None, declared_encoding_applies=True), encoding)
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RejectedInput(RejectReason.INVALID_JSON, str(exc)[:300]) from exc
    if not isinstance(payload, dict) and not is_ninjs(payload):
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"expected a JSON object, got {type(payload).__name__}")
    try:
        # A "\ud800" escape decodes to a lone surrogate, which no later stage can encode again.
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RejectedInput(RejectReason.UNDECODABLE, f"lone surrogate escape: {exc}") from exc
    if is_ninjs(payload):
        # A ninjs collection is an array of items; each is read on its own.
        collection = payload if isinstance(payload, list) else [payload]
        return DecodedRaw([_mapped(lambda: read_ninjs(item, None)) for item in collection], encoding)
    try:
        raw = RawArticle.model_validate(payload)
    except ValidationError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, _summarise(exc)) from exc
    # A withdrawal may say nothing: it takes back an article, and still has to reach consumers.
    if not raw.body.strip() and raw.pub_status not in {PubStatus.WITHHELD, PubStatus.CANCELED}:
        raise RejectedInput(RejectReason.EMPTY_BODY, "body is empty or whitespace only")
    if "\x00" in raw.body:
        raise RejectedInput(RejectReason.BINARY_BODY, "body contains NUL characters")
    return DecodedRaw([_with_envelope(item, raw) for item in _unwrapped(raw)], encoding)


def _unwrapped(raw: RawArticle) -> list[WireItem]:
    """The items an envelope carries: itself, or the ninjs / NewsML document in its body."""
    if raw.content_type == "application/ninjs+json":
        try:
            item = json.loads(raw.body)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise RejectedInput(RejectReason.INVALID_JSON, f"ninjs body: {str(exc)[:300]}") from exc
        return [_mapped(lambda: read_ninjs(item, raw.source))]
    if raw.content_type in _XML_CONTENT_TYPES:
        # Text inside JSON: its XML declaration's encoding no longer applies to the UTF-8 it is re-encoded as.
        return _read_xml(raw.body.encode("utf-8"), raw.source, declared_encoding_applies=False)
    return [raw]


def _with_envelope(item: WireItem, envelope: RawArticle) -> WireItem:
    """What the envelope knows that the item does not: the page's url, the feed's own metadata."""
    if item is envelope or not isinstance(item, RawArticle):
        return item
    return item.model_copy(update={"url": item.url or envelope.url, "metadata": {**item.metadata,
                                                                                  **envelope.metadata}})


def _read_xml(data: bytes, source: str | None, *, declared_encoding_applies: bool) -> list[WireItem]:
    root = parse_xml(data, declared_encoding_applies=declared_encoding_applies)
    name = local_name(root)
    namespace = etree.QName(root).namespace
    if name == "NewsML" and namespace is None:
        return _mapped_all(lambda: read_newsml(root, source))
    if name in G2_ROOTS and namespace == NAR_NAMESPACE:
        return _mapped_all(lambda: read_g2(root, source))
    raise RejectedInput(RejectReason.UNKNOWN_FORMAT, f"XML root <{root.tag}> is neither NewsML 1.2 nor NewsML-G2")


def _mapped(read: Callable[[], WireItem]) -> WireItem:
    return _mapped_all(lambda: [read()])[0]


def _mapped_all(read: Callable[[], list[WireItem]]) -> list[WireItem]:
    """A reader's items; a value the item states but our model cannot hold (a 40-character language tag) is the
    item's fault, not a processing error."""
    try:
        return read()
    except ValidationError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, _summarise(exc)) from exc


def _decode_text(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise RejectedInput(RejectReason.INVALID_JSON, "empty message")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise RejectedInput(RejectReason.UNDECODABLE, f"invalid {encoding}: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Feeds do send cp1252, latin-1 or BOM-less UTF-16: decode when detection is sure, and the
    # JSON parse that follows is the check that the guess was right.
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None:
        return str(guess), guess.encoding
    if b"\x00" in data:
        raise RejectedInput(RejectReason.BINARY_BODY, "binary data, not text in any encoding")
    raise RejectedInput(RejectReason.UNDECODABLE, f"not UTF-8, no BOM, no recognisable encoding: {utf8_error}")


def _summarise(exc: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}" for err in exc.errors()[:5]]
    return "; ".join(problems)
