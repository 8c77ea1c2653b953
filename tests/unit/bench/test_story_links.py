"""The link-decision bench's pure parts: pair features from profiles, passage against lead, the classifier's
cross-validation (no pair scored by a model that saw its topics) and the nested choice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.story_links import (
    DATE_PREFIX,
    DATED_APART,
    DAYS,
    ENTITY,
    FIGURES,
    LEAD_PREFIX,
    LENGTH,
    LENGTH_KEY,
    PAIR_FEATURES,
    SIMILARITY,
    TERM,
    TOP_ENTITIES,
    Classifier,
    cross_validated,
    main,
    pair_features,
    passage_matrix,
    passages,
    scored_pairs,
    topic_folds,
)
from bench.story_quality import Corpus
from services.config import StoriesOptions
from services.stories.profile import partial_dots

SHIPPED = StoriesOptions()


def test_pair_features_read_the_profiles_kind_by_kind() -> None:
    first = {"e:a": 0.6, "e:b": 0.8, "t:x": 1.0, "n:3:people": 1.0, f"{DATE_PREFIX}2019-11-18": 1.0,
             LENGTH_KEY: 1000.0}
    second = {"e:a": 1.0, "t:x": 0.6, "t:y": 0.8, "n:3:people": 1.0, f"{DATE_PREFIX}2019-11-19": 1.0,
              LENGTH_KEY: 4000.0}
    features = pair_features([first, second], np.array([0.0, 48.0]))
    assert features.shape == (2, 2, len(PAIR_FEATURES))
    pair = features[0, 1]
    assert pair[TERM] == pytest.approx(0.6)
    assert pair[ENTITY] == pytest.approx(0.6)
    assert pair[TOP_ENTITIES] == 1.0
    assert pair[FIGURES] == pytest.approx(np.log(2))
    assert pair[DAYS] == 0.0
    assert pair[DATED_APART] == 1.0  # both mention a day, none the same
    assert pair[LENGTH] == pytest.approx(0.25)
    assert pair[PAIR_FEATURES.index("days apart")] == pytest.approx(2.0)
    # The shipped similarity is what a shard computes from the two profiles' shipped keys.
    shipped = [{key: value for key, value in profile.items() if key[:2] in ("e:", "t:", "n:")}
               for profile in (first, second)]
    assert pair[SIMILARITY] == pytest.approx(partial_dots(*shipped).similarity(SHIPPED))
    assert np.allclose(features[0, 1], features[1, 0])


def test_passage_against_lead_is_the_best_window_either_way() -> None:
    lead_only = {f"{LEAD_PREFIX}pardon": 1.0}
    # Its second passage is about the pardon, its first is not; its own lead is about something else.
    digest = {f"{LEAD_PREFIX}storm": 1.0, "p0:storm": 1.0, "p1:pardon": 0.6, "p1:prisoner": 0.8}
    matrix = passage_matrix([lead_only, digest])
    assert matrix[0, 1] == pytest.approx(0.6)
    assert matrix[1, 0] == pytest.approx(0.6)


def test_passages_join_paragraphs_up_to_the_size() -> None:
    text = "\n".join(["a" * 300, "b" * 350, "", "c" * 100])
    assert passages(text) == ["a" * 300 + "\n" + "b" * 350, "c" * 100]


def _corpus() -> tuple[Corpus, np.ndarray]:
    """Three topics of two events each, two articles per event; one feature that separates events within a topic
    only in topic "t0"."""
    keys, truth, topic = [], {}, {}
    for t in range(3):
        for e in range(2):
            for a in range(2):
                key = f"{t}-{e}-{a}"
                keys.append(key)
                truth[key] = f"{t}-{e}"
                topic[key] = f"t{t}"
    corpus = Corpus("toy", keys, truth, np.zeros(len(keys)), frozenset(keys), topic)
    size = len(keys)
    features = np.zeros((size, size, len(PAIR_FEATURES)))
    for i, first in enumerate(keys):
        for j, second in enumerate(keys):
            if i != j:
                same = truth[first] == truth[second]
                features[i, j, TERM] = 0.9 if same else 0.5 if topic[first] == topic[second] else 0.0
    return corpus, features


def test_scored_pairs_label_same_event_pairs() -> None:
    corpus, features = _corpus()
    pairs = scored_pairs(corpus, features)
    assert len(pairs.same) == 12 * 11 // 2
    assert pairs.same.sum() == 6


def test_topic_folds_deal_every_topic() -> None:
    corpus, _ = _corpus()
    folds = topic_folds(corpus, folds=2)
    assert set(folds) == {"t0", "t1", "t2"}
    assert set(folds.values()) == {0, 1}


def test_cross_validated_scores_do_not_see_the_pairs_topics(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every model that scores a pair was trained on no pair touching either article's fold."""
    import bench.story_links as links

    corpus, features = _corpus()
    folds = topic_folds(corpus)
    fold_of = {key: folds[corpus.topic[key]] for key in corpus.keys}
    trained_on: list[set[int]] = []
    real_fit = links.fit_logistic

    def recording_fit(pairs, mask, classifier, c=1.0):  # type: ignore[no-untyped-def]
        touched = set()
        for i, j in zip(pairs.rows[mask].tolist(), pairs.cols[mask].tolist(), strict=True):
            touched |= {fold_of[corpus.keys[i]], fold_of[corpus.keys[j]]}
        trained_on.append(touched)
        return real_fit(pairs, mask, classifier, c)

    monkeypatch.setattr(links, "fit_logistic", recording_fit)
    scores = cross_validated(corpus, features, Classifier("term", (TERM,)))
    assert trained_on, "no model was fitted"
    # With three topics in three folds, a pair within one fold is scored by a model trained on the other two,
    # a pair across two folds by one trained on the third alone.
    assert all(len(touched) <= 2 for touched in trained_on)
    assert np.allclose(scores, scores.T)
    same = features[..., TERM] == 0.9
    assert scores[same].min() > scores[~same & (features[..., TERM] > 0)].max()


def test_main_skips_cleanly_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "report.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "report.md").exists()
