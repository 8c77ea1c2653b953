"""Story-assignment quality of the stories stage on hand-labelled same-event articles (WikiRef220).

    python -m bench.story_quality [--eval-dir DIR] [--distractor-dir DIR] [--report bench/reports/story_quality.md]

The 220 WikiRef220 articles (read at run time from ``--eval-dir``, cp1252, first line the headline) carry our
same-event labels (``bench.wikiref_events.EVENTS``); the two seed articles in ``tests/data`` are one more event,
and the article-extraction benchmark's 181 bodies (``--distractor-dir``, MIT), when present, are distractors in
a second run (scored only by what they do to the labelled articles). Each text goes through the stages the
embedded pipeline runs: the cleaner's ``clean`` (plain text), the enricher (``Enricher.enrich``, batched) and the
stories stage (``EmbeddedStories.process``: routing, shards, decision, story homes in memory), once per
similarity threshold and article order.
Dedup is skipped: the articles are distinct. Every article gets the same publication time, so the time window
never separates anything. Predicted stories are scored against the events by pairwise and B-cubed precision /
recall / F1 (definitions in the report). Skips cleanly when the WikiRef220 folder is absent.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from bench.report_file import write_report
from bench.syndication import DEFAULT_EVAL_DIR as DEFAULT_DISTRACTOR_DIR
from bench.syndication import SEED_FILES
from bench.wikiref_events import EVENTS
from services.cleaner.logic import clean
from services.codec import decode_message
from services.config import CleanerOptions, EnricherOptions, StoriesOptions
from services.enricher.logic import Enricher
from services.messages import EnrichedArticle, RawArticle, StoryUpdate
from services.stories.embedded import EmbeddedStories
from services.stories.profile import ENTITY_PREFIX, TERM_PREFIX, partial_dots, profile_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "wikiref220"
SEED_EVENT = "belarus-pardons-2025-12-13"
DISTRACTOR_PREFIX = "distractor-"
SOURCE = "story-bench"
T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(17))
SHUFFLE_SEEDS = (1, 2, 3)
SPEED_REPEATS = 5
WORST = 8
EVENTS_SHOWN = 6
BRIDGES_SHOWN = 8
PROFILE_SHOWN = 5
HEADLINE_WORDS = 12
_TOPIC_NUMBER = re.compile(r"(\.| \()\d+\)?$")


# ---- the labelled articles ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelledText:
    key: str
    """Where the text comes from (``wikiref220/<path>``, ``seed/<file>``, ``aeb/<id>``); also its feed id."""
    event: str
    title: str | None
    """The headline, when the source has one (WikiRef220's first line)."""
    text: str
    topic: str
    """WikiRef220's file-name topic (``malaysia.airlines.flight``); the seeds share one, each distractor has its
    own."""

    @property
    def headline(self) -> str:
        if self.title:
            return self.title
        words = self.text.split()
        return " ".join(words[:HEADLINE_WORDS]) + (" …" if len(words) > HEADLINE_WORDS else "")


def read_wikiref(eval_dir: Path) -> list[LabelledText]:
    """Every labelled WikiRef220 article; the file's first line is its headline and stays in the text, as
    ``newsingest process`` would read the file."""
    items = []
    for path, event in EVENTS.items():
        text = (eval_dir / path).read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n")
        headline = text.strip().split("\n", 1)[0].strip()
        topic = _TOPIC_NUMBER.sub("", Path(path).stem)
        items.append(LabelledText(f"wikiref220/{path}", event, headline, text, topic))
    return items


def read_seeds() -> list[LabelledText]:
    return [LabelledText(f"seed/{path.name}", SEED_EVENT, None, path.read_text(), "seed") for path in SEED_FILES]


def read_distractors(distractor_dir: Path) -> list[LabelledText]:
    """The article-extraction benchmark's bodies, each its own event; empty when the folder is absent."""
    truth_file = distractor_dir / "ground-truth.json"
    if not truth_file.exists():
        return []
    truth = json.loads(truth_file.read_text())
    items = []
    for page_id in sorted(truth):
        event = f"{DISTRACTOR_PREFIX}{page_id[:12]}"
        items.append(LabelledText(f"aeb/{page_id[:12]}", event, None, truth[page_id]["articleBody"], event))
    return items


# ---- scoring -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        if math.isnan(self.precision) or math.isnan(self.recall):
            return math.nan
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def _check_same_items(truth: Mapping[str, str], predicted: Mapping[str, str]) -> None:
    if truth.keys() != predicted.keys():
        raise ValueError(f"labelings cover different items: {sorted(truth.keys() ^ predicted.keys())[:5]}")


def _pair_counts(truth: Mapping[str, str], predicted: Mapping[str, str], items: Iterable[str]) -> tuple[int, ...]:
    """Among ``items``: pairs together in both labelings, pairs together in ``predicted``, pairs together in
    ``truth``."""
    chosen = list(items)
    both = Counter((predicted[item], truth[item]) for item in chosen)
    return (
        sum(_pairs(n) for n in both.values()),
        sum(_pairs(n) for n in Counter(predicted[item] for item in chosen).values()),
        sum(_pairs(n) for n in Counter(truth[item] for item in chosen).values()),
    )


def pairwise_scores(
    truth: Mapping[str, str], predicted: Mapping[str, str], scored: Collection[str] | None = None
) -> Scores:
    """Over unordered item pairs: precision = pairs together in both / pairs together in ``predicted``, recall =
    the same / pairs together in ``truth``. Both labelings map item → cluster; NaN when there are no such pairs.
    With ``scored``, only pairs holding at least one scored item count (pairs of two unscored items, whose
    truth is unknown, are ignored)."""
    _check_same_items(truth, predicted)
    unscored = [] if scored is None else [item for item in truth if item not in scored]
    together, predicted_pairs, true_pairs = (
        everything - ignored
        for everything, ignored in zip(
            _pair_counts(truth, predicted, truth), _pair_counts(truth, predicted, unscored), strict=True
        )
    )
    return Scores(_ratio(together, predicted_pairs), _ratio(together, true_pairs))


def bcubed_scores(
    truth: Mapping[str, str], predicted: Mapping[str, str], scored: Collection[str] | None = None
) -> Scores:
    """B-cubed (Bagga & Baldwin 1998): per item, precision = share of its predicted cluster that shares its true
    cluster, recall = share of its true cluster that shares its predicted cluster (both count the item itself);
    each averaged over items, so every article weighs the same however large its event. With ``scored``, the
    averages run over those items only (the others still count as wrong company in a scored item's cluster)."""
    _check_same_items(truth, predicted)
    items = list(truth) if scored is None else [item for item in truth if item in scored]
    if not items:
        return Scores(math.nan, math.nan)
    both = Counter((predicted[item], truth[item]) for item in truth)
    predicted_sizes = Counter(predicted.values())
    true_sizes = Counter(truth.values())
    precision = recall = 0.0
    for item in items:
        overlap = both[(predicted[item], truth[item])]
        precision += overlap / predicted_sizes[predicted[item]]
        recall += overlap / true_sizes[truth[item]]
    return Scores(precision / len(items), recall / len(items))


# ---- running the stages ------------------------------------------------------


def raw_article(item: LabelledText) -> RawArticle:
    # One publication time for all: the texts carry none, and a shared one keeps the window from helping.
    return RawArticle(
        id=item.key, source=SOURCE, title=item.title, body=item.text, content_type="text/plain", published_at=T0
    )


@dataclass(frozen=True, slots=True)
class Enriched:
    articles: dict[str, EnrichedArticle]
    """LabelledText.key → the enricher's output, as the stories stage reads it off its topic."""
    cpu_s: float
    wall_s: float


def enrich(items: Sequence[LabelledText]) -> Enriched:
    cleaner_options = CleanerOptions()
    cleaned = [clean(raw_article(item), cleaner_options, T0) for item in items]
    enricher = Enricher(EnricherOptions())
    wall, cpu = time.perf_counter(), time.process_time()
    enriched = enricher.enrich(cleaned)
    cpu_s, wall_s = time.process_time() - cpu, time.perf_counter() - wall
    # The pipeline hands each stage the JSON the previous one published; read it back the same way.
    as_read = [decode_message(EnrichedArticle, article.model_dump_json().encode()) for article in enriched]
    return Enriched({item.key: article for item, article in zip(items, as_read, strict=True)}, cpu_s, wall_s)


@dataclass(frozen=True, slots=True)
class StoriesRun:
    story_of: dict[str, str]
    """LabelledText.key → story_id."""
    cpu_s: float


def run_stories(order: Sequence[str], enriched: Mapping[str, EnrichedArticle], options: StoriesOptions) -> StoriesRun:
    """The stories stage over the articles in ``order`` (keys), as the pipeline calls it: one index, one
    ``process`` per article; CPU time counts only those calls."""
    stories = EmbeddedStories(options)
    story_of = {}
    cpu = 0.0
    for key in order:
        began = time.process_time()
        outputs = stories.process(enriched[key])
        cpu += time.process_time() - began
        update = next(output.value for output in outputs if isinstance(output.value, StoryUpdate))
        story_of[key] = update.story_id
    return StoriesRun(story_of, cpu)


def shuffled(keys: Sequence[str], seed: int) -> list[str]:
    order = list(keys)
    random.Random(seed).shuffle(order)
    return order


# ---- the sweep ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    items: list[LabelledText]
    scored: frozenset[str]
    """Keys scored against the labels; distractors are not (their mutual relations are unknown)."""

    @property
    def keys(self) -> list[str]:
        """The fixed input order: sorted by key (WikiRef220 by topic then file name, then the seeds; the
        distractors' ``aeb/`` sorts first)."""
        return sorted(item.key for item in self.items)

    @property
    def truth(self) -> dict[str, str]:
        return {item.key: item.event for item in self.items}

    @property
    def has_distractors(self) -> bool:
        return len(self.scored) < len(self.items)


@dataclass(frozen=True, slots=True)
class SweepRow:
    threshold: float
    stories: int
    pairwise: Scores
    bcubed: Scores
    with_distractor: int
    """Scored articles whose story also holds a distractor."""
    shuffled_pairwise_f1: tuple[float, ...]
    shuffled_bcubed_f1: tuple[float, ...]
    shuffled_stories: tuple[int, ...]


def with_unscored(story_of: Mapping[str, str], scored: Collection[str]) -> int:
    """Scored items that share their cluster with an unscored one."""
    polluted = {story for item, story in story_of.items() if item not in scored}
    return sum(1 for item in scored if story_of[item] in polluted)


def sweep(corpus: Corpus, enriched: Mapping[str, EnrichedArticle]) -> list[SweepRow]:
    truth, keys, scored = corpus.truth, corpus.keys, corpus.scored
    rows = []
    for threshold in THRESHOLDS:
        options = StoriesOptions(min_similarity=threshold)
        fixed = run_stories(keys, enriched, options).story_of
        others = [run_stories(shuffled(keys, seed), enriched, options).story_of for seed in SHUFFLE_SEEDS]
        rows.append(SweepRow(
            threshold=threshold,
            stories=len(set(fixed.values())),
            pairwise=pairwise_scores(truth, fixed, scored),
            bcubed=bcubed_scores(truth, fixed, scored),
            with_distractor=with_unscored(fixed, scored),
            shuffled_pairwise_f1=tuple(pairwise_scores(truth, run, scored).f1 for run in others),
            shuffled_bcubed_f1=tuple(bcubed_scores(truth, run, scored).f1 for run in others),
            shuffled_stories=tuple(len(set(run.values())) for run in others),
        ))
    return rows


def best_row(rows: Sequence[SweepRow]) -> SweepRow:
    """Highest B-cubed F1 in the fixed order; the lower threshold wins a tie."""
    return max(rows, key=lambda row: (_rank(row.bcubed.f1), -row.threshold))


# ---- merges, splits and pair similarities ------------------------------------


def members(labeling: Mapping[str, str]) -> dict[str, list[str]]:
    clusters: defaultdict[str, list[str]] = defaultdict(list)
    for item, cluster in labeling.items():
        clusters[cluster].append(item)
    return dict(clusters)


def cross_event_pairs(story: Sequence[str], truth: Mapping[str, str]) -> int:
    """Pairs of one predicted story whose articles belong to different events: what the merge costs."""
    return _pairs(len(story)) - sum(_pairs(n) for n in Counter(truth[item] for item in story).values())


def separated_pairs(event: Sequence[str], predicted: Mapping[str, str]) -> int:
    """Pairs of one event whose articles landed in different stories: what the split costs."""
    return _pairs(len(event)) - sum(_pairs(n) for n in Counter(predicted[item] for item in event).values())


def worst_merges(truth: Mapping[str, str], predicted: Mapping[str, str]) -> list[list[str]]:
    """Predicted stories that mix events, most cross-event pairs first."""
    mixed = [story for story in members(predicted).values() if len({truth[item] for item in story}) > 1]
    return sorted(mixed, key=lambda story: (-cross_event_pairs(story, truth), min(story)))


def worst_splits(truth: Mapping[str, str], predicted: Mapping[str, str]) -> list[list[str]]:
    """Events spread over several stories, most separated pairs first."""
    split = [event for event in members(truth).values() if len({predicted[item] for item in event}) > 1]
    return sorted(split, key=lambda event: (-separated_pairs(event, predicted), min(event)))


def bridging_entities(
    story: Sequence[str], truth: Mapping[str, str], profiles: Mapping[str, dict[str, float]]
) -> list[str]:
    """Profile entities shared by articles of two or more of the story's events: what pulled them together."""
    events_of: defaultdict[str, set[str]] = defaultdict(set)
    weight: defaultdict[str, float] = defaultdict(float)
    for item in story:
        for key, salience in profiles[item].items():
            events_of[key].add(truth[item])
            weight[key] += salience
    shared = [key for key in events_of if len(events_of[key]) > 1]
    return sorted(shared, key=lambda key: (-len(events_of[key]), -weight[key], key))


class PairKind(StrEnum):
    SAME_EVENT = "same event"
    SAME_TOPIC = "same topic, different event"
    OTHER_TOPIC = "different topic"


def pair_kind(first: LabelledText, second: LabelledText) -> PairKind:
    if first.event == second.event:
        return PairKind.SAME_EVENT
    return PairKind.SAME_TOPIC if first.topic == second.topic else PairKind.OTHER_TOPIC


def pair_similarities(
    items: Sequence[LabelledText], profiles: Mapping[str, dict[str, float]]
) -> dict[PairKind, list[float]]:
    """The stories stage's similarity between the profiles of every two articles, by how they are related."""
    by_kind: dict[PairKind, list[float]] = {kind: [] for kind in PairKind}
    for i, first in enumerate(items):
        for second in items[i + 1:]:
            by_kind[pair_kind(first, second)].append(
                partial_dots(profiles[first.key], profiles[second.key]).similarity(StoriesOptions())
            )
    return by_kind


def ranking_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Chance that a random positive scores above a random negative (ties count half): how well one similarity
    threshold could separate them at best."""
    if not positives or not negatives:
        return math.nan
    ordered = sorted(negatives)
    above = 0.0
    for value in positives:
        below, not_above = bisect.bisect_left(ordered, value), bisect.bisect_right(ordered, value)
        above += below + (not_above - below) / 2
    return above / (len(positives) * len(negatives))


# ---- the report --------------------------------------------------------------


def _num(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _spread(values: Sequence[float]) -> str:
    known = [value for value in values if not math.isnan(value)]
    return f"{_num(min(known))}–{_num(max(known))}" if known else "–"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _rank(value: float) -> float:
    """NaN (an undefined score) ranks below every number."""
    return -math.inf if math.isnan(value) else value


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entity_names(enriched: EnrichedArticle) -> dict[str, str]:
    return {entity.canonical_key: entity.canonical_name for entity in enriched.entities}


def evaluate(eval_dir: Path, distractor_dir: Path) -> str:
    began = time.process_time()
    labelled_items = read_wikiref(eval_dir) + read_seeds()
    labelled = Corpus("WikiRef220 + seeds", labelled_items, frozenset(item.key for item in labelled_items))
    distractors = read_distractors(distractor_dir)
    corpora = [labelled]
    if distractors:
        corpora.append(Corpus(f"+ {len(distractors)} distractors", labelled_items + distractors, labelled.scored))
    widest = corpora[-1]
    enriched = enrich(widest.items)
    by_key = {item.key: item for item in widest.items}
    profiles = {key: profile_of(article) for key, article in enriched.articles.items()}
    default = StoriesOptions()
    sweeps = {corpus.name: sweep(corpus, enriched.articles) for corpus in corpora}
    at_default = {corpus.name: run_stories(corpus.keys, enriched.articles, default).story_of for corpus in corpora}
    failures = Failures(labelled.truth, at_default[labelled.name], enriched.articles, by_key, profiles)

    lines = header(labelled, distractors, enriched, default)
    lines += definitions(labelled)
    lines += summary_table(labelled, sweeps[labelled.name], default)
    for corpus in corpora:
        lines += sweep_table(corpus, sweeps[corpus.name], default)
    lines += similarity_section(labelled, profiles, default)
    lines += merges_section(failures, default)
    lines += splits_section(failures, default)
    if distractors:
        lines += distractor_section(widest, at_default[widest.name], enriched.articles, by_key, profiles, default)
    lines += speed_section(widest, enriched, default)
    lines += ["", f"CPU time for this report: {time.process_time() - began:.1f} s."]
    return "\n".join(lines) + "\n"


def header(
    labelled: Corpus, distractors: Sequence[LabelledText], enriched: Enriched, default: StoriesOptions
) -> list[str]:
    truth = labelled.truth
    sizes = Counter(truth.values())
    multi = [n for n in sizes.values() if n > 1]
    largest_event, largest = sizes.most_common(1)[0]
    true_pairs = sum(_pairs(n) for n in sizes.values())
    model = next(iter(enriched.articles.values())).nlp_model
    return [
        "# Story-assignment quality: WikiRef220 same-event labels",
        "",
        f"Generated by `python -m bench.story_quality` on {datetime.now(UTC):%Y-%m-%d}.",
        "",
        "- **Articles**: the 220 WikiRef220 articles (`/work/shared/eval/wikiref220`, read at run time; no licence "
        "stated, evaluation use) with our hand-made same-event labels (`bench/wikiref_events.py`: one labeller, "
        "one pass, no agreement figure; its docstring gives the rules and the borderline calls), plus the two "
        f"seed articles (`tests/data/seed_000.txt`, `seed_003.txt`) as one more event, `{SEED_EVENT}`: "
        f"{len(truth)} articles, {len(sizes)} events, {len(multi)} with two or more articles ({sum(multi)} "
        f"articles), {true_pairs} same-event pairs. The largest event, `{largest_event}`, has {largest} articles "
        f"and {_pairs(largest)} of those pairs ({_pairs(largest) / true_pairs:.0%}).",
        "- **Distractors**: "
        + (f"a second run adds the {len(distractors)} article-extraction-benchmark bodies (`ground-truth.json`, "
           "MIT, read at run time; news of 2017–2020), each labelled as its own event. They are not all distinct "
           "events: the benchmark holds a few same-event groups of its own (two reports of the New York attorney "
           "general's WeWork investigation, three of the Inner Mongolia plague cases, two of NASA's Europa plume "
           "finding), so a pair of two distractors is never scored. Scores average over the "
           f"{len(labelled.scored)} labelled articles only; a distractor in a labelled article's story counts "
           "against that article's precision."
           if distractors else "absent (no article-extraction benchmark folder); only the labelled run."),
        "- **System under test**: what the embedded pipeline runs. Each text becomes a `RawArticle` (feed id = its "
        "path, `content_type` text/plain, body = the whole file, headline line included, as `newsingest process` "
        "reads a file; title = the first line for WikiRef220), then `services.cleaner.logic.clean` (default "
        f"options), then `Enricher.enrich` over all articles at once (`{model}`, `nlp.pipe` batches of "
        f"{EnricherOptions().batch_size}), then `EmbeddedStories.process` (what `Pipeline` calls: the four "
        "stories stages in memory, one shard partition) on one fresh `EmbeddedStories` per run, built with "
        "`StoriesOptions(min_similarity=t)`, other options default "
        f"(window {default.window_hours:g} h). **Dedup is skipped**: the "
        "articles are distinct texts, none a copy of another.",
        f"- **No timestamps**: the texts carry none, so every article gets the same `published_at` and "
        f"`received_at` ({T0:%Y-%m-%d %H:%M} UTC). The {default.window_hours:g} h window never separates two "
        "articles: this measures the similarity alone. In production the window would also keep apart "
        "look-alike happenings weeks apart (MH370's June and October ATSB reports, two TV-rights rounds); here "
        "nothing can.",
        "- **Input order**: the fixed order is sorted by path (`wikiref220/WikiRef220/<file>`: topics in "
        "alphabetical blocks, files in name order, then `seed/…`; in the distractor run the `aeb/…` bodies sort "
        "first). Assignment is greedy and single-pass (an article joins the most similar story so far or starts "
        "one, a story scoring the mean of its two members most similar to the article), so it depends on order: "
        "every "
        f"threshold also runs {len(SHUFFLE_SEEDS)} seeded shuffles (`random.Random(seed).shuffle`, seeds "
        f"{', '.join(map(str, SHUFFLE_SEEDS))}), reported as min–max.",
        "",
    ]


def definitions(labelled: Corpus) -> list[str]:
    truth = labelled.truth
    sizes = Counter(truth.values())
    largest_event, largest = sizes.most_common(1)[0]
    true_pairs = sum(_pairs(n) for n in sizes.values())
    alone = bcubed_scores(truth, {key: key for key in truth})
    return [
        "## Definitions",
        "",
        "- **Pairwise**: over unordered article pairs. Precision = pairs in one story that share an event / pairs "
        "in one story; recall = pairs that share an event and are in one story / pairs that share an event.",
        "- **B-cubed (B³)** (Bagga & Baldwin 1998): for each article, precision = the share of its story that is "
        "its event (itself included), recall = the share of its event that is in its story; both averaged over "
        "articles; F1 = harmonic mean of the two averages.",
        f"- **Read B³ first.** `{largest_event}` holds {_pairs(largest)} of the {true_pairs} same-event pairs, so "
        "pairwise recall mostly says whether that one event stays whole, and one wrong 20-article merge costs "
        "more pairwise precision than fifty wrong two-article merges. B³ weighs each article once: the "
        f"{largest} articles of that event are {largest / len(truth):.0%} of the score.",
        "- **The floor**: most events are single articles, so putting every article in its own story already "
        f"scores B³ precision {_num(alone.precision)}, recall {_num(alone.recall)} (events / articles), "
        f"**F1 {_num(alone.f1)}**, with pairwise recall 0. A threshold is only useful where it beats that.",
        "- **Stories**: distinct `story_id`s. A perfect assignment makes as many as there are events.",
        "",
    ]


def summary_table(labelled: Corpus, rows: Sequence[SweepRow], default: StoriesOptions) -> list[str]:
    at_default = next(row for row in rows if row.threshold == default.min_similarity)
    best = best_row(rows)
    truth = labelled.truth
    alone = {key: key for key in truth}
    events = len(set(truth.values()))
    lines = [
        f"## Summary: default ({default.min_similarity}) vs best threshold ({best.threshold}), {labelled.name}, "
        "fixed order",
        "",
        "| assignment | stories / events | **B³ P** | **B³ R** | **B³ F1** | pairwise P | pairwise R "
        "| pairwise F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in ((f"min_similarity {at_default.threshold:.2f} (default)", at_default),
                      (f"min_similarity {best.threshold:.2f} (best B³ F1)", best)):
        lines.append(
            f"| {name} | {row.stories} / {events} | {_num(row.bcubed.precision)} | {_num(row.bcubed.recall)} | "
            f"**{_num(row.bcubed.f1)}** | {_num(row.pairwise.precision)} | {_num(row.pairwise.recall)} | "
            f"{_num(row.pairwise.f1)} |"
        )
    floor_b3, floor_pairs = bcubed_scores(truth, alone), pairwise_scores(truth, alone)
    lines.append(
        f"| every article alone (floor) | {len(truth)} / {events} | {_num(floor_b3.precision)} | "
        f"{_num(floor_b3.recall)} | {_num(floor_b3.f1)} | {_num(floor_pairs.precision)} | "
        f"{_num(floor_pairs.recall)} | {_num(floor_pairs.f1)} |"
    )
    best_pairwise = max(rows, key=lambda row: (_rank(row.pairwise.f1), -row.threshold))
    return [
        *lines,
        "",
        f"B³ F1: the default is {floor_b3.f1 - at_default.bcubed.f1:.3f} below the every-article-alone floor, the "
        f"best threshold {best.bcubed.f1 - floor_b3.f1:+.3f} above it (picked on these same articles, so an "
        f"optimistic figure). Best pairwise F1: {_num(best_pairwise.pairwise.f1)} at "
        f"{best_pairwise.threshold:.2f} (B³ F1 {_num(best_pairwise.bcubed.f1)} there).",
        "",
    ]


def sweep_table(corpus: Corpus, rows: Sequence[SweepRow], default: StoriesOptions) -> list[str]:
    events = len({corpus.truth[key] for key in corpus.scored})
    polluted = " | labelled articles with a distractor" if corpus.has_distractors else ""
    lines = [
        f"## Threshold sweep: {corpus.name} ({len(corpus.items)} articles; {len(corpus.scored)} scored, "
        f"{events} events)",
        "",
        "Fixed order, then the min–max over the shuffled orders.",
        "",
        f"| min_similarity | stories | **B³ P** | **B³ R** | **B³ F1** | pairwise P | pairwise R | pairwise F1"
        f"{polluted} | shuffled: stories | shuffled: B³ F1 | shuffled: pairwise F1 |",
        "|---|---|---|---|---|---|---|---|" + ("---|" if polluted else "") + "---|---|---|",
    ]
    best = best_row(rows)
    for row in rows:
        marks = [*(["default"] if row.threshold == default.min_similarity else []),
                 *(["best B³ F1"] if row is best else [])]
        mark = f" ({', '.join(marks)})" if marks else ""
        extra = f" | {row.with_distractor}" if polluted else ""
        lines.append(
            f"| {row.threshold:.2f}{mark} | {row.stories} | {_num(row.bcubed.precision)} | "
            f"{_num(row.bcubed.recall)} | **{_num(row.bcubed.f1)}** | {_num(row.pairwise.precision)} | "
            f"{_num(row.pairwise.recall)} | {_num(row.pairwise.f1)}{extra} | "
            f"{min(row.shuffled_stories)}–{max(row.shuffled_stories)} | {_spread(row.shuffled_bcubed_f1)} | "
            f"{_spread(row.shuffled_pairwise_f1)} |"
        )
    return [*lines, ""]


def similarity_section(
    labelled: Corpus, profiles: Mapping[str, dict[str, float]], default: StoriesOptions
) -> list[str]:
    by_kind = pair_similarities(labelled.items, profiles)
    same = by_kind[PairKind.SAME_EVENT]
    lines = [
        "## Similarity of two articles, by how they are related",
        "",
        "The stories stage's similarity between the profiles of every two labelled articles "
        f"(`services/stories/profile.py`: entities {default.entity_weight}, figures {default.number_weight}, "
        "content words the rest, each a unit vector with flat weights). "
        "*Topic*: the WikiRef220 file-name topic "
        "(`malaysia.airlines.flight`, `michelle.obama`, …); same-topic pairs of different events are the hard "
        "negatives. *AUC vs same event*: the chance that a random same-event pair scores above a random pair of "
        "that kind (1.0: some threshold separates them perfectly; 0.5: no better than chance). A story scores "
        "the mean of its two members most similar to the article.",
        "",
        f"| pairs | count | median | 90th percentile | share ≥ {default.min_similarity} (default) | share ≥ 0.5 "
        "| AUC vs same event |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in PairKind:
        values = sorted(by_kind[kind])
        auc = "–" if kind is PairKind.SAME_EVENT else _num(ranking_auc(same, values))
        lines.append(
            f"| {kind.value} | {len(values)} | {_num(statistics.median(values))} | "
            f"{_num(values[int(0.9 * (len(values) - 1))])} | "
            f"{sum(v >= default.min_similarity for v in values) / len(values):.1%} | "
            f"{sum(v >= 0.5 for v in values) / len(values):.1%} | {auc} |"
        )
    return [*lines, ""]


@dataclass(frozen=True, slots=True)
class Failures:
    """What the merge and split listings need about one run."""

    truth: Mapping[str, str]
    predicted: Mapping[str, str]
    enriched: Mapping[str, EnrichedArticle]
    by_key: Mapping[str, LabelledText]
    profiles: Mapping[str, dict[str, float]]

    def article_line(self, key: str, suffix: str = "") -> str:
        names = _entity_names(self.enriched[key])
        profile = sorted(self.profiles[key].items(), key=lambda item: (-item[1], item[0]))[:PROFILE_SHOWN]
        shown = ", ".join(f"{_key_name(key, names)} {weight:.2f}" for key, weight in profile) or "no profile"
        return f"`{key.rsplit('/', 1)[-1]}`{suffix} \"{_short(self.by_key[key].headline)}\" — {shown}"

    def bridges(self, story: Sequence[str]) -> str:
        names: dict[str, str] = {}
        for item in story:
            for key, name in _entity_names(self.enriched[item]).items():
                names.setdefault(key, name)
        keys = bridging_entities(story, self.truth, self.profiles)[:BRIDGES_SHOWN]
        return ", ".join(_key_name(key, names) for key in keys) or "none"


def _key_name(key: str, entity_names: Mapping[str, str]) -> str:
    """A profile key as a reader knows it: the entity's name, the word in quotes, the figure as "123 prisoner"."""
    kind, value = key[: len(ENTITY_PREFIX)], key[len(ENTITY_PREFIX):]
    if kind == ENTITY_PREFIX:
        return entity_names.get(value, value)
    if kind == TERM_PREFIX:
        return f"“{value}”"
    return value.replace(":", " ").strip()


def merges_section(failures: Failures, default: StoriesOptions) -> list[str]:
    truth = failures.truth
    merged = worst_merges(truth, failures.predicted)
    lines = [
        f"## Worst merges at the default threshold ({default.min_similarity}, fixed order)",
        "",
        f"{len(merged)} stories mix events ({sum(cross_event_pairs(s, truth) for s in merged)} cross-event pairs). "
        f"The {min(WORST, len(merged))} worst, by cross-event pairs. *Bridging keys*: profile keys (entities, "
        "words, figures) that articles of two or more of the story's events share, those spanning most events "
        f"first. Each article: file, headline, then its {PROFILE_SHOWN} heaviest profile keys with their weight "
        f"(each kind is a unit vector). At most {EVENTS_SHOWN} events per story are listed, largest first.",
        "",
    ]
    for story in merged[:WORST]:
        by_event = sorted(members({item: truth[item] for item in story}).items(), key=lambda p: (-len(p[1]), p[0]))
        lines.append(
            f"- **{len(story)} articles, {len(by_event)} events, {cross_event_pairs(story, truth)} cross-event "
            f"pairs**; bridging keys: {failures.bridges(story)}"
        )
        for event, items in by_event[:EVENTS_SHOWN]:
            lines.append(f"  - `{event}` ({len(items)}):")
            lines += [f"    - {failures.article_line(item)}" for item in sorted(items)]
        if len(by_event) > EVENTS_SHOWN:
            rest = by_event[EVENTS_SHOWN:]
            lines.append(
                f"  - … and {_plural(len(rest), 'more event')} ({_plural(sum(len(i) for _, i in rest), 'article')}): "
                + ", ".join(f"`{event}`" for event, _ in rest)
            )
    return [*lines, ""]


def splits_section(failures: Failures, default: StoriesOptions) -> list[str]:
    truth, predicted = failures.truth, failures.predicted
    split = worst_splits(truth, predicted)
    story_sizes = Counter(predicted.values())
    lines = [
        f"## Worst splits at the default threshold ({default.min_similarity}, fixed order)",
        "",
        f"{len(split)} events are spread over several stories ({sum(separated_pairs(e, predicted) for e in split)} "
        f"same-event pairs separated). The {min(WORST, len(split))} worst, by separated pairs; the event's "
        "articles grouped by the story they landed in (its size; *mixed* when it holds other events too).",
        "",
    ]
    for event in split[:WORST]:
        by_story = sorted(members({item: predicted[item] for item in event}).items(), key=lambda p: (-len(p[1]), p[0]))
        lines.append(
            f"- **`{truth[event[0]]}`: {len(event)} articles in {len(by_story)} stories, "
            f"{_plural(separated_pairs(event, predicted), 'pair')} separated**"
        )
        for story, items in by_story:
            mixed = ", mixed" if story_sizes[story] > len(items) else ""
            lines.append(f"  - story of {story_sizes[story]}{mixed}:")
            lines += [f"    - {failures.article_line(item)}" for item in sorted(items)]
    return [*lines, ""]


def distractor_section(
    corpus: Corpus,
    predicted: Mapping[str, str],
    enriched: Mapping[str, EnrichedArticle],
    by_key: Mapping[str, LabelledText],
    profiles: Mapping[str, dict[str, float]],
    default: StoriesOptions,
) -> list[str]:
    truth = corpus.truth
    failures = Failures(truth, predicted, enriched, by_key, profiles)
    stories = members(predicted).values()
    crossing = [s for s in stories if any(i in corpus.scored for i in s) and any(i not in corpus.scored for i in s)]
    among = [s for s in stories if len(s) > 1 and not any(i in corpus.scored for i in s)]
    crossing.sort(key=lambda story: (-len(story), min(story)))
    lines = [
        f"## Distractors at the default threshold ({default.min_similarity}, fixed order)",
        "",
        f"{len(crossing)} stories join labelled articles "
        f"({sum(1 for s in crossing for i in s if i in corpus.scored)}) to distractors "
        f"({sum(1 for s in crossing for i in s if i not in corpus.scored)}): always wrong, years and subjects "
        f"apart. {len(among)} more stories group distractors only ({sum(len(s) for s in among)} distractors; "
        f"not scored). The {min(WORST, len(crossing))} largest mixed ones:",
        "",
    ]
    for story in crossing[:WORST]:
        lines.append(f"- **{len(story)} articles**; bridging keys: {failures.bridges(story)}")
        lines += [f"  - {failures.article_line(item, f' ({truth[item]})')}" for item in sorted(story)]
    return [*lines, ""]


def _median_cpu(measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(SPEED_REPEATS))


def speed_section(corpus: Corpus, enriched: Enriched, default: StoriesOptions) -> list[str]:
    keys = corpus.keys
    count = len(keys)
    stage = _median_cpu(lambda: run_stories(keys, enriched.articles, default).cpu_s)
    entities = sum(len(enriched.articles[key].entities) for key in keys) / count
    return [
        f"## Speed ({corpus.name}: {count} articles, default threshold, fixed order)",
        "",
        "CPU time (`time.process_time`, one process) around the calls only: the median of "
        f"{SPEED_REPEATS} runs for the stories step, one run for the enricher (all articles in one `enrich` call, "
        f"spaCy included). Articles average {entities:.0f} entities. The shards never hold more than {count} "
        "members here; with a full window the posting list of a common word grows with it (answers keep the 100 "
        "best candidates per shard), so this is the best case, not a production figure.",
        "",
        "| step | CPU time | articles/s per core | ms per article |",
        "|---|---|---|---|",
        f"| stories stage (`EmbeddedStories.process`: the four stages, messages through JSON) | {stage:.3f} s | "
        f"{count / stage:,.0f} | {1000 * stage / count:.2f} |",
        f"| enricher (`Enricher.enrich`; wall {enriched.wall_s:.1f} s), for comparison | {enriched.cpu_s:.1f} s | "
        f"{count / enriched.cpu_s:,.1f} | {1000 * enriched.cpu_s / count:.0f} |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="the wikiref220 folder")
    parser.add_argument("--distractor-dir", type=Path, default=DEFAULT_DISTRACTOR_DIR,
                        help="the article-extraction-benchmark folder (optional)")
    parser.add_argument("--report", type=Path, default=Path("bench/reports/story_quality.md"))
    args = parser.parse_args(argv)
    missing = [path for path in EVENTS if not (args.eval_dir / path).exists()]
    if missing:
        print(f"skipped: {len(missing)} of {len(EVENTS)} WikiRef220 articles missing under {args.eval_dir}")
        return 0
    write_report(args.report, evaluate(args.eval_dir, args.distractor_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
