"""Nasty raw messages: each is rejected with the reason the DLQ will carry, or accepted when it is fine."""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime

import pytest

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.errors import RejectedInput
from services.messages import CleanArticle, RejectReason

RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


def message(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def rejection(data: bytes, options: CleanerOptions = CleanerOptions()) -> RejectReason:
    with pytest.raises(RejectedInput) as caught:
        process(data, options, RECEIVED)
    return caught.value.reason


def accepted(data: bytes, options: CleanerOptions = CleanerOptions()) -> CleanArticle:
    (output,) = process(data, options, RECEIVED)
    assert isinstance(output.value, CleanArticle)
    return output.value


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", RejectReason.INVALID_JSON, id="empty-bytes"),
        pytest.param(b" \r\n\t ", RejectReason.INVALID_JSON, id="whitespace"),
        pytest.param(b'{"source": "x", "body": ', RejectReason.INVALID_JSON, id="truncated-json"),
        pytest.param(b"not json at all", RejectReason.INVALID_JSON, id="not-json"),
        pytest.param(b"[" * 100_000, RejectReason.INVALID_JSON, id="json-nested-past-recursion-limit"),
        pytest.param(b'[{"source": "x", "body": "y"}]', RejectReason.INVALID_MESSAGE, id="json-array"),
        pytest.param(b"42", RejectReason.INVALID_MESSAGE, id="json-number"),
        pytest.param(b'"a string"', RejectReason.INVALID_MESSAGE, id="json-string"),
        pytest.param(message(source="x"), RejectReason.INVALID_MESSAGE, id="missing-body"),
        pytest.param(message(body="Some news."), RejectReason.INVALID_MESSAGE, id="missing-source"),
        pytest.param(message(source="", body="Some news."), RejectReason.INVALID_MESSAGE, id="empty-source"),
        pytest.param(message(source="x", body=""), RejectReason.EMPTY_BODY, id="empty-body"),
        pytest.param(message(source="x", body=" \n\t\u00a0 "), RejectReason.EMPTY_BODY, id="whitespace-body"),
        pytest.param(message(source="x", body="\x01\x02\u200b"), RejectReason.EMPTY_BODY, id="controls-only-body"),
        pytest.param(message(source="x", body="Half a story\u0000\u0001\u0002"), RejectReason.BINARY_BODY, id="nul"),
        pytest.param(
            b'{"source": "x", "body": "' + bytes(range(128, 256)) * 3 + b'"}',
            RejectReason.UNDECODABLE,
            id="high-bytes-in-no-encoding",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", RejectReason.BINARY_BODY, id="binary-png"
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + '{"source": "x"'.encode("utf-16-le") + b"\x00\xd8",
            RejectReason.UNDECODABLE,
            id="utf-16-bom-lone-surrogate",
        ),
        pytest.param(b'{"source": "x", "body": "a\\ud800b"}', RejectReason.UNDECODABLE, id="lone-surrogate-escape"),
        pytest.param(
            message(source="x", body="Some news.", content_type="application/pdf"),
            RejectReason.INVALID_MESSAGE,
            id="unknown-content-type",
        ),
        pytest.param(
            message(source="x", body="Some news.", published_at="2025-12-13T10:00:00"),
            RejectReason.INVALID_MESSAGE,
            id="naive-published-at",
        ),
        pytest.param(message(source="x", body="Some news.", extra="field"), RejectReason.INVALID_MESSAGE, id="extra"),
    ],
)
def test_rejected_with_reason(data: bytes, reason: RejectReason) -> None:
    assert rejection(data) is reason


def test_body_over_the_limit_is_rejected_before_parsing() -> None:
    options = CleanerOptions(max_body_bytes=100)
    assert rejection(message(source="x", body="a" * 200), options) is RejectReason.BODY_TOO_LARGE
    # Not even JSON is looked at: an oversized non-JSON message is "too large", not "invalid JSON".
    assert rejection(b"x" * 101, options) is RejectReason.BODY_TOO_LARGE
    assert accepted(message(source="x", body="a" * 50), options).text == "a" * 50


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_json_with_a_bom_is_accepted(bom: bytes, encoding: str) -> None:
    text = '{"source": "agency", "body": "Caf\u00e9 owner in \u0141\u00f3d\u017a wins award."}'
    article = accepted(bom + text.encode(encoding))
    assert article.text == "Caf\u00e9 owner in \u0141\u00f3d\u017a wins award."
    assert article.source == "agency"


def test_utf16_without_bom_is_not_guessed() -> None:
    # Without a BOM the bytes are read as UTF-8: the NULs of UTF-16 make it invalid JSON, not a garbled article.
    assert rejection('{"source": "x", "body": "y"}'.encode("utf-16-le")) is RejectReason.INVALID_JSON


def test_published_at_with_offset_is_stored_in_utc() -> None:
    article = accepted(message(source="x", body="Some news.", published_at="2025-12-13T12:00:00+03:00"))
    assert article.published_at == datetime(2025, 12, 13, 9, 0, tzinfo=UTC)
    assert article.published_at.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16-le", "utf-16-be"])
def test_legacy_and_bomless_encodings_are_decoded_and_recorded(encoding: str) -> None:
    body = "Le président a déclaré « très bien » devant 2 000 personnes à Genève."
    article = accepted(json.dumps({"source": "agence", "body": body}, ensure_ascii=False).encode(encoding))
    assert article.text == body
    assert article.input_encoding is not None and article.input_encoding != "utf-8"


def test_utf8_messages_record_no_encoding() -> None:
    assert accepted(message(source="x", body="Café news")).input_encoding is None
