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
from typing import Any, NamedTuple

import charset_normalizer
from lxml import etree
from pydantic import ValidationError

from services.cleaner.wire.items import WireItem
from services.cleaner.wire.newsml import read_newsml
from services.cleaner.wire.newsml_g2 import G2_ROOTS, NAR_NAMESPACE, read_g2
from services.cleaner.wire.ninjs import is_ninjs, read_ninjs
from services.cleaner.wire.safe_xml import parse_xml
from services.cleaner.wire.tree import local_name
from services.contract.errors import RejectedInput
from services.contract.messages import PubStatus, RawArticle, RejectReason

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
    """The encoding the message arrived in ("utf-8" unless a BOM, the NULs of BOM-less UTF-16/32, or detection said
    otherwise)."""


def decode_raw(data: bytes, max_bytes: int) -> DecodedRaw:
    if len(data) > max_bytes:
        raise RejectedInput(RejectReason.BODY_TOO_LARGE, f"{len(data)} bytes > limit {max_bytes}")
    readings = _readings(data)
    if readings.texts[0][0].lstrip().startswith("<"):
        # The parser reads the bytes: an XML document's own declaration or BOM says how they are encoded.
        return DecodedRaw(_read_xml(data, None, declared_encoding_applies=True), readings.texts[0][1])
    payload, encoding = _parse_json(readings)
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


MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects read from a message. What the cleaner reads, it publishes (``metadata``
passes through), and the next stages must read and write it again: pydantic stops parsing JSON at 200 levels and
serialising at 255, and an enriched article holds the clean article one level down."""


def loads_json(text: str, what: str = "message") -> Any:
    """``json.loads`` with every way it fails as a ``RejectedInput``; nesting over :data:`MAX_JSON_DEPTH` too."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInput(RejectReason.INVALID_JSON, f"{what}: {str(exc)[:300]}") from exc
    except RecursionError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"{what} nested too deeply to read") from exc
    except ValueError as exc:  # valid JSON Python will not read: an integer of more than 4,300 digits
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"{what}: {str(exc)[:300]}") from exc
    if (depth := json_depth(payload)) > MAX_JSON_DEPTH:
        raise RejectedInput(RejectReason.INVALID_MESSAGE,
                            f"{what} nested {depth} levels deep; at most {MAX_JSON_DEPTH} are read")
    return payload


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (a scalar: 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _unwrapped(raw: RawArticle) -> list[WireItem]:
    """The items an envelope carries: itself, or the ninjs / NewsML document in its body."""
    if raw.content_type == "application/ninjs+json":
        document = loads_json(raw.body, "ninjs body")
        # One item, or a collection: a JSON array of items, each read on its own.
        items = document if isinstance(document, list) and document else [document]
        return [_mapped(lambda item=item: read_ninjs(item, raw.source)) for item in items]
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


class _Readings(NamedTuple):
    texts: list[tuple[str, str]]
    """The message as text in each encoding it may be in, likeliest first, with the encoding's name."""
    certain: bool
    """The encoding is known (valid UTF-8, or a BOM says): text that is not JSON then is invalid JSON."""
    utf8_error: str | None = None


# Detection takes an encoding's own name; the stated language (a RawArticle's or a ninjs item's ``language``) picks
# among those that read the message: two Shift-JIS characters read as Big5 too, and as different characters.
_ENCODINGS_OF_LANGUAGE = {
    "ja": frozenset({"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
                     "euc_jisx0213", "iso2022_jp"}),
    "zh": frozenset({"gb18030", "gb2312", "gbk", "cp936", "big5", "big5hkscs", "cp950", "hz"}),
    "ko": frozenset({"cp949", "euc_kr", "johab", "iso2022_kr"}),
}
_MAX_GUESSES = 5


def _readings(data: bytes) -> _Readings:
    if not data.strip():
        raise RejectedInput(RejectReason.INVALID_JSON, "empty message")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _Readings([(_decoded(data[len(bom):], encoding), encoding)], certain=True)
    # UTF-16 or UTF-32 without a BOM: JSON begins with ASCII, so the NULs among its first four bytes say which (RFC
    # 4627 §3; the standard library reads bytes so). Valid UTF-8 too, NULs and all, but never JSON as that.
    if (encoding := json.detect_encoding(data[:4])) not in ("utf-8", "utf-8-sig"):
        return _Readings([(_decoded(data, encoding), encoding)], certain=False, utf8_error="NULs of UTF-16/32")
    try:
        return _Readings([(data.decode("utf-8"), "utf-8")], certain=True)
    except UnicodeDecodeError as exc:
        utf8_error = str(exc)
    # Feeds do send cp1252, latin-1 or Shift-JIS: each encoding detection finds plausible is a reading, likeliest
    # first; the JSON parse that follows tells which are right (see _parse_json).
    texts = [(str(match), match.encoding) for match in list(charset_normalizer.from_bytes(data))[:_MAX_GUESSES]]
    if not texts:
        if b"\x00" in data:
            raise RejectedInput(RejectReason.BINARY_BODY, "binary data, not text in any encoding")
        raise RejectedInput(RejectReason.UNDECODABLE, f"not UTF-8, no BOM, no recognisable encoding: {utf8_error}")
    return _Readings(texts, certain=False, utf8_error=utf8_error)


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RejectedInput(RejectReason.UNDECODABLE, f"invalid {encoding}: {exc}") from exc


def _parse_json(readings: _Readings) -> tuple[Any, str]:
    """The message's JSON and the encoding read: the first reading that is JSON, or, when the message states its
    language, the first that is JSON in an encoding of that language. A message JSON in no reading of an uncertain
    encoding is ``undecodable``: it is not known to be broken JSON."""
    parsed: list[tuple[Any, str]] = []
    failures: list[str] = []
    for text, encoding in readings.texts:
        try:
            parsed.append((loads_json(text), encoding))
        except RejectedInput as exc:
            if readings.certain or exc.reason is not RejectReason.INVALID_JSON:
                raise
            failures.append(f"{encoding}: {exc.detail}")
            continue
        family = _ENCODINGS_OF_LANGUAGE.get(_stated_language(parsed[0][0]))
        if family is None or encoding in family:
            return parsed[-1]
    if parsed:
        return parsed[0]
    raise RejectedInput(RejectReason.UNDECODABLE, f"not UTF-8 ({readings.utf8_error}), and not JSON in any encoding "
                        f"detected: {'; '.join(failures)}"[:1000])


def _stated_language(payload: Any) -> str:
    language = payload.get("language") if isinstance(payload, dict) else None
    return language.split("-")[0].lower() if isinstance(language, str) else ""


def _summarise(exc: ValidationError) -> str:
    problems = [f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}" for err in exc.errors()[:5]]
    return "; ".join(problems)
