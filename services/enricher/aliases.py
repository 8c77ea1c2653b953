"""Aliases and formal names: the other names of one state or organisation, joined before the key is made.

``canonical.py`` folds spellings ("U.S." = "US"); it cannot know that "US" and "United States" name one state,
or that "the Republic of Belarus" is Belarus. This table does, for the states and organisations that news names
by an abbreviation or a formal name. An alias maps to the folded form of its entry's name; the key of every form
is then that name's (``canonical_key("GPE", "U.S.") == canonical_key("GPE", "United States of America")``).
The display name (``Entity.canonical_name``) stays a form the article wrote.

Formal state names: a leading "Republic of", "Kingdom of", "State of", "Federal Republic of", ... is dropped
("the Republic of Belarus" → Belarus, "Kingdom of Saudi Arabia" → Saudi Arabia), except where the short name is
another state or ambiguous (``FORMAL_EXCEPTIONS``: "Republic of China" is Taiwan, "Republic of Korea" South
Korea, "Republic of the Congo" is not the Democratic Republic of the Congo).

Choices, because a key cannot tell two entities of one name apart (``tests/unit/enricher/test_aliases.py``):

- "Britain", "Great Britain", "UK" → United Kingdom: news uses them for one state (Great Britain strictly leaves
  out Northern Ireland, which keeps its own key).
- "America" is not joined to the United States (the continents), nor "Holland" to the Netherlands (a region).
- "Georgia" (the country, the US state, a given name) is one key, ``place:georgia``: nothing in a name tells them
  apart and a guess would split one of them. "Washington" the city and a person called Washington, "Jordan" the
  country and a person, differ by class (``place:`` / ``person:``) as before; no alias joins them.
- Only unambiguous abbreviations are listed: "EC" (European Commission, European Community) and "WHO" (a pronoun
  in headlines in capitals) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

STATE_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain",
                       "United Kingdom of Great Britain and Northern Ireland"),
    "Russia": ("Russian Federation",),
    "Soviet Union": ("USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"),
    "China": ("PRC", "People's Republic of China", "Mainland China"),
    "Taiwan": ("Republic of China",),
    "South Korea": ("Republic of Korea", "ROK"),
    "North Korea": ("DPRK", "Democratic People's Republic of Korea"),
    "United Arab Emirates": ("UAE", "U.A.E."),
    "Democratic Republic of the Congo": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo"),
    "Switzerland": ("Swiss Confederation",),
    "Vatican": ("Holy See", "Vatican City"),
    "Czech Republic": ("Czechia",),
    "Myanmar": ("Burma",),
    "Ivory Coast": ("Cote d'Ivoire", "Côte d'Ivoire"),
}
"""State → its aliases and formal names, as written (folded when the table is built)."""

ORGANISATION_ALIASES: dict[str, tuple[str, ...]] = {
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N."),
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Nato"),
    "International Monetary Fund": ("IMF",),
    "World Trade Organization": ("WTO", "World Trade Organisation"),
    "European Central Bank": ("ECB",),
    "Federal Reserve": ("Fed", "U.S. Federal Reserve", "US Federal Reserve", "Federal Reserve Board"),
    "OPEC": ("Organization of the Petroleum Exporting Countries", "Organisation of the Petroleum Exporting Countries",
             "Organization of Petroleum Exporting Countries"),
    "Federal Bureau of Investigation": ("FBI",),
    "Central Intelligence Agency": ("CIA",),
    "World Bank": ("International Bank for Reconstruction and Development",),
    "World Health Organization": ("World Health Organisation",),
    "Association of Southeast Asian Nations": ("ASEAN", "Asean"),
    "Palestine Liberation Organization": ("PLO", "Palestine Liberation Organisation"),
}
"""Organisation → its abbreviations and other names."""

ALIASES = {**STATE_ALIASES, **ORGANISATION_ALIASES}

FORMAL_PREFIXES = (
    "republic of", "kingdom of", "state of", "federal republic of", "islamic republic of", "arab republic of",
    "democratic republic of", "socialist republic of", "principality of", "grand duchy of", "sultanate of",
    "commonwealth of", "hashemite kingdom of", "federal democratic republic of", "united republic of",
    "peoples republic of", "bolivarian republic of", "plurinational state of", "emirate of",
)
"""Folded formal-name openings a state's short name follows: "the Republic of Belarus" → "belarus"."""

FORMAL_EXCEPTIONS = frozenset({"republic of the congo", "republic of congo", "republic of china", "republic of korea",
                               "democratic republic of the congo", "democratic republic of congo"})
"""Folded formal names whose tail is another state or ambiguous: the table above, or no rule, decides them."""

_FORMAL = re.compile(r"^(?:" + "|".join(sorted(FORMAL_PREFIXES, key=len, reverse=True)) + r") (?:the )?(?=\w)")


def build_alias_map(fold: Callable[[str], str]) -> dict[str, str]:
    """Folded alias → folded name, with every entry's name mapping to itself."""
    folded: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        target = fold(name)
        for form in (name, *aliases):
            key = fold(form)
            if folded.get(key, target) != target:
                raise ValueError(f"alias {form!r} names two entries: {folded[key]!r} and {target!r}")
            folded[key] = target
    return folded


def strip_formal(folded: str) -> str:
    """A folded state name without its formal opening; unchanged for the exceptions and anything else."""
    if folded in FORMAL_EXCEPTIONS:
        return folded
    return _FORMAL.sub("", folded, count=1)
