"""Nasty raw messages: each is rejected with the reason the DLQ will carry, or accepted when it is fine."""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime

import pytest

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle, RejectReason

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
        pytest.param(b"[" * 100_000, RejectReason.INVALID_MESSAGE, id="json-nested-past-recursion-limit"),
        pytest.param(b'{"source": "x", "body": "y", "metadata": ' + b'{"a": ' * 255 + b"1" + b"}" * 256,
                     RejectReason.INVALID_MESSAGE, id="metadata-nested-256-deep"),
        pytest.param(b'{"source": "x", "body": "y", "metadata": {"n": ' + b"7" * 5000 + b"}}",
                     RejectReason.INVALID_MESSAGE, id="5000-digit-integer"),
        pytest.param('{"source": "x", "body": "y"'.encode("utf-16-le"), RejectReason.UNDECODABLE,
                     id="bomless-utf16-broken-json"),
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


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_decoded_even_when_ascii(encoding: str) -> None:
    # Pure ASCII in UTF-16 is valid UTF-8 too (NULs and all), and no detector sees anything to detect: the NULs
    # among the first four bytes of JSON say the encoding (RFC 4627 §3).
    article = accepted(message(source="x", body="BREAKING: Quake hits Chile").decode().encode(encoding))
    assert (article.text, article.input_encoding) == ("BREAKING: Quake hits Chile", encoding)


def nested(levels: int) -> object:
    value: object = 1
    for _ in range(levels):
        value = {"a": value}
    return value


def test_nesting_up_to_the_limit_is_published_and_read_again() -> None:
    from services.cleaner.decode import MAX_JSON_DEPTH

    # The envelope is the first level, metadata the second.
    article = accepted(message(source="x", body="y", metadata=nested(MAX_JSON_DEPTH - 1)))
    assert CleanArticle.model_validate_json(article.model_dump_json()) == article
    assert rejection(message(source="x", body="y", metadata=nested(MAX_JSON_DEPTH))) is RejectReason.INVALID_MESSAGE


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("東京都知事選挙の結果が発表された。", None),
        ("トヨタ自動車は新型車を発表しました。", None),
        ("株価が上昇した。", "ja"),  # read as Korean (cp949) were it not for the stated language
        ("日本", "ja"),  # read as Big5 likewise
        ("ソフトバンクは決算を発表した。", None),  # the second bytes of ソ and 表 are backslashes in ASCII
    ],
)
def test_shift_jis_is_decoded(body: str, language: str | None) -> None:
    fields = {"source": "kyodo", "body": body} | ({"language": language} if language else {})
    article = accepted(json.dumps(fields, ensure_ascii=False).encode("shift_jis"))
    assert article.text == body
    assert article.input_encoding in {"cp932", "shift_jis"}


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
