"""Which names are countries: ISO 3166 (``pycountry``: current and historic countries, short, common and official
names), the home nations that field teams of their own, and the states of the alias table (``aliases.py``); and which
are a country's regions (ISO 3166-2).

Used by the type rules (``type_rules.py``): a country's name is a place whatever the model says, and a team named by
a country is a national team, a place in news typing (CoNLL's too), where a team named by its town is a club.
"""

from __future__ import annotations

from functools import cache

import pycountry

from services.enricher.aliases import STATE_ALIASES
from services.enricher.canonical import name_key

HOME_NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
MORE_STATES = ("Zaire", "Yugoslavia", "Czechoslovakia", "Kosovo", "Palestine", "Macedonia", "Bosnia", "Holland")
"""Short names ISO lists under another name, or not at all, that news of any decade uses."""


@cache
def country_keys() -> frozenset[str]:
    names: list[str] = [*HOME_NATIONS, *MORE_STATES]
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                # "Korea, Republic of" → "Korea": ISO's inverted forms put the short name first.
                names.append(value.split(",")[0])
    names += STATE_ALIASES
    return frozenset(name_key(name) for name in names)


def is_country(name: str) -> bool:
    return name_key(name) in country_keys()


@cache
def region_keys() -> frozenset[str]:
    """The names of every country's first-level regions (ISO 3166-2: "Texas", "Bavaria", "Kerala")."""
    return frozenset(name_key(subdivision.name.split(",")[0]) for subdivision in pycountry.subdivisions)


def is_place(name: str) -> bool:
    """A country or a country's region by its ISO name."""
    key = name_key(name)
    return key in country_keys() or key in region_keys()
