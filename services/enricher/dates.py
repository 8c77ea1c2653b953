"""Days of the calendar as the articles name them, resolved against the publication date: shared by the English
reader (``numbers.py``) and the rule-based readers of other languages (``rule_numbers.py``, ``zh_numbers.py``)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def publication_day(published_at: datetime | None) -> date | None:
    if published_at is None:
        return None
    try:
        return (published_at.astimezone(UTC) if published_at.tzinfo else published_at).date()
    except OverflowError:  # year 1 or 9999 shifted out of range: the local date is close enough
        return published_at.date()


def resolve_day(month: int, day: int, year: int | None, today: date | None) -> date | None:
    """The day named by ``day`` and ``month``, in ``year`` when the text gives one; else the latest such day on or
    before publication (``today``); None when neither can be had or the day does not exist."""
    if year is not None:
        return safe_date(year, month, day)
    if today is None:
        return None
    # Loop a few years back so a February 29 still finds its leap year.
    for y in range(today.year, today.year - 8, -1):
        candidate = safe_date(y, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
