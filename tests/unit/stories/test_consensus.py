"""Number consensus in story updates: what sources agree on, and where they conflict."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.expiry import ExpiryIndex
from services.config import StoriesOptions
from services.contract.messages import StoryUpdate
from services.runtime.json_rows import JsonRows
from services.stories.home import StoryHomes
from services.stories.protocol import MemberFact, StoryMember

SEEN = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)
PARDONED = {"predicate": "pardon", "counted": "prisoner", "kind": "count", "unit": None}


def member(article_id: str, source: str, *facts: MemberFact) -> StoryMember:
    return StoryMember(story_id="s", article_id=article_id, source=source, title=None, seen_at=SEEN, entities=[],
                       facts=list(facts))


def updates(*members: StoryMember) -> list[StoryUpdate]:
    homes = StoryHomes(JsonRows(), ExpiryIndex(JsonRows()), StoriesOptions())
    return [output.value for m in members for output in homes.handle(m, 0)]


def test_two_sources_stating_one_value_agree_and_a_third_with_another_conflicts() -> None:
    *_, agreeing, conflicting = updates(
        member("a", "pravda", MemberFact(value=123, **PARDONED)),
        member("b", "rt", MemberFact(value=123, **PARDONED)),
        member("c", "wire", MemberFact(value=120, **PARDONED)),
    )
    (fact,) = agreeing.numbers
    assert (fact.predicate, fact.counted, fact.agreement) == ("pardon", "prisoner", "agree")
    assert [(v.value, v.sources) for v in fact.values] == [(123, ["pravda", "rt"])]
    (fact,) = conflicting.numbers
    assert fact.agreement == "conflict"
    assert [(v.value, v.sources, v.articles) for v in fact.values] == [
        (123, ["pravda", "rt"], ["a", "b"]), (120, ["wire"], ["c"])
    ]


def test_a_fact_one_source_states_twice_is_no_consensus() -> None:
    *_, last = updates(
        member("a", "pravda", MemberFact(value=123, **PARDONED)),
        member("b", "pravda", MemberFact(value=123, **PARDONED)),
    )
    assert last.numbers == []


def test_dates_and_years_are_not_compared() -> None:
    year = {"predicate": "sentence", "counted": None, "kind": "year", "unit": None}
    *_, last = updates(member("a", "x", MemberFact(value=2021, **year)), member("b", "y", MemberFact(value=2020, **year)))
    assert last.numbers == []


def test_a_redelivered_member_republishes_the_same_version() -> None:
    first, again = updates(member("a", "x"), member("a", "x"))
    assert again == first
