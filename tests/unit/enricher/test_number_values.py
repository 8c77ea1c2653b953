"""No text makes the enricher publish a number fact its own JSON Schema rejects: every value is a finite number.

Number strings of every shape (huge, tiny, many digits, exponents, thousands and decimal separators of many locales,
words) go through ``Enricher.enrich`` in English, German, Norwegian, Swedish and Chinese articles; each fact of the
published ``EnrichedArticle`` must validate against ``schemas/EnrichedArticle.json`` and carry no null value.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal, localcontext
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from babel import Locale
from babel.numbers import format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.config import EnricherOptions
from services.contract.messages import CleanArticle, EnrichedArticle
from services.enricher.fact_values import published_value
from services.enricher.logic import Enricher

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
# Locales whose separators differ: "1,234.5", "1.234,5", "1 234,5" (no-break and narrow spaces), "1'234.5",
# "12,34,567.5" (Indian grouping), Arabic and Persian separators.
LOCALES = ("en_US", "de_DE", "fr_FR", "nb_NO", "sv_SE", "de_CH", "en_IN", "ar_EG", "fa_IR", "pt_BR", "ru_RU")
CONTEXTS = (
    ("en", "The company said {} people were affected."), ("en", "It cost ${} last year."),
    ("en", "Sales rose {} per cent to {} units."), ("en", "between {} and {} miles"), ("en", "{}"),
    ("de", "Es kostet {} Euro."), ("nb", "Det kostet {} kroner."), ("sv", "Det kostade {} kronor."),
    ("zh", "花了{}美元"),
)


@cache
def enricher() -> Enricher:
    return Enricher(EnricherOptions())


@cache
def fact_schema() -> dict:
    """The published schema of one number fact, with the rest of EnrichedArticle's definitions around it."""
    schema = json.loads((SCHEMAS / "EnrichedArticle.json").read_text())
    return {"$defs": schema["$defs"], "$ref": "#/$defs/NumberFact"}


def digits(draw: st.DrawFn) -> str:
    return draw(st.text("0123456789", min_size=1, max_size=400))


@st.composite
def number_strings(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["digits", "exponent", "locale", "decimal", "words", "scaled"]))
    if shape == "digits":
        return digits(draw)
    if shape == "exponent":
        return f"{digits(draw)[:20]}{draw(st.sampled_from(['e', 'E', 'e+', 'e-', '×10^']))}{draw(st.integers(0, 999))}"
    if shape == "locale":
        value = Decimal(f"{digits(draw)[:330]}.{draw(st.text('0123456789', max_size=30))}".rstrip("."))
        with localcontext() as context:
            context.prec = 1000  # Babel rounds in the current context: 28 digits would not hold these
            return format_decimal(value, locale=Locale.parse(draw(st.sampled_from(LOCALES))),
                                  decimal_quantization=False)
    if shape == "decimal":
        return f"{draw(st.sampled_from(['0.', '.', '-0.', '']))}{'0' * draw(st.integers(0, 400))}{digits(draw)[:40]}"
    if shape == "scaled":
        scale = draw(st.sampled_from(["trillion", "bn", "million million", "crore", "lakh crore", "k", "Millionen"]))
        return f"{digits(draw)[:320]} {scale}"
    words = draw(st.lists(st.sampled_from(["nine", "hundred", "thousand", "million", "billion", "trillion", "and",
                                            "half", "a", "thirds", "dozen", "point", "five"]), min_size=1, max_size=40))
    return " ".join(words)


def enrich(language: str, text: str) -> EnrichedArticle:
    article = CleanArticle(article_id="a1", source="test", text=text, language=language, word_count=len(text.split()),
                           extractor="plain_text", published_at=PUBLISHED, received_at=PUBLISHED)
    return enricher().enrich([article])[0]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(context=st.sampled_from(CONTEXTS), numbers=st.lists(number_strings(), min_size=2, max_size=2))
def test_every_fact_from_any_number_string_validates(context: tuple[str, str], numbers: list[str]) -> None:
    language, template = context
    enriched = enrich(language, template.format(*numbers[: template.count("{}")]))
    published = json.loads(enriched.model_dump_json())
    for fact in [*published["numbers"], *published["dates_and_ordinals"]]:
        jsonschema.validate(fact, fact_schema())
        assert fact["value"] is not None
        assert fact["low"] is None or fact["high"] is not None


@pytest.mark.parametrize("language", ["en", "de", "zh"])
def test_a_number_beyond_a_float_gives_no_fact_but_the_rest_stay(language: str) -> None:
    huge = "9" * 400
    text = {"en": f"{huge} people and 12 dogs.", "de": f"{huge} Menschen und 12 Hunde.",
            "zh": f"{huge}美元和12美元"}[language]
    facts = enrich(language, text).numbers
    assert [f.value for f in facts] == [12]


def test_more_digits_than_a_float_keeps_are_published_exactly() -> None:
    fact, = enrich("en", "The debt reached 123456789012345678901 dollars.").numbers
    assert fact.value == 1.2345678901234568e20
    assert fact.exact == "123456789012345678901"


def test_a_value_a_float_holds_has_no_exact_string() -> None:
    assert [(f.value, f.exact) for f in enrich("en", "Prices rose 0.3 per cent.").numbers] == [(0.3, None)]
    assert published_value(Decimal(2) / Decimal(3)) == (2 / 3, None)  # a quotient's digits are not written ones
    assert published_value(Decimal("1e-400")) == (0.0, "1E-400")
    assert published_value(Decimal("1e400")) is None


def test_dates_years_and_ordinals_are_kept_apart_from_the_amounts() -> None:
    """``numbers`` (what news.numbers publishes) holds amounts; when and in which rank go to ``dates_and_ordinals``."""
    enriched = enrich("en", "On Monday, 30 people marched for the third time since 2019, paying $5 each.")
    assert [(f.text, f.kind) for f in enriched.numbers] == [("30", "count"), ("$5", "money")]
    assert [(f.text, f.kind) for f in enriched.dates_and_ordinals] == [
        ("Monday", "date"), ("third", "ordinal"), ("2019", "year")]
    german = enrich("de", "Am 13. Dezember 2025 kamen 30 Menschen zum 18. Mal.")
    assert [f.kind for f in german.numbers] == ["count"]
    assert {f.kind for f in german.dates_and_ordinals} == {"date", "ordinal"}
