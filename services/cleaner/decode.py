"""Bytes off the wire → a validated ``RawArticle``, or a ``RejectedInput`` saying why not."""

from __future__ import annotations

import codecs
import json
from typing import NamedTuple

import charset_normalizer
from pydantic import ValidationError

from services.errors import RejectedInput
from services.messages import RawArticle, RejectReason

# JSON may arrive as UTF-8 (with or without BOM) or UTF-16/32 with a BOM (RFC 8259 §8.1 readers).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodedRaw(NamedTuple):
    article: RawArticle
    encoding: str
    """The encoding the message arrived in ("utf-8" unless a BOM or detection said otherwise)."""


def decode_raw(data: bytes, max_bytes: int) -> DecodedRaw:
    if len(data) > max_bytes:
        raise RejectedInput(RejectReason.BODY_TOO_LARGE, f"{len(data)} bytes > limit {max_bytes}")
    text, encoding = _decode_text(data)
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise RejectedInput(RejectReason.INVALID_JSON, str(exc)[:300]) from exc
    if not isinstance(payload, dict):
        raise RejectedInput(RejectReason.INVALID_MESSAGE, f"expected a JSON object, got {type(payload).__name__}")
    try:
        # A "\ud800" escape decodes to a lone surrogate, which no later stage can encode again.
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RejectedInput(RejectReason.UNDECODABLE, f"lone surrogate escape: {exc}") from exc
    try:
        raw = RawArticle.model_validate(payload)
    except ValidationError as exc:
        raise RejectedInput(RejectReason.INVALID_MESSAGE, _summarise(exc)) from exc
    if not raw.body.strip():
        raise RejectedInput(RejectReason.EMPTY_BODY, "body is empty or whitespace only")
    if "\x00" in raw.body:
        raise RejectedInput(RejectReason.BINARY_BODY, "body contains NUL characters")
    return DecodedRaw(raw, encoding)


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
