"""Number-fact quality of the enricher on quantulum3 and Microsoft Recognizers-Text (English) test cases.

    python -m bench.number_quality [--eval-dir DIR] [--report bench/reports/number_quality.md]

Every test input goes through ``Enricher(EnricherOptions()).enrich`` as one ``CleanArticle``. An expected quantity
is found when a fact's character span overlaps it, and its value is right when that fact's normalised value equals
the expected one (relative tolerance 1e-6); facts and expected quantities pair one to one. Percentages compare in
points on both sides (the enricher gives 35 for "35%", so do the data). Durations of the DateTime model compare in
seconds (the data's resolution; the enricher's value times its unit). Read at run time from
``../shared/eval`` (MIT); skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

from bench.report_file import write_report
from services.config import EnricherOptions
from services.enricher import number_words as W
from services.enricher.logic import Enricher
from services.messages import CleanArticle, NumberFact, NumberKind

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
REL_TOL = 1e-6
PUBLISHED_AT = datetime(2016, 11, 7, tzinfo=UTC)
"""The DateTime specs' ReferenceDateTime, used for every input so relative dates resolve the same way."""
EXAMPLES_PER_PATTERN = 4

# ---- unit maps: the data's unit names → (kind, unit) the enricher should give --------------------------------
# A unit of None means the enricher has no unit of that name (or the name is not one currency): only the kind is
# scored. Names missing from a map take the spec's default kind and no unit; the report lists them.

UnitTarget = tuple[str, str | None]

QUANTULUM_UNITS: dict[str, UnitTarget] = {
    "dollar": ("money", "USD"), "euro": ("money", "EUR"), "pound sterling": ("money", "GBP"),
    # Coins are money with no currency code of their own.
    "penny": ("money", None), "cent": ("money", None), "dime": ("money", None),
    "percentage": ("percent", "%"),
    "year": ("duration", "years"), "month": ("duration", "months"), "week": ("duration", "weeks"),
    "day": ("duration", "days"), "hour": ("duration", "hours"),
    "gigayear": ("duration", None), "megayear": ("duration", None),
    "metre": ("quantity", "m"), "kilometre": ("quantity", "km"), "mile": ("quantity", "miles"),
    "kilogram": ("quantity", "kg"), "tonne": ("quantity", "tonnes"), "litre": ("quantity", "litres"),
    # quantulum3 counts dozens ("a dozen" = 1 dozen); the enricher multiplies ("a dozen eggs" = 12 eggs).
    "dozen": ("count", None), "baker's dozen": ("count", None), "gross": ("count", None),
}
CURRENCY_UNITS: dict[str, UnitTarget] = {
    "Dollar": ("money", "USD"), "United States dollar": ("money", "USD"), "Pound": ("money", "GBP"),
    "Euro": ("money", "EUR"), "Chinese yuan": ("money", "CNY"), "Japanese yen": ("money", "JPY"),
    "Canadian dollar": ("money", "CAD"), "Australian dollar": ("money", "AUD"), "Hong Kong dollar": ("money", "HKD"),
    "Swiss franc": ("money", "CHF"), "Mexican peso": ("money", "MXN"), "Sri Lankan rupee": ("money", "LKR"),
    "Georgian lari": ("money", "GEL"), "Lao kip": ("money", "LAK"), "Costa Rican colón": ("money", "CRC"),
    "Finnish markka": ("money", "FIM"), "Netherlands guilder": ("money", "NLG"), "Peseta": ("money", "ESP"),
    # No single ISO code: sub-units, and names several countries share.
    "Cent": ("money", None), "Pence": ("money", None), "Penny": ("money", None), "Sen": ("money", None),
    "Franc": ("money", None), "Rupee": ("money", None),
}
DIMENSION_UNITS: dict[str, UnitTarget] = {
    "Meter": ("quantity", "m"), "Kilometer": ("quantity", "km"), "Mile": ("quantity", "miles"),
    "Kilogram": ("quantity", "kg"), "Metric ton": ("quantity", "tonnes"), "Barrel": ("quantity", "barrels"),
}
PERCENT_UNITS: dict[str, UnitTarget] = {"%": ("percent", "%")}
TIME_UNITS: dict[str, UnitTarget] = {
    "Year": ("duration", "years"), "Month": ("duration", "months"), "Week": ("duration", "weeks"),
    "Day": ("duration", "days"), "Hour": ("duration", "hours"), "Minute": ("duration", "minutes"),
    "Second": ("duration", "seconds"),
}
NUMBER_KINDS: tuple[str, ...] = get_args(NumberKind)
AGE_UNITS: dict[str, UnitTarget] = {
    "Year": ("age", "years"), "Month": ("age", "months"), "Week": ("age", "weeks"), "Day": ("age", "days"),
    "Age": ("age", "years"),  # "a man of age 87"
}
# Timex designators (P…Y, PT…M) → TIME_UNITS names; "M" means months before the "T" and minutes after it.
TIMEX_DATE_UNITS = {"Y": "Year", "M": "Month", "W": "Week", "D": "Day"}
TIMEX_TIME_UNITS = {"H": "Hour", "M": "Minute", "S": "Second"}
# The specs' own convention (P3.5Y = 110376000 s): a month is 30 days, a year 365.
SECONDS_PER_UNIT: dict[str, float] = {
    "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800, "months": 2592000,
    "years": 31536000, "decades": 315360000, "centuries": 3153600000,
}
ENRICHER_UNITS = frozenset(
    {"%", *W.DURATION_UNITS.values(), *W.QUANTITY_UNITS.values(), *W.CURRENCY_CODES, *W.CURRENCY_SYMBOLS.values(),
     *W.CURRENCY_WORDS.values(), *W.CURRENCY_BY_NATION.values()}
)

