"""The story benchmark's pure parts: pairwise and B-cubed scores of two labelings, merge and split costs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.story_quality import (
    LabelledText,
    PairKind,
    Scores,
    bcubed_scores,
    bridging_entities,
    cross_event_pairs,
    main,
    pair_kind,
    pairwise_scores,
    ranking_auc,
    separated_pairs,
    with_unscored,
    worst_merges,
    worst_splits,
)

# Truth: {a, b, c} and {d, e}. Prediction: {a, b} and {c, d, e}: one article of the first event strays.
TRUTH = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
STRAY = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Y"}


def approx(scores: Scores, precision: float, recall: float, f1: float) -> None:
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx((precision, recall, f1))


# ---- pairwise ------------------------------------------------------------------


def test_pairwise_counts_pairs_together_in_both_labelings() -> None:
    # True pairs ab ac bc de; predicted pairs ab cd ce de; both: ab de.
    approx(pairwise_scores(TRUTH, STRAY), 2 / 4, 2 / 4, 0.5)


def test_pairwise_perfect_assignment_scores_one() -> None:
    approx(pairwise_scores(TRUTH, TRUTH), 1.0, 1.0, 1.0)


def test_pairwise_precision_of_one_big_cluster_is_the_share_of_true_pairs() -> None:
    # 10 predicted pairs, 4 of them true.
    approx(pairwise_scores(TRUTH, dict.fromkeys(TRUTH, "all")), 4 / 10, 1.0, 2 * 0.4 / 1.4)


def test_pairwise_precision_is_undefined_without_predicted_pairs() -> None:
    scores = pairwise_scores(TRUTH, {item: item for item in TRUTH})
    assert math.isnan(scores.precision)
    assert scores.recall == 0.0
    assert math.isnan(scores.f1)


def test_pairwise_ignores_pairs_of_two_unscored_items() -> None:
    truth = {**TRUTH, "x": "3", "y": "4"}
    # x and y together is unknown (not scored); x with c, d, e is wrong company for the scored ones.
    predicted = {**STRAY, "x": "Y", "y": "Y"}
    scores = pairwise_scores(truth, predicted, scored={"a", "b", "c", "d", "e"})
    # Predicted pairs with a scored item: ab, cd ce de, and c/d/e with x and y (6); xy is ignored. True: ab de.
    approx(scores, 2 / 10, 2 / 4, 2 * 0.2 * 0.5 / 0.7)


def test_labelings_of_different_items_are_refused() -> None:
    with pytest.raises(ValueError):
        pairwise_scores(TRUTH, {"a": "X"})
    with pytest.raises(ValueError):
        bcubed_scores(TRUTH, {"a": "X"})


# ---- B-cubed -------------------------------------------------------------------


def test_bcubed_by_hand() -> None:
    # Precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3; recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2.
    approx(bcubed_scores(TRUTH, STRAY), 11 / 15, 11 / 15, 11 / 15)


def test_bcubed_all_singletons_has_full_precision_and_recall_events_over_items() -> None:
    approx(bcubed_scores(TRUTH, {item: item for item in TRUTH}), 1.0, 2 / 5, 2 * 0.4 / 1.4)


def test_bcubed_one_cluster_has_full_recall_and_precision_sum_of_squared_event_shares() -> None:
    # (3² + 2²) / 5² = 13/25.
    approx(bcubed_scores(TRUTH, dict.fromkeys(TRUTH, "all")), 13 / 25, 1.0, 2 * 0.52 / 1.52)


def test_bcubed_perfect_assignment_scores_one() -> None:
    approx(bcubed_scores(TRUTH, {item: f"story-{event}" for item, event in TRUTH.items()}), 1.0, 1.0, 1.0)


def test_bcubed_splitting_an_event_costs_recall_only_and_merging_events_precision_only() -> None:
    truth = {"a": "1", "b": "1", "c": "2", "d": "2"}
    approx(bcubed_scores(truth, {"a": "X", "b": "Y", "c": "Z", "d": "Z"}), 1.0, 3 / 4, 6 / 7)
    approx(bcubed_scores(truth, {"a": "X", "b": "X", "c": "X", "d": "X"}), 1 / 2, 1.0, 2 / 3)


def test_bcubed_averages_over_scored_items_and_counts_unscored_company_as_wrong() -> None:
    truth = {"a": "1", "b": "1", "x": "3", "y": "4"}
    predicted = {"a": "X", "b": "X", "x": "X", "y": "Y"}
    # a and b: precision 2/3 (x is wrong company), recall 1; x and y are not averaged.
    approx(bcubed_scores(truth, predicted, scored={"a", "b"}), 2 / 3, 1.0, 0.8)


def test_bcubed_of_nothing_is_undefined() -> None:
    assert math.isnan(bcubed_scores({}, {}).f1)


def test_f1_is_zero_when_both_precision_and_recall_are() -> None:
    assert Scores(0.0, 0.0).f1 == 0.0


# ---- merges, splits, bridges ---------------------------------------------------


def test_merge_and_split_costs_count_pairs() -> None:
    assert cross_event_pairs(["c", "d", "e"], TRUTH) == 2
    assert separated_pairs(["a", "b", "c"], STRAY) == 2
    assert worst_merges(TRUTH, STRAY) == [["c", "d", "e"]]
    assert worst_splits(TRUTH, STRAY) == [["a", "b", "c"]]


def test_no_merges_or_splits_in_a_perfect_assignment() -> None:
    assert worst_merges(TRUTH, TRUTH) == []
    assert worst_splits(TRUTH, TRUTH) == []


def test_bridging_entities_are_those_shared_across_events() -> None:
    profiles = {"c": {"paris": 1.0, "bataclan": 0.5}, "d": {"paris": 0.9, "eu": 0.8}, "e": {"eu": 1.0}}
    # "eu" is in d and e, both event 2: not a bridge.
    assert bridging_entities(["c", "d", "e"], TRUTH, profiles) == ["paris"]


def test_with_unscored_counts_scored_items_sharing_a_cluster_with_an_unscored_one() -> None:
    assert with_unscored({"a": "X", "b": "X", "c": "Y", "x": "X"}, scored={"a", "b", "c"}) == 2


def test_pair_kinds() -> None:
    def item(event: str, topic: str) -> LabelledText:
        return LabelledText(f"{event}/{topic}", event, None, "", topic)

    assert pair_kind(item("e1", "t"), item("e1", "t")) is PairKind.SAME_EVENT
    assert pair_kind(item("e1", "t"), item("e2", "t")) is PairKind.SAME_TOPIC
    assert pair_kind(item("e1", "t"), item("e2", "u")) is PairKind.OTHER_TOPIC


def test_ranking_auc() -> None:
    assert ranking_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert ranking_auc([0.1], [0.9]) == 0.0
    assert ranking_auc([0.5], [0.5]) == 0.5
    assert ranking_auc([0.5, 0.9], [0.5, 0.1]) == pytest.approx((0.75 + 1.0) / 2)
    assert math.isnan(ranking_auc([], [0.1]))


# ---- the command ---------------------------------------------------------------


def test_main_skips_cleanly_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.md"
    assert main(["--eval-dir", str(tmp_path / "absent"), "--report", str(report)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not report.exists()


# ---- the link model ------------------------------------------------------------


def test_link_components_are_single_link_within_the_window() -> None:
    import numpy as np

    from bench.story_quality import link_components

    keys = ["a", "b", "c", "d"]
    sims = np.array([[1, 0.5, 0.1, 0.1], [0.5, 1, 0.5, 0.1], [0.1, 0.5, 1, 0.9], [0.1, 0.1, 0.9, 1]])
    # a-b and b-c link, so a and c are one story though their own similarity is low; named by the earliest.
    hours = np.array([0.0, 10.0, 20.0, 500.0])
    assert link_components(keys, sims, hours, 0.4, 72) == {"a": "a", "b": "a", "c": "a", "d": "d"}
    # d is 480 h after c: outside a 72 h window, inside an unbounded one.
    assert link_components(keys, sims, hours, 0.4, math.inf) == dict.fromkeys(keys, "a")
    # The earliest article names the story, whatever the keys' order.
    assert link_components(keys, sims, np.array([5.0, 1.0, 3.0, 4.0]), 0.4, 72) == dict.fromkeys(keys, "b")


def test_similarity_matrix_matches_partial_dots() -> None:
    from bench.story_quality import similarity_matrix
    from services.config import StoriesOptions
    from services.stories.profile import partial_dots

    profiles = [{"e:x": 0.6, "e:y": 0.8, "t:a": 1.0}, {"e:x": 1.0, "t:a": 0.6, "t:b": 0.8, "n:3:": 1.0}]
    options = StoriesOptions(entity_weight=0.2, number_weight=0.1)
    sims = similarity_matrix(profiles, (0.2, 0.7, 0.1))
    assert sims[0, 1] == pytest.approx(partial_dots(profiles[0], profiles[1]).similarity(options))
