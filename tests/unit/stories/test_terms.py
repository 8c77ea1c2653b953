"""Content words by the article's language."""

from __future__ import annotations

from services.stories.terms import term_counts

# Two unrelated German sentences.
FOOTBALL = "Der FC Schalke 04 hat sich von seinem Trainer getrennt und will die Entscheidung am Montag erklären."
WEATHER = "Der Deutsche Wetterdienst warnt vor Sturm und Regen, die Bahn hat den Verkehr eingestellt."


def test_german_articles_share_no_stop_words() -> None:
    assert term_counts(FOOTBALL, "de").keys() & term_counts(WEATHER, "de").keys() == set()
    # The English list would keep them: "der", "und", "die", "hat" are words in no English stop list.
    assert {"der", "und", "die", "hat"} <= term_counts(FOOTBALL, "en").keys() | term_counts(WEATHER, "en").keys()


def test_english_folds_plurals_and_other_languages_keep_words_as_written() -> None:
    assert term_counts("Prisoners were freed.", "en") == {"prisoner": 2.0, "freed": 2.0}
    assert set(term_counts("Fangene ble løslatt.", "nb")) == {"fangene", "løslatt"}


def test_an_unknown_language_falls_back_to_english_stop_words() -> None:
    assert "the" not in term_counts("the talks in Minsk", "qq")
