"""IPTC ninjs 1.x–3.x on the raw topic: every agency example is accepted, text items are cleaned with what
matters downstream, media and event items are passed over with a reason, malformed items go to the DLQ."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.cleaner.logic import process
from services.config import CleanerOptions
from services.contract.errors import RejectedInput
from services.contract.messages import CleanArticle, PubStatus, RawArticle, RejectReason, SkippedItem, SkipReason
from services.contract.outputs import Output

NINJS = Path(__file__).resolve().parents[2] / "data" / "ninjs"
RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
ITEMS = sorted(path for path in NINJS.rglob("*.json"))

# What each example is (the files are IPTC's, tests/data/README.md); 1.x/ninjs1_text.json is ours.
MEDIA = {"ap_audio.json", "ap_image.json", "ap_video.json", "imageEncodedRights.json", "imageLinkedRights.json"}
EVENTS = {"20231004-UEFA-ChampionLeague.json", "20231005-65-addb-event.json", "simpleEvent.json",
          "20231016-addb-example-press-conference.json", "tt_event_pressconference_3.0.json"}


def outputs(data: bytes) -> list[Output]:
    return process(data, CleanerOptions(), RECEIVED)


def cleaned(data: bytes) -> CleanArticle:
    (output,) = outputs(data)
    assert output.topic == "clean"
    assert isinstance(output.value, CleanArticle)
    return output.value


def item(relative: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((NINJS / relative).read_text())
    return loaded


def encoded(payload: object) -> bytes:
    return json.dumps(payload).encode()


def rejection(data: bytes) -> RejectReason:
    with pytest.raises(RejectedInput) as caught:
        process(data, CleanerOptions(), RECEIVED)
    return caught.value.reason


@pytest.mark.parametrize("path", ITEMS, ids=[str(p.relative_to(NINJS)) for p in ITEMS])
def test_every_example_item_is_accepted(path: Path) -> None:
    published = outputs(path.read_bytes())
    assert published, "nothing published: the item would be lost"
    for output in published:
        if path.name in MEDIA:
            assert isinstance(output.value, SkippedItem) and output.value.reason is SkipReason.MEDIA_ONLY
        elif path.name in EVENTS or path.parent.name == "collection":
            assert isinstance(output.value, SkippedItem) and output.value.reason is SkipReason.EVENT_ITEM
        else:
            assert isinstance(output.value, CleanArticle), f"a text item did not come out clean: {output.value}"
            assert output.value.word_count >= 8
            assert output.value.wire_format == "ninjs"
            assert output.value.uri == json.loads(path.read_text())["uri"]
        assert output.key == output.value.article_id  # type: ignore[attr-defined]


def test_the_examples_hold_seventeen_text_items_and_all_come_out_clean() -> None:
    texts = [p for p in ITEMS if p.name not in MEDIA | EVENTS and p.parent.name != "collection"]
    assert len(texts) == 17  # 16 of IPTC's (the SIPA pictures carry a text body) and our ninjs 1.x item
    assert all(outputs(path.read_bytes())[0].topic == "clean" for path in texts)


def test_a_collection_is_read_item_by_item() -> None:
    published = outputs((NINJS / "collection" / "20231016-event-timeline-sample.json").read_bytes())
    assert len(published) == 14
    assert len({output.key for output in published}) == 14


def test_dpa_html_body_with_versions_status_urgency_and_byline() -> None:
    article = cleaned((NINJS / "3.0" / "dpa_text.json").read_bytes())
    assert article.source == "dpa"  # its copyright holder: a bare item names no sender
    assert article.title == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    assert (article.version, article.pub_status, article.urgency, article.language) == (2, PubStatus.USABLE, 4, "de")
    assert article.version_created == datetime(2019, 5, 10, 14, 2, 28, tzinfo=UTC)
    assert article.published_at == article.version_created
    assert article.authors == ["Christian Hollmann", "dpa"]
    assert article.text.startswith("Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren».")
    assert "<" not in article.text and "section" not in article.text
    assert len(article.text.split("\n\n")) >= 8, "each <p> is a paragraph"


def test_ninjs_2_and_3_of_one_item_are_the_same_article() -> None:
    two = cleaned((NINJS / "2.1" / "dpa_text.json").read_bytes())
    three = cleaned((NINJS / "3.0" / "dpa_text.json").read_bytes())
    assert two.model_dump(exclude={"received_at"}) == three.model_dump(exclude={"received_at"})


def test_a_short_html_body_fragment_keeps_its_text() -> None:
    # trafilatura, made for pages, finds no main text in this two-line body; the fragment reader does.
    article = cleaned((NINJS / "3.0" / "businesswire-newsml-20130731006140.json").read_bytes())
    assert article.text.startswith("With more Applebee’s® Lunch Combos than ever")
    assert "\n" not in article.text, "the source's line breaks inside one <p> are spaces"
    assert {"name": "Missouri", "code": None} in [s.model_dump() for s in article.subjects]


def test_a_text_item_without_body_is_its_description() -> None:
    article = cleaned((NINJS / "3.0" / "ntb_text.json").read_bytes())
    assert article.text.startswith("IT-giganten Google har kjøpt en tomt")
    assert (article.source, article.version, article.language) == ("NTB", 6, "nb-NO")
    assert [s.model_dump() for s in article.subjects][1] == {"name": "Teknologi", "code": "13010000"}
    assert [p.name for p in article.places] == ["Telemark"]


def test_nitf_body_with_lead_located_and_coded_subjects() -> None:
    (path,) = (NINJS / "3.0").glob("20231008-anti-doping-measures-*-addb-ninjs-nitf.json")
    article = cleaned(path.read_bytes())
    # The NITF body has the lead; the item's plain body does not: the fuller one is taken.
    assert article.text.startswith("The Australian Sports Anti-Doping Authority (ASADA) today announced")
    assert "DopingWatch" not in article.text, "the NITF head and byline are not body text"
    assert article.located == "Oslo, Norway"
    assert article.subjects[0].model_dump() == {"name": "Sport",
                                                "code": "http://cv.iptc.org/newscodes/mediatopic/15000000"}


def test_ninjs_1_names() -> None:
    article = cleaned((NINJS / "1.x" / "ninjs1_text.json").read_bytes())
    assert article.title == "Storm halts ferry crossings across the northern harbour"
    assert article.authors == ["Ann Example", "Ben Sample"]
    assert (article.version, article.urgency, article.located) == (3, 3, "Northport")
    assert article.first_created == datetime(2025, 12, 13, 6, 40, tzinfo=UTC)
    assert article.subjects[0].model_dump() == {"name": "weather",
                                                "code": "http://cv.iptc.org/newscodes/mediatopic/17000000"}
    assert article.text.startswith("NORTHPORT — Ferry crossings")
    assert len(article.text.split("\n\n")) == 3


def test_every_version_of_an_item_has_its_uris_id() -> None:
    first = item("3.0/dpa_text.json")
    later = {**first, "version": "3", "versionCreated": "2019-05-10T17:00:00+02:00",
             "bodies": [{"contentType": "text/plain", "value": "Ein ganz neuer Text."}]}
    one, two = cleaned(encoded(first)), cleaned(encoded(later))
    assert one.article_id == two.article_id
    assert (one.version, two.version) == (2, 3)


def test_a_wrapped_item_is_the_same_article_sent_by_the_envelopes_source() -> None:
    bare = cleaned((NINJS / "3.0" / "dpa_text.json").read_bytes())
    envelope = RawArticle(source="dpa-feed", body=(NINJS / "3.0" / "dpa_text.json").read_text(),
                          content_type="application/ninjs+json", metadata={"feed": "sport"})
    wrapped = cleaned(envelope.model_dump_json().encode())
    assert wrapped.article_id == bare.article_id
    assert wrapped.source == "dpa-feed"
    assert wrapped.metadata["feed"] == "sport"
    assert wrapped.text == bare.text


def test_a_media_item_is_passed_over_with_its_reason() -> None:
    (output,) = outputs((NINJS / "3.0" / "ap_image.json").read_bytes())
    assert output.topic == "skipped"
    skipped = output.value
    assert isinstance(skipped, SkippedItem)
    assert (skipped.reason, skipped.item_type, skipped.version) == (SkipReason.MEDIA_ONLY, "picture", 0)
    assert skipped.uri == item("3.0/ap_image.json")["uri"]
    assert skipped.received_at == RECEIVED


def test_a_canceled_item_without_text_still_reaches_consumers() -> None:
    kill = {"uri": item("3.0/dpa_text.json")["uri"], "version": "3", "pubStatus": "canceled"}
    article = cleaned(encoded(kill))
    assert (article.pub_status, article.text, article.word_count) == (PubStatus.CANCELED, "", 0)
    assert article.article_id == cleaned((NINJS / "3.0" / "dpa_text.json").read_bytes()).article_id


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param({"headlines": "Not a list"}, RejectReason.INVALID_MESSAGE, id="headlines-not-a-list"),
        pytest.param({"bodies": [{"contentType": "text/plain"}]}, RejectReason.INVALID_MESSAGE, id="body-no-value"),
        pytest.param({"uri": 42}, RejectReason.INVALID_MESSAGE, id="uri-a-number"),
        pytest.param({"urgency": "high"}, RejectReason.INVALID_MESSAGE, id="urgency-a-word"),
        pytest.param({"urgency": 12}, RejectReason.INVALID_MESSAGE, id="urgency-out-of-range"),
        pytest.param({"version": "2b"}, RejectReason.INVALID_MESSAGE, id="version-not-a-number"),
        pytest.param({"versionCreated": "yesterday"}, RejectReason.INVALID_MESSAGE, id="date-not-a-date"),
        pytest.param({"versionCreated": "2019-05-10T16:02:28"}, RejectReason.INVALID_MESSAGE, id="date-no-zone"),
        pytest.param({"pubStatus": "maybe"}, RejectReason.INVALID_MESSAGE, id="unknown-status"),
        pytest.param({"language": "x" * 40}, RejectReason.INVALID_MESSAGE, id="language-too-long"),
        pytest.param({"bodies": [], "headlines": []}, RejectReason.NO_TEXT, id="nothing-to-read"),
        pytest.param({"bodies": [{"contentType": "text/vnd.IPTC.NITF", "value": "<nitf><body>"}]},
                     RejectReason.INVALID_XML, id="nitf-not-well-formed"),
    ],
)
def test_a_malformed_item_goes_to_the_dlq_with_a_reason(change: dict[str, object], reason: RejectReason) -> None:
    assert rejection(encoded({**item("3.0/dpa_text.json"), **change})) is reason


def test_a_wrapped_item_that_is_not_json_is_invalid_json() -> None:
    envelope = RawArticle(source="dpa", body="{not json", content_type="application/ninjs+json")
    assert rejection(envelope.model_dump_json().encode()) is RejectReason.INVALID_JSON


def test_a_wrapped_collection_gives_each_item_its_output() -> None:
    """A ninjs collection file, as ``newsingest process``/``send`` wrap it, no longer dead-letters as one bad item."""
    collection = [item("3.0/dpa_text.json"), item("2.1/ntb_text.json"), item("3.0/simpleEvent.json")]
    envelope = RawArticle(source="wire", body=json.dumps(collection), content_type="application/ninjs+json")
    published = outputs(envelope.model_dump_json().encode())
    assert [output.topic for output in published] == ["clean", "clean", "skipped"]
    assert [output.value.uri for output in published] == [entry["uri"] for entry in collection]  # type: ignore[attr-defined]


def test_an_empty_alternative_body_is_ignored() -> None:
    dpa = item("3.0/dpa_text.json")
    bodies = [*dpa["bodies"], {"contentType": "text/html", "value": ""},  # type: ignore[list-item]
              {"contentType": "text/vnd.IPTC.NITF", "value": " "}]
    assert cleaned(encoded({**dpa, "bodies": bodies})).text == cleaned(encoded(dpa)).text
