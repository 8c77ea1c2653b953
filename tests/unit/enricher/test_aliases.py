"""Aliases and formal names join one state or organisation's names; distinct entities keep distinct keys."""

from __future__ import annotations

import pytest

from services.enricher.aliases import ORGANISATION_ALIASES, STATE_ALIASES, build_alias_map
from services.enricher.canonical import canonical_key, fold_name


@pytest.mark.parametrize(("name", "aliases"), sorted(STATE_ALIASES.items()))
def test_every_name_of_a_state_has_its_key(name: str, aliases: tuple[str, ...]) -> None:
    assert {canonical_key("GPE", form) for form in aliases} == {canonical_key("GPE", name)}


@pytest.mark.parametrize(("name", "aliases"), sorted(ORGANISATION_ALIASES.items()))
def test_every_name_of_an_organisation_has_its_key(name: str, aliases: tuple[str, ...]) -> None:
    assert {canonical_key("ORG", form) for form in aliases} == {canonical_key("ORG", name)}


@pytest.mark.parametrize(
    ("forms", "key"),
    [
        (("US", "U.S.", "USA", "United States", "the United States", "United States of America"),
         "place:united states"),
        (("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"), "place:united kingdom"),
        (("the Republic of Belarus", "Republic of Belarus", "Belarus"), "place:belarus"),
        (("Kingdom of Saudi Arabia", "Saudi Arabia"), "place:saudi arabia"),
        (("Kingdom of the Netherlands", "the Netherlands"), "place:netherlands"),
        (("People's Republic of China", "China", "PRC"), "place:china"),
        (("Islamic Republic of Iran", "Iran"), "place:iran"),
        (("Russian Federation", "Russia"), "place:rusia"),  # a fold, for machines: the display name stays Russia
    ],
)
def test_the_issue_s_forms_meet(forms: tuple[str, ...], key: str) -> None:
    assert {canonical_key("GPE", form) for form in forms} == {key}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("US", "UK"),
        ("United States", "America"),  # the continents: not joined
        ("United Kingdom", "Northern Ireland"),
        ("Republic of Ireland", "Northern Ireland"),
        ("Republic of China", "China"),  # Taiwan
        ("Republic of Korea", "North Korea"),
        ("Republic of Korea", "Democratic People's Republic of Korea"),
        ("Republic of the Congo", "Democratic Republic of the Congo"),
        ("Niger", "Nigeria"),
        ("Sudan", "South Sudan"),
        ("Guinea", "Equatorial Guinea"),
        ("Dominica", "Dominican Republic"),
        ("Austria", "Australia"),
        ("Soviet Union", "Russia"),
        ("Netherlands", "Holland"),  # a region as well: not joined
        ("Jordan", "Michael Jordan"),
    ],
)
def test_distinct_places_stay_apart(left: str, right: str) -> None:
    assert canonical_key("GPE", left) != canonical_key("GPE", right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("ORG", "European Union"), ("ORG", "European Commission")),
        (("ORG", "United Nations"), ("ORG", "UN Security Council")),
        (("ORG", "Federal Reserve"), ("ORG", "Federal Reserve Bank of New York")),
        (("ORG", "World Bank"), ("ORG", "World Health Organization")),
        (("PERSON", "Washington"), ("GPE", "Washington")),  # George Washington's surname, the city: two classes
        (("PERSON", "Jordan"), ("GPE", "Jordan")),
        (("GPE", "Washington"), ("GPE", "United States")),  # the capital stands for the state; it is still a city
        (("ORG", "Bank of the Republic of Belarus"), ("GPE", "Belarus")),
    ],
)
def test_distinct_entities_stay_apart(left: tuple[str, str], right: tuple[str, str]) -> None:
    assert canonical_key(*left) != canonical_key(*right)


def test_georgia_is_one_key_whichever_georgia_is_meant() -> None:
    # The country and the US state: nothing in the name tells them apart, and a guess would split one of them.
    assert canonical_key("GPE", "Georgia") == "place:georgia"
    assert canonical_key("GPE", "Republic of Georgia") == "place:georgia"


def test_a_formal_opening_is_dropped_only_at_the_start() -> None:
    assert canonical_key("ORG", "Union of Poles in Belarus") == "org:union of poles in belarus"
    assert canonical_key("ORG", "Central Bank of the Republic of Turkey").startswith("org:central bank of the republic")


def test_the_grouping_fold_does_not_join_aliases() -> None:
    # Within an article, "US" and "United States" are two groups that end with one key (entities.py merges them).
    assert fold_name("US") == "us"


def test_an_alias_naming_two_entries_is_refused() -> None:
    with pytest.raises(ValueError, match="names two entries"):
        build_alias_map(lambda name: "us" if name in ("US", "UK") else name)
