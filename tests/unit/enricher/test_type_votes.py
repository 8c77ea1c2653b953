"""Cross-article type votes: one class per name and kind of copy, in a window, bounded, deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.contract.messages import CleanArticle, EnrichedArticle, Entity, Mention, PubStatus
from services.enricher.canonical import canonical_key, name_key
from services.enricher.type_votes import SPORTS, TypeVoteOptions, TypeVotes, copy_kind_of
from services.runtime.json_rows import JsonRows

DAY = datetime(2026, 3, 2, 12, tzinfo=UTC)


def entity(name: str, label: str, start: int = 0) -> Entity:
    return Entity(text=name, label=label, canonical_key=canonical_key(label, name), canonical_name=name,
                  mentions=[Mention(text=name, start=start, end=start + len(name), sentence=0)], salience=0.5)


def labels_of(entities: list[Entity]) -> dict[str, str]:
    return {e.canonical_name: e.label for e in entities}


def test_a_name_takes_the_class_most_recent_articles_gave_it() -> None:
    votes = TypeVotes(JsonRows())
    for article in ("a1", "a2", "a3"):
        votes.decide(article, DAY, [entity("Gazprom", "ORG")])
    [decided] = votes.decide("a4", DAY, [entity("Gazprom", "GPE")])  # ORG: 3 of 4 votes
    assert (decided.label, decided.canonical_key) == ("ORG", "org:gazprom")


def test_a_split_vote_keeps_the_article_s_own_label() -> None:
    votes = TypeVotes(JsonRows())
    votes.decide("a1", DAY, [entity("Minsk", "ORG")])
    votes.decide("a2", DAY, [entity("Minsk", "GPE")])
    # ORG has 1 of 3 votes, GPE 2 of 3 (below the 0.7 share a change needs): each keeps its own.
    assert labels_of(votes.decide("a3", DAY, [entity("Minsk", "ORG")])) == {"Minsk": "ORG"}
    assert labels_of(votes.decide("a4", DAY, [entity("Minsk", "GPE")])) == {"Minsk": "GPE"}


def test_the_label_within_the_winning_class_is_its_most_voted() -> None:
    votes = TypeVotes(JsonRows(), TypeVoteOptions(min_share=0.5))
    for article in ("a1", "a2", "a3"):
        votes.decide(article, DAY, [entity("Somerset", "GPE")])
    assert labels_of(votes.decide("a4", DAY, [entity("Somerset", "PERSON")])) == {"Somerset": "GPE"}


def test_votes_older_than_the_window_do_not_count() -> None:
    votes = TypeVotes(JsonRows(), TypeVoteOptions(window_days=7))
    for article in ("a1", "a2", "a3"):
        votes.decide(article, DAY, [entity("Belavia", "ORG")])
    assert labels_of(votes.decide("a4", DAY + timedelta(days=7), [entity("Belavia", "GPE")])) == {"Belavia": "ORG"}
    # A day later the three ORG votes are out of the window; the two GPE votes remain.
    assert labels_of(votes.decide("a5", DAY + timedelta(days=8), [entity("Belavia", "GPE")])) == {"Belavia": "GPE"}


def test_sports_copy_votes_apart_from_the_rest() -> None:
    votes = TypeVotes(JsonRows())
    for article in ("s1", "s2", "s3"):
        votes.decide(article, DAY, [entity("Leeds", "ORG")], copy_kind=SPORTS)
    assert labels_of(votes.decide("n1", DAY, [entity("Leeds", "GPE")])) == {"Leeds": "GPE"}
    assert labels_of(votes.decide("s4", DAY, [entity("Leeds", "GPE")], copy_kind=SPORTS)) == {"Leeds": "ORG"}
    assert copy_kind_of("Leeds beat Chelsea 2-1 in the league; the striker scored twice.") == SPORTS
    assert copy_kind_of("Leeds city council raised taxes.") == ""


def test_every_event_carries_the_most_complete_name_seen_for_its_key() -> None:
    votes = TypeVotes(JsonRows())
    votes.decide("a1", DAY, [entity("US", "GPE")])
    votes.decide("a2", DAY, [entity("United States", "GPE")])
    [later] = votes.decide("a3", DAY, [entity("U.S.", "GPE")])
    assert (later.canonical_name, later.canonical_key) == ("United States", "place:united states")
    assert later.mentions[0].text == "U.S."  # the article's own words stay in its mentions


def test_entities_that_come_to_share_a_key_merge() -> None:
    votes = TypeVotes(JsonRows())
    for article in ("a1", "a2"):
        votes.decide(article, DAY, [entity("Chelsea", "ORG")])
    merged = votes.decide("a3", DAY, [entity("Chelsea", "ORG", 0), entity("Chelsea", "GPE", 40)])
    assert [(e.canonical_key, len(e.mentions)) for e in merged] == [("org:chelsea", 2)]


def test_a_redelivered_article_gets_the_same_decision_and_adds_no_votes() -> None:
    rows = JsonRows()
    votes = TypeVotes(rows)
    votes.decide("a1", DAY, [entity("Belaruskali", "ORG")])
    votes.decide("a2", DAY, [entity("Belaruskali", "ORG")])
    first = votes.decide("a3", DAY, [entity("Belaruskali", "NORP")])
    before = dict(rows.items())
    again = votes.decide("a3", DAY, [entity("Belaruskali", "NORP")])
    assert again == first and dict(rows.items()) == before


def test_the_same_sequence_gives_the_same_decisions_and_rows() -> None:
    def run() -> tuple[list[list[Entity]], dict[str, object]]:
        rows = JsonRows()
        votes = TypeVotes(rows, TypeVoteOptions(max_names=20))
        decided = [votes.decide(f"a{i}", DAY + timedelta(hours=i),
                                [entity(f"Name{i % 13}", "ORG" if i % 3 else "GPE"), entity("Leeds", "GPE")])
                   for i in range(60)]
        return decided, dict(rows.items())

    assert run() == run()


def test_the_table_is_bounded() -> None:
    rows = JsonRows()
    votes = TypeVotes(rows, TypeVoteOptions(max_names=50))
    for i in range(200):
        votes.decide(f"a{i}", DAY + timedelta(minutes=i), [entity(f"Company{i}", "ORG")])
        assert len(rows) <= 50
    # The latest names are kept.
    assert f"0/{name_key('Company199')}" in rows


def test_the_bound_holds_after_the_index_is_rebuilt_from_the_rows() -> None:
    rows = JsonRows()
    votes = TypeVotes(rows, TypeVoteOptions(max_names=30))
    for i in range(40):
        votes.decide(f"a{i}", DAY + timedelta(days=i), [entity(f"Company{i}", "ORG")])
    votes.forget_index()  # a rebalance: another worker may have written the rows
    for i in range(40, 60):
        votes.decide(f"a{i}", DAY + timedelta(days=i), [entity(f"Company{i}", "ORG")])
        assert len(rows) <= 30
    assert f"0/{name_key('Company59')}" in rows and f"0/{name_key('Company0')}" not in rows


def test_partitions_keep_their_own_rows() -> None:
    rows = JsonRows()
    votes = TypeVotes(rows)
    votes.decide("a1", DAY, [entity("Leeds", "ORG")], partition=0)
    votes.decide("a2", DAY, [entity("Leeds", "ORG")], partition=0)
    assert labels_of(votes.decide("a3", DAY, [entity("Leeds", "GPE")], partition=1)) == {"Leeds": "GPE"}
    assert all(key.startswith(("0/", "1/")) for key in rows)


def test_a_withdrawn_version_neither_votes_nor_changes() -> None:
    rows = JsonRows()
    votes = TypeVotes(rows)
    text = "Gazprom said so."
    article = CleanArticle(article_id="w1", source="wire", text=text, word_count=3, extractor="plain_text",
                           received_at=DAY, published_at=DAY, version=2, pub_status=PubStatus.CANCELED)
    withdrawn = EnrichedArticle(article=article, sentences=[(0, len(text))], entities=[entity("Gazprom", "GPE")],
                                numbers=[], nlp_model="t")
    assert votes.decide_article(withdrawn) is withdrawn
    assert len(rows) == 0
    usable = withdrawn.model_copy(update={"article": article.model_copy(update={"pub_status": None})})
    assert votes.decide_article(usable).entities[0].canonical_key == "place:gazprom"
    assert len(rows) == 2  # the name's votes and the article's decision
