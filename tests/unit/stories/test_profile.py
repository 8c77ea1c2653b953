"""The stories profile: background-idf term weights, unit vectors per kind, the similarity the shards add up."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from services.config import StoriesOptions
from services.contract.messages import MULTIPLE_UNIT, CleanArticle, EnrichedArticle, NumberFact
from services.stories.background_idf import idf_table
from services.stories.profile import NUMBER_PREFIX, TERM_PREFIX, Dots, figure_keys, partial_dots, term_weights
from services.stories.terms import LEAD_CHARS


def test_background_idf_weighs_rare_words_above_common_ones() -> None:
    idf, unknown = idf_table()
    assert idf["said"] < idf["attack"] < idf["pardon"] < unknown
    assert idf["the"] < 0.2
    # Loaded once: the same table object every call.
    assert idf_table()[0] is idf


def test_term_weights_are_sublinear_tf_times_idf() -> None:
    idf, _ = idf_table()
    # "prisoner" three times (plural folded), once in the lead (counted double): count 4.
    weights = term_weights("Prisoners freed. " + "x " * LEAD_CHARS + "prisoners prisoner", "en")
    assert weights["prisoner"] == pytest.approx((1 + math.log(4)) * idf["prisoner"])


def test_other_languages_keep_flat_idf() -> None:
    weights = term_weights("Fangene ble løslatt.", "nb")
    assert set(weights.values()) == {1.0 + math.log(2.0)}


def test_dots_add_up_per_kind_and_weigh_by_the_options() -> None:
    left = {"e:minsk": 0.6, "e:kyiv": 0.8, TERM_PREFIX + "pardon": 1.0, "n:31:ukrainian": 1.0}
    right = {"e:minsk": 1.0, TERM_PREFIX + "pardon": 1.0}
    dots = partial_dots(left, right)
    assert dots == Dots(0.6, 1.0, 0.0)
    options = StoriesOptions(entity_weight=0.1, number_weight=0.1, min_similarity=0.42)
    assert dots.similarity(options) == pytest.approx(0.1 * 0.6 + 0.8 * 1.0)


def test_figure_keys_are_the_amounts_without_multiples() -> None:
    text = "Police said 123 prisoners were freed, twice the number of 2024."
    at = datetime(2025, 12, 13, tzinfo=UTC)
    article = CleanArticle(article_id="a", source="wire", text=text, published_at=at, word_count=11,
                           extractor="plain_text", received_at=at)
    numbers = [NumberFact(value=123, text="123", kind="count", counted="prisoner", sentence=0, start=12, end=15),
               NumberFact(value=2, text="twice", kind="count", unit=MULTIPLE_UNIT, sentence=0, start=38, end=43)]
    enriched = EnrichedArticle(article=article, sentences=[(0, len(text))], entities=[], numbers=numbers,
                               nlp_model="t")
    # a multiple says nothing of which happening the text reports: any two texts may say "twice"
    assert figure_keys(enriched) == {f"{NUMBER_PREFIX}123:prisoner": 1.0}
