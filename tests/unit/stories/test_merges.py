"""Stories are connected components of links: the same stories whatever the order, merges that consumers can
follow, and a window that runs from a story's latest article."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from services.config import StoriesOptions
from services.contract.messages import CleanArticle, EnrichedArticle, Entity, EntityEvent, Mention, StoryUpdate
from services.stories.embedded import EmbeddedStories
from services.stories.following import latest_updates, survivor
from tests.unit.stories.racing import RacingStories, final_stories, partition_of

T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
# Made-up names and words: each group is its own event; an article with two groups bridges their events.
GROUPS = {
    "p": ("Pardova", "Quillan", "Rostek", "Sambrel"),
    "q": ("Tavrin", "Ulmacor", "Vessany", "Wortle"),
    "r": ("Xandrio", "Ymbrel", "Zokkava", "Brontil"),
}
OPTIONS = StoriesOptions(min_similarity=0.3, window_hours=72)


def article(article_id: str, groups: str, at: datetime = T0) -> EnrichedArticle:
    names = [name for group in groups for name in GROUPS[group]]
    text = " ".join(f"{name} met {name}." for name in names)
    clean = CleanArticle(article_id=article_id, source="wire", text=text, published_at=at,
                         word_count=len(text.split()), extractor="plain_text", received_at=at)
    entities = [
        Entity(text=name, label="PERSON", canonical_key=f"person:{name.lower()}", canonical_name=name,
               mentions=[Mention(text=name, start=text.index(name), end=text.index(name) + len(name), sentence=0)],
               salience=1.0)
        for name in names
    ]
    return EnrichedArticle(article=clean, sentences=[(0, len(text))], entities=entities, numbers=[], nlp_model="t")


def race(articles: list[EnrichedArticle], seed: int, partitions: int = 4, burst: bool = True) -> RacingStories:
    stories = RacingStories(OPTIONS, partitions, seed)
    if burst:
        stories.arrive(articles)
        stories.deliver_all()
    else:
        for one in articles:
            stories.arrive([one])
            stories.deliver_all()
    return stories


def test_a_bridging_article_merges_two_stories_into_the_earliest() -> None:
    early, late = article("early", "p", T0), article("late", "q", T0 + timedelta(hours=1))
    bridge = article("bridge", "pq", T0 + timedelta(hours=2))
    stories = race([late, early, bridge], seed=1, burst=False)
    assert partition_of(stories.published) == {"early": frozenset({"early", "late", "bridge"})}
    updates = [o.value for o in stories.published if isinstance(o.value, StoryUpdate)]
    last_of_late = max((u for u in updates if u.story_id == "late"), key=lambda u: u.version)
    assert (last_of_late.merged_into, last_of_late.articles) == ("early", [])
    assert "late" in final_stories(stories.published)["early"].merged_from


def test_events_published_before_a_merge_keep_their_story_id_and_the_merge_says_where_it_went() -> None:
    late, early = article("late", "q", T0 + timedelta(hours=1)), article("early", "p", T0)
    stories = race([late, early, article("bridge", "pq", T0 + timedelta(hours=2))], seed=2, burst=False)
    late_events = {o.value.story_id for o in stories.published
                   if isinstance(o.value, EntityEvent) and o.value.article_id == "late"}
    assert late_events == {"late"}
    merged = {o.value.story_id: o.value.merged_into for o in stories.published
              if isinstance(o.value, StoryUpdate) and o.value.merged_into}
    assert merged == {"late": "early"}
    latest = latest_updates(o.value for o in stories.published if isinstance(o.value, StoryUpdate))
    assert survivor("late", latest) == "early"


@pytest.mark.parametrize("seed", range(12))
def test_any_delivery_order_gives_the_same_stories(seed: int) -> None:
    articles = [
        article("a", "p", T0), article("b", "pq", T0 + timedelta(hours=5)), article("c", "q", T0 + timedelta(hours=1)),
        article("d", "r", T0 + timedelta(hours=2)), article("e", "r", T0 + timedelta(hours=3)),
        article("f", "q", T0 + timedelta(hours=4)),
    ]
    expected = {"a": frozenset("abcf"), "d": frozenset("de")}
    assert partition_of(race(articles, seed).published) == expected
    assert partition_of(race(list(reversed(articles)), seed, burst=False).published) == expected


def test_two_write_ups_routed_in_the_same_instant_are_one_story() -> None:
    for seed in range(20):
        stories = race([article("one", "p"), article("two", "p")], seed)
        assert partition_of(stories.published) == {"one": frozenset({"one", "two"})}


@pytest.mark.parametrize("settle_s", [0.0, 2.0])
def test_with_a_settle_time_write_ups_routed_together_publish_under_one_story_without_a_merge(settle_s: float) -> None:
    merges = 0
    for seed in range(20):
        stories = RacingStories(OPTIONS.model_copy(update={"settle_s": settle_s}), 4, seed)
        # The later write-up (by id, at the same time) is routed first: it reaches the shards first and finds
        # nothing, so only the earlier one learns of the link, after the later one may have published.
        stories.arrive([article("two", "p"), article("one", "p")])
        stories.deliver_all()
        assert partition_of(stories.published) == {"one": frozenset({"one", "two"})}
        merges += sum(1 for o in stories.published if isinstance(o.value, StoryUpdate) and o.value.merged_into)
        assert {o.value.story_id for o in stories.published if isinstance(o.value, EntityEvent)} <= {"one", "two"}
    if settle_s:
        assert merges == 0
    else:
        assert merges > 0, "without settling, some delivery orders publish the later write-up first"


def test_every_arrival_order_in_memory_gives_the_same_stories() -> None:
    articles = [article("a", "p", T0), article("b", "pq", T0 + timedelta(hours=1)), article("c", "q", T0),
                article("d", "r", T0)]
    results = set()
    for order in itertools.permutations(articles):
        stories = EmbeddedStories(OPTIONS, partitions=2)
        published = [output for one in order for output in stories.process(one)]
        results.add(frozenset(partition_of(published).items()))
    assert results == {frozenset({"a": frozenset("abc"), "d": frozenset("d")}.items())}


def test_the_window_runs_from_the_latest_article_of_a_story() -> None:
    # Each article within 72 h of the one before: one story over six days; 73 h of silence: a new one.
    times = [T0, T0 + timedelta(hours=60), T0 + timedelta(hours=120), T0 + timedelta(hours=193)]
    articles = [article(f"day{i}", "p", at) for i, at in enumerate(times)]
    stories = race(articles, seed=3, burst=False)
    assert partition_of(stories.published) == {
        "day0": frozenset({"day0", "day1", "day2"}), "day3": frozenset({"day3"}),
    }


def test_a_late_article_that_fills_a_gap_joins_both_sides() -> None:
    times = [T0, T0 + timedelta(hours=100)]
    stories = race([article("before", "p", times[0]), article("after", "p", times[1])], seed=4, burst=False)
    assert len(partition_of(stories.published)) == 2
    stories.arrive([article("between", "p", T0 + timedelta(hours=50))])
    stories.deliver_all()
    assert partition_of(stories.published) == {"before": frozenset({"before", "between", "after"})}


def test_unrelated_articles_stay_apart_however_many() -> None:
    articles = [article("x", "p"), article("y", "q"), article("z", "r")]
    assert partition_of(race(articles, seed=5).published) == {
        "x": frozenset({"x"}), "y": frozenset({"y"}), "z": frozenset({"z"}),
    }


@pytest.mark.parametrize("seed", range(6))
def test_articles_arriving_within_the_allowed_lateness_get_the_stories_of_time_order(seed: int) -> None:
    # Two chains of daily articles over ten days, arriving in random order but never more than a day late.
    rng = random.Random(seed)
    articles = [article(f"{group}{day}", group, T0 + timedelta(days=day, hours=rng.randrange(12)))
                for day in range(10) for group in "pq"]
    late = sorted(articles, key=lambda a: a.article.published_at + timedelta(hours=rng.randrange(24)))
    options = StoriesOptions(min_similarity=0.3, window_hours=36, lateness_hours=24)
    in_time = RacingStories(options, 4, seed)
    for one in sorted(articles, key=lambda a: a.article.published_at):
        in_time.arrive([one])
        in_time.deliver_all(sweep_every=5)
    out_of_order = RacingStories(options, 4, seed)
    for one in late:
        out_of_order.arrive([one])
        out_of_order.deliver_all(sweep_every=5)
    expected = {"p0": frozenset(f"p{day}" for day in range(10)), "q0": frozenset(f"q{day}" for day in range(10))}
    assert partition_of(in_time.published) == expected
    assert partition_of(out_of_order.published) == expected


def test_a_long_story_lists_its_latest_articles_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("services.stories.home.MAX_KEPT_ARTICLES", 3)
    articles = [article(f"a{hour:02d}", "p", T0 + timedelta(hours=hour)) for hour in range(6)]
    stories = race(articles, seed=7, burst=False)
    assert partition_of(stories.published) == {"a00": frozenset({"a03", "a04", "a05"})}


def test_the_article_is_kept_apart_from_its_progress_row_and_only_until_it_is_published() -> None:
    """The progress row is rewritten on every answer and notice: it carries references, never the article."""
    stories = RacingStories(StoriesOptions(min_similarity=0.3, window_hours=72, settle_s=60.0), 4, seed=3)
    stories.arrive([article("a", "p"), article("b", "pq")])
    stories.deliver_all(settle=False)
    rows = dict(stories.decisions_table.items())
    waiting = [key for key in rows if key.startswith("~registration/")]
    assert waiting, "the registrations should be held while the articles wait for their links"
    for article_id in ("a", "b"):
        assert "registration" not in rows[article_id]
        assert rows[article_id]["story_id"] is None
    stories.now += timedelta(hours=2)
    stories.deliver_all()
    assert not [key for key in stories.decisions_table if key.startswith("~registration/")]
    assert partition_of(stories.published) == {"a": frozenset("ab")}
