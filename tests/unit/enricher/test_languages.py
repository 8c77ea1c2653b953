"""Routing by language: English articles get the English pipeline; others get what works for them, and the
enriched article says what was skipped and why."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.config import EnricherOptions
from services.contract.messages import CleanArticle, EnrichedArticle
from services.enricher.language_choice import choose_language, mostly_latin
from services.enricher.languages import route
from services.enricher.logic import Enricher

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
    assert german.numbers == []
    assert [(f.text, f.kind) for f in german.dates_and_ordinals] == [("18.", "ordinal")]
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


def test_text_no_identifier_can_place_gets_english_entities_and_says_it_was_a_fallback(enricher):
    (flash,) = enricher.enrich([article("flash", "Minsk: 123 freed.", None)])
    assert [f.value for f in flash.numbers] == [123]
    assert (flash.analysis_language, flash.language_source, flash.skipped) == ("en", "fallback", [])
    assert flash.language_confidence is None or flash.language_confidence < 0.5


# A made-up results story in the shape of agency sports copy: a capitals headline, a dateline, one line of prose,
# results and a standings table. Read whole, the identifier calls it nothing with confidence.
RESULTS = ("SOCCER - ZORBLAX LEAGUE RESULTS / STANDINGS .\n\nTAVO 1996-08-31\n\n"
           "Results of Zorblax league soccer matches played on Saturday :\n\n"
           "Hajduk 2 Proleter ( Z ) 0\n\nZemun 1 Rad ( B ) 0\n\nBorac 1 Mladost ( L ) 2\n\n"
           "Cukaricki 1 Vojvodina 0\n\nStandings :\n\nW D L GF GA PTS\n\n"
           "Hajduk 4 4 0 0 9 3 12\n\nZemun 4 3 1 0 13 3 10\n\nBorac 4 2 1 1 8 5 7")


def test_a_results_table_without_a_language_is_identified_on_its_prose(enricher):
    (results,) = enricher.enrich([article("results", RESULTS, None)])
    assert (results.analysis_language, results.language_source) == ("en", "detected")
    assert results.language_confidence >= 0.5
    names = {mention.text for entity in results.entities for mention in entity.mentions}
    assert "Zemun" in names
    assert not any(name.startswith(("W D L", "GF", "PTS")) for name in names)


def test_a_stated_language_is_the_feeds(german_and_english):
    assert [(e.language_source, e.language_confidence) for e in german_and_english] == [("feed", None)] * 3


def test_an_identified_language_says_how_sure_it_is(enricher):
    german, english = enricher.enrich([article("de", DPA, None), article("en", SEED, None)])
    assert (german.language_source, english.language_source) == ("detected", "detected")
    assert german.language_confidence > 0.9 and english.language_confidence > 0.9


def test_an_unsure_article_takes_its_sources_language():
    options = EnricherOptions(source_languages={"wire": "de", "other": "en"})
    short = article("flash", "Tavo: 123 frei.", None)
    choice = choose_language(short, options.source_languages)
    assert (choice.tag, choice.source) == ("de", "source_default")
    assert choose_language(short.model_copy(update={"source": "elsewhere"}), {}).tag == "en"
    # A confident identification beats the source's default; a stated language beats both.
    assert choose_language(article("de", DPA, None), {"wire": "en"}).tag == "de"
    assert choose_language(article("de", DPA, "sv"), {"wire": "en"}).tag == "sv"


def test_a_language_the_cleaner_identified_is_identified_again_for_its_confidence():
    choice = choose_language(article("de", DPA, None).model_copy(update={"language": "de", "language_detected": True}), {})
    assert (choice.tag, choice.source) == ("de", "detected") and choice.confidence > 0.9


def test_unsure_text_in_another_script_keeps_the_identifiers_guess():
    chinese = "(美國商業資訊)--為透明及軟性導體市場提供銀奈米線解決方案的領導廠商"
    assert not mostly_latin(chinese) and mostly_latin(DPA) and mostly_latin("123")
    choice = choose_language(article("zh", chinese, None), {})
    assert choice.tag == "zh" and choice.source in ("detected", "fallback")


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
    ("pcm", "en", True),  # Nigerian Pidgin: English-lexified, and what short English sentences are taken for
])
def test_routes_by_primary_subtag(tag, language, reads_numbers):
    way = route(tag)
    assert way.language == language
    assert (way.english_pipeline or way.read_numbers is not None) is reads_numbers
    assert way.entities is (language == "en")


def test_a_short_english_sentence_taken_for_pidgin_still_gets_entities_and_numbers(enricher):
    text = "He will visit Ghana and Nigeria and make stops in Kenya, Uganda and Togo in 2005, his office said."
    (enriched,) = enricher.enrich([article("m", text, None)])
    assert (enriched.language_source, enriched.analysis_language) == ("detected", "en")
    assert {e.canonical_name for e in enriched.entities} >= {"Ghana", "Nigeria", "Kenya"}
    assert [(f.text, f.value) for f in enriched.dates_and_ordinals] == [("2005", 2005)]
