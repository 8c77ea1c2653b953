"""Story clustering rules: single link (what the stories stage does) against average and complete link.

    python -m bench.story_clustering [--eval-dir DIR] [--timed-eval-dir DIR] [--report bench/reports/story_clustering.md]

The stories stage makes stories the connected components of pairwise links (single link): a story can merge on its
one highest cross-event pair. Average link (two groups join when the mean similarity of their pairs reaches the
threshold) and complete link (when their lowest pair does) are the usual cures for such chaining. This bench asks
whether either would separate events better with the shipped similarity (``services.stories.profile.profile_of``,
the weights of ``StoriesOptions``), before anyone changes the stage's protocol for it: unlike single link, neither
is a function of pairwise links alone, so a shard could no longer decide a pair on its own and a late article could
split a story already published.

Same sets, pipeline and rule as ``bench.story_quality``: each rule's threshold is its best B³ F1 on WikiRef220 +
seeds (the choosing set, in-sample) and the timed set is read at that threshold (held out), with the stage's window
(pairs further apart than ``window_hours`` never join). Hierarchical clustering is SciPy's (``linkage``, ``fcluster``
at distance 1 − threshold). Skips cleanly without the WikiRef220 folder or without SciPy.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench.report_file import write_report
from bench.story_quality import (
    CHOSEN,
    DEFAULT_EVAL_DIR,
    THRESHOLDS,
    Corpus,
    Scores,
    bcubed_scores,
    floor_point,
    link_components,
    pairwise_scores,
    similarity_matrix,
    timed_corpus,
    wikiref_corpora,
)
from bench.wikiref_events import EVENTS
from services.stories.profile import profile_of

WEIGHTS = (CHOSEN.entity_weight, 1 - CHOSEN.entity_weight - CHOSEN.number_weight, CHOSEN.number_weight)
FAR = 10.0
"""The distance given to pairs the window keeps apart: beyond any threshold's reach."""

Clusterer = Callable[[Corpus, np.ndarray, float], dict[str, str]]


def single_link(corpus: Corpus, sims: np.ndarray, threshold: float) -> dict[str, str]:
    return link_components(corpus.keys, sims, corpus.hours, threshold, CHOSEN.window_hours)


def hierarchical(method: str) -> Clusterer:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    def cluster(corpus: Corpus, sims: np.ndarray, threshold: float) -> dict[str, str]:
        distances = np.clip(1 - (sims + sims.T) / 2, 0, None)
        np.fill_diagonal(distances, 0)
        apart = np.abs(corpus.hours[:, None] - corpus.hours[None, :]) > CHOSEN.window_hours
        tree = linkage(squareform(np.where(apart, FAR, distances), checks=False), method=method)
        labels = fcluster(tree, 1 - threshold + 1e-9, criterion="distance")  # similarity ≥ threshold joins
        return {key: str(label) for key, label in zip(corpus.keys, labels, strict=True)}

    return cluster


@dataclass(frozen=True, slots=True)
class Result:
    rule: str
    threshold: float
    wiki_bcubed: Scores
    wiki_pairwise: Scores
    timed_bcubed: Scores | None
    timed_pairwise: Scores | None


def evaluate_rule(rule: str, cluster: Clusterer, wiki: tuple[Corpus, np.ndarray],
                  timed: tuple[Corpus, np.ndarray] | None) -> Result:
    def scores(corpus: Corpus, sims: np.ndarray, threshold: float) -> tuple[Scores, Scores]:
        story_of = cluster(corpus, sims, threshold)
        return bcubed_scores(corpus.truth, story_of, corpus.scored), \
            pairwise_scores(corpus.truth, story_of, corpus.scored)

    sweep = {threshold: scores(*wiki, threshold) for threshold in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (round(sweep[t][0].f1, 3), -t))
    held_out = scores(*timed, best) if timed is not None else (None, None)
    return Result(rule, best, *sweep[best], *held_out)


def _prf(scores: Scores | None) -> str:
    return "–" if scores is None else f"{scores.precision:.3f} / {scores.recall:.3f} / **{scores.f1:.3f}**"


