"""The month arithmetic of services/dates against python-dateutil's relativedelta as an oracle,
plus the properties a reader of a contract expects: the end of a month clamps, 29 February
survives leap years only, stepping back undoes stepping forward from a day that exists in
both months, and month strings round-trip.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.services import commissions, dates

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


@given(DAYS, MONTHS)
def test_add_months_agrees_with_relativedelta(day: date, months: int) -> None:
    assert dates.add_months(day, months) == day + relativedelta(months=months)


@given(DAYS, st.integers(min_value=-100, max_value=100))
def test_add_years_agrees_with_relativedelta(day: date, years: int) -> None:
    assert dates.add_years(day, years) == day + relativedelta(years=years)


@given(DAYS, MONTHS)
def test_the_day_is_kept_or_clamped_to_the_months_end(day: date, months: int) -> None:
    moved = dates.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 28)), MONTHS)
def test_stepping_back_undoes_stepping_forward_when_the_day_exists(day: date, months: int) -> None:
    if day.day <= 28:
        assert dates.add_months(dates.add_months(day, months), -months) == day


def test_month_ends_and_leap_years() -> None:
    assert dates.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert dates.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert dates.add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert dates.add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert dates.add_months(date(2026, 12, 31), -12) == date(2025, 12, 31)
    assert dates.add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert dates.add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert dates.add_years(date(2100, 2, 28), -100) == date(2000, 2, 28)
    assert dates.last_of_month(date(2100, 2, 1)) == date(2100, 2, 28)  # not a leap year
    assert dates.last_of_month(date(2000, 2, 1)) == date(2000, 2, 29)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)))
def test_month_strings_round_trip(day: date) -> None:
    month = dates.month_of(day)
    assert len(month) == 7
    assert dates.first_day(month) == dates.first_of_month(day)
    assert dates.shift_month(dates.shift_month(month, 1), -1) == month
    assert dates.month_of(dates.last_of_month(day)) == month


@given(DAYS, st.integers(min_value=0, max_value=400))
def test_months_between_counts_every_month_once(day: date, span: int) -> None:
    first = dates.month_of(day)
    last = dates.shift_month(first, span)
    listed = dates.months_between(first, last)
    assert len(listed) == span + 1
    assert listed[0] == first and listed[-1] == last
    assert listed == sorted(set(listed))
    assert dates.months_between(last, first) == ([first] if span == 0 else [])


def test_a_year_boundary_is_crossed_both_ways() -> None:
    assert dates.shift_month("2026-01", -1) == "2025-12"
    assert dates.shift_month("2025-12", 1) == "2026-01"
    assert dates.shift_month("2026-02", -14) == "2024-12"
    assert dates.months_between("2025-11", "2026-02") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


@pytest.mark.parametrize(
    "text", ["2026-2", "2026-13", "2026-00", "26-02", "2026/02", "2026-02-01", "", "２０２６-02"]
)
def test_a_month_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        dates.first_day(text)
    with pytest.raises(ValidationError):
        commissions.parse_month(text)


def test_the_commission_periods_use_the_same_months() -> None:
    assert commissions.parse_month("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    assert commissions.previous_month("2026-01") == "2025-12"
    assert commissions.previous_month("2027-01") == "2026-12"
