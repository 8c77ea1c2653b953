"""Hostile HTML: every page gives a clean article or a DLQ reason, and attacks stay inert."""

from __future__ import annotations

import pytest

from services.cleaner.defuse import defuse_html
from services.contract.messages import RejectReason
from tests.unit.cleaner.test_clean import clean, raw, rejection

STORY = "<p>" + "The council voted on Tuesday to approve the new budget for schools and roads. " * 5 + "</p>"


def test_entity_expansion_bomb_is_not_expanded() -> None:
    levels = '<!ENTITY a "' + "x" * 1000 + '">' + "".join(
        f'<!ENTITY {name} "{("&" + below + ";") * 10}">' for below, name in (("a", "b"), ("b", "c"), ("c", "d"))
    )
    page = f"<!DOCTYPE html [{levels}]><html><body><article>{STORY}<p>&d;&d;&d;</p></article></body></html>"
    article = clean(raw(page, "text/html"))
    assert "xxxxxxxxxx" not in article.text
    assert len(article.text) < 2000
    assert article.text.startswith("The council voted")


@pytest.mark.parametrize(
    "tag",
    [
        '<p title="' + "A" * 900_000 + '">',
        "<p " + " ".join(f'a{i}="{i}"' for i in range(30_000)) + ">",
    ],
    ids=["huge-attribute-value", "thirty-thousand-attributes"],
)
def test_oversized_tags_lose_their_attributes_not_their_text(tag: str) -> None:
    article = clean(raw(f"<html><body><article>{tag}Lead paragraph.</p>{STORY}</article></body></html>", "text/html"))
    assert "The council voted on Tuesday" in article.text
    assert "AAAA" not in article.text


def test_defuse_keeps_ordinary_tags_untouched() -> None:
    page = '<html lang="en"><body><a href="/x" class="link">x</a><p data-json=\'{"a": 1}\'>y</p></body></html>'
    assert defuse_html(page) == page
    assert defuse_html("<div " + "x" * 10_000 + ">text</div>") == "<div>text</div>"


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 80_000 + STORY + "</div>" * 80_000,
        "<div><span>" * 50_000 + STORY,
    ],
    ids=["deeply-nested", "deeply-nested-unclosed"],
)
def test_nesting_past_the_parser_limit_is_rejected(page: str) -> None:
    assert rejection(raw(page, "text/html")) is RejectReason.NO_TEXT


def test_scripts_and_styles_only_is_no_text() -> None:
    page = "<html><head><script>" + "var a = 1;" * 10_000 + "</script><style>p {}</style></head>"
    assert rejection(raw(page + "<body><script>run()</script></body></html>", "text/html")) is RejectReason.NO_TEXT


def test_malformed_html_still_gives_the_story() -> None:
    page = f"<html><body><p>{STORY}<table><tr><td><p><b><i></table></div></span>{STORY}"
    assert clean(raw(page, "text/html")).text.count("The council voted") >= 2
