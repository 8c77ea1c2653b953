"""Whether a text is sports copy: there a town's name is often its club's ("Leeds beat Chelsea 2-1").

No spaCy here: the stories stage asks too (``type_votes.copy_kind_of``).
"""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    """The words of a text block: long word lists read better as prose than as quoted items."""
    return frozenset(text.split())


SPORTS_WORDS = _word_set("""
soccer football cricket tennis baseball basketball rugby golf hockey athletics cycling boxing
match matches goal goals goalless halftime half-time innings inning wicket wickets batting bowling bowled batsman
league championship tournament seed seeded standings striker midfielder defender goalkeeper homer homers pitcher
semifinal semifinals quarterfinal quarter-final semi-final playoff playoffs coach captain squad stadium olympic
medal medals race lap laps par birdie bogey rbi strikeouts scored
""")
SPORTS_MIN_WORDS = 2
"""Distinct sports words that make a text sports copy: chosen on CoNLL train, where Reuters' slug tells the sports
stories (agreement with the slug on train and dev: ``bench/reports/entity_typing.md``)."""

_WORD = re.compile(r"[a-z][a-z-]*")


def is_sports_copy(text: str) -> bool:
    words = set(_WORD.findall(text.lower()))
    return len(words & SPORTS_WORDS) >= SPORTS_MIN_WORDS
