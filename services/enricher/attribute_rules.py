"""spaCy's ``attribute_ruler``, with its one-token rules looked up instead of matched.

The English model's attribute ruler holds 179 rules (the tag map: TAG → POS and MORPH, and exceptions such as
"'d" as *would*). spaCy's ``Matcher`` tries every rule at every token: in the enricher's parse of the sentences with
numbers it cost as much as ``tok2vec`` (``bench.enricher_speed``). Nearly every rule is one token whose attributes are
fixed values (``{"TAG": "PRP", "LOWER": "him"}``, ``{"LOWER": {"IN": [...]}}``), so the rules a token meets are found
by looking its values up once per distinct token (a memo), and checked in full there. The rest (the two-token
rules, and any rule with an operator or attribute this module does not read) stay in a ``Matcher`` of their own,
run only on a doc that holds a value they need. The matches are then sorted and applied by the ruler's own
``set_annotations``, so the annotations are the ruler's to the bit (``tests/unit/enricher/test_attribute_rules.py``
compares them on news text). On the enricher's number sentences: 0.5 s against spaCy's 3.1 s for 65,000 tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
"""The token attributes a looked-up rule may test, in the column order of ``Doc.to_array``."""
_COLUMNS = tuple(_READ)

_MEMO_SIZE = 200_000
"""Token value rows remembered (about 100 bytes each), cleared when full."""

Check = Callable[[Sequence[int]], bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    rule_id: int
    """The rule's ordinal in the ruler: later rules win, as ``AttributeRuler.match`` sorts by it."""
    match_id: int
    checks: tuple[Check, ...]
    """The tests not answered by the lookup (``NOT_IN``, ``REGEX``)."""


class AttributeRules:
    """Called on a doc as the ruler's component is: sets TAG, POS, MORPH, LEMMA where the ruler would."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._ruler = ruler
        strings = ruler.vocab.strings
        self._tables: dict[tuple[int, ...], dict[tuple[int, ...], list[_Rule]]] = {}
        self._matcher = Matcher(ruler.vocab)
        self._looked_up = 0
        self._gates: list[frozenset[tuple[int, int]] | None] = []
        """Per matched pattern: (column, value) pairs one of which a doc must hold for it to match; None: any doc."""
        self._met: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        """The rules a token's values meet, by its values: news repeats them (this "the" is a "DT" "det")."""
        for rule_id, rule in enumerate(ruler.patterns):
            match_id = strings.add(str(rule_id))
            for pattern in rule["patterns"]:
                read = _read_one_token(pattern, strings.add, strings.__getitem__) if len(pattern) == 1 else None
                if read is None:
                    self._matcher.add(match_id, [pattern])
                    self._gates.append(_gate(pattern, strings.add))
                    continue
                fixed, checks = read
                columns = tuple(sorted(fixed))
                table = self._tables.setdefault(columns, {})
                for values in product(*(fixed[column] for column in columns)):
                    table.setdefault(values, []).append(_Rule(rule_id, match_id, tuple(checks)))
                self._looked_up += 1

    @property
    def looked_up(self) -> int:
        """How many of the ruler's patterns are looked up rather than matched."""
        return self._looked_up

    def __call__(self, doc: Doc) -> Doc:
        values = doc.to_array([_READ[name] for name in _COLUMNS])
        matches: list[tuple[int, int, int, int]] = []
        if self._may_match(values):
            matches += [(int(self._ruler.vocab.strings[match_id]), match_id, start, end)
                        for match_id, start, end in self._matcher(doc, allow_missing=True, as_spans=False)]
        met = self._met
        for i, row in enumerate(map(tuple, values.tolist())):
            if (rules := met.get(row)) is None:
                if len(met) >= _MEMO_SIZE:
                    met.clear()
                rules = met[row] = self._rules_met(row)
            matches.extend((rule_id, match_id, i, i + 1) for rule_id, match_id in rules)
        matches.sort()
        self._ruler.set_annotations(doc, matches)
        return doc

    def _may_match(self, values: numpy.ndarray) -> bool:
        """Whether a pattern left to the Matcher may match: it needs one of its gate's values in the doc."""
        if not self._gates:
            return False
        if any(gate is None for gate in self._gates):
            return True
        held = [set(column.tolist()) for column in values.T]
        return any(value in held[column] for gate in self._gates if gate for column, value in gate)

    def _rules_met(self, row: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        return tuple((rule.rule_id, rule.match_id) for columns, table in self._tables.items()
                     for rule in table.get(tuple(row[column] for column in columns), ())
                     if all(check(row) for check in rule.checks))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _gate(pattern: Sequence[Mapping[str, Any]], intern: Callable[[str], int]) -> frozenset[tuple[int, int]] | None:
    """The fixed values of the pattern's most selective token (equality or IN on a looked-up attribute), one of which
    a doc must hold for the pattern to match; None if no token has one. A token with an operator ("?", "*", "!") may
    be absent from a match: it gates nothing."""
    gates = []
    for token in pattern:
        values: set[tuple[int, int]] = set()
        if "OP" in token:
            continue
        for name, test in token.items():
            if name in _READ and name != "IS_SPACE" and isinstance(test, str):
                values = {(_COLUMNS.index(name), intern(test))}
            elif name in _READ and name != "IS_SPACE" and isinstance(test, dict) and set(test) == {"IN"} and not values:
                values = {(_COLUMNS.index(name), intern(value)) for value in test["IN"]}
        if values:
            gates.append(frozenset(values))
    return min(gates, key=len) if gates else None


def _read_one_token(pattern: Sequence[Mapping[str, Any]], intern: Callable[[str], int], text: Callable[[int], str]
                    ) -> tuple[dict[int, list[int]], list[Check]] | None:
    """The pattern's token as fixed values to look up (column → the values it may take; none: every token is looked
    at) and the other tests; None if it has a test this module does not read (another attribute or operator)."""
    (token,) = pattern
    fixed: dict[int, list[int]] = {}
    checks: list[Check] = []
    for name, test in token.items():
        if name not in _READ:
            return None
        column = _COLUMNS.index(name)
        if name == "IS_SPACE":
            if not isinstance(test, bool):
                return None
            fixed[column] = [int(test)]
        elif isinstance(test, str):
            fixed[column] = [intern(test)]
        elif isinstance(test, dict) and set(test) == {"IN"}:
            fixed[column] = [intern(value) for value in test["IN"]]
        elif isinstance(test, dict) and set(test) == {"NOT_IN"}:
            excluded = frozenset(intern(value) for value in test["NOT_IN"])
            checks.append(lambda row, column=column, excluded=excluded: row[column] not in excluded)
        elif isinstance(test, dict) and set(test) == {"REGEX"} and name != "IS_SPACE":
            # As spaCy's REGEX: re.search on the attribute's string; once per distinct token row (the memo)
            checks.append(lambda row, column=column, regex=re.compile(test["REGEX"]): regex.search(text(row[column]))
                          is not None)
        else:
            return None
    return fixed, checks
