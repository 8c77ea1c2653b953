"""Cleaning proper: HTML pages, plain text, normalisation and article identity."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from services.cleaner.logic import process
from services.cleaner.text import normalise_text
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle, RawArticle, RejectReason

DATA = Path(__file__).resolve().parents[2] / "data"
RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


def raw(body: str, content_type: str = "text/plain", **fields: object) -> bytes:
    fields.setdefault("source", "agency")
    return RawArticle(body=body, content_type=content_type, **fields).model_dump_json().encode()


def clean(data: bytes, options: CleanerOptions = CleanerOptions(), received_at: datetime = RECEIVED) -> CleanArticle:
    (output,) = process(data, options, received_at)
    assert output.topic == "clean"
    assert isinstance(output.value, CleanArticle)
    assert output.key == output.value.article_id
    return output.value


def rejection(data: bytes, options: CleanerOptions = CleanerOptions()) -> RejectReason:
    with pytest.raises(RejectedInput) as caught:
        process(data, options, RECEIVED)
    return caught.value.reason


# ---- HTML --------------------------------------------------------------------


def test_html_with_only_scripts_and_styles_has_no_text() -> None:
    page = (
        "<html><head><style>body { color: red }</style><script>var story = 'not news';</script></head>"
        "<body><script>document.write('hello')</script><style>.x { }</style><noscript></noscript></body></html>"
    )
    assert rejection(raw(page, "text/html")) is RejectReason.NO_TEXT


def test_html_with_tiny_text_is_too_short() -> None:
    page = "<html><body><article><p>Quake hits Chile, officials say.</p></article></body></html>"
    assert rejection(raw(page, "text/html")) is RejectReason.TOO_SHORT
    # The same page is an article when the options allow short pages: the limit, not the page, rejected it.
    assert clean(raw(page, "text/html"), CleanerOptions(min_html_text_chars=10)).extractor == "trafilatura"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<div>" * 50_000 + "Deep text" + "</span>" * 500, id="50k-unclosed-divs"),
        pytest.param("<table><tr><td>" * 20_000 + "<p>cell", id="nested-tables"),
        pytest.param("<b><i>" * 5000 + "<p>" + "Deep paragraph text. " * 30 + "</b>" * 5000, id="misnested-inline"),
        # lxml's drop_tree asserted on this foreign-content tree inside trafilatura's date search.
        pytest.param("<svg><div></div><div>", id="svg-foreign-content"),
        pytest.param("<math>\x1e\u00a3<br/><script><math>\x1e\u00a3", id="math-foreign-content"),
        pytest.param("<html><body><p>unterminated <!-- comment <p>" + "text " * 100, id="open-comment"),
        pytest.param("<![CDATA[<p>" + "x " * 300, id="cdata"),
    ],
)
def test_malformed_html_gives_an_article_or_a_rejection(page: str) -> None:
    try:
        article = clean(raw(page, "text/html"), CleanerOptions(min_html_text_chars=0))
    except RejectedInput as rejected:
        assert rejected.reason in {RejectReason.NO_TEXT, RejectReason.TOO_SHORT}
    else:
        assert article.text and article.extractor == "trafilatura"


_TAGS = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<svg>", "<math>", "<script>", "</script>", "<table>", "<td>",
     "<!--", "-->", "<br/>", "&amp;", "&#0;", "<title>", "<article>", "<time datetime='2019-13-45'>"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TAGS, st.text(max_size=20)), max_size=40).map("".join))
@example("<svg><div></div><div>")
def test_html_fragments_never_raise_anything_but_rejected_input(page: str) -> None:
    try:
        article = clean(raw(page or "x", "text/html"), CleanerOptions(min_html_text_chars=0))
    except RejectedInput:
        return
    assert article.text == normalise_text(article.text)


@pytest.fixture(scope="module")
def wework() -> CleanArticle:
    page = (DATA / "page_venturebeat_wework.html").read_text()
    return clean(raw(page, "text/html", source="venturebeat"))


def test_html_page_metadata_comes_from_the_page(wework: CleanArticle) -> None:
    assert wework.extractor == "trafilatura"
    assert wework.title is not None and "WeWork" in wework.title
    assert wework.site_name == "VentureBeat"
    assert wework.published_at is not None
    assert wework.published_at.date().isoformat() == "2019-11-18"
    assert wework.published_at.utcoffset() == timedelta(0)


def test_html_page_text_is_the_article_not_the_page_chrome(wework: CleanArticle) -> None:
    assert "Attorney General" in wework.text
    assert "<" not in wework.text and "function(" not in wework.text
    assert wework.text == normalise_text(wework.text)
    assert wework.word_count > 300


def test_feed_published_at_beats_the_page_date() -> None:
    page = (DATA / "page_venturebeat_wework.html").read_text()
    given_time = datetime(2019, 11, 19, 9, 30, tzinfo=UTC)
    assert clean(raw(page, "text/html", published_at=given_time)).published_at == given_time


# ---- plain text --------------------------------------------------------------


def test_a_one_line_flash_is_news() -> None:
    article = clean(raw("BREAKING: Quake hits Chile"))
    assert article.text == "BREAKING: Quake hits Chile"
    assert article.extractor == "plain_text"
    assert article.word_count == 4


def test_seed_000_plain_text_is_trimmed_and_nfc() -> None:
    body = (DATA / "seed_000.txt").read_text()
    assert body.endswith("\n\n\n")  # the file really does end in a run of blank lines
    decomposed = unicodedata.normalize("NFD", body.rstrip() + " Caf\u00e9 \u0141\u00f3d\u017a.\n\n\n")
    article = clean(raw(decomposed))
    assert not article.text.endswith(("\n", " "))
    assert article.text == article.text.strip()
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text.endswith("Caf\u00e9 \u0141\u00f3d\u017a.")
    assert article.text.startswith("Belarus President Alexander Lukashenko signed a decree")


def test_seed_003_paragraphs_are_joined_by_exactly_one_blank_line() -> None:
    body = (DATA / "seed_003.txt").read_text()
    lines = [line for line in body.splitlines() if line.strip()]
    article = clean(raw(body.replace("\n", "\r\n  \t\r\n\r\n")))
    assert article.text.split("\n\n") == [line.strip() for line in lines]
    assert "\n\n\n" not in article.text
    assert re.search(r"(?<!\n)\n(?!\n)", article.text) is None


def test_inline_whitespace_and_controls_are_normalised() -> None:
    article = clean(raw("  Minsk\u00a0\u00a0freed\t\t123\u200b prisoners\x07.  \r\nSecond   paragraph. "))
    assert article.text == "Minsk freed 123 prisoners.\n\nSecond paragraph."


# ---- identity ------------------------------------------------------------------


def article_id(**fields: object) -> str:
    fields.setdefault("body", "Minsk freed 123 prisoners.")
    return clean(raw(**fields)).article_id  # type: ignore[arg-type]


def test_article_id_is_deterministic() -> None:
    data = raw("Minsk freed 123 prisoners.", url="https://example.com/a")
    later = RECEIVED + timedelta(hours=5)
    assert clean(data).article_id == clean(data, received_at=later).article_id


def test_feed_id_beats_url_and_text() -> None:
    first = article_id(id="wire-1", url="https://example.com/a", body="First version.")
    assert first == article_id(id="wire-1", url="https://example.com/b", body="Corrected version.")
    assert first != article_id(id="wire-2", url="https://example.com/a", body="First version.")


def test_url_beats_text() -> None:
    first = article_id(url="https://example.com/a", body="First version.")
    assert first == article_id(url="https://example.com/a", body="Corrected version.")
    assert first != article_id(url="https://example.com/b", body="First version.")


def test_without_id_or_url_the_clean_text_decides() -> None:
    assert article_id(body="Minsk freed  123\nprisoners.") == article_id(body="Minsk freed 123\r\n\r\n\r\nprisoners.")
    assert article_id(body="Minsk freed 123 prisoners.") != article_id(body="Minsk freed 124 prisoners.")


@pytest.mark.parametrize("identity", [{"id": "wire-1"}, {"url": "https://example.com/a"}, {}])
def test_different_sources_never_share_an_id(identity: dict[str, str]) -> None:
    assert article_id(source="reuters", **identity) != article_id(source="afp", **identity)


# ---- properties ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("e\x01\u0301")  # removing the control char must not leave "e" + combining acute uncomposed
@example("\u200b")
@example("\x00")
def test_any_plain_text_body_is_an_article_or_a_rejection(body: str) -> None:
    data = json.dumps({"source": "agency", "body": body, "content_type": "text/plain"}).encode()
    try:
        outputs = process(data, CleanerOptions(), RECEIVED)
    except RejectedInput:
        return
    assert len(outputs) == 1
    article = outputs[0].value
    assert isinstance(article, CleanArticle)
    assert article.text and article.text == normalise_text(article.text)
    assert unicodedata.is_normalized("NFC", article.text)


@settings(max_examples=500, deadline=None)
@given(st.text())
@example("e\x01\u0301")
@example("e\u200b\u0301\n\n\na")
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
