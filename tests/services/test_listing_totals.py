"""Totals of the money lists and their date ranges: the sums the totals row shows are those of
every row the list has under the same search and filters (not of the page loaded), exact to
the fen, and a from/to date range narrows the rows and the sums alike.

The firm is the one of ``test_listing`` (the small demo in a SQLCipher vault, or a firm built
through the services on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from desktop.errors import ValidationError
from desktop.services import commissions, listing, money
from desktop.services.context import ServiceContext
from desktop.services.paging import MAX_LIMIT
from tests.services.test_listing import built_firm, demo_firm, firm  # noqa: F401

#: list name -> (spec, the date each row is filtered on, total name -> the row's figure)
MONEY: dict[str, tuple[listing.ListingSpec[Any], Callable[[Any], date], dict[str, Any]]] = {
    "orders": (
        money.ORDERS,
        lambda r: r.order_date,
        {"revenue": lambda r: r.revenue, "cost": lambda r: r.cost, "margin": lambda r: r.margin},
    ),
    "receivables": (
        money.RECEIVABLES,
        lambda r: r.issued_on,
        {
            "amount": lambda r: r.amount,
            "paid": lambda r: r.paid,
            "written_off": lambda r: r.written_off,
            "outstanding": lambda r: r.outstanding,
        },
    ),
    "payments": (
        money.PAYMENTS,
        lambda r: r.received_on,
        {
            "amount": lambda r: r.amount,
            "allocated": lambda r: r.allocated,
            "unallocated": lambda r: r.unallocated,
        },
    ),
    "lines": (
        commissions.LINES,
        lambda r: r.source_date,
        {"amount": lambda r: r.amount, "base": lambda r: r.base},
    ),
}


def _all(ctx: ServiceContext, spec: listing.ListingSpec[Any], **kw: Any) -> list[Any]:
    return listing.list_rows(ctx, spec, 0, MAX_LIMIT, **kw)


def _sums(rows: list[Any], figures: dict[str, Any]) -> dict[str, Decimal]:
    return {name: sum((f(r) for r in rows), Decimal("0.00")) for name, f in figures.items()}


@pytest.mark.parametrize("name", MONEY)
def test_totals_are_the_sums_of_every_row_of_the_list(firm, name):  # noqa: F811
    spec, _day, figures = MONEY[name]
    rows = _all(firm, spec)
    assert rows, f"the {name} list of the test firm is empty"
    totals = listing.total_rows(firm, spec)
    assert totals == _sums(rows, figures)
    assert all(isinstance(v, Decimal) for v in totals.values())
    # More than one page's worth: the totals are not those of the first page.
    first_page = listing.list_rows(firm, spec, 0, 3)
    if len(rows) > 3:
        assert totals != _sums(first_page, figures) or all(v == 0 for v in totals.values())


@pytest.mark.parametrize("name", MONEY)
def test_a_date_range_narrows_the_rows_and_the_totals(firm, name):  # noqa: F811
    spec, day, figures = MONEY[name]
    rows = _all(firm, spec)
    days = sorted({day(r) for r in rows})
    assert len(days) >= 2, f"the {name} list needs rows on two days at least"
    start, end = days[len(days) // 4], days[(3 * len(days)) // 4]
    inside = [r for r in rows if start <= day(r) <= end]
    ranged = {"since": start, "until": end}
    listed = _all(firm, spec, filters=ranged)
    assert {r.id for r in listed} == {r.id for r in inside}
    assert listing.count_rows(firm, spec, filters=ranged) == len(inside)
    assert listing.total_rows(firm, spec, filters=ranged) == _sums(inside, figures)
    # Dates typed as text in ISO form are the same filter.
    as_text = {"since": start.isoformat(), "until": end.isoformat()}
    assert listing.total_rows(firm, spec, filters=as_text) == _sums(inside, figures)
    # A range that holds nothing totals zero, not an error.
    empty = listing.total_rows(firm, spec, filters={"since": days[-1], "until": days[0]})
    if days[-1] > days[0]:
        assert set(empty.values()) == {Decimal("0.00")}


@pytest.mark.parametrize("name", MONEY)
def test_a_bad_date_is_refused_by_list_count_and_totals(firm, name):  # noqa: F811
    spec = MONEY[name][0]
    for bad in ("2026-13-01", "15/12/2026", "", 20261215, "2026-12-15 10:00"):
        for call, key in (
            (lambda f: listing.list_rows(firm, spec, 0, 5, filters=f), "since"),
            (lambda f: listing.count_rows(firm, spec, filters=f), "until"),
            (lambda f: listing.total_rows(firm, spec, filters=f), "since"),
        ):
            with pytest.raises(ValidationError) as caught:
                call({key: bad})
            assert "YYYY-MM-DD" in str(caught.value)


def test_the_public_wrappers_give_the_spec_totals(firm):  # noqa: F811
    rows = _all(firm, money.RECEIVABLES, filters={"open_only": True})
    some = rows[0]
    filters = {"customer_id": some.customer_id}
    assert money.total_receivables(firm, filters=filters) == listing.total_rows(
        firm, money.RECEIVABLES, filters=filters
    )
    assert money.total_orders(firm, "", {"customer_id": some.customer_id}) == listing.total_rows(
        firm, money.ORDERS, filters={"customer_id": some.customer_id}
    )
    assert money.total_payments(firm) == listing.total_rows(firm, money.PAYMENTS)
    month = _all(firm, commissions.LINES)[0].month
    assert commissions.total_lines(firm, month) == listing.total_rows(
        firm, commissions.LINES, filters={"month": month}
    )


def test_a_list_without_totals_says_so(firm):  # noqa: F811
    from desktop.services import customers

    with pytest.raises(ValueError, match="no totals"):
        listing.total_rows(firm, customers.CUSTOMERS)