def evaluate(eval_dir: Path, timed_eval_dir: Path | None, command: str) -> str:
    wiki_corpus, _, wiki_enriched = wikiref_corpora(eval_dir, distractor_dir=None)
    timed = timed_corpus(timed_eval_dir)

    def with_sims(corpus: Corpus, articles: dict) -> tuple[Corpus, np.ndarray]:
        return corpus, similarity_matrix([profile_of(articles[key]) for key in corpus.keys], WEIGHTS)

    wiki = with_sims(wiki_corpus, wiki_enriched.articles)
    timed_sets = None if isinstance(timed, str) else with_sims(timed[0], timed[1].articles)
    rules: list[tuple[str, Clusterer]] = [("single link (the stories stage)", single_link)]
    try:
        rules += [("average link", hierarchical("average")), ("complete link", hierarchical("complete"))]
        missing = ""
    except ImportError as error:
        missing = f"Average and complete link not run: SciPy is not installed ({error})."
    results = [evaluate_rule(name, cluster, wiki, timed_sets) for name, cluster in rules]
    wiki_floor = floor_point(wiki_corpus).bcubed.f1
    timed_floor = floor_point(timed_sets[0]).bcubed.f1 if timed_sets is not None else None
    lines = [
        "# Story clustering rules: single, average and complete link on the shipped similarity",
        "",
        f"Generated by `{command}` on {datetime.now(UTC):%Y-%m-%d} (the module's docstring says what it does).",
        "",
        f"- Similarity: the shipped profile (`profile_of`), weights entities {WEIGHTS[0]}, terms {WEIGHTS[1]:.1f}, "
        f"figures {WEIGHTS[2]}; window {CHOSEN.window_hours:g} h.",
        f"- Rule: each row's threshold *t* is its best B³ F1 on WikiRef220 + seeds ({len(wiki_corpus.keys)} articles; "
        f"in-sample; floor {wiki_floor:.3f}), the timed set is read at *t* (held out"
        + (f"; {len(timed_sets[0].keys)} articles, floor {timed_floor:.3f})." if timed_sets is not None
           else f": absent, {timed})."),
        "",
        "| rule | t | WikiRef B³ P / R / F1 (in-sample) | WikiRef pairwise P / R / F1 | timed B³ P / R / F1 "
        "| timed pairwise P / R / F1 |",
        "|---|---|---|---|---|---|",
        *(f"| {r.rule} | {r.threshold:.2f} | {_prf(r.wiki_bcubed)} | {_prf(r.wiki_pairwise)} | "
          f"{_prf(r.timed_bcubed)} | {_prf(r.timed_pairwise)} |" for r in results),
        "",
    ]
    if missing:
        lines += [missing, ""]
    best = max(results, key=lambda r: (round(r.wiki_bcubed.f1, 3), r is results[0]))
    verdict = (
        "no other rule beats single link on the choosing set, so none is worth a protocol change: what keeps "
        "WikiRef's same-topic events together is the similarity (such pairs score like same-event pairs, "
        "`bench/reports/story_quality.md`), not chaining" if best is results[0] else
        f"{best.rule} beats single link on the choosing set: a candidate for the stage, if it also holds on the "
        "timed set and a way is found to decide it shard by shard")
    lines += [f"Reading: the best WikiRef B³ F1 is {best.wiki_bcubed.f1:.3f} ({best.rule}; issue 15's target is "
              f"0.90); {verdict}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="the wikiref220 folder")
    parser.add_argument("--timed-eval-dir", type=Path, default=None,
                        help="the shared eval folder holding the timed set's pages (default: bench.timed_story_set's)")
    parser.add_argument("--report", type=Path, default=Path("bench/reports/story_clustering.md"))
    args = parser.parse_args(argv)
    missing = [path for path in EVENTS if not (args.eval_dir / path).exists()]
    if missing:
        print(f"skipped: {len(missing)} of {len(EVENTS)} WikiRef220 articles missing under {args.eval_dir}")
        return 0
    command = shlex.join(["python", "-m", "bench.story_clustering", *(sys.argv[1:] if argv is None else argv)])
    write_report(args.report, evaluate(args.eval_dir, args.timed_eval_dir, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
