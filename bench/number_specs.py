"""The number specs: quantulum3's ``quantities.json`` and the Recognizers-Text English specs, read into plain data.

Read at run time from ``../shared/eval`` (MIT). Each expected quantity keeps its character span, its value and the
data's unit name; the unit maps say which of our kinds and units that name means, so every system's output can be
scored in one vocabulary (ours: ``services.contract.messages.NumberKind`` and the enricher's unit names).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

UnitTarget = tuple[str, str | None]
"""(our kind, our unit). A unit of None: no single unit of ours (coins, names several currencies share); only the
kind is scored."""

# ---- unit maps: the data's unit names → (kind, unit) in our vocabulary --------------------------------------------
# Names missing from a map take the spec's default kind and no unit.

QUANTULUM_UNITS: dict[str, UnitTarget] = {
    "dollar": ("money", "USD"), "euro": ("money", "EUR"), "pound sterling": ("money", "GBP"),
    # Rates are money with a denominator ("$15.4/hour": per hour).
    "dollar per hour": ("money", "USD"), "dollar per kilogram": ("money", "USD"),
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
AGE_UNITS: dict[str, UnitTarget] = {
    "Year": ("age", "years"), "Month": ("age", "months"), "Week": ("age", "weeks"), "Day": ("age", "days"),
    "Age": ("age", "years"),  # "a man of age 87"
}
# Timex designators (P…Y, PT…M) → TIME_UNITS names; "M" means months before the "T" and minutes after it.
TIMEX_DATE_UNITS = {"Y": "Year", "M": "Month", "W": "Week", "D": "Day"}
TIMEX_TIME_UNITS = {"H": "Hour", "M": "Minute", "S": "Second"}
# The specs' own convention (P3.5Y = 110376000 s): a month is 30 days, a year 365; a night is a day's stay (P2D).
SECONDS_PER_UNIT: dict[str, float] = {
    "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "nights": 86400, "weeks": 604800, "months": 2592000,
    "years": 31536000, "decades": 315360000, "centuries": 3153600000,
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
    """The kinds this spec annotates every instance of; None: every kind. A fact of another kind that overlaps no
    expected quantity is out of the spec's scope (see ``bench.number_scoring``)."""
    unit_map: Mapping[str, UnitTarget]
    default_kind: str
    in_seconds: bool = False
    """Durations compare in seconds (the DateTime spec's resolution)."""
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


# ---- small readers (pure) ----------------------------------------------------------------------------------------


def unit_target(unit: str, unit_map: Mapping[str, UnitTarget], default_kind: str) -> UnitTarget:
    return unit_map.get(unit, (default_kind, None))


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


def located_span(text: str, result: Mapping[str, Any]) -> tuple[int, int] | None:
    """(start, exclusive end) of a result: Start/End is inclusive, Start/Length is not; checked against Text."""
    start = result["Start"]
    end = start + result["Length"] if "Length" in result else result["End"] + 1
    surface = result["Text"].lower()
    if text[start:end].lower() == surface:
        return start, end
    found = text.lower().find(surface)
    return (found, found + len(surface)) if found >= 0 else None


# Counted nouns in the quantulum3 spec: no dataset labels them. These phrases (starting at the expected quantity)
# were read by hand; every other dimensionless quantulum3 quantity counts nothing ("Voyager 2", "the answer is 42").
COUNTED_PHRASES: dict[str, str] = {
    "50 cars": "car", "ten pills": "pill", "10 pills": "pill", "13 units": "unit", "two proton beams": "beam",
    "two of CERN's LHC experiments": "experiment", "45 and 50 cases": "case", "50 cases": "case",
}


def counted_label(text: str, start: int) -> str | None:
    return next((noun for phrase, noun in COUNTED_PHRASES.items() if text.startswith(phrase, start)), None)


# ---- loading -------------------------------------------------------------------------------------------------------


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