# Counted nouns: no dataset labels them. These quantulum3 phrases (starting at the expected quantity) were read by
# hand; every other dimensionless quantulum3 quantity counts nothing ("Voyager 2", "the answer is 42").
COUNTED_PHRASES: dict[str, str] = {
    "50 cars": "car", "ten pills": "pill", "10 pills": "pill", "13 units": "unit", "two proton beams": "beam",
    "two of CERN's LHC experiments": "experiment", "45 and 50 cases": "case", "50 cases": "case",
}


# ---- plain data --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expected:
    start: int
    end: int
    """Exclusive."""
    text: str
    value: float | None
    """None: the spec gives no value (span-only scoring)."""
    unit: str | None = None
    """The data's unit name; None for a plain number."""
    counted_labelled: bool = False
    counted: str | None = None
    """The noun it counts, when ``counted_labelled``."""


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    text: str
    value: float
    """Normalised for comparison (seconds for durations where the spec measures seconds)."""
    kind: str
    unit: str | None = None
    counted: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    expected: tuple[Expected, ...]


@dataclass(frozen=True, slots=True)
class Spec:
    """One spec file and how to read and score it."""

    name: str
    path: str
    """Relative to the eval dir."""
    tested_kinds: frozenset[str] | None
    """The kinds this spec tests, for the typed precision; None: every kind."""
    unit_map: Mapping[str, UnitTarget]
    default_kind: str
    in_seconds: bool = False
    values_given: bool = True
    """False: the spec has spans but no values (DurationExtractor); scored on spans only."""


@dataclass(frozen=True, slots=True)
class Dataset:
    spec: Spec
    cases: tuple[Case, ...]
    total_cases: int
    unsupported: int
    """Cases whose NotSupported / NotSupportedByDesign names python."""
    filtered: int = 0
    """Cases left out for another stated reason (DateTimeModel: results other than durations)."""
    valueless: int = 0
    """Results without a value (a bare "dollar"), or whose surface is not in the input: not scored."""

    @property
    def expected_count(self) -> int:
        return sum(len(c.expected) for c in self.cases)


# ---- matching and scoring (pure) ---------------------------------------------------------------------------------


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def same_value(expected: float, got: float, rel_tol: float = REL_TOL) -> bool:
    return math.isclose(got, expected, rel_tol=rel_tol)


