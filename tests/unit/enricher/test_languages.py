"""Routing by language: English articles get the English pipeline; others get what works for them, and the
enriched article says what was skipped and why."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.config import EnricherOptions
from services.enricher.languages import route
from services.enricher.logic import Enricher
from services.messages import CleanArticle, EnrichedArticle

SEED = (Path(__file__).resolve().parents[2] / "data" / "seed_003.txt").read_text()
PUBLISHED = datetime(2019, 5, 10, 14, 2, tzinfo=UTC)
# 3.0/dpa_text.json of the IPTC ninjs examples (MIT licence), its first two paragraphs.
DPA = ("Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren». Der Trainer von Borussia Dortmund regte "
       "sich nach dem 2:4 im Revierderby gegen den FC Schalke 04 mächtig über den Handelfmeter zum "
       "zwischenzeitlichen 1:1 für die Gäste auf.\n\nAuf Hinweis seines Video-Assistenten Guido Winkmann hatte "
       "Schiedsrichter Felix Zwayer nach Ansicht der Fernsehbilder auf strafbares Handspiel durch Julian Weigl im "
       "BVB-Strafraum entschieden. Daniel Caligiuri nutzte den Elfmeter in der 18. Minute zum Ausgleich, danach "
       "kippte die Partie.")


def article(article_id: str, text: str, language: str | None) -> CleanArticle:
    return CleanArticle(article_id=article_id, source="wire", text=text, word_count=len(text.split()),
                        extractor="plain_text", received_at=PUBLISHED, published_at=PUBLISHED, language=language)


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher(EnricherOptions())


@pytest.fixture(scope="module")
def german_and_english(enricher) -> list[EnrichedArticle]:
    return enricher.enrich([article("de", DPA, "de"), article("en", SEED, "en"), article("de-as-en", DPA, "en")])


def test_a_german_article_gets_no_english_entities_and_says_why(german_and_english):
    german = german_and_english[0]
    assert german.entities == []
    assert [(s.step, s.reason) for s in german.skipped] == [
        ("entities", "no_model_for_language"), ("number_context", "no_parser_for_language")]
    assert (german.analysis_language, german.nlp_model) == ("de", "de_rules")
    assert [(f.text, f.kind) for f in german.numbers] == [("18.", "ordinal")]
    assert [DPA[start:end] for start, end in german.sentences][:2] == [
        "Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren».",
        "Der Trainer von Borussia Dortmund regte sich nach dem 2:4 im Revierderby gegen den FC Schalke 04 mächtig "
        "über den Handelfmeter zum zwischenzeitlichen 1:1 für die Gäste auf.",
    ]


def test_the_english_model_would_have_tagged_the_german_text(german_and_english):
    # Why the route matters: labelled English, the same German text gets the English model's entities.
    assert german_and_english[2].entities
    assert german_and_english[2].analysis_language == "en"


def test_an_english_article_in_the_same_batch_is_parsed_as_before(german_and_english):
    english = german_and_english[1]
    assert [e.article.article_id for e in german_and_english] == ["de", "en", "de-as-en"]
    assert english.entities and english.skipped == []
    assert any(f.counted is not None for f in english.numbers)
    assert english.analysis_language == "en" and english.nlp_model.startswith("en_core_web_sm")


def test_an_article_without_a_language_is_identified_again(enricher):
    german, english = enricher.enrich([article("de", DPA, None), article("en", SEED, None)])
    assert (german.analysis_language, german.entities) == ("de", [])
    assert english.analysis_language == "en" and english.entities


def test_text_no_identifier_can_place_gets_numbers_but_no_entities(enricher):
    (flash,) = enricher.enrich([article("flash", "Minsk: 123 freed.", None)])
    assert flash.entities == [] and [f.value for f in flash.numbers] == [123]
    assert flash.analysis_language is None
    assert [(s.step, s.reason) for s in flash.skipped] == [("entities", "language_unknown")]


def test_a_language_without_rules_gets_sentences_only(enricher):
    text = "Le chiffre d'affaires a augmenté de 2,4 millions d'euros. Voilà."
    (french,) = enricher.enrich([article("fr", text, "fr")])
    assert (french.entities, french.numbers, french.nlp_model, french.analysis_language) == ([], [], "none", None)
    assert [(s.step, s.reason) for s in french.skipped] == [
        ("entities", "no_model_for_language"), ("numbers", "no_model_for_language")]
    assert len(french.sentences) == 2


@pytest.mark.parametrize(("tag", "language", "reads_numbers"), [
    ("en", "en", True), ("en-GB", "en", True), ("de", "de", True), ("de-AT", "de", True), ("de-CH", None, False),
    ("nb-NO", "nb", True), ("no", "nb", True), ("nn", "nb", True), ("sv", "sv", True), ("sv-FI", "sv", True),
    ("zh", "zh", True), ("zh-Hant-TW", "zh", True), ("da", None, False), ("fr", None, False),
])
def test_routes_by_primary_subtag(tag, language, reads_numbers):
    way = route(tag, "")
    assert way.language == language
    assert (way.english_pipeline or way.read_numbers is not None) is reads_numbers
    assert way.entities is (language == "en")
