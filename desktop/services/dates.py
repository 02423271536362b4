"""Calendar months, in one place.

Why: non-compete payments, the protection period, retention, probation, commission periods
and the demo data all step by calendar months, and five private copies of that arithmetic
disagreed at the month's end (31 January + 1 month). Every caller uses these helpers instead;
the day is clamped to the last day of a shorter month, as a person reading a contract would.
A month on its own is written ``"YYYY-MM"`` (how commission periods are stored).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = [
    "add_months",
    "add_years",
    "first_day",
    "first_of_month",
    "last_of_month",
    "month_of",
    "months_between",
    "shift_month",
]

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative); the last day of the target
    month when it is shorter (31 January + 1 month = 28 or 29 February)."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    return add_months(day, 12 * years)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_of(day: date) -> str:
    """The month of ``day`` as ``"YYYY-MM"``."""
    return f"{day.year:04d}-{day.month:02d}"


def first_day(month: str) -> date:
    """The first day of ``"YYYY-MM"``; ValueError for anything else (callers word the error)."""
    found = _MONTH.fullmatch(month.strip())
    if found is None:
        raise ValueError(f"not a month: {month!r}")
    return date(int(found[1]), int(found[2]), 1)


def shift_month(month: str, months: int) -> str:
    """``"YYYY-MM"`` moved by ``months`` (negative: earlier)."""
    return month_of(add_months(first_day(month), months))


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included, oldest first (empty when
    ``last`` is before ``first``)."""
    start, end = first_day(first), first_day(last)
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    return [month_of(add_months(start, k)) for k in range(max(count, 0))]
