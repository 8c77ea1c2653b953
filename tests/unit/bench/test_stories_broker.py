"""The stories broker benchmark's own logic: CPU from /proc, offsets, story updates of either tree, profiles, the
report."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import TopicPartition

from bench.stories_broker import (
    Articles,
    Bare,
    BrokerRun,
    Measured,
    Profile,
    Tree,
    by_kind,
    changelog_kind,
    collapsed_stacks,
    command_line,
    live_stories,
    profile_shares,
    records_between,
    report,
    story_articles,
    through_stories,
)


def update(story_id: str, version: int, articles: list[str], merged_into: str | None = None) -> bytes:
    value: dict[str, object] = {"story_id": story_id, "version": version, "articles": articles}
    if merged_into is not None:
        value["merged_into"] = merged_into
    return json.dumps(value).encode()


def test_records_between_sums_partitions_per_topic() -> None:
    before = {TopicPartition("a", 0): 5, TopicPartition("a", 1): 0, TopicPartition("b", 0): 2}
    after = {TopicPartition("a", 0): 9, TopicPartition("a", 1): 3, TopicPartition("b", 0): 2}
    assert records_between(before, after) == {"a": 7, "b": 0}


def test_changelog_topics_count_per_table_and_together() -> None:
    prefix = "bench-x."
    members = f"{prefix}stories-stories-members-changelog"
    articles = f"{prefix}stories-stories-articles-changelog"
    assert changelog_kind(members, prefix) == "changelog stories-members"
    kind_of = {f"{prefix}stories.probes": "stories_probes", members: changelog_kind(members, prefix),
               articles: changelog_kind(articles, prefix)}
    counts = by_kind({f"{prefix}stories.probes": 4, members: 10, articles: 5}, kind_of)
    assert counts == {"stories_probes": 4, "changelog stories-members": 10, "changelog stories-articles": 5,
                      "changelogs": 15}


def test_story_updates_of_either_tree_are_read_alike() -> None:
    assert story_articles(update("a", 1, ["a", "b"])) == ("a", ["a", "b"], False)
    assert story_articles(update("c", 2, [], merged_into="a")) == ("c", [], True)
    updates = [
        update("a", 1, ["a"]),
        update("c", 1, ["c"]),
        update("a", 2, ["a", "b"]),
        update("c", 2, [], merged_into="a"),  # the new code's merge
        update("d", 1, ["d"]),  # the old code: no merged_into field at all
    ]
    assert live_stories(updates) == 2
    assert live_stories(reversed(updates)) == 2, "the highest version counts, whatever the order read"


STACKS = """\
MainThread;run (faust/worker.py:10);handle (services/stories/decision.py:80);validate (pydantic/main.py:5) 6
MainThread;run (faust/worker.py:10);links (services/stories/shards.py:92) 3
MainThread;run (faust/worker.py:10);write (asyncio/selector_events.py:1057) 10
MainThread;idle (somewhere/else.py:1) 1
"""


def test_py_spy_stacks_go_to_their_innermost_known_place() -> None:
    stacks = collapsed_stacks(STACKS + "\n")
    assert [count for _, count in stacks] == [6, 3, 10, 1]
    assert profile_shares(stacks) == {
        "pydantic (messages, table rows)": 0.3,  # called by a decision: the innermost known frame counts
        "stories: shards": 0.15,
        "event loop and sockets (asyncio, selectors)": 0.5,
        "other": 0.05,  # no known frame at all
    }
    assert through_stories(stacks) == {"decision": 0.3, "shards": 0.15}


def bare(side: str, cpu_ms: float, stories: int) -> Bare:
    seconds = cpu_ms * 300 / 1000
    return Bare(side, [seconds, seconds * 1.1, seconds * 0.9], 300, stories,
                {"profile": 0.3, "route": 0.03, "shard": 2.0, "decisions": 1.2, "homes": 0.15,
                 "total": seconds}, {"stories_probes": 1200, "stories": 300}, {"window_hours": 72.0})


def test_bare_steps_add_up_to_the_instrumented_pass() -> None:
    steps = bare("new", 15.0, 268).stage_ms()
    assert round(sum(steps.values()), 6) == 15.0
    assert round(steps["shard"], 6) == round(1000 * 2.0 / 300, 6)


def run(side: str, round_: int, cpu_ms: float, stories: int) -> BrokerRun:
    return BrokerRun(
        side=side, round=round_, articles=300, told=300, cpu_s=cpu_ms * 0.3, idle_cpu_per_s=0.01, drain_s=60,
        wall_s=30, latencies_s=[1.0, 2.0, 3.0], written={"stories_probes": 1200, "changelogs": 7000},
        records={"stories_probes": 1200, "stories_decisions": 1500, "changelog stories-members": 1200,
                 "changelogs": 1200},
        kilobytes={"stories_probes": 6000, "changelog stories-members": 6000, "changelogs": 6000},
        timer={"stories_decisions": 400}, stories=stories,
    )


def test_the_report_compares_old_and_new_in_one_table_and_says_whether_the_target_holds() -> None:
    measured = Measured(
        command=command_line(["--articles", "300", "--report", "a report.md"]),
        date=datetime(2025, 12, 14, 12, 0, tzinfo=UTC), load_start=(1.0, 2.0, 3.0), load_end=(2.0, 2.0, 3.0),
        articles=Articles([], "300 test articles"),
        trees={"old": Tree("old", Path("old"), "0ca5dc4"), "new": Tree("new", Path("."), "abcdef0")},
        runs=[run("old", 1, 40, 280), run("new", 1, 60, 268), run("old", 2, 44, 279), run("new", 2, 62, 268)],
        bares={"old": bare("old", 20, 193), "new": bare("new", 15, 268)},
        profiles=[Profile("new", 65.0, 3000, {"stories: shards": 0.07}, {"shards": 0.12})],
        seconds=420,
    )
    text = report(measured)
    assert text.startswith("# Stories stage")
    assert "`python -m bench.stories_broker --articles 300 --report 'a report.md'`" in text
    assert "| old (run 1) | 40.0 |" in text and "| new (run 2) | 62.0 |" in text
    assert "| **new, mean of runs** | 61.0 |" in text
    assert "| bare old (`EmbeddedStories`) | 20.0 |" in text
    assert "**1.45×**" in text and "is not met" in text
    assert "old 280 stories on the broker, 193 bare" in text
    assert "| stories: shards | 7% |" in text
    assert "| stories-members | 4.0 | 20.0 | 4.0 | 20.0 |" in text
