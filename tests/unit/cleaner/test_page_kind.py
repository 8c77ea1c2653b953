"""Pages that are not articles go to the DLQ with their own reason; real articles never do."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import RejectReason
from tests.unit.cleaner.test_clean import RECEIVED, clean, raw

DATA = Path(__file__).resolve().parents[2] / "data"

CONSENT_PAGE = """<html><head><title>Before you continue</title></head><body><main>
<h1>We value your privacy</h1>
<p>We and our partners store and access information on your device, such as cookies, and process personal data,
such as unique identifiers, for personalised advertising and content, measurement and audience insights.</p>
<p>Some partners process your data on the basis of legitimate interest, which you can object to in the privacy
settings. You can change your choices at any time by visiting our privacy policy page.</p>
<p><button>Accept all</button> <button>Reject all</button> <a href="/consent">Manage preferences</a></p>
</main></body></html>"""

PAYWALL_PAGE = """<html><head><title>Markets rally as rates fall</title></head><body><article>
<h1>Markets rally as rates fall</h1>
<p>Stocks rose sharply on Tuesday after the central bank cut its main interest rate by half a point, the first
cut in four years, sending bond yields to their lowest level since the spring.</p>
<p>Subscribe to continue reading. Already a subscriber? Log in to continue.</p>
</article></body></html>"""

LISTING_PAGE = "<html><head><title>World news</title></head><body><main><h1>World</h1><ul>" + "".join(
    f'<li><a href="/world/{i}">Headline {i}: talks resume in the capital as envoys arrive for a second day</a></li>'
    for i in range(30)
) + "</ul></main></body></html>"


@pytest.mark.parametrize(
    ("page", "detail"),
    [(CONSENT_PAGE, "consent page"), (PAYWALL_PAGE, "paywall stub"), (LISTING_PAGE, "listing page")],
)
def test_non_articles_are_rejected_with_their_kind(page: str, detail: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        process(raw(page, "text/html"), CleanerOptions(), RECEIVED)
    assert caught.value.reason is RejectReason.NOT_AN_ARTICLE
    assert caught.value.detail.startswith(detail)


def test_a_long_article_about_cookies_is_an_article() -> None:
    body = " ".join(
        f"<p>Regulators said on Monday that {i} websites ignored consent rules for cookies, and that personal data "
        "was shared with partners; the privacy policy of each site will be reviewed, officials added.</p>"
        for i in range(12)
    )
    article = clean(raw(f"<html><body><article><h1>Cookie rules</h1>{body}</article></body></html>", "text/html"))
    assert article.word_count > 300


def test_a_calendar_of_bare_lines_is_an_article() -> None:
    rows = "".join(f"<p>Round {i}: {i + 3} March, Interlagos</p>" for i in range(1, 15))
    page = f"<html><body><article><h1>Stock Car calendar 2018</h1>{rows}</article></body></html>"
    assert clean(raw(page, "text/html")).extractor == "trafilatura"


def test_the_demo_page_is_an_article() -> None:
    article = clean(raw((DATA / "page_venturebeat_wework.html").read_text(), "text/html"))
    assert article.extraction_mode == "precision"