def match(expected: Sequence[Expected], found: Sequence[Found]) -> tuple[int | None, ...]:
    """For each expected quantity, the index of the fact paired with it, or None. A fact pairs when it overlaps and
    has the expected value (any value when the spec gives none); each fact pairs once, the widest overlap first."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for e in expected:
        candidates = [
            (min(e.end, f.end) - max(e.start, f.start), i) for i, f in enumerate(found)
            if i not in used and overlaps(e.start, e.end, f.start, f.end)
            and (e.value is None or same_value(e.value, f.value))
        ]
        best = max(candidates, default=None)
        pairs.append(None if best is None else best[1])
        if best is not None:
            used.add(best[1])
    return tuple(pairs)


def unit_target(unit: str, unit_map: Mapping[str, UnitTarget], default_kind: str) -> UnitTarget:
    return unit_map.get(unit, (default_kind, None))


def agreement(target: UnitTarget, found: Found) -> tuple[bool, bool | None]:
    """(kind agrees, unit agrees); the unit is None (not scored) when the target has no enricher unit."""
    kind, unit = target
    return found.kind == kind, (None if unit is None else found.unit == unit)


def python_unsupported(case: Mapping[str, Any]) -> bool:
    return any("python" in str(case.get(key) or "").lower() for key in ("NotSupported", "NotSupportedByDesign"))


def parse_value(raw: Any) -> float | None:
    """A resolution value: "2000000", "1E-12", "100%" (percent points); None for a missing one."""
    if raw is None:
        return None
    return float(str(raw).removesuffix("%"))


def timex_unit(timex: str) -> str | None:
    """The TIME_UNITS name of a single-unit duration timex ("PT3H" → "Hour"); None for compound ones."""
    m = re.fullmatch(r"P(?:[0-9.]+([YMWD]))?(?:T(?:[0-9.]+([HMS])))?", timex)
    if m is None or (m.group(1) is None) == (m.group(2) is None):
        return None
    return TIMEX_DATE_UNITS[m.group(1)] if m.group(1) else TIMEX_TIME_UNITS[m.group(2)]


def seconds(value: float, unit: str | None) -> float | None:
    return value * SECONDS_PER_UNIT[unit] if unit in SECONDS_PER_UNIT else None


def counted_label(text: str, start: int) -> str | None:
    return next((noun for phrase, noun in COUNTED_PHRASES.items() if text.startswith(phrase, start)), None)


# ---- failure patterns --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissContext:
    surface: str
    kind: str | None
    """The kind the data unit maps to; None for a plain number."""
    glued: bool
    """Joined to neighbouring characters by punctuation ("192.168", "SCP-173", "5/17")."""


_NUMBER_WORDS = frozenset({*W.SMALL_NUMBERS, *W.MULTIPLIERS, *W.SCALES, "point", "nought", "naught"})
_FRACTION = re.compile(
    r"\d\s*/\s*\d|[½⅓⅔¼¾⅛]|\b(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?"
    r"|tenths?|\w+ieths?|hundredths?|thousandths?|millionths?|trillionths?|firsts|over|out of)\b", re.I)
_GLUE = "-/:.,+"


def _has_number(surface: str) -> bool:
    return any(word in _NUMBER_WORDS for word in re.findall(r"[a-z]+", surface.lower()))


def _found(pattern: str, flags: int = 0) -> Callable[[MissContext], bool]:
    compiled = re.compile(pattern, flags)
    return lambda q: compiled.search(q.surface) is not None


# Most specific first: a miss takes the first pattern that applies.
PATTERNS: tuple[tuple[str, Callable[[MissContext], bool]], ...] = (
    # The cleaner collapses runs of spaces before the enricher sees a text: a spec artefact, not a pipeline miss.
    ("whitespace run inside the number (fifty   two; the cleaner collapses these)", _found(r"\S {2,}\S")),
    ("range (the data expects the midpoint)", _found(r"\d\s*(?:-|–|to|and)\s*-?\d|\bbetween\b", re.I)),
    ("fraction (1/4, ½, two thirds, and a half, one over three)", lambda q: _FRACTION.search(q.surface) is not None),
    ("power or scientific notation (1e10, 2^5, 2.48×10−5)", _found(r"\d\s*e[-+]?\d|\^|×\s*10|\dx\d", re.I)),
    ("negative (-5, minus five, ($99.99))", _found(r"^\s*[-−(]|\$-|\b(?:minus|negative)\b", re.I)),
    ("glued to an id by . - / : , (192.168.1.2, 5/17/2018, SCP-173: dropped by design)", lambda q: q.glued),
    ("dozen or gross (a dozen, 3 dozens; quantulum3 counts dozens)", _found(r"\b(?:dozens?|dozs?|dzs?|gross)\b", re.I)),
    # Only where no physical unit is expected: "5 m" is five metres there.
    ("scale suffix (10k, 1.2b, €10M, 2mil, 1MM)",
     lambda q: q.kind in (None, "money") and _found(r"\d\s*(?:k|m|mm|g|b|t|bn|bln|tln|mil)\b", re.I)(q)),
    ("digits and a scale word (3 hundred, 13 lakh, 1 crore, 0.5k)",
     _found(r"\d\s*(?:hundred|thousand|million|billion|trillion|lakh|crore|k\b)", re.I)),
    ("digit grouping or decimal mark (1 234 567, 5,00, .08)", _found(r"\d[\s\u202f]\d{3}\b|\d,\d{1,2}\b|^\.\d")),
    ("age phrase (five years old, of age, age 87)", _found(r"\b(?:old|age|yo)\b", re.I)),
    ("indefinite amount (a/an/all/few/several + unit)",
     lambda q: not _has_number(q.surface) and _found(r"^(?:a|an|all|full|few|some|several|another|half)\b", re.I)(q)),
    ("spelled number (two hundred point zero three, nought, thirteen dollars and forty-five cents)",
     lambda q: not re.search(r"\d", q.surface) and _has_number(q.surface)),
    ("digits glued to a unit (10kg, 3h, 3.5years, 75ml)", _found(r"\d[^\W\d_]")),
    ("unit the enricher does not read (2 in, 3 hrs, 14 mGy, 8 MB)",
     lambda q: q.kind is not None and _found(r"\d\s+\S")(q)),
    ("plain digits (the NER calls 42 a DATE; labels: Voyager 2, English 101)", _found(r"^\s*\d[\d,.]*\s*$")),
)
OTHER = "other"


def glued_to_id(text: str, start: int, end: int) -> bool:
    before, after = text[max(start - 2, 0):start], text[end:end + 2]
    return (len(before) == 2 and before[1] in _GLUE and before[0].isalnum()) or \
        (len(after) == 2 and after[0] in _GLUE and after[1].isalnum())


def failure_pattern(text: str, start: int, end: int, kind: str | None) -> str:
    """The pattern a missed quantity text[start:end] shows; ``kind`` is the kind its data unit maps to."""
    context = MissContext(text[start:end], kind, glued_to_id(text, start, end))
    return next((name for name, applies in PATTERNS if applies(context)), OTHER)


# ---- scoring a dataset (pure) ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    found: tuple[Found, ...]
    pairs: tuple[int | None, ...]

    def overlapping(self, e: Expected) -> list[Found]:
        return [f for f in self.found if overlaps(e.start, e.end, f.start, f.end)]


@dataclass(frozen=True, slots=True)
class Miss:
    case_text: str
    expected: Expected
    overlapping: tuple[Found, ...]
    pattern: str


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
    facts_matched: int = 0
    typed_facts: int = 0
    typed_matched: int = 0
    misses: list[Miss] = field(default_factory=list)
    unmatched_facts: list[tuple[str, Found]] = field(default_factory=list)
    unit_checks: list[UnitCheck] = field(default_factory=list)
    counted: list[tuple[str, Expected, Found | None]] = field(default_factory=list)
    """Labelled counted-noun cases: the input, the quantity and the fact over it (the paired one, else the first
    overlapping one), if any."""

    @property
    def precision(self) -> float:
        return ratio(self.facts_matched, self.facts)

    @property
    def typed_precision(self) -> float:
        return ratio(self.typed_matched, self.typed_facts)


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def score(spec: Spec, results: Iterable[CaseResult]) -> Score:
    s = Score()
    for r in results:
        paired = {i for i in r.pairs if i is not None}
        s.facts += len(r.found)
        s.facts_matched += len(paired)
        for i, f in enumerate(r.found):
            typed = spec.tested_kinds is None or f.kind in spec.tested_kinds
            s.typed_facts += typed
            s.typed_matched += typed and i in paired
            if i not in paired:
                s.unmatched_facts.append((r.case.text, f))
        for e, pair in zip(r.case.expected, r.pairs, strict=True):
            overlapping = r.overlapping(e)
            s.expected += 1
            s.spanned += bool(overlapping)
            s.matched += pair is not None
            fact = r.found[pair] if pair is not None else None
            target = None if e.unit is None else unit_target(e.unit, spec.unit_map, spec.default_kind)
            if fact is None:
                pattern = failure_pattern(r.case.text, e.start, e.end, None if target is None else target[0])
                s.misses.append(Miss(r.case.text, e, tuple(overlapping), pattern))
            elif target is not None:
                s.unit_checks.append(UnitCheck(e.unit, target, fact, *agreement(target, fact)))
            if e.counted_labelled:
                s.counted.append((r.case.text, e, fact or next(iter(overlapping), None)))
    return s


# ---- reading the data --------------------------------------------------------------------------------------------


def load_quantulum(eval_dir: Path) -> Dataset | None:
    spec = Spec("quantulum3", "quantulum3/quantities.json", None, QUANTULUM_UNITS, "quantity")
    path = eval_dir / spec.path
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    cases, unlocated = [], 0
    for item in raw:
        text, expected, cursor = item["req"], [], 0
        for q in item["res"]:
            start = text.find(q["surface"], cursor)
            if start < 0:
                unlocated += 1
                continue
            cursor = start
            end = start + len(q["surface"])
            unit = None if q["unit"] == "dimensionless" else q["unit"]
            expected.append(Expected(start, end, q["surface"], float(q["value"]), unit, unit is None,
                                     counted_label(text, start) if unit is None else None))
        cases.append(Case(text, tuple(expected)))
    return Dataset(spec, tuple(cases), len(raw), 0, valueless=unlocated)


Reader = Callable[[Mapping[str, Any]], tuple[float | None, str | None]]
"""A Recognizers result → (value, unit name)."""


def _number_with_unit(result: Mapping[str, Any]) -> tuple[float | None, str | None]:
    resolution = result.get("Resolution") or {}
    return parse_value(resolution.get("value")), resolution.get("unit")


def _percentage(result: Mapping[str, Any]) -> tuple[float | None, str | None]:
    return parse_value((result.get("Resolution") or {}).get("value")), "%"


def _span_only(_: Mapping[str, Any]) -> tuple[float | None, str | None]:
    return None, None


def _datetime_duration(result: Mapping[str, Any]) -> tuple[float | None, str | None]:
    values = result["Resolution"]["values"]
    return parse_value(values[0].get("value")), timex_unit(values[0].get("timex", ""))


@dataclass(frozen=True, slots=True)
class RecognizersFile:
    spec: Spec
    reader: Reader
    keep: Callable[[Mapping[str, Any]], bool] = lambda case: True
    """Which python-supported cases to score; the others count as left out."""


def _durations_only(case: Mapping[str, Any]) -> bool:
    return bool(case["Results"]) and all(r.get("TypeName") == "datetimeV2.duration" for r in case["Results"])


RECOGNIZERS_FILES = (
    RecognizersFile(Spec("Number", "recognizers-text/Number/English/NumberModel.json", None, {}, "count"),
                    _number_with_unit),
    RecognizersFile(Spec("Percent", "recognizers-text/Number/English/PercentModel.json", frozenset({"percent"}),
                         PERCENT_UNITS, "percent"), _percentage),
    RecognizersFile(Spec("Currency", "recognizers-text/NumberWithUnit/English/CurrencyModel.json",
                         frozenset({"money"}), CURRENCY_UNITS, "money"), _number_with_unit),
    RecognizersFile(Spec("Dimension", "recognizers-text/NumberWithUnit/English/DimensionModel.json",
                         frozenset({"quantity"}), DIMENSION_UNITS, "quantity"), _number_with_unit),
    RecognizersFile(Spec("Age", "recognizers-text/NumberWithUnit/English/AgeModel.json", frozenset({"age"}),
                         AGE_UNITS, "age"), _number_with_unit),
    RecognizersFile(Spec("Duration (DateTimeModel)", "recognizers-text/DateTime/English/DateTimeModel.json",
                         frozenset({"duration"}), TIME_UNITS, "duration", in_seconds=True),
                    _datetime_duration, _durations_only),
    RecognizersFile(Spec("Duration (DurationExtractor)", "recognizers-text/DateTime/English/DurationExtractor.json",
                         frozenset({"duration"}), TIME_UNITS, "duration", values_given=False), _span_only),
)
UNUSED_FILES = {
    "recognizers-text/Number/English/OrdinalModel.json": "ordinals are not quantities; 53 of 54 cases are "
    "python-unsupported",
    "recognizers-text/Number/English/NumberRangeModel.json": "every case is python-unsupported",
    "recognizers-text/NumberWithUnit/English/TemperatureModel.json": "not in the brief; the enricher has no "
    "temperature unit",
}


def located_span(text: str, result: Mapping[str, Any]) -> tuple[int, int] | None:
    """(start, exclusive end) of a result: Start/End is inclusive, Start/Length is not; checked against Text."""
    start = result["Start"]
    end = start + result["Length"] if "Length" in result else result["End"] + 1
    surface = result["Text"].lower()
    if text[start:end].lower() == surface:
        return start, end
    found = text.lower().find(surface)
    return (found, found + len(surface)) if found >= 0 else None


def load_recognizers(eval_dir: Path, file: RecognizersFile) -> Dataset | None:
    path = eval_dir / file.spec.path
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8-sig"))
    supported = [c for c in raw if not python_unsupported(c)]
    kept = [c for c in supported if file.keep(c)]
    cases, valueless = [], 0
    for c in kept:
        expected = []
        for r in c["Results"]:
            span = located_span(c["Input"], r)
            value, unit = file.reader(r)
            if span is None or (value is None and file.spec.values_given):
                valueless += 1
                continue
            expected.append(Expected(span[0], span[1], c["Input"][span[0]:span[1]], value, unit))
        cases.append(Case(c["Input"], tuple(expected)))
    return Dataset(file.spec, tuple(cases), len(raw), len(raw) - len(supported), len(supported) - len(kept), valueless)


def load_all(eval_dir: Path) -> list[Dataset]:
    loaded = [load_quantulum(eval_dir), *(load_recognizers(eval_dir, f) for f in RECOGNIZERS_FILES)]
    return [d for d in loaded if d is not None]


# ---- running the enricher ----------------------------------------------------------------------------------------


def found_from_fact(fact: NumberFact, in_seconds: bool) -> Found:
    value = fact.value
    if in_seconds and fact.kind == "duration":
        value = seconds(fact.value, fact.unit) or fact.value
    return Found(fact.start, fact.end, fact.text, value, fact.kind, fact.unit, fact.counted)


def enrich_texts(enricher: Enricher, texts: Sequence[str]) -> list[list[NumberFact]]:
    articles = [
        CleanArticle(article_id=f"case-{i}", source="number-bench", text=text, word_count=len(text.split()),
                     extractor="plain_text", published_at=PUBLISHED_AT, received_at=PUBLISHED_AT)
        for i, text in enumerate(texts)
    ]
    return [enriched.numbers for enriched in enricher.enrich(articles)]


def run_dataset(dataset: Dataset, facts: Sequence[Sequence[NumberFact]]) -> list[CaseResult]:
    results = []
    for case, case_facts in zip(dataset.cases, facts, strict=True):
        found = tuple(found_from_fact(f, dataset.spec.in_seconds) for f in case_facts)
        results.append(CaseResult(case, found, match(case.expected, found)))
    return results


# ---- the report --------------------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fact(f: Found) -> str:
    extra = ", ".join(x for x in (f.unit and f"unit {f.unit}", f.counted and f"counted {f.counted}") if x)
    return f"`{f.text}` {f.kind} {f.value:g}" + (f" ({extra})" if extra else "")


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole} = {_pct(ratio(part, whole))}"


def data_section(datasets: Sequence[Dataset], eval_dir: Path) -> list[str]:
    lines = [
        "## Data",
        "",
        f"From `{eval_dir}`. Cases whose `NotSupported` or `NotSupportedByDesign` names python are skipped. "
        "Results without a value (a bare \"dollar\") are not scored.",
        "",
        "| spec | file | cases | python-unsupported | left out | scored cases | expected quantities "
        "| results not scored |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in datasets:
        lines.append(
            f"| {d.spec.name} | `{d.spec.path}` | {d.total_cases} | {d.unsupported} | {d.filtered} | {len(d.cases)} "
            f"| {d.expected_count} | {d.valueless} |"
        )
    lines += ["", "Left out: DateTimeModel cases with a result other than a duration (dates, times, sets are not "
              "scored here). DurationExtractor gives spans but no values: span recall only. Not used:", ""]
    lines += [f"- `{path}`: {why}" for path, why in UNUSED_FILES.items()]
    return lines


def results_section(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    lines = [
        "",
        "## Recall and precision",
        "",
        "- **Value recall**: expected quantities with a paired fact (overlapping span, same value within "
        f"{REL_TOL:g} relative) / expected. **Span recall**: some fact overlaps, whatever its value.",
        "- **Precision**: paired facts / all facts the enricher gave on those inputs. **Typed precision**: the same "
        "over facts of the kind the spec tests (money for Currency, quantity for Dimension, age for Age, duration "
        "for Duration, percent for Percent; every kind for Number and quantulum3).",
        "- Caveat: spec inputs often hold only the tested phrase, but many hold other numbers too (Currency's "
        "Penn-Treebank sentences carry years, counts, percentages). A fact outside the expected ones is counted "
        "wrong even when it is a right reading of another number, so precision is a lower bound; typed precision "
        "is the fairer figure for the unit specs. Those sentences are also Penn-Treebank tokenised (\"6 . 2 %\"), "
        "which splits decimals: \"2 %\" from \"6 . 2 %\" is an artefact the cleaner's output would not have.",
        "",
        "| spec | expected | span recall | value recall | facts | precision | typed facts | typed precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d, s in rows:
        value_recall = _fraction(s.matched, s.expected) if d.spec.values_given else "– (no values)"
        lines.append(
            f"| {d.spec.name} | {s.expected} | {_fraction(s.spanned, s.expected)} | {value_recall} | {s.facts} "
            f"| {_pct(s.precision)} | {s.typed_facts} | {_pct(s.typed_precision)} |"
        )
    valued = [s for d, s in rows if d.spec.values_given]
    expected, facts = sum(s.expected for s in valued), sum(s.facts for s in valued)
    lines.append(
        f"| **all with values** | {expected} | {_fraction(sum(s.spanned for s in valued), expected)} "
        f"| {_fraction(sum(s.matched for s in valued), expected)} | {facts} "
        f"| {_pct(ratio(sum(s.facts_matched for s in valued), facts))} | | |"
    )
    return lines


def unit_section(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    lines = [
        "",
        "## Unit and kind agreement",
        "",
        "On paired facts whose expected quantity has a unit (quantulum3 units other than \"dimensionless\"; "
        "Percent, Currency, Dimension, Age and DateTime-duration units). The kind is always scored; the unit where "
        "the map gives an enricher unit. Percent points: \"35%\" is 35 on both sides.",
        "",
        "| spec | paired with a unit | kind agrees | unit scored | unit agrees |",
        "|---|---|---|---|---|",
    ]
    for d, s in rows:
        if not s.unit_checks:
            continue
        scored = [c for c in s.unit_checks if c.unit_ok is not None]
        kinds_agree = _fraction(sum(c.kind_ok for c in s.unit_checks), len(s.unit_checks))
        units_agree = _fraction(sum(bool(c.unit_ok) for c in scored), len(scored))
        lines.append(f"| {d.spec.name} | {len(s.unit_checks)} | {kinds_agree} | {len(scored)} | {units_agree} |")
    lines += ["", "### The unit map (bench/number_quality.py)", "",
              "Data unit → kind and unit the enricher should give; *in tables* says whether "
              "`services/enricher/number_words.py` can produce that unit at all. Seen = paired facts with that unit.",
              "", "| spec | data unit | kind | enricher unit | in tables | seen | kind agrees | unit agrees |",
              "|---|---|---|---|---|---|---|---|"]
    for specs, unit_map, checks in _by_unit_map(rows):
        seen = Counter(c.data_unit for c in checks)
        kind_ok = Counter(c.data_unit for c in checks if c.kind_ok)
        unit_ok = Counter(c.data_unit for c in checks if c.unit_ok)
        for name, (kind, unit) in unit_map.items():
            known = "–" if unit is None else ("yes" if unit in ENRICHER_UNITS else "**no**")
            unit_cell = f"{unit_ok[name]}" if unit is not None else "–"
            lines.append(f"| {specs} | {name} | {kind} | {unit or '–'} | {known} | {seen[name]} "
                         f"| {kind_ok[name]} | {unit_cell} |")
    defaults = [(d, Counter(c.data_unit for c in s.unit_checks if c.data_unit not in d.spec.unit_map))
                for d, s in rows]
    lines += ["", "Units not in a map (the spec's default kind, no enricher unit), with how often they were paired:"]
    lines += [f"- {d.spec.name} (default {d.spec.default_kind}): "
              + ", ".join(f"{name} {n}" for name, n in sorted(c.items(), key=lambda kv: -kv[1]))
              for d, c in defaults if c] or ["- none"]
    return lines + disagreement_lines(rows)


def _by_unit_map(rows: Sequence[tuple[Dataset, Score]]) -> list[tuple[str, Mapping[str, UnitTarget], list[UnitCheck]]]:
    """Specs sharing a unit map (both duration specs use TIME_UNITS) grouped, so each map prints once."""
    groups: dict[int, tuple[list[str], Mapping[str, UnitTarget], list[UnitCheck]]] = {}
    for d, s in rows:
        if d.spec.unit_map:
            names, _, checks = groups.setdefault(id(d.spec.unit_map), ([], d.spec.unit_map, []))
            names.append(d.spec.name)
            checks.extend(s.unit_checks)
    return [(", ".join(names), unit_map, checks) for names, unit_map, checks in groups.values()]


def _kind_unit(kind: str, unit: str | None) -> str:
    return f"{kind} {unit}" if unit else kind


def disagreement_lines(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    disagreeing = [(d.spec.name, c) for d, s in rows for c in s.unit_checks if not c.kind_ok or c.unit_ok is False]
    wrong = Counter((spec, c.data_unit, _kind_unit(*c.target), _kind_unit(c.found.kind, c.found.unit))
                    for spec, c in disagreeing)
    examples = {(spec, c.data_unit): c.found for spec, c in disagreeing}
    lines = ["", "Disagreements (spec, data unit: expected → given, count, an example):"]
    lines += [f"- {spec}, {unit}: {want} → {got} ×{n}, e.g. {_fact(examples[spec, unit])}"
              for (spec, unit, want, got), n in wrong.most_common(25)] or ["- none"]
    return lines


def counted_section(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    cases = [pair for _, s in rows for pair in s.counted]
    lines = ["", "## Counted nouns", "",
             "No dataset labels counted nouns, and no data unit is a counted thing (quantulum3's coins are currency, "
             "its dozen and gross multiples). The cases here are quantulum3's dimensionless quantities, labelled in "
             "the bench (`COUNTED_PHRASES`, read from the sentence): a noun where the number counts one "
             "(\"50 cars\", \"two of CERN's LHC experiments\"), none otherwise (\"Voyager 2\", \"the answer is 42\"). "
             "Scored on the fact over the quantity (the paired one, else any overlapping one)."]
    if not cases:
        return [*lines, "", "- no labelled cases"]
    with_noun = [(e, f) for _, e, f in cases if e.counted is not None]
    without = [(e, f) for _, e, f in cases if e.counted is None]
    covered = [(e, f) for _, e, f in cases if f is not None]
    right = [(e, f) for e, f in covered if f.counted == e.counted]
    lines += [
        "",
        f"- Cases: {len(cases)} ({len(with_noun)} with a counted noun, {len(without)} without); a fact over "
        f"{len(covered)}.",
        f"- Accuracy on those with a fact: {_fraction(len(right), len(covered))}; over all cases "
        f"(no fact = wrong): {_fraction(len(right), len(cases))}.",
        f"- Nouns found: {_fraction(sum(1 for e, f in with_noun if f and f.counted == e.counted), len(with_noun))}; "
        f"no noun where none is counted: "
        f"{_fraction(sum(1 for e, f in without if f and f.counted is None), sum(1 for _, f in without if f))} "
        "(of those with a fact).",
        "",
        "Wrong (a fact with another noun, or no fact where a noun is counted):",
        "",
    ]
    lines += [f"- `{e.text}` in \"{_short(text)}\": want {e.counted or 'none'}, got "
              + (_fact(f) if f else "no fact") for text, e, f in cases
              if (f is not None and f.counted != e.counted) or (f is None and e.counted is not None)]
    return lines


def failure_section(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    valued = [(d, s) for d, s in rows if d.spec.values_given]
    by_pattern: dict[str, list[tuple[str, Miss]]] = {}
    for d, s in valued:
        for miss in s.misses:
            by_pattern.setdefault(miss.pattern, []).append((d.spec.name, miss))
    names = [d.spec.name for d, _ in valued]
    total_expected = sum(s.expected for _, s in valued)
    lines = [
        "",
        "## Value-recall misses by pattern",
        "",
        "Each missed quantity gets the first pattern its expected surface (and, for ids, its neighbours) shows, "
        "in this order: " + ", ".join(name.split(" (")[0] for name, _ in PATTERNS) + ". *Gain* is the "
        "value-recall gain over all specs with values if every miss of the pattern were fixed (an upper bound). "
        "*wrong value* = some fact overlaps but with another value.",
        "",
        "| pattern | " + " | ".join(names) + " | all | wrong value | gain |",
        "|---|" + "---|" * len(names) + "---|---|---|",
    ]
    ordered = sorted(by_pattern.items(), key=lambda kv: -len(kv[1]))
    for pattern, misses in ordered:
        per = Counter(name for name, _ in misses)
        wrong_value = sum(1 for _, m in misses if m.overlapping)
        lines.append(f"| {pattern} | " + " | ".join(str(per[n]) for n in names)
                     + f" | {len(misses)} | {wrong_value} | {len(misses) / total_expected:+.3f} |")
    span_misses = Counter(m.pattern for d, s in rows if not d.spec.values_given for m in s.misses)
    lines += ["", "Span misses of the specs without values: "
              + (", ".join(f"{name.split(' (')[0]} {n}" for name, n in span_misses.most_common()) or "none") + "."]
    lines += ["", "### Examples", "", "Values of DateTimeModel facts are in seconds.", ""]
    for pattern, misses in ordered:
        lines.append(f"**{pattern}**")
        lines.append("")
        for name, m in _spread(misses, EXAMPLES_PER_PATTERN):
            got = "; ".join(_fact(f) for f in m.overlapping) or "no fact"
            want = f"{m.expected.value:g}" + (f" {m.expected.unit}" if m.expected.unit else "")
            lines.append(f"- {name}: `{m.expected.text}` = {want} in \"{_short(m.case_text)}\" → {got}")
        lines.append("")
    return lines


def _spread(misses: Sequence[tuple[str, Miss]], limit: int) -> list[tuple[str, Miss]]:
    """Up to ``limit`` examples, taking from each spec in turn so one large spec does not fill the list."""
    queues: dict[str, list[tuple[str, Miss]]] = {}
    for item in misses:
        queues.setdefault(item[0], []).append(item)
    picked: list[tuple[str, Miss]] = []
    while len(picked) < limit and any(queues.values()):
        for queue in queues.values():
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return picked


def precision_section(rows: Sequence[tuple[Dataset, Score]]) -> list[str]:
    lines = ["## Unpaired facts (precision losses) by kind", "",
             "Facts no expected quantity paired with. Many are right readings of numbers the spec does not test "
             "(see the caveat); the examples show which are not.", "",
             "| spec | " + " | ".join(NUMBER_KINDS) + " |", "|---|" + "---|" * len(NUMBER_KINDS)]
    kinds = NUMBER_KINDS
    for d, s in rows:
        per = Counter(f.kind for _, f in s.unmatched_facts)
        lines.append(f"| {d.spec.name} | " + " | ".join(str(per[k]) for k in kinds) + " |")
    lines += ["", "Examples of unpaired facts of the tested kind (or any kind for Number and quantulum3):", ""]
    for d, s in rows:
        typed = [(t, f) for t, f in s.unmatched_facts if d.spec.tested_kinds is None or f.kind in d.spec.tested_kinds]
        for text, f in typed[:EXAMPLES_PER_PATTERN]:
            lines.append(f"- {d.spec.name}: {_fact(f)} in \"{_short(text)}\"")
    return lines


def evaluate(eval_dir: Path, datasets: Sequence[Dataset], began: float) -> str:
    """The report; ``began`` is when reading the data started (perf_counter)."""
    loaded = time.perf_counter()
    enricher = Enricher(EnricherOptions())
    model_ready = time.perf_counter()
    texts = [c.text for d in datasets for c in d.cases]
    facts = enrich_texts(enricher, texts)
    enriched = time.perf_counter()
    rows, offset = [], 0
    for d in datasets:
        rows.append((d, score(d.spec, run_dataset(d, facts[offset:offset + len(d.cases)]))))
        offset += len(d.cases)
    lines = [
        "# Number-fact quality of the enricher",
        "",
        "Generated by `python -m bench.number_quality`. System under test: "
        "`Enricher(EnricherOptions()).enrich` (spaCy "
        f"`{enricher.model_name}` + `services/enricher/numbers.py`), one `CleanArticle` per test input, "
        f"`published_at` {PUBLISHED_AT.date()} (the DateTime specs' reference date).",
        "",
        "Conventions: a percentage's value is its points (\"35%\" → 35, `unit` \"%\"), which is what the enricher "
        "emits and what quantulum3 (35 \"percentage\") and the Percent spec (\"35%\") give. DateTimeModel durations "
        "compare in seconds (the data's resolution; the enricher's value × 60/3600/86400/…, a month 30 days and a "
        "year 365 as in the data). Ranges: quantulum3 expects the midpoint (\"3 to 4 L\" = 3.5); the enricher drops "
        "ranges by design, so those are misses.",
        "",
        *data_section(datasets, eval_dir),
        *results_section(rows),
        *unit_section(rows),
        *counted_section(rows),
        *failure_section(rows),
        *precision_section(rows),
        "",
        "## Wall time",
        "",
        f"- Reading the data: {loaded - began:.2f} s; loading the spaCy pipeline: {model_ready - loaded:.2f} s.",
        f"- Enriching {len(texts)} inputs: {enriched - model_ready:.2f} s "
        f"({len(texts) / max(enriched - model_ready, 1e-9):.0f} inputs/s); scoring and report: "
        f"{time.perf_counter() - enriched:.2f} s.",
        f"- Total: {time.perf_counter() - began:.2f} s.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/number_quality.md"))
    args = parser.parse_args(argv)
    began = time.perf_counter()
    datasets = load_all(args.eval_dir)
    if not datasets:
        print(f"skipped: no quantulum3 or recognizers-text data at {args.eval_dir}")
        return 0
    write_report(args.report, evaluate(args.eval_dir, datasets, began))
    return 0


if __name__ == "__main__":
    sys.exit(main())
