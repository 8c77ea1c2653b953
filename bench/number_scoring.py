"""Scoring number facts against expected quantities, the same way for every system (pure).

- **Pairing**: a fact pairs with an expected quantity when their character spans overlap and the fact holds the
  expected value (relative tolerance 1e-6). Each fact and each expected quantity pair at most once; an expected
  quantity takes the unpaired candidate with the widest overlap.
- **Ranges**: a range fact (``low`` and ``high``: "3 to 4 L", "40 - 50 years old") holds its midpoint, its low and
  its high end, so it pairs with whichever the spec expects: quantulum3 expects the midpoint (3.5), Recognizers-Text
  the end it annotates ("50 years old" = 50). Still one expected quantity per fact. A system that reads a range as
  two separate numbers pairs where the spec annotates them separately and not where it expects the midpoint.
- **Recall**: paired expected quantities / expected. **Precision**: paired facts / facts in the spec's scope.
  A fact is in scope when it overlaps an expected quantity or is of a kind the spec annotates every instance of
  (money in Currency, …; every kind in Number and quantulum3): a count of workers in a Currency sentence is a
  number the spec does not annotate, not a false money reading. **F1**: their harmonic mean. Pooled over specs by
  summing the counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bench.number_specs import Expected, Spec, UnitTarget, unit_target

REL_TOL = 1e-6


@dataclass(frozen=True, slots=True)
class Found:
    """One system's reading of a number, in our vocabulary (kind, unit) and the spec's value convention."""

    start: int
    end: int
    text: str
    value: float
    kind: str
    unit: str | None = None
    counted: str | None = None
    low: float | None = None
    high: float | None = None
    number_event: bool = True
    """Published as a number fact: False for the enricher's ``dates_and_ordinals``, which are read but not
    published on ``news.numbers``. Every other system's readings are all the numbers it gives."""


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def same_value(expected: float, got: float, rel_tol: float = REL_TOL) -> bool:
    return math.isclose(got, expected, rel_tol=rel_tol)


def values_held(f: Found) -> tuple[float, ...]:
    """The value, and for a range its low end, its high end and their midpoint."""
    if f.low is None or f.high is None:
        return (f.value,)
    return f.value, f.low, f.high, (f.low + f.high) / 2


def holds(f: Found, expected: float) -> bool:
    return any(same_value(expected, v) for v in values_held(f))


def match(expected: Sequence[Expected], found: Sequence[Found]) -> tuple[int | None, ...]:
    """For each expected quantity, the index of the fact paired with it, or None (see the module doc)."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for e in expected:
        candidates = [
            (min(e.end, f.end) - max(e.start, f.start), i) for i, f in enumerate(found)
            if i not in used and overlaps(e.start, e.end, f.start, f.end) and (e.value is None or holds(f, e.value))
        ]
        best = max(candidates, default=None)
        pairs.append(None if best is None else best[1])
        if best is not None:
            used.add(best[1])
    return tuple(pairs)


def in_scope(spec: Spec, f: Found, expected: Sequence[Expected]) -> bool:
    return spec.tested_kinds is None or f.kind in spec.tested_kinds or \
        any(overlaps(e.start, e.end, f.start, f.end) for e in expected)


def agreement(target: UnitTarget, found: Found) -> tuple[bool, bool | None]:
    """(kind agrees, unit agrees); the unit is None (not scored) when the target names no unit."""
    kind, unit = target
    return found.kind == kind, (None if unit is None else found.unit == unit)


@dataclass(frozen=True, slots=True)
class CaseResult:
    text: str
    expected: tuple[Expected, ...]
    found: tuple[Found, ...]
    pairs: tuple[int | None, ...]

    def overlapping(self, e: Expected) -> list[Found]:
        return [f for f in self.found if overlaps(e.start, e.end, f.start, f.end)]


def case_result(text: str, expected: Sequence[Expected], found: Sequence[Found]) -> CaseResult:
    return CaseResult(text, tuple(expected), tuple(found), match(expected, found))


@dataclass(frozen=True, slots=True)
class Miss:
    text: str
    expected: Expected
    overlapping: tuple[Found, ...]
    """Facts over the quantity with another value."""


@dataclass(frozen=True, slots=True)
class UnitCheck:
    data_unit: str
    target: UnitTarget
    found: Found
    kind_ok: bool
    unit_ok: bool | None


@dataclass
class Score:
    expected: int = 0
    spanned: int = 0
    """Expected quantities some fact overlaps, whatever its value."""
    matched: int = 0
    facts: int = 0
    scoped: int = 0
    """Facts in the spec's scope."""
    scoped_matched: int = 0
    misses: list[Miss] = field(default_factory=list)
    paired: list[tuple[str, Expected, Found]] = field(default_factory=list)
    """The input, each paired expected quantity and its fact."""
    unpaired: list[tuple[str, Found]] = field(default_factory=list)
    """In-scope facts nothing paired with: the precision losses."""
    unit_checks: list[UnitCheck] = field(default_factory=list)
    counted: list[tuple[str, Expected, Found | None]] = field(default_factory=list)
    """Labelled counted-noun cases: the input, the quantity and the fact over it (the paired one, else the first
    overlapping one), if any."""

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.expected)

    @property
    def precision(self) -> float:
        return ratio(self.scoped_matched, self.scoped)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__))


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(spec: Spec, results: Iterable[CaseResult]) -> Score:
    s = Score()
    for r in results:
        paired = {i for i in r.pairs if i is not None}
        s.facts += len(r.found)
        s.matched += len(paired)
        for i, f in enumerate(r.found):
            if in_scope(spec, f, r.expected):
                s.scoped += 1
                s.scoped_matched += i in paired
                if i not in paired:
                    s.unpaired.append((r.text, f))
        for e, pair in zip(r.expected, r.pairs, strict=True):
            overlapping = r.overlapping(e)
            s.expected += 1
            s.spanned += bool(overlapping)
            fact = r.found[pair] if pair is not None else None
            if fact is None:
                s.misses.append(Miss(r.text, e, tuple(overlapping)))
            else:
                s.paired.append((r.text, e, fact))
            if fact is not None and e.unit is not None:
                target = unit_target(e.unit, spec.unit_map, spec.default_kind)
                s.unit_checks.append(UnitCheck(e.unit, target, fact, *agreement(target, fact)))
            if e.counted_labelled:
                s.counted.append((r.text, e, fact or next(iter(overlapping), None)))
    return s
