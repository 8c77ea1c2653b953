"""The clustering-rule bench's pure parts: single link chains where average and complete link do not, the window
keeps far-apart articles out of one cluster under every rule, and the bench skips without its data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.story_clustering import hierarchical, main, single_link
from bench.story_quality import Corpus

KEYS = ["a", "b", "c"]
# a–b and b–c are similar, a–c is not: a chain.
CHAIN = np.array([[1.0, 0.5, 0.1],
                  [0.5, 1.0, 0.5],
                  [0.1, 0.5, 1.0]])


def corpus(hours: list[float]) -> Corpus:
    return Corpus("chain", KEYS, dict.fromkeys(KEYS, "e"), np.array(hours), frozenset(KEYS))


def groups(story_of: dict[str, str]) -> list[list[str]]:
    found: dict[str, list[str]] = {}
    for key in KEYS:
        found.setdefault(story_of[key], []).append(key)
    return sorted(found.values())


def test_single_link_chains_where_average_and_complete_link_do_not():
    chain = corpus([0.0, 1.0, 2.0])
    assert groups(single_link(chain, CHAIN, 0.42)) == [["a", "b", "c"]]
    # a and b join first; then the mean (0.3) and the lowest (0.1) similarity to c are under the threshold
    assert groups(hierarchical("average")(chain, CHAIN, 0.42)) == [["a", "b"], ["c"]]
    assert groups(hierarchical("complete")(chain, CHAIN, 0.42)) == [["a", "b"], ["c"]]
    assert groups(hierarchical("average")(chain, CHAIN, 0.25)) == [["a", "b", "c"]]


@pytest.mark.parametrize("method", ["average", "complete"])
def test_the_window_keeps_far_apart_articles_out_of_one_cluster(method):
    far = corpus([0.0, 1.0, 10_000.0])  # c is weeks after a and b
    assert groups(single_link(far, CHAIN, 0.42)) == [["a", "b"], ["c"]]
    assert groups(hierarchical(method)(far, CHAIN, 0.05)) == [["a", "b"], ["c"]]


def test_skips_without_wikiref(tmp_path: Path, capsys):
    assert main(["--eval-dir", str(tmp_path), "--report", str(tmp_path / "report.md")]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "report.md").exists()
