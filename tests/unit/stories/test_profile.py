"""The stories profile: background-idf term weights, unit vectors per kind, the similarity the shards add up."""

from __future__ import annotations

import math

import pytest

from services.config import StoriesOptions
from services.stories.background_idf import idf_table
from services.stories.profile import TERM_PREFIX, Dots, partial_dots, term_weights
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
