"""The published form of a number's value: a finite float, and the exact decimal where the float does not hold it.

Every reader (``numbers.py``, ``rule_numbers.py``, ``zh_numbers.py``) reads values as ``Decimal`` and publishes them
through ``published_value``, so that no fact ever carries ``inf`` or ``nan`` (pydantic would serialise them as
``null``, which fails the published schema and dead-letters the article downstream).
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

__all__ = ["BEYOND_FLOAT", "PublishedValue", "published_value"]

_QUOTIENT_DIGITS = 28

BEYOND_FLOAT = "value_beyond_float_range"
"""Why a number gives no fact: its value is larger than the largest float (about 1.8e308)."""


class PublishedValue(NamedTuple):
    value: float
    exact: str | None
    """The decimal as written, where ``value`` is not it: digits a float cannot keep, or a value it rounds to 0."""


def published_value(value: Decimal | int) -> PublishedValue | None:
    """The float to publish and, where it differs from the decimal, the decimal as a string; None (the fact is
    skipped for ``BEYOND_FLOAT``) when no finite float is near it."""
    try:
        number = float(value)
    except (OverflowError, InvalidOperation, ValueError):
        return None
    if not math.isfinite(number):
        return None
    exact = Decimal(value)
    if Decimal(repr(number)) == exact or _quotient(exact):
        return PublishedValue(number, None)
    return PublishedValue(number, _plain(exact))


def _quotient(value: Decimal) -> bool:
    """A fraction's value ("two thirds" = 0.6666…): a quotient fills every digit of the decimal context (28), and
    those digits are no more what the text writes than the float's."""
    return value != value.to_integral_value() and len(value.as_tuple().digits) >= _QUOTIENT_DIGITS and value != 0


def _plain(value: Decimal) -> str:
    """ "123456789012345678901", "1E-400" (exponent form only where the plain one would be long)."""
    normal = value.normalize()
    text = format(normal, "f")
    return text if len(text) <= 64 else format(normal, "E")
